use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    view! {
        <section class="page not-found">
            <h1>{move || t().not_found_title}</h1>
            <p>{move || t().not_found_body}</p>
            <p><A href="/">{move || t().not_found_home}</A></p>
        </section>
    }
}
