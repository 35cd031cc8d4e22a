//! The programme data cache on the host: the refresh decision (pure), the
//! stored record and its checks (on the in-memory store), and what the
//! Settings page and the data notice show.
use paix_base::components::data_status::{self, notice};
use paix_base::status::{DataWarning, Status, StorageInfo};
use paix_base::doc::Node;
use paix_base::i18n::Lang;
use paix_base::model::refresh::{
    after_fetch, after_import, content_hash, if_none_match, Failure, Fetched, Meta, Origin, Outcome,
};
use paix_base::model::{Dataset, ProblemKind, EMBEDDED_JSON};
use paix_base::ctx::Ctx;
use paix_base::pages::settings;
use paix_base::storage::dataset_cache::{decode, encode, load, save, Loaded, CURRENT, MARKER, QUARANTINE};
use paix_base::storage::{MemoryStore, Store, StoreError};
use serde_json::Value;

const URL: &str = "https://data.example.org/paix.json";
const NOW: u64 = 1_764_417_600_000;

fn embedded_value() -> Value {
    serde_json::from_str(EMBEDDED_JSON).unwrap()
}

/// The embedded data with the first project's French title changed.
fn modified() -> String {
    let mut v = embedded_value();
    v["projects"][0]["title"]["fr"] = "Titre mis à jour".into();
    v["revision"] = 2.into();
    serde_json::to_string(&v).unwrap()
}

/// The embedded data with two problems: a duplicate project id and a
/// negative count.
fn invalid() -> String {
    let mut v = embedded_value();
    let first = v["projects"][0]["id"].clone();
    v["projects"][1]["id"] = first;
    v["projects"][0]["results"][0]["achieved"]["total"] = (-5).into();
    serde_json::to_string(&v).unwrap()
}

fn url_meta(text: &str, etag: Option<&str>) -> Meta {
    Meta { origin: Origin::Url(URL.into()), hash: content_hash(text), etag: etag.map(str::to_string), updated_at: 1 }
}

fn body(text: &str, etag: Option<&str>) -> Fetched {
    Fetched::Body { text: Some(text.to_string()), etag: etag.map(str::to_string) }
}

#[test]
fn embedded_meta_hashes_the_embedded_text() {
    let m = Meta::embedded();
    assert_eq!(m.origin, Origin::Embedded);
    assert_eq!(m.hash, content_hash(EMBEDDED_JSON));
    assert_eq!(m.hash.len(), 16);
    assert_eq!(m.updated_at, 0);
}

#[test]
fn new_valid_data_replaces_with_its_meta() {
    let text = modified();
    match after_fetch(&Meta::embedded(), URL, body(&text, Some("\"v2\"")), NOW) {
        Outcome::Replaced { dataset, store } => {
            assert_eq!(dataset.projects[0].title.fr, "Titre mis à jour");
            assert_eq!(store.text, text);
            assert_eq!(
                store.meta,
                Meta { origin: Origin::Url(URL.into()), hash: content_hash(&text), etag: Some("\"v2\"".into()), updated_at: NOW }
            );
        }
        other => panic!("expected Replaced, got {other:?}"),
    }
}

#[test]
fn same_hash_or_304_is_unchanged() {
    let text = modified();
    let current = url_meta(&text, Some("\"v2\""));
    assert_eq!(after_fetch(&current, URL, body(&text, Some("\"v2\"")), NOW), Outcome::Unchanged { resave: None });
    // Cross-origin: no ETag readable, same body.
    assert_eq!(after_fetch(&current, URL, body(&text, None), NOW), Outcome::Unchanged { resave: None });
    assert_eq!(after_fetch(&current, URL, Fetched::NotModified, NOW), Outcome::Unchanged { resave: None });
}

#[test]
fn same_content_from_elsewhere_is_unchanged_but_stored_again() {
    // The server publishes exactly the embedded data (make run).
    match after_fetch(&Meta::embedded(), URL, body(EMBEDDED_JSON, Some("\"e\"")), NOW) {
        Outcome::Unchanged { resave: Some(s) } => {
            assert_eq!(s.meta.origin, Origin::Url(URL.into()));
            assert_eq!(s.meta.etag.as_deref(), Some("\"e\""));
            assert_eq!(s.text, EMBEDDED_JSON);
        }
        other => panic!("expected Unchanged with resave, got {other:?}"),
    }
}

#[test]
fn invalid_data_keeps_the_old_with_every_problem() {
    let current = Meta::embedded();
    let Outcome::Kept(f) = after_fetch(&current, URL, body(&invalid(), None), NOW) else { panic!("kept") };
    let paths: Vec<&str> = f.problems().iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"projects[0].results[0].achieved.total"), "{paths:?}");
    assert!(paths.iter().any(|p| p.starts_with("projects[1].id")), "{paths:?}");
    assert!(f.problems().iter().any(|p| p.kind == ProblemKind::DuplicateId));
    assert!(f.problems().iter().any(|p| p.kind == ProblemKind::Negative));
    let n = f.problems().len();
    assert_eq!(f.message(Lang::Fr), format!("{n} problèmes dans les données reçues ; les données actuelles sont conservées :"));
    assert!(f.message(Lang::En).starts_with(&format!("{n} problems in the data received")));
}

