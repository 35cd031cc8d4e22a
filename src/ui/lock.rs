//! WebCrypto behind [`Cipher`]: the thin browser half of the device lock
//! (the pure half is [`crate::lock`]). AES-GCM with a 256-bit data key; the
//! key derived from the PIN or passphrase by PBKDF2-SHA-256 seals that data
//! key, never the records, so a new PIN re-seals one key and no record.
//! The JavaScript beside it (`lock.js`) moves bytes only.

use crate::lock::envelope;
use crate::lock::params::{LockRecord, Secret};
use crate::lock::Cipher;
use crate::storage::StoreError;
use crate::ui::js_message;
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/ui/lock.js")]
extern "C" {
    #[wasm_bindgen(js_name = available)]
    fn js_available() -> bool;
    #[wasm_bindgen(js_name = random)]
    fn js_random(n: u32) -> String;
    #[wasm_bindgen(js_name = derive)]
    fn js_derive(secret: &str, salt: &str, iterations: u32) -> Promise;
    #[wasm_bindgen(js_name = importKey)]
    fn js_import_key(raw: &str) -> Promise;
    #[wasm_bindgen(js_name = seal)]
    fn js_seal(key: &JsValue, text: &str) -> Promise;
    #[wasm_bindgen(js_name = open)]
    fn js_open(key: &JsValue, iv: &str, data: &str) -> Promise;
}

/// Whether WebCrypto is there (a secure context: HTTPS or this device).
pub fn available() -> bool {
    js_available()
}

/// An AES-GCM key held by the browser (not extractable).
#[derive(Clone)]
pub struct WebCipher {
    key: JsValue,
}

impl WebCipher {
    /// No key: for a [`crate::lock::SealedStore`] that seals no prefix.
    pub fn none() -> WebCipher {
        WebCipher { key: JsValue::UNDEFINED }
    }
}

impl Cipher for WebCipher {
    async fn seal(&self, plain: &str) -> Result<String, StoreError> {
        let out = JsFuture::from(js_seal(&self.key, plain)).await.map_err(|e| StoreError::Backend(js_message(&e)))?;
        let parts = Array::from(&out);
        match (parts.get(0).as_string(), parts.get(1).as_string()) {
            (Some(iv), Some(data)) => Ok(envelope::format(&iv, &data)),
            _ => Err(StoreError::Backend("seal".into())),
        }
    }

    async fn open(&self, sealed: &str) -> Option<String> {
        let e = envelope::parse(sealed).ok()?;
        JsFuture::from(js_open(&self.key, e.iv, e.data)).await.ok()?.as_string()
    }
}

async fn key(p: Promise) -> Option<WebCipher> {
    JsFuture::from(p).await.ok().map(|key| WebCipher { key })
}

/// The cipher of the key derived from `secret` with the record's salt and
/// work factor (slow on purpose: about 600,000 hashes).
async fn derived(record: &LockRecord, secret: &str) -> Option<WebCipher> {
    key(js_derive(secret, &record.salt, record.iterations)).await
}

/// A new lock for `secret`: its record (a fresh salt, a fresh data key
/// sealed with the derived key) and the data key's cipher.
pub async fn create(kind: Secret, secret: &str) -> Option<(LockRecord, WebCipher)> {
    let raw = js_random(32);
    let mut record = LockRecord::new(kind, js_random(16), String::new());
    let kek = derived(&record, secret).await?;
    record.key = kek.seal(&raw).await.ok()?;
    let data = key(js_import_key(&raw)).await?;
    Some((record, data))
}

/// The data key's cipher, when `secret` is right; `None` otherwise (the
/// sealed data key does not open).
pub async fn unlock(record: &LockRecord, secret: &str) -> Option<WebCipher> {
    let raw = derived(record, secret).await?.open(&record.key).await?;
    key(js_import_key(&raw)).await
}

/// The record with the same data key sealed for a new secret (a fresh
/// salt), when `old` is right: no record is sealed again.
pub async fn rekey(record: &LockRecord, old: &str, kind: Secret, new: &str) -> Option<LockRecord> {
    let raw = derived(record, old).await?.open(&record.key).await?;
    let mut next = LockRecord { secret: kind, salt: js_random(16), ..record.clone() };
    next.key = derived(&next, new).await?.seal(&raw).await.ok()?;
    Some(next)
}
