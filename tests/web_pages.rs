//! Browser tests of the page renderer (wasm-bindgen-test in headless
//! Chromium): document trees become DOM, and the app routes to a project.
#![cfg(target_arch = "wasm32")]

use paix_base::doc::{el, link, Node};
use paix_base::model::Dataset;
use wasm_bindgen_test::*;

mod browser;
use browser::{document, mount_app_until};

wasm_bindgen_test_configure!(run_in_browser);



#[wasm_bindgen_test]
fn doc_trees_become_dom_with_text_never_parsed_as_html() {
    let host = document().create_element("div").unwrap();
    let node: Node = el("section")
        .child(el("h1").text("<img src=x onerror=alert(1)> & co"))
        .child(link("/about", "À propos").attr("id", "a"))
        .child(el("svg").attr("viewBox", "0 0 10 10").child(el("path").attr("d", "M0 0l5 5z")))
        .into();
    paix_base::ui::doc_view::render_into(&host, &node);
    let h1 = host.query_selector("h1").unwrap().unwrap();
    assert_eq!(h1.text_content().unwrap(), "<img src=x onerror=alert(1)> & co");
    assert!(host.query_selector("img").unwrap().is_none(), "text is never markup");
    let path = host.query_selector("path").unwrap().unwrap();
    assert_eq!(path.namespace_uri().as_deref(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(host.query_selector("#a").unwrap().unwrap().get_attribute("href").as_deref(), Some("/about"));
    // A second render replaces the first.
    paix_base::ui::doc_view::render_into(&host, &el("p").text("seul").into());
    assert_eq!(host.inner_html(), "<p>seul</p>");
}

#[wasm_bindgen_test]
async fn the_project_page_renders_a_projects_title_and_results() {
    let ds = Dataset::embedded();
    let p = &ds.projects[0];
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("/projects/{}", p.id)))
        .unwrap();
    let app = mount_app_until("main h1").await;
    let host = &app.host;
    let h1 = host.query_selector("main h1").unwrap().expect("the project page rendered");
    assert_eq!(h1.text_content().unwrap(), p.title.fr);
    let body = host.query_selector("main table.results tbody").unwrap().unwrap();
    assert_eq!(body.child_element_count() as usize, p.results.len());
    assert!(host.query_selector("main .badge.sample").unwrap().is_some());
    drop(app);
}

#[wasm_bindgen_test]
fn a_redraw_keeps_live_regions_and_an_opened_details_as_the_same_nodes() {
    use paix_base::ui::doc_view::render_into;
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let doc = |found: &str, list: &str| -> Node {
        el("section")
            .child(el("p").attr("id", "t-found").attr("role", "status").text(found))
            .child(el("details").child(el("summary").text("Les régions en liste")).child(el("p").text(list)))
            .into()
    };
    render_into(&host, &doc("20 projets trouvés", "Kayes"));
    let live = host.query_selector("#t-found").unwrap().unwrap();
    let details = host.query_selector("details").unwrap().unwrap();
    details.set_attribute("open", "").unwrap();
    // New text (a search, a language switch, new data): same elements.
    render_into(&host, &doc("4 projets trouvés", "Mopti"));
    let live_after = host.query_selector("#t-found").unwrap().unwrap();
    assert!(live.is_same_node(Some(&live_after)), "the live region is the same element");
    assert_eq!(live_after.text_content().unwrap(), "4 projets trouvés");
    let details_after = host.query_selector("details").unwrap().unwrap();
    assert!(details.is_same_node(Some(&details_after)));
    assert!(details_after.has_attribute("open"), "the user opened it: it stays open");
    assert_eq!(details_after.text_content().unwrap(), "Les régions en listeMopti");
    host.remove();
}

#[wasm_bindgen_test]
fn a_notice_that_comes_or_goes_leaves_the_fields_after_it_as_they_are() {
    use paix_base::ui::doc_view::render_into;
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    // The journal's shape: a list, a pager once there are several pages,
    // then a heading and the import field (a file being chosen there must
    // not land on a field that was replaced meanwhile).
    let doc = |pager: bool, notice: bool| -> Node {
        el("section")
            .maybe(notice.then(|| el("p").class("msg error").text("Stockage refusé")))
            .child(el("ol").child(el("li").text("une activité")))
            .maybe(pager.then(|| el("nav").class("pager").text("1 / 2")))
            .child(el("h2").text("Importer"))
            .child(el("input").attr("id", "t-import").attr("type", "file"))
            .child(el("p").attr("id", "t-result").attr("role", "status"))
            .into()
    };
    render_into(&host, &doc(false, false));
    let input = host.query_selector("#t-import").unwrap().unwrap();
    let list = host.query_selector("ol").unwrap().unwrap();
    for (pager, notice) in [(true, false), (true, true), (false, true), (false, false)] {
        render_into(&host, &doc(pager, notice));
        let now = host.query_selector("#t-import").unwrap().unwrap();
        assert!(input.is_same_node(Some(&now)), "the field stays the same element (pager {pager}, notice {notice})");
        let list_now = host.query_selector("ol").unwrap().unwrap();
        assert!(list.is_same_node(Some(&list_now)), "and so does the list");
        assert_eq!(host.query_selector(".pager").unwrap().is_some(), pager);
        assert_eq!(host.query_selector(".msg.error").unwrap().is_some(), notice);
        assert_eq!(host.first_element_child().unwrap().child_element_count(), 4 + pager as u32 + notice as u32);
    }
    host.remove();
}
