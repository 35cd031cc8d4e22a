//! Ceremony tablets (#16), the pure part: kiosk rules, idle countdown,
//! the public link's checks, QR codes, the project sheet's parts.
use paix_base::ctx::Ctx;
use paix_base::i18n::Lang;
use paix_base::kiosk::*;
use paix_base::model::refresh::content_hash;
use paix_base::model::{Dataset, EMBEDDED_JSON};
use paix_base::pages::route::{Page, Report};
use paix_base::pages;

#[test]
fn a_kiosk_shows_browsing_pages_only() {
    for p in [Page::Home, Page::Projects, Page::Project("prj-01".into()), Page::Report(Report::Timeline), Page::About, Page::Kiosk, Page::NotFound] {
        assert!(allows(&p), "{p:?}");
    }
    for p in [Page::Settings, Page::Journal, Page::JournalNew, Page::JournalRecord("x".into())] {
        assert!(!allows(&p), "{p:?}");
    }
    assert_eq!(Page::resolve("/settings/sync"), Page::Settings, "sync settings are Settings");
}

#[test]
fn idle_time_counts_down_then_resets() {
    assert_eq!(idle_step(0.0, 90), Idle::Active);
    assert_eq!(idle_step(79_999.0, 90), Idle::Active);
    assert_eq!(idle_step(80_000.0, 90), Idle::Countdown(10));
    assert_eq!(idle_step(89_001.0, 90), Idle::Countdown(1));
    assert_eq!(idle_step(90_000.0, 90), Idle::Reset);
    assert_eq!(idle_step(1e12, 90), Idle::Reset);
    assert_eq!(idle_seconds(" 45 "), Ok(45));
    for bad in ["", "19", "3601", "-5", "1.5", "abc"] {
        assert!(idle_seconds(bad).is_err(), "{bad}");
    }
    let s = KioskSettings::parse(Some(r#"{"idle_s": 5}"#));
    assert_eq!(s.idle_s, MIN_IDLE_S, "clamped");
    assert_eq!(KioskSettings::parse(Some("not json")), KioskSettings::default());
    assert_eq!(KioskSettings::default().idle_s, 90);
}

#[test]
fn the_public_link_is_https_without_credentials_and_verified_against_the_data_shown() {
    assert_eq!(base_url("https://paix.example.org/"), Ok("https://paix.example.org".into()));
    assert_eq!(base_url(" https://x.org/app "), Ok("https://x.org/app".into()));
    assert_eq!(base_url("http://127.0.0.1:8080"), Ok("http://127.0.0.1:8080".into()));
    for bad in ["http://example.org", "https://user:pw@x.org", "https://x.org/?a=1", "https://x.org/#f", "javascript:alert(1)", "https://", "ftp://x.org", "https://x .org"] {
        assert!(base_url(bad).is_err(), "{bad}");
    }
    assert_eq!(project_url("https://x.org", "prj 01/é"), "https://x.org/projects/prj%2001%2F%C3%A9");
    let hash = content_hash(EMBEDDED_JSON);
    assert_eq!(judge_check(Some(200), EMBEDDED_JSON, &hash), Check::Same);
    assert_eq!(judge_check(Some(200), "{}", &hash), Check::Different);
    assert_eq!(judge_check(Some(404), "", &hash), Check::Unknown);
    assert_eq!(judge_check(None, "", &hash), Check::Unknown);
    let mut s = KioskSettings::default();
    assert_eq!(qr_base(&s, &hash), None, "no link, no QR");
    s.public = Some(PublicLink { base: "https://x.org".into(), hash: hash.clone(), how: Verified::Confirmed });
    assert_eq!(qr_base(&s, &hash), Some("https://x.org"));
    assert_eq!(qr_base(&s, "0000000000000000"), None, "new data hides the QR until checked again");
    let back = KioskSettings::parse(Some(&s.to_json()));
    assert_eq!(back, s);
    // A stored link that is no longer acceptable is dropped.
    let bad = r#"{"idle_s":90,"public":{"base":"http://evil.org","hash":"x","how":"checked"}}"#;
    assert_eq!(KioskSettings::parse(Some(bad)).public, None);
}

#[test]
fn a_project_page_has_a_qr_code_only_with_a_verified_link_and_always_a_print_button() {
    let ds = Dataset::embedded();
    let cx = Ctx::new(&ds, Lang::Fr);
    let page = pages::project::page(&cx, "prj-01");
    assert!(page.by_class("qr").is_empty());
    assert!(page.by_tag("button").iter().any(|b| b.get_attr("data-action") == Some(pages::project::ACTION_PRINT)));
    assert!(page.by_class("place-region here").len() + page.by_class("place-region").len() > 0);
    let cx = Ctx { public: Some("https://x.org"), ..Ctx::new(&ds, Lang::En) };
    let page = pages::project::page(&cx, "prj-01");
    let qr = page.by_class("qr");
    assert_eq!(qr.len(), 1);
    assert_eq!(qr[0].get_attr("role"), Some("img"));
    assert!(qr[0].get_attr("aria-label").unwrap().contains("https://x.org/projects/prj-01"));
    assert!(page.text_content().contains("Take this project with you"));
    assert!(page.by_tag("button").iter().any(|b| b.get_attr("data-action") == Some("share:https://x.org/projects/prj-01")));
}

#[test]
fn a_qr_code_draws_the_modules_of_its_text_with_a_quiet_zone() {
    use paix_base::components::qr_code::qr_code;
    let el = qr_code("https://x.org/projects/prj-01", "label").unwrap();
    let node = paix_base::doc::Node::from(el);
    let svg = node.by_tag("svg")[0];
    let code = qrcode::QrCode::with_error_correction_level(b"https://x.org/projects/prj-01", qrcode::EcLevel::M).unwrap();
    let size = code.width() + 8;
    assert_eq!(svg.get_attr("viewBox"), Some(format!("0 0 {size} {size}").as_str()));
    // Every dark module is covered by exactly one run of the path.
    let d = node.by_tag("path")[0].get_attr("d").unwrap().to_string();
    let mut dark = vec![false; code.width() * code.width()];
    for run in d.split('M').filter(|r| !r.is_empty()) {
        let (xy, rest) = run.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let len: usize = rest.split('v').next().unwrap().parse().unwrap();
        let (x, y): (usize, usize) = (x.parse::<usize>().unwrap() - 4, y.parse::<usize>().unwrap() - 4);
        for i in 0..len {
            assert!(!dark[y * code.width() + x + i]);
            dark[y * code.width() + x + i] = true;
        }
    }
    let want: Vec<bool> = code.to_colors().iter().map(|c| *c == qrcode::Color::Dark).collect();
    assert_eq!(dark, want);
    assert!(qr_code(&"x".repeat(5000), "too long").is_none());
}

#[test]
fn the_settings_panel_and_the_exit_page_in_both_languages() {
    use paix_base::components::kiosk_panel::*;
    let ds = Dataset::embedded();
    let s = KioskSettings::default();
    let typed: [String; 3] = Default::default();
    let v = KioskView { settings: &s, typed: &typed, base_field: "", hash: "h", available: true, busy: false, note: Some(&KioskNote::Checked(Check::Unknown)), wait_s: 0 };
    let fr = kiosk_panel(&Ctx::new(&ds, Lang::Fr), &v);
    let n = paix_base::doc::Node::from(fr);
    assert!(n.text_content().contains("Aucun lien public"));
    assert!(n.by_tag("button").iter().any(|b| b.get_attr("data-action") == Some(ACTION_PUBLIC_CONFIRM)), "confirm offered when the check could not tell");
    let en = paix_base::doc::Node::from(kiosk_panel(&Ctx::new(&ds, Lang::En), &KioskView { available: false, note: None, ..v }));
    assert!(en.text_content().contains("Kiosk mode needs a secure address"));
    let exit = exit_page(&Ctx::new(&ds, Lang::Fr), &KioskView { note: Some(&KioskNote::Lock(paix_base::lock::Note::Wrong { tries: 2 })), ..v }, true);
    assert!(exit.text_content().contains("Code incorrect (2 essai(s))"));
    assert!(!exit_page(&Ctx::new(&ds, Lang::Fr), &v, false).by_tag("a").is_empty());
}
