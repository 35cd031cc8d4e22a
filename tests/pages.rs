//! The pages as pure document trees, built from the embedded dataset (host).
use paix_base::components::mali_map::{mali_map, Metric};
use paix_base::doc::Node;
use paix_base::i18n::Lang;
use paix_base::model::{Dataset, ProjectQuery};
use paix_base::ctx::Ctx;
use paix_base::pages;

fn ds() -> Dataset {
    Dataset::embedded()
}

fn h1(n: &Node) -> String {
    n.by_tag("h1")[0].text_content()
}

#[test]
fn project_page_shows_the_whole_story_in_both_languages() {
    let ds = ds();
    let p = &ds.projects[0];
    for lang in Lang::ALL {
        let doc = pages::project::page(&Ctx::new(&ds, lang), &p.id);
        assert_eq!(h1(&doc), p.title.get(lang));
        assert_eq!(doc.by_class("sample").len(), 1, "sample badge");
        let results = doc.by_tag("tbody")[0].children.len();
        assert_eq!(results, p.results.len(), "one row per result");
        assert_eq!(doc.by_class("achieved").len(), p.results.len() + 1, "a bar per result + key");
        let text = doc.text_content();
        assert!(text.contains(p.summary.get(lang)));
        assert!(text.contains(p.challenges[0].solution.get(lang)));
        assert!(text.contains(p.lessons[0].get(lang)));
        assert!(text.contains(p.recommendations[0].text.get(lang)));
        let lead = ds.organisation(&p.lead).unwrap().display_name();
        assert!(text.contains(&lead), "lead CSO named");
    }
}

#[test]
fn unknown_ids_give_not_found_pages() {
    let ds = ds();
    let cx = Ctx::new(&ds, Lang::Fr);
    assert_eq!(h1(&pages::project::page(&cx, "nope")), "Projet introuvable");
    assert_eq!(h1(&pages::organisation::page(&cx, "nope")), "Organisation introuvable");
    assert_eq!(h1(&pages::region::page(&cx, "ML99")), "Région introuvable");
}

/// Projects and CSOs per programme region, counted by hand from
/// data/dataset.json (a CSO counts where it leads or partners a project).
const REGION_COUNTS: [(&str, &str, usize, usize); 8] = [
    ("ML01", "Kayes", 2, 5),
    ("ML02", "Koulikoro", 2, 4),
    ("ML03", "Sikasso", 2, 5),
    ("ML04", "Ségou", 4, 8),
    ("ML05", "Mopti", 4, 8),
    ("ML06", "Tombouctou", 3, 6),
    ("ML07", "Gao", 2, 5),
    ("ML10", "Ménaka", 3, 6),
];

#[test]
fn region_page_lists_its_projects_and_csos_and_marks_cercles() {
    let ds = ds();
    let cx = Ctx::new(&ds, Lang::Fr);
    assert_eq!(ds.in_scope_regions().count(), REGION_COUNTS.len());
    for (id, name, projects, csos) in REGION_COUNTS {
        let region = ds.region(id).unwrap();
        let doc = pages::region::page(&cx, id);
        assert_eq!(h1(&doc), name);
        let lists = doc.by_class("cards");
        assert_eq!(lists[0].children.len(), projects, "{name}: projects");
        assert_eq!(lists[1].children.len(), csos, "{name}: CSOs");
        let cercles = doc.by_class("cercle").len();
        assert_eq!(cercles, region.cercles.len(), "{name} draws its cercles");
        let marked: std::collections::HashSet<&str> = ds
            .projects
            .iter()
            .filter(|p| p.regions.iter().any(|r| r == id))
            .flat_map(|p| p.cercles.iter().map(String::as_str))
            .filter(|c| region.cercle(c).is_some())
            .collect();
        assert_eq!(doc.by_class("has-projects").len() - 1, marked.len(), "marked cercles + legend swatch");
    }
    let menaka = pages::region::page(&cx, "ML10").text_content();
    for c in ["Ménaka", "Andéramboukane", "Inékar", "Tidermène"] {
        assert!(menaka.contains(c), "Ménaka page names {c}");
    }
}

