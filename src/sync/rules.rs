//! What to do with an endpoint's answer (pure, table-tested): the rules of
//! the sync engine, decided from the answer and the record's situation
//! alone, so that an HTTP adapter only performs the [`Action`].
//!
//! | answer | action |
//! |---|---|
//! | 2xx | sent, with the receipt (body `id`, else `Location`; body time, else `Date`) |
//! | 2xx to a read-back, same content | sent (fields a server adds are ignored) |
//! | 2xx to a read-back, other content | conflict: shown, not retried |
//! | 404 to a read-back | not there: send again now, with the same key |
//! | 3xx, 400, 405 to a read-back | pause the queue: « vérifiez l'adresse » (of read-back) |
//! | 409 | read back when a template is set, else retry soon, same key |
//! | 422 whose problem type is `…record-conflict` or `…idempotency-key-reused` | conflict: shown, not retried (editing would not help) |
//! | 400, 413, 422 | refused, with the server's message; never blocks the others |
//! | 401, 403 | pause the queue: « vérifiez vos identifiants » |
//! | 3xx (not followed), 404, 405 | pause the queue: « vérifiez l'adresse » |
//! | CORS refusal | pause the queue, with what the endpoint must allow |
//! | a PUT unanswered twice while a HEAD with its headers is answered | CORS refusal (of the method) |
//! | blocked by the app's own CSP (`connect-src`) | pause the queue: the deployment forbids this address |
//! | 408, 425, 429, 5xx, network error | retry: capped exponential backoff with jitter, at least `Retry-After` |
//! | timeout, connection lost after sending (ambiguous) | retry with backoff; the next try reads back first when a template is set (the record is marked tried), else sends again with the same key |
//! | any other status | retry, so that nothing is ever given up silently |

use super::receipt::{receipt_of, Receipt};

/// What came back for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// An HTTP answer.
    Http(Response),
    /// No answer: DNS, refused connection, offline. Nothing reached the
    /// server, as far as the browser knows.
    Network,
    /// The browser refused the answer (CORS), while a `no-cors` probe shows
    /// the server is there.
    Cors,
    /// The set time ran out, or the connection broke after the request was
    /// sent: the server may have stored the record.
    Ambiguous,
    /// The page's own Content Security Policy forbids this address
    /// (`connect-src`): the browser did not even try.
    Blocked,
}

/// An HTTP answer: status, the headers the rules read, the body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    pub status: u16,
    pub retry_after: Option<String>,
    pub location: Option<String>,
    pub date: Option<String>,
    pub body: String,
}

/// Why the whole queue waits for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// 401, 403: « vérifiez vos identifiants ».
    Credentials,
    /// 404, 405: « vérifiez l'adresse ».
    Address,
    /// The endpoint does not allow this origin (CORS).
    Cors,
    /// The app's server forbids this address (CSP `connect-src`).
    Policy,
}

/// What the engine does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Sent(Receipt),
    /// The server refused this record: its message (problem `detail` and
    /// field errors when given).
    Refused(String),
    /// Read the record back before anything else.
    ReadBack,
    /// A read-back found nothing: the send did not land; send it now,
    /// with the same key.
    Resend,
    /// Send again after this many milliseconds, with the same key.
    Retry { after_ms: u64 },
    /// The record read back differs from ours: shown, not retried.
    Conflict,
    Pause(Pause),
}

/// The engine's timing settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// First retry delay, in milliseconds (then doubled each attempt).
    pub base_ms: u64,
    /// The most a retry waits (the backoff cap), in milliseconds.
    pub cap_ms: u64,
}

impl Default for Timing {
    /// 1 s, doubled up to 5 min.
    fn default() -> Timing {
        Timing { base_ms: 1_000, cap_ms: 300_000 }
    }
}

/// The longest a record ever waits for its next try (24 h): a `Retry-After`
/// further off is cut to it, and a due time further off (the device's
/// clock was set back) counts as due.
pub const MAX_WAIT_MS: u64 = 86_400_000;

/// What a request that got no HTTP answer (and did not time out) was, from
/// what the probe right after found (`diagnose` in `ui/sync.js`): `None`
/// sends it once more.
///
/// A HEAD with the same headers answered means the network works now. For
/// a `POST` the failure was the network's: CORS allows POST whenever it
/// allows these headers. A `PUT` is also refused by a CORS policy that
/// leaves out the method, which the probe cannot see; so it is sent once
/// more (a PUT is idempotent and the record keeps its key), and failing
/// again is the endpoint's CORS, not a connection lost twice.
pub fn unanswered(finding: Option<&str>, put: bool, resent: bool) -> Option<Answer> {
    match finding {
        Some("cors") => Some(Answer::Cors),
        Some("answered") if put && resent => Some(Answer::Cors),
        Some("answered") if put => None,
        _ => Some(Answer::Network),
    }
}

/// The delay before retry number `attempt` (1 for the first retry):
/// `base × 2^(attempt−1)`, capped, with full jitter (`jitter` in [0, 1) from
/// the caller: a uniform draw between half the delay and the delay, so that
/// phones coming back online together do not all knock at once).
pub fn backoff_ms(t: Timing, attempt: u32, jitter: f64) -> u64 {
    let exp = t.base_ms.saturating_mul(1u64 << attempt.saturating_sub(1).min(30)).min(t.cap_ms);
    let j = jitter.clamp(0.0, 1.0);
    exp / 2 + ((exp / 2) as f64 * j) as u64
}

