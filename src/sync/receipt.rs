//! The receipt of a sent record, from whatever the endpoint answered: the
//! server's id (the body's `id`, `name` or `_id`, else the last segment of
//! `Location`), the server's time (the body's `received_at`, `created_at`
//! or `createdAt`, else the `Date` header, else the device's clock).

use super::http_date;
use super::rules::Response;
pub use crate::journal::state::Receipt;

pub fn receipt_of(r: &Response, now: &str) -> Receipt {
    let body: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&r.body).unwrap_or_default();
    // Our endpoint's read-back answer nests it: {"receipt": {"id", "received_at"}, "record": …}.
    let inner = body.get("receipt").and_then(serde_json::Value::as_object);
    let text = |keys: &[&str]| {
        keys.iter().find_map(|k| match body.get(*k).or_else(|| inner.and_then(|i| i.get(*k))) {
            Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
    };
    let from_location = r.location.as_deref().and_then(|l| l.trim_end_matches('/').rsplit('/').next()).filter(|s| !s.is_empty()).map(str::to_string);
    let server_id = text(&["id", "name", "_id"]).or(from_location).unwrap_or_default();
    let from_date = r.date.as_deref().and_then(http_date::parse).map(http_date::to_rfc3339);
    let server_time = text(&["received_at", "created_at", "createdAt"]).or(from_date).unwrap_or_else(|| now.to_string());
    Receipt { server_id, server_time, received_at: now.to_string() }
}
