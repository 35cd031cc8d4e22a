//! The project search form: text search and filters by region, theme and
//! CSO, as a pure document. `ui::projects` keeps the query in the URL and
//! hears the fields through the document conventions: `data-input` on the
//! text field, `data-change` on the lists, `data-action` on the clear
//! button (the values are read back by the fields' ids).
//!
//! Written as data rather than as a Leptos view: the same form as a view
//! cost about 8 KB of compressed wasm (a generic type per element and per
//! reactive attribute).

use crate::doc::{el, Element};
use crate::i18n::Texts;
use crate::model::{normalize, ProjectQuery, Theme};
use crate::ctx::Ctx;

/// Id of the text field, also its `data-input` value.
pub const TEXT: &str = "q";
/// Ids of the three lists; `data-change` is the id without `f-`.
pub const REGION: &str = "f-region";
pub const THEME: &str = "f-theme";
pub const CSO: &str = "f-cso";
/// Id of the reporting pages' indicator list (`data-change` « indicator »).
pub const INDICATOR: &str = "f-indicator";
/// Id and `data-action` of the clear button.
pub const CLEAR: &str = "f-clear";

fn select(id: &'static str, label: &str, any: Option<&str>, options: Vec<(String, String, bool)>) -> Element {
    let options = options.into_iter().map(|(value, text, selected)| {
        let o = el("option").attr("value", value);
        if selected { o.attr("selected", "") } else { o }.text(text)
    });
    el("div")
        .class("field")
        .child(el("label").attr("for", id).text(label))
        .child(
            el("select")
                .attr("id", id)
                .attr("data-change", &id[2..])
                .maybe(any.map(|any| el("option").attr("value", "").text(any)))
                .children(options),
        )
}

/// Which parts a form has beside the three lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    /// The project list's text search.
    Text,
    /// The dashboard's indicator for its views by region and by theme.
    Indicator,
    None,
}

/// The form for `q`, in the data's regions and CSOs.
pub fn form(cx: &Ctx, q: &ProjectQuery, extra: Extra) -> Element {
    let (lang, t): (_, &Texts) = (cx.lang, cx.t());
    let regions =
        cx.ds.in_scope_regions().map(|r| (r.id.clone(), r.name.clone(), q.region.as_deref() == Some(&r.id))).collect();
    let themes =
        Theme::ALL.iter().map(|th| (th.slug().to_string(), th.label(lang).to_string(), q.theme == Some(*th))).collect();
    let mut orgs: Vec<_> = cx.ds.organisations.iter().collect();
    orgs.sort_by_cached_key(|o| normalize(&o.name));
    let orgs = orgs.into_iter().map(|o| (o.id.clone(), o.display_name(), q.cso.as_deref() == Some(&o.id))).collect();
    let clear = el("button").attr("type", "button").class("secondary").attr("id", CLEAR).attr("data-action", CLEAR);
    let text = (extra == Extra::Text).then(|| {
        el("div")
            .class("field wide")
            .child(el("label").attr("for", TEXT).text(t.search_label))
            .child(
                el("input")
                    .attr("id", TEXT)
                    .attr("type", "search")
                    .attr("autocomplete", "off")
                    .attr("aria-describedby", "q-hint")
                    .attr("value", q.text.as_str())
                    .attr("data-input", TEXT),
            )
            .child(el("small").attr("id", "q-hint").text(t.search_hint))
    });
    let indicator = (extra == Extra::Indicator).then(|| {
        let chosen = chosen_indicator(cx, q);
        let options = cx
            .ds
            .indicators
            .iter()
            .map(|i| (i.id.clone(), i.label.get(lang).to_string(), Some(i.id.as_str()) == chosen))
            .collect();
        select(INDICATOR, t.report_indicator, None, options)
    });
    el("form")
        .class("filters")
        .attr("role", "search")
        .attr("data-submit", "")
        .maybe(text)
        .child(select(REGION, t.filter_region, Some(t.filter_any_f), regions))
        .child(select(THEME, t.filter_theme, Some(t.filter_any_m), themes))
        .child(select(CSO, t.filter_cso, Some(t.filter_any_f), orgs))
        .maybe(indicator)
        .child(if q.is_empty() { clear.attr("disabled", "") } else { clear }.text(if extra == Extra::Text { t.filter_clear } else { t.report_clear }))
}

/// The dashboard's indicator: the query's when the data has it, else the
/// data's first; `None` without indicators.
pub fn chosen_indicator<'a>(cx: &Ctx<'a>, q: &ProjectQuery) -> Option<&'a str> {
    let ids = || cx.ds.indicators.iter().map(|i| i.id.as_str());
    q.indicator.as_deref().and_then(|i| ids().find(|x| *x == i)).or_else(|| ids().next())
}
