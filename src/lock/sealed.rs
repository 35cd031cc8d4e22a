//! A [`Store`] that seals the values of chosen key prefixes before they
//! reach the store underneath, and opens them when read back.
//!
//! * A value that does not open (tampered, or sealed with another key) is
//!   returned as it is stored: it then fails to parse as a record and is
//!   set aside by the journal, never deleted.
//! * A plain value under a sealed prefix is read as plain (values written
//!   before the lock was turned on, until they are sealed).
//! * [`Op::Swap`] compares plaintexts: it reads the stored value, opens it
//!   and compares; the swap below is then made against that exact stored
//!   text, so a write by anyone in between still fails the whole batch with
//!   [`StoreError::Changed`]. (A sealed value changes with every write: a
//!   fresh IV.)

use crate::storage::{Op, Store, StoreError};

/// Seals and opens texts (WebCrypto AES-GCM in the app, a fake in tests).
#[allow(async_fn_in_trait)]
pub trait Cipher {
    /// The sealed text ([`super::envelope`]) of `plain`, with a fresh IV.
    async fn seal(&self, plain: &str) -> Result<String, StoreError>;
    /// The plaintext of a sealed text; `None` if it does not open.
    async fn open(&self, sealed: &str) -> Option<String>;
}

pub struct SealedStore<'a, S, C> {
    pub inner: &'a S,
    pub cipher: &'a C,
    /// Keys starting with one of these are sealed.
    pub prefixes: &'a [&'a str],
}

impl<S: Store, C: Cipher> SealedStore<'_, S, C> {
    fn sealed(&self, key: &str) -> bool {
        self.prefixes.iter().any(|p| key.starts_with(p))
    }

    async fn seal(&self, key: &str, value: &str) -> Result<String, StoreError> {
        if self.sealed(key) {
            self.cipher.seal(value).await
        } else {
            Ok(value.to_string())
        }
    }

    /// The plaintext of a stored value (itself when plain or unopenable).
    async fn open(&self, key: &str, stored: String) -> String {
        if self.sealed(key) && super::envelope::is_sealed(&stored) {
            self.cipher.open(&stored).await.unwrap_or(stored)
        } else {
            stored
        }
    }
}

impl<S: Store, C: Cipher> Store for SealedStore<'_, S, C> {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.get_many(&[key.to_string()]).await?.pop().flatten())
    }

    async fn get_many(&self, keys: &[String]) -> Result<Vec<Option<String>>, StoreError> {
        let mut out = Vec::with_capacity(keys.len());
        for (key, stored) in keys.iter().zip(self.inner.get_many(keys).await?) {
            out.push(match stored {
                Some(s) => Some(self.open(key, s).await),
                None => None,
            });
        }
        Ok(out)
    }

    async fn put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.inner.put(key, &self.seal(key, value).await?).await
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.inner.delete(key).await
    }

    async fn list(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut out = Vec::new();
        for (key, stored) in self.inner.list(prefix).await? {
            let plain = self.open(&key, stored).await;
            out.push((key, plain));
        }
        Ok(out)
    }

    async fn write(&self, batch: &[Op]) -> Result<(), StoreError> {
        let mut sealed = Vec::with_capacity(batch.len());
        for op in batch {
            sealed.push(match op {
                Op::Put(k, v) => Op::Put(k.clone(), self.seal(k, v).await?),
                Op::Insert(k, v) => Op::Insert(k.clone(), self.seal(k, v).await?),
                Op::Delete(k) => Op::Delete(k.clone()),
                // Not sealed: the store underneath compares the texts itself.
                Op::Swap { key, .. } if !self.sealed(key) => op.clone(),
                Op::Swap { key, expected, value } => {
                    let stored = self.inner.get(key).await?;
                    let plain = match stored.clone() {
                        Some(s) => Some(self.open(key, s).await),
                        None => None,
                    };
                    if plain != *expected {
                        return Err(StoreError::Changed(key.clone()));
                    }
                    let value = match value {
                        Some(v) => Some(self.seal(key, v).await?),
                        None => None,
                    };
                    Op::Swap { key: key.clone(), expected: stored, value }
                }
            });
        }
        self.inner.write(&sealed).await
    }
}

/// Seals every plain value under `prefixes` (the lock being turned on, or
/// values a reload left plain), one compare-and-swap batch per prefix: a
/// value changed meanwhile fails its batch, which is then tried again.
/// Returns how many values it sealed.
pub async fn seal_all<S: Store, C: Cipher>(inner: &S, cipher: &C, prefixes: &[&str]) -> Result<usize, StoreError> {
    let mut n = 0;
    for prefix in prefixes {
        for _ in 0..3 {
            let mut ops = Vec::new();
            for (key, stored) in inner.list(prefix).await? {
                if !super::envelope::is_sealed(&stored) {
                    let value = Some(cipher.seal(&stored).await?);
                    ops.push(Op::Swap { key, expected: Some(stored), value });
                }
            }
            match inner.write(&ops).await {
                Ok(()) => {
                    n += ops.len();
                    break;
                }
                Err(StoreError::Changed(_)) => continue,
                Err(e) => return Err(e),
            }
        }
    }
    Ok(n)
}

/// Opens every sealed value under `prefixes` back to plain (the lock being
/// turned off), as [`seal_all`] does the other way, then lists them again:
/// a value sealed meanwhile (the sync engine, another tab) is opened in the
/// next round. Returns the keys of the values that do not open (to be
/// reported, never dropped). After three rounds that still leave a sealed
/// value that opens, `Err(Changed)`: the caller must keep the lock on, or
/// that value would stay sealed with a key nothing describes any more.
pub async fn open_all<S: Store, C: Cipher>(inner: &S, cipher: &C, prefixes: &[&str]) -> Result<Vec<String>, StoreError> {
    for _ in 0..3 {
        let (mut unopened, mut changed) = (Vec::new(), false);
        for prefix in prefixes {
            let mut ops = Vec::new();
            for (key, stored) in inner.list(prefix).await? {
                if !super::envelope::is_sealed(&stored) {
                    continue;
                }
                match cipher.open(&stored).await {
                    Some(plain) => ops.push(Op::Swap { key, expected: Some(stored), value: Some(plain) }),
                    None => unopened.push(key),
                }
            }
            match inner.write(&ops).await {
                Ok(()) => {}
                Err(StoreError::Changed(_)) => changed = true,
                Err(e) => return Err(e),
            }
        }
        let mut left = Vec::new();
        for prefix in prefixes {
            left.extend(inner.list(prefix).await?.into_iter().filter(|(_, v)| super::envelope::is_sealed(v)).map(|(k, _)| k));
        }
        if !changed && left == unopened {
            return Ok(unopened);
        }
    }
    Err(StoreError::Changed("sealed values written meanwhile".into()))
}
