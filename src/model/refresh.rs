//! When downloaded or imported programme data replaces the current data
//! (pure: the browser side only fetches, stores and shows).
//!
//! * [`Meta`] — where the current data comes from ([`Origin`]), its content
//!   hash, the server's ETag and when it was stored.
//! * [`after_fetch`] / [`after_import`] — the decision, as an [`Outcome`]:
//!   nothing changed, replace (new data, parsed and fully validated), ask
//!   first (an older revision than the data held), or keep the current data
//!   and say why ([`Failure`], every problem with its path).
//! * Memory follows storage: [`Meta::saved`] is false while the data shown
//!   could not be stored; then the same content is stored again on the next
//!   download or import instead of being called « unchanged », and the
//!   download asks for the whole body (no `If-None-Match`).
//! * [`if_none_match`] and [`same_origin`] — how to ask: a same-origin URL is
//!   asked with `If-None-Match`; a cross-origin one without any custom header
//!   (which would force a CORS preflight), the browser revalidating with
//!   `cache: 'no-cache'`, and the body compared by hash.
//! * [`content_hash`] — FNV-1a 64 of the bytes. Not cryptographic: it detects
//!   change (and storage damage), it does not authenticate anything.

use super::dataset::EMBEDDED_JSON;
use super::{Dataset, Problem, ProblemKind};
use crate::i18n::{fill, Lang};
use std::sync::Arc;

/// Where the current data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The sample compiled into the app.
    Embedded,
    /// Downloaded from this URL (as the user typed it).
    Url(String),
    /// Imported from a file with this name.
    File(String),
}

/// What is known about the current data besides its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub origin: Origin,
    /// [`content_hash`] of the JSON text, 16 hex digits.
    pub hash: String,
    /// The server's `ETag` for this content, when it sent one.
    pub etag: Option<String>,
    /// When the data was stored here, in milliseconds since 1970 (0 for the
    /// embedded data).
    pub updated_at: u64,
    /// The data shown is the data stored (always true for stored and
    /// embedded data; false after a failed save). Never written.
    pub saved: bool,
}

impl Meta {
    /// The embedded sample's meta.
    pub fn embedded() -> Meta {
        Meta { origin: Origin::Embedded, hash: content_hash(EMBEDDED_JSON), etag: None, updated_at: 0, saved: true }
    }
}

/// FNV-1a, 64 bits, of the UTF-8 bytes, as 16 hex digits.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What the download of the data URL gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: the server's copy is the one we hold.
    NotModified,
    /// 2xx with this body (decoded as UTF-8; `None` when it was not UTF-8).
    Body { text: Option<String>, etag: Option<String> },
    /// Any other HTTP status.
    Http(u16),
    /// No answer (offline, DNS, refused, CORS refusal…), with the browser's words.
    Network(String),
    /// No byte came for the set time: the download was given up.
    TimedOut,
    /// The user cancelled the download.
    Cancelled,
    /// The body is larger than [`MAX_BYTES`]; it was not read to the end.
    TooLarge,
}

/// The largest programme data the app reads, downloaded or imported
/// (16 MiB; the embedded sample is 46 KB, 2,000 projects about 5 MB).
/// Checked before parsing: on the `Content-Length`, the bytes as they
/// arrive and the file's size.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Why the current data was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    Network(String),
    Http(u16),
    TimedOut,
    Cancelled,
    TooLarge,
    /// Every problem found, located by path.
    Invalid(Vec<Problem>),
}

/// The browser's words for a download the page's own Content Security
/// Policy forbade (`connect-src`): the deployment forbids this address.
pub const BLOCKED_BY_POLICY: &str = "csp";

impl Failure {
    /// One sentence in `lang` (the problems of `Invalid` are listed apart).
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            Failure::Network(why) if why == BLOCKED_BY_POLICY => t.data_err_blocked.to_string(),
            Failure::Network(_) => t.data_err_network.to_string(),
            Failure::Http(status) => fill(t.data_err_http, &[("status", status)]),
            Failure::TimedOut => t.data_err_timeout.to_string(),
            Failure::Cancelled => t.data_err_cancelled.to_string(),
            Failure::TooLarge => fill(t.data_err_too_large, &[("max", &(MAX_BYTES / (1024 * 1024)))]),
            Failure::Invalid(problems) => lang.plural(problems.len(), t.data_err_invalid_one, t.data_err_invalid_many),
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            Failure::Invalid(p) => p,
            _ => &[],
        }
    }
}

/// Data to store: its text as received and its meta.
#[derive(Debug, Clone, PartialEq)]
pub struct ToStore {
    pub meta: Meta,
    pub text: String,
}

/// The decision after a download or an import.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Same content as the current data. `resave`: the same content now
    /// comes from elsewhere (another URL, a new ETag), to store again so the
    /// next check can be conditional.
    Unchanged { resave: Option<ToStore> },
    /// New, valid data: show `dataset`, store `store`. (An `Arc`, as the
    /// app holds the data it shows and any it keeps for a retry.)
    Replaced { dataset: Arc<Dataset>, store: ToStore },
    /// Valid data with an older `revision` than the data held (`current`):
    /// replaced only if the user confirms.
    Older { dataset: Arc<Dataset>, store: ToStore, current: u32 },
    /// The current data stays.
    Kept(Failure),
}

