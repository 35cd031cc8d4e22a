//! The router over real HTTP on an ephemeral port.

mod common;

use std::io::Read;

use common::*;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// What Chromium sends when the user follows a link or reloads.
const NAVIGATION: &[(&str, &str)] = &[
    ("Sec-Fetch-Mode", "navigate"),
    ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
];

fn assert_security_headers(response: &Response) {
    assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(response.header("referrer-policy"), Some("no-referrer"));
    // The policy on pages (and the worker's script, below), where it applies.
    let html = response.header("content-type").is_some_and(|t| t.starts_with("text/html"));
    if !html {
        assert!(response.header("permissions-policy").unwrap().starts_with("geolocation=(self)"));
        return;
    }
    let csp = response.header("content-security-policy").expect("a CSP");
    for directive in ["script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
    assert!(response.header("permissions-policy").unwrap().starts_with("geolocation=(self)"));
    assert_eq!(response.header("strict-transport-security"), None, "no HSTS over plain HTTP");
}

fn varies_on_accept_encoding(response: &Response) -> bool {
    response
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("vary"))
        .flat_map(|(_, v)| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding"))
}

#[tokio::test]
async fn mime_types() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    for (path, mime) in [
        (format!("/{WASM}"), "application/wasm"),
        (format!("/{JS}"), "text/javascript"),
        ("/sw.js".to_string(), "text/javascript"),
        (
            "/manifest.webmanifest".to_string(),
            "application/manifest+json",
        ),
        (format!("/{CSS}"), "text/css"),
    ] {
        let response = get(addr, &path).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), Some(mime), "{path}");
        assert_security_headers(&response);
        // The policy where it applies: the worker's script (pages are
        // checked by assert_security_headers); not on other files.
        assert_eq!(response.header("content-security-policy").is_some(), path == "/sw.js", "{path}");
    }
    let index = get(addr, "/").await;
    assert_eq!(index.status, 200);
    assert!(index
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(index.text(), INDEX_HTML);
}

#[tokio::test]
async fn cache_headers() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    for path in [format!("/{WASM}"), format!("/{JS}"), format!("/{CSS}")] {
        let response = get(addr, &path).await;
        assert_eq!(response.header("cache-control"), Some(IMMUTABLE), "{path}");
    }
    for path in [
        "/",
        "/index.html",
        "/sw.js",
        "/manifest.webmanifest",
        "/notes.txt",
    ] {
        let response = get(addr, path).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
    }
    // A missing hashed file must not be cached for a year.
    let missing = get(addr, "/paix-base-ffffffffffffffff.js").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn spa_fallback_serves_index() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    for path in [
        "/projects/p01",
        "/regions/ML05?q=1",
        "/regions/ML05?x=1",
        "/projects/",
    ] {
        let response = request(addr, "GET", path, NAVIGATION).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.text(), INDEX_HTML, "{path}");
        assert!(response
            .header("content-type")
            .unwrap()
            .starts_with("text/html"));
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
        assert_security_headers(&response);
    }
    let head = request(addr, "HEAD", "/projects/p01", NAVIGATION).await;
    assert_eq!(head.status, 200);
}

#[tokio::test]
async fn navigation_to_ids_with_dots_gets_the_shell() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    // Either signal alone marks a navigation; older browsers send only Accept.
    let signals: [&[(&str, &str)]; 2] = [&NAVIGATION[..1], &NAVIGATION[1..]];
    for path in [
        "/projects/prj.01",
        "/organisations/a.b.c",
        "/projects/prj.js",
        "/projects/x-0123456789abcdef.css",
    ] {
        for headers in signals {
            let response = request(addr, "GET", path, headers).await;
            assert_eq!(response.status, 200, "{path} {headers:?}");
            assert_eq!(response.text(), INDEX_HTML, "{path}");
            // The shell's headers, whatever the last segment looks like.
            let content_type = response.header("content-type").unwrap();
            assert!(
                content_type.starts_with("text/html"),
                "{path} {content_type}"
            );
            assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
        }
    }
}

#[tokio::test]
async fn missing_file_fetched_by_a_script_is_404() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    let script = [
        ("Sec-Fetch-Mode", "no-cors"),
        ("Sec-Fetch-Dest", "script"),
        ("Accept", "*/*"),
    ];
    let fetch = [("Sec-Fetch-Mode", "cors"), ("Accept", "*/*")];
    for (path, headers) in [
        ("/foo.js", &script[..]),
        ("/paix-base-ffffffffffffffff_bg.wasm", &fetch[..]),
        ("/projects/p01", &[("Accept", "application/json")][..]),
        ("/projects/p01", &[][..]),
    ] {
        let response = request(addr, "GET", path, headers).await;
        assert_eq!(response.status, 404, "{path} {headers:?}");
        assert_ne!(response.text(), INDEX_HTML, "{path}");
        assert_security_headers(&response);
    }
}

