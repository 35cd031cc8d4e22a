use super::sample_badge::sample_mark;
use crate::doc::{el, link, Node};
use crate::model::Project;
use crate::ctx::Ctx;

/// Project cards: title (link), sample mark, theme and regions, lead CSO.
pub fn project_list(cx: &Ctx, projects: &[&Project]) -> Node {
    project_cards(cx, projects, &|_| None)
}

/// The same cards with one more line per project (`note`), e.g. a CSO's
/// role in it.
pub fn project_cards(cx: &Ctx, projects: &[&Project], note: &dyn Fn(&Project) -> Option<String>) -> Node {
    let (ds, lang) = (cx.ds, cx.lang);
    if projects.is_empty() {
        return el("p").class("empty").text(cx.t().none).into();
    }
    el("ul")
        .class("cards")
        .children(projects.iter().map(|p| {
            let regions: Vec<&str> =
                p.regions.iter().filter_map(|r| ds.region(r)).map(|r| r.name.as_str()).collect();
            let lead = ds.organisation(&p.lead).map(|o| o.display_name()).unwrap_or_default();
            el("li")
                .class("card")
                .child(link(format!("/projects/{}", p.id), p.title.get(lang)).class("card-title"))
                .maybe(sample_mark(lang, p.sample))
                .child(
                    el("p")
                        .class("meta")
                        .text(format!("{} · {}", p.theme.label(lang), regions.join(", "))),
                )
                .child(el("p").class("meta").text(lead))
                .maybe(note(p).map(|n| el("p").class("role").text(n)))
        }))
        .into()
}
