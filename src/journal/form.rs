//! The activity form as data (pure): a [`Draft`] holds exactly what was
//! typed, as text, so nothing is lost on an error, a reload or a crash; it
//! is saved as the user types. [`validate`] turns it into an [`Activity`]
//! or every [`FieldError`], with the programme data and today's date.
//! [`new_draft`] gives the defaults, [`projects_for`] the project list
//! (the profile's CSO's projects first), [`edit_of`] and [`correction_of`]
//! a draft from a record.

use super::check::{check_participants, parse_hh_mm, Field, FieldError, MAX_DESCRIPTION, MAX_DURATION_MIN, MAX_SHORT, MAX_TITLE};
use super::state::Stored;
use super::record::{Activity, ActivityType, Author, Participants, Position, RECORD_SCHEMA_VERSION};
use crate::i18n::msg;
use crate::model::{date, Dataset, Project};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How long before a project's start an activity may be dated (preparation
/// meetings), in days.
pub const BEFORE_START_DAYS: i64 = 90;

/// The form's content, as typed. Stored under `drafts/<id>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The id the record will have.
    pub id: String,
    /// Set when the draft edits a record (queued or refused): its revision.
    pub editing: Option<u32>,
    pub corrects: Option<String>,
    /// When the draft (or the record it edits) was created, UTC RFC 3339.
    pub created_at: String,
    /// Last change, UTC RFC 3339 (the journal sorts drafts by it).
    pub updated_at: String,
    pub project: String,
    pub region: String,
    pub cercle: String,
    pub locality: String,
    pub date: String,
    pub start_time: String,
    pub duration_min: String,
    pub activity_type: String,
    pub activity_type_other: String,
    pub indicators: Vec<String>,
    pub title: String,
    pub description: String,
    pub women: String,
    pub men: String,
    pub young_women: String,
    pub young_men: String,
    pub disabled: String,
    pub position: Option<Position>,
}

/// What validation needs besides the draft.
pub struct Context<'a> {
    pub ds: &'a Dataset,
    pub today: NaiveDate,
    /// Now, UTC RFC 3339, and the device's offset (`±HH:MM`).
    pub now: &'a str,
    pub utc_offset: &'a str,
    pub author: &'a Author,
    pub device_id: &'a str,
}

/// A new draft: today's date, the profile's only project when it has one.
pub fn new_draft(id: String, now: &str, today: NaiveDate, ds: &Dataset, cso: &str) -> Draft {
    let mut d = Draft { id, created_at: now.into(), updated_at: now.into(), date: date::format(today), ..Draft::default() };
    let own: Vec<&Project> = ds.projects.iter().filter(|p| involves(p, cso)).collect();
    if let [p] = own.as_slice() {
        d.project = p.id.clone();
        if let [r] = p.regions.as_slice() {
            d.region = r.clone();
        }
    }
    d
}

fn involves(p: &Project, cso: &str) -> bool {
    p.lead == cso || p.partners.iter().any(|o| o == cso)
}

/// The projects for the form's list: the CSO's own first, then the others,
/// each group in data order.
pub fn projects_for<'a>(ds: &'a Dataset, cso: &str) -> Vec<&'a Project> {
    let (mut own, others): (Vec<&Project>, Vec<&Project>) = ds.projects.iter().partition(|p| involves(p, cso));
    own.extend(others);
    own
}

/// The regions the chosen project allows (all in-scope regions before one
/// is chosen).
pub fn regions_for<'a>(ds: &'a Dataset, project: &str) -> Vec<&'a crate::model::Region> {
    match ds.project(project) {
        Some(p) => ds.regions.iter().filter(|r| p.regions.contains(&r.id)).collect(),
        None => ds.in_scope_regions().collect(),
    }
}

/// The count in a participant field: empty is 0; anything but digits is an
/// error (no sign, no decimals).
fn count(text: &str, field: Field, out: &mut Vec<FieldError>) -> u32 {
    let t = text.trim();
    if t.is_empty() {
        return 0;
    }
    match t.parse::<u32>() {
        Ok(n) if t.bytes().all(|b| b.is_ascii_digit()) => n,
        _ if t.bytes().all(|b| b.is_ascii_digit()) => {
            out.push(FieldError::new(field, msg!(j_err_total_max)).with("max", super::check::MAX_PARTICIPANTS));
            0
        }
        _ => {
            out.push(FieldError::new(field, msg!(j_err_count)));
            0
        }
    }
}

