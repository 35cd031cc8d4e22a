use crate::ui::var::{Keep, Var};
use crate::components::mali_map::{mali_map, Metric};
use crate::pages::home::{self, ACTION_SUMMARY_ALL};
use crate::ui::frame::frame;
use crate::ui::doc_view::DocView;
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use std::time::Duration;

/// How long the pointer rests on a region before the summary shows it:
/// crossing other regions on the way to the summary leaves it alone.
const HOVER_INTENT: Duration = Duration::from_millis(200);

/// Home: the pure parts of `pages::home` around the interactive map. Focus
/// on a region, or the pointer resting on it, fills the summary beside the
/// map (side by side from 768 px, stacked below), above the regions as a
/// list (open from the start on wide screens). The choice stays when the
/// pointer leaves the map, so the summary's link can be reached, until
/// another region is chosen or the summary's button clears it.
#[component]
pub fn Home() -> impl IntoView {
    let state = use_app_state();
    let selected = Var::new(None::<String>);
    let metric = Var::new(Metric::Projects);
    // The region under the pointer, not yet chosen.
    let pending = Keep::new(None::<String>);
    let top = Signal::derive(move || state.with_ctx(home::top));
    let map = Signal::derive(move || {
        let m = metric.get();
        state.with_ctx(|cx| mali_map(cx, m).into())
    });
    let summary = Signal::derive(move || {
        let sel = selected.get();
        state.with_ctx(|cx| home::summary(cx, sel.as_deref()))
    });
    let details = Signal::derive(move || state.with_ctx(home::details));
    // Wide screens (landscape tablets) start with the list open beside the map.
    let wide = window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w >= 900.0);
    let list = Signal::derive(move || state.with_ctx(|cx| home::region_list_alt(cx, wide)));
    let on_hover = Callback::new(move |r: Option<String>| {
        let focused = document().active_element().and_then(|e| e.get_attribute("data-region"));
        match r {
            // Focus (keyboard) chooses at once.
            Some(r) if focused.as_deref() == Some(r.as_str()) => {
                pending.set_value(None);
                selected.set(Some(r));
            }
            Some(r) => {
                pending.set_value(Some(r.clone()));
                set_timeout(
                    move || {
                        if pending.try_get_value().flatten().as_deref() == Some(r.as_str()) {
                            selected.try_set(Some(r));
                        }
                    },
                    HOVER_INTENT,
                );
            }
            // The pointer left the map: nothing pending, the choice stays.
            None => pending.set_value(None),
        }
    });
    let on_map = Callback::new(move |a: String| {
        if let Some(m) = Metric::from_action(&a) {
            metric.set(m);
        }
    });
    let on_summary = Callback::new(move |a: String| {
        if a == ACTION_SUMMARY_ALL {
            selected.set(None);
        }
    });
    let summary = view! { <DocView doc=summary on_action=on_summary/> }.into_any();
    let side = vec![frame("div", "summary", true, vec![summary]), view! { <DocView doc=list/> }.into_any()];
    let layout = vec![view! { <DocView doc=map on_hover=on_hover on_action=on_map/> }.into_any(), frame("aside", "side", false, side)];
    frame(
        "section",
        "page home",
        false,
        vec![view! { <DocView doc=top/> }.into_any(), frame("div", "map-layout", false, layout), view! { <DocView doc=details/> }.into_any()],
    )
}
