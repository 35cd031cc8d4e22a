use crate::components::region_list::RegionList;
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn Regions() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    view! {
        <section class="page regions">
            <h1>{move || t().regions_title}</h1>
            <p>{move || t().regions_intro}</p>
            <ul class="region-list"><RegionList/></ul>
        </section>
    }
}
