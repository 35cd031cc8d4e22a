//! JSON read by hand, without serde's derive: the reader, and the dataset's
//! types (the journal's records are in `journal::read`).
//!
//! Why: serde's derived readers were the largest part of the dataset's cost
//! in the wasm (one visitor per type, each a state machine over every
//! field: Project alone 13.5 KB raw). Here a type's reader is a table of
//! its field names and one line per field; the walking of the text is
//! shared ([`Reader`]) and not generic.
//!
//! What it reads is what serde_json with the derived readers read, value
//! and error alike: the same rules (unknown fields ignored, a field given
//! twice refused, a missing field named, an absent or `null` optional
//! field empty) and the same error messages, made by serde's own
//! constructors ([`serde::de::Error`]), so [`super::json_error`] translates
//! them as before; the two that quote a string found in the data quote it
//! by hand ([`quoted`]), as serde would. The types keep their serde derives for the other
//! direction and for the tests, which hold both readers to the same
//! results on the embedded data and thousands of altered copies of it.
//!
//! Text that is not JSON is refused, as serde_json refuses it (its
//! messages, without the position): the reader checks the syntax as it
//! goes, skipped values included. [`syntax`], [`raw_value`] and
//! [`raw_items`] also place an error at serde_json's line and column: a
//! dataset's syntax pass and an import file's split into records, which
//! went through serde_json until 2026-12-05. serde_json is no longer in
//! the wasm: its error type ([`Error`], `model::json_err`), its float
//! parsing (`model::json_float`) and its positions are rebuilt here, and
//! the tests hold all three to serde_json's.

use super::indicator::{Figures, Indicator};
use super::organisation::{Contact, Organisation};
use super::programme::{LogframeNode, Partner, Period, Programme};
use super::project::{Budget, Challenge, Project, ProjectResult, Recommendation};
use super::region::{Cercle, Region};
use super::text::Text;
use super::Dataset;
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::de::{Error as _, Unexpected};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The error, as serde_json would have given it.
pub use super::json_err::Error;
pub type Res<T> = Result<T, Error>;

/// Reads a `T` from `text`, one JSON value.
pub fn read<T: Read>(text: &str) -> Res<T> {
    let mut r = Reader { s: text, i: 0 };
    let value = T::read(&mut r)?;
    r.end().map(|()| value)
}

/// Reads all of `text` with `f` (nothing but white space may follow) and
/// places an error as serde_json places it: at its line and column.
fn located<'a, T>(text: &'a str, f: impl FnOnce(&mut Reader<'a>) -> Res<T>) -> Res<T> {
    let mut r = Reader { s: text, i: 0 };
    f(&mut r).and_then(|v| r.end().map(|()| v)).map_err(|e| e.at(text, r.i + 1))
}

/// Checks that `text` is JSON as strictly as serde_json reading it into a
/// `Value`: the syntax, numbers an `f64` can hold, 128 levels of nesting at
/// most. An error has serde_json's message, line and column.
pub fn syntax(text: &str) -> Res<()> {
    located(text, |r| r.skip(true))
}

/// `text`, one JSON value, checked as serde_json checks a raw value; an
/// error placed at its line and column.
pub fn raw_value(text: &str) -> Res<&str> {
    located(text, Reader::raw)
}

/// The items of the JSON list `text`, each as it is written; an error
/// placed at its line and column.
pub fn raw_items(text: &str) -> Res<Vec<&str>> {
    located(text, |r| {
        let mut out = Vec::new();
        r.items(&mut |r| {
            out.push(r.raw()?);
            Ok(())
        })?;
        Ok(out)
    })
}

/// `s` between double quotes, as a message quotes a value found in data:
/// `"`, `\\`, tabs and line breaks escaped as in Rust, and every character
/// [`super::text::forbidden_char`] refuses (controls, text-direction
/// overrides) as `\u{202e}`. That is what `{:?}` writes for such text
/// (serde's quoting), without the standard library's tables of printable
/// characters: other invisible characters and combining marks, which `{:?}`
/// would escape, are shown as they are.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\0' => out.push_str("\\0"),
            c if super::text::forbidden(c, false) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The fields of the JSON object `text`: each key, decoded, with its value
/// as it is written; of a key given twice, the last value (as serde reads
/// a map).
pub fn raw_fields(text: &str) -> Res<BTreeMap<String, &str>> {
    let mut r = Reader { s: text, i: 0 };
    let mut out = BTreeMap::new();
    r.open(b'{', "a map")?;
    let mut first = true;
    while r.more(&mut first, b'}', true)? {
        let key = r.key(true)?.into_owned();
        out.insert(key, r.raw()?);
    }
    r.end().map(|()| out)
}

/// A JSON value kept as it is written (serde_json's `RawValue`).
#[derive(Debug, Clone, PartialEq)]
pub struct Raw(pub String);

impl Read for Raw {
    fn read(r: &mut Reader) -> Res<Self> {
        r.raw().map(|t| Raw(t.to_string()))
    }
}

/// The index of the variant `name` among `names`, or serde's "unknown variant".
fn variant_named(name: &str, names: &'static [&'static str]) -> Res<usize> {
    names.iter().position(|n| *n == name).ok_or_else(|| Error::unknown_variant(name, names))
}

/// A type read from JSON.
pub trait Read: Sized {
    fn read(r: &mut Reader) -> Res<Self>;
}

/// A position in JSON text.
pub struct Reader<'a> {
    s: &'a str,
    i: usize,
}

/// A number as serde_json classifies it.
enum Num {
    U(u64),
    I(i64),
    F(f64),
}

