//! The device lock in the app (issue #14): whether it is on, locked or
//! open; the store of the journal, sealed while the lock is on; the
//! sealed localStorage values (profiles, sync settings with their
//! credential, sync log); and the actions (turn on, unlock, lock, change
//! the secret, turn off) with the idle timer. The crypto is
//! [`crate::ui::lock`] (WebCrypto); the decisions are [`crate::lock`].
//!
//! While locked, nothing sealed is in memory: the journal's lists, the
//! profiles, the sync settings and log are emptied, and the sync engine
//! does not run (a background worker could not open the records either).

use crate::ui::var::Var;
use crate::lock::params::{idle_due, secret_problem, wait_ms, LockRecord, Secret};
use crate::lock::{envelope, open_all, seal_all, Access, Cipher, Note, SealedStore};
use crate::storage::idb::IdbStore;
use crate::storage::local::LocalStore;
use crate::storage::{Op, Store, StoreError};
use crate::ui::data;
use crate::ui::journal_store::{DRAFTS, QUARANTINE, RECORDS};
use crate::ui::lock::{self, WebCipher};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;

/// localStorage: the lock record (plain: it holds no secret).
pub const LOCK_KEY: &str = "paix.lock";
/// localStorage: set while a tab turns the lock off. Other tabs lock at
/// once when they see it, so that none seals a value with the key about to
/// be thrown away.
pub const OFF_KEY: &str = "paix.lock.off";
/// localStorage: wrong tries in a row and when the last one was, `n ms`.
pub const TRIES_KEY: &str = "paix.lock.tries";
/// The IndexedDB prefixes sealed while the lock is on.
pub const SEALED: [&str; 3] = [RECORDS, DRAFTS, QUARANTINE];
/// The localStorage keys sealed while the lock is on.
pub const SEALED_LOCAL: [&str; 3] = [
    crate::ui::journal_store::PROFILES_KEY,
    crate::ui::sync::SETTINGS_KEY,
    crate::ui::sync::LOG_KEY,
];