#[test]
fn bad_json_http_and_network_errors_keep_the_old() {
    let current = Meta::embedded();
    let Outcome::Kept(f) = after_fetch(&current, URL, body("{\n  \"schema_version\": 1,\n  oops", None), NOW) else {
        panic!("kept")
    };
    assert_eq!(f.problems().len(), 1);
    assert_eq!(f.problems()[0].kind, ProblemKind::Syntax);
    assert!(f.problems()[0].message(Lang::Fr).starts_with("JSON invalide (ligne 3, colonne 3)"), "{:?}", f.problems()[0]);
    assert_eq!(f.message(Lang::Fr), "1 problème dans les données reçues ; les données actuelles sont conservées :");

    let http = after_fetch(&current, URL, Fetched::Http(500), NOW);
    assert_eq!(http, Outcome::Kept(Failure::Http(500)));
    let Outcome::Kept(f) = http else { unreachable!() };
    assert_eq!(f.message(Lang::Fr), "Le serveur a répondu 500. Les données actuelles sont conservées.");
    assert_eq!(f.message(Lang::En), "The server answered 500. The current data is kept.");

    let Outcome::Kept(f) = after_fetch(&current, URL, Fetched::Network("Failed to fetch".into()), NOW) else {
        panic!("kept")
    };
    assert!(f.message(Lang::Fr).starts_with("Réseau indisponible"));
    assert!(f.problems().is_empty());

    let Outcome::Kept(f) = after_fetch(&current, URL, Fetched::Body { text: None, etag: None }, NOW) else {
        panic!("kept")
    };
    assert_eq!(f.problems()[0].message(Lang::En), "The content is not UTF-8 text");
}

#[test]
fn import_uses_the_same_rules() {
    let current = Meta::embedded();
    match after_import(&current, "paix.json", Some(modified()), NOW) {
        Outcome::Replaced { store, .. } => assert_eq!(store.meta.origin, Origin::File("paix.json".into())),
        other => panic!("expected Replaced, got {other:?}"),
    }
    let Outcome::Kept(f) = after_import(&current, "bad.json", Some(invalid()), NOW) else { panic!("kept") };
    assert!(f.problems().len() >= 2);
    assert!(matches!(
        after_import(&current, "same.json", Some(EMBEDDED_JSON.into()), NOW),
        Outcome::Unchanged { resave: Some(_) }
    ));
    let Outcome::Kept(f) = after_import(&current, "latin1.json", None, NOW) else { panic!("kept") };
    assert_eq!(f.problems()[0].kind, ProblemKind::Syntax);
}

#[test]
fn if_none_match_only_same_origin_same_url() {
    let m = url_meta("x", Some("\"v1\""));
    assert_eq!(if_none_match(&m, URL, true), Some("\"v1\""));
    assert_eq!(if_none_match(&m, URL, false), None, "a custom header would force a CORS preflight");
    assert_eq!(if_none_match(&m, "/api/dataset", true), None, "another URL");
    assert_eq!(if_none_match(&Meta::embedded(), URL, true), None);
}

// ---------------------------------------------------------------- storage ---

