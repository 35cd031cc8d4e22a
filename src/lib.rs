//! Paix à la base.
//!
//! Pure core (no leptos, no web-sys; tested with plain `cargo test`):
//! [`model`] (data, validation, search, totals), [`storage`] (the async
//! `Store` trait, an in-memory store, the shared contract), [`map`]
//! (projection and path data), [`i18n`] (the UI's words), [`doc`] (a small
//! document tree), [`components`] and [`pages`] (what each page shows, as
//! document trees).
//!
//! Browser side (feature `ui`): [`ui`] (Leptos views, routing, state, the
//! document renderer) and the thin browser adapters in `storage::local`.

pub mod components;
pub mod ctx;
pub mod doc;
pub mod i18n;
pub mod journal;
pub mod json;
pub mod kiosk;
pub mod lock;
pub mod map;
pub mod model;
pub mod pages;
pub mod qr;
pub mod status;
pub mod storage;
pub mod sync;

#[cfg(feature = "ui")]
pub mod ui;

#[cfg(feature = "ui")]
pub use ui::app::App;
