//! The head of every reporting page: its title, the links between the five
//! pages (the filters carried along), the sample mark and the filters.

use super::project_filters::{form, Extra};
use super::sample_badge::data_sample_mark;
use crate::ctx::Ctx;
use crate::doc::{el, link, Node};
use crate::model::ProjectQuery;
use crate::pages::route::Report;

/// Title, page links, sample mark, filters.
pub fn report_head(cx: &Ctx, which: Report, q: &ProjectQuery) -> Node {
    let t = cx.t();
    // The filters go along, not the project list's text.
    let carried = ProjectQuery { text: String::new(), ..q.clone() };
    let links = Report::ALL.into_iter().map(|r| {
        let id = if r == Report::Results { "results" } else { r.slug() };
        let a = link(carried.url(&r.path()), r.title(t)).attr("id", format!("report-{id}"));
        el("li").child(if r == which { a.attr("aria-current", "page") } else { a })
    });
    let extra = if which == Report::Results { Extra::Indicator } else { Extra::None };
    Node::Fragment(vec![
        el("h1").text(which.title(t)).into(),
        el("nav").class("subnav").attr("aria-label", t.report_nav_label).child(el("ul").children(links)).into(),
        data_sample_mark(cx).map(Node::from).unwrap_or_default(),
        form(cx, q, extra).into(),
    ])
}
