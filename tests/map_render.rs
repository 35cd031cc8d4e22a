//! Draws the committed shapes into an SVG to look at by eye (not run by
//! default):
//!
//! ```sh
//! MAP_CHECK_SVG=/tmp/mali-check.svg cargo test --no-default-features \
//!     --test map_render -- --ignored
//! ```
// The generator and the geometry helpers are host-only (never in the wasm).
#![cfg(not(target_arch = "wasm32"))]

use paix_base::map::{CERCLES, REGIONS, VIEWBOX};

#[test]
#[ignore = "writes an SVG for a visual check"]
fn render_check_svg() {
    let out = std::env::var("MAP_CHECK_SVG").unwrap_or_else(|_| "/tmp/mali-check.svg".into());
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{VIEWBOX}\" width=\"1000\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#cfe3f0\"/>\n"
    );
    for r in REGIONS {
        let fill = if r.in_scope { "#f3e2b3" } else { "#bbbbbb" };
        s += &format!(
            "<path d=\"{}\" fill=\"{fill}\" fill-rule=\"nonzero\" stroke=\"none\"/>\n",
            r.d
        );
    }
    for c in CERCLES {
        s += &format!(
            "<path d=\"{}\" fill=\"none\" stroke=\"#8a7a5a\" stroke-width=\"0.6\"/>\n",
            c.d
        );
    }
    for r in REGIONS {
        s += &format!(
            "<path d=\"{}\" fill=\"none\" stroke=\"#402000\" stroke-width=\"1.8\"/>\n",
            r.d
        );
    }
    for c in CERCLES {
        let (x, y) = c.label;
        s += &format!(
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"1.5\" fill=\"#555\"/>\
             <text x=\"{x}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#555\">{}</text>\n",
            y - 3.0,
            c.name
        );
    }
    for r in REGIONS {
        let (x, y) = r.label;
        s += &format!(
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"#b00\"/>\
             <text x=\"{x}\" y=\"{}\" font-size=\"18\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#b00\">{}</text>\n",
            y + 18.0,
            r.name
        );
    }
    s += "</svg>\n";
    std::fs::write(&out, s).unwrap();
    eprintln!("wrote {out}");
}
