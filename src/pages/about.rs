use crate::ctx::Ctx;
use crate::doc::{el, Node};

/// Programme, funder and partners, sample-data notice, map attribution
/// (anchor `#map-attribution`), licence.
pub fn page(cx: &Ctx) -> Node {
    let t = cx.t();
    let section = |id: &str, title: &str, body: &str| {
        el("section")
            .child(el("h2").attr("id", id).text(title))
            .child(el("p").text(body))
    };
    el("section")
        .class("page about")
        .child(el("h1").text(t.about_title))
        .child(section("programme", t.about_programme_title, t.about_programme))
        .child(section("sample-data", t.about_sample_title, t.about_sample))
        .child(section("map-attribution", t.about_map_title, t.about_map))
        .child(section("licence", t.about_licence_title, t.about_licence))
        .into()
}
