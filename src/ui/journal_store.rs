//! The journal on the device: drafts and records in IndexedDB (through the
//! [`Store`] trait), profiles and the device id in localStorage, and the
//! journal's signals, provided once at the root. No decisions here: those
//! are in [`crate::journal`].
//!
//! * `drafts/<id>` — a [`Draft`] (saved as the user types, debounced);
//! * `records/<id>` — a [`Stored`] record with its state;
//! * `quarantine/records/<id>` (in `kv`) — a record or draft that did not
//!   read back, kept raw, listed on the journal's « Problèmes de stockage »
//!   panel, never dropped.
//!
//! Memory follows storage: the signals change only after the store said
//! yes; a failed write leaves them (and the form's content) as they were.

use crate::ui::var::{memo, Derived, Var};
use crate::journal::form::Draft;
use crate::journal::record::Author;
use crate::journal::state::Stored;
use crate::storage::local::LocalStore;
use crate::storage::{Op, Store, StoreError};
use crate::ui::vault::{read_local, write_local, JournalStore};
use serde::{Deserialize, Serialize};

pub const RECORDS: &str = "records/";
pub const DRAFTS: &str = "drafts/";
pub const QUARANTINE: &str = "quarantine/records/";
/// localStorage keys.
pub const DEVICE_KEY: &str = "paix.pref.device_id";
pub const PROFILES_KEY: &str = "paix.pref.profiles";
pub const ACTIVE_KEY: &str = "paix.pref.profile";

/// A person who logs activities on this (shared) phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Profile {
    pub id: String,
    pub name: String,
    /// Organisation id in the programme data.
    pub cso: String,
    #[serde(default)]
    pub phone: String,
}

crate::model::read::read_struct!(Profile { id: need, name: need, cso: need, phone: or_default });
crate::model::write::write_struct!(Profile { id, name, cso, phone });

impl Profile {
    pub fn author(&self) -> Author {
        Author { name: self.name.clone(), cso: self.cso.clone(), phone: self.phone.clone() }
    }
}

/// Something kept raw because it did not read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Damaged {
    pub key: String,
    pub raw: String,
}

/// A handle ([`Shared`](crate::ui::var::Shared)) to the [`JournalData`] of the mounted app.
pub type Journal = crate::ui::var::Shared<JournalData>;

/// What [`Journal`] points to.
pub struct JournalData {
    /// Records by id order (as listed), each with its state.
    pub records: Var<Vec<Stored>>,
    pub drafts: Var<Vec<Draft>>,
    pub damaged: Var<Vec<Damaged>>,
    /// Read from storage at least once.
    pub loaded: Var<bool>,
    /// The last storage failure, until the next success.
    pub error: Var<Option<StoreError>>,
    pub profiles: Var<Vec<Profile>>,
    pub active: Var<Option<String>>,
    /// Records not yet sent, counted once per change of `records` for
    /// the header badge, Settings and the sync engine's trigger.
    pub unsent: Derived<usize>,
}

impl Journal {
    pub fn active_profile(&self) -> Option<Profile> {
        let id = self.active.get()?;
        self.profiles.with(|ps| ps.iter().find(|p| p.id == id).cloned())
    }
}

/// A new UUID v4 (the browser's `crypto.getRandomValues`).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Now, UTC, RFC 3339 with milliseconds.
pub fn now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// The device's local time, `HH:MM`.
pub fn local_time() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// The device's offset from UTC, `±HH:MM`.
pub fn utc_offset() -> String {
    let behind = js_sys::Date::new_0().get_timezone_offset() as i32;
    let ahead = -behind;
    format!("{}{:02}:{:02}", if ahead < 0 { '-' } else { '+' }, ahead.abs() / 60, ahead.abs() % 60)
}

/// The device's local date.
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default()
}

/// This device's id, made once and kept in localStorage.
pub fn device_id() -> String {
    if let Ok(Some(id)) = LocalStore.get_now(DEVICE_KEY) {
        return id;
    }
    let id = new_id();
    let _ = LocalStore.put_now(DEVICE_KEY, &id);
    id
}

/// The profiles (sealed while the lock is on: empty until unlocked).
fn read_profiles() -> Vec<Profile> {
    read_local(PROFILES_KEY).and_then(|s| crate::model::read::read(&s).ok()).unwrap_or_default()
}

/// Saves the profiles and the active one; the signals follow only on success.
pub fn save_profiles(j: Journal, profiles: Vec<Profile>, active: Option<String>) -> Result<(), StoreError> {
    let text = crate::model::write::to_json(&profiles);
    write_local(PROFILES_KEY, &text)?;
    LocalStore.put_now(ACTIVE_KEY, active.as_deref().unwrap_or(""))?;
    j.profiles.set(profiles);
    j.active.set(active);
    Ok(())
}

