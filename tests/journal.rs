//! The activity journal's core on the host: the wire format and its v1
//! fixture, the OpenAPI schema against the Rust type, one test per rule of
//! the form, the record state machine, the journal's list, CSV and import.
use chrono::NaiveDate;
use paix_base::i18n::Lang;
use paix_base::journal::check::{check, is_offset, is_utc_time, is_uuid, parse_hh_mm};
use paix_base::journal::export::{csv_field, plan_import, to_csv, to_json, ImportError, COLUMNS};
use paix_base::journal::form::{correction_of, correction_start, edit_of, edit_start, new_draft, participants, projects_for, regions_for, validate, Context};
use paix_base::journal::list::{listing, unsent, Filter, Row, PAGE};
use paix_base::journal::record::RECORD_SCHEMA_VERSION;
use paix_base::journal::state::{sent_older_than, Delete, Receipt, State, Status, Stored};
use paix_base::journal::{Activity, ActivityType, Attachment, Author, Draft, Field, Position};
use paix_base::model::Dataset;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const FIXTURE: &str = include_str!("fixtures/record-v1.json");
const OPENAPI: &str = include_str!("../api/openapi.json");
const NOW: &str = "2026-12-01T10:00:00Z";

fn fixture() -> Activity {
    Activity::from_json(FIXTURE).expect("the v1 fixture reads")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn author() -> Author {
    Author { name: "Aminata Traoré".into(), cso: "osc-01".into(), phone: String::new() }
}

/// A draft that validates, for the embedded data's first project.
fn good_draft() -> Draft {
    Draft {
        id: "3f6c1a52-9b0e-4d7a-8e21-5c4b9d0a7e13".into(),
        created_at: NOW.into(),
        updated_at: NOW.into(),
        project: "prj-01".into(),
        region: "ML01".into(),
        cercle: "ML0105".into(),
        locality: "Kita".into(),
        date: "2026-11-29".into(),
        start_time: "09:30".into(),
        duration_min: "150".into(),
        activity_type: "mediation".into(),
        indicators: vec!["ind-disputes".into()],
        title: "Médiation foncière".into(),
        description: "Deux familles, un champ.".into(),
        women: "4".into(),
        men: " 6 ".into(),
        young_women: "1".into(),
        young_men: "2".into(),
        disabled: "".into(),
        ..Draft::default()
    }
}

fn run(d: &Draft) -> Result<Activity, Vec<(Field, String)>> {
    let ds = Dataset::embedded();
    let a = author();
    let cx = Context { ds: &ds, today: today(), now: NOW, utc_offset: "+00:00", author: &a, device_id: "dev-1" };
    validate(d, &cx).map_err(|errors| errors.iter().map(|e| (e.field, e.message(Lang::Fr))).collect())
}

/// The fields the draft's errors point at.
fn fields(d: &Draft) -> Vec<Field> {
    run(d).err().unwrap_or_default().into_iter().map(|(f, _)| f).collect()
}

// ------------------------------------------------------------ wire format ---

#[test]
fn the_v1_fixture_reads_checks_and_round_trips() {
    let a = fixture();
    assert_eq!(a.schema_version, RECORD_SCHEMA_VERSION);
    assert_eq!(a.project, "prj-01");
    assert_eq!(a.participants.total, 36);
    assert_eq!(a.position, Some(Position { lat: 13.0449, lon: -9.4895, accuracy_m: 25.0 }));
    assert_eq!(check(&a), vec![], "the fixture is valid");
    // The fixture is a record of the embedded data's first project.
    let ds = Dataset::embedded();
    assert_eq!(ds.projects[0].id, a.project);
    assert!(ds.projects[0].regions.contains(&a.region));
    let back = Activity::from_json(&a.to_json()).unwrap();
    assert_eq!(back, a);
    let v1: Value = serde_json::from_str(FIXTURE).unwrap();
    let now: Value = serde_json::from_str(&a.to_json()).unwrap();
    assert_eq!(now, v1, "writing it again gives the same JSON, field for field");
}

#[test]
fn attachments_go_through_as_they_came() {
    let mut v: Value = serde_json::from_str(FIXTURE).unwrap();
    v["attachments"] = json!([{"id": "p1", "type": "image/jpeg", "bytes": 51234, "sha256": "ab12", "caption": {"fr": "é"}}, 7]);
    let a = Activity::from_json(&v.to_string()).unwrap();
    assert_eq!(a.attachments.len(), 2);
    assert_eq!(a.attachments[1].json(), "7");
    let again: Value = serde_json::from_str(&a.to_json()).unwrap();
    assert_eq!(again, v, "written back field for field, the unknown `caption` included");
    assert_eq!(Activity::from_json(&a.to_json()).unwrap(), a);
    let mut b = a.clone();
    b.attachments[1] = Attachment::from_json("8").unwrap();
    assert_ne!(a, b, "a different attachment is a different record");
    assert!(Attachment::from_json("{").is_err());
}

#[test]
fn unknown_fields_are_ignored_and_a_newer_major_refused() {
    let mut v: Value = serde_json::from_str(FIXTURE).unwrap();
    v["photos"] = json!(["x.jpg"]);
    v["participants"]["elders"] = json!(3);
    assert_eq!(Activity::from_json(&v.to_string()).unwrap(), fixture());
    v["schema_version"] = json!(2);
    assert_eq!(Activity::from_json(&v.to_string()), Err(None));
    assert!(Activity::from_json("{").unwrap_err().is_some());
}

fn schema(name: &str) -> Value {
    let api: Value = serde_json::from_str(OPENAPI).unwrap();
    api["components"]["schemas"][name].clone()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn the_openapi_schema_matches_the_rust_type() {
    let full = fixture();
    let mut all = full.clone();
    all.corrects = Some("11111111-2222-4333-8444-555555555555".into());
    all.activity_type_other = "x".into();
    all.attachments = vec![Attachment::from_json("{}").unwrap()];
    let minimal = Activity {
        corrects: None,
        cercle: None,
        locality: String::new(),
        start_time: None,
        duration_min: None,
        activity_type_other: String::new(),
        indicators: vec![],
        description: String::new(),
        position: None,
        attachments: vec![],
        author: Author { phone: String::new(), ..full.author.clone() },
        participants: paix_base::journal::Participants { disabled: None, ..full.participants },
        ..full.clone()
    };
    let all_v: Value = serde_json::to_value(&all).unwrap();
    let min_v: Value = serde_json::to_value(&minimal).unwrap();
    for (name, path) in [("Activity", None), ("Author", Some("author")), ("Participants", Some("participants")), ("Position", Some("position"))] {
        let s = schema(name);
        let pick = |v: &Value| match path {
            Some(p) => v[p].clone(),
            None => v.clone(),
        };
        assert_eq!(keys(&pick(&all_v)), keys(&s["properties"]), "{name}: every property, and only those");
        let required: BTreeSet<String> = s["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        if name != "Position" {
            assert_eq!(keys(&pick(&min_v)), required, "{name}: what is always written is what is required");
        }
        // Each required field is needed to read a record; each optional one is not.
        for key in keys(&s["properties"]) {
            let mut v: Value = serde_json::from_str(FIXTURE).unwrap();
            v["corrects"] = json!("11111111-2222-4333-8444-555555555555");
            let target = match path {
                Some(p) => &mut v[p],
                None => &mut v,
            };
            target.as_object_mut().unwrap().remove(&key);
            let read = Activity::from_json(&v.to_string());
            // revision has a default of 1 for records written before it.
            let needed = required.contains(&key) && key != "revision";
            assert_eq!(read.is_err(), needed, "{name}.{key}: required = {needed}");
        }
    }
    let types: Vec<String> = schema("Activity")["properties"]["activity_type"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(types, ActivityType::ALL.map(|t| t.code().to_string()));
}

#[test]
fn positions_are_written_in_fixed_point() {
    use paix_base::journal::record::fixed;
    assert_eq!(fixed(13.0449, 5), "13.04490");
    assert_eq!(fixed(-9.48951, 4), "-9.4895");
    assert_eq!(fixed(-0.000004, 5), "0.00000");
    assert_eq!(fixed(24.6, 0), "25");
    assert_eq!(fixed(-0.5, 1), "-0.5");
    assert_eq!(Position { lat: 13.0449, lon: -9.4895, accuracy_m: 25.4 }.describe(), "13.04490, -9.48950 (± 25 m)");
}

#[test]
fn record_checks() {
    let a = fixture();
    let broken = |f: fn(&mut Activity)| {
        let mut b = a.clone();
        f(&mut b);
        check(&b).into_iter().map(|e| e.field).collect::<Vec<_>>()
    };
    assert_eq!(broken(|b| b.id = "not-a-uuid".into()), [Field::Record]);
    assert_eq!(broken(|b| b.created_at = "2026-11-30 09:15".into()), [Field::Record]);
    assert_eq!(broken(|b| b.utc_offset = "+0000".into()), [Field::Record]);
    assert_eq!(broken(|b| b.corrects = Some(b.id.clone())), [Field::Record]);
    assert_eq!(broken(|b| b.author.cso = String::new()), [Field::Record]);
    assert_eq!(broken(|b| b.title = "x".repeat(121)), [Field::Title]);
    assert_eq!(broken(|b| b.participants.total = 35), [Field::Total]);
    assert_eq!(broken(|b| b.participants.young_men = 23), [Field::YoungMen]);
    assert_eq!(broken(|b| b.participants.disabled = Some(37)), [Field::Disabled]);
    assert_eq!(broken(|b| b.duration_min = Some(0)), [Field::Duration]);
    assert_eq!(broken(|b| b.start_time = Some("24:00".into())), [Field::StartTime]);
    assert_eq!(broken(|b| b.position = Some(Position { lat: 91.0, lon: 0.0, accuracy_m: 1.0 })), [Field::Position]);
    assert_eq!(broken(|b| b.activity_type = ActivityType::Other), [Field::ActivityTypeOther]);
    assert_eq!(broken(|b| b.project = "prj\u{0}01".into()), [Field::Project], "a NUL");
    assert_eq!(broken(|b| b.title = "titre\u{1b}[31m".into()), [Field::Title], "an escape sequence");
    assert_eq!(broken(|b| b.description = "ligne 1\r\nligne 2\tfin".into()), Vec::<Field>::new(), "line breaks and tabs in a text");
    // What PostgreSQL would refuse for the whole batch: an index key over its limit.
    assert_eq!(broken(|b| b.project = "a".repeat(3000)), [Field::Project]);
    assert_eq!(broken(|b| b.region = "ML".repeat(61)), [Field::Region]);
    assert_eq!(broken(|b| b.cercle = Some("c".repeat(121))), [Field::Cercle]);
    // …and a year 0, which no record reads with.
    let year0 = FIXTURE.replacen(&format!("\"date\": \"{}\"", paix_base::model::date::format(a.date)), "\"date\": \"0000-01-01\"", 1);
    assert_ne!(year0, FIXTURE, "the fixture's date was replaced");
    assert!(Activity::from_json(&year0).is_err());
    assert_eq!(paix_base::model::date::parse("0001-01-01").map(paix_base::model::date::format).as_deref(), Some("0001-01-01"));
    assert!(is_uuid("3F6C1A52-9B0E-4D7A-8E21-5C4B9D0A7E13"));
    assert!(is_utc_time("2026-11-30T09:15:00.123Z") && !is_utc_time("2026-02-30T09:15:00Z"));
    assert!(is_offset("-05:30") && !is_offset("+15:00"));
    assert_eq!(parse_hh_mm("23:59"), Some(1439));
}

// ------------------------------------------------------------------- form ---

#[test]
fn a_good_draft_becomes_a_record() {
    let a = run(&good_draft()).expect("valid");
    assert_eq!(a.participants.total, 10);
    assert_eq!(a.participants.men, 6, "spaces around a number are fine");
    assert_eq!(a.updated_at, NOW);
    assert_eq!(a.author, author());
    assert_eq!(a.activity_type, ActivityType::Mediation);
    assert_eq!(a.activity_type_other, "");
    assert_eq!(check(&a), vec![], "what the form makes passes the record checks");
}

#[test]
fn form_rule_required_fields() {
    let d = Draft { project: "".into(), date: "".into(), activity_type: "".into(), title: "  ".into(), ..good_draft() };
    assert_eq!(fields(&d), [Field::Project, Field::Date, Field::ActivityType, Field::Title]);
    let d = Draft { region: "".into(), ..good_draft() };
    assert_eq!(fields(&d), [Field::Region]);
    assert_eq!(run(&d).unwrap_err()[0].1, "Champ obligatoire.");
}

#[test]
fn form_rule_project_must_exist() {
    assert_eq!(fields(&Draft { project: "prj-99".into(), ..good_draft() }), [Field::Project]);
}

#[test]
fn form_rule_region_must_be_the_projects() {
    assert_eq!(fields(&Draft { region: "ML05".into(), cercle: "".into(), ..good_draft() }), [Field::Region]);
    let ds = Dataset::embedded();
    assert_eq!(regions_for(&ds, "prj-01").iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["ML01"]);
    assert_eq!(regions_for(&ds, "").len(), 8, "every programme region before a project is chosen");
}

#[test]
fn form_rule_cercle_must_be_in_the_region() {
    assert_eq!(fields(&Draft { cercle: "ML0501".into(), ..good_draft() }), [Field::Cercle]);
}

#[test]
fn form_rule_date_not_in_the_future_nor_long_before_the_project() {
    let d = Draft { date: "2026-12-02".into(), ..good_draft() };
    let errors = run(&d).unwrap_err();
    assert_eq!(errors[0].0, Field::Date);
    assert_eq!(errors[0].1, "La date ne peut pas être dans le futur (aujourd'hui\u{202f}: 2026-12-01).");
    assert!(run(&Draft { date: "2026-12-01".into(), ..good_draft() }).is_ok(), "today is fine");
    // prj-01 starts on 2018-02-01: 90 days before is 2017-11-03.
    assert_eq!(fields(&Draft { date: "2017-11-02".into(), ..good_draft() }), [Field::Date]);
    assert!(run(&Draft { date: "2017-11-03".into(), ..good_draft() }).is_ok());
    assert_eq!(fields(&Draft { date: "2026-02-30".into(), ..good_draft() }), [Field::Date]);
    assert_eq!(fields(&Draft { date: "29/11/2026".into(), ..good_draft() }), [Field::Date]);
}

#[test]
fn form_rule_time_and_duration() {
    assert_eq!(fields(&Draft { start_time: "9h30".into(), ..good_draft() }), [Field::StartTime]);
    assert_eq!(fields(&Draft { duration_min: "0".into(), ..good_draft() }), [Field::Duration]);
    assert_eq!(fields(&Draft { duration_min: "1441".into(), ..good_draft() }), [Field::Duration]);
    assert_eq!(fields(&Draft { duration_min: "1.5".into(), ..good_draft() }), [Field::Duration]);
    let a = run(&Draft { start_time: "".into(), duration_min: "".into(), ..good_draft() }).unwrap();
    assert_eq!((a.start_time, a.duration_min), (None, None), "both optional");
}

#[test]
fn form_rule_other_needs_its_precision() {
    let d = Draft { activity_type: "other".into(), activity_type_other: " ".into(), ..good_draft() };
    assert_eq!(fields(&d), [Field::ActivityTypeOther]);
    let a = run(&Draft { activity_type_other: "Théâtre-forum".into(), ..d }).unwrap();
    assert_eq!((a.activity_type, a.activity_type_other.as_str()), (ActivityType::Other, "Théâtre-forum"));
    assert_eq!(fields(&Draft { activity_type: "picnic".into(), ..good_draft() }), [Field::ActivityType]);
}

#[test]
fn form_rule_indicators_belong_to_the_project() {
    assert_eq!(fields(&Draft { indicators: vec!["ind-listeners".into()], ..good_draft() }), [Field::Indicators]);
}

#[test]
fn form_rule_text_lengths() {
    assert!(run(&Draft { title: "é".repeat(120), ..good_draft() }).is_ok(), "120 characters, not bytes");
    let errors = run(&Draft { title: "é".repeat(121), ..good_draft() }).unwrap_err();
    assert_eq!(errors, [(Field::Title, "Trop long\u{202f}: 121 caractères (au plus 120).".to_string())]);
    assert_eq!(fields(&Draft { description: "x".repeat(2001), ..good_draft() }), [Field::Description]);
    assert!(run(&Draft { description: "x".repeat(2000), ..good_draft() }).is_ok());
    assert_eq!(fields(&Draft { locality: "x".repeat(121), ..good_draft() }), [Field::Locality]);
}

#[test]
fn form_rule_no_invisible_characters_that_the_server_and_an_import_would_refuse() {
    // Android's sharing wraps pasted text in direction isolates; a tab in a title.
    for (d, field) in [
        (Draft { title: "Réunion \u{2068}Kita\u{2069}".into(), ..good_draft() }, Field::Title),
        (Draft { title: "Réunion\tKita".into(), ..good_draft() }, Field::Title),
        (Draft { locality: "Kita\u{202E}".into(), ..good_draft() }, Field::Locality),
    ] {
        let errors = run(&d).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), [field], "{:?}", d.title);
        assert!(errors[0].1.starts_with("Caractère invisible interdit"), "{}", errors[0].1);
    }
    // What the form saves, an import on another phone takes.
    let rec = run(&Draft { description: "Ligne 1\n\tLigne 2".into(), ..good_draft() }).unwrap();
    let plan = plan_import(&to_json(&[&rec]), |_| None).unwrap();
    assert_eq!((plan.new.len(), plan.invalid.len()), (1, 0));
    assert_eq!(paix_base::model::without_forbidden(" Awa\u{2068} Traoré\u{2069}\u{0007}", false), " Awa Traoré");
}

#[test]
fn form_rule_participants_are_whole_numbers_that_add_up() {
    for bad in ["-1", "1.5", "2,5", "deux", "+3", "1e3"] {
        assert_eq!(fields(&Draft { women: bad.into(), ..good_draft() }), [Field::Women], "{bad}");
    }
    assert_eq!(fields(&Draft { young_women: "5".into(), ..good_draft() }), [Field::YoungWomen]);
    assert_eq!(fields(&Draft { young_men: "7".into(), ..good_draft() }), [Field::YoungMen]);
    assert_eq!(fields(&Draft { disabled: "11".into(), ..good_draft() }), [Field::Disabled]);
    assert_eq!(fields(&Draft { women: "60000".into(), men: "40001".into(), ..good_draft() }), [Field::Total]);
    assert!(run(&Draft { women: "60000".into(), men: "40000".into(), ..good_draft() }).is_ok(), "100,000 is the limit");
    assert_eq!(fields(&Draft { men: "99999999999".into(), ..good_draft() }), [Field::Men]);
    let a = run(&Draft { women: "".into(), young_women: "".into(), ..good_draft() }).unwrap();
    assert_eq!((a.participants.women, a.participants.total), (0, 6), "empty is zero");
    let (p, errors) = participants(&Draft { women: "3".into(), men: "4".into(), ..Draft::default() });
    assert_eq!((p.total, errors.len()), (7, 0), "the live total");
}

#[test]
fn every_error_is_reported_at_once_and_in_both_languages() {
    let d = Draft { project: "".into(), date: "demain".into(), title: "".into(), women: "-2".into(), ..good_draft() };
    let ds = Dataset::embedded();
    let a = author();
    let cx = Context { ds: &ds, today: today(), now: NOW, utc_offset: "+00:00", author: &a, device_id: "d" };
    let errors = validate(&d, &cx).unwrap_err();
    assert_eq!(errors.len(), 4, "{errors:?}");
    for e in &errors {
        let (fr, en) = (e.message(Lang::Fr), e.message(Lang::En));
        assert!(!fr.is_empty() && !en.is_empty() && fr != en, "{fr} / {en}");
        assert!(!fr.contains('{') && !en.contains('{'), "{fr} / {en}");
    }
}

#[test]
fn defaults_and_project_order() {
    let ds = Dataset::embedded();
    let d = new_draft("id".into(), NOW, today(), &ds, "nobody");
    assert_eq!((d.date.as_str(), d.project.as_str()), ("2026-12-01", ""));
    // osc-01 leads prj-01 only (and partners others, if any): its projects come first.
    let order = projects_for(&ds, "osc-01");
    assert_eq!(order.len(), ds.projects.len());
    let own = order.iter().take_while(|p| p.lead == "osc-01" || p.partners.iter().any(|o| o == "osc-01")).count();
    assert!(own >= 1);
    assert_eq!(order[0].id, "prj-01");
    if own == 1 {
        let d = new_draft("id".into(), NOW, today(), &ds, "osc-01");
        assert_eq!((d.project.as_str(), d.region.as_str()), ("prj-01", "ML01"), "its only project and region chosen");
    }
}

#[test]
fn edit_and_correction_drafts() {
    let a = fixture();
    let d = edit_of(&a, 2);
    assert_eq!((d.id.as_str(), d.editing), (a.id.as_str(), Some(2)));
    let back = run(&Draft { updated_at: NOW.into(), ..d }).unwrap();
    assert_eq!(back.revision, 2);
    assert_eq!((back.title.as_str(), back.participants), (a.title.as_str(), a.participants));
    let c = correction_of(&a, "99999999-2222-4333-8444-555555555555".into(), NOW);
    assert_eq!(c.corrects.as_deref(), Some(a.id.as_str()));
    assert_ne!(c.id, a.id);
    assert_eq!(c.editing, None);
    assert_eq!(run(&c).unwrap().revision, 1);
}

// ------------------------------------------------------------------ state ---

fn receipt(at: &str) -> Receipt {
    Receipt { server_id: "s1".into(), server_time: at.into(), received_at: at.into() }
}

#[test]
fn what_each_state_allows() {
    let rows = [
        (State::Queued { attempts: 0, retry: None }, true, Delete::Confirm, false),
        (State::Queued { attempts: 1, retry: None }, false, Delete::No, false),
        (State::Refused { reason: "422".into(), conflict: false }, true, Delete::Confirm, false),
        (State::Sent { receipt: receipt(NOW) }, false, Delete::No, true),
    ];
    for (state, edit, delete, correct) in rows {
        assert_eq!(state.can_edit(), edit, "{state:?}");
        assert_eq!(state.delete(), delete, "{state:?}");
        assert_eq!(state.can_correct(), correct, "{state:?}");
    }
}

#[test]
fn editing_a_refused_record_raises_its_revision_and_queues_it() {
    let a = fixture();
    let refused = Stored { record: a.clone(), state: State::Refused { reason: "bad".into(), conflict: false } };
    assert_eq!(refused.edit_revision(), Some(2));
    let edited = Activity { revision: 2, title: "Corrigé".into(), ..a.clone() };
    assert_eq!(refused.apply_edit(edited.clone()), Some(Stored::queued(edited.clone())));
    assert_eq!(refused.apply_edit(Activity { revision: 1, ..edited.clone() }), None, "the revision must be raised");
    let queued = Stored::queued(a.clone());
    assert_eq!(queued.edit_revision(), Some(1), "never sent: same revision");
    let attempted = Stored { record: a.clone(), state: State::Queued { attempts: 2, retry: None } };
    assert_eq!(attempted.apply_edit(edited.clone()), None, "read-only until its fate is known");
    let sent = Stored { record: a, state: State::Sent { receipt: receipt(NOW) } };
    assert_eq!(sent.apply_edit(edited), None);
}

#[test]
fn an_edit_saved_too_late_is_where_the_next_edit_or_correction_starts() {
    let a = fixture();
    // The user typed an edit while the record was queued (revision 1); the
    // engine sent it meanwhile, so the save missed and the text went to the draft.
    let missed = Draft { title: "Titre saisi pendant l'envoi".into(), ..edit_of(&a, 1) };
    let in_flight = Stored { record: a.clone(), state: State::Queued { attempts: 1, retry: None } };
    assert_eq!(edit_start(&in_flight, Some(missed.clone())), None, "read-only until its fate is known");
    // Refused: « Modifier » starts from the draft, at the raised revision, and saves.
    let refused = Stored { record: a.clone(), state: State::Refused { reason: "bad".into(), conflict: false } };
    let d = edit_start(&refused, Some(missed.clone())).unwrap();
    assert_eq!((d.title.as_str(), d.editing), ("Titre saisi pendant l'envoi", Some(2)));
    let edited = run(&Draft { updated_at: NOW.into(), ..d }).unwrap();
    assert!(refused.apply_edit(edited).is_some(), "the edit applies: no endless « being sent »");
    assert_eq!(edit_start(&refused, None).map(|d| d.title), Some(a.title.clone()), "no draft: the record");
    // Sent: « Corriger » starts from the draft, as a new record correcting it.
    let sent = Stored { record: a.clone(), state: State::Sent { receipt: receipt(NOW) } };
    let new_id = "99999999-2222-4333-8444-555555555555";
    let c = correction_start(&sent, Some(&missed), new_id.into(), NOW).unwrap();
    assert_eq!((c.id.as_str(), c.corrects.as_deref(), c.editing), (new_id, Some(a.id.as_str()), None));
    assert_eq!(c.title, "Titre saisi pendant l'envoi");
    assert_eq!(run(&c).unwrap().revision, 1);
    assert_eq!(correction_start(&sent, None, new_id.into(), NOW).map(|c| c.title), Some(a.title.clone()));
    assert_eq!(correction_start(&refused, Some(&missed), new_id.into(), NOW), None);
    // The record's page says what waits.
    let ds = Dataset::embedded();
    let cx = paix_base::ctx::Ctx::new(&ds, Lang::Fr);
    let text = |waits| paix_base::pages::journal_record::page(&cx, paix_base::pages::journal_record::Item::Record(&sent, waits)).text_content();
    assert!(text(true).contains("ce que vous aviez saisi est gardé"));
    assert!(!text(false).contains("ce que vous aviez saisi"));
}

#[test]
fn stored_records_round_trip_with_their_state() {
    let s = Stored { record: fixture(), state: State::Sent { receipt: receipt(NOW) } };
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains("\"state\":{\"sent\":{\"receipt\""), "{json}");
    assert_eq!(serde_json::from_str::<Stored>(&json).unwrap(), s);
}

