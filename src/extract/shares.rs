//! Shares written as fractions, per-mille and tenths, turned into percent:
//! `三分之一` (33.3333 %, about), `千分之2.4` (0.24 %), `万分之3` (0.03 %), `7.52‰`
//! (0.752 %), `九成` (90 %), `打八五折` (85 %). Pure arithmetic on `Decimal`; must not
//! import the rest of the extractor.

use crate::decimal::Decimal;

/// Places kept when a fraction has no finite decimal (`三分之一`).
pub const PLACES: u32 = 4;

/// `numerator / denominator` in percent. Exact when the quotient ends within
/// [`PLACES`] decimal places; otherwise cut (never rounded up, so every digit shown
/// is right) and `false`. `None` when it cannot be computed exactly enough.
pub fn percent_of(numerator: Decimal, denominator: u128) -> Option<(Decimal, bool)> {
    if denominator == 0 || numerator.is_negative() {
        return None;
    }
    // numerator × 100 × 10^PLACES, as an integer.
    let scaled = numerator.mul_pow10(2 + PLACES)?;
    if !scaled.is_integer() {
        return None;
    }
    let m: u128 = scaled.to_string().parse().ok()?;
    let (q, r) = (m / denominator, m % denominator);
    let value = Decimal::parse(&q.to_string())?.div_pow10(PLACES)?;
    Some((value, r == 0))
}

/// The warning of a cut fraction.
pub fn inexact_warning(value: Decimal) -> String {
    format!("a fraction with no finite decimal: {value}… kept to {PLACES} places, not rounded")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn fractions_in_percent() {
        let cases = [
            ("1", 3, "33.3333", false),
            ("2", 3, "66.6666", false),
            ("1", 4, "25", true),
            ("2.4", 1000, "0.24", true),
            ("3", 10000, "0.03", true),
            ("1", 8, "12.5", true),
        ];
        for (n, den, want, exact) in cases {
            let (v, e) = percent_of(d(n), den).unwrap();
            assert_eq!((v.to_string().as_str(), e), (want, exact), "{n}/{den}");
        }
        assert!(percent_of(d("1"), 0).is_none());
    }
}
