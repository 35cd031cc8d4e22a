use super::mali_map::{counts_of, counts_text, region_counts};
use crate::doc::{el, link, Element};
use crate::ctx::Ctx;

/// Every region with its project and CSO counts: the map's non-visual
/// alternative, and the regions page. Out-of-scope regions are listed, not
/// linked.
pub fn region_list(cx: &Ctx) -> Element {
    let t = cx.t();
    let counts = region_counts(cx.ds);
    el("ul").class("region-list").children(cx.ds.regions.iter().map(|r| {
        if r.in_scope {
            let numbers = counts_text(cx.lang, counts_of(&counts, &r.id));
            el("li")
                .class("region-row")
                .child(link(format!("/regions/{}", r.id), r.name.as_str()))
                .child(el("span").class("counts").text(numbers))
        } else {
            el("li")
                .class("region-row out")
                .child(el("span").text(r.name.as_str()))
                .child(el("span").class("counts").text(t.out_of_scope))
        }
    }))
}
