//! Problem details (RFC 9457): every refusal of the activities API is an
//! `application/problem+json` document with `type`, `title`, `status`,
//! `detail` and, where it helps, more members (`errors` for field errors,
//! `conflict` for the stored receipt a request collides with).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// The prefix of every problem type: a tag URI (RFC 4151), a name rather
/// than a page to fetch. The README lists them all.
pub const TYPE_PREFIX: &str = "tag:paix-a-la-base,2026:problem:";

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub status: StatusCode,
    /// The last part of the type, e.g. `invalid-record`.
    pub kind: &'static str,
    pub title: &'static str,
    pub detail: String,
    pub extra: Map<String, Value>,
    /// Seconds, for 409 and 503.
    pub retry_after: Option<u32>,
}

impl Problem {
    pub fn new(
        status: StatusCode,
        kind: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Problem {
        Problem {
            status,
            kind,
            title,
            detail: detail.into(),
            extra: Map::new(),
            retry_after: None,
        }
    }

    pub fn with(mut self, name: &str, value: Value) -> Problem {
        self.extra.insert(name.to_string(), value);
        self
    }

    pub fn retry_after(mut self, seconds: u32) -> Problem {
        self.retry_after = Some(seconds);
        self
    }

    pub fn to_json(&self) -> Value {
        let mut body = Map::new();
        body.insert("type".into(), json!(format!("{TYPE_PREFIX}{}", self.kind)));
        body.insert("title".into(), json!(self.title));
        body.insert("status".into(), json!(self.status.as_u16()));
        body.insert("detail".into(), json!(self.detail));
        for (k, v) in &self.extra {
            body.insert(k.clone(), v.clone());
        }
        Value::Object(body)
    }

    // The problems of this API, one constructor each.

    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "Bad request",
            detail,
        )
    }

    pub fn malformed_json(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed-json",
            "The body is not JSON",
            detail,
        )
    }

    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not-found", "Not found", detail)
    }

    pub fn too_large(limit: usize) -> Problem {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "The body is too large",
            format!("This endpoint takes at most {limit} bytes; send fewer records per request."),
        )
        .with("limit_bytes", json!(limit))
    }

    pub fn unsupported_media_type(got: Option<&str>) -> Problem {
        let got = match got {
            Some(t) => format!("Content-Type is '{t}'"),
            None => "there is no Content-Type".to_string(),
        };
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Send JSON",
            format!("This endpoint takes application/json, but {got}."),
        )
    }

    pub fn busy(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "Busy, try again",
            detail,
        )
        .retry_after(2)
    }

    pub fn internal() -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Internal error",
            "The server could not store or read records; nothing was stored by this request. Try again later.",
        )
        .retry_after(5)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.to_json()).expect("a problem serialises");
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
