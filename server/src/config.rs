//! Start-up configuration: command-line flags, with environment variables as
//! defaults. Plain `std` parsing, no CLI crate.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use crate::limits::Limits;
use crate::limits::{
    DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT, DEFAULT_WRITE_RATE,
};

/// Address used when neither `--addr` nor `PAIX_ADDR` is given.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// Directory used when neither `--dist` nor `PAIX_DIST` is given.
pub const DEFAULT_DIST: &str = "dist";
/// Database used when neither `--database` nor `PAIX_DATABASE` is given: a
/// SQLite file under `data/` (git-ignored), made on first start.
pub const DEFAULT_DATABASE: &str = "sqlite:data/activities.db";

pub const USAGE: &str = "\
Usage: paix-server [--addr HOST:PORT] [--dist DIR] [--dataset PATH]
                   [--database URL] [--tokens FILE] [--allow-origin ORIGIN]...
                   [--tls-cert PATH --tls-key PATH] [--connect-src SOURCES]
                   [--max-connections N] [--idle-timeout SECS]
                   [--request-timeout SECS] [--write-rate N]

Serves the built Paix à la base app (a Trunk `dist` directory) and its API.

Options (each also read from an environment variable; the flag wins):
  --addr HOST:PORT   address to listen on; port 0 picks a free port
                     [env PAIX_ADDR, default 127.0.0.1:8080]
  --dist DIR         directory of the built app
                     [env PAIX_DIST, default dist]
  --dataset PATH     JSON file served at GET /api/dataset
                     [env PAIX_DATASET, optional]
  --database URL     where activity records are stored: sqlite:PATH (a file,
                     made if missing) or postgres://USER:PASS@HOST/DB
                     [env PAIX_DATABASE, default sqlite:data/activities.db]
  --tokens FILE      bearer tokens, one 'label token [scopes]' per line;
                     without it anyone may send and read records
                     [env PAIX_TOKENS, optional]
  --allow-origin ORIGIN
                     another origin whose pages may call the activities API
                     (e.g. https://app.example.org, or * for any); repeatable.
                     The app's own origin needs none
                     [env PAIX_ALLOW_ORIGINS, comma-separated]
  --tls-cert PATH    certificate chain (PEM), server certificate first;
                     serves HTTPS instead of HTTP [env PAIX_TLS_CERT]
  --tls-key PATH     private key (PEM) of that certificate
                     [env PAIX_TLS_KEY; both or neither]
  --connect-src SOURCES
                     where the app may send records and fetch data, as a CSP
                     source list (e.g. \"'self' https://sync.example.org\");
                     default: the build's policy ('self', any https:, and
                     http on localhost) [env PAIX_CONNECT_SRC]
  --max-connections N
                     connections served at once; more wait their turn in
                     the system's queue [env PAIX_MAX_CONNECTIONS, default 512]
  --idle-timeout SECS
                     a connection with no byte read or written for this long
                     is closed (a slow but moving upload is never cut)
                     [env PAIX_IDLE_TIMEOUT, default 60]
  --request-timeout SECS
                     a request must be received and answered within this,
                     else 408; an import (POST /api/activities/import) gets
                     6 times as long [env PAIX_REQUEST_TIMEOUT, default 300]
  --write-rate N     write requests (POST, PUT) a minute for each token, in
                     bursts of up to N/5; each network address may send 10
                     times as many (several phones behind one router); over
                     it, 429 with Retry-After; 0 turns it off. Counted by
                     each server instance on its own: behind a load balancer
                     with several instances, a client may get up to that many
                     times N [env PAIX_WRITE_RATE, default 600]
  -h, --help         print this help
";

/// What the server needs to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub addr: SocketAddr,
    pub dist: PathBuf,
    pub dataset: Option<PathBuf>,
    /// HTTPS instead of HTTP when set.
    pub tls: Option<Tls>,
    /// `sqlite:PATH` or `postgres://…`.
    pub database: String,
    /// The bearer tokens file; `None`: writes and reads are open.
    pub tokens: Option<PathBuf>,
    /// Origins (`scheme://host[:port]`, or `*`) allowed to call the
    /// activities API from another origin.
    pub allow_origins: Vec<String>,
    /// Replaces the `connect-src` sources of the build's Content Security
    /// Policy (a deployment that allows only its own endpoints).
    pub connect_src: Option<String>,
    /// Connections, timeouts and the write rate.
    pub limits: Limits,
}

