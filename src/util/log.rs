//! ln(1 + x) of small counts, from a table.
//!
//! The features take ln(1 + x) of word counts, repeats, distances and mean neighbour lengths
//! for every block, and `f32::ln_1p` is a call into libm. The table holds the values of that
//! same function, so the features do not change by a bit.

use once_cell::sync::Lazy;

/// Counts below this are in the table.
const END: usize = 1024;
/// Denominators of the means in the table (`1..=DENS`).
const DENS: usize = 4;

/// `LN_1P[d - 1][k]` = ln(1 + k / d), computed in `f32` as the callers do.
static LN_1P: Lazy<Vec<[f32; END]>> = Lazy::new(|| {
    (1..=DENS)
        .map(|d| std::array::from_fn(|k| (k as f32 / d as f32).ln_1p()))
        .collect()
});

/// `(n as f32).ln_1p()`.
#[inline]
pub(crate) fn ln_1p_count(n: usize) -> f32 {
    match LN_1P[0].get(n) {
        Some(&v) => v,
        None => (n as f32).ln_1p(),
    }
}

/// `(sum / den as f32).ln_1p()`.
#[inline]
pub(crate) fn ln_1p_mean(sum: f32, den: usize) -> f32 {
    // `sum` is a sum of counts: a whole number, exact in `f32` below 2^24 (and never -0).
    // Below END it is whole when it converts to an integer and back unchanged: two
    // instructions, where `fract` calls `truncf`.
    if (1..=DENS).contains(&den) && sum.is_sign_positive() && sum < END as f32 {
        let k = sum as usize;
        if k as f32 == sum {
            return LN_1P[den - 1][k];
        }
    }
    (sum / den as f32).ln_1p()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_ln_1p() {
        for n in 0..END + 10 {
            assert_eq!(ln_1p_count(n).to_bits(), (n as f32).ln_1p().to_bits());
            for den in 0..=DENS + 1 {
                for sum in [n as f32, n as f32 + 0.5, -(n as f32)] {
                    let want = (sum / den as f32).ln_1p();
                    let got = ln_1p_mean(sum, den);
                    assert!(
                        got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                        "{sum} {den} {got} {want}"
                    );
                }
            }
        }
    }
}
