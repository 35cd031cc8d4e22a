use crate::components::project_list::ProjectList;
use crate::model::{filter_projects, ProjectQuery, Theme};
use crate::state::use_app_state;
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Project list with accent-insensitive text search and filters by region,
/// theme and CSO. The query lives in the URL (`?q=&region=&theme=&cso=`), so
/// it survives reload and can be shared.
#[component]
pub fn Projects() -> impl IntoView {
    let state = use_app_state();
    let query_map = use_query_map();
    let navigate = use_navigate();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        ProjectQuery::from_query_pairs(
            ["q", "region", "theme", "cso"]
                .into_iter()
                .filter_map(|k| map.get(k).map(|v| (k, v))),
        )
    });
    let apply = move |change: &dyn Fn(&mut ProjectQuery)| {
        let mut q = query.get_untracked();
        change(&mut q);
        let qs = q.to_query_string();
        let url = if qs.is_empty() { "/projects".to_string() } else { format!("/projects?{qs}") };
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let apply_text = apply.clone();
    let apply_region = apply.clone();
    let apply_theme = apply.clone();
    let apply_cso = apply.clone();
    let apply_clear = apply;

    let region_options = move || {
        let ds = state.dataset.get();
        let selected = query.with(|q| q.region.clone());
        ds.in_scope_regions()
            .map(|r| {
                let is = selected.as_deref() == Some(r.id.as_str());
                view! { <option value=r.id.clone() selected=is>{r.name.clone()}</option> }
            })
            .collect_view()
    };
    let theme_options = move || {
        let lang = state.lang.get();
        let selected = query.with(|q| q.theme);
        Theme::ALL
            .iter()
            .map(|th| {
                view! { <option value=th.slug() selected=selected == Some(*th)>{th.label(lang)}</option> }
            })
            .collect_view()
    };
    let cso_options = move || {
        let ds = state.dataset.get();
        let selected = query.with(|q| q.cso.clone());
        let mut orgs: Vec<_> = ds.organisations.iter().collect();
        orgs.sort_by_key(|o| crate::model::normalize(&o.name));
        orgs.into_iter()
            .map(|o| {
                let is = selected.as_deref() == Some(o.id.as_str());
                view! { <option value=o.id.clone() selected=is>{o.display_name()}</option> }
            })
            .collect_view()
    };

    let results = move || {
        let lang = state.lang.get();
        let t = lang.t();
        let ds = state.dataset.get();
        let found: Vec<_> =
            query.with(|q| filter_projects(&ds, q, lang).into_iter().cloned().collect());
        let n = found.len();
        view! {
            <p class="found" role="status">{lang.plural(n, t.found_one, t.found_many)}</p>
            {(n == 0).then(|| view! { <p class="empty">{t.no_results}</p> })}
            <ProjectList projects=found/>
        }
    };

    let t = move || state.t();
    view! {
        <section class="page projects">
            <h1>{move || t().projects_title}</h1>
            <form class="filters" role="search" on:submit=|e: ev::SubmitEvent| e.prevent_default()>
                <div class="field wide">
                    <label for="q">{move || t().search_label}</label>
                    <input
                        id="q"
                        type="search"
                        autocomplete="off"
                        aria-describedby="q-hint"
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |e| {
                            let v = event_target_value(&e);
                            apply_text(&|q| q.text = v.clone());
                        }
                    />
                    <small id="q-hint">{move || t().search_hint}</small>
                </div>
                <div class="field">
                    <label for="f-region">{move || t().filter_region}</label>
                    <select id="f-region" on:change=move |e| {
                        let v = event_target_value(&e);
                        apply_region(&|q| q.region = Some(v.clone()).filter(|s| !s.is_empty()));
                    }>
                        <option value="" selected=move || query.with(|q| q.region.is_none())>{move || t().filter_any_f}</option>
                        {region_options}
                    </select>
                </div>
                <div class="field">
                    <label for="f-theme">{move || t().filter_theme}</label>
                    <select id="f-theme" on:change=move |e| {
                        let v = event_target_value(&e);
                        apply_theme(&|q| q.theme = Theme::from_slug(&v));
                    }>
                        <option value="" selected=move || query.with(|q| q.theme.is_none())>{move || t().filter_any_m}</option>
                        {theme_options}
                    </select>
                </div>
                <div class="field">
                    <label for="f-cso">{move || t().filter_cso}</label>
                    <select id="f-cso" on:change=move |e| {
                        let v = event_target_value(&e);
                        apply_cso(&|q| q.cso = Some(v.clone()).filter(|s| !s.is_empty()));
                    }>
                        <option value="" selected=move || query.with(|q| q.cso.is_none())>{move || t().filter_any_f}</option>
                        {cso_options}
                    </select>
                </div>
                <button
                    type="button"
                    class="secondary"
                    disabled=move || query.with(|q| q.is_empty())
                    on:click=move |_| apply_clear(&|q| *q = ProjectQuery::default())
                >
                    {move || t().filter_clear}
                </button>
            </form>
            {results}
        </section>
    }
}
