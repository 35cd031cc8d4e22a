use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;

/// The 404 page for an unknown route.
#[component]
pub fn NotFound() -> impl IntoView {
    let state = use_app_state();
    view! { <Missing title=Signal::derive(move || state.t().not_found_title)/> }
}

/// "Not found" body, also used by record pages for an unknown id.
#[component]
pub fn Missing(#[prop(into)] title: Signal<&'static str>) -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    view! {
        <section class="page not-found">
            <h1>{move || title.get()}</h1>
            <p>{move || t().not_found_body}</p>
            <p><A href="/">{move || t().not_found_home}</A></p>
        </section>
    }
}
