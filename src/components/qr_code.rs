//! A QR code as SVG, drawn from the `qrcode` crate's modules: one path with
//! a run of dark modules per segment, on a white square with the four
//! modules of quiet zone the standard asks for. Through the document tree
//! like every drawing (no markup string), so it needs no `innerHTML` under
//! the CSP. Error correction M (15 %): a printed sheet or a tablet screen
//! photographed at an angle still reads.

use crate::doc::{el, tag, Element};
use qrcode::{Color, EcLevel, QrCode};

const QUIET: usize = 4;

/// The QR code of `text`, labelled for screen readers with `label`; `None`
/// when the text is too long for a QR code.
pub fn qr_code(text: &str, label: &str) -> Option<Element> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for y in 0..w {
        let row = &colors[y * w..(y + 1) * w];
        let mut x = 0;
        while x < w {
            if row[x] == Color::Dark {
                let start = x;
                while x < w && row[x] == Color::Dark {
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