thread_local! {
    /// The lock record while the lock is on.
    static RECORD: RefCell<Option<LockRecord>> = const { RefCell::new(None) };
    /// The data key while open.
    static KEY: RefCell<Option<WebCipher>> = const { RefCell::new(None) };
    /// When the user last touched the page (ms since 1970).
    static TOUCHED: RefCell<f64> = const { RefCell::new(0.0) };
    /// This tab is turning the lock off: nothing is written sealed.
    static TURNING_OFF: RefCell<bool> = const { RefCell::new(false) };
    /// The sealed localStorage values, opened, while the lock is open.
    static OPENED: RefCell<Vec<(&'static str, String)>> = const { RefCell::new(Vec::new()) };
}

/// A handle ([`Shared`](crate::ui::var::Shared)) to the [`VaultData`] of the mounted app.
pub type Vault = crate::ui::var::Shared<VaultData>;

/// What [`Vault`] points to.
pub struct VaultData {
    pub access: Var<Access>,
    pub note: Var<Option<Note>>,
    /// A slow step runs (the key derivation, sealing everything).
    pub busy: Var<bool>,
    /// Minutes without a touch before it locks (the record's, or the default).
    pub idle_min: Var<u32>,
    pub secret: Var<Secret>,
    /// « J'ai compris » ticked (kept here: the form is drawn again).
    pub understood: Var<bool>,
    /// The app's root, where the journal and the sync engine, whose memory
    /// follows the lock, are found once provided (after the vault).
    root: crate::ui::var::Shared<crate::ui::root::Root>,
}

impl VaultData {
    /// The journal and the sync engine, once both are provided.
    fn parts(&self) -> Option<(crate::ui::journal_store::Journal, crate::ui::sync::Sync)> {
        Some((*self.root.journal.get()?, *self.root.sync.get()?))
    }
}

pub fn use_vault() -> Vault {
    crate::ui::root::get(|r| &r.vault)
}

/// Reads the lock record and provides the vault: locked when there is one.
pub fn provide_vault() -> Vault {
    let stored = LocalStore.get_now(LOCK_KEY).ok().flatten();
    let parsed = stored.as_deref().map(LockRecord::parse);
    let v = crate::ui::var::Shared::new(VaultData {
        access: Var::new(if stored.is_some() { Access::Locked } else { Access::Off }),
        note: Var::new(match parsed {
            Some(Err(p)) => Some(Note::Unreadable(p)),
            _ => None,
        }),
        busy: Var::new(false),
        idle_min: Var::new(crate::lock::params::DEFAULT_IDLE_MIN),
        secret: Var::new(Secret::Pin),
        understood: Var::new(false),
        root: crate::ui::root::root(),
    });
    if let Some(Ok(r)) = parsed {
        v.idle_min.set(r.idle_min);
        v.secret.set(r.secret);
        RECORD.with(|x| *x.borrow_mut() = Some(r));
    }
    crate::ui::root::put(|r| &r.vault, v);
    watch_idle(v);
    watch_other_tabs(v);
    v
}

/// Another tab turned the lock on or off, or changed the secret: this tab
/// follows at once, so that it never writes a value sealed with a key no
/// record describes any more (or a plain one while the lock is on).
fn watch_other_tabs(v: Vault) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let on_storage = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |e: wasm_bindgen::JsValue| {
        let field = |name: &str| js_sys::Reflect::get(&e, &name.into()).ok().and_then(|v| v.as_string());
        match field("key").as_deref() {
            Some(LOCK_KEY) => {}
            // Another tab turns the lock off: lock here until it is done.
            Some(OFF_KEY) if field("newValue").is_some() => return lock_now(v),
            _ => return,
        }
        // gloo-storage keeps values as JSON: the record is a JSON string.
        let text = field("newValue").and_then(|t| crate::model::read::read::<String>(&t).ok());
        let record = text.and_then(|t| LockRecord::parse(&t).ok());
        let was_on = RECORD.with(|r| r.borrow().is_some());
        match record {
            // The secret changed: the same data key, so an open tab stays open.
            Some(r) if was_on => {
                v.idle_min.set(r.idle_min);
                v.secret.set(r.secret);
                RECORD.with(|x| *x.borrow_mut() = Some(r));
            }
            // Turned on elsewhere: locked here until unlocked.
            Some(r) => {
                v.secret.set(r.secret);
                RECORD.with(|x| *x.borrow_mut() = Some(r));
                KEY.with(|x| *x.borrow_mut() = None);
                v.access.set(Access::Open);
                lock_now(v);
            }
            // Turned off elsewhere: everything is plain again; read it.
            None => {
                RECORD.with(|x| *x.borrow_mut() = None);
                KEY.with(|x| *x.borrow_mut() = None);
                OPENED.with(|o| o.borrow_mut().clear());
                v.access.set(Access::Off);
                read_again(v);
            }
        }
    });
    let _ = window().add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    on_storage.forget();
}

/// Whether sealed data may be read now (no lock, or open).
pub fn readable() -> bool {
    RECORD.with(|r| r.borrow().is_none()) || KEY.with(|k| k.borrow().is_some())
}

/// The key to seal with: `Ok(None)` without a lock, an error while locked
/// or while this tab turns the lock off.
fn key() -> Result<Option<WebCipher>, StoreError> {
    if TURNING_OFF.with(|t| *t.borrow()) {
        return Err(StoreError::Unavailable("locked".into()));
    }
    match (RECORD.with(|r| r.borrow().is_some()), KEY.with(|k| k.borrow().clone())) {
        (false, _) => Ok(None),
        (true, Some(k)) => Ok(Some(k)),
        (true, None) => Err(StoreError::Unavailable("locked".into())),
    }
}

/// The journal's store: IndexedDB, its records, drafts and set-aside
/// copies sealed while the lock is on; unavailable while locked.
pub struct JournalStore;

/// The store below the journal: sealing the journal's prefixes with the
/// data key while the lock is on, passing everything through when off (one
/// code path either way: two would double the async code in the wasm).
fn sealing() -> Result<(WebCipher, &'static [&'static str]), StoreError> {
    Ok(match key()? {
        Some(k) => (k, &SEALED),
        None => (WebCipher::none(), &[]),
    })
}

impl Store for JournalStore {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.get_many(&[key.to_string()]).await?.pop().flatten())
    }
    async fn get_many(&self, keys: &[String]) -> Result<Vec<Option<String>>, StoreError> {
        let (k, prefixes) = sealing()?;
        SealedStore { inner: &IdbStore::APP, cipher: &k, prefixes }.get_many(keys).await
    }
    async fn put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let (k, prefixes) = sealing()?;
        SealedStore { inner: &IdbStore::APP, cipher: &k, prefixes }.put(key, value).await
    }
    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        IdbStore::APP.delete(key).await
    }
    async fn list(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let (k, prefixes) = sealing()?;
        SealedStore { inner: &IdbStore::APP, cipher: &k, prefixes }.list(prefix).await
    }
    async fn write(&self, batch: &[Op]) -> Result<(), StoreError> {
        let (k, prefixes) = sealing()?;
        SealedStore { inner: &IdbStore::APP, cipher: &k, prefixes }.write(batch).await
    }
}

