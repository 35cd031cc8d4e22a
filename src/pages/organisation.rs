use super::not_found;
use crate::ctx::Ctx;
use crate::components::project_list::project_cards;
use crate::components::sample_badge::sample_mark;
use crate::doc::{el, link, Element, Node};
use crate::i18n::fill;
use crate::model::link::{mail_href, tel_href, web_href};
use crate::model::{projects_of_cso, Contact};

/// The contact's parts, each a link where it can safely be one
/// ([`crate::model::link`]); the address, and anything else, as text.
fn contact_list(c: &Contact) -> Element {
    let item = |text: &str, href: Option<String>| {
        el("li").child(match href {
            Some(h) => Node::from(link(h, text)),
            None => Node::from(text),
        })
    };
    let email = c.email.as_deref().map(|e| item(e, mail_href(e)));
    let phone = c.phone.as_deref().map(|p| item(p, tel_href(p)));
    let web = c.website.as_deref().map(|w| item(w, web_href(w)));
    let address = c.address.as_deref().map(|a| item(a, None));
    el("ul").class("plain contact").children([email, phone, web, address].into_iter().flatten())
}

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
        facts.push(el("dt").text(t.field_contact).into());
        facts.push(el("dd").child(contact_list(c)).into());
    }
    let role = |p: &crate::model::Project| {
        let role = if p.lead == o.id { t.role_lead } else { t.role_partner };
        Some(format!("{}{role}", fill(t.label_colon, &[("l", &t.field_role)])))
    };
    el("article")
        .class("page organisation")
        .child(el("p").class("crumbs").child(link("/organisations", t.back_to_organisations)))
        .child(el("h1").text(o.display_name()))
        .maybe(sample_mark(lang, o.sample))
        .child(el("dl").class("facts").children(facts))
        .child(el("h2").text(t.org_projects))
        .child(project_cards(cx, &projects, &role))
        .into()
}
