//! The queue (pure): which request comes next, and what an answer does to
//! each record. The browser side (`ui::sync`) only performs the steps.
//!
//! * Oldest first (`created_at`, then id); one request in flight.
//! * A record whose send was tried (`attempts > 0`: its fate may be
//!   unknown) is read back first when a template is set, and is always
//!   sent alone, never in a batch.
//! * Before a send the record is stored with `attempts + 1`, so a reload,
//!   a crash or a dead battery mid-request leaves it marked « tried »: the
//!   next run reads it back or sends it again with the same idempotency key.
//! * After a retryable failure the whole run stops until the record is due
//!   again (the server is down or busy: knocking with the next record would
//!   only add load); a refusal or a conflict never stops the others.

use super::config::Mode;
use super::receipt::receipt_of;
use super::rules::{after_send, Action, Answer, Response, Timing};
use crate::journal::state::{Retry, State, Stored};

/// What a request met, as stored on the record and in the log: `http:500`,
/// `network`, `timeout`, `cors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Met {
    Http(u16),
    Network,
    Timeout,
    Cors,
    /// Forbidden by the page's Content Security Policy.
    Csp,
}

impl Met {
    pub fn of(a: &Answer) -> Met {
        match a {
            Answer::Http(r) => Met::Http(r.status),
            Answer::Network => Met::Network,
            Answer::Cors => Met::Cors,
            Answer::Blocked => Met::Csp,
            Answer::Ambiguous => Met::Timeout,
        }
    }

    pub fn code(self) -> String {
        match self {
            Met::Http(s) => format!("http:{s}"),
            Met::Network => "network".into(),
            Met::Timeout => "timeout".into(),
            Met::Cors => "cors".into(),
            Met::Csp => "csp".into(),
        }
    }

    pub fn parse(code: &str) -> Option<Met> {
        Some(match code {
            "network" => Met::Network,
            "timeout" => Met::Timeout,
            "cors" => Met::Cors,
            "csp" => Met::Csp,
            _ => Met::Http(code.strip_prefix("http:")?.parse().ok()?),
        })
    }
}

/// The next request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `GET` the record's URL: its last send may have landed.
    ReadBack(String),
    /// Send these records: one, or a batch.
    Send(Vec<String>),
}

/// The queued records, oldest first, from `records` given in
/// [`queue_order`] (the sync engine keeps its list so, sorting it once per
/// run and after each change it follows). Not sorted here: the wasm's
/// standard library, built for size, sorts without looking for runs, and
/// sorting 5,000 sorted records took 4 ms at each step of a run. Debug
/// builds (the host tests) check the order.
pub fn queue(records: &[Stored]) -> Vec<&Stored> {
    let q: Vec<&Stored> = records.iter().filter(|s| matches!(s.state, State::Queued { .. })).collect();
    debug_assert!(q.is_sorted_by(|a, b| queue_order(a, b).is_le()), "engine::queue: records not in queue order");
    q
}

/// The queue's order: oldest first, by id between equals.
pub fn queue_order(a: &Stored, b: &Stored) -> std::cmp::Ordering {
    (&a.record.created_at, &a.record.id).cmp(&(&b.record.created_at, &b.record.id))
}

fn due(s: &Stored, now_ms: u64) -> bool {
    match &s.state {
        // Due further off than any wait: the clock was set back; try now.
        State::Queued { retry, .. } => retry.as_ref().is_none_or(|r| r.at_ms <= now_ms || r.at_ms > now_ms + super::rules::MAX_WAIT_MS),
        _ => false,
    }
}


/// The next request for `queue` (oldest first), or `None` when nothing is
/// due now.
pub fn next(queue: &[&Stored], mode: Mode, readback: bool, now_ms: u64) -> Option<Step> {
    let first = queue.iter().find(|s| due(s, now_ms))?;
    let id = first.record.id.clone();
    if first.state.attempts() > 0 {
        return Some(if readback { Step::ReadBack(id) } else { Step::Send(vec![id]) });
    }
    Some(Step::Send(match mode {
        Mode::Batch(n) => queue
            .iter()
            .filter(|s| due(s, now_ms) && s.state.attempts() == 0)
            .take(usize::from(n.max(1)))
            .map(|s| s.record.id.clone())
            .collect(),
        Mode::Single | Mode::Put => vec![id],
    }))
}

/// When the earliest waiting record is due (ms since 1970), if one waits.
pub fn wake_at(queue: &[&Stored]) -> Option<u64> {
    queue
        .iter()
        .filter_map(|s| match &s.state {
            State::Queued { retry: Some(r), .. } => Some(r.at_ms),
            _ => None,
        })
        .min()
}

/// The state stored just before a send: one more attempt whose fate is
/// unknown until its answer.
pub fn before_send(st: &State) -> State {
    match st {
        State::Queued { attempts, retry } => State::Queued { attempts: attempts + 1, retry: retry.clone() },
        other => other.clone(),
    }
}

/// The state after `action`, taken on what the request `met` at `now_ms`.
/// A pause leaves the record due (it waits for the queue, not for itself).
pub fn after(st: &State, action: &Action, met: Met, now_ms: u64) -> State {
    let attempts = st.attempts();
    let wait = |after_ms: u64| State::Queued { attempts, retry: Some(Retry { at_ms: now_ms + after_ms, error: met.code() }) };
    match action {
        Action::Sent(receipt) => State::Sent { receipt: receipt.clone() },
        Action::Refused(reason) => State::Refused { reason: reason.clone(), conflict: false },
        Action::Conflict => State::Refused { reason: String::new(), conflict: true },
        Action::Retry { after_ms } => wait(*after_ms),
        Action::ReadBack | Action::Resend | Action::Pause(_) => wait(0),
    }
}

