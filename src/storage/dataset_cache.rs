//! The programme data kept on the device (pure: any [`Store`]).
//!
//! Layout in the data store (IndexedDB in the browser):
//! * `dataset/current` — one record: the [`Meta`] as one line (see
//!   [`encode`]), a newline, then the data's JSON text exactly as received. Data and meta
//!   are written in one `put` (one transaction), so a crash can never leave
//!   a meta describing other data; on load the text's hash is checked
//!   against the meta anyway (storage damage).
//! * `dataset/quarantine/<ms>` — a record that could not be read back
//!   (envelope, hash, JSON syntax or shape), kept as it was, never wiped;
//!   Settings lists these copies ([`quarantined`]) and can restore
//!   ([`restore`]) or export ([`data_text`]) each.
//!
//! Data that parses but breaks a rule of this version of the app (a rule
//! added after it was stored) is still shown, with its problems listed
//! ([`Loaded::Stored`]); data of a newer format is left in place, untouched,
//! for the app version that reads it ([`Loaded::Newer`]).
//!
//! In the marker store (localStorage): [`MARKER`] holds the hash of the
//! stored data, written after it. Marker present and data absent means the
//! browser dropped the data store ([`Loaded::Evicted`]).
//! Browsers usually evict a whole origin at once (marker included), so this
//! catches a lost or reset database, not every eviction: persistent storage
//! and installing the app are the real protection.

use super::{Op, Store, StoreError};
use crate::model::refresh::{content_hash, Meta, Origin};
use crate::model::{validate, Dataset, Problem, ProblemKind};
use std::sync::Arc;

/// Key of the current data record.
pub const CURRENT: &str = "dataset/current";
/// Prefix of quarantined records (`dataset/quarantine/<ms>`).
pub const QUARANTINE: &str = "dataset/quarantine/";
/// Marker key in the marker store (localStorage).
pub const MARKER: &str = "paix.data.stored";

/// The record: a meta line of tab-separated fields, `paix-data 1`, hash,
/// updated_at (ms), ETag (or empty), origin kind (`embedded`, `url`,
/// `file`), origin value (last, so it may hold anything but a newline);
/// then a newline and the data text. Tabs and newlines in the ETag, and
/// newlines in the origin value, become spaces (neither can hold them in
/// practice). Written by hand rather than with serde: this is 1 KB less
/// in the wasm bundle.
pub fn encode(meta: &Meta, text: &str) -> String {
    let clean = |s: &str, tab: bool| s.replace(['\n', '\r'], " ").replace('\t', if tab { " " } else { "\t" });
    let (kind, value) = match &meta.origin {
        Origin::Embedded => ("embedded", ""),
        Origin::Url(u) => ("url", u.as_str()),
        Origin::File(f) => ("file", f.as_str()),
    };
    format!(
        "paix-data 1\t{}\t{}\t{}\t{kind}\t{}\n{text}",
        meta.hash,
        meta.updated_at,
        clean(meta.etag.as_deref().unwrap_or(""), true),
        clean(value, false),
    )
}

/// Meta and text of a record, when its envelope and hash are right.
pub fn decode(raw: &str) -> Option<(Meta, &str)> {
    let (line, text) = raw.split_once('\n')?;
    let meta = read_meta(line)?;
    (content_hash(text) == meta.hash).then_some((meta, text))
}

/// The meta line alone (its hash not checked against anything).
fn read_meta(line: &str) -> Option<Meta> {
    let mut f = line.splitn(6, '\t');
    if f.next()? != "paix-data 1" {
        return None;
    }
    let hash = f.next()?.to_string();
    let updated_at = f.next()?.parse().ok()?;
    let etag = Some(f.next()?).filter(|e| !e.is_empty()).map(str::to_string);
    let origin = match (f.next()?, f.next()?.to_string()) {
        ("embedded", _) => Origin::Embedded,
        ("url", u) => Origin::Url(u),
        ("file", n) => Origin::File(n),
        _ => return None,
    };
    Some(Meta { origin, hash, etag, updated_at, saved: true })
}

/// Where a record's data came from, when its meta line reads.
fn origin_of(raw: &str) -> Option<Origin> {
    raw.split_once('\n').and_then(|(line, _)| read_meta(line)).map(|m| m.origin)
}

/// What was found on start.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored: the embedded data stays.
    Nothing,
    /// The stored data, with the problems this version of the app finds in
    /// it (empty when it is fully valid). Shown either way.
    Stored { dataset: Arc<Dataset>, meta: Meta, problems: Vec<Problem> },
    /// The stored record was unreadable (envelope, hash, JSON syntax or
    /// shape); it was moved to `quarantine` (`None` if even that failed and
    /// it stayed in place). `problems`: why, when it got as far as parsing.
    Corrupt { quarantine: Option<String>, problems: Vec<Problem> },
    /// The stored data is in a newer format than this app reads (the app
    /// was rolled back): left in place, the embedded data is shown.
    Newer,
    /// The marker says data was stored; it is gone.
    Evicted,
    /// The data store cannot be used (private mode, blocked, newer
    /// database…).
    Unavailable(StoreError),
}

