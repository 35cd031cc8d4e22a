//! The dashboard's field panel on the browser side: this device's records
//! (from the journal, when unlocked) and, online, the reference endpoint's
//! listing read with the sync settings' credentials; the counting and the
//! drawing are pure ([`crate::journal::report`], [`field_panel`]).

use crate::ui::var::{Derived, Var};
use crate::components::field_panel::field_panel;
use crate::journal::report::{counted, field_report, listing_url, read_page, PageRead, ServerRead, LISTING_MAX_PAGES};
use crate::journal::Activity;
use crate::lock::Access;
use crate::model::ProjectQuery;
use crate::pages::report::covered;
use crate::sync::rules::Answer;
use crate::ui::doc_view::DocView;
use crate::ui::journal_store::use_journal;
use crate::ui::state::use_app_state;
use crate::ui::sync::{get, use_sync};
use crate::ui::vault::use_vault;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::model::StrSet;

/// Reads every page of the listing (at most [`LISTING_MAX_PAGES`]).
async fn read_all(settings: crate::sync::config::Settings, first: String) -> (ServerRead, Vec<Activity>) {
    let mut url = first;
    let (mut records, mut unreadable) = (Vec::new(), 0);
    for page in 1.. {
        let (status, body) = match get(&settings, &url).await {
            Answer::Http(r) => (Some(r.status), r.body),
            _ => (None, String::new()),
        };
        match read_page(&settings.endpoint, status, &body) {
            PageRead::Records(mut more, next, bad) => {
                records.append(&mut more);
                unreadable += bad;
                match next {
                    Some(next) if page < LISTING_MAX_PAGES => url = next,
                    next => return (ServerRead::Done { partial: next.is_some(), unreadable }, records),
                }
            }
            PageRead::Stop(why) => return (why, Vec::new()),
        }
    }
    (ServerRead::Failed, Vec::new())
}

#[component]
pub fn FieldReport(query: Derived<ProjectQuery>) -> impl IntoView {
    let state = use_app_state();
    let journal = use_journal();
    let vault = use_vault();
    let sync = use_sync();
    let server = Var::new((ServerRead::NotReference, Vec::<Activity>::new()));
    // Read once when the page opens (the listing can be long on 2G).
    let settings = sync.settings.get_untracked();
    if let Some(url) = listing_url(&settings.endpoint) {
        if crate::ui::sync::is_online() {
            server.set((ServerRead::Reading, Vec::new()));
            spawn_local(async move {
                let read = read_all(settings, url).await;
                server.try_set(read);
            });
        } else {
            server.set((ServerRead::Offline, Vec::new()));
        }
    }
    let doc = Signal::derive(move || {
        let q = query.get();
        let locked = vault.access.get() == Access::Locked;
        journal.records.with(|device| {
            server.with(|(read, listed)| {
                state.with_ctx(|cx| {
                    let ids: StrSet = covered(cx, &q).iter().map(|p| p.id.as_str()).collect();
                    let keep = |a: &Activity| ids.contains(a.project.as_str()) && q.region.as_ref().is_none_or(|r| *r == a.region);
                    let regions: Vec<&str> = cx.ds.in_scope_regions().map(|r| r.id.as_str()).collect();
                    let mine: StrSet = device.iter().map(|s| s.record.id.as_str()).collect();
                    let report = field_report(&counted(device, listed), keep, &regions, &mine);
                    field_panel(cx, &report, read, locked).into()
                })
            })
        })
    });
    view! { <DocView doc=doc/> }
}
