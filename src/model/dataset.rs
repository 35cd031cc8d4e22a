//! The whole dataset: parsing (with every shape problem reported), lookups.

use super::indicator::Indicator;
use super::json_error;
use super::organisation::Organisation;
use super::problem::{Problem, ProblemKind};
use super::programme::Programme;
use super::project::Project;
use super::region::{Cercle, Region};
use crate::i18n::{msg, Arg, Msg};
use super::read::{read, Read};
#[cfg(test)]
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The sample dataset compiled into the app (`data/dataset.json`).
pub const EMBEDDED_JSON: &str = include_str!("../../data/dataset.json");

/// The version of the JSON format this code reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything the app shows: the programme and its records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    /// Format version (the major version: a newer minor version only adds
    /// fields, which are ignored); only [`SCHEMA_VERSION`] is accepted.
    pub schema_version: u32,
    /// Content revision, raised whenever the data changes (for sync).
    pub revision: u32,
    pub programme: Programme,
    pub indicators: Vec<Indicator>,
    pub regions: Vec<Region>,
    pub organisations: Vec<Organisation>,
    pub projects: Vec<Project>,
}

impl Dataset {
    /// The sample dataset compiled into the app (`data/dataset.json`).
    ///
    /// Panics if it does not parse; a test guarantees that it does.
    pub fn embedded() -> Dataset {
        match Dataset::from_json(EMBEDDED_JSON) {
            Ok(ds) => ds,
            Err(problems) => {
                let list: Vec<String> = problems.iter().map(Problem::to_string).collect();
                panic!("embedded data/dataset.json does not parse: {}", list.join("; "))
            }
        }
    }

    /// Parses a dataset. Refuses a missing or unknown `schema_version`
    /// (alone: nothing else is read then); otherwise reports every syntax or
    /// shape problem, located at the top-level field or list item. Does not
    /// check the content rules: see [`Dataset::from_json_validated`].
    pub fn from_json(json: &str) -> Result<Dataset, Vec<Problem>> {
        // No `serde_json::Value`: it built the whole tree before the typed
        // reading, which took twice as long as now (the embedded data: 630
        // -> 315 µs on a laptop, 4 times that on a phone).
        checked(json)?;
        // Data with no problem (the embedded and the stored data always):
        // one typed pass. Anything else is read field by field and item by
        // item from raw text ([`by_fields`]), to say where each problem is;
        // a test holds that both ways give the same dataset.
        if !any_hidden(json) {
            if let Ok(ds) = read::<Dataset>(json) {
                if ds.schema_version == SCHEMA_VERSION {
                    return Ok(ds);
                }
            }
        }
        by_fields(json)
    }

    /// [`Dataset::from_json`] with no one-pass shortcut: every text read
    /// field by field. For the tests and the fuzz target, which hold that
    /// both give the same result.
    #[doc(hidden)]
    pub fn from_json_by_fields(json: &str) -> Result<Dataset, Vec<Problem>> {
        checked(json)?;
        by_fields(json)
    }

    /// Parses then validates: `Ok` only for a dataset with no problem at all.
    pub fn from_json_validated(json: &str) -> Result<Dataset, Vec<Problem>> {
        let ds = Dataset::from_json(json)?;
        let problems = super::validate(&ds);
        if problems.is_empty() {
            Ok(ds)
        } else {
            Err(problems)
        }
    }

    /// Compact JSON, readable back by [`Dataset::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a dataset always serialises")
    }

    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.id == id)
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// A cercle with the region that holds it.
    pub fn cercle(&self, id: &str) -> Option<(&Region, &Cercle)> {
        self.regions.iter().find_map(|r| r.cercle(id).map(|c| (r, c)))
    }

    /// The programme's regions, in dataset order.
    pub fn in_scope_regions(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(|r| r.in_scope)
    }
}

/// [`Dataset::from_json`] field by field and item by item, each problem
/// located, for a text that passed [`checked`].
fn by_fields(json: &str) -> Result<Dataset, Vec<Problem>> {
    let Ok(obj) = super::read::raw_fields(json) else {
        return Err(vec![shape(String::new(), msg!(v_shape_not_object), Vec::new())]);
    };
    check_schema_version(obj.get("schema_version").copied()).map_err(|p| vec![p])?;

    // Fields this version does not know (added by a newer minor
    // version of the format) are ignored; the stored text keeps them.
    let mut problems = Vec::new();
    hidden_chars(json, &mut problems);
    let revision = field(&obj, "revision", &mut problems);
    let programme = field(&obj, "programme", &mut problems);
    let indicators = list(&obj, "indicators", &mut problems);
    let regions = list(&obj, "regions", &mut problems);
    let organisations = list(&obj, "organisations", &mut problems);
    let projects = list(&obj, "projects", &mut problems);
    match (revision, programme, indicators, regions, organisations, projects) {
        (
            Some(revision),
            Some(programme),
            Some(indicators),
            Some(regions),
            Some(organisations),
            Some(projects),
        ) if problems.is_empty() => Ok(Dataset {
            schema_version: SCHEMA_VERSION,
            revision,
            programme,
            indicators,
            regions,
            organisations,
            projects,
        }),
        _ => Err(problems),
    }
}