#[tokio::test]
async fn missing_file_with_extension_is_404() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    for path in ["/missing.js", "/nope.js", "/projects/p01/photo.png"] {
        let response = get(addr, path).await;
        assert_eq!(response.status, 404, "{path}");
        assert_ne!(response.text(), INDEX_HTML);
        assert_security_headers(&response);
    }
}

#[tokio::test]
async fn unknown_api_path_is_json_404() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    for path in [
        "/api/nope",
        "/api/projects/p01",
        "/api",
        "/api/",
        "/api/x.json",
    ] {
        // A navigation too: the app shell never answers for the API.
        let response = request(addr, "GET", path, NAVIGATION).await;
        assert_eq!(response.status, 404, "{path}");
        assert!(response
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));
        assert_eq!(
            response.json(),
            serde_json::json!({ "error": "not found" }),
            "{path}"
        );
        assert_eq!(response.header("access-control-allow-origin"), Some("*"));
        assert_security_headers(&response);
    }
}

#[tokio::test]
async fn precompressed_brotli_sibling() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    let response = request(
        addr,
        "GET",
        &format!("/{CSS}"),
        &[("Accept-Encoding", "br")],
    )
    .await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-encoding"), Some("br"));
    assert_eq!(response.header("content-type"), Some("text/css"));
    assert_eq!(response.header("cache-control"), Some(IMMUTABLE));
    assert_eq!(response.body, CSS_BR);
    assert!(varies_on_accept_encoding(&response));

    // Without Accept-Encoding the original bytes are sent, still with Vary.
    let plain = get(addr, &format!("/{CSS}")).await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.text(), "body { margin: 0 }\n".repeat(10));
    assert!(varies_on_accept_encoding(&plain));
}

#[tokio::test]
async fn gzip_on_the_fly() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    let response = request(addr, "GET", "/notes.txt", &[("Accept-Encoding", "gzip")]).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-encoding"), Some("gzip"));
    assert!(varies_on_accept_encoding(&response));
    let mut text = String::new();
    flate2::read::GzDecoder::new(response.body.as_slice())
        .read_to_string(&mut text)
        .expect("valid gzip");
    assert_eq!(text, large_text());
    assert!(response.body.len() < text.len() / 4);
}

