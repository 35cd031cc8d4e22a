//! The activities API over real HTTP on an ephemeral port, the same suite on
//! both backends: `sqlite::*` on a temporary file, `postgres::*` on a fresh
//! database of the PostgreSQL cluster that `make test-host` starts with
//! `pg_virtualenv` (see `common::backend`). Bodies are the v1 fixture
//! (`tests/fixtures/record-v1.json`) with fresh ids.

mod common;

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::backend::{Kind, ServerProcess, TestDb};
use common::*;
use paix_base::journal::export::{to_csv, COLUMNS};
use paix_base::journal::Activity;
use serde_json::{json, Value};
use sqlx::Connection;

const FIXTURE: &str = include_str!("../../tests/fixtures/record-v1.json");
const PROBLEM: &str = "tag:paix-a-la-base,2026:problem:";

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The fixture with this id.
fn record(id: &str) -> Value {
    let mut value: Value = serde_json::from_str(FIXTURE).unwrap();
    value["id"] = json!(id);
    value
}

fn fresh() -> Value {
    record(&new_id())
}

/// A record that breaks several rules of `journal::check`.
fn broken() -> Value {
    let mut value = fresh();
    value["participants"]["young_women"] = json!(20); // more than the 14 women
    value["participants"]["total"] = json!(99); // not women + men
    value["title"] = json!("x".repeat(121)); // too long
    value["start_time"] = json!("25:00");
    value["activity_type"] = json!("other"); // without activity_type_other
    value
}

fn problem_type(response: &Response) -> String {
    assert_eq!(
        response.header("content-type"),
        Some("application/problem+json"),
        "{}",
        response.text()
    );
    let body = response.json();
    assert_eq!(body["status"], response.status, "{body}");
    assert!(
        body["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    assert!(
        body["detail"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    body["type"]
        .as_str()
        .and_then(|t| t.strip_prefix(PROBLEM))
        .unwrap_or_else(|| panic!("problem type: {body}"))
        .to_string()
}

/// A server on its own database, served in this test's runtime.
struct Api {
    addr: SocketAddr,
    db: TestDb,
    _dist: TempDir,
}

impl Api {
    async fn new(kind: Kind) -> Option<Api> {
        Api::with(kind, |_| {}).await
    }

    async fn with(kind: Kind, tweak: impl FnOnce(&mut paix_server::Config)) -> Option<Api> {
        let db = TestDb::new(kind).await?;
        let dist = make_dist();
        let mut config = paix_server::Config::new(dist.path());
        config.database = db.url.clone();
        tweak(&mut config);
        let addr = serve(&config).await;
        Some(Api {
            addr,
            db,
            _dist: dist,
        })
    }
}

async fn post(addr: SocketAddr, body: &Value) -> Response {
    post_json(addr, "/api/activities", &[], body).await
}

async fn post_with_key(addr: SocketAddr, key: &str, body: &Value) -> Response {
    let quoted = format!("\"{key}\"");
    post_json(
        addr,
        "/api/activities",
        &[("Idempotency-Key", &quoted)],
        body,
    )
    .await
}

/// Every stored item, following `next`.
async fn all_items(addr: SocketAddr, headers: &[(&str, &str)]) -> Vec<Value> {
    let mut items = Vec::new();
    let mut target = "/api/activities?limit=1000".to_string();
    loop {
        let page = request(addr, "GET", &target, headers).await;
        assert_eq!(page.status, 200, "{}", page.text());
        let body = page.json();
        items.extend(body["items"].as_array().unwrap().iter().cloned());
        match body["next"].as_str() {
            Some(next) => target = next.to_string(),
            None => return items,
        }
    }
}

fn count_of(items: &[Value], id: &str) -> usize {
    items.iter().filter(|i| i["record"]["id"] == id).count()
}

fn assert_receipt(response: &Response, id: &str) -> Value {
    let receipt = response.json();
    assert_eq!(receipt["record_id"], id, "{receipt}");
    assert!(
        receipt["id"]
            .as_str()
            .is_some_and(|s| s.parse::<i64>().is_ok()),
        "{receipt}"
    );
    assert!(
        receipt["received_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z')),
        "{receipt}"
    );
    let location = format!("/api/activities/{id}");
    assert_eq!(receipt["location"], location.as_str());
    assert_eq!(response.header("location"), Some(location.as_str()));
    receipt
}

// ------------------------------------------------------------ the suite ---

async fn same_body_twice_is_one_row_and_the_same_receipt(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let id = new_id();
    let body = record(&id);
    let key = format!("{id}:1");

    let first = post_with_key(api.addr, &key, &body).await;
    assert_eq!(first.status, 201, "{}", first.text());
    let receipt = assert_receipt(&first, &id);

    let again = post_with_key(api.addr, &key, &body).await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(assert_receipt(&again, &id), receipt);

    // Keyed by the id (no header), and the same record written otherwise
    // (pretty, with a field from a newer minor version): still a replay.
    let by_id = post(api.addr, &body).await;
    assert_eq!((by_id.status, by_id.json()), (200, receipt.clone()));
    let mut newer = body.clone();
    newer["future_field"] = json!({ "x": 1 });
    let pretty = serde_json::to_string_pretty(&newer).unwrap();
    let headers = [
        ("Content-Type", "application/json; charset=utf-8"),
        ("Idempotency-Key", key.as_str()),
    ];
    let written_otherwise = send(
        api.addr,
        "POST",
        "/api/activities",
        &headers,
        pretty.as_bytes(),
    )
    .await;
    assert_eq!(
        (written_otherwise.status, written_otherwise.json()),
        (200, receipt.clone())
    );

    let stored = get(api.addr, &format!("/api/activities/{id}")).await;
    assert_eq!(stored.status, 200);
    assert_eq!(stored.json()["receipt"], receipt);
    assert_eq!(stored.json()["record"], body);
    assert_eq!(stored.json()["received_by"], Value::Null);
    let etag = stored.header("etag").expect("ETag").to_string();
    let cached = request(
        api.addr,
        "GET",
        &format!("/api/activities/{id}"),
        &[("If-None-Match", &etag)],
    )
    .await;
    assert_eq!(cached.status, 304);

    assert_eq!(count_of(&all_items(api.addr, &[]).await, &id), 1);
    let _ = &api.db;
}

async fn same_key_with_another_body_is_422(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let (a, b) = (new_id(), new_id());
    let key = format!("key-{}", new_id());
    let first = post_with_key(api.addr, &key, &record(&a)).await;
    assert_eq!(first.status, 201);
    let receipt = first.json();

    let reused = post_with_key(api.addr, &key, &record(&b)).await;
    assert_eq!(reused.status, 422, "{}", reused.text());
    assert_eq!(problem_type(&reused), "idempotency-key-reused");
    assert_eq!(reused.json()["conflict"], receipt);
    assert!(reused.json()["detail"].as_str().unwrap().contains(&a));

    // The same id with other content, with no key or a new one.
    let mut changed = record(&a);
    changed["title"] = json!("Un autre titre");
    for response in [
        post(api.addr, &changed).await,
        post_with_key(api.addr, &format!("{a}:2"), &changed).await,
    ] {
        assert_eq!(response.status, 422, "{}", response.text());
        assert_eq!(problem_type(&response), "record-conflict");
        assert_eq!(response.json()["conflict"], receipt);
    }

    assert_eq!(
        get(api.addr, &format!("/api/activities/{b}")).await.status,
        404
    );
    let items = all_items(api.addr, &[]).await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["record"]["title"], record(&a)["title"]);
}

async fn concurrent_requests_with_one_key_make_one_row(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let id = new_id();
    let body = record(&id);
    let key = format!("{id}:1");
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..24 {
        let (body, key, addr) = (body.clone(), key.clone(), api.addr);
        tasks.spawn(async move { post_with_key(addr, &key, &body).await });
    }
    let mut receipts = Vec::new();
    let mut created = 0;
    while let Some(done) = tasks.join_next().await {
        let response = done.unwrap();
        match response.status {
            201 => {
                created += 1;
                receipts.push(response.json());
            }
            200 => receipts.push(response.json()),
            409 => assert_eq!(problem_type(&response), "in-process"),
            other => panic!("{other}: {}", response.text()),
        }
    }
    assert_eq!(created, 1);
    assert!(receipts.windows(2).all(|w| w[0] == w[1]), "{receipts:?}");
    let items = all_items(api.addr, &[]).await;
    assert_eq!(items.len(), 1);
    assert_eq!(count_of(&items, &id), 1);
}

async fn a_batch_mixes_new_repeated_and_invalid_items(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let (a, b, c) = (new_id(), new_id(), new_id());
    let stored_a = post(api.addr, &record(&a)).await;
    assert_eq!(stored_a.status, 201);
    let mut invalid = broken();
    invalid["id"] = json!(c);
    let mut changed_a = record(&a);
    changed_a["participants"]["women"] = json!(15);
    changed_a["participants"]["total"] = json!(37);
    let batch = json!([record(&b), record(&a), invalid, record(&b), changed_a, 7]);

    let response = post(api.addr, &batch).await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("content-type"), Some("application/json"));
    let results = response.json()["results"].as_array().unwrap().clone();
    let statuses: Vec<u64> = results
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [201, 200, 422, 200, 422, 422]);
    for (i, result) in results.iter().enumerate() {
        assert_eq!(result["index"], i);
    }
    assert_eq!(results[0]["receipt"]["record_id"], b.as_str());
    assert_eq!(results[1]["receipt"], stored_a.json());
    assert_eq!(results[3]["receipt"], results[0]["receipt"]);
    let invalid_problem = &results[2]["problem"];
    assert_eq!(invalid_problem["type"], format!("{PROBLEM}invalid-record"));
    assert_eq!(invalid_problem["record_id"], c.as_str());
    assert!(invalid_problem["errors"].as_array().unwrap().len() >= 4);
    assert_eq!(
        results[4]["problem"]["type"],
        format!("{PROBLEM}record-conflict")
    );
    assert_eq!(
        results[5]["problem"]["type"],
        format!("{PROBLEM}invalid-record")
    );

    // The same batch again: nothing new.
    let again = post(api.addr, &batch).await;
    let statuses: Vec<u64> = again.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [200, 200, 422, 200, 422, 422]);
    assert_eq!(again.json()["results"][0]["receipt"], results[0]["receipt"]);

    let items = all_items(api.addr, &[]).await;
    assert_eq!(items.len(), 2);
    assert_eq!(count_of(&items, &c), 0);
    // An empty batch is answered, empty.
    assert_eq!(
        post(api.addr, &json!([])).await.json(),
        json!({ "results": [] })
    );
}