/// A localStorage value as text: plain, or sealed and opened with the
/// lock; `None` when absent, or sealed while locked.
pub fn read_local(key: &str) -> Option<String> {
    let stored = LocalStore.get_now(key).ok().flatten()?;
    if !envelope::is_sealed(&stored) {
        return Some(stored);
    }
    OPENED.with(|o| o.borrow().iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()))
}

/// Keeps the opened text of a sealed localStorage value.
fn remember(key: &'static str, text: String) {
    OPENED.with(|o| {
        let mut o = o.borrow_mut();
        o.retain(|(k, _)| *k != key);
        o.push((key, text));
    });
}

/// Writes a localStorage value, sealed while the lock is on (then a moment
/// later: sealing is asynchronous; [`read_local`] has the new text at once).
/// Nothing is written while locked.
pub fn write_local(key: &'static str, text: &str) -> Result<(), StoreError> {
    match self::key()? {
        None => LocalStore.put_now(key, text),
        Some(k) => {
            remember(key, text.to_string());
            let text = text.to_string();
            spawn_local(async move {
                if let Ok(sealed) = k.seal(&text).await {
                    let _ = LocalStore.put_now(key, &sealed);
                }
            });
            Ok(())
        }
    }
}

/// Seals (`on`) or opens every sealed localStorage value; returns their
/// plain texts.
async fn convert_locals(k: &WebCipher, on: bool) -> Result<Vec<(&'static str, String)>, StoreError> {
    let mut plain = Vec::new();
    for key in SEALED_LOCAL {
        let Some(v) = LocalStore.get_now(key)? else { continue };
        let text = if envelope::is_sealed(&v) { k.open(&v).await } else { Some(v.clone()) };
        let new = match (on, envelope::is_sealed(&v)) {
            (true, false) => Some(k.seal(&v).await?),
            (false, true) => text.clone(),
            _ => None,
        };
        if let Some(new) = new {
            LocalStore.put_now(key, &new)?;
        }
        plain.extend(text.map(|t| (key, t)));
    }
    Ok(plain)
}

/// The journal and the sync engine read again what the lock lets them read.
fn read_again(v: Vault) {
    if let Some((j, s)) = v.parts() {
        crate::ui::sync::after_unlock(s);
        crate::ui::journal_store::after_unlock(j);
    }
}

/// Wrong tries in a row under `key`, and when the last was (ms; integers:
/// parsing a float would bring its whole parser into the wasm).
fn tries(key: &str) -> (u32, u64) {
    let v = LocalStore.get_now(key).ok().flatten().unwrap_or_default();
    let mut parts = v.split(' ');
    let n = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    (n, parts.next().and_then(|t| t.parse().ok()).unwrap_or(0))
}

/// How long before another try is allowed (ms; 0: now), the wrong tries
/// being counted under `key` (the lock's [`TRIES_KEY`], the kiosk's own).
pub fn wait_left(key: &str) -> u64 {
    let (n, at) = tries(key);
    (at + wait_ms(n)).saturating_sub(data::now())
}

/// Tries `secret` against `record`: its cipher, the count of wrong tries
/// under `key` cleared; or, wrong, the try counted and what to say (a
/// wrong secret, or how long to wait). The caller checks [`wait_left`]
/// first. The device lock and the kiosk's PIN share it.
pub async fn try_secret(record: &LockRecord, secret: &str, key: &str) -> Result<WebCipher, Note> {
    match lock::unlock(record, secret).await {
        Some(k) => {
            let _ = LocalStore.delete_now(key);
            Ok(k)
        }
        None => {
            let n = tries(key).0 + 1;
            let _ = LocalStore.put_now(key, &format!("{n} {}", data::now()));
            let left = wait_left(key);
            Err(if left > 0 { Note::Wait { ms: left } } else { Note::Wrong { tries: n } })
        }
    }
}

