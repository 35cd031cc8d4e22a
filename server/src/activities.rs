//! The activities API: the reference sync endpoint of the app.
//!
//! * `POST /api/activities` — one record, or an array (a batch, each item
//!   answered on its own, in order). Idempotent, keyed by `Idempotency-Key`
//!   (one record) or else by the record's `id`.
//! * `PUT /api/activities/{id}` — one record at its own URL (same rules).
//! * `GET /api/activities` — pages of stored records (`since`, `project`,
//!   `region`, `limit`, `after`); `HEAD` checks the credentials alone.
//! * `GET /api/activities/{id}` — one stored record and its receipt.
//! * `GET /api/activities.csv` — the app's CSV columns, UTF-8 with a BOM.
//! * `POST /api/activities/import` — an export file of the app; counts.
//!
//! Records are checked with the core's `journal::check`, the same rules as
//! the app's import. Refusals are RFC 9457 problems ([`Problem`]).

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use paix_base::i18n::Lang;
use paix_base::journal::check::check;
use paix_base::journal::export::{csv_cells, csv_field, COLUMNS};
use paix_base::journal::Activity;
use paix_base::model::date;
use serde_json::value::RawValue;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::api::{etag_of, if_none_match_hits};
use crate::auth::{Caller, Denied, Tokens};
use crate::limits::{too_many_requests, WriteLimiter};
use crate::problem::Problem;
use crate::store::{
    Db, ListQuery, NewRecord, Outcome, Receipt, Store, StoreError, Stored, MAX_PAGE,
};

/// Most bytes in a `POST`/`PUT` body: a batch of about 1,500 typical records.
pub const MAX_BODY: usize = 2 * 1024 * 1024;
/// Most bytes in an import file (the app caps downloads at the same size).
pub const MAX_IMPORT: usize = 16 * 1024 * 1024;
/// Most items in one batch, and in one import file: each item is answered
/// on its own, so a body of tiny items must not become a huge answer.
pub const MAX_BATCH_ITEMS: usize = 1_000;
pub const MAX_IMPORT_ITEMS: usize = 20_000;

/// 413 for a list of more than `max` items.
fn too_many(n: usize, max: usize) -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-many-items",
        "Too many records in one request",
        format!("{n} records in one request; at most {max}. Send smaller batches."),
    )
}
/// Rows per page when `limit` is not given.
pub const DEFAULT_PAGE: u32 = 100;
/// Longest `Idempotency-Key`.
pub const MAX_KEY: usize = 255;
/// Deepest nesting of arrays and objects in a body. A record is 3 deep.
/// serde_json refuses 128 levels when it builds values, but skips unknown
/// fields at any depth, so without this a body nested 100,000 deep in an
/// unknown field would be stored as sent (and PostgreSQL's parser, or the
/// app's, would meet it later).
pub const MAX_DEPTH: usize = 64;

/// What the handlers share.
pub struct Activities {
    pub db: Db,
    pub tokens: Tokens,
    /// `--write-rate`: POST and PUT requests a minute.
    pub writes: WriteLimiter,
}

pub fn router(state: Arc<Activities>) -> Router {
    Router::new()
        .route("/api/activities", post(post_activities).get(list).head(check_credentials))
        .route("/api/activities.csv", get(csv))
        .route("/api/activities/import", post(import))
        .route("/api/activities/{id}", get(get_one).put(put_one))
        .route_layer(middleware::from_fn_with_state(state.clone(), limit_writes))
        .with_state(state)
}

/// The write-rate limit (`--write-rate`): every POST and PUT counts, by the
/// label of its token (if known) and by the client's address (if known:
/// served by [`crate::serve`]), before anything else is done with it. A
/// refused request stored nothing: 429 with `Retry-After`.
async fn limit_writes(
    State(state): State<Arc<Activities>>,
    request: Request,
    next: Next,
) -> Response {
    let write = matches!(*request.method(), Method::POST | Method::PUT);
    if write && state.writes.rate() > 0 {
        let label = state.tokens.caller(request.headers()).ok().and_then(|c| c.label());
        let peer = crate::conn::peer_addr(&request).map(|addr| addr.ip());
        if let Err(throttled) = state.writes.check(label.as_deref(), peer, Instant::now()) {
            return too_many_requests(&state.writes, &throttled).into_response();
        }
    }
    next.run(request).await
}

// ------------------------------------------------------------- writing ---

/// A write's body, parsed and checked: everything before the database.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// One record (a JSON object): its row to store, or why not (422).
    One(Result<NewRecord, Problem>),
    /// A batch (a JSON array): for each item, in order, its row or its
    /// problem (each item is answered on its own).
    Batch(Vec<Result<NewRecord, Problem>>),
}

