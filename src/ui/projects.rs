use crate::ui::var::{memo, Keep, Var};
use crate::components::project_filters::{self, Extra, CLEAR, TEXT};
use crate::pages::projects;
use crate::ui::frame::frame;
use crate::ui::doc_view::{field_value, DocView};
use crate::ui::filters::{use_filters, Filters};
use crate::model::ProjectQuery;
use crate::ui::state::use_app_state;
use leptos::prelude::*;

/// How long typing pauses before the search text goes into the URL.
pub const URL_DELAY_MS: u64 = 300;

/// Project list with accent-insensitive text search and filters by region,
/// theme and CSO. The query lives in the URL (`?q=&region=&theme=&cso=`), so
/// it survives reload and can be shared. The form and the results are pure
/// page parts ([`project_filters::form`], [`projects::results`]).
///
/// The form is drawn again when the lists' choices change, not while the
/// user types: a keystroke only updates the results (redrawing the field
/// under the keyboard would break input methods that compose text), and the
/// URL once typing pauses for [`URL_DELAY_MS`] (writing the history entry
/// took 7 ms a keystroke on a slowed CPU, more than the search itself). Two
/// small effects keep the field and the clear button in step when the URL
/// changes otherwise (back, clear).
#[component]
pub fn Projects() -> impl IntoView {
    let state = use_app_state();
    let Filters { query, on_action, write } = use_filters("/projects".to_string());
    let lists = memo(move || query.with(|q| (q.region.clone(), q.theme, q.cso.clone())));
    // The text typed and not yet in the URL; the timer that writes it.
    let typed: Var<Option<String>> = Var::new(None);
    let pending: Keep<Option<TimeoutHandle>> = Keep::new(None);
    let cancel = move || {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(None);
    };
    // Leaving the page before the timer fires: it would read this page's
    // values, gone by then (a panic stops the app).
    on_cleanup(cancel);
    // Once the URL has caught up, it is the truth again.
    crate::ui::effect(move || {
        let text = query.with(|q| q.text.clone());
        if typed.get_untracked().is_some_and(|t| t == text) {
            typed.set(None);
        }
    });
    let on_action = Callback::new(move |a: String| {
        if a == TEXT {
            typed.set(Some(field_value(TEXT)));
            cancel();
            let timer = set_timeout_with_handle(
                move || {
                    pending.set_value(None);
                    if let Some(text) = typed.get_untracked() {
                        write.run(ProjectQuery { text, page: 0, ..query.get_untracked() });
                    }
                },
                std::time::Duration::from_millis(URL_DELAY_MS),
            );
            pending.set_value(timer.ok());
            return;
        }
        // Another field: it takes the text as typed along (`use_filters`).
        cancel();
        typed.set(None);
        on_action.run(a);
    });
    crate::ui::effect(move || {
        let (text, empty) = query.with(|q| (q.text.clone(), q.is_empty()));
        let doc = document();
        if let Some(input) = doc.get_element_by_id(TEXT) {
            // Not under the fingers: what is typed may be ahead of the URL.
            let focused = doc.active_element().is_some_and(|a| a == input);
            if !focused && field_value(TEXT) != text {
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
    let index = memo(move || {
        state.with_ctx(|cx| Some(std::sync::Arc::new(crate::model::SearchIndex::new(cx.ds, cx.lang))))
    });
    let results = Signal::derive(move || {
        let mut q = query.get();
        if let Some(text) = typed.get() {
            q.text = text;
            q.page = 0;
        }
        let index = index.get();
        state.with_ctx(|cx| projects::results(cx, &q, index.as_deref()))
    });
    frame(
        "section",
        "page projects",
        false,
        vec![view! { <DocView doc=form on_action=on_action/> }.into_any(), view! { <DocView doc=results/> }.into_any()],
    )
}
