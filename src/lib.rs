//! Paix à la base.
//!
//! Pure core (no leptos, no web-sys; tested with plain `cargo test`):
//! [`model`], [`storage`] (trait, in-memory store, contract),
//! [`map`] (projection and path data), [`i18n`] (the UI's words).
//!
//! Browser side (feature `ui`): [`app`], [`state`], `components/`, `pages/`,
//! and the thin browser adapters in `storage::local`.

pub mod i18n;
pub mod map;
pub mod model;
pub mod storage;

#[cfg(feature = "ui")]
mod app;
#[cfg(feature = "ui")]
pub mod components;
#[cfg(feature = "ui")]
pub mod pages;
#[cfg(feature = "ui")]
pub mod state;

#[cfg(feature = "ui")]
pub use app::App;
