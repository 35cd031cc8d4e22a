use crate::doc::{el, Element};
use crate::i18n::Lang;
use crate::map::{choropleth_class, legend_breaks};

/// The choropleth's legend: "none", one swatch per class that can occur,
/// and "outside the programme".
pub fn map_legend(lang: Lang, max: usize) -> Element {
    let t = lang.t();
    let item = |class: String, label: String| {
        el("li").child(el("span").class(format!("swatch {class}"))).text(label)
    };
    let classes = legend_breaks(max).into_iter().map(|(lo, hi)| {
        let label = if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") };
        item(format!("c{}", choropleth_class(lo, max)), label)
    });
    el("div").class("legend").child(el("span").class("legend-title").text(t.map_legend_title)).child(
        el("ul")
            .child(item("c0".into(), t.map_legend_none.into()))
            .children(classes)
            .child(item("out".into(), t.map_out_of_scope.into())),
    )
}
