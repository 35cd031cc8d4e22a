use crate::components::org_list::OrgList;
use crate::model::normalize;
use crate::state::use_app_state;
use leptos::prelude::*;

/// Every CSO, alphabetically (accents ignored).
#[component]
pub fn Organisations() -> impl IntoView {
    let state = use_app_state();
    move || {
        let t = state.t();
        let mut orgs = state.dataset.get().organisations.clone();
        orgs.sort_by_key(|o| normalize(&o.name));
        view! {
            <section class="page organisations">
                <h1>{t.organisations_title}</h1>
                <OrgList organisations=orgs/>
            </section>
        }
    }
}
