//! What the data cache tells the user: the app-wide notice after start
//! (unreadable or evicted data), the result of an update or import (with
//! every problem and its path), the download's progress, and the device's
//! storage. Pure document trees; `ui::settings` and `ui::banners` show them.

use crate::doc::{el, Element, Node};
use crate::i18n::{fill, Lang};
use crate::storage::StoreError;
use crate::model::Problem;
use crate::status::{DataWarning, Status, StorageInfo};


/// `data-action` of the notice's close button.
pub const ACTION_CLOSE_NOTICE: &str = "close-data-notice";
/// `data-action` of the notice's reload button (a newer database).
pub const ACTION_RELOAD: &str = "reload";

/// The notice under the header, with a close button (or, when only a
/// reload helps, a reload button). Copies set aside are never named by
/// their storage key: the notice points at Settings.
pub fn notice(lang: Lang, warning: Option<&DataWarning>) -> Node {
    let t = lang.t();
    let Some(w) = warning else { return Node::default() };
    let text = match w {
        DataWarning::Corrupt { kept: true } => format!("{} {}", t.data_warn_corrupt, t.data_kept),
        DataWarning::Corrupt { kept: false } => t.data_warn_corrupt.to_string(),
        DataWarning::Invalid { problems } => lang.plural(*problems, t.data_warn_invalid_one, t.data_warn_invalid_many),
        DataWarning::Newer => t.data_warn_newer.to_string(),
        DataWarning::Evicted => t.data_warn_evicted.to_string(),
        DataWarning::Unavailable => t.data_warn_unavailable.to_string(),
        DataWarning::Slow => t.data_warn_slow.to_string(),
        DataWarning::NewerDatabase => t.data_warn_newer_db.to_string(),
    };
    let (action, label) = match w {
        DataWarning::NewerDatabase => (ACTION_RELOAD, t.reload),
        _ => (ACTION_CLOSE_NOTICE, t.close),
    };
    el("div")
        .class("banner data-warning")
        .attr("role", "alert")
        .child(el("p").text(text))
        .child(el("button").attr("type", "button").class("secondary").attr("data-action", action).text(label))
        .into()
}

/// « 850 o », « 12,3 Ko », « 1,5 Mo » / « 850 B », « 12.3 KB », « 1.5 MB ».
pub fn size(lang: Lang, bytes: u64) -> String {
    let units = match lang {
        Lang::Fr => ["o", "Ko", "Mo", "Go", "To"],
        Lang::En => ["B", "KB", "MB", "GB", "TB"],
    };
    let (mut value, mut unit) = (bytes, 0);
    while value >= 1024 * 1024 && unit < units.len() - 2 {
        value /= 1024;
        unit += 1;
    }
    if unit == 0 && value < 1024 {
        return format!("{value} {}", units[0]);
    }
    let tenths = value * 10 / 1024;
    let sep = lang.pick(",", ".");
    format!("{}{sep}{} {}", tenths / 10, tenths % 10, units[unit + 1])
}

fn problem_item(lang: Lang, p: &Problem) -> Element {
    let path = if p.path.is_empty() { lang.t().data_whole_document } else { p.path.as_str() };
    el("li").child(el("code").class("path").text(path)).text(" — ").text(p.message(lang))
}