/// The participants as typed, and their total (for the live total).
pub fn participants(d: &Draft) -> (Participants, Vec<FieldError>) {
    let mut out = Vec::new();
    let women = count(&d.women, Field::Women, &mut out);
    let men = count(&d.men, Field::Men, &mut out);
    let young_women = count(&d.young_women, Field::YoungWomen, &mut out);
    let young_men = count(&d.young_men, Field::YoungMen, &mut out);
    let disabled = (!d.disabled.trim().is_empty()).then(|| count(&d.disabled, Field::Disabled, &mut out));
    let p = Participants { women, men, young_women, young_men, disabled, total: women.saturating_add(men) };
    if out.is_empty() {
        check_participants(&p, &mut out);
    }
    (p, out)
}

/// Checks the draft against every rule; the record when all hold.
pub fn validate(d: &Draft, cx: &Context) -> Result<Activity, Vec<FieldError>> {
    let mut out = Vec::new();
    let required = |out: &mut Vec<FieldError>, field| out.push(FieldError::new(field, msg!(j_err_required)));

    // Where.
    let project = cx.ds.project(d.project.trim());
    match project {
        None if d.project.trim().is_empty() => required(&mut out, Field::Project),
        None => out.push(FieldError::new(Field::Project, msg!(j_err_project_unknown))),
        Some(_) if d.region.trim().is_empty() => required(&mut out, Field::Region),
        Some(p) if !p.regions.iter().any(|r| r == d.region.trim()) => {
            out.push(FieldError::new(Field::Region, msg!(j_err_region_project)))
        }
        Some(_) => {}
    }
    // The cercle is checked against a region that is there (an error on
    // the region already says what is wrong).
    let cercle = d.cercle.trim();
    let region = cx.ds.region(d.region.trim());
    if !cercle.is_empty() && region.is_some_and(|r| r.cercle(cercle).is_none()) {
        out.push(FieldError::new(Field::Cercle, msg!(j_err_cercle_region)));
    }
    if d.locality.chars().count() > MAX_SHORT {
        out.push(FieldError::new(Field::Locality, msg!(j_err_too_long)).with("n", d.locality.chars().count()).with("max", MAX_SHORT));
    }

    // When.
    let day = date::parse(d.date.trim());
    match day {
        None if d.date.trim().is_empty() => required(&mut out, Field::Date),
        None => out.push(FieldError::new(Field::Date, msg!(j_err_date))),
        Some(day) if day > cx.today => {
            out.push(FieldError::new(Field::Date, msg!(j_err_date_future)).with("today", date::format(cx.today)))
        }
        Some(day) => {
            if let Some(p) = project {
                let earliest = p.start - chrono::Duration::days(BEFORE_START_DAYS);
                if day < earliest {
                    out.push(
                        FieldError::new(Field::Date, msg!(j_err_date_early))
                            .with("start", date::format(p.start))
                            .with("days", BEFORE_START_DAYS),
                    );
                }
            }
        }
    }
    let start_time = d.start_time.trim();
    if !start_time.is_empty() && parse_hh_mm(start_time).is_none() {
        out.push(FieldError::new(Field::StartTime, msg!(j_err_time)));
    }
    let duration = d.duration_min.trim();
    let duration_min = if duration.is_empty() {
        None
    } else {
        match duration.parse::<u32>() {
            Ok(m) if (1..=MAX_DURATION_MIN).contains(&m) && duration.bytes().all(|b| b.is_ascii_digit()) => Some(m),
            _ => {
                out.push(FieldError::new(Field::Duration, msg!(j_err_duration)).with("max", MAX_DURATION_MIN));
                None
            }
        }
    };

    // What.
    let kind = ActivityType::parse(d.activity_type.trim());
    if kind.is_none() {
        required(&mut out, Field::ActivityType);
    }
    let other = d.activity_type_other.trim();
    if kind == Some(ActivityType::Other) && other.is_empty() {
        out.push(FieldError::new(Field::ActivityTypeOther, msg!(j_err_other)));
    }
    if other.chars().count() > MAX_SHORT {
        out.push(FieldError::new(Field::ActivityTypeOther, msg!(j_err_too_long)).with("n", other.chars().count()).with("max", MAX_SHORT));
    }
    if let Some(p) = project {
        if let Some(bad) = d.indicators.iter().find(|i| !p.results.iter().any(|r| &r.indicator == *i)) {
            out.push(FieldError::new(Field::Indicators, msg!(j_err_indicator)).with("id", bad));
        }
    }
    let title = d.title.trim();
    if title.is_empty() {
        required(&mut out, Field::Title);
    } else if title.chars().count() > MAX_TITLE {
        out.push(FieldError::new(Field::Title, msg!(j_err_too_long)).with("n", title.chars().count()).with("max", MAX_TITLE));
    }
    let n = d.description.chars().count();
    if n > MAX_DESCRIPTION {
        out.push(FieldError::new(Field::Description, msg!(j_err_too_long)).with("n", n).with("max", MAX_DESCRIPTION));
    }

    // Who.
    let (participants, errors) = participants(d);
    out.extend(errors);

    match (out.is_empty(), day, kind) {
        (true, Some(day), Some(kind)) => checked(Activity {
            id: d.id.clone(),
            schema_version: RECORD_SCHEMA_VERSION,
            revision: d.editing.unwrap_or(1),
            corrects: d.corrects.clone(),
            created_at: d.created_at.clone(),
            updated_at: cx.now.into(),
            utc_offset: cx.utc_offset.into(),
            author: cx.author.clone(),
            device_id: cx.device_id.into(),
            project: d.project.trim().into(),
            region: d.region.trim().into(),
            cercle: (!cercle.is_empty()).then(|| cercle.into()),
            locality: d.locality.trim().into(),
            date: day,
            start_time: (!start_time.is_empty()).then(|| start_time.into()),
            duration_min,
            activity_type: kind,
            activity_type_other: if kind == ActivityType::Other { other.into() } else { String::new() },
            indicators: d.indicators.clone(),
            title: title.into(),
            description: d.description.trim_end().into(),
            participants,
            position: d.position,
            attachments: Vec::new(),
        }),
        _ => Err(out),
    }
}

