use crate::components::org_list::OrgList;
use crate::components::project_list::ProjectList;
use crate::components::region_map::RegionMap;
use crate::model::{csos_of_region, projects_of_region};
use crate::pages::not_found::Missing;
use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A region: its map with cercles, its projects and its CSOs.
#[component]
pub fn Region() -> impl IntoView {
    let state = use_app_state();
    let params = use_params_map();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        let ds = state.dataset.get();
        let lang = state.lang.get();
        let t = lang.t();
        let Some(region) = ds.region(&id).cloned() else {
            return view! { <Missing title=t.region_not_found/> }.into_any();
        };
        let projects: Vec<_> = projects_of_region(&ds, &id).into_iter().cloned().collect();
        let csos: Vec<_> = csos_of_region(&ds, &id).into_iter().cloned().collect();
        let cercles = region.cercles.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(", ");
        view! {
            <section class="page region">
                <h1>{region.name.clone()}</h1>
                {(!region.in_scope).then(|| view! { <p class="badge out">{t.out_of_scope}</p> })}
                <p class="counts">
                    {lang.plural(projects.len(), t.projects_one, t.projects_many)}", "
                    {lang.plural(csos.len(), t.csos_one, t.csos_many)}
                </p>
                <RegionMap pcode=id.clone()/>
                <p><strong>{t.region_cercles}" : "</strong>{cercles}</p>
                <h2>{t.region_projects}</h2>
                <ProjectList projects=projects/>
                <h2>{t.region_csos}</h2>
                <OrgList organisations=csos/>
            </section>
        }
        .into_any()
    }
}
