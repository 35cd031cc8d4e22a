//! `paix-server`: static host of the built Paix à la base app (Trunk `dist/`)
//! and its reference API under `/api`, including the activities sync
//! endpoint ([`activities`]) on SQLite or PostgreSQL ([`store`]).
//!
//! [`start`] opens the database and the tokens and builds the whole router,
//! so tests can serve it on any listener; [`serve`] serves it as the binary
//! does, with the connection cap and the idle timeout ([`conn`]).

pub mod activities;
pub mod api;
pub mod auth;
pub mod config;
pub mod conn;
pub mod limits;
pub mod problem;
pub mod static_files;
pub mod store;
pub mod tls;

use std::future::Future;
use std::io;
use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware;
use axum::response::Response;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use config::Config;
pub use limits::Limits;
use store::{Db, Store};
use tls::TlsListener;
use tokio::net::TcpListener;
use tokio_rustls::rustls::ServerConfig;

/// A started application: its router and what must be closed after it.
pub struct App {
    pub router: Router,
    pub db: Db,
    /// How many tokens guard the activities API (0: open).
    pub tokens: usize,
}

impl App {
    /// Closes the database connections (after the last request).
    pub async fn close(self) {
        self.db.close().await;
    }
}

/// Why the server cannot start, and its exit code.
#[derive(Debug)]
pub struct StartError {
    /// 2 for a configuration the operator must fix (tokens file), 1 for
    /// anything else (the database cannot be reached).
    pub code: u8,
    pub message: String,
}

/// Reads the tokens, opens (and migrates) the database, builds the router.
pub async fn start(config: &Config) -> Result<App, StartError> {
    let tokens = match &config.tokens {
        Some(path) => {
            auth::Tokens::load(path).map_err(|message| StartError { code: 2, message })?
        }
        None => auth::Tokens::default(),
    };
    if config.tokens.is_some() && tokens.is_empty() {
        let message = "the tokens file holds no token; remove --tokens to run open".to_string();
        return Err(StartError { code: 2, message });
    }
    let db = Db::open(&config.database)
        .await
        .map_err(|message| StartError { code: 1, message })?;
    let count = tokens.len();
    let activities = Arc::new(activities::Activities {
        db: db.clone(),
        tokens,
        writes: limits::WriteLimiter::new(config.limits.write_rate),
    });
    let origins = api::Origins::new(config.allow_origins.clone());
    Ok(App {
        router: app(config, activities, origins),
        db,
        tokens: count,
    })
}

/// The complete application: `/api/*` routes, then the static files of
/// `config.dist` for every other path.
fn app(config: &Config, activities: Arc<activities::Activities>, origins: api::Origins) -> Router {
    let policy = content_security_policy(&config.dist, config.connect_src.as_deref());
    let timeout = config.limits.request_timeout;
    let mut router = Router::new()
        .merge(api::router(config.dataset.clone(), activities, origins, timeout))
        .merge(
            static_files::router(&config.dist)
                .layer(middleware::from_fn_with_state(timeout, limits::request_timeout)),
        )
        // Compresses on the fly whatever is not already compressed.
        .layer(CompressionLayer::new())
        .layer(middleware::map_response(vary_accept_encoding))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("geolocation=(self), camera=(), microphone=(), payment=(), usb=()"),
        ));
    if let Ok(value) = HeaderValue::from_str(&policy) {
        router = router.layer(middleware::from_fn_with_state(value, csp_on_documents));
    }
    if config.tls.is_some() {
        router = router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ));
    }
    router.layer(middleware::from_fn(conn::pause_idle_clock))
}

