use super::mali_map::coord;
use crate::doc::{el, Element};
use crate::map::{cercles_of, region, region_view_box};
use crate::ctx::Ctx;
use crate::model::StrSet;

/// One region drawn with its cercles; cercles where a project runs are
/// marked (colour and legend). The names are listed in the page for screen
/// readers, so the drawing itself is hidden from them.
pub fn region_map(cx: &Ctx, pcode: &str) -> Option<Element> {
    let shape = region(pcode)?;
    let t = cx.t();
    let view_box = region_view_box(pcode);
    // Label size follows the zoom: about 1/28 of the region's width (no
    // float parsing or formatting: both would add KB to the wasm).
    let (x0, y0, x1, y1) = shape.bbox;
    let width = (x1 - x0).max(y1 - y0).max(1.0);
    let font = format!("font-size:{}px;stroke-width:{}px", coord(width / 28.0), coord(width / 160.0));
    let stroke = format!("stroke-width:{}px", coord(width / 400.0));
    let with_projects: StrSet = cx
        .ds
        .projects
        .iter()
        .filter(|p| p.regions.iter().any(|r| r == pcode))
        .flat_map(|p| p.cercles.iter().map(String::as_str))
        .collect();
    let cercles = cercles_of(pcode).map(|c| {
        let class = if with_projects.contains(c.pcode) { "cercle has-projects" } else { "cercle" };
        el("path").attr("d", c.d).class(class).attr("style", stroke.clone())
    });
    let labels = cercles_of(pcode).map(|c| {
        el("text")
            .attr("x", coord(c.label.0))
            .attr("y", coord(c.label.1))
            .attr("style", font.clone())
            .text(c.name)
    });
    Some(
        el("figure")
            .class("region-map")
            .child(
                el("svg")
                    .attr("viewBox", view_box)
                    .class("map")
                    .attr("aria-hidden", "true")
                    .child(el("path").attr("d", shape.d).class("region-outline").attr("style", stroke.clone()))
                    .children(cercles)
                    .child(el("g").class("labels").children(labels)),
            )
            .child(
                el("figcaption")
                    .class("legend")
                    .child(el("ul").child(
                        el("li").child(el("span").class("swatch has-projects")).text(t.region_cercles_legend),
                    ))
                    .child(el("p").class("attribution").text(t.map_attribution)),
            ),
    )
}
