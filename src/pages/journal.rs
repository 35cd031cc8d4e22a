//! `/journal` as a pure document (host-tested): the active profile as one
//! tap, status chips with counts, filters (project, dates), one page of
//! rows (newest first), the pager, export / share / import with the last
//! import's result, « effacer les envoyés de plus de N jours », and the
//! « Problèmes de stockage » panel. `ui::journal_page` wires the events.

use crate::ctx::Ctx;
use crate::doc::{el, link, Element, Node};
use crate::i18n::{fill, format};
use crate::journal::export::Invalid;
use crate::journal::list::{Filter, Listing};
use crate::journal::state::Status;
use crate::model::refresh::MAX_BYTES;
use crate::model::Problem;
use crate::pages::journal_record::status_label;

/// `data-action` values.
pub const ACTION_STATUS: &str = "status:";
pub const ACTION_PROFILE: &str = "profile:";
pub const ACTION_PAGE: &str = "page:";
pub const ACTION_EXPORT_JSON: &str = "export-json";
pub const ACTION_EXPORT_CSV: &str = "export-csv";
pub const ACTION_SHARE: &str = "share";
pub const ACTION_PURGE: &str = "purge";
pub const ACTION_DAMAGED: &str = "damaged:";
/// `data-change` values.
pub const CHANGE_PROJECT: &str = "j-project";
pub const CHANGE_FROM: &str = "j-from";
pub const CHANGE_TO: &str = "j-to";
pub const CHANGE_IMPORT: &str = "journal-import";
pub const PURGE_DAYS: &str = "purge-days";

/// What the last import did.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Imported {
    pub new: usize,
    pub same: usize,
    /// (id, title here, title in the file)
    pub conflicts: Vec<(String, String, String)>,
    pub invalid: Vec<(usize, Invalid)>,
    /// The file is no export at all.
    pub unreadable: bool,
    /// Not JSON: where and what.
    pub syntax: Option<Problem>,
    /// Over the size read from a file: refused before reading.
    pub too_large: bool,
    /// Storing the new records failed (nothing was stored).
    pub failed: bool,
}

pub struct View<'a> {
    pub listing: &'a Listing,
    pub filter: &'a Filter,
    /// (id, name) of each profile, and the active one's id.
    pub profiles: &'a [(String, String)],
    pub active: Option<&'a str>,
    pub imported: Option<&'a Imported>,
    pub purge_days: u32,
    /// Keys of what did not read back.
    pub damaged: &'a [String],
    /// The device's storage refused one of the journal's writes (the sync
    /// engine's new states among them): sending stops until it is fixed.
    pub store_refused: bool,
    pub busy: bool,
    /// The device lock is on: an export leaves the encryption behind.
    pub lock_on: bool,
}

fn button(action: impl Into<String>, label: impl Into<String>, class: &str) -> Element {
    el("button").attr("type", "button").class(class).attr("data-action", action).text(label)
}

fn pressed(e: Element, on: bool) -> Element {
    e.attr("aria-pressed", if on { "true" } else { "false" })
}

fn field(id: &'static str, label: &str, control: Element) -> Element {
    el("div").class("field").child(el("label").attr("for", id).text(label)).child(control)
}

