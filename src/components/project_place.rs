//! Where a project works, at a glance: Mali's regions in outline with the
//! project's regions filled. Hidden from screen readers (the regions are
//! named in the project's facts); on screen beside the facts, and on the
//! printed sheet.

use crate::doc::{el, tag, Element};
use crate::map::{REGIONS, VIEWBOX};

pub fn project_place(regions: &[String]) -> Element {
    let shapes = REGIONS.iter().map(|r| {
        let here = regions.iter().any(|id| id == r.pcode);
        el("path").attr("d", r.d).class(if here { "place-region here" } else { "place-region" })
    });
    el("figure").class("place").attr("aria-hidden", "true").child(
        tag("svg", &[("class", "place-map"), ("viewBox", VIEWBOX), ("focusable", "false")]).children(shapes),
    )
}
