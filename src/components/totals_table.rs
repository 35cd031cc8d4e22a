//! Summed figures as a table: one row per indicator (or per region, per
//! theme for one indicator), planned and achieved with their breakdowns by
//! sex and age, the share of the plan achieved and the number of projects
//! summed. The charts' text equivalent.

use super::results_table::{breakdown, share};
use crate::ctx::Ctx;
use crate::doc::{el, Element, Node};
use crate::i18n::format;
use crate::model::{Figures, IndicatorTotal};

/// One row: its heading (text or a link) and the total it shows.
pub struct Row<'a> {
    pub head: Node,
    pub total: &'a IndicatorTotal,
}

/// The table; `first`: the first column's heading.
pub fn totals_table(cx: &Ctx, first: &str, rows: Vec<Row>) -> Element {
    let (lang, t) = (cx.lang, cx.t());
    let cell = |f: &Figures, extra: Option<Element>| {
        el("td").child(el("strong").text(format::number(lang, f.total))).child(el("small").text(breakdown(lang, f))).maybe(extra)
    };
    let body = rows.into_iter().map(|r| {
        let mean = (!r.total.unit.is_additive()).then(|| el("small").text(format!(" ({})", t.report_mean)));
        el("tr")
            .child(el("th").attr("scope", "row").child(r.head).maybe(mean))
            .child(el("td").class("num").text(r.total.projects.to_string()))
            .child(cell(&r.total.target, None))
            .child(cell(&r.total.achieved, share(lang, &r.total.target, &r.total.achieved)))
    });
    let head = |label: &str| el("th").attr("scope", "col").text(label);
    el("div").class("table-wrap").child(
        el("table")
            .class("results totals")
            .child(el("thead").child(
                el("tr").child(head(first)).child(head(t.col_projects)).child(head(t.col_target)).child(head(t.col_achieved)),
            ))
            .child(el("tbody").children(body)),
    )
}
