//! `/journal/{id}`: one record (or draft), as a pure document: its status,
//! the server's receipt or reason, every field, and the actions its state
//! allows ([`crate::journal::state`]). `ui::record_page` wires the buttons.

use crate::ctx::Ctx;
use crate::doc::{el, Element, Node};
use crate::i18n::{fill, format, Texts};
use crate::journal::form::Draft;
use crate::journal::record::{Activity, ActivityType};
use crate::journal::state::{Delete, State, Status, Stored};

pub const ACTION_EDIT: &str = "edit";
pub const ACTION_DELETE: &str = "delete";
pub const ACTION_CORRECT: &str = "correct";
pub const ACTION_CONTINUE: &str = "continue";

/// What the page shows.
pub enum Item<'a> {
    Draft(&'a Draft),
    /// A record, and whether an edit of it saved too late waits in a draft.
    Record(&'a Stored, bool),
    Missing,
}

pub fn status_label(t: &Texts, s: Status) -> &'static str {
    match s {
        Status::Draft => t.status_draft,
        Status::Queued => t.status_queued,
        Status::Sent => t.status_sent,
        Status::Refused => t.status_refused,
    }
}

pub fn type_label(t: &Texts, k: ActivityType) -> &'static str {
    match k {
        ActivityType::CommunityDialogue => t.type_dialogue,
        ActivityType::Mediation => t.type_mediation,
        ActivityType::Training => t.type_training,
        ActivityType::Awareness => t.type_awareness,
        ActivityType::Coordination => t.type_coordination,
        ActivityType::CulturalSport => t.type_cultural,
        ActivityType::Other => t.type_other,
    }
}

/// A button that reports `action` to the page's owner (`data-action`).
pub(crate) fn button(action: &str, label: &str, class: &str) -> Element {
    el("button").attr("type", "button").class(class).attr("data-action", action).text(label)
}

fn facts(rows: Vec<(&str, String)>) -> Element {
    let mut dl = el("dl").class("facts");
    for (k, v) in rows.into_iter().filter(|(_, v)| !v.is_empty()) {
        dl = dl.child(el("dt").text(k)).child(el("dd").text(v));
    }
    dl
}

fn record_facts(cx: &Ctx, a: &Activity) -> Element {
    let t = cx.t();
    let lang = cx.lang;
    let project = cx.ds.project(&a.project).map_or(a.project.clone(), |p| p.title.get(lang).to_string());
    let region = cx.ds.region(&a.region).map_or(a.region.clone(), |r| r.name.clone());
    let cercle = a.cercle.as_deref().map(|c| cx.ds.cercle(c).map_or(c.to_string(), |(_, c)| c.name.clone())).unwrap_or_default();
    let kind = if a.activity_type == ActivityType::Other {
        format!("{} — {}", type_label(t, a.activity_type), a.activity_type_other)
    } else {
        type_label(t, a.activity_type).to_string()
    };
    let p = &a.participants;
    let who = fill(t.journal_participants_line, &[("w", &p.women), ("m", &p.men), ("yw", &p.young_women), ("ym", &p.young_men), ("total", &p.total)]);
    let indicators = a
        .indicators
        .iter()
        .map(|i| cx.ds.indicator(i).map_or(i.clone(), |ind| ind.label.get(lang).to_string()))
        .collect::<Vec<_>>()
        .join(" ; ");
    facts(vec![
        (t.journal_project, project),
        (t.journal_region, region),
        (t.journal_cercle, cercle),
        (t.journal_locality, a.locality.clone()),
        (t.journal_date, format::date(lang, a.date)),
        (t.journal_start_time, a.start_time.clone().unwrap_or_default()),
        (t.journal_duration, a.duration_min.map(|m| m.to_string()).unwrap_or_default()),
        (t.journal_type, kind),
        (t.journal_indicators, indicators),
        (t.journal_who, who),
        (t.journal_disabled, p.disabled.map(|d| d.to_string()).unwrap_or_default()),
        (t.journal_position, a.position.map(|p| p.describe()).unwrap_or_default()),
        (t.journal_author, a.author.name.clone()),
        (t.journal_record_id, a.id.clone()),
        (t.journal_corrects, a.corrects.clone().unwrap_or_default()),
    ])
}

/// The whole page.
pub fn page(cx: &Ctx, item: Item) -> Node {
    let t = cx.t();
    let section = el("section").class("page journal-record");
    match item {
        Item::Missing => section.child(el("h1").text(t.journal_not_found)).child(crate::doc::link("/journal", t.journal_back)).into(),
        Item::Draft(d) => section
            .child(el("h1").text(if d.title.trim().is_empty() { t.journal_untitled } else { d.title.trim() }))
            .child(el("p").child(el("span").class("status draft").text(t.status_draft)))
            .child(el("p").text(t.journal_draft_intro))
            .child(el("div").class("actions").child(button(ACTION_CONTINUE, t.journal_continue, "primary")))
            .child(crate::doc::link("/journal", t.journal_back))
            .into(),
        Item::Record(s, edit_waits) => {
            let a = &s.record;
            let status = s.state.status();
            let mut head = el("div").class("record-status").child(el("span").class(format!("status {}", status.code())).text(status_label(t, status)));
            head = match &s.state {
                State::Queued { attempts: 0, retry: None } => head.child(el("p").text(t.journal_queued_intro)),
                State::Queued { attempts, retry } => {
                    let mut h = head;
                    if *attempts > 0 {
                        h = h.child(el("p").text(fill(t.journal_attempted, &[("n", attempts)])));
                    }
                    match retry {
                        Some(r) => h.child(el("p").class("msg warn").text(fill(
                            t.journal_next_try,
                            &[("error", &crate::sync::engine::met_text(t, &r.error)), ("time", &crate::sync::engine::clock(r.at_ms, cx.tz_offset_min))],
                        ))),
                        None => h,
                    }
                }
                State::Sent { receipt } => head.child(el("p").text(fill(
                    t.journal_receipt,
                    &[("id", &receipt.server_id), ("time", &receipt.server_time)],
                ))),
                State::Refused { conflict: true, .. } => head.child(el("p").class("msg error").text(t.journal_conflict)),
                State::Refused { reason, .. } => head.child(el("p").class("msg error").text(fill(t.journal_refused_reason, &[("reason", reason)]))),
            };
            if edit_waits {
                head = head.child(el("p").class("msg warn").text(t.journal_edit_waits));
            }
            let mut actions = el("div").class("actions");
            if s.state.can_edit() {
                actions = actions.child(button(ACTION_EDIT, t.journal_edit, "primary"));
            }
            if s.state.can_correct() {
                actions = actions.child(button(ACTION_CORRECT, t.journal_correct, "primary"));
            }
            if s.state.delete() == Delete::Confirm {
                actions = actions.child(button(ACTION_DELETE, t.journal_delete, "secondary"));
            }
            section
                .child(el("h1").text(a.title.as_str()))
                .child(head)
                .child(record_facts(cx, a))
                .maybe((!a.description.is_empty()).then(|| el("p").class("description").text(a.description.as_str())))
                .child(actions)
                .child(crate::doc::link("/journal", t.journal_back))
                .into()
        }
    }
}
