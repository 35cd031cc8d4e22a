//! `/journal/new`: binds the pure form document
//! ([`crate::pages::activity_form`]) to the draft, with fine-grained
//! signals: a field's `input` or `change` event writes that one field of
//! the [`Draft`]; memos of the structural fields (project, region, type,
//! indicators, position) and of the errors redraw the document (patched in
//! place, so the field being typed in is never touched: its text, caret
//! and input-method composition stay); the live counter and the total are
//! two small effects on their own elements. Every decision is pure
//! ([`crate::journal::form`]). The draft is saved as the user types
//! (debounced), so a reload, a crash or a closed tab brings it back.
//!
//! Why not `view!`: measured on this app, the same form written with Leptos
//! views cost 56 KB of brotli-compressed wasm (and the journal page 45 KB),
//! against about 30 KB left in the 250 KiB first-visit budget; as a
//! document it costs the code that builds it.
//!
//! Query: `?draft=<id>` continues a draft, `?edit=<id>` edits a queued or
//! refused record, `?correct=<id>` starts a correction of a sent record.

use crate::ui::var::{memo, Var};
use crate::journal::check::{Field, FieldError};
use crate::journal::form::{self, correction_start, edit_start, new_draft, Draft};
use crate::journal::state::Stored;
use crate::pages::activity_form::{self as page, SaveProblem, View, ACTION_DISCARD, ACTION_LOCATE, ACTION_SAVE, ACTION_UNLOCATE, INDICATOR};
use crate::storage::StoreError;
use crate::ui::doc_view::{field_value, DocView};
use crate::ui::journal_store::{self, use_journal, Journal};
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long typing pauses before the draft is saved.
const AUTOSAVE_MS: u64 = 400;

/// Where the form starts from.
fn start(j: Journal, query: &leptos_router::params::ParamsMap, cso: &str, ds: &crate::model::Dataset) -> Option<Draft> {
    let find_draft = |id: &str| j.drafts.with_untracked(|ds| ds.iter().find(|d| d.id == id).cloned());
    let find_record = |id: &str| j.records.with_untracked(|rs| rs.iter().find(|r| r.record.id == id).cloned());
    if let Some(id) = query.get("draft") {
        return find_draft(&id);
    }
    if let Some(id) = query.get("edit") {
        return match find_record(&id) {
            Some(s) => edit_start(&s, find_draft(&id)),
            None => find_draft(&id),
        };
    }
    if let Some(id) = query.get("correct") {
        return correction_start(&find_record(&id)?, find_draft(&id).as_ref(), journal_store::new_id(), &journal_store::now());
    }
    Some(new_draft(journal_store::new_id(), &journal_store::now(), journal_store::today(), ds, cso))
}

/// The draft field a control's id names.
fn text_field<'a>(d: &'a mut Draft, id: &str) -> Option<&'a mut String> {
    Some(match id {
        "project" => &mut d.project,
        "region" => &mut d.region,
        "cercle" => &mut d.cercle,
        "locality" => &mut d.locality,
        "date" => &mut d.date,
        "start_time" => &mut d.start_time,
        "duration_min" => &mut d.duration_min,
        "activity_type" => &mut d.activity_type,
        "activity_type_other" => &mut d.activity_type_other,
        "title" => &mut d.title,
        "description" => &mut d.description,
        "women" => &mut d.women,
        "men" => &mut d.men,
        "young_women" => &mut d.young_women,
        "young_men" => &mut d.young_men,
        "disabled" => &mut d.disabled,
        _ => return None,
    })
}

/// The form's pending autosave: a timer and the draft it will save.
#[derive(Clone)]
struct Autosave {
    j: Journal,
    ui: Var<Shown>,
    // Arc and Mutex, not Rc and RefCell: cleanup callbacks must be Send
    // (there is one thread; the lock is never contended).
    pending: Arc<Mutex<Option<(TimeoutHandle, Draft)>>>,
    /// The record was saved or the draft discarded: no more autosaves.
    closed: Arc<AtomicBool>,
    /// Saves started and not yet written.
    flying: Arc<AtomicUsize>,
}

