use super::not_found;
use crate::ctx::Ctx;
use crate::components::project_place::project_place;
use crate::components::qr_code::qr_code;
use crate::components::results_table::results_table;
use crate::components::sample_badge::sample_mark;
use crate::doc::{el, link, Element, Node};
use crate::i18n::{fill, format};

fn row(label: &str, value: impl Into<Node>) -> [Node; 2] {
    [el("dt").text(label).into(), el("dd").child(value).into()]
}

fn inline_list(items: Vec<Element>) -> Element {
    el("ul").class("inline").children(items.into_iter().map(|i| el("li").child(i)))
}

/// A project's story: what and where, its actors, achievements against
/// plans, challenges with the solutions found, lessons, recommendations.
pub fn page(cx: &Ctx, id: &str) -> Node {
    let (ds, lang, t) = (cx.ds, cx.lang, cx.t());
    let Some(p) = ds.project(id) else {
        return not_found::page(cx, t.project_not_found);
    };
    let org = |oid: &str| {
        let name = ds.organisation(oid).map(|o| o.display_name()).unwrap_or_else(|| oid.to_string());
        link(format!("/organisations/{oid}"), name)
    };
    let regions = p
        .regions
        .iter()
        .map(|r| link(format!("/regions/{r}"), ds.region(r).map(|x| x.name.as_str()).unwrap_or(r)))
        .collect();
    let cercles: Vec<&str> =
        p.cercles.iter().filter_map(|c| ds.cercle(c).map(|(_, c)| c.name.as_str())).collect();

    let mut facts: Vec<Node> = Vec::new();
    facts.extend(row(t.field_theme, p.theme.label(lang)));
    facts.extend(row(
        t.field_dates,
        format!("{} – {}", format::date(lang, p.start), format::date(lang, p.end)),
    ));
    facts.extend(row(t.field_regions, inline_list(regions)));
    if !cercles.is_empty() {
        facts.extend(row(t.field_cercles, cercles.join(", ")));
    }
    if !p.communes.is_empty() {
        facts.extend(row(t.field_communes, p.communes.join(", ")));
    }
    if let Some(b) = &p.budget {
        facts.extend(row(t.field_budget, format!("{} {}", format::number(lang, b.amount), b.currency)));
    }

    let mut actors: Vec<Node> = row(t.field_lead, org(&p.lead)).into();
    if !p.partners.is_empty() {
        actors.extend(row(t.field_partners, inline_list(p.partners.iter().map(|o| org(o)).collect())));
    }

    let challenges = p.challenges.iter().map(|c| {
        el("li")
            .class("card")
            .child(el("p").child(el("strong").text(fill(t.label_colon, &[("l", &t.challenge)]))).text(c.challenge.get(lang)))
            .child(el("p").child(el("strong").text(fill(t.label_colon, &[("l", &t.solution)]))).text(c.solution.get(lang)))
    });
    let lessons = p.lessons.iter().map(|l| el("li").text(l.get(lang)));
    let recommendations = p.recommendations.iter().map(|r| {
        el("li").text(r.text.get(lang)).maybe(r.audience.map(|a| {
            el("small").class("audience").text(format!(" {}", fill(t.audience_for, &[("a", &a.label(lang))])))
        }))
    });

    el("article")
        .class("page project")
        .attr("id", "project-sheet")
        .child(el("p").class("crumbs").child(link("/projects", t.back_to_projects)))
        .child(el("h1").text(p.title.get(lang)))
        .maybe(sample_mark(lang, p.sample))
        .child(el("p").class("lead").text(p.summary.get(lang)))
        .child(el("div").class("facts-place").child(el("dl").class("facts").children(facts)).child(project_place(&p.regions)))
        .child(el("h2").text(t.actors_title))
        .child(el("dl").class("facts").children(actors))
        .child(el("h2").text(t.results_title))
        .child(results_table(cx, p))
        .child(el("h2").text(t.challenges_title))
        .child(el("ul").class("cards").children(challenges))
        .child(el("h2").text(t.lessons_title))
        .child(el("ul").children(lessons))
        .child(el("h2").text(t.recommendations_title))
        .child(el("ul").children(recommendations))
        .child(take_away(cx, &p.id))
        .child(el("p").class("print-only source").text(t.print_source))
        .into()
}

/// `data-action` of « Imprimer la fiche ».
pub const ACTION_PRINT: &str = "print";
/// `data-action` prefix of « Partager le lien » (the URL follows).
pub const ACTION_SHARE: &str = "share:";

/// « Emporter ce projet »: the QR code of the project's public URL and a
/// share button, only with a verified public link ([`Ctx::public`]); the
/// print button always.
fn take_away(cx: &Ctx, id: &str) -> Element {
    let t = cx.t();
    let button = |action: &str, label: &str| super::journal_record::button(action, label, "secondary");
    let public = cx.public.map(|base| crate::kiosk::project_url(base, id));
    let qr = public.as_ref().and_then(|url| qr_code(url, &fill(t.take_qr_label, &[("url", url)])));
    el("section")
        .class("take")
        .maybe(public.is_some().then(|| el("h2").text(t.take_title)))
        .maybe(qr.map(|q| el("figure").class("qr-box").child(q).child(el("figcaption").text(t.take_hint))))
        .maybe(public.as_ref().map(|url| el("p").class("public-url").text(url.as_str())))
        .child(
            el("p")
                .class("actions no-print")
                .maybe(public.map(|url| button(&format!("{ACTION_SHARE}{url}"), t.take_share)))
                .child(button(ACTION_PRINT, t.print_sheet).attr("id", "print-sheet")),
        )
}
