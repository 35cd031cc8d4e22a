//! The sync engine in the browser: performs the steps that
//! [`crate::sync::engine`] decides, with the rules of [`crate::sync::rules`].
//! No decisions here.
//!
//! * Triggers: app start (once the journal is read), `online`, the page
//!   shown again, the interval while the app is open, a record newly
//!   queued, a waiting record falling due, « Synchroniser maintenant », and
//!   a Background Sync event relayed by the service worker where the
//!   browser has it.
//! * One run at a time across tabs: the Web Lock `paix-sync` (a tab that
//!   does not get it does nothing; the holder's writes reach it through the
//!   journal's BroadcastChannel).
//! * Every record is read again from storage just before its request, and
//!   stored with one more attempt before the request leaves; its new state
//!   is stored as soon as the answer is judged. A reload, a closed tab or a
//!   dead battery at any point leaves each record queued (tried: read back,
//!   or sent again with the same idempotency key) or in its final state.
//! * Settings, the pause and the log of the last 100 attempts are kept in
//!   localStorage (`paix.sync.*`); the auth header's value never leaves it
//!   except in the requests to the endpoint.

use crate::ui::var::{Keep, Var};
use crate::journal::state::{State, Stored};
use crate::journal::Activity;
use crate::storage::local::LocalStore;
use crate::storage::{Op, Store, StoreError};
use crate::sync::config::{from_fragment_at, to_fragment, Mode, Settings};
use crate::sync::engine::{self, after, after_batch, before_send, goes_on, log_push, LogEntry, Met, Step};
use crate::sync::rules::{after_read_back, after_send, Action, Answer, Pause, Response, Timing};
use crate::sync::view::{judge, Run, Test};
use crate::sync::{clock_skew_s, idempotency_key, same_record, CLOCK_SKEW_WARN_S};
use crate::ui::data;
use crate::ui::journal_store::{use_journal, Journal, RECORDS};
use crate::ui::vault::{read_local, write_local, JournalStore};
use js_sys::{Array, Promise};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/ui/sync.js")]
extern "C" {
    #[wasm_bindgen(js_name = request)]
    fn js_request(method: &str, url: &str, body: &str, headers: Array, timeout_ms: f64, cap: f64) -> Promise;
    #[wasm_bindgen(js_name = diagnose)]
    fn js_diagnose(url: &str, headers: Array, timeout_ms: f64) -> Promise;
    #[wasm_bindgen(js_name = probe)]
    fn js_probe(url: &str, headers: Array, timeout_ms: f64) -> Promise;
    #[wasm_bindgen(js_name = withLock)]
    fn js_with_lock(name: &str, run: &js_sys::Function) -> Promise;
    #[wasm_bindgen(js_name = onWake)]
    fn js_on_wake(cb: &Closure<dyn FnMut()>);
    #[wasm_bindgen(js_name = askBackgroundSync)]
    fn js_ask_background_sync();
    #[wasm_bindgen(js_name = online)]
    fn js_online() -> bool;
    #[wasm_bindgen(js_name = copyText)]
    pub fn copy_text(text: &str) -> Promise;
    #[wasm_bindgen(js_name = shareUrl)]
    pub fn share_url(url: &str) -> Promise;
}

pub const SETTINGS_KEY: &str = "paix.sync.settings";
pub const PAUSE_KEY: &str = "paix.sync.pause";
pub const LOG_KEY: &str = "paix.sync.log";
const LOCK: &str = "paix-sync";

/// A handle ([`Shared`](crate::ui::var::Shared)) to the [`SyncData`] of the mounted app.
pub type Sync = crate::ui::var::Shared<SyncData>;

/// What [`Sync`] points to.
pub struct SyncData {
    pub run: Var<Run>,
    pub settings: Var<Settings>,
    pub log: Var<Vec<LogEntry>>,
    pub test: Var<Option<Test>>,
    /// This tab runs (or waits for) the engine now.
    busy: Keep<bool>,
    /// A trigger came during the run: run again once it ends (a record
    /// saved meanwhile, new settings).
    again: Keep<bool>,
    /// The pending wake-up for a waiting record.
    timer: Keep<Option<TimeoutHandle>>,
    interval: Keep<Option<IntervalHandle>>,
}

