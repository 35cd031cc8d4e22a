//! Parsing and validation: one test per rule, on a small valid dataset
//! broken in one place; every problem is reported at once, with its path.
use paix_base::i18n::Lang;
use paix_base::model::refresh::{self, Outcome};
use paix_base::model::*;
use serde_json::{json, Value};

fn t(fr: &str, en: &str) -> Value {
    json!({ "fr": fr, "en": en })
}

/// A small dataset that breaks no rule.
fn valid_json() -> Value {
    json!({
        "schema_version": 1,
        "revision": 3,
        "programme": {
            "name": t("Programme d'essai", "Test programme"),
            "funder": t("Bailleur", "Funder"),
            "funding_instrument": t("Instrument", "Instrument"),
            "implementing_partners": [{ "name": "Partenaire", "role": t("Chef de file", "Lead") }],
            "periods": [
                { "id": "grants", "label": t("Subventions", "Grants"), "start": "2018-01-01", "end": "2019-04-30" },
                { "id": "ceremony", "label": t("Clôture", "Closing"), "start": "2019-04-30", "end": "2019-04-30", "place": "Bamako" }
            ],
            "logframe": {
                "id": "1000", "level": "global_objective", "sample": false,
                "text": { "fr": "Objectif", "en": "Objective", "translated": "en" },
                "children": [{
                    "id": "1100", "level": "intermediate_outcome", "sample": true, "text": t("Résultat", "Outcome"),
                    "children": [{
                        "id": "1110", "level": "immediate_outcome", "sample": true, "text": t("Immédiat", "Immediate"),
                        "indicators": ["trained"],
                        "children": [{ "id": "1111", "level": "output", "sample": true, "text": t("Extrant", "Output"), "indicators": ["sessions"] }]
                    }]
                }]
            }
        },
        "indicators": [
            { "id": "trained", "label": t("Formés", "Trained"), "unit": "people", "disaggregation": ["sex", "age"] },
            { "id": "sessions", "label": t("Séances", "Sessions"), "unit": "sessions" },
            { "id": "share", "label": t("Part", "Share"), "unit": "percent" }
        ],
        "regions": [
            { "id": "ML04", "name": "Ségou", "in_scope": true, "cercles": [{ "id": "ML0404", "name": "Niono" }, { "id": "ML0406", "name": "Ségou" }] },
            { "id": "ML05", "name": "Mopti", "in_scope": true, "cercles": [{ "id": "ML0501", "name": "Bandiagara" }] },
            { "id": "ML09", "name": "Bamako", "in_scope": false, "cercles": [{ "id": "ML0901", "name": "Bamako" }] }
        ],
        "organisations": [
            { "id": "a", "name": "Association Exemple A", "acronym": "AEA", "kind": "association", "home_region": "ML04",
              "regions": ["ML04"], "contact": { "email": "a@example.org" }, "sample": true },
            { "id": "b", "name": "Radio Exemple B", "kind": "community_radio", "home_region": "ML05", "sample": true },
            { "id": "c", "name": "Réseau Exemple C", "acronym": "REC", "kind": "youth_network", "home_region": "ML09",
              "regions": ["ML04", "ML05"], "sample": true }
        ],
        "projects": [
            {
                "id": "p1", "title": t("Dialogue à Niono", "Dialogue in Niono"), "summary": t("Résumé.", "Summary."),
                "theme": "intercommunity_dialogue", "regions": ["ML04"], "cercles": ["ML0404"], "communes": ["Niono"],
                "lead": "a", "partners": ["c"], "start": "2018-02-01", "end": "2019-03-31",
                "budget": { "amount": 1000000, "currency": "XOF" },
                "results": [
                    { "indicator": "trained",
                      "target": { "total": 10, "women": 4, "men": 6, "youth": 5, "other": 5 },
                      "achieved": { "total": 12, "women": 5, "men": 7, "youth": 6, "other": 6 } },
                    { "indicator": "sessions", "target": { "total": 3 }, "achieved": { "total": 4 } }
                ],
                "challenges": [{ "challenge": t("Défi", "Challenge"), "solution": t("Solution", "Solution") }],
                "lessons": [t("Leçon", "Lesson")],
                "recommendations": [{ "text": t("Reco", "Rec"), "audience": "donors" }, { "text": t("Autre", "Other") }],
                "sample": true
            },
            {
                "id": "p2", "title": t("Radio à Mopti", "Radio in Mopti"), "summary": t("Résumé.", "Summary."),
                "theme": "radio_media", "regions": ["ML05"], "lead": "b", "partners": [],
                "start": "2018-03-01", "end": "2019-04-30",
                "results": [
                    { "indicator": "sessions", "target": { "total": 2 }, "achieved": { "total": 1 } },
                    { "indicator": "share", "target": { "total": 40 }, "achieved": { "total": 35 } }
                ],
                "sample": true
            }
        ]
    })
}

