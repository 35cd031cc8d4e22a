//! The project list's results. The search form above them is an
//! interactive view (`ui::project_filters`) that keeps the query in the URL.

use crate::ctx::Ctx;
use crate::components::project_list::project_list;
use crate::doc::{el, Node};
use crate::model::{filter_projects, ProjectQuery};

/// « N projets trouvés », a hint when nothing matches, the cards.
pub fn results(cx: &Ctx, query: &ProjectQuery) -> Node {
    let (lang, t) = (cx.lang, cx.t());
    let found = filter_projects(cx.ds, query, lang);
    let n = found.len();
    Node::Fragment(vec![
        el("p")
            .class("found")
            .attr("role", "status")
            .text(lang.plural(n, t.found_one, t.found_many))
            .into(),
        if n == 0 { el("p").class("empty").text(t.no_results).into() } else { project_list(cx, &found) },
    ])
}
