//! Reading the compact SVG path data back, and plane geometry on rings.

/// A closed ring of absolute points; the closing point is implicit (the last
/// point is *not* a copy of the first).
pub type Ring = Vec<(f64, f64)>;

/// Parses SVG path data into absolute rings, one per subpath.
///
/// Understands the straight-line commands `M m L l H h V v Z z` with the full
/// SVG number syntax (signs and a second `.` start a new number, so
/// `l1.5.5-2` is `l 1.5 0.5 -2 …`), implicit repeated commands (pairs after
/// `m` are relative line-tos, after `M` absolute ones) and the rule that a
/// moveto after `z` is relative to the start of the subpath just closed.
/// That is everything [`super::generate`] writes. Parsing stops quietly at
/// anything else (curves, malformed numbers) and returns the rings read so
/// far. A duplicated closing point is dropped.
pub fn parse_path(d: &str) -> Vec<Ring> {
    let b = d.as_bytes();
    let mut i = 0;
    let mut rings: Vec<Ring> = Vec::new();
    let mut ring: Ring = Vec::new();
    let mut cur = (0.0_f64, 0.0_f64);
    let mut start = cur;
    let mut cmd: Option<u8> = None;

    fn finish(ring: &mut Ring, rings: &mut Vec<Ring>) {
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        if !ring.is_empty() {
            rings.push(std::mem::take(ring));
        }
    }

    loop {
        skip_separators(b, &mut i);
        if i >= b.len() {
            break;
        }
        let c = b[i];
        if c.is_ascii_alphabetic() {
            i += 1;
            match c {
                b'Z' | b'z' => {
                    finish(&mut ring, &mut rings);
                    cur = start;
                    cmd = Some(c);
                }
                b'M' | b'm' | b'L' | b'l' | b'H' | b'h' | b'V' | b'v' => cmd = Some(c),
                _ => break,
            }
            continue;
        }
        let Some(c) = cmd else { break };
        match c {
            b'M' | b'm' | b'L' | b'l' => {
                let (Some(x), Some(y)) = (number(b, &mut i), number(b, &mut i)) else {
                    break;
                };
                let p = if c.is_ascii_lowercase() {
                    (cur.0 + x, cur.1 + y)
                } else {
                    (x, y)
                };
                if c == b'M' || c == b'm' {
                    finish(&mut ring, &mut rings);
                    start = p;
                    // Further pairs are line-tos of the same kind.
                    cmd = Some(if c == b'M' { b'L' } else { b'l' });
                } else if ring.is_empty() {
                    // A line-to right after `z` starts at the closed subpath's start.
                    ring.push(cur);
                    start = cur;
                }
                ring.push(p);
                cur = p;
            }
            b'H' | b'h' | b'V' | b'v' => {
                let Some(v) = number(b, &mut i) else { break };
                let p = match c {
                    b'H' => (v, cur.1),
                    b'h' => (cur.0 + v, cur.1),
                    b'V' => (cur.0, v),
                    _ => (cur.0, cur.1 + v),
                };
                if ring.is_empty() {
                    ring.push(cur);
                    start = cur;
                }
                ring.push(p);
                cur = p;
            }
            // Numbers after `z` are malformed.
            _ => break,
        }
    }
    finish(&mut ring, &mut rings);
    rings
}

fn skip_separators(b: &[u8], i: &mut usize) {
    while *i < b.len() && (b[*i].is_ascii_whitespace() || b[*i] == b',') {
        *i += 1;
    }
}

/// Reads one SVG number at `*i` (after separators), advancing `*i`.
fn number(b: &[u8], i: &mut usize) -> Option<f64> {
    skip_separators(b, i);
    let s = *i;
    let mut j = s;
    if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
        j += 1;
    }
    let mut digits = 0;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
        digits += 1;
    }
    if j < b.len() && b[j] == b'.' {
        j += 1;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if j < b.len() && (b[j] == b'e' || b[j] == b'E') {
        let mut k = j + 1;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            k += 1;
        }
        if k < b.len() && b[k].is_ascii_digit() {
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            j = k;
        }
    }
    let v = std::str::from_utf8(&b[s..j]).ok()?.parse().ok()?;
    *i = j;
    Some(v)
}

/// Even-odd point-in-polygon test over all rings (a point in a hole is out).
pub fn point_in_rings(rings: &[Ring], x: f64, y: f64) -> bool {
    let mut inside = false;
    for r in rings {
        let n = r.len();
        if n < 3 {
            continue;
        }
        let mut j = n - 1;
        for i in 0..n {
            let (xi, yi) = r[i];
            let (xj, yj) = r[j];
            if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                inside = !inside;
            }
            j = i;
        }
    }
    inside
}

/// Whether `(x, y)` is inside the path `d` (even-odd rule over all subpaths).
pub fn point_in_path(d: &str, x: f64, y: f64) -> bool {
    point_in_rings(&parse_path(d), x, y)
}

