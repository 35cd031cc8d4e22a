//! Settings › Données: the page is one pure document
//! ([`crate::pages::settings`]); this wires its form and buttons: update
//! from the data URL (with a timeout and a cancel button), import a JSON
//! file, store what the decision says to store, try a failed save again,
//! accept older data, and restore, export or delete a copy set aside.
//!
//! Memory follows storage: the data shown changes only once the store has
//! said yes, or it is marked not saved ([`Meta::saved`] false) and kept to
//! try again. One data job runs at a time in the whole app
//! ([`AppState::busy`]).

use crate::ui::var::Var;
use crate::components::data_status::{ACTION_CANCEL, ACTION_CONFIRM_OLDER};
use crate::components::quarantine_list::{ACTION_DELETE, ACTION_EXPORT, ACTION_RESTORE};
use crate::model::refresh::{self, after_fetch, after_import, if_none_match, Failure, Meta, Outcome, ToStore};
use crate::model::Dataset;
use crate::pages::settings::{
    self, ProfileRow, ACTION_IMPORT, ACTION_PROFILE_ACTIVATE, ACTION_PROFILE_ADD, ACTION_PROFILE_DELETE, ACTION_RETRY_SAVE, ACTION_UPDATE, FILE_INPUT,
    PROFILE_CSO, PROFILE_NAME, PROFILE_PHONE, TIMEOUT_INPUT, URL_INPUT,
};
use crate::ui::journal_store::{save_profiles, use_journal, Profile};
use crate::status::{Status, StorageInfo};
use crate::storage::dataset_cache::{self, Quarantined, RestoreError};
use crate::storage::idb::IdbStore;
use crate::storage::local::LocalStore;
use crate::storage::Store;
use crate::ui::data;
use crate::components::sync_panel::{
    Panel, ACTION_APPLY, ACTION_IGNORE, ACTION_LINK_COPY, ACTION_LINK_SECRET, ACTION_LINK_SHARE, ACTION_SYNC_NOW, ACTION_SYNC_SAVE, ACTION_SYNC_TEST, FIELD,
    LINK_INPUT,
};
use crate::sync::config::{from_fragment_at, url_allowed, ConfigError, Settings as SyncSettings, SyncForm};
use crate::ui::sync::{copy_text, save_settings, share_url, sync_now, test_connection, use_sync, Sync};
use crate::ui::doc_view::{field_checked, field_value, DocView};
use crate::ui::state::{use_app_state, AppState, Held, DATA_TIMEOUT_DEFAULT, DATA_TIMEOUT_KEY, DATA_URL_KEY};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Shows `dataset` once `store` is saved; when the save fails, shows it
/// all the same, marked not saved and held to try again.
async fn store_and_show(state: AppState, dataset: Arc<Dataset>, store: ToStore, base: String) -> Status {
    let saved = dataset_cache::save(&IdbStore::APP, &LocalStore, &store.meta, &store.text, Some(&base)).await;
    let meta = Meta { saved: saved.is_ok(), ..store.meta.clone() };
    state.unsaved.set_value(if saved.is_ok() { None } else { Some((dataset.clone(), store, base)) });
    state.problems.set(Vec::new());
    state.dataset.set(Some(dataset));
    state.meta.set(meta);
    if saved.is_ok() {
        data::persist().await;
    }
    Status::Replaced { saved }
}

/// Carries out the decision, made against the data whose hash is `base`.
async fn apply(state: AppState, outcome: Outcome, base: String) -> Status {
    match outcome {
        Outcome::Unchanged { resave: None } => Status::Unchanged,
        Outcome::Unchanged { resave: Some(store) } => {
            let saved = dataset_cache::save(&IdbStore::APP, &LocalStore, &store.meta, &store.text, Some(&base)).await;
            if saved.is_ok() {
                // Data shown but not saved until now: say it is stored.
                let was_unsaved = !state.meta.get_untracked().saved;
                state.unsaved.set_value(None);
                state.meta.set(store.meta);
                data::persist().await;
                if was_unsaved { Status::Replaced { saved } } else { Status::Unchanged }
            } else {
                Status::Replaced { saved }
            }
        }
        Outcome::Replaced { dataset, store } => store_and_show(state, dataset, store, base).await,
        Outcome::Older { dataset, store, current } => {
            let new = dataset.revision;
            state.older.set_value(Some((dataset, store, base)));
            Status::Older { new, current }
        }
        Outcome::Kept(failure) => Status::Failed(failure),
    }
}