pub fn provide_journal() -> Journal {
    let records = Var::new(Vec::new());
    let j = crate::ui::var::Shared::new(JournalData {
        records,
        unsent: memo(move || records.with(|rs| crate::journal::list::unsent(rs))),
        drafts: Var::new(Vec::new()),
        damaged: Var::new(Vec::new()),
        loaded: Var::new(false),
        error: Var::new(None),
        profiles: Var::new(read_profiles()),
        active: Var::new(LocalStore.get_now(ACTIVE_KEY).ok().flatten().filter(|s| !s.is_empty())),
    });
    crate::ui::root::put(|r| &r.journal, j);
    leptos::task::spawn_local(reload(j));
    // Another tab wrote: read again, so forms and lists here see it.
    crate::ui::data::on_journal_change(move || leptos::task::spawn_local(reload(j)));
    j
}

pub fn use_journal() -> Journal {
    crate::ui::root::get(|r| &r.journal)
}

/// After an unlock: the profiles (opened) and the journal read again.
pub fn after_unlock(j: Journal) {
    j.profiles.set(read_profiles());
    leptos::task::spawn_local(reload(j));
}

/// After locking: nothing sealed stays in memory.
pub fn after_lock(j: Journal) {
    j.records.set(Vec::new());
    j.drafts.set(Vec::new());
    j.damaged.set(Vec::new());
    j.profiles.set(Vec::new());
    j.loaded.set(false);
}

thread_local! {
    /// Counts the changes this tab made to the lists in memory after its
    /// own saves, imports and deletes (see [`reload`]; not the sync
    /// engine's states, shown every second during a long run: a reload
    /// would read again and again, and a state shown older is corrected at
    /// the engine's next showing).
    static CHANGES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// This tab wrote and updated its lists: a reload reading meanwhile would
/// set what it read before that write, and must read again.
fn changed_here() {
    CHANGES.with(|c| c.set(c.get() + 1));
}

/// Reads drafts and records; what does not read is moved aside (one atomic
/// batch per item) and listed as damaged. Nothing while locked. When this
/// tab saved something while it read (a list of thousands of sealed
/// records takes seconds), it reads again rather than set the older lists.
pub async fn reload(j: Journal) {
    while !load(j).await {}
}

/// One reading for [`reload`]: `true` when done, `false` when this tab
/// changed its lists meanwhile and nothing was set.
async fn load(j: Journal) -> bool {
    if !crate::ui::vault::readable() {
        return true;
    }
    let at = CHANGES.with(|c| c.get());
    let store = JournalStore;
    let (records, drafts) = match (store.list(RECORDS).await, store.list(DRAFTS).await) {
        (Ok(r), Ok(d)) => (r, d),
        (Err(e), _) | (_, Err(e)) => {
            j.error.set(Some(e));
            j.loaded.set(true);
            return true;
        }
    };
    let mut bad = Vec::new();
    let records: Vec<Stored> = records
        .into_iter()
        .filter_map(|(k, v)| crate::journal::read::stored(&v).map_err(|_| bad.push((k, v))).ok())
        .collect();
    let drafts: Vec<Draft> = drafts
        .into_iter()
        .filter_map(|(k, v)| crate::model::read::read(&v).map_err(|_| bad.push((k, v))).ok())
        .collect();
    for (key, raw) in bad {
        let aside = format!("{QUARANTINE}{}", key.replace('/', "_"));
        let _ = store.write(&[Op::Put(aside, raw), Op::Delete(key)]).await;
    }
    let damaged = store
        .list(QUARANTINE)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|(key, raw)| Damaged { key, raw })
        .collect();
    if CHANGES.with(|c| c.get()) != at {
        return false;
    }
    j.records.set(records);
    j.drafts.set(drafts);
    j.damaged.set(damaged);
    j.error.set(None);
    j.loaded.set(true);
    true
}

/// Saves a draft (the form's autosave). The list follows on success.
pub async fn save_draft(j: Journal, d: Draft) -> Result<(), StoreError> {
    let text = crate::model::write::to_json(&d);
    JournalStore.put(&format!("{DRAFTS}{}", d.id), &text).await.inspect_err(|e| j.error.set(Some(e.clone())))?;
    j.error.set(None);
    // Not told to the other tabs: a draft is one tab's work in progress,
    // and a reload there on every pause in typing would cost too much.
    changed_here();
    j.drafts.update(|ds| match ds.iter_mut().find(|x| x.id == d.id) {
        Some(x) => *x = d,
        None => ds.push(d),
    });
    Ok(())
}

/// The record as stored now, with its stored text (for an [`Op::Swap`]).
pub async fn fresh_record(id: &str) -> Result<Option<(Stored, String)>, StoreError> {
    Ok(fresh_records(&[id.to_string()]).await?.pop().flatten())
}

