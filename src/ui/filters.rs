//! The project filters kept in the URL (`?q=&region=&theme=&cso=&ind=`),
//! shared by the project list and the reporting pages: the query read from
//! the URL, and the handler that writes a changed field back to it.

use crate::ui::var::{memo, Derived};
use crate::components::project_filters::{CLEAR, CSO, INDICATOR, REGION, TEXT, THEME};
use crate::model::{ProjectQuery, Theme};
use crate::ui::doc_view::field_value;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

#[derive(Clone, Copy)]
pub struct Filters {
    pub query: Derived<ProjectQuery>,
    /// For the form's `DocView`: a field's `data-input`/`data-change` or the
    /// clear button's `data-action`.
    pub on_action: Callback<String>,
    /// Writes a query into the URL (replacing the history entry).
    pub write: Callback<ProjectQuery>,
}

/// The filters of the page at `path`. Each change replaces the history
/// entry, so Back leaves the page rather than stepping through filters.
pub fn use_filters(path: String) -> Filters {
    let query_map = use_query_map();
    let navigate = use_navigate();
    let query = memo(move || {
        let map = query_map.read();
        ProjectQuery::from_query_pairs(
            ["q", "region", "theme", "cso", "ind"].into_iter().filter_map(|k| map.get(k).map(|v| (k, v))),
        )
    });
    let write = Callback::new(move |q: ProjectQuery| {
        navigate(&q.url(&path), NavigateOptions { replace: true, scroll: false, ..Default::default() });
    });
    let on_action = Callback::new(move |field: String| {
        let mut q = query.get_untracked();
        // The text as typed, which may be ahead of the URL (see `ui::projects`).
        if document().get_element_by_id(TEXT).is_some() {
            q.text = field_value(TEXT);
        }
        let list = |id: &str| Some(field_value(id)).filter(|s| !s.is_empty());
        match field.as_str() {
            TEXT => q.text = field_value(TEXT),
            "region" => q.region = list(REGION),
            "theme" => q.theme = Theme::from_slug(&field_value(THEME)),
            "cso" => q.cso = list(CSO),
            "indicator" => q.indicator = list(INDICATOR),
            CLEAR => q = ProjectQuery::default(),
            _ => return,
        }
        // Other filters, other results: back to their first page.
        q.page = 0;
        write.run(q);
    });
    Filters { query, on_action, write }
}
