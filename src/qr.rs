//! QR code encoder (ISO/IEC 18004): the text as bytes, error correction
//! level M, in the smallest of the 40 versions that holds it.
//!
//! Written here rather than taken from the `qrcode` crate, which this
//! replaces: the crate's tables for every level and for Micro QR, its
//! bit writer and its canvas cost 5.5 KiB of brotli wasm for the two
//! links the app draws, against a first-visit budget the app is over. The
//! crate stays as a dev-dependency: the tests check that this encoder draws
//! the very modules the crate draws, for every version and every mask.
//!
//! The layout follows the standard: finder, timing and alignment patterns,
//! the format and version information, the data and its Reed–Solomon
//! codewords interleaved by block and placed in two-column zigzags, then the
//! mask with the lowest penalty. The penalty is scored as the crate scores
//! it (the same four rules, counted the same way), so the chosen mask is the
//! crate's too.

/// Error correction codewords per block at level M, versions 1 to 40.
const ECC_PER_BLOCK: [u8; 40] = [
    10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, //
    26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
];

/// Reed–Solomon blocks at level M, versions 1 to 40.
const BLOCKS: [u8; 40] = [
    1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, //
    17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
];

const DARK: u8 = 1;
const FUNCTION: u8 = 2;

/// A QR code's modules, row by row, without the quiet zone.
pub struct Qr {
    /// Modules on a side (21 for version 1, 4 more for each version).
    pub width: usize,
    cells: Vec<u8>,
}

impl Qr {
    /// Whether the module in column `x` and row `y` is dark.
    pub fn dark(&self, x: usize, y: usize) -> bool {
        self.cells[y * self.width + x] & DARK != 0
    }

    fn set(&mut self, x: usize, y: usize, dark: bool) {
        self.cells[y * self.width + x] = FUNCTION | dark as u8;
    }

    fn is_function(&self, x: usize, y: usize) -> bool {
        self.cells[y * self.width + x] & FUNCTION != 0
    }
}

/// Codewords (data and error correction) a version holds.
fn codewords(v: usize) -> usize {
    let mut modules = (16 * v + 128) * v + 64;
    if v >= 2 {
        let align = v / 7 + 2;
        modules -= (25 * align - 10) * align - 55;
        if v >= 7 {
            modules -= 36;
        }
    }
    modules / 8
}

/// Width of the byte count after the mode: 8 bits up to version 9, 16 after.
fn count_bits(v: usize) -> usize {
    if v < 10 {
        8
    } else {
        16
    }
}

/// `value` followed by the remainder of its division by the generator
/// `poly` of degree `degree` over GF(2): the BCH code of the format and
/// version information.
fn bch(value: u32, degree: u32, poly: u32) -> u32 {
    let mut rem = value;
    for _ in 0..degree {
        rem = (rem << 1) ^ ((rem >> (degree - 1)) * poly);
    }
    value << degree | rem
}

/// Data codewords a version holds at level M.
fn data_capacity(v: usize) -> usize {
    codewords(v) - ECC_PER_BLOCK[v - 1] as usize * BLOCKS[v - 1] as usize
}

/// The code of `data`, or `None` when it is longer than version 40 holds.
pub fn encode(data: &[u8]) -> Option<Qr> {
    let n = data.len();
    // Mode, count and the bytes.
    let v = (1..=40).find(|&v| 4 + count_bits(v) + 8 * n <= 8 * data_capacity(v))?;
    let capacity = data_capacity(v);
    let mut bits = Bits::default();
    bits.push(0b0100, 4);
    bits.push(n as u32, count_bits(v));
    for &b in data {
        bits.push(b as u32, 8);
    }
    // Terminator (up to four zero bits), then whole bytes, then padding.
    bits.push(0, (8 * capacity - bits.len).min(4));
    bits.push(0, (8 - bits.len % 8) % 8);
    let mut bytes = bits.bytes;
    let mut pad = 0xEC;
    while bytes.len() < capacity {
        bytes.push(pad);
        pad ^= 0xEC ^ 0x11;
    }

    let mut qr = Qr { width: 17 + 4 * v, cells: vec![0; (17 + 4 * v) * (17 + 4 * v)] };
    qr.draw_patterns(v);
    qr.draw_codewords(&interleave(v, &bytes));

    let best = (0..8).min_by_key(|&m| {
        qr.apply_mask(m);
        let p = qr.penalty();
        qr.apply_mask(m);
        p
    })?;
    qr.apply_mask(best);
    Some(qr)
}

#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    len: usize,
}