#[test]
fn only_sent_records_older_than_n_days_are_purged() {
    let a = fixture();
    let with = |id: &str, state| Stored { record: Activity { id: id.into(), ..a.clone() }, state };
    let records = [
        with("old", State::Sent { receipt: receipt("2026-10-01T10:00:00Z") }),
        with("recent", State::Sent { receipt: receipt("2026-11-25T10:00:00Z") }),
        with("queued", State::Queued { attempts: 0, retry: None }),
        with("refused", State::Refused { reason: "x".into(), conflict: false }),
    ];
    assert_eq!(sent_older_than(&records, NOW, 30), ["old"]);
    assert_eq!(sent_older_than(&records, NOW, 3), ["old", "recent"]);
    assert_eq!(unsent(&records), 2);
}

// ------------------------------------------------------------------- list ---

fn row(id: &str, status: Status, project: &str, date: Option<&str>, updated: &str) -> Row {
    Row {
        id: id.into(),
        status,
        title: id.into(),
        project: project.into(),
        date: date.map(|d| paix_base::model::date::parse(d).unwrap()),
        updated_at: updated.into(),
        attempts: 0,
    }
}

#[test]
fn journal_list_filters_orders_counts_and_pages() {
    let rows = vec![
        row("a", Status::Sent, "p1", Some("2026-11-01"), "1"),
        row("b", Status::Queued, "p1", Some("2026-11-20"), "2"),
        row("c", Status::Queued, "p2", Some("2026-11-20"), "3"),
        row("d", Status::Draft, "p2", None, "4"),
        row("e", Status::Refused, "p1", Some("2026-10-05"), "5"),
    ];
    let all = listing(rows.clone(), &Filter::default());
    assert_eq!(all.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["d", "c", "b", "a", "e"], "newest first");
    assert_eq!(all.counts, [1, 2, 1, 1]);
    let f = Filter { status: Some(Status::Queued), project: Some("p1".into()), ..Filter::default() };
    assert_eq!(listing(rows.clone(), &f).rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["b"]);
    assert_eq!(listing(rows.clone(), &f).counts, [1, 2, 1, 1], "counts ignore the filters");
    let f = Filter::from_query("?from=2026-11-01&to=2026-11-19");
    assert_eq!(listing(rows.clone(), &f).rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a"]);
    let many: Vec<Row> = (0..5000).map(|i| row(&format!("r{i:04}"), Status::Queued, "p", Some("2026-11-01"), &format!("{i:05}"))).collect();
    let page = listing(many.clone(), &Filter::from_query("page=3"));
    assert_eq!((page.rows.len(), page.pages, page.page, page.matching), (PAGE, 100, 2, 5000));
    assert_eq!(page.rows[0].id, "r4899");
    assert_eq!(listing(many, &Filter::from_query("page=999")).page, 99, "past the end: the last page");
}

#[test]
fn journal_filter_query_round_trip() {
    let f = Filter { status: Some(Status::Refused), project: Some("prj 01/é".into()), from: paix_base::model::date::parse("2026-01-02"), to: None, page: 1 };
    let q = f.to_query();
    assert_eq!(q, "?status=refused&project=prj%2001%2F%C3%A9&from=2026-01-02&page=2");
    assert_eq!(Filter::from_query(&q), f);
    assert_eq!(Filter::from_query("status=bogus&from=yesterday"), Filter::default());
    assert_eq!(Filter::default().to_query(), "");
}

// ------------------------------------------------------------- export/import ---

#[test]
fn csv_escaping_quotes_separators_newlines_accents() {
    assert_eq!(csv_field("simple"), "simple");
    assert_eq!(csv_field("a,b"), "\"a,b\"");
    assert_eq!(csv_field("dit « oui » et \"non\""), "\"dit « oui » et \"\"non\"\"\"");
    assert_eq!(csv_field("ligne 1\nligne 2"), "\"ligne 1\nligne 2\"");
    assert_eq!(csv_field("cr\rlf"), "\"cr\rlf\"");
    assert_eq!(csv_field("Ségou ; Ménaka"), "Ségou ; Ménaka");
}

#[test]
fn csv_file_has_a_bom_a_header_and_one_row_per_record() {
    let a = fixture();
    let b = Activity { id: "11111111-2222-4333-8444-555555555555".into(), description: "un, deux\n« trois »".into(), ..a.clone() };
    let csv = to_csv(&[&a, &b]);
    assert!(csv.starts_with('\u{feff}'), "BOM");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], COLUMNS.join(","));
    assert_eq!(lines.len(), 4, "header, two records, and the final line end");
    assert!(lines[1].starts_with("3f6c1a52-9b0e-4d7a-8e21-5c4b9d0a7e13,1,1,,2026-11-30T09:15:00Z,"));
    assert!(lines[1].contains(",14,22,6,9,2,36,13.044900,-9.489500,25.0"), "{}", lines[1]);
    assert!(lines[2].contains("\"un, deux\n« trois »\""));
    assert_eq!(lines[3], "");
}

