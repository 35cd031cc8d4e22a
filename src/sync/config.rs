//! The sync settings and the configuration link (pure).
//!
//! An M&E officer sets up many phones from one link:
//! `/settings/sync#endpoint=…&mode=…&header=…&value=…&readback=…`. The values
//! travel in the fragment, which the browser never sends to a server; every
//! setting may appear, absent ones keep their defaults. [`from_fragment`]
//! reads it (every problem at once), [`to_fragment`] writes one (the secret
//! value only when asked).

use crate::i18n::{msg, Arg, Msg};

/// How records are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One record per `POST` (works with any collection).
    Single,
    /// Batches of this many records in one `POST` (endpoints that take an array).
    Batch(u16),
    /// `PUT {endpoint}/{id}`, idempotent by design (CouchDB- or Firebase-style stores).
    Put,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub endpoint: String,
    /// An optional auth header: name and value (`Authorization`, `Bearer …`).
    pub header: Option<(String, String)>,
    pub mode: Mode,
    /// A record URL template for read-back, with `{endpoint}` and `{id}`.
    pub readback: Option<String>,
    /// Send `Idempotency-Key` (on by default; some stores refuse unknown headers).
    pub send_key: bool,
    pub timeout_s: u32,
    pub backoff_cap_s: u32,
    pub interval_s: u32,
}

impl Settings {
    /// The app's own endpoint (`/api/activities` of the page's origin), one
    /// record per POST, timeouts 30 s, backoff cap 5 min, every 5 min.
    pub fn default_for(origin: &str) -> Settings {
        Settings {
            endpoint: format!("{origin}/api/activities"),
            header: None,
            mode: Mode::Single,
            readback: None,
            send_key: true,
            timeout_s: 30,
            backoff_cap_s: 300,
            interval_s: 300,
        }
    }

    /// The record's read-back URL, when a template is set.
    pub fn readback_url(&self, id: &str) -> Option<String> {
        self.readback.as_ref().map(|t| t.replace("{endpoint}", self.endpoint.trim_end_matches('/')).replace("{id}", id))
    }
}

/// One problem with a link or a setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub key: &'static str,
    pub msg: Msg,
    pub args: Vec<(&'static str, Arg)>,
}

impl ConfigError {
    fn new(key: &'static str, msg: Msg) -> ConfigError {
        ConfigError { key, msg, args: Vec::new() }
    }

    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::render_args(self.msg, &self.args, lang)
    }
}

/// Whether the endpoint may be used: HTTPS, or HTTP on this device
/// (`localhost`, `127.0.0.1`, `[::1]`).
pub fn endpoint_allowed(url: &str) -> bool {
    let url = url.trim();
    if let Some(rest) = url.strip_prefix("https://") {
        return !rest.is_empty();
    }
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = if host.starts_with('[') { host.split(']').next().map(|h| format!("{h}]")).unwrap_or_default() } else { host.split(':').next().unwrap_or("").to_string() };
    matches!(host.to_ascii_lowercase().as_str(), "localhost" | "127.0.0.1" | "[::1]")
}

fn number(key: &'static str, v: &str, range: std::ops::RangeInclusive<u32>, out: &mut Vec<ConfigError>) -> Option<u32> {
    match v.trim().parse::<u32>() {
        Ok(n) if range.contains(&n) => Some(n),
        _ => {
            let mut e = ConfigError::new(key, msg!(sync_err_number));
            e.args = vec![("min", Arg::text(range.start())), ("max", Arg::text(range.end()))];
            out.push(e);
            None
        }
    }
}

/// Whether a URL the app fetches (the sync endpoint, the data URL) may be
/// used from a page of `origin`: HTTPS; HTTP on this device; or the app's
/// own origin, whatever its scheme (a server on a local network without
/// TLS: the page itself came that way, so nothing new is exposed).
pub fn url_allowed(url: &str, origin: &str) -> bool {
    let url = url.trim();
    absolute_allowed(url, origin) || url.starts_with('/') && !url.starts_with("//")
}

/// An absolute URL allowed from `origin`: HTTPS, this device, or `origin`
/// itself (none when `origin` is empty).
fn absolute_allowed(url: &str, origin: &str) -> bool {
    endpoint_allowed(url) || (!origin.is_empty() && crate::model::refresh::same_origin(url, origin))
}

