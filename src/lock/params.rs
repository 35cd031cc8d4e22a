//! The lock record kept beside the data (`paix.lock` in localStorage):
//! how the key is derived from the PIN or passphrase, and the data key
//! sealed with it. Versioned, and its parameters checked, so the work
//! factor can grow and a tampered record is refused rather than used.

use crate::i18n::{msg, Msg};
use serde::{Deserialize, Serialize};

/// The key derivation this version uses.
pub const KDF: &str = "PBKDF2-SHA-256";
/// The fewest PBKDF2 iterations accepted (OWASP's figure for SHA-256).
pub const MIN_ITERATIONS: u32 = 600_000;
/// The most accepted (a record asking for more would freeze the phone).
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Base64 length of the 16-byte salt.
pub const SALT_B64: usize = 24;
/// The fewest digits of a PIN.
pub const MIN_PIN: usize = 6;
/// The fewest characters of a passphrase.
pub const MIN_PASSPHRASE: usize = 12;
/// Wrong attempts allowed before each further one waits.
pub const FREE_ATTEMPTS: u32 = 5;
/// Idle minutes before the lock closes, by default.
pub const DEFAULT_IDLE_MIN: u32 = 5;

/// What the user types to unlock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Secret {
    Pin,
    Passphrase,
}

/// The stored lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockRecord {
    /// Format of this record (1).
    pub v: u32,
    pub secret: Secret,
    pub kdf: String,
    pub iterations: u32,
    /// Random, base64.
    pub salt: String,
    /// The AES-GCM data key (raw, 32 bytes) sealed with the derived key:
    /// an [`super::envelope`] text.
    pub key: String,
    /// Minutes without a touch before it locks.
    pub idle_min: u32,
}

/// Why a stored lock record cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordProblem {
    /// Written by a newer app: update.
    Newer,
    /// Not what this version writes (altered, or cut).
    Invalid,
}

impl Secret {
    /// As stored, in the order of the variants.
    const SLUGS: &'static [&'static str] = &["pin", "passphrase"];
}

impl crate::model::read::Read for Secret {
    fn read(r: &mut crate::model::read::Reader) -> crate::model::read::Res<Self> {
        r.variant(Secret::SLUGS).map(|k| [Secret::Pin, Secret::Passphrase][k])
    }
}

crate::model::read::read_struct!(LockRecord {
    v: need,
    secret: need,
    kdf: need,
    iterations: need,
    salt: need,
    key: need,
    idle_min: need,
});

impl crate::model::write::Write for Secret {
    fn write(&self, out: &mut String) {
        crate::model::write::string(Secret::SLUGS[*self as usize], out)
    }
}

crate::model::write::write_struct!(LockRecord { v, secret, kdf, iterations, salt, key, idle_min });

impl LockRecord {
    /// A new record's fields other than the salt and the sealed key.
    pub fn new(secret: Secret, salt: String, key: String) -> LockRecord {
        LockRecord { v: 1, secret, kdf: KDF.into(), iterations: MIN_ITERATIONS, salt, key, idle_min: DEFAULT_IDLE_MIN }
    }

    /// Reads and checks a stored record. (A newer version that only adds
    /// fields reads, and is told by `v`; one that changes them does not
    /// read and is refused as invalid: the same message either way.)
    pub fn parse(text: &str) -> Result<LockRecord, RecordProblem> {
        let r: LockRecord = crate::model::read::read(text).map_err(|_| RecordProblem::Invalid)?;
        if r.v > 1 {
            return Err(RecordProblem::Newer);
        }
        let salt_ok = r.salt.len() == SALT_B64 && r.salt.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b));
        let ok = r.v == 1
            && r.kdf == KDF
            && (MIN_ITERATIONS..=MAX_ITERATIONS).contains(&r.iterations)
            && salt_ok
            && super::envelope::parse(&r.key).is_ok()
            && (1..=240).contains(&r.idle_min);
        if ok {
            Ok(r)
        } else {
            Err(RecordProblem::Invalid)
        }
    }

    pub fn to_json(&self) -> String {
        crate::model::write::to_json(self)
    }
}

/// Why a new PIN or passphrase is refused, if it is.
pub fn secret_problem(kind: Secret, secret: &str, confirm: &str) -> Option<Msg> {
    let n = secret.chars().count();
    let problem = match kind {
        Secret::Pin if n < MIN_PIN || !secret.chars().all(|c| c.is_ascii_digit()) => Some(msg!(lock_err_pin)),
        Secret::Passphrase if n < MIN_PASSPHRASE || secret.trim() != secret => Some(msg!(lock_err_passphrase)),
        _ => None,
    };
    problem.or_else(|| (secret != confirm).then_some(msg!(lock_err_confirm)))
}

/// How long the next attempt must wait after `failures` wrong ones in a
/// row: nothing for the first five, then 30 s doubling to an hour.
pub fn wait_ms(failures: u32) -> u64 {
    match failures.checked_sub(FREE_ATTEMPTS) {
        None => 0,
        Some(extra) => (30_000u64 << extra.min(7)).min(3_600_000),
    }
}

/// Whether the lock is due to close: `idle_min` minutes without a touch.
pub fn idle_due(last_touch_ms: f64, now_ms: f64, idle_min: u32) -> bool {
    now_ms - last_touch_ms >= f64::from(idle_min) * 60_000.0
}
