use crate::components::mali_map::{mali_map, Metric};
use crate::pages::home;
use crate::ui::doc_view::DocView;
use crate::ui::state::use_app_state;
use leptos::prelude::*;

/// Home: the pure parts of `pages::home` around the interactive map. Hover
/// or focus on a region fills the summary beside the map (side by side from
/// 768 px, stacked below).
#[component]
pub fn Home() -> impl IntoView {
    let state = use_app_state();
    let selected = RwSignal::new(None::<String>);
    let metric = RwSignal::new(Metric::Projects);
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
    view! {
        <section class="page home">
            <DocView doc=top/>
            <div class="map-layout">
                <DocView
                    doc=map
                    on_hover=Callback::new(move |r: Option<String>| selected.set(r))
                    on_action=Callback::new(move |a: String| {
                        if let Some(m) = Metric::from_action(&a) {
                            metric.set(m);
                        }
                    })
                />
                <aside class="summary" aria-live="polite"><DocView doc=summary/></aside>
            </div>
            <DocView doc=details/>
        </section>
    }
}
