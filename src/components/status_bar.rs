use crate::doc::{el, Node};
use crate::i18n::Lang;
use crate::status::PwaStatus;


/// `data-action` values of the banners' buttons.
pub const ACTION_UPDATE: &str = "update";
pub const ACTION_INSTALL: &str = "install";
pub const ACTION_DISMISS: &str = "dismiss-install";

/// The connection indicator in the header: « En ligne » or « Hors ligne ».
pub fn net_indicator(lang: Lang, online: Option<bool>) -> Node {
    let t = lang.t();
    match online {
        None => Node::default(),
        Some(on) => el("span")
            .class(if on { "net online" } else { "net offline" })
            .attr("role", "status")
            .text(if on { t.net_online } else { t.net_offline })
            .into(),
    }
}

/// Banners under the header: a new version to load; the install offer
/// (a button where the browser can install, instructions on iOS), never
/// shown in the installed app.
pub fn banners(lang: Lang, s: &PwaStatus) -> Node {
    let t = lang.t();
    let button = |action: &str, label: &str| {
        el("button").attr("type", "button").attr("data-action", action).text(label)
    };
    let mut out = Vec::new();
    if s.update_ready {
        out.push(
            el("div")
                .class("banner update")
                .attr("role", "alert")
                .child(el("span").text(t.update_available))
                .child(button(ACTION_UPDATE, t.update_reload).attr("id", "update-reload"))
                .into(),
        );
    }
    if !s.standalone && !s.install_dismissed && (s.can_install || s.ios) {
        let banner = el("div").class("banner install");
        let banner = if s.can_install {
            banner.child(el("span").text(t.install_why)).child(button(ACTION_INSTALL, t.install_button).class("primary"))
        } else {
            banner.child(el("p").text(t.install_ios))
        };
        out.push(banner.child(button(ACTION_DISMISS, t.dismiss).class("secondary")).into());
    }
    Node::Fragment(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(n: Node) -> String {
        n.text_content()
    }

    #[test]
    fn indicator_follows_the_probe() {
        assert_eq!(html(net_indicator(Lang::Fr, None)), "");
        assert!(html(net_indicator(Lang::Fr, Some(false))).contains("Hors ligne"));
        assert!(html(net_indicator(Lang::En, Some(true))).contains("Online"));
    }

    #[test]
    fn banners_for_update_install_and_ios_never_in_the_installed_app() {
        let none = PwaStatus::default();
        assert_eq!(html(banners(Lang::Fr, &none)), "");
        let update = PwaStatus { update_ready: true, ..none.clone() };
        assert!(html(banners(Lang::Fr, &update)).contains("Nouvelle version disponible"));
        let install = PwaStatus { can_install: true, ..none.clone() };
        assert!(html(banners(Lang::Fr, &install)).contains("Installer l'application"));
        let ios = PwaStatus { ios: true, ..none.clone() };
        let ios_text = html(banners(Lang::En, &ios));
        assert!(ios_text.contains("Add to Home Screen") && ios_text.contains("7 days"));
        let installed = PwaStatus { can_install: true, ios: true, standalone: true, ..none.clone() };
        assert_eq!(html(banners(Lang::Fr, &installed)), "");
        let dismissed = PwaStatus { can_install: true, install_dismissed: true, ..none };
        assert_eq!(html(banners(Lang::Fr, &dismissed)), "");
    }
}
