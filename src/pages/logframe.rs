use crate::ctx::Ctx;
use crate::components::sample_badge::sample_mark;
use crate::doc::{el, Element, Node};
use crate::i18n::format;
use crate::model::{totals_by_indicator, LogframeNode};

fn node(cx: &Ctx, n: &LogframeNode) -> Element {
    let (lang, t) = (cx.lang, cx.t());
    let indicators: Vec<Element> = n
        .indicators
        .iter()
        .filter_map(|id| cx.ds.indicator(id))
        .map(|i| el("li").text(i.label.get(lang)))
        .collect();
    let mut item = el("li")
        .class(format!("lf-node {}", n.level.slug()))
        .child(el("span").class("lf-level").text(format!("{} · {}", n.id, n.level.label(lang))))
        .maybe(sample_mark(lang, n.sample))
        .child(el("p").text(n.text.get(lang)));
    if !indicators.is_empty() {
        item = item
            .child(el("p").class("lf-ind-title").text(t.indicators_label))
            .child(el("ul").class("lf-indicators").children(indicators));
    }
    if !n.children.is_empty() {
        item = item.child(el("ul").class("lf-children").children(n.children.iter().map(|c| node(cx, c))));
    }
    item
}

/// The logical framework as a tree (sample levels marked), and programme
/// totals by indicator id.
pub fn page(cx: &Ctx) -> Node {
    let (ds, lang, t) = (cx.ds, cx.lang, cx.t());
    let totals = totals_by_indicator(ds).into_iter().map(|tot| {
        let label = ds.indicator(&tot.indicator).map(|i| i.label.get(lang)).unwrap_or_default();
        el("tr")
            .child(el("th").attr("scope", "row").text(label))
            .child(el("td").text(tot.projects.to_string()))
            .child(el("td").text(format::number(lang, tot.target.total)))
            .child(el("td").text(format::number(lang, tot.achieved.total)))
    });
    let col = |label: &str| el("th").attr("scope", "col").text(label);
    el("section")
        .class("page logframe")
        .child(el("h1").text(t.logframe_title))
        .child(el("p").text(t.logframe_intro))
        .child(el("ul").class("lf-tree").child(node(cx, &ds.programme.logframe)))
        .child(el("h2").text(t.totals_title))
        .child(el("p").text(t.totals_intro))
        .child(el("div").class("table-wrap").child(
            el("table")
                .class("results")
                .child(el("thead").child(
                    el("tr")
                        .child(col(t.col_indicator))
                        .child(col(t.col_projects))
                        .child(col(t.col_target))
                        .child(col(t.col_achieved)),
                ))
                .child(el("tbody").children(totals)),
        ))
        .into()
}
