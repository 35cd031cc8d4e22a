//! Lessons learned, gathered from every project the filters keep, each
//! linking back to its project.

use super::gathered::{count, from_project};
use crate::ctx::Ctx;
use crate::doc::{el, Node};
use crate::model::gather::lessons;
use crate::model::ProjectQuery;

pub fn page(cx: &Ctx, q: &ProjectQuery) -> Node {
    let projects = super::report::covered(cx, q);
    let items = lessons(&projects);
    let cards = items.iter().map(|(p, l)| el("li").class("card").child(el("p").text(l.get(cx.lang))).child(from_project(cx, p)));
    Node::Fragment(vec![count(cx, items.len(), &items.iter().map(|(p, _)| *p).collect::<Vec<_>>()), el("ul").class("cards").children(cards).into()])
}
