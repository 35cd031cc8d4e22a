use crate::ui::var::Var;
use crate::components::data_status::{notice, ACTION_CLOSE_NOTICE};
use crate::components::status_bar::{
    banners, Shell, ACTION_CLOSE_INSECURE, ACTION_DISMISS, ACTION_INSTALL, ACTION_LATER, ACTION_UPDATE,
};
use crate::doc::{el, Node};
use crate::ui::doc_view::DocView;
use crate::ui::pwa::{apply_update, install, use_pwa_status};
use crate::ui::state::use_app_state;
use leptos::prelude::*;

/// `window.isSecureContext` (true where the browser does not say).
fn secure_context() -> bool {
    js_sys::Reflect::get(&window(), &"isSecureContext".into()).ok().and_then(|v| v.as_bool()).unwrap_or(true)
}

/// The banners at the bottom of the screen (plain HTTP, update, install)
/// and the notice about the stored data (unreadable, evicted) found on
/// start. One live region, created once; each banner has a slot of its own,
/// so only a banner that really changes is inserted and announced. The
/// style sheet keeps them at the bottom of the screen without covering the
/// end of the page.
#[component]
pub fn Banners() -> impl IntoView {
    let state = use_app_state();
    let status = use_pwa_status();
    let shell = Var::new(Shell { secure: secure_context(), ..Shell::default() });
    let doc = Signal::derive(move || {
        let lang = state.lang.get();
        let warning: Node = el("div").attr("id", "slot-data").child(state.warning.with(|w| notice(lang, w.as_ref()))).into();
        vec![status.with(|s| banners(lang, s, shell.get())), warning].into()
    });
    let on_action = Callback::new(move |action: String| match action.as_str() {
        ACTION_UPDATE => apply_update(),
        ACTION_INSTALL => install(),
        ACTION_DISMISS => status.update(|s| s.install_dismissed = true),
        ACTION_LATER => shell.update(|s| s.update_later = true),
        ACTION_CLOSE_INSECURE => shell.update(|s| s.insecure_closed = true),
        ACTION_CLOSE_NOTICE => state.warning.set(None),
        _ => {}
    });
    crate::ui::frame::frame("div", "banners", true, vec![view! { <DocView doc=doc on_action=on_action/> }.into_any()])
}
