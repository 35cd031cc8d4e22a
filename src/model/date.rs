//! Dates as `"YYYY-MM-DD"` in JSON, read and written without chrono's
//! general-purpose format parser (which would add several KB to the wasm
//! bundle for the one format the data uses).

use chrono::{Datelike, NaiveDate};
use serde::{de, Deserialize, Deserializer, Serializer};

/// Parses exactly `YYYY-MM-DD` (a real calendar date).
pub fn parse(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + (c - b'0') as u32))
    };
    // From year 1: there is no year 0 in PostgreSQL's `date` (nor in the
    // Gregorian calendar), and a record dated so was refused by the store.
    let year = num(0..4).filter(|&y| y > 0)?;
    NaiveDate::from_ymd_opt(year as i32, num(5..7)?, num(8..10)?)
}

/// `YYYY-MM-DD`.
pub fn format(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(*d))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    // A standard serde message, so that `json_error` can translate it.
    parse(&s).ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&s), &"a YYYY-MM-DD date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(parse("2019-04-30"), NaiveDate::from_ymd_opt(2019, 4, 30));
        assert_eq!(parse("2020-02-29"), NaiveDate::from_ymd_opt(2020, 2, 29));
        for bad in ["2019-02-29", "2019-4-30", "2019/04/30", "20190430", "2019-13-01", "2019-04-3x", ""] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(format(parse("2018-01-05").unwrap()), "2018-01-05");
    }
}
