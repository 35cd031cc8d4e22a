//! Simplification of outlines that share their borders (build time).
//!
//! Each outline is cut into arcs where it meets more than one neighbour (a
//! vertex with more than two distinct neighbours over all the rings), and
//! each arc is simplified once (Douglas–Peucker, in view-box units), the
//! same way whichever ring walks it and in whichever direction. Two rings
//! that shared a border still share it, vertex for vertex: cercles still
//! tile their région, neighbours neither overlap nor leave a gap.
//!
//! The rings come in `(lon, lat)` (the data's own, exact values, so a
//! shared vertex is the same pair of floats in every ring) and are measured
//! projected ([`super::projection::project`]).

use super::projection::project;
use std::collections::{BTreeSet, HashMap};

/// A ring as the data has it: `(lon, lat)` points, closed or not.
pub type LonLatRing = Vec<(f64, f64)>;

type Key = (u64, u64);

fn key(p: (f64, f64)) -> Key {
    (p.0.to_bits(), p.1.to_bits())
}

/// Simplifies every ring of `rings` in place, each ring's points kept
/// within its `tolerance` (view-box units) of its outline. Where rings of
/// different tolerances share an arc, the arc takes the smallest. A ring
/// keeps its first point's closing copy if it had one.
pub fn simplify_shared(rings: &mut [LonLatRing], tolerance: &[f64]) {
    assert_eq!(rings.len(), tolerance.len());
    let open: Vec<Vec<(f64, f64)>> = rings.iter().map(|r| without_closing(r)).collect();
    let mut neighbours: HashMap<Key, BTreeSet<Key>> = HashMap::new();
    let mut tol: HashMap<Key, f64> = HashMap::new();
    for (r, t) in open.iter().zip(tolerance) {
        let n = r.len();
        for i in 0..n {
            let set = neighbours.entry(key(r[i])).or_default();
            for j in [(i + n - 1) % n, (i + 1) % n] {
                if r[j] != r[i] {
                    set.insert(key(r[j]));
                }
            }
            let e = tol.entry(key(r[i])).or_insert(*t);
            *e = e.min(*t);
        }
    }
    for (ring, r) in rings.iter_mut().zip(&open) {
        if r.len() < 4 {
            continue;
        }
        let closed = ring.len() > 1 && ring.first() == ring.last();
        let mut fixed: Vec<usize> = (0..r.len()).filter(|&i| neighbours[&key(r[i])].len() != 2).collect();
        if fixed.is_empty() {
            fixed = loop_ends(r);
        }
        let mut keep = vec![false; r.len()];
        for (a, &from) in fixed.iter().enumerate() {
            let to = fixed[(a + 1) % fixed.len()];
            let arc: Vec<usize> = if to > from {
                (from..=to).collect()
            } else {
                (from..r.len()).chain(0..=to).collect()
            };
            for i in arc_kept(r, &arc, &tol) {
                keep[i] = true;
            }
        }
        let mut out: Vec<(f64, f64)> = r.iter().zip(&keep).filter(|(_, k)| **k).map(|(p, _)| *p).collect();
        if closed {
            out.push(out[0]);
        }
        *ring = out;
    }
}

fn without_closing(r: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut v = r.to_vec();
    while v.len() > 1 && v.first() == v.last() {
        v.pop();
    }
    v
}

/// Where a ring that meets no other ring, or shares all of itself with
/// one, is cut: at its smallest point (by coordinates) and at the point
/// farthest from it; the same two whichever ring it is and wherever it
/// starts.
fn loop_ends(r: &[(f64, f64)]) -> Vec<usize> {
    let first = (0..r.len()).min_by(|&a, &b| cmp(r[a], r[b])).unwrap_or(0);
    let d = |i: usize| {
        let ((x0, y0), (x1, y1)) = (project(r[first].0, r[first].1), project(r[i].0, r[i].1));
        (x1 - x0).hypot(y1 - y0)
    };
    let far = (0..r.len()).max_by(|&a, &b| d(a).total_cmp(&d(b)).then_with(|| cmp(r[b], r[a]))).unwrap_or(0);
    let mut v = vec![first, far];
    v.sort_unstable();
    v.dedup();
    v
}

fn cmp(a: (f64, f64), b: (f64, f64)) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))
}

/// The indexes (into `r`) of the arc's points kept: its two ends, and what
/// Douglas–Peucker keeps of the rest, run over the arc in the direction of
/// its smaller end so that the same arc walked the other way keeps the same
/// points.
fn arc_kept(r: &[(f64, f64)], arc: &[usize], tol: &HashMap<Key, f64>) -> Vec<usize> {
    let ordered = canonical(r, arc);
    let pts: Vec<(f64, f64)> = ordered.iter().map(|&i| project(r[i].0, r[i].1)).collect();
    let t = ordered[1..ordered.len().saturating_sub(1)].iter().map(|&i| tol[&key(r[i])]).fold(f64::INFINITY, f64::min);
    douglas_peucker(&pts, t).into_iter().map(|k| ordered[k]).collect()
}

/// The arc (indexes into `r`) from its smaller end (by coordinates; for a
/// loop, toward its smaller second point): the same arc walked either way
/// is read the same way, so Douglas–Peucker breaks its ties alike.
fn canonical(r: &[(f64, f64)], arc: &[usize]) -> Vec<usize> {
    let (first, last) = (r[arc[0]], r[arc[arc.len() - 1]]);
    let forward = match cmp(first, last) {
        std::cmp::Ordering::Equal => arc.len() < 3 || cmp(r[arc[1]], r[arc[arc.len() - 2]]).is_le(),
        o => o.is_lt(),
    };
    if forward {
        arc.to_vec()
    } else {
        arc.iter().rev().copied().collect()
    }
}