/// PEM files of the certificate chain and of its private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl Config {
    /// A configuration with the defaults and the given `dist` directory.
    pub fn new(dist: impl Into<PathBuf>) -> Self {
        Config {
            addr: DEFAULT_ADDR.parse().expect("valid default address"),
            dist: dist.into(),
            dataset: None,
            tls: None,
            database: DEFAULT_DATABASE.to_string(),
            connect_src: None,
            tokens: None,
            allow_origins: Vec::new(),
            limits: Limits::default(),
        }
    }
}

/// Result of parsing the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Run(Box<Config>),
    Help,
}

/// A usage error (the binary prints it and exits with code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Parses the arguments (without the program name). `env` looks up an
/// environment variable; empty values count as unset.
pub fn parse<I, E>(args: I, env: E) -> Result<Command, UsageError>
where
    I: IntoIterator<Item = String>,
    E: Fn(&str) -> Option<String>,
{
    let env = |key: &str| env(key).filter(|value| !value.is_empty());
    let mut addr: Option<String> = None;
    let mut dist: Option<String> = None;
    let mut dataset: Option<String> = None;
    let mut tls_cert: Option<String> = None;
    let mut tls_key: Option<String> = None;
    let mut database: Option<String> = None;
    let mut tokens: Option<String> = None;
    let mut connect_src: Option<String> = None;
    let mut max_connections: Option<String> = None;
    let mut idle_timeout: Option<String> = None;
    let mut request_timeout: Option<String> = None;
    let mut write_rate: Option<String> = None;
    let mut origins: Vec<String> = Vec::new();

    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (arg.clone(), None),
        };
        if flag == "--allow-origin" {
            match inline_value.or_else(|| args.next()) {
                Some(value) if !value.is_empty() => origins.push(value),
                _ => return Err(UsageError(format!("option '{flag}' needs a value"))),
            }
            continue;
        }
        let slot = match flag.as_str() {
            "--addr" => &mut addr,
            "--dist" => &mut dist,
            "--dataset" => &mut dataset,
            "--tls-cert" => &mut tls_cert,
            "--tls-key" => &mut tls_key,
            "--database" => &mut database,
            "--tokens" => &mut tokens,
            "--connect-src" => &mut connect_src,
            "--max-connections" => &mut max_connections,
            "--idle-timeout" => &mut idle_timeout,
            "--request-timeout" => &mut request_timeout,
            "--write-rate" => &mut write_rate,
            _ if flag.starts_with('-') => {
                return Err(UsageError(format!("unknown option '{flag}'")))
            }
            _ => return Err(UsageError(format!("unexpected argument '{arg}'"))),
        };
        let value = match inline_value.or_else(|| args.next()) {
            Some(value) if !value.is_empty() => value,
            _ => return Err(UsageError(format!("option '{flag}' needs a value"))),
        };
        if slot.replace(value).is_some() {
            return Err(UsageError(format!("option '{flag}' given more than once")));
        }
    }

    let (addr, addr_source) = match addr {
        Some(addr) => (addr, "--addr"),
        None => match env("PAIX_ADDR") {
            Some(addr) => (addr, "PAIX_ADDR"),
            None => (DEFAULT_ADDR.to_string(), "default address"),
        },
    };
    let addr = addr.parse::<SocketAddr>().map_err(|_| {
        UsageError(format!(
            "{addr_source}: '{addr}' is not an address like 127.0.0.1:8080"
        ))
    })?;
    let dist = dist
        .or_else(|| env("PAIX_DIST"))
        .unwrap_or_else(|| DEFAULT_DIST.to_string());
    let dataset = dataset.or_else(|| env("PAIX_DATASET"));
    let tls_cert = tls_cert.or_else(|| env("PAIX_TLS_CERT"));
    let tls_key = tls_key.or_else(|| env("PAIX_TLS_KEY"));
    let tls = match (tls_cert, tls_key) {
        (Some(cert), Some(key)) => Some(Tls {
            cert: PathBuf::from(cert),
            key: PathBuf::from(key),
        }),
        (None, None) => None,
        (cert, _) => {
            let missing = if cert.is_some() {
                "--tls-key"
            } else {
                "--tls-cert"
            };
            return Err(UsageError(format!(
                "HTTPS needs both --tls-cert and --tls-key \
                 (or PAIX_TLS_CERT and PAIX_TLS_KEY); {missing} is missing"
            )));
        }
    };

    let database = database
        .or_else(|| env("PAIX_DATABASE"))
        .unwrap_or_else(|| DEFAULT_DATABASE.to_string());
    check_database_url(&database)?;
    let tokens = tokens.or_else(|| env("PAIX_TOKENS")).map(PathBuf::from);
    if origins.is_empty() {
        if let Some(list) = env("PAIX_ALLOW_ORIGINS") {
            origins = list
                .split(',')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(String::from)
                .collect();
        }
    }
    let allow_origins = origins
        .into_iter()
        .map(|origin| check_origin(&origin).map(|()| origin))
        .collect::<Result<Vec<_>, _>>()?;

    let whole = |flag: Option<String>, name: &str, env_name: &str, min: u64, max: u64, default: u64| {
        number(flag, name, env(env_name).map(|v| (v, env_name)), min, max, default)
    };
    let limits = Limits {
        max_connections: whole(
            max_connections,
            "--max-connections",
            "PAIX_MAX_CONNECTIONS",
            1,
            MAX_CONNECTIONS,
            DEFAULT_MAX_CONNECTIONS as u64,
        )? as usize,
        idle_timeout: Duration::from_secs(whole(
            idle_timeout,
            "--idle-timeout",
            "PAIX_IDLE_TIMEOUT",
            1,
            MAX_SECONDS,
            DEFAULT_IDLE_TIMEOUT,
        )?),
        request_timeout: Duration::from_secs(whole(
            request_timeout,
            "--request-timeout",
            "PAIX_REQUEST_TIMEOUT",
            1,
            MAX_SECONDS,
            DEFAULT_REQUEST_TIMEOUT,
        )?),
        write_rate: whole(
            write_rate,
            "--write-rate",
            "PAIX_WRITE_RATE",
            0,
            MAX_WRITE_RATE,
            u64::from(DEFAULT_WRITE_RATE),
        )? as u32,
    };

    Ok(Command::Run(Box::new(Config {
        addr,
        dist: PathBuf::from(dist),
        dataset: dataset.map(PathBuf::from),
        tls,
        database,
        tokens,
        allow_origins,
        connect_src: connect_src.or_else(|| env("PAIX_CONNECT_SRC")),
        limits,
    })))
}

