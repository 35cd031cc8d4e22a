//! The compiled `paix-server` binary: address line, exit codes, shutdown.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;

const BIN: &str = env!("CARGO_BIN_EXE_paix-server");

fn server_command() -> Command {
    let mut command = Command::new(BIN);
    command
        .env_remove("PAIX_ADDR")
        .env_remove("PAIX_DIST")
        .env_remove("PAIX_DATASET");
    command
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

#[tokio::test]
async fn prints_address_line_serves_and_stops_on_sigterm() {
    let dist = make_dist();
    let mut child = server_command()
        .args(["--addr", "127.0.0.1:0", "--dist"])
        .arg(dist.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start paix-server");

    let line = first_line(&mut child);
    let prefix = "paix-server listening on http://";
    assert!(line.starts_with(prefix), "unexpected line: {line:?}");
    assert!(
        line.trim_end()
            .ends_with(&format!("(dist: {})", dist.path().display())),
        "{line:?}"
    );
    let authority = line[prefix.len()..].split(' ').next().unwrap();
    let addr: std::net::SocketAddr = authority.parse().expect("address in the line");
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
    assert!(String::from_utf8_lossy(&output.stdout).contains("--dataset"));
}
