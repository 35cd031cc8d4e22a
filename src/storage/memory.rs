use super::{Op, Store, StoreError};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// An in-memory [`Store`]: a sorted map behind a `RefCell`.
///
/// `with_quota(n)` makes it refuse writes past `n` bytes of keys and values,
/// so quota handling can be tested on the host.
#[derive(Debug, Default)]
pub struct MemoryStore {
    map: RefCell<BTreeMap<String, String>>,
    quota: Option<usize>,
    fault: RefCell<Option<StoreError>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_quota(bytes: usize) -> Self {
        Self { quota: Some(bytes), ..Self::default() }
    }

    /// Makes the next write fail with this error, changing nothing (a
    /// simulated backend fault: a full disk, a crash mid-write).
    pub fn fail_next_write(&self, error: StoreError) {
        *self.fault.borrow_mut() = Some(error);
    }
}

impl Store for MemoryStore {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.map.borrow().get(key).cloned())
    }

    async fn put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(&[Op::put(key, value)]).await
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.write(&[Op::delete(key)]).await
    }

    async fn list(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self
            .map
            .borrow()
            .range(prefix.to_string()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }

    /// Applies the batch to a copy and swaps it in only if the copy fits
    /// the quota: all or nothing.
    async fn write(&self, batch: &[Op]) -> Result<(), StoreError> {
        if let Some(e) = self.fault.borrow_mut().take() {
            return Err(e);
        }
        let mut next = self.map.borrow().clone();
        for op in batch {
            match op {
                Op::Put(k, v) => next.insert(k.clone(), v.clone()),
                Op::Insert(k, _) if next.contains_key(k) => return Err(StoreError::Exists(k.clone())),
                Op::Insert(k, v) => next.insert(k.clone(), v.clone()),
                Op::Delete(k) => next.remove(k),
                Op::Swap { key, expected, .. } if next.get(key) != expected.as_ref() => return Err(StoreError::Changed(key.clone())),
                Op::Swap { key, value: Some(v), .. } => next.insert(key.clone(), v.clone()),
                Op::Swap { key, value: None, .. } => next.remove(key),
            };
        }
        if let Some(quota) = self.quota {
            if next.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        *self.map.borrow_mut() = next;
        Ok(())
    }
}
