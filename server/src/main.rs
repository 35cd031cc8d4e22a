//! `paix-server` binary: parse the configuration, bind, print the address
//! line, serve (HTTP, or HTTPS with `--tls-cert`/`--tls-key`, with the
//! limits of `--max-connections`, `--idle-timeout`, `--request-timeout` and
//! `--write-rate`) until SIGINT/SIGTERM.
//!
//! Exit codes: 0 after a graceful shutdown, 1 on a start-up or I/O error
//! (including a database it cannot open), 2 on a usage error (including
//! unreadable TLS or tokens files).

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use paix_server::config::{self, Command, Config};
use paix_server::tls;
use tokio_rustls::rustls::ServerConfig;

fn main() -> ExitCode {
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let Ok(args) = args else {
        return usage_error("arguments must be valid UTF-8");
    };
    let config = match config::parse(args, |key| std::env::var(key).ok()) {
        Ok(Command::Run(config)) => *config,
        Ok(Command::Help) => {
            print!("{}", config::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(error) => return usage_error(&error.to_string()),
    };
    let tls = match config.tls.as_ref().map(tls::server_config).transpose() {
        Ok(tls) => tls,
        Err(message) => {
            eprintln!("paix-server: error: {message}");
            return ExitCode::from(2);
        }
    };
    if let Err(message) = check_paths(&config) {
        eprintln!("paix-server: error: {message}");
        return ExitCode::FAILURE;
    }

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("paix-server: error: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(config, tls)) {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            eprintln!("paix-server: error: {message}");
            ExitCode::from(code)
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("paix-server: {message}\nTry 'paix-server --help'.");
    ExitCode::from(2)
}

fn check_paths(config: &Config) -> Result<(), String> {
    let dist = config.dist.display();
    if !config.dist.is_dir() {
        return Err(format!(
            "dist directory '{dist}' not found; build the app first (trunk build --release) or pass --dist"
        ));
    }
    if !config.dist.join("index.html").is_file() {
        eprintln!("paix-server: warning: '{dist}' has no index.html; app routes will answer 404");
    }
    if let Some(dataset) = &config.dataset {
        if !dataset.is_file() {
            return Err(format!("dataset file '{}' not found", dataset.display()));
        }
    }
    Ok(())
}

async fn serve(config: Config, tls: Option<Arc<ServerConfig>>) -> Result<(), (u8, String)> {
    let app = paix_server::start(&config)
        .await
        .map_err(|error| (error.code, error.message))?;
    if app.tokens == 0 {
        eprintln!(
            "paix-server: warning: no tokens (--tokens): anyone who can reach this server \
             can send and read activity records"
        );
    }
    let failed = |message: String| (1, message);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|error| failed(format!("cannot listen on {}: {error}", config.addr)))?;
    let addr = listener
        .local_addr()
        .map_err(|error| failed(format!("cannot read the bound address: {error}")))?;

    let scheme = if tls.is_some() { "https" } else { "http" };
    let mut stdout = std::io::stdout().lock();
    // End-to-end tests read the URL from this exact line.
    let _ = writeln!(
        stdout,
        "paix-server listening on {scheme}://{addr} (dist: {})",
        config.dist.display()
    );
    let _ = stdout.flush();
    drop(stdout);
    eprintln!(
        "paix-server: activities stored in {} ({})",
        paix_server::store::postgres::redact(&config.database),
        app.db.backend()
    );

    // After SIGTERM or Ctrl-C: no new connections, requests under way are
    // answered (each write commits before its answer), then the database
    // is closed.
    let served = paix_server::serve(
        listener,
        app.router.clone(),
        &config.limits,
        tls,
        paix_server::shutdown_signal(),
    )
    .await;
    app.close().await;
    served.map_err(|error| failed(format!("server failed: {error}")))
}
