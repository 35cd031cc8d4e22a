//! Content rules of a dataset. [`validate`] returns every problem at once.

use super::dataset::{Dataset, SCHEMA_VERSION};
use super::indicator::{Figures, Indicator, Unit};
use super::problem::{Problem, ProblemKind as K};
use super::programme::{Level, LogframeNode, Period};
use super::project::Project;
use super::text::Text;
use crate::i18n::{msg, Arg, Msg};
use super::{StrIndex, StrSet};
use std::fmt::Display;

/// Longest title or name, in characters.
pub const MAX_TITLE: usize = 160;
/// Longest summary, in characters.
pub const MAX_SUMMARY: usize = 1200;
/// Longest other text, in characters.
pub const MAX_TEXT: usize = 2000;
/// Longest id, in characters.
pub const MAX_ID: usize = 64;

/// Checks every content rule and returns all problems found (empty: valid).
///
/// Rules: supported `schema_version`; ids well formed (1–64 ASCII letters,
/// digits, `-`, `_`, `.`) and unique per kind (projects, organisations,
/// regions, cercles, indicators, logframe nodes, periods); every reference
/// resolves; no repeated reference; a cercle of a project lies in one of the
/// project's regions; projects only in in-scope regions, with at least one
/// region and a lead; start ≤ end; project dates inside the grants period
/// (which must exist); counts and amounts ≥ 0, percentages ≤ 100;
/// breakdowns given exactly when the indicator asks for them and adding up
/// (women + men = total, youth + other = total); required texts non-empty in
/// both languages; titles and names ≤ 160 characters, summaries ≤ 1200,
/// other texts ≤ 2000; currency a 3-letter code; e-mail with `@`; logframe
/// levels in order (global objective → intermediate → immediate → output).
pub fn validate(ds: &Dataset) -> Vec<Problem> {
    let mut c = Check { ds, out: Vec::new() };
    if ds.schema_version != SCHEMA_VERSION {
        c.push(
            "schema_version",
            K::SchemaVersion,
            msg!(v_schema_unsupported),
            vec![("found", a(&ds.schema_version)), ("expected", a(&SCHEMA_VERSION))],
        );
    }
    c.programme();
    c.indicators();
    c.regions();
    c.organisations();
    for (i, p) in ds.projects.iter().enumerate() {
        c.project(&format!("projects[{i}]"), p);
    }
    c.unique(
        ds.projects.iter().enumerate().map(|(i, p)| (format!("projects[{i}].id"), p.id.as_str())),
    );
    c.out
}

/// A value for a message.
fn a(v: &dyn Display) -> Arg {
    Arg::text(v)
}

struct Check<'a> {
    ds: &'a Dataset,
    out: Vec<Problem>,
}

