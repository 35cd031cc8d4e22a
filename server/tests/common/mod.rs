//! Test helpers: a throw-away `dist` directory, the app served on an
//! ephemeral port, and a minimal HTTP/1.1 client over a TCP or TLS stream.
//! [`backend`] has the databases (SQLite, PostgreSQL) and child servers.

#![allow(dead_code)] // each test binary uses a different subset

pub mod backend;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const INDEX_HTML: &str = "<!doctype html><title>Paix à la base</title><p>index</p>\n";
pub const WASM: &str = "paix-base-1a2b3c4d5e6f7a8b_bg.wasm";
pub const JS: &str = "paix-base-1a2b3c4d5e6f7a8b.js";
pub const CSS: &str = "index-0123456789abcdef.css";
/// Stands in for a real brotli stream: the server must send these bytes as is.
pub const CSS_BR: &[u8] = b"\x1b\x03precompressed-brotli";

/// A temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("paix-server-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent dir");
        }
        std::fs::write(&path, bytes).expect("write temp file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Text compressible enough to trigger on-the-fly compression.
pub fn large_text() -> String {
    "Consolidation de la paix à la base au Mali — ligne de test.\n".repeat(400)
}

/// A `dist` like Trunk's: index.html, hashed wasm/js/css (the css with a
/// `.br` sibling), sw.js, manifest.webmanifest and a large un-hashed text.
pub fn make_dist() -> TempDir {
    let dist = TempDir::new("dist");
    write_dist(&dist, "");
    dist
}

/// Writes the files of [`make_dist`] into `root`, under `prefix` (`""` or
/// ending with `/`).
pub fn write_dist(root: &TempDir, prefix: &str) {
    let write = |name: &str, bytes: &[u8]| root.write(&format!("{prefix}{name}"), bytes);
    write("index.html", INDEX_HTML.as_bytes());
    write(WASM, b"\0asm\x01\0\0\0");
    write(JS, b"export default function init() {}\n");
    write(CSS, "body { margin: 0 }\n".repeat(10).as_bytes());
    write(&format!("{CSS}.br"), CSS_BR);
    write("sw.js", b"self.addEventListener('fetch', () => {});\n");
    write(
        "manifest.webmanifest",
        r#"{"name":"Paix à la base","start_url":"/"}"#.as_bytes(),
    );
    write("notes.txt", large_text().as_bytes());
}

/// Serves `paix_server::start(config)` on 127.0.0.1 with an ephemeral port,
/// with its activities in a temporary SQLite file (removed with the test's
/// runtime, which owns the serving task).
pub async fn spawn(mut config: paix_server::Config) -> SocketAddr {
    let db = TempDir::new("db");
    config.database = format!("sqlite:{}", db.path().join("activities.db").display());
    let addr = serve(&config).await;
    tokio::spawn(async move {
        let _db = db;
        std::future::pending::<()>().await;
    });
    addr
}

/// Serves `paix_server::start(config)` as it is on an ephemeral port, as
/// the binary does (`paix_server::serve`: the connection cap, the idle
/// timeout and the client's address for the write-rate limit).
pub async fn serve(config: &paix_server::Config) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let app = paix_server::start(config).await.expect("start");
    let limits = config.limits.clone();
    tokio::spawn(async move {
        paix_server::serve(listener, app.router, &limits, None, std::future::pending())
            .await
            .expect("serve");
    });
    addr
}

/// Serves the router alone with `axum::serve`, as an embedding program
/// might: no connection info (the write rate counts by token only).
pub async fn serve_router(config: &paix_server::Config) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let app = paix_server::start(config).await.expect("start");
    tokio::spawn(async move {
        axum::serve(listener, app.router).await.expect("serve");
    });
    addr
}

pub async fn spawn_dist(dist: &TempDir, dataset: Option<PathBuf>) -> SocketAddr {
    let mut config = paix_server::Config::new(dist.path());
    config.dataset = dataset;
    spawn(config).await
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

/// One request on a fresh connection (`Connection: close`).
pub async fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
) -> Response {
    let stream = TcpStream::connect(addr).await.expect("connect");
    request_on(stream, addr, method, target, headers).await
}

/// One request with a body (and its `Content-Length`).
pub async fn send(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    try_send(addr, method, target, headers, body)
        .await
        .unwrap_or_else(|e| panic!("{method} {target}: {e}"))
}

/// [`send`], with the connection's failures as errors (a killed server).
pub async fn try_send(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Response> {
    let stream = TcpStream::connect(addr).await?;
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let (mut reader, mut writer) = tokio::io::split(stream);
    // Writes and reads at once: the server may answer (413) before it has
    // read the whole body, and then reset the connection.
    let write = async {
        let _ = writer.write_all(head.as_bytes()).await;
        let _ = writer.write_all(body).await;
    };
    let read = async {
        let mut raw = Vec::new();
        let mut buffer = [0u8; 16 * 1024];
        loop {
            match reader.read(&mut buffer).await {
                Ok(0) => return Ok(raw),
                Ok(n) => raw.extend_from_slice(&buffer[..n]),
                Err(e) if complete(&raw) => {
                    let _ = e;
                    return Ok(raw);
                }
                Err(e) => return Err(e),
            }
        }
    };
    let ((), raw) = tokio::join!(write, read);
    let raw = raw?;
    if !raw.windows(4).any(|w| w == b"\r\n\r\n") {
        return Err(std::io::Error::other("no complete answer"));
    }
    Ok(parse_response(&raw, method == "HEAD"))
}

/// Whether `raw` holds a whole response with a `Content-Length` body.
fn complete(raw: &[u8]) -> bool {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    head.lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .is_some_and(|n| raw.len() >= end + 4 + n)
}

/// POSTs JSON to `target`.
pub async fn post_json(
    addr: SocketAddr,
    target: &str,
    headers: &[(&str, &str)],
    body: &serde_json::Value,
) -> Response {
    let mut all = vec![("Content-Type", "application/json")];
    all.extend_from_slice(headers);
    send(addr, "POST", target, &all, body.to_string().as_bytes()).await
}

/// One request over a connection just opened to `addr` (plain or TLS), which
/// the server then closes.
pub async fn request_on(
    mut stream: impl AsyncRead + AsyncWrite + Unpin,
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
) -> Response {
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("send");

    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("receive");
    parse_response(&raw, method == "HEAD")
}

pub async fn get(addr: SocketAddr, target: &str) -> Response {
    request(addr, "GET", target, &[]).await
}

fn parse_response(raw: &[u8], head_only: bool) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of response head");
    let head = std::str::from_utf8(&raw[..end]).expect("ASCII head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').expect("header line");
            (name.trim().to_string(), value.trim().to_string())
        })
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if head_only {
        Vec::new()
    } else if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size line");
        let size_line = std::str::from_utf8(&data[..line_end]).expect("chunk size");
        let size_hex = size_line.split(';').next().unwrap().trim();
        let size = usize::from_str_radix(size_hex, 16).expect("hex chunk size");
        data = &data[line_end + 2..];
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}
