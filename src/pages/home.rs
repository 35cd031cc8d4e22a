use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    view! {
        <section class="page home">
            <h1>{move || t().home_title}</h1>
            <p>{move || t().home_intro}</p>
        </section>
    }
}
