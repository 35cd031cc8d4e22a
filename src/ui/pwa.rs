//! Glue to `public/pwa.js` (`window.paixPwa`): its state as a signal,
//! refreshed on its events, and its two actions. No decisions here: what to
//! show is `components::status_bar`.

use crate::ui::var::Var;
use crate::status::PwaStatus;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

fn api() -> Option<JsValue> {
    js_sys::Reflect::get(&window(), &JsValue::from_str("paixPwa")).ok().filter(JsValue::is_object)
}

fn get(api: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(api, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Calls a method of `paixPwa` without arguments.
fn call(name: &str) -> JsValue {
    let Some(api) = api() else { return JsValue::UNDEFINED };
    match get(&api, name).dyn_into::<js_sys::Function>() {
        Ok(f) => f.call0(&api).unwrap_or(JsValue::UNDEFINED),
        Err(_) => JsValue::UNDEFINED,
    }
}

fn read(previous: &PwaStatus) -> PwaStatus {
    let Some(api) = api() else { return previous.clone() };
    let flag = |name: &str| get(&api, name).as_bool().unwrap_or(false);
    PwaStatus {
        online: get(&api, "online").as_bool(),
        update_ready: flag("updateReady"),
        can_install: flag("canInstall") && !flag("installed"),
        standalone: call("standalone").as_bool().unwrap_or(false),
        ios: call("isIos").as_bool().unwrap_or(false),
        install_dismissed: previous.install_dismissed,
    }
}

/// The glue's state, kept current from its events.
pub fn provide_pwa_status() -> Var<PwaStatus> {
    let status = Var::new(read(&PwaStatus::default()));
    let refresh = move |_: web_sys::Event| status.update(|s| *s = read(s));
    for event in [
        "paix:update-ready",
        "paix:install-available",
        "paix:installed",
        "paix:reachability",
        "online",
        "offline",
        "load",
    ] {
        // App-lifetime listeners: the root never unmounts.
        std::mem::forget(window_event_listener_untyped(event, refresh));
    }
    crate::ui::root::put(|r| &r.pwa, status);
    status
}

pub fn use_pwa_status() -> Var<PwaStatus> {
    crate::ui::root::get(|r| &r.pwa)
}

/// Activates the waiting version (the page reloads once).
pub fn apply_update() {
    call("applyUpdate");
}

/// Shows the browser's install prompt (must follow a click).
pub fn install() {
    call("install");
}
