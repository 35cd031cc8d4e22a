//! A problem found in a dataset, located by path, explained in any language.
//!
//! A [`Problem`] holds no sentence: it names a message of the text table
//! ([`Msg`]) and the values to fill in ([`Arg`]); [`Problem::message`] writes
//! it in the language asked for.

use crate::i18n::{render_args, Arg, Lang, Msg};
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
    /// A text holds an invisible control or text-direction character.
    HiddenCharacter,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub kind: ProblemKind,
    /// The message's key in the text table.
    pub msg: Msg,
    /// The values of its `{name}` placeholders.
    pub args: Vec<(&'static str, Arg)>,
}

impl Problem {
    pub fn new(path: String, kind: ProblemKind, msg: Msg, args: Vec<(&'static str, Arg)>) -> Self {
        Problem { path, kind, msg, args }
    }

    /// The explanation in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        render_args(self.msg, &self.args, lang)
    }
}

/// `path: message` in English (logs, panics, test output).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message(Lang::En);
        if self.path.is_empty() {
            f.write_str(&message)
        } else {
            write!(f, "{}: {message}", self.path)
        }
    }
}
