use super::sample_badge::sample_mark;
use crate::doc::{el, link, Node};
use crate::model::{projects_of_cso, Organisation};
use crate::ctx::Ctx;

/// CSO cards: name (link), sample mark, kind, home region, project count.
pub fn org_list(cx: &Ctx, organisations: &[&Organisation]) -> Node {
    let (ds, lang, t) = (cx.ds, cx.lang, cx.t());
    if organisations.is_empty() {
        return el("p").class("empty").text(t.none).into();
    }
    el("ul")
        .class("cards")
        .children(organisations.iter().map(|o| {
            let home = ds.region(&o.home_region).map(|r| r.name.as_str()).unwrap_or_default();
            let n = projects_of_cso(ds, &o.id).len();
            el("li")
                .class("card")
                .child(link(format!("/organisations/{}", o.id), o.display_name()).class("card-title"))
                .maybe(sample_mark(lang, o.sample))
                .child(el("p").class("meta").text(format!(
                    "{} · {} · {}",
                    o.kind.label(lang),
                    home,
                    lang.plural(n, t.projects_one, t.projects_many)
                )))
        }))
        .into()
}
