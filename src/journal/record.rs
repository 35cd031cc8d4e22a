//! The activity record as it travels: the wire format (JSON), the same in
//! the app's storage, its exports and the sync requests. Documented field
//! by field in the README and in `api/openapi.json`, whose schema a host
//! test compares with this type.

use crate::model::date;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The version of the record format this code writes. A record with a
/// higher major version is refused by [`Activity::from_json`]; unknown
/// fields (a newer minor version) are ignored.
pub const RECORD_SCHEMA_VERSION: u32 = 1;

/// One activity logged in the field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// Client-made UUID (v4), the record's identity everywhere.
    pub id: String,
    pub schema_version: u32,
    /// Raised on each edit after a send was refused; sync sends
    /// `Idempotency-Key: {id}:{revision}`.
    #[serde(default = "one")]
    pub revision: u32,
    /// The id of the sent record this one corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<String>,
    /// When it was created and last changed on the device: UTC, RFC 3339
    /// (`2026-11-30T09:15:00Z`).
    pub created_at: String,
    pub updated_at: String,
    /// The device's offset from UTC when it was last changed, `±HH:MM`.
    pub utc_offset: String,
    pub author: Author,
    /// A random id of the device (browser profile), made once.
    pub device_id: String,

    // Where.
    pub project: String,
    pub region: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cercle: Option<String>,
    /// Commune or locality, free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub locality: String,

    // When.
    #[serde(with = "date")]
    pub date: NaiveDate,
    /// Local start time, `HH:MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_min: Option<u32>,

    // What.
    pub activity_type: ActivityType,
    /// What the activity was, when `activity_type` is `other`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub activity_type_other: String,
    /// Indicator ids of the project the activity contributes to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,

    pub participants: Participants,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Reserved for photos and files (none yet): `[{"id", "type", "bytes", "sha256"}]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

/// One entry of `attachments`, kept as the JSON it came as and written back
/// the same: a record from a newer app keeps its attachments through this
/// one. Raw text rather than a `serde_json::Value`: the app reads no
/// `Value` anywhere (see also `sync::receipt`), which spares it about
/// 3 KiB brotli. Two are equal when their texts are. Through serde (the
/// server, the tests), it is serde_json's `RawValue`, as it always was.
#[derive(Debug, Clone)]
pub struct Attachment(String);

impl Attachment {
    /// Any JSON text, checked.
    pub fn from_json(text: &str) -> Result<Attachment, crate::model::read::Error> {
        crate::model::read::raw_value(text).map(|t| Attachment(t.to_string()))
    }

    /// JSON text the reader already checked.
    pub(crate) fn from_raw(text: &str) -> Attachment {
        Attachment(text.to_string())
    }

    /// The JSON text, as it came.
    pub fn json(&self) -> &str {
        &self.0
    }
}

impl Serialize for Attachment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        serde_json::value::RawValue::from_string(self.0.clone()).map_err(S::Error::custom)?.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Attachment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Box::<serde_json::value::RawValue>::deserialize(d).map(|raw| Attachment(raw.get().to_string()))
    }
}

impl PartialEq for Attachment {
    fn eq(&self, other: &Attachment) -> bool {
        self.json() == other.json()
    }
}

fn one() -> u32 {
    1
}

/// Who logged it: the active profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Author {
    pub name: String,
    /// Organisation id in the programme data.
    pub cso: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

/// The kinds of activity, in the form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActivityType {
    #[default]
    CommunityDialogue,
    Mediation,
    Training,
    Awareness,
    Coordination,
    CulturalSport,
    Other,
}

impl ActivityType {
    pub const ALL: [ActivityType; 7] = [
        ActivityType::CommunityDialogue,
        ActivityType::Mediation,
        ActivityType::Training,
        ActivityType::Awareness,
        ActivityType::Coordination,
        ActivityType::CulturalSport,
        ActivityType::Other,
    ];

    /// The wire values, in the order of the variants (and of [`Self::ALL`]).
    pub const CODES: &'static [&'static str] =
        &["community_dialogue", "mediation", "training", "awareness", "coordination", "cultural_sport", "other"];

    /// The wire value (`community_dialogue`…).
    pub fn code(self) -> &'static str {
        ActivityType::CODES[self as usize]
    }

    pub fn parse(code: &str) -> Option<ActivityType> {
        ActivityType::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// Who took part. Young people (15–35 years) are counted within women and
/// within men; people with disabilities within the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Participants {
    pub women: u32,
    pub men: u32,
    pub young_women: u32,
    pub young_men: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<u32>,
    /// `women + men`, written for the reader's convenience and checked.
    pub total: u32,
}

/// A position from the Geolocation API.
///
/// Written and read on a grid: degrees to 7 decimal places (about 1 cm),
/// the accuracy to 0.1 m. serde_json's float parsing is not exact (about
/// one random coordinate in eight read back 1 ulp off, found by fuzzing),
/// so a record read from storage could be written out with other digits
/// than it was sent with, and the endpoint would see another body under
/// the same idempotency key. A grid value has at most 16 significant
/// digits and is read back exactly, so every write of a record is the same
/// text. (serde_json's `float_roundtrip` also fixes it, for 8 KB of wasm.)
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Position {
    #[serde(serialize_with = "grid::degrees", deserialize_with = "grid::read_degrees")]
    pub lat: f64,
    #[serde(serialize_with = "grid::degrees", deserialize_with = "grid::read_degrees")]
    pub lon: f64,
    /// Radius of 95 % confidence, in metres, as the browser reports it.
    #[serde(serialize_with = "grid::metres", deserialize_with = "grid::read_metres")]
    pub accuracy_m: f64,
}

pub(crate) use grid::on_grid;

/// The grid of [`Position`]'s numbers.
mod grid {
    use serde::{Deserialize, Deserializer, Serializer};

    /// `v` on the grid of `1 / scale`: the double nearest `round(v × scale) /
    /// scale`. Values too large for that to be exact (never a valid
    /// position) are left as they are.
    pub fn on_grid(v: f64, scale: f64) -> f64 {
        if v.is_finite() && v.abs() < 1e8 {
            (v * scale).round() / scale
        } else {
            v
        }
    }

    pub fn degrees<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(on_grid(*v, 1e7))
    }

    pub fn metres<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(on_grid(*v, 10.0))
    }

    pub fn read_degrees<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        f64::deserialize(d).map(|v| on_grid(v, 1e7))
    }

    pub fn read_metres<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        f64::deserialize(d).map(|v| on_grid(v, 10.0))
    }
}