/// `Retry-After` in milliseconds: delta-seconds, or an HTTP date compared
/// with `now_ms` (a past date is 0). `None` when it does not read.
pub fn retry_after_ms(value: &str, now_ms: i64) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<u64>().ok().map(|s| s.saturating_mul(1000));
    }
    let at = super::http_date::parse(v)?;
    Some(u64::try_from(at - now_ms).unwrap_or(0))
}

/// The retry delay: the backoff, but never earlier than `Retry-After`. A
/// date there is the server's clock: counted from the answer's `Date` when
/// it has one, not from the device's clock, which may be days off.
fn retry(t: Timing, attempt: u32, jitter: f64, r: Option<&Response>, now_ms: i64) -> Action {
    let wait = r
        .and_then(|r| retry_after_ms(r.retry_after.as_deref()?, r.date.as_deref().and_then(super::http_date::parse).unwrap_or(now_ms)))
        .unwrap_or(0)
        .min(MAX_WAIT_MS);
    Action::Retry { after_ms: backoff_ms(t, attempt, jitter).max(wait).min(t.cap_ms.max(wait)) }
}

/// The server's words for a refusal: a problem document's `detail` (or
/// `title`) and its field errors, else the start of the body, else the
/// status.
pub fn refusal(r: &Response) -> String {
    use crate::model::read::{read, read_struct};
    struct FieldErr {
        field: Option<String>,
        message: Option<String>,
    }
    read_struct!(FieldErr { field: optional, message: optional });
    struct Problem {
        title: Option<String>,
        detail: Option<String>,
        errors: Vec<FieldErr>,
    }
    read_struct!(Problem { title: optional, detail: optional, errors: or_default });
    if let Ok(p) = read::<Problem>(&r.body) {
        let mut out = p.detail.or(p.title).unwrap_or_default();
        for e in p.errors {
            let line = match (e.field, e.message) {
                (Some(f), Some(m)) => format!("{f}: {m}"),
                (None, Some(m)) | (Some(m), None) => m,
                (None, None) => continue,
            };
            if !out.is_empty() {
                out.push_str("; ");
            }
            out.push_str(&line);
        }
        if !out.is_empty() {
            return out;
        }
    }
    let body: String = r.body.trim().chars().take(200).collect();
    if body.is_empty() { format!("HTTP {}", r.status) } else { format!("HTTP {}: {body}", r.status) }
}

/// A problem document whose type ends in `record-conflict` or
/// `idempotency-key-reused` (the reference endpoint's conflict types).
fn is_conflict(r: &Response) -> bool {
    // Its `type`, a string (or absent, or null); of a key given twice, the last.
    crate::model::read::raw_fields(&r.body)
        .ok()
        .and_then(|f| f.get("type").and_then(|t| crate::model::read::read::<Option<String>>(t).ok()).flatten())
        .is_some_and(|k| k.ends_with("record-conflict") || k.ends_with("idempotency-key-reused"))
}

/// The action for the answer to a send (POST or PUT). `attempt` counts
/// this one (1 for the first send); `readback` says whether a record URL
/// template is set; `jitter` in [0, 1); `now_ms` and `now` (RFC 3339) are
/// the device's clock.
pub fn after_send(a: &Answer, attempt: u32, readback: bool, t: Timing, jitter: f64, now_ms: i64, now: &str) -> Action {
    let r = match a {
        Answer::Network => return retry(t, attempt, jitter, None, now_ms),
        Answer::Cors => return Action::Pause(Pause::Cors),
        Answer::Blocked => return Action::Pause(Pause::Policy),
        // The server may hold the record: wait (a server that timed out is
        // unwell), then the next try reads it back first when a read-back
        // address is set (the record is marked tried), else sends it again
        // with the same key. Reading back at once could loop with no
        // backoff: time out, not there yet, send, time out…
        Answer::Ambiguous => return retry(t, attempt, jitter, None, now_ms),
        Answer::Http(r) => r,
    };
    match r.status {
        200..=299 => Action::Sent(receipt_of(r, now)),
        409 if readback => Action::ReadBack,
        // The server holds another version of this record (or saw this key
        // with another body): editing would never help, so it is shown as
        // a conflict, not as a refusal to correct again and again.
        422 if is_conflict(r) => Action::Conflict,
        400 | 413 | 422 => Action::Refused(refusal(r)),
        401 | 403 => Action::Pause(Pause::Credentials),
        // 3xx: a redirect (the browser is told not to follow it: a 301 or
        // 303 would turn the POST into a GET whose 200 is no receipt).
        300..=399 | 404 | 405 => Action::Pause(Pause::Address),
        _ => retry(t, attempt, jitter, Some(r), now_ms),
    }
}

/// The action for the answer to a read-back (`GET` of the record's URL):
/// `same` says whether the body holds the same record (see
/// [`super::same_record`]).
pub fn after_read_back(a: &Answer, same: impl Fn(&str) -> bool, attempt: u32, t: Timing, jitter: f64, now_ms: i64, now: &str) -> Action {
    let r = match a {
        Answer::Http(r) => r,
        Answer::Cors => return Action::Pause(Pause::Cors),
        Answer::Blocked => return Action::Pause(Pause::Policy),
        _ => return retry(t, attempt, jitter, None, now_ms),
    };
    match r.status {
        200..=299 if same(&r.body) => Action::Sent(receipt_of(r, now)),
        200..=299 => Action::Conflict,
        // Not there: the send did not land; send again, same key.
        404 | 410 => Action::Resend,
        401 | 403 => Action::Pause(Pause::Credentials),
        // The read-back address takes no GET, or not this one: retrying
        // would never end, and sending again could duplicate the record.
        300..=399 | 400 | 405 => Action::Pause(Pause::Address),
        _ => retry(t, attempt, jitter, Some(r), now_ms),
    }
}
