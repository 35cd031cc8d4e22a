//! The embedded sample dataset: parses, validates, has the promised shape;
//! counts and totals by indicator agree with the projects.
use paix_base::i18n::Lang;
use paix_base::model::*;
use std::collections::HashSet;

#[test]
fn embedded_dataset_validates_with_the_promised_counts() {
    let ds = Dataset::embedded();
    let problems = validate(&ds);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(ds.schema_version, SCHEMA_VERSION);
    assert_eq!(ds.projects.len(), 20);
    assert_eq!(ds.organisations.len(), 42);
    assert_eq!(ds.regions.len(), 10);
    assert_eq!(ds.in_scope_regions().count(), 8);
    assert_eq!(ds.regions.iter().map(|r| r.cercles.len()).sum::<usize>(), 53);
    assert!(ds.projects.iter().all(|p| p.sample));
    assert!(ds.organisations.iter().all(|o| o.sample));
    let out: Vec<&str> = ds.regions.iter().filter(|r| !r.in_scope).map(|r| r.id.as_str()).collect();
    assert_eq!(out, ["ML08", "ML09"]);
    let menaka = ds.region("ML10").unwrap();
    assert_eq!(menaka.name, "Ménaka");
    let ids: Vec<&str> = menaka.cercles.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["ML1001", "ML1002", "ML1003", "ML1004"]);
}

#[test]
fn embedded_programme_facts() {
    let pg = Dataset::embedded().programme;
    assert_eq!(pg.name.fr, "Consolidation de la paix à la base au Mali");
    assert_eq!(
        pg.objective().fr,
        "Augmenter le sentiment de sécurité et de cohésion sociale entre les communautés au Mali grâce à \
         l'amélioration de la capacité et de la coordination des organisations de la société civile locale"
    );
    assert!(pg.objective().is_translation(Lang::En));
    assert!(!pg.logframe.sample, "the global objective is sourced");
    let nodes = pg.logframe.walk();
    assert!(nodes[1..].iter().all(|n| n.sample), "lower levels are sample text");
    assert_eq!(nodes.iter().filter(|n| n.level == Level::Output).count(), 12);
    let grants = pg.grants_period().unwrap();
    assert_eq!(
        (grants.start.to_string(), grants.end.to_string()),
        ("2018-01-01".into(), "2019-04-30".into())
    );
    let ceremony = pg.period(Period::CEREMONY).unwrap();
    assert_eq!(ceremony.start, ceremony.end);
    assert_eq!(ceremony.place.as_deref(), Some("Hôtel Radisson, Bamako"));
    let imp = pg.period(Period::IMPLEMENTATION).unwrap();
    assert_eq!(
        (imp.start.to_string(), imp.end.to_string()),
        ("2017-10-01".into(), "2019-03-31".into())
    );
}

#[test]
fn embedded_sample_is_spread_over_the_programme_regions() {
    let ds = Dataset::embedded();
    for (r, n) in projects_per_region(&ds) {
        if r.in_scope {
            assert!(n >= 2, "{} has {n} projects", r.name);
        } else {
            assert_eq!(n, 0, "{}", r.name);
        }
    }
    for (r, n) in csos_per_region(&ds) {
        if r.in_scope {
            assert!(n >= 4, "{} has {n} CSOs", r.name);
        }
    }
    let used: HashSet<&str> = ds.projects.iter().flat_map(|p| p.organisation_ids()).collect();
    assert_eq!(used.len(), 42, "every CSO leads or partners a project");
    for p in &ds.projects {
        assert!((1..=2).contains(&p.partners.len()), "{}", p.id);
        assert!((1..=3).contains(&p.results.len()), "{}", p.id);
        assert!((1..=2).contains(&p.challenges.len()), "{}", p.id);
        assert!((1..=2).contains(&p.lessons.len()), "{}", p.id);
        assert!((1..=2).contains(&p.recommendations.len()), "{}", p.id);
    }
    for o in &ds.organisations {
        assert!(o.name.contains("Exemple"), "sample names are obviously invented: {}", o.name);
    }
}

