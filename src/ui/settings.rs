//! Settings › Données: the page is one pure document
//! ([`crate::pages::settings`]); this wires its form: update from the data
//! URL, import a JSON file, store what the decision says to store.

use crate::status::{Status, StorageInfo};
use crate::model::refresh::{self, after_fetch, after_import, if_none_match, Outcome};
use crate::pages::settings::{self, ACTION_IMPORT, ACTION_UPDATE, FILE_INPUT, URL_INPUT};
use crate::storage::dataset_cache;
use crate::storage::idb::IdbStore;
use crate::storage::local::LocalStore;
use crate::ui::app::set_title;
use crate::ui::data;
use crate::ui::doc_view::{field_value, DocView};
use crate::ui::state::{use_app_state, AppState, DATA_URL_KEY};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Shows the outcome and stores what it says to store. After storing data,
/// asks for persistent storage (never on load).
async fn apply(state: AppState, outcome: Outcome) -> Status {
    let (to_store, status) = match outcome {
        Outcome::Unchanged { resave } => (resave, Status::Unchanged),
        Outcome::Replaced { dataset, store } => {
            state.dataset.set(Some(Arc::new(*dataset)));
            state.meta.set(store.meta.clone());
            (Some(store), Status::Replaced { saved: Ok(()) })
        }
        Outcome::Kept(failure) => (None, Status::Failed(failure)),
    };
    let Some(s) = to_store else { return status };
    let saved = dataset_cache::save(&IdbStore, &LocalStore, &s.meta, &s.text).await;
    if saved.is_ok() {
        state.meta.set(s.meta);
        data::persist().await;
    }
    match status {
        Status::Replaced { .. } => Status::Replaced { saved },
        other => other,
    }
}

/// Downloads the data URL and applies the outcome.
async fn update(state: AppState, url: String, status: RwSignal<Status>) -> Status {
    if url.is_empty() {
        return Status::NoUrl;
    }
    let meta = state.meta.get_untracked();
    let same = refresh::same_origin(&url, &data::page_origin());
    let fetched = data::download(&url, if_none_match(&meta, &url, same), move |received, total| {
        status.set(Status::Downloading { received, total })
    })
    .await;
    apply(state, after_fetch(&meta, &url, fetched, data::now())).await
}

/// Reads the chosen file and applies the outcome.
async fn import(state: AppState, input: web_sys::HtmlInputElement) -> Status {
    let Some((name, text)) = data::read_file(&input).await else { return Status::Idle };
    // The same file can be chosen again.
    input.set_value("");
    let meta = state.meta.get_untracked();
    apply(state, after_import(&meta, &name, text, data::now())).await
}

fn input(id: &str) -> Option<web_sys::HtmlInputElement> {
    document().get_element_by_id(id)?.dyn_into().ok()
}

#[component]
pub fn Settings() -> impl IntoView {
    let state = use_app_state();
    set_title(Some(state.t().settings_title));
    let url = RwSignal::new(LocalStore.get_now(DATA_URL_KEY).ok().flatten().unwrap_or_default());
    let status = RwSignal::new(Status::Idle);
    let storage = RwSignal::new(StorageInfo::default());
    let busy = RwSignal::new(false);
    let tz = data::tz_offset();
    spawn_local(async move { storage.set(data::storage_info().await) });

    // One update or import at a time; the storage facts are read again after.
    let on_action = Callback::new(move |action: String| {
        if busy.get_untracked() {
            return;
        }
        let job = match action.as_str() {
            ACTION_UPDATE => {
                let u = field_value(URL_INPUT).trim().to_string();
                let _ = LocalStore.put_now(DATA_URL_KEY, &u);
                url.set(u.clone());
                status.set(Status::Downloading { received: 0, total: None });
                leptos::either::Either::Left(update(state, u, status))
            }
            ACTION_IMPORT => match input(FILE_INPUT) {
                Some(i) => leptos::either::Either::Right(import(state, i)),
                None => return,
            },
            _ => return,
        };
        busy.set(true);
        spawn_local(async move {
            let done = match job {
                leptos::either::Either::Left(f) => f.await,
                leptos::either::Either::Right(f) => f.await,
            };
            status.set(done);
            busy.set(false);
            storage.set(data::storage_info().await);
        });
    });

    let doc = Signal::derive(move || {
        let (meta, u, s, st) = (state.meta.get(), url.get(), status.get(), storage.get());
        let view = settings::View { meta: &meta, url: &u, status: &s, storage: &st, busy: busy.get(), tz_offset_min: tz };
        state.with_ctx(|cx| settings::page(cx, &view))
    });
    view! { <DocView doc=doc on_action=on_action/> }
}