async fn refusals_name_what_is_wrong(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    // 422: every broken rule, with its field and an English sentence.
    let response = post(api.addr, &broken()).await;
    assert_eq!(response.status, 422);
    assert_eq!(problem_type(&response), "invalid-record");
    let errors = response.json()["errors"].as_array().unwrap().clone();
    let fields: HashSet<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in [
        "young_women",
        "total",
        "title",
        "start_time",
        "activity_type_other",
    ] {
        assert!(fields.contains(field), "{field} not in {errors:?}");
    }
    let title = errors.iter().find(|e| e["field"] == "title").unwrap();
    assert_eq!(title["message"], "Too long: 121 characters (at most 120).");
    let mut missing = fresh();
    missing.as_object_mut().unwrap().remove("title");
    let response = post(api.addr, &missing).await;
    assert_eq!(response.status, 422);
    assert_eq!(response.json()["errors"][0]["field"], "title");
    let mut newer = fresh();
    newer["schema_version"] = json!(2);
    let response = post(api.addr, &newer).await;
    assert_eq!(response.status, 422);
    assert!(response.json()["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("newer"));

    // A control character (a NUL, which PostgreSQL's text refuses): 422, not 500.
    let mut nul = fresh();
    nul["project"] = json!("prj-01\u{0}");
    let response = post(api.addr, &nul).await;
    assert_eq!(response.status, 422, "{:?}", response.json());
    assert_eq!(response.json()["errors"][0]["field"], "project");

    // 413: more items in one batch than answered one by one.
    let many = Value::Array(vec![
        json!({});
        paix_server::activities::MAX_BATCH_ITEMS + 1
    ]);
    let response = post(api.addr, &many).await;
    assert_eq!(response.status, 413);
    assert_eq!(problem_type(&response), "too-many-items");

    // 413: over 2 MiB.
    let large = vec![b' '; paix_server::activities::MAX_BODY + 1];
    let json_type = [("Content-Type", "application/json")];
    let response = send(api.addr, "POST", "/api/activities", &json_type, &large).await;
    assert_eq!(response.status, 413);
    assert_eq!(problem_type(&response), "too-large");

    // 415: not JSON.
    let body = fresh().to_string();
    for headers in [
        &[("Content-Type", "text/plain")][..],
        &[("Content-Type", "application/x-www-form-urlencoded")][..],
        &[][..],
    ] {
        let response = send(
            api.addr,
            "POST",
            "/api/activities",
            headers,
            body.as_bytes(),
        )
        .await;
        assert_eq!(response.status, 415, "{headers:?}");
        assert_eq!(problem_type(&response), "unsupported-media-type");
    }

    // 400: not JSON at all, or a broken Idempotency-Key.
    let response = send(
        api.addr,
        "POST",
        "/api/activities",
        &json_type,
        b"{\"id\": ",
    )
    .await;
    assert_eq!(response.status, 400);
    assert_eq!(problem_type(&response), "malformed-json");
    let response = post_json(
        api.addr,
        "/api/activities",
        &[("Idempotency-Key", "\"open")],
        &fresh(),
    )
    .await;
    assert_eq!(response.status, 400);
    assert_eq!(problem_type(&response), "bad-request");

    assert!(all_items(api.addr, &[]).await.is_empty());
}

async fn put_stores_a_record_at_its_url(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let id = new_id();
    let target = format!("/api/activities/{id}");
    let body = record(&id).to_string();
    let json_type = [("Content-Type", "application/json")];
    let first = send(api.addr, "PUT", &target, &json_type, body.as_bytes()).await;
    assert_eq!(first.status, 201, "{}", first.text());
    let receipt = assert_receipt(&first, &id);
    let again = send(api.addr, "PUT", &target, &json_type, body.as_bytes()).await;
    assert_eq!((again.status, again.json()), (200, receipt));
    let elsewhere = send(
        api.addr,
        "PUT",
        &format!("/api/activities/{}", new_id()),
        &json_type,
        body.as_bytes(),
    )
    .await;
    assert_eq!(elsewhere.status, 422);
    assert_eq!(elsewhere.json()["errors"][0]["field"], "record");
}

async fn lists_pages_and_filters(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let mut ids = Vec::new();
    for i in 0..5 {
        let id = new_id();
        let mut body = record(&id);
        if i >= 3 {
            body["project"] = json!("prj-02");
            body["region"] = json!("ML02");
        }
        assert_eq!(post(api.addr, &body).await.status, 201);
        ids.push(id);
    }
    let first = get(api.addr, "/api/activities?limit=2").await;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("cache-control"), Some("no-store"));
    let page = first.json();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let next = page["next"].as_str().unwrap();
    assert!(next.starts_with("/api/activities?after="), "{next}");
    let all = all_items(api.addr, &[]).await;
    let order: Vec<&str> = all
        .iter()
        .map(|i| i["record"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(order, ids.iter().map(String::as_str).collect::<Vec<_>>());
    let server_ids: Vec<i64> = all
        .iter()
        .map(|i| i["receipt"]["id"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(server_ids.windows(2).all(|w| w[0] < w[1]), "{server_ids:?}");

    let mut walked = Vec::new();
    let mut target = "/api/activities?limit=2".to_string();
    loop {
        let body = get(api.addr, &target).await.json();
        walked.extend(
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["record"]["id"].clone()),
        );
        match body["next"].as_str() {
            Some(next) => target = next.to_string(),
            None => break,
        }
    }
    assert_eq!(walked.len(), 5);

    let count = |body: Value| body["items"].as_array().unwrap().len();
    assert_eq!(
        count(get(api.addr, "/api/activities?project=prj-02").await.json()),
        2
    );
    assert_eq!(
        count(get(api.addr, "/api/activities?region=ML01").await.json()),
        3
    );
    assert_eq!(
        count(
            get(api.addr, "/api/activities?region=ML01&project=prj-02")
                .await
                .json()
        ),
        0
    );
    assert_eq!(
        count(
            get(api.addr, "/api/activities?since=2000-01-01")
                .await
                .json()
        ),
        5
    );
    assert_eq!(
        count(
            get(api.addr, "/api/activities?since=2999-01-01T00:00:00Z")
                .await
                .json()
        ),
        0
    );
    // The year 0000 is valid RFC 3339 but not a PostgreSQL timestamp: it
    // still means every record, on both stores.
    for early in ["0000-01-01T00:00:00Z", "0001-01-01T00:30:00%2B01:00"] {
        let answer = get(api.addr, &format!("/api/activities?since={early}")).await;
        assert_eq!(answer.status, 200, "since={early}");
        assert_eq!(count(answer.json()), 5, "since={early}");
    }
    assert_eq!(
        count(
            get(api.addr, "/api/activities?since=9999-12-31T23:59:59Z")
                .await
                .json()
        ),
        0
    );
    let since = all[3]["receipt"]["received_at"]
        .as_str()
        .unwrap()
        .to_string();
    let target = format!("/api/activities?since={}", since.replace(':', "%3A"));
    assert!(count(get(api.addr, &target).await.json()) >= 2);
    let bad = get(api.addr, "/api/activities?since=yesterday").await;
    assert_eq!(bad.status, 400);
    assert_eq!(problem_type(&bad), "bad-request");
    let missing = get(api.addr, &format!("/api/activities/{}", new_id())).await;
    assert_eq!(missing.status, 404);
    assert_eq!(problem_type(&missing), "not-found");
}

const TOKENS: &str = "\
# label token [scopes]
osc-01 tok-osc-01-aaaaaaaaaaaa
osc-02 tok-osc-02-bbbbbbbbbbbb send
me.bamako tok-me-cccccccccccccccccc read
";

async fn auth_on_and_off(kind: Kind) {
    let files = TempDir::new("tokens");
    let tokens = files.write("tokens.txt", TOKENS);
    let Some(api) = Api::with(kind, |c| c.tokens = Some(tokens.clone())).await else {
        return;
    };
    let id = new_id();
    let body = record(&id);

    let bearer = |t: &str| format!("Bearer {t}");
    let none = post(api.addr, &body).await;
    assert_eq!(none.status, 401);
    assert_eq!(problem_type(&none), "token-missing");
    assert!(none.json()["detail"]
        .as_str()
        .unwrap()
        .contains("Authorization: Bearer"));
    assert!(none
        .header("www-authenticate")
        .unwrap()
        .starts_with("Bearer"));
    for (header, value) in [
        ("Authorization", bearer("tok-osc-01-aaaaaaaaaaaX")),
        ("Authorization", "Basic b3NjOnNlY3JldA==".to_string()),
        ("X-API-Key", "nope-nope-nope-nope".to_string()),
    ] {
        let refused = post_json(api.addr, "/api/activities", &[(header, &value)], &body).await;
        assert_eq!(refused.status, 401, "{header}: {value}");
        assert!(problem_type(&refused).starts_with("token-"));
    }

    let osc_01 = bearer("tok-osc-01-aaaaaaaaaaaa");
    let osc_02 = bearer("tok-osc-02-bbbbbbbbbbbb");
    let sent = post_json(
        api.addr,
        "/api/activities",
        &[("Authorization", &osc_01)],
        &body,
    )
    .await;
    assert_eq!(sent.status, 201);
    // The sender reads its own record back; another sender does not.
    let own = request(
        api.addr,
        "GET",
        &format!("/api/activities/{id}"),
        &[("Authorization", &osc_01)],
    )
    .await;
    assert_eq!(own.status, 200);
    assert_eq!(own.json()["received_by"], "osc-01");
    let other = request(
        api.addr,
        "GET",
        &format!("/api/activities/{id}"),
        &[("Authorization", &osc_02)],
    )
    .await;
    // Not there for it: a 404, as for any record it may not read. A 403
    // would pause the app's whole queue (« vérifiez vos identifiants ») when
    // a device reads back a record that an administrator imported under
    // another label; after a 404 the app sends it again with the same key,
    // and the answer is the stored receipt.
    assert_eq!(other.status, 404);
    let again = post_json(api.addr, "/api/activities", &[("Authorization", &osc_02)], &body).await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json(), sent.json(), "the same receipt");
    assert_eq!(
        request(
            api.addr,
            "GET",
            "/api/activities",
            &[("Authorization", &osc_01)]
        )
        .await
        .status,
        403
    );
    assert_eq!(get(api.addr, "/api/activities.csv").await.status, 401);
    // HEAD checks the credentials alone: any known token, whatever its
    // scopes (the app's connection test); an unknown one is refused.
    for (token, status) in [(&osc_02, 204), (&bearer("tok-osc-02-bbbbbbbbbbbX"), 401)] {
        let head = request(api.addr, "HEAD", "/api/activities", &[("Authorization", token)]).await;
        assert_eq!(head.status, status, "{token}");
    }
    // The reader reads everything and sends nothing.
    let reader = [("X-API-Key", "tok-me-cccccccccccccccccc")];
    let items = all_items(api.addr, &reader).await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["received_by"], "osc-01");
    assert_eq!(
        request(api.addr, "GET", "/api/activities.csv", &reader)
            .await
            .status,
        200
    );
    let refused = post_json(api.addr, "/api/activities", &reader, &fresh()).await;
    assert_eq!(refused.status, 403);

    // Off: anyone sends, no label.
    let Some(open) = Api::new(kind).await else {
        return;
    };
    let response = post(open.addr, &body).await;
    assert_eq!(response.status, 201);
    assert_eq!(
        get(open.addr, &format!("/api/activities/{id}"))
            .await
            .json()["received_by"],
        Value::Null
    );
}

async fn csv_has_the_apps_columns(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let plain = fresh();
    let mut tricky = fresh();
    tricky["title"] = json!("Dialogue, « quotes » and \"double quotes\"");
    tricky["description"] = json!("Line one\r\nline two, with a comma");
    tricky["project"] = json!("prj-02");
    for body in [&plain, &tricky] {
        assert_eq!(post(api.addr, body).await.status, 201);
    }
    let response = get(api.addr, "/api/activities.csv").await;
    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("content-type"),
        Some("text/csv; charset=utf-8")
    );
    assert!(response
        .header("content-disposition")
        .unwrap()
        .contains("activities.csv"));
    let text = response.text();
    assert!(text.starts_with('\u{feff}'));
    assert!(text[3..].starts_with(&COLUMNS.join(",")));
    let records: Vec<Activity> = [&plain, &tricky]
        .iter()
        .map(|v| Activity::from_json(&v.to_string()).unwrap())
        .collect();
    // Exactly the app's own export of the same records.
    assert_eq!(text, to_csv(&records.iter().collect::<Vec<_>>()));

    let filtered = get(api.addr, "/api/activities.csv?project=prj-02")
        .await
        .text();
    assert_eq!(filtered, to_csv(&[&records[1]]));
    let none = get(api.addr, "/api/activities.csv?region=ML99")
        .await
        .text();
    assert_eq!(none, to_csv(&[]));
}

/// Exactly one full page of rows (the CSV streams page by page): the file
/// ends whole; the stream once panicked when polled past its end, cutting
/// the connection mid-file.
async fn csv_of_exactly_one_full_page(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let batch: Vec<Value> = (0..paix_server::store::MAX_PAGE).map(|_| fresh()).collect();
    assert_eq!(post(api.addr, &json!(batch)).await.status, 200);
    for encoding in ["identity", "gzip"] {
        let response = request(api.addr, "GET", "/api/activities.csv", &[("Accept-Encoding", encoding)]).await;
        assert_eq!(response.status, 200, "{encoding}");
        if encoding == "identity" {
            let text = response.text();
            assert!(batch.iter().all(|r| text.contains(r["id"].as_str().unwrap())), "every row, to the end");
        }
    }
    // The server still answers (a panic there would not stop it, but the
    // next request proves the connection was not the last one).
    assert_eq!(get(api.addr, "/api/activities?limit=1").await.status, 200);
}

async fn import_reports_counts(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let (a, b, c) = (new_id(), new_id(), new_id());
    assert_eq!(post(api.addr, &record(&a)).await.status, 201);
    let mut invalid = broken();
    invalid["id"] = json!(c);
    let mut changed_a = record(&a);
    changed_a["title"] = json!("Autre titre");
    // As the app writes it: a pretty JSON array.
    let file = serde_json::to_string_pretty(&json!([
        record(&a),
        record(&b),
        invalid,
        changed_a,
        record(&b)
    ]))
    .unwrap();
    let json_type = [("Content-Type", "application/json")];

    let first = send(
        api.addr,
        "POST",
        "/api/activities/import",
        &json_type,
        file.as_bytes(),
    )
    .await;
    assert_eq!(first.status, 200, "{}", first.text());
    let report = first.json();
    let counts = |r: &Value| {
        [
            "items",
            "inserted",
            "already_present",
            "conflicting",
            "invalid",
            "busy",
        ]
        .map(|k| r[k].as_u64().unwrap())
    };
    assert_eq!(counts(&report), [5, 1, 2, 1, 1, 0], "{report}");
    let indexes: Vec<u64> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["index"].as_u64().unwrap())
        .collect();
    assert_eq!(indexes, [2, 3]);
    assert_eq!(
        report["problems"][1]["problem"]["type"],
        format!("{PROBLEM}record-conflict")
    );

    let again = send(
        api.addr,
        "POST",
        "/api/activities/import",
        &json_type,
        file.as_bytes(),
    )
    .await;
    assert_eq!(counts(&again.json()), [5, 0, 3, 1, 1, 0]);
    let stored = get(api.addr, &format!("/api/activities/{b}")).await.json();
    assert_eq!(stored["record"], record(&b));
    assert_eq!(all_items(api.addr, &[]).await.len(), 2);

    for (body, status) in [(&b"5"[..], 400), (b"{not json", 400)] {
        let response = send(api.addr, "POST", "/api/activities/import", &json_type, body).await;
        assert_eq!(response.status, status);
        assert_eq!(problem_type(&response), "malformed-json");
    }
    let text = send(
        api.addr,
        "POST",
        "/api/activities/import",
        &[("Content-Type", "text/plain")],
        file.as_bytes(),
    )
    .await;
    assert_eq!(text.status, 415);
}

