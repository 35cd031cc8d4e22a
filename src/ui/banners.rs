use crate::components::data_status::{notice, ACTION_CLOSE_NOTICE};
use crate::components::status_bar::{banners, ACTION_DISMISS, ACTION_INSTALL, ACTION_UPDATE};
use crate::ui::doc_view::DocView;
use crate::ui::pwa::{apply_update, install, use_pwa_status};
use crate::ui::state::use_app_state;
use leptos::prelude::*;

/// Update and install banners under the header, and the notice about the
/// stored data (unreadable, evicted) found on start.
#[component]
pub fn Banners() -> impl IntoView {
    let state = use_app_state();
    let status = use_pwa_status();
    let doc = Signal::derive(move || {
        let lang = state.lang.get();
        vec![banners(lang, &status.get()), state.warning.with(|w| notice(lang, w.as_ref()))].into()
    });
    let on_action = Callback::new(move |action: String| match action.as_str() {
        ACTION_UPDATE => apply_update(),
        ACTION_INSTALL => install(),
        ACTION_DISMISS => status.update(|s| s.install_dismissed = true),
        ACTION_CLOSE_NOTICE => state.warning.set(None),
        _ => {}
    });
    view! { <div class="banners" aria-live="polite"><DocView doc=doc on_action=on_action/></div> }
}