/// Most hidden-character problems reported for one dataset: one is enough
/// to refuse it, and a hostile file could hold millions.
const MAX_HIDDEN_REPORTED: usize = 20;

/// The syntax problem of `json`, if any (as strict as a `serde_json::Value`,
/// at serde_json's line and column: [`super::read::syntax`]).
fn checked(json: &str) -> Result<(), Vec<Problem>> {
    super::read::syntax(json).map_err(|e| vec![json_error::syntax(&e)])
}

/// Reads any JSON and keeps nothing, as strictly as a `serde_json::Value`
/// would: the syntax, numbers serde can hold, and serde_json's nesting limit
/// (128), each refused with its line and column. How the app checked a
/// dataset before [`super::read::syntax`]; now the tests' oracle for it.
#[cfg(test)]
pub(crate) struct Checked;

#[cfg(test)]
impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Checked)
    }
}

#[cfg(test)]
impl<'de> Visitor<'de> for Checked {
    type Value = Checked;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Checked, A::Error> {
        while items.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Checked, A::Error> {
        while entries.next_entry::<IgnoredAny, Checked>()?.is_some() {}
        Ok(Checked)
    }
}

/// A JSON object as raw text per key, in key order (as serde_json's
/// `Value` keeps it; the last of a duplicated key wins, as there). Also
/// how a sync receipt is read (`sync::receipt`).
pub(crate) type Object<'a> = BTreeMap<String, &'a str>;

/// Reports each string (value or key) that holds a character with no place
/// in a shown text ([`super::forbidden_char`]: controls other than line
/// breaks and tabs, bidirectional overrides), at its JSON path. The paths
/// are looked for only when the text may hold one ([`may_hide`]), and
/// built only for what is reported: building one per item and key took a
/// third of the start-up parse of the embedded data (24 of 73 ms on a
/// phone-speed CPU).
fn hidden_chars(json: &str, out: &mut Vec<Problem>) {
    if may_hide(json) {
        hidden_chars_at(json, out);
    }
}

/// Whether JSON text may hold a hidden character: literally, or behind a
/// `\u` escape (decoding says).
fn may_hide(text: &str) -> bool {
    text.contains("\\u") || super::forbidden_char(text, true).is_some()
}

/// The end (past the closing quote) of the string literal opening at `open`.
fn literal_end(b: &[u8], open: usize) -> usize {
    let mut j = open + 1;
    while j < b.len() && b[j] != b'"' {
        j += if b[j] == b'\\' { 2 } else { 1 };
    }
    (j + 1).min(b.len())
}

/// A string literal that may hold a hidden character, decoded: its first.
fn hidden_in(literal: &str) -> Option<char> {
    if !may_hide(literal) {
        return None;
    }
    read::<String>(literal).ok().and_then(|s| super::forbidden_char(&s, true))
}

/// Whether a string (value or key) of this JSON text (valid JSON) holds a
/// hidden character, literally or behind a `\u` escape: the text is
/// scanned for string literals, and only one that could hold such a
/// character is decoded.
fn any_hidden(json: &str) -> bool {
    if !may_hide(json) {
        return false;
    }
    let b = json.as_bytes();
    let mut i = 0;
    while let Some(open) = b[i..].iter().position(|&c| c == b'"').map(|k| i + k) {
        i = literal_end(b, open);
        if hidden_in(&json[open..i]).is_some() {
            return true;
        }
    }
    false
}

/// Where each hidden character is, in document order, at most
/// [`MAX_HIDDEN_REPORTED`]: one pass over the text (valid JSON, it passed
/// [`Checked`]) with the path as a stack, so neither recursion nor
/// re-reading a part once per level of nesting, whatever a hostile file
/// nests.
fn hidden_chars_at(json: &str, out: &mut Vec<Problem>) {
    /// An object with the raw literal of its current key, or a list with
    /// the index of its current item.
    enum Level<'a> {
        Object(&'a str),
        List(usize),
    }
    let path = |levels: &[Level]| {
        let mut p = String::new();
        for level in levels {
            match level {
                Level::Object(key) => {
                    if !p.is_empty() {
                        p.push('.');
                    }
                    p.push_str(&read::<String>(key).unwrap_or_default());
                }
                Level::List(i) => p.push_str(&format!("[{i}]")),
            }
        }
        p
    };
    let b = json.as_bytes();
    let mut levels: Vec<Level> = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < MAX_HIDDEN_REPORTED {
        match b[i] {
            b'{' => levels.push(Level::Object("")),
            b'[' => levels.push(Level::List(0)),
            b'}' | b']' => drop(levels.pop()),
            b',' => {
                if let Some(Level::List(n)) = levels.last_mut() {
                    *n += 1;
                }
            }
            b'"' => {
                let end = literal_end(b, i);
                let literal = &json[i..end];
                // In an object, a string followed by `:` is a key: the
                // path of the value that follows, and its own.
                let colon = b[end..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b':');
                if let (true, Some(Level::Object(key))) = (colon, levels.last_mut()) {
                    *key = literal;
                }
                if let Some(c) = hidden_in(literal) {
                    out.push(Problem::new(path(&levels), ProblemKind::HiddenCharacter, msg!(v_text_hidden_char), vec![("code", Arg::Text(super::code_point(c)))]));
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

fn shape(path: String, msg: Msg, args: Vec<(&'static str, Arg)>) -> Problem {
    Problem::new(path, ProblemKind::Shape, msg, args)
}

fn missing_field(key: &str) -> Problem {
    shape(key.to_string(), msg!(v_shape_missing_field), vec![("field", Arg::Text(key.to_string()))])
}

fn check_schema_version(v: Option<&str>) -> Result<(), Problem> {
    let path = || "schema_version".to_string();
    let Some(v) = v else {
        return Err(Problem::new(
            path(),
            ProblemKind::SchemaVersion,
            msg!(v_schema_missing),
            vec![("expected", Arg::text(&SCHEMA_VERSION))],
        ));
    };
    match read::<u64>(v) {
        Ok(n) if n == u64::from(SCHEMA_VERSION) => Ok(()),
        // A newer major version: data this app cannot read safely.
        Ok(n) if n > u64::from(SCHEMA_VERSION) => Err(Problem::new(
            path(),
            ProblemKind::NewerSchema,
            msg!(v_schema_newer),
            vec![("found", Arg::text(&n)), ("supported", Arg::text(&SCHEMA_VERSION))],
        )),
        _ => Err(Problem::new(
            path(),
            ProblemKind::SchemaVersion,
            msg!(v_schema_unsupported),
            vec![("found", Arg::Text(v.to_string())), ("expected", Arg::text(&SCHEMA_VERSION))],
        )),
    }
}

fn field<T: Read>(obj: &Object, key: &str, problems: &mut Vec<Problem>) -> Option<T> {
    let Some(v) = obj.get(key) else {
        problems.push(missing_field(key));
        return None;
    };
    read(v).map_err(|e| problems.push(json_error::shape(key.to_string(), &e.to_string()))).ok()
}

fn list<T: Read>(obj: &Object, key: &str, problems: &mut Vec<Problem>) -> Option<Vec<T>> {
    let Some(v) = obj.get(key) else {
        problems.push(missing_field(key));
        return None;
    };
    let Ok(items) = super::read::raw_items(v) else {
        problems.push(shape(key.to_string(), msg!(v_shape_not_list), Vec::new()));
        return None;
    };
    let before = problems.len();
    let out: Vec<T> = items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            read(v).map_err(|e| problems.push(json_error::shape(format!("{key}[{i}]"), &e.to_string()))).ok()
        })
        .collect();
    (problems.len() == before).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_typed_pass_gives_what_the_field_by_field_reading_gives() {
        let unknown = EMBEDDED_JSON.replacen('{', r#"{"added_in_1_1":{"x":[1,2]},"#, 1);
        // Escapes other than `\u` stay on the one pass.
        let escaped = EMBEDDED_JSON.replacen(r#""fr":""#, r#""fr":"\"\n"#, 1);
        // A duplicate key: refused by the typed pass, the last one kept
        // field by field (as serde_json's `Value` does).
        let duplicate = EMBEDDED_JSON.replacen('{', r#"{"revision":7,"#, 1);
        let newer = EMBEDDED_JSON.replacen(r#""schema_version":1"#, r#""schema_version":2"#, 1);
        let broken = EMBEDDED_JSON.replacen(r#""revision":1"#, r#""revision":"1""#, 1);
        for json in [EMBEDDED_JSON, &unknown, &escaped, &duplicate, &newer, &broken] {
            assert_eq!(Dataset::from_json(json), Dataset::from_json_by_fields(json), "{}", &json[..80]);
        }
        assert!(read::<Dataset>(EMBEDDED_JSON).is_ok(), "the embedded data takes the one pass");
        assert!(Dataset::from_json(&escaped).unwrap().programme.name.fr.starts_with("\"\nConsolidation"));
        assert_eq!(Dataset::from_json(&duplicate).unwrap().revision, 1);
        assert!(Dataset::from_json(&newer).is_err() && Dataset::from_json(&broken).is_err());
    }
}
