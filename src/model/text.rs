//! Bilingual text and the enums that carry French and English labels.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A text in French and English.
///
/// `translated` says which language is a translation of the other (for
/// texts whose official wording exists in one language only, such as the
/// programme's global objective). Absent: both are equally authoritative.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    pub fr: String,
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated: Option<Lang>,
}

impl Text {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Text { fr: fr.into(), en: en.into(), translated: None }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.fr, &self.en)
    }

    /// True when the `lang` version is a translation, not the source wording.
    pub fn is_translation(&self, lang: Lang) -> bool {
        self.translated == Some(lang)
    }
}

/// Declares a closed enum whose variants have a stable JSON/URL slug and a
/// French and English label: `ALL`, `slug()`, `from_slug()`, `label(lang)`.
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $slug:literal, $fr:literal, $en:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $slug)] $variant, )*
        }

        impl $crate::model::read::Read for $name {
            fn read(r: &mut $crate::model::read::Reader) -> $crate::model::read::Res<Self> {
                $crate::model::read::labelled(r, &[$($slug),*], Self::ALL)
            }
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable identifier used in JSON and URLs.
            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug,)* }
            }

            /// Parses a slug (as written by [`Self::slug`]).
            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some($name::$variant),)* _ => None }
            }

            /// The human label in `lang`.
            pub fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                match self { $($name::$variant => lang.pick($fr, $en),)* }
            }
        }
    };
}
pub(crate) use labelled_enum;

/// The first character of `text` that has no place in a shown text, if
/// any: a control character (C0, DEL, C1) other than the line breaks and
/// tabs a `multiline` text may hold, or a bidirectional embedding,
/// override or isolate (U+202A–U+202E, U+2066–U+2069), which makes a text
/// read in another order than it is stored (a name that shows as another
/// name). The marks U+200E and U+200F, which Arabic-script names may need,
/// are allowed.
pub fn forbidden_char(text: &str, multiline: bool) -> Option<char> {
    text.chars().find(|&c| forbidden(c, multiline))
}

pub(crate) fn forbidden(c: char, multiline: bool) -> bool {
    let line = matches!(c, '\n' | '\r' | '\t');
    (c.is_control() && !(multiline && line)) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The text without the characters [`forbidden_char`] refuses, for a label
/// the user cannot see them in (a profile's name, pasted from a contact).
pub fn without_forbidden(text: &str, multiline: bool) -> String {
    text.chars().filter(|&c| !forbidden(c, multiline)).collect()
}

/// `U+202E`: how a message names a character the user cannot see.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}
