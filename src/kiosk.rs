//! Ceremony tablets (pure): kiosk mode's rules and settings, and the
//! « lien public » from which project QR codes are built.
//!
//! * Kiosk mode is on while a kiosk PIN record is stored ([`PIN_KEY`], a
//!   [`LockRecord`] whose sealed key only proves the PIN: nothing is
//!   encrypted with it). It shows only the browsing pages ([`allows`]) and
//!   goes back to the map after [`KioskSettings::idle_s`] without a touch,
//!   with a countdown over the last [`COUNTDOWN_S`] seconds ([`idle_step`]).
//! * A QR code is shown only for a public base URL known to serve the same
//!   dataset as this device: its content hash checked online
//!   (`{base}/api/dataset`), or confirmed by the person setting up the
//!   kiosk. Either way the hash of the data at that moment is kept, so new
//!   data hides the QR codes until the link is checked again ([`qr_base`]).

use crate::i18n::{msg, Msg};
use crate::lock::params::LockRecord;
use crate::model::refresh::content_hash;
use crate::pages::route::Page;
use serde::{Deserialize, Serialize};

/// localStorage key of the kiosk settings (idle time, public link).
pub const SETTINGS_KEY: &str = "paix.kiosk.settings";
/// localStorage key of the kiosk PIN record; kiosk mode is on while it exists.
pub const PIN_KEY: &str = "paix.kiosk.pin";
pub const DEFAULT_IDLE_S: u32 = 90;
pub const MIN_IDLE_S: u32 = 20;
pub const MAX_IDLE_S: u32 = 3600;
/// The last seconds of the idle time, counted down on screen.
pub const COUNTDOWN_S: u32 = 10;

/// How the public link was found to serve the same data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verified {
    /// Its `/api/dataset` had the same content hash.
    Checked,
    /// The person setting up the kiosk said so.
    Confirmed,
}

/// The public base URL and the data it was verified against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicLink {
    pub base: String,
    /// Content hash of this device's data when the link was verified.
    pub hash: String,
    pub how: Verified,
}

fn default_idle() -> u32 {
    DEFAULT_IDLE_S
}

/// `idle_s` read, or its default.
fn idle_or_default(v: Option<u32>) -> u32 {
    v.unwrap_or(DEFAULT_IDLE_S)
}

impl Verified {
    /// As stored, in the order of the variants.
    const SLUGS: &'static [&'static str] = &["checked", "confirmed"];
}

impl crate::model::read::Read for Verified {
    fn read(r: &mut crate::model::read::Reader) -> crate::model::read::Res<Self> {
        r.variant(Verified::SLUGS).map(|k| [Verified::Checked, Verified::Confirmed][k])
    }
}
crate::model::read::read_struct!(PublicLink { base: need, hash: need, how: need });
crate::model::read::read_struct!(KioskSettings { idle_s: idle_or_default, public: optional });

impl crate::model::write::Write for Verified {
    fn write(&self, out: &mut String) {
        crate::model::write::string(Verified::SLUGS[*self as usize], out)
    }
}
crate::model::write::write_struct!(PublicLink { base, hash, how });
crate::model::write::write_struct!(KioskSettings { idle_s, public: skip });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskSettings {
    #[serde(default = "default_idle")]
    pub idle_s: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<PublicLink>,
}

impl Default for KioskSettings {
    fn default() -> Self {
        KioskSettings { idle_s: DEFAULT_IDLE_S, public: None }
    }
}

impl KioskSettings {
    /// The stored settings; defaults for a missing or unreadable value, the
    /// idle time brought into its range.
    pub fn parse(text: Option<&str>) -> KioskSettings {
        let mut s: KioskSettings = text.and_then(|t| crate::model::read::read(t).ok()).unwrap_or_default();
        s.idle_s = s.idle_s.clamp(MIN_IDLE_S, MAX_IDLE_S);
        if s.public.as_ref().is_some_and(|p| base_url(&p.base).as_deref() != Ok(p.base.as_str())) {
            s.public = None;
        }
        s
    }

