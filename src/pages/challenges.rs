//! Challenges and the solutions found, gathered from every project the
//! filters keep, each linking back to its project.

use super::gathered::{count, from_project};
use crate::ctx::Ctx;
use crate::doc::{el, Node};
use crate::i18n::fill;
use crate::model::gather::challenges;
use crate::model::ProjectQuery;

pub fn page(cx: &Ctx, q: &ProjectQuery) -> Node {
    let (lang, t) = (cx.lang, cx.t());
    let projects = super::report::covered(cx, q);
    let items = challenges(&projects);
    let cards = items.iter().map(|(p, c)| {
        el("li")
            .class("card")
            .child(el("p").child(el("strong").text(fill(t.label_colon, &[("l", &t.challenge)]))).text(c.challenge.get(lang)))
            .child(el("p").child(el("strong").text(fill(t.label_colon, &[("l", &t.solution)]))).text(c.solution.get(lang)))
            .child(from_project(cx, p))
    });
    Node::Fragment(vec![count(cx, items.len(), &items.iter().map(|(p, _)| *p).collect::<Vec<_>>()), el("ul").class("cards").children(cards).into()])
}
