//! Réglages › Synchronisation (pure document): where the queue stands
//! (to send, progress, pause and why, next try, clock warning), « Synchroniser
//! maintenant », « Tester la connexion » and its verdict, the settings form,
//! the configuration link (and a received link waiting for confirmation),
//! the log of the last attempts. `ui::settings` wires it.

use crate::ctx::Ctx;
use crate::doc::{el, tag, Element};
use crate::i18n::{fill, Texts};
use crate::sync::config::{cors_needs, to_fragment, ConfigError, Mode, Settings, SyncForm};
use crate::sync::engine::{action_text, clock, met_text, LogEntry};
use crate::sync::rules::Pause;
use crate::sync::view::{Run, Test};

pub const ACTION_SYNC_NOW: &str = "sync-now";
pub const ACTION_SYNC_TEST: &str = "sync-test";
/// `data-submit` of the settings form.
pub const ACTION_SYNC_SAVE: &str = "sync-save";
/// Prefix of the fields' `data-input`/`data-change` (`sync-f:endpoint`);
/// each field's id is `sync-<name>`.
pub const FIELD: &str = "sync-f:";
pub const ACTION_LINK_SECRET: &str = "sync-link-secret";
pub const ACTION_LINK_COPY: &str = "sync-link-copy";
pub const ACTION_LINK_SHARE: &str = "sync-link-share";
pub const ACTION_APPLY: &str = "sync-apply";
pub const ACTION_IGNORE: &str = "sync-ignore";
/// Id of the configuration link's field.
pub const LINK_INPUT: &str = "sync-link";

pub struct Panel<'a> {
    pub form: &'a SyncForm,
    /// The form's last save: its problems, or saved.
    pub errors: &'a [ConfigError],
    pub saved: bool,
    /// `location.origin` of the app.
    pub origin: &'a str,
    pub current: &'a Settings,
    pub unsent: usize,
    pub online: bool,
    pub run: &'a Run,
    pub test: Option<&'a Test>,
    /// Settings offered by a configuration link, waiting for confirmation.
    pub offered: Option<&'a Result<Settings, Vec<ConfigError>>>,
    pub link_secret: bool,
    pub log: &'a [LogEntry],
}

/// The configuration link of `s`.
pub fn config_link(origin: &str, s: &Settings, secret: bool) -> String {
    format!("{origin}/settings/sync{}", to_fragment(s, secret))
}

fn cors_list(s: &Settings, origin: &str) -> Element {
    tag("pre", &[("class", "cors-needs")]).text(cors_needs(s, origin).join("\n"))
}

fn pause_text(t: &Texts, p: Pause) -> &'static str {
    match p {
        Pause::Credentials => t.sync_paused_credentials,
        Pause::Address => t.sync_paused_address,
        Pause::Cors => t.sync_paused_cors,
        Pause::Policy => t.sync_paused_policy,
    }
}

fn test_text(t: &Texts, r: &Test) -> (String, &'static str) {
    let st = |tpl: &str, s: u16| fill(tpl, &[("status", &s)]);
    match r {
        Test::Running => (t.sync_testing.into(), "msg"),
        Test::Offline => (t.test_offline.into(), "msg warn"),
        Test::Ok(s) => (st(t.test_ok, *s), "msg ok"),
        Test::Credentials(s) => (st(t.test_credentials, *s), "msg error"),
        Test::Address(s) => (st(t.test_address, *s), "msg error"),
        Test::Other(s) => (st(t.test_other, *s), "msg warn"),
        Test::Headers(h) => (fill(t.test_headers, &[("headers", &h.join(", "))]), "msg error"),
        Test::Cors => (t.test_cors.into(), "msg error"),
        Test::Network => (t.test_network.into(), "msg error"),
        Test::Blocked => (t.test_blocked.into(), "msg error"),
    }
}