#[test]
fn record_round_trip_and_hash_check() {
    let text = modified();
    for origin in [
        Origin::Embedded,
        Origin::Url(URL.into()),
        Origin::File("mes\tdonnées\n2026.json".into()),
    ] {
        let meta = Meta { origin, hash: content_hash(&text), etag: Some("W/\"a\tb\"".into()), updated_at: NOW };
        let raw = encode(&meta, &text);
        let (back, body) = decode(&raw).expect("decodes");
        assert_eq!(body, text);
        assert_eq!(back.hash, meta.hash);
        assert_eq!(back.updated_at, NOW);
        assert_eq!(back.etag.as_deref(), Some("W/\"a b\""), "a tab in the ETag becomes a space");
        if let Origin::File(name) = &back.origin {
            assert_eq!(name, "mes\tdonnées 2026.json", "a newline in the name becomes a space");
        }
    }
    let meta = url_meta(&text, None);
    let raw = encode(&meta, &text);
    assert!(decode(&raw.replace("Titre mis à jour", "Titre abîmé")).is_none(), "hash mismatch");
    assert!(decode("not a record").is_none());
    assert!(decode(&raw.replacen("paix-data 1", "paix-data 9", 1)).is_none(), "unknown version");
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

#[test]
fn load_nothing_then_stored() {
    let (data, marker) = (MemoryStore::new(), MemoryStore::new());
    assert_eq!(block_on(load(&data, &marker, NOW)), Loaded::Nothing);
    let text = modified();
    let meta = url_meta(&text, Some("\"v2\""));
    block_on(save(&data, &marker, &meta, &text)).unwrap();
    assert_eq!(block_on(marker.get(MARKER)).unwrap(), Some(meta.hash.clone()));
    match block_on(load(&data, &marker, NOW)) {
        Loaded::Stored { dataset, meta: m } => {
            assert_eq!(dataset.projects[0].title.fr, "Titre mis à jour");
            assert_eq!(m, meta);
        }
        other => panic!("expected Stored, got {other:?}"),
    }
    // The marker is written back when localStorage lost it.
    block_on(marker.delete(MARKER)).unwrap();
    assert!(matches!(block_on(load(&data, &marker, NOW)), Loaded::Stored { .. }));
    assert!(block_on(marker.get(MARKER)).unwrap().is_some());
}

#[test]
fn marker_without_data_is_an_eviction_said_once() {
    let (data, marker) = (MemoryStore::new(), MemoryStore::new());
    block_on(marker.put(MARKER, "0123456789abcdef")).unwrap();
    assert_eq!(block_on(load(&data, &marker, NOW)), Loaded::Evicted);
    assert_eq!(block_on(marker.get(MARKER)).unwrap(), None);
    assert_eq!(block_on(load(&data, &marker, NOW)), Loaded::Nothing);
}

#[test]
fn corrupt_records_are_quarantined_never_wiped() {
    let text = modified();
    let good = encode(&url_meta(&text, None), &text);
    let bad_hash = good.replace("Titre mis à jour", "Titre abîmé");
    let invalid_text = invalid();
    let invalid_record = encode(&url_meta(&invalid_text, None), &invalid_text);
    for (raw, validation) in [("{not a record", false), (bad_hash.as_str(), false), (invalid_record.as_str(), true)] {
        let (data, marker) = (MemoryStore::new(), MemoryStore::new());
        block_on(data.put(CURRENT, raw)).unwrap();
        block_on(marker.put(MARKER, "x")).unwrap();
        match block_on(load(&data, &marker, NOW)) {
            Loaded::Corrupt { quarantine: Some(key), problems } => {
                assert_eq!(key, format!("{QUARANTINE}{NOW}"));
                assert_eq!(block_on(data.get(&key)).unwrap().as_deref(), Some(raw), "raw record kept");
                assert_eq!(problems.is_empty(), !validation);
            }
            other => panic!("expected Corrupt, got {other:?}"),
        }
        assert_eq!(block_on(data.get(CURRENT)).unwrap(), None);
        // No false eviction on the next start.
        assert_eq!(block_on(marker.get(MARKER)).unwrap(), None);
        assert_eq!(block_on(load(&data, &marker, NOW + 1)), Loaded::Nothing);
    }
}

#[test]
fn corrupt_record_stays_in_place_when_it_cannot_be_copied() {
    let (marker, raw) = (MemoryStore::new(), "{not a record".repeat(4));
    let data = MemoryStore::with_quota(CURRENT.len() + raw.len() + 8);
    block_on(data.put(CURRENT, &raw)).unwrap();
    assert_eq!(block_on(load(&data, &marker, NOW)), Loaded::Corrupt { quarantine: None, problems: vec![] });
    assert_eq!(block_on(data.get(CURRENT)).unwrap(), Some(raw));
}

/// A store that refuses everything (no IndexedDB).
struct Broken;
impl Store for Broken {
    async fn get(&self, _: &str) -> Result<Option<String>, StoreError> {
        Err(StoreError::Unavailable("test".into()))
    }
    async fn put(&self, _: &str, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable("test".into()))
    }
    async fn delete(&self, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable("test".into()))
    }
    async fn list(&self, _: &str) -> Result<Vec<(String, String)>, StoreError> {
        Err(StoreError::Unavailable("test".into()))
    }
}

#[test]
fn unavailable_store_is_reported_and_save_fails_cleanly() {
    let marker = MemoryStore::new();
    assert_eq!(block_on(load(&Broken, &marker, NOW)), Loaded::Unavailable(StoreError::Unavailable("test".into())));
    let text = modified();
    assert!(block_on(save(&Broken, &marker, &url_meta(&text, None), &text)).is_err());
    assert_eq!(block_on(marker.get(MARKER)).unwrap(), None, "no marker without data");
}

// ------------------------------------------------------------------ pages ---

fn page(lang: Lang, meta: &Meta, status: &Status, busy: bool) -> Node {
    let ds = Dataset::embedded();
    let storage = StorageInfo { usage: Some(1_572_864), quota: Some(10 * 1024 * 1024 * 1024), persisted: Some(false) };
    let view =
        settings::View { meta, url: URL, status, storage: &storage, busy, tz_offset_min: 0 };
    settings::page(&Ctx::new(&ds, lang), &view)
}

