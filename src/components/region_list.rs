use crate::model::{csos_per_region, projects_per_region};
use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;

/// Every region with its project and CSO counts: the map's non-visual
/// alternative, and the regions page. Out-of-scope regions are listed, not
/// linked.
#[component]
pub fn RegionList() -> impl IntoView {
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        let t = lang.t();
        let ds = state.dataset.get();
        let csos = csos_per_region(&ds);
        projects_per_region(&ds)
            .into_iter()
            .zip(csos)
            .map(|((region, projects), (_, csos))| {
                let counts = format!(
                    "{}, {}",
                    lang.plural(projects, t.projects_one, t.projects_many),
                    lang.plural(csos, t.csos_one, t.csos_many)
                );
                let (href, name) = (format!("/regions/{}", region.id), region.name.clone());
                if region.in_scope {
                    view! {
                        <li class="region-row">
                            <A href=href>{name}</A>
                            <span class="counts">{counts}</span>
                        </li>
                    }
                    .into_any()
                } else {
                    view! {
                        <li class="region-row out">
                            <span>{name}</span>
                            <span class="counts">{t.out_of_scope}</span>
                        </li>
                    }
                    .into_any()
                }
            })
            .collect_view()
    }
}