async fn cors_preflight_and_exposed_headers(kind: Kind) {
    let app = "https://app.example.org";
    let Some(api) = Api::with(kind, |c| c.allow_origins = vec![app.into()]).await else {
        return;
    };
    let list_of = |response: &Response, name: &str| -> Vec<String> {
        response
            .header(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .split(',')
            .map(|s| s.trim().to_ascii_lowercase())
            .collect()
    };
    let preflight = request(
        api.addr,
        "OPTIONS",
        "/api/activities",
        &[
            ("Origin", app),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "content-type, authorization, idempotency-key, x-api-key",
            ),
        ],
    )
    .await;
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some(app));
    let methods = list_of(&preflight, "access-control-allow-methods");
    for method in ["get", "post", "put", "options"] {
        assert!(methods.contains(&method.to_string()), "{methods:?}");
    }
    let headers = list_of(&preflight, "access-control-allow-headers");
    for name in [
        "content-type",
        "authorization",
        "idempotency-key",
        "x-api-key",
    ] {
        assert!(headers.contains(&name.to_string()), "{headers:?}");
    }
    assert!(preflight.header("access-control-max-age").is_some());
    assert!(preflight
        .headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("vary") && v.contains("Origin")));

    let sent = post_json(api.addr, "/api/activities", &[("Origin", app)], &fresh()).await;
    assert_eq!(sent.status, 201);
    assert_eq!(sent.header("access-control-allow-origin"), Some(app));
    let exposed = list_of(&sent, "access-control-expose-headers");
    for name in ["location", "retry-after", "etag", "date"] {
        assert!(exposed.contains(&name.to_string()), "{exposed:?}");
    }
    // Another origin's preflight is refused; its reads get no CORS grant.
    let other = "https://elsewhere.example";
    let refused = request(
        api.addr,
        "OPTIONS",
        "/api/activities",
        &[("Origin", other), ("Access-Control-Request-Method", "POST")],
    )
    .await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.header("access-control-allow-origin"), None);
    let read = request(api.addr, "GET", "/api/activities", &[("Origin", other)]).await;
    assert_eq!(read.header("access-control-allow-origin"), None);
    // The app's own origin needs nothing configured.
    let own = format!("http://{}", api.addr);
    let same_origin = post_json(api.addr, "/api/activities", &[("Origin", &own)], &fresh()).await;
    assert_eq!(same_origin.status, 201);
    // Public endpoints stay open to every origin.
    let ping = request(api.addr, "GET", "/api/ping", &[("Origin", other)]).await;
    assert_eq!(ping.header("access-control-allow-origin"), Some("*"));

    let Some(any) = Api::with(kind, |c| c.allow_origins = vec!["*".into()]).await else {
        return;
    };
    let response = post_json(any.addr, "/api/activities", &[("Origin", other)], &fresh()).await;
    assert_eq!(response.header("access-control-allow-origin"), Some("*"));
}