#[test]
fn import_merges_by_id_and_shows_conflicts() {
    let a = fixture();
    let b = Activity { id: "11111111-2222-4333-8444-555555555555".into(), ..a.clone() };
    let c = Activity { id: "22222222-2222-4333-8444-555555555555".into(), ..a.clone() };
    let changed_b = Activity { title: "Autre titre".into(), ..b.clone() };
    let file = to_json(&[&a, &changed_b, &c, &c]);
    let local = |id: &str| match id {
        x if x == a.id => Some(a.clone()),
        x if x == b.id => Some(b.clone()),
        _ => None,
    };
    let plan = plan_import(&file, local).unwrap();
    assert_eq!(plan.new, vec![c.clone()], "a new record, once though listed twice");
    assert_eq!(plan.same, 1);
    assert_eq!(plan.conflicts, vec![changed_b]);
    assert!(plan.invalid.is_empty());
    // Importing the file again into a device that has everything: nothing new.
    let all = |id: &str| [a.clone(), b.clone(), c.clone()].into_iter().find(|r| r.id == id);
    assert_eq!(plan_import(&to_json(&[&a, &b, &c]), all).unwrap().same, 3);
}

#[test]
fn import_reports_bad_items_and_bad_files() {
    let a = fixture();
    let text = format!("[{}, {{\"id\": 3}}, {}]", a.to_json(), Activity { title: String::new(), ..a.clone() }.to_json());
    let plan = plan_import(&text, |_| None).unwrap();
    assert_eq!(plan.new.len(), 1);
    assert_eq!(plan.invalid.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [1, 2]);
    assert!(plan.invalid[1].1.message(Lang::En).starts_with("title: "), "{:?}", plan.invalid[1]);
    assert!(plan.invalid[1].1.message(Lang::Fr).starts_with("title\u{202f}: "));
    assert!(matches!(plan_import("[1,", |_| None), Err(ImportError::Syntax(_))));
    assert_eq!(plan_import("42", |_| None), Err(ImportError::NotRecords));
    assert_eq!(plan_import(FIXTURE, |_| None).unwrap().new, vec![a], "one record alone is fine too");
}

