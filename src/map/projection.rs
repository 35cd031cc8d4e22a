//! The fixed projection from WGS84 lon/lat to the map's SVG user units.
//!
//! Equirectangular ("plate carrée") with longitudes shrunk by the cosine of
//! Mali's mean latitude, so shapes look right in the middle of the country,
//! and `y` growing downwards as SVG wants. The data's extent is fitted into a
//! `VIEW_W` × `VIEW_H` box with a margin of `MARGIN` on the longer side.

/// Western edge of the data (degrees of longitude). The simplified data
/// reaches -12.2363; the unsimplified source, -12.2392.
pub const LON_MIN: f64 = -12.2363;
/// Eastern edge of the data (degrees of longitude).
pub const LON_MAX: f64 = 4.2447;
/// Southern edge of the data (degrees of latitude).
pub const LAT_MIN: f64 = 10.1414;
/// Northern edge of the data (degrees of latitude).
pub const LAT_MAX: f64 = 24.9995;

/// Mean latitude of the extent, `(LAT_MIN + LAT_MAX) / 2`, in degrees.
pub const MEAN_LAT: f64 = (LAT_MIN + LAT_MAX) / 2.0;
/// `cos(MEAN_LAT)`, written out because `cos` is not usable in a `const`
/// (a test checks it).
pub const COS_MEAN_LAT: f64 = 0.953_346_486_712_166_4;

/// Width of the view box, in SVG user units.
pub const VIEW_W: f64 = 1000.0;
/// Height of the view box: the extent's height at [`SCALE`] plus the margins,
/// rounded up (a test checks it).
pub const VIEW_H: f64 = 947.0;
/// Empty border left around the extent (left and right exactly; top and
/// bottom get the same or a hair more, since `VIEW_H` is rounded up).
pub const MARGIN: f64 = 10.0;
/// The whole map's `viewBox` attribute.
pub const VIEWBOX: &str = "0 0 1000 947";

/// SVG units per degree of latitude (and per degree of longitude times
/// [`COS_MEAN_LAT`]).
pub const SCALE: f64 = (VIEW_W - 2.0 * MARGIN) / ((LON_MAX - LON_MIN) * COS_MEAN_LAT);

/// Vertical offset that centres the extent in `VIEW_H`.
const Y_OFFSET: f64 = (VIEW_H - (LAT_MAX - LAT_MIN) * SCALE) / 2.0;

/// Projects a WGS84 point (degrees) to view-box coordinates `(x, y)`.
///
/// Mali's extent lands inside `0..VIEW_W` × `0..VIEW_H`; points outside it
/// are projected by the same formula (and may fall outside the box).
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    let x = MARGIN + (lon - LON_MIN) * COS_MEAN_LAT * SCALE;
    let y = Y_OFFSET + (LAT_MAX - lat) * SCALE;
    (x, y)
}

#[cfg(not(target_arch = "wasm32"))]
/// Inverse of [`project`]: view-box coordinates back to `(lon, lat)`.
pub fn unproject(x: f64, y: f64) -> (f64, f64) {
    let lon = LON_MIN + (x - MARGIN) / (COS_MEAN_LAT * SCALE);
    let lat = LAT_MAX - (y - Y_OFFSET) / SCALE;
    (lon, lat)
}
