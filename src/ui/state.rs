//! App state as signals, provided once at the root.
//!
//! Storage is read here (the language; the stored programme data, once, on
//! start) and written through effects or the Settings actions
//! (`ui::settings`); the pages only read signals.

use crate::ui::var::Var;
use crate::i18n::{Lang, Texts};
use crate::model::refresh::{Meta, ToStore};
use crate::model::{Dataset, Problem};
use crate::status::{DataWarning, Status};
use crate::ctx::Ctx;
use crate::storage::dataset_cache::{self, Loaded};
use crate::storage::idb::IdbStore;
use crate::storage::StoreError;
use crate::storage::local::LocalStore;
use leptos::prelude::*;
use std::sync::Arc;

/// localStorage key of the language preference.
pub const LANG_KEY: &str = "paix.pref.lang";
/// localStorage key of the data URL (empty or absent: embedded data only).
pub const DATA_URL_KEY: &str = "paix.pref.data_url";
/// localStorage key of the download timeout: seconds with no data received.
pub const DATA_TIMEOUT_KEY: &str = "paix.pref.data_timeout_s";
/// The download timeout's default, in seconds.
pub const DATA_TIMEOUT_DEFAULT: u32 = 30;
/// How long start-up waits for the stored data before it shows the
/// embedded data (the stored data still replaces it when it comes).
pub const STORAGE_PATIENCE_MS: u64 = 2_500;

/// Data waiting in memory: what it is, and the hash of the stored data the
/// decision was based on (a save keeps a copy of anything else it finds).
pub type Held = (Arc<Dataset>, ToStore, String);

/// A handle ([`Shared`](crate::ui::var::Shared)) to the [`AppStateData`] of the mounted app.
pub type AppState = crate::ui::var::Shared<AppStateData>;

/// What [`AppState`] points to.
pub struct AppStateData {
    pub lang: Var<Lang>,
    /// The programme data the pages show: `None` for the first moments
    /// after start, then the stored dataset, else the embedded sample.
    pub dataset: Var<Option<Arc<Dataset>>>,
    /// Kiosk settings: the idle time and the public link of the QR codes.
    pub kiosk: Var<crate::kiosk::KioskSettings>,
    /// Where the shown data comes from.
    pub meta: Var<Meta>,
    /// What went wrong with the stored data on start, until closed.
    pub warning: Var<Option<DataWarning>>,
    /// The rules the data shown breaks (stored data read by a newer version
    /// of the app); empty for valid data.
    pub problems: Var<Vec<Problem>>,
    /// The one data job of the app (update, import, restore): where it
    /// stands. App-wide, so that a second Settings view (or the same one
    /// after navigating away and back) sees the job and cannot start
    /// another.
    pub job: Var<Status>,
    /// A job is running.
    pub busy: Var<bool>,
    /// The data shown when its save failed ([`Meta::saved`] false), kept
    /// to try the save again, with the hash of the stored data its decision
    /// was based on.
    pub unsaved: StoredValue<Option<Held>, LocalStorage>,
    /// Older data waiting for the user's yes.
    pub older: StoredValue<Option<Held>, LocalStorage>,
    /// The start-up read of the stored data has answered (whatever it
    /// found): data jobs wait for it, so a download never races the load.
    pub started: Var<bool>,
}

impl AppState {
    /// The texts of the current language (reactive).
    // Not inlined (nor `ctx_parts`): a signal read inlines Leptos's
    // tracking code, and these run in every view's closures.
    #[inline(never)]
    pub fn t(&self) -> &'static Texts {
        self.lang.get().t()
    }

    /// Runs `f` with the current data and language (reactive); nothing
    /// (`R::default()`) before the data is there.
    pub fn with_ctx<R: Default>(&self, f: impl FnOnce(&Ctx) -> R) -> R {
        let mut f = Some(f);
        let mut out = None;
        self.visit_ctx(&mut |cx| out = f.take().map(|f| f(cx)));
        out.unwrap_or_default()
    }

    /// [`AppState::with_ctx`]'s work, once for all its callers: the
    /// context built and dropped here, not in each.
    #[inline(never)]
    fn visit_ctx(&self, f: &mut dyn FnMut(&Ctx)) {
        if let Some((ds, lang, public)) = self.ctx_parts() {
            f(&Ctx { tz_offset_min: crate::ui::data::tz_offset(), public: public.as_deref(), ..Ctx::new(&ds, lang) })
        }
    }

    /// The current data, language and QR base (reactive), for
    /// [`AppState::with_ctx`]: not generic, so not copied into each caller.
    /// QR codes only while the data shown is what the public link was
    /// verified against.
    #[inline(never)]
    fn ctx_parts(&self) -> Option<(Arc<Dataset>, Lang, Option<String>)> {
        let lang = self.lang.get();
        let public = self.kiosk.with(|k| self.meta.with(|m| crate::kiosk::qr_base(k, &m.hash).map(str::to_string)));
        self.dataset.get().map(|ds| (ds, lang, public))
    }
}

/// The stored language, else French.
fn initial_lang() -> Lang {
    match LocalStore.get_now(LANG_KEY) {
        Ok(Some(code)) => Lang::parse(&code).unwrap_or_default(),
        _ => Lang::default(),
    }
}

