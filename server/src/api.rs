//! The `/api` routes: `ping`, `dataset`, the activities API
//! ([`crate::activities`]), a JSON 404 for anything else, and CORS.
//!
//! CORS: `ping`, `dataset` and unknown paths are public and carry no
//! cookies, so any origin may read them (`*`). The activities API answers
//! only the origins configured (`--allow-origin`); the app's own origin
//! needs no configuration, since same-origin requests need no CORS.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use serde_json::json;
use sha2::{Digest, Sha256};

pub const ALLOW_METHODS: &str = "GET, HEAD, POST, PUT, OPTIONS";
pub const ALLOW_HEADERS: &str =
    "Content-Type, Authorization, Idempotency-Key, X-API-Key, If-None-Match";
pub const EXPOSE_HEADERS: &str = "Location, Retry-After, ETag, Date";
/// How long a browser may keep a preflight's answer (Chromium caps it at 2 h).
pub const MAX_AGE: &str = "7200";

/// The origins allowed to call the activities API from their pages.
#[derive(Clone, Debug, Default)]
pub struct Origins {
    list: Arc<Vec<String>>,
}

impl Origins {
    pub fn new(list: Vec<String>) -> Origins {
        Origins {
            list: Arc::new(list),
        }
    }

    /// The `Access-Control-Allow-Origin` for a request from `origin`.
    fn allow(&self, origin: &str) -> Option<HeaderValue> {
        if self.list.iter().any(|o| o == "*") {
            Some(HeaderValue::from_static("*"))
        } else if self.list.iter().any(|o| o == origin) {
            HeaderValue::from_str(origin).ok()
        } else {
            None
        }
    }
}

#[derive(Clone)]
struct ApiState {
    dataset: Option<Arc<PathBuf>>,
}

