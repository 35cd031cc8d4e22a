//! A QR code as SVG, drawn from the modules of [`crate::qr`]: one path with
//! a run of dark modules per segment, on a white square with the four
//! modules of quiet zone the standard asks for. Through the document tree
//! like every drawing (no markup string), so it needs no `innerHTML` under
//! the CSP. Error correction M (15 %): a printed sheet or a tablet screen
//! photographed at an angle still reads.

use crate::doc::{el, tag, Element};

const QUIET: usize = 4;

/// The QR code of `text`, labelled for screen readers with `label`; `None`
/// when the text is too long for a QR code.
pub fn qr_code(text: &str, label: &str) -> Option<Element> {
    let code = crate::qr::encode(text.as_bytes())?;
    let w = code.width;
    let mut d = String::new();
    for y in 0..w {
        let mut x = 0;
        while x < w {
            if code.dark(x, y) {
                let start = x;
                while x < w && code.dark(x, y) {
                    x += 1;
                }
                d.push_str(&format!("M{} {}h{}v1h-{}z", start + QUIET, y + QUIET, x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    let size = (w + 2 * QUIET).to_string();
    Some(
        tag("svg", &[("class", "qr"), ("viewBox", &format!("0 0 {size} {size}")), ("role", "img"), ("aria-label", label)])
            .attr("shape-rendering", "crispEdges")
            .child(tag("rect", &[("width", &size), ("height", &size), ("fill", "#fff")]))
            .child(el("path").attr("d", d).attr("fill", "#000")),
    )
}
