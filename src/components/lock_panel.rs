//! Réglages › Verrouillage: what the lock protects and what it does not,
//! then, by state, the form to turn it on (with « J'ai compris »), or the
//! idle delay, « Verrouiller maintenant », a new secret and turning it off.
//! Pure document; `ui::settings` wires it to `ui::vault`.

use crate::ctx::Ctx;
use crate::doc::{el, tag, Element};
use crate::i18n::{fill, render_args};
use crate::lock::params::Secret;
use crate::lock::{Access, Note};

pub const ACTION_ENABLE: &str = "lock-enable";
pub const ACTION_LOCK_NOW: &str = "lock-now";
pub const ACTION_IDLE: &str = "lock-idle";
pub const ACTION_CHANGE: &str = "lock-change";
pub const ACTION_DISABLE: &str = "lock-disable";
/// Field ids.
pub const KIND: &str = "lock-kind";
pub const SECRET: &str = "lock-secret";
pub const CONFIRM: &str = "lock-confirm";
pub const UNDERSTOOD: &str = "lock-understood";
pub const IDLE: &str = "lock-idle-min";
pub const OLD: &str = "lock-old";
pub const NEW_KIND: &str = "lock-new-kind";
pub const NEW: &str = "lock-new";
pub const NEW_CONFIRM: &str = "lock-new-confirm";
pub const OFF_SECRET: &str = "lock-off-secret";

/// What the lock parts of the app show.
pub struct LockView<'a> {
    /// WebCrypto is there (a secure context).
    pub available: bool,
    pub access: Access,
    pub note: Option<&'a Note>,
    pub busy: bool,
    pub idle_min: u32,
    pub secret: Secret,
    /// Seconds before another try is allowed.
    pub wait_s: u64,
    /// « J'ai compris » is ticked.
    pub understood: bool,
}

/// The last action's message, as a live region (empty when none).
pub fn note(cx: &Ctx, v: &LockView) -> Element {
    let (ok, text) = note_text(cx, v.note, v.busy);
    let class = if text.is_empty() { "lock-note" } else if ok { "lock-note msg ok" } else { "lock-note msg error" };
    tag("p", &[("id", "lock-note"), ("class", class), ("role", "status")]).text(text)
}

/// A lock note's words, and whether they are good news (the kiosk's exit
/// form says the same of its PIN).
pub fn note_text(cx: &Ctx, note: Option<&Note>, busy: bool) -> (bool, String) {
    let t = cx.t();
    match note {
        None if busy => (true, t.lock_busy.to_string()),
        None => (true, String::new()),
        Some(Note::Wrong { tries: 0 }) => (false, t.lock_err_wrong_now.to_string()),
        Some(Note::Wrong { tries }) => (false, fill(t.lock_err_wrong, &[("n", tries)])),
        Some(Note::Wait { ms }) => (false, fill(t.lock_err_wait, &[("s", &ms.div_ceil(1000))])),
        Some(Note::Problem(m)) => (false, render_args(*m, &[], cx.lang)),
        Some(Note::Understand) => (false, t.lock_err_understood.to_string()),
        Some(Note::Unreadable(_)) => (false, t.lock_err_unreadable.to_string()),
        Some(Note::Store) => (false, t.lock_err_store.to_string()),
        Some(Note::Enabled) => (true, t.lock_done_enabled.to_string()),
        Some(Note::Disabled { unopened: 0 }) => (true, t.lock_done_disabled.to_string()),
        Some(Note::Disabled { unopened }) => (false, fill(t.lock_done_disabled_some, &[("n", unopened)])),
        Some(Note::Changed) => (true, t.lock_done_changed.to_string()),
    }
}

fn field(id: &str, label: &str, input: Element) -> Element {
    tag("div", &[("class", "field")]).child(tag("label", &[("for", id)]).text(label)).child(input)
}

fn password(id: &str, autocomplete: &str) -> Element {
    tag("input", &[("id", id), ("type", "password"), ("autocomplete", autocomplete)])
}

fn kinds(cx: &Ctx, id: &str, current: Secret) -> Element {
    let t = cx.t();
    let option = |value: &str, label: &str, on: bool| {
        let o = tag("option", &[("value", value)]).text(label);
        if on { o.attr("selected", "") } else { o }
    };
    tag("select", &[("id", id)])
        .child(option("pin", t.lock_kind_pin, current == Secret::Pin))
        .child(option("passphrase", t.lock_kind_passphrase, current == Secret::Passphrase))
}