impl Activity {
    /// Compact JSON, the wire format.
    pub fn to_json(&self) -> String {
        crate::model::write::to_json(self)
    }

    /// Reads one record. Unknown fields are ignored; a newer major
    /// `schema_version` is refused (`Err(None)`); any other problem gives
    /// serde's message. (One parsing path, from text: a second one through
    /// `serde_json::Value` would double the record's parsing code in the
    /// wasm.)
    pub fn from_json(text: &str) -> Result<Activity, Option<String>> {
        super::read::activity(text)
    }
}

/// `v` with `decimals` digits after the point, rounded, without the
/// standard float formatting (which costs several KB of wasm).
pub fn fixed(v: f64, decimals: u32) -> String {
    let scale = 10i64.pow(decimals);
    let n = (v * scale as f64).round() as i64;
    let (sign, n) = if n < 0 { ("-", -n) } else { ("", n) };
    if decimals == 0 {
        return format!("{sign}{n}");
    }
    format!("{sign}{}.{:0width$}", n / scale, n % scale, width = decimals as usize)
}

impl Position {
    /// « 13.04490, -9.48950 (± 25 m) ».
    pub fn describe(&self) -> String {
        format!("{}, {} (± {} m)", fixed(self.lat, 5), fixed(self.lon, 5), fixed(self.accuracy_m, 0))
    }
}