#[test]
fn embedded_dataset_fits_its_size_budget() {
    let raw = include_str!("../data/dataset.json");
    assert!(raw.len() <= 90 * 1024, "{} bytes", raw.len());
}

#[test]
fn totals_by_indicator_equal_the_sum_of_project_values() {
    let ds = Dataset::embedded();
    let totals = totals_by_indicator(&ds);
    assert_eq!(totals.len(), ds.indicators.len());
    for t in &totals {
        let ind = ds.indicator(&t.indicator).unwrap();
        let results: Vec<&ProjectResult> = ds
            .projects
            .iter()
            .flat_map(|p| &p.results)
            .filter(|r| r.indicator == t.indicator)
            .collect();
        assert!(!results.is_empty(), "{} is used by some project", t.indicator);
        assert_eq!(t.projects, results.len());
        assert_eq!(t.unit, ind.unit);
        let sum = |f: fn(&ProjectResult) -> Option<i64>| {
            results.iter().map(|r| f(r).unwrap_or(0)).sum::<i64>()
        };
        assert_eq!(t.target.total, sum(|r| Some(r.target.total)));
        assert_eq!(t.achieved.total, sum(|r| Some(r.achieved.total)));
        if ind.by_sex() {
            assert_eq!(t.achieved.women, Some(sum(|r| r.achieved.women)));
            assert_eq!(t.target.men, Some(sum(|r| r.target.men)));
            assert_eq!(t.achieved.women.unwrap() + t.achieved.men.unwrap(), t.achieved.total);
        } else {
            assert_eq!((t.achieved.women, t.achieved.men), (None, None));
        }
        if ind.by_age() {
            assert_eq!(t.achieved.youth, Some(sum(|r| r.achieved.youth)));
            assert_eq!(t.target.other, Some(sum(|r| r.target.other)));
        } else {
            assert_eq!(t.achieved.youth, None);
        }
    }
    let trained = totals.iter().find(|t| t.indicator == "ind-trained").unwrap();
    assert_eq!(trained.target.youth.unwrap() + trained.target.other.unwrap(), trained.target.total);
}

#[test]
fn percent_totals_are_the_mean_not_the_sum() {
    let mut ds = Dataset::embedded();
    ds.indicators.push(Indicator {
        id: "ind-share".into(),
        label: Text::new("Part", "Share"),
        unit: Unit::Percent,
        disaggregation: vec![],
    });
    for (p, v) in ds.projects.iter_mut().zip([30, 45]) {
        p.results.push(ProjectResult {
            indicator: "ind-share".into(),
            target: Figures::total(40),
            achieved: Figures::total(v),
        });
    }
    assert!(validate(&ds).is_empty());
    let t = totals_by_indicator(&ds).into_iter().find(|t| t.indicator == "ind-share").unwrap();
    assert_eq!((t.projects, t.target.total, t.achieved.total), (2, 40, 38));
}

#[test]
fn counts_and_lists_by_region_and_cso() {
    let ds = Dataset::embedded();
    let ids = |ps: Vec<&Project>| ps.into_iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(projects_of_region(&ds, "ML10")), ["prj-18", "prj-19", "prj-20"]);
    assert_eq!(ids(projects_of_cso(&ds, "osc-24")), ["prj-10", "prj-11"]);
    // A CSO counts for a region when it leads or partners a project there:
    // osc-41 (based in Ménaka) partners prj-18, which also works in Gao.
    let gao: Vec<&str> = csos_of_region(&ds, "ML07").iter().map(|o| o.id.as_str()).collect();
    assert_eq!(gao, ["osc-35", "osc-36", "osc-37", "osc-38", "osc-41"]);
    let per_region = csos_per_region(&ds);
    let (_, n) = per_region.iter().find(|(r, _)| r.id == "ML07").unwrap();
    assert_eq!(*n, 5);
    assert!(csos_of_region(&ds, "ML09").is_empty());
    let themes: usize = projects_per_theme(&ds).iter().map(|(_, n)| n).sum();
    assert_eq!(themes, 20);
}
