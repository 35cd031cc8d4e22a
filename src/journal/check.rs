//! The rules of an activity record, in two layers (pure):
//!
//! * [`check`] — what any record must satisfy on its own: ids, times,
//!   lengths, counts that add up, ranges. The app runs it on imported
//!   records; the reference endpoint runs it on what it receives.
//! * [`crate::journal::form::validate`] — the form's rules, which also need
//!   the programme data and today's date (the project exists, the region is
//!   one of its regions, the date is not in the future…).
//!
//! Every error names the [`Field`] it belongs to, so the form shows it next
//! to that field, and a message key of the text table.

use super::record::{Activity, Participants, RECORD_SCHEMA_VERSION};
use crate::i18n::{msg, Arg, Lang, Msg};
use crate::model::{code_point, forbidden_char};
use serde::Serialize;

/// The largest accuracy radius a position may claim, in metres (a quarter
/// of the Earth's circumference: beyond it the position says nothing). It
/// also keeps every number of a position on the grid that reads back
/// exactly ([`super::record::Position`]), found by fuzzing: a radius of
/// 10¹⁰² m read back 1 ulp off and changed the record's fingerprint.
pub const MAX_ACCURACY_M: f64 = 10_000_000.0;

/// Most characters in a title.
pub const MAX_TITLE: usize = 120;
/// Most characters in a description.
pub const MAX_DESCRIPTION: usize = 2000;
/// Most characters in the locality and in « autre, précisez ».
pub const MAX_SHORT: usize = 120;
/// Most participants in one activity.
pub const MAX_PARTICIPANTS: u32 = 100_000;
/// Longest duration, in minutes (a day).
pub const MAX_DURATION_MIN: u32 = 24 * 60;

/// The form's fields (and the record's), for placing an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Record,
    Project,
    Region,
    Cercle,
    Locality,
    Date,
    StartTime,
    Duration,
    ActivityType,
    ActivityTypeOther,
    Indicators,
    Title,
    Description,
    Women,
    Men,
    YoungWomen,
    YoungMen,
    Disabled,
    Total,
    Position,
}

impl Field {
    /// The field's id, used as the input's `id` in the form and as the
    /// wire name in the endpoint's field errors.
    pub fn id(self) -> &'static str {
        match self {
            Field::Record => "record",
            Field::Project => "project",
            Field::Region => "region",
            Field::Cercle => "cercle",
            Field::Locality => "locality",
            Field::Date => "date",
            Field::StartTime => "start_time",
            Field::Duration => "duration_min",
            Field::ActivityType => "activity_type",
            Field::ActivityTypeOther => "activity_type_other",
            Field::Indicators => "indicators",
            Field::Title => "title",
            Field::Description => "description",
            Field::Women => "women",
            Field::Men => "men",
            Field::YoungWomen => "young_women",
            Field::YoungMen => "young_men",
            Field::Disabled => "disabled",
            Field::Total => "total",
            Field::Position => "position",
        }
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub msg: Msg,
    pub args: Vec<(&'static str, Arg)>,
}

impl FieldError {
    pub fn new(field: Field, msg: Msg) -> FieldError {
        FieldError { field, msg, args: Vec::new() }
    }

    pub fn with(mut self, name: &'static str, value: impl std::fmt::Display) -> FieldError {
        self.args.push((name, Arg::text(&value)));
        self
    }

    /// The sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::render_args(self.msg, &self.args, lang)
    }
}

/// A UUID in its usual text form (any version), lower or upper case.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `YYYY-MM-DDTHH:MM:SS[.fff]Z`, UTC.
pub fn is_utc_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    b.len() >= 20
        && s.get(..10).and_then(crate::model::date::parse).is_some()
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[b.len() - 1] == b'Z'
        && (b.len() == 20 || (b[19] == b'.' && digits(20..b.len() - 1)))
}

/// `±HH:MM`, at most 14 hours.
pub fn is_offset(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 6
        && matches!(b[0], b'+' | b'-')
        && b[3] == b':'
        && parse_hh_mm(&s[1..]).is_some_and(|m| m <= 14 * 60)
}

/// Minutes of `HH:MM` (00:00–23:59).
pub fn parse_hh_mm(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b':' || !b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit) {
        return None;
    }
    let (h, m) = (u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0'), u32::from(b[3] - b'0') * 10 + u32::from(b[4] - b'0'));
    (h < 24 && m < 60).then_some(h * 60 + m)
}

fn too_long(out: &mut Vec<FieldError>, field: Field, text: &str, max: usize) {
    let n = text.chars().count();
    if n > max {
        out.push(FieldError::new(field, msg!(j_err_too_long)).with("n", n).with("max", max));
    }
}

/// The participant rules (shared by [`check`] and the form).
pub fn check_participants(p: &Participants, out: &mut Vec<FieldError>) {
    if p.young_women > p.women {
        out.push(FieldError::new(Field::YoungWomen, msg!(j_err_young_women)).with("n", p.women));
    }
    if p.young_men > p.men {
        out.push(FieldError::new(Field::YoungMen, msg!(j_err_young_men)).with("n", p.men));
    }
    let total = u64::from(p.women) + u64::from(p.men);
    if total > u64::from(MAX_PARTICIPANTS) {
        out.push(FieldError::new(Field::Total, msg!(j_err_total_max)).with("max", MAX_PARTICIPANTS));
    }
    if p.disabled.is_some_and(|d| u64::from(d) > total) {
        out.push(FieldError::new(Field::Disabled, msg!(j_err_disabled)).with("n", total));
    }
}

