//! The dashboard's field panel: what the activity journal reports, by kind
//! of activity and by region, with women, men, young people and people with
//! disabilities. Labelled as field-reported and kept apart from the
//! programme's results ([`crate::pages::report`]).

use super::bar_chart::{legend, sexes};
use crate::ctx::Ctx;
use crate::doc::{el, Element, Node};
use crate::i18n::{fill, format};
use crate::journal::report::{FieldReport, ServerRead, Tally, LISTING_MAX_PAGES};
use crate::pages::journal_record::type_label;

/// The rows and their total (each record has one kind and one region, so
/// the rows add up to it).
fn table(cx: &Ctx, first: &str, rows: &[(String, Tally)], all: &Tally) -> Element {
    let (lang, t) = (cx.lang, cx.t());
    let n = |v: u64| el("td").class("num").text(format::number(lang, v as i64));
    let head = |label: &str| el("th").attr("scope", "col").text(label);
    let line = |name: &str, x: &Tally| {
        el("tr")
            .child(el("th").attr("scope", "row").text(name))
            .child(n(x.activities))
            .child(n(x.participants()))
            .child(n(x.women))
            .child(n(x.men))
            .child(n(x.young()))
            .child(n(x.disabled))
    };
    let body = rows.iter().map(|(name, x)| line(name, x));
    el("div").class("table-wrap").child(
        el("table")
            .class("results field")
            .child(el("thead").child(
                el("tr")
                    .child(head(first))
                    .child(head(t.col_activities))
                    .child(head(t.col_participants))
                    .child(head(t.col_women))
                    .child(head(t.col_men))
                    .child(head(t.col_young))
                    .child(head(t.col_disabled)),
            ))
            .child(el("tbody").children(body))
            .child(el("tfoot").child(line(t.col_total, all))),
    )
}

fn part(cx: &Ctx, title: &str, rows: Vec<(String, Tally)>, all: &Tally) -> Element {
    let t = cx.t();
    let rows: Vec<_> = rows.into_iter().filter(|(_, x)| x.activities > 0).collect();
    let bars: Vec<_> = rows.iter().map(|(n, x)| (n.clone(), x.women as i64, x.men as i64)).collect();
    el("section").child(el("h3").text(title)).child(
        el("div")
            .class("side")
            .child(el("figure").class("chart-box").child(sexes(cx.lang, t.freport_chart_label, &bars)))
            .child(table(cx, title, &rows, all)),
    )
}

/// The notes under the panel's title: where the figures come from.
fn notes(cx: &Ctx, r: &FieldReport, server: &ServerRead, locked: bool) -> Vec<Node> {
    let t = cx.t();
    let mut out: Vec<Node> = vec![el("p")
        .attr("id", "field-sources")
        .text(fill(t.freport_sources, &[("d", &r.from_device), ("s", &r.from_server)]))
        .into()];
    let note = |s: String| -> Node { el("p").class("note").text(s).into() };
    match server {
        ServerRead::NotReference => out.push(note(t.freport_not_reference.into())),
        ServerRead::Offline => out.push(note(t.freport_offline.into())),
        ServerRead::Reading => out.push(el("p").class("note").attr("role", "status").text(t.freport_reading).into()),
        ServerRead::Denied => out.push(note(t.freport_denied.into())),
        ServerRead::Failed => out.push(note(t.freport_failed.into())),
        ServerRead::Done { partial, unreadable } => {
            if *partial {
                out.push(note(fill(t.freport_partial, &[("n", &LISTING_MAX_PAGES)])));
            }
            if *unreadable > 0 {
                out.push(note(fill(t.freport_unreadable, &[("n", unreadable)])));
            }
        }
    }
    if locked {
        out.push(note(t.freport_locked.into()));
    }
    out
}

/// The panel.
pub fn field_panel(cx: &Ctx, r: &FieldReport, server: &ServerRead, locked: bool) -> Element {
    let t = cx.t();
    let panel = el("section")
        .class("field-report")
        .attr("aria-labelledby", "field-title")
        .child(el("h2").attr("id", "field-title").text(t.freport_title))
        .child(el("p").class("lead").text(t.freport_lead))
        .children(notes(cx, r, server, locked));
    if r.all.activities == 0 {
        return panel.child(el("p").class("empty").text(t.freport_empty));
    }
    let region_name = |id: &str| cx.ds.region(id).map_or(id.to_string(), |x| x.name.clone());
    panel
        .child(legend(&[("women", t.col_women), ("men", t.col_men)]))
        .child(part(cx, t.col_type, r.by_type.iter().map(|(k, x)| (type_label(t, *k).to_string(), *x)).collect(), &r.all))
        .child(part(cx, t.col_region, r.by_region.iter().map(|(id, x)| (region_name(id), *x)).collect(), &r.all))
}
