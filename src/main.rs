//! Entry point: install the panic hook and mount the app. Nothing else.
//! The mount runs in a task of its own, after the one that compiled and
//! instantiated the wasm: two shorter tasks instead of one long one keep
//! the page responsive while the app starts (Lighthouse's blocking time).
fn main() {
    console_error_panic_hook::set_once();
    leptos::prelude::set_timeout(|| leptos::mount::mount_to_body(paix_base::App), std::time::Duration::ZERO);
}
