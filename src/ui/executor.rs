//! Start-up in short tasks.
//!
//! Leptos starts every effect, and the app every store read, through the
//! global executor; Leptos' own (wasm-bindgen-futures) polls each new
//! future in the microtasks of the task that spawned it. At start-up that
//! task is the mount: the components, then the first run of every effect
//! and the first read of every store, all in one task (82 ms on this
//! machine in a Lighthouse trace, which its simulation counts four times
//! over as blocking time).
//!
//! Until start-up is over, this executor starts each spawned future in a
//! task of its own, in spawning order: a message through a
//! `MessageChannel` (no timer clamp when nested), whose handler hands one
//! future to wasm-bindgen-futures, which polls it in that task's
//! microtasks. Start-up is over when a message finds no future waiting, or
//! when the data is shown ([`end`]: the futures still waiting start in
//! that task, with the page drawn from the data); from then on every
//! future goes straight to wasm-bindgen-futures, as with Leptos' own
//! executor, so everything after start-up runs as before (a draft saved
//! from `pagehide` starts its write before the page can be frozen).

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static WAITING: RefCell<VecDeque<PinnedLocalFuture<()>>> = const { RefCell::new(VecDeque::new()) };
    static PORT: RefCell<Option<web_sys::MessagePort>> = const { RefCell::new(None) };
    static POSTED: Cell<bool> = const { Cell::new(false) };
    static STARTING: Cell<bool> = const { Cell::new(true) };
}

struct StartUp;

impl CustomExecutor for StartUp {
    // One thread in the browser: a `Send` future is a local one.
    fn spawn(&self, fut: PinnedFuture<()>) {
        self.spawn_local(fut)
    }

    fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
        if STARTING.get() {
            WAITING.with_borrow_mut(|q| q.push_back(fut));
            post();
        } else {
            wasm_bindgen_futures::spawn_local(fut);
        }
    }

    fn poll_local(&self) {}
}

/// Asks for a task, unless one is asked for already. Without a port (or
/// when posting fails), start-up ends and the waiting futures start now.
fn post() {
    if POSTED.get() {
        return;
    }
    let sent = PORT.with_borrow(|p| p.as_ref().is_some_and(|p| p.post_message(&JsValue::UNDEFINED).is_ok()));
    if sent {
        POSTED.set(true);
    } else {
        end();
    }
}

/// A task: starts the next waiting future, or ends start-up.
fn next() {
    POSTED.set(false);
    match WAITING.with_borrow_mut(|q| q.pop_front()) {
        Some(f) => {
            wasm_bindgen_futures::spawn_local(f);
            post();
        }
        None => STARTING.set(false),
    }
}

/// Ends start-up: every waiting future starts now, in this task, and
/// every later one at once, in the task that spawns it. Called as the data
/// is shown, so that the page drawn from it is drawn whole, in one task,
/// with the header and the banners. Once the database opened while the
/// wasm compiled, the data could come before start-up was over: the app
/// took the static first paint's place, and its header, its page and their
/// listeners came in the tasks after, with frames painted between them; the
/// page grew and moved on screen (layout shift: Lighthouse's CLS up to 0.6
/// on a first visit).
pub fn end() {
    STARTING.set(false);
    while let Some(f) = WAITING.with_borrow_mut(|q| q.pop_front()) {
        wasm_bindgen_futures::spawn_local(f);
    }
}

/// Sets this executor as Leptos' (before the mount, which would set its
/// own). Without `MessageChannel`, Leptos' own is used.
pub fn init() {
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    let on_message = Closure::<dyn FnMut()>::new(next);
    channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the page.
    on_message.forget();
    PORT.set(Some(channel.port2()));
    let _ = Executor::init_custom_executor(StartUp);
}
