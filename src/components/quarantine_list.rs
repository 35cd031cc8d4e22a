//! Settings › Données › « Copies mises de côté »: each copy of programme
//! data set aside (unreadable on start, or replaced by a restore), with
//! when, where from, its revision and size, and its actions. A copy is
//! named by its date, never by its storage key; the key only travels in
//! the buttons' `data-action` (`restore:<key>`, `export:<key>`,
//! `delete:<key>`).

use crate::components::data_status::size;
use crate::doc::{el, Node};
use crate::i18n::{fill, Lang};
use crate::model::refresh::Origin;
use crate::storage::dataset_cache::Quarantined;

pub const ACTION_RESTORE: &str = "restore:";
pub const ACTION_EXPORT: &str = "export:";
pub const ACTION_DELETE: &str = "delete:";

/// The section; nothing when there is no copy. `when(ms)` formats a time.
pub fn quarantine_list(lang: Lang, copies: &[Quarantined], busy: bool, when: &dyn Fn(u64) -> String) -> Node {
    if copies.is_empty() {
        return Node::default();
    }
    let t = lang.t();
    let button = |action: &str, key: &str, label: &str| {
        let b = el("button").attr("type", "button").class("secondary").attr("data-action", format!("{action}{key}")).text(label);
        if busy { b.attr("disabled", "") } else { b }
    };
    let items = copies.iter().map(|c| {
        let mut facts = vec![match &c.origin {
            Some(Origin::Url(u)) => fill(t.data_origin_url, &[("v", u)]),
            Some(Origin::File(f)) => fill(t.data_origin_file, &[("v", f)]),
            Some(Origin::Embedded) => t.data_origin_embedded.to_string(),
            None => t.data_quarantine_unreadable.to_string(),
        }];
        match c.revision {
            Some(rev) => facts.push(format!("{} {rev}", t.data_revision)),
            None if c.origin.is_some() => facts.push(t.data_quarantine_unreadable.to_string()),
            None => {}
        }
        facts.push(size(lang, c.bytes as u64));
        el("li")
            .class("quarantined")
            .child(el("p").child(el("strong").text(fill(t.data_quarantine_at, &[("d", &when(c.at))]))))
            .child(el("p").class("small").text(facts.join(" · ")))
            .child(
                el("div")
                    .class("actions")
                    .maybe(c.restorable.then(|| button(ACTION_RESTORE, &c.key, t.data_restore)))
                    .child(button(ACTION_EXPORT, &c.key, t.data_export))
                    .child(button(ACTION_DELETE, &c.key, t.data_delete)),
            )
    });
    el("section")
        .attr("id", "data-quarantine")
        .attr("aria-labelledby", "data-quarantine-title")
        .child(el("h2").attr("id", "data-quarantine-title").text(t.data_quarantine_title))
        .child(el("p").text(t.data_quarantine_intro))
        .child(el("ul").class("quarantine").children(items))
        .into()
}