async fn a_restart_keeps_the_data(kind: Kind) {
    let Some(db) = TestDb::new(kind).await else {
        return;
    };
    let dist = make_dist();
    let server = ServerProcess::start(dist.path(), &db.url, &[]);
    let mut receipts = HashMap::new();
    for _ in 0..3 {
        let id = new_id();
        let response = post(server.addr, &record(&id)).await;
        assert_eq!(response.status, 201);
        receipts.insert(id, response.json());
    }
    // SIGTERM: a graceful stop, exit code 0.
    let status = server.terminate();
    assert!(status.success(), "{status}");

    let server = ServerProcess::start(dist.path(), &db.url, &[]);
    for (id, receipt) in &receipts {
        let stored = get(server.addr, &format!("/api/activities/{id}")).await;
        assert_eq!(stored.status, 200);
        assert_eq!(&stored.json()["receipt"], receipt);
        // And a resend after the restart is a replay.
        let again = post(server.addr, &record(id)).await;
        assert_eq!((again.status, &again.json()), (200, receipt));
    }
    let last = receipts
        .values()
        .map(|r| r["id"].as_str().unwrap().parse::<i64>().unwrap())
        .max()
        .unwrap();
    let new = post(server.addr, &fresh()).await.json();
    assert!(new["id"].as_str().unwrap().parse::<i64>().unwrap() > last);
}

