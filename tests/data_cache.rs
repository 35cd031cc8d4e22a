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
use paix_base::storage::dataset_cache::{
    data_text, decode, encode, load, quarantined, restore, save, Loaded, RestoreError, CURRENT, MARKER, QUARANTINE,
};
use paix_base::storage::{MemoryStore, Op, Store, StoreError};
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
    Meta { origin: Origin::Url(URL.into()), hash: content_hash(text), etag: etag.map(str::to_string), updated_at: 1, saved: true }
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
    match after_fetch(&Meta::embedded(), 1, URL, body(&text, Some("\"v2\"")), NOW) {
        Outcome::Replaced { dataset, store } => {
            assert_eq!(dataset.projects[0].title.fr, "Titre mis à jour");
            assert_eq!(store.text, text);
            assert_eq!(
                store.meta,
                Meta { origin: Origin::Url(URL.into()), hash: content_hash(&text), etag: Some("\"v2\"".into()), updated_at: NOW, saved: true }
            );
        }
        other => panic!("expected Replaced, got {other:?}"),
    }
}

#[test]
fn same_hash_or_304_is_unchanged() {
    let text = modified();
    let current = url_meta(&text, Some("\"v2\""));
    assert_eq!(after_fetch(&current, 1, URL, body(&text, Some("\"v2\"")), NOW), Outcome::Unchanged { resave: None });
    // Cross-origin: no ETag readable, same body.
    assert_eq!(after_fetch(&current, 1, URL, body(&text, None), NOW), Outcome::Unchanged { resave: None });
    assert_eq!(after_fetch(&current, 1, URL, Fetched::NotModified, NOW), Outcome::Unchanged { resave: None });
}

#[test]
fn same_content_from_elsewhere_is_unchanged_but_stored_again() {
    // The server publishes exactly the embedded data (make run).
    match after_fetch(&Meta::embedded(), 1, URL, body(EMBEDDED_JSON, Some("\"e\"")), NOW) {
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
    let Outcome::Kept(f) = after_fetch(&current, 1, URL, body(&invalid(), None), NOW) else { panic!("kept") };
    let paths: Vec<&str> = f.problems().iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"projects[0].results[0].achieved.total"), "{paths:?}");
    assert!(paths.iter().any(|p| p.starts_with("projects[1].id")), "{paths:?}");
    assert!(f.problems().iter().any(|p| p.kind == ProblemKind::DuplicateId));
    assert!(f.problems().iter().any(|p| p.kind == ProblemKind::Negative));
    let n = f.problems().len();
    assert_eq!(f.message(Lang::Fr), format!("{n} problèmes dans les données reçues\u{202f}; les données actuelles sont conservées\u{202f}:"));
    assert!(f.message(Lang::En).starts_with(&format!("{n} problems in the data received")));
}

#[test]
fn bad_json_http_and_network_errors_keep_the_old() {
    let current = Meta::embedded();
    let Outcome::Kept(f) = after_fetch(&current, 1, URL, body("{\n  \"schema_version\": 1,\n  oops", None), NOW) else {
        panic!("kept")
    };
    assert_eq!(f.problems().len(), 1);
    assert_eq!(f.problems()[0].kind, ProblemKind::Syntax);
    assert!(f.problems()[0].message(Lang::Fr).starts_with("JSON invalide (ligne 3, colonne 3)"), "{:?}", f.problems()[0]);
    assert_eq!(f.message(Lang::Fr), "1 problème dans les données reçues\u{202f}; les données actuelles sont conservées\u{202f}:");

    let http = after_fetch(&current, 1, URL, Fetched::Http(500), NOW);
    assert_eq!(http, Outcome::Kept(Failure::Http(500)));
    let Outcome::Kept(f) = http else { unreachable!() };
    assert_eq!(f.message(Lang::Fr), "Le serveur a répondu 500. Les données actuelles sont conservées.");
    assert_eq!(f.message(Lang::En), "The server answered 500. The current data is kept.");

    let Outcome::Kept(f) = after_fetch(&current, 1, URL, Fetched::Network("Failed to fetch".into()), NOW) else {
        panic!("kept")
    };
    assert!(f.message(Lang::Fr).starts_with("Réseau indisponible"));
    assert!(f.problems().is_empty());

    let Outcome::Kept(f) = after_fetch(&current, 1, URL, Fetched::Body { text: None, etag: None }, NOW) else {
        panic!("kept")
    };
    assert_eq!(f.problems()[0].message(Lang::En), "The content is not UTF-8 text");
}

