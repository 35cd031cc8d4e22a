//! Recommendations gathered from every project the filters keep, grouped by
//! the audience the data gives (then those with none), each linking back to
//! its project.

use super::gathered::{count, from_project};
use crate::ctx::Ctx;
use crate::doc::{el, Node};
use crate::model::gather::recommendations_by_audience;
use crate::model::ProjectQuery;

pub fn page(cx: &Ctx, q: &ProjectQuery) -> Node {
    let (lang, t) = (cx.lang, cx.t());
    let projects = super::report::covered(cx, q);
    let groups = recommendations_by_audience(&projects);
    let all: Vec<_> = groups.iter().flat_map(|(_, items)| items.iter().map(|(p, _)| *p)).collect();
    let mut out = vec![count(cx, all.len(), &all)];
    for (audience, items) in &groups {
        out.push(el("h2").text(audience.map_or(t.audience_none, |a| a.label(lang))).into());
        let cards = items.iter().map(|(p, r)| el("li").class("card").child(el("p").text(r.text.get(lang))).child(from_project(cx, p)));
        out.push(el("ul").class("cards").children(cards).into());
    }
    Node::Fragment(out)
}
