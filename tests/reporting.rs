//! Reporting aggregates (issue #15, begun): totals over any set of projects,
//! by region and by theme, equal to the sums of the projects' own numbers,
//! on the embedded dataset and on a generated one.
use paix_base::model::{
    filter_projects, totals_by_indicator, totals_by_region, totals_by_theme, totals_over, Dataset, Figures, IndicatorTotal, ProjectQuery,
    Theme,
};
use paix_base::i18n::Lang;

/// The plain sums of `projects`' achieved figures for `indicator`.
fn sums<'a>(projects: impl Iterator<Item = &'a paix_base::model::Project>, indicator: &str) -> (i64, i64, Option<i64>, Option<i64>) {
    let mut out = (0, 0, None, None);
    for r in projects.flat_map(|p| &p.results).filter(|r| r.indicator == indicator) {
        out.0 += r.achieved.total;
        out.1 += r.target.total;
        if let Some(w) = r.achieved.women {
            out.2 = Some(out.2.unwrap_or(0) + w);
        }
        if let Some(y) = r.achieved.youth {
            out.3 = Some(out.3.unwrap_or(0) + y);
        }
    }
    out
}

fn check_against_projects<'a>(ds: &Dataset, projects: impl Iterator<Item = &'a paix_base::model::Project> + Clone, totals: &[IndicatorTotal]) {
    for t in totals.iter().filter(|t| t.unit.is_additive()) {
        let (achieved, target, women, youth) = sums(projects.clone(), &t.indicator);
        assert_eq!((t.achieved.total, t.target.total), (achieved, target), "{}", t.indicator);
        let ind = ds.indicator(&t.indicator).unwrap();
        if ind.by_sex() {
            assert_eq!(t.achieved.women.unwrap_or(0), women.unwrap_or(0));
            assert_eq!(t.achieved.women.unwrap() + t.achieved.men.unwrap(), t.achieved.total, "by sex adds up");
        }
        if ind.by_age() {
            assert_eq!(t.achieved.youth.unwrap_or(0), youth.unwrap_or(0));
            assert_eq!(t.achieved.youth.unwrap() + t.achieved.other.unwrap(), t.achieved.total, "by age adds up");
        }
    }
}

/// The embedded dataset grown to `copies` times its projects, each copy
/// with other figures (still valid: breakdowns add up).
fn generated(copies: usize) -> Dataset {
    let mut ds = Dataset::embedded();
    let base = ds.projects.clone();
    for c in 1..copies {
        for p in &base {
            let mut q = p.clone();
            q.id = format!("{}-g{c}", p.id);
            for r in &mut q.results {
                let scale = |f: &Figures| Figures {
                    total: f.total * (c as i64 + 1),
                    women: f.women.map(|v| v * (c as i64 + 1)),
                    men: f.men.map(|v| v * (c as i64 + 1)),
                    youth: f.youth.map(|v| v * (c as i64 + 1)),
                    other: f.other.map(|v| v * (c as i64 + 1)),
                };
                r.achieved = scale(&r.achieved);
                r.target = scale(&r.target);
            }
            ds.projects.push(q);
        }
    }
    assert!(paix_base::model::validate(&ds).is_empty(), "the generated dataset is valid");
    ds
}

#[test]
fn totals_over_any_set_equal_the_projects_sums_embedded_and_generated() {
    for ds in [Dataset::embedded(), generated(4)] {
        check_against_projects(&ds, ds.projects.iter(), &totals_by_indicator(&ds));
        assert_eq!(totals_over(&ds, ds.projects.iter()), totals_by_indicator(&ds));
        for (region, totals) in totals_by_region(&ds) {
            check_against_projects(&ds, ds.projects.iter().filter(|p| p.regions.contains(&region.id)), &totals);
        }
        for (theme, totals) in totals_by_theme(&ds) {
            check_against_projects(&ds, ds.projects.iter().filter(|p| p.theme == theme), &totals);
        }
    }
}

#[test]
fn themes_add_up_to_the_programme_regions_count_a_shared_project_in_each() {
    let ds = Dataset::embedded();
    let all = totals_by_indicator(&ds);
    let by_theme = totals_by_theme(&ds);
    let by_region = totals_by_region(&ds);
    assert_eq!(by_region.len(), 8, "the eight programme regions");
    for (i, t) in all.iter().enumerate().filter(|(_, t)| t.unit.is_additive()) {
        let themes: i64 = by_theme.iter().map(|(_, ts)| ts[i].achieved.total).sum();
        assert_eq!(themes, t.achieved.total, "{}: one theme a project", t.indicator);
        let regions: i64 = by_region.iter().map(|(_, ts)| ts[i].achieved.total).sum();
        assert!(regions >= t.achieved.total, "{}: a project in two regions counts in each", t.indicator);
    }
    let shared = ds.projects.iter().filter(|p| p.regions.len() > 1).count();
    assert!(shared > 0, "the embedded data has projects in several regions (prj-18: Ménaka and Gao)");
}

#[test]
fn a_filter_narrows_the_totals_to_its_projects() {
    let ds = Dataset::embedded();
    let q = ProjectQuery { region: Some("ML05".into()), ..ProjectQuery::default() };
    let mopti = filter_projects(&ds, &q, Lang::Fr);
    assert!(!mopti.is_empty() && mopti.len() < ds.projects.len());
    let totals = totals_over(&ds, mopti.iter().copied());
    check_against_projects(&ds, mopti.iter().copied(), &totals);
    let all = totals_by_indicator(&ds);
    assert!(totals.iter().zip(&all).all(|(a, b)| a.achieved.total <= b.achieved.total || !a.unit.is_additive()));
    let q = ProjectQuery { theme: Some(Theme::ALL[0]), cso: Some("osc-01".into()), ..ProjectQuery::default() };
    let few = filter_projects(&ds, &q, Lang::Fr);
    check_against_projects(&ds, few.iter().copied(), &totals_over(&ds, few.iter().copied()));
}
