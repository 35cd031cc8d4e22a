//! The five reporting pages: the head (title, page links, filters) and the
//! page's part, both pure documents drawn again when the query in the URL
//! changes; on the dashboard, the field panel below.

use crate::components::report_nav::report_head;
use crate::pages::route::Report;
use crate::pages::{challenges, lessons, recommendations, report, timeline};
use crate::ui::frame::frame;
use crate::ui::doc_view::DocView;
use crate::ui::field_report::FieldReport;
use crate::ui::filters::{use_filters, Filters};
use crate::ui::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn ReportPage(which: Report) -> impl IntoView {
    let state = use_app_state();
    let Filters { query, on_action, .. } = use_filters(which.path());
    let head = Signal::derive(move || {
        let q = query.get();
        state.with_ctx(|cx| report_head(cx, which, &q))
    });
    let body = Signal::derive(move || {
        let q = query.get();
        state.with_ctx(|cx| match which {
            Report::Results => report::page(cx, &q),
            Report::Challenges => challenges::page(cx, &q),
            Report::Lessons => lessons::page(cx, &q),
            Report::Recommendations => recommendations::page(cx, &q),
            Report::Timeline => timeline::page(cx, &q),
        })
    });
    let mut parts = vec![view! { <DocView doc=head on_action=on_action/> }.into_any(), view! { <DocView doc=body/> }.into_any()];
    if which == Report::Results {
        parts.push(view! { <FieldReport query=query/> }.into_any());
    }
    frame("section", "page report", false, parts)
}
