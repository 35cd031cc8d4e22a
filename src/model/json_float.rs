//! A JSON number's value as serde_json computes it (serde_json without its
//! `float_roundtrip` feature, as this app always used it): the digits as a
//! `u64` (digits past what it holds are dropped, as serde_json drops them),
//! then multiplied or divided by a power of ten.
//!
//! Bit for bit serde_json's result, without its table of the 309 powers of
//! ten (2.5 KB of data in the wasm, which brotli barely shrinks): a power up
//! to 10^22 is exact in an `f64` and made by multiplying; a higher one is
//! computed exactly as 5^k·2^k in a big integer and rounded once to the
//! nearest `f64`, which is what the table's literals hold. A test holds the
//! two to the same bits for every power and for thousands of numbers.

/// serde_json's `overflow!(a * 10 + b, max)`: one more digit would not fit.
fn overflows(a: u64, b: u64, max: u64) -> bool {
    a >= max / 10 && (a > max / 10 || b > max % 10)
}

/// The value of `token`, a number in JSON's grammar that is not a whole
/// `u64` or `i64` (those are read without this). `Err(k)`: serde_json's
/// "number out of range", found `k` bytes into the token.
pub(crate) fn float(token: &str) -> Result<f64, usize> {
    let b = token.as_bytes();
    let digit = |i: usize| b.get(i).filter(|c| c.is_ascii_digit()).map(|c| u64::from(c - b'0'));
    let positive = b[0] != b'-';
    let mut i = usize::from(!positive);
    let (mut significand, mut exponent) = (0u64, 0i32);
    // The whole part: once the digits fill the u64, each further digit
    // raises the exponent instead.
    let mut full = false;
    while let Some(d) = digit(i) {
        full = full || overflows(significand, d, u64::MAX);
        match full {
            true => exponent += 1,
            false => significand = significand * 10 + d,
        }
        i += 1;
    }
    // The fraction: digits that no longer fit are dropped.
    if b.get(i) == Some(&b'.') {
        i += 1;
        let mut full = false;
        while let Some(d) = digit(i) {
            full = full || overflows(significand, d, u64::MAX);
            if !full {
                significand = significand * 10 + d;
                exponent -= 1;
            }
            i += 1;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let negative = b.get(i + 1) == Some(&b'-');
        i += 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let mut e = 0i32;
        while let Some(d) = digit(i) {
            i += 1;
            if overflows(e as u64, d, i32::MAX as u64) {
                // An exponent past i32: out of range upwards, zero downwards.
                return match significand != 0 && !negative {
                    true => Err(i),
                    false => Ok(if positive { 0.0 } else { -0.0 }),
                };
            }
            e = e * 10 + d as i32;
        }
        exponent = match negative {
            true => exponent.saturating_sub(e),
            false => exponent.saturating_add(e),
        };
    }
    let mut f = significand as f64;
    loop {
        let k = exponent.unsigned_abs();
        if k <= 308 {
            match exponent >= 0 {
                true => f *= pow10(k),
                false => f /= pow10(k),
            }
            if f.is_infinite() {
                return Err(b.len());
            }
            break;
        }
        if f == 0.0 {
            break;
        }
        if exponent >= 0 {
            return Err(b.len());
        }
        f /= 1e308;
        exponent += 308;
    }
    Ok(if positive { f } else { -f })
}

/// 10^k (k ≤ 308) rounded to the nearest `f64`, ties to even: what the
/// literal `1e{k}` is.
fn pow10(k: u32) -> f64 {
    if k <= 22 {
        return (0..k).fold(1.0, |p, _| p * 10.0);
    }
    // 5^k exactly, in 32-bit limbs, lowest first (5^308 < 2^716).
    let mut limbs = [0u32; 23];
    limbs[0] = 1;
    for _ in 0..k {
        let mut carry = 0;
        for l in &mut limbs {
            let v = u64::from(*l) * 5 + carry;
            *l = v as u32;
            carry = v >> 32;
        }
    }
    let top = limbs.iter().rposition(|l| *l != 0).unwrap_or(0);
    let lead = limbs[top].leading_zeros();
    // The highest 128 bits, the leading one first, and whether any bit
    // below them is set.
    let limb = |d: usize| top.checked_sub(d).map_or(0, |i| u128::from(limbs[i]));
    let window = (limb(0) << 96 | limb(1) << 64 | limb(2) << 32 | limb(3)) << lead;
    let below = limbs[..top.saturating_sub(3)].iter().any(|l| *l != 0);
    let mut mantissa = (window >> 75) as u64;
    let half = window >> 74 & 1 == 1;
    let rest = window & ((1 << 74) - 1) != 0 || below;
    // The power of two of the leading bit: that of 5^k, plus k.
    let mut power = 32 * top as u32 + 31 - lead + k;
    if half && (rest || mantissa & 1 == 1) {
        mantissa += 1;
        if mantissa == 1 << 53 {
            mantissa >>= 1;
            power += 1;
        }
    }
    f64::from_bits(u64::from(power + 1023) << 52 | (mantissa & ((1 << 52) - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_json's value for a number token, or its error.
    fn theirs(token: &str) -> Result<u64, String> {
        serde_json::from_str::<f64>(token).map(f64::to_bits).map_err(|e| e.to_string())
    }

    /// Ours, in the same terms (the error's column is its position, on
    /// one line: `k` bytes in).
    fn ours(token: &str) -> Result<u64, String> {
        float(token).map(f64::to_bits).map_err(|k| format!("number out of range at line 1 column {k}"))
    }

    #[test]
    fn every_power_is_the_literal() {
        for k in 0..=308u32 {
            assert_eq!(pow10(k).to_bits(), format!("1e{k}").parse::<f64>().unwrap().to_bits(), "1e{k}");
        }
    }

    #[test]
    fn numbers_read_as_serde_json_reads_them() {
        let mut tokens: Vec<String> = [
            "0.0", "-0.0", "1.5", "-1.5", "0.1", "0.3", "1e0", "1E+2", "1e-2", "-2.5e-3", "12.345678", "-7.1234567",
            "1e22", "1e23", "9007199254740993.0", "18446744073709551615.5", "18446744073709551616",
            "-9223372036854775809", "123456789012345678901234567890", "0.123456789012345678901234567890",
            "1844674407370955161.5", "18446744073709551615.5e3", "1.7976931348623157e308", "1.7976931348623159e308",
            "1e308", "1e309", "-1e309", "10e308", "0.1e310", "1e-307", "1e-308", "4.9e-324", "2e-324", "1e-400",
            "1e-99999", "0e99999", "0e999999999999", "1e999999999999", "1e-999999999999", "-1e999999999999",
            "1e2147483647", "1e2147483648", "1e-2147483648", "1e-2147483649", "0.0000000000000000000000000001e30",
            "100000000000000000000000000000000000000e-20", "2.2250738585072011e-308", "2.2250738585072014e-308",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Thousands more: random digits, fractions and exponents.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..20_000 {
            let mut t = String::new();
            if next(2) == 0 {
                t.push('-');
            }
            let whole = 1 + next(22);
            t.push(char::from(b'1' + next(9) as u8));
            for _ in 1..whole {
                t.push(char::from(b'0' + next(10) as u8));
            }
            if next(3) > 0 {
                t.push('.');
                for _ in 0..1 + next(22) {
                    t.push(char::from(b'0' + next(10) as u8));
                }
            }
            if next(2) == 0 {
                t.push(['e', 'E'][next(2) as usize]);
                t.push_str(["", "+", "-"][next(3) as usize]);
                t.push_str(&next(340).to_string());
            }
            tokens.push(t);
        }
        for t in &tokens {
            assert_eq!(ours(t), theirs(t), "{t}");
        }
    }
}
