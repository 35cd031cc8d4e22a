//! The in-memory store honours the `Store` contract (host).
use paix_base::storage::{contract, MemoryStore, Store, StoreError};

#[test]
fn memory_store_honours_the_contract() {
    pollster::block_on(contract::run(&MemoryStore::new(), "test/"));
}

#[test]
fn memory_store_refuses_writes_past_quota_and_keeps_old_value() {
    pollster::block_on(async {
        let s = MemoryStore::with_quota(20);
        s.put("k", "small").await.unwrap();
        assert_eq!(s.put("k", &"x".repeat(50)).await, Err(StoreError::QuotaExceeded));
        assert_eq!(s.get("k").await.unwrap().as_deref(), Some("small"));
    });
}
