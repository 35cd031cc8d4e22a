use crate::components::results_table::ResultsTable;
use crate::components::sample_badge::SampleBadge;
use crate::i18n::{fill, format};
use crate::pages::not_found::Missing;
use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// A project's story: actors, achievements against plans, challenges and
/// solutions, lessons learned, recommendations.
#[component]
pub fn Project() -> impl IntoView {
    let state = use_app_state();
    let params = use_params_map();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        let ds = state.dataset.get();
        let lang = state.lang.get();
        let t = lang.t();
        let Some(p) = ds.project(&id).cloned() else {
            return view! { <Missing title=t.project_not_found/> }.into_any();
        };
        let org_link = |oid: &str| {
            let name = ds.organisation(oid).map(|o| o.display_name()).unwrap_or_else(|| oid.to_string());
            view! { <A href=format!("/organisations/{oid}")>{name}</A> }
        };
        let lead = org_link(&p.lead);
        let partners = p.partners.iter().map(|o| view! { <li>{org_link(o)}</li> }).collect_view();
        let regions = p
            .regions
            .iter()
            .map(|r| {
                let name = ds.region(r).map(|x| x.name.clone()).unwrap_or_else(|| r.clone());
                view! { <li><A href=format!("/regions/{r}")>{name}</A></li> }
            })
            .collect_view();
        let cercles = p
            .cercles
            .iter()
            .filter_map(|c| ds.cercle(c).map(|(_, c)| c.name.clone()))
            .collect::<Vec<_>>()
            .join(", ");
        let communes = p.communes.join(", ");
        let budget = p.budget.as_ref().map(|b| format!("{} {}", format::number(lang, b.amount), b.currency));
        let challenges = p
            .challenges
            .iter()
            .map(|c| {
                view! {
                    <li class="card">
                        <p><strong>{t.challenge}" : "</strong>{c.challenge.get(lang).to_string()}</p>
                        <p><strong>{t.solution}" : "</strong>{c.solution.get(lang).to_string()}</p>
                    </li>
                }
            })
            .collect_view();
        let lessons = p.lessons.iter().map(|l| view! { <li>{l.get(lang).to_string()}</li> }).collect_view();
        let recommendations = p
            .recommendations
            .iter()
            .map(|r| {
                let audience = r.audience.map(|a| {
                    view! { <small class="audience">{fill(t.audience_for, &[("a", &a.label(lang))])}</small> }
                });
                view! { <li>{r.text.get(lang).to_string()}" "{audience}</li> }
            })
            .collect_view();
        let dl_row = |label: &'static str, value: AnyView| view! { <dt>{label}</dt><dd>{value}</dd> };
        view! {
            <article class="page project">
                <p class="crumbs"><A href="/projects">{t.back_to_projects}</A></p>
                <h1>{p.title.get(lang).to_string()}</h1>
                {p.sample.then(|| view! { <SampleBadge/> })}
                <p class="lead">{p.summary.get(lang).to_string()}</p>
                <dl class="facts">
                    {dl_row(t.field_theme, p.theme.label(lang).into_any())}
                    {dl_row(t.field_dates, format!("{} – {}", format::date(lang, p.start), format::date(lang, p.end)).into_any())}
                    {dl_row(t.field_regions, view! { <ul class="inline">{regions}</ul> }.into_any())}
                    {(!cercles.is_empty()).then(|| dl_row(t.field_cercles, cercles.into_any()))}
                    {(!communes.is_empty()).then(|| dl_row(t.field_communes, communes.into_any()))}
                    {budget.map(|b| dl_row(t.field_budget, b.into_any()))}
                </dl>
                <h2>{t.actors_title}</h2>
                <dl class="facts">
                    {dl_row(t.field_lead, lead.into_any())}
                    {(!p.partners.is_empty()).then(|| dl_row(t.field_partners, view! { <ul class="inline">{partners}</ul> }.into_any()))}
                </dl>
                <h2>{t.results_title}</h2>
                <ResultsTable project=p.clone()/>
                <h2>{t.challenges_title}</h2>
                <ul class="cards">{challenges}</ul>
                <h2>{t.lessons_title}</h2>
                <ul>{lessons}</ul>
                <h2>{t.recommendations_title}</h2>
                <ul>{recommendations}</ul>
            </article>
        }
        .into_any()
    }
}
