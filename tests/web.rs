//! Browser tests (wasm-bindgen-test in headless Chromium): the browser
//! adapters and mounted components. Run by `make test-wasm`.
#![cfg(target_arch = "wasm32")]

use paix_base::storage::{contract, local::LocalStore, Store, StoreError};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Leptos' scheduled effects run (they are queued as tasks).
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
async fn local_store_honours_the_store_contract() {
    contract::run(&LocalStore, "paix.test.contract/").await;
}

#[wasm_bindgen_test]
async fn local_store_reports_corrupt_values_without_wiping_them() {
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    raw.set_item("paix.test.corrupt", "{not json").unwrap();
    match LocalStore.get("paix.test.corrupt").await {
        Err(StoreError::Corrupt { raw: kept, .. }) => assert_eq!(kept, "{not json"),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert_eq!(raw.get_item("paix.test.corrupt").unwrap().as_deref(), Some("{not json"));
    raw.remove_item("paix.test.corrupt").unwrap();
}

#[wasm_bindgen_test]
async fn app_mounts_shows_its_name_and_switches_language() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(paix_base::ui::state::LANG_KEY).unwrap();

    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), paix_base::App);
    tick().await;

    let brand = host.query_selector(".brand").unwrap().expect("brand link");
    assert_eq!(brand.text_content().unwrap(), "Paix à la base");
    let nav = host.query_selector("nav").unwrap().unwrap().text_content().unwrap();
    assert!(nav.contains("Accueil"), "French by default: {nav}");
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("fr"));

    let switch: web_sys::HtmlElement =
        host.query_selector(".lang-switch").unwrap().unwrap().unchecked_into();
    switch.click();
    tick().await;

    let nav = host.query_selector("nav").unwrap().unwrap().text_content().unwrap();
    assert!(nav.contains("Home"), "English after the switch: {nav}");
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        LocalStore.get_now(paix_base::ui::state::LANG_KEY).unwrap().as_deref(),
        Some("en"),
        "the choice is stored"
    );

    drop(handle);
    host.remove();
    storage.remove_item(paix_base::ui::state::LANG_KEY).unwrap();
}