/// Invisible characters ([`forbidden_char`]): no control character in a
/// one-line field, only line breaks and tabs in a text, and no
/// text-direction override anywhere. (A NUL or an escape sequence has no
/// place in a record, a NUL is refused by PostgreSQL's text type, and an
/// override makes a title read as another.)
fn controls(out: &mut Vec<FieldError>, field: Field, text: &str, multiline: bool) {
    if let Some(c) = forbidden_char(text, multiline) {
        out.push(FieldError::new(field, msg!(j_err_control)).with("code", code_point(c)));
    }
}

/// What any record must satisfy on its own (see the module doc).
pub fn check(a: &Activity) -> Vec<FieldError> {
    let mut out = Vec::new();
    for (field, text) in [
        (Field::Record, a.id.as_str()),
        (Field::Record, a.device_id.as_str()),
        (Field::Record, a.author.name.as_str()),
        (Field::Record, a.author.cso.as_str()),
        (Field::Record, a.author.phone.as_str()),
        (Field::Record, a.corrects.as_deref().unwrap_or("")),
        (Field::Project, a.project.as_str()),
        (Field::Region, a.region.as_str()),
        (Field::Cercle, a.cercle.as_deref().unwrap_or("")),
        (Field::Locality, a.locality.as_str()),
        (Field::ActivityTypeOther, a.activity_type_other.as_str()),
        (Field::Title, a.title.as_str()),
    ]
    .into_iter()
    .chain(a.indicators.iter().map(|i| (Field::Indicators, i.as_str())))
    {
        controls(&mut out, field, text, false);
    }
    controls(&mut out, Field::Description, &a.description, true);
    let rec = |out: &mut Vec<FieldError>, what: &str| out.push(FieldError::new(Field::Record, msg!(j_err_record)).with("what", what));
    if !is_uuid(&a.id) {
        rec(&mut out, "id");
    }
    if a.schema_version != RECORD_SCHEMA_VERSION {
        rec(&mut out, "schema_version");
    }
    if a.revision == 0 {
        rec(&mut out, "revision");
    }
    if a.corrects.as_deref().is_some_and(|c| !is_uuid(c) || c == a.id) {
        rec(&mut out, "corrects");
    }
    for (name, t) in [("created_at", &a.created_at), ("updated_at", &a.updated_at)] {
        if !is_utc_time(t) {
            rec(&mut out, name);
        }
    }
    if !is_offset(&a.utc_offset) {
        rec(&mut out, "utc_offset");
    }
    if a.author.name.trim().is_empty() || a.author.cso.trim().is_empty() {
        rec(&mut out, "author");
    }
    if a.device_id.trim().is_empty() || a.device_id.len() > 64 {
        rec(&mut out, "device_id");
    }
    if a.project.trim().is_empty() {
        out.push(FieldError::new(Field::Project, msg!(j_err_required)));
    }
    if a.region.trim().is_empty() {
        out.push(FieldError::new(Field::Region, msg!(j_err_required)));
    }
    too_long(&mut out, Field::Locality, &a.locality, MAX_SHORT);
    // Ids of the programme data: short. (PostgreSQL indexes project and
    // region; a key over its 2,704-byte limit failed the whole batch.)
    too_long(&mut out, Field::Project, &a.project, MAX_SHORT);
    too_long(&mut out, Field::Region, &a.region, MAX_SHORT);
    too_long(&mut out, Field::Cercle, a.cercle.as_deref().unwrap_or(""), MAX_SHORT);
    if a.start_time.as_deref().is_some_and(|t| parse_hh_mm(t).is_none()) {
        out.push(FieldError::new(Field::StartTime, msg!(j_err_time)));
    }
    if a.duration_min.is_some_and(|d| d == 0 || d > MAX_DURATION_MIN) {
        out.push(FieldError::new(Field::Duration, msg!(j_err_duration)).with("max", MAX_DURATION_MIN));
    }
    if a.activity_type == super::record::ActivityType::Other && a.activity_type_other.trim().is_empty() {
        out.push(FieldError::new(Field::ActivityTypeOther, msg!(j_err_other)));
    }
    too_long(&mut out, Field::ActivityTypeOther, &a.activity_type_other, MAX_SHORT);
    if a.title.trim().is_empty() {
        out.push(FieldError::new(Field::Title, msg!(j_err_required)));
    }
    too_long(&mut out, Field::Title, &a.title, MAX_TITLE);
    too_long(&mut out, Field::Description, &a.description, MAX_DESCRIPTION);
    check_participants(&a.participants, &mut out);
    if u64::from(a.participants.total) != u64::from(a.participants.women) + u64::from(a.participants.men) {
        out.push(FieldError::new(Field::Total, msg!(j_err_total_sum)));
    }
    if let Some(p) = a.position {
        let ok = (-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon) && (0.0..=MAX_ACCURACY_M).contains(&p.accuracy_m);
        if !ok {
            out.push(FieldError::new(Field::Position, msg!(j_err_position)));
        }
    }
    out
}