fn submit(label: &str, busy: bool, class: &str) -> Element {
    let b = tag("button", &[("type", "submit"), ("class", class)]).text(label);
    if busy { b.attr("disabled", "") } else { b }
}

/// The section (its unlock form is shown by Settings itself when locked).
pub fn lock_panel(cx: &Ctx, v: &LockView) -> Element {
    let t = cx.t();
    let mut out = tag("section", &[("id", "lock"), ("class", "lock-settings"), ("aria-labelledby", "lock-title")])
        .child(tag("h2", &[("id", "lock-title")]).text(t.lock_title))
        .child(el("p").text(t.lock_intro));
    if !v.available && v.access == Access::Off {
        return out.child(tag("p", &[("id", "lock-unavailable"), ("class", "msg error")]).text(t.lock_unavailable));
    }
    let honest = tag("ul", &[("class", "lock-honest")])
        .child(el("li").text(t.lock_honest_forget))
        .child(el("li").text(t.lock_honest_pin))
        .child(el("li").text(t.lock_honest_passphrase))
        .child(el("li").text(t.lock_honest_sync));
    out = out.child(honest);
    match v.access {
        Access::Off => {
            // The label around the box: one touch target of 48 px.
            let mut box_ = tag("input", &[("id", UNDERSTOOD), ("type", "checkbox"), ("data-change", UNDERSTOOD)]);
            if v.understood {
                box_ = box_.attr("checked", "");
            }
            let understood = tag("label", &[("class", "check")]).child(box_).text(t.lock_understood);
            out = out.child(
                tag("form", &[("class", "lock-form"), ("data-submit", ACTION_ENABLE), ("novalidate", "")])
                    .child(field(KIND, t.lock_kind, kinds(cx, KIND, v.secret)))
                    .child(field(SECRET, t.lock_secret, password(SECRET, "new-password")))
                    .child(field(CONFIRM, t.lock_confirm, password(CONFIRM, "new-password")))
                    .child(understood)
                    .child(submit(t.lock_enable, v.busy, "primary")),
            );
        }
        // The unlock form follows, with the note.
        Access::Locked => return out,
        Access::Open => {
            let idle = v.idle_min.to_string();
            out = out
                .child(tag("p", &[("id", "lock-state"), ("class", "msg ok")]).text(t.lock_on))
                .child(tag("button", &[("id", "lock-now"), ("type", "button"), ("class", "secondary"), ("data-action", ACTION_LOCK_NOW)]).text(t.lock_now))
                .child(
                    tag("form", &[("class", "lock-form"), ("data-submit", ACTION_IDLE), ("novalidate", "")])
                        .child(field(IDLE, t.lock_idle, tag("input", &[("id", IDLE), ("type", "number"), ("inputmode", "numeric"), ("min", "1"), ("max", "240"), ("value", &idle)])))
                        .child(submit(t.lock_idle_save, v.busy, "secondary")),
                )
                .child(
                    tag("form", &[("class", "lock-form"), ("data-submit", ACTION_CHANGE), ("novalidate", "")])
                        .child(el("h3").text(t.lock_change))
                        .child(field(OLD, t.lock_current, password(OLD, "current-password")))
                        .child(field(NEW_KIND, t.lock_kind, kinds(cx, NEW_KIND, v.secret)))
                        .child(field(NEW, t.lock_new, password(NEW, "new-password")))
                        .child(field(NEW_CONFIRM, t.lock_confirm, password(NEW_CONFIRM, "new-password")))
                        .child(submit(t.lock_change, v.busy, "secondary")),
                )
                .child(
                    tag("form", &[("class", "lock-form"), ("data-submit", ACTION_DISABLE), ("novalidate", "")])
                        .child(el("h3").text(t.lock_disable))
                        .child(el("p").text(t.lock_disable_hint))
                        .child(field(OFF_SECRET, t.lock_current, password(OFF_SECRET, "current-password")))
                        .child(submit(t.lock_disable, v.busy, "secondary")),
                );
        }
    }
    out.child(note(cx, v))
}
