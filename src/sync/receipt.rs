//! The receipt of a sent record, from whatever the endpoint answered: the
//! server's id (the body's `id`, `name` or `_id`, else the last segment of
//! `Location`), the server's time (the body's `received_at`, `created_at`
//! or `createdAt`, else the `Date` header, else the device's clock).
//!
//! The body is read as an object of raw texts (`model::Object`, as the
//! dataset's fields are), not as a `serde_json::Value`, whose reader and tree
//! would cost the app about 3 KiB brotli (with the record's attachments, the
//! only other use). Of the six keys, at the top and in a `receipt` object
//! (our endpoint's read-back answer nests them there), a string is taken
//! when not empty, a number as the server wrote it (`1.50` stays `1.50`),
//! anything else not at all.

use super::http_date;
use super::rules::Response;
pub use crate::journal::state::Receipt;
use crate::model::Object;

/// The keys a receipt is read from, in the order they are tried.
const KEYS: [&str; 6] = ["id", "name", "_id", "received_at", "created_at", "createdAt"];

pub fn receipt_of(r: &Response, now: &str) -> Receipt {
    let body = object(&r.body);
    let inner = body.get("receipt").map_or_else(Object::new, |v| object(v));
    // A key present at the top decides, even with an unusable value.
    let text = |keys: &[&str]| keys.iter().find_map(|k| body.get(*k).or_else(|| inner.get(*k)).and_then(|v| scalar(v)));
    let from_location = r.location.as_deref().and_then(|l| l.trim_end_matches('/').rsplit('/').next()).filter(|s| !s.is_empty()).map(str::to_string);
    let server_id = text(&KEYS[..3]).or(from_location).unwrap_or_default();
    let from_date = r.date.as_deref().and_then(http_date::parse).map(http_date::to_rfc3339);
    let server_time = text(&KEYS[3..]).or(from_date).unwrap_or_else(|| now.to_string());
    Receipt { server_id, server_time, received_at: now.to_string() }
}

/// The object `text` holds; anything else holds nothing.
fn object(text: &str) -> Object<'_> {
    crate::model::read::raw_fields(text).unwrap_or_default()
}

/// A receipt value from its raw JSON text: a non-empty string, or a number
/// as written (writing a float anew would take float formatting into the
/// wasm); anything else, nothing.
fn scalar(raw: &str) -> Option<String> {
    match raw.as_bytes().first() {
        Some(b'"') => crate::model::read::read::<String>(raw).ok().filter(|s| !s.is_empty()),
        Some(b'-' | b'0'..=b'9') => Some(raw.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> (String, String) {
        let got = read_only(body);
        assert_eq!(got, by_map(body), "{body}");
        got
    }

    fn read_only(body: &str) -> (String, String) {
        let r = Response { status: 200, body: body.into(), location: Some("/x/loc-9".into()), ..Response::default() };
        let rc = receipt_of(&r, "NOW");
        (rc.server_id, rc.server_time)
    }

    /// How the body was read before: into a `serde_json::Value` map.
    fn by_map(body: &str) -> (String, String) {
        use serde_json::Value;
        let body: serde_json::Map<String, Value> = serde_json::from_str(body).unwrap_or_default();
        let inner = body.get("receipt").and_then(Value::as_object);
        let text = |keys: &[&str]| {
            keys.iter().find_map(|k| match body.get(*k).or_else(|| inner.and_then(|i| i.get(*k))) {
                Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
        };
        (text(&KEYS[..3]).unwrap_or_else(|| "loc-9".into()), text(&KEYS[3..]).unwrap_or_else(|| "NOW".into()))
    }

    /// The same answers as reading the body into a `serde_json::Value` map,
    /// floats aside.
    #[test]
    fn as_a_json_map_would_read_it() {
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(read(r#"{"id": "a", "received_at": "t"}"#), s("a", "t"));
        assert_eq!(read(r#"{"id": 42, "createdAt": 1.0}"#), s("42", "1.0"));
        assert_eq!(read(r#"{"id": 18446744073709551615, "_id": 1}"#), s("18446744073709551615", "NOW"));
        // A float as the server wrote it, where a map of Values writes it anew.
        assert_eq!(read_only(r#"{"id": -7, "created_at": 1e21}"#), s("-7", "1e21"));
        assert_eq!(read_only(r#"{"id": 1.50, "created_at": -0.5e-3}"#), s("1.50", "-0.5e-3"));
        assert_eq!(read(r#"{"id": "", "name": "n"}"#), s("n", "NOW"), "an empty string is skipped");
        assert_eq!(read(r#"{"id": null, "_id": "u"}"#), s("u", "NOW"));
        assert_eq!(read(r#"{"id": {"a": [1]}, "name": [1, {}], "_id": true}"#), s("loc-9", "NOW"));
        assert_eq!(read(r#"{"receipt": {"id": "in", "received_at": "t2"}, "record": {"id": "no"}}"#), s("in", "t2"));
        assert_eq!(read(r#"{"id": null, "receipt": {"id": "in"}}"#), s("loc-9", "NOW"), "the top's key decides, even null");
        assert_eq!(read(r#"{"id": "a", "id": "b"}"#), s("b", "NOW"), "the last of a repeated key");
        assert_eq!(read(r#"{"receipt": 5, "name": "n"}"#), s("n", "NOW"));
        for nothing in ["", "[]", "[{\"id\": 1}]", "\"id\"", "7", "null", "{\"id\": 1", "{\"id\": 1} x"] {
            assert_eq!(read(nothing), s("loc-9", "NOW"), "{nothing}");
        }
    }
}
