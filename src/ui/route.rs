//! Route views for the read-only pages: build the page's tree from the
//! data, language and route parameter, render it, and title the document
//! after its first heading.

use crate::doc::Node;
use crate::pages::Ctx;
use crate::ui::doc_view::DocView;
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn titled(node: Node) -> Node {
    let heading = node.by_tag("h1").first().map(|h| h.text_content());
    let app = "Paix à la base";
    document().set_title(&match heading {
        Some(h) if h != app => format!("{h} — {app}"),
        _ => app.to_string(),
    });
    node
}

/// A page without parameter.
pub fn page(build: fn(&Ctx) -> Node) -> impl IntoView {
    let state = use_app_state();
    view! { <DocView doc=Signal::derive(move || titled(state.with_ctx(build)))/> }
}

/// A page for one record, named by the `:id` route parameter.
pub fn record(build: fn(&Ctx, &str) -> Node) -> impl IntoView {
    let state = use_app_state();
    let params = use_params_map();
    let doc = Signal::derive(move || {
        let id = params.read().get("id").unwrap_or_default();
        titled(state.with_ctx(|cx| build(cx, &id)))
    });
    view! { <DocView doc=doc/> }
}
