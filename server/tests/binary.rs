//! The compiled `paix-server` binary: address line, exit codes, shutdown.

mod common;

use std::io::{BufRead, BufReader};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{ClientConfig, RootCertStore};
use tokio_rustls::TlsConnector;

use common::*;

const BIN: &str = env!("CARGO_BIN_EXE_paix-server");

fn server_command() -> Command {
    let mut command = Command::new(BIN);
    command
        .env_remove("PAIX_ADDR")
        .env_remove("PAIX_DIST")
        .env_remove("PAIX_DATASET")
        .env_remove("PAIX_TLS_CERT")
        .env_remove("PAIX_TLS_KEY")
        .env_remove("PAIX_DATABASE")
        .env_remove("PAIX_TOKENS")
        .env_remove("PAIX_ALLOW_ORIGINS")
        .env_remove("PAIX_CONNECT_SRC")
        .env_remove("PAIX_MAX_CONNECTIONS")
        .env_remove("PAIX_IDLE_TIMEOUT")
        .env_remove("PAIX_REQUEST_TIMEOUT")
        .env_remove("PAIX_WRITE_RATE");
    command
}

/// `sqlite:` URL of a database file in `dir`.
fn sqlite_in(dir: &TempDir) -> String {
    format!("sqlite:{}", dir.path().join("activities.db").display())
}

/// Reads the first stdout line, giving up after 20 s.
fn first_line(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("piped stdout");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    receiver
        .recv_timeout(Duration::from_secs(20))
        .expect("address line in time")
}

/// The address in the start-up line `paix-server listening on
/// {scheme}://ADDR (dist: …)`, which must be that line.
fn listening_addr(line: &str, scheme: &str) -> SocketAddr {
    let prefix = format!("paix-server listening on {scheme}://");
    let rest = line.strip_prefix(&prefix).unwrap_or_else(|| panic!("unexpected line: {line:?}"));
    rest.split(' ').next().unwrap().parse().expect("address in the line")
}

#[tokio::test]
async fn prints_address_line_serves_and_stops_on_sigterm() {
    let dist = make_dist();
    let db = TempDir::new("db");
    let mut child = server_command()
        .args(["--addr", "127.0.0.1:0", "--dist"])
        .arg(dist.path())
        .env("PAIX_DATABASE", sqlite_in(&db))
        .stdout(Stdio::piped())
        .spawn()
        .expect("start paix-server");

    let line = first_line(&mut child);
    let addr = listening_addr(&line, "http");
    assert!(
        line.trim_end()
            .ends_with(&format!("(dist: {})", dist.path().display())),
        "{line:?}"
    );
    assert_ne!(addr.port(), 0);

    let ping = get(addr, "/api/ping").await;
    assert_eq!(ping.status, 200);
    assert_eq!(ping.json(), serde_json::json!({ "ok": true }));
    let route = request(addr, "GET", "/projects/p01", &[("Accept", "text/html")]).await;
    assert_eq!(route.text(), INDEX_HTML);

    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    if !sent.is_ok_and(|s| s.success()) {
        child.kill().expect("kill paix-server");
        child.wait().expect("wait");
        return;
    }
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait());
    });
    let status = receiver
        .recv_timeout(Duration::from_secs(20))
        .expect("graceful exit in time")
        .expect("wait");
    assert!(status.success(), "exit status after SIGTERM: {status}");
}

#[test]
fn bad_flag_exits_2() {
    for args in [
        &["--bogus"][..],
        &["--addr"],
        &["--addr", "not-an-address"],
        &["extra"],
        &["--write-rate", "fast"],
        &["--max-connections", "0"],
    ] {
        let output = server_command()
            .args(args)
            .output()
            .expect("run paix-server");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("paix-server:"), "{stderr}");
    }
}

#[test]
fn missing_dist_exits_1() {
    let output = server_command()
        .args(["--addr", "127.0.0.1:0", "--dist", "/nonexistent/paix-dist"])
        .output()
        .expect("run paix-server");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/nonexistent/paix-dist"), "{stderr}");
}

#[test]
fn help_exits_0() {
    let output = server_command()
        .arg("--help")
        .output()
        .expect("run paix-server");
    assert_eq!(output.status.code(), Some(0));
    let usage = String::from_utf8_lossy(&output.stdout);
    for flag in ["--dataset", "--max-connections", "--idle-timeout", "--request-timeout", "--write-rate"] {
        assert!(usage.contains(flag), "{flag} not in the usage");
    }
}