fn valid() -> Dataset {
    Dataset::from_json(&valid_json().to_string()).expect("the helper dataset parses")
}

/// Asserts that `problems` holds one of `kind` at `path`.
#[track_caller]
fn assert_problem(problems: &[Problem], kind: ProblemKind, path: &str) {
    assert!(
        problems.iter().any(|p| p.kind == kind && p.path == path),
        "expected {kind:?} at {path}, got:\n{}",
        problems.iter().map(|p| format!("  {:?} {p}", p.kind)).collect::<Vec<_>>().join("\n")
    );
}

/// Validates `ds` and asserts exactly one problem, of `kind` at `path`.
#[track_caller]
fn assert_only(ds: &Dataset, kind: ProblemKind, path: &str) {
    let problems = validate(ds);
    assert_problem(&problems, kind, path);
    assert_eq!(problems.len(), 1, "{problems:#?}");
}

#[test]
fn helper_dataset_is_valid() {
    assert_eq!(validate(&valid()), vec![]);
}

#[test]
fn serde_round_trip() {
    let ds = valid();
    let json = ds.to_json();
    assert_eq!(Dataset::from_json(&json).unwrap(), ds);
    let embedded = Dataset::embedded();
    assert_eq!(Dataset::from_json(&embedded.to_json()).unwrap(), embedded);
    // Optional values survive.
    assert_eq!(ds.projects[0].communes, ["Niono"]);
    assert_eq!(ds.projects[0].recommendations[0].audience, Some(Audience::Donors));
    assert!(ds.programme.objective().is_translation(Lang::En));
}

#[test]
fn syntax_error_is_a_problem() {
    let problems = Dataset::from_json("{\"schema_version\": 1,").unwrap_err();
    assert_problem(&problems, ProblemKind::Syntax, "");
    assert!(problems[0].message(Lang::Fr).contains("ligne 1"));
    assert!(problems[0].message(Lang::En).contains("line 1"));
}

#[test]
fn shape_errors_are_reported_per_item_and_all_at_once() {
    let mut v = valid_json();
    v["projects"][1].as_object_mut().unwrap().remove("lead");
    v["organisations"][0]["kind"] = json!("club");
    v["regions"] = json!({});
    v["revision"] = json!("three");
    let problems = Dataset::from_json(&v.to_string()).unwrap_err();
    assert_problem(&problems, ProblemKind::Shape, "projects[1]");
    assert_problem(&problems, ProblemKind::Shape, "organisations[0]");
    assert_problem(&problems, ProblemKind::Shape, "regions");
    assert_problem(&problems, ProblemKind::Shape, "revision");
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems.iter().any(|p| p.message(Lang::En).contains("lead")));
}