#[test]
fn map_makes_the_8_programme_regions_links_and_greys_bamako_and_kidal() {
    let ds = ds();
    let doc: Node = mali_map(&Ctx::new(&ds, Lang::Fr), Metric::Projects).into();
    let links: Vec<_> = doc.elements().into_iter().filter(|e| e.get_attr("data-href").is_some()).collect();
    assert_eq!(links.len(), 8);
    for l in &links {
        assert_eq!(l.get_attr("tabindex"), Some("0"));
        assert_eq!(l.get_attr("role"), Some("link"));
    }
    for (id, name, projects, csos) in REGION_COUNTS {
        let region = links.iter().find(|l| l.get_attr("data-region") == Some(id)).unwrap();
        let label = format!("{name} — {projects} projet{}, {csos} OSC", if projects > 1 { "s" } else { "" });
        assert_eq!(region.get_attr("aria-label"), Some(label.as_str()));
    }
    let out = doc.by_class("out");
    assert!(out.iter().filter(|e| e.tag == "path").count() == 2);
    assert!(out.iter().all(|e| e.get_attr("tabindex").is_none()));
    // The metric changes the colours and the legend, not the links. Projects
    // run from 2 to 4 per region, CSOs from 4 to 8 (counted by hand), so
    // Kayes (2 projects, 5 CSOs) is class 2 of 4 by projects and 3 by CSOs.
    let class_of = |n: &Node, id: &str| {
        n.elements()
            .into_iter()
            .find(|e| e.tag == "path" && e.get_attr("data-region") == Some(id))
            .and_then(|e| e.get_attr("class").map(str::to_string))
            .unwrap()
    };
    let legend = |n: &Node| -> Vec<String> {
        n.by_class("legend")[0].children[1].by_tag("li").iter().map(|li| li.text_content()).collect()
    };
    let csos: Node = mali_map(&Ctx::new(&ds, Lang::En), Metric::Csos).into();
    assert_eq!(csos.by_tag("button")[1].get_attr("aria-pressed"), Some("true"));
    assert_eq!(class_of(&doc, "ML01"), "region c2");
    assert_eq!(class_of(&csos, "ML01"), "region c3");
    assert_eq!(class_of(&doc, "ML02"), "region c2");
    assert_eq!(class_of(&csos, "ML02"), "region c2");
    assert_eq!(legend(&doc), ["aucun", "1", "2", "3", "4", "hors programme"]);
    assert_eq!(legend(&csos), ["none", "1–2", "3–4", "5–6", "7–8", "outside the programme"]);
    let kayes = csos.elements().into_iter().find(|e| e.get_attr("data-region") == Some("ML01")).unwrap();
    assert_eq!(kayes.get_attr("aria-label"), Some("Kayes — 2 projects, 5 CSOs"));
}

#[test]
fn home_counts_come_from_the_data() {
    let mut ds = ds();
    let stats = |ds: &Dataset| {
        pages::home::top(&Ctx::new(ds, Lang::Fr)).by_class("stats")[0]
            .children
            .iter()
            .map(|li| Node::from(vec![li.clone()]).by_tag("strong")[0].text_content())
            .collect::<Vec<_>>()
    };
    assert_eq!(stats(&ds), ["20", "42", "8"]);
    ds.projects.truncate(5);
    assert_eq!(stats(&ds)[0], "5");
}

#[test]
fn project_results_follow_the_query() {
    let ds = ds();
    let cx = Ctx::new(&ds, Lang::Fr);
    let all = pages::projects::results(&cx, &ProjectQuery::default(), Some(&paix_base::model::SearchIndex::new(cx.ds, cx.lang)));
    assert!(all.text_content().starts_with("20 projets trouvés"));
    let segou = pages::projects::results(&cx, &ProjectQuery::from_query_string("q=segou"), Some(&paix_base::model::SearchIndex::new(cx.ds, cx.lang)));
    // « Ségou » is the region of prj-07, prj-08, prj-09 and prj-13 and is
    // named by no other project (read from data/dataset.json).
    let found: Vec<_> = segou.by_class("card-title").iter().filter_map(|a| a.get_attr("href")).collect();
    assert_eq!(found, ["/projects/prj-07", "/projects/prj-08", "/projects/prj-09", "/projects/prj-13"]);
    let none = pages::projects::results(&cx, &ProjectQuery::from_query_string("q=zzzz"), Some(&paix_base::model::SearchIndex::new(cx.ds, cx.lang)));
    assert!(none.text_content().contains("Aucun projet ne correspond"));
}