/// Kills the server when the test ends, even on a failed assertion.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost, and its PEM files.
struct TestCert {
    der: CertificateDer<'static>,
    cert: PathBuf,
    key: PathBuf,
}

fn self_signed(dir: &TempDir, label: &str) -> TestCert {
    let names = vec!["127.0.0.1".to_string(), "localhost".to_string()];
    let generated = rcgen::generate_simple_self_signed(names).expect("certificate");
    TestCert {
        der: generated.cert.der().clone(),
        cert: dir.write(&format!("{label}.crt"), generated.cert.pem()),
        key: dir.write(
            &format!("{label}.key"),
            generated.signing_key.serialize_pem(),
        ),
    }
}

/// A TLS client of the certificate `root` (trusting nothing else).
fn tls_connector(root: &CertificateDer<'static>) -> TlsConnector {
    let mut roots = RootCertStore::empty();
    roots.add(root.clone()).expect("trust anchor");
    let config = ClientConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    TlsConnector::from(Arc::new(config))
}

/// A GET over TLS from a client that trusts only `root`.
async fn https_get(addr: SocketAddr, root: &CertificateDer<'static>, target: &str) -> Response {
    let tcp = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let name = ServerName::IpAddress(IpAddr::from([127, 0, 0, 1]).into());
    let tls = tls_connector(root)
        .connect(name, tcp)
        .await
        .expect("TLS handshake with the server's certificate");
    request_on(tls, addr, "GET", target, &[("Accept", "text/html")]).await
}

#[tokio::test]
async fn serves_https_with_the_given_certificate() {
    let dist = make_dist();
    let certs = TempDir::new("tls");
    let TestCert {
        der: root,
        cert,
        key,
    } = self_signed(&certs, "server");
    let db = TempDir::new("db");
    let mut server = Running(
        server_command()
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(dist.path())
            .env("PAIX_DATABASE", sqlite_in(&db))
            .arg("--tls-cert")
            .arg(&cert)
            .env("PAIX_TLS_KEY", &key)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start paix-server"),
    );

    let addr = listening_addr(&first_line(&mut server.0), "https");

    let ping = https_get(addr, &root, "/api/ping").await;
    assert_eq!(ping.status, 200);
    assert_eq!(ping.json(), serde_json::json!({ "ok": true }));
    let route = https_get(addr, &root, "/projects/prj.01").await;
    assert_eq!(route.status, 200);
    assert_eq!(route.text(), INDEX_HTML);
    assert_eq!(route.header("strict-transport-security"), Some("max-age=31536000"), "HSTS over HTTPS");

    // Plain HTTP on the HTTPS port gets no page.
    let plain = tokio::time::timeout(Duration::from_secs(20), async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
        let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").await;
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw).await;
        raw
    })
    .await
    .expect("plain HTTP connection closed in time");
    assert!(!String::from_utf8_lossy(&plain).contains("index"));
}

/// `--max-connections` under HTTPS: the cap counts TCP connections before
/// their handshake, so at the cap a new client's handshake waits in the
/// backlog until a connection closes; the idle timeout closes a silent TLS
/// connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_connection_cap_and_idle_timeout() {
    let dist = make_dist();
    let certs = TempDir::new("tls-cap");
    let TestCert { der: root, cert, key } = self_signed(&certs, "server");
    let db = TempDir::new("db");
    let mut server = Running(
        server_command()
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(dist.path())
            .env("PAIX_DATABASE", sqlite_in(&db))
            .arg("--tls-cert")
            .arg(&cert)
            .arg("--tls-key")
            .arg(&key)
            .args(["--max-connections", "1"])
            .env("PAIX_IDLE_TIMEOUT", "2")
            .stdout(Stdio::piped())
            .spawn()
            .expect("start paix-server"),
    );
    let addr = listening_addr(&first_line(&mut server.0), "https");
    let name = || ServerName::IpAddress(IpAddr::from([127, 0, 0, 1]).into());

    // One connection, handshake done, then silent: it holds the only place.
    let tcp = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut first = tls_connector(&root).connect(name(), tcp).await.expect("first handshake");
    let opened = std::time::Instant::now();
    let connector = tls_connector(&root);
    let second = tokio::spawn(async move {
        let tcp = tokio::net::TcpStream::connect(addr).await.expect("queued, not refused");
        let tls = connector.connect(name(), tcp).await.expect("second handshake");
        request_on(tls, addr, "GET", "/api/ping", &[]).await
    });
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(!second.is_finished(), "a second connection was served beyond the cap");
    // The idle timeout (2 s) closes the first; the second is then served.
    let mut raw = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(6), first.read_to_end(&mut raw)).await;
    assert!(closed.is_ok(), "the silent TLS connection stayed open");
    let elapsed = opened.elapsed();
    assert!(elapsed >= Duration::from_millis(1900), "{elapsed:?}");
    let answer = tokio::time::timeout(Duration::from_secs(6), second)
        .await
        .expect("the second connection served once the first closed")
        .unwrap();
    assert_eq!(answer.status, 200);
}

