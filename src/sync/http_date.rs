//! HTTP dates (`Sun, 06 Nov 1994 08:49:37 GMT`, the IMF-fixdate of RFC 9110),
//! read by hand: the `Date` and `Retry-After` headers need no more.

use chrono::NaiveDate;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Milliseconds since 1970 of an IMF-fixdate; `None` when it does not read.
pub fn parse(s: &str) -> Option<i64> {
    let rest = s.trim().split_once(", ")?.1;
    let mut f = rest.split(' ');
    let day: u32 = f.next()?.parse().ok()?;
    let name = f.next()?;
    let month = MONTHS.iter().position(|m| *m == name)? as u32 + 1;
    let year: i32 = f.next()?.parse().ok()?;
    let time = f.next()?;
    if f.next()? != "GMT" || f.next().is_some() {
        return None;
    }
    let minutes = crate::journal::check::parse_hh_mm(time.get(..5)?)?;
    let seconds: u32 = time.get(5..)?.strip_prefix(':')?.parse().ok().filter(|s| *s < 61)?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let days = date.signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days();
    Some(((days * 1440 + i64::from(minutes)) * 60 + i64::from(seconds)) * 1000)
}

/// The same instant as UTC RFC 3339 (`1994-11-06T08:49:37Z`).
pub fn to_rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let date = NaiveDate::from_ymd_opt(1970, 1, 1).and_then(|d| d.checked_add_signed(chrono::Duration::days(days))).unwrap_or_default();
    format!("{}T{:02}:{:02}:{:02}Z", crate::model::date::format(date), rem / 3600, rem % 3600 / 60, rem % 60)
}
