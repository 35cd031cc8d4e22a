//! The sync engine's rules on the host (issue 12, pure part): the rules
//! table row by row, backoff bounds and jitter, `Retry-After` in seconds and
//! as an HTTP date, receipts, read-back comparison, the key revision on
//! edit, the configuration link.
use paix_base::i18n::Lang;
use paix_base::journal::state::Stored;
use paix_base::journal::Activity;
use paix_base::sync::config::{endpoint_allowed, from_fragment, to_fragment, Mode, Settings};
use paix_base::sync::rules::{after_read_back, after_send, backoff_ms, refusal, retry_after_ms, unanswered, Action, Answer, Pause, Response, Timing};
use paix_base::sync::{clock_skew_s, http_date, idempotency_key, same_record};

const NOW: &str = "2026-12-01T10:00:00Z";
/// 2026-12-01T10:00:00Z in ms.
const NOW_MS: i64 = 1_796_119_200_000;

fn http(status: u16) -> Answer {
    Answer::Http(Response { status, ..Response::default() })
}

fn with(status: u16, f: impl FnOnce(&mut Response)) -> Answer {
    let mut r = Response { status, ..Response::default() };
    f(&mut r);
    Answer::Http(r)
}

fn send(a: &Answer, readback: bool) -> Action {
    after_send(a, 1, readback, Timing::default(), 0.0, NOW_MS, NOW)
}

#[test]
fn http_dates_read_and_write() {
    assert_eq!(http_date::parse("Tue, 01 Dec 2026 10:00:00 GMT"), Some(NOW_MS));
    assert_eq!(http_date::to_rfc3339(NOW_MS), NOW);
    assert_eq!(http_date::parse("Sun, 06 Nov 1994 08:49:37 GMT").map(http_date::to_rfc3339).as_deref(), Some("1994-11-06T08:49:37Z"));
    for bad in ["", "yesterday", "Tue, 01 Dec 2026 10:00:00 CET", "Tue, 31 Feb 2026 10:00:00 GMT", "Tue, 01 Foo 2026 10:00:00 GMT"] {
        assert_eq!(http_date::parse(bad), None, "{bad}");
    }
}

