use crate::ctx::Ctx;
use crate::components::region_list::region_list;
use crate::doc::{el, Node};

pub fn page(cx: &Ctx) -> Node {
    let t = cx.t();
    el("section")
        .class("page regions")
        .child(el("h1").text(t.regions_title))
        .child(el("p").text(t.regions_intro))
        .child(region_list(cx))
        .into()
}