pub fn use_sync() -> Sync {
    crate::ui::root::get(|r| &r.sync)
}

/// The stored sync log.
fn stored_log() -> Vec<LogEntry> {
    read_local(LOG_KEY).and_then(|t| crate::model::read::read(&t).ok()).unwrap_or_default()
}

/// The stored settings over the defaults for this origin.
fn stored_settings() -> Settings {
    let base = Settings::default_for(&data::page_origin());
    match read_local(SETTINGS_KEY) {
        Some(text) => from_fragment_at(&text, &base, &data::page_origin()).unwrap_or(base),
        None => base,
    }
}

pub fn provide_sync() -> Sync {
    let pause = LocalStore.get_now(PAUSE_KEY).ok().flatten().and_then(|c| Pause::parse(&c));
    let s = crate::ui::var::Shared::new(SyncData {
        run: Var::new(Run { pause, ..Run::default() }),
        settings: Var::new(stored_settings()),
        log: Var::new(stored_log()),
        test: Var::new(None),
        busy: Keep::new(false),
        again: Keep::new(false),
        timer: Keep::new(None),
        interval: Keep::new(None),
    });
    crate::ui::root::put(|r| &r.sync, s);
    let j = use_journal();
    // Start, and a record newly queued (the count of records to send grows).
    let mut before = None::<usize>;
    crate::ui::effect(move || {
        let n = if j.loaded.get() { j.unsent.get() } else { 0 };
        if j.loaded.get_untracked() && before.is_none_or(|b| n > b) {
            kick(s, j);
        }
        before = Some(n);
    });
    // The interval follows the setting.
    crate::ui::effect(move || {
        let every = Duration::from_secs(u64::from(s.settings.with(|x| x.interval_s)));
        if let Some(h) = s.interval.get_value() {
            h.clear();
        }
        s.interval.set_value(set_interval_with_handle(move || kick(s, j), every).ok());
    });
    let wake = Closure::<dyn FnMut()>::new(move || kick(s, j));
    js_on_wake(&wake);
    wake.forget();
    s
}

/// After an unlock: the settings and log, read again (opened now).
pub fn after_unlock(s: Sync) {
    s.settings.set(stored_settings());
    s.log.set(stored_log());
}

/// After locking: the credential and the log leave memory.
pub fn after_lock(s: Sync) {
    s.settings.set(Settings::default_for(&data::page_origin()));
    s.log.set(Vec::new());
    s.test.set(None);
}

/// Saves new settings: the queue's pause is lifted (the user changed what
/// it waited for) and a run starts.
pub fn save_settings(s: Sync, new: Settings) -> bool {
    if write_local(SETTINGS_KEY, &to_fragment(&new, true)).is_err() {
        return false;
    }
    s.settings.set(new);
    sync_now(s);
    true
}

/// « Synchroniser maintenant »: lifts the pause and runs.
pub fn sync_now(s: Sync) {
    let _ = LocalStore.put_now(PAUSE_KEY, "");
    s.run.update(|r| r.pause = None);
    kick(s, use_journal());
}

/// Starts a run unless one runs here, the queue is paused, or the device
/// is offline (then a Background Sync is asked for, where there is one).
pub fn kick(s: Sync, j: Journal) {
    // The pause as stored: another tab may have paused or resumed.
    let pause = LocalStore.get_now(PAUSE_KEY).ok().flatten().and_then(|c| Pause::parse(&c));
    if s.run.with_untracked(|r| r.pause) != pause {
        s.run.update(|r| r.pause = pause);
    }
    // Locked: nothing can be read, so nothing is sent (the unlock runs it).
    if pause.is_some() || !j.loaded.get_untracked() || !crate::ui::vault::readable() {
        return;
    }
    if s.busy.get_value() {
        s.again.set_value(true);
        return;
    }
    if !js_online() {
        if j.unsent.get_untracked() > 0 {
            js_ask_background_sync();
        }
        return;
    }
    s.busy.set_value(true);
    spawn_local(async move {
        let run = Closure::once_into_js(move || wasm_bindgen_futures::future_to_promise(async move {
            run(s, j).await;
            Ok(JsValue::UNDEFINED)
        }));
        let _ = JsFuture::from(js_with_lock(LOCK, run.unchecked_ref())).await;
        s.busy.set_value(false);
        if s.again.get_value() {
            s.again.set_value(false);
            kick(s, j);
        }
    });
}