#[test]
fn the_rules_table_for_a_send() {
    let sent = |a: &Answer| matches!(send(a, false), Action::Sent(_));
    for s in [200, 201, 202, 204] {
        assert!(sent(&http(s)), "{s} is sent");
    }
    assert_eq!(send(&http(409), true), Action::ReadBack, "409 with a read-back template");
    assert!(matches!(send(&http(409), false), Action::Retry { .. }), "409 without: retry, same key");
    for s in [400, 413, 422] {
        assert!(matches!(send(&http(s), false), Action::Refused(_)), "{s} is refused");
    }
    for kind in ["tag:paix-a-la-base,2026:problem:record-conflict", "tag:paix-a-la-base,2026:problem:idempotency-key-reused"] {
        let a = with(422, |r| r.body = format!(r#"{{"type": "{kind}", "title": "x"}}"#));
        assert_eq!(send(&a, false), Action::Conflict, "{kind}: editing would not help");
    }
    assert_eq!(send(&http(401), false), Action::Pause(Pause::Credentials));
    assert_eq!(send(&http(403), true), Action::Pause(Pause::Credentials));
    assert_eq!(send(&http(404), false), Action::Pause(Pause::Address));
    assert_eq!(send(&http(405), false), Action::Pause(Pause::Address));
    assert_eq!(send(&Answer::Cors, false), Action::Pause(Pause::Cors));
    for s in [408, 425, 429, 500, 502, 503, 504, 418] {
        assert!(matches!(send(&http(s), false), Action::Retry { .. }), "{s} is retried");
    }
    assert!(matches!(send(&Answer::Network, true), Action::Retry { .. }), "a network error: retry");
    assert!(matches!(send(&Answer::Ambiguous, true), Action::Retry { .. }), "a lost answer: wait, then read back (the record is marked tried)");
    assert_eq!(send(&http(303), true), Action::Pause(Pause::Address), "a redirect is never followed");
    assert_eq!(send(&Answer::Blocked, true), Action::Pause(Pause::Policy), "forbidden by the app's own CSP: pause, never retried");
    assert_eq!(
        send(&with(503, |r| r.retry_after = Some("31536000".into())), false),
        Action::Retry { after_ms: paix_base::sync::rules::MAX_WAIT_MS },
        "a year's Retry-After is cut to a day"
    );
    assert!(matches!(send(&Answer::Ambiguous, false), Action::Retry { .. }), "else send again, same key");
}

#[test]
fn the_rules_table_for_a_read_back() {
    let t = Timing::default();
    let same = |_: &str| true;
    let other = |_: &str| false;
    assert!(matches!(after_read_back(&http(200), same, 1, t, 0.0, NOW_MS, NOW), Action::Sent(_)));
    assert_eq!(after_read_back(&http(200), other, 1, t, 0.0, NOW_MS, NOW), Action::Conflict, "other content: shown, not retried");
    assert_eq!(after_read_back(&http(404), same, 1, t, 0.0, NOW_MS, NOW), Action::Resend, "not there: send again now");
    for s in [301, 400, 405] {
        assert_eq!(after_read_back(&http(s), same, 1, t, 0.0, NOW_MS, NOW), Action::Pause(Pause::Address), "{s}: a read-back address that takes no GET");
    }
    assert_eq!(after_read_back(&http(401), same, 1, t, 0.0, NOW_MS, NOW), Action::Pause(Pause::Credentials));
    assert!(matches!(after_read_back(&http(503), same, 1, t, 0.0, NOW_MS, NOW), Action::Retry { .. }));
    assert!(matches!(after_read_back(&Answer::Ambiguous, same, 1, t, 0.0, NOW_MS, NOW), Action::Retry { .. }));
}

#[test]
fn a_request_without_an_answer_is_the_network_or_cors() {
    // (probe's finding, PUT, already sent once more) -> answer; None: send again.
    let table: [(Option<&str>, bool, bool, Option<Answer>); 9] = [
        (Some("cors"), false, false, Some(Answer::Cors)),
        (Some("cors"), true, false, Some(Answer::Cors)),
        (Some("answered"), false, false, Some(Answer::Network)),
        (Some("answered"), true, false, None),
        (Some("answered"), true, true, Some(Answer::Cors)),
        (Some("network"), true, false, Some(Answer::Network)),
        (Some("network"), true, true, Some(Answer::Network)),
        (Some("offline"), true, false, Some(Answer::Network)),
        (None, true, false, Some(Answer::Network)),
    ];
    for (finding, put, resent, want) in table {
        assert_eq!(unanswered(finding, put, resent), want, "{finding:?} put={put} resent={resent}");
    }
}

#[test]
fn backoff_doubles_is_capped_and_jitters_within_half() {
    let t = Timing { base_ms: 1_000, cap_ms: 300_000 };
    assert_eq!(backoff_ms(t, 1, 0.0), 500);
    assert_eq!(backoff_ms(t, 1, 0.999_999), 999);
    assert_eq!(backoff_ms(t, 4, 0.0), 4_000);
    for attempt in 1..=40 {
        for j in [0.0, 0.25, 0.5, 0.75, 0.999] {
            let d = backoff_ms(t, attempt, j);
            let full = (1_000u64 << (attempt - 1).min(30)).min(300_000);
            assert!(d >= full / 2 && d <= full, "attempt {attempt}, jitter {j}: {d} within [{}, {full}]", full / 2);
        }
    }
    assert_eq!(backoff_ms(t, 40, 1.0), 300_000, "never past the cap");
}

#[test]
fn retry_after_in_seconds_and_as_a_date_is_honoured() {
    assert_eq!(retry_after_ms("120", NOW_MS), Some(120_000));
    assert_eq!(retry_after_ms(" 0 ", NOW_MS), Some(0));
    assert_eq!(retry_after_ms("Tue, 01 Dec 2026 10:02:00 GMT", NOW_MS), Some(120_000));
    assert_eq!(retry_after_ms("Tue, 01 Dec 2026 09:00:00 GMT", NOW_MS), Some(0), "a past date: now");
    assert_eq!(retry_after_ms("soon", NOW_MS), None);
    // The wait is at least Retry-After, even past the backoff.
    let a = with(429, |r| r.retry_after = Some("90".into()));
    assert_eq!(send(&a, false), Action::Retry { after_ms: 90_000 });
    let a = with(503, |r| r.retry_after = Some("Tue, 01 Dec 2026 10:10:00 GMT".into()));
    assert_eq!(send(&a, false), Action::Retry { after_ms: 600_000 }, "a server may ask for longer than the cap");
    // The device's clock three days behind the server's: a date two minutes
    // after the answer's `Date` is two minutes, not three days (cut to one).
    let a = with(503, |r| {
        r.retry_after = Some("Fri, 04 Dec 2026 10:02:00 GMT".into());
        r.date = Some("Fri, 04 Dec 2026 10:00:00 GMT".into());
    });
    assert_eq!(send(&a, false), Action::Retry { after_ms: 120_000 });
}

#[test]
fn receipts_from_body_location_or_date() {
    let a = with(201, |r| r.body = r#"{"id": "srv-7", "received_at": "2026-12-01T09:59:58Z"}"#.into());
    let Action::Sent(rc) = send(&a, false) else { panic!() };
    assert_eq!((rc.server_id.as_str(), rc.server_time.as_str(), rc.received_at.as_str()), ("srv-7", "2026-12-01T09:59:58Z", NOW));
    let a = with(201, |r| {
        r.location = Some("/api/activities/abc/".into());
        r.date = Some("Tue, 01 Dec 2026 09:59:00 GMT".into());
    });
    let Action::Sent(rc) = send(&a, false) else { panic!() };
    assert_eq!((rc.server_id.as_str(), rc.server_time.as_str()), ("abc", "2026-12-01T09:59:00Z"));
    let a = with(200, |r| r.body = r#"{"name": "-Nx1"}"#.into());
    let Action::Sent(rc) = send(&a, false) else { panic!() };
    assert_eq!((rc.server_id.as_str(), rc.server_time.as_str()), ("-Nx1", NOW), "Firebase's name; the device's time");
    let a = with(200, |r| r.body = r#"{"receipt": {"id": "42", "received_at": "2026-12-01T09:58:00Z"}, "record": {}}"#.into());
    let Action::Sent(rc) = send(&a, false) else { panic!() };
    assert_eq!((rc.server_id.as_str(), rc.server_time.as_str()), ("42", "2026-12-01T09:58:00Z"), "our endpoint's read-back envelope");
}

#[test]
fn refusals_say_what_the_server_said() {
    let r = Response {
        status: 422,
        body: r#"{"type":"about:blank","title":"Invalid record","detail":"2 fields","errors":[{"field":"title","message":"required"},{"field":"total","message":"must be women + men"}]}"#.into(),
        ..Response::default()
    };
    assert_eq!(refusal(&r), "2 fields; title: required; total: must be women + men");
    assert_eq!(refusal(&Response { status: 400, body: "bad thing".into(), ..Response::default() }), "HTTP 400: bad thing");
    assert_eq!(refusal(&Response { status: 413, ..Response::default() }), "HTTP 413");
}

fn fixture() -> Activity {
    Activity::from_json(include_str!("fixtures/record-v1.json")).unwrap()
}

#[test]
fn read_back_compares_the_records_own_fields() {
    let a = fixture();
    let mut v: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
    v["_rev"] = "3-abc".into();
    v["createdAt"] = "2026-12-01".into();
    assert!(same_record(&a, &v.to_string()), "fields a server adds are ignored");
    let wrapped = serde_json::json!({ "receipt": { "id": "7" }, "received_by": null, "record": v.clone() });
    assert!(same_record(&a, &wrapped.to_string()), "our endpoint's envelope");
    v["title"] = "Autre".into();
    assert!(!same_record(&a, &v.to_string()));
    assert!(!same_record(&a, &serde_json::json!({ "record": v }).to_string()));
    assert!(!same_record(&a, "not json"));
}

#[test]
fn the_key_changes_only_when_a_refused_record_is_edited() {
    let a = fixture();
    assert_eq!(idempotency_key(&a), format!("{}:1", a.id));
    let refused = Stored { record: a.clone(), state: paix_base::journal::state::State::Refused { reason: "x".into(), conflict: false } };
    let edited = Activity { revision: refused.edit_revision().unwrap(), ..a.clone() };
    assert_eq!(idempotency_key(&edited), format!("{}:2", a.id));
    let queued = Stored::queued(a.clone());
    assert_eq!(idempotency_key(&Activity { revision: queued.edit_revision().unwrap(), ..a }), idempotency_key(&queued.record));
}

#[test]
fn clock_skew() {
    assert_eq!(clock_skew_s("Tue, 01 Dec 2026 09:45:00 GMT", NOW_MS), Some(900));
    assert_eq!(clock_skew_s("garbage", NOW_MS), None);
}

#[test]
fn https_required_except_on_this_device() {
    use paix_base::sync::config::url_allowed;
    let lan = "http://192.168.1.10:8080";
    assert!(url_allowed("http://192.168.1.10:8080/api/dataset", lan), "the app's own server, served over HTTP on a LAN");
    assert!(url_allowed("/api/dataset", lan), "a path on the app's own server");
    assert!(!url_allowed("//evil.example/d.json", lan), "a scheme-relative URL is another host");
    assert!(!url_allowed("http://192.168.1.11:8080/d.json", lan), "another machine over HTTP");
    assert!(!url_allowed("javascript:alert(1)", lan) && !url_allowed("data:application/json,{}", lan) && !url_allowed("ftp://x/y", lan));
    assert!(url_allowed("https://data.example.org/d.json", lan) && url_allowed("http://localhost:9/d.json", lan));
    let base = Settings::default_for(lan);
    let s = paix_base::sync::config::from_fragment_at("timeout=20", &base, lan).unwrap();
    assert_eq!(s.endpoint, "http://192.168.1.10:8080/api/activities", "the default endpoint of a LAN server can be kept");
    assert!(from_fragment(&format!("endpoint={}", "http%3A%2F%2F192.168.1.10%3A8080%2Fapi%2Factivities"), &base).is_err(), "without the origin, HTTP is refused");
    for ok in ["https://example.org/api", "http://localhost:8080/api", "http://127.0.0.1/x", "http://[::1]:9/x"] {
        assert!(endpoint_allowed(ok), "{ok}");
    }
    for bad in ["http://example.org/api", "http://192.168.1.10/api", "ftp://x", "https://", "javascript:alert(1)", "http://localhost.evil.org/"] {
        assert!(!endpoint_allowed(bad), "{bad}");
    }
}

#[test]
fn the_configuration_link_round_trips_and_reports_every_problem() {
    let base = Settings::default_for("https://app.example.org");
    assert_eq!(base.endpoint, "https://app.example.org/api/activities");
    let s = from_fragment(
        "#endpoint=https%3A%2F%2Fdb.example.org%2Factivites&mode=put&header=Authorization&value=Bearer%20s3cret&readback=%7Bendpoint%7D%2F%7Bid%7D&key=off&timeout=20",
        &base,
    )
    .unwrap();
    assert_eq!(s.endpoint, "https://db.example.org/activites");
    assert_eq!(s.mode, Mode::Put);
    assert_eq!(s.header, Some(("Authorization".into(), "Bearer s3cret".into())));
    assert_eq!(s.readback_url("r1").as_deref(), Some("https://db.example.org/activites/r1"));
    assert!(!s.send_key);
    assert_eq!((s.timeout_s, s.backoff_cap_s, s.interval_s), (20, 300, 300), "absent ones keep their defaults");
    // Written back: the secret only when asked.
    let public = to_fragment(&s, false);
    assert!(!public.contains("s3cret") && public.contains("header=Authorization"), "{public}");
    let full = to_fragment(&s, true);
    assert_eq!(from_fragment(&full, &base).unwrap(), s);
    let batch = from_fragment("mode=batch&batch=25", &base).unwrap();
    assert_eq!(batch.mode, Mode::Batch(25));
    assert_eq!(from_fragment(&to_fragment(&batch, true), &base).unwrap(), batch);
    // Every problem at once, in the user's language.
    let errors = from_fragment("endpoint=http%3A%2F%2Fexample.org&mode=fax&timeout=2&colour=blue&readback=x", &base).unwrap_err();
    let keys: Vec<&str> = errors.iter().map(|e| e.key).collect();
    assert_eq!(keys, ["endpoint", "mode", "timeout", "link", "readback"]);
    assert!(errors[0].message(Lang::Fr).contains("https://"));
    assert!(errors[3].message(Lang::En).contains("“colour”"));
    assert_eq!(from_fragment("header=Cookie&value=x", &base).unwrap_err()[0].key, "header", "a header the browser forbids");
}

// ------------------------------------------------------------ the queue ---

use paix_base::journal::state::{Retry, State};
use paix_base::sync::config::SyncForm;
use paix_base::sync::engine::{after, after_batch, before_send, goes_on, log_push, next, queue, queue_order, wake_at, LogEntry, Met, Step, LOG_MAX};
use paix_base::sync::view::{judge, Test};

fn rec(id: &str, created: &str, state: State) -> Stored {
    let a = fixture();
    Stored { record: Activity { id: id.into(), created_at: created.into(), ..a }, state }
}

fn queued(attempts: u32, at: Option<u64>) -> State {
    State::Queued { attempts, retry: at.map(|at_ms| Retry { at_ms, error: "http:500".into() }) }
}

const T: u64 = 1_000_000;

#[test]
fn the_queue_goes_oldest_first_and_skips_what_is_not_due() {
    let mut records = vec![
        rec("c", "2026-11-03T00:00:00Z", queued(0, None)),
        rec("sent", "2026-11-01T00:00:00Z", State::Sent { receipt: paix_base::journal::state::Receipt { server_id: "1".into(), server_time: NOW.into(), received_at: NOW.into() } }),
        rec("a", "2026-11-01T00:00:00Z", queued(0, Some(T + 5_000))),
        rec("b", "2026-11-02T00:00:00Z", queued(0, None)),
        rec("refused", "2026-10-01T00:00:00Z", State::Refused { reason: "x".into(), conflict: false }),
    ];
    records.sort_by(queue_order);
    let q = queue(&records);
    let ids: Vec<&str> = q.iter().map(|s| s.record.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"], "only queued records, oldest first");
    assert_eq!(next(&q, Mode::Single, false, T), Some(Step::Send(vec!["b".into()])), "a waits for its retry time");
    assert_eq!(next(&q, Mode::Single, false, T + 5_000), Some(Step::Send(vec!["a".into()])));
    assert_eq!(next(&q, Mode::Batch(10), false, T + 5_000), Some(Step::Send(vec!["a".into(), "b".into(), "c".into()])));
    assert_eq!(next(&q, Mode::Batch(2), false, T), Some(Step::Send(vec!["b".into(), "c".into()])));
    assert_eq!(wake_at(&q), Some(T + 5_000));
    assert_eq!(next(&[], Mode::Single, true, T), None);
    // Due in ten days: the clock was set back since; it is tried now.
    let far = vec![rec("z", "2026-11-01T00:00:00Z", queued(0, Some(T + 10 * 86_400_000)))];
    assert_eq!(next(&queue(&far), Mode::Single, false, T), Some(Step::Send(vec!["z".into()])));
}

#[test]
fn the_queue_order_is_oldest_first_then_by_id() {
    let mut records = vec![
        rec("c", "2026-11-02T00:00:00Z", queued(0, None)),
        rec("b", "2026-11-01T00:00:00Z", queued(0, None)),
        rec("a", "2026-11-01T00:00:00Z", queued(0, None)),
    ];
    records.sort_by(queue_order);
    let ids: Vec<&str> = queue(&records).iter().map(|s| s.record.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "not in queue order")]
fn the_queue_refuses_records_out_of_order_in_debug_builds() {
    let records = vec![rec("b", "2026-11-02T00:00:00Z", queued(0, None)), rec("a", "2026-11-01T00:00:00Z", queued(0, None))];
    let _ = queue(&records);
}

#[test]
fn a_tried_record_is_read_back_first_and_never_batched() {
    let records = vec![rec("a", "2026-11-01T00:00:00Z", queued(1, Some(T))), rec("b", "2026-11-02T00:00:00Z", queued(0, None))];
    let q = queue(&records);
    assert_eq!(next(&q, Mode::Single, true, T), Some(Step::ReadBack("a".into())), "its fate may be unknown");
    assert_eq!(next(&q, Mode::Batch(50), false, T), Some(Step::Send(vec!["a".into()])), "alone, with the same key");
    assert_eq!(next(&q, Mode::Put, false, T), Some(Step::Send(vec!["a".into()])));
}

#[test]
fn states_before_and_after_a_send() {
    let tried = before_send(&queued(0, None));
    assert_eq!(tried, queued(1, None), "stored before the request leaves");
    let now = T;
    assert_eq!(after(&tried, &Action::Retry { after_ms: 4_000 }, Met::Http(503), now), State::Queued { attempts: 1, retry: Some(Retry { at_ms: now + 4_000, error: "http:503".into() }) });
    assert_eq!(after(&tried, &Action::Refused("titre".into()), Met::Http(422), now), State::Refused { reason: "titre".into(), conflict: false });
    assert_eq!(after(&tried, &Action::Conflict, Met::Http(200), now), State::Refused { reason: String::new(), conflict: true });
    assert!(matches!(after(&tried, &Action::Pause(Pause::Credentials), Met::Http(401), now), State::Queued { attempts: 1, retry: Some(Retry { at_ms, .. }) } if at_ms == now));
    assert!(goes_on(&Action::Refused(String::new())) && goes_on(&Action::Conflict) && goes_on(&Action::ReadBack));
    assert!(!goes_on(&Action::Retry { after_ms: 1 }) && !goes_on(&Action::Pause(Pause::Cors)));
    // A conflict is not edited again and again.
    let c = Stored { record: fixture(), state: State::Refused { reason: String::new(), conflict: true } };
    assert!(!c.state.can_edit() && c.edit_revision().is_none());
    for m in [Met::Http(500), Met::Network, Met::Timeout, Met::Cors, Met::Csp] {
        assert_eq!(Met::parse(&m.code()), Some(m));
    }
}

#[test]
fn batch_answers_are_judged_per_record() {
    let t = Timing::default();
    let results = r#"{"results":[
        {"index":0,"status":201,"receipt":{"id":"7","received_at":"2026-12-01T10:00:01Z"}},
        {"index":1,"status":422,"problem":{"type":"x","title":"Invalid","detail":"title: required"}},
        {"index":2,"status":503,"problem":{"title":"busy"}}]}"#;
    let acts = after_batch(&with(200, |r| r.body = results.into()), 3, t, 0.0, NOW_MS, NOW);
    assert!(matches!(&acts[0], Action::Sent(r) if r.server_id == "7"));
    assert_eq!(acts[1], Action::Refused("title: required".into()));
    assert!(matches!(acts[2], Action::Retry { .. }));
    // An array of receipts, or any other 2xx.
    let acts = after_batch(&with(201, |r| r.body = r#"[{"id":"a1"},{"id":"a2"}]"#.into()), 2, t, 0.0, NOW_MS, NOW);
    assert!(matches!(&acts[1], Action::Sent(r) if r.server_id == "a2"));
    assert!(after_batch(&with(204, |_| {}), 2, t, 0.0, NOW_MS, NOW).iter().all(|a| matches!(a, Action::Sent(_))));
    // The whole batch refused: each record is tried alone; a pause for all.
    assert_eq!(after_batch(&http(413), 2, t, 0.0, NOW_MS, NOW), vec![Action::Retry { after_ms: 0 }; 2]);
    assert_eq!(after_batch(&http(401), 2, t, 0.0, NOW_MS, NOW), vec![Action::Pause(Pause::Credentials); 2]);
    assert!(after_batch(&Answer::Network, 2, t, 0.0, NOW_MS, NOW).iter().all(|a| matches!(a, Action::Retry { .. })));
}

#[test]
fn the_log_keeps_the_last_hundred() {
    let mut log = Vec::new();
    for i in 0..130u64 {
        log_push(&mut log, LogEntry { at: i, method: "POST".into(), id: "x".into(), n: 1, met: "http:201".into(), action: "sent".into() });
    }
    assert_eq!(log.len(), LOG_MAX);
    assert_eq!((log[0].at, log[99].at), (30, 129));
}

#[test]
fn the_settings_form_is_read_by_the_link_rules() {
    let base = Settings::default_for("http://localhost:8080");
    let mut f = SyncForm::of(&base);
    assert_eq!(from_fragment(&f.fragment(), &base).unwrap(), base, "the defaults read back unchanged");
    f.set("mode", "batch".into());
    f.set("batch", "20".into());
    f.set("header", "X-API-Key".into());
    f.set("value", "k&y=1".into());
    f.set("key", "off".into());
    let s = from_fragment(&f.fragment(), &base).unwrap();
    assert_eq!((s.mode, s.header.clone(), s.send_key), (Mode::Batch(20), Some(("X-API-Key".into(), "k&y=1".into())), false));
    assert_eq!(SyncForm::of(&s), f);
    f.set("header", String::new());
    assert_eq!(from_fragment(&f.fragment(), &s).unwrap().header, None, "an empty name removes the header");
    f.set("timeout", "1".into());
    f.set("endpoint", "http://example.org/x".into());
    let keys: Vec<&str> = from_fragment(&f.fragment(), &base).unwrap_err().iter().map(|e| e.key).collect();
    assert_eq!(keys, ["endpoint", "timeout"]);
}

#[test]
fn the_connection_test_tells_apart_what_happened() {
    assert_eq!(judge(Some(204), true, vec![], true), Test::Ok(204));
    assert_eq!(judge(Some(405), true, vec![], true), Test::Ok(405), "the address exists; HEAD is not allowed");
    assert_eq!(judge(Some(401), true, vec![], true), Test::Credentials(401));
    assert_eq!(judge(Some(404), true, vec![], true), Test::Address(404));
    assert_eq!(judge(Some(300), true, vec![], true), Test::Address(300), "a redirect (its status hidden)");
    assert_eq!(judge(Some(500), true, vec![], true), Test::Other(500));
    assert_eq!(judge(None, true, vec!["Idempotency-Key".into()], true), Test::Headers(vec!["Idempotency-Key".into()]));
    assert_eq!(judge(None, false, vec![], true), Test::Cors, "an opaque answer: there, but no CORS");
    assert_eq!(judge(None, false, vec![], false), Test::Network);
}

#[test]
fn cors_needs_name_every_header_the_app_sends() {
    let mut s = Settings::default_for("https://a.example");
    s.header = Some(("X-API-Key".into(), "k".into()));
    let lines = paix_base::sync::config::cors_needs(&s, "https://a.example");
    assert_eq!(lines[0], "Access-Control-Allow-Origin: https://a.example");
    assert_eq!(lines[2], "Access-Control-Allow-Headers: Content-Type, Idempotency-Key, X-API-Key");
}
