//! A problem found in a dataset, located by path, explained in French and English.

use crate::i18n::Lang;
use serde::Serialize;
use std::fmt;

/// Which rule a [`Problem`] breaks (stable, for code and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// The text is not JSON.
    Syntax,
    /// JSON of the wrong shape: wrong type, missing or unknown field.
    Shape,
    /// `schema_version` missing or not supported.
    SchemaVersion,
    /// `schema_version` names a newer major version than this app reads.
    NewerSchema,
    /// Two records of the same kind share an id.
    DuplicateId,
    /// An id refers to nothing.
    UnknownReference,
    /// The same reference appears twice where it should appear once.
    Repeated,
    /// A required value or list is empty.
    Missing,
    /// A project lists a cercle outside the project's regions.
    CercleOutsideRegions,
    /// A project is in a region outside the programme.
    OutOfScope,
    /// An end date before its start date.
    DateOrder,
    /// A project date outside the grants period.
    OutsidePeriod,
    /// A negative count or amount.
    Negative,
    /// A value beyond its range (a percentage above 100).
    OutOfRange,
    /// A breakdown that does not add up to its total.
    DisaggregationSum,
    /// A breakdown missing where the indicator requires it, or given where
    /// it does not.
    Disaggregation,
    /// A required text empty in one language.
    EmptyText,
    /// A text longer than allowed.
    TooLong,
    /// A malformed id, currency code or e-mail address.
    Format,
    /// A logical-framework node at the wrong level.
    LogframeLevel,
}

/// One problem. `path` locates the value, e.g.
/// `projects[3].results[1].achieved.women` (empty: the whole document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub kind: ProblemKind,
    pub fr: String,
    pub en: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, kind: ProblemKind, fr: String, en: String) -> Self {
        Problem { path: path.into(), kind, fr, en }
    }

    /// The explanation in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.fr, &self.en)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.en)
        } else {
            write!(f, "{}: {}", self.path, self.en)
        }
    }
}