#[test]
fn bad_tls_files_exit_2() {
    let dist = make_dist();
    let certs = TempDir::new("tls-bad");
    let TestCert { cert, key, .. } = self_signed(&certs, "server");
    let other = self_signed(&certs, "other");
    let missing = certs.path().join("missing.pem");
    for (cert, key, expected) in [
        (&missing, &key, format!("'{}'", missing.display())),
        (&cert, &missing, format!("'{}'", missing.display())),
        (&key, &key, "holds no certificate".to_string()),
        (&cert, &cert, "holds no private key".to_string()),
        (
            &cert,
            &other.key,
            "do not make a usable certificate and key".to_string(),
        ),
    ] {
        let output = server_command()
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(dist.path())
            .arg("--tls-cert")
            .arg(cert)
            .arg("--tls-key")
            .arg(key)
            .output()
            .expect("run paix-server");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(output.stdout.is_empty());
        assert!(stderr.starts_with("paix-server: error: "), "{stderr}");
        assert!(stderr.contains(&expected), "{expected} not in {stderr}");
    }

    // One without the other.
    let output = server_command()
        .args(["--addr", "127.0.0.1:0", "--dist"])
        .arg(dist.path())
        .env("PAIX_TLS_CERT", &cert)
        .output()
        .expect("run paix-server");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--tls-key is missing"), "{stderr}");
}

#[test]
fn start_up_says_where_records_go_and_that_writes_are_open() {
    let dist = make_dist();
    let db = TempDir::new("db");
    let mut server = Running(
        server_command()
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(dist.path())
            .arg("--database")
            .arg(sqlite_in(&db))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start paix-server"),
    );
    let line = first_line(&mut server.0);
    assert!(
        line.starts_with("paix-server listening on http://"),
        "{line:?}"
    );
    let stderr = server.0.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let warning = lines.next().unwrap().unwrap();
    assert!(warning.contains("no tokens"), "{warning}");
    assert!(warning.contains("anyone"), "{warning}");
    let place = lines.next().unwrap().unwrap();
    assert!(place.contains("activities.db (sqlite)"), "{place}");
    assert!(db.path().join("activities.db").is_file());
}

#[test]
fn bad_tokens_file_exits_2_and_unusable_database_exits_1() {
    let dist = make_dist();
    let files = TempDir::new("start");
    let bad = files.write("tokens.txt", "osc-01 short\n");
    let empty = files.write("empty.txt", "# nobody yet\n");
    for (tokens, expected) in [
        (bad.clone(), "line 1".to_string()),
        (empty, "holds no token".to_string()),
        (files.path().join("missing.txt"), "missing.txt".to_string()),
    ] {
        let output = server_command()
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(dist.path())
            .arg("--database")
            .arg(sqlite_in(&files))
            .arg("--tokens")
            .arg(&tokens)
            .output()
            .expect("run paix-server");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&expected), "{expected} not in {stderr}");
        assert!(output.stdout.is_empty());
    }
    let output = server_command()
        .args(["--addr", "127.0.0.1:0", "--dist"])
        .arg(dist.path())
        .args(["--database", "sqlite:/nonexistent/paix/activities.db"])
        .output()
        .expect("run paix-server");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("/nonexistent/paix"), "{stderr}");
    assert!(output.stdout.is_empty());
}
