//! Helpers shared by the browser test files (`tests/web.rs`,
//! `tests/web_pages.rs`).

use wasm_bindgen::JsCast;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets Leptos' scheduled effects and the app's start-up tasks run.
pub async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// The app mounted in a fresh element, kept mounted until dropped.
pub struct MountedApp {
    pub host: web_sys::Element,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for MountedApp {
    fn drop(&mut self) {
        self.host.remove();
    }
}

/// Mounts the app at the current URL and waits (up to about 2 s) until
/// `selector` matches inside it.
pub async fn mount_app_until(selector: &str) -> MountedApp {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), paix_base::App);
    for _ in 0..100 {
        tick().await;
        if host.query_selector(selector).unwrap().is_some() {
            break;
        }
    }
    MountedApp { host, _handle: Box::new(handle) }
}
