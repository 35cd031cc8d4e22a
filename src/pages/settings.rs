//! Settings › Données: what the current data is and where it comes from,
//! the form (data URL, « Mettre à jour les données », JSON import), the
//! last update's result with every problem, the device's storage.
//!
//! The whole page is one document; `ui::settings` only wires its form
//! (`data-submit` on the form, `data-change` on the file input, see
//! [`crate::doc`]) and reads the two fields by id ([`URL_INPUT`],
//! [`FILE_INPUT`]).

use crate::ctx::Ctx;
use crate::components::data_status;
use crate::status::{Status, StorageInfo};
use crate::doc::{el, tag, Element, Node};
use crate::i18n::{fill, format, Lang};
use crate::components::quarantine_list::quarantine_list;
use crate::model::refresh::{Meta, Origin};
use crate::model::Problem;
use crate::storage::dataset_cache::Quarantined;
use chrono::NaiveDate;

/// Id of the data URL field.
pub const URL_INPUT: &str = "data-url";
/// Id of the file input.
pub const FILE_INPUT: &str = "data-file";
/// Id of the timeout field (seconds with no data before a download is given up).
pub const TIMEOUT_INPUT: &str = "data-timeout";
/// `data-action` of the button that stores again the data shown.
pub const ACTION_RETRY_SAVE: &str = "retry-save";
/// Profiles: `data-submit` of the form, the fields, the buttons' prefixes.
pub const ACTION_PROFILE_ADD: &str = "profile-add";
pub const PROFILE_NAME: &str = "profile-name";
pub const PROFILE_CSO: &str = "profile-cso";
pub const PROFILE_PHONE: &str = "profile-phone";
pub const ACTION_PROFILE_ACTIVATE: &str = "profile-activate:";
pub const ACTION_PROFILE_DELETE: &str = "profile-delete:";

/// A profile as Settings lists it.
pub struct ProfileRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub cso: &'a str,
    pub phone: &'a str,
}
/// `data-submit` of the form: update from the URL.
pub const ACTION_UPDATE: &str = "update";
/// `data-change` of the file input: import the chosen file.
pub const ACTION_IMPORT: &str = "import";

/// What the page shows besides the data itself.
pub struct View<'a> {
    pub meta: &'a Meta,
    /// The data URL field's value.
    pub url: &'a str,
    pub status: &'a Status,
    pub storage: &'a StorageInfo,
    /// An update or import is running (the controls are disabled).
    pub busy: bool,
    /// The download timeout field's value, in seconds.
    pub timeout_s: u32,
    /// The rules the data shown breaks (stored data checked by a newer
    /// version of the app).
    pub problems: &'a [Problem],
    /// Copies of programme data set aside.
    pub quarantine: &'a [Quarantined],
    pub profiles: &'a [ProfileRow<'a>],
    pub active_profile: Option<&'a str>,
    /// The profile form's last error.
    pub profile_error: bool,
    /// The profile form as typed: name, CSO id, phone.
    pub profile_form: (&'a str, &'a str, &'a str),
    /// `Date.getTimezoneOffset()` of the device.
    pub tz_offset_min: i32,
    /// Réglages › Synchronisation.
    pub sync: Option<&'a crate::components::sync_panel::Panel<'a>>,
    /// Réglages › Verrouillage. While locked, the profiles and the sync
    /// settings (sealed) give way to the unlock form.
    pub lock: Option<&'a crate::components::lock_panel::LockView<'a>>,
    /// Réglages › Kiosque (the public link of the QR codes, kiosk mode).
    pub kiosk: Option<&'a crate::components::kiosk_panel::KioskView<'a>>,
}

/// Local date and time of `ms` (since 1970, UTC) for a zone `tz_offset_min`
/// minutes behind UTC (JavaScript's `getTimezoneOffset`).
pub fn local_time(lang: Lang, ms: u64, tz_offset_min: i32) -> String {
    let local = ms as i64 / 60_000 - i64::from(tz_offset_min);
    let (days, minutes) = (local.div_euclid(1440), local.rem_euclid(1440));
    let date = i32::try_from(days + 719_163).ok().and_then(NaiveDate::from_num_days_from_ce_opt);
    match date {
        Some(d) => fill(
            lang.t().data_updated_at,
            &[("d", &format::date(lang, d)), ("h", &format!("{:02}:{:02}", minutes / 60, minutes % 60))],
        ),
        None => String::new(),
    }
}

