//! Writes the static first paint into a built `index.html` (Trunk's
//! post-build hook runs it on the staged page, before the CSP and
//! precache scripts hash it):
//! * the `#boot` tree of [`paix_base::pages::first_paint::boot`], from
//!   the embedded data, goes in as the body's first child (the release
//!   build's minifier drops comments, so the page's empty `<body>` is the
//!   mark);
//! * `EMBEDDED_HASH` in the page's first script becomes that data's hash,
//!   which the script compares with the stored data's marker to decide
//!   whether the home page drawn from the embedded data may show.
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
    if let Err(e) = std::fs::write(&path, page) {
        eprintln!("first-paint: cannot write {path}: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