/// The `If-None-Match` value for a download of `url`: the stored ETag, only
/// when the current data came from that very URL, is stored, and the URL is
/// same-origin (a custom header on a cross-origin GET forces a CORS
/// preflight).
pub fn if_none_match<'a>(current: &'a Meta, url: &str, same_origin: bool) -> Option<&'a str> {
    match &current.origin {
        Origin::Url(u) if same_origin && current.saved && u == url => current.etag.as_deref(),
        _ => None,
    }
}

/// Whether `url` (absolute, scheme-relative or relative, as typed) points at
/// `page_origin` (`scheme://host[:port]`, as `location.origin` gives it).
pub fn same_origin(url: &str, page_origin: &str) -> bool {
    let url = url.trim();
    if let Some(rest) = url.strip_prefix("//") {
        let scheme = page_origin.split("//").next().unwrap_or("");
        return same_origin(&format!("{scheme}//{rest}"), page_origin);
    }
    match url.find("://") {
        // No scheme: a path, relative to the page.
        None => match (url.find(':'), url.find('/')) {
            (Some(colon), Some(slash)) => colon > slash,
            (Some(_), None) => false,
            (None, _) => true,
        },
        Some(i) => {
            let end = url[i + 3..].find(['/', '?', '#']).map_or(url.len(), |j| i + 3 + j);
            url[..end].eq_ignore_ascii_case(page_origin)
        }
    }
}

/// The decision after downloading `url` at time `now` (ms); `revision` is
/// the revision of the data held.
pub fn after_fetch(current: &Meta, revision: u32, url: &str, fetched: Fetched, now: u64) -> Outcome {
    match fetched {
        Fetched::NotModified => Outcome::Unchanged { resave: None },
        Fetched::Http(status) => Outcome::Kept(Failure::Http(status)),
        Fetched::Network(why) => Outcome::Kept(Failure::Network(why)),
        Fetched::TimedOut => Outcome::Kept(Failure::TimedOut),
        Fetched::Cancelled => Outcome::Kept(Failure::Cancelled),
        Fetched::TooLarge => Outcome::Kept(Failure::TooLarge),
        Fetched::Body { text, etag } => decide(current, revision, Origin::Url(url.to_string()), text, etag, now),
    }
}

/// The decision after reading the file `name` (`None`: not UTF-8 text).
pub fn after_import(current: &Meta, revision: u32, name: &str, text: Option<String>, now: u64) -> Outcome {
    decide(current, revision, Origin::File(name.to_string()), text, None, now)
}

fn decide(current: &Meta, revision: u32, origin: Origin, text: Option<String>, etag: Option<String>, now: u64) -> Outcome {
    let Some(text) = text else {
        return Outcome::Kept(Failure::Invalid(vec![Problem::new(
            String::new(),
            ProblemKind::Syntax,
            crate::i18n::msg!(v_not_utf8),
            Vec::new(),
        )]));
    };
    if text.len() as u64 > MAX_BYTES {
        return Outcome::Kept(Failure::TooLarge);
    }
    let store = ToStore { meta: Meta { origin, hash: content_hash(&text), etag, updated_at: now, saved: true }, text };
    let new = &store.meta;
    if new.hash == current.hash {
        let moved = new.origin != current.origin || (new.etag.is_some() && new.etag != current.etag);
        return Outcome::Unchanged { resave: (moved || !current.saved).then_some(store) };
    }
    match Dataset::from_json_validated(&store.text) {
        // The embedded sample is no lineage of real data: any revision
        // replaces it.
        Ok(ds) if ds.revision < revision && current.origin != Origin::Embedded => {
            Outcome::Older { dataset: Arc::new(ds), store, current: revision }
        }
        Ok(ds) => Outcome::Replaced { dataset: Arc::new(ds), store },
        Err(problems) => Outcome::Kept(Failure::Invalid(problems)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_known_values() {
        assert_eq!(content_hash(""), "cbf29ce484222325");
        assert_eq!(content_hash("a"), "af63dc4c8601ec8c");
        assert_eq!(content_hash("foobar"), "85944171f73967e8");
    }

    #[test]
    fn origins() {
        let o = "http://127.0.0.1:8080";
        assert!(same_origin("/api/dataset", o));
        assert!(same_origin("api/dataset", o));
        assert!(same_origin("http://127.0.0.1:8080/api/dataset", o));
        assert!(same_origin("HTTP://127.0.0.1:8080", o));
        assert!(same_origin("//127.0.0.1:8080/x", o));
        assert!(!same_origin("http://127.0.0.1:8081/api/dataset", o));
        assert!(!same_origin("https://127.0.0.1:8080/api/dataset", o));
        assert!(!same_origin("//example.org/d.json", o));
        assert!(!same_origin("http://127.0.0.1:8080.evil.org/d.json", o));
        assert!(!same_origin("data:application/json,{}", o));
        assert!(!same_origin("mailto:x", o));
    }
}
