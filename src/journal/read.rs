//! The journal's record and its stored form read without serde's derived
//! readers, as the dataset is (see [`crate::model::read`]): the same values
//! and serde's messages, held to serde's results by the tests below.
//!
//! Differences, chosen: an error's message has no position (serde_json
//! added ` at line L column C`, which only repeated the field's place);
//! in text that is not JSON, the problem named may be another one than
//! serde_json's (both refuse it, checking the syntax as they read); a
//! stored record's state (`{"queued": {…}}`) is read from objects only,
//! where serde_json also read a variant's fields from a list.

use super::record::{Activity, ActivityType, Attachment, Author, Participants, Position, RECORD_SCHEMA_VERSION};
use super::form::Draft;
use super::state::{Receipt, Retry, State, Stored};
use crate::model::read::{read, read_struct, Read, Reader, Res};

/// A record's `revision` when absent: its first version.
fn or_one(v: Option<u32>) -> u32 {
    v.unwrap_or(1)
}

/// Positions on their grid (see [`Position`]); required fields.
fn need_degrees(v: Option<f64>) -> f64 {
    super::record::on_grid(crate::model::read::need(v), 1e7)
}

fn need_metres(v: Option<f64>) -> f64 {
    super::record::on_grid(crate::model::read::need(v), 10.0)
}

read_struct!(Activity {
    id: need,
    schema_version: need,
    revision: or_one,
    corrects: optional,
    created_at: need,
    updated_at: need,
    utc_offset: need,
    author: need,
    device_id: need,
    project: need,
    region: need,
    cercle: optional,
    locality: or_default,
    date: need,
    start_time: optional,
    duration_min: optional,
    activity_type: need,
    activity_type_other: or_default,
    indicators: or_default,
    title: need,
    description: or_default,
    participants: need,
    position: optional,
    attachments: or_default,
});
read_struct!(Author { name: need, cso: need, phone: or_default });
read_struct!(Participants { women: need, men: need, young_women: need, young_men: need, disabled: optional, total: need });
read_struct!(Position { lat: need_degrees, lon: need_degrees, accuracy_m: need_metres });
read_struct!(Stored { record: need, state: need });

/// A record's `schema_version` alone, when the record does not read.
struct Version {
    schema_version: Option<u64>,
}
read_struct!(Version { schema_version: optional });

// Every field may be absent (`#[serde(default)]`: a draft is saved as typed).
read_struct!(Draft {
    id: or_default,
    editing: optional,
    corrects: optional,
    created_at: or_default,
    updated_at: or_default,
    project: or_default,
    region: or_default,
    cercle: or_default,
    locality: or_default,
    date: or_default,
    start_time: or_default,
    duration_min: or_default,
    activity_type: or_default,
    activity_type_other: or_default,
    indicators: or_default,
    title: or_default,
    description: or_default,
    women: or_default,
    men: or_default,
    young_women: or_default,
    young_men: or_default,
    disabled: or_default,
    position: optional,
});

impl Read for ActivityType {
    fn read(r: &mut Reader) -> Res<Self> {
        r.variant(ActivityType::CODES).map(|k| ActivityType::ALL[k])
    }
}

impl Read for Attachment {
    fn read(r: &mut Reader) -> Res<Self> {
        r.raw().map(Attachment::from_raw)
    }
}

// A stored record's state, `{"queued": {…}}` (externally tagged): each
// variant's fields as a struct of their own, named as serde names them.
struct Queued {
    attempts: u32,
    retry: Option<Retry>,
}
read_struct!(Queued as "struct variant State::Queued" { attempts: need, retry: optional });
struct Sent {
    receipt: Receipt,
}
read_struct!(Sent as "struct variant State::Sent" { receipt: need });
struct Refused {
    reason: String,
    conflict: bool,
}
read_struct!(Refused as "struct variant State::Refused" { reason: need, conflict: or_default });
read_struct!(Retry { at_ms: need, error: need });
read_struct!(Receipt { server_id: need, server_time: need, received_at: need });