/// Reads the stored data. Never deletes data without keeping a copy: an
/// unreadable record is moved under [`QUARANTINE`] in one atomic batch.
pub async fn load<S: Store, M: Store>(data: &S, marker: &M, now: u64) -> Loaded {
    let marked = matches!(marker.get(MARKER).await, Ok(Some(_)));
    let raw = match data.get(CURRENT).await {
        Ok(raw) => raw,
        Err(e) => return Loaded::Unavailable(e),
    };
    let Some(raw) = raw else {
        // The marker written with the data is there, the data is not.
        if marked {
            let _ = marker.delete(MARKER).await;
            return Loaded::Evicted;
        }
        return Loaded::Nothing;
    };
    let problems = match decode(&raw) {
        None => Vec::new(),
        Some((meta, text)) => match Dataset::from_json(text) {
            Ok(ds) => {
                if !marked {
                    let _ = marker.put(MARKER, &meta.hash).await;
                }
                let problems = validate(&ds);
                return Loaded::Stored { dataset: Arc::new(ds), meta, problems };
            }
            Err(p) if p.iter().any(|p| p.kind == ProblemKind::NewerSchema) => return Loaded::Newer,
            Err(problems) => problems,
        },
    };
    // Marker first: a crash before the move finds the bad record again
    // (and moves it then), never a false eviction.
    let _ = marker.delete(MARKER).await;
    let key = format!("{QUARANTINE}{now}");
    let moved = data.write(&[Op::put(key.as_str(), raw.as_str()), Op::delete(CURRENT)]).await;
    Loaded::Corrupt { quarantine: moved.ok().map(|()| key), problems }
}

/// Stores data and meta (one record), then the marker.
///
/// Nothing stored is overwritten without a copy: when the record in place
/// is neither the one the decision was based on (`expected`, its hash) nor
/// the same content, it is set aside under `quarantine/<updated_at>` in the
/// same batch (data this app version could not read, a revision another
/// tab stored meanwhile, a load that had not answered yet).
pub async fn save<S: Store, M: Store>(data: &S, marker: &M, meta: &Meta, text: &str, expected: Option<&str>) -> Result<(), StoreError> {
    let mut batch = Vec::with_capacity(2);
    if let Some(raw) = data.get(CURRENT).await? {
        let held = raw.split_once('\n').and_then(|(line, _)| read_meta(line)).map(|m| m.hash);
        let known = held.as_deref().is_some_and(|h| h == meta.hash || Some(h) == expected);
        if !known {
            batch.push(Op::Put(format!("{QUARANTINE}{}", meta.updated_at), raw));
        }
    }
    batch.push(Op::Put(CURRENT.to_string(), encode(meta, text)));
    data.write(&batch).await?;
    // A lost marker only weakens eviction detection.
    let _ = marker.put(MARKER, &meta.hash).await;
    Ok(())
}

/// The data text of a stored or quarantined record: the text after the
/// meta line when the envelope reads (even with a wrong hash: damaged
/// data is still worth a look), else the whole value when it looks like
/// JSON. `None` when there is no text to recover.
pub fn data_text(raw: &str) -> Option<&str> {
    if let Some((line, text)) = raw.split_once('\n') {
        if line.starts_with("paix-data ") {
            return Some(text);
        }
    }
    raw.trim_start().starts_with('{').then_some(raw)
}

/// A quarantined copy, as Settings lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quarantined {
    /// Its key (for the actions; never shown).
    pub key: String,
    /// When it was set aside (ms since 1970), from the key.
    pub at: u64,
    /// Where it came from, when its envelope reads.
    pub origin: Option<Origin>,
    /// Its revision, when it parses.
    pub revision: Option<u32>,
    /// Bytes of its data text.
    pub bytes: usize,
    /// It parses: it can be restored (with its problems, if any).
    pub restorable: bool,
}

/// Every quarantined copy, newest first.
pub async fn quarantined<S: Store>(data: &S) -> Result<Vec<Quarantined>, StoreError> {
    let mut out: Vec<Quarantined> = data
        .list(QUARANTINE)
        .await?
        .into_iter()
        .map(|(key, raw)| {
            let text = data_text(&raw).unwrap_or("");
            let parsed = Dataset::from_json(text).ok();
            let at = key[QUARANTINE.len()..].parse().unwrap_or(0);
            let origin = origin_of(&raw);
            Quarantined { at, origin, revision: parsed.as_ref().map(|d| d.revision), bytes: text.len(), restorable: parsed.is_some(), key }
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.at));
    Ok(out)
}

/// Why a copy could not be restored.
#[derive(Debug, Clone, PartialEq)]
pub enum RestoreError {
    /// It is gone (restored or deleted in another tab).
    Missing,
    /// Its text does not parse (every problem).
    Unreadable(Vec<Problem>),
    Store(StoreError),
}

/// Makes the quarantined copy `key` the current data, in one atomic
/// batch: the current record (if any) takes the copy's place in
/// quarantine under `quarantine/<now>`, so nothing is lost either way.
/// Returns what to show: the data, its new meta and its problems.
pub async fn restore<S: Store, M: Store>(
    data: &S,
    marker: &M,
    key: &str,
    now: u64,
) -> Result<(Dataset, Meta, Vec<Problem>), RestoreError> {
    let raw = data.get(key).await.map_err(RestoreError::Store)?.ok_or(RestoreError::Missing)?;
    let text = data_text(&raw).unwrap_or(&raw);
    let ds = Dataset::from_json(text).map_err(RestoreError::Unreadable)?;
    let origin = origin_of(&raw).unwrap_or(Origin::File(String::new()));
    let meta = Meta { origin, hash: content_hash(text), etag: None, updated_at: now, saved: true };
    let mut batch = Vec::with_capacity(3);
    if let Some(current) = data.get(CURRENT).await.map_err(RestoreError::Store)? {
        batch.push(Op::Put(format!("{QUARANTINE}{now}"), current));
    }
    batch.push(Op::delete(key));
    batch.push(Op::Put(CURRENT.to_string(), encode(&meta, text)));
    data.write(&batch).await.map_err(RestoreError::Store)?;
    let _ = marker.put(MARKER, &meta.hash).await;
    let problems = validate(&ds);
    Ok((ds, meta, problems))
}
