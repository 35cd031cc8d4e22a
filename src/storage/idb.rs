//! IndexedDB behind the [`Store`] trait: string keys and string values.
//!
//! # Schema (database `paix`, version 2)
//!
//! | object store | keys | holds | since |
//! |---|---|---|---|
//! | `kv` | any key not below the others | the programme data (`dataset/current`, `dataset/quarantine/<ms>`), settings | v1 |
//! | `records` | `records/<id>` | activity records (logging issue) | v2 |
//! | `drafts` | `drafts/<id>` | form drafts | v2 |
//! | `outbox` | `outbox/<id>` | records waiting to be sent (sync issue) | v2 |
//!
//! The first segment of a key picks its object store; `list(prefix)` reads
//! the store of the prefix's first segment, so a prefix names its store
//! (`records/`, not `rec`). Each version's changes are applied in order by
//! `upgrade` in `idb.js`, from whatever version the device holds; a test
//! opens a committed v1 database (`tests/fixtures/idb-v1.json`) and checks
//! that every v1 entry is still there after the upgrade.
//!
//! # Calls
//!
//! The IndexedDB calls are a small JavaScript module beside this file
//! (`idb.js`, bundled by wasm-bindgen as a snippet):
//! * one connection per database, kept open; when a newer version of the
//!   app (another tab) upgrades the database, `onversionchange` closes it
//!   and a `paix-db-versionchange` event tells the app, which asks for a
//!   reload; opening a database newer than this code gives
//!   [`StoreError::Newer`], an upgrade blocked by an old tab
//!   [`StoreError::Blocked`];
//! * every write is a batch ([`Store::write`]) in one transaction opened
//!   with `durability: "strict"` (the browser flushes to disk before
//!   reporting success), resolved only once committed: all or nothing;
//! * a failure rejects with the DOMException, whose name this side maps to
//!   a [`StoreError`].
//!
//! Why not a crate: measured on this app (release build, brotli -q 11, wasm
//! and JS glue), open, get, put, list and delete cost 17.6 KB through
//! `indexed_db_futures` 0.6, 16.2 KB through `rexie` 0.6, 10.3 KB through
//! `idb` 0.6 (which has no `durability` option), 4.3 KB through web-sys
//! bindings written by hand, and about 2.2 KB this way (snippet file and
//! its precache entry included).

use super::{Op, Store, StoreError};
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/storage/idb.js")]
extern "C" {
    #[wasm_bindgen(js_name = idbGetMany)]
    fn idb_get_many(db: &str, keys: &Array) -> Promise;
    #[wasm_bindgen(js_name = idbWrite)]
    fn idb_write(db: &str, ops: &Array) -> Promise;
    #[wasm_bindgen(js_name = idbList)]
    fn idb_list(db: &str, prefix: &str) -> Promise;
}

/// An IndexedDB database of the origin.
#[derive(Debug, Clone, Copy)]
pub struct IdbStore {
    db: &'static str,
}

impl IdbStore {
    /// The app's database, `paix`.
    pub const APP: IdbStore = IdbStore { db: "paix" };

    /// Another database with the same schema (tests).
    pub const fn named(db: &'static str) -> IdbStore {
        IdbStore { db }
    }
}

/// Waits for a call; a rejection becomes the matching [`StoreError`].
async fn wait(p: Promise) -> Result<JsValue, StoreError> {
    JsFuture::from(p).await.map_err(|e| {
        let name = Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string());
        match name.as_deref() {
            Some("QuotaExceededError") => StoreError::QuotaExceeded,
            Some("VersionError") => StoreError::Newer,
            Some("Blocked") => StoreError::Blocked,
            Some("ConstraintError") => StoreError::Exists(String::new()),
            Some("Changed") => StoreError::Changed(String::new()),
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
        Ok(self.get_many(&[key.to_string()]).await?.pop().flatten())
    }

    async fn get_many(&self, keys: &[String]) -> Result<Vec<Option<String>>, StoreError> {
        let values = Array::from(&wait(idb_get_many(self.db, &keys.iter().map(|k| JsValue::from_str(k)).collect())).await?);
        keys.iter().zip(values.iter()).map(|(k, v)| if v.is_undefined() { Ok(None) } else { text(k, v).map(Some) }).collect()
    }

    async fn put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(&[Op::put(key, value)]).await
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.write(&[Op::delete(key)]).await
    }

    async fn write(&self, batch: &[Op]) -> Result<(), StoreError> {
        let ops: Array = batch
            .iter()
            .map(|op| -> JsValue {
                match op {
                    Op::Put(k, v) => Array::of2(&k.into(), &v.into()).into(),
                    Op::Insert(k, v) => Array::of3(&k.into(), &v.into(), &JsValue::TRUE).into(),
                    Op::Delete(k) => Array::of2(&k.into(), &JsValue::NULL).into(),
                    Op::Swap { key, expected, value } => {
                        let v = value.as_deref().map_or(JsValue::NULL, JsValue::from_str);
                        let e = expected.as_deref().map_or(JsValue::NULL, JsValue::from_str);
                        Array::of4(&key.into(), &v, &"swap".into(), &e).into()
                    }
                }
            })
            .collect();
        wait(idb_write(self.db, &ops)).await.map(drop)
    }

    /// IndexedDB sorts keys by UTF-16 code units: the order of Rust strings
    /// except between characters above U+FFFF and U+E000–U+FFFF (none in our
    /// keys). The range ends at `prefix + U+FFFF`: a key with that
    /// noncharacter right after the prefix would be missed.
    async fn list(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let both = Array::from(&wait(idb_list(self.db, prefix)).await?);
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
