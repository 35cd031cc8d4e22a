//! Map of Mali: projection, SVG path data and pure helpers (no leptos, no
//! web-sys, no JSON at run time).
//!
//! # Data
//!
//! `data/geo/regions.geojson` (10 régions, the district of Bamako counted as
//! one) and `data/geo/cercles.geojson` (53 cercles), from the DNCT Mali /
//! OCHA COD-AB for Mali, CC BY-IGO 3.0: the credit line in
//! `data/geo/ATTRIBUTION.md` must be shown in the app. Kidal (ML08) and
//! Bamako (ML09) have `in_scope == false` (drawn greyed).
//!
//! # Projection at build time, not in the browser
//!
//! [`project`] is a fixed equirectangular projection (longitudes times
//! cos 17.57°, y down) into the view box [`VIEWBOX`] (`VIEW_W` × `VIEW_H`).
//! [`generate::generate`] projects the GeoJSON once and writes Rust source,
//! committed as `src/map/generated.rs`: the statics [`REGIONS`] and
//! [`CERCLES`] with ready-to-use SVG path strings, label points and bounding
//! boxes. The browser only sets `d` attributes.
//!
//! To regenerate after changing the data or the generator:
//!
//! ```sh
//! UPDATE_MAP=1 cargo test --no-default-features --test map_generated
//! ```
//!
//! Without `UPDATE_MAP` the same test fails when the committed file differs
//! from a fresh generation, and checks the size budget.
//!
//! # Path data
//!
//! The outlines are first simplified, shared borders alike
//! ([`simplify`]: within [`generate::TOLERANCE`], one unit, about 6 km).
//! Coordinates are rounded to whole units (0.1 unit for a région under
//! [`generate::SMALL`] units across and its cercles: Bamako), then written
//! as relative `m`/`l` pairs with minimal separators. Every ring is its own subpath ending in
//! `z`; outer rings run counter-clockwise on screen and holes clockwise, so
//! Koulikoro's hole (where Bamako sits) stays empty under `fill-rule`
//! `nonzero` as well as `evenodd`. Régions and cercles share their boundary
//! vertices exactly, so cercles drawn over their région nest without gaps.
//! [`parse_path`] reads the format back; [`point_in_path`] and
//! [`region_at`] do hit tests on it.
//!
//! # Choropleth
//!
//! [`choropleth_class`] and [`legend_breaks`]: five classes, 0 for "none"
//! and four equal-width quarters up to the largest count; the colours are
//! CSS.

pub mod choropleth;
// Build-time generator and hit tests: host only, never in the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;
#[cfg(not(target_arch = "wasm32"))]
pub mod path;
#[cfg(not(target_arch = "wasm32"))]
pub mod simplify;
pub mod projection;

#[rustfmt::skip]
mod generated;

pub use choropleth::{choropleth_class, legend_breaks};
pub use generated::{CERCLES, REGIONS};
#[cfg(not(target_arch = "wasm32"))]
pub use path::{parse_path, point_in_path};
pub use projection::{project, VIEWBOX, VIEW_H, VIEW_W};
#[cfg(not(target_arch = "wasm32"))]
pub use projection::unproject;

/// A région (admin level 1) ready to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegionShape {
    /// OCHA P-code, `ML01` … `ML10` (not the ISO 3166-2 code).
    pub pcode: &'static str,
    /// French name with accents (`Ségou`, `Ménaka`).
    pub name: &'static str,
    /// `false` for Kidal and Bamako, which the app shows greyed.
    pub in_scope: bool,
    /// SVG path data in view-box units.
    pub d: &'static str,
    /// A point well inside the shape (pole of inaccessibility) for the name.
    /// Bamako is tiny: put its name outside with a leader line to this point.
    pub label: (f64, f64),
    /// Bounding box `(x0, y0, x1, y1)` in view-box units.
    pub bbox: (f64, f64, f64, f64),
}

/// A cercle (admin level 2) ready to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CercleShape {
    /// OCHA P-code, `ML0101` …; its first four characters are the région's.
    pub pcode: &'static str,
    /// French name with accents.
    pub name: &'static str,
    /// P-code of the région it belongs to.
    pub region_pcode: &'static str,
    /// SVG path data in view-box units.
    pub d: &'static str,
    /// A point well inside the shape (pole of inaccessibility).
    pub label: (f64, f64),
}

/// The région with this P-code (`"ML05"`).
pub fn region(pcode: &str) -> Option<&'static RegionShape> {
    REGIONS.iter().find(|r| r.pcode == pcode)
}

/// The cercle with this P-code (`"ML0506"`).
pub fn cercle(pcode: &str) -> Option<&'static CercleShape> {
    CERCLES.iter().find(|c| c.pcode == pcode)
}

/// The cercles of a région, in P-code order (none for an unknown P-code).
pub fn cercles_of(region_pcode: &str) -> impl Iterator<Item = &'static CercleShape> + '_ {
    CERCLES
        .iter()
        .filter(move |c| c.region_pcode == region_pcode)
}

#[cfg(not(target_arch = "wasm32"))]
/// The région containing a WGS84 point, if any. A point in Bamako gives
/// Bamako: Koulikoro's path has a hole there.
pub fn region_at(lon: f64, lat: f64) -> Option<&'static RegionShape> {
    let (x, y) = project(lon, lat);
    REGIONS.iter().find(|r| {
        let (x0, y0, x1, y1) = r.bbox;
        (x0..=x1).contains(&x) && (y0..=y1).contains(&y) && point_in_path(r.d, x, y)
    })
}

#[cfg(not(target_arch = "wasm32"))]
/// The cercle containing a WGS84 point, if any.
pub fn cercle_at(lon: f64, lat: f64) -> Option<&'static CercleShape> {
    let r = region_at(lon, lat)?;
    let (x, y) = project(lon, lat);
    cercles_of(r.pcode).find(|c| point_in_path(c.d, x, y))
}

/// `viewBox` for drawing one région with its cercles: its bounding box
/// widened by 5 % of its larger side (at least 1 unit) on every side. The
/// whole map's [`VIEWBOX`] for an unknown P-code.
pub fn region_view_box(pcode: &str) -> String {
    let Some(r) = region(pcode) else {
        return VIEWBOX.to_owned();
    };
    let (x0, y0, x1, y1) = r.bbox;
    let m = ((x1 - x0).max(y1 - y0) * 0.05).max(1.0);
    format!(
        "{} {} {} {}",
        short(x0 - m),
        short(y0 - m),
        short(x1 - x0 + 2.0 * m),
        short(y1 - y0 + 2.0 * m)
    )
}

/// A number rounded to 0.1 and written without a useless `.0`.
fn short(v: f64) -> String {
    let t = (v * 10.0).round() as i64;
    if t % 10 == 0 {
        format!("{}", t / 10)
    } else {
        format!(
            "{}{}.{}",
            if t < 0 { "-" } else { "" },
            (t / 10).abs(),
            (t % 10).abs()
        )
    }
}
