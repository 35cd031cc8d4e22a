//! The project list's results. The search form above them is an
//! interactive view (`ui::project_filters`) that keeps the query in the URL.

use crate::ctx::Ctx;
use crate::components::project_list::project_list;
use crate::doc::{el, link, Node};
use crate::i18n::fill;
use crate::model::{filter_with, ProjectQuery, SearchIndex};

/// Projects drawn per page: a keystroke redraws at most this many cards,
/// whatever the size of the data; the pages are links (`page=`). (50 cards
/// cost 30–40 ms a keystroke at 4× CPU; 20, a phone's four screens, about
/// half.)
pub const PAGE_SIZE: usize = 20;

/// « N projets trouvés », a hint when nothing matches, the cards of the
/// query's page, and links to the pages before and after. `index`: the
/// data's search index (needed only when the query has text).
pub fn results(cx: &Ctx, query: &ProjectQuery, index: Option<&SearchIndex>) -> Node {
    let (lang, t) = (cx.lang, cx.t());
    let found = filter_with(cx.ds, query, index);
    let n = found.len();
    let pages = n.div_ceil(PAGE_SIZE).max(1);
    let page = query.page.clamp(1, pages);
    let shown = &found[(page - 1) * PAGE_SIZE..(page * PAGE_SIZE).min(n)];
    let href = |p: usize| ProjectQuery { page: p, ..query.clone() }.url("/projects");
    let pager = (pages > 1).then(|| {
        let range = fill(t.pager_range, &[("a", &((page - 1) * PAGE_SIZE + 1)), ("b", &(page * PAGE_SIZE).min(n)), ("n", &n)]);
        el("nav")
            .class("pager")
            .attr("aria-label", t.pager_label)
            .maybe((page > 1).then(|| link(href(page - 1), t.pager_prev).attr("rel", "prev")))
            .child(el("span").text(range))
            .maybe((page < pages).then(|| link(href(page + 1), t.pager_next).attr("rel", "next")))
    });
    Node::Fragment(vec![
        el("p")
            .class("found")
            .attr("role", "status")
            .text(lang.plural(n, t.found_one, t.found_many))
            .into(),
        if n == 0 { el("p").class("empty").text(t.no_results).into() } else { project_list(cx, shown) },
        pager.map(Node::from).unwrap_or_default(),
    ])
}
