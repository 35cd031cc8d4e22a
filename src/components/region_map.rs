use crate::map::{cercles_of, region, region_view_box};
use crate::state::use_app_state;
use leptos::prelude::*;
use std::collections::HashSet;

/// One region drawn with its cercles; cercles where a project runs are
/// marked (colour and a legend), and every cercle is named in the list
/// beside it for screen readers.
#[component]
pub fn RegionMap(pcode: String) -> impl IntoView {
    let state = use_app_state();
    let Some(shape) = region(&pcode) else {
        return ().into_any();
    };
    let view_box = region_view_box(&pcode);
    // Label size follows the zoom: about 1/28 of the view box width.
    let width: f64 = view_box.split(' ').nth(2).and_then(|w| w.parse().ok()).unwrap_or(1000.0);
    let font = format!("font-size:{:.1}px;stroke-width:{:.2}px", width / 28.0, width / 160.0);
    let stroke = format!("stroke-width:{:.2}px", width / 400.0);
    let with_projects = Memo::new({
        let pcode = pcode.clone();
        move |_| {
            state.dataset.with(|ds| {
                ds.projects
                    .iter()
                    .filter(|p| p.regions.contains(&pcode))
                    .flat_map(|p| p.cercles.iter().cloned())
                    .collect::<HashSet<String>>()
            })
        }
    });
    let cercles = cercles_of(&pcode)
        .map(|c| {
            let id = c.pcode;
            view! {
                <path d=c.d class="cercle" class:has-projects=move || with_projects.with(|s| s.contains(id)) style=stroke.clone()/>
            }
        })
        .collect_view();
    let labels = cercles_of(&pcode)
        .map(|c| view! { <text x=c.label.0 y=c.label.1 style=font.clone()>{c.name}</text> })
        .collect_view();
    view! {
        <figure class="region-map">
            <svg viewBox=view_box class="map" aria-hidden="true">
                <path d=shape.d class="region-outline" style=stroke.clone()/>
                {cercles}
                <g class="labels">{labels}</g>
            </svg>
            <figcaption class="legend">
                <ul>
                    <li><span class="swatch has-projects"></span>{move || state.t().region_cercles_legend}</li>
                </ul>
                <p class="attribution">{move || state.t().map_attribution}</p>
            </figcaption>
        </figure>
    }
    .into_any()
}