/// Where the queue stands, in a polite live region.
fn state(cx: &Ctx, p: &Panel) -> Element {
    let t = cx.t();
    let r = p.run;
    let mut out = tag("div", &[("id", "sync-state"), ("role", "status"), ("aria-live", "polite")])
        .child(el("p").text(fill(t.sync_to_send, &[("n", &p.unsent)])));
    if r.running {
        let (done, total) = (r.done.to_string(), r.total.max(1).to_string());
        out = out
            .child(el("p").text(fill(t.sync_sending, &[("done", &r.done), ("total", &r.total)])))
            .child(tag("progress", &[("max", &total), ("value", &done), ("aria-label", t.sync_title)]));
    }
    if let Some(pause) = r.pause {
        out = out.child(tag("p", &[("class", "msg error"), ("id", "sync-paused")]).text(pause_text(t, pause)));
        if pause == Pause::Cors {
            out = out.child(cors_list(p.current, p.origin));
        }
    } else if !p.online && p.unsent > 0 {
        out = out.child(tag("p", &[("class", "msg warn")]).text(t.sync_offline));
    } else if let Some(at) = r.wake_at.filter(|_| !r.running && p.unsent > 0) {
        out = out.child(el("p").text(fill(t.sync_waiting, &[("time", &clock(at, cx.tz_offset_min))])));
    }
    if r.last_ms > 0 {
        out = out.child(el("p").text(fill(t.sync_last, &[("time", &clock(r.last_ms, cx.tz_offset_min))])));
    }
    if let Some(s) = r.skew_s {
        out = out.child(tag("p", &[("class", "msg warn"), ("id", "sync-skew")]).text(fill(t.sync_skew, &[("min", &(s.abs() / 60))])));
    }
    out
}

fn errors_list(cx: &Ctx, errors: &[ConfigError]) -> Element {
    tag("ul", &[("class", "field-errors")]).children(errors.iter().map(|e| el("li").text(format!("{} — {}", e.key, e.message(cx.lang)))))
}

fn field(id: &str, label: &str, input: Element, hint: Option<&str>) -> Element {
    let mut f = tag("div", &[("class", "field")]).child(tag("label", &[("for", id)]).text(label)).child(input);
    if let Some(h) = hint {
        f = f.child(el("small").text(h));
    }
    f
}