/// The API router. It owns every path under `/api`, so the app's fallback
/// never answers there (`Router::nest` would leave `/api/` to it). Each
/// request must be received and answered within `request_timeout` (see
/// [`crate::limits::request_timeout`]); the 408, like the write rate's 429,
/// is answered inside the CORS layer, so a page of another origin can read
/// it and its `Retry-After`.
pub fn router(
    dataset: Option<PathBuf>,
    activities: Arc<crate::activities::Activities>,
    origins: Origins,
    request_timeout: Duration,
) -> Router {
    let state = ApiState {
        dataset: dataset.map(Arc::new),
    };
    Router::new()
        .route("/api/ping", get(ping))
        .route("/api/dataset", get(dataset_handler))
        .route("/api", any(not_found))
        .route("/api/", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .with_state(state)
        .merge(crate::activities::router(activities))
        .layer(middleware::from_fn_with_state(
            request_timeout,
            crate::limits::request_timeout,
        ))
        .layer(middleware::from_fn_with_state(origins, cors))
}

/// A JSON error body `{"error": message}`, never cached.
pub fn json_error(status: StatusCode, message: &str) -> Response {
    let mut response = (status, Json(json!({ "error": message }))).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn not_found() -> Response {
    json_error(StatusCode::NOT_FOUND, "not found")
}

async fn ping() -> Response {
    let mut response = Json(json!({ "ok": true })).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Serves the dataset file. It is read (and hashed) on every request, so a
/// replaced file is served at once; the ETag is the SHA-256 of the bytes.
async fn dataset_handler(State(state): State<ApiState>, headers: HeaderMap) -> Response {
    let Some(path) = state.dataset else {
        return json_error(StatusCode::NOT_FOUND, "no dataset configured");
    };
    let read = tokio::task::spawn_blocking(move || {
        std::fs::read(path.as_path()).map(|bytes| {
            let etag = etag_of(&bytes);
            (bytes, etag)
        })
    })
    .await;
    let (bytes, etag) = match read {
        Ok(Ok(found)) => found,
        Ok(Err(error)) => {
            eprintln!("paix-server: cannot read the dataset: {error}");
            return json_error(StatusCode::SERVICE_UNAVAILABLE, "dataset unavailable");
        }
        Err(error) => {
            eprintln!("paix-server: dataset task failed: {error}");
            return json_error(StatusCode::INTERNAL_SERVER_ERROR, "internal error");
        }
    };

    let etag_value = HeaderValue::from_str(&etag).expect("hex ETag is a valid header value");
    let cache = (header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if if_none_match_hits(&headers, &etag) {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag_value), cache],
        )
            .into_response();
    }
    let content_type = (
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    ([(header::ETAG, etag_value), cache, content_type], bytes).into_response()
}

/// `W/"<sha-256 in lowercase hex>"`. Weak, because the compression layer may
/// send the same content as identity, gzip or br bytes, and a strong ETag
/// promises identical bytes (RFC 9110, 8.8.3). `If-None-Match` compares
/// weakly anyway, and this endpoint has no `Range` or `If-Match` to lose.
pub fn etag_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut etag = String::with_capacity(4 + 2 * digest.len());
    etag.push_str("W/\"");
    for byte in digest {
        etag.push_str(&format!("{byte:02x}"));
    }
    etag.push('"');
    etag
}

/// Whether `If-None-Match` (possibly several headers, each a list) names
/// `etag` or is `*`. Comparison is weak, as RFC 9110 asks for this header, so
/// the strong form a client may have stored before still matches.
pub fn if_none_match_hits(headers: &HeaderMap, etag: &str) -> bool {
    let opaque = |tag: &str| tag.strip_prefix("W/").unwrap_or(tag).to_string();
    let etag = opaque(etag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|list| list.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || opaque(tag) == etag)
}

/// Whether a path belongs to the activities API (restricted CORS).
fn is_activities(path: &str) -> bool {
    path == "/api/activities"
        || path.starts_with("/api/activities/")
        || path.starts_with("/api/activities.")
}

/// CORS for every `/api` response; `OPTIONS` (a preflight) is answered here
/// and never reaches the routes.
async fn cors(State(origins): State<Origins>, request: Request, next: Next) -> Response {
    let restricted = is_activities(request.uri().path());
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(str::to_string);
    let allow_origin = if restricted {
        origin.as_deref().and_then(|o| origins.allow(o))
    } else {
        Some(HeaderValue::from_static("*"))
    };

    let mut response = if request.method() == Method::OPTIONS {
        if restricted && origin.is_some() && allow_origin.is_none() {
            let origin = origin.unwrap_or_default();
            return crate::problem::Problem::new(
                StatusCode::FORBIDDEN,
                "origin-not-allowed",
                "This origin may not call the activities API",
                format!(
                    "Pages from {origin} may not send or read records here. The server's \
                     administrator can allow it with --allow-origin {origin}."
                ),
            )
            .into_response();
        }
        let mut preflight = StatusCode::NO_CONTENT.into_response();
        let headers = preflight.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOW_METHODS),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(ALLOW_HEADERS),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(MAX_AGE),
        );
        preflight
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    if restricted {
        headers.append(header::VARY, HeaderValue::from_static("Origin"));
    }
    if let Some(allow_origin) = allow_origin {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, allow_origin);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etag_is_weak_quoted_sha256() {
        assert_eq!(
            etag_of(b""),
            "W/\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""
        );
    }

    #[test]
    fn if_none_match_forms() {
        let hits = |etag: &str, values: &[&str]| {
            let mut headers = HeaderMap::new();
            for value in values {
                headers.append(header::IF_NONE_MATCH, HeaderValue::from_str(value).unwrap());
            }
            if_none_match_hits(&headers, etag)
        };
        let with = |values: &[&str]| hits("W/\"abc\"", values);
        assert!(with(&["W/\"abc\""]));
        assert!(with(&["\"x\", W/\"abc\""]));
        assert!(with(&["\"x\"", "W/\"abc\""]));
        assert!(with(&["*"]));
        // The strong form, as stored by clients before the ETag became weak.
        assert!(with(&["\"abc\""]));
        assert!(hits("\"abc\"", &["W/\"abc\""]));
        assert!(!with(&[]));
        assert!(!with(&["W/\"abcd\""]));
        assert!(!with(&["abc"]));
    }
}
