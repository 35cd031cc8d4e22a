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