impl Bits {
    /// The `count` low bits of `value`, most significant first.
    fn push(&mut self, value: u32, count: usize) {
        for i in (0..count).rev() {
            if self.len.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if value >> i & 1 != 0 {
                *self.bytes.last_mut().unwrap() |= 0x80 >> (self.len % 8);
            }
            self.len += 1;
        }
    }
}

/// Product in GF(2⁸) modulo x⁸ + x⁴ + x³ + x² + 1.
fn gf_mul(x: u8, y: u8) -> u8 {
    let mut z: u8 = 0;
    for i in (0..8).rev() {
        z = (z << 1) ^ if z & 0x80 != 0 { 0x1D } else { 0 };
        if y >> i & 1 != 0 {
            z ^= x;
        }
    }
    z
}

/// The Reed–Solomon codewords of `data` with the generator of `divisor`.
fn ecc(data: &[u8], divisor: &[u8]) -> Vec<u8> {
    let mut rem = vec![0u8; divisor.len()];
    for &b in data {
        let factor = b ^ rem.remove(0);
        rem.push(0);
        for (r, &d) in rem.iter_mut().zip(divisor) {
            *r ^= gf_mul(d, factor);
        }
    }
    rem
}

/// The data split into blocks, each followed by its error correction, then
/// read column by column across the blocks, as the standard places them.
fn interleave(v: usize, data: &[u8]) -> Vec<u8> {
    let blocks = BLOCKS[v - 1] as usize;
    let ecc_len = ECC_PER_BLOCK[v - 1] as usize;
    let total = codewords(v);
    let short = blocks - total % blocks;
    let short_len = total / blocks - ecc_len;

    // Generator polynomial of degree ecc_len, without its leading term.
    let mut divisor = vec![0u8; ecc_len];
    divisor[ecc_len - 1] = 1;
    let mut root = 1u8;
    for _ in 0..ecc_len {
        for j in 0..ecc_len {
            divisor[j] = gf_mul(divisor[j], root);
            if j + 1 < ecc_len {
                divisor[j] ^= divisor[j + 1];
            }
        }
        root = gf_mul(root, 2);
    }

    let mut split = Vec::with_capacity(blocks);
    let mut rest = data;
    for i in 0..blocks {
        let (block, tail) = rest.split_at(short_len + (i >= short) as usize);
        split.push((block, ecc(block, &divisor)));
        rest = tail;
    }
    let mut out = Vec::with_capacity(total);
    for i in 0..=short_len {
        for (block, _) in &split {
            out.extend(block.get(i));
        }
    }
    for i in 0..ecc_len {
        out.extend(split.iter().map(|(_, e)| e[i]));
    }
    out
}

impl Qr {
    fn draw_patterns(&mut self, v: usize) {
        let w = self.width;
        for i in 0..w {
            self.set(6, i, i % 2 == 0);
            self.set(i, 6, i % 2 == 0);
        }
        // Finders with their light separators, in three corners.
        for (cx, cy) in [(3, 3), (w - 4, 3), (3, w - 4)] {
            for dy in -4i32..=4 {
                for dx in -4i32..=4 {
                    let (x, y) = (cx as i32 + dx, cy as i32 + dy);
                    if (0..w as i32).contains(&x) && (0..w as i32).contains(&y) {
                        let d = dx.abs().max(dy.abs());
                        self.set(x as usize, y as usize, d != 2 && d != 4);
                    }
                }
            }
        }
        // Alignment patterns on a grid of centres, except where finders are.
        let centres = alignment_centres(v);
        let last = centres.len().wrapping_sub(1);
        for (i, &cx) in centres.iter().enumerate() {
            for (j, &cy) in centres.iter().enumerate() {
                let (near, far) = (i.min(j), i.max(j));
                if near == 0 && (far == 0 || far == last) {
                    continue;
                }
                for dy in -2i32..=2 {
                    for dx in -2i32..=2 {
                        let d = dx.abs().max(dy.abs());
                        self.set((cx as i32 + dx) as usize, (cy as i32 + dy) as usize, d != 1);
                    }
                }
            }
        }
        // Reserve the format areas (drawn with each mask) and the version.
        self.draw_format(0);
        if v >= 7 {
            let bits = bch(v as u32, 12, 0x1F25);
            for i in 0..18 {
                let dark = bits >> i & 1 != 0;
                let (a, b) = (w - 11 + i % 3, i / 3);
                self.set(a, b, dark);
                self.set(b, a, dark);
            }
        }
    }

