//! Kiosk mode and the public link on the browser side: the stored settings
//! and PIN record, Settings' actions, the exit page, and the guard that
//! counts idle time and takes the tablet back to the map. Every rule is in
//! [`crate::kiosk`]; the PIN is checked like the device lock's (`ui::lock`).

use crate::ui::var::{Keep, Var};
use crate::components::kiosk_panel::{self, KioskNote, KioskView, EXIT_PIN, IDLE, PIN, PIN_CONFIRM, PUBLIC_BASE};
use crate::kiosk::{base_url, dataset_url, idle_seconds, idle_step, judge_check, pin_record, Check, Idle, PublicLink, Verified, PIN_KEY, SETTINGS_KEY};
use crate::lock::params::{secret_problem, LockRecord, Secret};
use crate::ui::vault::{try_secret, wait_left};
use crate::lock::Note;
use crate::storage::local::LocalStore;
use crate::ui::doc_view::{field_value, DocView};
use crate::ui::state::{use_app_state, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::time::Duration;

/// Failed exit tries and the time of the last (`"n ms"`), as for the lock.
const TRIES_KEY: &str = "paix.kiosk.tries";

/// A handle ([`Shared`](crate::ui::var::Shared)) to the [`KioskData`] of the mounted app.
pub type Kiosk = crate::ui::var::Shared<KioskData>;

/// What [`Kiosk`] points to.
pub struct KioskData {
    /// The PIN record while kiosk mode is on.
    pub pin: Var<Option<LockRecord>>,
    pub note: Var<Option<KioskNote>>,
    pub busy: Var<bool>,
    pub base_field: Var<String>,
    pub countdown: Var<Option<u32>>,
    /// The idle, PIN and confirmation fields of Settings as typed.
    pub typed: Var<[String; 3]>,
    last_touch: Keep<f64>,
}

pub fn use_kiosk() -> Kiosk {
    crate::ui::root::get(|r| &r.kiosk)
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn call(target: &wasm_bindgen::JsValue, method: &str) {
    if let Ok(f) = js_sys::Reflect::get(target, &method.into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            // A refused request (no user gesture, not allowed) is not an error here.
            if let Ok(Ok(p)) = f.call0(target).map(wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>) {
                // Awaited so that a refusal is handled, not reported.
                spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                });
            }
        }
    }
}

fn fullscreen(on: bool) {
    let doc = document();
    let full = js_sys::Reflect::get(&doc, &"fullscreenElement".into()).ok().is_some_and(|e| !e.is_null() && !e.is_undefined());
    match (on, full) {
        (true, false) => {
            if let Some(root) = doc.document_element() {
                call(&root, "requestFullscreen");
            }
        }
        (false, true) => call(&doc, "exitFullscreen"),
        _ => {}
    }
}

pub fn provide_kiosk() -> Kiosk {
    let state = use_app_state();
    let k = crate::ui::var::Shared::new(KioskData {
        pin: Var::new(pin_record(LocalStore.get_now(PIN_KEY).ok().flatten().as_deref())),
        note: Var::new(None),
        busy: Var::new(false),
        base_field: Var::new(state.kiosk.with_untracked(|s| s.public.as_ref().map(|p| p.base.clone()).unwrap_or_default())),
        countdown: Var::new(None),
        typed: Var::new(Default::default()),
        last_touch: Keep::new(now()),
    });
    crate::ui::root::put(|r| &r.kiosk, k);
    // Larger type and the kiosk's layout follow the mode.
    crate::ui::effect(move || {
        let on = k.pin.with(Option::is_some);
        if let Some(root) = document().document_element() {
            let _ = root.class_list().toggle_with_force("kiosk", on);
        }
    });
    let touched = move || {
        k.last_touch.set_value(now());
        if k.countdown.get_untracked().is_some() {
            k.countdown.set(None);
        }
    };
    let _ = window_event_listener(leptos::ev::pointerdown, move |_| {
        touched();
        // Full screen needs a gesture: the first touch after a reload asks again.
        if k.pin.with_untracked(Option::is_some) {
            fullscreen(true);
        }
    });
    let _ = window_event_listener(leptos::ev::keydown, move |_| touched());
    let _ = window_event_listener(leptos::ev::wheel, move |_| touched());
    let _ = window_event_listener(leptos::ev::touchstart, move |_| touched());
    k
}