#[test]
fn unknown_fields_at_every_level_are_ignored() {
    // A newer minor version of the format adds fields: an older app must
    // still read the data (it keeps the text as received).
    let mut v = valid_json();
    v["published_by"] = json!("server 2.0");
    v["programme"]["website"] = json!("https://example.org");
    v["programme"]["periods"][0]["note"] = json!({"any": ["thing"]});
    v["indicators"][0]["baseline"] = json!(12);
    v["regions"][0]["population"] = json!(2_000_000);
    v["regions"][0]["cercles"][0]["area_km2"] = json!(1.5);
    v["organisations"][0]["founded"] = json!(1999);
    v["organisations"][0]["contact"]["fax"] = json!("none");
    v["projects"][0]["photos"] = json!([]);
    v["projects"][0]["title"]["bm"] = json!("Bamanankan");
    v["projects"][0]["results"][0]["target"]["disabled"] = json!(3);
    v["projects"][0]["results"][0]["note"] = json!("x");
    v["projects"][0]["challenges"][0]["owner"] = json!("x");
    v["projects"][0]["recommendations"][0]["priority"] = json!(1);
    v["programme"]["logframe"]["owner"] = json!("x");
    let ds = Dataset::from_json(&v.to_string()).expect("unknown fields are ignored");
    assert_eq!(ds, valid(), "and change nothing that is read");
    assert!(validate(&ds).is_empty());
}

#[test]
fn newer_schema_version_is_refused_alone_and_named_as_newer() {
    let mut v = valid_json();
    v["schema_version"] = json!(2);
    v["projects"] = json!("not even a list");
    let problems = Dataset::from_json(&v.to_string()).unwrap_err();
    assert_eq!(problems.len(), 1, "nothing else is read: {problems:#?}");
    assert_problem(&problems, ProblemKind::NewerSchema, "schema_version");
    assert!(problems[0].message(Lang::En).contains("update the app"), "{problems:#?}");
    assert!(problems[0].message(Lang::Fr).contains("mettez l'application à jour"), "{problems:#?}");
}

#[test]
fn unknown_or_missing_schema_version_is_refused() {
    let mut v = valid_json();
    v["schema_version"] = json!("1.2");
    v["projects"] = json!("not even a list");
    let problems = Dataset::from_json(&v.to_string()).unwrap_err();
    assert_eq!(problems.len(), 1, "nothing else is read: {problems:#?}");
    assert_problem(&problems, ProblemKind::SchemaVersion, "schema_version");
    v["schema_version"] = json!(0);
    assert_problem(&Dataset::from_json(&v.to_string()).unwrap_err(), ProblemKind::SchemaVersion, "schema_version");
    v.as_object_mut().unwrap().remove("schema_version");
    assert_problem(
        &Dataset::from_json(&v.to_string()).unwrap_err(),
        ProblemKind::SchemaVersion,
        "schema_version",
    );
    let mut ds = valid();
    ds.schema_version = 2;
    assert_only(&ds, ProblemKind::SchemaVersion, "schema_version");
}

#[test]
fn ids_are_unique_per_kind() {
    let mut ds = valid();
    ds.projects[1].id = "p1".into();
    assert_only(&ds, ProblemKind::DuplicateId, "projects[1].id");

    let mut ds = valid();
    ds.organisations[2].id = "a".into();
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::DuplicateId, "organisations[2].id");

    let mut ds = valid();
    ds.regions[2].id = "ML05".into();
    assert_problem(&validate(&ds), ProblemKind::DuplicateId, "regions[2].id");

    let mut ds = valid();
    ds.regions[1].cercles[0].id = "ML0404".into();
    assert_only(&ds, ProblemKind::DuplicateId, "regions[1].cercles[0].id");

    let mut ds = valid();
    ds.indicators[2].id = "sessions".into();
    assert_problem(&validate(&ds), ProblemKind::DuplicateId, "indicators[2].id");

    let mut ds = valid();
    ds.programme.logframe.children[0].children[0].id = "1100".into();
    assert_only(&ds, ProblemKind::DuplicateId, "programme.logframe.children[0].children[0].id");
}

