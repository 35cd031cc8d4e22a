//! `/journal/{id}`: the pure page [`crate::pages::journal_record`] and its
//! buttons: edit (a queued record never attempted, or a refused one),
//! correct (a sent one), delete after a confirmation, continue a draft.

use crate::ui::var::{memo, Keep};
use crate::journal::state::{Delete, Stored};
use crate::pages::journal_record::{self, Item, ACTION_CONTINUE, ACTION_CORRECT, ACTION_DELETE, ACTION_EDIT};
use crate::ui::doc_view::DocView;
use crate::ui::journal_store::{self, use_journal};
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub fn RecordPage(id: String) -> impl IntoView {
    let state = use_app_state();
    let j = use_journal();
    let navigate = use_navigate();
    let id = Keep::new(id);
    let record = memo(move || id.with_value(|id| j.records.with(|rs| rs.iter().find(|r| r.record.id == *id).cloned())));
    let doc = Signal::derive(move || {
        if !j.loaded.get() {
            return crate::doc::Node::default();
        }
        let draft = id.with_value(|id| j.drafts.with(|ds| ds.iter().find(|d| d.id == *id).cloned()));
        let rec: Option<Stored> = record.get();
        state.with_ctx(|cx| {
            let item = match (&draft, &rec) {
                (Some(d), _) if rec.is_none() => Item::Draft(d),
                (_, Some(s)) => Item::Record(s, draft.is_some()),
                _ => Item::Missing,
            };
            journal_record::page(cx, item)
        })
    });
    let on_action = Callback::new(move |action: String| {
        let id = id.get_value();
        match action.as_str() {
            ACTION_EDIT => navigate(&format!("/journal/new?edit={id}"), Default::default()),
            ACTION_CORRECT => navigate(&format!("/journal/new?correct={id}"), Default::default()),
            ACTION_CONTINUE => navigate(&format!("/journal/new?draft={id}"), Default::default()),
            ACTION_DELETE => {
                let allowed = record.with_untracked(|r| r.as_ref().is_some_and(|s| s.state.delete() == Delete::Confirm));
                if !allowed || !window().confirm_with_message(state.t().journal_delete_confirm).unwrap_or(false) {
                    return;
                }
                let navigate = navigate.clone();
                spawn_local(async move {
                    match journal_store::delete_records(j, vec![id], |s| s.delete() == Delete::Confirm).await {
                        Ok(()) => navigate("/journal", Default::default()),
                        // Sent or being sent since the page was drawn: say so; the page shows its state.
                        Err(_) => {
                            let _ = window().alert_with_message(state.t().journal_changed_meanwhile);
                            leptos::task::spawn_local(journal_store::reload(j));
                        }
                    }
                });
            }
            _ => {}
        }
    });
    view! { <DocView doc=doc on_action=on_action/> }
}
