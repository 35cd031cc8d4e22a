//! The device lock (issue #14), its pure part: the text format of sealed
//! values ([`envelope`]), the stored lock record and its parameters
//! ([`params`]), and a [`Store`](crate::storage::Store) that seals the
//! values of chosen key prefixes with any [`Cipher`] ([`sealed`]). The
//! cipher itself is WebCrypto (`ui::lock`), behind the trait, so all of
//! this is tested on the host with a fake one.

pub mod envelope;
pub mod params;
pub mod sealed;

pub use sealed::{open_all, seal_all, Cipher, SealedStore};

use crate::i18n::Msg;
use params::RecordProblem;

/// Where the lock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No lock on this device.
    Off,
    /// On, and closed: the journal cannot be read.
    Locked,
    /// On, and open.
    Open,
}

/// What the last lock action said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A wrong secret (`tries` in a row; 0: not counted, in Settings).
    Wrong { tries: u32 },
    /// Too many tries: wait this long.
    Wait { ms: u64 },
    /// A new secret breaks a rule.
    Problem(Msg),
    /// « J'ai compris » not ticked.
    Understand,
    /// The stored lock record is not one this app can use.
    Unreadable(RecordProblem),
    /// Storage refused: nothing changed.
    Store,
    Enabled,
    Disabled { unopened: usize },
    Changed,
}