/// After the data became readable: everything sealed is read again into
/// memory, what a reload left plain is sealed, and the engine may run.
fn opened(v: Vault, k: WebCipher) {
    KEY.with(|x| *x.borrow_mut() = Some(k.clone()));
    touch();
    v.access.set(Access::Open);
    spawn_local(async move {
        let _ = seal_all(&IdbStore::APP, &k, &SEALED).await;
        for (key, text) in convert_locals(&k, true).await.unwrap_or_default() {
            remember(key, text);
        }
        read_again(v);
    });
}

/// Unlocks with `secret`; a wrong one is counted, and after five each
/// further try waits longer.
pub fn unlock(v: Vault, secret: String) {
    let left = wait_left(TRIES_KEY);
    if left > 0 {
        v.note.set(Some(Note::Wait { ms: left }));
        return;
    }
    let Some(record) = RECORD.with(|r| r.borrow().clone()) else { return };
    v.busy.set(true);
    spawn_local(async move {
        let k = try_secret(&record, &secret, TRIES_KEY).await;
        v.busy.set(false);
        match k {
            Ok(k) => {
                v.note.set(None);
                opened(v, k);
            }
            Err(note) => v.note.set(Some(note)),
        }
    });
}

/// Locks now: the key and everything read with it leave memory.
pub fn lock_now(v: Vault) {
    if v.access.get_untracked() != Access::Open {
        return;
    }
    KEY.with(|x| *x.borrow_mut() = None);
    OPENED.with(|o| o.borrow_mut().clear());
    v.access.set(Access::Locked);
    if let Some((j, s)) = v.parts() {
        crate::ui::journal_store::after_lock(j);
        crate::ui::sync::after_lock(s);
    }
}

/// Runs a slow lock action: busy meanwhile, then its note.
fn run(v: Vault, action: impl std::future::Future<Output = Note> + 'static) {
    v.busy.set(true);
    spawn_local(async move {
        let note = action.await;
        v.busy.set(false);
        v.note.set(Some(note));
    });
}

/// Turns the lock on: the record first, then every record, draft and
/// sealed localStorage value sealed (a reload in between seals the rest
/// at the next unlock).
pub fn enable(v: Vault, kind: Secret, secret: String, confirm: String, understood: bool) {
    if !understood {
        return v.note.set(Some(Note::Understand));
    }
    if let Some(m) = secret_problem(kind, &secret, &confirm) {
        return v.note.set(Some(Note::Problem(m)));
    }
    run(v, async move {
        let Some((record, k)) = lock::create(kind, &secret).await else { return Note::Store };
        if LocalStore.put_now(LOCK_KEY, &record.to_json()).is_err() {
            return Note::Store;
        }
        v.idle_min.set(record.idle_min);
        v.secret.set(kind);
        RECORD.with(|x| *x.borrow_mut() = Some(record));
        let _ = LocalStore.delete_now(TRIES_KEY);
        opened(v, k);
        Note::Enabled
    });
}

/// Changes the secret: the data key is sealed again for the new one.
pub fn change(v: Vault, old: String, kind: Secret, new: String, confirm: String) {
    if let Some(m) = secret_problem(kind, &new, &confirm) {
        return v.note.set(Some(Note::Problem(m)));
    }
    let Some(record) = RECORD.with(|r| r.borrow().clone()) else { return };
    run(v, async move {
        let Some(next) = lock::rekey(&record, &old, kind, &new).await else { return Note::Wrong { tries: 0 } };
        if LocalStore.put_now(LOCK_KEY, &next.to_json()).is_err() {
            return Note::Store;
        }
        v.secret.set(kind);
        RECORD.with(|x| *x.borrow_mut() = Some(next));
        Note::Changed
    });
}

/// Turns the lock off (the secret asked again): everything opened back to
/// plain, then the record removed. Meanwhile nothing is written sealed:
/// this tab's writes fail as while locked (the sync engine's then leave a
/// record tried, to be sent again with the same key), and other tabs lock.
/// The record goes only once nothing sealed is left that the key opens;
/// otherwise the lock stays on and nothing is lost.
pub fn disable(v: Vault, secret: String) {
    let Some(record) = RECORD.with(|r| r.borrow().clone()) else { return };
    run(v, async move {
        let Some(k) = lock::unlock(&record, &secret).await else { return Note::Wrong { tries: 0 } };
        TURNING_OFF.with(|t| *t.borrow_mut() = true);
        let _ = LocalStore.put_now(OFF_KEY, "1");
        let done = match open_all(&IdbStore::APP, &k, &SEALED).await {
            Ok(unopened) if convert_locals(&k, false).await.is_ok() && LocalStore.delete_now(LOCK_KEY).is_ok() => Some(unopened),
            _ => None,
        };
        TURNING_OFF.with(|t| *t.borrow_mut() = false);
        let _ = LocalStore.delete_now(OFF_KEY);
        let Some(unopened) = done else { return Note::Store };
        RECORD.with(|x| *x.borrow_mut() = None);
        KEY.with(|x| *x.borrow_mut() = None);
        OPENED.with(|o| o.borrow_mut().clear());
        v.access.set(Access::Off);
        Note::Disabled { unopened: unopened.len() }
    });
}

