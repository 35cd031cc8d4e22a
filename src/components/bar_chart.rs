//! Bar charts as plain SVG (no charting script), drawn from integers so no
//! float formatting reaches the wasm. Each chart is an image with a label
//! saying what it shows; the table beside it holds the same figures, for
//! screen readers and for reading exact values.
//!
//! Colours are told apart without hue: a planned bar is hollow (dark
//! outline), an achieved bar solid; women and men are two solid colours of
//! Paul Tol's colour-blind-safe scheme, each at least 3:1 against the page,
//! with a gap between them. The styles are in `style/main.css` (`.chart`).

use crate::doc::{el, tag, Element, Node};
use crate::i18n::{format, Lang};

/// The drawing's width in view-box units; bars use what the values leave.
const W: i64 = 320;
const BAR_W: i64 = 236;
const ROW_H: i64 = 46;
/// Labels longer than this are cut (the table has them whole).
const LABEL_MAX: usize = 40;

/// One row of a planned/achieved chart.
pub struct Pair {
    pub label: String,
    pub target: i64,
    pub achieved: i64,
}

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_MAX {
        label.to_string()
    } else {
        let cut: String = label.chars().take(LABEL_MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn length(value: i64, max: i64) -> i64 {
    if value <= 0 {
        0
    } else {
        // In i128: figures may be as large as the data allows.
        ((i128::from(BAR_W) * i128::from(value) / i128::from(max.max(1))) as i64).clamp(2, BAR_W)
    }
}

fn svg(label: &str, rows: usize, body: Vec<Node>) -> Element {
    let h = (ROW_H * rows as i64).max(ROW_H);
    tag("svg", &[("class", "chart"), ("viewBox", &format!("0 0 {W} {h}")), ("role", "img"), ("aria-label", label)])
        .attr("preserveAspectRatio", "xMinYMin meet")
        .children(body)
}

fn rect(class: &str, x: i64, y: i64, w: i64, h: i64) -> Node {
    tag("rect", &[("class", class), ("x", &x.to_string()), ("y", &y.to_string()), ("width", &w.to_string()), ("height", &h.to_string())]).into()
}

fn label_text(class: &str, x: i64, y: i64, s: impl Into<String>) -> Node {
    tag("text", &[("class", class), ("x", &x.to_string()), ("y", &y.to_string())]).text(s).into()
}

/// Planned and achieved bars per row. `shared`: one scale for all rows
/// (one indicator across regions); otherwise each row to the larger of its
/// two values (indicators of different units side by side).
pub fn pairs(lang: Lang, label: &str, rows: &[Pair], shared: bool) -> Element {
    let top = rows.iter().map(|r| r.target.max(r.achieved)).max().unwrap_or(0);
    let mut body = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let y = ROW_H * i as i64;
        let max = if shared { top } else { r.target.max(r.achieved) };
        let (t, a) = (length(r.target, max), length(r.achieved, max));
        body.push(label_text("label", 0, y + 13, short(&r.label)));
        body.push(rect("target", 1, y + 19, t.max(1), 9));
        body.push(label_text("value", t + 6, y + 27, format::number(lang, r.target)));
        body.push(rect("achieved", 0, y + 31, a, 11));
        body.push(label_text("value", a + 6, y + 41, format::number(lang, r.achieved)));
    }
    svg(label, rows.len(), body)
}

/// Women and men side by side in one bar per row, all rows on one scale,
/// the total at the bar's end.
pub fn sexes(lang: Lang, label: &str, rows: &[(String, i64, i64)]) -> Element {
    let top = rows.iter().map(|(_, w, m)| w.saturating_add(*m)).max().unwrap_or(0);
    let mut body = Vec::new();
    for (i, (name, w, m)) in rows.iter().enumerate() {
        let y = ROW_H * i as i64;
        let (lw, lm) = (length(*w, top), length(*m, top));
        body.push(label_text("label", 0, y + 13, short(name)));
        body.push(rect("women", 0, y + 20, lw, 18));
        // A 2-unit gap between the two parts.
        let gap = if lw > 0 && lm > 0 { 2 } else { 0 };
        body.push(rect("men", lw + gap, y + 20, lm, 18));
        body.push(label_text("value", lw + gap + lm + 6, y + 34, format::number(lang, w.saturating_add(*m))));
    }
    svg(label, rows.len(), body)
}

/// A legend: a key and a word per entry (`class` of the key, label).
pub fn legend(entries: &[(&str, &str)]) -> Element {
    el("p").class("chart-legend").attr("aria-hidden", "true").children(
        entries.iter().map(|(class, label)| el("span").child(el("span").class(format!("key {class}"))).text(*label)),
    )
}