fn input(name: &str, kind: &str, value: &str, extra: &[(&'static str, &str)]) -> Element {
    let id = format!("sync-{name}");
    let on = format!("{FIELD}{name}");
    tag("input", &[("id", &id), ("type", kind), ("value", value), ("data-input", &on), ("spellcheck", "false")]).with_attrs(extra)
}

fn form(cx: &Ctx, p: &Panel) -> Element {
    let t = cx.t();
    let f = p.form;
    let num = |name: &str, value: &str, min: &str, max: &str| input(name, "number", value, &[("inputmode", "numeric"), ("min", min), ("max", max)]);
    let modes = [("single", t.sync_mode_single), ("batch", t.sync_mode_batch), ("put", t.sync_mode_put)].map(|(v, l)| {
        let o = tag("option", &[("value", v)]).text(l);
        if f.mode == v { o.with_attrs(&[("selected", "")]) } else { o }
    });
    let mut key = tag("input", &[("id", "sync-key"), ("type", "checkbox"), ("data-change", "sync-f:key")]);
    if f.key {
        key = key.with_attrs(&[("checked", "")]);
    }
    let mut out = tag("form", &[("class", "sync-form"), ("data-submit", ACTION_SYNC_SAVE), ("novalidate", "")])
        .child(field("sync-endpoint", t.sync_endpoint, input("endpoint", "text", &f.endpoint, &[("inputmode", "url"), ("autocomplete", "url")]), Some(t.sync_endpoint_hint)))
        .child(field("sync-mode", t.sync_mode, tag("select", &[("id", "sync-mode"), ("data-change", "sync-f:mode")]).children(modes), None));
    if f.mode == "batch" {
        out = out.child(field("sync-batch", t.sync_batch, num("batch", &f.batch, "2", "500"), None));
    }
    out = out
        .child(field("sync-header", t.sync_header, input("header", "text", &f.header, &[("autocomplete", "off"), ("placeholder", "Authorization")]), None))
        .child(field("sync-value", t.sync_value, input("value", "password", &f.value, &[("autocomplete", "off")]), Some(t.sync_value_hint)))
        .child(field("sync-readback", t.sync_readback, input("readback", "text", &f.readback, &[("inputmode", "url")]), Some(t.sync_readback_hint)))
        .child(tag("label", &[("class", "check")]).child(key).text(t.sync_key))
        .child(field("sync-timeout", t.sync_timeout, num("timeout", &f.timeout, "5", "600"), None))
        .child(field("sync-backoff", t.sync_backoff, num("backoff", &f.backoff, "10", "86400"), None))
        .child(field("sync-interval", t.sync_interval, num("interval", &f.interval, "30", "86400"), None));
    if !p.errors.is_empty() {
        out = out.child(tag("div", &[("class", "msg error"), ("role", "alert")]).child(el("p").text(t.sync_errors)).child(errors_list(cx, p.errors)));
    } else if p.saved {
        out = out.child(tag("p", &[("class", "msg ok"), ("role", "status")]).text(t.sync_saved));
    }
    out.child(tag("button", &[("type", "submit"), ("class", "primary")]).text(t.sync_save))
}

/// The settings a link offers, for confirmation.
fn offered(cx: &Ctx, o: &Result<Settings, Vec<ConfigError>>) -> Element {
    let t = cx.t();
    let mut box_ = tag("div", &[("id", "sync-offer"), ("class", "msg warn"), ("role", "alert")]).child(el("h3").text(t.sync_confirm_title));
    match o {
        Err(errors) => {
            box_ = box_.child(el("p").text(t.sync_link_errors)).child(errors_list(cx, errors));
            box_.child(tag("button", &[("type", "button"), ("class", "secondary"), ("data-action", ACTION_IGNORE)]).text(t.sync_ignore))
        }
        Ok(s) => {
            let mode = match s.mode {
                Mode::Single => t.sync_mode_single.to_string(),
                Mode::Batch(n) => format!("{} ({n})", t.sync_mode_batch),
                Mode::Put => t.sync_mode_put.to_string(),
            };
            let header = s.header.as_ref().map(|(h, v)| if v.is_empty() { h.clone() } else { format!("{h}: ••••") }).unwrap_or_default();
            let mut dl = el("dl").class("facts");
            for (k, v) in [
                (t.sync_endpoint, s.endpoint.clone()),
                (t.sync_mode, mode),
                (t.sync_header, header),
                (t.sync_readback, s.readback.clone().unwrap_or_default()),
                (t.sync_key, if s.send_key { "✓" } else { "✗" }.to_string()),
                (t.sync_timeout, s.timeout_s.to_string()),
                (t.sync_backoff, s.backoff_cap_s.to_string()),
                (t.sync_interval, s.interval_s.to_string()),
            ] {
                if !v.is_empty() {
                    dl = dl.child(el("dt").text(k)).child(el("dd").text(v));
                }
            }
            box_.child(el("p").text(t.sync_confirm_intro)).child(dl).child(
                tag("div", &[("class", "actions")])
                    .child(tag("button", &[("type", "button"), ("class", "primary"), ("data-action", ACTION_APPLY)]).text(t.sync_apply))
                    .child(tag("button", &[("type", "button"), ("class", "secondary"), ("data-action", ACTION_IGNORE)]).text(t.sync_ignore)),
            )
        }
    }
}

fn link(cx: &Ctx, p: &Panel) -> Element {
    let t = cx.t();
    let url = config_link(p.origin, p.current, p.link_secret);
    let mut secret = tag("input", &[("id", "sync-link-secret"), ("type", "checkbox"), ("data-change", ACTION_LINK_SECRET)]);
    if p.link_secret {
        secret = secret.with_attrs(&[("checked", "")]);
    }
    tag("details", &[("class", "sync-link")])
        .child(el("summary").text(t.sync_link_title))
        .child(el("p").text(t.sync_link_intro))
        .maybe(p.current.header.is_some().then(|| tag("label", &[("class", "check")]).child(secret).text(t.sync_link_secret)))
        .child(tag("input", &[("id", LINK_INPUT), ("type", "text"), ("readonly", ""), ("value", &url), ("aria-label", t.sync_link_title)]))
        .child(
            tag("div", &[("class", "actions")])
                .child(tag("button", &[("type", "button"), ("class", "secondary"), ("data-action", ACTION_LINK_COPY)]).text(t.sync_link_copy))
                .child(tag("button", &[("type", "button"), ("class", "secondary"), ("data-action", ACTION_LINK_SHARE)]).text(t.sync_link_share)),
        )
        // The same link as a QR code: a room of phones set up by scanning.
        // The secret only when asked for, with a warning beside it.
        .maybe(crate::components::qr_code::qr_code(&url, t.sync_link_qr).map(|q| {
            let warning = (p.link_secret && p.current.header.is_some())
                .then(|| tag("figcaption", &[("class", "msg error")]).text(t.sync_link_qr_secret));
            tag("figure", &[("class", "qr-box"), ("id", "sync-link-qr")]).child(q).maybe(warning)
        }))
}

fn log(cx: &Ctx, entries: &[LogEntry]) -> Element {
    let t = cx.t();
    let head = tag("tr", &[]).children([t.sync_log_time, t.sync_log_request, t.sync_log_met, t.sync_log_action].map(|h| tag("th", &[("scope", "col")]).text(h)));
    let rows = entries.iter().rev().map(|e| {
        let what = if e.n > 1 { format!("{} ×{}", e.method, e.n) } else { format!("{} {}", e.method, e.id.get(..8).unwrap_or(&e.id)) };
        tag("tr", &[]).children([clock(e.at, cx.tz_offset_min), what, met_text(t, &e.met), action_text(t, &e.action).to_string()].map(|c| el("td").text(c)))
    });
    tag("details", &[("class", "sync-log"), ("id", "sync-log")])
        .child(el("summary").text(fill(t.sync_log_title, &[("n", &entries.len())])))
        .child(tag("div", &[("class", "table-wrap")]).child(el("table").child(el("thead").child(head)).child(el("tbody").children(rows))))
}

/// The whole section.
pub fn sync_panel(cx: &Ctx, p: &Panel) -> Element {
    let t = cx.t();
    let busy: &[(&'static str, &str)] = if p.run.running || p.offered.is_some() { &[("disabled", "")] } else { &[] };
    let mut out = tag("section", &[("id", "sync"), ("class", "sync-settings"), ("aria-labelledby", "sync-title")])
        .child(tag("h2", &[("id", "sync-title")]).text(t.sync_title))
        .maybe(p.offered.map(|o| offered(cx, o)))
        .child(el("p").text(t.sync_intro))
        .child(state(cx, p))
        .child(
            tag("div", &[("class", "actions")])
                .child(tag("button", &[("id", "sync-now"), ("type", "button"), ("class", "primary"), ("data-action", ACTION_SYNC_NOW)]).with_attrs(busy).text(t.sync_now))
                .child(tag("button", &[("id", "sync-test"), ("type", "button"), ("class", "secondary"), ("data-action", ACTION_SYNC_TEST)]).text(t.sync_test)),
        );
    if let Some(r) = p.test {
        let (text, class) = test_text(t, r);
        out = out.child(tag("div", &[("id", "sync-test-result"), ("class", class), ("role", "status")]).child(el("p").text(text)).maybe(
            matches!(r, Test::Cors).then(|| cors_list(p.current, p.origin)),
        ));
    }
    out.child(form(cx, p)).child(link(cx, p)).child(log(cx, p.log))
}
