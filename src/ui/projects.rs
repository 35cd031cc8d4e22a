use crate::components::project_filters::{self, Extra, CLEAR, TEXT};
use crate::pages::projects;
use crate::ui::doc_view::{field_value, DocView};
use crate::ui::filters::{use_filters, Filters};
use crate::ui::state::use_app_state;
use leptos::prelude::*;

/// Project list with accent-insensitive text search and filters by region,
/// theme and CSO. The query lives in the URL (`?q=&region=&theme=&cso=`), so
/// it survives reload and can be shared. The form and the results are pure
/// page parts ([`project_filters::form`], [`projects::results`]).
///
/// The form is drawn again when the lists' choices change, not while the
/// user types: a keystroke only updates the URL and the results (redrawing
/// the field under the keyboard would break input methods that compose
/// text). Two small effects keep the field and the clear button in step
/// when the URL changes otherwise (back, clear).
#[component]
pub fn Projects() -> impl IntoView {
    let state = use_app_state();
    let Filters { query, on_action } = use_filters("/projects".to_string());
    let lists = Memo::new(move |_| query.with(|q| (q.region.clone(), q.theme, q.cso.clone())));
    Effect::new(move |_| {
        let (text, empty) = query.with(|q| (q.text.clone(), q.is_empty()));
        let doc = document();
        if let Some(input) = doc.get_element_by_id(TEXT) {
            if field_value(TEXT) != text {
                let _ = js_sys::Reflect::set(&input, &"value".into(), &text.into());
            }
        }
        if let Some(clear) = doc.get_element_by_id(CLEAR) {
            let _ = js_sys::Reflect::set(&clear, &"disabled".into(), &empty.into());
        }
    });

    let form = Signal::derive(move || {
        // Read (not only tracked): a memo never read has not subscribed to
        // the query yet, so it would never say it changed.
        lists.with(|_| ());
        let q = query.get_untracked();
        state.with_ctx(|cx| -> crate::doc::Node {
            vec![crate::doc::el("h1").text(cx.t().projects_title).into(), project_filters::form(cx, &q, Extra::Text).into()].into()
        })
    });
    // The search index, built once per data and language (not per keystroke).
    let index = Memo::new(move |_| {
        state.with_ctx(|cx| Some(std::sync::Arc::new(crate::model::SearchIndex::new(cx.ds, cx.lang))))
    });
    let results = Signal::derive(move || {
        let q = query.get();
        let index = index.get();
        state.with_ctx(|cx| projects::results(cx, &q, index.as_deref()))
    });
    view! {
        <section class="page projects">
            <DocView doc=form on_action=on_action/>
            <DocView doc=results/>
        </section>
    }
}