#[test]
fn every_reference_resolves() {
    let mut ds = valid();
    ds.projects[0].lead = "zz".into();
    ds.projects[0].partners = vec!["yy".into()];
    ds.projects[0].results[1].indicator = "nope".into();
    ds.projects[1].regions = vec!["ML99".into()];
    ds.projects[1].cercles = vec!["ML9999".into()];
    ds.organisations[1].home_region = "ML42".into();
    ds.organisations[2].regions.push("ML43".into());
    ds.programme.logframe.children[0].indicators = vec!["ghost".into()];
    let problems = validate(&ds);
    for path in [
        "projects[0].lead",
        "projects[0].partners[0]",
        "projects[0].results[1].indicator",
        "projects[1].regions[0]",
        "projects[1].cercles[0]",
        "organisations[1].home_region",
        "organisations[2].regions[2]",
        "programme.logframe.children[0].indicators[0]",
    ] {
        assert_problem(&problems, ProblemKind::UnknownReference, path);
    }
    assert_eq!(problems.len(), 8, "{problems:#?}");
}

#[test]
fn a_reference_is_not_repeated() {
    let mut ds = valid();
    ds.projects[0].partners = vec!["c".into(), "a".into(), "c".into()];
    ds.projects[0].results[1].indicator = "trained".into();
    ds.projects[0].results[1].target = ds.projects[0].results[0].target;
    ds.projects[0].results[1].achieved = ds.projects[0].results[0].achieved;
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::Repeated, "projects[0].partners[1]"); // the lead
    assert_problem(&problems, ProblemKind::Repeated, "projects[0].partners[2]");
    assert_problem(&problems, ProblemKind::Repeated, "projects[0].results[1].indicator");
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

#[test]
fn a_project_has_a_region_and_a_lead() {
    let mut ds = valid();
    ds.projects[1].regions.clear();
    ds.projects[1].lead.clear();
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::Missing, "projects[1].regions");
    assert_problem(&problems, ProblemKind::Missing, "projects[1].lead");
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

#[test]
fn the_grants_period_is_required() {
    let mut ds = valid();
    ds.programme.periods.retain(|p| p.id != Period::GRANTS);
    assert_only(&ds, ProblemKind::Missing, "programme.periods");
}

#[test]
fn a_project_cercle_lies_in_one_of_its_regions() {
    let mut ds = valid();
    ds.projects[0].cercles.push("ML0501".into()); // Bandiagara, Mopti
    assert_only(&ds, ProblemKind::CercleOutsideRegions, "projects[0].cercles[1]");
    ds.projects[0].regions.push("ML05".into());
    assert!(validate(&ds).is_empty());
}

#[test]
fn projects_only_in_programme_regions() {
    let mut ds = valid();
    ds.projects[1].regions = vec!["ML09".into()];
    assert_only(&ds, ProblemKind::OutOfScope, "projects[1].regions[0]");
    // An organisation may be based outside the programme's regions.
    assert_eq!(ds.organisations[2].home_region, "ML09");
}

#[test]
fn dates_are_ordered() {
    let mut ds = valid();
    ds.projects[0].start = "2019-03-01".parse().unwrap();
    ds.projects[0].end = "2018-06-30".parse().unwrap();
    ds.programme.periods[1].end = "2019-04-29".parse().unwrap();
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::DateOrder, "projects[0].end");
    assert_problem(&problems, ProblemKind::DateOrder, "programme.periods[1].end");
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

#[test]
fn project_dates_inside_the_grants_period() {
    let mut ds = valid();
    ds.projects[0].start = "2017-12-31".parse().unwrap();
    ds.projects[1].end = "2019-05-01".parse().unwrap();
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::OutsidePeriod, "projects[0].start");
    assert_problem(&problems, ProblemKind::OutsidePeriod, "projects[1].end");
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