/// The whole page.
pub fn page(cx: &Ctx, v: &View) -> Node {
    let t = cx.t();
    let meta = v.meta;
    let origin = match &meta.origin {
        Origin::Embedded => t.data_origin_embedded.to_string(),
        Origin::Url(u) => fill(t.data_origin_url, &[("v", u)]),
        Origin::File(f) => fill(t.data_origin_file, &[("v", f)]),
    };
    let updated = if meta.updated_at == 0 {
        t.data_updated_never.to_string()
    } else {
        local_time(cx.lang, meta.updated_at, v.tz_offset_min)
    };
    let mut facts = tag("dl", &[("class", "facts")]);
    for (id, label, value) in [
        ("data-origin", t.data_origin, origin),
        ("data-updated", t.data_updated, updated),
        ("data-revision", t.data_revision, cx.ds.revision.to_string()),
        ("data-hash", t.data_hash, meta.hash.clone()),
    ] {
        facts = facts.child(el("dt").text(label)).child(tag("dd", &[("id", id)]).text(value));
    }
    let off: &[(&str, &str)] = if v.busy { &[("disabled", "")] } else { &[] };
    let timeout_s = v.timeout_s.to_string();
    let timeout = tag(
        "input",
        &[("id", TIMEOUT_INPUT), ("type", "number"), ("inputmode", "numeric"), ("min", "5"), ("max", "600"), ("step", "1"), ("value", &timeout_s)],
    );
    let field = |id: &str, label: &str, input: Element| {
        tag("div", &[("class", "field")]).child(tag("label", &[("for", id)]).text(label)).child(input)
    };
    let url = tag(
        "input",
        &[
            ("id", URL_INPUT),
            ("type", "text"),
            ("inputmode", "url"),
            ("autocomplete", "url"),
            ("spellcheck", "false"),
            ("aria-describedby", "data-url-hint"),
            ("value", v.url),
        ],
    );
    let mut file = tag("input", &[("id", FILE_INPUT), ("type", "file"), ("accept", "application/json,.json"), ("data-change", ACTION_IMPORT)]);
    let mut button = tag("button", &[("id", "data-update"), ("type", "submit"), ("class", "primary")]).text(t.data_update);
    for e in [&mut file, &mut button] {
        e.attrs.extend(off.iter().map(|(k, v)| (*k, v.to_string())));
    }
    let form = tag("form", &[("class", "data-form"), ("data-submit", ACTION_UPDATE)])
        .child(field(URL_INPUT, t.data_url_label, url).child(tag("small", &[("id", "data-url-hint")]).text(t.data_url_hint)))
        .child(field(TIMEOUT_INPUT, t.data_timeout_label, timeout))
        .child(button)
        .child(field(FILE_INPUT, t.data_import_label, file));
    let unsaved = (!meta.saved).then(|| {
        let mut retry = tag("button", &[("id", "data-retry-save"), ("type", "button"), ("data-action", ACTION_RETRY_SAVE)]).text(t.data_retry_save);
        retry.attrs.extend(off.iter().map(|(k, v)| (*k, v.to_string())));
        tag("div", &[("class", "msg error"), ("id", "data-unsaved")]).child(el("p").text(t.data_not_saved)).child(retry)
    });
    let problems = data_status::problem_list(cx.lang, v.problems).map(|list| {
        tag("section", &[("id", "data-problems")]).child(el("h2").text(t.data_problems_title)).child(list)
    });
    let status = data_status::status(cx.lang, v.status, cx.ds.revision, cx.ds.projects.len());
    let locked = v.lock.is_some_and(|l| l.access == crate::lock::Access::Locked);
    tag("section", &[("class", "page settings")])
        .child(el("h1").text(t.settings_title))
        .child(tag("h2", &[("id", "data")]).text(t.data_title))
        .child(facts)
        .maybe(unsaved)
        .maybe(problems)
        .child(form)
        .child(tag("div", &[("id", "data-status"), ("role", "status"), ("aria-live", "polite")]).child(status))
        .child(tag("h2", &[("id", "storage-title")]).text(t.storage_title))
        .child(data_status::storage(cx.lang, v.storage))
        .child(quarantine_list(cx.lang, v.quarantine, v.busy, &|ms| local_time(cx.lang, ms, v.tz_offset_min)))
        .maybe((!locked).then(|| profiles(cx, v)))
        .maybe(v.sync.filter(|_| !locked).map(|p| crate::components::sync_panel::sync_panel(cx, p)))
        .maybe(v.lock.map(|l| crate::components::lock_panel::lock_panel(cx, l)))
        .maybe(v.lock.filter(|_| locked).map(|l| crate::components::unlock_form::unlock_form(cx, l, "h2")))
        .maybe(v.kiosk.map(|k| crate::components::kiosk_panel::kiosk_panel(cx, k)))
        .into()
}

