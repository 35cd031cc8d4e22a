//! The unlock form: where the journal, a record, the form or the sync
//! settings would be while the device lock is closed. Pure document;
//! `ui::vault` does the unlocking.

use crate::ctx::Ctx;
use crate::doc::{el, tag, Element};
use crate::components::lock_panel::{note, LockView};

/// `data-submit` of the form, and its field.
pub const ACTION_UNLOCK: &str = "unlock";
pub const UNLOCK_SECRET: &str = "unlock-secret";

/// The form, under a heading of `level` (`h1` as a page, `h2` in Settings).
pub fn unlock_form(cx: &Ctx, v: &LockView, level: &'static str) -> Element {
    let t = cx.t();
    let pin = v.secret == crate::lock::params::Secret::Pin;
    let mut input = tag("input", &[("id", UNLOCK_SECRET), ("type", "password"), ("autocomplete", "current-password"), ("required", "")]);
    if pin {
        input = input.attr("inputmode", "numeric");
    }
    let mut button = tag("button", &[("type", "submit"), ("class", "primary")]).text(t.unlock_button);
    if v.busy || v.wait_s > 0 {
        button = button.attr("disabled", "");
    }
    tag("section", &[("id", "unlock"), ("class", "unlock"), ("aria-labelledby", "unlock-title")])
        .child(tag(level, &[("id", "unlock-title")]).text(t.unlock_title))
        .child(el("p").text(t.unlock_intro))
        .child(
            tag("form", &[("class", "unlock-form"), ("data-submit", ACTION_UNLOCK), ("novalidate", "")])
                .child(tag("div", &[("class", "field")]).child(tag("label", &[("for", UNLOCK_SECRET)]).text(t.lock_secret)).child(input))
                .child(button),
        )
        .child(note(cx, v))
}