#[tokio::test]
async fn ping() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    let response = get(addr, "/api/ping").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.json(), serde_json::json!({ "ok": true }));
    assert_eq!(response.header("cache-control"), Some("no-store"));
    assert_eq!(response.header("access-control-allow-origin"), Some("*"));
    assert_security_headers(&response);

    let head = request(addr, "HEAD", "/api/ping", &[]).await;
    assert_eq!(head.status, 200);
    assert_eq!(head.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn dataset_etag_and_revalidation() {
    let dist = make_dist();
    let data = TempDir::new("data");
    let file = data.write("dataset.json", r#"{"version":1,"projects":[]}"#);
    let addr = spawn_dist(&dist, Some(file.clone())).await;

    let first = get(addr, "/api/dataset").await;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("content-type"), Some("application/json"));
    assert_eq!(first.header("cache-control"), Some("no-cache"));
    assert_eq!(
        first.json(),
        serde_json::json!({ "version": 1, "projects": [] })
    );
    let etag = first.header("etag").expect("ETag").to_string();
    assert!(
        etag.len() == 68 && etag.starts_with("W/\"") && etag.ends_with('"'),
        "{etag}"
    );

    for condition in [etag.clone(), format!("\"other\", {etag}"), "*".to_string()] {
        let cached = request(
            addr,
            "GET",
            "/api/dataset",
            &[("If-None-Match", &condition)],
        )
        .await;
        assert_eq!(cached.status, 304, "{condition}");
        assert!(cached.body.is_empty());
        assert_eq!(cached.header("etag"), Some(etag.as_str()));
    }
    let stale = request(
        addr,
        "GET",
        "/api/dataset",
        &[("If-None-Match", "\"other\"")],
    )
    .await;
    assert_eq!(stale.status, 200);

    std::fs::write(&file, r#"{"version":2,"projects":[]}"#).unwrap();
    let changed = request(addr, "GET", "/api/dataset", &[("If-None-Match", &etag)]).await;
    assert_eq!(changed.status, 200);
    assert_eq!(changed.json()["version"], 2);
    let new_etag = changed.header("etag").expect("ETag");
    assert_ne!(new_etag, etag);
}

#[tokio::test]
async fn dataset_etag_for_each_encoding() {
    let dist = make_dist();
    let data = TempDir::new("data");
    // Large enough to be compressed on the fly (tower-http skips tiny bodies).
    let json = serde_json::json!({ "version": 1, "projects": [], "note": large_text() });
    let file = data.write("dataset.json", json.to_string());
    let addr = spawn_dist(&dist, Some(file)).await;

    let mut etags = Vec::new();
    for encoding in ["identity", "gzip", "br"] {
        let accept = ("Accept-Encoding", encoding);
        let full = request(addr, "GET", "/api/dataset", &[accept]).await;
        assert_eq!(full.status, 200, "{encoding}");
        let sent = (encoding != "identity").then_some(encoding);
        assert_eq!(full.header("content-encoding"), sent, "{encoding}");
        let etag = full.header("etag").expect("ETag").to_string();

        let with_tag = |tag| [accept, ("If-None-Match", tag)];
        let cached = request(addr, "GET", "/api/dataset", &with_tag(&etag)).await;
        assert_eq!(cached.status, 304, "{encoding} {etag}");
        assert!(cached.body.is_empty());
        assert_eq!(cached.header("etag"), Some(etag.as_str()), "{encoding}");
        for other in ["\"other\"", "W/\"other\""] {
            let stale = request(addr, "GET", "/api/dataset", &with_tag(other)).await;
            assert_eq!(stale.status, 200, "{encoding} {other}");
        }
        etags.push(etag);
    }
    // A strong ETag promises identical bytes (RFC 9110, 8.8.3): the same one
    // must not name the identity, gzip and br bodies.
    let strong: Vec<&String> = etags.iter().filter(|e| !e.starts_with("W/")).collect();
    let distinct: std::collections::HashSet<&&String> = strong.iter().collect();
    assert_eq!(distinct.len(), strong.len(), "{etags:?}");
}

/// `ServeDir` sends no ETag: `Last-Modified` (of the file actually sent, so
/// of the `.br` sibling for br) and `If-Modified-Since` revalidate each
/// encoding, and on-the-fly compression keeps the 304 empty.
#[tokio::test]
async fn static_files_revalidate_for_each_encoding() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    for path in ["/notes.txt".to_string(), format!("/{CSS}")] {
        for encoding in ["identity", "gzip", "br"] {
            let accept = ("Accept-Encoding", encoding);
            let full = request(addr, "GET", &path, &[accept]).await;
            assert_eq!(full.status, 200, "{path} {encoding}");
            assert_eq!(full.header("etag"), None, "{path} {encoding}");
            let modified = full.header("last-modified").expect("Last-Modified");

            let since = |date| [accept, ("If-Modified-Since", date)];
            let cached = request(addr, "GET", &path, &since(modified)).await;
            assert_eq!(cached.status, 304, "{path} {encoding}");
            assert!(cached.body.is_empty());
            assert_eq!(cached.header("content-encoding"), None, "{path} {encoding}");
            let epoch = since("Thu, 01 Jan 1970 00:00:00 GMT");
            let old = request(addr, "GET", &path, &epoch).await;
            assert_eq!(old.status, 200, "{path} {encoding}");
        }
    }
}

#[tokio::test]
async fn dataset_not_configured_is_json_404() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    let response = get(addr, "/api/dataset").await;
    assert_eq!(response.status, 404);
    assert!(response.json()["error"].is_string());
}

#[tokio::test]
async fn cors_preflight() {
    let dist = make_dist();
    let addr = spawn_dist(&dist, None).await;
    let preflight = request(
        addr,
        "OPTIONS",
        "/api/dataset",
        &[
            ("Origin", "https://example.org"),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "if-none-match"),
        ],
    )
    .await;
    assert_eq!(preflight.status, 204);
    assert!(preflight.body.is_empty());
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        preflight.header("access-control-allow-methods"),
        Some("GET, HEAD, POST, PUT, OPTIONS")
    );
    assert_eq!(
        preflight.header("access-control-allow-headers"),
        Some("Content-Type, Authorization, Idempotency-Key, X-API-Key, If-None-Match")
    );
    assert_eq!(
        preflight.header("access-control-expose-headers"),
        Some("Location, Retry-After, ETag, Date")
    );

    let simple = request(
        addr,
        "GET",
        "/api/ping",
        &[("Origin", "https://example.org")],
    )
    .await;
    assert_eq!(simple.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        simple.header("access-control-expose-headers"),
        Some("Location, Retry-After, ETag, Date")
    );
}
