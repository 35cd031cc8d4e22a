use crate::components::sample_badge::SampleBadge;
use crate::i18n::{format, Lang};
use crate::model::{totals_by_indicator, Dataset, LogframeNode};
use crate::state::use_app_state;
use leptos::prelude::*;

fn node_view(ds: &Dataset, lang: Lang, node: &LogframeNode) -> AnyView {
    let t = lang.t();
    let indicators = node
        .indicators
        .iter()
        .filter_map(|id| ds.indicator(id))
        .map(|i| view! { <li>{i.label.get(lang).to_string()}</li> })
        .collect_view();
    let children = node.children.iter().map(|c| node_view(ds, lang, c)).collect_view();
    view! {
        <li class=format!("lf-node {}", node.level.slug())>
            <span class="lf-level">{node.id.clone()}" · "{node.level.label(lang)}</span>
            {node.sample.then(|| view! { <SampleBadge/> })}
            <p>{node.text.get(lang).to_string()}</p>
            {(!node.indicators.is_empty()).then(|| view! {
                <p class="lf-ind-title">{t.indicators_label}</p>
                <ul class="lf-indicators">{indicators}</ul>
            })}
            {(!node.children.is_empty()).then(|| view! { <ul class="lf-children">{children}</ul> })}
        </li>
    }
    .into_any()
}

/// The logical framework as a tree, and programme totals by indicator.
#[component]
pub fn Logframe() -> impl IntoView {
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        let t = lang.t();
        let ds = state.dataset.get();
        let tree = node_view(&ds, lang, &ds.programme.logframe);
        let totals = totals_by_indicator(&ds)
            .into_iter()
            .map(|tot| {
                let label = ds.indicator(&tot.indicator).map(|i| i.label.get(lang).to_string()).unwrap_or_default();
                view! {
                    <tr>
                        <th scope="row">{label}</th>
                        <td>{tot.projects}</td>
                        <td>{format::number(lang, tot.target.total)}</td>
                        <td>{format::number(lang, tot.achieved.total)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="page logframe">
                <h1>{t.logframe_title}</h1>
                <p>{t.logframe_intro}</p>
                <ul class="lf-tree">{tree}</ul>
                <h2>{t.totals_title}</h2>
                <p>{t.totals_intro}</p>
                <div class="table-wrap">
                    <table class="results">
                        <thead><tr>
                            <th scope="col">{t.col_indicator}</th>
                            <th scope="col">{t.col_projects}</th>
                            <th scope="col">{t.col_target}</th>
                            <th scope="col">{t.col_achieved}</th>
                        </tr></thead>
                        <tbody>{totals}</tbody>
                    </table>
                </div>
            </section>
        }
    }
}