#[test]
fn counts_and_amounts_are_not_negative() {
    let mut ds = valid();
    let achieved = &mut ds.projects[0].results[0].achieved;
    achieved.women = Some(-1);
    achieved.men = Some(13); // still adds up: -1 + 13 = 12
    ds.projects[0].results[1].target.total = -3;
    ds.projects[0].budget.as_mut().unwrap().amount = -5;
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::Negative, "projects[0].results[0].achieved.women");
    assert_problem(&problems, ProblemKind::Negative, "projects[0].results[1].target.total");
    assert_problem(&problems, ProblemKind::Negative, "projects[0].budget.amount");
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

#[test]
fn percentages_are_at_most_100() {
    let mut ds = valid();
    ds.projects[1].results[1].achieved.total = 101;
    assert_only(&ds, ProblemKind::OutOfRange, "projects[1].results[1].achieved.total");
    ds.projects[1].results[1].achieved.total = 100;
    assert!(validate(&ds).is_empty());
}

#[test]
fn breakdowns_add_up_to_the_total() {
    let mut ds = valid();
    ds.projects[0].results[0].target.women = Some(5); // 5 + 6 ≠ 10
    ds.projects[0].results[0].achieved.youth = Some(2); // 2 + 6 ≠ 12
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::DisaggregationSum, "projects[0].results[0].target");
    assert_problem(&problems, ProblemKind::DisaggregationSum, "projects[0].results[0].achieved");
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].message(Lang::En).contains("women (5) + men (6) = 11 ≠ total (10)"));
}

#[test]
fn breakdowns_present_exactly_when_the_indicator_has_them() {
    let mut ds = valid();
    ds.projects[0].results[0].achieved.men = None;
    ds.projects[0].results[1].target.women = Some(1);
    ds.indicators[2].disaggregation = vec![Axis::Sex];
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::Disaggregation, "projects[0].results[0].achieved.men");
    assert_problem(&problems, ProblemKind::Disaggregation, "projects[0].results[1].target.women");
    assert_problem(&problems, ProblemKind::Disaggregation, "indicators[2].disaggregation");
    // The percent indicator now asks for women/men that p2 does not give.
    assert_problem(&problems, ProblemKind::Disaggregation, "projects[1].results[1].target.women");
    assert_eq!(problems.len(), 3 + 4, "{problems:#?}");
}

#[test]
fn required_texts_are_not_empty_in_either_language() {
    let mut ds = valid();
    ds.projects[0].title.en = "  ".into();
    ds.projects[1].summary.fr.clear();
    ds.organisations[0].name.clear();
    ds.indicators[0].label.fr.clear();
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::EmptyText, "projects[0].title.en");
    assert_problem(&problems, ProblemKind::EmptyText, "projects[1].summary.fr");
    assert_problem(&problems, ProblemKind::EmptyText, "organisations[0].name");
    assert_problem(&problems, ProblemKind::EmptyText, "indicators[0].label.fr");
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

#[test]
fn text_lengths_are_bounded() {
    let mut ds = valid();
    ds.projects[0].title.fr = "é".repeat(MAX_TITLE); // characters, not bytes
    ds.projects[0].summary.en = "s".repeat(MAX_SUMMARY);
    ds.projects[0].lessons[0].fr = "l".repeat(MAX_TEXT);
    assert!(validate(&ds).is_empty(), "limits are inclusive");
    ds.projects[0].title.fr.push('é');
    ds.projects[0].summary.en.push('s');
    ds.projects[0].lessons[0].fr.push('l');
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::TooLong, "projects[0].title.fr");
    assert_problem(&problems, ProblemKind::TooLong, "projects[0].summary.en");
    assert_problem(&problems, ProblemKind::TooLong, "projects[0].lessons[0].fr");
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