/// Most connections at once that `--max-connections` takes.
const MAX_CONNECTIONS: u64 = 1_000_000;
/// Longest timeout (a day).
const MAX_SECONDS: u64 = 86_400;
/// Highest `--write-rate` (a million writes a minute).
const MAX_WRITE_RATE: u64 = 1_000_000;

/// A whole number from the flag `name`, else from the environment
/// variable (`(value, its name)`), else `default`; it must lie in
/// `min..=max`.
fn number(
    flag: Option<String>,
    name: &str,
    env: Option<(String, &str)>,
    min: u64,
    max: u64,
    default: u64,
) -> Result<u64, UsageError> {
    let (value, source) = match (flag, env) {
        (Some(value), _) => (value, name),
        (None, Some((value, env_name))) => (value, env_name),
        (None, None) => return Ok(default),
    };
    value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            UsageError(format!(
                "{source}: '{value}' is not a whole number from {min} to {max}"
            ))
        })
}

fn check_database_url(url: &str) -> Result<(), UsageError> {
    let known = ["sqlite:", "postgres://", "postgresql://"];
    if known.iter().any(|scheme| url.starts_with(scheme)) && url.len() > "sqlite:".len() {
        Ok(())
    } else {
        // Not echoed: a mistyped URL may hold a password.
        Err(UsageError("--database: neither sqlite:PATH nor postgres://…".into()))
    }
}

