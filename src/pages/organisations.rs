use crate::ctx::Ctx;
use crate::components::org_list::org_list;
use crate::doc::{el, Node};
use crate::model::normalize;

/// Every CSO, alphabetically (accents ignored).
pub fn page(cx: &Ctx) -> Node {
    let mut orgs: Vec<_> = cx.ds.organisations.iter().collect();
    orgs.sort_by_cached_key(|o| normalize(&o.name));
    el("section")
        .class("page organisations")
        .child(el("h1").text(cx.t().organisations_title))
        .child(org_list(cx, &orgs))
        .into()
}
