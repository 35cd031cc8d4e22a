//! The sync engine's decisions (pure: no leptos, no web-sys), host-tested:
//!
//! * [`rules`] — the answer of an endpoint → what to do ([`rules::Action`]):
//!   sent, refused, read back, retry (capped exponential backoff with
//!   jitter, never before `Retry-After`), conflict, pause the queue;
//! * [`receipt`] — the receipt from the body, `Location` or `Date`;
//! * [`http_date`] — HTTP dates;
//! * [`config`] — the sync settings and the configuration link;
//! * [`engine`] — the queue: the next request, what an answer does to each
//!   record, batches, the log;
//! * [`view`] — the run as shown, and the connection test's verdict.
//!
//! `ui::sync` performs the steps in the browser (fetch, triggers, Web Lock).

pub mod config;
pub mod engine;
pub mod http_date;
pub mod receipt;
pub mod rules;
pub mod view;

use crate::journal::Activity;

/// `Idempotency-Key` of a record's send: `{id}:{revision}`, so a refused
/// record edited (a new revision) is a new request, and a resend of the
/// same revision is recognised.
pub fn idempotency_key(a: &Activity) -> String {
    format!("{}:{}", a.id, a.revision)
}

/// Whether a read-back body holds the same record: the record's own fields
/// are compared; fields a server adds (`_rev`, `createdAt`, its own id
/// field) are ignored, and so is `id` itself (the URL named it). The record
/// may also come wrapped as `{"record": {…}, …}` (our endpoint's answer).
pub fn same_record(local: &Activity, body: &str) -> bool {
    use crate::model::read::{read, read_struct, Raw};
    struct Envelope {
        record: Raw,
    }
    read_struct!(Envelope { record: need });
    let same = |text: &str| Activity::from_json(text).is_ok_and(|remote| Activity { id: local.id.clone(), ..remote } == *local);
    same(body) || read::<Envelope>(body).is_ok_and(|e| same(&e.record.0))
}

/// How far the device's clock is from the server's `Date`, in seconds
/// (positive: the device is ahead). The app warns past 10 minutes.
pub fn clock_skew_s(date_header: &str, now_ms: i64) -> Option<i64> {
    http_date::parse(date_header).map(|server| (now_ms - server) / 1000)
}

/// The skew past which the app warns (10 minutes).
pub const CLOCK_SKEW_WARN_S: i64 = 600;
