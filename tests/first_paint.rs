//! The static first paint (`pages::first_paint`, written into index.html by
//! the `first-paint` program): the app's home page from the embedded data,
//! in both languages, with nothing in it that looks live before the app runs.

use paix_base::components::mali_map::{mali_map, Metric};
use paix_base::ctx::Ctx;
use paix_base::doc::{el, Node};
use paix_base::i18n::Lang;
use paix_base::model::Dataset;
use paix_base::pages::first_paint::{boot, home_page};
use paix_base::pages::home;

fn blocks<'a>(tree: &'a Node, lang: &str) -> Vec<&'a paix_base::doc::Element> {
    tree.elements().into_iter().filter(|e| e.get_attr("data-lang") == Some(lang)).collect()
}

#[test]
fn each_language_has_its_header_home_page_and_loading_line() {
    let ds = Dataset::embedded();
    let tree = boot(&ds);
    let Node::Element(root) = &tree else { panic!("boot is an element") };
    assert_eq!(root.get_attr("id"), Some("boot"));
    for (code, lang) in [("fr", Lang::Fr), ("en", Lang::En)] {
        let b = blocks(&tree, code);
        assert_eq!(b.len(), 3, "{code}: header, home, loading");
        let t = lang.t();
        assert!(b[0].text_content().contains(t.nav_projects));
        assert!(b[1].has_class("home"));
        assert!(b[1].text_content().contains(ds.programme.name.get(lang)));
        assert!(b[1].text_content().contains(t.map_title));
        assert!(b[2].has_class("loading"));
        assert!(b[2].text_content().contains(t.loading));
    }
}

#[test]
fn the_home_page_is_the_apps_home_page_made_inert() {
    let ds = Dataset::embedded();
    let tree = boot(&ds);
    for (code, lang) in [("fr", Lang::Fr), ("en", Lang::En)] {
        let cx = Ctx::new(&ds, lang);
        let mut expected = home_page(&cx).inert();
        expected.attrs.push(("data-lang", code.to_string()));
        assert_eq!(blocks(&tree, code)[1], &expected);
        // The same parts as the app's Home view draws on start.
        let live = Node::from(home_page(&cx));
        let map = Node::from(mali_map(&cx, Metric::Projects));
        assert!(live.to_html().contains(&map.to_html()));
        assert!(live.to_html().contains(&home::top(&cx).to_html()));
        assert!(live.to_html().contains(&home::summary(&cx, None).to_html()));
        assert!(live.to_html().contains(&home::details(&cx).to_html()));
        // Every region of the map is drawn, coloured from the data.
        let paths = Node::from(expected.clone()).by_tag("path").len();
        assert_eq!(paths, map.by_tag("path").len());
        assert!(paths >= 10);
        assert!(Node::from(expected).elements().iter().any(|e| e.has_class("c1") || e.has_class("c4")));
    }
}

#[test]
fn nothing_in_it_looks_live() {
    let tree = boot(&Dataset::embedded());
    for e in tree.elements() {
        for (k, v) in &e.attrs {
            assert!(*k != "tabindex" && !(*k == "role" && v == "link"), "{} {k}={v}", e.tag);
            assert!(!k.starts_with("data-") || *k == "data-lang", "{} {k}", e.tag);
            assert!(*k != "id" || v == "boot", "{} id={v}", e.tag);
        }
        if e.tag == "button" {
            assert!(e.get_attr("disabled").is_some(), "a button that nothing hears is disabled");
        }
    }
    // Links stay links: they work without the app.
    assert!(tree.by_tag("a").iter().any(|a| a.get_attr("href") == Some("/projects")));
}

#[test]
fn inert_keeps_text_and_links_and_drops_hooks() {
    let live: Node = el("div")
        .attr("id", "x")
        .child(el("button").attr("data-action", "go").text("Go"))
        .child(el("path").attr("role", "link").attr("tabindex", "0").attr("data-href", "/r"))
        .child(el("svg").attr("role", "group"))
        .child(el("a").attr("href", "/p").text("P < Q"))
        .into();
    assert_eq!(
        live.inert().to_html(),
        r#"<div><button disabled="">Go</button><path></path><svg role="group"></svg><a href="/p">P &lt; Q</a></div>"#
    );
}
