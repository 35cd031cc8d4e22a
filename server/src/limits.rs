//! What one client may take of the server: the numbers ([`Limits`]), the
//! write-rate buckets ([`WriteLimiter`]) and the request timeout
//! ([`request_timeout`]). The connection cap and the idle timeout act on
//! the connections themselves ([`crate::conn`]).

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::problem::Problem;

/// Connections served at once when neither `--max-connections` nor
/// `PAIX_MAX_CONNECTIONS` is given.
pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
/// Seconds without a byte either way before a connection is closed.
pub const DEFAULT_IDLE_TIMEOUT: u64 = 60;
/// Seconds for a whole request: receiving its body and answering.
pub const DEFAULT_REQUEST_TIMEOUT: u64 = 300;
/// Write requests a minute for each token.
pub const DEFAULT_WRITE_RATE: u32 = 600;
/// An import (up to 16 MiB, about 9 minutes at 2G's 30 KB/s) gets this many
/// request timeouts.
pub const IMPORT_TIMEOUT_FACTOR: u32 = 6;
/// An address may send this many times a token's rate (several phones
/// behind one NAT), and its bursts are as many times larger.
pub const PEER_FACTOR: u32 = 10;
/// Most tokens, and most addresses, whose buckets are remembered at once.
pub const MAX_TRACKED_KEYS: usize = 10_000;

/// The limits of a server instance (each instance counts on its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Connections served at once; more wait in the kernel's backlog.
    pub max_connections: usize,
    /// A connection with no byte read or written for this long is closed
    /// (while the server itself works on a request, the clock stops).
    pub idle_timeout: Duration,
    /// A request must be received and answered within this
    /// (`POST /api/activities/import`: [`IMPORT_TIMEOUT_FACTOR`] times it).
    pub request_timeout: Duration,
    /// Write requests a minute for each token; 0: no limit.
    pub write_rate: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: DEFAULT_MAX_CONNECTIONS,
            idle_timeout: Duration::from_secs(DEFAULT_IDLE_TIMEOUT),
            request_timeout: Duration::from_secs(DEFAULT_REQUEST_TIMEOUT),
            write_rate: DEFAULT_WRITE_RATE,
        }
    }
}

// ----------------------------------------------------------- write rate ---

/// Keyed GCRA (the "generic cell rate algorithm", a token bucket kept as a
/// single time per key): a key conforms while its theoretical arrival time
/// is at most `tolerance` ahead of now; each request pushes it `interval`
/// further. A key whose time has passed has a full bucket again and is
/// forgotten first when the table is full.
#[derive(Debug)]
struct Gcra<K> {
    interval: Duration,
    tolerance: Duration,
    arrivals: HashMap<K, Instant>,
}

impl<K: Hash + Eq + Clone> Gcra<K> {
    /// `per_minute` requests a minute, up to `burst` at once.
    fn new(per_minute: u32, burst: u32) -> Gcra<K> {
        let interval = Duration::from_secs(60) / per_minute.max(1);
        Gcra {
            interval,
            tolerance: interval * (burst.max(1) - 1),
            arrivals: HashMap::new(),
        }
    }

    /// How long `key` must wait before its next request conforms (zero: now).
    fn wait(&self, key: &K, now: Instant) -> Duration {
        let arrival = self.arrivals.get(key).map_or(now, |t| (*t).max(now));
        (arrival - now).saturating_sub(self.tolerance)
    }

    /// Counts one request of `key` (which conforms).
    fn take(&mut self, key: K, now: Instant) {
        let arrival = self.arrivals.get(&key).map_or(now, |t| (*t).max(now)) + self.interval;
        if !self.arrivals.contains_key(&key) && self.arrivals.len() >= MAX_TRACKED_KEYS {
            self.arrivals.retain(|_, t| *t > now);
            if self.arrivals.len() >= MAX_TRACKED_KEYS {
                // All busy: the one closest to a full bucket goes (it gets
                // a little more than its share; the table stays bounded).
                let earliest = self
                    .arrivals
                    .iter()
                    .min_by_key(|(_, t)| **t)
                    .map(|(k, _)| k.clone());
                if let Some(earliest) = earliest {
                    self.arrivals.remove(&earliest);
                }
            }
        }
        self.arrivals.insert(key, arrival);
    }
}

/// Why a write was refused: how long to wait, and whose bucket is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Throttled {
    pub wait: Duration,
    /// `true`: the address's bucket; `false`: the token's.
    pub by_peer: bool,
}

/// The write-rate limit of one server instance: a bucket per token label
/// (N a minute, bursts of N/5) and one per peer address (10 × both), each
/// table holding at most [`MAX_TRACKED_KEYS`] keys.
#[derive(Debug)]
pub struct WriteLimiter {
    rate: u32,
    buckets: Option<Mutex<(Gcra<String>, Gcra<IpAddr>)>>,
}

