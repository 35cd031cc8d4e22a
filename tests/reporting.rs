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
        for (region, totals) in totals_by_region(&ds, &ds.projects.iter().collect::<Vec<_>>()) {
            check_against_projects(&ds, ds.projects.iter().filter(|p| p.regions.contains(&region.id)), &totals);
        }
        for (theme, totals) in totals_by_theme(&ds, &ds.projects.iter().collect::<Vec<_>>()) {
            check_against_projects(&ds, ds.projects.iter().filter(|p| p.theme == theme), &totals);
        }
    }
}

#[test]
fn themes_add_up_to_the_programme_regions_count_a_shared_project_in_each() {
    let ds = Dataset::embedded();
    let all = totals_by_indicator(&ds);
    let by_theme = totals_by_theme(&ds, &ds.projects.iter().collect::<Vec<_>>());
    let by_region = totals_by_region(&ds, &ds.projects.iter().collect::<Vec<_>>());
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

// ---- The reporting pages (pure document trees) ----

use paix_base::ctx::Ctx;
use paix_base::journal::report::{counted, field_report, listing_url, next_url, parse_listing, read_page, PageRead, ServerRead};
use paix_base::journal::state::{Receipt, State, Stored};
use paix_base::journal::{Activity, ActivityType};
use paix_base::model::gather::{challenges, lessons, recommendations_by_audience};
use paix_base::model::timeline::{timeline, MIN_WIDTH};
use paix_base::pages;
use paix_base::doc::Node;
use paix_base::model::StrSet;

const FIXTURE: &str = include_str!("fixtures/record-v1.json");

fn all(ds: &Dataset) -> Vec<&paix_base::model::Project> {
    ds.projects.iter().collect()
}

/// The number in a table cell's `<strong>` (« 8 400 », « 9,140 »).
fn number(s: &str) -> i64 {
    s.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

#[test]
fn the_dashboard_table_equals_the_sum_of_the_project_pages_in_both_languages() {
    for ds in [Dataset::embedded(), generated(3)] {
        for lang in Lang::ALL {
            let cx = Ctx::new(&ds, lang);
            for q in [ProjectQuery::default(), ProjectQuery { region: Some("ML05".into()), ..ProjectQuery::default() }] {
                let doc = pages::report::page(&cx, &q);
                let table = Node::from(doc.by_class("totals")[0].clone());
                let covered = pages::report::covered(&cx, &q);
                for row in table.by_tag("tr").into_iter().skip(1) {
                    let row = Node::from((*row).clone());
                    let head = row.by_tag("th")[0].text_content();
                    let ind = ds.indicators.iter().find(|i| head.starts_with(i.label.get(lang))).expect("a row per indicator");
                    let cells = row.by_tag("strong");
                    let (target, achieved) = (number(&cells[0].text_content()), number(&cells[1].text_content()));
                    // The same figures read off each project page.
                    let (mut t, mut a) = (0, 0);
                    for p in &covered {
                        let page = pages::project::page(&cx, &p.id);
                        let results = Node::from(page.by_class("results")[0].clone());
                        for r in results.by_tag("tr").into_iter().skip(1) {
                            let r = Node::from((*r).clone());
                            if r.by_tag("th")[0].text_content().starts_with(ind.label.get(lang)) {
                                let c = r.by_tag("strong");
                                t += number(&c[0].text_content());
                                a += number(&c[1].text_content());
                            }
                        }
                    }
                    assert_eq!((target, achieved), (t, a), "{} ({lang:?})", ind.id);
                }
            }
        }
    }
}

#[test]
fn the_dashboard_says_how_many_projects_and_shows_one_indicator_by_region_and_theme() {
    let ds = Dataset::embedded();
    let cx = Ctx::new(&ds, Lang::Fr);
    let doc = pages::report::page(&cx, &ProjectQuery::default());
    assert_eq!(doc.by_class("found")[0].text_content(), "Sur 20 projets");
    assert_eq!(doc.by_tag("svg").len(), 3, "indicators, by region, by theme");
    assert!(doc.by_tag("svg").iter().all(|s| s.get_attr("role") == Some("img") && s.get_attr("aria-label").is_some()));
    // The chosen indicator (`ind=`) drives the by-region and by-theme views.
    let q = ProjectQuery { indicator: Some("ind-alerts".into()), ..ProjectQuery::default() };
    let text = pages::report::page(&cx, &q).text_content();
    assert!(text.contains("Alertes précoces"), "{text}");
    let none = ProjectQuery { cso: Some("nobody".into()), ..ProjectQuery::default() };
    assert!(pages::report::page(&cx, &none).text_content().contains("Aucun projet ne correspond"));
    let en = Ctx::new(&ds, Lang::En);
    assert!(pages::report::page(&en, &ProjectQuery::default()).text_content().contains("Over 20 projects"));
}

#[test]
fn the_indicator_choice_lives_in_the_url_with_the_filters() {
    let q = ProjectQuery::from_query_string("region=ML05&ind=ind-alerts&cso=osc-02");
    assert_eq!(q.indicator.as_deref(), Some("ind-alerts"));
    assert_eq!(ProjectQuery::from_query_string(&q.to_query_string()), q);
    assert!(!q.is_empty());
}

#[test]
fn gathered_items_are_every_projects_items_each_linking_back() {
    let ds = Dataset::embedded();
    let projects = all(&ds);
    let n = |f: fn(&paix_base::model::Project) -> usize| ds.projects.iter().map(f).sum::<usize>();
    assert_eq!(challenges(&projects).len(), n(|p| p.challenges.len()));
    assert_eq!(lessons(&projects).len(), n(|p| p.lessons.len()));
    let groups = recommendations_by_audience(&projects);
    assert_eq!(groups.iter().map(|(_, g)| g.len()).sum::<usize>(), n(|p| p.recommendations.len()));
    assert!(groups.iter().all(|(a, g)| !g.is_empty() && g.iter().all(|(_, r)| r.audience == *a)));
    for lang in Lang::ALL {
        let cx = Ctx::new(&ds, lang);
        for (page, total) in [
            (pages::challenges::page(&cx, &ProjectQuery::default()), n(|p| p.challenges.len())),
            (pages::lessons::page(&cx, &ProjectQuery::default()), n(|p| p.lessons.len())),
            (pages::recommendations::page(&cx, &ProjectQuery::default()), n(|p| p.recommendations.len())),
        ] {
            let links = page.by_class("from-project");
            assert_eq!(links.len(), total);
            for a in links {
                let id = a.get_attr("href").unwrap().strip_prefix("/projects/").unwrap();
                let p = ds.project(id).expect("links to a project");
                assert_eq!(a.text_content(), p.title.get(lang));
            }
        }
    }
    // A filter keeps the items of its projects only.
    let cx = Ctx::new(&ds, Lang::Fr);
    let q = ProjectQuery { region: Some("ML05".into()), ..ProjectQuery::default() };
    let kept = filter_projects(&ds, &q, Lang::Fr);
    let page = pages::lessons::page(&cx, &q);
    assert_eq!(page.by_class("from-project").len(), kept.iter().map(|p| p.lessons.len()).sum::<usize>());
    assert!(page.by_class("from-project").iter().all(|a| kept.iter().any(|p| a.get_attr("href") == Some(&format!("/projects/{}", p.id)))));
    let rec = pages::recommendations::page(&cx, &ProjectQuery::default()).text_content();
    assert!(rec.contains("Autorités") && rec.contains("OSC"), "grouped by audience");
}

#[test]
fn the_timeline_places_every_period_and_project_on_one_axis() {
    let ds = Dataset::embedded();
    let projects = all(&ds);
    let tl = timeline(&ds, &projects).unwrap();
    assert_eq!(tl.start, chrono::NaiveDate::from_ymd_opt(2017, 10, 1).unwrap(), "the announced implementation start");
    assert_eq!(tl.end, chrono::NaiveDate::from_ymd_opt(2019, 5, 1).unwrap(), "the month after the ceremony");
    assert_eq!(tl.months.len(), 19);
    assert_eq!(tl.projects.len(), 20);
    for s in tl.periods.iter().map(|x| x.1).chain(tl.projects.iter().map(|x| x.1)) {
        assert!(s.width >= MIN_WIDTH && s.left + s.width <= 1000, "{s:?}");
    }
    // Later starts sit further right.
    let grants = tl.periods.iter().find(|(p, _)| p.id == "grants").unwrap().1;
    let ceremony = tl.periods.iter().find(|(p, _)| p.id == "ceremony").unwrap().1;
    assert!(ceremony.left > grants.left && ceremony.width == MIN_WIDTH);
    assert!(timeline(&Dataset { programme: paix_base::model::Programme { periods: vec![], ..ds.programme.clone() }, ..ds.clone() }, &[]).is_none());
    let cx = Ctx::new(&ds, Lang::En);
    let page = pages::timeline::page(&cx, &ProjectQuery::default());
    let links: Vec<_> = page.by_tag("a").into_iter().filter_map(|a| a.get_attr("href")).collect();
    assert_eq!(links.len(), 20);
    assert!(page.text_content().contains("Radisson"));
}

// ---- Field reports ----

fn record(id: &str, f: impl FnOnce(&mut Activity)) -> Activity {
    let mut a = Activity::from_json(FIXTURE).unwrap();
    a.id = id.into();
    f(&mut a);
    a
}

fn stored(a: Activity, state: State) -> Stored {
    Stored { record: a, state }
}

fn queued() -> State {
    State::Queued { attempts: 0, retry: None }
}

fn sent() -> State {
    State::Sent { receipt: Receipt { server_id: "1".into(), server_time: "t".into(), received_at: "t".into() } }
}

#[test]
fn each_record_counts_once_corrections_replace_refused_do_not_count() {
    let device = vec![
        stored(record("a", |_| {}), sent()),
        stored(record("b", |_| {}), queued()),
        stored(record("c", |_| {}), State::Refused { reason: "no".into(), conflict: false }),
        stored(record("d", |a| a.corrects = Some("a".into())), queued()),
    ];
    let server = vec![
        record("a", |_| {}),
        record("e", |a| a.activity_type = ActivityType::Training),
        record("b", |a| a.revision = 0),
    ];
    let ids: Vec<&str> = counted(&device, &server).iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["b", "d", "e"], "a corrected by d, c refused, b once");
    // On both sides the higher revision counts (the server's on a tie).
    let mine = [stored(record("x", |a| a.revision = 2), queued())];
    let theirs = [record("x", |a| a.revision = 1)];
    assert_eq!(counted(&mine, &theirs)[0].revision, 2);
    let theirs = [record("x", |a| { a.revision = 2; a.title = "server".into(); })];
    assert_eq!(counted(&mine, &theirs)[0].title, "server");
}

#[test]
fn the_field_report_adds_up_by_kind_by_region_by_sex_and_age() {
    let records = [
        record("a", |_| {}),
        record("b", |a| { a.region = "ML05".into(); a.activity_type = ActivityType::Mediation; }),
        record("c", |a| a.region = "ML99".into()),
    ];
    let refs: Vec<&Activity> = records.iter().collect();
    let mine: StrSet = ["a"].into_iter().collect();
    let r = field_report(&refs, |_| true, &["ML01", "ML05"], &mine);
    assert_eq!(r.all.activities, 3);
    assert_eq!(r.all.participants(), 3 * 36);
    assert_eq!((r.all.women, r.all.men, r.all.young(), r.all.disabled), (42, 66, 45, 6));
    assert_eq!(r.by_type.len(), ActivityType::ALL.len());
    assert_eq!(r.by_type.iter().map(|(_, t)| t.activities).sum::<u64>(), 3);
    let regions: Vec<_> = r.by_region.iter().map(|(id, t)| (id.as_str(), t.activities)).collect();
    assert_eq!(regions, [("ML01", 1), ("ML05", 1), ("ML99", 1)], "the given regions, then the others");
    assert_eq!((r.from_device, r.from_server), (1, 2));
    let only_mopti = field_report(&refs, |a| a.region == "ML05", &["ML01", "ML05"], &mine);
    assert_eq!(only_mopti.all.activities, 1);
}

#[test]
fn the_listing_is_read_page_by_page_on_the_endpoints_origin_only() {
    assert_eq!(listing_url("https://x.org/api/activities").as_deref(), Some("https://x.org/api/activities?limit=500"));
    assert_eq!(listing_url("https://x.org/api/activities/?k=1").as_deref(), Some("https://x.org/api/activities?limit=500"));
    assert_eq!(listing_url("https://x.org/hook"), None, "another kind of endpoint");
    let ep = "https://x.org/api/activities";
    assert_eq!(next_url(ep, "/api/activities?after=9").as_deref(), Some("https://x.org/api/activities?after=9"));
    assert_eq!(next_url(ep, "https://x.org/api/activities?after=9").as_deref(), Some("https://x.org/api/activities?after=9"));
    assert_eq!(next_url(ep, "https://evil.org/steal"), None, "credentials never go elsewhere");
    assert_eq!(next_url(ep, "//evil.org/steal"), None);
    assert_eq!(next_url(ep, "https://x.org.evil.org/"), None);
    let body = format!(r#"{{"items":[{{"receipt":{{}},"record":{FIXTURE}}},{{"record":null}}],"next":"/api/activities?after=2&limit=500"}}"#);
    let (records, next, bad) = parse_listing(&body).unwrap();
    assert_eq!((records.len(), next.as_deref(), bad), (1, Some("/api/activities?after=2&limit=500"), 1));
    match read_page(ep, Some(200), &body) {
        PageRead::Records(r, Some(n), 1) => assert!(r.len() == 1 && n.starts_with("https://x.org/")),
        other => panic!("{other:?}"),
    }
    assert_eq!(read_page(ep, Some(401), ""), PageRead::Stop(ServerRead::Denied));
    assert_eq!(read_page(ep, Some(200), "<html>"), PageRead::Stop(ServerRead::Failed));
    assert_eq!(read_page(ep, None, ""), PageRead::Stop(ServerRead::Failed));
    assert_eq!(read_page(ep, Some(200), r#"{"items":[],"next":null}"#), PageRead::Records(vec![], None, 0));
}

#[test]
fn the_field_panel_is_labelled_apart_and_says_where_its_figures_come_from() {
    let ds = Dataset::embedded();
    let records = [record("a", |_| {})];
    let refs: Vec<&Activity> = records.iter().collect();
    let r = field_report(&refs, |_| true, &["ML01"], &["a"].into_iter().collect::<StrSet>());
    for (lang, words) in [(Lang::Fr, ["Remontées du terrain", "1 de cet appareil", "Dialogue communautaire"]), (Lang::En, ["Field reports", "1 from this device", "Community dialogue"])] {
        let cx = Ctx::new(&ds, lang);
        let text = paix_base::components::field_panel::field_panel(&cx, &r, &ServerRead::Offline, false).text_content();
        for w in words {
            assert!(text.contains(w), "{w} in {text}");
        }
    }
    let cx = Ctx::new(&ds, Lang::Fr);
    let locked = paix_base::components::field_panel::field_panel(&cx, &Default::default(), &ServerRead::NotReference, true).text_content();
    assert!(locked.contains("Journal verrouillé") && locked.contains("Aucune activité"));
}