impl<'a> Reader<'a> {
    fn b(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    /// Nothing but white space left.
    fn end(&mut self) -> Res<()> {
        self.peek();
        match self.eof() {
            true => Ok(()),
            false => Err(Error::custom("trailing characters")),
        }
    }

    /// At the end of the text.
    fn eof(&self) -> bool {
        self.i >= self.b().len()
    }

    /// serde_json's error `at_end` when only white space is left, else
    /// `otherwise`: where the text ends, serde_json names what it was in.
    fn fail(&mut self, at_end: &str, otherwise: &str) -> Error {
        self.peek();
        Error::custom(if self.eof() { at_end } else { otherwise })
    }

    /// The next byte that is not white space (0 at the end), not consumed.
    fn peek(&mut self) -> u8 {
        while self.i < self.b().len() && matches!(self.b()[self.i], b' ' | b'\n' | b'\r' | b'\t') {
            self.i += 1;
        }
        self.b().get(self.i).copied().unwrap_or(0)
    }

    /// Past the string literal at the cursor (on its opening quote): its
    /// text, decoded as serde_json decodes a string (a UTF-16 surrogate
    /// pair is one character, a lone surrogate an error). serde_json's
    /// errors, in its order and at its positions: the text ends, a control
    /// character, a malformed escape, a lone surrogate. Not `decode` (a
    /// skipped value), surrogates pass unchecked, as serde_json lets them,
    /// and the text is returned as written.
    #[inline(never)]
    fn string_at(&mut self, decode: bool) -> Res<Cow<'a, str>> {
        let (s, b) = (self.s, self.b());
        let eof = b.len();
        // Four hex digits at `j`: their value, or the error and its place.
        let hex = |j: usize| match b.get(j..j + 4) {
            None => Err((eof, "EOF while parsing a string")),
            Some(h) => h.iter().try_fold(0u32, |n, c| Ok(n << 4 | (*c as char).to_digit(16).ok_or((j + 4, "invalid escape"))?)),
        };
        let open = self.i;
        let mut j = open + 1;
        // The text decoded so far (when `decode` and an escape was met);
        // from `from` on, the text is still to copy.
        let mut out = String::new();
        let mut from = j;
        let found: Result<(), (usize, &str)> = loop {
            let Some(&c) = b.get(j) else { break Err((eof, "EOF while parsing a string")) };
            match c {
                b'"' => break Ok(()),
                b'\\' => {
                    let Some(&e) = b.get(j + 1) else { break Err((eof, "EOF while parsing a string")) };
                    if decode {
                        out.push_str(&s[from..j]);
                    }
                    j += 2;
                    let c = match e {
                        b'"' | b'\\' | b'/' => e as char,
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => match (hex(j), decode) {
                            (Err(e), _) => break Err(e),
                            (Ok(_), false) => {
                                j += 4;
                                '\0'
                            }
                            (Ok(n), true) => {
                                j += 4;
                                match n {
                                    0xDC00..=0xDFFF => break Err((j, "lone leading surrogate in hex escape")),
                                    0xD800..=0xDBFF => {
                                        // A leading surrogate: `\u` and a trailing one must follow.
                                        match (b.get(j), b.get(j + 1)) {
                                            (None, _) | (Some(b'\\'), None) => break Err((eof, "EOF while parsing a string")),
                                            (Some(b'\\'), Some(b'u')) => {}
                                            (Some(b'\\'), Some(_)) => break Err((j + 2, "unexpected end of hex escape")),
                                            (Some(_), _) => break Err((j + 1, "unexpected end of hex escape")),
                                        }
                                        match hex(j + 2) {
                                            Err(e) => break Err(e),
                                            Ok(low @ 0xDC00..=0xDFFF) => {
                                                j += 6;
                                                char::from_u32(0x10000 + ((n - 0xD800) << 10 | (low - 0xDC00))).unwrap_or_default()
                                            }
                                            Ok(_) => break Err((j + 6, "lone leading surrogate in hex escape")),
                                        }
                                    }
                                    n => char::from_u32(n).unwrap_or_default(),
                                }
                            }
                        },
                        _ => break Err((j, "invalid escape")),
                    };
                    if decode {
                        out.push(c);
                    }
                    from = j;
                }
                // serde_json places it past the character when decoding,
                // on it when skipping.
                0..0x20 => break Err((j + usize::from(decode), "control character (\\u0000-\\u001F) found while parsing a string")),
                _ => j += 1,
            }
        };
        if let Err((k, message)) = found {
            return Err(self.fail_at(k, message));
        }
        self.i = j + 1;
        Ok(match decode && from > open + 1 {
            true => {
                out.push_str(&s[from..j]);
                Cow::Owned(out)
            }
            false => Cow::Borrowed(&s[open + 1..j]),
        })
    }

    /// serde_json's error `message`, which it places `k` bytes into the
    /// text: the cursor is left where [`located`] finds that place.
    #[cold]
    fn fail_at(&mut self, k: usize, message: &str) -> Error {
        self.i = k - 1;
        Error::custom(message)
    }