impl Autosave {
    fn new(j: Journal, ui: Var<Shown>) -> Autosave {
        Autosave { j, ui, pending: Default::default(), closed: Default::default(), flying: Default::default() }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(TimeoutHandle, Draft)>> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Saves `d` once typing pauses for [`AUTOSAVE_MS`].
    fn schedule(&self, d: Draft) {
        self.cancel();
        if self.closed.load(Ordering::Relaxed) {
            return;
        }
        let me = self.clone();
        if let Ok(h) = set_timeout_with_handle(move || me.flush(), Duration::from_millis(AUTOSAVE_MS)) {
            *self.lock() = Some((h, d));
        }
    }

    /// Drops the pending save.
    fn cancel(&self) {
        if let Some((h, _)) = self.lock().take() {
            h.clear();
        }
    }

    /// Typing not yet written: a save waiting for a pause, or under way.
    fn unsaved(&self) -> bool {
        self.lock().is_some() || self.flying.load(Ordering::Relaxed) > 0
    }

    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Relaxed)
    }

    /// No autosave from now on.
    fn close(&self) {
        self.cancel();
        self.closed.store(true, Ordering::Relaxed);
    }

    /// Saves the pending draft now, if any.
    fn flush(&self) {
        self.flush_then(None);
    }

    /// [`Autosave::flush`], then shows `then`, the record's own save
    /// problem: a draft saved clears a storage problem of the draft's, not
    /// the record's.
    fn flush_then(&self, then: Option<SaveProblem>) {
        let (j, ui) = (self.j, self.ui);
        let pending = self.lock().take();
        let Some((h, d)) = pending.filter(|_| !self.closed.load(Ordering::Relaxed)) else {
            if then.is_some() {
                ui.update(|u| u.record_problem = then);
            }
            return;
        };
        h.clear();
        let d = Draft { updated_at: journal_store::now(), ..d };
        let flying = self.flying.clone();
        flying.fetch_add(1, Ordering::Relaxed);
        spawn_local(async move {
            let result = journal_store::save_draft(j, d).await;
            flying.fetch_sub(1, Ordering::Relaxed);
            let now = journal_store::local_time();
            // The page may be gone: its signals then take no update.
            let _ = ui.try_update(|u| {
                u.problem = match result {
                    Ok(()) => {
                        u.saved_at = Some(now);
                        u.problem.filter(|p| !matches!(p, SaveProblem::Quota | SaveProblem::Other))
                    }
                    Err(StoreError::QuotaExceeded) => Some(SaveProblem::Quota),
                    Err(_) => Some(SaveProblem::Other),
                };
                if then.is_some() {
                    u.record_problem = then;
                }
            });
        });
    }
}

fn set_text(id: &str, text: &str) {
    if let Some(e) = document().get_element_by_id(id) {
        if e.text_content().as_deref() != Some(text) {
            e.set_text_content(Some(text));
        }
    }
}

fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&el).focus();
    }
}

#[component]
pub fn ActivityForm() -> impl IntoView {
    let state = use_app_state();
    let j = use_journal();
    let query = use_query_map();
    let draft = Var::new(None::<Draft>);
    // Once the journal and the data are read: the draft to edit.
    crate::ui::effect(move || {
        if draft.with_untracked(Option::is_some) || !j.loaded.get() || state.dataset.with(Option::is_none) {
            return;
        }
        let cso = j.active_profile().map(|p| p.cso).unwrap_or_default();
        let d = state.dataset.with_untracked(|ds| ds.as_deref().and_then(|ds| query.with_untracked(|q| start(j, q, &cso, ds))));
        draft.set(Some(d.unwrap_or_default()));
    });
    move || match draft.get() {
        Some(d) if !d.id.is_empty() => view! { <FormBody initial=d/> }.into_any(),
        // Not found, or still reading: a document of its own.
        d => {
            let reading = d.is_none();
            let doc = Signal::derive(move || {
                let t = state.t();
                let line = if reading { crate::doc::el("p").class("skeleton").text(t.loading) } else { crate::doc::el("h1").text(t.journal_not_found) };
                crate::doc::el("section").class("page").child(line).into()
            });
            view! { <DocView doc=doc/> }.into_any()
        }
    }
}

/// The form's state besides the draft.
#[derive(Default)]
struct Shown {
    errors: Vec<FieldError>,
    saved_at: Option<String>,
    /// The draft's or this tab's problem: a draft saved later clears a
    /// storage problem.
    problem: Option<SaveProblem>,
    /// The record's save failed: shown until the next try, whatever the
    /// draft's saves do meanwhile.
    record_problem: Option<SaveProblem>,
    position_problem: bool,
    busy: bool,
}