/// The record as any reader of it checks it ([`super::check::check`]: the
/// server, an import on another phone): what the form saves, they take. An
/// invisible character pasted into a title (Android's sharing adds text
/// direction marks) is refused here, next to its field, not later by the
/// server or by the import that restores the journal on a new phone.
fn checked(a: Activity) -> Result<Activity, Vec<FieldError>> {
    let problems = super::check::check(&a);
    if problems.is_empty() {
        Ok(a)
    } else {
        Err(problems)
    }
}

/// A draft with a record's content, to edit it (same id; the edit keeps
/// the record's revision, raised by the caller when the record was refused).
pub fn edit_of(a: &Activity, revision: u32) -> Draft {
    let n = |v: u32| v.to_string();
    Draft {
        id: a.id.clone(),
        editing: Some(revision),
        corrects: a.corrects.clone(),
        created_at: a.created_at.clone(),
        updated_at: a.updated_at.clone(),
        project: a.project.clone(),
        region: a.region.clone(),
        cercle: a.cercle.clone().unwrap_or_default(),
        locality: a.locality.clone(),
        date: date::format(a.date),
        start_time: a.start_time.clone().unwrap_or_default(),
        duration_min: a.duration_min.map(n).unwrap_or_default(),
        activity_type: a.activity_type.code().into(),
        activity_type_other: a.activity_type_other.clone(),
        indicators: a.indicators.clone(),
        title: a.title.clone(),
        description: a.description.clone(),
        women: n(a.participants.women),
        men: n(a.participants.men),
        young_women: n(a.participants.young_women),
        young_men: n(a.participants.young_men),
        disabled: a.participants.disabled.map(n).unwrap_or_default(),
        position: a.position,
    }
}

/// A new draft correcting a sent record: its content, a new id, and
/// `corrects` set to the sent record's id.
pub fn correction_of(a: &Activity, new_id: String, now: &str) -> Draft {
    as_correction(edit_of(a, 1), &a.id, new_id, now)
}

/// `from`'s content as a new record correcting `of`.
fn as_correction(from: Draft, of: &str, new_id: String, now: &str) -> Draft {
    Draft { id: new_id, editing: None, corrects: Some(of.into()), created_at: now.into(), updated_at: now.into(), ..from }
}

/// Where `?edit=` starts: the draft of this edit when there is one (a
/// reload while editing, or an edit saved too late, while the record was
/// being sent), at the revision the record takes now (a refusal raises
/// it); else the record. `None` while the record cannot be edited.
pub fn edit_start(s: &Stored, draft: Option<Draft>) -> Option<Draft> {
    let revision = s.edit_revision()?;
    Some(match draft {
        Some(d) => Draft { editing: Some(revision), ..d },
        None => edit_of(&s.record, revision),
    })
}

/// Where `?correct=` starts: a new record correcting a sent one, from what
/// an edit saved too late left in the draft when there is one (what the
/// user typed), else from the record. `None` unless the record was sent.
pub fn correction_start(s: &Stored, draft: Option<&Draft>, new_id: String, now: &str) -> Option<Draft> {
    if !s.state.can_correct() {
        return None;
    }
    Some(match draft {
        Some(d) => as_correction(d.clone(), &s.record.id, new_id, now),
        None => correction_of(&s.record, new_id, now),
    })
}