async fn sigkill_during_a_burst_loses_no_acknowledged_record(kind: Kind) {
    let Some(db) = TestDb::new(kind).await else {
        return;
    };
    let dist = make_dist();
    let mut server = ServerProcess::start(dist.path(), &db.url, &[]);
    let addr = server.addr;
    let answered = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..500 {
        let answered = answered.clone();
        tasks.spawn(async move {
            let id = new_id();
            let body = record(&id).to_string();
            let json_type = [("Content-Type", "application/json")];
            let result =
                try_send(addr, "POST", "/api/activities", &json_type, body.as_bytes()).await;
            if matches!(&result, Ok(r) if r.status == 201) {
                answered.fetch_add(1, Ordering::SeqCst);
            }
            (id, result)
        });
    }
    // Kill once a fifth of the burst is acknowledged.
    let deadline = Instant::now() + Duration::from_secs(60);
    while answered.load(Ordering::SeqCst) < 100 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.kill9();
    let mut acknowledged = Vec::new();
    let mut lost_connections = 0;
    while let Some(done) = tasks.join_next().await {
        let (id, result) = done.unwrap();
        match result {
            Ok(response) if response.status == 201 => acknowledged.push((id, response.json())),
            Ok(response) => panic!("{}: {}", response.status, response.text()),
            Err(_) => lost_connections += 1,
        }
    }
    eprintln!(
        "{kind:?}: {} acknowledged, {lost_connections} cut by SIGKILL",
        acknowledged.len()
    );
    assert!(acknowledged.len() >= 100);

    let server = ServerProcess::start(dist.path(), &db.url, &[]);
    for (id, receipt) in &acknowledged {
        let stored = get(server.addr, &format!("/api/activities/{id}")).await;
        assert_eq!(stored.status, 200, "acknowledged record {id} lost");
        assert_eq!(&stored.json()["receipt"], receipt);
    }
    // Nothing half-written: every stored row reads back whole.
    for item in all_items(server.addr, &[]).await {
        assert!(Activity::from_json(&item["record"].to_string()).is_ok());
    }
}

// ------------------------------------------------- one test per bad input ---

const JSON_TYPE: [(&str, &str); 1] = [("Content-Type", "application/json")];

/// POSTs `body` as it is (not necessarily JSON, nor UTF-8).
async fn post_raw(addr: SocketAddr, target: &str, body: &[u8]) -> Response {
    send(addr, "POST", target, &JSON_TYPE, body).await
}

/// `record` as text with the string `"@"` replaced by `raw` (numbers that a
/// `Value` cannot hold, such as 1e400).
fn with_raw(record: &Value, raw: &str) -> String {
    let text = record.to_string();
    assert_eq!(text.matches("\"@\"").count(), 1);
    text.replace("\"@\"", raw)
}

/// The fields of a 422's errors.
fn error_fields(response: &Response) -> Vec<String> {
    assert_eq!(response.status, 422, "{}", response.text());
    assert_eq!(problem_type(response), "invalid-record");
    response.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
            e["field"].as_str().unwrap().to_string()
        })
        .collect()
}