#[component]
fn FormBody(initial: Draft) -> impl IntoView {
    let state = use_app_state();
    let j = use_journal();
    let navigate = use_navigate();
    // An edit re-queues a refused record without adding to the count of
    // records to send, which is what starts the engine for a new one.
    let sync = crate::ui::sync::use_sync();
    let draft = Var::new(initial.clone());
    let initial_id = initial.id.clone();
    // What the page shows besides the draft, in one signal (one signal
    // costs far less wasm than five).
    let ui = Var::new(Shown::default());
    let tried = Var::new(false);

    // Autosave, debounced (only once the draft differs from where it
    // started). The pending save holds its own copy of the draft, outside
    // the reactive system, so that leaving the page, closing the tab or
    // hiding the app flushes it at once instead of losing the last
    // keystrokes; once the record is saved or the draft discarded, nothing
    // autosaves again (a late timer would bring the draft back).
    let autosave = Autosave::new(j, ui);
    {
        let autosave = autosave.clone();
        crate::ui::effect(move || {
            let d = draft.get();
            // While the record is being saved, typing goes on in the draft
            // but waits: the save ends the draft, or its error saves it.
            if d != initial && !ui.with_untracked(|u| u.busy) {
                autosave.schedule(d);
            }
        });
    }
    {
        let (a, b, c, e) = (autosave.clone(), autosave.clone(), autosave.clone(), autosave.clone());
        // A closing tab does not wait for a write that takes more than one
        // step (IndexedDB opened, the draft sealed with the lock on): while
        // typing is not yet written, the browser asks « leave the page? ».
        // The page does not run while the question is shown, but the step
        // under way does, and the write goes out as the tab closes.
        let closing = window_event_listener_untyped("beforeunload", move |ev| {
            if e.unsaved() {
                e.flush();
                ev.prevent_default();
                // Browsers before 2023 ask only when this is set.
                let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &true.into());
            }
        });
        let hide = window_event_listener_untyped("pagehide", move |_| a.flush());
        let hidden = window_event_listener_untyped("visibilitychange", move |_| {
            if document().hidden() {
                b.flush();
            }
        });
        on_cleanup(move || {
            c.flush();
            closing.remove();
            hide.remove();
            hidden.remove();
        });
    }

    // The record as it was stored when this form opened (an edit), or
    // none (a new record). Should another tab save this id meanwhile, the
    // form stops saving: nothing here may write over that.
    let opened_as: Option<String> = j.records.with_untracked(|rs| rs.iter().find(|r| r.record.id == initial_id).map(|r| r.record.updated_at.clone()));
    {
        let autosave = autosave.clone();
        crate::ui::effect(move || {
            let now = j.records.with(|rs| rs.iter().find(|r| r.record.id == initial_id).map(|r| r.record.updated_at.clone()));
            if now != opened_as && !ui.with_untracked(|u| u.busy) && !autosave.is_closed() {
                autosave.close();
                ui.update(|u| u.problem = Some(SaveProblem::Elsewhere));
            }
        });
    }

    let validate = move || -> Result<crate::journal::Activity, Vec<FieldError>> {
        let author = j.active_profile().map(|p| p.author());
        let device = journal_store::device_id();
        let (now, offset) = (journal_store::now(), journal_store::utc_offset());
        let d = draft.get_untracked();
        state.dataset.with_untracked(|ds| {
            let ds = ds.as_deref().expect("the form opens once the data is there");
            let a = author.clone().unwrap_or_default();
            let cx = form::Context { ds, today: journal_store::today(), now: &now, utc_offset: &offset, author: &a, device_id: &device };
            let result = form::validate(&d, &cx);
            if author.is_some() {
                return result;
            }
            let mut es = result.err().unwrap_or_default();
            es.insert(0, FieldError::new(Field::Record, crate::i18n::msg!(j_err_profile)));
            Err(es)
        })
    };
    // After a first try, errors follow the typing.
    crate::ui::effect(move || {
        draft.track();
        if tried.get_untracked() {
            let now = validate().err().unwrap_or_default();
            if ui.with_untracked(|u| u.errors != now) {
                ui.update(|u| u.errors = now);
            }
        }
    });
    // The live counter and total: their own elements only.
    let description = memo(move || draft.with(|d| d.description.chars().count()));
    crate::ui::effect(move || set_text("description-count", &page::counter(description.get())));
    let total = memo(move || form::participants(&draft.get()).0.total);
    crate::ui::effect(move || set_text("total", &total.get().to_string()));

    let (autosave_save, autosave_discard) = (autosave.clone(), autosave.clone());
    let save = move || {
        if ui.with_untracked(|u| u.problem == Some(SaveProblem::Elsewhere)) {
            return;
        }
        tried.set(true);
        let record = match validate() {
            Err(es) => {
                ui.update(|u| u.errors = es);
                request_animation_frame(|| focus("form-errors"));
                return;
            }
            Ok(record) => record,
        };
        let is_edit = j.records.with_untracked(|rs| rs.iter().any(|r| r.record.id == record.id));
        let id = record.id.clone();
        let navigate = navigate.clone();
        let autosave = autosave_save.clone();
        autosave.cancel();
        spawn_local(async move {
            // An edit is applied to the record as stored now: the sync
            // engine may have started sending it since the form opened.
            let result = if is_edit { journal_store::save_edit(j, record).await } else { journal_store::save_record(j, Stored::queued(record)).await };
            let _ = ui.try_update(|u| u.busy = false);
            match result {
                Ok(()) => {
                    autosave.close();
                    if is_edit {
                        crate::ui::sync::kick(sync, j);
                    }
                    navigate(&format!("/journal/{id}"), Default::default())
                }
                Err(e) => {
                    // What was typed, before and during the save, is kept:
                    // saved as the draft now, then the problem shown.
                    // The page may be gone (left while the write ran): then
                    // the draft stored last stands.
                    if let Some(d) = draft.try_get_untracked() {
                        autosave.schedule(d);
                    }
                    autosave.flush_then(Some(match e {
                        StoreError::QuotaExceeded => SaveProblem::Quota,
                        StoreError::Changed(_) => SaveProblem::Sending,
                        _ => SaveProblem::Other,
                    }));
                }
            }
        });
        // After the spawn: queued first, the write starts before the form
        // is drawn again, which then happens while IndexedDB commits (the
        // busy state is set here, before the write can even start).
        ui.update(|u| {
            u.errors = Vec::new();
            u.record_problem = None;
            u.busy = true;
        });
    };
    let discard = move || {
        if !window().confirm_with_message(state.t().journal_discard_confirm).unwrap_or(false) {
            return;
        }
        let id = draft.with_untracked(|d| d.id.clone());
        let navigate = use_navigate();
        ui.update(|u| u.busy = true);
        let autosave = autosave_discard.clone();
        autosave.cancel();
        spawn_local(async move {
            let result = journal_store::delete(j, vec![format!("{}{id}", journal_store::DRAFTS)]).await;
            let _ = ui.try_update(|u| u.busy = false);
            match result {
                Ok(()) => {
                    autosave.close();
                    navigate("/journal", Default::default())
                }
                Err(_) => ui.update(|u| u.problem = Some(SaveProblem::Other)),
            }
        });
    };
    let on_action = Callback::new(move |action: String| {
        // While saving, the buttons wait; typing does not.
        if ui.with_untracked(|u| u.busy) && matches!(action.as_str(), ACTION_SAVE | ACTION_DISCARD | ACTION_LOCATE) {
            return;
        }
        match action.as_str() {
            ACTION_SAVE => save(),
            ACTION_DISCARD => discard(),
            ACTION_LOCATE => spawn_local(async move {
                let p = crate::ui::data::locate().await;
                ui.update(|u| u.position_problem = p.is_none());
                if p.is_some() {
                    draft.update(|d| d.position = p);
                }
            }),
            ACTION_UNLOCATE => draft.update(|d| d.position = None),
            a if a.starts_with(INDICATOR) => {
                let id = a[INDICATOR.len()..].to_string();
                draft.update(|d| {
                    if let Some(i) = d.indicators.iter().position(|x| *x == id) {
                        d.indicators.remove(i);
                    } else {
                        d.indicators.push(id);
                    }
                })
            }
            id => {
                let value = field_value(id);
                draft.update(|d| {
                    if let Some(f) = text_field(d, id) {
                        *f = value;
                    }
                    // A project with one region chooses it; a region the
                    // project does not have is cleared, and so is its cercle.
                    if id == "project" {
                        let regions: Vec<String> = state.dataset.with_untracked(|ds| {
                            ds.as_deref().map(|ds| form::regions_for(ds, &d.project).into_iter().map(|r| r.id.clone()).collect()).unwrap_or_default()
                        });
                        if !regions.contains(&d.region) {
                            d.region = if let [only] = regions.as_slice() { only.clone() } else { String::new() };
                            d.cercle.clear();
                        }
                        d.indicators.clear();
                    }
                    if id == "region" {
                        d.cercle.clear();
                    }
                });
            }
        }
    });

    // Redrawn when the structure changes, not on each keystroke.
    let structure = memo(move || draft.with(|d| (d.project.clone(), d.region.clone(), d.cercle.clone(), d.activity_type.clone(), d.indicators.clone(), d.position)));
    let doc = Signal::derive(move || {
        structure.track();
        let d = draft.get_untracked();
        let cso = j.active_profile().map(|p| p.cso);
        let u = ui.read();
        state.with_ctx(|cx| {
            page::page(
                cx,
                &View {
                    draft: &d,
                    cso: cso.as_deref(),
                    errors: &u.errors,
                    saved_at: u.saved_at.as_deref(),
                    save_problem: u.record_problem.or(u.problem),
                    position_problem: u.position_problem,
                    busy: u.busy,
                },
            )
        })
    });
    view! { <DocView doc=doc on_action=on_action/> }
}
