//! Home: the programme at a glance. Three parts so that the map (an
//! interactive view) and the summary beside it can sit between them.

use crate::ctx::Ctx;
use crate::components::mali_map::{counts_of, counts_text, region_counts, region_label};
use crate::components::region_list::region_list;
use crate::components::sample_badge::data_sample_mark;
use crate::doc::{el, link, Node};
use crate::i18n::{fill, format};

/// Title, introduction, counts from the data, the map's heading.
pub fn top(cx: &Ctx) -> Node {
    let (ds, t) = (cx.ds, cx.t());
    let stat = |n: usize, label: &str| {
        el("li").child(el("strong").text(n.to_string())).child(el("span").text(label))
    };
    Node::Fragment(vec![
        el("h1").text(ds.programme.name.get(cx.lang)).into(),
        el("p").class("lead").text(t.home_intro).into(),
        el("ul")
            .class("stats")
            .attr("aria-label", t.stats_label)
            .child(stat(ds.projects.len(), t.stat_projects))
            .child(stat(ds.organisations.len(), t.stat_csos))
            .child(stat(ds.in_scope_regions().count(), t.stat_regions))
            .into(),
        el("h2").text(t.map_title).into(),
    ])
}

/// `data-action` of the summary's button back to the whole programme.
pub const ACTION_SUMMARY_ALL: &str = "summary-all";

/// The panel beside the map: the chosen region (last hovered or focused on
/// the map, kept until another is chosen or the button clears it), else the
/// whole programme. Marked as sample data when its counts rest on samples.
pub fn summary(cx: &Ctx, selected: Option<&str>) -> Node {
    let (ds, lang, t) = (cx.ds, cx.lang, cx.t());
    let region = selected.and_then(|id| ds.region(id));
    let heading = region.map_or(t.summary_all, |r| r.name.as_str());
    let counts = match region {
        Some(r) => region_label(lang, &r.name, counts_of(&region_counts(ds), &r.id)),
        None => counts_text(lang, (ds.projects.len(), ds.organisations.len())),
    };
    let mut parts: Vec<Node> = vec![el("h3").text(heading).into(), el("p").text(counts).into()];
    parts.extend(data_sample_mark(cx).map(|b| el("p").child(b).into()));
    if let Some(r) = region {
        parts.push(el("p").child(link(format!("/regions/{}", r.id), t.summary_open)).into());
        parts.push(
            el("button")
                .attr("type", "button")
                .class("secondary")
                .attr("data-action", ACTION_SUMMARY_ALL)
                .text(t.summary_clear)
                .into(),
        );
    }
    Node::Fragment(parts)
}

/// The regions as a list, the map's non-visual alternative, beside the
/// summary. `open`: how it starts (open on wide screens, where it fills the
/// column beside the map); after that it is the user's to open or close.
pub fn region_list_alt(cx: &Ctx, open: bool) -> Node {
    let details = el("details").class("region-list-alt");
    if open { details.attr("open", "") } else { details }
        .child(el("summary").text(cx.t().map_list_title))
        .child(region_list(cx))
        .into()
}

/// The global objective, the timeline, funding and partners.
pub fn details(cx: &Ctx) -> Node {
    let (ds, lang, t) = (cx.ds, cx.lang, cx.t());
    let p = &ds.programme;
    let objective = p.objective();
    let periods = p.periods.iter().map(|period| {
        let place = period.place.as_ref().map(|pl| format!(" — {pl}")).unwrap_or_default();
        el("li")
            .child(el("strong").text(fill(t.label_colon, &[("l", &period.label.get(lang))])))
            .text(format!("{}{place}", format::span(lang, period.start, period.end)))
    });
    let partners = p.implementing_partners.iter().map(|pa| {
        el("li").child(el("strong").text(pa.name.as_str())).text(format!(" — {}", pa.role.get(lang)))
    });
    let titled = |id: &str, title: &str| {
        el("section").attr("aria-labelledby", id).child(el("h2").attr("id", id).text(title))
    };
    Node::Fragment(vec![
        titled("objective", t.objective_title)
            .child(el("blockquote").class("objective").attr("lang", "fr").text(objective.fr.as_str()))
            .maybe(objective.is_translation(lang).then(|| {
                el("p")
                    .class("translation")
                    .child(el("em").text(objective.get(lang)))
                    .text(" ")
                    .child(el("small").text(t.translation_note))
            }))
            .into(),
        titled("periods", t.periods_title).child(el("ul").class("plain").children(periods)).into(),
        titled("funding", t.funding_title)
            .child(
                el("p")
                    .child(el("strong").text(fill(t.label_colon, &[("l", &t.funder_label)])))
                    .text(format!("{} — {}", p.funder.get(lang), p.funding_instrument.get(lang))),
            )
            .child(el("ul").class("plain").children(partners))
            .into(),
    ])
}