/// Serves `router` on `listener` (HTTPS with `tls`) until `shutdown`
/// resolves: at most `limits.max_connections` connections at once, each
/// closed after `limits.idle_timeout` without a byte read or written, and
/// the client's address known to the write-rate limit. After `shutdown`:
/// no new connections, requests under way are answered (each write commits
/// before its answer), idle connections are closed, then it returns.
pub async fn serve<F>(
    listener: TcpListener,
    router: Router,
    limits: &Limits,
    tls: Option<Arc<ServerConfig>>,
    shutdown: F,
) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let listener = conn::Limited::new(listener, limits.max_connections, limits.idle_timeout);
    let service = router.into_make_service_with_connect_info::<conn::Peer>();
    match tls {
        None => {
            axum::serve(listener, service)
                .with_graceful_shutdown(shutdown)
                .await
        }
        Some(tls) => {
            let listener = TlsListener::new(listener, tls)?;
            axum::serve(listener, service)
                .with_graceful_shutdown(shutdown)
                .await
        }
    }
}

/// The policy goes on pages and on the service worker's script, where it
/// applies; on the other files it would only cost bytes (about 0.5 KB a
/// response, 6 KB on a first visit).
async fn csp_on_documents(
    axum::extract::State(policy): axum::extract::State<HeaderValue>,
    request: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let worker = request.uri().path() == "/sw.js";
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if html || worker {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// The policy the build wrote (`csp.txt`: its inline scripts' hashes, see
/// `scripts/csp.mjs`), else a strict one that allows no inline script;
/// `connect_src` replaces its `connect-src` sources; `frame-ancestors
/// 'none'` is added (a `<meta>` policy cannot carry it).
pub fn content_security_policy(dist: &std::path::Path, connect_src: Option<&str>) -> String {
    const STRICT: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
        style-src-attr 'unsafe-inline'; img-src 'self' data:; \
        connect-src 'self' https: http://localhost:* http://127.0.0.1:*; worker-src 'self'; \
        manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
    let built = std::fs::read_to_string(dist.join("csp.txt")).ok();
    let base = built.as_deref().map(str::trim).filter(|p| !p.is_empty() && !p.contains(['\r', '\n'])).unwrap_or(STRICT);
    let mut directives: Vec<String> = base
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.starts_with("frame-ancestors"))
        .map(|d| match connect_src {
            Some(sources) if d.starts_with("connect-src ") => format!("connect-src {}", sources.trim()),
            _ => d.to_string(),
        })
        .collect();
    directives.push("frame-ancestors 'none'".into());
    directives.join("; ")
}

/// Every response may differ by `Accept-Encoding` (precompressed siblings or
/// on-the-fly compression), so caches must key on it.
async fn vary_accept_encoding(mut response: Response) -> Response {
    if !varies_on_accept_encoding(response.headers()) {
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    response
}

fn varies_on_accept_encoding(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|list| list.split(','))
        .map(str::trim)
        .any(|name| name == "*" || name.eq_ignore_ascii_case("accept-encoding"))
}

/// Resolves on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            eprintln!("paix-server: cannot listen for Ctrl-C: {error}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(error) => {
                eprintln!("paix-server: cannot listen for SIGTERM: {error}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod csp_tests {
    use super::content_security_policy;

    #[test]
    fn the_builds_policy_with_frame_ancestors_and_an_optional_connect_src() {
        let dir = std::env::temp_dir().join(format!("paix-csp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // No csp.txt: strict, no inline script allowed.
        let strict = content_security_policy(&dir, None);
        assert!(strict.contains("script-src 'self' 'wasm-unsafe-eval';"), "{strict}");
        assert!(!strict.contains("unsafe-inline';") || strict.contains("style-src-attr 'unsafe-inline'"));
        assert!(strict.ends_with("frame-ancestors 'none'"));
        // The build's, as written by scripts/csp.mjs.
        std::fs::write(dir.join("csp.txt"), "default-src 'self'; script-src 'self' 'sha256-abc='; connect-src 'self' https:; object-src 'none'\n").unwrap();
        assert_eq!(
            content_security_policy(&dir, None),
            "default-src 'self'; script-src 'self' 'sha256-abc='; connect-src 'self' https:; object-src 'none'; frame-ancestors 'none'"
        );
        // A deployment narrows where the app may connect.
        assert_eq!(
            content_security_policy(&dir, Some("'self' https://sync.example.org")),
            "default-src 'self'; script-src 'self' 'sha256-abc='; connect-src 'self' https://sync.example.org; object-src 'none'; frame-ancestors 'none'"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
