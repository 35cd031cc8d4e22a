use crate::map::{choropleth_class, legend_breaks};
use crate::state::use_app_state;
use leptos::prelude::*;

/// The choropleth's legend: one swatch per class that can occur.
#[component]
pub fn MapLegend(#[prop(into)] max: Signal<usize>) -> impl IntoView {
    let state = use_app_state();
    move || {
        let t = state.t();
        let max = max.get();
        let items = legend_breaks(max)
            .into_iter()
            .map(|(lo, hi)| {
                let text = if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") };
                view! { <li><span class=format!("swatch c{}", choropleth_class(lo, max))></span>{text}</li> }
            })
            .collect_view();
        view! {
            <div class="legend">
                <span class="legend-title">{t.map_legend_title}</span>
                <ul>
                    <li><span class="swatch c0"></span>{t.map_legend_none}</li>
                    {items}
                    <li><span class="swatch out"></span>{t.map_out_of_scope}</li>
                </ul>
            </div>
        }
    }
}