/// Reads the body of `POST /api/activities`: UTF-8, one record or a batch
/// (by its first character), JSON, at most [`MAX_BATCH_ITEMS`] items, each
/// read and checked as the app's import does, its fingerprint made. `key`
/// (the `Idempotency-Key`) keys a single record; a batch is keyed by each
/// record's id. `Err` is the 400 or 413 for the whole body. Pure, and
/// never panics, whatever the bytes (a fuzz target calls it).
pub fn parse_body(bytes: &[u8], key: Option<String>) -> Result<Parsed, Problem> {
    let text = utf8(bytes, "body")?;
    match first_char(text) {
        Some('[') => {
            let items = json_list(text, MAX_BATCH_ITEMS)?;
            Ok(Parsed::Batch(items.iter().map(|item| prepare(item, None, None)).collect()))
        }
        Some('{') => {
            let item: &RawValue = json(text)?;
            Ok(Parsed::One(prepare(item, key, None)))
        }
        _ => Err(Problem::malformed_json(
            "Expected one record (a JSON object) or a batch (a JSON array of records).",
        )),
    }
}

/// Reads the body of `PUT /api/activities/{path_id}`: one record, whose id
/// must be `path_id`. Pure, never panics.
pub fn parse_put(bytes: &[u8], key: Option<String>, path_id: &str) -> Result<NewRecord, Problem> {
    let item: &RawValue = json(utf8(bytes, "body")?)?;
    prepare(item, key, Some(path_id))
}

/// Reads an import file (`POST /api/activities/import`): an export of the
/// app (a JSON array of records; one record is taken too), at most
/// [`MAX_IMPORT_ITEMS`]; each item keyed by its id. Pure, never panics.
pub fn parse_import(bytes: &[u8]) -> Result<Vec<Result<NewRecord, Problem>>, Problem> {
    let text = utf8(bytes, "file")?;
    let items = match first_char(text) {
        Some('[') => json_list(text, MAX_IMPORT_ITEMS)?,
        Some('{') => vec![json::<&RawValue>(text)?],
        _ => {
            return Err(Problem::malformed_json(
                "An export file of the app is a JSON array of records.",
            ))
        }
    };
    Ok(items.iter().map(|item| prepare(item, None, None)).collect())
}

/// Parses JSON, or the 400 problem that says why not.
fn json<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Result<T, Problem> {
    check_depth(text)?;
    serde_json::from_str(text).map_err(|e| Problem::malformed_json(e.to_string()))
}

/// A JSON array of at most `max` items, each kept as its text.
fn json_list(text: &str, max: usize) -> Result<Vec<&RawValue>, Problem> {
    let items: Vec<&RawValue> = json(text)?;
    if items.len() > max {
        return Err(too_many(items.len(), max));
    }
    Ok(items)
}

