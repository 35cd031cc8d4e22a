//! Accent-insensitive search and project filters kept in the URL.

use super::dataset::Dataset;
use super::project::{Project, Theme};
use crate::i18n::Lang;

/// Lower case for the scripts of the programme's data: ASCII, Latin-1,
/// Œ and Ÿ, and the Bambara letters Ɛ Ɔ Ɲ Ŋ. Other characters are kept as
/// they are. (The standard `char::to_lowercase` carries the whole Unicode
/// case table into the wasm bundle.)
fn fold_case(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        'Œ' => 'œ',
        'Ÿ' => 'ÿ',
        'Ɛ' => 'ɛ',
        'Ɔ' => 'ɔ',
        'Ɲ' => 'ɲ',
        'Ŋ' => 'ŋ',
        c => c,
    }
}

/// Punctuation trimmed around search words: ASCII punctuation and the
/// typographic marks of French text.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '«' | '»' | '“' | '”' | '„' | '…' | '–' | '—' | '¿' | '¡' | '·' | '\u{a0}' | '\u{202f}')
}

/// Folds text for matching: lowercase, accents removed (é→e, ç→c, œ→oe,
/// æ→ae…), typographic apostrophes → `'`, whitespace (including non-breaking
/// spaces) collapsed to single spaces and trimmed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().map(fold_case) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue; // combining accent (decomposed input)
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '`' | '´' => out.push('\''),
            c => out.push(c),
        }
    }
    out
}

/// The search words of a query: normalised, split on spaces, stripped of
/// surrounding punctuation, empty ones dropped.
pub fn tokens(query: &str) -> Vec<String> {
    normalize(query)
        .split(' ')
        .map(|t| t.trim_matches(is_punctuation))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Filters of the project list. Empty text and `None` filters match all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectQuery {
    /// Free text; every word must match (see [`filter_projects`]).
    pub text: String,
    /// Region id.
    pub region: Option<String>,
    pub theme: Option<Theme>,
    /// Organisation id (lead or partner).
    pub cso: Option<String>,
    /// The reporting pages' chosen indicator (`ind=`), for the views by
    /// region and by theme; not a filter of projects.
    pub indicator: Option<String>,
    /// The project list's page (`page=`, from 1; 0 and 1 are the first).
    pub page: usize,
}

impl ProjectQuery {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.region.is_none()
            && self.theme.is_none()
            && self.cso.is_none()
            && self.indicator.is_none()
    }

    /// URL query without the leading `?`: `q=…&region=ML05&theme=youth&cso=…`,
    /// percent-encoded (UTF-8), unset filters left out, `""` when none is set.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.text.trim().is_empty() {
            parts.push(format!("q={}", percent_encode(&self.text)));
        }
        if let Some(r) = &self.region {
            parts.push(format!("region={}", percent_encode(r)));
        }
        if let Some(t) = self.theme {
            parts.push(format!("theme={}", t.slug()));
        }
        if let Some(c) = &self.cso {
            parts.push(format!("cso={}", percent_encode(c)));
        }
        if let Some(i) = &self.indicator {
            parts.push(format!("ind={}", percent_encode(i)));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        parts.join("&")
    }

    /// `path` with this query (`/projects?q=…`), or `path` alone when none
    /// is set.
    pub fn url(&self, path: &str) -> String {
        match self.to_query_string() {
            qs if qs.is_empty() => path.to_string(),
            qs => format!("{path}?{qs}"),
        }
    }

    /// Reads already-decoded `(key, value)` pairs (as a router gives them).
    /// Keys `q`, `region`, `theme`, `cso`, `ind`, `page`; others are ignored, empty values
    /// and unknown themes mean "no filter", the last occurrence wins.
    pub fn from_query_pairs<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut q = ProjectQuery::default();
        for (k, v) in pairs {
            let v = v.as_ref();
            let id = Some(v.trim().to_string()).filter(|s| !s.is_empty());
            match k.as_ref() {
                "q" => q.text = v.to_string(),
                "region" => q.region = id,
                "theme" => q.theme = Theme::from_slug(v.trim()),
                "cso" => q.cso = id,
                "ind" => q.indicator = id,
                "page" => q.page = v.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
        q
    }

    /// Parses a raw query string (with or without the leading `?`),
    /// decoding `%XX` and `+`.
    pub fn from_query_string(qs: &str) -> Self {
        Self::from_query_pairs(query_pairs(qs))
    }
}

/// The `key=value` pairs of a query string or a URL fragment (with or
/// without its leading `?` or `#`), keys and values decoded (`%XX`, `+`).
pub(crate) fn query_pairs(qs: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let qs = qs.strip_prefix(['?', '#']).unwrap_or(qs);
    qs.split('&').filter(|p| !p.is_empty()).map(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        (percent_decode(k), percent_decode(v))
    })
}