/// The timeout setting, in seconds (5 to 600).
fn timeout_s() -> u32 {
    LocalStore.get_now(DATA_TIMEOUT_KEY).ok().flatten().and_then(|s| s.parse().ok()).unwrap_or(DATA_TIMEOUT_DEFAULT).clamp(5, 600)
}

/// The data held now: its meta and revision, read together when a job
/// starts (the decision is made against this, whatever loads meanwhile).
fn held_now(state: AppState) -> (Meta, u32) {
    (state.meta.get_untracked(), state.dataset.with_untracked(|d| d.as_ref().map_or(0, |d| d.revision)))
}

/// Downloads the data URL and applies the outcome.
async fn update(state: AppState, url: String) -> Status {
    if url.is_empty() {
        return Status::NoUrl;
    }
    if !url_allowed(&url, &data::page_origin()) {
        return Status::InsecureUrl;
    }
    let (meta, revision) = held_now(state);
    let same = refresh::same_origin(&url, &data::page_origin());
    let job = state.job;
    let fetched = data::download(&url, if_none_match(&meta, &url, same), timeout_s(), move |received, total| {
        job.set(Status::Downloading { received, total })
    })
    .await;
    apply(state, after_fetch(&meta, revision, &url, fetched, data::now()), meta.hash).await
}

/// Reads the chosen file and applies the outcome.
async fn import(state: AppState, input: web_sys::HtmlInputElement) -> Status {
    let (meta, revision) = held_now(state);
    let Some(file) = data::read_file(&input).await else { return Status::Idle };
    // The same file can be chosen again.
    input.set_value("");
    if file.too_large {
        return Status::Failed(Failure::TooLarge);
    }
    apply(state, after_import(&meta, revision, &file.name, file.text, data::now()), meta.hash).await
}

/// Saves again the data whose save failed, or accepts the older data the
/// user said yes to: two separate slots, so one never stands for the other.
async fn store_held(state: AppState, slot: StoredValue<Option<Held>, LocalStorage>) -> Status {
    match slot.get_value() {
        Some((dataset, store, base)) => {
            slot.set_value(None);
            store_and_show(state, dataset, store, base).await
        }
        None => Status::Idle,
    }
}

async fn restore(state: AppState, key: String) -> Status {
    match dataset_cache::restore(&IdbStore::APP, &LocalStore, &key, data::now()).await {
        Ok((dataset, meta, problems)) => {
            let (revision, n) = (dataset.revision, problems.len());
            state.unsaved.set_value(None);
            state.problems.set(problems);
            state.dataset.set(Some(Arc::new(dataset)));
            state.meta.set(meta);
            Status::Restored { revision, problems: n }
        }
        Err(RestoreError::Unreadable(_)) | Err(RestoreError::Missing) => Status::RestoreFailed(None),
        Err(RestoreError::Store(e)) => Status::RestoreFailed(Some(e)),
    }
}

/// Offers the copy's data text as a JSON file.
async fn export(key: String) {
    if let Ok(Some(raw)) = IdbStore::APP.get(&key).await {
        let text = dataset_cache::data_text(&raw).unwrap_or(&raw);
        let stamp = key.rsplit('/').next().unwrap_or("copy");
        data::save_file(&format!("paix-data-{stamp}.json"), text, "application/json");
    }
}

fn input(id: &str) -> Option<web_sys::HtmlInputElement> {
    document().get_element_by_id(id)?.dyn_into().ok()
}

type Job = Pin<Box<dyn Future<Output = Status>>>;

