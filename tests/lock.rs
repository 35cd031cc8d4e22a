//! The device lock's pure part (issue #14): the sealed-value format, the
//! lock record's checks, the PIN rules and waits, and the sealing store,
//! run through the whole `Store` contract with a fake cipher.
use paix_base::i18n::Lang;
use paix_base::lock::envelope::{self, EnvelopeError};
use paix_base::lock::params::{idle_due, secret_problem, wait_ms, LockRecord, RecordProblem, Secret, MIN_ITERATIONS};
use paix_base::lock::{open_all, seal_all, Cipher, SealedStore};
use paix_base::storage::{contract, MemoryStore, Op, Store, StoreError};
use std::cell::Cell;

/// Not encryption: a reversible scramble with a checksum, in the real
/// envelope, so that tampering and a wrong key fail as they would.
struct FakeCipher {
    key: u8,
    iv: Cell<u64>,
}

impl FakeCipher {
    fn new(key: u8) -> FakeCipher {
        FakeCipher { key, iv: Cell::new(0) }
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

impl Cipher for FakeCipher {
    async fn seal(&self, plain: &str) -> Result<String, StoreError> {
        self.iv.set(self.iv.get() + 1);
        let iv = format!("{:016}", self.iv.get());
        let mut bytes: Vec<u8> = plain.bytes().map(|b| b ^ self.key).collect();
        let sum = bytes.iter().fold(self.key, |a, b| a.wrapping_mul(31).wrapping_add(*b));
        bytes.extend([sum; 12]);
        let mut hex: String = bytes.iter().flat_map(|b| [HEX[(b >> 4) as usize] as char, HEX[(b & 15) as usize] as char]).collect();
        while !hex.len().is_multiple_of(4) {
            hex.push('=');
        }
        Ok(envelope::format(&iv, &hex))
    }

    async fn open(&self, sealed: &str) -> Option<String> {
        let e = envelope::parse(sealed).ok()?;
        let hex = e.data.trim_end_matches('=');
        let bytes: Vec<u8> = (0..hex.len() / 2).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16)).collect::<Result<_, _>>().ok()?;
        let (body, tag) = bytes.split_at(bytes.len().checked_sub(12)?);
        let sum = body.iter().fold(self.key, |a, b| a.wrapping_mul(31).wrapping_add(*b));
        if tag.iter().any(|t| *t != sum) {
            return None;
        }
        String::from_utf8(body.iter().map(|b| b ^ self.key).collect()).ok()
    }
}

fn block<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