/// Indexes of the points Douglas–Peucker keeps of the polyline `pts`
/// within `tolerance`: the ends, and each point farthest from the chord of
/// its span while that distance exceeds the tolerance (the first such
/// point on a tie).
fn douglas_peucker(pts: &[(f64, f64)], tolerance: f64) -> Vec<usize> {
    let n = pts.len();
    if n <= 2 {
        return (0..n).collect();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut spans = vec![(0, n - 1)];
    while let Some((a, b)) = spans.pop() {
        let ((ax, ay), (bx, by)) = (pts[a], pts[b]);
        let (dx, dy) = (bx - ax, by - ay);
        let len = dx.hypot(dy);
        let dist = |(px, py): (f64, f64)| {
            if len == 0.0 {
                (px - ax).hypot(py - ay)
            } else {
                (dy * (px - ax) - dx * (py - ay)).abs() / len
            }
        };
        let mut best = (0.0, 0);
        for (k, &p) in pts.iter().enumerate().take(b).skip(a + 1) {
            let d = dist(p);
            if d > best.0 {
                best = (d, k);
            }
        }
        if best.0 > tolerance {
            keep[best.1] = true;
            spans.push((a, best.1));
            spans.push((best.1, b));
        }
    }
    (0..n).filter(|&i| keep[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two squares side by side, sharing the wiggly border x = 1, each
    /// given in its own direction and from its own start.
    fn squares() -> Vec<LonLatRing> {
        let left = vec![(0.0, 0.0), (1.0, 0.0), (1.0, 0.25), (1.000_01, 0.5), (1.0, 0.75), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)];
        let right = vec![(1.0, 0.75), (1.000_01, 0.5), (1.0, 0.25), (1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 0.75)];
        vec![left, right]
    }

    #[test]
    fn a_shared_border_is_simplified_alike_in_both_rings() {
        let mut rings = squares();
        simplify_shared(&mut rings, &[1.0, 1.0]);
        let border = |r: &LonLatRing| -> BTreeSet<Key> { r.iter().filter(|p| p.0 >= 0.999 && p.0 <= 1.001).map(|&p| key(p)).collect() };
        assert_eq!(border(&rings[0]), border(&rings[1]));
        // The wiggle (far under a unit) is gone from both; the corners
        // where three edges meet stay.
        assert!(!rings[0].contains(&(1.000_01, 0.5)) && !rings[1].contains(&(1.000_01, 0.5)), "{rings:?}");
        assert!(rings[0].contains(&(1.0, 0.0)) && rings[0].contains(&(1.0, 1.0)));
        assert_eq!(rings[0].first(), rings[0].last(), "still closed");
        // With a tolerance under the wiggle, nothing moves.
        let mut kept = squares();
        simplify_shared(&mut kept, &[1e-9, 1e-9]);
        assert_eq!(kept, squares());
    }

    #[test]
    fn an_arc_shared_by_rings_of_two_tolerances_takes_the_smaller() {
        let mut rings = squares();
        simplify_shared(&mut rings, &[1.0, 1e-9]);
        assert!(rings[0].contains(&(1.000_01, 0.5)) && rings[1].contains(&(1.000_01, 0.5)));
    }

    #[test]
    fn a_ring_given_whole_twice_from_two_starts_gives_the_same_outline() {
        // A circle of about 190 units, its points 0.12 unit off in turn.
        let ring: Vec<(f64, f64)> = (0..200).map(|i| {
            let a = f64::from(i) * std::f64::consts::TAU / 200.0;
            let r = if i % 2 == 0 { 3.0 } else { 3.002 };
            (-2.0 + r * a.cos(), 17.0 + r * a.sin())
        }).collect();
        let mut other = ring.clone();
        other.rotate_left(13);
        other.reverse();
        let mut rings = vec![ring, other];
        simplify_shared(&mut rings, &[0.5, 0.5]);
        let set = |r: &LonLatRing| -> BTreeSet<Key> { r.iter().map(|&p| key(p)).collect() };
        assert_eq!(set(&rings[0]), set(&rings[1]));
        assert!(rings[0].len() < 80 && rings[0].len() >= 3, "{}", rings[0].len());
    }

    #[test]
    fn an_arc_is_read_the_same_way_whichever_way_it_is_walked() {
        let r = [(3.0, 1.0), (2.0, 5.0), (1.0, 1.0), (2.0, 0.0)];
        let points = |arc: &[usize]| -> Vec<(f64, f64)> { canonical(&r, arc).into_iter().map(|i| r[i]).collect() };
        assert_eq!(points(&[0, 1, 2]), points(&[2, 1, 0]));
        assert_eq!(points(&[0, 1, 2]), vec![(1.0, 1.0), (2.0, 5.0), (3.0, 1.0)]);
        // A loop: toward its smaller second point.
        assert_eq!(points(&[0, 1, 2, 3, 0]), points(&[0, 3, 2, 1, 0]));
        assert_eq!(points(&[0, 1, 2, 3, 0])[1], (2.0, 0.0));
    }

    #[test]
    fn douglas_peucker_keeps_what_stands_out() {
        let pts = [(0.0, 0.0), (1.0, 0.1), (2.0, 1.0), (3.0, 0.1), (4.0, 0.0)];
        assert_eq!(douglas_peucker(&pts, 0.5), vec![0, 2, 4]);
        assert_eq!(douglas_peucker(&pts, 0.3), vec![0, 1, 2, 3, 4]);
        assert_eq!(douglas_peucker(&pts[..2], 10.0), vec![0, 1]);
    }
}
