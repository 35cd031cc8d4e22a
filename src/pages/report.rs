//! « Réalisations »: what the projects the filters keep achieved against
//! their plans, summed by indicator, then by region and by theme for one
//! indicator; each a chart beside its table. The numbers come from
//! [`totals_over`], so they are the sums of the project pages' numbers.
//! The field panel (what the journal reports) is another part
//! ([`crate::components::field_panel`]), kept apart from these results.

use crate::components::bar_chart::{legend, pairs, Pair};
use crate::components::project_filters::chosen_indicator;
use crate::components::totals_table::{totals_table, Row};
use crate::ctx::Ctx;
use crate::doc::{el, text, Element, Node};
use crate::i18n::fill;
use crate::model::{filter_projects, totals_by_region, totals_by_theme, totals_over, IndicatorTotal, Project, ProjectQuery};

/// The projects a reporting page covers: those the filters keep (the
/// project list's text search is not one of the reporting filters).
pub fn covered<'a>(cx: &Ctx<'a>, q: &ProjectQuery) -> Vec<&'a Project> {
    let q = ProjectQuery { text: String::new(), ..q.clone() };
    filter_projects(cx.ds, &q, cx.lang)
}

/// « Sur 3 projets » as a status line (said again when a filter changes).
pub fn over(cx: &Ctx, n: usize) -> Element {
    let t = cx.t();
    el("p").class("found").attr("role", "status").text(cx.lang.plural(n, t.report_over_one, t.report_over_many))
}

fn label_of(cx: &Ctx, total: &IndicatorTotal) -> String {
    let lang = cx.lang;
    let label = cx.ds.indicator(&total.indicator).map(|i| i.label.get(lang)).unwrap_or(&total.indicator);
    format!("{label} ({})", total.unit.label(lang))
}

fn side(chart: Element, table: Element) -> Element {
    el("div").class("side").child(el("figure").class("chart-box").child(chart)).child(table)
}

/// A chart and table for one indicator over groups of projects (regions,
/// themes), only the groups with projects.
fn by_group(cx: &Ctx, title: &str, note: &str, first: &str, groups: Vec<(String, IndicatorTotal)>) -> Element {
    let t = cx.t();
    let groups: Vec<_> = groups.into_iter().filter(|(_, g)| g.projects > 0).collect();
    let head = el("section").child(el("h2").text(title)).child(el("p").class("note").text(note));
    if groups.is_empty() {
        return head.child(el("p").class("empty").text(t.report_indicator_none));
    }
    let name = groups.first().map(|(_, g)| label_of(cx, g)).unwrap_or_default();
    let rows: Vec<Pair> =
        groups.iter().map(|(n, g)| Pair { label: n.clone(), target: g.target.total, achieved: g.achieved.total }).collect();
    let chart = pairs(cx.lang, &fill(t.report_by_chart_label, &[("i", &name)]), &rows, true);
    let table = totals_table(cx, first, groups.iter().map(|(n, g)| Row { head: text(n.clone()), total: g }).collect());
    head.child(el("p").child(el("strong").text(name)))
        .child(side(chart, table))
}

/// The dashboard's results part, below its head.
pub fn page(cx: &Ctx, q: &ProjectQuery) -> Node {
    let (lang, t) = (cx.lang, cx.t());
    let projects = covered(cx, q);
    if projects.is_empty() {
        return Node::Fragment(vec![over(cx, 0).into(), el("p").class("empty").text(t.report_none).into()]);
    }
    let totals = totals_over(cx.ds, projects.iter().copied());
    let reported: Vec<&IndicatorTotal> = totals.iter().filter(|x| x.projects > 0).collect();
    let rows: Vec<Pair> = reported
        .iter()
        .map(|x| Pair { label: label_of(cx, x), target: x.target.total, achieved: x.achieved.total })
        .collect();
    let main = el("section")
        .child(el("h2").text(t.report_data_title))
        .child(legend(&[("target", t.col_target), ("achieved", t.col_achieved)]))
        .child(side(
            pairs(lang, t.report_chart_label, &rows, false),
            totals_table(cx, t.col_indicator, reported.iter().map(|x| Row { head: text(label_of(cx, x)), total: x }).collect()),
        ));
    let mut out = vec![over(cx, projects.len()).into(), main.into()];
    if let Some(ind) = chosen_indicator(cx, q) {
        let pick = |ts: Vec<IndicatorTotal>| ts.into_iter().find(|x| x.indicator == ind);
        let regions = totals_by_region(cx.ds, &projects)
            .into_iter()
            .filter_map(|(r, ts)| pick(ts).map(|x| (r.name.clone(), x)))
            .collect();
        let themes = totals_by_theme(cx.ds, &projects)
            .into_iter()
            .filter_map(|(th, ts)| pick(ts).map(|x| (th.label(lang).to_string(), x)))
            .collect();
        out.push(by_group(cx, t.report_by_region, t.report_region_note, t.col_region, regions).into());
        out.push(by_group(cx, t.report_by_theme, t.report_theme_note, t.col_theme, themes).into());
    }
    Node::Fragment(out)
}
