//! Browser tests (wasm-bindgen-test in headless Chromium): the browser
//! adapters and mounted components. Run by `make test-wasm`.
#![cfg(target_arch = "wasm32")]

use paix_base::model::refresh::{content_hash, Meta, Origin};
use paix_base::model::EMBEDDED_JSON;
use paix_base::storage::dataset_cache::{self, Loaded, CURRENT, MARKER, QUARANTINE};
use paix_base::storage::{contract, idb::IdbStore, local::LocalStore, MemoryStore, Store, StoreError};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod browser;
use browser::{document, mount_app_until, tick};

wasm_bindgen_test_configure!(run_in_browser);



#[wasm_bindgen_test]
async fn local_store_honours_the_store_contract() {
    contract::run(&LocalStore, "paix.test.contract/").await;
}

#[wasm_bindgen_test]
async fn local_store_reports_corrupt_values_without_wiping_them() {
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    raw.set_item("paix.test.corrupt", "{not json").unwrap();
    match LocalStore.get("paix.test.corrupt").await {
        Err(StoreError::Corrupt { raw: kept, .. }) => assert_eq!(kept, "{not json"),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert_eq!(raw.get_item("paix.test.corrupt").unwrap().as_deref(), Some("{not json"));
    raw.remove_item("paix.test.corrupt").unwrap();
}

#[wasm_bindgen_test]
async fn app_mounts_shows_its_name_and_switches_language() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(paix_base::ui::state::LANG_KEY).unwrap();

    let app = mount_app_until(".brand").await;
    let host = &app.host;

    let brand = host.query_selector(".brand").unwrap().expect("brand link");
    assert_eq!(brand.text_content().unwrap(), "Paix à la base");
    let nav = host.query_selector("nav").unwrap().unwrap().text_content().unwrap();
    assert!(nav.contains("Accueil"), "French by default: {nav}");
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("fr"));

    let switch: web_sys::HtmlElement =
        host.query_selector(".lang-switch").unwrap().unwrap().unchecked_into();
    switch.click();
    tick().await;

    let nav = host.query_selector("nav").unwrap().unwrap().text_content().unwrap();
    assert!(nav.contains("Home"), "English after the switch: {nav}");
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        LocalStore.get_now(paix_base::ui::state::LANG_KEY).unwrap().as_deref(),
        Some("en"),
        "the choice is stored"
    );

    drop(app);
    storage.remove_item(paix_base::ui::state::LANG_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn idb_store_honours_the_store_contract() {
    contract::run(&IdbStore::APP, "test/contract/").await;
}

/// Removes the stored data, its quarantine and the marker.
async fn clear_data() {
    for (key, _) in IdbStore::APP.list("dataset/").await.unwrap() {
        IdbStore::APP.delete(&key).await.unwrap();
    }
    LocalStore.delete(MARKER).await.unwrap();
}

#[wasm_bindgen_test]
async fn corrupt_stored_data_is_quarantined_and_the_embedded_data_stays() {
    clear_data().await;
    IdbStore::APP.put(CURRENT, "paix-data 1\tnot\ta record").await.unwrap();
    LocalStore.put(MARKER, "x").await.unwrap();
    let now = js_sys::Date::now() as u64;
    match dataset_cache::load(&IdbStore::APP, &LocalStore, now).await {
        Loaded::Corrupt { quarantine: Some(key), .. } => {
            assert!(key.starts_with(QUARANTINE));
            assert_eq!(IdbStore::APP.get(&key).await.unwrap().as_deref(), Some("paix-data 1\tnot\ta record"));
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert_eq!(IdbStore::APP.get(CURRENT).await.unwrap(), None);
    assert_eq!(LocalStore.get(MARKER).await.unwrap(), None, "no false eviction next time");

    // The app with a corrupt record: the embedded data and a warning, no crash.
    IdbStore::APP.put(CURRENT, "{garbage").await.unwrap();
    let app = mount_app_until(".banner.data-warning").await;
    let host = &app.host;
    let warning = host.query_selector(".banner.data-warning").unwrap().expect("warning shown");
    assert!(warning.text_content().unwrap().contains("illisibles"), "{:?}", warning.text_content());
    assert!(host.query_selector(".brand").unwrap().is_some());
    drop(app);
    clear_data().await;
}

#[wasm_bindgen_test]
async fn stored_data_replaces_the_embedded_data_after_start() {
    clear_data().await;
    let mut v: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).unwrap();
    v["projects"][0]["title"]["fr"] = "Titre enregistré".into();
    let text = serde_json::to_string(&v).unwrap();
    let meta = Meta { origin: Origin::File("d.json".into()), hash: content_hash(&text), etag: None, updated_at: 1, saved: true };
    dataset_cache::save(&IdbStore::APP, &LocalStore, &meta, &text, None).await.unwrap();
    let id = v["projects"][0]["id"].as_str().unwrap().to_string();
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("/projects/{id}")))
        .unwrap();
    let app = mount_app_until("main h1").await;
    let host = &app.host;
    let mut title = String::new();
    for _ in 0..100 {
        tick().await;
        title = host.query_selector("main h1").unwrap().and_then(|h| h.text_content()).unwrap_or_default();
        if title == "Titre enregistré" {
            break;
        }
    }
    assert_eq!(title, "Titre enregistré");
    assert!(host.query_selector(".banner.data-warning").unwrap().is_none());
    drop(app);
    clear_data().await;
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

#[wasm_bindgen_test]
async fn project_filters_follow_the_query_and_clear_resets_every_field() {
    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/projects?q=abc&region=ML05")).unwrap();
    let app = mount_app_until("#f-clear").await;
    let value = |id: &str| {
        js_sys::Reflect::get(&document().get_element_by_id(id).expect(id), &"value".into()).unwrap().as_string().unwrap()
    };
    assert_eq!(value("q"), "abc");
    assert_eq!(value("f-region"), "ML05");
    let clear: web_sys::HtmlElement = document().get_element_by_id("f-clear").unwrap().unchecked_into();
    assert!(!clear.has_attribute("disabled"));
    clear.click();
    for _ in 0..20 {
        tick().await;
    }
    assert_eq!(window.location().search().unwrap(), "");
    assert_eq!(value("q"), "");
    assert_eq!(value("f-region"), "", "the lists are drawn again");
    let clear = document().get_element_by_id("f-clear").unwrap();
    assert!(js_sys::Reflect::get(&clear, &"disabled".into()).unwrap().as_bool().unwrap(), "nothing left to clear");
    drop(app);
    history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

#[wasm_bindgen_test]
fn a_redraw_keeps_focus_what_was_typed_and_the_caret() {
    use paix_base::doc::{el, link, Node};
    use paix_base::ui::doc_view::render_into;
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let doc = |value: &str| -> Node {
        el("form")
            .child(el("input").attr("id", "t-url").attr("type", "text").attr("value", value))
            .child(link("/about", "À propos").attr("id", "t-link"))
            .into()
    };
    render_into(&host, &doc(""));
    let input: web_sys::HtmlInputElement = document().get_element_by_id("t-url").unwrap().unchecked_into();
    input.focus().unwrap();
    input.set_value("https://exemple.org/d.json");
    input.set_selection_range(8, 8).unwrap();
    render_into(&host, &doc(""));
    let input: web_sys::HtmlInputElement = document().get_element_by_id("t-url").unwrap().unchecked_into();
    assert_eq!(document().active_element().unwrap().id(), "t-url");
    assert_eq!(input.value(), "https://exemple.org/d.json", "typed text kept");
    assert_eq!(input.selection_start().unwrap(), Some(8), "caret kept");

    let a: web_sys::HtmlElement = document().get_element_by_id("t-link").unwrap().unchecked_into();
    a.focus().unwrap();
    render_into(&host, &doc("x"));
    assert_eq!(document().active_element().unwrap().id(), "t-link");
    let input: web_sys::HtmlInputElement = document().get_element_by_id("t-url").unwrap().unchecked_into();
    assert_eq!(input.value(), "x", "an unfocused field shows the document's value");
    host.remove();
}

// ------------------------------------------- IndexedDB schema (issue 9) ---

/// Runs `body` as an async JavaScript function of `name` and waits for it.
async fn js(name: &str, body: &str) -> wasm_bindgen::JsValue {
    let f = js_sys::Function::new_with_args("name", &format!("return (async () => {{ {body} }})();"));
    let p: js_sys::Promise = f.call1(&wasm_bindgen::JsValue::NULL, &name.into()).unwrap().unchecked_into();
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap()
}

const DELETE_DB: &str = "await new Promise((ok, fail) => { const r = indexedDB.deleteDatabase(name); r.onsuccess = ok; r.onerror = fail; r.onblocked = ok; });";

#[wasm_bindgen_test]
async fn idb_named_stores_honour_the_contract() {
    for prefix in ["records/contract/", "drafts/contract/", "outbox/contract/"] {
        contract::run(&IdbStore::APP, prefix).await;
    }
    // A batch across object stores is one transaction.
    use paix_base::storage::Op;
    IdbStore::APP.write(&[Op::put("records/r1", "R"), Op::put("outbox/r1", "O")]).await.unwrap();
    assert_eq!(IdbStore::APP.get("records/r1").await.unwrap().as_deref(), Some("R"));
    assert_eq!(IdbStore::APP.list("outbox/").await.unwrap(), vec![("outbox/r1".to_string(), "O".to_string())]);
    assert!(IdbStore::APP.list("records/r").await.unwrap().len() == 1 && IdbStore::APP.list("test/").await.unwrap().is_empty());
    IdbStore::APP.write(&[Op::delete("records/r1"), Op::delete("outbox/r1")]).await.unwrap();
}

#[wasm_bindgen_test]
async fn idb_batches_are_all_or_nothing() {
    let set = || {
        js_sys::Reflect::set(&js_sys::global(), &"paixIdbFault".into(), &"QuotaExceededError".into()).unwrap();
    };
    contract::run_failed_batch(&IdbStore::APP, "test/batch/", set, StoreError::QuotaExceeded).await;
    // Across object stores too.
    let set = || {
        js_sys::Reflect::set(&js_sys::global(), &"paixIdbFault".into(), &"UnknownError".into()).unwrap();
    };
    contract::run_failed_batch(&IdbStore::APP, "records/batch/", set, StoreError::Backend("UnknownError".into())).await;
}

#[wasm_bindgen_test]
async fn a_quota_error_on_save_leaves_the_stored_data_unchanged() {
    clear_data().await;
    let text = EMBEDDED_JSON.replace("\"revision\":1", "\"revision\":2");
    let meta = Meta { origin: Origin::File("a.json".into()), hash: content_hash(&text), etag: None, updated_at: 1, saved: true };
    dataset_cache::save(&IdbStore::APP, &LocalStore, &meta, &text, None).await.unwrap();
    let before = IdbStore::APP.get(CURRENT).await.unwrap();
    js_sys::Reflect::set(&js_sys::global(), &"paixIdbFault".into(), &"QuotaExceededError".into()).unwrap();
    let other = text.replace("Ségou", "Segou");
    let meta2 = Meta { hash: content_hash(&other), ..meta };
    assert_eq!(dataset_cache::save(&IdbStore::APP, &LocalStore, &meta2, &other, Some(&meta.hash)).await, Err(StoreError::QuotaExceeded));
    assert_eq!(IdbStore::APP.get(CURRENT).await.unwrap(), before);
    clear_data().await;
}

#[wasm_bindgen_test]
async fn a_v1_database_upgrades_without_losing_an_entry() {
    const DB: &str = "paix-upgrade-test";
    let fixture: serde_json::Value = serde_json::from_str(include_str!("fixtures/idb-v1.json")).unwrap();
    assert_eq!(fixture["version"], 1);
    let kv = fixture["stores"]["kv"].as_object().unwrap();
    // Build the v1 database as the v1 code did: version 1, one store `kv`.
    js(DB, DELETE_DB).await;
    let entries = serde_json::to_string(kv).unwrap();
    js(DB, &format!(
        "const db = await new Promise((ok, fail) => {{
            const r = indexedDB.open(name, 1);
            r.onupgradeneeded = () => r.result.createObjectStore('kv');
            r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error);
        }});
        const tx = db.transaction('kv', 'readwrite');
        for (const [k, v] of Object.entries({entries})) tx.objectStore('kv').put(v, k);
        await new Promise((ok) => tx.oncomplete = ok);
        db.close();"
    ))
    .await;

    let store = IdbStore::named(DB);
    for (key, value) in kv {
        assert_eq!(store.get(key).await.unwrap().as_deref(), value.as_str(), "{key} kept by the upgrade");
    }
    // The v1 record still loads as data.
    match dataset_cache::load(&store, &MemoryStore::new(), 1).await {
        Loaded::Stored { dataset, meta, problems } => {
            assert_eq!(dataset.projects[0].title.fr, "Titre stocké en v1");
            assert_eq!((dataset.revision, meta.etag.as_deref()), (3, Some("\"v1-etag\"")));
            assert!(problems.is_empty(), "{problems:?}");
        }
        other => panic!("expected Stored, got {other:?}"),
    }
    // The stores of version 2 exist.
    let version = js(DB, "const db = await new Promise((ok) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); });
        const out = [db.version, ...db.objectStoreNames]; db.close(); return out.join(',');").await;
    assert_eq!(version.as_string().as_deref(), Some("2,drafts,kv,outbox,records"));
    store.put("records/x", "1").await.unwrap();
    assert_eq!(store.list("records/").await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn a_newer_version_in_another_tab_closes_this_connection_and_is_named() {
    const DB: &str = "paix-versionchange-test";
    js(DB, DELETE_DB).await;
    let store = IdbStore::named(DB);
    store.put("k", "v").await.unwrap();
    let told = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = told.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || flag.set(true));
    let window = web_sys::window().unwrap();
    window.add_event_listener_with_callback("paix-db-versionchange", listener.as_ref().unchecked_ref()).unwrap();
    // « Another tab » opens version 3: not blocked, since this one lets go.
    let opened = js(DB, "return await new Promise((ok) => { const r = indexedDB.open(name, 3);
        r.onsuccess = () => { r.result.close(); ok('opened'); }; r.onblocked = () => ok('blocked'); });").await;
    assert_eq!(opened.as_string().as_deref(), Some("opened"));
    assert!(told.get(), "the app is told to reload");
    // This (older) code now meets a newer database: a clear error, not « private browsing ».
    assert_eq!(store.get("k").await, Err(StoreError::Newer));
    window.remove_event_listener_with_callback("paix-db-versionchange", listener.as_ref().unchecked_ref()).unwrap();
    js(DB, DELETE_DB).await;
}

