use crate::ctx::Ctx;
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

/// The badge when any project or CSO of the loaded data is a sample: for
/// what is computed from all of them (the map's colours, counts per region).
pub fn data_sample_mark(cx: &Ctx) -> Option<Element> {
    let ds = cx.ds;
    sample_mark(cx.lang, ds.projects.iter().any(|p| p.sample) || ds.organisations.iter().any(|o| o.sample))
}
