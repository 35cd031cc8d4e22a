//! Which text from loaded data may become a link, and to what.
//!
//! A dataset may come from a compromised server. Its addresses become
//! links only with the schemes a reader expects (`https:`, `http:`,
//! `mailto:`, `tel:`); anything else (`javascript:`, `data:`, `file:`,
//! `blob:`…) stays text. An address with a space or an invisible
//! character is text too: what is shown is exactly where the link goes.

use super::text::forbidden_char;

/// A web address that may be a link: `http(s)://` and a host, nothing
/// invisible, no space, no credentials (`https://bank@evil.example`).
pub fn web_href(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let plain = !url.contains(char::is_whitespace) && forbidden_char(url, false).is_none();
    (plain && !host.is_empty() && !host.contains('@') && !host.contains('\\')).then(|| url.to_string())
}

/// A `mailto:` link for an e-mail address: one `@` with text on both sides,
/// no space, nothing that would add headers or recipients (`?`, `,`, `;`).
pub fn mail_href(email: &str) -> Option<String> {
    let email = email.trim();
    let (local, domain) = email.split_once('@')?;
    let bad = |c: char| c.is_whitespace() || matches!(c, '?' | ',' | ';' | '@' | '<' | '>' | '"' | '/' | '\\' | ':');
    let ok = !local.is_empty() && domain.contains('.') && !local.chars().chain(domain.chars()).any(bad) && forbidden_char(email, false).is_none();
    ok.then(|| format!("mailto:{email}"))
}

/// A `tel:` link for a phone number: its digits, with a leading `+` when
/// written; none when fewer than 3 or more than 20 digits.
pub fn tel_href(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let plus = if phone.trim_start().starts_with('+') { "+" } else { "" };
    (3..=20).contains(&digits.len()).then(|| format!("tel:{plus}{digits}"))
}
