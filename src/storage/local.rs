//! localStorage: small preferences only.
//!
//! Values are kept in gloo-storage's encoding (a stored string is a JSON
//! string), written and read by the app's own JSON writer and reader
//! (`model::write`, `model::read`) rather than gloo's `get` and `set`: those
//! go through serde_json, whose parser was then the only one left in the
//! wasm (with the JSON reader's own error type and float parsing, 5 KB of
//! brotli wasm). Preferences stored by earlier versions read the same; gloo
//! still removes a key. A value that does not decode is reported as
//! [`StoreError::Corrupt`] with its raw text and left in place. A full quota
//! surfaces as [`StoreError::QuotaExceeded`] and the old value stays.
//!
//! localStorage has no transactions: [`Store::write`] keeps the old values
//! of the batch's keys and puts them back when a change fails, so a failed
//! batch leaves the keys as they were unless the browser dies mid-batch.
//! Anything that must survive that (records, their outbox) goes to
//! IndexedDB, whose batches are real transactions.

use super::{Op, Store, StoreError};
use gloo_storage::{LocalStorage, Storage};

/// The origin's localStorage. Every call checks that the browser gives one
/// (private modes and disabled storage give none: gloo's `raw()` would panic).
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalStore;

fn available() -> Result<web_sys::Storage, StoreError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| StoreError::Unavailable("localStorage".into()))
}

/// A refusal of the browser's storage: a full quota, or anything else.
fn js_fail(e: wasm_bindgen::JsValue) -> StoreError {
    use wasm_bindgen::JsCast;
    let e: js_sys::Error = e.unchecked_into();
    let name = String::from(e.name());
    match name.as_str() {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        _ => StoreError::Backend(format!("{name}: {}", String::from(e.message()))),
    }
}

impl LocalStore {
    /// Synchronous read, for the few preferences the first paint needs
    /// (the language). localStorage is synchronous underneath anyway.
    pub fn get_now(&self, key: &str) -> Result<Option<String>, StoreError> {
        let raw = available()?;
        match raw.get_item(key) {
            Ok(Some(text)) => match crate::model::read::read::<String>(&text) {
                Ok(v) => Ok(Some(v)),
                Err(e) => Err(StoreError::Corrupt { key: key.to_string(), raw: text, reason: e.to_string() }),
            },
            Ok(None) => Ok(None),
            Err(e) => Err(js_fail(e)),
        }
    }

    pub fn put_now(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let raw = available()?;
        let mut text = String::with_capacity(value.len() + 2);
        crate::model::write::string(value, &mut text);
        raw.set_item(key, &text).map_err(js_fail)
    }

    pub fn delete_now(&self, key: &str) -> Result<(), StoreError> {
        available()?;
        LocalStorage::delete(key);
        Ok(())
    }
}

impl Store for LocalStore {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.get_now(key)
    }

    async fn put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.put_now(key, value)
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.delete_now(key)
    }

    async fn list(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let raw = available()?;
        let len = raw.length().map_err(|_| StoreError::Backend("length".into()))?;
        let mut keys: Vec<String> = (0..len)
            .filter_map(|i| raw.key(i).ok().flatten())
            .filter(|k| k.starts_with(prefix))
            .collect();
        keys.sort();
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            if let Some(v) = self.get_now(&key)? {
                out.push((key, v));
            }
        }
        Ok(out)
    }

    async fn write(&self, batch: &[Op]) -> Result<(), StoreError> {
        let raw = available()?;
        let mut before: Vec<(&str, Option<String>)> = Vec::with_capacity(batch.len());
        for op in batch {
            let key = op.key();
            before.push((key, raw.get_item(key).ok().flatten()));
            let done = match op {
                Op::Put(k, v) => self.put_now(k, v),
                Op::Insert(k, _) if before.last().is_some_and(|(_, old)| old.is_some()) => Err(StoreError::Exists(k.clone())),
                Op::Insert(k, v) => self.put_now(k, v),
                Op::Delete(k) => raw.remove_item(k).map_err(|_| StoreError::Backend("removeItem".into())),
                // Values are kept JSON-encoded by gloo-storage: compare decoded.
                Op::Swap { key, expected, .. } if self.get_now(key).ok().flatten() != *expected => Err(StoreError::Changed(key.clone())),
                Op::Swap { key, value: Some(v), .. } => self.put_now(key, v),
                Op::Swap { key, value: None, .. } => raw.remove_item(key).map_err(|_| StoreError::Backend("removeItem".into())),
            };
            if let Err(e) = done {
                // Undo in reverse order; a key set twice ends at its first value.
                for (key, old) in before.into_iter().rev() {
                    let _ = match old {
                        Some(v) => raw.set_item(key, &v),
                        None => raw.remove_item(key),
                    };
                }
                return Err(e);
            }
        }
        Ok(())
    }
}
