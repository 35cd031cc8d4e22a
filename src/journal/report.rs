//! What the activity journal reports, for the dashboard's field panel
//! (pure): activities and participants by type, region, sex and age, from
//! this device's records and the reference endpoint's listing, each record
//! counted once.
//!
//! Counting rules (the field data is not the programme's results, so the
//! dashboard shows it apart):
//! * a record of this device counts once it is queued or sent; a draft
//!   does not exist yet and a refused record is being corrected;
//! * every record the endpoint lists counts (it took them);
//! * a record on both sides counts once, the higher revision (the server's
//!   on a tie);
//! * a record that a counted correction names in `corrects` no longer
//!   counts: the correction replaces it.

use super::record::{Activity, ActivityType};
use super::state::{State, Stored};
use crate::model::{StrIndex, StrSet};

/// Activities and their participants. Young people are counted within
/// women and men; people with disabilities within the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub activities: u64,
    pub women: u64,
    pub men: u64,
    pub young_women: u64,
    pub young_men: u64,
    pub disabled: u64,
}

impl Tally {
    pub fn add(&mut self, a: &Activity) {
        let p = &a.participants;
        self.activities += 1;
        self.women += u64::from(p.women);
        self.men += u64::from(p.men);
        self.young_women += u64::from(p.young_women);
        self.young_men += u64::from(p.young_men);
        self.disabled += u64::from(p.disabled.unwrap_or(0));
    }

    pub fn participants(&self) -> u64 {
        self.women + self.men
    }

    pub fn young(&self) -> u64 {
        self.young_women + self.young_men
    }
}

/// The field panel's figures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldReport {
    pub all: Tally,
    /// Every activity type, in the form's order (zero rows kept).
    pub by_type: Vec<(ActivityType, Tally)>,
    /// The given regions in their order (zero rows kept), then any other
    /// region a record names, by id.
    pub by_region: Vec<(String, Tally)>,
    /// Counted records that came from this device, and from the endpoint
    /// only.
    pub from_device: u64,
    pub from_server: u64,
}

/// The records that count (see the module's rules), device ones first.
pub fn counted<'a>(device: &'a [Stored], server: &'a [Activity]) -> Vec<&'a Activity> {
    // Each id once, in order of first appearance; `held[at[id]]` the version that counts.
    let mut at = StrIndex::default();
    let mut held: Vec<&Activity> = Vec::new();
    let device = device.iter().filter(|s| matches!(s.state, State::Queued { .. } | State::Sent { .. }));
    for a in device.map(|s| &s.record).chain(server) {
        match at.get(a.id.as_str()) {
            None => {
                at.insert(&a.id, held.len());
                held.push(a);
            }
            // A device record stands against an older revision from the endpoint.
            Some(&i) if a.revision >= held[i].revision => held[i] = a,
            Some(_) => {}
        }
    }
    let corrected: StrSet = held.iter().filter_map(|a| a.corrects.as_deref()).collect();
    held.into_iter().filter(|a| !corrected.contains(a.id.as_str())).collect()
}

/// Tallies the counted records that `keep` keeps; `regions`: the rows of
/// the by-region view, in order. `device_ids`: ids of this device's records
/// (to say where the figures come from).
pub fn field_report(records: &[&Activity], keep: impl Fn(&Activity) -> bool, regions: &[&str], device_ids: &StrSet) -> FieldReport {
    let mut out = FieldReport {
        by_type: ActivityType::ALL.iter().map(|t| (*t, Tally::default())).collect(),
        by_region: regions.iter().map(|r| (r.to_string(), Tally::default())).collect(),
        ..FieldReport::default()
    };
    for a in records.iter().copied().filter(|a| keep(a)) {
        out.all.add(a);
        if let Some((_, t)) = out.by_type.iter_mut().find(|(t, _)| *t == a.activity_type) {
            t.add(a);
        }
        match out.by_region.iter_mut().find(|(r, _)| *r == a.region) {
            Some((_, t)) => t.add(a),
            None => {
                let mut t = Tally::default();
                t.add(a);
                out.by_region.push((a.region.clone(), t));
            }
        }
        if device_ids.contains(a.id.as_str()) {
            out.from_device += 1;
        } else {
            out.from_server += 1;
        }
    }
    out
}