impl WriteLimiter {
    /// `rate` write requests a minute per token; 0: no limit.
    pub fn new(rate: u32) -> WriteLimiter {
        let burst = WriteLimiter::burst_of(rate);
        let buckets = (rate > 0).then(|| {
            Mutex::new((
                Gcra::new(rate, burst),
                Gcra::new(
                    rate.saturating_mul(PEER_FACTOR),
                    burst.saturating_mul(PEER_FACTOR),
                ),
            ))
        });
        WriteLimiter { rate, buckets }
    }

    /// A token's burst: a fifth of its rate a minute, at least 1.
    pub fn burst_of(rate: u32) -> u32 {
        (rate / 5).max(1)
    }

    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Counts one write of `label` (a known token) from `peer`, or says how
    /// long to wait. Nothing is counted for a refused write; either key may
    /// be missing (no token; no address known), then only the other counts.
    pub fn check(
        &self,
        label: Option<&str>,
        peer: Option<IpAddr>,
        now: Instant,
    ) -> Result<(), Throttled> {
        let Some(buckets) = &self.buckets else {
            return Ok(());
        };
        let mut guard = buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (tokens, peers) = &mut *guard;
        let peer = peer.map(peer_key);
        let by_token = label.map_or(Duration::ZERO, |l| tokens.wait(&l.to_string(), now));
        let by_peer = peer.map_or(Duration::ZERO, |p| peers.wait(&p, now));
        if by_token.is_zero() && by_peer.is_zero() {
            if let Some(label) = label {
                tokens.take(label.to_string(), now);
            }
            if let Some(peer) = peer {
                peers.take(peer, now);
            }
            Ok(())
        } else {
            Err(Throttled {
                wait: by_token.max(by_peer),
                by_peer: by_peer > by_token,
            })
        }
    }
}

/// The key of an address: IPv4 as is, IPv6 by its /64 (one subscriber's
/// prefix: a client could otherwise take a new address for each request).
fn peer_key(addr: IpAddr) -> IpAddr {
    match addr.to_canonical() {
        IpAddr::V6(v6) => {
            let mut octets = v6.octets();
            octets[8..].fill(0);
            IpAddr::from(octets)
        }
        v4 => v4,
    }
}

/// Whole seconds to announce in `Retry-After`: rounded up, at least 1.
pub fn retry_after_seconds(wait: Duration) -> u32 {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    u32::try_from(seconds).unwrap_or(u32::MAX).max(1)
}

/// The 429 of a refused write.
pub fn too_many_requests(limiter: &WriteLimiter, throttled: &Throttled) -> Problem {
    let seconds = retry_after_seconds(throttled.wait);
    let rate = limiter.rate();
    let burst = WriteLimiter::burst_of(rate);
    let (who, rate, burst) = if throttled.by_peer {
        (
            "this network address",
            rate.saturating_mul(PEER_FACTOR),
            burst.saturating_mul(PEER_FACTOR),
        )
    } else {
        ("this token", rate, burst)
    };
    let unit = if seconds == 1 { "second" } else { "seconds" };
    Problem::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too-many-requests",
        "Too many requests",
        format!(
            "This server takes at most {rate} write requests a minute from {who} (bursts of \
             up to {burst}). Nothing was stored by this request; send it again in {seconds} \
             {unit} (see Retry-After)."
        ),
    )
    .retry_after(seconds)
}

// ------------------------------------------------------ request timeout ---

/// How long a request may take: `base`, or [`IMPORT_TIMEOUT_FACTOR`] times
/// it for an import.
pub fn request_deadline(method: &Method, path: &str, base: Duration) -> Duration {
    if method == Method::POST && path == "/api/activities/import" {
        base.saturating_mul(IMPORT_TIMEOUT_FACTOR)
    } else {
        base
    }
}

/// Answers 408 (and closes the connection) when a request is not received
/// and answered in time ([`request_deadline`]). The time counts until the
/// answer's head is ready; sending a long answer (the CSV) is watched by
/// the idle timeout instead.
///
/// Writes: the handler is dropped where it stands. Before the database
/// commit, its transaction is rolled back (sqlx rolls back a dropped
/// transaction), so nothing is stored. If the timeout fires after the
/// commit (or while the commit is on its way), the record is stored but the
/// client gets this 408; it sends the request again with the same
/// Idempotency-Key (or, in a batch or an import, the same record ids), the
/// store finds the row with the same fingerprint (`store::decide`) and
/// answers `Outcome::Replayed` with the first receipt (same server id and
/// time): no duplicate row. (An import sent again counts such records as
/// `already_present` rather than `inserted`.)
pub async fn request_timeout(
    State(base): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let limit = request_deadline(request.method(), request.uri().path(), base);
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => timed_out(limit),
    }
}

