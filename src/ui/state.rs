//! App state as signals, provided once at the root.
//!
//! Storage is read here (the language; the stored programme data, once, on
//! start) and written through effects or the Settings actions
//! (`ui::settings`); the pages only read signals.

use crate::components::data_status::DataWarning;
use crate::i18n::{Lang, Texts};
use crate::model::refresh::Meta;
use crate::model::Dataset;
use crate::pages::Ctx;
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
    /// The programme data the pages show (the embedded sample until a real
    /// dataset is loaded).
    pub dataset: RwSignal<Arc<Dataset>>,
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

    /// Runs `f` with the current data and language (reactive).
    pub fn with_ctx<R>(&self, f: impl FnOnce(&Ctx) -> R) -> R {
        let lang = self.lang.get();
        self.dataset.with(|ds| f(&Ctx::new(ds, lang)))
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
        dataset: RwSignal::new(Arc::new(Dataset::embedded())),
        meta: RwSignal::new(Meta::embedded()),
        warning: RwSignal::new(None),
    };
    // First paint with the embedded data; the stored data replaces it when read.
    leptos::task::spawn_local(load_stored(state));
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

/// Reads the stored data (IndexedDB) and shows it, or says what went wrong;
/// the embedded data stays in every other case.
pub async fn load_stored(state: AppState) {
    let warning = match dataset_cache::load(&IdbStore, &LocalStore, crate::ui::data::now()).await {
        Loaded::Stored { dataset, meta } => {
            state.dataset.set(Arc::new(*dataset));
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