/// An answer that is not a listing of the reference endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAListing;

/// One page of `GET /api/activities`: its records and the next page's URL
/// (`None` on the last). Items whose record does not read as a record are
/// counted in the third value, not used. `Err` when the answer is not such
/// a listing (another kind of endpoint).
pub fn parse_listing(text: &str) -> Result<(Vec<Activity>, Option<String>, usize), NotAListing> {
    use crate::model::read::{read, read_struct, Raw};
    struct Item {
        record: Raw,
    }
    read_struct!(Item { record: need });
    struct Listing {
        items: Vec<Item>,
        next: Option<String>,
    }
    read_struct!(Listing { items: need, next: optional });
    let listing: Listing = read(text).map_err(|_| NotAListing)?;
    let mut unreadable = 0;
    let records = listing
        .items
        .iter()
        .filter_map(|i| {
            let read = Activity::from_json(&i.record.0).ok().filter(|a| super::check::check(a).is_empty());
            unreadable += usize::from(read.is_none());
            read
        })
        .collect();
    Ok((records, listing.next, unreadable))
}

/// The listing's first page for an endpoint that is the reference one
/// (its path ends in `/api/activities`), at the largest page size; `None`
/// for any other endpoint, whose reading API is unknown.
pub fn listing_url(endpoint: &str) -> Option<String> {
    let base = endpoint.split(['?', '#']).next()?.trim_end_matches('/');
    base.ends_with("/api/activities").then(|| format!("{base}?limit={LISTING_PAGE}"))
}

/// Records asked per page: about 400 KB, under the 1 MiB the app reads of
/// an answer.
pub const LISTING_PAGE: u32 = 500;
/// Pages read at most for one dashboard (so 100,000 records).
pub const LISTING_MAX_PAGES: usize = 200;

/// The URL of a `next` link (a path on the endpoint's origin, or a full
/// URL on that same origin); `None` for a link elsewhere, never followed
/// with the credentials.
pub fn next_url(endpoint: &str, next: &str) -> Option<String> {
    let origin_end = endpoint.find("://").map(|i| i + 3).and_then(|i| endpoint[i..].find('/').map(|j| i + j)).unwrap_or(endpoint.len());
    let origin = &endpoint[..origin_end];
    if next.starts_with('/') && !next.starts_with("//") {
        Some(format!("{origin}{next}"))
    } else {
        next.strip_prefix(origin).filter(|rest| rest.starts_with('/')).map(|_| next.to_string())
    }
}

/// Where reading the endpoint's listing stands, for the panel's note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ServerRead {
    /// The configured endpoint is not the reference one: nothing to read.
    #[default]
    NotReference,
    Offline,
    Reading,
    /// 401 or 403.
    Denied,
    /// No answer, another status, or an answer that is not a listing.
    Failed,
    /// Read; `partial`: stopped at [`LISTING_MAX_PAGES`].
    Done { partial: bool, unreadable: usize },
}

/// What one answer of the listing gives.
#[derive(Debug, Clone, PartialEq)]
pub enum PageRead {
    /// Its records, the next page's URL (`None`: the last page), and the
    /// number of items that did not read as records.
    Records(Vec<Activity>, Option<String>, usize),
    /// Reading stops here.
    Stop(ServerRead),
}

/// Judges one answer of `GET` on the listing of `endpoint`: `status` is
/// `None` when no HTTP answer came.
pub fn read_page(endpoint: &str, status: Option<u16>, body: &str) -> PageRead {
    match status {
        Some(200) => match parse_listing(body) {
            Ok((records, next, unreadable)) => match next {
                None => PageRead::Records(records, None, unreadable),
                Some(link) => match next_url(endpoint, &link) {
                    Some(url) => PageRead::Records(records, Some(url), unreadable),
                    None => PageRead::Stop(ServerRead::Failed),
                },
            },
            Err(NotAListing) => PageRead::Stop(ServerRead::Failed),
        },
        Some(401 | 403) => PageRead::Stop(ServerRead::Denied),
        _ => PageRead::Stop(ServerRead::Failed),
    }
}
