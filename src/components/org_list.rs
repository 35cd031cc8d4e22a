use crate::components::sample_badge::SampleBadge;
use crate::model::{projects_of_cso, Organisation};
use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;

/// CSO cards: name (link), kind, home region, number of projects.
#[component]
pub fn OrgList(organisations: Vec<Organisation>) -> impl IntoView {
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        let t = lang.t();
        let ds = state.dataset.get();
        if organisations.is_empty() {
            return view! { <p class="empty">{t.none}</p> }.into_any();
        }
        let items = organisations
            .iter()
            .map(|o| {
                let home = ds.region(&o.home_region).map(|r| r.name.clone()).unwrap_or_default();
                let n = projects_of_cso(&ds, &o.id).len();
                let (href, name) = (format!("/organisations/{}", o.id), o.display_name());
                view! {
                    <li class="card">
                        <A href=href attr:class="card-title">{name}</A>
                        {o.sample.then(|| view! { <SampleBadge/> })}
                        <p class="meta">
                            {o.kind.label(lang)}" · "{home}" · "
                            {lang.plural(n, t.projects_one, t.projects_many)}
                        </p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="cards">{items}</ul> }.into_any()
    }
}
