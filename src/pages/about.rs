use crate::state::use_app_state;
use leptos::prelude::*;

/// Programme, funder and partners, sample-data notice, map attribution, licence.
#[component]
pub fn About() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    view! {
        <section class="page about">
            <h1>{move || t().about_title}</h1>
            <h2>{move || t().about_programme_title}</h2>
            <p>{move || t().about_programme}</p>
            <h2>{move || t().about_sample_title}</h2>
            <p>{move || t().about_sample}</p>
            <h2 id="map-attribution">{move || t().about_map_title}</h2>
            <p>{move || t().about_map}</p>
            <h2>{move || t().about_licence_title}</h2>
            <p>{move || t().about_licence}</p>
        </section>
    }
}
