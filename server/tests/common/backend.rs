//! The two databases the activities suite runs on, and server processes.
//!
//! * SQLite: a file in a temporary directory.
//! * PostgreSQL: a fresh database per test in the cluster named by
//!   `PAIX_TEST_PG_URL`, else by the `PG*` variables that `pg_virtualenv`
//!   sets (`make test-host` runs the tests under it). Without either the
//!   PostgreSQL tests fail, unless `PAIX_TEST_NO_PG=1` says to skip them.
//!   Only a server on this machine is ever contacted.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use sqlx::Connection;

use super::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_paix-server");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// A database of its own for one test, dropped after it.
pub struct TestDb {
    pub kind: Kind,
    pub url: String,
    _dir: Option<TempDir>,
    /// (admin URL, database name) to drop at the end.
    pg: Option<(String, String)>,
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The URL of the PostgreSQL cluster to test against, `None` to skip.
fn admin_url() -> Option<String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let Some(url) = var("PAIX_TEST_PG_URL") {
        let host = url
            .split_once("://")
            .map(|(_, rest)| rest)
            .and_then(|rest| rest.split(['/', '?']).next())
            .map(|authority| authority.rsplit('@').next().unwrap_or(""))
            .map(|host| host.rsplit_once(':').map_or(host, |(h, _)| h))
            .unwrap_or("");
        assert!(
            matches!(host, "127.0.0.1" | "localhost" | "[::1]" | ""),
            "PAIX_TEST_PG_URL must name a server on this machine, not '{host}'"
        );
        return Some(url);
    }
    if var("PAIX_TEST_NO_PG").as_deref() == Some("1") {
        return None;
    }
    let (Some(port), Some(user)) = (var("PGPORT"), var("PGUSER")) else {
        panic!(
            "no PostgreSQL to test against: run 'make test-host' (it uses pg_virtualenv), \
             or set PAIX_TEST_PG_URL=postgres://…@127.0.0.1/…, or PAIX_TEST_NO_PG=1 to skip \
             the PostgreSQL tests"
        );
    };
    let host = var("PGHOST").unwrap_or_else(|| "127.0.0.1".into());
    let password = var("PGPASSWORD").unwrap_or_default();
    let database = var("PGDATABASE").unwrap_or_else(|| "postgres".into());
    let credentials = format!("{}:{}", encode(&user), encode(&password));
    if host.starts_with('/') {
        // A Unix socket directory.
        return Some(format!(
            "postgres://{credentials}@localhost:{port}/{database}?host={}",
            encode(&host)
        ));
    }
    assert!(
        matches!(host.as_str(), "localhost" | "127.0.0.1"),
        "PGHOST must be this machine, not '{host}'"
    );
    Some(format!(
        "postgres://{credentials}@127.0.0.1:{port}/{database}"
    ))
}

/// `admin`'s URL with another database name.
fn with_database(admin: &str, name: &str) -> String {
    let (base, query) = admin
        .split_once('?')
        .map_or((admin, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut url = format!("{}/{name}", &base[..path_start]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}

impl TestDb {
    /// A new empty database, or `None` when PostgreSQL tests are skipped.
    pub async fn new(kind: Kind) -> Option<TestDb> {
        match kind {
            Kind::Sqlite => {
                let dir = TempDir::new("sqlite");
                let url = format!("sqlite:{}", dir.path().join("activities.db").display());
                Some(TestDb {
                    kind,
                    url,
                    _dir: Some(dir),
                    pg: None,
                })
            }
            Kind::Postgres => {
                let Some(admin) = admin_url() else {
                    eprintln!("PostgreSQL test skipped (PAIX_TEST_NO_PG=1)");
                    return None;
                };
                static COUNTER: AtomicUsize = AtomicUsize::new(0);
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .subsec_nanos();
                let name = format!(
                    "paix_test_{}_{}_{nanos}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed)
                );
                let mut admin_conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .unwrap_or_else(|e| panic!("cannot reach PostgreSQL for the tests: {e}"));
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut admin_conn)
                    .await
                    .expect("create the test database");
                let _ = admin_conn.close().await;
                Some(TestDb {
                    kind,
                    url: with_database(&admin, &name),
                    _dir: None,
                    pg: Some((admin, name)),
                })
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin, name)) = self.pg.take() else {
            return;
        };
        // Drop runs inside the test's runtime: a thread with its own.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::query(sqlx::AssertSqlSafe(drop))
                        .execute(&mut conn)
                        .await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}

/// A `paix-server` process, killed when dropped.
pub struct ServerProcess {
    pub addr: SocketAddr,
    child: Child,
    pub stderr: mpsc::Receiver<String>,
}

impl ServerProcess {
    /// Starts the binary on an ephemeral port and waits for its address line.
    pub fn start(dist: &std::path::Path, database: &str, extra: &[&str]) -> ServerProcess {
        let mut child = Command::new(BIN)
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(dist)
            .args(["--database", database])
            .args(extra)
            .env_remove("PAIX_ADDR")
            .env_remove("PAIX_DIST")
            .env_remove("PAIX_DATASET")
            .env_remove("PAIX_DATABASE")
            .env_remove("PAIX_TOKENS")
            .env_remove("PAIX_ALLOW_ORIGINS")
            .env_remove("PAIX_TLS_CERT")
            .env_remove("PAIX_TLS_KEY")
            .env_remove("PAIX_CONNECT_SRC")
            .env_remove("PAIX_MAX_CONNECTIONS")
            .env_remove("PAIX_IDLE_TIMEOUT")
            .env_remove("PAIX_REQUEST_TIMEOUT")
            .env_remove("PAIX_WRITE_RATE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start paix-server");
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let (err_sender, err_receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = err_sender.send(line);
            }
        });
        let line = receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("address line in time");
        let prefix = "paix-server listening on http://";
        let Some(rest) = line.strip_prefix(prefix) else {
            let _ = child.kill();
            let errors: Vec<String> = err_receiver.try_iter().collect();
            panic!("paix-server did not start: {line:?} {errors:?}");
        };
        let addr = rest.split(' ').next().unwrap().parse().expect("address");
        ServerProcess {
            addr,
            child,
            stderr: err_receiver,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill9(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("wait");
    }

    /// SIGTERM, then the exit status (within 30 s).
    pub fn terminate(mut self) -> ExitStatus {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success());
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no exit after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
