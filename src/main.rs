//! Entry point: mount the app. Nothing else.
//! The mount runs in a task of its own, after the one that compiled and
//! instantiated the wasm, and what it spawns (the effects' first runs, the
//! stores' first reads) runs in tasks of their own too
//! ([`paix_base::ui::executor`]): short tasks instead of one long one keep
//! the page responsive while the app starts (Lighthouse's blocking time).
//! What is still waiting when the data is shown runs in the data's task,
//! with the page drawn from it (`executor::end`).
//! No panic hook: the release build's panics stop at once without a
//! message (`-Cpanic=immediate-abort`, see the Makefile), so a hook would
//! never run.
//! No `main` either: wasm-bindgen calls `paix_start` once the module is
//! instantiated, without the standard library's start-up and clean-up
//! around a `main` (which flush a standard output the browser does not
//! have, and bring its error messages into the wasm).
#![no_main]

#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn paix_start() {
    paix_base::ui::executor::init();
    leptos::prelude::set_timeout(|| leptos::mount::mount_to_body(paix_base::App), std::time::Duration::ZERO);
}
