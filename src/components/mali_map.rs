use super::map_legend::map_legend;
use super::sample_badge::data_sample_mark;
use crate::doc::{el, link, Element};
use crate::i18n::Lang;
use crate::map::{choropleth_class, REGIONS, VIEWBOX};
use crate::model::{csos_per_region, projects_per_region, Dataset};
use crate::ctx::Ctx;

/// What the choropleth counts.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Metric {
    #[default]
    Projects,
    Csos,
}

impl Metric {
    /// The `data-action` value of its toggle button.
    pub fn action(self) -> &'static str {
        match self {
            Metric::Projects => "metric:projects",
            Metric::Csos => "metric:csos",
        }
    }

    pub fn from_action(action: &str) -> Option<Metric> {
        [Metric::Projects, Metric::Csos].into_iter().find(|m| m.action() == action)
    }
}

/// Project and CSO counts per region id, from the loaded data, in the
/// dataset's order (a dozen regions: no hash map needed).
pub fn region_counts(ds: &Dataset) -> Vec<(&str, (usize, usize))> {
    // Both lists follow the dataset's regions.
    projects_per_region(ds)
        .into_iter()
        .zip(csos_per_region(ds))
        .map(|((r, n), (_, csos))| (r.id.as_str(), (n, csos)))
        .collect()
}

/// A region's counts in [`region_counts`], none when it is not there.
pub fn counts_of(counts: &[(&str, (usize, usize))], id: &str) -> (usize, usize) {
    counts.iter().find(|(r, _)| *r == id).map_or((0, 0), |&(_, n)| n)
}

/// « 3 projets, 6 OSC ».
pub fn counts_text(lang: Lang, (projects, csos): (usize, usize)) -> String {
    let t = lang.t();
    format!(
        "{}, {}",
        lang.plural(projects, t.projects_one, t.projects_many),
        lang.plural(csos, t.csos_one, t.csos_many)
    )
}

/// « Mopti — 3 projets, 6 OSC ».
pub fn region_label(lang: Lang, name: &str, counts: (usize, usize)) -> String {
    format!("{name} — {}", counts_text(lang, counts))
}

/// A view-box coordinate with one decimal, without float formatting.
pub fn coord(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
}

/// The map of Mali by region: a choropleth of projects (or CSOs) per region
/// from the loaded data. Each in-scope region is a link (`data-href`,
/// focusable, Enter opens it) named « Mopti — 3 projets, 6 OSC »; Bamako and
/// Kidal are greyed and inert.
pub fn mali_map(cx: &Ctx, metric: Metric) -> Element {
    let (lang, t) = (cx.lang, cx.t());
    let counts = region_counts(cx.ds);
    let count = |id: &str| counts_of(&counts, id);
    let value = |id: &str| match metric {
        Metric::Projects => count(id).0,
        Metric::Csos => count(id).1,
    };
    let max = REGIONS.iter().filter(|r| r.in_scope).map(|r| value(r.pcode)).max().unwrap_or(0);

    let shapes = REGIONS.iter().map(|r| {
        let path = el("path").attr("d", r.d);
        if !r.in_scope {
            return path
                .class("region out")
                .attr("role", "img")
                .attr("aria-label", format!("{} — {}", r.name, t.map_out_of_scope));
        }
        path.class(format!("region c{}", choropleth_class(value(r.pcode), max)))
            .attr("role", "link")
            .attr("tabindex", "0")
            .attr("data-region", r.pcode)
            .attr("data-href", format!("/regions/{}", r.pcode))
            .attr("aria-label", region_label(lang, r.name, count(r.pcode)))
    });
    let labels = REGIONS.iter().filter(|r| r.pcode != "ML09").map(|r| {
        let label = el("text")
            .attr("x", coord(r.label.0))
            .attr("y", coord(r.label.1))
            .attr("data-region", r.pcode);
        if r.in_scope { label } else { label.class("out") }.text(r.name)
    });
    let toggle = |m: Metric, label: &str| {
        el("button")
            .attr("type", "button")
            .attr("id", m.action().replace(':', "-"))
            .class("toggle")
            .attr("data-action", m.action())
            .attr("aria-pressed", if m == metric { "true" } else { "false" })
            .text(label)
    };

    el("figure")
        .class("mali-map")
        .maybe(data_sample_mark(cx))
        .child(
            el("div")
                .class("map-controls")
                .attr("role", "group")
                .attr("aria-label", t.map_metric_label)
                .child(el("span").text(t.map_metric_label))
                .child(toggle(Metric::Projects, t.map_metric_projects))
                .child(toggle(Metric::Csos, t.map_metric_csos)),
        )
        .child(
            el("svg")
                .attr("viewBox", VIEWBOX)
                .class("map")
                .attr("role", "group")
                .attr("aria-label", t.map_title)
                .children(shapes)
                .child(el("g").class("labels").attr("aria-hidden", "true").children(labels)),
        )
        .child(map_legend(lang, max))
        .child(
            el("figcaption")
                .child(el("p").class("hint").text(t.map_hint))
                .child(
                    el("p")
                        .class("attribution")
                        .text(format!("{} ", t.map_attribution))
                        .child(link("/about#map-attribution", t.map_attribution_more)),
                ),
        )
}
