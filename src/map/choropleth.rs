//! Choropleth classes for counts per région or cercle.
//!
//! Five classes: class 0 is exactly "nothing" (count 0), classes 1 to 4 are
//! equal-width quarters of `1..=max`, `max` being the largest count on the
//! map. Class `k` (1..=4) holds the counts `c` with
//! `(k - 1) * max < 4 * c <= k * max`, so the busiest area is always class 4
//! and any non-zero count is at least class 1. The UI colours the classes
//! with CSS (e.g. `.choro-0` … `.choro-4`), so the palette stays in the
//! style sheet.

/// Number of non-empty classes (1..=4); class 0 comes on top.
pub const CLASSES: u8 = 4;

/// Class of `count` on a map whose largest count is `max`: `0` only when
/// `count == 0`, otherwise `ceil(4 * count / max)` in `1..=4` (a count above
/// `max`, or any non-zero count when `max == 0`, is class 4).
///
/// ```
/// use paix_base::map::choropleth_class;
/// assert_eq!(choropleth_class(0, 10), 0);
/// assert_eq!(choropleth_class(1, 10), 1);
/// assert_eq!(choropleth_class(5, 10), 2);
/// assert_eq!(choropleth_class(10, 10), 4);
/// ```
pub fn choropleth_class(count: usize, max: usize) -> u8 {
    if count == 0 {
        return 0;
    }
    if max == 0 || count >= max {
        return CLASSES;
    }
    let k = (u128::from(CLASSES) * count as u128).div_ceil(max as u128);
    k.clamp(1, u128::from(CLASSES)) as u8
}

/// The legend for a map whose largest count is `max`: the inclusive count
/// ranges `(lo, hi)` of classes 1 to 4, in order, leaving out the classes no
/// count can reach (when `max < 4`). The class of an entry is
/// `choropleth_class(lo, max)`. Class 0 (`0`) is not listed: show it as its
/// own swatch. Empty when `max == 0`.
///
/// ```
/// use paix_base::map::legend_breaks;
/// assert_eq!(legend_breaks(10), vec![(1, 2), (3, 5), (6, 7), (8, 10)]);
/// assert_eq!(legend_breaks(2), vec![(1, 1), (2, 2)]);
/// assert!(legend_breaks(0).is_empty());
/// ```
pub fn legend_breaks(max: usize) -> Vec<(usize, usize)> {
    let m = max as u128;
    let c = u128::from(CLASSES);
    (1..=c)
        .filter_map(|k| {
            let lo = ((k - 1) * m / c + 1) as usize;
            let hi = (k * m / c) as usize;
            (lo <= hi).then_some((lo, hi))
        })
        .collect()
}