fn headers(st: &Settings, key: Option<String>) -> Array {
    let out = Array::new();
    let push = |k: &str, v: &str| {
        out.push(&JsValue::from_str(k));
        out.push(&JsValue::from_str(v));
    };
    push("Content-Type", "application/json");
    if let (true, Some(k)) = (st.send_key, key) {
        push("Idempotency-Key", &k);
    }
    if let Some((h, v)) = &st.header {
        push(h, v);
    }
    out
}

/// One request, and what it met (a failure with no answer is told apart:
/// CORS, network, or a timeout — ambiguous).
async fn request(st: &Settings, method: &str, url: &str, body: &str, key: Option<String>) -> Answer {
    let timeout = f64::from(st.timeout_s) * 1000.0;
    let sent = headers(st, key);
    let mut resent = false;
    loop {
        let out = match JsFuture::from(js_request(method, url, body, sent.clone(), timeout, 0.0)).await {
            Ok(v) => Array::from(&v),
            Err(_) => return Answer::Network,
        };
        if let Some(r) = response_of(&out) {
            return Answer::Http(r);
        }
        match out.get(0).as_string().as_deref() {
            Some("timeout") => return Answer::Ambiguous,
            Some("csp") => return Answer::Blocked,
            _ => {}
        }
        // With the very headers sent: an `Idempotency-Key` the endpoint's
        // CORS does not allow is a CORS refusal, not the network.
        let why = JsFuture::from(js_diagnose(url, sent.clone(), timeout)).await.ok().and_then(|v| v.as_string());
        match crate::sync::rules::unanswered(why.as_deref(), method == "PUT", resent) {
            Some(answer) => return answer,
            None => resent = true,
        }
    }
}

/// A plain `GET` (no credentials, no custom header): its status (`None`
/// without an HTTP answer) and up to `cap` bytes of its body, as text.
pub async fn get_text(url: &str, timeout_ms: f64, cap: f64) -> (Option<u16>, String) {
    let out = JsFuture::from(js_request("GET", url, "", Array::new(), timeout_ms, cap)).await;
    match out.ok().and_then(|v| response_of(&Array::from(&v))) {
        Some(r) => (Some(r.status), r.body),
        None => (None, String::new()),
    }
}

/// The HTTP answer in what `sync.js`'s `request` gives, if there is one.
fn response_of(out: &Array) -> Option<Response> {
    let text = |i| out.get(i).as_string().filter(|s| !s.is_empty());
    (out.get(0).as_string().as_deref() == Some("http")).then(|| Response {
        status: out.get(1).as_f64().unwrap_or(0.0) as u16,
        retry_after: text(2),
        location: text(3),
        date: text(4),
        body: text(5).unwrap_or_default(),
    })
}

/// Whether the browser says it is online.
pub fn is_online() -> bool {
    js_online()
}

/// A `GET` with the sync settings' credentials (the dashboard reads the
/// reference endpoint's listing with them).
pub async fn get(st: &Settings, url: &str) -> Answer {
    request(st, "GET", url, "", None).await
}

/// A record as the engine holds it: its value, and its stored text (what
/// the next write expects to replace).
type Held = (Stored, String);

/// Writes new states over the texts the engine read, in one batch; a
/// record changed meanwhile (an edit, a delete, another tab) fails it with
/// `Changed`, and nothing is written.
async fn swap(old: &[Held], new: &[Stored]) -> Result<Vec<Held>, StoreError> {
    let mut ops = Vec::with_capacity(new.len());
    let mut held = Vec::with_capacity(new.len());
    for ((_, raw), s) in old.iter().zip(new) {
        let text = crate::model::write::to_json(s);
        ops.push(Op::Swap { key: format!("{RECORDS}{}", s.record.id), expected: Some(raw.clone()), value: Some(text.clone()) });
        held.push((s.clone(), text));
    }
    JournalStore.write(&ops).await?;
    Ok(held)
}

