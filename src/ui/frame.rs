//! The static frame around a page made of several live parts (the home
//! page's map, summary and lists; the projects' form and results; a
//! report's filters, body and field figures). Each part is a [`DocView`]
//! of its own, redrawn alone; the frame never changes.
//!
//! One element type for every frame (an element named at run time) instead
//! of a `view!` tree per page: each `view!` tree is a Rust type of its own,
//! with its own copy of Leptos' code to build, mount and drop it (three
//! placeholders written this way cost 1.4 KB of brotli wasm).
//!
//! [`DocView`]: crate::ui::doc_view::DocView

use leptos::html::custom;
use leptos::prelude::*;

/// `<tag class=class>` around `parts`, `aria-live="polite"` if `live`.
pub fn frame(tag: &'static str, class: &'static str, live: bool, parts: Vec<AnyView>) -> AnyView {
    custom(tag).attr("class", class).attr("aria-live", live.then_some("polite")).child(parts).into_any()
}