/// What the Settings view holds itself, in one signal: the page reads all
/// of it, and one signal costs far less wasm than six.
#[derive(Default)]
struct Local {
    url: String,
    timeout: u32,
    storage: StorageInfo,
    copies: Vec<Quarantined>,
    /// Name, CSO, phone of the profile being added.
    profile_form: (String, String, String),
    profile_error: bool,
    /// Réglages › Synchronisation: the form as typed, its last save, the
    /// settings a configuration link offers, the link's secret switch.
    sync_form: SyncForm,
    sync_errors: Vec<ConfigError>,
    sync_saved: bool,
    offered: Option<Result<SyncSettings, Vec<ConfigError>>>,
    link_secret: bool,
}

/// Removes the configuration link's fragment from the address (its values
/// must not stay in the history once answered).
fn clear_fragment() {
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/settings/sync"));
    }
}

/// The sync part of Settings: its actions (true when handled).
fn sync_action(action: &str, local: Var<Local>, sync: Sync) -> bool {
    match action {
        a if a.starts_with(FIELD) => {
            let name = &a[FIELD.len()..];
            let id = format!("sync-{name}");
            let value = if name == "key" {
                if field_checked(&id) { "on".to_string() } else { "off".to_string() }
            } else {
                field_value(&id)
            };
            local.update(|l| {
                l.sync_form.set(name, value);
                l.sync_saved = false;
            });
        }
        ACTION_SYNC_SAVE => {
            let base = sync.settings.get_untracked();
            let fragment = local.with_untracked(|l| l.sync_form.fragment());
            match from_fragment_at(&fragment, &base, &data::page_origin()) {
                Ok(new) => {
                    let ok = save_settings(sync, new.clone());
                    local.update(|l| {
                        l.sync_errors.clear();
                        l.sync_saved = ok;
                        l.sync_form = SyncForm::of(&new);
                    });
                }
                Err(errors) => local.update(|l| {
                    l.sync_errors = errors;
                    l.sync_saved = false;
                }),
            }
        }
        ACTION_SYNC_NOW => sync_now(sync),
        ACTION_SYNC_TEST => test_connection(sync),
        ACTION_LINK_SECRET => local.update(|l| l.link_secret = !l.link_secret),
        ACTION_LINK_COPY | ACTION_LINK_SHARE => {
            let link = field_value(LINK_INPUT);
            let p = if action == ACTION_LINK_COPY { copy_text(&link) } else { share_url(&link) };
            spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(p).await;
            });
        }
        ACTION_APPLY => {
            if let Some(Ok(new)) = local.with_untracked(|l| l.offered.clone()) {
                if save_settings(sync, new.clone()) {
                    local.update(|l| {
                        l.offered = None;
                        l.sync_form = SyncForm::of(&new);
                        l.sync_saved = true;
                    });
                    clear_fragment();
                }
            }
        }
        ACTION_IGNORE => {
            local.update(|l| l.offered = None);
            clear_fragment();
        }
        _ => return false,
    }
    true
}

