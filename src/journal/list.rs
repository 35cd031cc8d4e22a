//! The journal's list (pure): every draft and record as one row, filtered
//! by status, project and date, newest first, counted per status, and cut
//! into pages so that 5,000 records draw fast.

use super::form::Draft;
use super::state::{State, Status, Stored};
use chrono::NaiveDate;

/// Rows per page.
pub const PAGE: usize = 50;

/// One row of the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub status: Status,
    pub title: String,
    pub project: String,
    pub date: Option<NaiveDate>,
    /// Last change, UTC RFC 3339.
    pub updated_at: String,
    /// Send attempts with no final answer (queued records).
    pub attempts: u32,
}

impl Row {
    pub fn of_draft(d: &Draft) -> Row {
        Row {
            id: d.id.clone(),
            status: Status::Draft,
            title: d.title.trim().to_string(),
            project: d.project.clone(),
            date: crate::model::date::parse(d.date.trim()),
            updated_at: d.updated_at.clone(),
            attempts: 0,
        }
    }

    pub fn of_record(s: &Stored) -> Row {
        Row {
            id: s.record.id.clone(),
            status: s.state.status(),
            title: s.record.title.clone(),
            project: s.record.project.clone(),
            date: Some(s.record.date),
            updated_at: s.record.updated_at.clone(),
            attempts: s.state.attempts(),
        }
    }
}

/// The journal's filters (kept in the URL: `?status=&project=&from=&to=&page=`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub project: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// 0-based page.
    pub page: usize,
}

impl Filter {
    /// Reads a query string (`status=queued&project=prj-01&from=2026-01-01`);
    /// unknown or malformed values are ignored.
    pub fn from_query(query: &str) -> Filter {
        let mut f = Filter::default();
        for (k, v) in crate::model::search::query_pairs(query) {
            match k.as_str() {
                "status" => f.status = Status::parse(&v),
                "project" if !v.is_empty() => f.project = Some(v),
                "from" => f.from = crate::model::date::parse(&v),
                "to" => f.to = crate::model::date::parse(&v),
                "page" => f.page = v.parse::<usize>().map_or(0, |p| p.saturating_sub(1)),
                _ => {}
            }
        }
        f
    }

    /// The query string (empty when nothing is set), pages counted from 1.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.code()));
        }
        if let Some(p) = &self.project {
            parts.push(format!("project={}", crate::model::search::percent_encode(p)));
        }
        if let Some(d) = self.from {
            parts.push(format!("from={}", crate::model::date::format(d)));
        }
        if let Some(d) = self.to {
            parts.push(format!("to={}", crate::model::date::format(d)));
        }
        if self.page > 0 {
            parts.push(format!("page={}", self.page + 1));
        }
        if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
    }

    /// The row passes the filter (the page aside).
    pub fn keeps(&self, r: &Row) -> bool {
        self.status.is_none_or(|s| s == r.status)
            && self.project.as_ref().is_none_or(|p| *p == r.project)
            && self.from.is_none_or(|from| r.date.is_some_and(|d| d >= from))
            && self.to.is_none_or(|to| r.date.is_some_and(|d| d <= to))
    }
}

/// What the journal page shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listing {
    /// The rows of the current page.
    pub rows: Vec<Row>,
    /// Rows matching the filter (every page).
    pub matching: usize,
    pub pages: usize,
    /// The page shown (0-based, within range).
    pub page: usize,
    /// Count per status over all rows, ignoring the status filter, in
    /// [`Status::ALL`] order.
    pub counts: [usize; 4],
}

/// Newest first: by activity date, then by last change; undated drafts first.
pub fn listing(mut rows: Vec<Row>, f: &Filter) -> Listing {
    let mut counts = [0; 4];
    for r in &rows {
        counts[r.status as usize] += 1;
    }
    rows.retain(|r| f.keeps(r));
    rows.sort_by(|a, b| match (a.date, b.date) {
        (Some(x), Some(y)) => y.cmp(&x).then_with(|| b.updated_at.cmp(&a.updated_at)),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (None, None) => b.updated_at.cmp(&a.updated_at),
    });
    let matching = rows.len();
    let pages = matching.div_ceil(PAGE).max(1);
    let page = f.page.min(pages - 1);
    let rows = rows.into_iter().skip(page * PAGE).take(PAGE).collect();
    Listing { rows, matching, pages, page, counts }
}

/// How many records wait to be sent (the navigation's badge).
pub fn unsent<'a>(records: impl IntoIterator<Item = &'a Stored>) -> usize {
    records.into_iter().filter(|s| !matches!(s.state, State::Sent { .. })).count()
}
