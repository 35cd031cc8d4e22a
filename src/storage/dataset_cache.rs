//! The programme data kept on the device (pure: any [`Store`]).
//!
//! Layout in the data store (IndexedDB in the browser):
//! * `dataset/current` — one record: the [`Meta`] as one line (see
//!   [`encode`]), a newline, then the data's JSON text exactly as received. Data and meta
//!   are written in one `put` (one transaction), so a crash can never leave
//!   a meta describing other data; on load the text's hash is checked
//!   against the meta anyway (storage damage).
//! * `dataset/quarantine/<ms>` — a record that could not be read back
//!   (envelope, hash, JSON or validation), kept as it was, never wiped.
//!
//! In the marker store (localStorage): [`MARKER`] holds the hash of the
//! stored data, written after it. Marker present and data absent means the
//! browser dropped the data store ([`Loaded::Evicted`]).
//! Browsers usually evict a whole origin at once (marker included), so this
//! catches a lost or reset database, not every eviction: persistent storage
//! and installing the app are the real protection.

use super::{Store, StoreError};
use crate::model::refresh::{content_hash, Meta, Origin};
use crate::model::{Dataset, Problem};

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
    (content_hash(text) == hash).then_some((Meta { origin, hash, etag, updated_at }, text))
}

/// What was found on start.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored: the embedded data stays.
    Nothing,
    /// The stored data, checked and valid.
    Stored { dataset: Box<Dataset>, meta: Meta },
    /// The stored record was unreadable or invalid; it was moved to
    /// `quarantine` (`None` if even that failed and it stayed in place).
    /// `problems`: the validation problems, when it got that far.
    Corrupt { quarantine: Option<String>, problems: Vec<Problem> },
    /// The marker says data was stored; it is gone.
    Evicted,
    /// The data store cannot be used (private mode, blocked…).
    Unavailable(StoreError),
}

/// Reads the stored data. Never deletes data without keeping a copy: a bad
/// record is copied under [`QUARANTINE`] before `dataset/current` is cleared.
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
        Some((meta, text)) => match Dataset::from_json_validated(text) {
            Ok(ds) => {
                if !marked {
                    let _ = marker.put(MARKER, &meta.hash).await;
                }
                return Loaded::Stored { dataset: Box::new(ds), meta };
            }
            Err(problems) => problems,
        },
    };
    let key = format!("{QUARANTINE}{now}");
    let quarantine = match data.put(&key, &raw).await {
        Ok(()) => {
            // Marker first: a crash before the delete finds the bad record
            // again (and quarantines it again), never a false eviction.
            let _ = marker.delete(MARKER).await;
            let _ = data.delete(CURRENT).await;
            Some(key)
        }
        Err(_) => None,
    };
    Loaded::Corrupt { quarantine, problems }
}

/// Stores data and meta (one record), then the marker.
pub async fn save<S: Store, M: Store>(data: &S, marker: &M, meta: &Meta, text: &str) -> Result<(), StoreError> {
    data.put(CURRENT, &encode(meta, text)).await?;
    // A lost marker only weakens eviction detection.
    let _ = marker.put(MARKER, &meta.hash).await;
    Ok(())
}
