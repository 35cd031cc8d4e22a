use crate::components::status_bar::{banners, ACTION_DISMISS, ACTION_INSTALL, ACTION_UPDATE};
use crate::ui::doc_view::DocView;
use crate::ui::pwa::{apply_update, install, use_pwa_status};
use crate::ui::state::use_app_state;
use leptos::prelude::*;

/// Update and install banners under the header.
#[component]
pub fn Banners() -> impl IntoView {
    let state = use_app_state();
    let status = use_pwa_status();
    let doc = Signal::derive(move || banners(state.lang.get(), &status.get()));
    let on_action = Callback::new(move |action: String| match action.as_str() {
        ACTION_UPDATE => apply_update(),
        ACTION_INSTALL => install(),
        ACTION_DISMISS => status.update(|s| s.install_dismissed = true),
        _ => {}
    });
    view! { <div class="banners" aria-live="polite"><DocView doc=doc on_action=on_action/></div> }
}
