//! Accent-insensitive search, filters, and the query string kept in the URL.
use paix_base::i18n::Lang;
use paix_base::model::*;

fn ids(ps: Vec<&Project>) -> Vec<&str> {
    ps.into_iter().map(|p| p.id.as_str()).collect()
}

fn text(q: &str) -> ProjectQuery {
    ProjectQuery { text: q.into(), ..ProjectQuery::default() }
}

#[test]
fn normalize_folds_case_accents_ligatures_apostrophes_and_spaces() {
    assert_eq!(normalize("Ségou"), "segou");
    assert_eq!(normalize("  ÉCOLE\tà  Ménaka\u{a0}\u{202f}» "), "ecole a menaka »");
    assert_eq!(normalize("Mise en Œuvre, cæcum"), "mise en oeuvre, caecum");
    assert_eq!(normalize("d’Ansongo ‘x’"), "d'ansongo 'x'");
    assert_eq!(normalize("àâäçéèêëîïôöùûüÿ"), "aaaceeeeiioouuuy");
    assert_eq!(normalize("Se\u{301}gou"), "segou", "decomposed accents too");
    assert_eq!(normalize(""), "");
}

#[test]
fn search_is_accent_and_case_insensitive() {
    let ds = Dataset::embedded();
    let in_segou: Vec<&str> = ds
        .projects
        .iter()
        .filter(|p| p.regions.iter().any(|r| r == "ML04"))
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(in_segou.len(), 4);
    for q in ["segou", "Ségou", "SEGOU", "  sÉgou "] {
        let found = ids(filter_projects(&ds, &text(q), Lang::Fr));
        assert_eq!(found, in_segou, "query {q:?}");
    }
}

#[test]
fn every_word_must_match() {
    let ds = Dataset::embedded();
    let segou = filter_projects(&ds, &text("segou"), Lang::Fr).len();
    let both = filter_projects(&ds, &text("segou femmes"), Lang::Fr);
    assert!(both.iter().any(|p| p.id == "prj-09"));
    assert!(!both.is_empty() && both.len() < segou);
    assert!(both.iter().all(|p| p.regions.iter().any(|r| r == "ML04")));
    assert!(filter_projects(&ds, &text("segou zzzz"), Lang::Fr).is_empty());
}

#[test]
fn search_covers_both_titles_summary_csos_and_places() {
    let ds = Dataset::embedded();
    let find = |q: &str, lang| ids(filter_projects(&ds, &text(q), lang));
    assert_eq!(find("peacebuilders", Lang::Fr), ["prj-12"], "English title while in French");
    assert_eq!(find("AEPK", Lang::Fr), ["prj-01"], "lead acronym");
    assert_eq!(find("pêcheurs ténenkou", Lang::En), ["prj-13"], "partner name");
    assert_eq!(find("d’Ansongo", Lang::Fr), ["prj-18"], "typographic apostrophe");
    assert_eq!(find("Tidermene", Lang::Fr), ["prj-20"], "cercle name");
    assert_eq!(find("bourgou", Lang::En), ["prj-13"]);
    assert_eq!(find("rumeurs", Lang::Fr), ["prj-20"], "summary in the chosen language");
    assert!(find("rumeurs", Lang::En).is_empty());
    assert_eq!(find("", Lang::Fr).len(), 20);
    assert_eq!(find(" , ", Lang::Fr).len(), 20, "punctuation alone is no word");
}

#[test]
fn filter_by_region() {
    let ds = Dataset::embedded();
    let q = ProjectQuery { region: Some("ML10".into()), ..ProjectQuery::default() };
    assert_eq!(ids(filter_projects(&ds, &q, Lang::Fr)), ["prj-18", "prj-19", "prj-20"]);
}

#[test]
fn filter_by_theme() {
    let ds = Dataset::embedded();
    let q = ProjectQuery { theme: Some(Theme::RadioMedia), ..ProjectQuery::default() };
    assert_eq!(ids(filter_projects(&ds, &q, Lang::Fr)), ["prj-06", "prj-11", "prj-20"]);
}

#[test]
fn filter_by_cso_as_lead_or_partner() {
    let ds = Dataset::embedded();
    let q = ProjectQuery { cso: Some("osc-24".into()), ..ProjectQuery::default() };
    assert_eq!(ids(filter_projects(&ds, &q, Lang::Fr)), ["prj-10", "prj-11"]);
}

#[test]
fn filters_combine() {
    let ds = Dataset::embedded();
    let q = ProjectQuery {
        region: Some("ML05".into()),
        theme: Some(Theme::RadioMedia),
        ..ProjectQuery::default()
    };
    assert_eq!(ids(filter_projects(&ds, &q, Lang::Fr)), ["prj-11"]);
    let q = ProjectQuery {
        text: "alerte".into(),
        region: Some("ML07".into()),
        theme: Some(Theme::EarlyWarning),
        cso: Some("osc-41".into()),
        indicator: None,
        page: 0,
    };
    assert_eq!(ids(filter_projects(&ds, &q, Lang::Fr)), ["prj-18"]);
    let q = ProjectQuery {
        region: Some("ML01".into()),
        theme: Some(Theme::RadioMedia),
        ..ProjectQuery::default()
    };
    assert!(filter_projects(&ds, &q, Lang::Fr).is_empty());
}