#[test]
fn ids_currency_and_email_are_well_formed() {
    let mut ds = valid();
    ds.organisations[1].id = "radio b".into();
    ds.projects[1].lead = "radio b".into();
    ds.projects[0].budget.as_mut().unwrap().currency = "fcfa".into();
    ds.organisations[0].contact.as_mut().unwrap().email = Some("a.example.org".into());
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::Format, "organisations[1].id");
    assert_problem(&problems, ProblemKind::Format, "projects[0].budget.currency");
    assert_problem(&problems, ProblemKind::Format, "organisations[0].contact.email");
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

#[test]
fn logframe_levels_follow_the_hierarchy() {
    let mut ds = valid();
    ds.programme.logframe.children[0].children[0].level = Level::Output;
    let problems = validate(&ds);
    // The immediate outcome became an output: wrong level, and outputs have no children.
    assert_problem(
        &problems,
        ProblemKind::LogframeLevel,
        "programme.logframe.children[0].children[0].level",
    );
    assert_problem(
        &problems,
        ProblemKind::LogframeLevel,
        "programme.logframe.children[0].children[0].children",
    );
    assert_eq!(problems.len(), 2, "{problems:#?}");
    let mut ds = valid();
    ds.programme.logframe.level = Level::IntermediateOutcome;
    assert_problem(&validate(&ds), ProblemKind::LogframeLevel, "programme.logframe.level");
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut ds = valid();
    ds.projects[0].title.fr.clear();
    ds.projects[0].lead = "zz".into();
    ds.projects[1].regions = vec!["ML09".into()];
    ds.projects[1].results[0].achieved.total = -1;
    ds.indicators[1].id = "trained".into();
    let problems = validate(&ds);
    assert_problem(&problems, ProblemKind::EmptyText, "projects[0].title.fr");
    assert_problem(&problems, ProblemKind::UnknownReference, "projects[0].lead");
    assert_problem(&problems, ProblemKind::OutOfScope, "projects[1].regions[0]");
    assert_problem(&problems, ProblemKind::DuplicateId, "indicators[1].id");
    assert!(problems.len() >= 5, "{problems:#?}");
    for p in &problems {
        let (fr, en) = (p.message(Lang::Fr), p.message(Lang::En));
        assert!(!fr.is_empty() && !en.is_empty() && !p.path.is_empty(), "{p:?}");
        assert_ne!(fr, en, "French and English differ: {p:?}");
    }
    // from_json_validated refuses the same document.
    let err = Dataset::from_json_validated(&ds.to_json()).unwrap_err();
    assert_eq!(err, problems);
}