    /// Level M (format bits 00) with `mask`, in both copies, and the dark
    /// module beside the lower-left finder.
    fn draw_format(&mut self, mask: u32) {
        let w = self.width;
        let bits = bch(mask, 10, 0x537) ^ 0x5412;
        let bit = |i: usize| bits >> i & 1 != 0;
        for i in 0..6 {
            self.set(8, i, bit(i));
        }
        self.set(8, 7, bit(6));
        self.set(8, 8, bit(7));
        self.set(7, 8, bit(8));
        for i in 9..15 {
            self.set(14 - i, 8, bit(i));
        }
        for i in 0..8 {
            self.set(w - 1 - i, 8, bit(i));
        }
        for i in 8..15 {
            self.set(8, w - 15 + i, bit(i));
        }
        self.set(8, w - 8, true);
    }

    /// The codewords' bits, most significant first, up and down two columns
    /// at a time from the right, skipping the vertical timing column.
    fn draw_codewords(&mut self, codewords: &[u8]) {
        let w = self.width;
        let mut i = 0;
        let mut right = w - 1;
        loop {
            if right == 6 {
                right = 5;
            }
            for vert in 0..w {
                for j in 0..2 {
                    let x = right - j;
                    let y = if (right + 1) & 2 == 0 { w - 1 - vert } else { vert };
                    if !self.is_function(x, y) && i < codewords.len() * 8 {
                        self.cells[y * w + x] = codewords[i >> 3] >> (7 - (i & 7)) & 1;
                        i += 1;
                    }
                }
            }
            if right < 2 {
                break;
            }
            right -= 2;
        }
    }

    /// Flips the data modules where `mask` says so (a second call undoes it)
    /// and draws the format with it.
    fn apply_mask(&mut self, mask: u32) {
        let w = self.width;
        for y in 0..w {
            for x in 0..w {
                let flip = match mask {
                    0 => (x + y) % 2 == 0,
                    1 => y % 2 == 0,
                    2 => x % 3 == 0,
                    3 => (x + y) % 3 == 0,
                    4 => (x / 3 + y / 2) % 2 == 0,
                    5 => x * y % 2 + x * y % 3 == 0,
                    6 => (x * y % 2 + x * y % 3) % 2 == 0,
                    _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
                };
                if flip && !self.is_function(x, y) {
                    self.cells[y * w + x] ^= DARK;
                }
            }
        }
        self.draw_format(mask);
    }

    /// Lower is better: runs of five or more in a line, 2×2 blocks of one
    /// colour, finder-like 1:1:3:1:1 runs with four light modules on a side,
    /// and the distance from half dark.
    fn penalty(&self) -> u32 {
        let w = self.width;
        let mut score = 0;
        let mut dark = 0;
        for horizontal in [true, false] {
            for i in 0..w {
                let at = |k: usize| if horizontal { self.dark(k, i) } else { self.dark(i, k) };
                let mut run = 1;
                for k in 1..=w {
                    if k < w && at(k) == at(k - 1) {
                        run += 1;
                    } else {
                        if run >= 5 {
                            score += run - 2;
                        }
                        run = 1;
                    }
                }
                for j in 0..w - 6 {
                    if (0..7).all(|k| at(j + k) == (k != 1 && k != 5)) {
                        let dark_in = |r: std::ops::Range<usize>| r.take_while(|&k| k < w).any(at);
                        if !dark_in(j.saturating_sub(4)..j) || !dark_in(j + 7..j + 11) {
                            score += 40;
                        }
                    }
                }
            }
        }
        for y in 0..w {
            for x in 0..w {
                dark += self.dark(x, y) as usize;
                if x + 1 < w && y + 1 < w {
                    let c = self.dark(x, y);
                    if self.dark(x + 1, y) == c && self.dark(x, y + 1) == c && self.dark(x + 1, y + 1) == c {
                        score += 3;
                    }
                }
            }
        }
        let ratio = dark * 200 / (w * w);
        score + ratio.abs_diff(100) as u32
    }
}

