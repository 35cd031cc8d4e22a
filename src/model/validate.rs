//! Content rules of a dataset. [`validate`] returns every problem at once.

use super::dataset::{Dataset, SCHEMA_VERSION};
use super::indicator::{Figures, Indicator, Unit};
use super::problem::{Problem, ProblemKind as K};
use super::programme::{Level, LogframeNode, Period};
use super::project::Project;
use super::text::Text;
use std::collections::{HashMap, HashSet};

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
            format!(
                "version de format {} non prise en charge (attendu : {SCHEMA_VERSION})",
                ds.schema_version
            ),
            format!(
                "unsupported format version {} (expected: {SCHEMA_VERSION})",
                ds.schema_version
            ),
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

struct Check<'a> {
    ds: &'a Dataset,
    out: Vec<Problem>,
}

impl Check<'_> {
    fn push(&mut self, path: impl Into<String>, kind: K, fr: String, en: String) {
        self.out.push(Problem::new(path, kind, fr, en));
    }

    fn text(&mut self, path: &str, t: &Text, max: usize) {
        self.string(&format!("{path}.fr"), &t.fr, max);
        self.string(&format!("{path}.en"), &t.en, max);
    }

    fn string(&mut self, path: &str, s: &str, max: usize) {
        let n = s.chars().count();
        if s.trim().is_empty() {
            self.push(
                path,
                K::EmptyText,
                "texte obligatoire vide".into(),
                "required text is empty".into(),
            );
        } else if n > max {
            self.push(
                path,
                K::TooLong,
                format!("texte trop long : {n} caractères (maximum {max})"),
                format!("text too long: {n} characters (maximum {max})"),
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
                format!("identifiant « {id} » invalide : 1 à {MAX_ID} lettres ASCII, chiffres, « - », « _ » ou « . »"),
                format!("invalid id \"{id}\": 1 to {MAX_ID} ASCII letters, digits, '-', '_' or '.'"),
            );
        }
    }

    /// Reports every id seen before, pointing at its first occurrence.
    fn unique<'i>(&mut self, ids: impl Iterator<Item = (String, &'i str)>) {
        let mut seen: HashMap<&str, String> = HashMap::new();
        for (path, id) in ids {
            match seen.get(id) {
                Some(first) => self.push(
                    path,
                    K::DuplicateId,
                    format!("identifiant « {id} » déjà utilisé ({first})"),
                    format!("id \"{id}\" already used ({first})"),
                ),
                None => {
                    seen.insert(id, path);
                }
            }
        }
    }

    fn unknown(&mut self, path: &str, what_fr: &str, what_en: &str, id: &str) {
        self.push(
            path,
            K::UnknownReference,
            format!("{what_fr} « {id} » introuvable"),
            format!("unknown {what_en} \"{id}\""),
        );
    }

    fn repeated(&mut self, path: &str, id: &str) {
        self.push(
            path,
            K::Repeated,
            format!("« {id} » figure deux fois"),
            format!("\"{id}\" is listed twice"),
        );
    }

    fn missing(&mut self, path: &str, fr: &str, en: &str) {
        self.push(path, K::Missing, fr.into(), en.into());
    }

    fn dates(&mut self, path: &str, start: chrono::NaiveDate, end: chrono::NaiveDate) {
        if start > end {
            self.push(
                format!("{path}.end"),
                K::DateOrder,
                format!("la fin ({end}) précède le début ({start})"),
                format!("end ({end}) is before start ({start})"),
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
            self.missing(
                "programme.periods",
                &format!("la période « {} » (subventions) manque", Period::GRANTS),
                &format!("the \"{}\" (grants) period is missing", Period::GRANTS),
            );
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
                format!("niveau « {} » attendu ici, pas « {} »", expected.slug(), n.level.slug()),
                format!("level \"{}\" expected here, not \"{}\"", expected.slug(), n.level.slug()),
            );
        }
        self.text(&format!("{path}.text"), &n.text, MAX_TEXT);
        for (k, ind) in n.indicators.iter().enumerate() {
            if self.ds.indicator(ind).is_none() {
                self.unknown(&format!("{path}.indicators[{k}]"), "indicateur", "indicator", ind);
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
                "un extrant n'a pas de sous-niveau".into(),
                "an output has no lower level".into(),
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
                    "un pourcentage ne se ventile pas (les parts ne s'additionnent pas)".into(),
                    "a percentage cannot be broken down (shares do not add up)".into(),
                );
            }
            let mut seen = HashSet::new();
            for (k, axis) in ind.disaggregation.iter().enumerate() {
                if !seen.insert(axis) {
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
        let mut seen = HashSet::new();
        for (k, id) in ids.iter().enumerate() {
            let p = format!("{path}[{k}]");
            if self.ds.region(id).is_none() {
                self.unknown(&p, "région", "region", id);
            } else if !seen.insert(id) {
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
                self.unknown(&format!("{path}.home_region"), "région", "region", &o.home_region);
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
                        format!("adresse électronique « {email} » invalide (sans « @ »)"),
                        format!("invalid e-mail address \"{email}\" (no '@')"),
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
            self.missing(
                &format!("{path}.regions"),
                "un projet a au moins une région",
                "a project has at least one region",
            );
        }
        self.region_refs(&format!("{path}.regions"), &p.regions);
        for (k, id) in p.regions.iter().enumerate() {
            if let Some(r) = self.ds.region(id).filter(|r| !r.in_scope) {
                let name = r.name.clone();
                self.push(
                    format!("{path}.regions[{k}]"),
                    K::OutOfScope,
                    format!("la région {name} n'est pas une région du programme"),
                    format!("region {name} is not one of the programme's regions"),
                );
            }
        }
        let mut seen = HashSet::new();
        for (k, id) in p.cercles.iter().enumerate() {
            let cp = format!("{path}.cercles[{k}]");
            match self.ds.cercle(id) {
                None => self.unknown(&cp, "cercle", "cercle", id),
                Some(_) if !seen.insert(id) => self.repeated(&cp, id),
                Some((r, c)) if !p.regions.contains(&r.id) => {
                    let (cn, rn) = (c.name.clone(), r.name.clone());
                    self.push(
                        cp,
                        K::CercleOutsideRegions,
                        format!("le cercle {cn} est dans la région {rn}, qui n'est pas une région du projet"),
                        format!("cercle {cn} lies in region {rn}, which is not one of the project's regions"),
                    );
                }
                Some(_) => {}
            }
        }
        for (k, c) in p.communes.iter().enumerate() {
            self.string(&format!("{path}.communes[{k}]"), c, MAX_TITLE);
        }

        if p.lead.is_empty() {
            self.missing(
                &format!("{path}.lead"),
                "un projet a une OSC cheffe de file",
                "a project has a lead CSO",
            );
        } else if self.ds.organisation(&p.lead).is_none() {
            self.unknown(&format!("{path}.lead"), "organisation", "organisation", &p.lead);
        }
        let mut seen = HashSet::from([&p.lead]);
        for (k, id) in p.partners.iter().enumerate() {
            let pp = format!("{path}.partners[{k}]");
            if self.ds.organisation(id).is_none() {
                self.unknown(&pp, "organisation", "organisation", id);
            } else if !seen.insert(id) {
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
                        format!("{d} est hors de la période des subventions ({gs} – {ge})"),
                        format!("{d} is outside the grants period ({gs} – {ge})"),
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
                    format!(
                        "devise « {} » invalide : code ISO 4217 de 3 lettres majuscules (ex. XOF)",
                        b.currency
                    ),
                    format!(
                        "invalid currency \"{}\": a 3-letter ISO 4217 code (e.g. XOF)",
                        b.currency
                    ),
                );
            }
        }

        let mut seen = HashSet::new();
        for (k, r) in p.results.iter().enumerate() {
            let rp = format!("{path}.results[{k}]");
            let ind = self.ds.indicator(&r.indicator);
            if ind.is_none() {
                self.unknown(&format!("{rp}.indicator"), "indicateur", "indicator", &r.indicator);
            } else if !seen.insert(&r.indicator) {
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
        self.push(
            path,
            K::Negative,
            format!("valeur négative ({v}) : un compte est positif ou nul"),
            format!("negative value ({v}): a count is zero or more"),
        );
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
                format!("pourcentage supérieur à 100 ({})", f.total),
                format!("percentage above 100 ({})", f.total),
            );
        }
        let axes = [
            (ind.by_sex(), ("women", f.women), ("men", f.men), "sexe", "sex"),
            (ind.by_age(), ("youth", f.youth), ("other", f.other), "âge", "age"),
        ];
        for (wanted, (a, va), (b, vb), axis_fr, axis_en) in axes {
            for (name, v) in [(a, va), (b, vb)] {
                match (wanted, v) {
                    (true, None) => self.push(
                        format!("{path}.{name}"),
                        K::Disaggregation,
                        format!("« {name} » manque : l'indicateur « {} » est ventilé par {axis_fr}", ind.id),
                        format!("\"{name}\" is missing: indicator \"{}\" is broken down by {axis_en}", ind.id),
                    ),
                    (false, Some(_)) => self.push(
                        format!("{path}.{name}"),
                        K::Disaggregation,
                        format!("« {name} » en trop : l'indicateur « {} » n'est pas ventilé par {axis_fr}", ind.id),
                        format!("unexpected \"{name}\": indicator \"{}\" is not broken down by {axis_en}", ind.id),
                    ),
                    _ => {}
                }
            }
            if let (true, Some(x), Some(y)) = (wanted, va, vb) {
                let sum = x.saturating_add(y);
                if sum != f.total {
                    let t = f.total;
                    self.push(
                        path,
                        K::DisaggregationSum,
                        format!("{a} ({x}) + {b} ({y}) = {sum} ≠ total ({t})"),
                        format!("{a} ({x}) + {b} ({y}) = {sum} ≠ total ({t})"),
                    );
                }
            }
        }
    }
}
