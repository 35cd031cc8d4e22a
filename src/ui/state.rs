//! App state as signals, provided once at the root.
//!
//! Storage is read here (the language; the stored programme data, once, on
//! start) and written through effects or the Settings actions
//! (`ui::settings`); the pages only read signals.

use crate::status::DataWarning;
use crate::i18n::{Lang, Texts};
use crate::model::refresh::Meta;
use crate::model::Dataset;
use crate::ctx::Ctx;
use crate::storage::dataset_cache::{self, Loaded};
use crate::storage::idb::IdbStore;
use crate::storage::local::LocalStore;
use leptos::prelude::*;
use std::sync::Arc;

/// localStorage key of the language preference.
pub const LANG_KEY: &str = "paix.pref.lang";
/// localStorage key of the data URL (empty or absent: embedded data only).
pub const DATA_URL_KEY: &str = "paix.pref.data_url";

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    /// The programme data the pages show: `None` for the first moments
    /// after start, then the stored dataset, else the embedded sample.
    pub dataset: RwSignal<Option<Arc<Dataset>>>,
    /// Where the shown data comes from.
    pub meta: RwSignal<Meta>,
    /// What went wrong with the stored data on start, until closed.
    pub warning: RwSignal<Option<DataWarning>>,
}

impl AppState {
    /// The texts of the current language (reactive).
    pub fn t(&self) -> &'static Texts {
        self.lang.get().t()
    }

    /// Runs `f` with the current data and language (reactive); nothing
    /// (`R::default()`) before the data is there.
    pub fn with_ctx<R: Default>(&self, f: impl FnOnce(&Ctx) -> R) -> R {
        let lang = self.lang.get();
        self.dataset.with(|ds| ds.as_deref().map(|ds| f(&Ctx::new(ds, lang))).unwrap_or_default())
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
    let state = AppState {
        lang: RwSignal::new(initial_lang()),
        dataset: RwSignal::new(None),
        meta: RwSignal::new(Meta::embedded()),
        warning: RwSignal::new(None),
    };
    // The shell paints first; the data comes in later tasks, so that no
    // single task blocks the main thread long on a slow phone (the first
    // run of wasm code is compiled lazily, which is what costs).
    leptos::task::spawn_local(async move {
        next_task().await;
        load_stored(state).await;
        if state.dataset.with_untracked(Option::is_none) {
            let embedded = Dataset::embedded();
            next_task().await;
            state.dataset.set(Some(Arc::new(embedded)));
        }
    });
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        // A failed write only loses the preference, never data: ignore it.
        let _ = LocalStore.put_now(LANG_KEY, lang.code());
    });
    provide_context(state);
    state
}

/// Resolves in a later task of the event loop (after a paint may happen).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Reads the stored data (IndexedDB) and shows it, or says what went wrong
/// (the caller then shows the embedded data).
pub async fn load_stored(state: AppState) {
    let warning = match dataset_cache::load(&IdbStore, &LocalStore, crate::ui::data::now()).await {
        Loaded::Stored { dataset, meta } => {
            state.dataset.set(Some(Arc::new(*dataset)));
            state.meta.set(meta);
            return;
        }
        Loaded::Nothing => return,
        Loaded::Corrupt { quarantine, .. } => DataWarning::Corrupt { quarantine },
        Loaded::Evicted => DataWarning::Evicted,
        Loaded::Unavailable(_) => DataWarning::Unavailable,
    };
    state.warning.set(Some(warning));
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
