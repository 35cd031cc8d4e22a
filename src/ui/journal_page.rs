//! `/journal`: the pure page [`crate::pages::journal`] and its events:
//! filters and pages in the URL, the active profile in one tap, export
//! (JSON, CSV) and share, import (merge by id, conflicts shown), purge of
//! old sent records, export of what did not read back. Decisions are pure
//! ([`crate::journal::list`], [`crate::journal::export`],
//! [`crate::journal::state`]).

use crate::ui::var::{memo, Var};
use crate::journal::export::{plan_import, to_csv, to_json, ImportError};
use crate::journal::list::{listing, Filter, Row};
use crate::journal::state::{sent_older_than, Status, Stored};
use crate::pages::journal::{
    self as page, Imported, View, ACTION_DAMAGED, ACTION_EXPORT_CSV, ACTION_EXPORT_JSON, ACTION_PAGE, ACTION_PROFILE, ACTION_PURGE,
    ACTION_SHARE, ACTION_STATUS, CHANGE_FROM, CHANGE_IMPORT, CHANGE_PROJECT, CHANGE_TO, PURGE_DAYS,
};
use crate::ui::data;
use crate::ui::doc_view::{field_value, DocView};
use crate::ui::journal_store::{self, save_profiles, use_journal, Journal};
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

async fn import(j: Journal, input: web_sys::HtmlInputElement) -> Imported {
    let chosen = data::read_file(&input).await;
    input.set_value("");
    let mut out = Imported::default();
    // Merging needs the records on the device: not before they are read.
    if !j.loaded.get_untracked() || j.error.with_untracked(Option::is_some) {
        journal_store::reload(j).await;
        if j.error.with_untracked(Option::is_some) {
            out.failed = true;
            return out;
        }
    }
    out.too_large = chosen.as_ref().is_some_and(|c| c.too_large);
    let Some(text) = chosen.and_then(|c| c.text) else {
        out.unreadable = true;
        return out;
    };
    let local = |id: &str| j.records.with_untracked(|rs| rs.iter().find(|s| s.record.id == id).map(|s| s.record.clone()));
    let plan = match plan_import(&text, local) {
        Ok(plan) => plan,
        Err(e) => {
            out.syntax = match e {
                ImportError::Syntax(p) => Some(p),
                ImportError::NotRecords => None,
            };
            out.unreadable = true;
            return out;
        }
    };
    out.same = plan.same;
    out.invalid = plan.invalid;
    out.conflicts = plan.conflicts.iter().map(|c| (c.id.clone(), local(&c.id).map(|l| l.title).unwrap_or_default(), c.title.clone())).collect();
    out.new = plan.new.len();
    let new: Vec<Stored> = plan.new.into_iter().map(Stored::queued).collect();
    if !new.is_empty() && journal_store::add_records(j, new).await.is_err() {
        out.failed = true;
        out.new = 0;
    }
    out
}

