//! What the three gathering pages (challenges, lessons, recommendations)
//! share: the count line and the link back to an item's project.

use crate::ctx::Ctx;
use crate::doc::{el, link, Element, Node};
use crate::i18n::fill;
use crate::model::Project;

/// « 5 éléments, de 3 projet(s) » as a status line, or the empty hint.
pub fn count(cx: &Ctx, n: usize, from: &[&Project]) -> Node {
    let t = cx.t();
    if n == 0 {
        return el("p").class("found empty").attr("role", "status").text(t.gather_none).into();
    }
    let mut ids: Vec<&str> = from.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let line = fill(cx.lang.plural(n, t.gather_one, t.gather_many).as_str(), &[("p", &ids.len())]);
    el("p").class("found").attr("role", "status").text(line).into()
}

/// « Projet : <its title> », a link to the project page, with the sample
/// mark when the project is one.
pub fn from_project(cx: &Ctx, p: &Project) -> Element {
    el("p")
        .class("from")
        .text(cx.t().gather_from)
        .child(link(format!("/projects/{}", p.id), p.title.get(cx.lang)).class("from-project"))
        .maybe(crate::components::sample_badge::sample_mark(cx.lang, p.sample))
}