#[test]
fn logframe_marks_sample_levels_and_totals_every_indicator() {
    let ds = ds();
    let doc = pages::logframe::page(&Ctx::new(&ds, Lang::En));
    let nodes = ds.programme.logframe.walk();
    assert_eq!(doc.by_class("lf-node").len(), nodes.len());
    assert_eq!(doc.by_class("sample").len(), nodes.iter().filter(|n| n.sample).count());
    assert_eq!(doc.by_tag("tbody")[0].children.len(), ds.indicators.len());
}

#[test]
fn every_page_builds_in_both_languages_with_one_h1() {
    let ds = ds();
    for lang in Lang::ALL {
        let cx = Ctx::new(&ds, lang);
        let mut docs = vec![
            pages::about::page(&cx),
            pages::regions::page(&cx),
            pages::organisations::page(&cx),
            pages::logframe::page(&cx),
            pages::not_found::page(&cx, cx.t().not_found_title),
        ];
        docs.extend(ds.projects.iter().map(|p| pages::project::page(&cx, &p.id)));
        docs.extend(ds.organisations.iter().map(|o| pages::organisation::page(&cx, &o.id)));
        docs.extend(ds.regions.iter().map(|r| pages::region::page(&cx, &r.id)));
        for d in docs {
            assert_eq!(d.by_tag("h1").len(), 1, "{}", d.to_html().chars().take(120).collect::<String>());
        }
    }
}

#[test]
fn cso_page_lists_each_project_once_with_its_role() {
    let ds = ds();
    // osc-22 partners prj-10 (read from data/dataset.json); osc-21 leads it.
    for (id, role) in [("osc-21", "chef de file"), ("osc-22", "partenaire")] {
        let doc = pages::organisation::page(&Ctx::new(&ds, Lang::Fr), id);
        let links: Vec<_> = doc.by_tag("a").into_iter().filter_map(|a| a.get_attr("href")).collect();
        assert_eq!(links.iter().filter(|h| **h == "/projects/prj-10").count(), 1, "{id}: {links:?}");
        let card = doc.by_class("card").into_iter().find(|c| c.text_content().contains("Rétablir le dialogue")).unwrap();
        assert!(card.text_content().contains(role), "{id}: {}", card.text_content());
    }
}

#[test]
fn cso_contacts_are_links_and_a_website_only_when_http() {
    use paix_base::model::Contact;
    let mut ds = ds();
    let contact = |website: &str| Contact {
        email: Some("info@exemple.ml".into()),
        phone: Some("+223 76 12 34 56".into()),
        website: Some(website.into()),
        address: Some("Rue 12, Mopti".into()),
    };
    ds.organisations[0].contact = Some(contact("https://exemple.ml/osc"));
    ds.organisations[1].contact = Some(contact("javascript:alert(1)"));
    ds.organisations[2].contact = Some(contact("HTTP://exemple.ml"));
    let (a, b, c) = (ds.organisations[0].id.clone(), ds.organisations[1].id.clone(), ds.organisations[2].id.clone());
    let hrefs = |id: &str| -> Vec<String> {
        let doc = pages::organisation::page(&Ctx::new(&ds, Lang::Fr), id);
        let dd = doc.by_class("contact")[0].clone();
        Node::from(dd).by_tag("a").iter().filter_map(|a| a.get_attr("href").map(str::to_string)).collect()
    };
    assert_eq!(hrefs(&a), ["mailto:info@exemple.ml", "tel:+22376123456", "https://exemple.ml/osc"]);
    assert_eq!(hrefs(&b), ["mailto:info@exemple.ml", "tel:+22376123456"], "no javascript: link");
    assert_eq!(hrefs(&c), ["mailto:info@exemple.ml", "tel:+22376123456", "HTTP://exemple.ml"]);
    let text = pages::organisation::page(&Ctx::new(&ds, Lang::Fr), &b).text_content();
    assert!(text.contains("javascript:alert(1)") && text.contains("Rue 12, Mopti"), "shown as text");
}