fn save_settings(state: AppState, f: impl FnOnce(&mut crate::kiosk::KioskSettings)) -> bool {
    let mut s = state.kiosk.get_untracked();
    f(&mut s);
    let ok = LocalStore.put_now(SETTINGS_KEY, &s.to_json()).is_ok();
    if ok {
        state.kiosk.set(s);
    }
    ok
}

/// Settings' kiosk actions; `go` navigates (home once kiosk mode is on).
pub fn on_action(k: Kiosk, action: &str, go: Callback<String>) -> bool {
    let state = use_app_state();
    let problem = |m| k.note.set(Some(KioskNote::Problem(m)));
    match action {
        IDLE => k.typed.update(|t| t[0] = field_value(IDLE)),
        PIN => k.typed.update(|t| t[1] = field_value(PIN)),
        PIN_CONFIRM => k.typed.update(|t| t[2] = field_value(PIN_CONFIRM)),
        kiosk_panel::ACTION_PUBLIC_CHECK => {
            let typed = field_value(PUBLIC_BASE);
            k.base_field.set(typed.clone());
            let base = match base_url(&typed) {
                Ok(b) => b,
                Err(m) => {
                    problem(m);
                    return true;
                }
            };
            k.busy.set(true);
            k.note.set(Some(KioskNote::Checking));
            spawn_local(async move {
                let (status, body) = crate::ui::sync::get_text(&dataset_url(&base), 20_000.0, 16.0 * 1024.0 * 1024.0).await;
                let hash = state.meta.with_untracked(|m| m.hash.clone());
                let check = judge_check(status, &body, &hash);
                match check {
                    Check::Same => {
                        save_settings(state, |s| s.public = Some(PublicLink { base, hash, how: Verified::Checked }));
                    }
                    Check::Different => {
                        save_settings(state, |s| s.public = None);
                    }
                    Check::Unknown => {}
                }
                k.note.set(Some(KioskNote::Checked(check)));
                k.busy.set(false);
            });
        }
        kiosk_panel::ACTION_PUBLIC_CONFIRM => match base_url(&k.base_field.get_untracked()) {
            Ok(base) => {
                let hash = state.meta.with_untracked(|m| m.hash.clone());
                save_settings(state, |s| s.public = Some(PublicLink { base, hash, how: Verified::Confirmed }));
                k.note.set(Some(KioskNote::Saved));
            }
            Err(m) => problem(m),
        },
        kiosk_panel::ACTION_PUBLIC_REMOVE => {
            save_settings(state, |s| s.public = None);
            k.base_field.set(String::new());
            k.note.set(Some(KioskNote::Saved));
        }
        kiosk_panel::ACTION_KIOSK_ON => {
            let idle = match idle_seconds(&field_value(IDLE)) {
                Ok(s) => s,
                Err(m) => {
                    problem(m);
                    return true;
                }
            };
            let (pin, confirm) = (field_value(PIN), field_value(PIN_CONFIRM));
            if let Some(m) = secret_problem(Secret::Pin, &pin, &confirm) {
                problem(m);
                return true;
            }
            k.busy.set(true);
            spawn_local(async move {
                match crate::ui::lock::create(Secret::Pin, &pin).await {
                    Some((record, _)) if LocalStore.put_now(PIN_KEY, &record.to_json()).is_ok() => {
                        save_settings(state, |s| s.idle_s = idle);
                        let _ = LocalStore.delete_now(TRIES_KEY);
                        k.typed.set(Default::default());
                        k.note.set(None);
                        k.last_touch.set_value(now());
                        k.pin.set(Some(record));
                        fullscreen(true);
                        // The page that asked may be gone meanwhile (a slow derivation).
                        let _ = go.try_run("/".to_string());
                    }
                    _ => k.note.set(Some(KioskNote::Lock(Note::Store))),
                }
                k.busy.set(false);
            });
        }
        kiosk_panel::ACTION_KIOSK_OFF => {
            let Some(record) = k.pin.get_untracked() else { return true };
            let left = wait_left(TRIES_KEY);
            if left > 0 {
                k.note.set(Some(KioskNote::Lock(Note::Wait { ms: left })));
                return true;
            }
            let pin = field_value(EXIT_PIN);
            k.busy.set(true);
            spawn_local(async move {
                match try_secret(&record, &pin, TRIES_KEY).await {
                    Ok(_) => {
                        let _ = LocalStore.delete_now(PIN_KEY);
                        k.note.set(None);
                        k.pin.set(None);
                        k.countdown.set(None);
                        fullscreen(false);
                        let _ = go.try_run("/settings".to_string());
                    }
                    Err(note) => k.note.set(Some(KioskNote::Lock(note))),
                }
                k.busy.set(false);
            });
        }
        _ => return false,
    }
    true
}

