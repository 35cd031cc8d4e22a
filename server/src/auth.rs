//! Optional bearer tokens for the activities API.
//!
//! The tokens file has one token a line: `label token [scopes]`.
//! * `label` names who holds it (a CSO, an officer): letters, digits, `.`,
//!   `_`, `-`, at most 64. It is stored with every record the token brings.
//! * `token`: at least 16 characters, no spaces (e.g. `openssl rand -hex 24`).
//! * `scopes`, comma-separated, default `send`: `send` may send records and
//!   read back those sent with the same label; `read` may read every record
//!   (list, CSV). `send,read` does both.
//!
//! Blank lines and lines starting with `#` are ignored. A request shows its
//! token as `Authorization: Bearer <token>` or `X-API-Key: <token>`. Tokens
//! are compared as SHA-256 digests with `subtle`'s constant-time equality,
//! against every configured token, so the time taken says nothing about
//! which token or how much of it matched.
//!
//! Without a tokens file, everything is open (a warning says so at start-up).

use std::path::Path;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::problem::Problem;

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scopes {
    pub send: bool,
    pub read: bool,
}

#[derive(Clone)]
struct Token {
    label: String,
    digest: [u8; 32],
    scopes: Scopes,
}

/// The configured tokens; empty means open.
#[derive(Clone, Default)]
pub struct Tokens {
    tokens: Vec<Token>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let labels: Vec<&str> = self.tokens.iter().map(|t| t.label.as_str()).collect();
        f.debug_struct("Tokens").field("labels", &labels).finish()
    }
}

/// Who made a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// No tokens are configured: anyone may do anything.
    Open,
    /// A known token.
    Token { label: String, scopes: Scopes },
}

impl Caller {
    /// The label stored with the records this caller sends.
    pub fn label(&self) -> Option<String> {
        match self {
            Caller::Open => None,
            Caller::Token { label, .. } => Some(label.clone()),
        }
    }

    pub fn may_send(&self) -> bool {
        matches!(self, Caller::Open) || matches!(self, Caller::Token { scopes, .. } if scopes.send)
    }

    pub fn may_read_all(&self) -> bool {
        matches!(self, Caller::Open) || matches!(self, Caller::Token { scopes, .. } if scopes.read)
    }

    /// Whether this caller may read a record that `label` brought.
    pub fn may_read(&self, label: Option<&str>) -> bool {
        self.may_read_all()
            || matches!(self, Caller::Token { label: own, scopes } if scopes.send && Some(own.as_str()) == label)
    }
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

fn valid_label(label: &str) -> bool {
    (1..=64).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

fn valid_token(token: &str) -> bool {
    token.len() >= 16 && token.len() <= 512 && token.bytes().all(|b| b.is_ascii_graphic())
}

impl Tokens {
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Reads a tokens file; the error names the file and the line.
    pub fn load(path: &Path) -> Result<Tokens, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the tokens file '{}': {e}", path.display()))?;
        Tokens::parse(&text).map_err(|e| format!("tokens file '{}': {e}", path.display()))
    }

    /// Parses the lines of a tokens file (see the module doc).
    pub fn parse(text: &str) -> Result<Tokens, String> {
        let mut tokens: Vec<Token> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let n = n + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (label, token, scopes) = match fields[..] {
                [label, token] => (label, token, "send"),
                [label, token, scopes] => (label, token, scopes),
                _ => return Err(format!("line {n}: expected 'label token [scopes]'")),
            };
            if !valid_label(label) {
                return Err(format!(
                    "line {n}: the label '{label}' must be 1 to 64 letters, digits, '.', '_' or '-'"
                ));
            }
            if !valid_token(token) {
                return Err(format!(
                    "line {n}: the token of '{label}' must be 16 to 512 visible characters"
                ));
            }
            let mut parsed = Scopes::default();
            for scope in scopes.split(',') {
                match scope {
                    "send" => parsed.send = true,
                    "read" => parsed.read = true,
                    other => {
                        return Err(format!(
                            "line {n}: unknown scope '{other}' (send, read or send,read)"
                        ))
                    }
                }
            }
            let digest = digest(token);
            if tokens.iter().any(|t| t.label == label) {
                return Err(format!("line {n}: the label '{label}' is given twice"));
            }
            if tokens.iter().any(|t| t.digest == digest) {
                return Err(format!(
                    "line {n}: this token is already given to another label"
                ));
            }
            tokens.push(Token {
                label: label.to_string(),
                digest,
                scopes: parsed,
            });
        }
        Ok(Tokens { tokens })
    }

    /// Who sent `headers`, or the 401 to answer.
    pub fn caller(&self, headers: &HeaderMap) -> Result<Caller, Denied> {
        if self.tokens.is_empty() {
            return Ok(Caller::Open);
        }
        let presented = presented_token(headers)?;
        let presented = digest(&presented);
        // Every token is compared, whatever matched before.
        let mut found: Option<&Token> = None;
        for token in &self.tokens {
            let equal: bool = token.digest.ct_eq(&presented).into();
            if equal {
                found = Some(token);
            }
        }
        match found {
            Some(token) => Ok(Caller::Token {
                label: token.label.clone(),
                scopes: token.scopes,
            }),
            None => Err(Denied::UnknownToken),
        }
    }
}

