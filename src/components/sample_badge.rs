use crate::state::use_app_state;
use leptos::prelude::*;

/// The « Données d'exemple / Sample data » mark shown on every sample record.
#[component]
pub fn SampleBadge() -> impl IntoView {
    let state = use_app_state();
    view! { <span class="badge sample">{move || state.t().sample_badge}</span> }
}
