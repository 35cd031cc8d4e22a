use crate::components::map_legend::MapLegend;
use crate::i18n::Lang;
use crate::map::{choropleth_class, REGIONS, VIEWBOX};
use crate::model::{csos_per_region, projects_per_region, Dataset};
use crate::state::use_app_state;
use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use std::collections::HashMap;

/// What the choropleth counts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Metric {
    Projects,
    Csos,
}

/// Project and CSO counts per region id, from the loaded data.
pub fn region_counts(ds: &Dataset) -> HashMap<String, (usize, usize)> {
    let csos: HashMap<_, _> =
        csos_per_region(ds).into_iter().map(|(r, n)| (r.id.clone(), n)).collect();
    projects_per_region(ds)
        .into_iter()
        .map(|(r, n)| (r.id.clone(), (n, csos.get(&r.id).copied().unwrap_or(0))))
        .collect()
}

/// « Mopti — 3 projets, 6 OSC ».
pub fn region_label(lang: Lang, name: &str, (projects, csos): (usize, usize)) -> String {
    let t = lang.t();
    format!(
        "{name} — {}, {}",
        lang.plural(projects, t.projects_one, t.projects_many),
        lang.plural(csos, t.csos_one, t.csos_many)
    )
}

/// The map of Mali by region: a choropleth of projects (or CSOs) per
/// region. Each in-scope region is a focusable link (Tab, Enter) with an
/// accessible name; Bamako and Kidal are greyed and inert. `selected`
/// follows hover and focus, for a summary panel beside the map.
#[component]
pub fn MaliMap(selected: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app_state();
    let metric = RwSignal::new(Metric::Projects);
    let navigate = use_navigate();
    let counts = Memo::new(move |_| region_counts(&state.dataset.get()));
    let value = move |id: &str| {
        let (p, c) = counts.with(|m| m.get(id).copied().unwrap_or_default());
        match metric.get() {
            Metric::Projects => p,
            Metric::Csos => c,
        }
    };
    let max = move || {
        REGIONS.iter().filter(|r| r.in_scope).map(|r| value(r.pcode)).max().unwrap_or(0)
    };

    let open = move |id: &'static str| {
        let navigate = navigate.clone();
        move || navigate(&format!("/regions/{id}"), Default::default())
    };

    let shapes = REGIONS
        .iter()
        .map(|r| {
            let id = r.pcode;
            if !r.in_scope {
                return view! {
                    <path class="region out" d=r.d
                        role="img"
                        aria-label=move || format!("{} — {}", r.name, state.t().map_out_of_scope)/>
                }
                .into_any();
            }
            let go = open(id);
            let go_key = open(id);
            view! {
                <path
                    d=r.d
                    class=move || format!("region c{}", choropleth_class(value(id), max()))
                    class:selected=move || selected.get().as_deref() == Some(id)
                    role="link"
                    tabindex="0"
                    data-region=id
                    aria-label=move || {
                        let lang = state.lang.get();
                        region_label(lang, r.name, counts.with(|m| m.get(id).copied().unwrap_or_default()))
                    }
                    on:click=move |_| go()
                    on:keydown=move |e: ev::KeyboardEvent| {
                        if e.key() == "Enter" || e.key() == " " {
                            e.prevent_default();
                            go_key();
                        }
                    }
                    on:mouseenter=move |_| selected.set(Some(id.to_string()))
                    on:focus=move |_| selected.set(Some(id.to_string()))
                />
            }
            .into_any()
        })
        .collect_view();

    let labels = REGIONS
        .iter()
        .filter(|r| r.pcode != "ML09")
        .map(|r| {
            view! {
                <text x=r.label.0 y=r.label.1 class:out=!r.in_scope data-region=r.pcode>{r.name}</text>
            }
        })
        .collect_view();

    let toggle = move |m: Metric, label: fn(&crate::i18n::Texts) -> &'static str| {
        view! {
            <button
                type="button"
                class="toggle"
                aria-pressed=move || (metric.get() == m).to_string()
                on:click=move |_| metric.set(m)
            >
                {move || label(state.t())}
            </button>
        }
    };

    view! {
        <figure class="mali-map">
            <div class="map-controls" role="group" aria-label=move || state.t().map_metric_label>
                <span>{move || state.t().map_metric_label}</span>
                {toggle(Metric::Projects, |t| t.map_metric_projects)}
                {toggle(Metric::Csos, |t| t.map_metric_csos)}
            </div>
            <svg
                viewBox=VIEWBOX
                class="map"
                role="group"
                aria-label=move || state.t().map_title
                on:mouseleave=move |_| selected.set(None)
            >
                {shapes}
                <g class="labels" aria-hidden="true">{labels}</g>
            </svg>
            <MapLegend max=Signal::derive(max)/>
            <figcaption>
                <p class="hint">{move || state.t().map_hint}</p>
                <p class="attribution">
                    {move || state.t().map_attribution}" "
                    <A href="/about#map-attribution">{move || state.t().map_attribution_more}</A>
                </p>
            </figcaption>
        </figure>
    }
}
