use crate::ctx::Ctx;
use crate::doc::{el, link, Node};

/// The 404 page, also used for an unknown record id with its own title.
pub fn page(cx: &Ctx, title: &str) -> Node {
    let t = cx.t();
    el("section")
        .class("page not-found")
        .child(el("h1").text(title))
        .child(el("p").text(t.not_found_body))
        .child(el("p").child(link("/", t.not_found_home)))
        .into()
}
