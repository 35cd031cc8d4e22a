use crate::components::sample_badge::SampleBadge;
use crate::model::Project;
use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;

/// Project cards: title (link), theme, regions, lead CSO, sample mark.
#[component]
pub fn ProjectList(projects: Vec<Project>) -> impl IntoView {
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        let ds = state.dataset.get();
        if projects.is_empty() {
            return view! { <p class="empty">{lang.t().none}</p> }.into_any();
        }
        let items = projects
            .iter()
            .map(|p| {
                let regions = p
                    .regions
                    .iter()
                    .filter_map(|r| ds.region(r).map(|r| r.name.clone()))
                    .collect::<Vec<_>>()
                    .join(", ");
                let (href, title) = (format!("/projects/{}", p.id), p.title.get(lang).to_string());
                let lead = ds.organisation(&p.lead).map(|o| o.display_name()).unwrap_or_default();
                view! {
                    <li class="card">
                        <A href=href attr:class="card-title">{title}</A>
                        {p.sample.then(|| view! { <SampleBadge/> })}
                        <p class="meta">
                            <span>{p.theme.label(lang)}</span>" · "<span>{regions}</span>
                        </p>
                        <p class="meta">{lead}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="cards">{items}</ul> }.into_any()
    }
}
