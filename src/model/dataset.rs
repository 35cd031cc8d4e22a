//! The whole dataset: parsing (with every shape problem reported), lookups.

use super::indicator::Indicator;
use super::json_error;
use super::organisation::Organisation;
use super::problem::{Problem, ProblemKind};
use super::programme::Programme;
use super::project::Project;
use super::region::{Cercle, Region};
use crate::i18n::{msg, Arg, Msg};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
        let value: Value = serde_json::from_str(json).map_err(|e| vec![json_error::syntax(&e)])?;
        let Some(obj) = value.as_object() else {
            return Err(vec![shape(String::new(), msg!(v_shape_not_object), Vec::new())]);
        };
        check_schema_version(obj.get("schema_version")).map_err(|p| vec![p])?;

        // Fields this version does not know (added by a newer minor
        // version of the format) are ignored; the stored text keeps them.
        let mut problems = Vec::new();
        hidden_chars(&value, &mut String::new(), &mut problems);
        let revision = field(obj, "revision", &mut problems);
        let programme = field(obj, "programme", &mut problems);
        let indicators = list(obj, "indicators", &mut problems);
        let regions = list(obj, "regions", &mut problems);
        let organisations = list(obj, "organisations", &mut problems);
        let projects = list(obj, "projects", &mut problems);
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

/// Most hidden-character problems reported for one dataset: one is enough
/// to refuse it, and a hostile file could hold millions.
const MAX_HIDDEN_REPORTED: usize = 20;

/// Reports each string (value or key) that holds a character with no place
/// in a shown text ([`super::forbidden_char`]: controls other than line
/// breaks and tabs, bidirectional overrides), at its JSON path. JSON
/// nesting is bounded by serde_json (128 levels), so is this recursion.
/// The paths are built only when there is something to report: building
/// one per item and key took a third of the start-up parse of the
/// embedded data (24 of 73 ms on a phone-speed CPU).
fn hidden_chars(v: &Value, path: &mut String, out: &mut Vec<Problem>) {
    if any_hidden(v) {
        hidden_chars_at(v, path, out);
    }
}

fn any_hidden(v: &Value) -> bool {
    match v {
        Value::String(s) => super::forbidden_char(s, true).is_some(),
        Value::Array(items) => items.iter().any(any_hidden),
        Value::Object(map) => map.iter().any(|(k, item)| super::forbidden_char(k, true).is_some() || any_hidden(item)),
        _ => false,
    }
}

fn hidden_chars_at(v: &Value, path: &mut String, out: &mut Vec<Problem>) {
    let report = |path: &str, s: &str, out: &mut Vec<Problem>| {
        if let Some(c) = super::forbidden_char(s, true) {
            if out.len() < MAX_HIDDEN_REPORTED {
                out.push(Problem::new(path.to_string(), ProblemKind::HiddenCharacter, msg!(v_text_hidden_char), vec![("code", Arg::Text(super::code_point(c)))]));
            }
        }
    };
    let len = path.len();
    match v {
        Value::String(s) => report(path, s, out),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                hidden_chars_at(item, path, out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                if !path.is_empty() {
                    path.push('.');
                }
                report(&format!("{path}{k}"), k, out);
                path.push_str(k);
                hidden_chars_at(item, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn shape(path: String, msg: Msg, args: Vec<(&'static str, Arg)>) -> Problem {
    Problem::new(path, ProblemKind::Shape, msg, args)
}

fn missing_field(key: &str) -> Problem {
    shape(key.to_string(), msg!(v_shape_missing_field), vec![("field", Arg::Text(key.to_string()))])
}

fn check_schema_version(v: Option<&Value>) -> Result<(), Problem> {
    let path = || "schema_version".to_string();
    let found = match v {
        Some(v) if v.as_u64() == Some(u64::from(SCHEMA_VERSION)) => return Ok(()),
        // A newer major version: data this app cannot read safely.
        Some(v) if v.as_u64().is_some_and(|n| n > u64::from(SCHEMA_VERSION)) => {
            return Err(Problem::new(
                path(),
                ProblemKind::NewerSchema,
                msg!(v_schema_newer),
                vec![("found", Arg::text(v)), ("supported", Arg::text(&SCHEMA_VERSION))],
            ))
        }
        Some(v) => v.to_string(),
        None => {
            return Err(Problem::new(
                path(),
                ProblemKind::SchemaVersion,
                msg!(v_schema_missing),
                vec![("expected", Arg::text(&SCHEMA_VERSION))],
            ))
        }
    };
    Err(Problem::new(
        path(),
        ProblemKind::SchemaVersion,
        msg!(v_schema_unsupported),
        vec![("found", Arg::Text(found)), ("expected", Arg::text(&SCHEMA_VERSION))],
    ))
}

fn field<T: DeserializeOwned>(
    obj: &Map<String, Value>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let Some(v) = obj.get(key) else {
        problems.push(missing_field(key));
        return None;
    };
    T::deserialize(v).map_err(|e| problems.push(json_error::shape(key.to_string(), &e.to_string()))).ok()
}

fn list<T: DeserializeOwned>(
    obj: &Map<String, Value>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<Vec<T>> {
    let items = match obj.get(key) {
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(shape(key.to_string(), msg!(v_shape_not_list), Vec::new()));
            return None;
        }
        None => {
            problems.push(missing_field(key));
            return None;
        }
    };
    let before = problems.len();
    let out: Vec<T> = items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            T::deserialize(v)
                .map_err(|e| problems.push(json_error::shape(format!("{key}[{i}]"), &e.to_string())))
                .ok()
        })
        .collect();
    (problems.len() == before).then_some(out)
}