#[test]
fn query_string_round_trip_with_accents_and_spaces() {
    let q = ProjectQuery {
        text: "Ségou  femmes d’été & co=1+2 100%".into(),
        region: Some("ML04".into()),
        theme: Some(Theme::WomenPeace),
        cso: Some("osc-19".into()),
        indicator: None,
        page: 0,
    };
    let qs = q.to_query_string();
    assert!(qs.starts_with("q=S%C3%A9gou%20%20femmes"), "{qs}");
    assert!(qs.ends_with("&region=ML04&theme=women_peace&cso=osc-19"), "{qs}");
    assert_eq!(ProjectQuery::from_query_string(&qs), q);
    assert_eq!(ProjectQuery::from_query_string(&format!("?{qs}")), q);
}

#[test]
fn query_string_edge_cases() {
    assert_eq!(ProjectQuery::default().to_query_string(), "");
    assert!(ProjectQuery::from_query_string("").is_empty());
    let q = ProjectQuery {
        text: "segou".into(),
        region: Some("ML05".into()),
        ..ProjectQuery::default()
    };
    assert_eq!(q.to_query_string(), "q=segou&region=ML05");
    // '+' is a space; unknown keys, unknown themes and empty values are ignored.
    let q = ProjectQuery::from_query_string("q=jeunes+gao&theme=nope&region=&sort=2&cso=osc-35");
    assert_eq!(
        q,
        ProjectQuery {
            text: "jeunes gao".into(),
            cso: Some("osc-35".into()),
            ..ProjectQuery::default()
        }
    );
    // Already-decoded pairs, as a router gives them.
    let q = ProjectQuery::from_query_pairs([("q", "Ménaka"), ("theme", "radio_media")]);
    assert_eq!(q.text, "Ménaka");
    assert_eq!(q.theme, Some(Theme::RadioMedia));
    // A stray '%' is kept as is.
    assert_eq!(ProjectQuery::from_query_string("q=100%").text, "100%");
}

#[test]
fn enum_slugs_and_labels() {
    for t in Theme::ALL {
        assert_eq!(Theme::from_slug(t.slug()), Some(*t));
        assert_ne!(t.label(Lang::Fr), "");
        assert_ne!(t.label(Lang::En), "");
    }
    assert_eq!(Theme::LandConflicts.label(Lang::Fr), "Gestion des conflits fonciers");
    assert_eq!(OrgKind::WomensGroup.label(Lang::En), "Women's group");
    assert_eq!(serde_json::to_string(&Theme::EarlyWarning).unwrap(), "\"early_warning\"");
}

#[test]
fn normalize_folds_upper_case_accented_and_bambara_letters() {
    assert_eq!(normalize("SÉGOU"), "segou");
    assert_eq!(normalize("ŒUVRE À MÉNAKA"), "oeuvre a menaka");
    assert_eq!(normalize("ÇA"), "ca");
    assert_eq!(normalize("ƐƆƝŊ"), "ɛɔɲŋ");
    assert_eq!(normalize("× Ÿ"), "× y");
}

#[test]
fn tokens_strip_french_punctuation() {
    assert_eq!(tokens("« Paix », dialogue… — Mopti!"), vec!["paix", "dialogue", "mopti"]);
}

#[test]
fn the_index_finds_what_the_plain_search_finds_and_the_list_is_paged() {
    use paix_base::ctx::Ctx;
    use paix_base::model::{filter_with, SearchIndex};
    let ds = Dataset::embedded();
    for lang in [Lang::Fr, Lang::En] {
        let index = SearchIndex::new(&ds, lang);
        for q in ["segou", "radio femmes", "AEPK", "Bafoulabé", "zzz", ""] {
            let q = text(q);
            let plain: Vec<_> = ds.projects.iter().filter(|p| tokens(&q.text).iter().all(|w| search_text(&ds, p, lang).contains(w.as_str()))).collect();
            assert_eq!(filter_with(&ds, &q, Some(&index)), plain, "{}", q.text);
            assert_eq!(filter_projects(&ds, &q, lang), plain);
        }
    }
    // 120 projects: six pages of 20, linked to each other, the filters kept.
    let mut big = Dataset::embedded();
    let base = big.projects.clone();
    for i in 0..100 {
        let mut p = base[i % base.len()].clone();
        p.id = format!("prj-x{i}");
        big.projects.push(p);
    }
    let cx = Ctx::new(&big, Lang::Fr);
    let q = ProjectQuery { page: 6, ..ProjectQuery::from_query_string("theme=") };
    let page = paix_base::pages::projects::results(&cx, &q, None);
    assert_eq!(page.by_class("card").len(), 20);
    let links: Vec<_> = page.by_tag("a").into_iter().filter_map(|a| a.get_attr("rel").map(|r| (r, a.get_attr("href").unwrap()))).collect();
    assert_eq!(links, [("prev", "/projects?page=5")]);
    assert!(page.text_content().contains("Projets 101 à 120 sur 120"));
    let middle = paix_base::pages::projects::results(&cx, &ProjectQuery { page: 2, ..ProjectQuery::default() }, None);
    let rels: Vec<_> = middle.by_tag("a").into_iter().filter_map(|a| a.get_attr("rel")).collect();
    assert_eq!(rels, ["prev", "next"]);
    let first = paix_base::pages::projects::results(&cx, &ProjectQuery::from_query_string("region=ML01"), None);
    assert!(first.by_tag("a").iter().all(|a| a.get_attr("rel") != Some("prev")));
    assert_eq!(ProjectQuery::from_query_string("page=4&q=x").to_query_string(), "q=x&page=4");
}
