use crate::doc::{el, Element};
use crate::i18n::{fill, format, Lang};
use crate::model::{Figures, Project};
use crate::ctx::Ctx;

/// « 34 femmes, 52 hommes · 47 jeunes (15–35 ans), 39 autres âges »: the
/// breakdowns a figure carries.
pub fn breakdown(lang: Lang, f: &Figures) -> String {
    let t = lang.t();
    let n = |v: i64| format::number(lang, v);
    let mut parts = Vec::new();
    if let (Some(w), Some(m)) = (f.women, f.men) {
        parts.push(format!("{} {}, {} {}", n(w), t.women, n(m), t.men));
    }
    if let (Some(y), Some(o)) = (f.youth, f.other) {
        parts.push(format!("{} {}, {} {}", n(y), t.youth, n(o), t.other_age));
    }
    parts.join(t.breakdown_sep)
}

/// « 108 % du prévu », when there is a plan.
pub fn share(lang: Lang, target: &Figures, achieved: &Figures) -> Option<Element> {
    (target.total > 0).then(|| {
        let p = (100 * achieved.total + target.total / 2) / target.total;
        el("small").class("share").text(fill(lang.t().achieved_share, &[("p", &p)]))
    })
}

/// Bar width as a share of the larger value, to 0.1 % (integer arithmetic:
/// float formatting would add several KB of wasm).
fn width(value: i64, max: i64) -> String {
    let per_mille = 1000 * value.max(0) / max.max(1);
    format!("width:{}.{}%", per_mille / 10, per_mille % 10)
}

/// A project's results: a table (target vs achieved, with breakdowns) and a
/// bar per indicator drawn to the larger of the two values.
pub fn results_table(cx: &Ctx, project: &Project) -> Element {
    let (lang, t) = (cx.lang, cx.t());
    let rows = project.results.iter().map(|r| {
        let label = cx
            .ds
            .indicator(&r.indicator)
            .map(|i| i.label.get(lang).to_string())
            .unwrap_or_else(|| r.indicator.clone());
        let max = r.target.total.max(r.achieved.total);
        let share = share(lang, &r.target, &r.achieved);
        let cell = |f: &Figures| {
            el("td")
                .child(el("strong").text(format::number(lang, f.total)))
                .child(el("small").text(breakdown(lang, f)))
        };
        el("tr")
            .child(
                el("th").attr("scope", "row").text(label).child(
                    el("div")
                        .class("bars")
                        .attr("aria-hidden", "true")
                        .child(el("span").class("bar target").attr("style", width(r.target.total, max)))
                        .child(el("span").class("bar achieved").attr("style", width(r.achieved.total, max))),
                ),
            )
            .child(cell(&r.target))
            .child(cell(&r.achieved).maybe(share))
    });
    let head = |key: Option<&str>, label: &str| {
        el("th")
            .attr("scope", "col")
            .maybe(key.map(|k| el("span").class(format!("key {k}"))))
            .text(label)
    };
    el("div").class("table-wrap").child(
        el("table")
            .class("results")
            .child(el("thead").child(
                el("tr")
                    .child(head(None, t.col_indicator))
                    .child(head(Some("target"), t.col_target))
                    .child(head(Some("achieved"), t.col_achieved)),
            ))
            .child(el("tbody").children(rows)),
    )
}
