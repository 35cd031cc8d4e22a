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