#[test]
fn envelope_round_trip_and_its_checks() {
    let text = envelope::format("AAAAAAAAAAAAAAAA", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY");
    assert!(text.starts_with("paix-sealed 1 "));
    let e = envelope::parse(&text).unwrap();
    assert_eq!((e.iv, e.data), ("AAAAAAAAAAAAAAAA", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY"));
    assert_eq!(envelope::parse("{\"id\":1}"), Err(EnvelopeError::NotSealed));
    assert_eq!(envelope::parse(&text.replace(" 1 ", " 2 ")), Err(EnvelopeError::Version(2)), "a newer version is named");
    for bad in [
        text.replace(" 1 ", " 0 "),
        text.replace("AAAAAAAAAAAAAAAA", "AAAA"),
        text.replace("QUJD", "QU!D"),
        text[..text.len() - 3].to_string(),
        format!("{text} extra"),
        "paix-sealed 1".to_string(),
    ] {
        assert_eq!(envelope::parse(&bad), Err(EnvelopeError::Malformed), "{bad}");
    }
}

#[test]
fn lock_record_is_checked_and_versioned() {
    let key = envelope::format("AAAAAAAAAAAAAAAA", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY");
    let r = LockRecord::new(Secret::Pin, "AAAAAAAAAAAAAAAAAAAAAA==".into(), key);
    assert_eq!(r.iterations, MIN_ITERATIONS);
    assert_eq!(LockRecord::parse(&r.to_json()), Ok(r.clone()));
    let fewer = LockRecord { iterations: 1_000, ..r.clone() };
    assert_eq!(LockRecord::parse(&fewer.to_json()), Err(RecordProblem::Invalid), "a weakened work factor is refused");
    let more = LockRecord { iterations: 2_000_000, ..r.clone() };
    assert!(LockRecord::parse(&more.to_json()).is_ok(), "the work factor may grow");
    let other = LockRecord { kdf: "MD5".into(), ..r.clone() };
    assert_eq!(LockRecord::parse(&other.to_json()), Err(RecordProblem::Invalid));
    let short_salt = LockRecord { salt: "AAAA".into(), ..r.clone() };
    assert_eq!(LockRecord::parse(&short_salt.to_json()), Err(RecordProblem::Invalid));
    let newer = r.to_json().replace("\"v\":1", "\"v\":2");
    assert_eq!(LockRecord::parse(&newer), Err(RecordProblem::Newer));
    assert_eq!(LockRecord::parse("not json"), Err(RecordProblem::Invalid));
}

#[test]
fn pin_and_passphrase_rules_and_waits() {
    assert_eq!(secret_problem(Secret::Pin, "123456", "123456"), None);
    for bad in ["12345", "12345a", "", "１２３４５６"] {
        assert!(secret_problem(Secret::Pin, bad, bad).is_some(), "{bad}");
    }
    let m = secret_problem(Secret::Pin, "123456", "123465").unwrap();
    assert!(paix_base::i18n::render_args(m, &[], Lang::Fr).contains("identiques"));
    assert_eq!(secret_problem(Secret::Passphrase, "le fleuve Niger à Mopti", "le fleuve Niger à Mopti"), None);
    assert!(secret_problem(Secret::Passphrase, "trop court", "trop court").is_some());
    assert!(secret_problem(Secret::Passphrase, " espace au début", " espace au début").is_some());
    assert_eq!((0..5).map(wait_ms).collect::<Vec<_>>(), [0; 5], "five tries free");
    assert_eq!(wait_ms(5), 30_000);
    assert_eq!(wait_ms(6), 60_000);
    assert_eq!(wait_ms(50), 3_600_000, "at most an hour");
    assert!(!idle_due(0.0, 299_999.0, 5));
    assert!(idle_due(0.0, 300_000.0, 5));
}

#[test]
fn the_sealing_store_honours_the_contract() {
    let inner = MemoryStore::new();
    let cipher = FakeCipher::new(0x5a);
    let store = SealedStore { inner: &inner, cipher: &cipher, prefixes: &["test/"] };
    block(contract::run(&store, "test/"));
    let store = SealedStore { inner: &inner, cipher: &cipher, prefixes: &["test/"] };
    block(contract::run_failed_batch(&store, "test/", || inner.fail_next_write(StoreError::QuotaExceeded), StoreError::QuotaExceeded));
}

#[test]
fn only_the_chosen_prefixes_are_sealed_and_nothing_plain_is_stored_there() {
    block(async {
        let inner = MemoryStore::new();
        let cipher = FakeCipher::new(7);
        let store = SealedStore { inner: &inner, cipher: &cipher, prefixes: &["records/", "drafts/"] };
        store.write(&[Op::put("records/a", "{\"title\":\"Médiation à Mopti\"}"), Op::put("dataset/current", "public")]).await.unwrap();
        let raw = inner.get("records/a").await.unwrap().unwrap();
        assert!(raw.starts_with("paix-sealed 1 ") && !raw.contains("Mopti"), "{raw}");
        assert_eq!(inner.get("dataset/current").await.unwrap().as_deref(), Some("public"), "the public data stays plain");
        assert_eq!(store.get("records/a").await.unwrap().as_deref(), Some("{\"title\":\"Médiation à Mopti\"}"));
        // A fresh IV on every write: the same text seals differently.
        store.put("records/a", "{\"title\":\"Médiation à Mopti\"}").await.unwrap();
        assert_ne!(inner.get("records/a").await.unwrap().unwrap(), raw);
        // A value written before the lock was on reads as it is.
        inner.put("drafts/old", "{\"plain\":true}").await.unwrap();
        assert_eq!(store.get("drafts/old").await.unwrap().as_deref(), Some("{\"plain\":true}"));
    });
}

#[test]
fn a_flipped_byte_or_another_key_fails_cleanly_and_keeps_the_stored_text() {
    block(async {
        let inner = MemoryStore::new();
        let cipher = FakeCipher::new(1);
        let store = SealedStore { inner: &inner, cipher: &cipher, prefixes: &["records/"] };
        store.put("records/a", "{\"n\":1}").await.unwrap();
        let raw = inner.get("records/a").await.unwrap().unwrap();
        let i = raw.len() - 6;
        let flipped = format!("{}{}{}", &raw[..i], if &raw[i..=i] == "0" { "1" } else { "0" }, &raw[i + 1..]);
        inner.put("records/a", &flipped).await.unwrap();
        assert_eq!(store.get("records/a").await.unwrap(), Some(flipped.clone()), "not opened: returned as stored, to be set aside");
        let other = FakeCipher::new(2);
        inner.put("records/b", &raw).await.unwrap();
        let wrong = SealedStore { inner: &inner, cipher: &other, prefixes: &["records/"] };
        assert_eq!(wrong.get("records/b").await.unwrap(), Some(raw), "another key opens nothing");
    });
}

#[test]
fn a_swap_compares_plaintexts_and_still_fails_when_someone_wrote_between() {
    block(async {
        let inner = MemoryStore::new();
        let cipher = FakeCipher::new(3);
        let store = SealedStore { inner: &inner, cipher: &cipher, prefixes: &["records/"] };
        store.put("records/a", "v1").await.unwrap();
        let swap = |from: &str, to: &str| Op::Swap { key: "records/a".into(), expected: Some(from.into()), value: Some(to.into()) };
        store.write(&[swap("v1", "v2")]).await.unwrap();
        assert_eq!(store.get("records/a").await.unwrap().as_deref(), Some("v2"));
        assert_eq!(store.write(&[swap("v1", "v3")]).await, Err(StoreError::Changed("records/a".into())));
        assert_eq!(store.get("records/a").await.unwrap().as_deref(), Some("v2"), "nothing changed");
        let insert_absent = Op::Swap { key: "records/b".into(), expected: None, value: Some("new".into()) };
        store.write(std::slice::from_ref(&insert_absent)).await.unwrap();
        assert_eq!(store.write(&[insert_absent]).await, Err(StoreError::Changed("records/b".into())));
    });
}

#[test]
fn turning_on_seals_everything_and_turning_off_opens_it_back() {
    block(async {
        let inner = MemoryStore::new();
        let cipher = FakeCipher::new(9);
        let prefixes = ["records/", "drafts/"];
        inner.write(&[Op::put("records/a", "A"), Op::put("records/b", "B"), Op::put("drafts/c", "C"), Op::put("dataset/current", "D")]).await.unwrap();
        assert_eq!(seal_all(&inner, &cipher, &prefixes).await, Ok(3));
        for (k, v) in inner.list("").await.unwrap() {
            assert_eq!(envelope::is_sealed(&v), k != "dataset/current", "{k}");
        }
        assert_eq!(seal_all(&inner, &cipher, &prefixes).await, Ok(0), "nothing sealed twice");
        // One value that no longer opens stays, named.
        inner.put("records/z", &envelope::format("AAAAAAAAAAAAAAAA", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY")).await.unwrap();
        assert_eq!(open_all(&inner, &cipher, &prefixes).await, Ok(vec!["records/z".to_string()]));
        let plain: Vec<(String, String)> = inner.list("").await.unwrap().into_iter().filter(|(k, _)| k != "records/z").collect();
        assert_eq!(plain, [("dataset/current", "D"), ("drafts/c", "C"), ("records/a", "A"), ("records/b", "B")].map(|(k, v)| (k.to_string(), v.to_string())));
    });
}

/// A store beside which another writer (the sync engine, another tab)
/// seals `records/b` again with the same key at each of the first `times`
/// listings of `records/`.
struct Busy<'a> {
    inner: MemoryStore,
    cipher: &'a FakeCipher,
    times: Cell<u32>,
}

impl Store for Busy<'_> {
    async fn get(&self, k: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(k).await
    }
    async fn put(&self, k: &str, v: &str) -> Result<(), StoreError> {
        self.inner.put(k, v).await
    }
    async fn delete(&self, k: &str) -> Result<(), StoreError> {
        self.inner.delete(k).await
    }
    async fn list(&self, p: &str) -> Result<Vec<(String, String)>, StoreError> {
        let out = self.inner.list(p).await?;
        if p == "records/" && self.times.get() > 0 {
            self.times.set(self.times.get() - 1);
            let v = self.cipher.seal("B, one more attempt").await?;
            self.inner.put("records/b", &v).await?;
        }
        Ok(out)
    }
    async fn write(&self, b: &[Op]) -> Result<(), StoreError> {
        self.inner.write(b).await
    }
}

fn sealed_keys(store: &MemoryStore) -> Vec<String> {
    block(store.list("records/")).unwrap().into_iter().filter(|(_, v)| envelope::is_sealed(v)).map(|(k, _)| k).collect()
}

#[test]
fn turning_off_opens_what_another_writer_sealed_meanwhile() {
    let cipher = FakeCipher::new(9);
    let store = Busy { inner: MemoryStore::new(), cipher: &cipher, times: Cell::new(3) };
    for k in ["records/a", "records/b", "records/c"] {
        let v = block(cipher.seal(k)).unwrap();
        block(store.inner.put(k, &v)).unwrap();
    }
    assert_eq!(block(open_all(&store, &cipher, &["records/"])), Ok(vec![]));
    assert_eq!(sealed_keys(&store.inner), Vec::<String>::new());
    assert_eq!(block(store.inner.get("records/b")).unwrap().as_deref(), Some("B, one more attempt"));
}

#[test]
fn turning_off_fails_while_values_are_still_being_sealed() {
    let cipher = FakeCipher::new(9);
    let store = Busy { inner: MemoryStore::new(), cipher: &cipher, times: Cell::new(u32::MAX) };
    for k in ["records/a", "records/b"] {
        let v = block(cipher.seal(k)).unwrap();
        block(store.inner.put(k, &v)).unwrap();
    }
    // Not Ok: the caller would then throw the key away with `records/b` sealed.
    assert!(matches!(block(open_all(&store, &cipher, &["records/"])), Err(StoreError::Changed(_))));
    // Nothing lost while the lock stays on: each value is plain or opens with the key.
    assert!(sealed_keys(&store.inner).contains(&"records/b".to_string()));
    for (k, v) in block(store.inner.list("records/")).unwrap() {
        assert!(!envelope::is_sealed(&v) || block(cipher.open(&v)).is_some(), "{k}");
    }
}

// ------------------------------------------------------------ the pages ---

mod pages {
    use paix_base::components::lock_panel::{lock_panel, LockView};
    use paix_base::components::unlock_form::unlock_form;
    use paix_base::ctx::Ctx;
    use paix_base::doc::Node;
    use paix_base::i18n::Lang;
    use paix_base::lock::params::Secret;
    use paix_base::lock::{Access, Note};
    use paix_base::model::Dataset;

    fn view(access: Access, note: Option<&Note>) -> LockView<'_> {
        LockView { available: true, access, note, busy: false, idle_min: 5, secret: Secret::Pin, wait_s: 0, understood: false }
    }

    fn text(n: impl Into<Node>) -> String {
        n.into().text_content()
    }

    #[test]
    fn before_turning_it_on_the_panel_says_what_it_does_not_protect_in_both_languages() {
        let ds = Dataset::embedded();
        let fr = text(lock_panel(&Ctx::new(&ds, Lang::Fr), &view(Access::Off, None)));
        for words in ["activités non envoyées seraient perdues", "million", "phrase secrète", "rien n'est envoyé", "J'ai compris"] {
            assert!(fr.contains(words), "{words}: {fr}");
        }
        let en = text(lock_panel(&Ctx::new(&ds, Lang::En), &view(Access::Off, None)));
        assert!(en.contains("unsent activities would be lost") && en.contains("a million"), "{en}");
        // Without a secure context: why, and no form.
        let unavailable = LockView { available: false, ..view(Access::Off, None) };
        let doc: Node = lock_panel(&Ctx::new(&ds, Lang::Fr), &unavailable).into();
        assert!(doc.text_content().contains("https://"));
        assert!(doc.by_tag("form").is_empty());
    }

    #[test]
    fn open_it_offers_lock_now_idle_change_and_off_locked_only_the_unlock_form() {
        let ds = Dataset::embedded();
        let cx = Ctx::new(&ds, Lang::Fr);
        let open: Node = lock_panel(&cx, &view(Access::Open, Some(&Note::Enabled))).into();
        assert_eq!(open.by_tag("form").len(), 3, "idle, change, off");
        assert!(open.text_content().contains("Verrouiller maintenant"));
        let locked: Node = lock_panel(&cx, &view(Access::Locked, None)).into();
        assert!(locked.by_tag("form").is_empty());
        let wait = Note::Wait { ms: 29_500 };
        let form: Node = unlock_form(&cx, &LockView { wait_s: 30, ..view(Access::Locked, Some(&wait)) }, "h1").into();
        assert_eq!(form.by_tag("h1")[0].text_content(), "Application verrouillée");
        assert!(form.text_content().contains("réessayez dans 30 s"), "{}", form.text_content());
        assert!(form.by_tag("button")[0].get_attr("disabled").is_some(), "no try while waiting");
        assert_eq!(form.by_tag("input")[0].get_attr("inputmode"), Some("numeric"), "a PIN pad on phones");
    }
}