/// Every read-only page and the home parts, in one language.
fn all_docs(cx: &Ctx) -> Vec<Node> {
    let ds = cx.ds;
    let mut docs = vec![
        pages::home::top(cx),
        pages::home::summary(cx, None),
        pages::home::summary(cx, Some("ML05")),
        pages::home::region_list_alt(cx, true),
        pages::home::details(cx),
        pages::about::page(cx),
        pages::regions::page(cx),
        pages::organisations::page(cx),
        pages::logframe::page(cx),
        pages::projects::results(cx, &ProjectQuery::default(), Some(&paix_base::model::SearchIndex::new(cx.ds, cx.lang))),
    ];
    docs.extend(ds.projects.iter().map(|p| pages::project::page(cx, &p.id)));
    docs.extend(ds.organisations.iter().map(|o| pages::organisation::page(cx, &o.id)));
    docs.extend(ds.regions.iter().map(|r| pages::region::page(cx, &r.id)));
    docs
}

#[test]
fn english_pages_have_no_french_spacing_before_punctuation() {
    let ds = ds();
    for doc in all_docs(&Ctx::new(&ds, Lang::En)) {
        let text = doc.text_content();
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(2) {
            assert!(
                !(w[0].is_whitespace() && [':', ';', '!', '?'].contains(&w[1])),
                "space before {:?} in: {}",
                w[1],
                text.chars().take(200).collect::<String>()
            );
        }
    }
}

#[test]
fn french_labels_put_a_narrow_no_break_space_before_the_colon() {
    let ds = ds();
    let cx = Ctx::new(&ds, Lang::Fr);
    // prj-01 has a challenge, a breakdown by sex and by age (ind-trained).
    let project = pages::project::page(&cx, "prj-01").text_content();
    assert!(project.contains("Défi\u{202f}: ") && project.contains("Solution\u{202f}: "), "{project}");
    assert!(project.contains("\u{202f}; "), "breakdowns joined by « ; »");
    assert!(!project.contains(" ; ") && !project.contains(" : "));
    let region = pages::region::page(&cx, "ML05").text_content();
    assert!(region.contains("Cercles\u{202f}: "));
    let details = pages::home::details(&cx).text_content();
    assert!(details.contains("Bailleur\u{202f}: "), "{details}");
    assert!(!details.contains(" : "), "{details}");
}

#[test]
fn every_page_has_a_title_in_the_current_language() {
    use paix_base::pages::route::Page;
    let ds = ds();
    let title = |path: &str, lang: Lang| Page::resolve(path).title(&Ctx::new(&ds, lang));
    assert_eq!(title("/", Lang::Fr), "Paix à la base");
    assert_eq!(title("/projects", Lang::Fr), "Projets — Paix à la base");
    assert_eq!(title("/projects", Lang::En), "Projects — Paix à la base");
    assert_eq!(title("/settings", Lang::Fr), "Réglages — Paix à la base");
    assert_eq!(title("/settings", Lang::En), "Settings — Paix à la base");
    assert_eq!(title("/about", Lang::En), "About — Paix à la base");
    assert_eq!(title("/regions/ML05", Lang::En), "Mopti — Paix à la base");
    assert_eq!(title("/nowhere", Lang::En), "Page not found — Paix à la base");
    assert_eq!(
        title("/projects/prj-01", Lang::En),
        "Peaceful transhumance corridors between Kita and Bafoulabé — Paix à la base"
    );
}

#[test]
fn home_map_and_summary_say_when_the_data_is_sample() {
    let mut ds = ds();
    let badges = |ds: &Dataset| {
        let cx = Ctx::new(ds, Lang::Fr);
        let map: Node = mali_map(&cx, Metric::Projects).into();
        let all = pages::home::summary(&cx, None);
        let mopti = pages::home::summary(&cx, Some("ML05"));
        [map, all, mopti].map(|n| n.by_class("sample").len())
    };
    // The embedded projects and CSOs are all sample records.
    assert_eq!(badges(&ds), [1, 1, 1]);
    let text = pages::home::summary(&Ctx::new(&ds, Lang::En), None).text_content();
    assert!(text.contains("Sample data"), "{text}");
    // Real data: no badge. One sample CSO left: the counts still rest on it.
    ds.projects.iter_mut().for_each(|p| p.sample = false);
    ds.organisations.iter_mut().for_each(|o| o.sample = false);
    assert_eq!(badges(&ds), [0, 0, 0]);
    ds.organisations[3].sample = true;
    assert_eq!(badges(&ds), [1, 1, 1]);
}