pub fn provide_app_state() -> AppState {
    let state = crate::ui::var::Shared::new(AppStateData {
        lang: Var::new(initial_lang()),
        dataset: Var::new(None),
        kiosk: Var::new(crate::kiosk::KioskSettings::parse(
            crate::storage::local::LocalStore.get_now(crate::kiosk::SETTINGS_KEY).ok().flatten().as_deref(),
        )),
        meta: Var::new(Meta::embedded()),
        warning: Var::new(None),
        problems: Var::new(Vec::new()),
        job: Var::new(Status::Idle),
        busy: Var::new(false),
        unsaved: StoredValue::new_local(None),
        older: StoredValue::new_local(None),
        started: Var::new(false),
    });
    // The shell paints first; the data comes in later tasks, so that no
    // single task blocks the main thread long on a slow phone (the first
    // run of wasm code is compiled lazily, which is what costs). The task
    // that shows the data also starts what start-up still has waiting
    // (`show`).
    leptos::task::spawn_local(async move {
        next_task().await;
        // An upgrade blocked by an old tab is tried again: the stored data
        // replaces the embedded data when the other tab lets go.
        for attempt in 0..BLOCKED_RETRIES {
            if !load_stored(state).await {
                break;
            }
            show_embedded_if_empty(state);
            if attempt + 1 < BLOCKED_RETRIES {
                sleep_ms(BLOCKED_RETRY_MS).await;
            }
        }
        state.started.set(true);
        // The embedded data is parsed in this task and drawn in the next:
        // two shorter tasks rather than one long one (blocking time).
        if state.dataset.with_untracked(Option::is_none) {
            let embedded = Arc::new(Dataset::embedded());
            next_task().await;
            if state.dataset.with_untracked(Option::is_none) {
                show(state, embedded);
            }
        }
    });
    // A store that does not answer (an old tab blocking an upgrade, a
    // stuck disk) must not leave the app blank: after a short wait the
    // embedded data is shown, and the stored data replaces it if it comes.
    set_timeout(
        move || {
            if state.dataset.with_untracked(Option::is_none) {
                state.warning.set(Some(DataWarning::Slow));
                show_embedded_if_empty(state);
            }
        },
        std::time::Duration::from_millis(STORAGE_PATIENCE_MS),
    );
    // A newer version of the app upgraded the database from another tab:
    // this tab's connection was closed (storage::idb); it must reload.
    let _ = window_event_listener_untyped("paix-db-versionchange", move |_| {
        state.warning.set(Some(DataWarning::NewerDatabase));
    });
    crate::ui::effect(move || {
        let lang = state.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        // A failed write only loses the preference, never data: ignore it.
        let _ = LocalStore.put_now(LANG_KEY, lang.code());
    });
    crate::ui::root::put(|r| &r.state, state);
    state
}

/// How often, and how far apart, start-up tries a blocked database again.
const BLOCKED_RETRIES: u32 = 20;
const BLOCKED_RETRY_MS: i32 = 3_000;

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a later task of the event loop (after a paint may happen).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn show_embedded_if_empty(state: AppState) {
    if state.dataset.with_untracked(Option::is_none) {
        show(state, Arc::new(Dataset::embedded()));
    }
}

/// Shows the first dataset: the stored one, else the embedded sample (at
/// once, or after the patience timer or a blocked database's retries).
/// Start-up's executor ends first, so that the page drawn from it is drawn
/// in this task, whole, with what start-up still had waiting
/// (`ui::executor::end`; a second call does nothing more).
fn show(state: AppState, dataset: Arc<Dataset>) {
    crate::ui::executor::end();
    state.dataset.set(Some(dataset));
}

/// Reads the stored data (IndexedDB) and shows it, or says what went wrong
/// (the caller then shows the embedded data). True when the database was
/// blocked and the read is worth trying again.
pub async fn load_stored(state: AppState) -> bool {
    let loaded = dataset_cache::load(&IdbStore::APP, &LocalStore, crate::ui::data::now()).await;
    // The store answered: a « slow » notice from the wait is over.
    if state.warning.get_untracked() == Some(DataWarning::Slow) {
        state.warning.set(None);
    }
    let warning = match loaded {
        Loaded::Stored { dataset, meta, problems } => {
            // Read and parsed in this task, drawn in the next (as above).
            next_task().await;
            // A data job that finished during a slow start wins.
            if state.meta.get_untracked().origin != crate::model::refresh::Origin::Embedded {
                return false;
            }
            show(state, dataset);
            state.meta.set(meta);
            if problems.is_empty() {
                return false;
            }
            let n = problems.len();
            state.problems.set(problems);
            DataWarning::Invalid { problems: n }
        }
        Loaded::Nothing => return false,
        Loaded::Corrupt { quarantine, .. } => DataWarning::Corrupt { kept: quarantine.is_some() },
        Loaded::Newer => DataWarning::Newer,
        Loaded::Evicted => DataWarning::Evicted,
        Loaded::Unavailable(StoreError::Newer) => DataWarning::NewerDatabase,
        Loaded::Unavailable(StoreError::Blocked) => {
            state.warning.set(Some(DataWarning::Slow));
            return true;
        }
        Loaded::Unavailable(_) => DataWarning::Unavailable,
    };
    state.warning.set(Some(warning));
    false
}

pub fn use_app_state() -> AppState {
    crate::ui::root::get(|r| &r.state)
}