// ------------------------------------------------ journal storage (issue 10) ---

const RECORD_V1: &str = include_str!("fixtures/record-v1.json");

/// Runs `f` with a journal (its signals need a reactive owner), after a
/// first read of the store.
async fn with_journal<F: std::future::Future<Output = ()>>(f: impl FnOnce(paix_base::ui::journal_store::Journal) -> F) {
    use leptos::prelude::*;
    let owner = Owner::new();
    // The app-wide states live in the app's root (`ui::root`), provided
    // first, as `App` does.
    let j = owner.with(|| {
        paix_base::ui::root::provide_root();
        paix_base::ui::journal_store::provide_journal()
    });
    paix_base::ui::journal_store::reload(j).await;
    f(j).await;
    drop(owner);
}

async fn clear_journal() {
    for prefix in ["records/", "drafts/", "quarantine/records/"] {
        for (key, _) in IdbStore::APP.list(prefix).await.unwrap() {
            IdbStore::APP.delete(&key).await.unwrap();
        }
    }
}

fn record(id: &str, title: &str) -> paix_base::journal::state::Stored {
    let mut a = paix_base::journal::Activity::from_json(RECORD_V1).unwrap();
    a.id = id.into();
    a.title = title.into();
    paix_base::journal::state::Stored::queued(a)
}

