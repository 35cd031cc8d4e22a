use crate::doc::{el, Element};
use crate::i18n::Lang;

/// The « Données d'exemple / Sample data » mark shown on every sample record.
pub fn sample_badge(lang: Lang) -> Element {
    el("span").class("badge sample").text(lang.t().sample_badge)
}

/// The badge when `sample` is true.
pub fn sample_mark(lang: Lang, sample: bool) -> Option<Element> {
    sample.then(|| sample_badge(lang))
}
