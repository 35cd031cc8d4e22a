//! The connections' limits over real TCP, as `paix_server::serve` applies
//! them: the idle timeout and the connection cap (short timeouts, so the
//! waits stay short). The write rate and the request timeout are in the
//! activities suite (both backends).

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A server with these limits, on SQLite.
async fn server(tweak: impl FnOnce(&mut paix_server::Limits)) -> (SocketAddr, TempDir) {
    let dist = make_dist();
    let mut config = paix_server::Config::new(dist.path());
    tweak(&mut config.limits);
    (spawn(config).await, dist)
}

/// Reads until the server closes the connection (EOF or an error), within
/// `within`; what was read and how long it took.
async fn until_closed(stream: &mut TcpStream, within: Duration) -> (Vec<u8>, Duration) {
    let started = Instant::now();
    let mut raw = Vec::new();
    let mut buffer = [0u8; 4096];
    let read = tokio::time::timeout(within, async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => raw.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    assert!(read.is_ok(), "still open after {within:?}");
    (raw, started.elapsed())
}

/// Reads one whole response with a `Content-Length` body.
async fn one_response(stream: &mut TcpStream) -> String {
    let mut raw = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer))
            .await
            .expect("an answer in time")
            .expect("read");
        assert!(n > 0, "closed before the answer");
        raw.extend_from_slice(&buffer[..n]);
        let text = String::from_utf8_lossy(&raw).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .to_ascii_lowercase()
                .lines()
                .find_map(|l| {
                    l.strip_prefix("content-length:")
                        .map(|n| n.trim().parse::<usize>().unwrap())
                })
                .expect("content-length");
            if raw.len() >= end + 4 + length {
                return text;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_connection_is_closed_after_the_idle_timeout() {
    let (addr, _dist) = server(|l| l.idle_timeout = Duration::from_secs(1)).await;
    let window = |elapsed: Duration| {
        assert!(
            elapsed >= Duration::from_millis(900),
            "closed too soon: {elapsed:?}"
        );
        assert!(
            elapsed < Duration::from_secs(3),
            "closed too late: {elapsed:?}"
        );
    };
    // No byte at all.
    let silent = async {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let (raw, elapsed) = until_closed(&mut stream, Duration::from_secs(5)).await;
        assert!(raw.is_empty());
        window(elapsed);
    };
    // A head never finished.
    let half_head = async {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"GET /api/ping HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        let (raw, elapsed) = until_closed(&mut stream, Duration::from_secs(5)).await;
        assert!(raw.is_empty(), "{}", String::from_utf8_lossy(&raw));
        window(elapsed);
    };
    // Kept alive after an answer, then nothing.
    let kept_alive = async {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let answer = one_response(&mut stream).await;
        assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
        // Still open a moment later, for a second request.
        tokio::time::sleep(Duration::from_millis(500)).await;
        stream
            .write_all(b"GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        assert!(one_response(&mut stream).await.starts_with("HTTP/1.1 200 "));
        let (raw, elapsed) = until_closed(&mut stream, Duration::from_secs(5)).await;
        assert!(raw.is_empty());
        window(elapsed);
    };
    tokio::join!(silent, half_head, kept_alive);
}

/// A body that keeps coming, a piece every 0.4 s for 3.2 s: never cut by a
/// 1 s idle timeout (the request timeout, 10 s, is the bound).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_but_moving_upload_is_not_cut() {
    let (addr, _dist) = server(|l| {
        l.idle_timeout = Duration::from_secs(1);
        l.request_timeout = Duration::from_secs(10);
    })
    .await;
    let fixture = include_str!("../../tests/fixtures/record-v1.json");
    let mut record: serde_json::Value = serde_json::from_str(fixture).unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    record["id"] = serde_json::json!(id);
    let body = record.to_string();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/activities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    for piece in body.as_bytes().chunks(body.len() / 8 + 1) {
        tokio::time::sleep(Duration::from_millis(400)).await;
        stream.write_all(piece).await.expect("still open");
    }
    let answer = one_response(&mut stream).await;
    assert!(started.elapsed() >= Duration::from_secs(3));
    assert!(answer.starts_with("HTTP/1.1 201 "), "{answer}");
    assert!(answer.contains(&id));
}

/// At the cap, the next connection waits in the kernel's backlog (it is
/// neither refused nor served) until one closes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_connection_cap_queues_the_next_connection() {
    let (addr, _dist) = server(|l| {
        l.max_connections = 2;
        l.idle_timeout = Duration::from_secs(30);
    })
    .await;
    let ping = b"GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n";
    let mut first = TcpStream::connect(addr).await.unwrap();
    let mut second = TcpStream::connect(addr).await.unwrap();
    for stream in [&mut first, &mut second] {
        stream.write_all(ping).await.unwrap();
        assert!(one_response(stream).await.starts_with("HTTP/1.1 200 "));
    }
    // The third connects (the backlog) but is not served.
    let mut third = TcpStream::connect(addr).await.expect("queued, not refused");
    third.write_all(ping).await.unwrap();
    let mut byte = [0u8; 1];
    let waited = tokio::time::timeout(Duration::from_millis(800), third.read(&mut byte)).await;
    assert!(waited.is_err(), "served beyond the cap");
    // Kept-alive connections still work.
    second.write_all(ping).await.unwrap();
    assert!(one_response(&mut second).await.starts_with("HTTP/1.1 200 "));
    // One closes: the third is served.
    drop(first);
    let answer = one_response(&mut third).await;
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
}