async fn a_body_not_utf8_is_400(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let mut body = fresh().to_string().into_bytes();
    let at = body.iter().position(|&b| b == b'D').unwrap(); // in the title
    body[at] = 0xff;
    for (method, target, what) in [
        ("POST", "/api/activities".to_string(), "body"),
        ("PUT", format!("/api/activities/{}", new_id()), "body"),
        ("POST", "/api/activities/import".to_string(), "file"),
    ] {
        let response = send(api.addr, method, &target, &JSON_TYPE, &body).await;
        assert_eq!(response.status, 400, "{method} {target}");
        assert_eq!(problem_type(&response), "malformed-json");
        assert_eq!(response.json()["detail"], format!("The {what} is not UTF-8."));
    }
    assert!(all_items(api.addr, &[]).await.is_empty());
}

async fn json_nested_100000_deep_is_400(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    // A bare array, an unknown field of a record, an object of objects.
    let in_record = with_raw(&{
        let mut r = fresh();
        r["x_deep"] = json!("@");
        r
    }, &deep(100_000));
    let objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    for body in [deep(100_000), in_record, objects] {
        for target in ["/api/activities", "/api/activities/import"] {
            let response = post_raw(api.addr, target, body.as_bytes()).await;
            assert_eq!(response.status, 400, "{target}: {}", response.text());
            assert_eq!(problem_type(&response), "malformed-json");
            assert!(response.json()["detail"].as_str().unwrap().contains("nested more than 64"));
        }
    }
    // The server is still there, and a little nesting in an unknown field
    // is kept.
    let mut shallow = fresh();
    shallow["x_tree"] = serde_json::from_str(&deep(60)).unwrap();
    let response = post(api.addr, &shallow).await;
    assert_eq!(response.status, 201, "{}", response.text());
    assert_eq!(all_items(api.addr, &[]).await.len(), 1);
}

async fn huge_and_negative_counts_are_422_naming_the_field(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    for number in ["1e400", "18446744073709551616", "-1", "4294967296", "1.5", "-0.0e999"] {
        for field in ["women", "young_men", "total"] {
            let mut record = fresh();
            record["participants"][field] = json!("@");
            let body = with_raw(&record, number);
            let response = post_raw(api.addr, "/api/activities", body.as_bytes()).await;
            assert_eq!(error_fields(&response), [field], "{field}: {number}");
        }
    }
    let mut record = fresh();
    record["duration_min"] = json!("@");
    let response = post_raw(api.addr, "/api/activities", with_raw(&record, "1e400").as_bytes()).await;
    assert_eq!(error_fields(&response), ["duration_min"]);
    let mut record = fresh();
    record["position"]["lat"] = json!("@");
    let response = post_raw(api.addr, "/api/activities", with_raw(&record, "1e400").as_bytes()).await;
    assert_eq!(error_fields(&response), ["position"]);
    // In a batch, the item's problem says the same.
    let mut record = fresh();
    record["participants"]["men"] = json!("@");
    let batch = format!("[{}]", with_raw(&record, "-1"));
    let response = post_raw(api.addr, "/api/activities", batch.as_bytes()).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.json()["results"][0]["problem"]["errors"][0]["field"], "men");
    assert!(all_items(api.addr, &[]).await.is_empty());
}

async fn wrong_types_are_422_naming_the_field(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    for (field, value, expected) in [
        ("title", json!(5), "title"),
        ("participants", json!("ten"), "participants"),
        ("date", json!(20261129), "date"),
        ("activity_type", json!("picnic"), "activity_type"),
        ("indicators", json!("ind-disputes"), "indicators"),
        ("author", json!(null), "author"),
        ("revision", json!(-1), "revision"),
    ] {
        let mut record = fresh();
        record[field] = value.clone();
        let response = post(api.addr, &record).await;
        assert_eq!(error_fields(&response), [expected], "{field}: {value}");
    }
    let mut record = fresh();
    record["participants"]["women"] = json!("14");
    assert_eq!(error_fields(&post(api.addr, &record).await), ["women"]);
    let mut record = fresh();
    record["author"]["name"] = json!(["Aminata"]);
    assert_eq!(error_fields(&post(api.addr, &record).await), ["author"]);
    // A missing field is named as before.
    let mut record = fresh();
    record["participants"].as_object_mut().unwrap().remove("men");
    assert_eq!(error_fields(&post(api.addr, &record).await), ["men"]);
    assert!(all_items(api.addr, &[]).await.is_empty());
}

async fn a_1_mb_title_is_422_too_long(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let mut record = fresh();
    record["title"] = json!("é".repeat(1_000_000)); // 2,000,000 bytes
    let body = record.to_string();
    assert!(body.len() < paix_server::activities::MAX_BODY);
    let response = post_raw(api.addr, "/api/activities", body.as_bytes()).await;
    assert_eq!(error_fields(&response), ["title"]);
    assert_eq!(
        response.json()["errors"][0]["message"],
        "Too long: 1000000 characters (at most 120)."
    );
    assert!(all_items(api.addr, &[]).await.is_empty());
}

/// The policy: fields this server does not know (a newer minor version of
/// the format, another client's notes) are stored as sent and read back as
/// sent, but are not part of the record's identity: the fingerprint is made
/// from the fields the format defines, so the same record with other
/// unknown fields is a replay of the first (same receipt, the first text
/// kept), never a conflict or a second row.
async fn unknown_fields_are_stored_as_sent_and_ignored_by_the_fingerprint(kind: Kind) {
    let Some(api) = Api::new(kind).await else {
        return;
    };
    let id = new_id();
    let mut first = record(&id);
    first["x_source"] = json!({ "app": "kobo", "form": 3, "tags": ["a", null, 1.5] });
    first["zz"] = json!("dernier champ");
    let created = post(api.addr, &first).await;
    assert_eq!(created.status, 201, "{}", created.text());
    let receipt = created.json();

    let mut other = record(&id);
    other["x_source"] = json!("something else");
    for again in [record(&id), other] {
        let response = post(api.addr, &again).await;
        assert_eq!((response.status, response.json()), (200, receipt.clone()));
    }
    let stored = get(api.addr, &format!("/api/activities/{id}")).await.json();
    assert_eq!(stored["record"], first);
    assert_eq!(stored["record"]["x_source"]["tags"][2], 1.5);
    assert_eq!(count_of(&all_items(api.addr, &[]).await, &id), 1);
    // A known field changed is another version: refused.
    let mut changed = first.clone();
    changed["title"] = json!("Autre titre");
    assert_eq!(problem_type(&post(api.addr, &changed).await), "record-conflict");
}

// ------------------------------------------------------ rate and timeouts ---

const APP_ORIGIN: &str = "https://app.example.org";

