//! The static first paint: what `index.html` shows before the wasm has
//! arrived and read the data. Written into the built page by the
//! `first-paint` program (`src/bin/first_paint.rs`, a Trunk hook) from the
//! embedded data, with the same page functions the app draws, so that on a
//! slow line the home page and its map are on screen from the HTML alone.
//!
//! Both languages are in it (the style sheet shows the one `<html lang>`
//! names, set from the stored choice by the page's first script); the home
//! page shows on `/` while the device holds no other data than the embedded
//! one (`html.fp`), a « Chargement… » line elsewhere. The app, mounted
//! hidden behind it, removes it once its data is read: the same page in the
//! same place, so nothing moves. A start from the device's cache gets the
//! page without these home sections (the service worker cuts them, see
//! `light()` in `public/sw.js`): there the app comes at once.

use crate::components::mali_map::{mali_map, Metric};
use crate::components::site_header::site_header;
use crate::ctx::Ctx;
use crate::doc::{el, Element, Node};
use crate::i18n::Lang;
use crate::model::Dataset;
use crate::pages::home;

/// A part the app draws through its document view (`<div class="doc">`).
fn doc(node: impl Into<Node>) -> Element {
    el("div").class("doc").child(node)
}

/// The home page as the app's `Home` view lays it out when it starts: the
/// projects on the map, no region chosen, the region list closed.
pub fn home_page(cx: &Ctx) -> Element {
    el("section")
        .class("page home")
        .child(doc(home::top(cx)))
        .child(
            el("div")
                .class("map-layout")
                .child(doc(mali_map(cx, Metric::Projects)))
                .child(
                    el("aside")
                        .class("side")
                        .child(el("div").class("summary").child(doc(home::summary(cx, None))))
                        .child(doc(home::region_list_alt(cx, false))),
                ),
        )
        .child(doc(home::details(cx)))
}

/// The placeholder shown until the data is read: in the first paint, and
/// by the app itself while it reads the stored data (`class` « page » there).
pub fn loading(lang: Lang, class: &'static str) -> Element {
    el("section")
        .class(class)
        .child(el("p").class("lead").text(lang.t().boot_lead))
        .child(el("p").class("skeleton").text(lang.t().loading))
}

/// The whole `<div id="boot">`: per language, the header, the home page and
/// the loading line, each inert ([`Element::inert`]) and marked `data-lang`
/// for the style sheet.
pub fn boot(ds: &Dataset) -> Node {
    let mut header = el("header").class("top");
    let mut main = el("main");
    for lang in [Lang::Fr, Lang::En] {
        let cx = Ctx::new(ds, lang);
        let mark = |e: Element| e.inert().attr("data-lang", lang.code());
        header = header.child(mark(doc(site_header(lang, "/", None, 0, None, false))));
        main = main.child(mark(home_page(&cx))).child(mark(loading(lang, "page loading")));
    }
    el("div").attr("id", "boot").attr("aria-busy", "true").child(header).child(main).into()
}
