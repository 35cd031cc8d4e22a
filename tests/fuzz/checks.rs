//! What each fuzz target asserts, for any bytes. Shared by the cargo-fuzz
//! targets (`fuzz/fuzz_targets/`, run by `make fuzz`) and by
//! `tests/fuzz_regressions.rs`, which replays every input that once found a
//! problem (`tests/fuzz/regressions/<target>/`) in plain `cargo test`.
//!
//! Beyond « never panics »: what is accepted reads back the same after it
//! is written out, and every refusal can be said in both languages.

use paix_base::ctx::Ctx;
use paix_base::i18n::Lang;
use paix_base::journal::check::check;
use paix_base::journal::export::{csv_cells, plan_import};
use paix_base::journal::state::Stored;
use paix_base::journal::{Activity, Draft};
use paix_base::model::Dataset;
use paix_base::pages;
use paix_base::storage::dataset_cache;
use paix_base::sync::config::{from_fragment, to_fragment, Settings};

/// A target's checks, for any bytes.
pub type Check = fn(&[u8]);

/// The targets, by name (the folder names under `regressions/`).
pub const TARGETS: [(&str, Check); 3] = [("dataset", dataset), ("record", record), ("sync_link", sync_link)];

/// A dataset (downloaded, chosen as a file, or read back from the cache):
/// parse and validate; a valid one writes out and reads back equal, and
/// every page of every record in it renders.
pub fn dataset(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = dataset_cache::decode(text).map_or(text, |(_, inner)| inner);
    // The one typed pass and the field-by-field reading agree.
    assert_eq!(Dataset::from_json(text), Dataset::from_json_by_fields(text));
    match Dataset::from_json_validated(text) {
        Ok(ds) => {
            let again = Dataset::from_json_validated(&ds.to_json()).expect("a valid dataset reads back once written");
            assert_eq!(again, ds);
            for lang in Lang::ALL {
                let cx = Ctx::new(&ds, lang);
                let _ = (pages::regions::page(&cx), pages::organisations::page(&cx), pages::logframe::page(&cx), pages::about::page(&cx));
                ds.projects.iter().for_each(|p| drop(pages::project::page(&cx, &p.id)));
                ds.organisations.iter().for_each(|o| drop(pages::organisation::page(&cx, &o.id)));
                ds.regions.iter().for_each(|r| drop(pages::region::page(&cx, &r.id)));
                // The reporting pages, over all projects (sums, timeline).
                let q = paix_base::model::ProjectQuery::default();
                let _ = (pages::report::page(&cx, &q), pages::challenges::page(&cx, &q), pages::lessons::page(&cx, &q));
                let _ = (pages::recommendations::page(&cx, &q), pages::timeline::page(&cx, &q));
            }
        }
        Err(problems) => {
            for p in problems {
                assert!(!p.message(Lang::Fr).is_empty() && !p.message(Lang::En).is_empty(), "{p:?}");
            }
        }
    }
}

/// A record: as stored on the phone (with its state, or as a draft), as
/// sent, or in an export file being imported.
pub fn record(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = serde_json::from_str::<Stored>(text);
    let _ = serde_json::from_str::<Draft>(text);
    if let Ok(a) = Activity::from_json(text) {
        let errors = check(&a);
        for e in &errors {
            assert!(!e.message(Lang::Fr).is_empty() && !e.message(Lang::En).is_empty());
        }
        let json = a.to_json();
        let back = Activity::from_json(&json).expect("a record reads back once written");
        // What the app stores and sends (a valid record) reads back equal
        // and writes out as the same text: the endpoint's idempotency key
        // always comes with the same body.
        if errors.is_empty() {
            assert_eq!(back, a);
            assert_eq!(back.to_json(), json);
        }
        let _ = csv_cells(&a);
    }
    if let Ok(plan) = plan_import(text, |_| None) {
        for (_, why) in plan.invalid {
            assert!(!why.message(Lang::Fr).is_empty());
        }
    }
}

/// A configuration link's fragment (`#endpoint=…&mode=…`): accepted
/// settings write out to a link that gives the same settings back.
pub fn sync_link(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(s) = from_fragment(text, &Settings::default_for("https://paix.exemple.ml")) {
        let again = from_fragment(&to_fragment(&s, true), &Settings::default_for("https://paix.exemple.ml")).expect("a link the app wrote reads back");
        assert_eq!(again, s);
    }
}