    fn string(&mut self) -> Res<Cow<'a, str>> {
        self.string_at(true)
    }

    /// Past `null`, `true` or `false` at the cursor.
    fn literal(&mut self) -> Res<()> {
        let rest = &self.b()[self.i..];
        let word: &[u8] = match rest.first() {
            Some(b'n') => b"null",
            Some(b't') => b"true",
            _ => b"false",
        };
        // The cursor stops on the first byte that differs, where serde_json
        // stops.
        self.i += word.iter().zip(rest).take_while(|(a, b)| a == b).count();
        match rest.starts_with(word) {
            true => Ok(()),
            // The text ends inside the word: serde_json's EOF.
            false if self.eof() => Err(Error::custom("EOF while parsing a value")),
            false => Err(Error::custom("expected ident")),
        }
    }

    /// Past the number at the cursor: its text, checked against JSON's
    /// grammar (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`),
    /// its value not computed (serde_json skips a value so).
    #[inline(never)]
    fn number_text(&mut self, typed: bool) -> Res<&'a str> {
        let start = self.i;
        let b = self.b();
        let digits = |i: &mut usize| {
            let from = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i > from
        };
        let mut i = start + usize::from(b.get(start) == Some(&b'-'));
        let int = i;
        let mut ok = digits(&mut i);
        // A leading zero (`01`): serde_json's "invalid number", wherever it is.
        let leading_zero = ok && b[int] == b'0' && i > int + 1;
        ok &= !leading_zero;
        if ok && b.get(i) == Some(&b'.') {
            i += 1;
            ok = digits(&mut i);
        }
        if ok && matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
            ok = digits(&mut i);
        }
        // serde_json stops on a leading zero's next digit.
        self.i = if leading_zero { int + 1 } else { i };
        match ok {
            true => Ok(&self.s[start..i]),
            // A digit was wanted where the text ends.
            false if typed && i >= b.len() && !leading_zero => Err(Error::custom("EOF while parsing a value")),
            false => Err(Error::custom("invalid number")),
        }
    }

    /// Past the number at the cursor: its value, as serde_json reads it
    /// (an integer that fits is `U` or `I`, anything else `F`; `-0` is `F`;
    /// beyond `f64`, serde_json's "number out of range").
    #[inline(never)]
    fn number(&mut self) -> Res<Num> {
        let token = self.number_text(true)?;
        let (positive, digits) = match token.strip_prefix('-') {
            Some(d) => (false, d),
            None => (true, token),
        };
        let whole = digits.bytes().try_fold(0u64, |n, c| {
            if c.is_ascii_digit() {
                n.checked_mul(10)?.checked_add(u64::from(c - b'0'))
            } else {
                None
            }
        });
        Ok(match whole {
            Some(n) if positive => Num::U(n),
            Some(n) if (n as i64).wrapping_neg() < 0 => Num::I((n as i64).wrapping_neg()),
            Some(n) => Num::F(-(n as f64)),
            None => match super::json_float::float(token) {
                Ok(f) => Num::F(f),
                Err(k) => return Err(self.fail_at(self.i - token.len() + k, "number out of range")),
            },
        })
    }

    /// Past the value at the cursor, whatever it is, checked as serde_json
    /// checks a value it ignores (without its nesting limit: this walk
    /// keeps its place in a list, not on the stack); `strict`, as it checks
    /// a value it reads into a `Value`: strings decoded, numbers in range,
    /// no trailing comma, 128 levels at most.
    #[inline(never)]
    fn skip(&mut self, strict: bool) -> Res<()> {
        // The open lists and objects: closing byte, and whether no item
        // was read in it yet.
        let mut open: Vec<(u8, bool)> = Vec::new();
        loop {
            match self.peek() {
                b'"' => drop(self.string_at(strict)?),
                b'-' | b'0'..=b'9' if strict => {
                    self.number()?;
                }
                b'-' | b'0'..=b'9' => drop(self.number_text(false)?),
                b'n' | b't' | b'f' => self.literal()?,
                // serde_json's nesting limit, when it reads a `Value`.
                b'{' | b'[' if strict && open.len() == 127 => return Err(Error::custom("recursion limit exceeded")),
                c @ (b'{' | b'[') => {
                    self.i += 1;
                    open.push((if c == b'{' { b'}' } else { b']' }, true));
                }
                _ => return Err(self.no_value()),
            }
            // Closes what ends here; then the next item's key, if any.
            loop {
                let Some((close, first)) = open.last_mut() else {
                    return Ok(());
                };
                let close = *close;
                if !self.more(first, close, strict)? {
                    open.pop();
                    continue;
                }
                if close == b'}' {
                    self.key(strict)?;
                }
                break;
            }
        }
    }

    /// serde's "invalid type" for the value at the cursor, `expected`
    /// being what was wanted; past that value. A string is quoted by
    /// [`quoted`], not by serde (`Unexpected::Str` quotes with `{:?}`,
    /// which the wasm build turns off: `-Zfmt-debug=none`, see the
    /// Makefile). As serde_json: a token
    /// that starts no value is "expected value".
    #[inline(never)]
    fn invalid_type(&mut self, expected: &str) -> Error {
        let unexpected = match self.peek() {
            b'"' => {
                let s = match self.string() {
                    Ok(s) => s,
                    Err(e) => return e,
                };
                return Error::custom(format_args!("invalid type: string {}, expected {expected}", quoted(&s)));
            }
            b'-' | b'0'..=b'9' => match self.number() {
                Ok(Num::U(n)) => Unexpected::Unsigned(n),
                Ok(Num::I(n)) => Unexpected::Signed(n),
                Ok(Num::F(f)) => Unexpected::Float(f),
                Err(e) => return e,
            },
            b'[' => Unexpected::Seq,
            b'{' => Unexpected::Map,
            c @ (b'n' | b't' | b'f') => match self.literal() {
                Ok(()) if c == b'n' => Unexpected::Unit,
                Ok(()) => Unexpected::Bool(c == b't'),
                Err(e) => return e,
            },
            _ => return self.no_value(),
        };
        Error::invalid_type(unexpected, &expected)
    }

    /// Past the opening `byte` (`{` or `[`), or serde's "invalid type".
    fn open(&mut self, byte: u8, expected: &str) -> Res<()> {
        if self.peek() == byte {
            self.i += 1;
            Ok(())
        } else {
            Err(self.invalid_type(expected))
        }
    }

    /// Inside a list or an object closed by `close`: past the separator
    /// (none before the `first` item), and whether an item follows (false:
    /// past the closing bracket). serde_json's errors for anything else.
    fn more(&mut self, first: &mut bool, close: u8, typed: bool) -> Res<bool> {
        let c = self.peek();
        if c == close {
            self.i += 1;
            return Ok(false);
        }
        if self.eof() || !*first && c != b',' {
            return Err(match close == b']' {
                true => self.fail("EOF while parsing a list", "expected `,` or `]`"),
                false => self.fail("EOF while parsing an object", "expected `,` or `}`"),
            });
        }
        if !*first {
            self.i += 1;
            // Skipping, serde_json finds these as the next key or value.
            if typed && self.peek() == close {
                return Err(Error::custom("trailing comma"));
            }
            if typed && self.eof() {
                return Err(Error::custom("EOF while parsing a value"));
            }
        }
        *first = false;
        Ok(true)
    }

    /// An object's key and its colon (the cursor past them): the key,
    /// decoded when `decode`.
    fn key(&mut self, decode: bool) -> Res<Cow<'a, str>> {
        if self.peek() != b'"' {
            return Err(self.fail("EOF while parsing an object", "key must be a string"));
        }
        let key = self.string_at(decode)?;
        self.colon()?;
        Ok(key)
    }

    /// Reads a struct: an object whose keys among `names` go to `field`
    /// with their index, others skipped; the names seen, a bit each. A name
    /// given twice is refused at its second key, as serde's derive does.
    #[inline(never)]
    pub fn fields(&mut self, what: &str, names: &'static [&'static str], field: &mut dyn FnMut(&mut Reader<'a>, usize) -> Res<()>) -> Res<u64> {
        self.open(b'{', what)?;
        let mut seen = 0u64;
        let mut next = 0;
        let mut first = true;
        while self.more(&mut first, b'}', true)? {
            let key = self.key(true)?;
            // Fields come in declaration order when this app wrote them:
            // the one after the last is tried first.
            let found = match names.get(next) {
                Some(n) if *n == key => Some(next),
                _ => names.iter().position(|n| *n == key),
            };
            next = found.map_or(next, |k| k + 1);
            match found {
                Some(k) if seen & 1 << k != 0 => return Err(Error::duplicate_field(names[k])),
                Some(k) => {
                    seen |= 1 << k;
                    field(self, k)?;
                }
                None => self.skip(false)?,
            }
        }
        Ok(seen)
    }

    /// Reads a list, each item through `item`.
    #[inline(never)]
    fn items(&mut self, item: &mut dyn FnMut(&mut Reader<'a>) -> Res<()>) -> Res<()> {
        self.open(b'[', "a sequence")?;
        let mut first = true;
        while self.more(&mut first, b']', true)? {
            item(self)?;
        }
        Ok(())
    }

    /// serde_json's error where a value was wanted and none starts: at
    /// the end of the text, or at another byte.
    fn no_value(&mut self) -> Error {
        self.fail("EOF while parsing a value", "expected value")
    }

    /// Past the colon after an object's key.
    fn colon(&mut self) -> Res<()> {
        if self.peek() != b':' {
            return Err(self.fail("EOF while parsing an object", "expected `:`"));
        }
        self.i += 1;
        Ok(())
    }

    /// Reads the name of a variant among `names` (a unit variant of a
    /// derived enum): a string, or serde_json's `{"name": null}`.
    #[inline(never)]
    pub fn variant(&mut self, names: &'static [&'static str]) -> Res<usize> {
        match self.peek() {
            b'"' => variant_named(&self.string()?, names),
            b'{' => {
                self.i += 1;
                let k = self.tag(names)?;
                if self.peek() == b'n' {
                    self.literal()?;
                } else {
                    return Err(self.invalid_type("unit"));
                }
                self.untag().map(|()| k)
            }
            _ => Err(self.no_value()),
        }
    }

    /// Reads the name of a struct variant among `names` (an externally
    /// tagged enum, `{"name": {…}}`), past its colon: its index. The
    /// variant's fields follow, then [`Reader::untag`]. As serde_json
    /// reads it: a name alone (`"name"`) is "invalid type: unit variant".
    #[inline(never)]
    pub fn struct_variant(&mut self, names: &'static [&'static str]) -> Res<usize> {
        match self.peek() {
            b'"' => {
                variant_named(&self.string()?, names)?;
                Err(Error::invalid_type(Unexpected::UnitVariant, &"struct variant"))
            }
            b'{' => {
                self.i += 1;
                self.tag(names)
            }
            _ => Err(self.no_value()),
        }
    }

    /// Past an enum's variant name and its colon (the cursor past `{`).
    fn tag(&mut self, names: &'static [&'static str]) -> Res<usize> {
        match self.peek() {
            b'"' => {}
            b'}' => return Err(Error::custom("expected value")),
            _ => return Err(self.fail("EOF while parsing an object", "key must be a string")),
        }
        let k = variant_named(&self.string()?, names)?;
        self.colon().map(|()| k)
    }

    /// Past the `}` that closes an enum's `{"name": …}`.
    pub fn untag(&mut self) -> Res<()> {
        if self.peek() != b'}' {
            return Err(self.fail("EOF while parsing an object", "expected value"));
        }
        self.i += 1;
        Ok(())
    }

    /// An unsigned or signed integer within `min..=max`, serde's errors
    /// naming the type `ty` otherwise.
    #[inline(never)]
    fn integer(&mut self, min: i64, max: u64, ty: &str) -> Res<i64> {
        if !matches!(self.peek(), b'-' | b'0'..=b'9') {
            return Err(self.invalid_type(ty));
        }
        match self.number()? {
            Num::U(n) if n <= max => Ok(n as i64),
            Num::U(n) => Err(Error::invalid_value(Unexpected::Unsigned(n), &ty)),
            Num::I(n) if n >= min => Ok(n),
            Num::I(n) => Err(Error::invalid_value(Unexpected::Signed(n), &ty)),
            Num::F(f) => Err(Error::invalid_type(Unexpected::Float(f), &ty)),
        }
    }

    /// The text of the value at the cursor (past it), as it is written.
    pub fn raw(&mut self) -> Res<&'a str> {
        self.peek();
        let from = self.i;
        self.skip(false)?;
        Ok(&self.s[from..self.i])
    }

    /// The value at the cursor as a `T`.
    pub fn get<T: Read>(&mut self) -> Res<T> {
        T::read(self)
    }
}