/// 6 writes a minute per token: an address may send 60 a minute (one a
/// second), in bursts of 10. Open server: writes count by address.
async fn over_the_write_rate_is_429_with_retry_after(kind: Kind) {
    let Some(api) = Api::with(kind, |c| {
        c.limits.write_rate = 6;
        c.allow_origins = vec![APP_ORIGIN.into()];
    })
    .await
    else {
        return;
    };
    let started = Instant::now();
    let mut accepted = Vec::new();
    let (refused_record, refused) = loop {
        assert!(accepted.len() < 40, "never refused");
        let body = fresh();
        let response = post_json(api.addr, "/api/activities", &[("Origin", APP_ORIGIN)], &body).await;
        match response.status {
            201 => accepted.push(body["id"].as_str().unwrap().to_string()),
            429 => break (body, response),
            other => panic!("{other}: {}", response.text()),
        }
    };
    let elapsed = started.elapsed().as_secs();
    assert!(
        (10..=11 + elapsed as usize).contains(&accepted.len()),
        "{} accepted in {elapsed} s",
        accepted.len()
    );
    assert_eq!(problem_type(&refused), "too-many-requests");
    let retry_after: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry_after), "{retry_after}");
    let detail = refused.json()["detail"].as_str().unwrap().to_string();
    assert!(detail.contains("60 write requests a minute from this network address"), "{detail}");
    assert!(detail.contains(&format!("send it again in {retry_after} second")), "{detail}");
    // A page of the app's origin can read it, and Retry-After.
    assert_eq!(refused.header("access-control-allow-origin"), Some(APP_ORIGIN));
    let exposed = refused.header("access-control-expose-headers").unwrap().to_ascii_lowercase();
    assert!(exposed.contains("retry-after"), "{exposed}");
    // Reads are not counted; the refused record was not stored.
    let id = refused_record["id"].as_str().unwrap();
    assert_eq!(get(api.addr, &format!("/api/activities/{id}")).await.status, 404);

    tokio::time::sleep(Duration::from_secs(retry_after)).await;
    let again = post(api.addr, &refused_record).await;
    assert_eq!(again.status, 201, "{}", again.text());
    let items = all_items(api.addr, &[]).await;
    assert_eq!(items.len(), accepted.len() + 1);
    for id in accepted.iter().map(String::as_str).chain([id]) {
        assert_eq!(count_of(&items, id), 1);
    }
}

/// Served with `axum::serve` alone (no connection info): each token has its
/// own bucket (60 a minute, bursts of 12); requests without a known token
/// are not counted (no address to count them by) and get their 401.
async fn the_write_rate_counts_by_token_without_connection_info(kind: Kind) {
    let Some(db) = TestDb::new(kind).await else {
        return;
    };
    let dist = make_dist();
    let files = TempDir::new("tokens");
    let mut config = paix_server::Config::new(dist.path());
    config.database = db.url.clone();
    config.tokens = Some(files.write("tokens.txt", TOKENS));
    config.limits.write_rate = 60;
    let addr = serve_router(&config).await;
    let osc_01 = [("Authorization", "Bearer tok-osc-01-aaaaaaaaaaaa")];
    let osc_02 = [("Authorization", "Bearer tok-osc-02-bbbbbbbbbbbb")];
    for i in 0..12 {
        let response = post_json(addr, "/api/activities", &osc_01, &fresh()).await;
        assert_eq!(response.status, 201, "write {i}");
    }
    let refused_record = fresh();
    let refused = post_json(addr, "/api/activities", &osc_01, &refused_record).await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert!(refused.json()["detail"].as_str().unwrap().contains("60 write requests a minute from this token"));
    // PUT counts too.
    let id = new_id();
    let put = send(addr, "PUT", &format!("/api/activities/{id}"), &[JSON_TYPE[0], osc_01[0]], record(&id).to_string().as_bytes()).await;
    assert_eq!(put.status, 429);
    assert_eq!(post_json(addr, "/api/activities", &osc_02, &fresh()).await.status, 201);
    for _ in 0..15 {
        assert_eq!(post(addr, &fresh()).await.status, 401);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let again = post_json(addr, "/api/activities", &osc_01, &refused_record).await;
    assert_eq!(again.status, 201, "{}", again.text());
    let reader = [("Authorization", "Bearer tok-me-cccccccccccccccccc")];
    let items = all_items(addr, &reader).await;
    assert_eq!(items.len(), 14);
    assert_eq!(count_of(&items, refused_record["id"].as_str().unwrap()), 1);
}

/// A client that sends its head and half its body, then nothing: 408 (or
/// the connection closed) once the request timeout is over, and nothing
/// stored; the whole record sent afterwards is new.
async fn a_stalled_upload_gets_408_and_stores_nothing(kind: Kind) {
    let Some(api) = Api::with(kind, |c| {
        c.limits.request_timeout = Duration::from_secs(1);
        c.limits.idle_timeout = Duration::from_secs(30);
    })
    .await
    else {
        return;
    };
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = fresh().to_string();
    let mut stream = tokio::net::TcpStream::connect(api.addr).await.unwrap();
    let head = format!(
        "POST /api/activities HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        api.addr,
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body.as_bytes()[..body.len() / 2]).await.unwrap();
    let started = Instant::now();
    let mut raw = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut raw)).await;
    let elapsed = started.elapsed();
    assert!(read.is_ok(), "the connection stayed open");
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    if !raw.is_empty() {
        let text = String::from_utf8_lossy(&raw).to_string();
        assert!(text.starts_with("HTTP/1.1 408 "), "{text}");
        assert!(text.to_ascii_lowercase().contains("\r\nconnection: close\r\n"), "{text}");
        assert!(text.contains(&format!("{PROBLEM}request-timeout")), "{text}");
        assert!(text.contains("within 1 second;"), "{text}");
    }
    assert!(all_items(api.addr, &[]).await.is_empty());
    let id: Value = serde_json::from_str::<Value>(&body).unwrap()["id"].clone();
    let whole = post_raw(api.addr, "/api/activities", body.as_bytes()).await;
    assert_eq!(whole.status, 201, "{}", whole.text());
    assert_eq!(whole.json()["record_id"], id);
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(Kind::Sqlite).await
                }
            )*
        }
        mod postgres {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(Kind::Postgres).await
                }
            )*
        }
    };
}

on_both_backends!(
    same_body_twice_is_one_row_and_the_same_receipt,
    same_key_with_another_body_is_422,
    concurrent_requests_with_one_key_make_one_row,
    a_batch_mixes_new_repeated_and_invalid_items,
    refusals_name_what_is_wrong,
    put_stores_a_record_at_its_url,
    lists_pages_and_filters,
    auth_on_and_off,
    csv_has_the_apps_columns,
    csv_of_exactly_one_full_page,
    import_reports_counts,
    cors_preflight_and_exposed_headers,
    a_restart_keeps_the_data,
    sigkill_during_a_burst_loses_no_acknowledged_record,
    a_body_not_utf8_is_400,
    json_nested_100000_deep_is_400,
    huge_and_negative_counts_are_422_naming_the_field,
    wrong_types_are_422_naming_the_field,
    a_1_mb_title_is_422_too_long,
    unknown_fields_are_stored_as_sent_and_ignored_by_the_fingerprint,
    over_the_write_rate_is_429_with_retry_after,
    the_write_rate_counts_by_token_without_connection_info,
    a_stalled_upload_gets_408_and_stores_nothing,
);

