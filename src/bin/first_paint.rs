//! Writes the static first paint into a built `index.html` (Trunk's
//! post-build hook runs it on the staged page, before the CSP and
//! precache scripts hash it):
//! * the `#boot` tree of [`paix_base::pages::first_paint::boot`], from
//!   the embedded data, goes in as the body's first child (the release
//!   build's minifier drops comments, so the page's empty `<body>` is the
//!   mark);
//! * `EMBEDDED_HASH` in the page's first script becomes that data's hash,
//!   which the script compares with the stored data's marker to decide
//!   whether the home page drawn from the embedded data may show;
//! * the app's wasm is fetched once that first paint is on screen
//!   ([`after_first_paint`]): Trunk's preload of it goes, and its loader
//!   waits for a frame. On a slow line the page and its style sheet no
//!   longer share the bandwidth with 360 KiB of wasm.
//!
//! Usage: `first-paint PATH/index.html`. Host-only, core only
//! (`--no-default-features`).

use paix_base::model::refresh::content_hash;
use paix_base::model::{Dataset, EMBEDDED_JSON};
use paix_base::pages::first_paint::boot;
use std::process::ExitCode;

const MARK: &str = "<body>";
const HASH: &str = "EMBEDDED_HASH";

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: first-paint PATH/index.html");
        return ExitCode::from(2);
    };
    let page = match std::fs::read_to_string(&path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("first-paint: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !page.contains(MARK) || !page.contains(HASH) || page.contains("id=\"boot\"") {
        eprintln!("first-paint: {path} has no {MARK} or no {HASH}, or has its first paint already");
        return ExitCode::FAILURE;
    }
    let html = boot(&Dataset::embedded()).to_html();
    let page = page.replacen(MARK, &format!("{MARK}{html}"), 1).replace(HASH, &content_hash(EMBEDDED_JSON));
    let page = match after_first_paint(&page) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("first-paint: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&path, page) {
        eprintln!("first-paint: cannot write {path}: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Trunk's loader line, which starts the wasm download.
const LOADER: &str = "const wasm = await init(";
/// A frame, then a task: the first paint is on screen. The timer covers a
/// hidden tab, where frames wait for the tab to show. Not when the service
/// worker answers (a later visit, online or not): the wasm then comes from
/// the device's cache and takes no bandwidth from the page, so waiting
/// would only delay the app.
const WAIT: &str = "navigator.serviceWorker?.controller||await new Promise(r=>{requestAnimationFrame(()=>setTimeout(r));setTimeout(r,100)});";

/// The page with the wasm fetched after the first paint: the
/// `<link rel=preload>` of the `_bg.wasm` removed, and the loader waiting.
/// An error when the page is not shaped as Trunk writes it.
fn after_first_paint(page: &str) -> Result<String, &'static str> {
    if page.matches(LOADER).count() != 1 {
        return Err("Trunk's wasm loader line was not found once");
    }
    let mut out = page.replacen(LOADER, &format!("{WAIT}{LOADER}"), 1);
    let mut removed = 0;
    while let Some(start) = find_wasm_preload(&out) {
        let end = start + out[start..].find('>').ok_or("unclosed <link>")? + 1;
        out.replace_range(start..end, "");
        removed += 1;
    }
    if removed != 1 {
        return Err("Trunk's preload of the wasm was not found once");
    }
    Ok(out)
}

/// Start of a `<link …>` that preloads the `_bg.wasm`.
fn find_wasm_preload(page: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = page[from..].find("<link") {
        let start = from + i;
        let tag = &page[start..start + page[start..].find('>')?];
        if tag.contains("_bg.wasm") && tag.contains("preload") && !tag.contains("modulepreload") {
            return Some(start);
        }
        from = start + 5;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    // As Trunk 0.21 writes it (minified), shortened.
    const BUILT: &str = "<head><script type=module>import init, * as bindings from '/a.js';\nconst wasm = await init({ module_or_path: '/a_bg.wasm' });</script><link crossorigin href=/a.js rel=modulepreload><link as=fetch crossorigin href=/a_bg.wasm integrity=sha384-x rel=preload type=application/wasm></head>";

    #[test]
    fn the_wasm_waits_for_the_first_paint() {
        let out = after_first_paint(BUILT).unwrap();
        assert!(!out.contains("rel=preload type=application/wasm"));
        assert!(out.contains("<link crossorigin href=/a.js rel=modulepreload>"), "the JS glue is still preloaded");
        assert!(out.contains(&format!("{WAIT}{LOADER}")));
        assert!(out.ends_with("</script><link crossorigin href=/a.js rel=modulepreload></head>"));
    }

    #[test]
    fn a_page_not_shaped_as_trunk_writes_it_is_refused() {
        assert!(after_first_paint("<head></head>").is_err());
        let no_preload = BUILT.replace("rel=preload", "rel=stylesheet");
        assert!(after_first_paint(&no_preload).is_err());
    }
}