fn presented_token(headers: &HeaderMap) -> Result<String, Denied> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let value = value.to_str().map_err(|_| Denied::Malformed)?.trim();
        let (scheme, token) = value.split_once(' ').ok_or(Denied::Malformed)?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(Denied::Malformed);
        }
        let token = token.trim();
        return if token.is_empty() {
            Err(Denied::Malformed)
        } else {
            Ok(token.to_string())
        };
    }
    if let Some(value) = headers.get("x-api-key") {
        let token = value.to_str().map_err(|_| Denied::Malformed)?.trim();
        if !token.is_empty() {
            return Ok(token.to_string());
        }
    }
    Err(Denied::Missing)
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    Missing,
    Malformed,
    UnknownToken,
    /// A known token without the scope needed (403).
    Scope(&'static str),
}

impl IntoResponse for Denied {
    fn into_response(self) -> Response {
        let (status, kind, title, detail, challenge) = match self {
            Denied::Missing => (
                StatusCode::UNAUTHORIZED,
                "token-missing",
                "A token is needed",
                "This server accepts activity records only with a token: send \
                 'Authorization: Bearer <token>'. Ask the server's administrator for one."
                    .to_string(),
                "Bearer realm=\"paix-server\"",
            ),
            Denied::Malformed => (
                StatusCode::UNAUTHORIZED,
                "token-malformed",
                "The Authorization header is not a bearer token",
                "Send the token as 'Authorization: Bearer <token>' (or 'X-API-Key: <token>')."
                    .to_string(),
                "Bearer realm=\"paix-server\", error=\"invalid_request\"",
            ),
            Denied::UnknownToken => (
                StatusCode::UNAUTHORIZED,
                "token-unknown",
                "The token is not known to this server",
                "This token is not (or no longer) valid here. Check the token in the app's \
                 settings, or ask the server's administrator for a new one."
                    .to_string(),
                "Bearer realm=\"paix-server\", error=\"invalid_token\"",
            ),
            Denied::Scope(scope) => (
                StatusCode::FORBIDDEN,
                "token-scope",
                "This token may not do that",
                format!("This token lacks the '{scope}' scope for this request."),
                "Bearer realm=\"paix-server\", error=\"insufficient_scope\"",
            ),
        };
        let mut response = Problem::new(status, kind, title, detail).into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(challenge),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
# CSOs send, the M&E officer reads
osc-01   tok-osc-01-aaaaaaaaaaaa
osc-02   tok-osc-02-bbbbbbbbbbbb send
me.bamako tok-me-cccccccccccccccc read

";

    fn with(name: &'static str, value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn parses_and_matches() {
        let tokens = Tokens::parse(FILE).unwrap();
        assert_eq!(tokens.len(), 3);
        let caller = tokens
            .caller(&with("authorization", "Bearer tok-osc-02-bbbbbbbbbbbb"))
            .unwrap();
        assert_eq!(caller.label().as_deref(), Some("osc-02"));
        assert!(caller.may_send() && !caller.may_read_all());
        assert!(
            caller.may_read(Some("osc-02"))
                && !caller.may_read(Some("osc-01"))
                && !caller.may_read(None)
        );
        let reader = tokens
            .caller(&with("x-api-key", "tok-me-cccccccccccccccc"))
            .unwrap();
        assert!(!reader.may_send() && reader.may_read_all() && reader.may_read(Some("osc-01")));
        assert_eq!(
            tokens
                .caller(&with("authorization", "bearer   tok-osc-01-aaaaaaaaaaaa "))
                .unwrap()
                .label()
                .as_deref(),
            Some("osc-01")
        );
    }

    #[test]
    fn refusals() {
        let tokens = Tokens::parse(FILE).unwrap();
        assert_eq!(tokens.caller(&HeaderMap::new()), Err(Denied::Missing));
        assert_eq!(
            tokens.caller(&with("authorization", "Basic eDp5")),
            Err(Denied::Malformed)
        );
        assert_eq!(
            tokens.caller(&with("authorization", "Bearer")),
            Err(Denied::Malformed)
        );
        assert_eq!(
            tokens.caller(&with("authorization", "Bearer tok-osc-01-aaaaaaaaaaaX")),
            Err(Denied::UnknownToken)
        );
        assert_eq!(
            tokens.caller(&with("authorization", "Bearer tok-osc-01")),
            Err(Denied::UnknownToken)
        );
        // Open: any header or none.
        assert_eq!(
            Tokens::default().caller(&HeaderMap::new()),
            Ok(Caller::Open)
        );
        assert_eq!(
            Tokens::default().caller(&with("authorization", "Bearer x")),
            Ok(Caller::Open)
        );
    }

    #[test]
    fn bad_files() {
        for (text, expected) in [
            ("a", "line 1"),
            ("a b c d", "line 1"),
            ("# x\nbad/label tok-aaaaaaaaaaaaaaaa", "line 2: the label"),
            ("a short", "must be 16"),
            ("a tok-aaaaaaaaaaaaaaaa write", "unknown scope 'write'"),
            (
                "a tok-aaaaaaaaaaaaaaaa\na tok-bbbbbbbbbbbbbbbb",
                "given twice",
            ),
            (
                "a tok-aaaaaaaaaaaaaaaa\nb tok-aaaaaaaaaaaaaaaa",
                "already given",
            ),
        ] {
            let error = Tokens::parse(text).err().unwrap_or_default();
            assert!(error.contains(expected), "{text:?}: {error}");
        }
        assert!(Tokens::parse("").unwrap().is_empty());
    }
}
