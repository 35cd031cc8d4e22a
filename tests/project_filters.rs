//! The project search form as a pure document (host).
use paix_base::components::project_filters::{form, Extra, CLEAR, CSO, REGION, TEXT, THEME};
use paix_base::doc::{Element, Node};
use paix_base::i18n::Lang;
use paix_base::model::{Dataset, ProjectQuery, Theme};
use paix_base::ctx::Ctx;

fn by_id<'a>(n: &'a Node, id: &str) -> &'a Element {
    n.elements().into_iter().find(|e| e.get_attr("id") == Some(id)).unwrap_or_else(|| panic!("#{id}"))
}

fn selected(select: &Element) -> Vec<String> {
    Node::Element(select.clone())
        .by_tag("option")
        .into_iter()
        .filter(|o| o.get_attr("selected").is_some())
        .map(|o| o.get_attr("value").unwrap_or("").to_string())
        .collect()
}

#[test]
fn empty_query_lists_every_choice_and_disables_clear() {
    let ds = Dataset::embedded();
    let n: Node = form(&Ctx::new(&ds, Lang::Fr), &ProjectQuery::default(), Extra::Text).into();
    assert_eq!(n.by_tag("form")[0].get_attr("role"), Some("search"));
    assert_eq!(by_id(&n, TEXT).get_attr("value"), Some(""));
    assert_eq!(by_id(&n, TEXT).get_attr("data-input"), Some(TEXT));
    let regions = Node::Element(by_id(&n, REGION).clone()).by_tag("option").len();
    assert_eq!(regions, ds.in_scope_regions().count() + 1, "« Toutes » and each in-scope region");
    let themes = Node::Element(by_id(&n, THEME).clone()).by_tag("option").len();
    assert_eq!(themes, Theme::ALL.len() + 1);
    let csos = Node::Element(by_id(&n, CSO).clone()).by_tag("option").len();
    assert_eq!(csos, ds.organisations.len() + 1);
    assert_eq!(by_id(&n, REGION).get_attr("data-change"), Some("region"));
    assert!(by_id(&n, CLEAR).get_attr("disabled").is_some());
    assert_eq!(by_id(&n, CLEAR).text_content(), "Effacer la recherche et les filtres");
    assert_eq!(n.by_tag("label")[0].text_content(), "Rechercher un projet");
}

#[test]
fn a_query_is_shown_in_the_fields() {
    let ds = Dataset::embedded();
    let q = ProjectQuery::from_query_string("q=s%C3%A9gou&region=ML05&theme=youth");
    let n: Node = form(&Ctx::new(&ds, Lang::En), &q, Extra::Text).into();
    assert_eq!(by_id(&n, TEXT).get_attr("value"), Some("ségou"));
    assert_eq!(selected(by_id(&n, REGION)), vec!["ML05"]);
    assert_eq!(selected(by_id(&n, THEME)), vec!["youth"]);
    assert!(selected(by_id(&n, CSO)).is_empty());
    assert!(by_id(&n, CLEAR).get_attr("disabled").is_none());
    assert_eq!(by_id(&n, CLEAR).text_content(), "Clear search and filters");
}
