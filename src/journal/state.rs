//! A record on the device and where it stands (pure): draft → queued →
//! sent (with the server's receipt) or refused (with the server's reason).
//!
//! | state | edit | delete |
//! |---|---|---|
//! | draft (`drafts/<id>`) | yes | discard, after a confirmation |
//! | queued, never attempted | yes | after a confirmation |
//! | queued, a send attempted | no: its fate is unknown until the next answer | no |
//! | refused | yes: the edit raises its revision and queues it again | after a confirmation |
//! | sent | no: a correction is a new record whose `corrects` holds its id | only by « effacer les envoyés de plus de N jours » |

use super::record::Activity;
use serde::{Deserialize, Serialize};

/// What the server said when it took the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The server's id for it (its `id`, or the `Location` header).
    pub server_id: String,
    /// The server's time (its body, or the `Date` header).
    pub server_time: String,
    /// When the device heard the answer, UTC RFC 3339.
    pub received_at: String,
}

/// Where a stored record stands. Stored externally tagged
/// (`{"queued": {"attempts": 0}}`): an internally tagged or flattened enum
/// costs serde several KB more wasm for the same JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Waiting to be sent. `attempts`: sends tried with no final answer;
    /// `retry`: when the next try is due and what the last one met.
    Queued {
        attempts: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry: Option<Retry>,
    },
    Sent { receipt: Receipt },
    /// The server refused it; `reason` is its message. `conflict`: the
    /// server holds another version of it (read back, or its answer said
    /// so); editing does not help, so it is not offered as a correction.
    Refused {
        reason: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        conflict: bool,
    },
}

/// A queued record's next try: due at `at_ms` (ms since 1970), after
/// `error` (a [`crate::sync::engine::Met`] code: `http:500`, `network`,
/// `timeout`, `cors`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retry {
    pub at_ms: u64,
    pub error: String,
}

/// The names of [`State`]'s variants as stored, in their order.
pub(crate) const STATE_TAGS: &[&str] = &["queued", "sent", "refused"];

/// A record with its state: the value under `records/<id>`,
/// `{"record": {…}, "state": {"sent": {"receipt": {…}}}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub record: Activity,
    pub state: State,
}

/// The status shown as a chip and used by the filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Draft,
    Queued,
    Sent,
    Refused,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Draft, Status::Queued, Status::Sent, Status::Refused];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Queued => "queued",
            Status::Sent => "sent",
            Status::Refused => "refused",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Whether deleting needs nothing, a confirmation, or is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delete {
    Confirm,
    No,
}

impl State {
    pub fn status(&self) -> Status {
        match self {
            State::Queued { .. } => Status::Queued,
            State::Sent { .. } => Status::Sent,
            State::Refused { .. } => Status::Refused,
        }
    }

    /// Sends tried with no final answer (0 unless queued).
    pub fn attempts(&self) -> u32 {
        match self {
            State::Queued { attempts, .. } => *attempts,
            _ => 0,
        }
    }

    /// The record may be edited in place.
    pub fn can_edit(&self) -> bool {
        matches!(self, State::Queued { attempts: 0, .. } | State::Refused { conflict: false, .. })
    }

    pub fn delete(&self) -> Delete {
        match self {
            State::Queued { attempts: 0, .. } | State::Refused { .. } => Delete::Confirm,
            State::Queued { .. } | State::Sent { .. } => Delete::No,
        }
    }

    /// A sent record may be corrected by a new record.
    pub fn can_correct(&self) -> bool {
        matches!(self, State::Sent { .. })
    }
}

impl Stored {
    pub fn queued(record: Activity) -> Stored {
        Stored { record, state: State::Queued { attempts: 0, retry: None } }
    }

    /// The revision an edit of this record gets: a refused record's edit is
    /// a new revision (a new idempotency key); a never-sent one keeps its.
    /// `None` when it may not be edited.
    pub fn edit_revision(&self) -> Option<u32> {
        match self.state {
            State::Queued { attempts: 0, .. } => Some(self.record.revision),
            State::Refused { conflict: false, .. } => Some(self.record.revision + 1),
            _ => None,
        }
    }

    /// Replaces the record by its edited version, queued again. Refused
    /// when this record may not be edited, or when the edit is another
    /// record's.
    pub fn apply_edit(&self, edited: Activity) -> Option<Stored> {
        let revision = self.edit_revision()?;
        (edited.id == self.record.id && edited.revision == revision).then(|| Stored::queued(edited))
    }
}

/// The ids of sent records whose receipt is older than `days` days before
/// `now` (UTC RFC 3339 strings compare in time order when both are UTC).
pub fn sent_older_than<'a>(records: impl IntoIterator<Item = &'a Stored>, now: &str, days: u32) -> Vec<String> {
    let Some(cutoff) = minus_days(now, days) else { return Vec::new() };
    records
        .into_iter()
        .filter(|s| matches!(&s.state, State::Sent { receipt } if receipt.received_at.as_str() < cutoff.as_str()))
        .map(|s| s.record.id.clone())
        .collect()
}

/// `now` minus `days`, in the same RFC 3339 UTC form (second precision).
fn minus_days(now: &str, days: u32) -> Option<String> {
    let day = crate::model::date::parse(now.get(..10)?)? - chrono::Duration::days(i64::from(days));
    Some(format!("{}{}", crate::model::date::format(day), now.get(10..19)?))
}
