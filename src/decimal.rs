//! An exact decimal for figure values: `1526.11万` must be `15261100`, not
//! `15261099.999999998`. Every operation is checked: a value that does not fit is
//! `None`, never a wrapped or rounded number.
//!
//! The lowest floor with `model`: both the model and the extractor use it, so it imports
//! nothing of the crate.

use std::fmt;

/// `±mantissa × 10^-scale`. Kept small on purpose: figures are sums and products of
/// written digits and powers of ten, nothing else. A sign is only ever written
/// (`负3亿元`, `-3.5%`); zero is never negative, so equal values compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Decimal {
    mantissa: u128,
    scale: u32,
    negative: bool,
}

/// Values at or above 10^30 are refused: no report states such a figure, and a parser
/// that produces one has misread a run of numerals.
const LIMIT: u128 = 1_000_000_000_000_000_000_000_000_000_000;
/// More fractional digits than this are refused rather than rounded.
const MAX_SCALE: u32 = 18;

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
        negative: false,
    };

    pub fn from_u64(v: u64) -> Decimal {
        Decimal {
            mantissa: u128::from(v),
            scale: 0,
            negative: false,
        }
    }

    pub fn is_negative(self) -> bool {
        self.negative
    }

    /// Builds from an integer part and a fractional part, both ASCII digits.
    pub fn from_digits(int: &str, frac: &str) -> Option<Decimal> {
        let scale = u32::try_from(frac.len()).ok()?;
        if scale > MAX_SCALE || int.is_empty() && frac.is_empty() {
            return None;
        }
        let mut m: u128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            if !b.is_ascii_digit() {
                return None;
            }
            m = m.checked_mul(10)?.checked_add(u128::from(b - b'0'))?;
        }
        Decimal {
            mantissa: m,
            scale,
            negative: false,
        }
        .checked()
    }

    /// Parses `123`, `1.5`, `.5`, `6,688`, `-3.5` (ASCII digits only), as written in a
    /// dataset's `exact` field.
    pub fn parse(s: &str) -> Option<Decimal> {
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let s: String = s.chars().filter(|&c| c != ',').collect();
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let d = Decimal::from_digits(int, frac)?;
        Some(if negative { -d } else { d })
    }

    fn checked(self) -> Option<Decimal> {
        let d = self.normalized();
        if d.integer_part() >= LIMIT {
            None
        } else {
            Some(d)
        }
    }

    fn normalized(mut self) -> Decimal {
        while self.scale > 0 && self.mantissa.is_multiple_of(10) {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        if self.mantissa == 0 {
            self.scale = 0;
            self.negative = false;
        }
        self
    }

    fn integer_part(self) -> u128 {
        self.mantissa / 10u128.pow(self.scale)
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub fn is_integer(self) -> bool {
        self.scale == 0
    }

    /// Multiplies by 10^exp (a scale word: 万 is 4, 亿 is 8).
    pub fn mul_pow10(self, exp: u32) -> Option<Decimal> {
        let mut d = self;
        let mut exp = exp;
        while exp > 0 && d.scale > 0 {
            d.scale -= 1;
            exp -= 1;
        }
        let factor = 10u128.checked_pow(exp)?;
        Decimal {
            mantissa: d.mantissa.checked_mul(factor)?,
            ..d
        }
        .checked()
    }

    /// Divides by 10^exp (角 is 1, 分 is 2).
    pub fn div_pow10(self, exp: u32) -> Option<Decimal> {
        let scale = self.scale.checked_add(exp)?;
        if scale > MAX_SCALE {
            return None;
        }
        Some(Decimal { scale, ..self }.normalized())
    }

    pub fn mul_u64(self, k: u64) -> Option<Decimal> {
        Decimal {
            mantissa: self.mantissa.checked_mul(u128::from(k))?,
            ..self
        }
        .checked()
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let a = self
            .mantissa
            .checked_mul(10u128.checked_pow(scale - self.scale)?)?;
        let b = other
            .mantissa
            .checked_mul(10u128.checked_pow(scale - other.scale)?)?;
        // Magnitudes add when the signs agree; otherwise the larger one keeps its sign.
        let (mantissa, negative) = if self.negative == other.negative {
            (a.checked_add(b)?, self.negative)
        } else if a >= b {
            (a - b, self.negative)
        } else {
            (b - a, other.negative)
        };
        Decimal {
            mantissa,
            scale,
            negative,
        }
        .checked()
    }

    /// The nearest f64, for sorting. Goes through the decimal string so that the result
    /// is the correctly rounded value, not an accumulation of float errors.
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// Digits before the decimal point and after it, for display; the sign is not
    /// included (see `is_negative`).
    pub fn parts(self) -> (u128, String) {
        let int = self.integer_part();
        if self.scale == 0 {
            return (int, String::new());
        }
        let frac = self.mantissa % 10u128.pow(self.scale);
        (
            int,
            format!("{:0width$}", frac, width = self.scale as usize),
        )
    }

    /// Formats with thousands separators: `15,261,100`, `3,636,000.5`.
    pub fn grouped(self) -> String {
        let (int, frac) = self.parts();
        let digits = int.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + frac.len() + 2);
        if self.negative {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push('.');
            out.push_str(&frac);
        }
        out
    }
}

