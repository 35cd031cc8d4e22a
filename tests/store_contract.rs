//! The in-memory store honours the `Store` contract (host).
use paix_base::storage::{contract, MemoryStore, Op, Store, StoreError};

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

#[test]
fn memory_store_batches_are_all_or_nothing() {
    let s = MemoryStore::new();
    pollster::block_on(contract::run_failed_batch(
        &s,
        "test/",
        || s.fail_next_write(StoreError::Backend("disk".into())),
        StoreError::Backend("disk".into()),
    ));
    // A batch over the quota is refused whole, though its first put alone would fit.
    let s = MemoryStore::with_quota(30);
    pollster::block_on(async {
        s.put("a", "1").await.unwrap();
        let big = "x".repeat(30);
        let batch = [Op::put("b", "2"), Op::put("c", big.as_str())];
        assert_eq!(s.write(&batch).await, Err(StoreError::QuotaExceeded));
        assert_eq!(s.list("").await.unwrap(), vec![("a".to_string(), "1".to_string())]);
    });
}