/// Chosen difference: serde_json also reads a variant's fields from a list,
/// by position (`{"queued": [0]}`); here, as every struct of ours, from an
/// object only.
impl Read for State {
    fn read(r: &mut Reader) -> Res<Self> {
        let state = match r.struct_variant(super::state::STATE_TAGS)? {
            0 => r.get::<Queued>().map(|Queued { attempts, retry }| State::Queued { attempts, retry }),
            1 => r.get::<Sent>().map(|Sent { receipt }| State::Sent { receipt }),
            _ => r.get::<Refused>().map(|Refused { reason, conflict }| State::Refused { reason, conflict }),
        }?;
        r.untag().map(|()| state)
    }
}

/// [`Activity::from_json`]: the record, `Err(None)` for a newer major
/// `schema_version`, else serde's message.
pub(super) fn activity(text: &str) -> Result<Activity, Option<String>> {
    let newer = |text: &str| read::<Version>(text).ok().and_then(|v| v.schema_version).is_some_and(|v| v > u64::from(RECORD_SCHEMA_VERSION));
    match read::<Activity>(text) {
        Ok(a) if u64::from(a.schema_version) > u64::from(RECORD_SCHEMA_VERSION) => Err(None),
        Ok(a) => Ok(a),
        Err(_) if newer(text) => Err(None),
        Err(e) => Err(Some(e.to_string())),
    }
}

