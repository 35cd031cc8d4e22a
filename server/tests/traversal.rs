//! Requests that try to leave `dist`: encoded `..`, backslashes, NUL,
//! absolute paths and double encoding. A secret lies next to `dist`; it must
//! never be served, and no such request may get a 5xx.

mod common;

use common::*;

const SECRET: &str = "secret-next-to-dist";

/// Raw request targets, sent as written (no client-side normalisation).
const ATTACKS: &[&str] = &[
    "/../secret.txt",
    "/dist/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/..%2fsecret.txt",
    "/..%2Fsecret.txt",
    "/.%2e/secret.txt",
    "/projects/..%2f..%2fsecret.txt",
    "/%2e%2e/private/secret.txt",
    "/..\\secret.txt",
    "/..%5csecret.txt",
    "/%2e%2e%5Csecret.txt",
    "/%00",
    "/index.html%00",
    "/%2e%2e/secret.txt%00.js",
    "/%252e%252e/secret.txt",
    "/%252e%252e%252fsecret.txt",
    "/..%252fsecret.txt",
    "/%c0%ae%c0%ae/secret.txt",
];

async fn assert_refused(addr: std::net::SocketAddr, target: &str, headers: &[(&str, &str)]) {
    let response = request(addr, "GET", target, headers).await;
    let body = String::from_utf8_lossy(&response.body);
    assert!(
        !body.contains(SECRET),
        "{target} {headers:?} leaked the secret"
    );
    let shell = response.status == 200 && body == INDEX_HTML;
    let client_error = (400..500).contains(&response.status);
    assert!(
        client_error || (shell && !headers.is_empty()),
        "{target} {headers:?}: {} {body:?}",
        response.status
    );
}

#[tokio::test]
async fn traversal_never_leaves_dist() {
    let root = TempDir::new("root");
    write_dist(&root, "dist/");
    let secret = root.write("secret.txt", SECRET);
    root.write("private/secret.txt", SECRET);
    let addr = spawn(paix_server::Config::new(root.path().join("dist"))).await;

    // The secret is there, and the dist is served.
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), SECRET);
    assert_eq!(get(addr, "/index.html").await.text(), INDEX_HTML);

    // An absolute path, encoded so that it stays one segment.
    let absolute = format!("/{}", secret.display()).replace('/', "%2F");
    let navigation = [("Sec-Fetch-Mode", "navigate"), ("Accept", "text/html")];
    for target in ATTACKS.iter().copied().chain([absolute.as_str()]) {
        assert_refused(addr, target, &[]).await;
        assert_refused(addr, target, &navigation).await;
    }
}
