//! Réglages › Kiosque: the public link of the projects (checked or
//! confirmed, see [`crate::kiosk`]) and the form that turns kiosk mode on;
//! and the page that leaves it (`/kiosk`), asking for its PIN. Pure
//! documents; `ui::kiosk` wires them.

use crate::ctx::Ctx;
use crate::doc::{el, tag, Element, Node};
use crate::i18n::{fill, render_args, Msg};
use crate::kiosk::{Check, KioskSettings, Verified};

pub const ACTION_PUBLIC_CHECK: &str = "public-check";
pub const ACTION_PUBLIC_CONFIRM: &str = "public-confirm";
pub const ACTION_PUBLIC_REMOVE: &str = "public-remove";
pub const ACTION_KIOSK_ON: &str = "kiosk-on";
pub const ACTION_KIOSK_OFF: &str = "kiosk-off";
/// Field ids.
pub const PUBLIC_BASE: &str = "public-base";
pub const IDLE: &str = "kiosk-idle";
pub const PIN: &str = "kiosk-pin";
pub const PIN_CONFIRM: &str = "kiosk-pin-confirm";
pub const EXIT_PIN: &str = "kiosk-exit-pin";

/// What the kiosk's last action said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KioskNote {
    Checking,
    Checked(Check),
    Problem(Msg),
    Saved,
    /// The lock's notes (wrong PIN, wait) for the exit form.
    Lock(crate::lock::Note),
}

pub struct KioskView<'a> {
    pub settings: &'a KioskSettings,
    /// The idle, PIN and confirmation fields as typed (a redraw of
    /// Settings keeps them).
    pub typed: &'a [String; 3],
    /// The base URL field as typed.
    pub base_field: &'a str,
    /// Content hash of the data shown.
    pub hash: &'a str,
    /// WebCrypto is there (HTTPS or this device).
    pub available: bool,
    pub busy: bool,
    pub note: Option<&'a KioskNote>,
    /// The exit form's lock view (wait before another try).
    pub wait_s: u64,
}

fn field(id: &str, label: &str, input: Element) -> Element {
    tag("div", &[("class", "field")]).child(tag("label", &[("for", id)]).text(label)).child(input)
}

fn submit(label: &str, busy: bool, class: &str) -> Element {
    let b = tag("button", &[("type", "submit"), ("class", class)]).text(label);
    if busy { b.attr("disabled", "") } else { b }
}

fn pin_input(id: &str, autocomplete: &str) -> Element {
    tag("input", &[("id", id), ("type", "password"), ("inputmode", "numeric"), ("autocomplete", autocomplete), ("data-input", id)])
}

/// The last action's message, as a live region.
fn note(cx: &Ctx, v: &KioskView) -> Element {
    let t = cx.t();
    let (ok, text) = match v.note {
        None => (true, String::new()),
        Some(KioskNote::Checking) => (true, t.public_checking.to_string()),
        Some(KioskNote::Checked(Check::Same)) => (true, t.public_same.to_string()),
        Some(KioskNote::Checked(Check::Different)) => (false, t.public_different.to_string()),
        Some(KioskNote::Checked(Check::Unknown)) => (false, t.public_unknown.to_string()),
        Some(KioskNote::Problem(m)) => (false, render_args(*m, &[], cx.lang)),
        Some(KioskNote::Saved) => (true, t.kiosk_saved.to_string()),
        Some(KioskNote::Lock(n)) => crate::components::lock_panel::note_text(cx, Some(n), false),
    };
    let class = if text.is_empty() { "kiosk-note" } else if ok { "kiosk-note msg ok" } else { "kiosk-note msg error" };
    tag("p", &[("id", "kiosk-note"), ("class", class), ("role", "status")]).text(text)
}

/// Where the public link stands.
fn public_state(cx: &Ctx, v: &KioskView) -> Element {
    let t = cx.t();
    let (ok, text) = match &v.settings.public {
        None => (false, t.public_none),
        Some(p) if p.hash != v.hash => (false, t.public_stale),
        Some(p) if p.how == Verified::Checked => (true, t.public_same),
        Some(_) => (true, t.public_confirmed),
    };
    tag("p", &[("id", "public-state"), ("class", if ok { "msg ok" } else { "note" })]).text(text)
}