/// Refuses JSON nested deeper than [`MAX_DEPTH`] (400), by one pass over
/// the bytes (no recursion).
fn check_depth(text: &str) -> Result<(), Problem> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Problem::malformed_json(format!(
                        "The JSON is nested more than {MAX_DEPTH} levels deep (arrays and \
                         objects within each other); a record needs 3."
                    )));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The body as text, without a leading byte order mark (which JSON parsers
/// refuse), or the 400 problem (`what`: "body", "file").
fn utf8<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, Problem> {
    std::str::from_utf8(bytes)
        .map(|text| text.strip_prefix('\u{feff}').unwrap_or(text))
        .map_err(|_| Problem::malformed_json(format!("The {what} is not UTF-8.")))
}

async fn post_activities(State(state): State<Arc<Activities>>, request: Request) -> Response {
    let (caller, headers, bytes) = match receive(&state, request, MAX_BODY).await {
        Ok(received) => received,
        Err(response) => return response,
    };
    // The key names a single record: a batch is keyed item by item, by each
    // record's id, and a broken Idempotency-Key refuses a single record only.
    let key = idempotency_key(&headers);
    let parsed = match parse_body(&bytes, key.clone().ok().flatten()) {
        Ok(parsed) => parsed,
        Err(problem) => return problem.into_response(),
    };
    match parsed {
        Parsed::One(record) => match (key, record) {
            (Err(problem), _) | (Ok(_), Err(problem)) => problem.into_response(),
            (Ok(_), Ok(record)) => store_one(&state, &caller, record).await,
        },
        Parsed::Batch(items) => match store_items(&state, &caller, items).await {
            Ok(answers) => batch_response(answers),
            Err(problem) => problem.into_response(),
        },
    }
}

async fn put_one(
    State(state): State<Arc<Activities>>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let (caller, headers, bytes) = match receive(&state, request, MAX_BODY).await {
        Ok(received) => received,
        Err(response) => return response,
    };
    let record = idempotency_key(&headers).and_then(|key| parse_put(&bytes, key, &id));
    match record {
        Ok(record) => store_one(&state, &caller, record).await,
        Err(problem) => problem.into_response(),
    }
}

async fn import(State(state): State<Arc<Activities>>, request: Request) -> Response {
    let (caller, _headers, bytes) = match receive(&state, request, MAX_IMPORT).await {
        Ok(received) => received,
        Err(response) => return response,
    };
    let items = match parse_import(&bytes) {
        Ok(items) => items,
        Err(problem) => return problem.into_response(),
    };
    let answers = match store_items(&state, &caller, items).await {
        Ok(answers) => answers,
        Err(problem) => return problem.into_response(),
    };
    let mut counts = [0usize; 5]; // inserted, already present, conflicting, invalid, busy
    let mut problems = Vec::new();
    for (index, answer) in answers.iter().enumerate() {
        let slot = match answer {
            Answer::Stored(Outcome::Created(_)) => 0,
            Answer::Stored(Outcome::Replayed(_)) => 1,
            Answer::Stored(Outcome::KeyReused(_) | Outcome::IdTaken(_)) => 2,
            Answer::Invalid(_) => 3,
            Answer::Stored(Outcome::InProcess) => 4,
        };
        counts[slot] += 1;
        if slot >= 2 {
            let problem = answer.problem().expect("a refusal has a problem");
            problems.push(json!({ "index": index, "status": problem.status.as_u16(), "problem": problem.to_json() }));
        }
    }
    let body = json!({
        "items": answers.len(),
        "inserted": counts[0],
        "already_present": counts[1],
        "conflicting": counts[2],
        "invalid": counts[3],
        "busy": counts[4],
        "problems": problems,
    });
    json_response(StatusCode::OK, &body)
}

/// Authenticates a writer, checks the content type and reads the body.
async fn receive(
    state: &Activities,
    request: Request,
    limit: usize,
) -> Result<(Caller, HeaderMap, Bytes), Response> {
    let (parts, body) = request.into_parts();
    let caller = state
        .tokens
        .caller(&parts.headers)
        .map_err(IntoResponse::into_response)?;
    if !caller.may_send() {
        return Err(Denied::Scope("send").into_response());
    }
    check_json_type(&parts.headers).map_err(IntoResponse::into_response)?;
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(Problem::too_large(limit).into_response());
    }
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => Ok((caller, parts.headers, bytes)),
        Err(e) => {
            let too_large =
                std::iter::successors(Some(&e as &(dyn std::error::Error + 'static)), |e| {
                    e.source()
                })
                .any(|e| e.is::<http_body_util::LengthLimitError>());
            if too_large {
                Err(Problem::too_large(limit).into_response())
            } else {
                Err(
                    Problem::bad_request(format!("The body could not be read: {e}"))
                        .into_response(),
                )
            }
        }
    }
}

/// `application/json` or any `…+json`, with any parameters.
fn check_json_type(headers: &HeaderMap) -> Result<(), Problem> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Err(Problem::unsupported_media_type(None));
    };
    let text = value.to_str().unwrap_or("");
    let essence = text
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let json = essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"));
    if json {
        Ok(())
    } else {
        Err(Problem::unsupported_media_type(Some(text)))
    }
}

fn first_char(text: &str) -> Option<char> {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .chars()
        .next()
}

/// The `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): a
/// structured-field string, `"…"`; the bare form is accepted too.
pub fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let mut values = headers.get_all("idempotency-key").iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(Problem::bad_request(
            "Send one Idempotency-Key header, not several.",
        ));
    }
    let bad = || {
        Problem::bad_request(format!(
            "Idempotency-Key must be 1 to {MAX_KEY} visible ASCII characters, \
             as a quoted string (\"…\") or bare."
        ))
    };
    let raw = value.to_str().map_err(|_| bad())?.trim();
    let key = match raw.strip_prefix('"') {
        Some(rest) => {
            let inner = rest.strip_suffix('"').ok_or_else(bad)?;
            let mut key = String::new();
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some(e @ ('"' | '\\')) => key.push(e),
                        _ => return Err(bad()),
                    },
                    '"' => return Err(bad()),
                    c => key.push(c),
                }
            }
            key
        }
        None => raw.to_string(),
    };
    if key.is_empty() || key.len() > MAX_KEY || !key.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(bad());
    }
    Ok(Some(key))
}