/// Reads a configuration link's fragment (with or without `#`) over
/// `base` (the current settings or the defaults), for the app served from
/// `origin` (see [`url_allowed`]; empty: HTTPS or this device only).
/// Unknown keys are refused, so a typo is seen; every problem is reported
/// at once.
pub fn from_fragment_at(fragment: &str, base: &Settings, origin: &str) -> Result<Settings, Vec<ConfigError>> {
    let mut s = base.clone();
    let mut out = Vec::new();
    let (mut header, mut value) = (None, None);
    for (k, v) in crate::model::search::query_pairs(fragment) {
        match k.as_str() {
            "endpoint" => {
                if absolute_allowed(&v, origin) {
                    s.endpoint = v.trim().to_string();
                } else {
                    out.push(ConfigError::new("endpoint", msg!(sync_err_https)));
                }
            }
            "mode" => match v.as_str() {
                "single" => s.mode = Mode::Single,
                "put" => s.mode = Mode::Put,
                "batch" => s.mode = Mode::Batch(match s.mode { Mode::Batch(n) => n, _ => 50 }),
                _ => out.push(ConfigError::new("mode", msg!(sync_err_mode))),
            },
            "batch" => {
                if let Some(n) = number("batch", &v, 2..=500, &mut out) {
                    s.mode = Mode::Batch(n as u16);
                }
            }
            "header" => header = Some(v),
            "value" => value = Some(v),
            "readback" if v.is_empty() => s.readback = None,
            "readback" if v.contains("{id}") => s.readback = Some(v),
            "readback" => out.push(ConfigError::new("readback", msg!(sync_err_readback))),
            "key" => match v.as_str() {
                "on" => s.send_key = true,
                "off" => s.send_key = false,
                _ => out.push(ConfigError::new("key", msg!(sync_err_mode))),
            },
            "timeout" => s.timeout_s = number("timeout", &v, 5..=600, &mut out).unwrap_or(s.timeout_s),
            "backoff" => s.backoff_cap_s = number("backoff", &v, 10..=86_400, &mut out).unwrap_or(s.backoff_cap_s),
            "interval" => s.interval_s = number("interval", &v, 30..=86_400, &mut out).unwrap_or(s.interval_s),
            _ => {
                let mut e = ConfigError::new("link", msg!(sync_err_unknown));
                e.args = vec![("key", Arg::text(&k))];
                out.push(e);
            }
        }
    }
    match (header, value) {
        (Some(h), v) if is_header_name(&h) => s.header = Some((h, v.unwrap_or_default())),
        (Some(h), _) if h.is_empty() => s.header = None,
        (Some(_), _) => out.push(ConfigError::new("header", msg!(sync_err_header))),
        (None, Some(v)) => match &mut s.header {
            Some((_, old)) => *old = v,
            None => out.push(ConfigError::new("value", msg!(sync_err_header))),
        },
        (None, None) => {}
    }
    if out.is_empty() { Ok(s) } else { Err(out) }
}

/// [`from_fragment_at`] with no origin: the endpoint must be HTTPS or on
/// this device.
pub fn from_fragment(fragment: &str, base: &Settings) -> Result<Settings, Vec<ConfigError>> {
    from_fragment_at(fragment, base, "")
}

/// An HTTP header name (RFC 9110 token), not one the browser forbids.
fn is_header_name(h: &str) -> bool {
    const FORBIDDEN: [&str; 6] = ["content-length", "cookie", "host", "origin", "referer", "connection"];
    !h.is_empty()
        && h.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        && !FORBIDDEN.contains(&h.to_ascii_lowercase().as_str())
}

/// The fragment of the configuration link for `s` (the `value` of the auth
/// header only when `with_secret`).
pub fn to_fragment(s: &Settings, with_secret: bool) -> String {
    use crate::model::search::percent_encode as enc;
    let mut parts = vec![format!("endpoint={}", enc(&s.endpoint))];
    parts.push(match s.mode {
        Mode::Single => "mode=single".to_string(),
        Mode::Put => "mode=put".to_string(),
        Mode::Batch(n) => format!("mode=batch&batch={n}"),
    });
    if let Some((h, v)) = &s.header {
        parts.push(format!("header={}", enc(h)));
        if with_secret {
            parts.push(format!("value={}", enc(v)));
        }
    }
    if let Some(r) = &s.readback {
        parts.push(format!("readback={}", enc(r)));
    }
    if !s.send_key {
        parts.push("key=off".into());
    }
    parts.push(format!("timeout={}&backoff={}&interval={}", s.timeout_s, s.backoff_cap_s, s.interval_s));
    format!("#{}", parts.join("&"))
}