#[wasm_bindgen_test]
async fn a_record_round_trips_through_indexeddb_and_replaces_its_draft() {
    use paix_base::ui::journal_store::{save_draft, save_record};
    clear_journal().await;
    let s = record("3f6c1a52-9b0e-4d7a-8e21-5c4b9d0a7e13", "Aller-retour");
    with_journal(|j| {
        let s = s.clone();
        async move {
            let d = paix_base::journal::form::edit_of(&s.record, 1);
            save_draft(j, d).await.unwrap();
            assert_eq!(j.drafts.with_untracked(Vec::len), 1);
            save_record(j, s.clone()).await.unwrap();
            assert_eq!(j.drafts.with_untracked(Vec::len), 0, "the draft went with the same batch");
        }
    })
    .await;
    // A new reader finds exactly what was written.
    with_journal(|j| async move {
        assert_eq!(j.records.get_untracked(), vec![s]);
        assert!(j.drafts.get_untracked().is_empty());
    })
    .await;
    clear_journal().await;
}

#[wasm_bindgen_test]
async fn a_corrupt_entry_is_set_aside_and_the_others_load() {
    clear_journal().await;
    let good = record("11111111-2222-4333-8444-555555555555", "Bon");
    IdbStore::APP.put("records/11111111-2222-4333-8444-555555555555", &serde_json::to_string(&good).unwrap()).await.unwrap();
    IdbStore::APP.put("records/bad", "{\"record\": 42").await.unwrap();
    IdbStore::APP.put("drafts/bad", "not json").await.unwrap();
    with_journal(|j| {
        let good = good.clone();
        async move {
            assert_eq!(j.records.get_untracked(), vec![good]);
            let damaged: Vec<String> = j.damaged.with_untracked(|d| d.iter().map(|d| d.key.clone()).collect());
            assert_eq!(damaged.len(), 2, "{damaged:?}");
            assert!(j.damaged.with_untracked(|d| d.iter().any(|d| d.raw == "{\"record\": 42")), "kept raw");
        }
    })
    .await;
    assert_eq!(IdbStore::APP.get("records/bad").await.unwrap(), None, "moved, not copied");
    assert_eq!(IdbStore::APP.list("quarantine/records/").await.unwrap().len(), 2, "never dropped");
    clear_journal().await;
}