fn by_id<'a>(n: &'a Node, id: &str) -> &'a paix_base::doc::Element {
    n.elements().into_iter().find(|e| e.get_attr("id") == Some(id)).unwrap_or_else(|| panic!("#{id}"))
}

#[test]
fn settings_page_shows_origin_update_hash_url_and_storage() {
    let text = modified();
    let meta = Meta { updated_at: 1_556_627_640_000, ..url_meta(&text, None) };
    let n = page(Lang::Fr, &meta, &Status::Idle, false);
    assert_eq!(n.by_tag("h1")[0].text_content(), "Réglages");
    assert_eq!(by_id(&n, "data-origin").text_content(), format!("Téléchargées depuis {URL}"));
    assert_eq!(by_id(&n, "data-updated").text_content(), "30 avril 2019 à 12:34");
    assert_eq!(by_id(&n, "data-hash").text_content(), meta.hash);
    assert_eq!(by_id(&n, settings::URL_INPUT).get_attr("value"), Some(URL));
    assert_eq!(by_id(&n, settings::FILE_INPUT).get_attr("accept"), Some("application/json,.json"));
    assert_eq!(by_id(&n, "storage-used").text_content(), "1,5 Mo sur 10,0 Go disponibles");
    assert!(by_id(&n, "storage-persisted").text_content().starts_with("non accordé"));
    assert!(by_id(&n, "data-update").get_attr("disabled").is_none());

    let busy = page(Lang::En, &Meta::embedded(), &Status::Downloading { received: 5 * 1024, total: Some(20 * 1024) }, true);
    assert_eq!(by_id(&busy, "data-origin").text_content(), "Sample data built into the app");
    assert_eq!(by_id(&busy, "data-updated").text_content(), "never (built-in data)");
    assert!(by_id(&busy, "data-update").get_attr("disabled").is_some());
    assert!(by_id(&busy, settings::FILE_INPUT).get_attr("disabled").is_some());
    let bar = by_id(&busy, "data-progress");
    assert_eq!((bar.get_attr("value"), bar.get_attr("max")), (Some("5120"), Some("20480")));
    assert!(by_id(&busy, "data-status").text_content().contains("5.0 KB of 20.0 KB received"));
}

#[test]
fn statuses_in_both_languages_with_every_problem() {
    let Outcome::Kept(f) = after_fetch(&Meta::embedded(), URL, body(&invalid(), None), NOW) else { panic!() };
    let n = f.problems().len();
    let doc = page(Lang::Fr, &Meta::embedded(), &Status::Failed(f.clone()), false);
    let items = doc.by_tag("li");
    assert_eq!(items.len(), n, "one item per problem");
    for (li, p) in items.iter().zip(f.problems()) {
        assert_eq!(li.text_content(), format!("{} — {}", p.path, p.message(Lang::Fr)));
    }

    let s = |lang, status: Status| by_id(&page(lang, &Meta::embedded(), &status, false), "data-status").text_content();
    assert_eq!(s(Lang::Fr, Status::Unchanged), "Données inchangées : vous avez déjà la dernière version.");
    assert_eq!(s(Lang::En, Status::Replaced { saved: Ok(()) }), "Data updated: revision 1, 20 projects.");
    assert!(s(Lang::Fr, Status::Replaced { saved: Err(StoreError::QuotaExceeded) }).contains("espace de stockage"));
    assert_eq!(s(Lang::Fr, Status::Failed(Failure::Http(503))), "Le serveur a répondu 503. Les données actuelles sont conservées.");
    assert_eq!(s(Lang::En, Status::NoUrl), "Enter the data URL first.");
    assert_eq!(s(Lang::Fr, Status::Downloading { received: 2048, total: None }), "Téléchargement des données…2,0 Ko reçus");
}

#[test]
fn data_notice_for_each_warning() {
    assert_eq!(notice(Lang::Fr, None), Node::default());
    let text = |w: DataWarning, lang| notice(lang, Some(&w)).text_content();
    let corrupt = text(DataWarning::Corrupt { quarantine: Some("dataset/quarantine/7".into()) }, Lang::Fr);
    assert!(corrupt.contains("illisibles") && corrupt.contains("« dataset/quarantine/7 »"), "{corrupt}");
    assert!(text(DataWarning::Evicted, Lang::En).contains("The browser deleted the data"));
    assert!(text(DataWarning::Unavailable, Lang::Fr).contains("Stockage indisponible"));
    let n = notice(Lang::Fr, Some(&DataWarning::Evicted));
    assert_eq!(n.by_tag("button")[0].get_attr("data-action"), Some(data_status::ACTION_CLOSE_NOTICE));
}
