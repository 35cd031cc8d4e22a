use crate::ui::var::memo;
use crate::pages::route::Page;
use crate::ui::activity_form::ActivityForm;
use crate::ui::banners::Banners;
use crate::ui::journal_page::JournalPage;
use crate::ui::journal_store::provide_journal;
use crate::ui::unlock_page::UnlockPage;
use crate::ui::record_page::RecordPage;
use crate::ui::doc_view::DocView;
use crate::ui::header::Header;
use crate::ui::home::Home;
use crate::ui::projects::Projects;
use crate::ui::report::ReportPage;
use crate::ui::settings::Settings;
use crate::ui::pwa::provide_pwa_status;
use crate::ui::state::{provide_app_state, use_app_state};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

/// A read-only page: its document, rebuilt when the data or language change.
/// Its only actions are the project sheet's: print, share the public link.
#[component]
fn DocPage(page: Page) -> impl IntoView {
    let state = use_app_state();
    let doc = Signal::derive(move || state.with_ctx(|cx| page.document(cx)).unwrap_or_default());
    let on_action = Callback::new(move |a: String| {
        use crate::pages::project::{ACTION_PRINT, ACTION_SHARE};
        if a == ACTION_PRINT {
            let _ = window().print();
        } else if let Some(url) = a.strip_prefix(ACTION_SHARE) {
            let _ = crate::ui::sync::share_url(url);
        }
    });
    view! { <DocView doc=doc on_action=on_action/> }
}

/// Picks the page for the current path ([`Page::resolve`], pure). One
/// dispatcher instead of a `<Route>` per page keeps the wasm small. After a
/// navigation, focus moves to the main region so screen readers announce
/// the new page, and the view returns to the top.
#[component]
fn Pages() -> impl IntoView {
    let state = use_app_state();
    let ready = memo(move || state.dataset.with(Option::is_some));
    let location = use_location();
    let page = memo(move || Page::resolve(&location.pathname.get()));
    let vault = crate::ui::vault::use_vault();
    let locked = memo(move || vault.access.get() == crate::lock::Access::Locked);
    let kiosk = crate::ui::kiosk::use_kiosk();
    let kiosk_on = memo(move || kiosk.pin.with(Option::is_some));
    // One title mechanism for every page, followed on a language switch or
    // new data. It runs after the page's own set-up, so it has the last word.
    crate::ui::effect(move || {
        let title = page.with(|p| state.with_ctx(|cx| p.title(cx)));
        document().set_title(if title.is_empty() { crate::i18n::Lang::Fr.t().app_name } else { &title });
    });
    // The router writes a followed link into the address bar only once the
    // routing layer says the new page is ready; without `<Routes>` that is
    // this effect's job, on every path change.
    let browser = use_context::<BrowserUrl>();
    crate::ui::effect(move || {
        location.pathname.track();
        if let Some(b) = &browser {
            b.ready_to_complete();
        }
    });
    let mut previous = None::<Page>;
    crate::ui::effect(move || {
        let current = page.get();
        if previous.take().is_some_and(|p| p != current) {
            if let Some(main) = document().get_element_by_id("main") {
                let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&main).focus();
            }
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
        // A link to a fragment (/about#map-attribution) shows that part once
        // the page is drawn.
        let hash = location.hash.get_untracked();
        let drawn = ready.get();
        if let Some(id) = hash.strip_prefix('#').filter(|id| drawn && !id.is_empty()).map(str::to_string) {
            request_animation_frame(move || {
                if let Some(target) = document().get_element_by_id(&id) {
                    target.scroll_into_view();
                }
            });
        }
        previous = Some(current);
    });
    move || match page.get() {
        // Until the data is read (a moment after start), the same placeholder
        // as the static first paint.
        _ if !ready.get() => {
            let doc = Signal::derive(move || crate::pages::first_paint::loading(state.lang.get(), "page").into());
            view! { <DocView doc=doc/> }.into_any()
        }
        // A kiosk shows only the browsing pages.
        p if kiosk_on.get() && !crate::kiosk::allows(&p) => {
            let doc = Signal::derive(move || state.with_ctx(crate::components::kiosk_panel::blocked_page));
            view! { <DocView doc=doc/> }.into_any()
        }
        Page::Kiosk => view! { <crate::ui::kiosk::KioskExit/> }.into_any(),
        Page::Home => view! { <Home/> }.into_any(),
        Page::Projects => view! { <Projects/> }.into_any(),
        Page::Report(which) => view! { <ReportPage which=which/> }.into_any(),
        Page::Settings => view! { <Settings/> }.into_any(),
        // The journal's pages give way to the unlock form while locked.
        Page::Journal | Page::JournalNew | Page::JournalRecord(_) if locked.get() => view! { <UnlockPage/> }.into_any(),
        Page::Journal => view! { <JournalPage/> }.into_any(),
        Page::JournalNew => view! { <ActivityForm/> }.into_any(),
        Page::JournalRecord(id) => view! { <RecordPage id=id/> }.into_any(),
        other => view! { <DocPage page=other/> }.into_any(),
    }
}

/// The whole app: state, header, the current page.
#[component]
pub fn App() -> impl IntoView {
    crate::ui::root::provide_root();
    let state = provide_app_state();
    provide_pwa_status();
    // Before the journal: it reads only what the lock lets it read.
    crate::ui::vault::provide_vault();
    crate::ui::kiosk::provide_kiosk();
    provide_journal();
    crate::ui::sync::provide_sync();
    // The static first paint in index.html (`pages::first_paint`) stays,
    // the app hidden behind it, until the data is read and the page drawn
    // in its place.
    crate::ui::effect(move || {
        if state.dataset.with(Option::is_some) {
            if let Some(boot) = document().get_element_by_id("boot") {
                boot.remove();
            }
            if let Some(root) = document().document_element() {
                let _ = root.class_list().remove_2("booting", "fp");
            }
        }
    });
    // The skip link, a document of its own (its text follows the language).
    let skip = Signal::derive(move || crate::doc::tag("a", &[("class", "skip"), ("href", "#main")]).text(state.t().skip_to_content).into());
    view! {
        <Router>
            <DocView doc=skip/>
            <Header/>
            {leptos::html::custom("main").attr("id", "main").attr("tabindex", "-1").child(view! { <Pages/> })}
            // After the page, as on screen: the banners stick to the bottom
            // of the screen and, at the end of the page, sit below it.
            <Banners/>
            <crate::ui::kiosk::KioskGuard/>
        </Router>
    }
}
