//! The app's routes: which page a path shows (pure, so the whole URL scheme
//! is tested on the host).

use super::{about, logframe, not_found, organisation, organisations, project, region, regions};
use crate::ctx::Ctx;
use crate::doc::Node;

/// The reporting pages, under `/report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    /// « Réalisations »: the dashboard.
    Results,
    Challenges,
    Lessons,
    Recommendations,
    Timeline,
}

impl Report {
    pub const ALL: [Report; 5] = [Report::Results, Report::Challenges, Report::Lessons, Report::Recommendations, Report::Timeline];

    /// The last part of its path.
    pub fn slug(self) -> &'static str {
        match self {
            Report::Results => "",
            Report::Challenges => "challenges",
            Report::Lessons => "lessons",
            Report::Recommendations => "recommendations",
            Report::Timeline => "timeline",
        }
    }

    /// Its path, without a query.
    pub fn path(self) -> String {
        match self {
            Report::Results => "/report".to_string(),
            r => format!("/report/{}", r.slug()),
        }
    }

    pub fn title(self, t: &crate::i18n::Texts) -> &'static str {
        match self {
            Report::Results => t.report_title,
            Report::Challenges => t.challenges_title,
            Report::Lessons => t.lessons_title,
            Report::Recommendations => t.recommendations_title,
            Report::Timeline => t.timeline_title,
        }
    }
}

/// A page of the app, resolved from the URL path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    Projects,
    Project(String),
    Organisations,
    Organisation(String),
    Regions,
    Region(String),
    Logframe,
    /// The reporting pages (interactive: filters kept in the URL).
    Report(Report),
    About,
    /// Settings › data (interactive, like the project search).
    Settings,
    /// The activity journal (interactive): the list, the form, one record.
    Journal,
    JournalNew,
    JournalRecord(String),
    /// Leaving kiosk mode (its PIN form).
    Kiosk,
    NotFound,
}

impl Page {
    /// The page for a path (no query, no fragment). A trailing slash is
    /// ignored; ids are percent-decoded.
    pub fn resolve(path: &str) -> Page {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let id = |s: &str| decode(s);
        match segments.as_slice() {
            [] => Page::Home,
            ["projects"] => Page::Projects,
            ["projects", p] => Page::Project(id(p)),
            ["organisations"] => Page::Organisations,
            ["organisations", o] => Page::Organisation(id(o)),
            ["regions"] => Page::Regions,
            ["regions", r] => Page::Region(id(r)),
            ["logframe"] => Page::Logframe,
            ["report"] => Page::Report(Report::Results),
            ["report", r] => Report::ALL.into_iter().find(|x| x.slug() == *r && *x != Report::Results).map_or(Page::NotFound, Page::Report),
            ["about"] => Page::About,
            ["settings"] | ["settings", "sync"] => Page::Settings,
            ["journal"] => Page::Journal,
            ["journal", "new"] => Page::JournalNew,
            ["kiosk"] => Page::Kiosk,
            ["journal", r] => Page::JournalRecord(id(r)),
            _ => Page::NotFound,
        }
    }

    /// The document of a read-only page; `None` for the interactive pages
    /// (home, project search, settings) that the browser side composes itself.
    pub fn document(&self, cx: &Ctx) -> Option<Node> {
        Some(match self {
            Page::Home | Page::Projects | Page::Report(_) | Page::Kiosk | Page::Settings | Page::Journal | Page::JournalNew | Page::JournalRecord(_) => {
                return None
            }
            Page::Project(id) => project::page(cx, id),
            Page::Organisations => organisations::page(cx),
            Page::Organisation(id) => organisation::page(cx, id),
            Page::Regions => regions::page(cx),
            Page::Region(id) => region::page(cx, id),
            Page::Logframe => logframe::page(cx),
            Page::About => about::page(cx),
            Page::NotFound => not_found::page(cx, cx.t().not_found_title),
        })
    }
}

impl Page {
    /// The document title: « heading — Paix à la base », or the app's name
    /// alone on the home page. In the context's language, so a language
    /// switch retitles every page the same way.
    pub fn title(&self, cx: &Ctx) -> String {
        let t = cx.t();
        let heading = match self {
            Page::Home => None,
            Page::Projects => Some(t.projects_title.to_string()),
            Page::Report(r) => Some(r.title(t).to_string()),
            Page::Kiosk => Some(t.kiosk_exit_title.to_string()),
            Page::Settings => Some(t.settings_title.to_string()),
            Page::Journal | Page::JournalRecord(_) => Some(t.journal_title.to_string()),
            Page::JournalNew => Some(t.journal_new_title.to_string()),
            other => other.document(cx).and_then(|d| d.by_tag("h1").first().map(|h| h.text_content())),
        };
        title_of(heading.as_deref())
    }
}

/// « heading — Paix à la base », or the app's name alone (no heading, or
/// the heading is the name).
pub fn title_of(heading: Option<&str>) -> String {
    let app = crate::i18n::Lang::Fr.t().app_name;
    match heading {
        Some(h) if h != app => format!("{h} — {app}"),
        _ => app.to_string(),
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_every_route() {
        assert_eq!(Page::resolve("/"), Page::Home);
        assert_eq!(Page::resolve(""), Page::Home);
        assert_eq!(Page::resolve("/projects"), Page::Projects);
        assert_eq!(Page::resolve("/projects/"), Page::Projects);
        assert_eq!(Page::resolve("/projects/prj-01"), Page::Project("prj-01".into()));
        assert_eq!(Page::resolve("/organisations"), Page::Organisations);
        assert_eq!(Page::resolve("/organisations/osc-02"), Page::Organisation("osc-02".into()));
        assert_eq!(Page::resolve("/regions"), Page::Regions);
        assert_eq!(Page::resolve("/regions/ML05"), Page::Region("ML05".into()));
        assert_eq!(Page::resolve("/logframe"), Page::Logframe);
        assert_eq!(Page::resolve("/about"), Page::About);
        assert_eq!(Page::resolve("/report"), Page::Report(Report::Results));
        for r in Report::ALL {
            assert_eq!(Page::resolve(&r.path()), Page::Report(r));
        }
        assert_eq!(Page::resolve("/report/nothing"), Page::NotFound);
        assert_eq!(Page::resolve("/settings"), Page::Settings);
        assert_eq!(Page::resolve("/settings/sync"), Page::Settings, "the configuration link's page");
        assert_eq!(Page::resolve("/projects/a/b"), Page::NotFound);
        assert_eq!(Page::resolve("/nowhere"), Page::NotFound);
        assert_eq!(Page::resolve("/projects/caf%C3%A9%20x"), Page::Project("café x".into()));
    }
}