/// The headers the app's requests carry besides the CORS-safelisted ones:
/// `Content-Type` (JSON), `Idempotency-Key` when sent, the auth header.
pub fn custom_headers(s: &Settings) -> Vec<String> {
    let mut h = vec!["Content-Type".to_string()];
    if s.send_key {
        h.push("Idempotency-Key".into());
    }
    if let Some((name, _)) = &s.header {
        h.push(name.clone());
    }
    h
}

/// What an endpoint on another origin must answer so that the app served
/// from `origin` may use it (CORS), one header a line.
pub fn cors_needs(s: &Settings, origin: &str) -> Vec<String> {
    vec![
        format!("Access-Control-Allow-Origin: {origin}"),
        "Access-Control-Allow-Methods: GET, HEAD, POST, PUT".into(),
        format!("Access-Control-Allow-Headers: {}", custom_headers(s).join(", ")),
        "Access-Control-Expose-Headers: Location, Date, Retry-After".into(),
    ]
}

/// The Settings form as typed: every field a text, so that nothing typed
/// is lost to a re-render; [`SyncForm::fragment`] writes it as a
/// configuration link's fragment, so the form and the link are read by the
/// same rules ([`from_fragment`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncForm {
    pub endpoint: String,
    /// `single`, `batch` or `put`.
    pub mode: String,
    pub batch: String,
    pub header: String,
    pub value: String,
    pub readback: String,
    pub key: bool,
    pub timeout: String,
    pub backoff: String,
    pub interval: String,
}

impl SyncForm {
    pub fn of(s: &Settings) -> SyncForm {
        let (header, value) = s.header.clone().unwrap_or_default();
        let (mode, batch) = match s.mode {
            Mode::Single => ("single", 50),
            Mode::Batch(n) => ("batch", n),
            Mode::Put => ("put", 50),
        };
        SyncForm {
            endpoint: s.endpoint.clone(),
            mode: mode.into(),
            batch: batch.to_string(),
            header,
            value,
            readback: s.readback.clone().unwrap_or_default(),
            key: s.send_key,
            timeout: s.timeout_s.to_string(),
            backoff: s.backoff_cap_s.to_string(),
            interval: s.interval_s.to_string(),
        }
    }

    /// Sets the field `name` (`endpoint`, `mode`, `batch`, `header`,
    /// `value`, `readback`, `key`, `timeout`, `backoff` or `interval`; its
    /// id in the form is `sync-<name>`); `key` is on when `value` is `on`.
    pub fn set(&mut self, name: &str, value: String) {
        let f = match name {
            "endpoint" => &mut self.endpoint,
            "mode" => &mut self.mode,
            "batch" => &mut self.batch,
            "header" => &mut self.header,
            "value" => &mut self.value,
            "readback" => &mut self.readback,
            "timeout" => &mut self.timeout,
            "backoff" => &mut self.backoff,
            "interval" => &mut self.interval,
            "key" => return self.key = value == "on",
            _ => return,
        };
        *f = value;
    }

    pub fn fragment(&self) -> String {
        use crate::model::search::percent_encode as enc;
        let mut out = format!("endpoint={}&mode={}", enc(self.endpoint.trim()), enc(&self.mode));
        if self.mode == "batch" {
            out.push_str(&format!("&batch={}", enc(&self.batch)));
        }
        out.push_str(&format!("&header={}", enc(self.header.trim())));
        if !self.header.trim().is_empty() {
            out.push_str(&format!("&value={}", enc(&self.value)));
        }
        out.push_str(&format!(
            "&readback={}&key={}&timeout={}&backoff={}&interval={}",
            enc(self.readback.trim()),
            if self.key { "on" } else { "off" },
            enc(&self.timeout),
            enc(&self.backoff),
            enc(&self.interval)
        ));
        out
    }
}
