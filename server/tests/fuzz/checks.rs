//! What the `server_request` fuzz target asserts, for any bytes. Shared by
//! `fuzz/fuzz_targets/server_request.rs` (cargo fuzz, `make fuzz`) and by
//! `server/tests/fuzz_regressions.rs`, which replays every input that once
//! found a problem (`server/tests/fuzz/regressions/request/`) in `cargo test`.
//!
//! The first byte picks what the rest is: a POST body, a PUT body, an
//! import file, a list query, or an `Idempotency-Key` value. Beyond « never
//! panics »: a record the server would store gets the same fingerprint when
//! it is sent again as written out, so a resend is never a conflict.

use axum::http::{HeaderMap, HeaderValue};
use paix_base::journal::Activity;
use paix_server::activities::{idempotency_key, list_query, parse_body, parse_import, parse_put, Parsed};
use paix_server::store::NewRecord;

const ID: &str = "3f6c1a52-9b0e-4d7a-8e21-5c4b9d0a7e13";

pub fn request(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    match which % 5 {
        0 => match parse_body(rest, None) {
            Ok(Parsed::One(Ok(row))) => same_when_resent(&row),
            Ok(Parsed::Batch(items)) => items.iter().flatten().for_each(same_when_resent),
            _ => {}
        },
        1 => {
            if let Ok(row) = parse_put(rest, Some("k".into()), ID) {
                assert_eq!(row.id, ID, "a PUT stores the record of its URL");
                same_when_resent(&row);
            }
        }
        2 => {
            if let Ok(items) = parse_import(rest) {
                items.iter().flatten().for_each(same_when_resent);
            }
        }
        3 => {
            if let Ok(query) = std::str::from_utf8(rest) {
                let _ = list_query(Some(query), 100);
            }
        }
        _ => {
            if let Ok(value) = HeaderValue::from_bytes(rest) {
                let mut headers = HeaderMap::new();
                headers.insert("idempotency-key", value);
                if let Ok(Some(key)) = idempotency_key(&headers) {
                    assert!(!key.is_empty() && key.len() <= paix_server::activities::MAX_KEY);
                }
            }
        }
    }
}

/// The record, written out by the app's code and sent again, is the same
/// record to the server.
fn same_when_resent(row: &NewRecord) {
    let record = Activity::from_json(&row.body).expect("a stored body reads back");
    let again = parse_body(record.to_json().as_bytes(), None).expect("a record written out parses");
    let Parsed::One(Ok(again)) = again else { panic!("a record written out is accepted: {again:?}") };
    assert_eq!(again.fingerprint, row.fingerprint, "the same record, the same fingerprint");
    assert_eq!(again.id, row.id);
}