/// [`fresh_record`] of each id, read together (one transaction).
pub async fn fresh_records(ids: &[String]) -> Result<Vec<Option<(Stored, String)>>, StoreError> {
    let keys: Vec<String> = ids.iter().map(|id| format!("{RECORDS}{id}")).collect();
    Ok(JournalStore.get_many(&keys).await?.into_iter().map(|raw| raw.and_then(|raw| crate::journal::read::stored(&raw).ok().map(|s| (s, raw)))).collect())
}

/// Stores a new record and removes its draft in one atomic batch; never
/// over a record of that id (then [`StoreError::Changed`]).
pub async fn save_record(j: Journal, s: Stored) -> Result<(), StoreError> {
    write_record(j, s, None).await
}

/// Stores an edit of a record, applied to the record as stored *now*
/// (the sync engine may have started sending it since the form opened):
/// [`StoreError::Changed`] and nothing written when it may no longer be
/// edited, or when it changes between the read and the write.
pub async fn save_edit(j: Journal, edited: crate::journal::Activity) -> Result<(), StoreError> {
    let (stored, raw) = fresh_record(&edited.id).await?.ok_or_else(|| StoreError::Changed(edited.id.clone()))?;
    let new = stored.apply_edit(edited).ok_or_else(|| StoreError::Changed(stored.record.id.clone()))?;
    write_record(j, new, Some(raw)).await
}

async fn write_record(j: Journal, s: Stored, expected: Option<String>) -> Result<(), StoreError> {
    let text = crate::model::write::to_json(&s);
    let id = s.record.id.clone();
    // A correction also ends what an edit of the record it corrects left
    // in a draft, too late to be saved: the correction started from it.
    let corrected = s.record.corrects.clone().filter(|_| expected.is_none()).unwrap_or_default();
    let put = Op::Swap { key: format!("{RECORDS}{id}"), expected, value: Some(text) };
    let mut ops = vec![put, Op::Delete(format!("{DRAFTS}{id}"))];
    if !corrected.is_empty() {
        ops.push(Op::Delete(format!("{DRAFTS}{corrected}")));
    }
    JournalStore.write(&ops).await.inspect_err(|e| j.error.set(Some(e.clone())))?;
    j.error.set(None);
    crate::ui::data::journal_changed();
    changed_here();
    j.drafts.update(|ds| ds.retain(|d| d.id != id && d.id != corrected));
    j.records.update(|rs| match rs.iter_mut().find(|x| x.record.id == id) {
        Some(x) => *x = s,
        None => rs.push(s),
    });
    crate::ui::data::persist_soon();
    Ok(())
}

/// Stores many new records at once (an import): all or nothing, and
/// insert-only: a record already stored (another tab, a load that failed)
/// is never overwritten; the whole batch is refused instead.
pub async fn add_records(j: Journal, new: Vec<Stored>) -> Result<(), StoreError> {
    let mut ops = Vec::with_capacity(new.len());
    for s in &new {
        let text = crate::model::write::to_json(s);
        ops.push(Op::Insert(format!("{RECORDS}{}", s.record.id), text));
    }
    JournalStore.write(&ops).await.inspect_err(|e| j.error.set(Some(e.clone())))?;
    j.error.set(None);
    crate::ui::data::journal_changed();
    changed_here();
    j.records.update(|rs| rs.extend(new));
    crate::ui::data::persist_soon();
    Ok(())
}

/// Deletes records whose state, as stored *now*, `allowed` accepts (the
/// sync engine may have started sending one): [`StoreError::Changed`] and
/// nothing deleted otherwise, or when one changes between the read and
/// the write.
pub async fn delete_records(j: Journal, ids: Vec<String>, allowed: impl Fn(&crate::journal::state::State) -> bool) -> Result<(), StoreError> {
    let mut ops = Vec::with_capacity(ids.len());
    for id in &ids {
        match fresh_record(id).await? {
            Some((s, raw)) if allowed(&s.state) => ops.push(Op::Swap { key: format!("{RECORDS}{id}"), expected: Some(raw), value: None }),
            _ => return Err(StoreError::Changed(id.clone())),
        }
    }
    delete_ops(j, ops).await
}

/// Deletes drafts by key (`drafts/<id>`), in one batch.
pub async fn delete(j: Journal, keys: Vec<String>) -> Result<(), StoreError> {
    delete_ops(j, keys.iter().map(|k| Op::Delete(k.clone())).collect()).await
}

async fn delete_ops(j: Journal, ops: Vec<Op>) -> Result<(), StoreError> {
    let keys: Vec<String> = ops.iter().map(|o| o.key().to_string()).collect();
    JournalStore.write(&ops).await.inspect_err(|e| j.error.set(Some(e.clone())))?;
    j.error.set(None);
    crate::ui::data::journal_changed();
    let gone = |prefix: &str, id: &str| keys.iter().any(|k| k.strip_prefix(prefix) == Some(id));
    changed_here();
    j.drafts.update(|ds| ds.retain(|d| !gone(DRAFTS, &d.id)));
    j.records.update(|rs| rs.retain(|r| !gone(RECORDS, &r.record.id)));
    Ok(())
}
