//! The activity journal's core (pure: no leptos, no web-sys), host-tested:
//!
//! * [`record`] — the record's wire format ([`Activity`]);
//! * [`check`] — what any record must satisfy ([`check::check`]), the
//!   [`Field`] an error belongs to;
//! * [`form`] — the form as typed ([`Draft`]), its defaults and its
//!   validation against the programme data;
//! * [`state`] — a stored record's state machine (queued, sent, refused):
//!   what may be edited or deleted;
//! * [`list`] — the journal's rows, filters, order, pages and counts;
//! * [`export`] — JSON and CSV export, import merge by id;
//! * [`report`] — what the journal reports, for the dashboard.
//!
//! Storage keys: `drafts/<id>` (a [`Draft`]), `records/<id>` (a
//! [`state::Stored`]), in IndexedDB's `drafts` and `records` stores.

pub mod check;
pub mod export;
pub mod form;
pub mod list;
pub mod read;
pub mod write;
pub mod record;
pub mod report;
pub mod state;

pub use check::{Field, FieldError};
pub use form::Draft;
pub use record::{Activity, ActivityType, Attachment, Author, Participants, Position};