// ------------------------------------------------------------ pages (docs) ---

fn by_id<'a>(n: &'a paix_base::doc::Node, id: &str) -> &'a paix_base::doc::Element {
    n.elements().into_iter().find(|e| e.get_attr("id") == Some(id)).unwrap_or_else(|| panic!("#{id}"))
}

#[test]
fn the_form_page_shows_each_error_next_to_its_field_and_in_a_summary() {
    use paix_base::pages::activity_form::{page, View};
    let ds = Dataset::embedded();
    let cx = paix_base::ctx::Ctx::new(&ds, Lang::Fr);
    let d = Draft { title: "".into(), women: "-1".into(), ..good_draft() };
    let errors = {
        let a = author();
        let c = Context { ds: &ds, today: today(), now: NOW, utc_offset: "+00:00", author: &a, device_id: "d" };
        validate(&d, &c).unwrap_err()
    };
    let doc = page(&cx, &View { draft: &d, cso: Some("osc-01"), errors: &errors, saved_at: Some("10:42"), save_problem: None, position_problem: false, busy: false });
    let summary = by_id(&doc, "form-errors").text_content();
    assert!(summary.starts_with("2 erreurs à corriger"), "{summary}");
    assert!(by_id(&doc, "title-error").text_content().contains("Champ obligatoire"));
    assert!(by_id(&doc, "women-error").text_content().contains("nombre entier"));
    assert_eq!(by_id(&doc, "women").get_attr("aria-invalid"), Some("true"));
    assert_eq!(by_id(&doc, "women").get_attr("value"), Some("-1"), "what was typed stays");
    assert_eq!(by_id(&doc, "men").get_attr("aria-invalid"), None);
    let links: Vec<_> = doc.by_tag("a").into_iter().filter_map(|a| a.get_attr("href")).filter(|h| h.starts_with('#')).collect();
    assert_eq!(links, ["#title", "#women"]);
    assert_eq!(by_id(&doc, "total").text_content(), "6", "women as typed is not a number: 0 + 6");
    assert_eq!(by_id(&doc, "description-count").text_content(), "24 / 2000");
    assert!(doc.text_content().contains("Brouillon enregistré à 10:42"));
    // Only the chosen project's regions, and its indicators.
    let region_options: Vec<_> = by_id(&doc, "region").children.iter().filter_map(|n| match n {
        paix_base::doc::Node::Element(e) => e.get_attr("value"),
        _ => None,
    }).collect();
    assert_eq!(region_options, ["", "ML01"]);
    assert_eq!(doc.by_tag("input").iter().filter(|i| i.get_attr("type") == Some("checkbox")).count(), 3);
    // No profile: the form says where to make one.
    let doc = page(&cx, &View { draft: &d, cso: None, errors: &[], saved_at: None, save_problem: None, position_problem: false, busy: false });
    assert!(doc.text_content().contains("Aucun profil actif"));
}

