//! The programme's timeline laid out (pure): its named periods and each
//! project's period on one axis, in per-mille of the axis so the page draws
//! them with percentages (integer arithmetic: float formatting costs wasm).

use super::dataset::Dataset;
use super::project::Project;
use super::programme::Period;
use chrono::{Datelike, NaiveDate};

/// A bar's place on the axis, in thousandths of its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub left: u32,
    pub width: u32,
}

/// The narrowest bar drawn (a one-day period such as the ceremony stays
/// visible and tappable): 0.8 % of the axis.
pub const MIN_WIDTH: u32 = 8;

/// The axis and its bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline<'a> {
    /// First day of the first month shown.
    pub start: NaiveDate,
    /// First day of the month after the last one shown (exclusive).
    pub end: NaiveDate,
    /// The first day of every month on the axis, with its place.
    pub months: Vec<(NaiveDate, u32)>,
    pub periods: Vec<(&'a Period, Span)>,
    pub projects: Vec<(&'a Project, Span)>,
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

/// The timeline of the programme's periods and of `projects` (in their
/// order), from the first month any of them starts to the month the last
/// one ends. `None` when there is nothing to draw.
pub fn timeline<'a>(ds: &'a Dataset, projects: &[&'a Project]) -> Option<Timeline<'a>> {
    let periods = &ds.programme.periods;
    let starts = periods.iter().map(|p| p.start).chain(projects.iter().map(|p| p.start));
    let ends = periods.iter().map(|p| p.end).chain(projects.iter().map(|p| p.end));
    let start = first_of_month(starts.min()?);
    let end = next_month(ends.max()?);
    let days = (end - start).num_days().max(1);
    let at = |d: NaiveDate| ((d - start).num_days().clamp(0, days) * 1000 / days) as u32;
    let span = |s: NaiveDate, e: NaiveDate| {
        let left = at(s).min(1000 - MIN_WIDTH);
        let right = at(e.succ_opt().unwrap_or(e)).max(left + MIN_WIDTH);
        Span { left, width: right - left }
    };
    let mut months = Vec::new();
    let mut m = start;
    while m < end {
        months.push((m, at(m)));
        m = next_month(m);
    }
    Some(Timeline {
        start,
        end,
        months,
        periods: periods.iter().map(|p| (p, span(p.start, p.end))).collect(),
        projects: projects.iter().map(|p| (*p, span(p.start, p.end))).collect(),
    })
}