/// A stored record (`records/<id>`); an error for text that is not JSON.
pub fn stored(text: &str) -> Res<Stored> {
    read(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read::tests::{alterations, outcome};
    use serde::Deserialize;
    use serde_json::{json, Value};

    const FIXTURE: &str = include_str!("../../tests/fixtures/record-v1.json");

    /// `Activity::from_json` as it was, through serde's derived readers.
    fn by_serde(text: &str) -> Result<Activity, Option<String>> {
        #[derive(Deserialize)]
        struct Version {
            schema_version: Option<u64>,
        }
        let newer = |text: &str| crate::json::from_str::<Version>(text).ok().and_then(|v| v.schema_version).is_some_and(|v| v > u64::from(RECORD_SCHEMA_VERSION));
        match crate::json::from_str::<Activity>(text) {
            Ok(a) if u64::from(a.schema_version) > u64::from(RECORD_SCHEMA_VERSION) => Err(None),
            Ok(a) => Ok(a),
            Err(_) if newer(text) => Err(None),
            Err(e) => Err(Some(outcome::<(), _>(Err(e)).unwrap_err())),
        }
    }

    fn record() -> Value {
        let mut v: Value = serde_json::from_str(FIXTURE).unwrap();
        v["attachments"] = json!([{"id": "p1", "bytes": [1, 2]}, "x"]);
        v["corrects"] = json!("00000000-0000-4000-8000-000000000000");
        v
    }

    #[test]
    fn altered_records_read_as_serde_reads_them() {
        let texts = alterations(&record());
        let mut ok = 0;
        for text in &texts {
            let ours = Activity::from_json(text);
            assert_eq!(ours, by_serde(text), "{text}");
            ok += usize::from(ours.is_ok());
        }
        assert!(texts.len() > 2_000 && ok > 300 && texts.len() - ok > 1_000, "{} {ok}", texts.len());
        // A newer record, whatever else it holds.
        let mut v = record();
        v["schema_version"] = json!(2);
        v["title"] = json!(5);
        assert_eq!(Activity::from_json(&v.to_string()), Err(None));
    }

    #[test]
    fn altered_stored_records_read_as_serde_reads_them() {
        for state in [
            json!({"queued": {"attempts": 2, "retry": {"at_ms": 1_764_417_600_000u64, "error": "http:500"}}}),
            json!({"sent": {"receipt": {"server_id": "s1", "server_time": "t", "received_at": "r"}}}),
            json!({"refused": {"reason": "no", "conflict": true}}),
        ] {
            let mut v = json!({"record": record(), "state": state});
            // Fewer values in the record, so that this stays quick.
            v["record"]["attachments"] = json!([1]);
            let texts = alterations(&v);
            let (mut ok, mut lists) = (0, 0);
            for text in &texts {
                let ours = outcome(stored(text));
                let theirs = outcome(crate::json::from_str::<Stored>(text));
                // The chosen difference (see `Read for State`): a variant's
                // fields as a list, which serde_json reads by position.
                let listed = |m: &String| m.starts_with("invalid type: sequence, expected struct variant State::");
                if ours.as_ref().is_err_and(listed) && !theirs.as_ref().is_err_and(listed) {
                    lists += 1;
                    continue;
                }
                assert_eq!(ours, theirs, "{text}");
                ok += usize::from(ours.is_ok());
            }
            assert!(ok > 100 && texts.len() - ok > 1_000, "{} {ok}", texts.len());
            assert!(lists < 20, "{lists}");
        }
    }

    /// Text that is not JSON, or not only JSON: every cut of a stored
    /// record, and every one-byte change of it among bytes that matter to
    /// the syntax, refused by both readers or read by both the same.
    #[test]
    fn damaged_text_is_refused_as_serde_refuses_it() {
        let mut v = json!({"record": record(), "state": {"queued": {"attempts": 0}}});
        v["record"]["attachments"] = json!([{"a": [1, -2.5e3, true, null, "\\u00e9\\ud800"]}]);
        v["record"]["x-unknown"] = json!({"deep": [[{"b": false}]], "s": "q\"uote"});
        let text = v.to_string();
        let b = text.as_bytes();
        let mut texts: Vec<Vec<u8>> = (0..b.len()).map(|n| b[..n].to_vec()).collect();
        for i in 0..b.len() {
            let mut t = b.to_vec();
            t.remove(i);
            texts.push(t);
            for c in [b'"', b',', b':', b'}', b']', b'\\', b'0', b'-', b'e', b' ', 0x1f, 0] {
                let mut t = b.to_vec();
                t[i] = c;
                texts.push(t);
                let mut t = b.to_vec();
                t.insert(i, c);
                texts.push(t);
            }
        }
        let mut refused = 0;
        for t in &texts {
            let Ok(t) = std::str::from_utf8(t) else { continue };
            let (ours, theirs) = (stored(t), crate::json::from_str::<Stored>(t));
            assert_eq!(ours.is_ok(), theirs.is_ok(), "{t}\n{ours:?}\n{theirs:?}");
            if let (Ok(a), Ok(b)) = (&ours, &theirs) {
                assert_eq!(a, b, "{t}");
            }
            refused += usize::from(ours.is_err());
            assert_eq!(Activity::from_json(t).is_ok(), by_serde(t).is_ok(), "{t}");
        }
        assert!(refused > 5_000, "{refused} of {}", texts.len());
    }

    /// Every cut of a stored record (each state): the same message as
    /// serde_json's, which names what the text ended in.
    #[test]
    fn a_cut_record_is_refused_with_serde_s_message() {
        for state in [
            json!({"queued": {"attempts": 2, "retry": {"at_ms": 1, "error": "http:500"}}}),
            json!({"sent": {"receipt": {"server_id": "s1", "server_time": "t", "received_at": "r"}}}),
            json!({"refused": {"reason": "no", "conflict": true}}),
        ] {
            let text = json!({"record": record(), "state": state}).to_string();
            for n in (0..text.len()).filter(|&n| text.is_char_boundary(n)) {
                let cut = &text[..n];
                assert_eq!(outcome(stored(cut)), outcome(crate::json::from_str::<Stored>(cut)), "{cut}");
            }
        }
        for cut in ["01", "-01", "{\"record\":{\"revision\":01", "-", "1.", "1e", "1e+", "-0.", "{\"state\":{\"queued\":{\"attempts\":00"] {
            assert_eq!(outcome(stored(cut)), outcome(crate::json::from_str::<Stored>(cut)), "{cut}");
        }
    }

    #[test]
    fn text_that_is_not_json_is_refused() {
        for bad in [&FIXTURE[..FIXTURE.len() - 3], "{\"record\":", "", "{\"record\":{}} x", "{\"a\":\"\\ud800\"}"] {
            assert!(stored(bad).is_err(), "{bad}");
            assert!(matches!(Activity::from_json(bad), Err(Some(_))), "{bad}");
        }
        // Anything after the value, a NUL byte too.
        let trailing = format!("{FIXTURE}\0");
        assert!(matches!(Activity::from_json(&trailing), Err(Some(_))) && by_serde(&trailing).is_err());
        // A lone surrogate where a string is read.
        let text = FIXTURE.replacen("\"Aminata Traoré\"", "\"\\ud800\"", 1);
        assert!(Activity::from_json(&text).is_err() && by_serde(&text).is_err());
    }
}
