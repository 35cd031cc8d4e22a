use crate::components::project_list::ProjectList;
use crate::components::sample_badge::SampleBadge;
use crate::model::projects_of_cso;
use crate::pages::not_found::Missing;
use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// A CSO: what it is, where it works, its projects and its role in each.
#[component]
pub fn Organisation() -> impl IntoView {
    let state = use_app_state();
    let params = use_params_map();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        let ds = state.dataset.get();
        let lang = state.lang.get();
        let t = lang.t();
        let Some(o) = ds.organisation(&id).cloned() else {
            return view! { <Missing title=t.org_not_found/> }.into_any();
        };
        let region_link = |r: &str| {
            let name = ds.region(r).map(|x| x.name.clone()).unwrap_or_else(|| r.to_string());
            view! { <A href=format!("/regions/{r}")>{name}</A> }
        };
        let home = region_link(&o.home_region);
        let work = o.regions.iter().map(|r| view! { <li>{region_link(r)}</li> }).collect_view();
        let projects: Vec<_> = projects_of_cso(&ds, &id).into_iter().cloned().collect();
        let roles = projects
            .iter()
            .map(|p| {
                let role = if p.lead == o.id { t.role_lead } else { t.role_partner };
                let (href, title) = (format!("/projects/{}", p.id), p.title.get(lang).to_string());
                view! {
                    <li><A href=href>{title}</A>" — "{role}</li>
                }
            })
            .collect_view();
        let contact = o.contact.clone().map(|c| {
            let parts: Vec<String> =
                [c.email, c.phone, c.website, c.address].into_iter().flatten().collect();
            view! { <dt>{t.field_contact}</dt><dd>{parts.join(" · ")}</dd> }
        });
        view! {
            <article class="page organisation">
                <p class="crumbs"><A href="/organisations">{t.back_to_organisations}</A></p>
                <h1>{o.display_name()}</h1>
                {o.sample.then(|| view! { <SampleBadge/> })}
                <dl class="facts">
                    <dt>{t.field_kind}</dt><dd>{o.kind.label(lang)}</dd>
                    <dt>{t.field_home_region}</dt><dd>{home}</dd>
                    {(!o.regions.is_empty()).then(|| view! {
                        <dt>{t.field_work_regions}</dt><dd><ul class="inline">{work}</ul></dd>
                    })}
                    {contact}
                </dl>
                <h2>{t.org_projects}</h2>
                <ul>{roles}</ul>
                <ProjectList projects=projects/>
            </article>
        }
        .into_any()
    }
}