impl Read for String {
    fn read(r: &mut Reader) -> Res<Self> {
        if r.peek() == b'"' {
            r.string().map(Cow::into_owned)
        } else {
            Err(r.invalid_type("a string"))
        }
    }
}

impl Read for bool {
    fn read(r: &mut Reader) -> Res<Self> {
        match r.peek() {
            c @ (b't' | b'f') => {
                r.literal()?;
                Ok(c == b't')
            }
            _ => Err(r.invalid_type("a boolean")),
        }
    }
}

impl Read for u32 {
    fn read(r: &mut Reader) -> Res<Self> {
        r.integer(0, u64::from(u32::MAX), "u32").map(|n| n as u32)
    }
}

impl Read for u16 {
    fn read(r: &mut Reader) -> Res<Self> {
        r.integer(0, u64::from(u16::MAX), "u16").map(|n| n as u16)
    }
}

impl Read for usize {
    fn read(r: &mut Reader) -> Res<Self> {
        // Above `i64::MAX` (64-bit hosts), `integer`'s `i64` holds the same bits.
        r.integer(0, usize::MAX as u64, "usize").map(|n| n as usize)
    }
}

impl Read for i64 {
    fn read(r: &mut Reader) -> Res<Self> {
        r.integer(i64::MIN, i64::MAX as u64, "i64")
    }
}

