use super::not_found;
use crate::ctx::Ctx;
use crate::components::project_list::project_list;
use crate::components::sample_badge::sample_mark;
use crate::doc::{el, link, Node};
use crate::model::projects_of_cso;

/// A CSO: what it is, where it works, its projects and its role in each.
pub fn page(cx: &Ctx, id: &str) -> Node {
    let (ds, lang, t) = (cx.ds, cx.lang, cx.t());
    let Some(o) = ds.organisation(id) else {
        return not_found::page(cx, t.org_not_found);
    };
    let region = |r: &str| link(format!("/regions/{r}"), ds.region(r).map(|x| x.name.as_str()).unwrap_or(r));
    let projects = projects_of_cso(ds, id);
    let mut facts: Vec<Node> = vec![
        el("dt").text(t.field_kind).into(),
        el("dd").text(o.kind.label(lang)).into(),
        el("dt").text(t.field_home_region).into(),
        el("dd").child(region(&o.home_region)).into(),
    ];
    if !o.regions.is_empty() {
        facts.push(el("dt").text(t.field_work_regions).into());
        facts.push(
            el("dd")
                .child(el("ul").class("inline").children(o.regions.iter().map(|r| el("li").child(region(r)))))
                .into(),
        );
    }
    if let Some(c) = &o.contact {
        let parts: Vec<&str> =
            [&c.email, &c.phone, &c.website, &c.address].into_iter().flatten().map(String::as_str).collect();
        facts.push(el("dt").text(t.field_contact).into());
        facts.push(el("dd").text(parts.join(" · ")).into());
    }
    let roles = projects.iter().map(|p| {
        let role = if p.lead == o.id { t.role_lead } else { t.role_partner };
        el("li").child(link(format!("/projects/{}", p.id), p.title.get(lang))).text(format!(" — {role}"))
    });
    el("article")
        .class("page organisation")
        .child(el("p").class("crumbs").child(link("/organisations", t.back_to_organisations)))
        .child(el("h1").text(o.display_name()))
        .maybe(sample_mark(lang, o.sample))
        .child(el("dl").class("facts").children(facts))
        .child(el("h2").text(t.org_projects))
        .child(el("ul").children(roles))
        .child(project_list(cx, &projects))
        .into()
}
