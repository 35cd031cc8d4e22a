//! Browser glue of the data cache: download (streamed, with progress), file
//! reading, `navigator.storage`, the clock. No decisions here: those are in
//! `model::refresh` and `storage::dataset_cache`.
//!
//! The calls themselves are a small JavaScript module beside this file
//! (`data.js`, bundled by wasm-bindgen as a snippet); measured, it costs
//! 0.7 KB (brotli, snippet included) less than the same written with web-sys
//! bindings. For a plain GET alone, web-sys `fetch` measured 1.9 KB and
//! gloo-net 0.6 3.2 KB.
//!
//! * `download(url, etag, idle_ms, max_bytes, progress)` — GET; with `etag` (same-origin only)
//!   the request carries `If-None-Match` and bypasses the HTTP cache
//!   (`no-store`) so a 304 reaches us; without, it is a simple request with
//!   `cache: 'no-cache'` (the browser revalidates what it holds, no CORS
//!   preflight). A 2xx body is read as a stream, `progress(received, total)`
//!   hearing each chunk (`total` 0 when there is no `Content-Length`), and
//!   decoded as strict UTF-8 (`null` if it is not). It is given up when no
//!   byte comes for `idle_ms`, when the user cancels ([`cancel_download`]),
//!   or past `max_bytes` (by `Content-Length`, or as the bytes arrive).
//!   Resolves `[status, etag, text, stop]`; rejects when there is no answer.
//! * `readFile(input, max_bytes)` — `[name, text, stop]` of the chosen file
//!   (`text` null if not UTF-8; `stop` `large` when over `max_bytes`, then
//!   it is not read), or null.
//! * `saveFile(name, text, type)` — offers a file download.
//! * `storageInfo()` — `[usage, quota, persisted]` (empty without
//!   `navigator.storage`: insecure contexts, old browsers).
//! * `persist()` — asks to keep the origin's storage, unless already kept.

use crate::status::StorageInfo;
use crate::model::refresh::{Fetched, MAX_BYTES};
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/ui/data.js")]
extern "C" {
    #[wasm_bindgen(js_name = download)]
    fn js_download(url: &str, etag: Option<String>, idle_ms: f64, max_bytes: f64, progress: &Closure<dyn FnMut(f64, f64)>) -> Promise;
    #[wasm_bindgen(js_name = cancelDownload)]
    pub fn cancel_download();
    #[wasm_bindgen(js_name = readFile)]
    fn js_read_file(input: &web_sys::HtmlInputElement, max_bytes: f64) -> Promise;
    #[wasm_bindgen(js_name = saveFile)]
    pub fn save_file(name: &str, text: &str, mime: &str);
    #[wasm_bindgen(js_name = shareFile)]
    fn js_share_file(name: &str, text: &str, mime: &str, share: bool) -> Promise;
    /// Tells the other tabs that the journal's storage changed.
    #[wasm_bindgen(js_name = journalChanged)]
    pub fn journal_changed();
    #[wasm_bindgen(js_name = onJournalChange)]
    fn js_on_journal_change(cb: &Closure<dyn FnMut()>);
    #[wasm_bindgen(js_name = locate)]
    fn js_locate() -> Promise;
    #[wasm_bindgen(js_name = storageInfo)]
    fn js_storage_info() -> Promise;
    #[wasm_bindgen(js_name = persist)]
    fn js_persist() -> JsValue;
}

/// Milliseconds since 1970.
pub fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// Minutes behind UTC, as `Date.getTimezoneOffset` says.
pub fn tz_offset() -> i32 {
    js_sys::Date::new_0().get_timezone_offset() as i32
}

/// `location.origin` of the page.
pub fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

async fn wait(p: JsValue) -> Result<Array, JsValue> {
    JsFuture::from(Promise::resolve(&p)).await.map(|v| Array::from(&v))
}