/// The section of Settings.
pub fn kiosk_panel(cx: &Ctx, v: &KioskView) -> Element {
    let t = cx.t();
    let unknown = v.note == Some(&KioskNote::Checked(Check::Unknown));
    let public = tag("form", &[("class", "kiosk-form"), ("data-submit", ACTION_PUBLIC_CHECK), ("novalidate", "")])
        .child(el("h3").text(t.public_title))
        .child(el("p").text(t.public_intro))
        .child(public_state(cx, v))
        .child(field(
            PUBLIC_BASE,
            t.public_base,
            tag("input", &[("id", PUBLIC_BASE), ("type", "url"), ("inputmode", "url"), ("autocomplete", "off"), ("value", v.base_field)]),
        ))
        .child(submit(t.public_check, v.busy, "secondary"))
        .maybe(unknown.then(|| {
            tag("button", &[("type", "button"), ("class", "secondary"), ("data-action", ACTION_PUBLIC_CONFIRM)]).text(t.public_confirm)
        }))
        .maybe(v.settings.public.is_some().then(|| {
            tag("button", &[("type", "button"), ("class", "secondary"), ("data-action", ACTION_PUBLIC_REMOVE)]).text(t.public_remove)
        }));
    let idle = if v.typed[0].is_empty() { v.settings.idle_s.to_string() } else { v.typed[0].clone() };
    let on = if v.available {
        tag("form", &[("class", "kiosk-form"), ("data-submit", ACTION_KIOSK_ON), ("novalidate", "")])
            .child(el("h3").text(t.kiosk_title))
            .child(el("p").text(t.kiosk_intro))
            .child(field(IDLE, t.kiosk_idle, tag("input", &[("id", IDLE), ("type", "number"), ("inputmode", "numeric"), ("min", "20"), ("max", "3600"), ("value", &idle), ("data-input", IDLE)])))
            .child(field(PIN, t.kiosk_pin, pin_input(PIN, "new-password").attr("value", v.typed[1].as_str())))
            .child(field(PIN_CONFIRM, t.kiosk_pin_confirm, pin_input(PIN_CONFIRM, "new-password").attr("value", v.typed[2].as_str())))
            .child(submit(t.kiosk_start, v.busy, "primary"))
    } else {
        el("div").child(el("h3").text(t.kiosk_title)).child(el("p").text(t.kiosk_intro)).child(tag("p", &[("class", "msg error")]).text(t.kiosk_need_https))
    };
    tag("section", &[("id", "kiosk"), ("class", "kiosk-settings"), ("aria-labelledby", "kiosk-title")])
        .child(tag("h2", &[("id", "kiosk-title")]).text(t.kiosk_title))
        .child(public)
        .child(on)
        .child(note(cx, v))
}

/// `/kiosk`: the PIN form that leaves kiosk mode (a link back to the map
/// when it is not on).
pub fn exit_page(cx: &Ctx, v: &KioskView, on: bool) -> Node {
    let t = cx.t();
    let page = el("section").class("page kiosk-exit").child(el("h1").text(t.kiosk_exit_title));
    if !on {
        return page.child(el("p").child(crate::doc::link("/", t.kiosk_back_map))).into();
    }
    let mut button = tag("button", &[("type", "submit"), ("class", "primary")]).text(t.kiosk_exit_go);
    if v.busy || v.wait_s > 0 {
        button = button.attr("disabled", "");
    }
    page.child(el("p").text(t.kiosk_exit_intro))
        .child(
            tag("form", &[("class", "unlock-form"), ("data-submit", ACTION_KIOSK_OFF), ("novalidate", "")])
                .child(field(EXIT_PIN, t.kiosk_pin, pin_input(EXIT_PIN, "current-password").attr("required", "")))
                .child(button),
        )
        .child(note(cx, v))
        .child(el("p").child(crate::doc::link("/", t.kiosk_back_map)))
        .into()
}

/// What a blocked page shows in kiosk mode.
pub fn blocked_page(cx: &Ctx) -> Node {
    let t = cx.t();
    el("section")
        .class("page")
        .child(el("h1").text(t.kiosk_blocked))
        .child(el("p").child(crate::doc::link("/", t.kiosk_back_map)))
        .into()
}

/// The countdown before going back to the map (a polite live region).
pub fn countdown(cx: &Ctx, seconds: Option<u32>) -> Element {
    let text = seconds.map(|n| fill(cx.t().kiosk_countdown, &[("n", &n)])).unwrap_or_default();
    tag("div", &[("id", "kiosk-countdown"), ("class", if text.is_empty() { "kiosk-countdown" } else { "kiosk-countdown on" }), ("role", "status")]).text(text)
}