impl Check<'_> {
    fn push(&mut self, path: impl Into<String>, kind: K, msg: Msg, args: Vec<(&'static str, Arg)>) {
        self.out.push(Problem::new(path.into(), kind, msg, args));
    }

    fn text(&mut self, path: &str, t: &Text, max: usize) {
        self.string(&format!("{path}.fr"), &t.fr, max);
        self.string(&format!("{path}.en"), &t.en, max);
    }

    fn string(&mut self, path: &str, s: &str, max: usize) {
        let n = s.chars().count();
        if s.trim().is_empty() {
            self.push(path, K::EmptyText, msg!(v_text_empty), Vec::new());
        } else if n > max {
            self.push(
                path,
                K::TooLong,
                msg!(v_text_too_long),
                vec![("n", a(&n)), ("max", a(&max))],
            );
        }
    }

    fn id(&mut self, path: &str, id: &str) {
        let ok = !id.is_empty()
            && id.chars().count() <= MAX_ID
            && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !ok {
            self.push(
                path,
                K::Format,
                msg!(v_id_format),
                vec![("id", a(&id)), ("max", a(&MAX_ID))],
            );
        }
    }

    /// Reports every id seen before, pointing at its first occurrence.
    fn unique<'i>(&mut self, ids: impl Iterator<Item = (String, &'i str)>) {
        let mut seen = StrIndex::default();
        let mut firsts: Vec<String> = Vec::new();
        for (path, id) in ids {
            match seen.get(id) {
                Some(&first) => self.push(
                    path,
                    K::DuplicateId,
                    msg!(v_dup_id),
                    vec![("id", a(&id)), ("first", a(&firsts[first]))],
                ),
                None => {
                    seen.insert(id, firsts.len());
                    firsts.push(path);
                }
            }
        }
    }

    /// `what`: `msg!(v_unknown_region)`…, one message per kind of record.
    fn unknown(&mut self, path: &str, what: Msg, id: &str) {
        self.push(path, K::UnknownReference, what, vec![("id", a(&id))]);
    }

    fn repeated(&mut self, path: &str, id: &str) {
        self.push(path, K::Repeated, msg!(v_repeated), vec![("id", a(&id))]);
    }

    fn missing(&mut self, path: &str, msg: Msg, args: Vec<(&'static str, Arg)>) {
        self.push(path, K::Missing, msg, args);
    }

    fn dates(&mut self, path: &str, start: chrono::NaiveDate, end: chrono::NaiveDate) {
        if start > end {
            self.push(
                format!("{path}.end"),
                K::DateOrder,
                msg!(v_date_order),
                vec![("start", a(&start)), ("end", a(&end))],
            );
        }
    }

    fn programme(&mut self) {
        let pg = &self.ds.programme;
        self.text("programme.name", &pg.name, MAX_TITLE);
        self.text("programme.funder", &pg.funder, MAX_TITLE);
        self.text("programme.funding_instrument", &pg.funding_instrument, MAX_TITLE);
        for (i, p) in pg.implementing_partners.iter().enumerate() {
            self.string(&format!("programme.implementing_partners[{i}].name"), &p.name, MAX_TITLE);
            self.text(&format!("programme.implementing_partners[{i}].role"), &p.role, MAX_TITLE);
        }
        for (i, p) in pg.periods.iter().enumerate() {
            let path = format!("programme.periods[{i}]");
            self.id(&format!("{path}.id"), &p.id);
            self.text(&format!("{path}.label"), &p.label, MAX_TITLE);
            self.dates(&path, p.start, p.end);
            if let Some(place) = &p.place {
                self.string(&format!("{path}.place"), place, MAX_TITLE);
            }
        }
        self.unique(
            pg.periods
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("programme.periods[{i}].id"), p.id.as_str())),
        );
        if pg.grants_period().is_none() {
            self.missing("programme.periods", msg!(v_grants_missing), vec![("id", a(&Period::GRANTS))]);
        }
        let mut ids = Vec::new();
        self.node("programme.logframe".into(), &pg.logframe, Level::GlobalObjective, &mut ids);
        self.unique(ids.into_iter());
    }

    fn node<'n>(
        &mut self,
        path: String,
        n: &'n LogframeNode,
        expected: Level,
        ids: &mut Vec<(String, &'n str)>,
    ) {
        self.id(&format!("{path}.id"), &n.id);
        ids.push((format!("{path}.id"), n.id.as_str()));
        if n.level != expected {
            self.push(
                format!("{path}.level"),
                K::LogframeLevel,
                msg!(v_logframe_level),
                vec![("expected", a(&expected.slug())), ("found", a(&n.level.slug()))],
            );
        }
        self.text(&format!("{path}.text"), &n.text, MAX_TEXT);
        for (k, ind) in n.indicators.iter().enumerate() {
            if self.ds.indicator(ind).is_none() {
                self.unknown(&format!("{path}.indicators[{k}]"), msg!(v_unknown_indicator), ind);
            }
        }
        match n.level.child() {
            Some(child) => {
                for (k, c) in n.children.iter().enumerate() {
                    self.node(format!("{path}.children[{k}]"), c, child, ids);
                }
            }
            None if !n.children.is_empty() => self.push(
                format!("{path}.children"),
                K::LogframeLevel,
                msg!(v_logframe_output_children),
                Vec::new(),
            ),
            None => {}
        }
    }

    fn indicators(&mut self) {
        for (i, ind) in self.ds.indicators.iter().enumerate() {
            let path = format!("indicators[{i}]");
            self.id(&format!("{path}.id"), &ind.id);
            self.text(&format!("{path}.label"), &ind.label, MAX_TITLE);
            if ind.unit == Unit::Percent && !ind.disaggregation.is_empty() {
                self.push(
                    format!("{path}.disaggregation"),
                    K::Disaggregation,
                    msg!(v_percent_breakdown),
                    Vec::new(),
                );
            }
            let mut seen = StrSet::default();
            for (k, axis) in ind.disaggregation.iter().enumerate() {
                if !seen.insert(axis.slug()) {
                    self.repeated(&format!("{path}.disaggregation[{k}]"), axis.slug());
                }
            }
        }
        self.unique(
            self.ds
                .indicators
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("indicators[{i}].id"), x.id.as_str())),
        );
    }

    fn regions(&mut self) {
        let mut cercles = Vec::new();
        for (i, r) in self.ds.regions.iter().enumerate() {
            self.id(&format!("regions[{i}].id"), &r.id);
            self.string(&format!("regions[{i}].name"), &r.name, MAX_TITLE);
            for (k, c) in r.cercles.iter().enumerate() {
                let path = format!("regions[{i}].cercles[{k}]");
                self.id(&format!("{path}.id"), &c.id);
                self.string(&format!("{path}.name"), &c.name, MAX_TITLE);
                cercles.push((format!("{path}.id"), c.id.as_str()));
            }
        }
        self.unique(
            self.ds
                .regions
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("regions[{i}].id"), r.id.as_str())),
        );
        self.unique(cercles.into_iter());
    }

    fn region_refs(&mut self, path: &str, ids: &[String]) {
        let mut seen = StrSet::default();
        for (k, id) in ids.iter().enumerate() {
            let p = format!("{path}[{k}]");
            if self.ds.region(id).is_none() {
                self.unknown(&p, msg!(v_unknown_region), id);
            } else if !seen.insert(id.as_str()) {
                self.repeated(&p, id);
            }
        }
    }

    fn organisations(&mut self) {
        for (i, o) in self.ds.organisations.iter().enumerate() {
            let path = format!("organisations[{i}]");
            self.id(&format!("{path}.id"), &o.id);
            self.string(&format!("{path}.name"), &o.name, MAX_TITLE);
            if let Some(a) = &o.acronym {
                self.string(&format!("{path}.acronym"), a, MAX_TITLE);
            }
            if self.ds.region(&o.home_region).is_none() {
                self.unknown(&format!("{path}.home_region"), msg!(v_unknown_region), &o.home_region);
            }
            self.region_refs(&format!("{path}.regions"), &o.regions);
            if let Some(c) = &o.contact {
                for (name, v) in [
                    ("email", &c.email),
                    ("phone", &c.phone),
                    ("website", &c.website),
                    ("address", &c.address),
                ] {
                    if let Some(v) = v {
                        self.string(&format!("{path}.contact.{name}"), v, MAX_TITLE);
                    }
                }
                if let Some(email) =
                    c.email.as_deref().filter(|e| !e.trim().is_empty() && !e.contains('@'))
                {
                    self.push(
                        format!("{path}.contact.email"),
                        K::Format,
                        msg!(v_email_format),
                        vec![("email", a(&email))],
                    );
                }
            }
        }
        self.unique(
            self.ds
                .organisations
                .iter()
                .enumerate()
                .map(|(i, o)| (format!("organisations[{i}].id"), o.id.as_str())),
        );
    }

    fn project(&mut self, path: &str, p: &Project) {
        self.id(&format!("{path}.id"), &p.id);
        self.text(&format!("{path}.title"), &p.title, MAX_TITLE);
        self.text(&format!("{path}.summary"), &p.summary, MAX_SUMMARY);

        if p.regions.is_empty() {
            self.missing(&format!("{path}.regions"), msg!(v_project_no_region), Vec::new());
        }
        self.region_refs(&format!("{path}.regions"), &p.regions);
        for (k, id) in p.regions.iter().enumerate() {
            if let Some(r) = self.ds.region(id).filter(|r| !r.in_scope) {
                let args = vec![("name", a(&r.name))];
                self.push(format!("{path}.regions[{k}]"), K::OutOfScope, msg!(v_region_out_of_scope), args);
            }
        }
        let mut seen = StrSet::default();
        for (k, id) in p.cercles.iter().enumerate() {
            let cp = format!("{path}.cercles[{k}]");
            match self.ds.cercle(id) {
                None => self.unknown(&cp, msg!(v_unknown_cercle), id),
                Some(_) if !seen.insert(id.as_str()) => self.repeated(&cp, id),
                Some((r, c)) if !p.regions.contains(&r.id) => {
                    let args = vec![("cercle", a(&c.name)), ("region", a(&r.name))];
                    self.push(cp, K::CercleOutsideRegions, msg!(v_cercle_outside), args);
                }
                Some(_) => {}
            }
        }
        for (k, c) in p.communes.iter().enumerate() {
            self.string(&format!("{path}.communes[{k}]"), c, MAX_TITLE);
        }

        if p.lead.is_empty() {
            self.missing(&format!("{path}.lead"), msg!(v_project_no_lead), Vec::new());
        } else if self.ds.organisation(&p.lead).is_none() {
            self.unknown(&format!("{path}.lead"), msg!(v_unknown_organisation), &p.lead);
        }
        let mut seen = StrSet::from_iter([p.lead.as_str()]);
        for (k, id) in p.partners.iter().enumerate() {
            let pp = format!("{path}.partners[{k}]");
            if self.ds.organisation(id).is_none() {
                self.unknown(&pp, msg!(v_unknown_organisation), id);
            } else if !seen.insert(id.as_str()) {
                self.repeated(&pp, id);
            }
        }

        self.dates(path, p.start, p.end);
        if let Some(g) = self.ds.programme.grants_period() {
            let (gs, ge) = (g.start, g.end);
            for (name, d) in [("start", p.start), ("end", p.end)] {
                if !g.contains(d) {
                    self.push(
                        format!("{path}.{name}"),
                        K::OutsidePeriod,
                        msg!(v_outside_grants),
                        vec![("date", a(&d)), ("start", a(&gs)), ("end", a(&ge))],
                    );
                }
            }
        }
        if let Some(b) = &p.budget {
            if b.amount < 0 {
                self.negative(&format!("{path}.budget.amount"), b.amount);
            }
            if !(b.currency.len() == 3 && b.currency.chars().all(|c| c.is_ascii_uppercase())) {
                self.push(
                    format!("{path}.budget.currency"),
                    K::Format,
                    msg!(v_currency_format),
                    vec![("currency", a(&b.currency))],
                );
            }
        }

        let mut seen = StrSet::default();
        for (k, r) in p.results.iter().enumerate() {
            let rp = format!("{path}.results[{k}]");
            let ind = self.ds.indicator(&r.indicator);
            if ind.is_none() {
                self.unknown(&format!("{rp}.indicator"), msg!(v_unknown_indicator), &r.indicator);
            } else if !seen.insert(r.indicator.as_str()) {
                self.repeated(&format!("{rp}.indicator"), &r.indicator);
            }
            self.figures(&format!("{rp}.target"), &r.target, ind);
            self.figures(&format!("{rp}.achieved"), &r.achieved, ind);
        }
        for (k, c) in p.challenges.iter().enumerate() {
            self.text(&format!("{path}.challenges[{k}].challenge"), &c.challenge, MAX_TEXT);
            self.text(&format!("{path}.challenges[{k}].solution"), &c.solution, MAX_TEXT);
        }
        for (k, l) in p.lessons.iter().enumerate() {
            self.text(&format!("{path}.lessons[{k}]"), l, MAX_TEXT);
        }
        for (k, r) in p.recommendations.iter().enumerate() {
            self.text(&format!("{path}.recommendations[{k}].text"), &r.text, MAX_TEXT);
        }
    }

    fn negative(&mut self, path: &str, v: i64) {
        self.push(path, K::Negative, msg!(v_negative), vec![("v", a(&v))]);
    }

    fn figures(&mut self, path: &str, f: &Figures, ind: Option<&Indicator>) {
        for (name, v) in f.fields() {
            if let Some(v) = v.filter(|v| *v < 0) {
                self.negative(&format!("{path}.{name}"), v);
            }
        }
        let Some(ind) = ind else { return };
        if ind.unit == Unit::Percent && f.total > 100 {
            self.push(
                format!("{path}.total"),
                K::OutOfRange,
                msg!(v_percent_above_100),
                vec![("v", a(&f.total))],
            );
        }
        // Per axis: whether the indicator asks for it, its two parts, the
        // messages for a part missing and for a part in excess.
        let axes = [
            (
                ind.by_sex(),
                ("women", f.women),
                ("men", f.men),
                msg!(v_breakdown_missing_sex),
                msg!(v_breakdown_extra_sex),
            ),
            (
                ind.by_age(),
                ("youth", f.youth),
                ("other", f.other),
                msg!(v_breakdown_missing_age),
                msg!(v_breakdown_extra_age),
            ),
        ];
        for (wanted, (pa, va), (pb, vb), missing, extra) in axes {
            for (name, v) in [(pa, va), (pb, vb)] {
                let m = match (wanted, v) {
                    (true, None) => missing,
                    (false, Some(_)) => extra,
                    _ => continue,
                };
                let args = vec![("name", a(&name)), ("indicator", a(&ind.id))];
                self.push(format!("{path}.{name}"), K::Disaggregation, m, args);
            }
            if let (true, Some(x), Some(y)) = (wanted, va, vb) {
                let sum = x.saturating_add(y);
                if sum != f.total {
                    let args = vec![
                        ("a", a(&pa)),
                        ("x", a(&x)),
                        ("b", a(&pb)),
                        ("y", a(&y)),
                        ("sum", a(&sum)),
                        ("total", a(&f.total)),
                    ];
                    self.push(path, K::DisaggregationSum, msg!(v_breakdown_sum), args);
                }
            }
        }
    }
}
