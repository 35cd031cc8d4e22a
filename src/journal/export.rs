//! Export and import of records (pure).
//!
//! * JSON: an array of records in exactly the wire format ([`to_json`]).
//! * CSV ([`to_csv`]): UTF-8 with a byte-order mark (so spreadsheet
//!   programs read the accents), a header row of [`COLUMNS`], one row per
//!   record, participants as columns, RFC 4180 quoting: a field holding a
//!   comma, a quote, a carriage return or a line feed is quoted and its
//!   quotes doubled. The reference endpoint's CSV has the same columns.
//! * Import ([`plan_import`]): records merge by `id` and are never
//!   duplicated; a record that differs from the local one of the same id is
//!   a conflict, shown and not overwritten.

use super::check::{check, FieldError};
use super::record::{fixed, Activity};
use crate::i18n::{msg, render_args, Lang};
use crate::model::{date, json_error, Problem};

/// The CSV columns, in order.
pub const COLUMNS: [&str; 32] = [
    "id", "schema_version", "revision", "corrects", "created_at", "updated_at", "utc_offset",
    "author_name", "author_cso", "author_phone", "device_id", "project", "region", "cercle",
    "locality", "date", "start_time", "duration_min", "activity_type", "activity_type_other",
    "indicators", "title", "description", "women", "men", "young_women", "young_men", "disabled",
    "total", "lat", "lon", "accuracy_m",
];

/// Records as a JSON array (compact: the pretty printer costs wasm).
pub fn to_json(records: &[&Activity]) -> String {
    crate::model::write::to_json(records)
}

/// One CSV field, quoted when it must be.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The cells of one record, in [`COLUMNS`] order.
pub fn csv_cells(a: &Activity) -> Vec<String> {
    let n = |v: u32| v.to_string();
    let opt = |v: Option<u32>| v.map(n).unwrap_or_default();
    let p = &a.participants;
    vec![
        a.id.clone(),
        n(a.schema_version),
        n(a.revision),
        a.corrects.clone().unwrap_or_default(),
        a.created_at.clone(),
        a.updated_at.clone(),
        a.utc_offset.clone(),
        a.author.name.clone(),
        a.author.cso.clone(),
        a.author.phone.clone(),
        a.device_id.clone(),
        a.project.clone(),
        a.region.clone(),
        a.cercle.clone().unwrap_or_default(),
        a.locality.clone(),
        date::format(a.date),
        a.start_time.clone().unwrap_or_default(),
        opt(a.duration_min),
        a.activity_type.code().to_string(),
        a.activity_type_other.clone(),
        a.indicators.join(";"),
        a.title.clone(),
        a.description.clone(),
        n(p.women),
        n(p.men),
        n(p.young_women),
        n(p.young_men),
        opt(p.disabled),
        n(p.total),
        a.position.map(|p| fixed(p.lat, 6)).unwrap_or_default(),
        a.position.map(|p| fixed(p.lon, 6)).unwrap_or_default(),
        a.position.map(|p| fixed(p.accuracy_m, 1)).unwrap_or_default(),
    ]
}

/// The CSV file: BOM, header, one line per record, CRLF line ends.
pub fn to_csv(records: &[&Activity]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(",") + "\r\n";
    out.push_str(&line(COLUMNS.iter().map(|c| c.to_string()).collect()));
    for a in records {
        out.push_str(&line(csv_cells(a)));
    }
    out
}

/// What importing a file would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPlan {
    /// New records, to store (queued).
    pub new: Vec<Activity>,
    /// Already here, identical.
    pub same: usize,
    /// Here with other content: (the file's version) — shown, not applied.
    pub conflicts: Vec<Activity>,
    /// Items that are not valid records: (position in the file, why).
    pub invalid: Vec<(usize, Invalid)>,
}

/// Why one item of a file is not imported.
#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    /// Not a record: a wrong type, a missing field, a number out of range…
    Shape(Problem),
    /// A record in a newer format than this app reads.
    Newer,
    /// A record that breaks a rule (the first one found): its field and why.
    Rule(FieldError),
}

impl Invalid {
    /// The explanation in `lang`, with the field it concerns.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Invalid::Shape(p) => p.message(lang),
            Invalid::Newer => render_args(msg!(j_import_newer), &[], lang),
            Invalid::Rule(e) => format!("{}{} {}", e.field.id(), lang.pick("\u{202f}:", ":"), e.message(lang)),
        }
    }
}

/// Why a whole file cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// Not JSON: where and what (in any language).
    Syntax(Problem),
    /// JSON, but not an array of records (nor one record).
    NotRecords,
}

/// Reads an export file (an array of records, or one record) and decides,
/// against `local(id)` (the local record of that id, if any), what to do
/// with each item. The same id twice in the file counts once.
pub fn plan_import(text: &str, local: impl Fn(&str) -> Option<Activity>) -> Result<ImportPlan, ImportError> {
    use crate::model::read::{raw_items, raw_value};
    let items: Vec<&str> = if text.trim_start().starts_with('{') {
        vec![raw_value(text).map_err(|e| ImportError::Syntax(json_error::syntax(&e)))?]
    } else {
        match raw_items(text) {
            Ok(items) => items,
            // Another value than a list: JSON, but not records.
            Err(e) if e.is_invalid_type() => return Err(ImportError::NotRecords),
            Err(e) => return Err(ImportError::Syntax(json_error::syntax(&e))),
        }
    };
    let mut plan = ImportPlan::default();
    let mut seen = std::collections::HashSet::<_, rustc_hash::FxBuildHasher>::default();
    for (i, item) in items.into_iter().enumerate() {
        let record = match Activity::from_json(item) {
            Ok(r) => r,
            Err(why) => {
                plan.invalid.push((i, why.map_or(Invalid::Newer, |m| Invalid::Shape(json_error::shape(String::new(), &m)))));
                continue;
            }
        };
        if let Some(e) = check(&record).into_iter().next() {
            plan.invalid.push((i, Invalid::Rule(e)));
            continue;
        }
        if !seen.insert(record.id.clone()) {
            continue;
        }
        match local(&record.id) {
            None => plan.new.push(record),
            Some(l) if l == record => plan.same += 1,
            Some(_) => plan.conflicts.push(record),
        }
    }
    Ok(plan)
}