/// Every problem a badly broken document can give, from each stage: the
/// syntax, the schema version, the shape (one of each serde error class) and
/// the content rules.
fn problems_of_every_kind() -> Vec<Problem> {
    let mut all = Vec::new();
    // Syntax: cut short, a missing comma, trailing text, a bad escape, a
    // control character, a missing colon, an unquoted key, a trailing comma.
    for text in [
        "{\"schema_version\": 1,",
        "{\"a\": 1\n \"b\": 2}",
        "{} x",
        "\"\\q\"",
        "\"a\u{1}\"",
        "{\"a\" 1}",
        "{a: 1}",
        "[1,]",
        "[1 2]",
        "",
    ] {
        all.extend(Dataset::from_json(text).unwrap_err());
    }
    // Not an object; schema version missing, unsupported, newer.
    all.extend(Dataset::from_json("[]").unwrap_err());
    for version in [json!(null), json!("1.2"), json!(0), json!(2)] {
        let mut v = valid_json();
        if version.is_null() {
            v.as_object_mut().unwrap().remove("schema_version");
        } else {
            v["schema_version"] = version;
        }
        all.extend(Dataset::from_json(&v.to_string()).unwrap_err());
    }
    // Shape: one serde error class per item.
    let mut v = valid_json();
    v["revision"] = json!("three"); // invalid type (string for u32)
    v["programme"]["name"] = json!(null); // invalid type (null for struct Text)
    v.as_object_mut().unwrap().remove("indicators"); // top-level field missing
    v["regions"] = json!({}); // not a list
    v["organisations"][0]["kind"] = json!("club"); // unknown variant
    v["organisations"][1]["sample"] = json!(1); // invalid type (integer for a boolean)
    v["organisations"][2]["regions"] = json!({}); // invalid type (map for a sequence)
    v["projects"][0]["start"] = json!("2018-13-01"); // invalid value (not a date)
    v["projects"][1].as_object_mut().unwrap().remove("lead"); // missing field
    let good = || valid_json()["projects"][1].clone();
    let mut extra = |edit: &dyn Fn(&mut Value)| {
        let mut p = good();
        edit(&mut p);
        v["projects"].as_array_mut().unwrap().push(p);
    };
    extra(&|p| p["results"][0]["target"] = json!([1, 2, 3, 4, 5])); // invalid type (a list for an object)
    extra(&|p| p["results"][0]["target"]["total"] = json!(1.5)); // invalid type (float for i64)
    extra(&|p| p["title"]["translated"] = json!("de")); // unknown variant (2 choices)
    extra(&|p| p["theme"] = json!(4)); // invalid type (integer for an enum)
    all.extend(Dataset::from_json(&v.to_string()).unwrap_err());
    let mut v = valid_json();
    v["revision"] = json!(-1); // invalid value (negative u32)
    all.extend(Dataset::from_json(&v.to_string()).unwrap_err());
    // Content: many rules at once.
    let mut ds = valid();
    ds.projects[0].title.fr.clear();
    ds.projects[0].summary.en = "s".repeat(MAX_SUMMARY + 1);
    ds.projects[0].lead = "zz".into();
    ds.projects[0].partners = vec!["c".into(), "c".into(), "yy".into()];
    ds.projects[0].cercles.push("ML0501".into());
    ds.projects[0].cercles.push("ML9999".into());
    ds.projects[0].start = "2017-12-31".parse().unwrap();
    ds.projects[0].budget.as_mut().unwrap().amount = -5;
    ds.projects[0].budget.as_mut().unwrap().currency = "fcfa".into();
    ds.projects[0].results[0].target.women = Some(5);
    ds.projects[0].results[0].achieved.men = None;
    ds.projects[0].results[1].target.women = Some(1);
    ds.projects[0].results[1].indicator = "nope".into();
    ds.projects[1].regions = vec!["ML09".into(), "ML77".into()];
    ds.projects[1].lead.clear();
    ds.projects[1].start = "2019-03-01".parse().unwrap();
    ds.projects[1].end = "2018-06-30".parse().unwrap();
    ds.projects[1].results[1].achieved.total = 101;
    ds.organisations[1].id = "radio b".into();
    ds.organisations[0].contact.as_mut().unwrap().email = Some("a.example.org".into());
    ds.organisations[2].home_region = "ML42".into();
    ds.indicators[1].id = "trained".into();
    ds.indicators[2].disaggregation = vec![Axis::Sex, Axis::Sex];
    ds.programme.logframe.children[0].children[0].level = Level::Output;
    ds.programme.logframe.children[0].indicators = vec!["ghost".into()];
    ds.programme.periods.retain(|p| p.id != Period::GRANTS);
    ds.schema_version = 3;
    all.extend(validate(&ds));
    let mut ds = valid();
    ds.projects[1].regions.clear();
    ds.projects[0].end = "2019-05-01".parse().unwrap(); // outside the grants period
    all.extend(validate(&ds));
    // Not UTF-8.
    let Outcome::Kept(f) = refresh::after_import(&refresh::Meta::embedded(), 1, "x.json", None, 0) else { panic!() };
    all.extend(f.problems().iter().cloned());
    all
}

