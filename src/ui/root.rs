//! The app-wide states (app state, installability, lock, kiosk, journal,
//! sync), found by every component through one Leptos context instead of one
//! context each: each `expect_context::<T>()` and `provide_context(T)` is a
//! copy of Leptos' generic lookup (about 0.5 KB of raw wasm each). The root
//! is provided first, empty, in `App`; each `provide_…` fills its slot, in
//! the same order as before, and each `use_…` reads it. The vault keeps the
//! root to find the journal and the sync engine, provided after it.

use crate::status::PwaStatus;
use crate::ui::journal_store::Journal;
use crate::ui::kiosk::Kiosk;
use crate::ui::state::AppState;
use crate::ui::sync::Sync;
use crate::ui::var::{Shared, Var};
use crate::ui::vault::Vault;
use std::sync::OnceLock;

/// One slot per app-wide state, each set once per mount.
#[derive(Default)]
pub struct Root {
    pub state: OnceLock<AppState>,
    pub pwa: OnceLock<Var<PwaStatus>>,
    pub vault: OnceLock<Vault>,
    pub kiosk: OnceLock<Kiosk>,
    pub journal: OnceLock<Journal>,
    pub sync: OnceLock<Sync>,
}

/// Provides an empty root: first thing in `App`.
pub fn provide_root() {
    leptos::prelude::provide_context(Shared::new(Root::default()));
}

/// The mounted app's root.
#[inline(never)]
pub fn root() -> Shared<Root> {
    leptos::prelude::expect_context::<Shared<Root>>()
}

/// Fills a slot of the root (once: a second value is ignored).
pub fn put<T>(slot: impl FnOnce(&Root) -> &OnceLock<T>, value: T) {
    let _ = slot(&root()).set(value);
}

/// The value of a slot: a component asking for a state before `App`
/// provides it is a bug, as `expect_context` made it.
pub fn get<T: Copy>(slot: impl FnOnce(&Root) -> &OnceLock<T>) -> T {
    match slot(&root()).get() {
        Some(v) => *v,
        None => panic!("an app-wide state used before it is provided"),
    }
}