/// GETs `url` (see the module doc), telling `progress(received, total)`.
pub async fn download(
    url: &str,
    if_none_match: Option<&str>,
    idle_s: u32,
    progress: impl Fn(u64, Option<u64>) + 'static,
) -> Fetched {
    let progress = Closure::<dyn FnMut(f64, f64)>::new(move |r: f64, t: f64| {
        progress(r as u64, Some(t as u64).filter(|t| *t > 0))
    });
    let idle_ms = f64::from(idle_s) * 1000.0;
    let sent = js_download(url, if_none_match.map(str::to_string), idle_ms, MAX_BYTES as f64, &progress);
    let out = match wait(sent.into()).await {
        Ok(out) => out,
        Err(e) => return Fetched::Network(super::js_message(&e)),
    };
    match out.get(3).as_string().as_deref() {
        Some("timeout") => return Fetched::TimedOut,
        Some("cancel") => return Fetched::Cancelled,
        Some("large") => return Fetched::TooLarge,
        _ => {}
    }
    match out.get(0).as_f64().unwrap_or(0.0) as u16 {
        304 => Fetched::NotModified,
        200..=299 => Fetched::Body { text: out.get(2).as_string(), etag: out.get(1).as_string() },
        status => Fetched::Http(status),
    }
}

/// A file chosen in an `<input type="file">`.
pub struct Chosen {
    pub name: String,
    /// `None`: not UTF-8 text, or not read ([`Chosen::too_large`]).
    pub text: Option<String>,
    /// Over [`MAX_BYTES`]: refused before reading.
    pub too_large: bool,
}

/// The file chosen in `input`, if any.
pub async fn read_file(input: &web_sys::HtmlInputElement) -> Option<Chosen> {
    let out = wait(js_read_file(input, MAX_BYTES as f64).into()).await.ok().filter(|a| a.length() == 3)?;
    Some(Chosen {
        name: out.get(0).as_string().unwrap_or_default(),
        text: out.get(1).as_string(),
        too_large: out.get(2).as_string().as_deref() == Some("large"),
    })
}

/// Usage, quota and persistence of the origin's storage.
pub async fn storage_info() -> StorageInfo {
    let out = wait(js_storage_info().into()).await.unwrap_or_default();
    let n = |i| out.get(i).as_f64().map(|v| v as u64);
    StorageInfo { usage: n(0), quota: n(1), persisted: out.get(2).as_bool() }
}

/// Asks the browser to keep the origin's storage, when it does not yet
/// (Chromium decides from engagement without asking; Firefox asks the
/// user). Called after the user stored data, never on load.
pub async fn persist() {
    let _ = JsFuture::from(Promise::resolve(&js_persist())).await;
}

/// Asks for persistent storage without waiting (after a record is saved).
pub fn persist_soon() {
    wasm_bindgen_futures::spawn_local(persist());
}

/// The device's position, when the user allows it (`None`: refused,
/// unavailable or timed out; the form works without it).
pub async fn locate() -> Option<crate::journal::Position> {
    let out = wait(js_locate().into()).await.ok()?;
    let n = |i| out.get(i).as_f64();
    // A browser may report a radius too wide to mean anything: the widest
    // a record keeps.
    let accuracy_m = n(2)?.min(crate::journal::check::MAX_ACCURACY_M);
    Some(crate::journal::Position { lat: n(0)?, lon: n(1)?, accuracy_m })
}

/// Shares `text` as a file named `name` (the share sheet where the browser
/// can share files and `share` is asked), else downloads it.
pub fn share_file(name: &str, text: &str, mime: &str, share: bool) {
    let p = js_share_file(name, text, mime, share);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(p).await;
    });
}

/// Calls `f` whenever another tab says the journal's storage changed
/// (for the life of the page).
pub fn on_journal_change(f: impl FnMut() + 'static) {
    let cb = Closure::<dyn FnMut()>::new(f);
    js_on_journal_change(&cb);
    cb.forget();
}
