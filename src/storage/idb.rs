//! IndexedDB behind the [`Store`] trait: database `paix` (version 1), one
//! object store `kv`, string keys and string values. Keys follow the prefix
//! conventions of [`crate::storage`] (`dataset/current`,
//! `dataset/quarantine/<ms>`…).
//!
//! The IndexedDB calls are a 40-line JavaScript module beside this file
//! (`idb.js`, bundled by wasm-bindgen as a snippet): one transaction per
//! call, on a connection closed after it (a future version upgrade is never
//! blocked); writes opened with `durability: "strict"` (the browser flushes
//! to disk before reporting success; browsers without the option ignore it)
//! and resolved only once committed; a failure rejects with the
//! DOMException, whose name this side maps to a [`StoreError`].
//!
//! Why not a crate: measured on this app (release build, brotli -q 11, wasm
//! and JS glue), open, get, put, list and delete cost 17.6 KB through
//! `indexed_db_futures` 0.6, 16.2 KB through `rexie` 0.6, 10.3 KB through
//! `idb` 0.6 (which has no `durability` option), 4.3 KB through web-sys
//! bindings written by hand, and about 2.2 KB this way (snippet file and
//! its precache entry included), against a 200 KB first-visit budget.

use super::{Store, StoreError};
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/storage/idb.js")]
extern "C" {
    #[wasm_bindgen(js_name = idbGet)]
    fn idb_get(key: &str) -> Promise;
    #[wasm_bindgen(js_name = idbPut)]
    fn idb_put(key: &str, value: &str) -> Promise;
    #[wasm_bindgen(js_name = idbDelete)]
    fn idb_delete(key: &str) -> Promise;
    #[wasm_bindgen(js_name = idbList)]
    fn idb_list(prefix: &str) -> Promise;
}

/// The origin's IndexedDB store `paix/kv`.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdbStore;

/// Waits for a call; a rejection becomes the matching [`StoreError`].
async fn wait(p: Promise) -> Result<JsValue, StoreError> {
    JsFuture::from(p).await.map_err(|e| {
        let name = Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string());
        match name.as_deref() {
            Some("QuotaExceededError") => StoreError::QuotaExceeded,
            // No indexedDB at all (old or locked-down browsers).
            Some("ReferenceError") | Some("TypeError") => StoreError::Unavailable("IndexedDB".into()),
            Some(n) => StoreError::Backend(n.to_string()),
            None => StoreError::Backend("IndexedDB".into()),
        }
    })
}

fn text(key: &str, v: JsValue) -> Result<String, StoreError> {
    v.as_string().ok_or_else(|| StoreError::Corrupt {
        key: key.to_string(),
        raw: String::new(),
        reason: "not a string".into(),
    })
}

impl Store for IdbStore {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let v = wait(idb_get(key)).await?;
        if v.is_undefined() {
            Ok(None)
        } else {
            text(key, v).map(Some)
        }
    }

    async fn put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        wait(idb_put(key, value)).await.map(drop)
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        wait(idb_delete(key)).await.map(drop)
    }

    /// IndexedDB sorts keys by UTF-16 code units: the order of Rust strings
    /// except between characters above U+FFFF and U+E000–U+FFFF (none in our
    /// keys). The range ends at `prefix + U+FFFF`: a key with that
    /// noncharacter right after the prefix would be missed.
    async fn list(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let both = Array::from(&wait(idb_list(prefix)).await?);
        let (keys, values) = (Array::from(&both.get(0)), Array::from(&both.get(1)));
        keys.iter()
            .zip(values.iter())
            .map(|(k, v)| {
                let k = k.as_string().unwrap_or_default();
                text(&k, v).map(|v| (k, v))
            })
            .collect()
    }
}
