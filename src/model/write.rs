//! JSON written by hand, without serde's derive: the app's stored values
//! and its records, written exactly as serde_json wrote them.
//!
//! Why: as [`super::read`] for reading, serde's derived writers are one
//! state machine per type, inlined into each caller; here a type's writer
//! is its list of fields. The types keep their serde derives: host tests
//! hold both writers to the same text.
//!
//! serde_json's rules kept: fields in declaration order, compact, strings
//! escaped as serde_json escapes them (`"`, `\`, and control characters:
//! `\b \f \n \r \t`, the others `\u00xx`; nothing else, not `/` nor
//! non-ASCII), floats through serde_json's own formatting.

use std::fmt::Write as _;

/// A type written as JSON.
pub trait Write {
    fn write(&self, out: &mut String);
    /// Left out when it is this field's value (`skip_serializing_if`).
    fn skip(&self) -> bool {
        false
    }
}

/// `v` as compact JSON.
pub fn to_json<T: Write + ?Sized>(v: &T) -> String {
    let mut out = String::new();
    v.write(&mut out);
    out
}

/// A string literal, escaped as serde_json escapes it.
#[inline(never)]
pub fn string(s: &str, out: &mut String) {
    out.push('"');
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        from = i + 1;
        match esc {
            "" => {
                let _ = write!(out, "\\u{:04x}", b);
            }
            e => out.push_str(e),
        }
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// An object's fields: `{"a":…,"b":…}`, each `(name, value)`; a value
/// whose [`Write::skip`] is true is left out with its name.
#[inline(never)]
pub fn object(fields: &[(&str, &dyn Write)], out: &mut String) {
    out.push('{');
    let mut first = true;
    for (name, v) in fields {
        if v.skip() {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        string(name, out);
        out.push(':');
        v.write(out);
    }
    out.push('}');
}

/// A field always written (not skipped when empty).
pub struct Always<'a, T: ?Sized>(pub &'a T);

impl<T: Write + ?Sized> Write for Always<'_, T> {
    fn write(&self, out: &mut String) {
        self.0.write(out)
    }
}

impl Write for str {
    fn write(&self, out: &mut String) {
        string(self, out)
    }
    fn skip(&self) -> bool {
        self.is_empty()
    }
}

impl Write for String {
    fn write(&self, out: &mut String) {
        self.as_str().write(out)
    }
    fn skip(&self) -> bool {
        self.as_str().skip()
    }
}

impl Write for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" })
    }
    fn skip(&self) -> bool {
        !*self
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Write for $t {
            fn write(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
integers!(u16, u32, u64, usize, i64);

impl Write for f64 {
    /// serde_json's formatting: its float formatter, `zmij` (the shortest
    /// text that reads back the same), and `null` when not finite. Called
    /// directly, not through `serde_json::to_string`, whose serializer and
    /// writer came with it (0.4 KB of raw wasm).
    fn write(&self, out: &mut String) {
        if self.is_finite() {
            out.push_str(zmij::Buffer::new().format_finite(*self))
        } else {
            out.push_str("null")
        }
    }
}

impl<T: Write> Write for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(v) => v.write(out),
            None => out.push_str("null"),
        }
    }
    fn skip(&self) -> bool {
        self.is_none()
    }
}

impl<T: Write> Write for [T] {
    fn write(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write(out);
        }
        out.push(']');
    }
    fn skip(&self) -> bool {
        self.is_empty()
    }
}

impl<T: Write> Write for Vec<T> {
    fn write(&self, out: &mut String) {
        self.as_slice().write(out)
    }
    fn skip(&self) -> bool {
        self.is_empty()
    }
}

impl<T: Write + ?Sized> Write for &T {
    fn write(&self, out: &mut String) {
        (**self).write(out)
    }
    fn skip(&self) -> bool {
        (**self).skip()
    }
}

/// `"YYYY-MM-DD"` ([`super::date`]).
impl Write for chrono::NaiveDate {
    fn write(&self, out: &mut String) {
        string(&super::date::format(*self), out)
    }
}

/// `Write` for a struct: its fields in declaration order, each written
/// always, or left out when empty (`skip_serializing_if`: `None`, `""`,
/// `[]`, `false`) when marked `skip`.
macro_rules! write_struct {
    ($ty:ident { $($field:ident $(: $skip:ident)?),* $(,)? }) => {
        impl $crate::model::write::Write for $ty {
            fn write(&self, out: &mut String) {
                $crate::model::write::object(
                    &[$((stringify!($field), $crate::model::write::write_struct!(@field self.$field $(, $skip)?))),*],
                    out,
                )
            }
        }
    };
    (@field $v:expr) => { &$crate::model::write::Always(&$v) };
    (@field $v:expr, skip) => { &$v };
}
pub(crate) use write_struct;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Both writers give the same text.
    pub(crate) fn same<T: Write + serde::Serialize>(v: &T) {
        assert_eq!(to_json(v), serde_json::to_string(v).unwrap());
    }

    #[test]
    fn stored_settings_and_the_log_as_serde_json_writes_them() {
        use crate::kiosk::{KioskSettings, PublicLink, Verified};
        use crate::lock::params::{LockRecord, Secret};
        use crate::sync::engine::LogEntry;
        same(&vec![LogEntry { at: 1, method: "POST".into(), id: "a".into(), n: 3, met: "http:201".into(), action: "sent".into() }]);
        same(&Vec::<LogEntry>::new());
        same(&LockRecord::new(Secret::Pin, "s".into(), "k".into()));
        same(&LockRecord::new(Secret::Passphrase, String::new(), "k".into()));
        same(&KioskSettings::default());
        for how in [Verified::Checked, Verified::Confirmed] {
            same(&KioskSettings { idle_s: 90, public: Some(PublicLink { base: "https://x/".into(), hash: "h".into(), how }) });
        }
    }

    #[test]
    fn strings_and_numbers_as_serde_json_writes_them() {
        let all: String = (0u8..=0x7f).map(char::from).collect();
        for s in [all.as_str(), "", "é€😀 \u{7f}\u{85}\u{2028}", "a\"b\\c/d"] {
            same(&s.to_string());
        }
        for f in [0.0, -0.0, 1.5, 13.0449, -9.4895, 1e21, 1e-7, 25.0, f64::NAN, f64::INFINITY, 123456.7] {
            same(&f);
        }
        same(&vec![Some(1u32), None]);
        same(&(u64::MAX, i64::MIN, true, false).0);
        same(&i64::MIN);
        same(&u16::MAX);
    }
}
