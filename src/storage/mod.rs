//! Storage behind one small async trait.
//!
//! * [`Store`] — the contract every store honours (get, put, delete, list by
//!   key prefix). It is async because the real record stores (IndexedDB,
//!   WebCrypto encryption) are async.
//! * [`MemoryStore`] — an in-memory store for host tests and as a fallback
//!   when the browser gives no storage at all.
//! * [`contract`] — the shared contract test every implementation runs.
//! * `local` (feature `ui`) — localStorage through gloo-storage, for small
//!   preferences only (≈5 M characters per origin, and every call blocks the
//!   main thread).
//! * `idb` (feature `ui`) — IndexedDB (database `paix`, object store `kv`),
//!   for the data: records, the programme data cache.
//! * [`dataset_cache`] — the programme data on the device: one record with
//!   its meta, quarantine of unreadable records, eviction marker.
//!
//! Key conventions: `/`-separated prefixes by kind, so `list(prefix)` reads
//! one kind: `dataset/current`, `dataset/quarantine/<ms>` in IndexedDB;
//! `paix.pref.*` and `paix.data.stored` (the eviction marker) in
//! localStorage; tests use `test/…` or `paix.test.…`.

pub mod contract;
pub mod dataset_cache;
mod memory;

#[cfg(feature = "ui")]
pub mod idb;
#[cfg(feature = "ui")]
pub mod local;

pub use memory::MemoryStore;

use std::fmt;

/// Why a store operation failed. Nothing here means "data was dropped":
/// a failed `put` leaves the previous value in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser gives no storage (private mode, disabled, host build).
    Unavailable(String),
    /// The origin's quota is full; the write did not happen.
    QuotaExceeded,
    /// A stored value could not be read back as what was asked for. The raw
    /// value is kept so it can be quarantined, never silently wiped.
    Corrupt { key: String, raw: String, reason: String },
    /// The database belongs to a newer version of the app (opened in
    /// another tab, or installed since): this tab must reload.
    Newer,
    /// An [`Op::Insert`] met a key that is there: the batch changed nothing.
    Exists(String),
    /// An [`Op::Swap`] found another value than it expected (another tab,
    /// the sync engine): the batch changed nothing.
    Changed(String),
    /// Another tab holds the database open at an older version and does not
    /// let it go, or the storage does not answer.
    Blocked,
    /// Any other failure reported by the backend.
    Backend(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(why) => write!(f, "storage unavailable: {why}"),
            StoreError::QuotaExceeded => write!(f, "storage quota exceeded"),
            StoreError::Corrupt { key, reason, .. } => {
                write!(f, "stored value for \"{key}\" is unreadable: {reason}")
            }
            StoreError::Newer => write!(f, "the database belongs to a newer version of the app"),
            StoreError::Blocked => write!(f, "the database is blocked by another tab"),
            StoreError::Exists(key) => write!(f, "\"{key}\" is already stored"),
            StoreError::Changed(key) => write!(f, "\"{key}\" changed meanwhile"),
            StoreError::Backend(why) => write!(f, "storage error: {why}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// One change of a [`Store::write`] batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Put(String, String),
    /// Put only if the key is absent; a present key fails the whole batch
    /// with [`StoreError::Exists`] (an import never overwrites).
    Insert(String, String),
    Delete(String),
    /// Compare and swap: the key must hold `expected` (`None`: absent), or
    /// the whole batch fails with [`StoreError::Changed`]; then it is set
    /// to `value` (`None`: deleted). Two writers that each read, decide and
    /// write (an edit and the sync engine) never undo each other.
    Swap { key: String, expected: Option<String>, value: Option<String> },
}

impl Op {
    pub fn put(key: impl Into<String>, value: impl Into<String>) -> Op {
        Op::Put(key.into(), value.into())
    }

    pub fn delete(key: impl Into<String>) -> Op {
        Op::Delete(key.into())
    }

    pub fn key(&self) -> &str {
        match self {
            Op::Put(k, _) | Op::Insert(k, _) | Op::Delete(k) | Op::Swap { key: k, .. } => k,
        }
    }
}

/// A key–value store with string keys and string (usually JSON) values.
///
/// Contract (checked by [`contract::run`]):
/// * `get` of a missing key is `Ok(None)`;
/// * `put` then `get` returns the value put; a second `put` replaces it;
/// * `delete` removes the key; deleting a missing key is not an error;
/// * `list(prefix)` returns every `(key, value)` whose key starts with
///   `prefix`, sorted by key, and nothing else;
/// * `get_many(keys)` is `get` of each key, in the keys' order;
/// * `write(batch)` applies every change of the batch, in order, or none of
///   them: a failed batch (quota, crash) leaves every key as it was. A
///   record and its outbox entry, or an import of many records, go through
///   one batch.
#[allow(async_fn_in_trait)] // single-threaded (wasm) use: no Send bound wanted
pub trait Store {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    async fn put(&self, key: &str, value: &str) -> Result<(), StoreError>;
    async fn delete(&self, key: &str) -> Result<(), StoreError>;
    async fn list(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError>;
    async fn write(&self, batch: &[Op]) -> Result<(), StoreError>;

    /// `get` of each key, in the keys' order. A store that can reads them
    /// in one go (IndexedDB: one transaction instead of one per key, which
    /// made the sync engine's reads of a batch of 200 cost 360 ms).
    async fn get_many(&self, keys: &[String]) -> Result<Vec<Option<String>>, StoreError> {
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            out.push(self.get(k).await?);
        }
        Ok(out)
    }

    /// Reads a JSON value. A value that does not parse is reported as
    /// [`StoreError::Corrupt`] with its raw text; it is not deleted.
    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, StoreError> {
        match self.get(key).await? {
            None => Ok(None),
            Some(raw) => match crate::json::from_str(&raw) {
                Ok(v) => Ok(Some(v)),
                Err(e) => Err(StoreError::Corrupt {
                    key: key.to_string(),
                    raw,
                    reason: e.to_string(),
                }),
            },
        }
    }

    /// Writes a value as JSON.
    async fn put_json<T: serde::Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let raw = serde_json::to_string(value).map_err(|e| StoreError::Backend(e.to_string()))?;
        self.put(key, &raw).await
    }
}
