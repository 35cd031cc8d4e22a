//! A message as data: a key of the text table plus named values, turned into
//! a sentence only when shown, in the language asked for.
//!
//! Code that finds something to say (validation, parsing) builds a [`Msg`]
//! with `msg!(key)` and its [`Arg`]s; it holds no sentence in
//! any language, so adding a language touches only the text table.

use super::{fill, Lang, Texts};
use std::fmt;

/// A key of [`Texts`]: the place of its field.
///
/// Built by `msg!(key)`, so a key that does not exist does not compile.
/// Two `Msg` of the same key are equal. Held as the field's place rather
/// than its name and a reader function: the wasm then holds neither the
/// keys' names nor one small function per key (2.2 KiB brotli less).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    at: u16,
}

impl Msg {
    #[doc(hidden)]
    pub const fn new(at: usize) -> Msg {
        assert!(at < Texts::N);
        Msg { at: at as u16 }
    }

    /// The key's name, e.g. `v_dup_id`. On the host only (tests and
    /// tools): the wasm holds no table of names.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn key(self) -> &'static str {
        super::KEYS[usize::from(self.at)].0
    }

    /// The template in `lang`, placeholders unfilled.
    pub fn template(self, lang: Lang) -> &'static str {
        lang.t().at(usize::from(self.at))
    }
}

impl fmt::Debug for Msg {
    #[cfg(not(target_arch = "wasm32"))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }

    #[cfg(target_arch = "wasm32")]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.at)
    }
}

/// `msg!(key)`: the [`Msg`] of a field of [`Texts`], a constant.
macro_rules! msg {
    ($key:ident) => {{
        const M: $crate::i18n::Msg = $crate::i18n::Msg::new(
            ::std::mem::offset_of!($crate::i18n::Texts, $key) / ::std::mem::size_of::<&str>(),
        );
        M
    }};
}
pub(crate) use msg;

/// A value filled into a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as is in every language (an id, a number, a date, a path).
    Text(String),
    /// A word or phrase of the text table, with its own values (often none).
    Word(Msg, Vec<(&'static str, String)>),
}

impl Arg {
    /// Any displayable value, as text.
    pub fn text(v: &dyn fmt::Display) -> Arg {
        Arg::Text(v.to_string())
    }

    /// A word of the table without values.
    pub fn word(m: Msg) -> Arg {
        Arg::Word(m, Vec::new())
    }

    /// The value in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(s) => s.clone(),
            Arg::Word(m, values) => render(*m, values, lang),
        }
    }
}

/// `m` in `lang` with its `{name}` placeholders filled.
pub fn render(m: Msg, values: &[(&'static str, String)], lang: Lang) -> String {
    let refs: Vec<(&str, &dyn fmt::Display)> = values
        .iter()
        .map(|(n, v)| (*n, v as &dyn fmt::Display))
        .collect();
    fill(m.template(lang), &refs)
}

/// `m` in `lang`, each argument rendered in `lang` first.
pub fn render_args(m: Msg, args: &[(&'static str, Arg)], lang: Lang) -> String {
    let values: Vec<(&'static str, String)> =
        args.iter().map(|(n, a)| (*n, a.render(lang))).collect();
    render(m, &values, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::KEYS;

    /// The messages of issue 9 (keys `v_…`): French puts a no-break space
    /// (U+00A0, or the narrow U+202F) before `: ; ! ?` and inside « »,
    /// never a plain space; English has no space before `:`.
    #[test]
    fn validation_messages_follow_each_language_typography() {
        const NB: [char; 2] = ['\u{a0}', '\u{202f}'];
        let mut n = 0;
        for (key, fr, en) in KEYS.iter().filter(|(k, _, _)| k.starts_with("v_")) {
            n += 1;
            let chars: Vec<char> = fr.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1).copied();
                if matches!(c, ':' | ';' | '!' | '?' | '»') {
                    assert!(before.is_some_and(|b| NB.contains(&b)), "{key}: no no-break space before {c:?} in {fr:?}");
                }
                if c == '«' {
                    assert!(after.is_some_and(|a| NB.contains(&a)), "{key}: no no-break space after « in {fr:?}");
                }
                if c == ' ' {
                    assert!(!after.is_some_and(|a| matches!(a, ':' | ';' | '!' | '?' | '»')), "{key}: plain space in {fr:?}");
                }
            }
            for s in [" :", "\u{a0}:", "\u{202f}:"] {
                assert!(!en.contains(s), "{key}: space before a colon in English {en:?}");
            }
            assert!(!en.contains(NB), "{key}: no-break space in English {en:?}");
        }
        assert!(n >= 70, "only {n} validation messages");
    }

    #[test]
    fn msg_compares_by_key_and_renders_args() {
        assert_eq!(msg!(v_dup_id), msg!(v_dup_id));
        assert_ne!(msg!(v_dup_id), msg!(v_repeated));
        assert_eq!(format!("{:?}", msg!(v_dup_id)), "v_dup_id");
        let args = [("id", Arg::Text("p1".into())), ("first", Arg::Text("projects[0].id".into()))];
        assert_eq!(render_args(msg!(v_dup_id), &args, Lang::En), "id “p1” already used (projects[0].id)");
        assert_eq!(
            render_args(msg!(v_dup_id), &args, Lang::Fr),
            "identifiant «\u{a0}p1\u{a0}» déjà utilisé (projects[0].id)"
        );
        let w = Arg::Word(msg!(v_w_struct), vec![("v", "Text".into())]);
        assert_eq!((w.render(Lang::Fr), w.render(Lang::En)), ("un objet Text".into(), "a Text object".into()));
    }
}