/// The same value with the opposite sign (zero stays zero).
impl std::ops::Neg for Decimal {
    type Output = Decimal;
    fn neg(self) -> Decimal {
        Decimal {
            negative: !self.negative && self.mantissa != 0,
            ..self
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (int, frac) = self.parts();
        let sign = if self.negative { "-" } else { "" };
        if frac.is_empty() {
            write!(f, "{sign}{int}")
        } else {
            write!(f, "{sign}{int}.{frac}")
        }
    }
}

/// Groups the integer part of a plain decimal string (`15261100` → `15,261,100`); used
/// for values read back from a dataset.
pub fn group_str(s: &str) -> String {
    Decimal::parse(s).map_or_else(|| s.to_string(), Decimal::grouped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn scales_exactly() {
        let cases = [
            ("1526.11", 4, "15261100"),
            ("4.83", 4, "48300"),
            ("0.35", 4, "3500"),
            ("16.74", 8, "1674000000"),
            ("1.6", 12, "1600000000000"),
            ("0.0001", 2, "0.01"),
        ];
        for (s, exp, want) in cases {
            assert_eq!(d(s).mul_pow10(exp).unwrap().to_string(), want, "{s}e{exp}");
        }
    }

    #[test]
    fn adds_and_divides() {
        assert_eq!(
            d("9665").checked_add(d("0.18")).unwrap().to_string(),
            "9665.18"
        );
        assert_eq!(d("1").div_pow10(2).unwrap().to_string(), "0.01");
        assert_eq!(d("6,688").to_string(), "6688");
        assert_eq!(d("1.50").to_string(), "1.5");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(d("15261100").grouped(), "15,261,100");
        assert_eq!(d("100").grouped(), "100");
        assert_eq!(d("1000").grouped(), "1,000");
        assert_eq!(d("3636000.25").grouped(), "3,636,000.25");
        assert_eq!(group_str("48300"), "48,300");
    }

    #[test]
    fn refuses_overflow() {
        assert!(d("1").mul_pow10(30).is_none());
        assert!(d("9").mul_pow10(29).is_some());
        assert!(Decimal::parse(&"9".repeat(40)).is_none());
        assert!(d("1").mul_pow10(1000).is_none());
        assert!(Decimal::parse("").is_none());
        assert!(Decimal::parse("1a").is_none());
    }

    #[test]
    fn keeps_a_written_sign() {
        let n = -d("3").mul_pow10(8).unwrap();
        assert_eq!(n.to_string(), "-300000000");
        assert_eq!(n.grouped(), "-300,000,000");
        assert_eq!(d("-3.5").to_string(), "-3.5");
        assert_eq!(group_str("-48300"), "-48,300");
        assert!((d("-3.5").to_f64() + 3.5).abs() < f64::EPSILON);
        assert_eq!(-Decimal::ZERO, Decimal::ZERO);
        assert_eq!(d("-0").to_string(), "0");
        assert_eq!(d("-5").checked_add(d("2")).unwrap().to_string(), "-3");
        assert_eq!(d("5").checked_add(d("-2")).unwrap().to_string(), "3");
        assert_eq!(d("-5").checked_add(d("5")).unwrap(), Decimal::ZERO);
    }

    #[test]
    fn converts_to_f64_correctly_rounded() {
        assert!((d("1526.11").mul_pow10(4).unwrap().to_f64() - 15_261_100.0).abs() < f64::EPSILON);
        assert!((d("63.15").to_f64() - 63.15).abs() < f64::EPSILON);
    }
}
