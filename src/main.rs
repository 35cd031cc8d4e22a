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
fn main() {
    paix_base::ui::executor::init();
    leptos::prelude::set_timeout(|| leptos::mount::mount_to_body(paix_base::App), std::time::Duration::ZERO);
}