#[test]
fn every_problem_reads_in_french_without_serde_english_and_in_english() {
    let all = problems_of_every_kind();
    let keys: std::collections::HashSet<&str> = all.iter().map(|p| p.msg.key()).collect();
    // Each stage and each serde class was reached, none fell back.
    for key in [
        "v_json_syntax",
        "v_shape_not_object",
        "v_schema_missing",
        "v_schema_unsupported",
        "v_schema_newer",
        "v_shape_missing_field",
        "v_shape_not_list",
        "v_shape_unknown_variant",
        "v_shape_invalid_type",
        "v_shape_invalid_value",
        "v_not_utf8",
    ] {
        assert!(keys.contains(key), "{key} not reached: {keys:?}");
    }
    assert!(!keys.contains("v_shape_other"), "a serde message was not classified: {all:#?}");
    let kinds: std::collections::HashSet<ProblemKind> = all.iter().map(|p| p.kind).collect();
    assert_eq!(kinds.len(), 20, "every kind of problem: {kinds:?}");

    let placeholder = |s: &str| {
        s.split('{').skip(1).any(|r| r.split_once('}').is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_lowercase() || c == '_')))
    };
    for p in &all {
        let (fr, en) = (p.message(Lang::Fr), p.message(Lang::En));
        for english in ["invalid type", "expected", "missing field", "unknown variant", "eof", "invalid value", "invalid length", " at line "] {
            assert!(!fr.to_lowercase().contains(english), "English {english:?} in French: {fr} ({p:?})");
        }
        assert!(!en.trim().is_empty(), "{p:?}");
        assert!(!placeholder(&fr) && !placeholder(&en), "unfilled placeholder: {fr} / {en}");
        assert_eq!(p.to_string(), if p.path.is_empty() { en.clone() } else { format!("{}: {en}", p.path) });
    }
}

#[test]
fn syntax_errors_give_a_french_category_not_serde_words() {
    let fr = |text: &str| Dataset::from_json(text).unwrap_err()[0].message(Lang::Fr);
    assert_eq!(
        fr("{\"schema_version\": 1,"),
        "JSON invalide (ligne 1, colonne 21)\u{202f}: le texte s'arrête avant la fin du JSON (fichier tronqué\u{202f}?)"
    );
    assert!(fr("{} x").ends_with(": du texte suit la fin du JSON"));
    assert!(fr("\"a\u{1}\"").contains("caractère de contrôle"));
    assert!(fr("\"\\q\"").contains("séquence d'échappement invalide"));
    assert!(fr("[1 2]").contains("«\u{a0},\u{a0}» ou «\u{a0}]\u{a0}» est attendu dans la liste"));
    let en = Dataset::from_json("[1,]").unwrap_err()[0].message(Lang::En);
    assert_eq!(en, "Invalid JSON (line 1, column 4): extra comma before the end of the list or object");
}

#[test]
fn shape_errors_name_fields_and_values_in_french() {
    let mut v = valid_json();
    v["organisations"][0]["kind"] = json!("club");
    v["projects"][1].as_object_mut().unwrap().remove("lead");
    v["revision"] = json!("three");
    v["projects"][0]["end"] = json!("2019-02-30");
    let problems = Dataset::from_json(&v.to_string()).unwrap_err();
    let fr = |path: &str| problems.iter().find(|p| p.path == path).unwrap().message(Lang::Fr);
    assert_eq!(fr("projects[1]"), "Forme inattendue\u{202f}: champ «\u{a0}lead\u{a0}» manquant");
    assert!(fr("organisations[0]").starts_with("Valeur «\u{a0}club\u{a0}» inconnue\u{202f}; valeurs possibles\u{202f}: association, womens_group,"));
    assert_eq!(fr("revision"), "Type inattendu\u{202f}: la chaîne \"three\"\u{202f}; attendu\u{202f}: un entier positif ou nul (u32)");
    assert_eq!(fr("projects[0]"), "Valeur inattendue\u{202f}: la chaîne \"2019-02-30\"\u{202f}; attendu\u{202f}: une date AAAA-MM-JJ");
}
