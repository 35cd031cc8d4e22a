//! `paix-server`: static host of the built Paix à la base app (Trunk `dist/`)
//! and its small reference API under `/api`.
//!
//! [`app`] builds the whole router, so tests can serve it on any listener.

pub mod api;
pub mod config;
pub mod static_files;
pub mod store;
pub mod tls;

use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware;
use axum::response::Response;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use config::Config;

/// The complete application: `/api/*` routes, then the static files of
/// `config.dist` for every other path.
pub fn app(config: &Config) -> Router {
    Router::new()
        .merge(api::router(config.dataset.clone()))
        .merge(static_files::router(&config.dist))
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