/// The status of the last update or import, for a live region.
pub fn status(lang: Lang, s: &Status, revision: u32, projects: usize) -> Node {
    let t = lang.t();
    let line = |class: &str, text: String| -> Node { el("p").class(class).text(text).into() };
    match s {
        Status::Idle => Node::default(),
        Status::NoUrl => line("msg error", t.data_no_url.into()),
        Status::InsecureUrl => line("msg error", t.data_insecure_url.into()),
        Status::Starting => line("msg warn", t.data_starting.into()),
        Status::Downloading { received, total } => {
            let r = size(lang, *received);
            let mut bar = el("progress").attr("id", "data-progress");
            let label = match total.filter(|total| total >= received) {
                Some(total) => {
                    bar = bar.attr("max", total.to_string()).attr("value", received.to_string());
                    fill(t.data_received_of, &[("r", &r), ("t", &size(lang, total))])
                }
                None => fill(t.data_received, &[("r", &r)]),
            };
            el("div")
                .class("msg progress")
                .child(el("p").text(t.data_downloading))
                .child(bar.attr("aria-label", t.data_downloading))
                .child(el("p").class("small").text(label))
                .child(
                    el("button")
                        .attr("type", "button")
                        .attr("id", "data-cancel")
                        .class("secondary")
                        .attr("data-action", ACTION_CANCEL)
                        .text(t.data_cancel),
                )
                .into()
        }
        Status::Unchanged => line("msg ok", t.data_unchanged.into()),
        Status::Replaced { saved } => {
            let p = lang.plural(projects, t.projects_one, t.projects_many);
            let done = line("msg ok", fill(t.data_replaced, &[("rev", &revision), ("p", &p)]));
            match saved {
                Ok(()) => done,
                Err(StoreError::QuotaExceeded) => vec![done, line("msg error", t.data_not_saved_quota.into())].into(),
                Err(_) => vec![done, line("msg error", t.data_not_saved.into())].into(),
            }
        }
        Status::Failed(f) => el("div")
            .class("msg error")
            .child(el("p").text(f.message(lang)))
            .maybe(problem_list(lang, f.problems()))
            .into(),
        Status::Older { new, current } => el("div")
            .class("msg warn")
            .child(el("p").text(fill(t.data_older, &[("new", new), ("current", current)])))
            .child(
                el("button")
                    .attr("type", "button")
                    .attr("id", "data-older-confirm")
                    .attr("data-action", ACTION_CONFIRM_OLDER)
                    .text(t.data_older_confirm),
            )
            .into(),
        Status::Restored { revision, .. } => line("msg ok", fill(t.data_restored, &[("rev", revision)])),
        Status::RestoreFailed(None) => line("msg error", t.data_restore_unreadable.into()),
        Status::RestoreFailed(Some(_)) => line("msg error", t.data_restore_store.into()),
    }
}

/// `data-action` of the button that cancels a download.
pub const ACTION_CANCEL: &str = "cancel-download";

/// `data-action` of the button that accepts older data.
pub const ACTION_CONFIRM_OLDER: &str = "confirm-older";

/// Every problem with its path, as a list (`None` when there is none).
pub fn problem_list(lang: Lang, problems: &[Problem]) -> Option<Element> {
    (!problems.is_empty()).then(|| el("ul").class("problems").children(problems.iter().map(|p| problem_item(lang, p))))
}


/// Space used of the quota, and whether storage is persistent.
pub fn storage(lang: Lang, s: &StorageInfo) -> Element {
    let t = lang.t();
    let used = match (s.usage, s.quota) {
        (Some(u), Some(q)) => fill(t.storage_used_of, &[("u", &size(lang, u)), ("q", &size(lang, q))]),
        (Some(u), None) => size(lang, u),
        _ => t.storage_unknown.into(),
    };
    let persisted = match s.persisted {
        Some(true) => t.storage_persist_yes,
        Some(false) => t.storage_persist_no,
        None => t.storage_unknown,
    };
    el("dl")
        .class("facts")
        .attr("id", "storage")
        .child(el("dt").text(t.storage_used))
        .child(el("dd").attr("id", "storage-used").text(used))
        .child(el("dt").text(t.storage_persist))
        .child(el("dd").attr("id", "storage-persisted").text(persisted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_both_languages() {
        assert_eq!(size(Lang::Fr, 0), "0 o");
        assert_eq!(size(Lang::En, 1023), "1023 B");
        assert_eq!(size(Lang::Fr, 12_595), "12,2 Ko");
        assert_eq!(size(Lang::En, 1_572_864), "1.5 MB");
        assert_eq!(size(Lang::En, 300 * 1024 * 1024 * 1024), "300.0 GB");
    }
}
