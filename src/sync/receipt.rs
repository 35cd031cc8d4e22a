//! The receipt of a sent record, from whatever the endpoint answered: the
//! server's id (the body's `id`, `name` or `_id`, else the last segment of
//! `Location`), the server's time (the body's `received_at`, `created_at`
//! or `createdAt`, else the `Date` header, else the device's clock).
//!
//! The body is read key by key, keeping only those six (at the top, and in
//! a `receipt` object as our endpoint's read-back answer nests them), not
//! as a `serde_json::Value`, whose reader and tree would cost the app about
//! 3 KiB brotli (with the record's attachments, the only other use). A string is taken when not empty, a number
//! as the server wrote it (`1.50` stays `1.50`), anything else not at all.

use super::http_date;
use super::rules::Response;
pub use crate::journal::state::Receipt;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// The keys a receipt is read from, in the order they are tried.
const KEYS: [&str; 6] = ["id", "name", "_id", "received_at", "created_at", "createdAt"];

pub fn receipt_of(r: &Response, now: &str) -> Receipt {
    let body: Fields = serde_json::from_str(&r.body).unwrap_or_default();
    let text = |keys: &[&str]| keys.iter().find_map(|k| body.get(k));
    let from_location = r.location.as_deref().and_then(|l| l.trim_end_matches('/').rsplit('/').next()).filter(|s| !s.is_empty()).map(str::to_string);
    let server_id = text(&KEYS[..3]).or(from_location).unwrap_or_default();
    let from_date = r.date.as_deref().and_then(http_date::parse).map(http_date::to_rfc3339);
    let server_time = text(&KEYS[3..]).or(from_date).unwrap_or_else(|| now.to_string());
    Receipt { server_id, server_time, received_at: now.to_string() }
}

/// What a JSON object holds under [`KEYS`], and its `receipt` object's own.
/// Anything but an object holds nothing.
#[derive(Default)]
struct Fields {
    /// Per key: absent (`None`), or present with a non-empty string or a
    /// number as text (`Some(Some)`), or with any other value (`Some(None)`).
    at: [Option<Option<String>>; 6],
    receipt: Option<Box<Fields>>,
}

impl Fields {
    /// The key's text. A key present at the top decides, even when its
    /// value is unusable; the nested `receipt` is read only without it.
    fn get(&self, key: &str) -> Option<String> {
        let i = KEYS.iter().position(|k| *k == key)?;
        match &self.at[i] {
            Some(v) => v.clone(),
            None => self.receipt.as_ref().and_then(|r| r.at[i].clone().flatten()),
        }
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fields, D::Error> {
        d.deserialize_any(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut out = Fields::default();
        // The last of a repeated key wins, as it would in a map.
        while let Some(key) = map.next_key::<String>()? {
            if let Some(i) = KEYS.iter().position(|k| *k == key) {
                out.at[i] = Some(map.next_value::<Scalar>()?.0);
            } else if key == "receipt" {
                out.receipt = Some(Box::new(map.next_value()?));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Fields, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| Fields::default())
    }

    fn visit_str<E>(self, _: &str) -> Result<Fields, E> {
        Ok(Fields::default())
    }

    fn visit_bool<E>(self, _: bool) -> Result<Fields, E> {
        Ok(Fields::default())
    }

    fn visit_i64<E>(self, _: i64) -> Result<Fields, E> {
        Ok(Fields::default())
    }

    fn visit_u64<E>(self, _: u64) -> Result<Fields, E> {
        Ok(Fields::default())
    }

    fn visit_f64<E>(self, _: f64) -> Result<Fields, E> {
        Ok(Fields::default())
    }

    fn visit_unit<E>(self) -> Result<Fields, E> {
        Ok(Fields::default())
    }
}

/// A receipt value: a non-empty string, or a number as the server wrote it
/// (read as raw text: writing a float anew would take float formatting
/// into the wasm); anything else is dropped (`None`).
struct Scalar(Option<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        let text = raw.get();
        Ok(Scalar(match text.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(text).ok().filter(|s| !s.is_empty()),
            Some(b'-' | b'0'..=b'9') => Some(text.to_string()),
            _ => None,
        }))
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