/// Centres of the alignment patterns along each axis (none in version 1).
fn alignment_centres(v: usize) -> Vec<usize> {
    if v == 1 {
        return Vec::new();
    }
    let n = v / 7 + 2;
    let step = (v * 8 + n * 3 + 5) / (n * 4 - 4) * 2;
    let mut out: Vec<usize> = (0..n - 1).map(|i| 4 * v + 10 - i * step).collect();
    out.push(6);
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::bits::Bits as CrateBits;
    use qrcode::canvas::{Canvas, MaskPattern};
    use qrcode::{Color, EcLevel, QrCode, Version};

    const MASKS: [MaskPattern; 8] = [
        MaskPattern::Checkerboard,
        MaskPattern::HorizontalLines,
        MaskPattern::VerticalLines,
        MaskPattern::DiagonalLines,
        MaskPattern::LargeCheckerboard,
        MaskPattern::Fields,
        MaskPattern::Diamonds,
        MaskPattern::Meadow,
    ];

    /// The crate's code of `data` in byte mode at level M, in the smallest
    /// version, as the app drew it before this encoder.
    fn crate_code(data: &[u8]) -> Option<QrCode> {
        (1..=40).find_map(|v| {
            let mut bits = CrateBits::new(Version::Normal(v));
            bits.push_byte_data(data).ok()?;
            bits.push_terminator(EcLevel::M).ok()?;
            QrCode::with_bits(bits, EcLevel::M).ok()
        })
    }

    fn modules(qr: &Qr) -> Vec<bool> {
        (0..qr.width).flat_map(|y| (0..qr.width).map(move |x| qr.dark(x, y))).collect()
    }

    /// `n` bytes of a text that changes with `seed`.
    fn sample(n: usize, seed: u32) -> Vec<u8> {
        let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        (0..n)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 17;
                s ^= s << 5;
                b"abcdefghijklmnopqrstuvwxyz0123456789/:.-_?=&%"[s as usize % 45]
            })
            .collect()
    }

    fn assert_same(data: &[u8]) {
        let ours = encode(data).expect("fits");
        let theirs = crate_code(data).expect("fits in the crate too");
        assert_eq!(ours.width, theirs.width(), "{} bytes", data.len());
        let expected: Vec<bool> = theirs.to_colors().iter().map(|c| *c == Color::Dark).collect();
        assert!(modules(&ours) == expected, "{} bytes: modules differ", data.len());
    }

    #[test]
    fn draws_the_crates_modules_for_links() {
        assert_same(b"https://paix.example.org/projets/p01");
        assert_same(b"https://paix.example.org/reglages/synchronisation?endpoint=https%3A%2F%2Fsync.example.org%2Fapi&lot=50");
        assert_same(b"");
        assert_same("Ménaka — « dialogue »".as_bytes());
    }

    #[test]
    fn draws_the_crates_modules_at_each_version_boundary() {
        for v in 1..=40usize {
            let room = data_capacity(v) - if v < 10 { 2 } else { 3 };
            for n in [room - 1, room, room + 1].into_iter().filter(|&n| v < 40 || n <= room) {
                assert_same(&sample(n, (v * 3 + n) as u32));
            }
        }
    }

    #[test]
    fn the_version_is_the_smallest_that_holds_the_data() {
        assert_eq!(encode(&sample(14, 1)).unwrap().width, 21);
        assert_eq!(encode(&sample(15, 1)).unwrap().width, 25);
        assert_eq!(encode(&sample(2331, 1)).unwrap().width, 177);
        assert!(encode(&sample(2332, 1)).is_none());
    }

    #[test]
    fn each_mask_draws_the_crates_modules() {
        for (v, n) in [(1usize, 10usize), (7, 100), (22, 500)] {
            let data = sample(n, v as u32);
            let mut bits = CrateBits::new(Version::Normal(v as i16));
            bits.push_byte_data(&data).unwrap();
            bits.push_terminator(EcLevel::M).unwrap();
            let bytes = bits.into_bytes();
            let (data_cw, ecc_cw) = qrcode::ec::construct_codewords(&bytes, Version::Normal(v as i16), EcLevel::M).unwrap();
            let mut ours = Qr { width: 17 + 4 * v, cells: vec![0; (17 + 4 * v) * (17 + 4 * v)] };
            ours.draw_patterns(v);
            let mut cw = data_cw.clone();
            cw.extend(&ecc_cw);
            assert_eq!(interleave(v, &bytes), cw, "version {v}");
            ours.draw_codewords(&cw);
            for (m, pattern) in MASKS.iter().enumerate() {
                let mut canvas = Canvas::new(Version::Normal(v as i16), EcLevel::M);
                canvas.draw_all_functional_patterns();
                canvas.draw_data(&data_cw, &ecc_cw);
                canvas.apply_mask(*pattern);
                let expected: Vec<bool> = canvas.into_colors().iter().map(|c| *c == Color::Dark).collect();
                ours.apply_mask(m as u32);
                assert!(modules(&ours) == expected, "version {v}, mask {m}");
                ours.apply_mask(m as u32);
            }
        }
    }
}