    pub fn to_json(&self) -> String {
        crate::model::write::to_json(self)
    }
}

/// The stored kiosk PIN record, when kiosk mode is on and it reads.
pub fn pin_record(text: Option<&str>) -> Option<LockRecord> {
    text.and_then(|t| LockRecord::parse(t).ok())
}

/// Pages a kiosk shows: the browsing and reporting pages; not the journal,
/// the settings (sync included).
pub fn allows(page: &Page) -> bool {
    !matches!(page, Page::Settings | Page::Journal | Page::JournalNew | Page::JournalRecord(_))
}

/// Where the idle timer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idle {
    Active,
    /// Seconds left before going back to the map.
    Countdown(u32),
    /// Back to the map now.
    Reset,
}

/// The idle state `elapsed_ms` after the last touch.
pub fn idle_step(elapsed_ms: f64, idle_s: u32) -> Idle {
    let idle_ms = f64::from(idle_s) * 1000.0;
    if elapsed_ms >= idle_ms {
        Idle::Reset
    } else if elapsed_ms >= idle_ms - f64::from(COUNTDOWN_S.min(idle_s)) * 1000.0 {
        Idle::Countdown(((idle_ms - elapsed_ms) / 1000.0).ceil() as u32)
    } else {
        Idle::Active
    }
}

/// The idle time typed in Settings, in seconds.
pub fn idle_seconds(text: &str) -> Result<u32, Msg> {
    match text.trim().parse::<u32>() {
        Ok(n) if (MIN_IDLE_S..=MAX_IDLE_S).contains(&n) => Ok(n),
        _ => Err(msg!(kiosk_err_idle)),
    }
}

/// A public base URL as typed, normalised (`https://host[:port][/path]`,
/// no trailing slash, no query or fragment), or why it is refused.
/// `http://` is accepted for this device only (tests, a laptop's preview).
pub fn base_url(text: &str) -> Result<String, Msg> {
    let t = text.trim().trim_end_matches('/');
    let rest = t.strip_prefix("https://").or_else(|| t.strip_prefix("http://").filter(|r| is_loopback(r)));
    let Some(rest) = rest else { return Err(msg!(kiosk_err_base)) };
    let host = rest.split('/').next().unwrap_or("");
    let clean = |c: char| c.is_ascii_alphanumeric() || "-._~/:[]%".contains(c);
    if host.is_empty() || host.contains('@') || !rest.chars().all(clean) {
        return Err(msg!(kiosk_err_base));
    }
    Ok(t.to_string())
}

fn is_loopback(rest: &str) -> bool {
    let host = rest.split('/').next().unwrap_or("");
    let name = host.rsplit_once(':').map_or(host, |(h, p)| if p.bytes().all(|b| b.is_ascii_digit()) { h } else { host });
    matches!(name, "localhost" | "127.0.0.1" | "[::1]")
}

/// A project's public URL.
pub fn project_url(base: &str, id: &str) -> String {
    format!("{base}/projects/{}", crate::model::search::percent_encode(id))
}

/// Where a public link's data is read to check it.
pub fn dataset_url(base: &str) -> String {
    format!("{base}/api/dataset")
}

/// What reading `{base}/api/dataset` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The same data: QR codes may be shown.
    Same,
    /// Other data: they must not be.
    Different,
    /// No answer, or no dataset there: only the person can confirm.
    Unknown,
}

pub fn judge_check(status: Option<u16>, body: &str, current_hash: &str) -> Check {
    match status {
        Some(200) if content_hash(body) == current_hash => Check::Same,
        Some(200) => Check::Different,
        _ => Check::Unknown,
    }
}

/// The base to build QR codes on: only while the data shown is the data
/// the link was verified against.
pub fn qr_base<'a>(s: &'a KioskSettings, current_hash: &str) -> Option<&'a str> {
    s.public.as_ref().filter(|p| p.hash == current_hash).map(|p| p.base.as_str())
}
