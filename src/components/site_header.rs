//! The top bar: app name, connection indicator, language switch, and the
//! main navigation with the current page marked (`aria-current="page"`).
//! A pure document: as Leptos views (seven router links and a button) the
//! same bar cost about 1.5 KB more compressed wasm.

use super::status_bar::net_indicator;
use crate::doc::{el, link, Node};
use crate::i18n::Lang;

/// `data-action` of the language switch.
pub const ACTION_LANG: &str = "lang";

/// Whether the link `href` is the current page's section: `/` only for
/// itself, others for themselves and their records (`/projects/prj-01`).
pub fn is_current(href: &str, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let href = href.trim_end_matches('/');
    path == href || (!href.is_empty() && path.starts_with(href) && path[href.len()..].starts_with('/'))
}

/// The bar for `path`; `online` as the reachability probe last said;
/// `unsent` records wait to be sent (a badge on « Journal »); `sending`:
/// a sync run's (done, total), shown as a progress bar; `kiosk`: kiosk mode
/// (no journal or settings; « Quitter le kiosque » instead).
pub fn site_header(lang: Lang, path: &str, online: Option<bool>, unsent: usize, sending: Option<(usize, usize)>, kiosk: bool) -> Node {
    let t = lang.t();
    let switch = el("button")
        .attr("type", "button")
        .attr("id", "lang-switch")
        .class("lang-switch")
        .attr("lang", lang.other().code())
        .attr("aria-label", t.lang_switch_label)
        .attr("data-action", ACTION_LANG)
        .text(t.lang_switch);
    // Ids let the renderer give focus back to a link after a redraw (the
    // connection indicator changes while someone tabs through the bar).
    let links = [
        ("/", "nav-home", t.nav_home),
        ("/projects", "nav-projects", t.nav_projects),
        ("/report", "nav-report", t.nav_report),
        ("/organisations", "nav-organisations", t.nav_organisations),
        ("/regions", "nav-regions", t.nav_regions),
        ("/logframe", "nav-logframe", t.nav_logframe),
        ("/about", "nav-about", t.nav_about),
        ("/journal", "nav-journal", t.nav_journal),
        ("/settings", "nav-settings", t.nav_settings),
        ("/kiosk", "nav-kiosk", t.kiosk_exit),
    ]
    .into_iter()
    .filter(|(href, _, _)| if kiosk { !matches!(*href, "/journal" | "/settings") } else { *href != "/kiosk" })
    .map(|(href, id, label)| {
        let mut a = link(href, label).attr("id", id);
        if href == "/journal" && unsent > 0 {
            let said = lang.plural(unsent, t.nav_unsent_one, t.nav_unsent_many);
            // The number is seen; the sentence is heard.
            a = a
                .child(el("span").class("badge count").attr("aria-hidden", "true").text(unsent.to_string()))
                .child(el("span").class("sr-only").text(format!(" ({said})")));
        }
        if is_current(href, path) { a.attr("aria-current", "page") } else { a }
    });
    let mut out: Vec<Node> = vec![
        el("div")
            .class("brand-row")
            .child(link("/", t.app_name).class("brand").attr("id", "brand"))
            .child(el("div").class("tools").child(net_indicator(lang, online)).child(switch))
            .into(),
        el("nav").attr("aria-label", t.nav_label).children(links).into(),
    ];
    if let Some((done, total)) = sending {
        let label = crate::i18n::fill(t.sync_sending, &[("done", &done), ("total", &total)]);
        out.push(crate::doc::tag("progress", &[("id", "sync-progress"), ("class", "sync-progress"), ("max", &total.to_string()), ("value", &done.to_string()), ("aria-label", &label)]).into());
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_section() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/projects"));
        assert!(is_current("/projects", "/projects"));
        assert!(is_current("/projects", "/projects/prj-01"));
        assert!(!is_current("/projects", "/projectsx"));
        assert!(is_current("/settings", "/settings/"));
    }

    #[test]
    fn one_current_link_and_the_switch() {
        let n = site_header(Lang::Fr, "/regions/ML05", Some(true), 0, None, false);
        let current: Vec<_> = n.by_tag("a").into_iter().filter(|a| a.get_attr("aria-current").is_some()).collect();
        assert_eq!(current.len(), 1);
        assert_eq!(current[0].text_content(), "Régions");
        assert_eq!(n.by_class("lang-switch")[0].text_content(), "English");
        assert!(n.text_content().contains("En ligne") && n.text_content().contains("Réglages"));
    }

    #[test]
    fn the_journal_link_counts_what_waits_to_be_sent() {
        let none = site_header(Lang::Fr, "/", None, 0, None, false);
        let journal = |n: &Node| n.by_tag("a").into_iter().find(|a| a.get_attr("href") == Some("/journal")).unwrap().text_content();
        assert_eq!(journal(&none), "Journal");
        assert_eq!(journal(&site_header(Lang::Fr, "/", None, 3, None, false)), "Journal3 (3 activités à envoyer)");
        assert_eq!(journal(&site_header(Lang::En, "/", None, 1, None, false)), "Journal1 (1 activity to send)");
    }

    #[test]
    fn a_kiosk_has_no_journal_or_settings_link_but_a_way_out() {
        let hrefs = |kiosk| {
            site_header(Lang::Fr, "/", None, 2, None, kiosk).by_tag("a").iter().filter_map(|a| a.get_attr("href").map(str::to_string)).collect::<Vec<_>>()
        };
        let (normal, kiosk) = (hrefs(false), hrefs(true));
        assert!(normal.contains(&"/journal".into()) && normal.contains(&"/settings".into()) && !normal.contains(&"/kiosk".into()));
        assert!(!kiosk.contains(&"/journal".into()) && !kiosk.contains(&"/settings".into()) && kiosk.contains(&"/kiosk".into()));
        assert!(kiosk.contains(&"/report".into()) && kiosk.contains(&"/projects".into()));
    }

    #[test]
    fn a_progress_bar_while_sending() {
        assert!(site_header(Lang::Fr, "/", None, 3, None, false).by_tag("progress").is_empty());
        let n = site_header(Lang::Fr, "/", None, 3, Some((2, 5)), false);
        let bar = n.by_tag("progress")[0];
        assert_eq!((bar.get_attr("value"), bar.get_attr("max")), (Some("2"), Some("5")));
        assert_eq!(bar.get_attr("aria-label"), Some("Envoi en cours\u{202f}: 2 sur 5"));
    }
}
