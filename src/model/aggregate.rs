//! Counts and indicator totals for lists, maps and dashboards (pure).

use super::dataset::Dataset;
use super::indicator::{Figures, Unit};
use super::organisation::Organisation;
use super::project::{Project, Theme};
use super::region::Region;

/// Projects working in `region` (listed among their regions).
pub fn projects_of_region<'a>(ds: &'a Dataset, region: &str) -> Vec<&'a Project> {
    ds.projects.iter().filter(|p| p.regions.iter().any(|r| r == region)).collect()
}

/// Projects `cso` leads or partners.
pub fn projects_of_cso<'a>(ds: &'a Dataset, cso: &str) -> Vec<&'a Project> {
    ds.projects.iter().filter(|p| p.involves(cso)).collect()
}

/// The CSOs of a region, in dataset order.
///
/// Definition: a CSO counts for a region when it leads or partners at least
/// one project working in that region. This follows the programme's records
/// (what was funded and done there), not what an organisation declares about
/// itself (`home_region`, `regions`), so a CSO counts in several regions
/// only when its projects do.
pub fn csos_of_region<'a>(ds: &'a Dataset, region: &str) -> Vec<&'a Organisation> {
    let projects = projects_of_region(ds, region);
    ds.organisations.iter().filter(|o| projects.iter().any(|p| p.involves(&o.id))).collect()
}

/// Number of projects per region, every region in dataset order.
pub fn projects_per_region(ds: &Dataset) -> Vec<(&Region, usize)> {
    ds.regions.iter().map(|r| (r, projects_of_region(ds, &r.id).len())).collect()
}

/// Number of CSOs per region (as defined by [`csos_of_region`]), every
/// region in dataset order.
pub fn csos_per_region(ds: &Dataset) -> Vec<(&Region, usize)> {
    ds.regions.iter().map(|r| (r, csos_of_region(ds, &r.id).len())).collect()
}

/// Number of projects per theme, every theme in [`Theme::ALL`] order.
pub fn projects_per_theme(ds: &Dataset) -> Vec<(Theme, usize)> {
    Theme::ALL.iter().map(|t| (*t, ds.projects.iter().filter(|p| p.theme == *t).count())).collect()
}

/// Programme-wide figures of one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorTotal {
    /// Indicator id.
    pub indicator: String,
    pub unit: Unit,
    /// Number of projects reporting on it.
    pub projects: usize,
    /// Sum of the projects' targets (breakdowns summed when the indicator
    /// has them, else `None`). For a non-additive unit (percent): the mean
    /// of the projects' totals, rounded half up, without breakdown.
    pub target: Figures,
    /// Same as `target`, for achieved values.
    pub achieved: Figures,
}

/// Totals per indicator id over all projects, every indicator in dataset
/// order (0 when no project reports on it). Results naming an unknown
/// indicator are ignored.
pub fn totals_by_indicator(ds: &Dataset) -> Vec<IndicatorTotal> {
    totals_over(ds, ds.projects.iter())
}

/// [`totals_by_indicator`] over some projects only (a filter, a region, a
/// theme): the numbers a dashboard shows always come from here, so they
/// equal the sum of those projects' pages.
pub fn totals_over<'a>(ds: &Dataset, projects: impl Iterator<Item = &'a Project> + Clone) -> Vec<IndicatorTotal> {
    ds.indicators
        .iter()
        .map(|ind| {
            let results: Vec<_> = projects
                .clone()
                .flat_map(|p| &p.results)
                .filter(|r| r.indicator == ind.id)
                .collect();
            let n = results.len();
            let combine = |pick: fn(&super::project::ProjectResult) -> &Figures| {
                let figures = results.iter().map(|r| pick(r));
                if ind.unit.is_additive() {
                    let mut sum = Figures::total(0);
                    if ind.by_sex() {
                        sum = sum.with_sex(0, 0);
                    }
                    if ind.by_age() {
                        sum = sum.with_age(0, 0);
                    }
                    figures.fold(sum, add)
                } else {
                    let total: i64 = figures.fold(0, |acc, f| acc.saturating_add(f.total));
                    let n = n.max(1) as i64;
                    Figures::total(total.saturating_add(n / 2).div_euclid(n))
                }
            };
            IndicatorTotal {
                indicator: ind.id.clone(),
                unit: ind.unit,
                projects: n,
                target: combine(|r| &r.target),
                achieved: combine(|r| &r.achieved),
            }
        })
        .collect()
}

/// Totals per in-scope region, over those of `projects` working in it. The
/// data gives a project's results for the whole project, not per region: a
/// project in two regions counts whole in each, so the rows of this view
/// do not add up to the programme's total (a dashboard must say so).
pub fn totals_by_region<'a>(ds: &'a Dataset, projects: &[&Project]) -> Vec<(&'a Region, Vec<IndicatorTotal>)> {
    ds.in_scope_regions()
        .map(|r| (r, totals_over(ds, projects.iter().copied().filter(|p| p.regions.contains(&r.id)))))
        .collect()
}

/// Totals per theme over `projects` (each project has one theme): these
/// rows do add up to the total of `projects` for additive indicators.
pub fn totals_by_theme(ds: &Dataset, projects: &[&Project]) -> Vec<(Theme, Vec<IndicatorTotal>)> {
    Theme::ALL
        .iter()
        .map(|&t| (t, totals_over(ds, projects.iter().copied().filter(move |p| p.theme == t))))
        .collect()
}

/// Adds `f` into `acc`, only on the breakdowns `acc` carries.
fn add(acc: Figures, f: &Figures) -> Figures {
    let plus = |a: Option<i64>, b: Option<i64>| a.map(|a| a.saturating_add(b.unwrap_or(0)));
    Figures {
        total: acc.total.saturating_add(f.total),
        women: plus(acc.women, f.women),
        men: plus(acc.men, f.men),
        youth: plus(acc.youth, f.youth),
        other: plus(acc.other, f.other),
    }
}
