use crate::model::{normalize, ProjectQuery, Theme};
use crate::pages::projects;
use crate::ui::doc_view::DocView;
use crate::ui::state::use_app_state;
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Project list with accent-insensitive text search and filters by region,
/// theme and CSO. The query lives in the URL (`?q=&region=&theme=&cso=`), so
/// it survives reload and can be shared; the results are a pure page part.
#[component]
pub fn Projects() -> impl IntoView {
    let state = use_app_state();
    let query_map = use_query_map();
    let navigate = use_navigate();
    document().set_title(&format!("{} — Paix à la base", state.t().projects_title));
    let query = Memo::new(move |_| {
        let map = query_map.read();
        ProjectQuery::from_query_pairs(
            ["q", "region", "theme", "cso"].into_iter().filter_map(|k| map.get(k).map(|v| (k, v))),
        )
    });
    // Each change rewrites the URL (replacing the history entry).
    let apply = move |change: &dyn Fn(&mut ProjectQuery)| {
        let mut q = query.get_untracked();
        change(&mut q);
        let qs = q.to_query_string();
        let url = if qs.is_empty() { "/projects".to_string() } else { format!("/projects?{qs}") };
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let clear = apply.clone();
    let on_change = move |key: &'static str| {
        let apply = apply.clone();
        move |e: ev::Event| {
            let v = event_target_value(&e);
            apply(&|q| match key {
                "q" => q.text = v.clone(),
                "region" => q.region = Some(v.clone()).filter(|s| !s.is_empty()),
                "theme" => q.theme = Theme::from_slug(&v),
                _ => q.cso = Some(v.clone()).filter(|s| !s.is_empty()),
            });
        }
    };
    let on_input = on_change.clone()("q");

    // Options as (value, label, selected) from the data, for one <select>.
    let options = move |key: &'static str| {
        move || {
            let lang = state.lang.get();
            let q = query.get();
            let ds = state.dataset.get();
            let list: Vec<(String, String, bool)> = match key {
                "region" => ds
                    .in_scope_regions()
                    .map(|r| (r.id.clone(), r.name.clone(), q.region.as_deref() == Some(&r.id)))
                    .collect(),
                "theme" => Theme::ALL
                    .iter()
                    .map(|t| (t.slug().to_string(), t.label(lang).to_string(), q.theme == Some(*t)))
                    .collect(),
                _ => {
                    let mut orgs: Vec<_> = ds.organisations.iter().collect();
                    orgs.sort_by_cached_key(|o| normalize(&o.name));
                    orgs.into_iter()
                        .map(|o| (o.id.clone(), o.display_name(), q.cso.as_deref() == Some(&o.id)))
                        .collect()
                }
            };
            list.into_iter()
                .map(|(value, label, selected)| view! { <option value=value selected=selected>{label}</option> })
                .collect_view()
        }
    };
    let select = move |key: &'static str, label: fn(&crate::i18n::Texts) -> &'static str, any: fn(&crate::i18n::Texts) -> &'static str| {
        let id = format!("f-{key}");
        view! {
            <div class="field">
                <label for=id.clone()>{move || label(state.t())}</label>
                <select id=id on:change=on_change(key)>
                    <option value="">{move || any(state.t())}</option>
                    {options(key)}
                </select>
            </div>
        }
    };

    let results = Signal::derive(move || {
        let q = query.get();
        state.with_ctx(|cx| projects::results(cx, &q))
    });
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
                        on:input=on_input
                    />
                    <small id="q-hint">{move || t().search_hint}</small>
                </div>
                {select("region", |t| t.filter_region, |t| t.filter_any_f)}
                {select("theme", |t| t.filter_theme, |t| t.filter_any_m)}
                {select("cso", |t| t.filter_cso, |t| t.filter_any_f)}
                <button
                    type="button"
                    class="secondary"
                    disabled=move || query.with(|q| q.is_empty())
                    on:click=move |_| clear(&|q| *q = ProjectQuery::default())
                >
                    {move || t().filter_clear}
                </button>
            </form>
            <DocView doc=results/>
        </section>
    }
}
