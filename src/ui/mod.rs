//! The browser side (feature `ui`): Leptos views, routing, app state and
//! the adapter that renders [`crate::doc`] trees. Decisions live in the pure
//! modules; this layer wires signals, events and storage.

pub mod activity_form;
pub mod app;
pub mod banners;
pub mod data;
pub mod doc_view;
pub mod executor;
pub mod field_report;
pub mod filters;
pub mod frame;
pub mod header;
pub mod home;
pub mod journal_page;
pub mod journal_store;
pub mod kiosk;
pub mod lock;
pub mod projects;
pub mod pwa;
pub mod record_page;
pub mod root;
pub mod report;
pub mod settings;
pub mod state;
pub mod sync;
pub mod unlock_page;
pub mod var;
pub mod vault;

/// The `message` of a JavaScript error (a thrown `Error` or DOMException),
/// or empty: what a user or a log can read, where `Debug` of a `JsValue`
/// would print the object's structure.
pub fn js_message(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_default()
}

/// An effect that does not read its previous value, through one copy of
/// Leptos' generic `Effect::new` for all of them: each call of `Effect::new`
/// is a copy of its own (15 of them: 0.5 KB of brotli wasm).
pub fn effect(f: impl FnMut() + 'static) {
    let mut f: Box<dyn FnMut()> = Box::new(f);
    leptos::prelude::Effect::new(move |_| f());
}
