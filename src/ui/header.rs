use crate::components::site_header::{site_header, ACTION_LANG};
use crate::ui::doc_view::DocView;
use crate::ui::pwa::use_pwa_status;
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The top bar ([`site_header`], pure): app name, connection indicator,
/// language switch, main navigation with the current page marked. The
/// navigation wraps on narrow screens instead of scrolling sideways; links
/// are followed by the router without reloading.
#[component]
pub fn Header() -> impl IntoView {
    let state = use_app_state();
    let status = use_pwa_status();
    let location = use_location();
    let journal = crate::ui::journal_store::use_journal();
    let sync = crate::ui::sync::use_sync();
    let kiosk = crate::ui::kiosk::use_kiosk();
    let doc = Signal::derive(move || {
        let unsent = journal.unsent.get();
        let kiosk = kiosk.pin.with(Option::is_some);
        let sending = sync.run.with(|r| r.running.then_some((r.done, r.total)));
        site_header(state.lang.get(), &location.pathname.get(), status.with(|s| s.online), unsent, sending, kiosk)
    });
    let on_action = Callback::new(move |a: String| {
        if a == ACTION_LANG {
            state.lang.update(|l| *l = l.other());
        }
    });
    crate::ui::frame::frame("header", "top", false, vec![view! { <DocView doc=doc on_action=on_action/> }.into_any()])
}