/// What the engine learnt during a run, shown in batches: a re-render of a
/// long journal per record would cost more than the requests.
struct Shown {
    changed: Vec<Stored>,
    /// How many of `changed` the run has followed already.
    seen: usize,
    at: u64,
}

impl Shown {
    fn flush(&mut self, j: Journal, force: bool) {
        let now = data::now();
        if self.changed.is_empty() || (!force && now < self.at + 1000) {
            return;
        }
        let changed = std::mem::take(&mut self.changed);
        self.seen = 0;
        j.records.update(|rs| {
            let at: crate::model::StrIndex = changed.iter().enumerate().map(|(i, c)| (c.record.id.as_str(), i)).collect();
            for r in rs.iter_mut() {
                // Only over the same version: never over a newer edit.
                if let Some(c) = at.get(r.record.id.as_str()).map(|&i| &changed[i]) {
                    if r.record.revision == c.record.revision && r.record.updated_at == c.record.updated_at {
                        *r = c.clone();
                    }
                }
            }
        });
        data::journal_changed();
        self.at = now;
    }
}

fn now_iso() -> String {
    crate::ui::journal_store::now()
}

/// Applies an action to the records it concerns (stored first, then
/// shown). Each record is written only over the state the engine stored
/// before the request; should one have changed (it cannot be edited or
/// deleted once tried, so only by a stranger), the others are written
/// alone and that one is left as it is: it stays queued and tried, and the
/// next run reads it back or sends it again with the same key. Any other
/// storage error (the phone's storage full, the lock closed) is shown and
/// ends the run (`false`): going on would ask the server the same again at
/// once, and again, without ever storing its answer.
async fn settle(s: Sync, j: Journal, sent: &[Held], actions: &[Action], met: Met, shown: &mut Shown) -> bool {
    let now = data::now();
    let new: Vec<Stored> = sent.iter().zip(actions).map(|((r, _), a)| Stored { record: r.record.clone(), state: after(&r.state, a, met, now) }).collect();
    s.run.update(|r| r.done += sent.len());
    let failed = match swap(sent, &new).await {
        Ok(_) => {
            shown.changed.extend(new);
            None
        }
        // One record changed by someone else: left as it is (above).
        Err(StoreError::Changed(_)) if sent.len() == 1 => None,
        Err(StoreError::Changed(_)) => {
            let mut failed = None;
            for (old, n) in sent.iter().zip(new) {
                match swap(std::slice::from_ref(old), std::slice::from_ref(&n)).await {
                    Ok(_) => shown.changed.push(n),
                    Err(StoreError::Changed(_)) => {}
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            failed
        }
        Err(e) => Some(e),
    };
    let ok = failed.is_none();
    // `j`, not the context: no owner is current in the engine's task (a
    // context lookup there stops the app).
    if let Some(e) = failed {
        j.error.set(Some(e));
    }
    ok
}

fn log(s: Sync, method: &str, ids: &[Held], met: Met, action: &Action) {
    let e = LogEntry {
        at: data::now(),
        method: method.into(),
        id: ids.first().map(|(r, _)| r.record.id.clone()).unwrap_or_default(),
        n: ids.len(),
        met: met.code(),
        action: engine::action_code(action).into(),
    };
    s.log.update(|l| log_push(l, e));
    let text = s.log.with_untracked(crate::model::write::to_json);
    let _ = write_local(LOG_KEY, &text);
}

fn watch_clock(s: Sync, a: &Answer) {
    if let Answer::Http(Response { date: Some(d), .. }) = a {
        if let Some(skew) = clock_skew_s(d, data::now() as i64) {
            s.run.update(|r| r.skew_s = (skew.abs() > CLOCK_SKEW_WARN_S).then_some(skew));
        }
    }
}

fn timing(st: &Settings) -> Timing {
    Timing { cap_ms: u64::from(st.backoff_cap_s) * 1000, ..Timing::default() }
}

/// Sends `batch` (stored first with one more attempt each, over exactly
/// what was read: an edit or a delete that slipped in wins, and the step
/// is planned again).
async fn send(s: Sync, j: Journal, st: &Settings, batch: Vec<Held>, shown: &mut Shown) -> Option<Action> {
    let next: Vec<Stored> = batch.iter().map(|(r, _)| Stored { record: r.record.clone(), state: before_send(&r.state) }).collect();
    let tried = match swap(&batch, &next).await {
        Ok(tried) => tried,
        Err(StoreError::Changed(_)) => return Some(Action::Resend),
        Err(e) => {
            // Nothing is sent unless it is marked tried first; the journal shows the storage error.
            j.error.set(Some(e));
            return None;
        }
    };
    let (method, url, body, key) = match (st.mode, &tried[..]) {
        (Mode::Put, [(one, _)]) => ("PUT", format!("{}/{}", st.endpoint.trim_end_matches('/'), crate::model::search::percent_encode(&one.record.id)), one.record.to_json(), Some(idempotency_key(&one.record))),
        (_, [(one, _)]) => ("POST", st.endpoint.clone(), one.record.to_json(), Some(idempotency_key(&one.record))),
        (_, many) => ("POST", st.endpoint.clone(), format!("[{}]", many.iter().map(|(r, _)| r.record.to_json()).collect::<Vec<_>>().join(",")), None),
    };
    let answer = request(st, method, &url, &body, key).await;
    watch_clock(s, &answer);
    let met = Met::of(&answer);
    let (now_ms, now) = (data::now() as i64, now_iso());
    let jitter = js_sys::Math::random();
    let actions = if tried.len() == 1 {
        vec![after_send(&answer, tried[0].0.state.attempts(), st.readback.is_some(), timing(st), jitter, now_ms, &now)]
    } else {
        after_batch(&answer, tried.len(), timing(st), jitter, now_ms, &now)
    };
    log(s, method, &tried, met, &actions[0]);
    if !settle(s, j, &tried, &actions, met, shown).await {
        return None;
    }
    // The run stops on a pause or a retry.
    actions.iter().find(|a| !goes_on(a)).or(actions.first()).cloned()
}

/// Reads a tried record back; sends it again when it is not there.
async fn read_back(s: Sync, j: Journal, st: &Settings, held: Held, shown: &mut Shown) -> Option<Action> {
    let r = &held.0;
    let url = st.readback_url(&crate::model::search::percent_encode(&r.record.id))?;
    let answer = request(st, "GET", &url, "", None).await;
    watch_clock(s, &answer);
    let met = Met::of(&answer);
    let attempts = r.state.attempts();
    let local: Activity = r.record.clone();
    let action = after_read_back(&answer, |body| same_record(&local, body), attempts, timing(st), js_sys::Math::random(), data::now() as i64, &now_iso());
    log(s, "GET", std::slice::from_ref(&held), met, &action);
    if action == Action::Resend {
        return Box::pin(send(s, j, st, vec![held], shown)).await;
    }
    settle(s, j, std::slice::from_ref(&held), std::slice::from_ref(&action), met, shown).await.then_some(action)
}

/// One run: requests until nothing is due, the queue pauses, the server
/// asks to wait, or the device goes offline.
async fn run(s: Sync, j: Journal) {
    let st = s.settings.get_untracked();
    let Ok(rows) = JournalStore.list(RECORDS).await else { return };
    let mut records: Vec<Stored> = rows.into_iter().filter_map(|(_, v)| crate::journal::read::stored(&v).ok()).collect();
    // In the queue's order once: each step's `engine::queue` then finds
    // it sorted (one pass), and records are found by id through `at`. (Sorted
    // afresh at each step, and searched linearly, 5,000 records took minutes.)
    records.sort_by(engine::queue_order);
    let index = |records: &[Stored]| -> HashMap<String, usize, rustc_hash::FxBuildHasher> { records.iter().enumerate().map(|(i, r)| (r.record.id.clone(), i)).collect() };
    let mut at = index(&records);
    let total = engine::queue(&records).len();
    s.run.update(|r| {
        r.running = total > 0;
        r.done = 0;
        r.total = total;
    });
    let mut shown = Shown { changed: Vec::new(), seen: 0, at: data::now() };
    let mut wake = None;
    while js_online() {
        let now = data::now();
        let q = engine::queue(&records);
        let Some(step) = engine::next(&q, st.mode, st.readback.is_some(), now) else {
            wake = engine::wake_at(&q);
            break;
        };
        // What is stored now, for each record of the step.
        let ids = match &step {
            Step::ReadBack(id) => vec![id.clone()],
            Step::Send(ids) => ids.clone(),
        };
        // Read together: one transaction per step, not one per record
        // (5,000 reads of their own took 9 s of a 20 s batched run).
        let fresh = match crate::ui::journal_store::fresh_records(&ids).await {
            Ok(f) => f,
            Err(e) => {
                j.error.set(Some(e));
                break;
            }
        };
        let mut batch = Vec::new();
        for (id, now_stored) in ids.iter().zip(fresh) {
            // Gone, changed or no longer queued (an edit, another tab):
            // follow storage, and plan again.
            let same = |held: &Held| at.get(id).and_then(|&i| records.get(i)) == Some(&held.0);
            match now_stored {
                Some(held) if matches!(held.0.state, State::Queued { .. }) && same(&held) => batch.push(held),
                other => {
                    records.retain(|x| &x.record.id != id);
                    records.extend(other.map(|(s, _)| s));
                    records.sort_by(engine::queue_order);
                    at = index(&records);
                }
            }
        }
        if batch.len() != ids.len() {
            continue;
        }
        let action = match step {
            Step::ReadBack(_) => read_back(s, j, &st, batch.remove(0), &mut shown).await,
            Step::Send(_) => send(s, j, &st, batch, &mut shown).await,
        };
        // Follow what was stored (what this step changed).
        for c in &shown.changed[shown.seen..] {
            if let Some(x) = at.get(&c.record.id).and_then(|&i| records.get_mut(i)) {
                *x = c.clone();
            }
        }
        shown.seen = shown.changed.len();
        shown.flush(j, false);
        match action {
            None => break,
            Some(Action::Pause(p)) => {
                let _ = LocalStore.put_now(PAUSE_KEY, p.code());
                s.run.update(|r| r.pause = Some(p));
                break;
            }
            Some(Action::Retry { .. }) => {
                wake = engine::wake_at(&engine::queue(&records));
                break;
            }
            Some(_) => {}
        }
    }
    shown.flush(j, true);
    s.run.update(|r| {
        r.running = false;
        r.wake_at = wake;
        r.last_ms = data::now();
    });
    if let Some(h) = s.timer.get_value() {
        h.clear();
    }
    // At most a day ahead (a timer's delay must fit an i32 of ms).
    let timer = wake
        .map(|at| Duration::from_millis(at.saturating_sub(data::now()).min(crate::sync::rules::MAX_WAIT_MS) + 50))
        .and_then(|d| set_timeout_with_handle(move || kick(s, j), d).ok());
    s.timer.set_value(timer);
}

/// « Tester la connexion ».
pub fn test_connection(s: Sync) {
    s.test.set(Some(Test::Running));
    let st = s.settings.get_untracked();
    spawn_local(async move {
        let out = JsFuture::from(js_probe(&st.endpoint, headers(&st, Some("test:0".into())), f64::from(st.timeout_s) * 1000.0)).await.map(|v| Array::from(&v)).unwrap_or_default();
        let status = out.get(0).as_f64().unwrap_or(-1.0);
        let verdict = if status == -2.0 {
            Test::Offline
        } else if status == -3.0 {
            Test::Blocked
        } else {
            let refused = Array::from(&out.get(2)).iter().filter_map(|v| v.as_string()).collect();
            judge((status >= 0.0).then_some(status as u16), out.get(1).as_bool().unwrap_or(false), refused, out.get(3).as_bool().unwrap_or(false))
        };
        s.test.set(Some(verdict));
    });
}