/// Whether the run goes on after `action` (no: the server is unwell, or
/// the queue is paused; the run resumes when the record is due).
pub fn goes_on(action: &Action) -> bool {
    !matches!(action, Action::Retry { .. } | Action::Pause(_))
}

/// The actions for the answer to a batch of `n` records, in order:
///
/// * 2xx with `{"results": [{"status", "receipt" | "problem"}…]}` (the
///   reference endpoint), one item per record: each item is judged alone;
/// * 2xx with an array of `n` items: each is its record's receipt;
/// * any other 2xx: all sent, with the answer's receipt;
/// * 400 / 413 / 422 for the whole batch: each record is tried again
///   alone (`attempts` went up, so it no longer joins a batch), so that one
///   bad record is found and refused without blocking the others;
/// * anything else: the rule for a single send, for each.
pub fn after_batch(a: &Answer, n: usize, t: Timing, jitter: f64, now_ms: i64, now: &str) -> Vec<Action> {
    let Answer::Http(r) = a else { return vec![after_send(a, 1, false, t, jitter, now_ms, now); n] };
    match r.status {
        200..=299 => {
            use crate::model::read::{raw_items, read, read_struct, Raw};
            struct Item {
                status: u16,
                receipt: Option<Raw>,
                problem: Option<Raw>,
            }
            read_struct!(Item { status: need, receipt: optional, problem: optional });
            struct Results {
                results: Vec<Item>,
            }
            read_struct!(Results { results: need });
            let item = |status: u16, body: &str| Response { status, body: body.to_string(), date: r.date.clone(), ..Response::default() };
            if let Ok(Results { results: res }) = read::<Results>(&r.body) {
                if res.len() == n {
                    return res
                        .iter()
                        .map(|i| {
                            let body = i.receipt.as_ref().or(i.problem.as_ref()).map_or("", |b| &b.0);
                            after_send(&Answer::Http(item(i.status, body)), 1, false, t, jitter, now_ms, now)
                        })
                        .collect();
                }
            }
            if let Ok(items) = raw_items(&r.body) {
                if items.len() == n {
                    return items.iter().map(|b| Action::Sent(receipt_of(&item(r.status, b), now))).collect();
                }
            }
            vec![Action::Sent(receipt_of(r, now)); n]
        }
        400 | 413 | 422 => vec![Action::Retry { after_ms: 0 }; n],
        _ => vec![after_send(a, 1, false, t, jitter, now_ms, now); n],
    }
}

/// One line of the sync log (the last [`LOG_MAX`] attempts are kept).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LogEntry {
    /// When, ms since 1970.
    pub at: u64,
    /// `POST`, `PUT` or `GET` (a read-back).
    pub method: String,
    /// The first record's id, and how many records the request carried.
    pub id: String,
    pub n: usize,
    /// What it met ([`Met::code`]).
    pub met: String,
    /// What was done ([`action_code`]).
    pub action: String,
}

crate::model::read::read_struct!(LogEntry { at: need, method: need, id: need, n: need, met: need, action: need });
crate::model::write::write_struct!(LogEntry { at, method, id, n, met, action });

pub const LOG_MAX: usize = 100;

/// Appends `e`, keeping the last [`LOG_MAX`].
pub fn log_push(log: &mut Vec<LogEntry>, e: LogEntry) {
    log.push(e);
    if log.len() > LOG_MAX {
        log.drain(..log.len() - LOG_MAX);
    }
}

/// A short code for an action, for the log: `sent`, `refused`, `conflict`,
/// `retry`, `read-back`, `resend`, `pause`.
pub fn action_code(a: &Action) -> &'static str {
    match a {
        Action::Sent(_) => "sent",
        Action::Refused(_) => "refused",
        Action::Conflict => "conflict",
        Action::Retry { .. } => "retry",
        Action::ReadBack => "read-back",
        Action::Resend => "resend",
        Action::Pause(_) => "pause",
    }
}

/// Local `HH:MM:SS` of `ms` for a zone `tz_offset_min` minutes behind UTC.
pub fn clock(ms: u64, tz_offset_min: i32) -> String {
    let s = (ms / 1000) as i64 - i64::from(tz_offset_min) * 60;
    let day = s.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", day / 3600, day / 60 % 60, day % 60)
}

/// A [`Met`] code in plain words.
pub fn met_text(t: &crate::i18n::Texts, code: &str) -> String {
    match Met::parse(code) {
        Some(Met::Http(s)) => crate::i18n::fill(t.met_http, &[("status", &s)]),
        Some(Met::Network) => t.met_network.into(),
        Some(Met::Timeout) => t.met_timeout.into(),
        Some(Met::Cors) => t.met_cors.into(),
        Some(Met::Csp) => t.met_csp.into(),
        None => code.into(),
    }
}

/// An [`action_code`] in plain words.
pub fn action_text(t: &crate::i18n::Texts, code: &str) -> &'static str {
    match code {
        "sent" => t.act_sent,
        "refused" => t.act_refused,
        "conflict" => t.act_conflict,
        "read-back" => t.act_read_back,
        "resend" => t.act_resend,
        "pause" => t.act_pause,
        _ => t.act_retry,
    }
}
