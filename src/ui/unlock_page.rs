//! The page the journal, a record and the form give way to while the
//! device lock is closed: [`crate::components::unlock_form`], wired to
//! [`crate::ui::vault`]. Once open, the page asked for is drawn.

use crate::components::unlock_form::unlock_form;
use crate::ui::doc_view::DocView;
use crate::ui::state::use_app_state;
use crate::ui::vault::{self, use_vault};
use leptos::prelude::*;

#[component]
pub fn UnlockPage() -> impl IntoView {
    let state = use_app_state();
    let v = use_vault();
    let doc = Signal::derive(move || {
        let note = v.note.read();
        let view = vault::view(v, note.as_ref());
        state.with_ctx(|cx| crate::doc::Node::from(unlock_form(cx, &view, "h1")))
    });
    let on_action = Callback::new(move |action: String| {
        vault::on_action(v, &action);
    });
    view! { <DocView doc=doc on_action=on_action/> }
}
