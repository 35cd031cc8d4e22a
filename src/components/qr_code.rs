//! A QR code as SVG, drawn from the `qrcode` crate's modules: one path with
//! a run of dark modules per segment, on a white square with the four
//! modules of quiet zone the standard asks for. Through the document tree
//! like every drawing (no markup string), so it needs no `innerHTML` under
//! the CSP. Error correction M (15 %): a printed sheet or a tablet screen
//! photographed at an angle still reads.

use crate::doc::{el, tag, Element};
use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};

const QUIET: usize = 4;

/// `data` in byte mode, in the smallest version that holds it. The crate's
/// own `QrCode::with_error_correction_level` also tries numeric and
/// alphanumeric segments, whose optimiser cost 3.2 KB of raw wasm (1.3 KB
/// brotli): a link is mostly lower-case letters, which only byte mode
/// holds, so byte mode costs it at most a few bits.
fn encode(data: &[u8]) -> Option<QrCode> {
    (1..=40).find_map(|v| {
        let mut bits = Bits::new(Version::Normal(v));
        bits.push_byte_data(data).ok()?;
        bits.push_terminator(EcLevel::M).ok()?;
        QrCode::with_bits(bits, EcLevel::M).ok()
    })
}

/// The QR code of `text`, labelled for screen readers with `label`; `None`
/// when the text is too long for a QR code.
pub fn qr_code(text: &str, label: &str) -> Option<Element> {
    let code = encode(text.as_bytes())?;
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
