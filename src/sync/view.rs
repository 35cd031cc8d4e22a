//! What the user sees of the sync (pure): the run's progress and pause,
//! and the verdict of « Tester la connexion ».

use super::rules::Pause;

/// The engine as shown: progress, pause, next wake, last run, clock skew.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    /// A run holds the lock and is sending.
    pub running: bool,
    /// Requests answered and records queued when the run started.
    pub done: usize,
    pub total: usize,
    /// The queue waits for the user.
    pub pause: Option<Pause>,
    /// When a waiting record is next due (ms since 1970).
    pub wake_at: Option<u64>,
    /// When the last run ended (ms since 1970; 0: never).
    pub last_ms: u64,
    /// The device's clock minus the server's, in seconds, when past the
    /// warning threshold.
    pub skew_s: Option<i64>,
}

impl Pause {
    pub fn code(self) -> &'static str {
        match self {
            Pause::Credentials => "credentials",
            Pause::Address => "address",
            Pause::Cors => "cors",
            Pause::Policy => "policy",
        }
    }

    pub fn parse(code: &str) -> Option<Pause> {
        [Pause::Credentials, Pause::Address, Pause::Cors, Pause::Policy].into_iter().find(|p| p.code() == code)
    }
}

/// What « Tester la connexion » found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    Running,
    Offline,
    Ok(u16),
    Credentials(u16),
    Address(u16),
    Other(u16),
    /// The server answers simple requests, but its preflight refuses these
    /// headers.
    Headers(Vec<String>),
    /// The server is there (an opaque `no-cors` answer) but allows no CORS.
    Cors,
    /// No answer at all: network, DNS, TLS, server down.
    Network,
    /// The app's own server forbids this address (CSP `connect-src`).
    Blocked,
}

/// What the probes of the test met: the status of `HEAD {endpoint}` with
/// every header the app sends (`None`: no answer the page could read);
/// whether the same request without custom headers was answered; the
/// custom headers that, alone, made it fail; whether a `no-cors` request
/// was answered (opaquely).
pub fn judge(full: Option<u16>, simple: bool, refused: Vec<String>, opaque: bool) -> Test {
    match full {
        Some(s @ (200..=299 | 405)) => Test::Ok(s),
        Some(s @ (401 | 403)) => Test::Credentials(s),
        Some(s @ (300..=399 | 404 | 410)) => Test::Address(s),
        Some(s) => Test::Other(s),
        None if simple => Test::Headers(refused),
        None if opaque => Test::Cors,
        None => Test::Network,
    }
}
