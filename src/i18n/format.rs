//! Dates and numbers as each language writes them (pure).

use super::Lang;
use chrono::{Datelike, NaiveDate};

const MONTHS_FR: [&str; 12] = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

fn month(lang: Lang, d: NaiveDate) -> &'static str {
    let i = d.month0() as usize;
    match lang {
        Lang::Fr => MONTHS_FR[i],
        Lang::En => MONTHS_EN[i],
    }
}

/// « 30 avril 2019 », « 1er mai 2019 » / « 30 April 2019 ».
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let first = if lang == Lang::Fr && d.day() == 1 { "er" } else { "" };
    format!("{}{first} {} {}", d.day(), month(lang, d), d.year())
}

/// « avril 2019 » / « April 2019 ».
pub fn month_year(lang: Lang, d: NaiveDate) -> String {
    format!("{} {}", month(lang, d), d.year())
}

/// A span by months (« janvier 2018 – avril 2019 »), or one day when the
/// span is a single day.
pub fn span(lang: Lang, start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        date(lang, start)
    } else {
        format!("{} – {}", month_year(lang, start), month_year(lang, end))
    }
}

/// Thousands grouped: « 12 500 » (narrow no-break space) / « 12,500 ».
pub fn number(lang: Lang, n: i64) -> String {
    let sep = match lang {
        Lang::Fr => "\u{202f}",
        Lang::En => ",",
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_in_both_languages() {
        assert_eq!(date(Lang::Fr, d("2019-04-30")), "30 avril 2019");
        assert_eq!(date(Lang::En, d("2019-04-30")), "30 April 2019");
        assert_eq!(span(Lang::Fr, d("2018-01-01"), d("2019-04-30")), "janvier 2018 – avril 2019");
        assert_eq!(span(Lang::En, d("2019-04-30"), d("2019-04-30")), "30 April 2019");
        assert_eq!(month_year(Lang::Fr, d("2018-02-01")), "février 2018");
        // The first of the month is « 1er » in French.
        assert_eq!(date(Lang::Fr, d("2018-01-01")), "1er janvier 2018");
        assert_eq!(date(Lang::En, d("2018-01-01")), "1 January 2018");
        assert_eq!(date(Lang::Fr, d("2018-02-02")), "2 février 2018");
        assert_eq!(span(Lang::Fr, d("2019-05-01"), d("2019-05-01")), "1er mai 2019");
    }

    #[test]
    fn numbers_grouped() {
        assert_eq!(number(Lang::En, 0), "0");
        assert_eq!(number(Lang::En, 999), "999");
        assert_eq!(number(Lang::En, 1000), "1,000");
        assert_eq!(number(Lang::En, 1234567), "1,234,567");
        assert_eq!(number(Lang::Fr, 12500), "12\u{202f}500");
        assert_eq!(number(Lang::En, -4500), "-4,500");
    }
}