#[test]
fn the_journal_page_counts_filters_and_pages() {
    use paix_base::pages::journal::{page, View};
    let ds = Dataset::embedded();
    let cx = paix_base::ctx::Ctx::new(&ds, Lang::En);
    let rows: Vec<Row> = (0..120).map(|i| row(&format!("r{i:03}"), if i % 3 == 0 { Status::Sent } else { Status::Queued }, "prj-01", Some("2026-11-01"), &format!("{i:04}"))).collect();
    let f = Filter { status: Some(Status::Queued), page: 1, ..Filter::default() };
    let l = listing(rows, &f);
    let profiles = vec![("p1".to_string(), "Aminata".to_string()), ("p2".to_string(), "Moussa".to_string())];
    let doc = page(&cx, &View { listing: &l, filter: &f, profiles: &profiles, active: Some("p2"), imported: None, purge_days: 30, damaged: &[], store_refused: false, busy: false, lock_on: false });
    assert!(doc.by_tag("p").iter().all(|p| p.get_attr("id") != Some("export-plain")));
    let locked = page(&cx, &View { listing: &l, filter: &f, profiles: &profiles, active: Some("p2"), imported: None, purge_days: 30, damaged: &[], store_refused: true, busy: false, lock_on: true });
    assert!(locked.text_content().contains("The exported file is not encrypted"), "with the device lock on, an export says it is plain");
    assert!(locked.text_content().contains("sending has stopped, nothing is lost"), "a write the storage refused is said");
    assert!(!doc.text_content().contains("sending has stopped"));
    let chips: Vec<String> = doc.by_tag("button").iter().filter(|b| b.get_attr("data-action").is_some_and(|a| a.starts_with("status:"))).map(|b| b.text_content()).collect();
    assert_eq!(chips, ["All (120)", "Draft (0)", "To send (80)", "Sent (40)", "Refused (0)"]);
    let pressed: Vec<String> = doc.by_tag("button").iter().filter(|b| b.get_attr("aria-pressed") == Some("true")).map(|b| b.text_content()).collect();
    assert_eq!(pressed, ["Moussa", "To send (80)"], "the active profile and the status filter");
    assert_eq!(doc.by_class("journal-row").len(), 30, "page 2 of 80 rows");
    assert!(doc.by_class("pager")[0].text_content().contains("2 / 2"));
    assert!(doc.by_class("found")[0].text_content().starts_with("80 activities"));
}