#[component]
pub fn JournalPage() -> impl IntoView {
    let state = use_app_state();
    let j = use_journal();
    let vault = crate::ui::vault::use_vault();
    let location = use_location();
    let navigate = use_navigate();
    let filter = memo(move || Filter::from_query(&location.search.get()));
    // A draft that edits a stored record is not a row of its own: the
    // record's « Modifier » takes the user back to it.
    let rows = memo(move || {
        let mut rows: Vec<Row> = j.records.with(|rs| rs.iter().map(Row::of_record).collect());
        let drafts: Vec<Row> = {
            let stored: crate::model::StrSet = rows.iter().map(|r| r.id.as_str()).collect();
            j.drafts.with(|ds| ds.iter().filter(|d| !stored.contains(d.id.as_str())).map(Row::of_draft).collect())
        };
        rows.extend(drafts);
        rows
    });
    let list = memo(move || listing(rows.get(), &filter.get()));
    let imported = Var::new(None::<Imported>);
    let purge_days = Var::new(30u32);
    let busy = Var::new(false);

    // The records of the current filter (every page), for export.
    let filtered = move || -> Vec<Stored> {
        let f = filter.get_untracked();
        j.records.with_untracked(|rs| rs.iter().filter(|s| f.keeps(&Row::of_record(s))).cloned().collect())
    };
    let export = move |csv: bool, share: bool| {
        let records = filtered();
        let refs: Vec<_> = records.iter().map(|s| &s.record).collect();
        let day = journal_store::now().get(..10).unwrap_or("").to_string();
        if csv {
            data::share_file(&format!("paix-journal-{day}.csv"), &to_csv(&refs), "text/csv", share);
        } else {
            data::share_file(&format!("paix-journal-{day}.json"), &to_json(&refs), "application/json", share);
        }
    };
    let go = move |f: Filter| navigate(&format!("/journal{}", f.to_query()), NavigateOptions { replace: true, scroll: false, ..Default::default() });
    let on_action = Callback::new(move |a: String| {
        let f = filter.get_untracked();
        let date = |id: &str| crate::model::date::parse(&field_value(id));
        match a.as_str() {
            ACTION_EXPORT_JSON => export(false, false),
            ACTION_EXPORT_CSV => export(true, false),
            ACTION_SHARE => export(false, true),
            CHANGE_PROJECT => go(Filter { project: Some(field_value(CHANGE_PROJECT)).filter(|p| !p.is_empty()), page: 0, ..f }),
            CHANGE_FROM => go(Filter { from: date(CHANGE_FROM), page: 0, ..f }),
            CHANGE_TO => go(Filter { to: date(CHANGE_TO), page: 0, ..f }),
            CHANGE_IMPORT => {
                let Some(input) = document().get_element_by_id(CHANGE_IMPORT).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                    return;
                };
                busy.set(true);
                spawn_local(async move {
                    imported.set(Some(import(j, input).await));
                    busy.set(false);
                });
            }
            ACTION_PURGE => {
                let days = field_value(PURGE_DAYS).trim().parse::<u32>().unwrap_or(purge_days.get_untracked());
                purge_days.set(days);
                let ids = j.records.with_untracked(|rs| sent_older_than(rs, &journal_store::now(), days));
                if ids.is_empty() {
                    return;
                }
                let ask = crate::i18n::fill(state.t().journal_purge_confirm, &[("n", &ids.len()), ("days", &days)]);
                if window().confirm_with_message(&ask).unwrap_or(false) {
                    spawn_local(async move {
                        let _ = journal_store::delete_records(j, ids, |s| matches!(s, crate::journal::state::State::Sent { .. })).await;
                    });
                }
            }
            a if a.starts_with(ACTION_STATUS) => go(Filter { status: Status::parse(&a[ACTION_STATUS.len()..]), page: 0, ..f }),
            a if a.starts_with(ACTION_PAGE) => go(Filter { page: a[ACTION_PAGE.len()..].parse().unwrap_or(0), ..f }),
            a if a.starts_with(ACTION_PROFILE) => {
                let _ = save_profiles(j, j.profiles.get_untracked(), Some(a[ACTION_PROFILE.len()..].to_string()));
            }
            a if a.starts_with(ACTION_DAMAGED) => {
                let key = &a[ACTION_DAMAGED.len()..];
                if let Some(d) = j.damaged.with_untracked(|ds| ds.iter().find(|d| d.key == key).cloned()) {
                    data::save_file(&format!("{}.json", key.rsplit('/').next().unwrap_or("record")), &d.raw, "application/json");
                }
            }
            _ => {}
        }
    });

    let doc = Signal::derive(move || {
        let (l, f, imp) = (list.get(), filter.get(), imported.get());
        let profiles: Vec<(String, String)> = j.profiles.with(|ps| ps.iter().map(|p| (p.id.clone(), p.name.clone())).collect());
        let active = j.active.get();
        let damaged: Vec<String> = j.damaged.with(|ds| ds.iter().map(|d| d.key.clone()).collect());
        let view = View {
            listing: &l,
            filter: &f,
            profiles: &profiles,
            active: active.as_deref(),
            imported: imp.as_ref(),
            purge_days: purge_days.get(),
            damaged: &damaged,
            // Not « changed meanwhile » (another tab, followed at once), nor locked (the unlock form shows).
            store_refused: j.error.with(|e| matches!(e, Some(e) if !matches!(e, crate::storage::StoreError::Changed(_) | crate::storage::StoreError::Unavailable(_)))),
            busy: busy.get(),
            lock_on: vault.access.get() != crate::lock::Access::Off,
        };
        state.with_ctx(|cx| page::page(cx, &view))
    });
    view! { <DocView doc=doc on_action=on_action/> }
}
