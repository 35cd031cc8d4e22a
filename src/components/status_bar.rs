use crate::doc::{el, Element, Node};
use crate::i18n::Lang;
use crate::status::PwaStatus;

/// `data-action` values of the banners' buttons.
pub const ACTION_UPDATE: &str = "update";
pub const ACTION_INSTALL: &str = "install";
pub const ACTION_DISMISS: &str = "dismiss-install";
pub const ACTION_LATER: &str = "dismiss-update";
pub const ACTION_CLOSE_INSECURE: &str = "close-insecure";

/// The connection indicator in the header: « En ligne » or « Hors ligne ».
/// Always the same element (empty, and hidden by the style sheet, before
/// the first probe answers), so that the renderer keeps it and a screen
/// reader hears each real change once.
pub fn net_indicator(lang: Lang, online: Option<bool>) -> Node {
    let t = lang.t();
    let (class, text) = match online {
        None => ("net", ""),
        Some(true) => ("net online", t.net_online),
        Some(false) => ("net offline", t.net_offline),
    };
    el("span").class(class).attr("id", "net").attr("role", "status").text(text).into()
}

/// What the banners show besides the glue's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shell {
    /// `window.isSecureContext`: false over plain HTTP (not localhost).
    pub secure: bool,
    /// The insecure-page notice was closed during this visit.
    pub insecure_closed: bool,
    /// The update banner was put off during this visit.
    pub update_later: bool,
}

impl Default for Shell {
    fn default() -> Shell {
        Shell { secure: true, insecure_closed: false, update_later: false }
    }
}

fn button(action: &str, label: &str) -> Element {
    el("button").attr("type", "button").attr("data-action", action).text(label)
}

