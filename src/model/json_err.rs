//! The JSON reader's error: serde_json's, rebuilt without serde_json.
//!
//! The app's JSON is read by hand ([`super::read`]); serde_json was left in
//! the wasm only for its error type, its float parsing and the line and
//! column of a syntax error, about 5 KB of brotli wasm with its tables. This
//! type says the same things: the same messages (serde's constructors, and
//! serde_json's way of naming what was found: `null`, a float as the JSON
//! writer writes it), the same ` at line L column C` ending, where a
//! position is known. The tests hold the reader's messages and positions to
//! serde_json's, which stays as their oracle.

use serde::de::{Expected, Unexpected};
use std::fmt;

/// What is wrong with a JSON text, and where when it is a syntax error.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    msg: Box<str>,
    /// 1-based; 0 when no position is known (a shape error).
    line: usize,
    column: usize,
}

impl Error {
    /// The line of a syntax error (1 for the first), 0 when none is known.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of a syntax error, counted in bytes as serde_json counts.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The text ends where more was wanted (serde_json's `Category::Eof`).
    pub fn is_eof(&self) -> bool {
        self.msg.starts_with("EOF while parsing")
    }

    /// A value of another type than the one wanted (serde's `invalid_type`).
    pub fn is_invalid_type(&self) -> bool {
        self.msg.starts_with("invalid type")
    }

    /// Where this error is in `text`: `k` bytes in, as serde_json places it
    /// (just past the byte it stopped at; a line break counts on the next
    /// line, at column 0).
    pub(crate) fn at(mut self, text: &str, k: usize) -> Error {
        let before = &text.as_bytes()[..k.min(text.len())];
        let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |n| n + 1);
        self.line = 1 + before[..start].iter().filter(|b| **b == b'\n').count();
        self.column = before.len() - start;
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.msg)?;
        match self.line {
            0 => Ok(()),
            line => write!(f, " at line {line} column {}", self.column),
        }
    }
}

impl std::error::Error for Error {}

impl serde::de::Error for Error {
    #[cold]
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error { msg: msg.to_string().into(), line: 0, column: 0 }
    }

    #[cold]
    fn invalid_type(found: Unexpected, expected: &dyn Expected) -> Error {
        Error::custom(format_args!("invalid type: {}, expected {expected}", Found(found)))
    }

    #[cold]
    fn invalid_value(found: Unexpected, expected: &dyn Expected) -> Error {
        Error::custom(format_args!("invalid value: {}, expected {expected}", Found(found)))
    }
}

/// What was found, in serde_json's words. Every case is written here
/// rather than passed to serde's own `Display`, whose float case would
/// bring Rust's float formatting into the wasm.
struct Found<'a>(Unexpected<'a>);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        use Unexpected as U;
        let word = match self.0 {
            U::Bool(b) => return write!(f, "boolean `{b}`"),
            U::Unsigned(n) => return write!(f, "integer `{n}`"),
            U::Signed(n) => return write!(f, "integer `{n}`"),
            U::Float(v) => return write!(f, "floating point `{}`", zmij::Buffer::new().format(v)),
            U::Char(c) => return write!(f, "character `{c}`"),
            U::Str(s) => return write!(f, "string {}", super::read::quoted(s)),
            U::Other(other) => other,
            U::Bytes(_) => "byte array",
            U::Unit => "null",
            U::Option => "Option value",
            U::NewtypeStruct => "newtype struct",
            U::Seq => "sequence",
            U::Map => "map",
            U::Enum => "enum",
            U::UnitVariant => "unit variant",
            U::NewtypeVariant => "newtype variant",
            U::TupleVariant => "tuple variant",
            U::StructVariant => "struct variant",
        };
        f.write_str(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::Error as _;

    /// serde_json's error for the same call, displayed.
    fn theirs(e: serde_json::Error) -> String {
        e.to_string()
    }

    #[test]
    fn shape_messages_are_serde_jsons() {
        let cases: Vec<(Error, serde_json::Error)> = vec![
            (Error::invalid_type(Unexpected::Unit, &"a string"), serde_json::Error::invalid_type(Unexpected::Unit, &"a string")),
            (Error::invalid_type(Unexpected::Float(1.5), &"u32"), serde_json::Error::invalid_type(Unexpected::Float(1.5), &"u32")),
            (Error::invalid_type(Unexpected::Float(1e21), &"u32"), serde_json::Error::invalid_type(Unexpected::Float(1e21), &"u32")),
            (Error::invalid_type(Unexpected::Float(-0.0), &"u32"), serde_json::Error::invalid_type(Unexpected::Float(-0.0), &"u32")),
            (Error::invalid_value(Unexpected::Signed(-3), &"u8"), serde_json::Error::invalid_value(Unexpected::Signed(-3), &"u8")),
            (Error::invalid_value(Unexpected::Unsigned(300), &"u8"), serde_json::Error::invalid_value(Unexpected::Unsigned(300), &"u8")),
            (Error::invalid_type(Unexpected::Bool(true), &"a map"), serde_json::Error::invalid_type(Unexpected::Bool(true), &"a map")),
            (Error::invalid_type(Unexpected::Char('x'), &"a map"), serde_json::Error::invalid_type(Unexpected::Char('x'), &"a map")),
            (Error::invalid_type(Unexpected::Str("a\"b"), &"a map"), serde_json::Error::invalid_type(Unexpected::Str("a\"b"), &"a map")),
            (Error::invalid_type(Unexpected::Other("x"), &"a map"), serde_json::Error::invalid_type(Unexpected::Other("x"), &"a map")),
            (Error::missing_field("id"), serde_json::Error::missing_field("id")),
            (Error::duplicate_field("id"), serde_json::Error::duplicate_field("id")),
            (Error::unknown_variant("x", &["a", "b"]), serde_json::Error::unknown_variant("x", &["a", "b"])),
            (Error::invalid_length(2, &"3 items"), serde_json::Error::invalid_length(2, &"3 items")),
        ];
        for (ours, theirs_) in cases {
            assert_eq!(ours.to_string(), theirs(theirs_));
            assert_eq!((ours.line(), ours.column()), (0, 0));
        }
        for u in [
            Unexpected::Bytes(b"x"),
            Unexpected::Option,
            Unexpected::NewtypeStruct,
            Unexpected::Seq,
            Unexpected::Map,
            Unexpected::Enum,
            Unexpected::UnitVariant,
            Unexpected::NewtypeVariant,
            Unexpected::TupleVariant,
            Unexpected::StructVariant,
        ] {
            assert_eq!(Error::invalid_type(u, &"x").to_string(), theirs(serde_json::Error::invalid_type(u, &"x")));
        }
    }

    #[test]
    fn positions_count_bytes_from_the_line_start() {
        for (text, k, line, column) in [("[1,\n 2 x]", 7, 2, 3), ("\n", 1, 2, 0), ("ab\ncd\n", 6, 3, 0), ("", 0, 1, 0), ("abc", 9, 1, 3), ("é x", 4, 1, 4)] {
            let e = Error::custom("expected value").at(text, k);
            assert_eq!((e.line(), e.column()), (line, column), "{text:?} {k}");
            assert_eq!(e.to_string(), format!("expected value at line {line} column {column}"));
        }
    }
}