/// Percent-encodes everything but unreserved characters.
pub(crate) fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` and `+` (lossy UTF-8).
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let pair = (bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b)));
        match (bytes[i], pair) {
            (b'+', _) => out.push(b' '),
            (b'%', (Some(hi), Some(lo))) => {
                out.push(hi * 16 + lo);
                i += 2;
            }
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// The normalised text a project is searched in: titles (both languages),
/// summary and theme label (in `lang`), lead and partner names and acronyms,
/// region, cercle and commune names.
pub fn search_text(ds: &Dataset, p: &Project, lang: Lang) -> String {
    let region = |id: &str| ds.region(id).map(|r| r.name.as_str());
    let cercle = |id: &str| ds.cercle(id).map(|(_, c)| c.name.as_str());
    text_of(p, lang, &|id| ds.organisation(id), &region, &cercle)
}

type Lookup<'a, T> = &'a dyn Fn(&str) -> Option<T>;

/// [`search_text`] with the lookups given (the index's are hash maps).
fn text_of<'a>(
    p: &'a Project,
    lang: Lang,
    org: Lookup<'_, &'a super::organisation::Organisation>,
    region: Lookup<'_, &'a str>,
    cercle: Lookup<'_, &'a str>,
) -> String {
    let mut parts: Vec<&str> = vec![&p.title.fr, &p.title.en, p.summary.get(lang), p.theme.label(lang)];
    for o in p.organisation_ids().filter_map(org) {
        parts.push(&o.name);
        if let Some(a) = &o.acronym {
            parts.push(a);
        }
    }
    parts.extend(p.regions.iter().filter_map(|id| region(id)));
    parts.extend(p.cercles.iter().filter_map(|id| cercle(id)));
    parts.extend(p.communes.iter().map(String::as_str));
    normalize(&parts.join(" "))
}

/// Every project's [`search_text`], built once per dataset and language:
/// a keystroke then only scans these texts. (Built per keystroke, with a
/// linear search of the CSOs for each project, 2,000 projects and 5,000
/// CSOs took a quarter of a second per keystroke on a slowed CPU.)
#[derive(PartialEq)]
pub struct SearchIndex {
    texts: Vec<String>,
}

impl SearchIndex {
    pub fn new(ds: &Dataset, lang: Lang) -> SearchIndex {
        use super::StrIndex;
        let orgs: StrIndex = ds.organisations.iter().enumerate().map(|(i, o)| (o.id.as_str(), i)).collect();
        let regions: StrIndex = ds.regions.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let all_cercles: Vec<&str> = ds.regions.iter().flat_map(|r| r.cercles.iter().map(|c| c.name.as_str())).collect();
        let cercles: StrIndex =
            ds.regions.iter().flat_map(|r| r.cercles.iter().map(|c| c.id.as_str())).enumerate().map(|(i, id)| (id, i)).collect();
        let texts = ds
            .projects
            .iter()
            .map(|p| {
                let (org, region, cercle) = (
                    |id: &str| orgs.get(id).map(|&i| &ds.organisations[i]),
                    |id: &str| regions.get(id).map(|&i| ds.regions[i].name.as_str()),
                    |id: &str| cercles.get(id).map(|&i| all_cercles[i]),
                );
                text_of(p, lang, &org, &region, &cercle)
            })
            .collect();
        SearchIndex { texts }
    }
}

/// Projects matching every filter of `q`, in dataset order. Text matches
/// when each of its words (accents and case ignored) occurs in the project's
/// [`search_text`].
pub fn filter_projects<'a>(ds: &'a Dataset, q: &ProjectQuery, lang: Lang) -> Vec<&'a Project> {
    if tokens(&q.text).is_empty() {
        return filter_with(ds, q, None);
    }
    filter_with(ds, q, Some(&SearchIndex::new(ds, lang)))
}

/// [`filter_projects`] with an index built beforehand (`None` only when the
/// query has no text).
pub fn filter_with<'a>(ds: &'a Dataset, q: &ProjectQuery, index: Option<&SearchIndex>) -> Vec<&'a Project> {
    let words = tokens(&q.text);
    ds.projects
        .iter()
        .enumerate()
        .filter(|(_, p)| q.region.as_ref().is_none_or(|r| p.regions.contains(r)))
        .filter(|(_, p)| q.theme.is_none_or(|t| p.theme == t))
        .filter(|(_, p)| q.cso.as_ref().is_none_or(|c| p.involves(c)))
        .filter(|(i, _)| {
            words.is_empty() || index.and_then(|x| x.texts.get(*i)).is_some_and(|hay| words.iter().all(|w| hay.contains(w.as_str())))
        })
        .map(|(_, p)| p)
        .collect()
}
