//! Static host of the built app (`dist/`): files with precompressed `.br` /
//! `.gz` siblings, cache headers from Trunk's content hashes, explicit MIME
//! types for the web-app essentials, and the single-page-app fallback: a path
//! is a file only if `dist` has that file; any other navigation gets the shell.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// `Cache-Control` of files whose name carries a content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of everything else: always revalidate.
pub const NO_CACHE: &str = "no-cache";

/// A router that serves `dist` for every path it is given.
pub fn router(dist: &Path) -> Router {
    let index = Arc::new(dist.join("index.html"));
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(spa_fallback.with_state(index));
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(static_headers))
}

/// Called by `ServeDir` (GET/HEAD only) when `dist` has no file for the path:
/// a navigation gets the app shell (`index.html`), whatever the path looks
/// like (ids may contain dots); anything else is a 404, so a missing script or
/// wasm file is never answered with HTML.
async fn spa_fallback(State(index): State<Arc<PathBuf>>, request: Request) -> Response {
    if !is_navigation(request.headers()) {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    let index_file = ServeFile::new(index.as_path());
    let mut response = match index_file.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    response.extensions_mut().insert(AppShell);
    response
}

/// Marks a response as the app shell, so its headers do not follow the name
/// in the path.
#[derive(Clone, Copy)]
struct AppShell;

/// Whether the browser is loading a document: `Sec-Fetch-Mode: navigate`, or
/// (browsers without Fetch Metadata) an `Accept` that names `text/html`.
/// Scripts, wasm, images and `fetch()` send neither.
pub fn is_navigation(headers: &HeaderMap) -> bool {
    let navigate = headers
        .get("sec-fetch-mode")
        .is_some_and(|mode| mode.as_bytes().eq_ignore_ascii_case(b"navigate"));
    let wants_html = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|list| list.split(','))
        .map(|range| range.split(';').next().unwrap_or("").trim())
        .any(|media| media.eq_ignore_ascii_case("text/html"));
    navigate || wants_html
}

/// Sets `Cache-Control` and, for a few types `mime_guess` may get wrong or
/// that browsers are strict about, `Content-Type`.
async fn static_headers(request: Request, next: Next) -> Response {
    let name = last_segment(request.uri().path()).to_string();
    let mut response = next.run(request).await;
    let status = response.status();
    let file = (status.is_success() || status == StatusCode::NOT_MODIFIED)
        && response.extensions().get::<AppShell>().is_none();
    let headers = response.headers_mut();

    let cache = if file && is_content_hashed(&name) {
        IMMUTABLE
    } else {
        NO_CACHE
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));

    if file && status.is_success() {
        if let Some(mime) = forced_mime(&name) {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        }
    }
    response
}

fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or("")
}

fn forced_mime(name: &str) -> Option<&'static str> {
    let extension = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    Some(match extension.as_str() {
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "webmanifest" => "application/manifest+json",
        _ => return None,
    })
}

/// Whether a file name carries a Trunk content hash: `-` then hex digits then
/// `.` or `_`, as in `index-0123456789abcdef.css` or
/// `paix-base-1a2b3c4d5e6f7a8b_bg.wasm`.
///
/// Trunk writes a 64-bit hash with `{:x}`, so it has 16 hex digits unless it
/// starts with zeros; 12 to 16 digits are accepted.
pub fn is_content_hashed(name: &str) -> bool {
    name.match_indices('-').any(|(dash, _)| {
        let rest = &name[dash + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        (12..=16).contains(&digits) && matches!(rest.as_bytes().get(digits), Some(b'.' | b'_'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_names() {
        for name in [
            "paix-base-1a2b3c4d5e6f7a8b_bg.wasm",
            "paix-base-1a2b3c4d5e6f7a8b_bg.bin",
            "paix-base-1a2b3c4d5e6f7a8b.js",
            "index-0123456789abcdef.css",
            "style-123456789abcdef.css",
        ] {
            assert!(is_content_hashed(name), "{name}");
        }
        for name in [
            "index.html",
            "sw.js",
            "manifest.webmanifest",
            "paix-base.js",
            "icon-192.png",
            "index-0123456789abcdef0.css",
            "index-0123456789abcdef",
            "index-0123456789abcdeg.css",
        ] {
            assert!(!is_content_hashed(name), "{name}");
        }
    }

    #[test]
    fn navigations() {
        let with = |pairs: &[(&str, &str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.append(
                    header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                    HeaderValue::from_str(value).unwrap(),
                );
            }
            is_navigation(&headers)
        };
        assert!(with(&[("Sec-Fetch-Mode", "navigate")]));
        assert!(with(&[(
            "Accept",
            "text/html,application/xhtml+xml,*/*;q=0.8"
        )]));
        assert!(with(&[
            ("Accept", "application/json"),
            ("Accept", "Text/HTML; q=0.9")
        ]));
        assert!(!with(&[]));
        assert!(!with(&[("Accept", "*/*")]));
        assert!(!with(&[("Accept", "text/*")]));
        assert!(!with(&[("Accept", "text/html-fragment")]));
        assert!(!with(&[("Sec-Fetch-Mode", "no-cors"), ("Accept", "*/*")]));
    }

    #[test]
    fn mime_overrides() {
        assert_eq!(forced_mime("x.js"), Some("text/javascript"));
        assert_eq!(forced_mime("x.MJS"), Some("text/javascript"));
        assert_eq!(forced_mime("x_bg.wasm"), Some("application/wasm"));
        assert_eq!(
            forced_mime("manifest.webmanifest"),
            Some("application/manifest+json")
        );
        assert_eq!(forced_mime("index.html"), None);
    }
}