impl Read for u64 {
    fn read(r: &mut Reader) -> Res<Self> {
        if !matches!(r.peek(), b'-' | b'0'..=b'9') {
            return Err(r.invalid_type("u64"));
        }
        match r.number()? {
            Num::U(n) => Ok(n),
            Num::I(n) => Err(Error::invalid_value(Unexpected::Signed(n), &"u64")),
            Num::F(f) => Err(Error::invalid_type(Unexpected::Float(f), &"u64")),
        }
    }
}

impl Read for f64 {
    fn read(r: &mut Reader) -> Res<Self> {
        if !matches!(r.peek(), b'-' | b'0'..=b'9') {
            return Err(r.invalid_type("f64"));
        }
        Ok(match r.number()? {
            Num::U(n) => n as f64,
            Num::I(n) => n as f64,
            Num::F(f) => f,
        })
    }
}

impl<T: Read> Read for Option<T> {
    fn read(r: &mut Reader) -> Res<Self> {
        if r.peek() == b'n' {
            r.literal()?;
            Ok(None)
        } else {
            T::read(r).map(Some)
        }
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(r: &mut Reader) -> Res<Self> {
        let mut out = Vec::new();
        r.items(&mut |r| {
            out.push(T::read(r)?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// `"YYYY-MM-DD"` ([`super::date`]); serde's "invalid value" otherwise, its
/// string [`quoted`].
impl Read for NaiveDate {
    fn read(r: &mut Reader) -> Res<Self> {
        let s = String::read(r)?;
        super::date::parse(&s).ok_or_else(|| Error::custom(format_args!("invalid value: string {}, expected a YYYY-MM-DD date", quoted(&s))))
    }
}

impl Read for Lang {
    fn read(r: &mut Reader) -> Res<Self> {
        r.variant(&["fr", "en"]).map(|k| Lang::ALL[k])
    }
}

/// The reading of an enum of `labelled_enum!` (its slugs, in order).
pub fn labelled<T: Copy>(r: &mut Reader, slugs: &'static [&'static str], all: &[T]) -> Res<T> {
    r.variant(slugs).map(|k| all[k])
}

/// Whether a field read with `how` must be present (`need…`).
pub const fn required(how: &str) -> bool {
    how.as_bytes()[0] == b'n'
}

/// serde's "missing field" for the first required field not `seen`, in
/// declaration order (the one serde's derive names).
#[inline(never)]
pub fn require(seen: u64, names: &'static [&'static str], required: &[bool]) -> Res<()> {
    match (0..names.len()).find(|&k| required[k] && seen & 1 << k == 0) {
        Some(k) => Err(Error::missing_field(names[k])),
        None => Ok(()),
    }
}

/// A required field, present ([`require`] said so).
pub fn need<T>(v: Option<T>) -> T {
    v.unwrap()
}

/// A field with `#[serde(default)]`.
pub fn or_default<T: Default>(v: Option<T>) -> T {
    v.unwrap_or_default()
}

/// An `Option` field: absent or `null`, `None`.
pub fn optional<T>(v: Option<Option<T>>) -> Option<T> {
    v.flatten()
}

/// `Read` for a struct, its fields in declaration order (the first missing
/// one is the one reported, as serde's derive does), each with how an
/// absent value is taken: `need`, `or_default` or `optional` (or another
/// function of the `Option` read; required when its name starts `need`).
macro_rules! read_struct {
    ($ty:ident { $($field:ident: $how:ident),* $(,)? }) => {
        $crate::model::read::read_struct!(@impl $ty, concat!("struct ", stringify!($ty)), { $($field: $how),* });
    };
    // `what`: what serde's messages say was expected.
    ($ty:ident as $what:literal { $($field:ident: $how:ident),* $(,)? }) => {
        $crate::model::read::read_struct!(@impl $ty, $what, { $($field: $how),* });
    };
    (@impl $ty:ident, $what:expr, { $($field:ident: $how:ident),* }) => {
        impl $crate::model::read::Read for $ty {
            fn read(r: &mut $crate::model::read::Reader) -> $crate::model::read::Res<Self> {
                #[allow(unused_imports)]
                use $crate::model::read::{need, optional, or_default, require, required};
                const NAMES: &[&str] = &[$(stringify!($field)),*];
                const REQUIRED: &[bool] = &[$(required(stringify!($how))),*];
                $(let mut $field = None;)*
                let seen = r.fields($what, NAMES, &mut |r, k| {
                    let mut i = 0;
                    $(
                        if k == i {
                            $field = Some(r.get()?);
                        }
                        i += 1;
                    )*
                    let _ = i;
                    Ok(())
                })?;
                require(seen, NAMES, REQUIRED)?;
                Ok($ty { $($field: $how($field),)* })
            }
        }
    };
}
pub(crate) use read_struct;

read_struct!(Dataset {
    schema_version: need,
    revision: need,
    programme: need,
    indicators: need,
    regions: need,
    organisations: need,
    projects: need,
});
read_struct!(Text { fr: need, en: need, translated: optional });
read_struct!(Programme {
    name: need,
    funder: need,
    funding_instrument: need,
    implementing_partners: or_default,
    periods: or_default,
    logframe: need,
});
read_struct!(Partner { name: need, role: need });
read_struct!(Period { id: need, label: need, start: need, end: need, place: optional });
read_struct!(LogframeNode {
    id: need,
    level: need,
    text: need,
    sample: or_default,
    indicators: or_default,
    children: or_default,
});
read_struct!(Indicator { id: need, label: need, unit: need, disaggregation: or_default });
read_struct!(Figures { total: need, women: optional, men: optional, youth: optional, other: optional });
read_struct!(Region { id: need, name: need, in_scope: need, cercles: or_default });
read_struct!(Cercle { id: need, name: need });
read_struct!(Organisation {
    id: need,
    name: need,
    acronym: optional,
    kind: need,
    home_region: need,
    regions: or_default,
    contact: optional,
    sample: or_default,
});
read_struct!(Contact { email: optional, phone: optional, website: optional, address: optional });
read_struct!(Project {
    id: need,
    title: need,
    summary: need,
    theme: need,
    regions: or_default,
    cercles: or_default,
    communes: or_default,
    lead: need,
    partners: or_default,
    start: need,
    end: need,
    budget: optional,
    results: or_default,
    challenges: or_default,
    lessons: or_default,
    recommendations: or_default,
    sample: or_default,
});
read_struct!(Budget { amount: need, currency: need });
read_struct!(ProjectResult { indicator: need, target: need, achieved: need });
read_struct!(Challenge { challenge: need, solution: need });
read_struct!(Recommendation { text: need, audience: optional });

#[cfg(test)]
pub(crate) mod tests {
    //! The oracle: serde_json with the types' derived readers. Both must
    //! give the same value, or the same error message (positions aside),
    //! for the embedded data and for every alteration below of its items.
    use super::*;
    use crate::model::EMBEDDED_JSON;
    use serde::de::DeserializeOwned;
    use serde_json::Value;
    use std::fmt::Debug;

    /// The result without serde_json's ` at line L column C`.
    pub(crate) fn outcome<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<T, String> {
        r.map_err(|e| crate::model::json_error::without_position(&e.to_string()).to_string())
    }

    fn same<T: Read + DeserializeOwned + PartialEq + Debug>(text: &str) -> bool {
        let ours = outcome(read::<T>(text));
        let theirs = outcome(crate::json::from_str::<T>(text));
        assert_eq!(ours, theirs, "{text}");
        ours.is_ok()
    }

    /// Values put in place of each value of an item, and added under new
    /// and existing keys.
    const VALUES: &[&str] = &[
        "null", "true", "false", "0", "-0", "7", "-3", "1.5", "-2.0", "1e3", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1e400", "-0.0e999", "-1e400", "\"x\"", "\"\"", "\"2019-13-01\"", "\"2019-04-30\"", "\"fr\"", "\"en\"",
        "\"youth\"", "\"people\"", "\"output\"", "\"ngo\"", "\"sex\"", "\"donors\"", r#""a\"é\n\u00e9""#,
        "[]", "[1]", "[\"ML01\"]", "[{}]", "[null]", "{}", "{\"youth\":null}", "{\"youth\":1}",
        "{\"youth\":null,\"x\":1}", "{\"fr\":null}", "{\"x\":null}", "{\"fr\":\"a\",\"en\":\"b\"}",
        "{\"total\":1}", "{\"total\":1,\"women\":null}", "{\"amount\":5,\"currency\":\"XOF\"}",
        " [ 1 , 2 ] ", "{ \"fr\" : \"a\" , \"en\" : \"b\" , \"translated\" : \"en\" }",
    ];

    const HOLE: &str = "\u{1}hole";

    /// `root` with the value at `path` replaced by `text`.
    fn put(root: &Value, path: &[Value], text: &str) -> String {
        let mut v = root.clone();
        let mut at = &mut v;
        for step in path {
            at = match step {
                Value::String(k) => &mut at[k.as_str()],
                Value::Number(n) => &mut at[n.as_u64().unwrap() as usize],
                _ => unreachable!(),
            };
        }
        *at = Value::String(HOLE.into());
        serde_json::to_string(&v).unwrap().replace("\"\\u0001hole\"", text)
    }

    /// Every path to a value inside `v`.
    fn paths(v: &Value, here: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
        out.push(here.clone());
        match v {
            Value::Object(m) => m.iter().for_each(|(k, c)| {
                here.push(Value::String(k.clone()));
                paths(c, here, out);
                here.pop();
            }),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
                here.push(Value::from(i));
                paths(c, here, out);
                here.pop();
            }),
            _ => {}
        }
    }

    /// Every alteration of `item` read by both readers as a `T`: how many,
    /// and how many read.
    pub(crate) fn altered<T: Read + DeserializeOwned + PartialEq + Debug>(item: &Value) -> (usize, usize) {
        let texts = alterations(item);
        (texts.len(), texts.iter().filter(|t| same::<T>(t)).count())
    }

    /// `item` as text, then altered: each value replaced by each of
    /// [`VALUES`]; in each object, each key left out, given twice, given
    /// twice with a bad first value, and an unknown key first.
    pub(crate) fn alterations(item: &Value) -> Vec<String> {
        let mut out = vec![item.to_string(), serde_json::to_string_pretty(item).unwrap()];
        let mut all = Vec::new();
        paths(item, &mut Vec::new(), &mut all);
        for path in &all {
            let here = path.iter().fold(item, |v, s| match s {
                Value::String(k) => &v[k.as_str()],
                _ => &v[s.as_u64().unwrap() as usize],
            });
            for text in VALUES {
                out.push(put(item, path, text));
            }
            if let Value::Object(m) = here {
                let fields: Vec<(String, String)> = m.iter().map(|(k, v)| (serde_json::to_string(k).unwrap(), v.to_string())).collect();
                let object = |fields: &[(String, String)]| {
                    let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}:{v}")).collect();
                    format!("{{{}}}", inner.join(","))
                };
                for i in 0..fields.len() {
                    let mut f = fields.clone();
                    f.remove(i);
                    out.push(put(item, path, &object(&f)));
                    let mut f = fields.clone();
                    f.push(fields[i].clone());
                    out.push(put(item, path, &object(&f)));
                    let mut f = fields.clone();
                    f.insert(0, (fields[i].0.clone(), "[true]".into()));
                    out.push(put(item, path, &object(&f)));
                }
                let mut f = fields.clone();
                f.insert(0, ("\"unknown\"".into(), "{\"a\":[1,{\"b\":\"}\"}]}".into()));
                out.push(put(item, path, &object(&f)));
            }
        }
        out
    }

    fn embedded() -> Value {
        serde_json::from_str(EMBEDDED_JSON).unwrap()
    }

    /// A value quoted in a message reads as `{:?}` (serde's quoting) reads
    /// it, for the text data holds: accents, quotes, line breaks, controls,
    /// text-direction overrides.
    #[test]
    fn a_quoted_value_reads_as_debug_quotes_it() {
        for s in ["", "three", "Ségou", "l'été", "a\"b", "back\\slash", "line\nbreak\r\ttab", "nul\0", "\u{1b}[0m", "\u{7f}\u{85}", "abc\u{202e}cba", "\u{2066}x\u{2069}", "Tombouctou ⵜⵓⵎⴱⵓⵜⵜⵓ"] {
            assert_eq!(quoted(s), format!("{s:?}"));
        }
        // Where they differ: invisible characters the data may hold (a
        // no-break space, a zero-width space) are shown as they are.
        assert_eq!(quoted("a\u{a0}b\u{200b}"), "\"a\u{a0}b\u{200b}\"");
        assert_ne!(quoted("a\u{a0}b"), format!("{:?}", "a\u{a0}b"));
    }

    #[test]
    fn the_app_s_own_stored_values_read_as_serde_reads_them() {
        use crate::journal::form::Draft;
        use crate::kiosk::KioskSettings;
        use crate::lock::params::LockRecord;
        use crate::sync::engine::LogEntry;
        let draft = serde_json::json!({
            "id": "d1", "editing": 2, "corrects": null, "created_at": "2019-04-30T10:00:00Z", "updated_at": "x",
            "project": "p", "region": "r", "cercle": "c", "locality": "l", "date": "2019-04-30", "start_time": "09:00",
            "duration_min": "90", "activity_type": "mediation", "activity_type_other": "", "indicators": ["i1", "i2"],
            "title": "t", "description": "d", "women": "3", "men": "4", "young_women": "1", "young_men": "2", "disabled": "",
            "position": {"lat": 12.65, "lon": -8.0, "accuracy_m": 15.0}
        });
        let log = serde_json::json!({"at": 1, "method": "POST", "id": "a", "n": 3, "met": "http:201", "action": "sent"});
        let lock = serde_json::json!({"v": 1, "secret": "pin", "kdf": "PBKDF2-SHA256", "iterations": 600000, "salt": "s", "key": "k", "idle_min": 5});
        let kiosk = serde_json::json!({"idle_s": 90, "public": {"base": "https://x.org/", "hash": "h", "how": "checked"}});
        let mut counts = Vec::new();
        counts.push(altered::<Draft>(&draft));
        counts.push(altered::<Draft>(&serde_json::json!({})));
        counts.push(altered::<LogEntry>(&log));
        counts.push(altered::<LockRecord>(&lock));
        counts.push(altered::<KioskSettings>(&kiosk));
        counts.push(altered::<KioskSettings>(&serde_json::json!({})));
        for (n, ok) in counts {
            assert!(n > 10 && ok > 1 && ok < n, "{n} {ok}");
        }
    }

    #[test]
    fn escapes_decode_as_serde_decodes_them() {
        for text in [
            r#""a\"b\\c\/d\be\ff\ng\rh\ti""#,
            r#""\u00e9\u0041\u0000\u001f\uFFFF\u20ac""#,
            r#""x\ud83d\ude00y""#,
            r#""\ud83d""#,
            r#""\ude00""#,
            r#""\ud83dx""#,
            r#""\ud83d\n""#,
            r#""\ud83d\ud83d""#,
            r#""\ud83d\u0041""#,
            r#""\udbff\udfff\ud800\udc00""#,
            r#""é\u00e9é""#,
        ] {
            same::<String>(text);
        }
    }

    #[test]
    fn the_embedded_data_reads_as_serde_reads_it() {
        assert!(same::<Dataset>(EMBEDDED_JSON));
        let ds: Dataset = read(EMBEDDED_JSON).unwrap();
        assert_eq!(ds.projects.len(), 20);
    }

    #[test]
    fn altered_items_read_as_serde_reads_them() {
        let v = embedded();
        let mut total = (0, 0);
        let mut add = |(n, ok): (usize, usize)| {
            total.0 += n;
            total.1 += ok;
        };
        add(altered::<Programme>(&v["programme"]));
        for i in 0..2 {
            add(altered::<Indicator>(&v["indicators"][i]));
            add(altered::<Region>(&v["regions"][i]));
            add(altered::<Organisation>(&v["organisations"][i]));
            add(altered::<Project>(&v["projects"][i]));
        }
        // Both outcomes were met many times.
        assert!(total.0 > 10_000 && total.1 > 1_000 && total.0 - total.1 > 5_000, "{total:?}");
    }

    #[test]
    fn altered_top_levels_read_as_serde_reads_them() {
        let mut v = embedded();
        // Small lists, so that altering each value stays quick.
        for key in ["indicators", "regions", "organisations", "projects"] {
            v[key].as_array_mut().unwrap().truncate(1);
        }
        v["programme"]["logframe"]["children"].as_array_mut().unwrap().truncate(1);
        let (n, ok) = altered::<Dataset>(&v);
        assert!(n > 5_000 && ok > 500, "{n} {ok}");
    }

    #[test]
    fn escapes_and_odd_numbers() {
        for text in [
            r#"{"fr":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00","en":"b"}"#,
            r#"{"fr":"a","en":"b","translated":{"en":null}}"#,
            r#"{"fr":"a","en":"b","translated":{"de":null}}"#,
            r#"{"fr":"a","en":"b","translated":{}}"#,
            r#"{"fr":"a","en":"b","translated":{"en":null,"fr":null}}"#,
            r#"{"fr":"a","en":"b","translated":{"en":3}}"#,
            r#"{"fr":"a","en":"b","translated":5}"#,
            r#"{"fr":"a","en":"b","translated":[]}"#,
        ] {
            same::<Text>(text);
        }
        for n in ["-0", "-0.0", "0.5e1", "1E2", "-1e-2", "123456789012345678901234567890", "-123456789012345678901234567890"] {
            same::<Figures>(&format!("{{\"total\":{n}}}"));
            same::<Figures>(&format!("{{\"total\":1,\"women\":{n}}}"));
        }
    }

    #[test]
    fn invalid_text_gives_an_error_not_a_panic() {
        for text in ["", "{", "[", "{\"fr\"", "{\"fr\":", "{\"fr\":\"a", "\"\\", "{\"total\":-}", "{,}", "[,,]", "nul", "{\"é"] {
            let _ = read::<Dataset>(text);
            let _ = read::<Project>(text);
            let _ = read::<Vec<Text>>(text);
            let _ = read::<Figures>(text);
        }
    }

    /// Texts that are broken in every way near `base`: cut at each byte,
    /// each byte deleted, and each of a set of bytes put in place of and
    /// before each byte.
    fn broken(base: &str) -> Vec<String> {
        let b = base.as_bytes();
        let inserts: &[&[u8]] = &[
            b"\"", b"\\", b",", b":", b"[", b"]", b"{", b"}", b"0", b"1", b"-", b".", b"e", b"+", b"x", b"n", b"\n",
            b"\x01", b" ", b"\\u", b"\\ud800", b"\\udc00", b"\\ud800\\u", b"\\ud800\\n", b"1e999", b"\xc3\xa9",
        ];
        let mut out = Vec::new();
        let mut push = |v: Vec<u8>| {
            if let Ok(t) = String::from_utf8(v) {
                out.push(t);
            }
        };
        for i in 0..=b.len() {
            push(b[..i].to_vec());
            if i < b.len() {
                push([&b[..i], &b[i + 1..]].concat());
            }
            for ins in inserts {
                push([&b[..i], ins, &b[i..]].concat());
                if i < b.len() {
                    push([&b[..i], ins, &b[i + 1..]].concat());
                }
            }
        }
        out
    }

    /// JSON with every kind of token, escapes and numbers.
    const SAMPLE: &str = "{\"a\": [1, -2, 3.5e2, 0, -0.25, \"x\\ny\", \"\\u00e9\\ud83d\\ude00\", true, false, null],\n \"b\": {\"c\": {}, \"d\": []}, \"é\": \"\\\"\\\\\\/\\b\\f\\r\\t\"}";

    /// serde_json's message, line and column for the same text, read as
    /// the app read it before.
    fn their_syntax(text: &str) -> Result<(), String> {
        crate::json::from_str::<super::super::dataset::Checked>(text).map(drop).map_err(|e| e.to_string())
    }

    #[test]
    fn syntax_errors_are_serde_jsons_with_their_line_and_column() {
        let mut texts = broken(SAMPLE);
        for n in [126, 127, 128, 129] {
            texts.push(format!("{}{}", "[".repeat(n), "]".repeat(n)));
            texts.push(format!("{}1{}", "[{\"a\":".repeat(n / 2), "}]".repeat(n / 2)));
        }
        for t in ["1e400", "[1e99999999999999]", "[0e99999999999999]", "[-1e-99999999999999]", "\"\\ud800\"", "\"\\ud800\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u12\"", "\"\\ud800\\"] {
            texts.push(t.to_string());
        }
        for text in &texts {
            assert_eq!(syntax(text).map_err(|e| e.to_string()), their_syntax(text), "{text:?}");
        }
    }

    #[test]
    fn raw_values_and_lists_fail_as_serde_json_fails_them() {
        use serde_json::value::RawValue;
        for text in broken(SAMPLE).iter().chain(&broken("[{\"a\": 1}, [2, \"x\"], \"\\u00e9\"]")) {
            let theirs = crate::json::from_str::<&RawValue>(text).map(RawValue::get).map_err(|e| e.to_string());
            assert_eq!(raw_value(text).map_err(|e| e.to_string()), theirs, "{text:?}");
            match (raw_items(text), crate::json::from_str::<Vec<&RawValue>>(text)) {
                (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs.iter().map(|r| r.get()).collect::<Vec<_>>()),
                // Valid JSON that is not a list: the messages say so alike.
                (Err(ours), Err(theirs)) if !theirs.is_syntax() && !theirs.is_eof() => {
                    assert!(ours.to_string().starts_with("invalid type") && theirs.to_string().starts_with("invalid type"), "{text:?}")
                }
                (ours, theirs) => assert_eq!(ours.map(drop).map_err(|e| e.to_string()), theirs.map(drop).map_err(|e| e.to_string()), "{text:?}"),
            }
        }
    }
}