/// What became of one item: refused before storage, or the store's word.
#[derive(Debug, Clone)]
enum Answer {
    Invalid(Problem),
    Stored(Outcome),
}

impl Answer {
    fn status(&self) -> StatusCode {
        match self {
            Answer::Invalid(p) => p.status,
            Answer::Stored(Outcome::Created(_)) => StatusCode::CREATED,
            Answer::Stored(Outcome::Replayed(_)) => StatusCode::OK,
            Answer::Stored(outcome) => refusal(outcome).map(|p| p.status).unwrap_or(StatusCode::OK),
        }
    }

    fn problem(&self) -> Option<Problem> {
        match self {
            Answer::Invalid(p) => Some(p.clone()),
            Answer::Stored(outcome) => refusal(outcome),
        }
    }
}

/// The problem of an outcome that stored nothing.
fn refusal(outcome: &Outcome) -> Option<Problem> {
    match outcome {
        Outcome::Created(_) | Outcome::Replayed(_) => None,
        Outcome::KeyReused(stored) => Some(
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                "This Idempotency-Key was used for another body",
                format!(
                    "The key was first used for record {} (revision {}), received at {}, with \
                     other content. A new or changed record needs a new key.",
                    stored.record_id, stored.revision, stored.received_at
                ),
            )
            .with("conflict", receipt_json(stored)),
        ),
        Outcome::IdTaken(stored) => Some(
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "record-conflict",
                "Another version of this record is already stored",
                format!(
                    "Record {} is already stored with other content (revision {}, received at \
                     {}); a stored record is never replaced. Send the change as a new record \
                     whose 'corrects' names {}.",
                    stored.record_id, stored.revision, stored.received_at, stored.record_id
                ),
            )
            .with("conflict", receipt_json(stored)),
        ),
        Outcome::InProcess => Some(
            Problem::new(
                StatusCode::CONFLICT,
                "in-process",
                "A request with this key is still being processed",
                "Another request with the same key has not finished. Send it again in a \
                 moment: the answer will then be the stored receipt.",
            )
            .retry_after(1),
        ),
    }
}