/// Twice the signed area of a ring (shoelace). In SVG's y-down plane it is
/// positive for a ring that runs clockwise on screen.
pub fn signed_area2(r: &[(f64, f64)]) -> f64 {
    let n = r.len();
    let mut s = 0.0;
    for i in 0..n {
        let (x0, y0) = r[i];
        let (x1, y1) = r[(i + 1) % n];
        s += x0 * y1 - x1 * y0;
    }
    s
}

/// Bounding box `(x0, y0, x1, y1)` of all rings; `None` when empty.
pub fn bounds(rings: &[Ring]) -> Option<(f64, f64, f64, f64)> {
    let mut it = rings.iter().flatten();
    let &(x, y) = it.next()?;
    Some(it.fold((x, y, x, y), |(a, b, c, d), &(x, y)| {
        (a.min(x), b.min(y), c.max(x), d.max(y))
    }))
}

/// Area centroid of the rings, holes counted negatively as long as they wind
/// the other way from their outer ring (as the generated paths do).
pub fn centroid(rings: &[Ring]) -> Option<(f64, f64)> {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for r in rings {
        let n = r.len();
        for i in 0..n {
            let (x0, y0) = r[i];
            let (x1, y1) = r[(i + 1) % n];
            let f = x0 * y1 - x1 * y0;
            a += f;
            cx += (x0 + x1) * f;
            cy += (y0 + y1) * f;
        }
    }
    if a == 0.0 {
        return rings.iter().flatten().next().copied();
    }
    Some((cx / (3.0 * a), cy / (3.0 * a)))
}

/// Signed distance from `(x, y)` to the rings' outline: positive inside,
/// negative outside.
pub fn signed_distance(rings: &[Ring], x: f64, y: f64) -> f64 {
    let mut best = f64::INFINITY;
    for r in rings {
        let n = r.len();
        for i in 0..n {
            let a = r[i];
            let b = r[(i + 1) % n];
            best = best.min(segment_dist2(x, y, a, b));
        }
    }
    let d = best.sqrt();
    if point_in_rings(rings, x, y) {
        d
    } else {
        -d
    }
}

fn segment_dist2(px: f64, py: f64, a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((px - a.0) * dx + (py - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (qx, qy) = (a.0 + t * dx - px, a.1 + t * dy - py);
    qx * qx + qy * qy
}

/// A square cell of the pole-of-inaccessibility search.
#[derive(Clone, Copy)]
struct Cell {
    x: f64,
    y: f64,
    half: f64,
    /// Signed distance from the centre to the outline.
    dist: f64,
    /// Best distance any point in the cell could have.
    max: f64,
}

impl Cell {
    fn new(rings: &[Ring], x: f64, y: f64, half: f64) -> Cell {
        let dist = signed_distance(rings, x, y);
        Cell {
            x,
            y,
            half,
            dist,
            max: dist + half * std::f64::consts::SQRT_2,
        }
    }
}

impl PartialEq for Cell {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Cell {}
impl PartialOrd for Cell {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Cell {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.max
            .total_cmp(&other.max)
            .then(other.y.total_cmp(&self.y))
            .then(other.x.total_cmp(&self.x))
    }
}

/// Approximates the pole of inaccessibility, the inside point farthest from
/// the outline (holes included), to within `precision` units: a best-first
/// subdivision of square cells, pruning cells that cannot beat the best
/// distance found by more than `precision`. Deterministic.
pub fn pole_of_inaccessibility(rings: &[Ring], precision: f64) -> Option<(f64, f64)> {
    let (x0, y0, x1, y1) = bounds(rings)?;
    let size = (x1 - x0).min(y1 - y0);
    if size <= 0.0 {
        return Some((x0, y0));
    }
    let half = size / 2.0;
    let mut heap = std::collections::BinaryHeap::new();
    let mut x = x0;
    while x < x1 {
        let mut y = y0;
        while y < y1 {
            heap.push(Cell::new(rings, x + half, y + half, half));
            y += size;
        }
        x += size;
    }
    let mut best = match centroid(rings) {
        Some((cx, cy)) => Cell::new(rings, cx, cy, 0.0),
        None => Cell::new(rings, x0, y0, 0.0),
    };
    let mid = Cell::new(rings, (x0 + x1) / 2.0, (y0 + y1) / 2.0, 0.0);
    if mid.dist > best.dist {
        best = mid;
    }
    while let Some(cell) = heap.pop() {
        if cell.dist > best.dist {
            best = cell;
        }
        if cell.max - best.dist <= precision {
            continue;
        }
        let h = cell.half / 2.0;
        for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
            heap.push(Cell::new(rings, cell.x + dx, cell.y + dy, h));
        }
    }
    Some((best.x, best.y))
}