#[test]
fn import_uses_the_same_rules() {
    let current = Meta::embedded();
    match after_import(&current, 1, "paix.json", Some(modified()), NOW) {
        Outcome::Replaced { store, .. } => assert_eq!(store.meta.origin, Origin::File("paix.json".into())),
        other => panic!("expected Replaced, got {other:?}"),
    }
    let Outcome::Kept(f) = after_import(&current, 1, "bad.json", Some(invalid()), NOW) else { panic!("kept") };
    assert!(f.problems().len() >= 2);
    assert!(matches!(
        after_import(&current, 1, "same.json", Some(EMBEDDED_JSON.into()), NOW),
        Outcome::Unchanged { resave: Some(_) }
    ));
    let Outcome::Kept(f) = after_import(&current, 1, "latin1.json", None, NOW) else { panic!("kept") };
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
        let meta = Meta { origin, hash: content_hash(&text), etag: Some("W/\"a\tb\"".into()), updated_at: NOW, saved: true };
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
    block_on(save(&data, &marker, &meta, &text, None)).unwrap();
    assert_eq!(block_on(marker.get(MARKER)).unwrap(), Some(meta.hash.clone()));
    match block_on(load(&data, &marker, NOW)) {
        Loaded::Stored { dataset, meta: m, problems } => {
            assert_eq!(dataset.projects[0].title.fr, "Titre mis à jour");
            assert_eq!(m, meta);
            assert!(problems.is_empty());
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
    let mut shape = embedded_value();
    shape["projects"][0]["regions"] = "ML05".into();
    let shape_text = shape.to_string();
    let shape_record = encode(&url_meta(&shape_text, None), &shape_text);
    for (raw, parsed) in [("{not a record", false), (bad_hash.as_str(), false), (shape_record.as_str(), true)] {
        let (data, marker) = (MemoryStore::new(), MemoryStore::new());
        block_on(data.put(CURRENT, raw)).unwrap();
        block_on(marker.put(MARKER, "x")).unwrap();
        match block_on(load(&data, &marker, NOW)) {
            Loaded::Corrupt { quarantine: Some(key), problems } => {
                assert_eq!(key, format!("{QUARANTINE}{NOW}"));
                assert_eq!(block_on(data.get(&key)).unwrap().as_deref(), Some(raw), "raw record kept");
                assert_eq!(problems.is_empty(), !parsed, "{problems:?}");
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
    async fn write(&self, _: &[Op]) -> Result<(), StoreError> {
        Err(StoreError::Unavailable("test".into()))
    }
}

#[test]
fn unavailable_store_is_reported_and_save_fails_cleanly() {
    let marker = MemoryStore::new();
    assert_eq!(block_on(load(&Broken, &marker, NOW)), Loaded::Unavailable(StoreError::Unavailable("test".into())));
    let text = modified();
    assert!(block_on(save(&Broken, &marker, &url_meta(&text, None), &text, None)).is_err());
    assert_eq!(block_on(marker.get(MARKER)).unwrap(), None, "no marker without data");
}

// ------------------------------------------------------------------ pages ---

fn page(lang: Lang, meta: &Meta, status: &Status, busy: bool) -> Node {
    let ds = Dataset::embedded();
    let storage = StorageInfo { usage: Some(1_572_864), quota: Some(10 * 1024 * 1024 * 1024), persisted: Some(false) };
    let view = settings::View {
        meta,
        url: URL,
        status,
        storage: &storage,
        busy,
        timeout_s: 30,
        problems: &[],
        quarantine: &[],
        profiles: &[],
        active_profile: None,
        profile_error: false,
        profile_form: ("", "", ""),
        tz_offset_min: 0,
        sync: None,
        lock: None,
        kiosk: None,
    };
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
    let Outcome::Kept(f) = after_fetch(&Meta::embedded(), 1, URL, body(&invalid(), None), NOW) else { panic!() };
    let n = f.problems().len();
    let doc = page(Lang::Fr, &Meta::embedded(), &Status::Failed(f.clone()), false);
    let items = doc.by_tag("li");
    assert_eq!(items.len(), n, "one item per problem");
    for (li, p) in items.iter().zip(f.problems()) {
        assert_eq!(li.text_content(), format!("{} — {}", p.path, p.message(Lang::Fr)));
    }

    let s = |lang, status: Status| by_id(&page(lang, &Meta::embedded(), &status, false), "data-status").text_content();
    assert_eq!(s(Lang::Fr, Status::Unchanged), "Données inchangées\u{202f}: vous avez déjà la dernière version.");
    assert_eq!(s(Lang::En, Status::Replaced { saved: Ok(()) }), "Data updated: revision 1, 20 projects.");
    assert!(s(Lang::Fr, Status::Replaced { saved: Err(StoreError::QuotaExceeded) }).contains("espace de stockage"));
    assert_eq!(s(Lang::Fr, Status::Failed(Failure::Http(503))), "Le serveur a répondu 503. Les données actuelles sont conservées.");
    assert_eq!(s(Lang::En, Status::NoUrl), "Enter the data URL first.");
    assert_eq!(
        s(Lang::Fr, Status::Downloading { received: 2048, total: None }),
        "Téléchargement des données…2,0 Ko reçusAnnuler le téléchargement"
    );
    assert!(s(Lang::Fr, Status::Failed(Failure::TimedOut)).starts_with("Rien n'est arrivé pendant le délai choisi"));
    assert_eq!(s(Lang::En, Status::Failed(Failure::Cancelled)), "Download cancelled. The current data is kept.");
    assert_eq!(s(Lang::En, Status::Failed(Failure::TooLarge)), "The data is larger than 16 MB and was not read. The current data is kept.");
    let older = page(Lang::Fr, &Meta::embedded(), &Status::Older { new: 3, current: 7 }, false);
    assert!(by_id(&older, "data-status").text_content().contains("révision 3, contre 7"));
    assert_eq!(by_id(&older, "data-older-confirm").get_attr("data-action"), Some(data_status::ACTION_CONFIRM_OLDER));
}

#[test]
fn data_notice_for_each_warning() {
    assert_eq!(notice(Lang::Fr, None), Node::default());
    let text = |w: DataWarning, lang| notice(lang, Some(&w)).text_content();
    let corrupt = text(DataWarning::Corrupt { kept: true }, Lang::Fr);
    assert!(corrupt.contains("illisibles") && corrupt.contains("Réglages › Données"), "{corrupt}");
    assert!(!corrupt.contains("quarantine"), "a copy is never named by its storage key: {corrupt}");
    assert!(text(DataWarning::Invalid { problems: 3 }, Lang::En).contains("breaks 3 rules"));
    assert!(text(DataWarning::Newer, Lang::Fr).contains("format plus récent"));
    assert!(text(DataWarning::Slow, Lang::En).contains("does not answer"));
    let newer_db = notice(Lang::Fr, Some(&DataWarning::NewerDatabase));
    assert!(newer_db.text_content().contains("rechargez cette page"));
    assert_eq!(newer_db.by_tag("button")[0].get_attr("data-action"), Some(data_status::ACTION_RELOAD));
    assert!(!text(DataWarning::Unavailable, Lang::Fr).contains("?)"), "not a guess at private browsing alone");
    assert!(text(DataWarning::Evicted, Lang::En).contains("The browser deleted the data"));
    assert!(text(DataWarning::Unavailable, Lang::Fr).contains("Stockage indisponible"));
    let n = notice(Lang::Fr, Some(&DataWarning::Evicted));
    assert_eq!(n.by_tag("button")[0].get_attr("data-action"), Some(data_status::ACTION_CLOSE_NOTICE));
}

// ------------------------------------------------- robustness (issue 9) ---

/// The embedded data, `revision` set.
fn with_revision(rev: u32) -> String {
    let mut v = embedded_value();
    v["revision"] = rev.into();
    v["projects"][0]["title"]["fr"] = format!("Révision {rev}").into();
    v.to_string()
}

#[test]
fn a_failed_save_is_tried_again_by_the_next_refresh() {
    // The save failed: the data is shown, marked not saved.
    let text = modified();
    let unsaved = Meta { saved: false, ..url_meta(&text, Some("\"v2\"")) };
    // The server still has it: the same body must be stored, not called unchanged.
    match after_fetch(&unsaved, 2, URL, body(&text, Some("\"v2\"")), NOW) {
        Outcome::Unchanged { resave: Some(s) } => assert_eq!(s.text, text),
        other => panic!("expected a resave, got {other:?}"),
    }
    // And the download asks for the body: no If-None-Match, no 304.
    assert_eq!(if_none_match(&unsaved, URL, true), None);
    // The same file imported again is stored too.
    assert!(matches!(
        after_import(&unsaved, 2, "f.json", Some(text.clone()), NOW),
        Outcome::Unchanged { resave: Some(_) }
    ));
    // Saved data: unchanged, nothing to store.
    let saved = url_meta(&text, Some("\"v2\""));
    assert_eq!(after_fetch(&saved, 2, URL, body(&text, Some("\"v2\"")), NOW), Outcome::Unchanged { resave: None });
}

#[test]
fn a_failed_save_leaves_the_stored_data_as_it_was() {
    let (data, marker) = (MemoryStore::new(), MemoryStore::new());
    let old = modified();
    block_on(save(&data, &marker, &url_meta(&old, None), &old, None)).unwrap();
    let new = with_revision(5);
    data.fail_next_write(StoreError::QuotaExceeded);
    assert_eq!(block_on(save(&data, &marker, &url_meta(&new, None), &new, None)), Err(StoreError::QuotaExceeded));
    match block_on(load(&data, &marker, NOW)) {
        Loaded::Stored { dataset, .. } => assert_eq!(dataset.revision, 2, "the old data is still the stored one"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_older_revision_waits_for_the_users_yes() {
    let current = url_meta(&with_revision(7), None);
    match after_fetch(&current, 7, URL, body(&with_revision(3), None), NOW) {
        Outcome::Older { dataset, store, current } => {
            assert_eq!((dataset.revision, current), (3, 7));
            assert_eq!(store.text, with_revision(3));
        }
        other => panic!("expected Older, got {other:?}"),
    }
    assert!(matches!(after_import(&current, 7, "old.json", Some(with_revision(6)), NOW), Outcome::Older { .. }));
    // A newer or equal revision replaces without asking.
    assert!(matches!(after_fetch(&current, 7, URL, body(&with_revision(8), None), NOW), Outcome::Replaced { .. }));
    let same_revision_other_content = with_revision(7).replace("Révision 7", "Révision 7 corrigée");
    assert!(matches!(after_fetch(&current, 7, URL, body(&same_revision_other_content, None), NOW), Outcome::Replaced { .. }));
    // The embedded sample is no lineage: any revision replaces it.
    assert!(matches!(after_fetch(&Meta::embedded(), 7, URL, body(&with_revision(1), None), NOW), Outcome::Replaced { .. }));
}

#[test]
fn data_over_the_cap_is_refused_before_parsing() {
    let huge = format!("{{\"pad\": \"{}\"}}", "x".repeat(paix_base::model::refresh::MAX_BYTES as usize));
    assert_eq!(after_import(&Meta::embedded(), 1, "huge.json", Some(huge), NOW), Outcome::Kept(Failure::TooLarge));
    assert_eq!(after_fetch(&Meta::embedded(), 1, URL, Fetched::TooLarge, NOW), Outcome::Kept(Failure::TooLarge));
    assert_eq!(after_fetch(&Meta::embedded(), 1, URL, Fetched::TimedOut, NOW), Outcome::Kept(Failure::TimedOut));
    assert_eq!(after_fetch(&Meta::embedded(), 1, URL, Fetched::Cancelled, NOW), Outcome::Kept(Failure::Cancelled));
}

#[test]
fn a_newer_format_is_refused_with_the_old_data_kept() {
    let mut v = embedded_value();
    v["schema_version"] = 2.into();
    let Outcome::Kept(f) = after_fetch(&Meta::embedded(), 1, URL, body(&v.to_string(), None), NOW) else { panic!() };
    assert_eq!(f.problems()[0].kind, ProblemKind::NewerSchema);
    assert!(f.problems()[0].message(Lang::Fr).contains("mettez l'application à jour"));
}

#[test]
fn stored_data_in_a_newer_format_is_left_untouched() {
    let (data, marker) = (MemoryStore::new(), MemoryStore::new());
    let mut v = embedded_value();
    v["schema_version"] = 2.into();
    let text = v.to_string();
    let raw = encode(&url_meta(&text, None), &text);
    block_on(data.put(CURRENT, &raw)).unwrap();
    assert_eq!(block_on(load(&data, &marker, NOW)), Loaded::Newer);
    assert_eq!(block_on(data.get(CURRENT)).unwrap(), Some(raw), "left in place for the app that reads it");
    assert!(block_on(data.list(QUARANTINE)).unwrap().is_empty());
}

#[test]
fn stored_data_breaking_a_newer_rule_is_shown_with_its_problems() {
    // Valid for the app that stored it, invalid for this one: shown anyway.
    let (data, marker) = (MemoryStore::new(), MemoryStore::new());
    let text = invalid();
    block_on(save(&data, &marker, &url_meta(&text, None), &text, None)).unwrap();
    match block_on(load(&data, &marker, NOW)) {
        Loaded::Stored { dataset, problems, .. } => {
            assert_eq!(dataset.projects.len(), 20);
            assert!(problems.iter().any(|p| p.kind == ProblemKind::DuplicateId));
            assert!(problems.iter().any(|p| p.kind == ProblemKind::Negative));
        }
        other => panic!("expected Stored with problems, got {other:?}"),
    }
    assert!(block_on(data.get(CURRENT)).unwrap().is_some(), "not quarantined");
}

#[test]
fn unknown_fields_are_kept_in_the_stored_text() {
    let mut v = embedded_value();
    v["published_by"] = "server 2.1".into();
    v["projects"][0]["photos"] = serde_json::json!(["a.jpg"]);
    v["revision"] = 9.into();
    let text = v.to_string();
    let Outcome::Replaced { store, .. } = after_import(&Meta::embedded(), 1, "new.json", Some(text.clone()), NOW) else {
        panic!("replaced")
    };
    assert_eq!(store.text, text, "stored exactly as received, unknown fields included");
}

#[test]
fn a_save_never_overwrites_what_it_did_not_expect() {
    let (data, marker) = (MemoryStore::new(), MemoryStore::new());
    let a = with_revision(3);
    let ma = url_meta(&a, None);
    block_on(save(&data, &marker, &ma, &a, None)).unwrap();
    // Replacing what the decision saw: no copy.
    let b = with_revision(4);
    let mb = Meta { updated_at: 10, ..url_meta(&b, None) };
    block_on(save(&data, &marker, &mb, &b, Some(&ma.hash))).unwrap();
    assert!(block_on(data.list(QUARANTINE)).unwrap().is_empty());
    // Storing the same content again: no copy either.
    block_on(save(&data, &marker, &mb, &b, None)).unwrap();
    assert!(block_on(data.list(QUARANTINE)).unwrap().is_empty());
    // Another tab stored revision 4 while this one decided on revision 3
    // (or the start-up load had not answered): revision 4 is kept aside.
    let c = with_revision(5);
    let mc = Meta { updated_at: 20, ..url_meta(&c, None) };
    block_on(save(&data, &marker, &mc, &c, Some(&ma.hash))).unwrap();
    let aside = block_on(data.list(QUARANTINE)).unwrap();
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].0, format!("{QUARANTINE}20"));
    assert_eq!(data_text(&aside[0].1), Some(b.as_str()), "the unexpected record, whole");
    // Data in a newer format left in place at start is kept the same way.
    let mut v = embedded_value();
    v["schema_version"] = 2.into();
    let newer = v.to_string();
    let (data, marker) = (MemoryStore::new(), MemoryStore::new());
    block_on(data.put(CURRENT, &encode(&url_meta(&newer, None), &newer))).unwrap();
    assert_eq!(block_on(load(&data, &marker, NOW)), Loaded::Newer);
    block_on(save(&data, &marker, &Meta { updated_at: 30, ..url_meta(&a, None) }, &a, Some(&Meta::embedded().hash))).unwrap();
    assert_eq!(block_on(data.list(QUARANTINE)).unwrap().len(), 1, "the newer data is not lost");
}

#[test]
fn quarantined_copies_can_be_listed_restored_and_exported() {
    let (data, marker) = (MemoryStore::new(), MemoryStore::new());
    // A copy set aside on start (its shape breaks an older rule), and a
    // copy that is not even JSON.
    let mut shape = embedded_value();
    shape["revision"] = 4.into();
    let readable = shape.to_string();
    let readable_record = encode(&Meta { origin: Origin::File("a.json".into()), ..url_meta(&readable, None) }, &readable);
    block_on(data.put(&format!("{QUARANTINE}100"), &readable_record)).unwrap();
    block_on(data.put(&format!("{QUARANTINE}200"), "garbage")).unwrap();
    // The data held now.
    let current = modified();
    block_on(save(&data, &marker, &url_meta(&current, None), &current, None)).unwrap();

    let copies = block_on(quarantined(&data)).unwrap();
    assert_eq!(copies.len(), 2);
    assert_eq!((copies[0].at, copies[0].restorable, copies[0].origin.clone()), (200, false, None), "newest first");
    assert_eq!((copies[1].at, copies[1].revision, copies[1].restorable), (100, Some(4), true));
    assert_eq!(copies[1].origin, Some(Origin::File("a.json".into())));
    assert_eq!(data_text(&readable_record), Some(readable.as_str()));

    // Restoring swaps: the copy becomes current, the current is set aside.
    let (ds, meta, problems) = block_on(restore(&data, &marker, &copies[1].key, NOW)).unwrap();
    assert_eq!((ds.revision, problems.len()), (4, 0));
    assert_eq!(meta.origin, Origin::File("a.json".into()));
    match block_on(load(&data, &marker, NOW + 1)) {
        Loaded::Stored { dataset, .. } => assert_eq!(dataset.revision, 4),
        other => panic!("{other:?}"),
    }
    let after = block_on(quarantined(&data)).unwrap();
    assert_eq!(after.iter().map(|c| c.at).collect::<Vec<_>>(), [NOW, 200], "nothing lost");
    assert_eq!(after[0].revision, Some(2), "the data held before is the new copy");
    // An unreadable copy is not restored, and nothing changes.
    assert!(matches!(block_on(restore(&data, &marker, &after[1].key, NOW + 2)), Err(RestoreError::Unreadable(_))));
    assert_eq!(block_on(quarantined(&data)).unwrap().len(), 2);
    // A failed restore batch changes nothing either.
    data.fail_next_write(StoreError::QuotaExceeded);
    assert!(matches!(
        block_on(restore(&data, &marker, &after[0].key, NOW + 3)),
        Err(RestoreError::Store(StoreError::QuotaExceeded))
    ));
    assert_eq!(block_on(quarantined(&data)).unwrap().len(), 2);
}

#[test]
fn settings_lists_copies_by_date_and_the_rules_broken_never_by_key() {
    let ds = Dataset::embedded();
    let storage = StorageInfo::default();
    let copies = vec![paix_base::storage::dataset_cache::Quarantined {
        key: format!("{QUARANTINE}1556627640000"),
        at: 1_556_627_640_000,
        origin: Some(Origin::Url(URL.into())),
        revision: Some(3),
        bytes: 2048,
        restorable: true,
    }];
    let problems = Dataset::from_json_validated(&invalid()).unwrap_err();
    let meta = Meta { saved: false, ..Meta::embedded() };
    let view = settings::View {
        meta: &meta,
        url: URL,
        status: &Status::Idle,
        storage: &storage,
        busy: false,
        timeout_s: 45,
        problems: &problems,
        quarantine: &copies,
        profiles: &[],
        active_profile: None,
        profile_error: false,
        profile_form: ("", "", ""),
        tz_offset_min: 0,
        sync: None,
        lock: None,
        kiosk: None,
    };
    let doc = settings::page(&Ctx::new(&ds, Lang::Fr), &view);
    let q = by_id(&doc, "data-quarantine").text_content();
    assert!(q.contains("Mise de côté le 30 avril 2019 à 12:34"), "{q}");
    assert!(q.contains("Révision 3") && q.contains("2,0 Ko"), "{q}");
    assert!(!q.contains("quarantine"), "never the storage key: {q}");
    let actions: Vec<_> = doc
        .by_tag("button")
        .iter()
        .filter_map(|b| b.get_attr("data-action"))
        .filter(|a| a.contains(':'))
        .collect();
    assert_eq!(actions, ["restore:dataset/quarantine/1556627640000", "export:dataset/quarantine/1556627640000", "delete:dataset/quarantine/1556627640000"]);
    assert_eq!(doc.by_class("problems")[0].children.len(), problems.len());
    assert!(by_id(&doc, "data-unsaved").text_content().contains("Réessayer l'enregistrement"));
    assert_eq!(by_id(&doc, settings::TIMEOUT_INPUT).get_attr("value"), Some("45"));
}

#[test]
fn every_page_draws_data_that_breaks_the_rules_without_panicking() {
    // Stored data read by a newer app version is shown with its problems:
    // the pages must draw whatever it holds.
    let mut v = embedded_value();
    v["projects"][0]["lead"] = "nobody".into();
    v["projects"][0]["partners"] = serde_json::json!(["ghost", "ghost"]);
    v["projects"][0]["regions"] = serde_json::json!(["ML99", "ML09"]);
    v["projects"][0]["cercles"] = serde_json::json!(["ML9999"]);
    v["projects"][0]["results"][0]["indicator"] = "no-such-indicator".into();
    v["projects"][1]["results"][0]["achieved"]["total"] = i64::MAX.into();
    v["projects"][2]["results"][0]["target"]["total"] = (-40).into();
    v["projects"][3]["start"] = "2030-01-01".into();
    v["organisations"][0]["home_region"] = "ML77".into();
    v["indicators"][0]["unit"] = "percent".into();
    let text = v.to_string();
    let ds = Dataset::from_json(&text).expect("parses");
    assert!(!paix_base::model::validate(&ds).is_empty());
    let project = ds.projects[0].id.clone();
    let org = ds.organisations[0].id.clone();
    for lang in Lang::ALL {
        let cx = Ctx::new(&ds, lang);
        for path in ["/", "/projects", "/organisations", "/regions", "/regions/ML05", "/regions/ML99", "/logframe", "/about"]
            .iter()
            .map(|p| p.to_string())
            .chain([format!("/projects/{project}"), format!("/organisations/{org}")])
        {
            let _ = paix_base::pages::route::Page::resolve(&path).document(&cx);
        }
        let _ = paix_base::pages::home::top(&cx);
        let _ = paix_base::pages::home::summary(&cx, Some("ML05"));
        let _ = paix_base::pages::home::details(&cx);
        let _ = paix_base::pages::projects::results(&cx, &Default::default(), Some(&paix_base::model::SearchIndex::new(cx.ds, cx.lang)));
        for metric in [paix_base::components::mali_map::Metric::Projects, paix_base::components::mali_map::Metric::Csos] {
            let _ = paix_base::components::mali_map::mali_map(&cx, metric);
        }
    }
}