#[component]
pub fn Settings() -> impl IntoView {
    let state = use_app_state();
    let sync = use_sync();
    let vault = crate::ui::vault::use_vault();
    let pwa = crate::ui::pwa::use_pwa_status();
    let current = sync.settings.get_untracked();
    // A configuration link: its values are offered, applied only once confirmed.
    let location = leptos_router::hooks::use_location();
    let hash = location.hash.get_untracked();
    let offered = (location.pathname.get_untracked() == "/settings/sync" && hash.len() > 1).then(|| from_fragment_at(&hash, &current, &data::page_origin()));
    let local = Var::new(Local {
        url: LocalStore.get_now(DATA_URL_KEY).ok().flatten().unwrap_or_default(),
        timeout: timeout_s(),
        sync_form: SyncForm::of(&current),
        offered,
        ..Local::default()
    });
    if location.pathname.get_untracked() == "/settings/sync" {
        request_animation_frame(|| {
            if let Some(e) = document().get_element_by_id("sync") {
                e.scroll_into_view();
            }
        });
    }
    // The form follows the stored settings when they change under it (read
    // only once the lock is opened, or saved from another part).
    let mut first = true;
    crate::ui::effect(move || {
        let current = sync.settings.get();
        if !std::mem::take(&mut first) {
            local.update(|l| l.sync_form = SyncForm::of(&current));
        }
    });
    let tz = data::tz_offset();
    let j = use_journal();
    let refresh_facts = move || {
        spawn_local(async move {
            let storage = data::storage_info().await;
            local.update(|l| l.storage = storage);
            let copies = dataset_cache::quarantined(&IdbStore::APP).await.unwrap_or_default();
            local.update(|l| l.copies = copies);
        })
    };
    refresh_facts();

    // One job at a time in the whole app; the storage facts and the copies
    // set aside are read again after each.
    let run = move |job: Job| {
        state.busy.set(true);
        spawn_local(async move {
            let done = job.await;
            state.job.set(done);
            state.busy.set(false);
            refresh_facts();
        });
    };
    let kiosk = crate::ui::kiosk::use_kiosk();
    let go = crate::ui::kiosk::navigator();
    let on_action = Callback::new(move |action: String| {
        if crate::ui::kiosk::on_action(kiosk, &action, go) {
            return;
        }
        if action == ACTION_CANCEL {
            data::cancel_download();
            return;
        }
        if sync_action(&action, local, sync) || crate::ui::vault::on_action(vault, &action) {
            return;
        }
        // Profiles (localStorage, synchronous; no data job).
        match action.as_str() {
            PROFILE_NAME => return local.update(|l| l.profile_form.0 = field_value(PROFILE_NAME)),
            PROFILE_CSO => return local.update(|l| l.profile_form.1 = field_value(PROFILE_CSO)),
            PROFILE_PHONE => return local.update(|l| l.profile_form.2 = field_value(PROFILE_PHONE)),
            ACTION_PROFILE_ADD => {
                let (name, cso, phone) = local.with_untracked(|l| l.profile_form.clone());
                // Without invisible characters, which every record of the
                // profile would carry into its author, refused by any reader.
                let clean = |t: &str| crate::model::without_forbidden(t.trim(), false);
                let name = clean(&name);
                if name.is_empty() || cso.is_empty() {
                    return local.update(|l| l.profile_error = true);
                }
                let p = Profile { id: crate::ui::journal_store::new_id(), name, cso, phone: clean(&phone) };
                let id = p.id.clone();
                let mut all = j.profiles.get_untracked();
                all.push(p);
                let ok = save_profiles(j, all, Some(id)).is_ok();
                local.update(|l| {
                    l.profile_error = !ok;
                    if ok {
                        l.profile_form = Default::default();
                    }
                });
                return;
            }
            a if a.starts_with(ACTION_PROFILE_ACTIVATE) => {
                let _ = save_profiles(j, j.profiles.get_untracked(), Some(a[ACTION_PROFILE_ACTIVATE.len()..].to_string()));
                return;
            }
            a if a.starts_with(ACTION_PROFILE_DELETE) => {
                if window().confirm_with_message(state.t().profile_delete_confirm).unwrap_or(false) {
                    let id = &a[ACTION_PROFILE_DELETE.len()..];
                    let rest: Vec<Profile> = j.profiles.get_untracked().into_iter().filter(|p| p.id != id).collect();
                    let active = j.active.get_untracked().filter(|a| a != id).or_else(|| rest.first().map(|p| p.id.clone()));
                    let _ = save_profiles(j, rest, active);
                }
                return;
            }
            _ => {}
        }
        if state.busy.get_untracked() {
            return;
        }
        // No data job before the start-up read of the stored data answered:
        // a job decided against the embedded data would race that load.
        let data_job = matches!(action.as_str(), ACTION_UPDATE | ACTION_IMPORT | ACTION_RETRY_SAVE | ACTION_CONFIRM_OLDER)
            || action.starts_with(ACTION_RESTORE);
        if data_job && !state.started.get_untracked() {
            state.job.set(Status::Starting);
            return;
        }
        let job: Job = match action.as_str() {
            ACTION_UPDATE => {
                let u = field_value(URL_INPUT).trim().to_string();
                let _ = LocalStore.put_now(DATA_URL_KEY, &u);
                let timeout = field_value(TIMEOUT_INPUT).trim().parse::<u32>().ok().map(|s| s.clamp(5, 600));
                if let Some(s) = timeout {
                    let _ = LocalStore.put_now(DATA_TIMEOUT_KEY, &s.to_string());
                }
                local.update(|l| {
                    l.url = u.clone();
                    if let Some(s) = timeout {
                        l.timeout = s;
                    }
                });
                state.job.set(Status::Downloading { received: 0, total: None });
                Box::pin(update(state, u))
            }
            ACTION_IMPORT => match input(FILE_INPUT) {
                Some(i) => Box::pin(import(state, i)),
                None => return,
            },
            ACTION_RETRY_SAVE => Box::pin(store_held(state, state.unsaved)),
            ACTION_CONFIRM_OLDER => Box::pin(store_held(state, state.older)),
            a if a.starts_with(ACTION_RESTORE) => Box::pin(restore(state, a[ACTION_RESTORE.len()..].to_string())),
            a if a.starts_with(ACTION_EXPORT) => {
                spawn_local(export(a[ACTION_EXPORT.len()..].to_string()));
                return;
            }
            a if a.starts_with(ACTION_DELETE) => {
                if !window().confirm_with_message(state.t().data_delete_confirm).unwrap_or(false) {
                    return;
                }
                let key = a[ACTION_DELETE.len()..].to_string();
                Box::pin(async move {
                    let _ = IdbStore::APP.delete(&key).await;
                    Status::Idle
                })
            }
            _ => return,
        };
        run(job);
    });

    let doc = Signal::derive(move || {
        let (meta, s) = (state.meta.get(), state.job.get());
        let l = local.read();
        let problems = state.problems.read();
        let profiles = j.profiles.read();
        let rows: Vec<ProfileRow> = profiles.iter().map(|p| ProfileRow { id: &p.id, name: &p.name, cso: &p.cso, phone: &p.phone }).collect();
        let active = j.active.get();
        let form = &l.profile_form;
        let (run, settings, log, test) = (sync.run.read(), sync.settings.read(), sync.log.read(), sync.test.read());
        let origin = data::page_origin();
        let lock_note = vault.note.read();
        let lock_view = crate::ui::vault::view(vault, lock_note.as_ref());
        let (kiosk_settings, kiosk_base, kiosk_note, kiosk_typed) = (state.kiosk.read(), kiosk.base_field.read(), kiosk.note.read(), kiosk.typed.read());
        let kiosk_view = crate::ui::kiosk::view(kiosk, &kiosk_settings, &kiosk_typed, &kiosk_base, &meta.hash, kiosk_note.as_ref());
        let panel = Panel {
            form: &l.sync_form,
            errors: &l.sync_errors,
            saved: l.sync_saved,
            origin: &origin,
            current: &settings,
            unsent: j.unsent.get(),
            online: pwa.with(|p| p.online != Some(false)),
            run: &run,
            test: test.as_ref(),
            offered: l.offered.as_ref(),
            link_secret: l.link_secret,
            log: &log,
        };
        let view = settings::View {
            meta: &meta,
            url: &l.url,
            status: &s,
            storage: &l.storage,
            busy: state.busy.get(),
            timeout_s: l.timeout,
            problems: &problems,
            quarantine: &l.copies,
            profiles: &rows,
            active_profile: active.as_deref(),
            profile_error: l.profile_error,
            profile_form: (&form.0, &form.1, &form.2),
            tz_offset_min: tz,
            sync: Some(&panel),
            lock: Some(&lock_view),
            kiosk: Some(&kiosk_view),
        };
        state.with_ctx(|cx| settings::page(cx, &view))
    });
    view! { <DocView doc=doc on_action=on_action/> }
}
