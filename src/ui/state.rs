//! App state as signals, provided once at the root.
//!
//! Storage is touched only here, through effects: the pages read signals.

use crate::i18n::{Lang, Texts};
use crate::model::Dataset;
use crate::pages::Ctx;
use crate::storage::local::LocalStore;
use leptos::prelude::*;
use std::sync::Arc;

/// localStorage key of the language preference.
pub const LANG_KEY: &str = "paix.pref.lang";

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    /// The programme data the pages show (the embedded sample until a real
    /// dataset is loaded).
    pub dataset: RwSignal<Arc<Dataset>>,
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
    };
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

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