/// The kiosk part of Settings' view.
pub fn view<'a>(k: Kiosk, settings: &'a crate::kiosk::KioskSettings, typed: &'a [String; 3], base: &'a str, hash: &'a str, note: Option<&'a KioskNote>) -> KioskView<'a> {
    KioskView {
        settings,
        typed,
        base_field: base,
        hash,
        available: crate::ui::lock::available(),
        busy: k.busy.get(),
        note,
        wait_s: wait_left(TRIES_KEY).div_ceil(1000),
    }
}

/// `use_navigate` as a callback (for actions decided outside a view).
pub fn navigator() -> Callback<String> {
    let navigate = use_navigate();
    Callback::new(move |to: String| navigate(&to, NavigateOptions::default()))
}

/// `/kiosk`: leave kiosk mode with its PIN.
#[component]
pub fn KioskExit() -> impl IntoView {
    let (state, k) = (use_app_state(), use_kiosk());
    let go = navigator();
    let on_action = Callback::new(move |a: String| {
        on_action(k, &a, go);
    });
    let doc = Signal::derive(move || {
        let settings = state.kiosk.read();
        let (base, note, typed) = (k.base_field.read(), k.note.read(), k.typed.read());
        let hash = state.meta.with(|m| m.hash.clone());
        let v = view(k, &settings, &typed, &base, &hash, note.as_ref());
        state.with_ctx(|cx| kiosk_panel::exit_page(cx, &v, k.pin.with(Option::is_some)))
    });
    view! { <DocView doc=doc on_action=on_action/> }
}

/// Inside the router: counts idle time while kiosk mode is on, shows the
/// countdown, and goes back to the map (filters and scroll reset).
#[component]
pub fn KioskGuard() -> impl IntoView {
    let (state, k) = (use_app_state(), use_kiosk());
    let navigate = use_navigate();
    let tick = move || {
        let idle_s = state.kiosk.with_untracked(|s| s.idle_s);
        let set = |v: Option<u32>| {
            if k.countdown.get_untracked() != v {
                k.countdown.set(v);
            }
        };
        match idle_step(now() - k.last_touch.get_value(), idle_s) {
            Idle::Active => set(None),
            Idle::Countdown(n) => set(Some(n)),
            Idle::Reset => {
                set(None);
                k.last_touch.set_value(now());
                navigate("/", NavigateOptions { replace: false, ..Default::default() });
                window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    };
    // The timer runs only while kiosk mode is on: a phone in the field is
    // not woken every second for nothing.
    let timer: Keep<Option<IntervalHandle>> = Keep::new(None);
    crate::ui::effect(move || {
        let on = k.pin.with(Option::is_some);
        match (on, timer.get_value()) {
            (true, None) => timer.set_value(set_interval_with_handle(tick.clone(), Duration::from_secs(1)).ok()),
            (false, Some(h)) => {
                h.clear();
                timer.set_value(None);
            }
            _ => {}
        }
    });
    let doc = Signal::derive(move || {
        let n = k.countdown.get();
        state.with_ctx(|cx| -> crate::doc::Node { kiosk_panel::countdown(cx, n).into() })
    });
    view! { <DocView doc=doc/> }
}