/// Réglages › Profils: who logs activities on this phone.
fn profiles(cx: &Ctx, v: &View) -> Element {
    let t = cx.t();
    let rows = v.profiles.iter().map(|p| {
        let org = cx.ds.organisation(p.cso).map_or(p.cso.to_string(), |o| o.name.clone());
        let mut line = format!("{} — {org}", p.name);
        if !p.phone.is_empty() {
            line.push_str(&format!(" — {}", p.phone));
        }
        let on = v.active_profile == Some(p.id);
        let activate = tag("button", &[("type", "button"), ("class", "chip"), ("aria-pressed", if on { "true" } else { "false" })])
            .attr("data-action", format!("{ACTION_PROFILE_ACTIVATE}{}", p.id))
            .text(if on { t.profile_active } else { t.profile_activate });
        let delete = tag("button", &[("type", "button"), ("class", "secondary")]).attr("data-action", format!("{ACTION_PROFILE_DELETE}{}", p.id)).text(t.journal_delete);
        el("li").child(el("strong").text(line)).child(tag("div", &[("class", "actions")]).child(activate).child(delete))
    });
    let csos = std::iter::once((String::new(), t.journal_choose.to_string()))
        .chain(cx.ds.organisations.iter().map(|o| (o.id.clone(), o.name.clone())))
        .map(|(id, name)| {
            let o = tag("option", &[("value", &id)]).text(name);
            if id == v.profile_form.1 { o.attr("selected", "") } else { o }
        });
    let field = |id: &str, label: &str, input: Element| tag("div", &[("class", "field")]).child(tag("label", &[("for", id)]).text(label)).child(input);
    tag("section", &[("id", "profiles"), ("class", "profiles-settings"), ("aria-labelledby", "profiles-title")])
        .child(tag("h2", &[("id", "profiles-title")]).text(t.profiles_title))
        .child(el("p").text(t.profiles_intro))
        .child(tag("ul", &[("class", "profile-list")]).children(rows))
        .child(
            tag("form", &[("class", "profile-form"), ("data-submit", ACTION_PROFILE_ADD), ("novalidate", "")])
                .child(el("h3").text(t.profile_add_title))
                .child(field(
                    PROFILE_NAME,
                    t.profile_name,
                    tag("input", &[("id", PROFILE_NAME), ("type", "text"), ("autocomplete", "name"), ("data-input", PROFILE_NAME), ("value", v.profile_form.0)]),
                ))
                .child(field(PROFILE_CSO, t.profile_cso, tag("select", &[("id", PROFILE_CSO), ("data-change", PROFILE_CSO)]).children(csos)))
                .child(field(
                    PROFILE_PHONE,
                    t.profile_phone,
                    tag("input", &[("id", PROFILE_PHONE), ("type", "tel"), ("autocomplete", "tel"), ("data-input", PROFILE_PHONE), ("value", v.profile_form.2)]),
                ))
                .maybe(v.profile_error.then(|| tag("p", &[("class", "field-error"), ("role", "alert")]).text(t.profile_err_required)))
                .child(tag("button", &[("type", "submit"), ("class", "primary")]).text(t.profile_add)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times() {
        // 2019-04-30 12:34 UTC.
        let ms = 1_556_627_640_000;
        assert_eq!(local_time(Lang::Fr, ms, 0), "30 avril 2019 à 12:34");
        assert_eq!(local_time(Lang::En, ms, 0), "30 April 2019, 12:34");
        // UTC+2 (getTimezoneOffset = -120), and a zone where it is still the 29th.
        assert_eq!(local_time(Lang::En, ms, -120), "30 April 2019, 14:34");
        assert_eq!(local_time(Lang::En, ms, 780), "29 April 2019, 23:34");
    }
}
