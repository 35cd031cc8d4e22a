//! The timeline: the programme's named periods and the period of each
//! project the filters keep, on one horizontal axis. Drawn as a list of
//! rows (a label and a bar placed in percent of the axis) rather than SVG:
//! each project is a real link, which the router follows and which screen
//! readers list with its dates. The axis has a minimum width, so on a
//! phone the timeline scrolls sideways inside its box, and on a tablet it
//! fits.

use crate::components::sample_badge::sample_mark;
use crate::ctx::Ctx;
use crate::doc::{el, link, Element, Node};
use crate::i18n::{fill, format};
use crate::model::timeline::{timeline, Span};
use crate::model::ProjectQuery;
use chrono::Datelike;

fn place(s: Span) -> String {
    format!("margin-left:{}.{}%;width:{}.{}%", s.left / 10, s.left % 10, s.width / 10, s.width % 10)
}

fn row(label: Element, dates: String, span: Span, class: &str) -> Element {
    el("li")
        .class(format!("tl-row {class}"))
        .child(label)
        .child(el("span").class("tl-dates").text(dates))
        .child(el("span").class("tl-track").attr("aria-hidden", "true").child(el("span").class("tl-bar").attr("style", place(span))))
}

pub fn page(cx: &Ctx, q: &ProjectQuery) -> Node {
    let (lang, t) = (cx.lang, cx.t());
    let projects = super::report::covered(cx, q);
    let Some(tl) = timeline(cx.ds, &projects) else {
        return el("p").class("empty").text(t.report_none).into();
    };
    let last = tl.months.last().map_or(tl.start, |(m, _)| *m);
    let axis_label = fill(t.timeline_axis, &[("a", &format::month_year(lang, tl.start)), ("b", &format::month_year(lang, last))]);
    // A tick each month; a label each quarter, the year on January.
    let ticks = tl.months.iter().map(|(m, at)| {
        let label = match m.month() {
            1 => m.year().to_string(),
            4 | 7 | 10 => format!("{:02}", m.month()),
            _ => String::new(),
        };
        el("span")
            .class(if m.month() == 1 { "tick year" } else { "tick" })
            .attr("style", format!("left:{}.{}%", at / 10, at % 10))
            .text(label)
    });
    let periods = tl.periods.iter().map(|(p, span)| {
        let where_ = p.place.as_ref().map(|pl| format!(", {pl}")).unwrap_or_default();
        row(el("span").class("tl-label").text(p.label.get(lang)), format!("{}{where_}", format::span(lang, p.start, p.end)), *span, "period")
    });
    let projects = tl.projects.iter().map(|(p, span)| {
        let label = el("span")
            .class("tl-label")
            .child(link(format!("/projects/{}", p.id), p.title.get(lang)))
            .maybe(sample_mark(lang, p.sample));
        row(label, format::span(lang, p.start, p.end), *span, &format!("project theme-{}", p.theme.slug()))
    });
    Node::Fragment(vec![
        el("p").class("lead").text(t.timeline_lead).into(),
        super::report::over(cx, tl.projects.len()).into(),
        el("div")
            .class("timeline-wrap")
            .attr("role", "region")
            .attr("aria-label", t.timeline_title)
            .attr("tabindex", "0")
            .child(
                el("div")
                    .class("timeline")
                    .child(el("div").class("tl-axis").attr("role", "img").attr("aria-label", axis_label).children(ticks))
                    .child(el("h2").class("tl-group").text(t.timeline_programme))
                    .child(el("ol").class("tl-rows").children(periods))
                    .child(el("h2").class("tl-group").text(t.projects_title))
                    .child(el("ol").class("tl-rows").children(projects)),
            )
            .into(),
    ])
}