#[test]
fn the_record_page_offers_what_the_state_allows() {
    use paix_base::pages::journal_record::{page, Item};
    let ds = Dataset::embedded();
    let cx = paix_base::ctx::Ctx::new(&ds, Lang::Fr);
    let actions = |s: &Stored| -> Vec<String> { page(&cx, Item::Record(s, false)).by_tag("button").iter().filter_map(|b| b.get_attr("data-action").map(str::to_string)).collect() };
    let a = fixture();
    assert_eq!(actions(&Stored::queued(a.clone())), ["edit", "delete"]);
    assert_eq!(actions(&Stored { record: a.clone(), state: State::Queued { attempts: 1, retry: None } }), Vec::<String>::new());
    assert_eq!(actions(&Stored { record: a.clone(), state: State::Refused { reason: "titre".into(), conflict: false } }), ["edit", "delete"]);
    let sent = Stored { record: a.clone(), state: State::Sent { receipt: receipt(NOW) } };
    assert_eq!(actions(&sent), ["correct"]);
    let text = page(&cx, Item::Record(&sent, false)).text_content();
    assert!(text.contains("Reçu par le serveur") && text.contains("Kita, quartier Sud") && text.contains("13.04490, -9.48950 (± 25 m)"), "{text}");
    assert!(text.contains("36 (14 femmes dont 6 jeunes, 22 hommes dont 9 jeunes)"), "{text}");
}