pub fn page(cx: &Ctx, v: &View) -> Node {
    let t = cx.t();
    let lang = cx.lang;
    let l = v.listing;

    let profiles = if v.profiles.is_empty() {
        el("p").child(link("/settings#profiles", t.journal_profile_link))
    } else {
        el("div").class("profiles").attr("role", "group").attr("aria-label", t.journal_profile_label).children(
            v.profiles.iter().map(|(id, name)| pressed(button(format!("{ACTION_PROFILE}{id}"), name.as_str(), "chip"), v.active == Some(id.as_str()))),
        )
    };
    let chip = |s: Option<Status>| {
        let n = s.map_or(l.counts.iter().sum(), |s| l.counts[s as usize]);
        let label = format!("{} ({n})", s.map_or(t.journal_all, |s| status_label(t, s)));
        let code = s.map_or("all", Status::code);
        el("li").child(pressed(button(format!("{ACTION_STATUS}{code}"), label, &format!("chip {code}")), v.filter.status == s))
    };
    let chips = el("ul").class("chips").attr("aria-label", t.journal_status_filter).child(chip(None)).children(Status::ALL.map(|s| chip(Some(s))));

    let projects = std::iter::once((String::new(), t.journal_all_projects.to_string()))
        .chain(cx.ds.projects.iter().map(|p| (p.id.clone(), p.title.get(lang).to_string())))
        .map(|(id, title)| {
            let o = el("option").attr("value", id.as_str()).text(title);
            if v.filter.project.as_deref().unwrap_or("") == id { o.attr("selected", "") } else { o }
        });
    let date = |id: &'static str, d: Option<chrono::NaiveDate>| {
        el("input").attr("id", id).attr("type", "date").attr("data-change", id).attr("value", d.map(crate::model::date::format).unwrap_or_default())
    };
    let filters = el("div")
        .class("filters journal-filters")
        .child(field(CHANGE_PROJECT, t.journal_project, el("select").attr("id", CHANGE_PROJECT).attr("data-change", CHANGE_PROJECT).children(projects)))
        .child(
            el("div")
                .class("row2")
                .child(field(CHANGE_FROM, t.journal_from, date(CHANGE_FROM, v.filter.from)))
                .child(field(CHANGE_TO, t.journal_to, date(CHANGE_TO, v.filter.to))),
        );

    let project_name = |id: &str| cx.ds.project(id).map_or(id.to_string(), |p| p.title.get(lang).to_string());
    let rows = l.rows.iter().map(|r| {
        let title = if r.title.is_empty() { t.journal_untitled } else { r.title.as_str() };
        let when = r.date.map(|d| format::date(lang, d)).unwrap_or_default();
        let mut meta = format!("{when} · {}", project_name(&r.project));
        if r.attempts > 0 {
            meta.push_str(&format!(" · {}", fill(t.journal_attempts, &[("n", &r.attempts)])));
        }
        el("li").class("journal-row").child(
            el("a")
                .attr("href", format!("/journal/{}", r.id))
                .child(el("span").class(format!("status {}", r.status.code())).text(status_label(t, r.status)))
                .child(el("strong").text(title))
                .child(el("small").text(meta)),
        )
    });
    let pager = (l.pages > 1).then(|| {
        let mut prev = button(format!("{ACTION_PAGE}{}", l.page.saturating_sub(1)), t.journal_prev, "secondary");
        let mut next = button(format!("{ACTION_PAGE}{}", l.page + 1), t.journal_next, "secondary");
        if l.page == 0 {
            prev = prev.attr("disabled", "");
        }
        if l.page + 1 >= l.pages {
            next = next.attr("disabled", "");
        }
        el("nav").class("pager").attr("aria-label", t.journal_pages).child(prev).child(el("span").text(format!("{} / {}", l.page + 1, l.pages))).child(next)
    });

    let mut import = el("input").attr("id", CHANGE_IMPORT).attr("type", "file").attr("accept", "application/json,.json").attr("data-change", CHANGE_IMPORT);
    if v.busy {
        import = import.attr("disabled", "");
    }
    let result = v.imported.map(|r| -> Node {
        if r.too_large {
            return el("p").class("msg error").text(fill(t.journal_import_too_large, &[("max", &(MAX_BYTES / (1024 * 1024)))])).into();
        }
        if let Some(p) = &r.syntax {
            return el("p").class("msg error").text(fill(t.journal_import_syntax, &[("why", &p.message(lang))])).into();
        }
        if r.unreadable {
            return el("p").class("msg error").text(t.journal_import_unreadable).into();
        }
        if r.failed {
            return el("p").class("msg error").text(t.journal_err_store).into();
        }
        let summary = fill(
            t.journal_import_done,
            &[("new", &r.new), ("same", &r.same), ("conflicts", &r.conflicts.len()), ("invalid", &r.invalid.len())],
        );
        el("div")
            .class("msg ok")
            .child(el("p").text(summary))
            .maybe((!r.conflicts.is_empty()).then(|| el("p").text(t.journal_import_conflicts)))
            .maybe((!r.conflicts.is_empty()).then(|| {
                el("ul").class("conflicts").children(
                    r.conflicts.iter().map(|(id, ours, theirs)| el("li").child(link(format!("/journal/{id}"), ours.as_str())).text(format!(" ← {theirs}"))),
                )
            }))
            .maybe((!r.invalid.is_empty()).then(|| el("ul").class("problems").children(r.invalid.iter().map(|(i, why)| el("li").text(format!("#{} — {}", i + 1, why.message(lang)))))))
            .into()
    });

    let damaged = (!v.damaged.is_empty()).then(|| {
        el("section").attr("id", "storage-problems").class("msg error").child(el("h2").text(t.journal_damaged_title)).child(el("p").text(t.journal_damaged_intro)).child(
            el("ul").children(v.damaged.iter().map(|k| {
                el("li").text(format!("{} ", k.rsplit('/').next().unwrap_or(""))).child(button(format!("{ACTION_DAMAGED}{k}"), t.data_export, "secondary"))
            })),
        )
    });

    el("section")
        .class("page journal")
        .child(el("h1").text(t.journal_title))
        .maybe(v.store_refused.then(|| el("p").class("msg error").attr("id", "store-refused").attr("role", "alert").text(t.journal_store_refused)))
        .child(el("p").child(link("/journal/new", t.journal_new).class("button primary")))
        .child(profiles)
        .child(chips)
        .child(filters)
        .child(el("p").class("found").attr("role", "status").text(lang.plural(l.matching, t.journal_found_one, t.journal_found_many)))
        .child(el("ol").class("journal-list").children(rows))
        .maybe(pager)
        .child(el("h2").attr("id", "export").text(t.journal_export_title))
        .child(el("p").class("small").text(t.journal_export_hint))
        .maybe(v.lock_on.then(|| el("p").class("small").attr("id", "export-plain").text(t.lock_export_plain)))
        .child(
            el("div")
                .class("actions")
                .child(button(ACTION_EXPORT_JSON, t.journal_export_json, "secondary").attr("id", "export-json"))
                .child(button(ACTION_EXPORT_CSV, t.journal_export_csv, "secondary").attr("id", "export-csv"))
                .child(button(ACTION_SHARE, t.journal_share, "secondary").attr("id", "share-json")),
        )
        .child(field(CHANGE_IMPORT, t.journal_import, import))
        .child(el("div").attr("id", "import-result").attr("role", "status").maybe(result))
        .child(el("h2").text(t.journal_purge_title))
        .child(
            el("div")
                .class("row2 purge")
                .child(field(PURGE_DAYS, t.journal_purge_days, el("input").attr("id", PURGE_DAYS).attr("type", "text").attr("inputmode", "numeric").attr("value", v.purge_days.to_string())))
                .child(button(ACTION_PURGE, t.journal_purge, "secondary")),
        )
        .maybe(damaged)
        .into()
}
