//! The contract every [`Store`] honours, as one async function that panics
//! with a clear message on the first breach. Host tests run it on
//! [`super::MemoryStore`]; browser tests run it on the browser stores.
//!
//! It uses keys under `prefix` only and deletes them when done, so it can run
//! against a real browser store without touching other data.

use super::{Op, Store, StoreError};

pub async fn run<S: Store>(store: &S, prefix: &str) {
    let k = |s: &str| format!("{prefix}{s}");

    // Start clean (a previous failed run may have left keys).
    for (key, _) in store.list(prefix).await.expect("list works") {
        store.delete(&key).await.expect("delete works");
    }

    assert_eq!(store.get(&k("missing")).await, Ok(None), "a missing key reads as None");

    store.put(&k("a"), "1").await.expect("put a");
    assert_eq!(store.get(&k("a")).await, Ok(Some("1".into())), "put then get");

    store.put(&k("a"), "2").await.expect("put a again");
    assert_eq!(store.get(&k("a")).await, Ok(Some("2".into())), "a second put replaces");

    let text = "Ségou — « paix » 🕊️ \"quoted\" \n newline";
    store.put(&k("unicode"), text).await.expect("put unicode");
    assert_eq!(store.get(&k("unicode")).await, Ok(Some(text.into())), "unicode survives");

    store.put(&k("empty"), "").await.expect("put empty");
    assert_eq!(store.get(&k("empty")).await, Ok(Some(String::new())), "empty is not missing");

    store.put(&k("list/2"), "b").await.expect("put list/2");
    store.put(&k("list/1"), "a").await.expect("put list/1");
    store.put(&k("listx"), "x").await.expect("put listx");
    let listed = store.list(&k("list/")).await.expect("list");
    assert_eq!(
        listed,
        vec![(k("list/1"), "a".to_string()), (k("list/2"), "b".to_string())],
        "list returns exactly the prefixed keys, sorted"
    );

    let keys = [k("list/2"), k("nothing"), k("empty"), k("list/1")];
    assert_eq!(
        store.get_many(&keys).await,
        Ok(vec![Some("b".into()), None, Some(String::new()), Some("a".into())]),
        "get_many reads each key, in the keys' order, None where absent"
    );
    assert_eq!(store.get_many(&[]).await, Ok(vec![]), "get_many of no keys");

    store.delete(&k("a")).await.expect("delete a");
    assert_eq!(store.get(&k("a")).await, Ok(None), "delete removes");
    store.delete(&k("never-there")).await.expect("deleting a missing key is fine");

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Pref {
        lang: String,
        n: u32,
    }
    let p = Pref { lang: "fr".into(), n: 3 };
    store.put_json(&k("json"), &p).await.expect("put_json");
    assert_eq!(store.get_json::<Pref>(&k("json")).await, Ok(Some(p)), "json round trip");

    store.put(&k("bad"), "{not json").await.expect("put raw");
    match store.get_json::<Pref>(&k("bad")).await {
        Err(StoreError::Corrupt { raw, .. }) => assert_eq!(raw, "{not json", "raw value kept"),
        other => panic!("a corrupt value must be reported with its raw text, got {other:?}"),
    }
    assert_eq!(
        store.get(&k("bad")).await,
        Ok(Some("{not json".into())),
        "a corrupt value is never wiped by reading it"
    );

    // A batch: every change, in order (a key written twice ends with the
    // last value; a delete after a put removes it).
    store.put(&k("batch/old"), "old").await.expect("put batch/old");
    store
        .write(&[
            Op::put(k("batch/1"), "one"),
            Op::put(k("batch/2"), "two"),
            Op::put(k("batch/2"), "two again"),
            Op::put(k("batch/3"), "three"),
            Op::delete(k("batch/3")),
            Op::delete(k("batch/old")),
        ])
        .await
        .expect("batch write");
    assert_eq!(
        store.list(&k("batch/")).await.expect("list batch"),
        vec![(k("batch/1"), "one".to_string()), (k("batch/2"), "two again".to_string())],
        "a batch applies every change in order"
    );
    store.write(&[]).await.expect("an empty batch is fine");

    // An insert puts a new key, and fails the whole batch on a present one.
    store.write(&[Op::Insert(k("batch/3"), "three".into())]).await.expect("insert a new key");
    let before = store.list(&k("batch/")).await.expect("list batch");
    let refused = store.write(&[Op::put(k("batch/4"), "four"), Op::Insert(k("batch/1"), "overwritten?".into())]).await;
    assert!(matches!(refused, Err(StoreError::Exists(_))), "an insert over a present key is refused: {refused:?}");
    assert_eq!(store.list(&k("batch/")).await.expect("list batch"), before, "and the batch changed nothing");

    // A swap writes only over the value it expects (absent: None), and a
    // swap that finds another value fails the whole batch.
    let swap = |key: &str, expected: Option<&str>, value: Option<&str>| Op::Swap {
        key: k(key),
        expected: expected.map(str::to_string),
        value: value.map(str::to_string),
    };
    store.write(&[swap("batch/1", Some("one"), Some("uno"))]).await.expect("swap over the expected value");
    store.write(&[swap("batch/5", None, Some("five"))]).await.expect("swap over an absent key");
    let before = store.list(&k("batch/")).await.expect("list batch");
    let refused = store.write(&[Op::put(k("batch/6"), "six"), swap("batch/1", Some("one"), Some("again"))]).await;
    assert!(matches!(refused, Err(StoreError::Changed(_))), "a swap over another value is refused: {refused:?}");
    let refused = store.write(&[swap("batch/5", None, Some("cinq"))]).await;
    assert!(matches!(refused, Err(StoreError::Changed(_))), "a swap expecting nothing finds a value: {refused:?}");
    assert_eq!(store.list(&k("batch/")).await.expect("list batch"), before, "and the batches changed nothing");
    store.write(&[swap("batch/5", Some("five"), None)]).await.expect("a swap deletes");
    assert_eq!(store.get(&k("batch/5")).await.expect("get"), None);

    for (key, _) in store.list(prefix).await.expect("list works") {
        store.delete(&key).await.expect("delete works");
    }
    assert!(store.list(prefix).await.expect("list").is_empty(), "cleanup");
}

/// All or nothing: `fail` makes the store's next write fail (a quota, a
/// fault injected by the test); the batch then changes nothing, and the
/// error is reported as `expected`.
pub async fn run_failed_batch<S: Store>(store: &S, prefix: &str, fail: impl FnOnce(), expected: StoreError) {
    let k = |s: &str| format!("{prefix}{s}");
    store.put(&k("a"), "kept").await.expect("put a");
    store.put(&k("b"), "kept too").await.expect("put b");
    let before = store.list(prefix).await.expect("list");
    fail();
    let result = store
        .write(&[Op::put(k("a"), "changed"), Op::delete(k("b")), Op::put(k("c"), "new")])
        .await;
    assert_eq!(result, Err(expected), "the failed batch reports its error");
    assert_eq!(store.list(prefix).await.expect("list"), before, "a failed batch changes nothing");
    for (key, _) in before {
        store.delete(&key).await.expect("delete works");
    }
}