/// Checks one item and makes the row to store.
fn prepare(
    raw: &RawValue,
    key: Option<String>,
    path_id: Option<&str>,
) -> Result<NewRecord, Problem> {
    let text = raw.get();
    let record = match Activity::from_json(text) {
        Ok(record) => record,
        Err(None) => {
            return Err(invalid(
                None,
                vec![field_error(
                    "record",
                    "This record's schema_version is newer than this server reads (1): \
                     update the server.",
                )],
            ))
        }
        Err(Some(message)) => {
            return Err(invalid(
                None,
                vec![field_error(&error_field(text, &message), &message)],
            ))
        }
    };
    let mut errors: Vec<Value> = check(&record)
        .iter()
        .map(|e| field_error(e.field.id(), &e.message(Lang::En)))
        .collect();
    if let Some(path_id) = path_id.filter(|p| *p != record.id) {
        errors.push(field_error(
            "record",
            &format!(
                "The URL names record {path_id}, but the body's id is {}.",
                record.id
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(invalid(Some(&record.id), errors));
    }
    Ok(NewRecord {
        key: key.unwrap_or_else(|| record.id.clone()),
        fingerprint: fingerprint(&record),
        revision: record.revision,
        project: record.project.clone(),
        region: record.region.clone(),
        date: date::format(record.date),
        body: text.to_string(),
        id: record.id,
    })
}

/// SHA-256 of the record's canonical JSON (the core's `to_json`): unknown
/// fields and formatting do not make two bodies different.
pub fn fingerprint(record: &Activity) -> String {
    hex(&Sha256::digest(record.to_json().as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The field a record that does not read is refused for, as the field ids
/// of `journal::check` name them: a missing or repeated field by its name;
/// a wrong type or a number out of range by where it is (read again with
/// serde_path_to_error, on this error path only): the participants' count
/// (`women`), else the record's field (`title`, `position`), else `record`.
fn error_field(text: &str, message: &str) -> String {
    let named = serde_field(message);
    if named != "record" {
        return named.to_string();
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    let Err(error) = serde_path_to_error::deserialize::<_, Activity>(&mut reader) else {
        return named.to_string();
    };
    let keys: Vec<&str> = error
        .path()
        .iter()
        .filter_map(|segment| match segment {
            serde_path_to_error::Segment::Map { key } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    match keys[..] {
        ["participants", count, ..] => count.to_string(),
        [field, ..] => field.to_string(),
        [] => named.to_string(),
    }
}

/// The field a serde message is about (`missing field `title``), else
/// `record`.
fn serde_field(message: &str) -> &str {
    for prefix in ["missing field `", "duplicate field `"] {
        if let Some(rest) = message.split(prefix).nth(1) {
            if let Some(name) = rest.split('`').next() {
                return name;
            }
        }
    }
    "record"
}

fn field_error(field: &str, message: &str) -> Value {
    json!({ "field": field, "message": message })
}

fn invalid(id: Option<&str>, errors: Vec<Value>) -> Problem {
    let n = errors.len();
    let mut problem = Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid-record",
        "The record is not valid",
        format!(
            "The record breaks {n} rule{}: see errors. Nothing was stored; correct it and send it again.",
            if n == 1 { "" } else { "s" }
        ),
    );
    if let Some(id) = id {
        problem = problem.with("record_id", json!(id));
    }
    problem.with("errors", Value::Array(errors))
}

/// Stores the valid items of a batch or an import (keyed by id) in one
/// transaction, and answers each item.
async fn store_items(
    state: &Activities,
    caller: &Caller,
    items: Vec<Result<NewRecord, Problem>>,
) -> Result<Vec<Answer>, Problem> {
    let mut answers: Vec<Option<Answer>> = vec![None; items.len()];
    let mut valid = Vec::new();
    let mut positions = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Ok(record) => {
                valid.push(record);
                positions.push(i);
            }
            Err(problem) => answers[i] = Some(Answer::Invalid(problem)),
        }
    }
    let outcomes = state
        .db
        .put(valid, caller.label())
        .await
        .map_err(store_problem)?;
    for (i, outcome) in positions.into_iter().zip(outcomes) {
        answers[i] = Some(Answer::Stored(outcome));
    }
    Ok(answers
        .into_iter()
        .map(|a| a.expect("every item answered"))
        .collect())
}

async fn store_one(state: &Activities, caller: &Caller, record: NewRecord) -> Response {
    let outcome = match state.db.put(vec![record], caller.label()).await {
        Ok(mut outcomes) => outcomes.pop().expect("one outcome"),
        Err(e) => return store_problem(e).into_response(),
    };
    match &outcome {
        Outcome::Created(receipt) => receipt_response(StatusCode::CREATED, receipt),
        Outcome::Replayed(receipt) => receipt_response(StatusCode::OK, receipt),
        other => refusal(other).expect("a refusal").into_response(),
    }
}

fn store_problem(error: StoreError) -> Problem {
    eprintln!("paix-server: {error}");
    match error {
        StoreError::Busy(_) => Problem::busy(
            "The database is busy; nothing was stored by this request. Send it again.",
        ),
        StoreError::Failed(_) => Problem::internal(),
    }
}

/// `/api/activities/{id}`.
pub fn location(record_id: &str) -> String {
    format!("/api/activities/{}", encode_component(record_id))
}

fn receipt_json(receipt: &Receipt) -> Value {
    json!({
        "id": receipt.seq.to_string(),
        "record_id": receipt.record_id,
        "revision": receipt.revision,
        "received_at": receipt.received_at,
        "location": location(&receipt.record_id),
    })
}

fn receipt_response(status: StatusCode, receipt: &Receipt) -> Response {
    let mut response = json_response(status, &receipt_json(receipt));
    if let Ok(value) = HeaderValue::from_str(&location(&receipt.record_id)) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn batch_response(answers: Vec<Answer>) -> Response {
    let results: Vec<Value> = answers
        .iter()
        .enumerate()
        .map(|(index, answer)| {
            let status = answer.status().as_u16();
            match answer {
                Answer::Stored(Outcome::Created(r) | Outcome::Replayed(r)) => {
                    json!({ "index": index, "status": status, "receipt": receipt_json(r) })
                }
                other => json!({
                    "index": index,
                    "status": status,
                    "problem": other.problem().expect("a refusal").to_json(),
                }),
            }
        })
        .collect();
    json_response(StatusCode::OK, &json!({ "results": results }))
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).expect("JSON serialises");
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

// ------------------------------------------------------------- reading ---

/// A caller who may read every record.
fn reader(state: &Activities, headers: &HeaderMap) -> Result<Caller, Denied> {
    let caller = state.tokens.caller(headers)?;
    if caller.may_read_all() {
        Ok(caller)
    } else {
        Err(Denied::Scope("read"))
    }
}

/// One stored row as the API shows it: `{"receipt", "received_by",
/// "record"}`, the record exactly as it was received (its text is JSON:
/// checked on the way in, and PostgreSQL's `json` type checks it again).
fn item_text(row: &Stored) -> String {
    let record = if serde_json::from_str::<&RawValue>(&row.body).is_ok() {
        row.body.as_str()
    } else {
        "null"
    };
    format!(
        "{{\"receipt\":{},\"received_by\":{},\"record\":{}}}",
        receipt_json(&row.receipt),
        json!(row.label),
        record
    )
}

async fn get_one(
    State(state): State<Arc<Activities>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let caller = match state.tokens.caller(&headers) {
        Ok(caller) => caller,
        Err(denied) => return denied.into_response(),
    };
    let not_found = || Problem::not_found(format!("No record with id {id} is stored here.")).into_response();
    let row = match state.db.get(&id).await {
        Ok(Some(row)) => row,
        Ok(None) => return not_found(),
        Err(e) => return store_problem(e).into_response(),
    };
    // A sender reads back what it sent; a record another label brought
    // (an administrator's import of a device's export) is not there for
    // it: a 404, on which the app sends it again with the same key and is
    // answered the stored receipt. A 403 would pause its whole queue. (Nor
    // does the 404 tell that the record exists.)
    if !caller.may_read(row.label.as_deref()) {
        return if caller.may_send() { not_found() } else { Denied::Scope("read").into_response() };
    }
    let bytes = item_text(&row).into_bytes();
    let etag = etag_of(&bytes);
    let etag_value = HeaderValue::from_str(&etag).expect("hex ETag");
    let mut response = if if_none_match_hits(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = bytes.into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    };
    let h = response.headers_mut();
    h.insert(header::ETAG, etag_value);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The query of `GET /api/activities` and `/api/activities.csv`. Pure,
/// never panics.
pub fn list_query(uri_query: Option<&str>, default_limit: u32) -> Result<ListQuery, Problem> {
    let mut query = ListQuery {
        limit: default_limit,
        ..ListQuery::default()
    };
    for (name, value) in form_pairs(uri_query.unwrap_or("")) {
        let value = value.trim().to_string();
        match name.as_str() {
            "since" => query.since = Some(parse_since(&value)?),
            "project" if !value.is_empty() => query.project = Some(value),
            "region" if !value.is_empty() => query.region = Some(value),
            "project" | "region" => {}
            "limit" => {
                query.limit = value
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE).contains(n))
                    .ok_or_else(|| {
                        Problem::bad_request(format!(
                            "limit must be a whole number from 1 to {MAX_PAGE}."
                        ))
                    })?
            }
            "after" => {
                query.after = Some(value.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(
                    || {
                        Problem::bad_request(
                            "after must be a server id (a whole number), as in 'next'.",
                        )
                    },
                )?)
            }
            other => {
                return Err(Problem::bad_request(format!(
                    "Unknown parameter '{other}': use since, project, region, limit or after."
                )))
            }
        }
    }
    Ok(query)
}

/// `since=`: an RFC 3339 time, or a date (midnight UTC).
fn parse_since(value: &str) -> Result<String, Problem> {
    if let Ok(time) = chrono::DateTime::parse_from_rfc3339(value) {
        // RFC 3339 allows the year 0000, which PostgreSQL's timestamps
        // refuse: a time before the year 1 asks for every record, as the
        // year 1 does (no record is received before it).
        let first = chrono::NaiveDate::from_ymd_opt(1, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("the year 1 exists")
            .and_utc();
        return Ok(crate::store::format_time(time.with_timezone(&chrono::Utc).max(first)));
    }
    if let Some(day) = date::parse(value) {
        let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc();
        return Ok(crate::store::format_time(midnight));
    }
    Err(Problem::bad_request(format!(
        "since must be a time like 2026-12-01T10:00:00Z or a date like 2026-12-01, not '{value}' \
         (a '+' in a URL must be sent as %2B)."
    )))
}

fn form_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(name), decode_component(value))
        })
        .collect()
}

fn decode_component(text: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes all but the unreserved characters (RFC 3986).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URL of the page after `last`, with the same filters.
fn next_link(query: &ListQuery, last: i64) -> String {
    let mut link = format!("/api/activities?after={last}&limit={}", query.limit);
    for (name, value) in [
        ("since", &query.since),
        ("project", &query.project),
        ("region", &query.region),
    ] {
        if let Some(value) = value {
            link.push_str(&format!("&{name}={}", encode_component(value)));
        }
    }
    link
}

/// `HEAD /api/activities`: 204 for any known caller (or anyone, with no
/// tokens), 401 otherwise. It reads nothing, so a send-only token may
/// check its credentials (the app's « Tester la connexion »).
async fn check_credentials(State(state): State<Arc<Activities>>, headers: HeaderMap) -> Response {
    match state.tokens.caller(&headers) {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(denied) => denied.into_response(),
    }
}

async fn list(State(state): State<Arc<Activities>>, request: Request) -> Response {
    if let Err(denied) = reader(&state, request.headers()) {
        return denied.into_response();
    }
    let query = match list_query(request.uri().query(), DEFAULT_PAGE) {
        Ok(query) => query,
        Err(problem) => return problem.into_response(),
    };
    let rows = match state.db.list(&query).await {
        Ok(rows) => rows,
        Err(e) => return store_problem(e).into_response(),
    };
    let next = match rows.last() {
        Some(last) if rows.len() as u32 == query.limit => {
            Value::String(next_link(&query, last.receipt.seq))
        }
        _ => Value::Null,
    };
    let items: Vec<String> = rows.iter().map(item_text).collect();
    let body = format!("{{\"items\":[{}],\"next\":{next}}}", items.join(","));
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// One CSV line of a stored record, in the app's columns.
fn csv_line(row: &Stored) -> String {
    let cells = match Activity::from_json(&row.body) {
        Ok(record) => csv_cells(&record),
        // Stored records were checked on the way in; should one not read
        // back, its id still appears.
        Err(_) => {
            let mut cells = vec![String::new(); COLUMNS.len()];
            cells[0] = row.receipt.record_id.clone();
            cells
        }
    };
    let fields: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
    fields.join(",") + "\r\n"
}

async fn csv(State(state): State<Arc<Activities>>, request: Request) -> Response {
    if let Err(denied) = reader(&state, request.headers()) {
        return denied.into_response();
    }
    let query = match list_query(request.uri().query(), MAX_PAGE) {
        Ok(query) => query,
        Err(problem) => return problem.into_response(),
    };
    // The header line, then the rows page by page, streamed: the memory
    // used does not grow with the table.
    let header_line = format!(
        "\u{feff}{}\r\n",
        COLUMNS
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",")
    );
    let first = match state.db.list(&query).await {
        Ok(rows) => rows,
        Err(e) => return store_problem(e).into_response(),
    };
    let page = query.limit as usize;
    let start = (Some(header_line), first, query, state);
    let stream = futures_util::stream::unfold(Some(start), move |current| async move {
        let (header_line, rows, mut query, state) = current?;
        let mut chunk = header_line.unwrap_or_default();
        for row in &rows {
            chunk.push_str(&csv_line(row));
        }
        if rows.len() < page {
            return Some((Ok::<Bytes, std::io::Error>(Bytes::from(chunk)), None));
        }
        query.after = rows.last().map(|r| r.receipt.seq);
        match state.db.list(&query).await {
            Ok(next) => Some((Ok(Bytes::from(chunk)), Some((None, next, query, state)))),
            Err(e) => {
                eprintln!("paix-server: CSV export stopped: {e}");
                Some((Err(std::io::Error::other(e.to_string())), None))
            }
        }
    });
    // Fused: a layer above (compression) may poll once more after the end,
    // which an unfused `unfold` answers with a panic (seen with exactly one
    // full page of rows: the connection was cut mid-file).
    let mut response = Body::from_stream(futures_util::StreamExt::fuse(stream)).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"activities.csv\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        let key = |v: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("idempotency-key", HeaderValue::from_str(v).unwrap());
            idempotency_key(&headers)
        };
        assert_eq!(key("\"abc:1\"").unwrap().as_deref(), Some("abc:1"));
        assert_eq!(key("abc:1").unwrap().as_deref(), Some("abc:1"));
        assert_eq!(key("\"a\\\"b\"").unwrap().as_deref(), Some("a\"b"));
        assert!(key("\"\"").is_err());
        assert!(key("\"abc").is_err());
        assert!(key("\"a\"b\"").is_err());
        assert!(key(&"x".repeat(256)).is_err());
        assert_eq!(idempotency_key(&HeaderMap::new()).unwrap(), None);
    }

    #[test]
    fn query_strings() {
        let q = list_query(
            Some("since=2026-12-01T10%3A00%3A00%2B01%3A00&project=prj-01&limit=5&after=7"),
            100,
        )
        .unwrap();
        assert_eq!(q.since.as_deref(), Some("2026-12-01T09:00:00.000000Z"));
        assert_eq!(q.project.as_deref(), Some("prj-01"));
        assert_eq!((q.limit, q.after, q.region.as_deref()), (5, Some(7), None));
        assert_eq!(
            list_query(Some("since=2026-12-01"), 100)
                .unwrap()
                .since
                .as_deref(),
            Some("2026-12-01T00:00:00.000000Z")
        );
        for bad in [
            "since=yesterday",
            "limit=0",
            "limit=1001",
            "after=-1",
            "colour=red",
            "since=2026-12-01T10:00:00+01:00",
        ] {
            assert!(list_query(Some(bad), 100).is_err(), "{bad}");
        }
        let link = next_link(
            &list_query(Some("since=2026-12-01&region=ML%2001"), 100).unwrap(),
            9,
        );
        assert_eq!(link, "/api/activities?after=9&limit=100&since=2026-12-01T00%3A00%3A00.000000Z&region=ML%2001");
        assert_eq!(decode_component("a%2"), "a%2");
        assert_eq!(decode_component("%41%zz+"), "A%zz ");
    }

    #[test]
    fn json_types() {
        let with = |v: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(v).unwrap());
            check_json_type(&headers).is_ok()
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/activity+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/x-www-form-urlencoded"));
        assert!(check_json_type(&HeaderMap::new()).is_err());
    }

    const FIXTURE: &str = include_str!("../../tests/fixtures/record-v1.json");

    #[test]
    fn parse_body_shapes() {
        let id = "3f6c1a52-9b0e-4d7a-8e21-5c4b9d0a7e13";
        match parse_body(FIXTURE.as_bytes(), Some("k:1".into())) {
            Ok(Parsed::One(Ok(record))) => {
                assert_eq!((record.key.as_str(), record.id.as_str()), ("k:1", id));
                assert_eq!(record.body, FIXTURE.trim());
            }
            other => panic!("{other:?}"),
        }
        let batch = format!("\u{feff} [{FIXTURE}, 7, {{}}]");
        match parse_body(batch.as_bytes(), Some("ignored".into())) {
            Ok(Parsed::Batch(items)) => {
                assert_eq!(items.len(), 3);
                assert_eq!(items[0].as_ref().unwrap().key, id);
                assert!(items[1..].iter().all(|i| i.as_ref().unwrap_err().status == 422));
            }
            other => panic!("{other:?}"),
        }
        let status = |bytes: &[u8]| parse_body(bytes, None).err().map(|p| (p.status.as_u16(), p.kind));
        assert_eq!(status(b""), Some((400, "malformed-json")));
        assert_eq!(status(b"  7"), Some((400, "malformed-json")));
        assert_eq!(status(b"{\"id\": \xff}"), Some((400, "malformed-json")));
        assert_eq!(status(b"[1,"), Some((400, "malformed-json")));
        assert_eq!(status(b"{} {}"), Some((400, "malformed-json")));
        assert_eq!(status("[".repeat(65).as_bytes()), Some((400, "malformed-json")));
        let many = format!("[{}1]", "1,".repeat(MAX_BATCH_ITEMS));
        assert_eq!(status(many.as_bytes()), Some((413, "too-many-items")));
        // 64 deep is JSON (an invalid record), 65 is not.
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(matches!(parse_body(deep(64).as_bytes(), None), Ok(Parsed::Batch(_))));
        // Brackets inside strings do not count.
        let quoted = format!("[\"{}\\\"\"]", "[{".repeat(100));
        assert!(matches!(parse_body(quoted.as_bytes(), None), Ok(Parsed::Batch(_))));
    }

    #[test]
    fn put_and_import_bodies() {
        let other = "00000000-0000-4000-8000-000000000000";
        let refused = parse_put(FIXTURE.as_bytes(), None, other).unwrap_err();
        assert_eq!(refused.status, 422);
        assert!(parse_put(FIXTURE.as_bytes(), None, "3f6c1a52-9b0e-4d7a-8e21-5c4b9d0a7e13").is_ok());
        assert_eq!(parse_import(FIXTURE.as_bytes()).unwrap().len(), 1);
        assert_eq!(parse_import(b"[]").unwrap().len(), 0);
        assert_eq!(parse_import(b"\xff").unwrap_err().detail, "The file is not UTF-8.");
        assert_eq!(parse_import(b"7").unwrap_err().status, 400);
    }

    #[test]
    fn serde_fields() {
        assert_eq!(
            serde_field("missing field `title` at line 1 column 2"),
            "title"
        );
        assert_eq!(
            serde_field("unknown variant `x`, expected one of `a`"),
            "record"
        );
    }

    /// Attachments are raw JSON in the record type: reading them again
    /// through serde_path_to_error still reaches the field in error.
    #[test]
    fn a_field_in_error_after_attachments() {
        let mut v: Value = serde_json::from_str(FIXTURE).unwrap();
        v["attachments"] = serde_json::json!([{"id": "p1", "bytes": [1, 2]}]);
        v["participants"]["women"] = serde_json::json!("x");
        let text = v.to_string();
        assert!(text.find("attachments") < text.find("participants"));
        let Err(Some(message)) = Activity::from_json(&text) else {
            panic!("refused")
        };
        assert_eq!(error_field(&text, &message), "women");
    }
}