fn timed_out(limit: Duration) -> Response {
    let seconds = limit.as_secs();
    let unit = if seconds == 1 { "second" } else { "seconds" };
    let mut response = Problem::new(
        StatusCode::REQUEST_TIMEOUT,
        "request-timeout",
        "The request took too long",
        format!(
            "This server receives and answers a request within {seconds} {unit}; this one \
             took longer (its body came too slowly, or the server was too busy) and was \
             stopped. Send it again, with the same Idempotency-Key: a record already stored \
             is answered with its receipt, never stored twice."
        ),
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_then_one_per_interval() {
        // 60 a minute: one a second, bursts of 12.
        let limiter = WriteLimiter::new(60);
        let start = Instant::now();
        for i in 0..12 {
            assert_eq!(limiter.check(Some("a"), None, start), Ok(()), "request {i}");
        }
        let refused = limiter.check(Some("a"), None, start).unwrap_err();
        assert_eq!(refused.wait, Duration::from_secs(1));
        assert!(!refused.by_peer);
        assert_eq!(retry_after_seconds(refused.wait), 1);
        // Another token has its own bucket; a refusal counted nothing.
        assert_eq!(limiter.check(Some("b"), None, start), Ok(()));
        let later = start + Duration::from_millis(999);
        assert!(limiter.check(Some("a"), None, later).is_err());
        let later = start + Duration::from_secs(1);
        assert_eq!(limiter.check(Some("a"), None, later), Ok(()));
        assert!(limiter.check(Some("a"), None, later).is_err());
        // A minute later the bucket is full again.
        let much_later = start + Duration::from_secs(60);
        for _ in 0..12 {
            assert_eq!(limiter.check(Some("a"), None, much_later), Ok(()));
        }
    }

    #[test]
    fn addresses_get_ten_times_and_both_must_conform() {
        // 5 a minute: a token bursts 1; an address 50 a minute, bursts 10.
        let limiter = WriteLimiter::new(5);
        let now = Instant::now();
        let peer: IpAddr = "192.0.2.7".parse().unwrap();
        for i in 0..10 {
            assert_eq!(limiter.check(None, Some(peer), now), Ok(()), "request {i}");
        }
        let refused = limiter.check(None, Some(peer), now).unwrap_err();
        assert!(refused.by_peer);
        assert_eq!(refused.wait, Duration::from_millis(1200));
        assert_eq!(retry_after_seconds(refused.wait), 2);
        // The token's bucket is full, the address's is not: refused, and
        // the token's request was not counted.
        assert!(limiter.check(Some("t"), Some(peer), now).is_err());
        let other: IpAddr = "192.0.2.8".parse().unwrap();
        assert_eq!(limiter.check(Some("t"), Some(other), now), Ok(()));
        let refused = limiter.check(Some("t"), Some(other), now).unwrap_err();
        assert!(!refused.by_peer);
        assert_eq!(refused.wait, Duration::from_secs(12));
    }

    #[test]
    fn off_and_ipv6_prefixes() {
        let off = WriteLimiter::new(0);
        let now = Instant::now();
        for _ in 0..10_000 {
            assert_eq!(off.check(Some("a"), None, now), Ok(()));
        }
        let limiter = WriteLimiter::new(5);
        for i in 0..10u16 {
            let addr = IpAddr::from([0x2001, 0xdb8, 0, 1, 0, 0, 0, i]);
            assert_eq!(limiter.check(None, Some(addr), now), Ok(()));
        }
        let same_prefix = IpAddr::from([0x2001, 0xdb8, 0, 1, 9, 9, 9, 9]);
        assert!(limiter.check(None, Some(same_prefix), now).is_err());
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(peer_key(mapped), "192.0.2.1".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn the_tables_stay_bounded() {
        let limiter = WriteLimiter::new(5);
        let now = Instant::now();
        for i in 0..(MAX_TRACKED_KEYS + 50) {
            let label = format!("t{i}");
            assert_eq!(limiter.check(Some(&label), None, now), Ok(()));
        }
        let guard = limiter.buckets.as_ref().unwrap().lock().unwrap();
        assert_eq!(guard.0.arrivals.len(), MAX_TRACKED_KEYS);
        drop(guard);
        // Once their buckets are full again, old keys make room at once.
        let later = now + Duration::from_secs(13);
        assert_eq!(limiter.check(Some("new"), None, later), Ok(()));
        let guard = limiter.buckets.as_ref().unwrap().lock().unwrap();
        assert_eq!(guard.0.arrivals.len(), 1);
    }

    #[test]
    fn retry_after_is_whole_seconds_at_least_one() {
        assert_eq!(retry_after_seconds(Duration::ZERO), 1);
        assert_eq!(retry_after_seconds(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_seconds(Duration::from_millis(1001)), 2);
        assert_eq!(retry_after_seconds(Duration::from_secs(12)), 12);
    }

    #[test]
    fn imports_get_six_times_the_timeout() {
        let base = Duration::from_secs(300);
        let import = request_deadline(&Method::POST, "/api/activities/import", base);
        assert_eq!(import, Duration::from_secs(1800));
        assert_eq!(
            request_deadline(&Method::POST, "/api/activities", base),
            base
        );
        assert_eq!(
            request_deadline(&Method::GET, "/api/activities/import", base),
            base
        );
    }
}
