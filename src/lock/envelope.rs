//! A sealed value as text: `paix-sealed 1 <iv> <data>`, the IV (12 bytes)
//! and the AES-GCM output (ciphertext and 16-byte tag) in standard base64.
//! The version says how to open it, so the format can change without
//! stranding what is stored.

/// The start of every sealed value of this version.
pub const PREFIX: &str = "paix-sealed ";
/// The version this code writes and reads.
pub const VERSION: u32 = 1;
/// Base64 length of the 12-byte IV.
pub const IV_B64: usize = 16;
/// Base64 length of the smallest sealed output (an empty text: its tag).
pub const MIN_DATA_B64: usize = 24;

/// The parts of a sealed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope<'a> {
    pub iv: &'a str,
    pub data: &'a str,
}

/// Why a text is not a sealed value this code can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvelopeError {
    /// No `paix-sealed` prefix: a plain value.
    NotSealed,
    /// Sealed by a newer version of the app.
    Version(u32),
    /// Cut, or not base64 where it should be.
    Malformed,
}

/// Whether `text` is sealed (of any version).
pub fn is_sealed(text: &str) -> bool {
    text.starts_with(PREFIX)
}

fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    s.len().is_multiple_of(4)
        && s.len() - body.len() <= 2
        && body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

/// Reads the parts of a sealed value, checking its version and shape (not
/// its content: that is the cipher's authentication tag).
pub fn parse(text: &str) -> Result<Envelope<'_>, EnvelopeError> {
    let rest = text.strip_prefix(PREFIX).ok_or(EnvelopeError::NotSealed)?;
    let mut parts = rest.split(' ');
    let version: u32 = parts.next().and_then(|v| v.parse().ok()).ok_or(EnvelopeError::Malformed)?;
    if version != VERSION {
        return Err(if version > VERSION { EnvelopeError::Version(version) } else { EnvelopeError::Malformed });
    }
    let (Some(iv), Some(data), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(EnvelopeError::Malformed);
    };
    let ok = iv.len() == IV_B64 && is_base64(iv) && data.len() >= MIN_DATA_B64 && is_base64(data);
    if ok {
        Ok(Envelope { iv, data })
    } else {
        Err(EnvelopeError::Malformed)
    }
}

/// Writes a sealed value from its parts (base64).
pub fn format(iv: &str, data: &str) -> String {
    format!("{PREFIX}{VERSION} {iv} {data}")
}