/// `*`, or an origin as browsers send it: `http(s)://host[:port]`, no path,
/// no trailing slash.
fn check_origin(origin: &str) -> Result<(), UsageError> {
    if origin == "*" {
        return Ok(());
    }
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    let valid = rest.is_some_and(|host| {
        !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
    });
    if valid {
        Ok(())
    } else {
        Err(UsageError(format!(
            "--allow-origin: '{origin}' is not an origin like https://app.example.org \
             (scheme and host, an optional port, no path)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], env: &[(&str, &str)]) -> Result<Command, UsageError> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        parse(args.iter().map(|a| a.to_string()), |key| {
            env.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        })
    }

    fn config(args: &[&str], env: &[(&str, &str)]) -> Config {
        match run(args, env) {
            Ok(Command::Run(config)) => *config,
            other => panic!("expected a config, got {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(config(&[], &[]), Config::new("dist"));
    }

    #[test]
    fn flags_both_forms() {
        let c = config(
            &["--addr", "0.0.0.0:0", "--dist=out", "--dataset", "d.json"],
            &[],
        );
        assert_eq!(c.addr, "0.0.0.0:0".parse().unwrap());
        assert_eq!(c.dist, PathBuf::from("out"));
        assert_eq!(c.dataset, Some(PathBuf::from("d.json")));
    }

    #[test]
    fn env_then_flags_win() {
        let env = [
            ("PAIX_ADDR", "127.0.0.1:9000"),
            ("PAIX_DIST", "e"),
            ("PAIX_DATASET", "x.json"),
        ];
        let c = config(&[], &env);
        assert_eq!(c.addr.port(), 9000);
        assert_eq!(c.dist, PathBuf::from("e"));
        assert_eq!(c.dataset, Some(PathBuf::from("x.json")));
        let c = config(&["--addr", "127.0.0.1:1", "--dist", "f"], &env);
        assert_eq!(c.addr.port(), 1);
        assert_eq!(c.dist, PathBuf::from("f"));
        assert_eq!(config(&[], &[("PAIX_DATASET", "")]).dataset, None);
    }

    #[test]
    fn tls_pair() {
        let tls = |cert: &str, key: &str| {
            Some(Tls {
                cert: PathBuf::from(cert),
                key: PathBuf::from(key),
            })
        };
        let c = config(&["--tls-cert", "c.pem", "--tls-key=k.pem"], &[]);
        assert_eq!(c.tls, tls("c.pem", "k.pem"));
        let env = [("PAIX_TLS_CERT", "ec.pem"), ("PAIX_TLS_KEY", "ek.pem")];
        assert_eq!(config(&[], &env).tls, tls("ec.pem", "ek.pem"));
        assert_eq!(
            config(&["--tls-key", "k.pem"], &env).tls,
            tls("ec.pem", "k.pem")
        );
        assert_eq!(config(&[], &[]).tls, None);

        let only_cert = run(&["--tls-cert", "c.pem"], &[]).unwrap_err();
        assert!(only_cert.0.contains("--tls-key is missing"), "{only_cert}");
        let only_key = run(&[], &[("PAIX_TLS_KEY", "k.pem")]).unwrap_err();
        assert!(only_key.0.contains("--tls-cert is missing"), "{only_key}");
    }

    #[test]
    fn database_tokens_origins() {
        let c = config(&[], &[]);
        assert_eq!(c.database, DEFAULT_DATABASE);
        assert_eq!(c.tokens, None);
        assert!(c.allow_origins.is_empty());
        let c = config(
            &[
                "--database",
                "postgres://u:p@127.0.0.1/paix",
                "--tokens=t.txt",
                "--allow-origin",
                "https://a.example",
                "--allow-origin=http://127.0.0.1:8081",
            ],
            &[("PAIX_ALLOW_ORIGINS", "https://ignored.example")],
        );
        assert_eq!(c.database, "postgres://u:p@127.0.0.1/paix");
        assert_eq!(c.tokens, Some(PathBuf::from("t.txt")));
        assert_eq!(
            c.allow_origins,
            ["https://a.example", "http://127.0.0.1:8081"]
        );
        let env = [
            ("PAIX_DATABASE", "sqlite:/tmp/x.db"),
            ("PAIX_TOKENS", "/etc/paix/tokens"),
            ("PAIX_ALLOW_ORIGINS", "https://a.example, *"),
        ];
        let c = config(&[], &env);
        assert_eq!(c.database, "sqlite:/tmp/x.db");
        assert_eq!(c.tokens, Some(PathBuf::from("/etc/paix/tokens")));
        assert_eq!(c.allow_origins, ["https://a.example", "*"]);

        for args in [
            &["--database", "mysql://x"][..],
            &["--database", "sqlite:"],
            &["--allow-origin", "https://a.example/"],
            &["--allow-origin", "a.example"],
            &["--allow-origin"],
            &["--tokens", "a", "--tokens", "b"],
        ] {
            assert!(run(args, &[]).is_err(), "{args:?} should fail");
        }
    }

    #[test]
    fn limits() {
        let c = config(&[], &[]);
        assert_eq!(c.limits, Limits::default());
        assert_eq!(c.limits.max_connections, 512);
        assert_eq!(c.limits.idle_timeout, Duration::from_secs(60));
        assert_eq!(c.limits.request_timeout, Duration::from_secs(300));
        assert_eq!(c.limits.write_rate, 600);

        let env = [
            ("PAIX_MAX_CONNECTIONS", "64"),
            ("PAIX_IDLE_TIMEOUT", "30"),
            ("PAIX_REQUEST_TIMEOUT", "120"),
            ("PAIX_WRITE_RATE", "0"),
        ];
        let c = config(&[], &env);
        assert_eq!(
            c.limits,
            Limits {
                max_connections: 64,
                idle_timeout: Duration::from_secs(30),
                request_timeout: Duration::from_secs(120),
                write_rate: 0,
            }
        );
        // The flag wins.
        let c = config(
            &[
                "--max-connections",
                "2",
                "--idle-timeout=1",
                "--request-timeout",
                "2",
                "--write-rate=60",
            ],
            &env,
        );
        assert_eq!(
            c.limits,
            Limits {
                max_connections: 2,
                idle_timeout: Duration::from_secs(1),
                request_timeout: Duration::from_secs(2),
                write_rate: 60,
            }
        );

        for (args, expected) in [
            (&["--max-connections", "0"][..], "--max-connections: '0' is not a whole number from 1 to"),
            (&["--max-connections", "many"], "'many' is not a whole number"),
            (&["--idle-timeout", "-5"], "--idle-timeout: '-5'"),
            (&["--idle-timeout", "1.5"], "'1.5' is not a whole number"),
            (&["--request-timeout", "0"], "--request-timeout: '0'"),
            (&["--request-timeout", "86401"], "from 1 to 86400"),
            (&["--write-rate", "1e3"], "--write-rate: '1e3' is not a whole number from 0 to"),
            (&["--write-rate", "18446744073709551616"], "--write-rate"),
            (&["--write-rate"], "needs a value"),
            (&["--idle-timeout", "5", "--idle-timeout", "6"], "more than once"),
        ] {
            let error = run(args, &[]).unwrap_err();
            assert!(error.0.contains(expected), "{args:?}: {error}");
        }
        let error = run(&[], &[("PAIX_WRITE_RATE", "fast")]).unwrap_err();
        assert!(error.0.starts_with("PAIX_WRITE_RATE: 'fast'"), "{error}");
        // A bad variable does not matter when the flag is given.
        assert_eq!(
            config(&["--write-rate", "6"], &[("PAIX_WRITE_RATE", "fast")]).limits.write_rate,
            6
        );
    }

    #[test]
    fn help() {
        assert_eq!(run(&["--help"], &[]), Ok(Command::Help));
        assert_eq!(run(&["-h"], &[]), Ok(Command::Help));
    }

    #[test]
    fn errors() {
        for args in [
            &["--nope"][..],
            &["stray"],
            &["--addr"],
            &["--addr="],
            &["--addr", "localhost"],
            &["--dist", "a", "--dist", "b"],
        ] {
            assert!(run(args, &[]).is_err(), "{args:?} should fail");
        }
        assert!(run(&[], &[("PAIX_ADDR", "nope")]).is_err());
    }
}