/// The banners at the bottom of the screen, each in a slot of its own that
/// is always there (empty when it has nothing to say): the renderer keeps
/// every slot, so a banner is inserted, and announced, once, and does not
/// move when another comes or goes.
/// * over plain HTTP: what does not work, and to use the HTTPS address;
/// * a new version to load (or to put off);
/// * the install offer: a button where the browser can install,
///   instructions on iOS; never in the installed app, nor over HTTP (it
///   could not work offline).
pub fn banners(lang: Lang, s: &PwaStatus, shell: Shell) -> Node {
    let t = lang.t();
    let slot = |id: &str, banner: Option<Element>| el("div").attr("id", id).maybe(banner).into();
    let insecure = (!shell.secure && !shell.insecure_closed).then(|| {
        el("div")
            .class("banner insecure")
            .child(el("p").text(t.insecure_notice))
            .child(button(ACTION_CLOSE_INSECURE, t.close).class("secondary"))
    });
    let update = (s.update_ready && !shell.update_later).then(|| {
        el("div")
            .class("banner update")
            .child(el("span").text(t.update_available))
            .child(button(ACTION_UPDATE, t.update_reload).attr("id", "update-reload"))
            .child(button(ACTION_LATER, t.dismiss).class("secondary"))
    });
    let install = (shell.secure && !s.standalone && !s.install_dismissed && (s.can_install || s.ios)).then(|| {
        let banner = el("div").class("banner install");
        let banner = if s.can_install {
            banner.child(el("span").text(t.install_why)).child(button(ACTION_INSTALL, t.install_button).class("primary"))
        } else {
            banner.child(el("p").text(t.install_ios))
        };
        banner.child(button(ACTION_DISMISS, t.dismiss).class("secondary"))
    });
    Node::Fragment(vec![
        slot("slot-insecure", insecure),
        slot("slot-update", update),
        slot("slot-install", install),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(n: Node) -> String {
        n.text_content()
    }

    fn on() -> Shell {
        Shell::default()
    }

    #[test]
    fn indicator_follows_the_probe_in_one_element() {
        assert_eq!(html(net_indicator(Lang::Fr, None)), "");
        assert!(html(net_indicator(Lang::Fr, Some(false))).contains("Hors ligne"));
        assert!(html(net_indicator(Lang::En, Some(true))).contains("Online"));
        for online in [None, Some(true), Some(false)] {
            let n = net_indicator(Lang::Fr, online);
            assert_eq!(n.by_tag("span").len(), 1, "always there: {online:?}");
            assert_eq!(n.by_tag("span")[0].get_attr("role"), Some("status"), "a status, never an alert");
        }
    }

    #[test]
    fn banners_for_update_install_and_ios_never_in_the_installed_app() {
        let none = PwaStatus::default();
        assert_eq!(html(banners(Lang::Fr, &none, on())), "");
        let update = PwaStatus { update_ready: true, ..none.clone() };
        assert!(html(banners(Lang::Fr, &update, on())).contains("Nouvelle version disponible"));
        let install = PwaStatus { can_install: true, ..none.clone() };
        assert!(html(banners(Lang::Fr, &install, on())).contains("Installer l'application"));
        let ios = PwaStatus { ios: true, ..none.clone() };
        let ios_text = html(banners(Lang::En, &ios, on()));
        assert!(ios_text.contains("Add to Home Screen") && ios_text.contains("7 days"));
        let installed = PwaStatus { can_install: true, ios: true, standalone: true, ..none.clone() };
        assert_eq!(html(banners(Lang::Fr, &installed, on())), "");
        let dismissed = PwaStatus { can_install: true, install_dismissed: true, ..none };
        assert_eq!(html(banners(Lang::Fr, &dismissed, on())), "");
    }

    #[test]
    fn every_banner_can_be_closed_and_none_is_an_alert() {
        let all = PwaStatus { update_ready: true, ios: true, ..PwaStatus::default() };
        let n = banners(Lang::Fr, &all, on());
        for b in n.by_class("banner") {
            let node: Node = b.clone().into();
            let closes = node.by_tag("button").iter().filter_map(|b| b.get_attr("data-action")).any(|a| {
                [ACTION_LATER, ACTION_DISMISS, ACTION_CLOSE_INSECURE].contains(&a)
            });
            assert!(closes, "{}", node.to_html());
            assert_eq!(b.get_attr("role"), None, "the live region around them announces them once");
        }
        let later = Shell { update_later: true, ..on() };
        assert!(!html(banners(Lang::Fr, &all, later)).contains("Nouvelle version"));
    }

    #[test]
    fn plain_http_is_said_plainly_and_closable() {
        let none = PwaStatus::default();
        let http = Shell { secure: false, ..on() };
        let fr = html(banners(Lang::Fr, &none, http));
        assert!(fr.contains("non sécurisée") && fr.contains("https://"), "{fr}");
        let en = html(banners(Lang::En, &none, http));
        assert!(en.contains("offline use") && en.contains("https://"), "{en}");
        assert_eq!(html(banners(Lang::Fr, &none, on())), "", "not over HTTPS or localhost");
        let closed = Shell { insecure_closed: true, ..http };
        assert_eq!(html(banners(Lang::Fr, &none, closed)), "");
        // No install offer over HTTP: it could not work offline.
        let ios = PwaStatus { ios: true, can_install: true, ..none };
        assert!(!html(banners(Lang::Fr, &ios, http)).contains("Installer"));
    }

    #[test]
    fn banners_keep_their_slots() {
        let slots = |s: &PwaStatus, shell: Shell| -> Vec<String> {
            match banners(Lang::Fr, s, shell) {
                Node::Fragment(v) => v.iter().map(|n| n.to_html().split('>').next().unwrap().to_string()).collect(),
                other => panic!("{other:?}"),
            }
        };
        let none = PwaStatus::default();
        let all = PwaStatus { update_ready: true, can_install: true, ..none.clone() };
        assert_eq!(slots(&none, on()), slots(&all, Shell { secure: false, ..on() }));
        assert_eq!(slots(&none, on()).len(), 3);
    }
}