/// Sets the idle minutes (1–240).
pub fn set_idle(v: Vault, minutes: u32) {
    let Some(mut record) = RECORD.with(|r| r.borrow().clone()) else { return };
    record.idle_min = minutes.clamp(1, 240);
    if LocalStore.put_now(LOCK_KEY, &record.to_json()).is_ok() {
        v.idle_min.set(record.idle_min);
        RECORD.with(|x| *x.borrow_mut() = Some(record));
    }
}

fn touch() {
    TOUCHED.with(|t| *t.borrow_mut() = data::now() as f64);
}

/// Any touch, key or scroll keeps it open; every 15 s (and when the page
/// comes back into view) the idle time is checked.
fn watch_idle(v: Vault) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let on_touch = Closure::<dyn FnMut()>::new(touch);
    let check = Closure::<dyn FnMut()>::new(move || {
        let last = TOUCHED.with(|t| *t.borrow());
        if v.access.get_untracked() == Access::Open && idle_due(last, data::now() as f64, v.idle_min.get_untracked()) {
            lock_now(v);
        }
    });
    let w = window();
    for event in ["pointerdown", "keydown", "touchstart", "wheel"] {
        let _ = w.add_event_listener_with_callback_and_bool(event, on_touch.as_ref().unchecked_ref(), true);
    }
    let _ = document().add_event_listener_with_callback("visibilitychange", check.as_ref().unchecked_ref());
    let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(check.as_ref().unchecked_ref(), 15_000);
    on_touch.forget();
    check.forget();
}

/// What the lock parts of the pages show now (`note`: the vault's, read).
pub fn view<'a>(v: Vault, note: Option<&'a Note>) -> crate::components::lock_panel::LockView<'a> {
    crate::components::lock_panel::LockView {
        available: lock::available(),
        access: v.access.get(),
        note,
        busy: v.busy.get(),
        idle_min: v.idle_min.get(),
        secret: v.secret.get(),
        wait_s: wait_left(TRIES_KEY).div_ceil(1000),
        understood: v.understood.get(),
    }
}

/// The lock's forms and buttons (true when `action` was one of them). The
/// secrets are read from their fields, which are emptied at once.
pub fn on_action(v: Vault, action: &str) -> bool {
    use crate::components::lock_panel as p;
    use crate::components::unlock_form::{ACTION_UNLOCK, UNLOCK_SECRET};
    let take = |id: &str| {
        let value = crate::ui::doc_view::field_value(id);
        if let Some(i) = document().get_element_by_id(id).and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok()) {
            i.set_value("");
        }
        value
    };
    let kind = |id: &str| if crate::ui::doc_view::field_value(id) == "passphrase" { Secret::Passphrase } else { Secret::Pin };
    if v.busy.get_untracked() && action != p::ACTION_LOCK_NOW {
        return matches!(action, ACTION_UNLOCK | p::ACTION_ENABLE | p::ACTION_IDLE | p::ACTION_CHANGE | p::ACTION_DISABLE);
    }
    match action {
        ACTION_UNLOCK => unlock(v, take(UNLOCK_SECRET)),
        p::UNDERSTOOD => v.understood.set(crate::ui::doc_view::field_checked(p::UNDERSTOOD)),
        p::ACTION_ENABLE => enable(v, kind(p::KIND), take(p::SECRET), take(p::CONFIRM), v.understood.get_untracked()),
        p::ACTION_LOCK_NOW => lock_now(v),
        p::ACTION_IDLE => set_idle(v, crate::ui::doc_view::field_value(p::IDLE).trim().parse().unwrap_or(crate::lock::params::DEFAULT_IDLE_MIN)),
        p::ACTION_CHANGE => change(v, take(p::OLD), kind(p::NEW_KIND), take(p::NEW), take(p::NEW_CONFIRM)),
        p::ACTION_DISABLE => disable(v, take(p::OFF_SECRET)),
        _ => return false,
    }
    true
}
