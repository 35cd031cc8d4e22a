use crate::components::mali_map::{region_counts, region_label, MaliMap};
use crate::components::region_list::RegionList;
use crate::i18n::format;
use crate::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;

/// Programme at a glance: counts, map with a summary of the region under
/// the pointer or focus, objective, timeline, funding and partners.
#[component]
pub fn Home() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    let selected = RwSignal::new(None::<String>);

    let stats = move || {
        let ds = state.dataset.get();
        let t = state.t();
        let stat = |n: usize, label: &'static str| {
            view! { <li><strong>{n}</strong><span>{label}</span></li> }
        };
        view! {
            <ul class="stats" aria-label=t.stats_label>
                {stat(ds.projects.len(), t.stat_projects)}
                {stat(ds.organisations.len(), t.stat_csos)}
                {stat(ds.in_scope_regions().count(), t.stat_regions)}
            </ul>
        }
    };

    let summary = move || {
        let lang = state.lang.get();
        let t = lang.t();
        let ds = state.dataset.get();
        match selected.get().and_then(|id| ds.region(&id).cloned()) {
            Some(region) => {
                let counts = region_counts(&ds).get(&region.id).copied().unwrap_or_default();
                view! {
                    <h3>{region.name.clone()}</h3>
                    <p>{region_label(lang, &region.name, counts)}</p>
                    <A href=format!("/regions/{}", region.id)>{t.summary_open}</A>
                }
                .into_any()
            }
            None => view! {
                <h3>{t.summary_all}</h3>
                <p>
                    {lang.plural(ds.projects.len(), t.projects_one, t.projects_many)}", "
                    {lang.plural(ds.organisations.len(), t.csos_one, t.csos_many)}
                </p>
            }
            .into_any(),
        }
    };

    let programme = move || {
        let lang = state.lang.get();
        let t = lang.t();
        let ds = state.dataset.get();
        let p = &ds.programme;
        let objective = p.objective().clone();
        let periods = p
            .periods
            .iter()
            .map(|period| {
                let place = period.place.clone().map(|pl| format!(" — {pl}"));
                view! {
                    <li>
                        <strong>{period.label.get(lang).to_string()}</strong>" : "
                        {format::span(lang, period.start, period.end)}{place}
                    </li>
                }
            })
            .collect_view();
        let partners = p
            .implementing_partners
            .iter()
            .map(|pa| view! { <li><strong>{pa.name.clone()}</strong>" — "{pa.role.get(lang).to_string()}</li> })
            .collect_view();
        view! {
            <section aria-labelledby="objective">
                <h2 id="objective">{lang.t().objective_title}</h2>
                <blockquote class="objective" lang="fr">{objective.fr.clone()}</blockquote>
                {objective.is_translation(lang).then(|| view! {
                    <p class="translation"><em>{objective.get(lang).to_string()}</em>" "<small>{t.translation_note}</small></p>
                })}
            </section>
            <section aria-labelledby="periods">
                <h2 id="periods">{t.periods_title}</h2>
                <ul class="plain">{periods}</ul>
            </section>
            <section aria-labelledby="funding">
                <h2 id="funding">{t.funding_title}</h2>
                <p>
                    <strong>{t.funder_label}" : "</strong>{p.funder.get(lang).to_string()}
                    " — "{p.funding_instrument.get(lang).to_string()}
                </p>
                <ul class="plain">{partners}</ul>
            </section>
        }
    };

    view! {
        <section class="page home">
            <h1>{move || state.dataset.with(|ds| ds.programme.name.get(state.lang.get()).to_string())}</h1>
            <p class="lead">{move || t().home_intro}</p>
            {stats}
            <h2>{move || t().map_title}</h2>
            <div class="map-layout">
                <MaliMap selected=selected/>
                <aside class="summary" aria-live="polite">{summary}</aside>
            </div>
            <details class="region-list-alt">
                <summary>{move || t().map_list_title}</summary>
                <ul class="region-list"><RegionList/></ul>
            </details>
            {programme}
        </section>
    }
}
