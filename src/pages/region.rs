use super::not_found;
use crate::ctx::Ctx;
use crate::components::mali_map::counts_text;
use crate::components::org_list::org_list;
use crate::components::project_list::project_list;
use crate::components::region_map::region_map;
use crate::doc::{el, Node};
use crate::i18n::fill;
use crate::model::{csos_of_region, projects_of_region};

/// A region: its map with cercles, its projects and its CSOs.
pub fn page(cx: &Ctx, id: &str) -> Node {
    let (ds, lang, t) = (cx.ds, cx.lang, cx.t());
    let Some(region) = ds.region(id) else {
        return not_found::page(cx, t.region_not_found);
    };
    let projects = projects_of_region(ds, id);
    let csos = csos_of_region(ds, id);
    let cercles: Vec<&str> = region.cercles.iter().map(|c| c.name.as_str()).collect();
    el("section")
        .class("page region")
        .child(el("h1").text(region.name.as_str()))
        .maybe((!region.in_scope).then(|| el("p").class("badge out").text(t.out_of_scope)))
        .child(el("p").class("counts").text(counts_text(lang, (projects.len(), csos.len()))))
        .maybe(region_map(cx, id))
        .child(
            el("p")
                .child(el("strong").text(fill(t.label_colon, &[("l", &t.region_cercles)])))
                .text(cercles.join(", ")),
        )
        .child(el("h2").text(t.region_projects))
        .child(project_list(cx, &projects))
        .child(el("h2").text(t.region_csos))
        .child(org_list(cx, &csos))
        .into()
}