#[wasm_bindgen_test]
async fn a_quota_error_on_a_record_leaves_the_stored_set_unchanged() {
    use paix_base::ui::journal_store::{add_records, save_record};
    clear_journal().await;
    let first = record("11111111-2222-4333-8444-555555555555", "Premier");
    with_journal(|j| {
        let first = first.clone();
        async move {
            save_record(j, first.clone()).await.unwrap();
            let fault = || {
                js_sys::Reflect::set(&js_sys::global(), &"paixIdbFault".into(), &"QuotaExceededError".into()).unwrap();
            };
            fault();
            let second = record("22222222-2222-4333-8444-555555555555", "Second");
            assert_eq!(save_record(j, second.clone()).await, Err(StoreError::QuotaExceeded));
            fault();
            assert_eq!(add_records(j, vec![second, record("33333333-2222-4333-8444-555555555555", "Troisième")]).await, Err(StoreError::QuotaExceeded));
            assert_eq!(j.records.get_untracked(), vec![first.clone()], "memory follows storage");
        }
    })
    .await;
    assert_eq!(IdbStore::APP.list("records/").await.unwrap().len(), 1);
    clear_journal().await;
}

// ------------------------------------------------------- device lock (#14) ---

#[wasm_bindgen_test]
async fn webcrypto_lock_round_trip_wrong_pin_new_pin_and_off() {
    use paix_base::lock::params::{LockRecord, Secret};
    use paix_base::lock::{envelope, open_all, seal_all, SealedStore};
    use paix_base::storage::Op;
    use paix_base::ui::lock;
    assert!(lock::available(), "localhost is a secure context");
    let (record, cipher) = lock::create(Secret::Pin, "246810").await.expect("a new lock");
    assert_eq!(LockRecord::parse(&record.to_json()), Ok(record.clone()), "the record it writes passes its own checks");

    // Records sealed in IndexedDB: nothing plain, read back through the lock.
    let prefixes = ["records/lock/"];
    let store = SealedStore { inner: &IdbStore::APP, cipher: &cipher, prefixes: &prefixes };
    contract::run(&store, "records/lock/").await;
    store.write(&[Op::put("records/lock/a", "{\"title\":\"Médiation à Mopti\"}")]).await.unwrap();
    let raw = IdbStore::APP.get("records/lock/a").await.unwrap().unwrap();
    assert!(envelope::is_sealed(&raw) && !raw.contains("Mopti"), "{raw}");

    // A wrong PIN opens nothing; the right one opens the same data key.
    assert!(lock::unlock(&record, "135790").await.is_none(), "a wrong PIN fails cleanly");
    let again = lock::unlock(&record, "246810").await.expect("the right PIN");
    let store = SealedStore { inner: &IdbStore::APP, cipher: &again, prefixes: &prefixes };
    assert_eq!(store.get("records/lock/a").await.unwrap().as_deref(), Some("{\"title\":\"Médiation à Mopti\"}"));

    // A flipped byte fails cleanly: the stored text comes back as it is.
    let i = raw.len() - 3;
    let flipped = format!("{}{}{}", &raw[..i], if &raw[i..=i] == "A" { "B" } else { "A" }, &raw[i + 1..]);
    IdbStore::APP.put("records/lock/t", &flipped).await.unwrap();
    assert_eq!(store.get("records/lock/t").await.unwrap(), Some(flipped));
    IdbStore::APP.delete("records/lock/t").await.unwrap();

    // A new PIN (a passphrase now) re-seals the data key only: the record still opens.
    assert!(lock::rekey(&record, "000000", Secret::Passphrase, "le fleuve Niger à Mopti").await.is_none(), "the old PIN is asked");
    let next = lock::rekey(&record, "246810", Secret::Passphrase, "le fleuve Niger à Mopti").await.expect("rekeyed");
    assert_ne!(next.salt, record.salt);
    assert_eq!(IdbStore::APP.get("records/lock/a").await.unwrap(), Some(raw), "no record written");
    assert!(lock::unlock(&next, "246810").await.is_none());
    let third = lock::unlock(&next, "le fleuve Niger à Mopti").await.expect("the new passphrase");
    let store = SealedStore { inner: &IdbStore::APP, cipher: &third, prefixes: &prefixes };
    assert_eq!(store.get("records/lock/a").await.unwrap().as_deref(), Some("{\"title\":\"Médiation à Mopti\"}"));

    // Off: everything plain again; on again: sealed.
    IdbStore::APP.put("records/lock/b", "{\"plain\":1}").await.unwrap();
    assert_eq!(seal_all(&IdbStore::APP, &third, &prefixes).await, Ok(1));
    assert_eq!(open_all(&IdbStore::APP, &third, &prefixes).await, Ok(vec![]));
    assert_eq!(
        IdbStore::APP.list("records/lock/").await.unwrap(),
        vec![("records/lock/a".to_string(), "{\"title\":\"Médiation à Mopti\"}".to_string()), ("records/lock/b".to_string(), "{\"plain\":1}".to_string())]
    );
    IdbStore::APP.write(&[Op::delete("records/lock/a"), Op::delete("records/lock/b")]).await.unwrap();
}