// ------------------------------------------------------ PostgreSQL only ---

/// Two server processes on one database get the same 200 keys at once:
/// exactly 200 rows, and every answer a 201, a replayed 200 with the same
/// receipt, or a 409.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_two_instances_share_idempotency() {
    let Some(db) = TestDb::new(Kind::Postgres).await else {
        return;
    };
    let dist = make_dist();
    let servers = [
        ServerProcess::start(dist.path(), &db.url, &[]),
        ServerProcess::start(dist.path(), &db.url, &[]),
    ];
    let bodies: Vec<(String, Value)> = (0..200)
        .map(|_| {
            let id = new_id();
            (format!("{id}:1"), record(&id))
        })
        .collect();
    let mut tasks = tokio::task::JoinSet::new();
    for (key, body) in &bodies {
        for server in &servers {
            let (key, body, addr) = (key.clone(), body.clone(), server.addr);
            tasks.spawn(async move {
                let response = post_with_key(addr, &key, &body).await;
                (key, response)
            });
        }
    }
    let mut by_key: HashMap<String, Vec<(u16, Value)>> = HashMap::new();
    let mut statuses: HashMap<u16, usize> = HashMap::new();
    while let Some(done) = tasks.join_next().await {
        let (key, response) = done.unwrap();
        assert!(
            matches!(response.status, 200 | 201 | 409),
            "{}: {}",
            response.status,
            response.text()
        );
        *statuses.entry(response.status).or_default() += 1;
        by_key
            .entry(key)
            .or_default()
            .push((response.status, response.json()));
    }
    eprintln!("two instances, 400 requests: {statuses:?}");
    let mut receipts = HashMap::new();
    for (key, answers) in &by_key {
        let created = answers.iter().filter(|(s, _)| *s == 201).count();
        assert!(created <= 1, "{key}: {answers:?}");
        let stored: Vec<&Value> = answers
            .iter()
            .filter(|(s, _)| *s != 409)
            .map(|(_, r)| r)
            .collect();
        assert!(
            stored.windows(2).all(|w| w[0] == w[1]),
            "{key}: {answers:?}"
        );
        if let Some(receipt) = stored.first() {
            receipts.insert(key.clone(), (*receipt).clone());
        }
    }
    let items = all_items(servers[0].addr, &[]).await;
    assert_eq!(items.len(), 200);
    // Sent again to either: the stored answer.
    for (i, (key, body)) in bodies.iter().enumerate() {
        let response = post_with_key(servers[i % 2].addr, key, body).await;
        assert_eq!(response.status, 200);
        if let Some(receipt) = receipts.get(key) {
            assert_eq!(&response.json(), receipt);
        }
    }
    assert_eq!(all_items(servers[1].addr, &[]).await.len(), 200);
}

/// A key held by a transaction that has not committed is answered 409 (with
/// Retry-After), alone or in a batch; once it commits, the stored answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_key_still_in_process_is_409() {
    let Some(api) = Api::new(Kind::Postgres).await else {
        return;
    };
    let id = new_id();
    let body = record(&id);
    let key = format!("{id}:1");
    let activity = Activity::from_json(&body.to_string()).unwrap();
    let mut conn = sqlx::PgConnection::connect(&api.db.url).await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO activities (id, idempotency_key, fingerprint, revision, project, region, \
         date, received_at, token_label, body) \
         VALUES ($1, $2, $3, 1, 'prj-01', 'ML01', '2026-11-29', now(), NULL, $4::json) RETURNING seq",
    )
    .bind(id.clone())
    .bind(key.clone())
    .bind(paix_server::activities::fingerprint(&activity))
    .bind(body.to_string())
    .fetch_one(&mut *tx)
    .await
    .unwrap();

    let started = Instant::now();
    let busy = post_with_key(api.addr, &key, &body).await;
    assert_eq!(busy.status, 409, "{}", busy.text());
    assert_eq!(problem_type(&busy), "in-process");
    assert_eq!(busy.header("retry-after"), Some("1"));
    assert!(started.elapsed() < Duration::from_secs(10));
    let other = fresh();
    let batch = post(api.addr, &json!([body, other])).await;
    let statuses: Vec<u64> = batch.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [409, 201]);

    tx.commit().await.unwrap();
    let done = post_with_key(api.addr, &key, &body).await;
    assert_eq!(done.status, 200);
    assert_eq!(done.json()["id"], seq.to_string());
}

// ------------------------------------------------------------ throughput ---

/// Prints how fast 1,000 records are stored, one per request and batched,
/// on both backends (not asserted). Run it with
/// `PGPORT=25432 pg_virtualenv -t -o fsync=on cargo test -p paix-server --test activities
/// throughput -- --ignored --nocapture` (pg_virtualenv turns fsync off
/// unless told otherwise; add --release for an optimised server).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: prints figures"]
async fn throughput() {
    const N: usize = 1000;
    for kind in [Kind::Sqlite, Kind::Postgres] {
        let Some(db) = TestDb::new(kind).await else {
            continue;
        };
        let dist = make_dist();
        // Thousands of writes from one address: no write-rate limit.
        let server = ServerProcess::start(dist.path(), &db.url, &["--write-rate", "0"]);
        let addr = server.addr;
        let records = |n: usize| (0..n).map(|_| fresh()).collect::<Vec<_>>();
        let report = |what: &str, started: Instant| {
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "{kind:?}: {N} records, {what}: {seconds:.2} s, {:.0} records/s",
                N as f64 / seconds
            );
        };

        let started = Instant::now();
        for body in records(N) {
            assert_eq!(post(addr, &body).await.status, 201);
        }
        report("one per request, one client", started);

        let started = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for chunk in records(N).chunks(N / 16 + 1) {
            let chunk = chunk.to_vec();
            tasks.spawn(async move {
                for body in chunk {
                    assert_eq!(post(addr, &body).await.status, 201);
                }
            });
        }
        while tasks.join_next().await.is_some() {}
        report("one per request, 16 clients", started);

        for size in [10, 100, 1000] {
            let started = Instant::now();
            for chunk in records(N).chunks(size) {
                let response = post(addr, &json!(chunk)).await;
                assert_eq!(response.status, 200);
                assert!(response.json()["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|r| r["status"] == 201));
            }
            report(&format!("batches of {size}"), started);
        }
        assert_eq!(all_items(addr, &[]).await.len(), 5 * N);
        let _ = server.terminate();
    }
}
