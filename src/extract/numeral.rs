//! Numerals: Arabic (with decimals, thousands separators, full-width digits and scale
//! words), Chinese (strict, colloquial, financial, traditional), and mixed forms.
//!
//! Pure functions over `&[char]`; positions are char indices. No terminal code, no I/O.

use super::decimal::Decimal;

/// How a numeral is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Only Arabic digits (ASCII or full-width), with an optional decimal part.
    Arabic,
    /// Arabic digits followed by scale words (`4.83万`, `1.6万亿`).
    ArabicScaled,
    /// Chinese numeral characters (`三万五`, `一千零一`, `廿`).
    Chinese,
    /// Chinese digits written one by one without units (`二〇二〇`), typical of years.
    ChineseDigits,
    /// Financial numerals (`壹拾壹`, `玖仟陆佰`).
    Financial,
    /// Arabic and Chinese mixed (`1万600`, `200亿零四千230`, `一百点123`).
    Mixed,
}

/// A numeral found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Numeral {
    /// `None` when the numeral is recognised but its value cannot be trusted (too large,
    /// malformed); `warning` then says why.
    pub value: Option<Decimal>,
    /// Char span in the input, end exclusive.
    pub start: usize,
    pub end: usize,
    pub form: Form,
    pub warning: Option<&'static str>,
}

/// The longest numeral that begins exactly at `start`, or `None` if none does.
pub fn parse_at(chars: &[char], start: usize) -> Option<Numeral> {
    let _ = (chars, start);
    None
}

/// Parses a whole string (surrounding white space ignored) as a single numeral.
pub fn parse_number(s: &str) -> Option<Decimal> {
    let chars: Vec<char> = s.trim().chars().collect();
    let n = parse_at(&chars, 0)?;
    if n.end == chars.len() { n.value } else { None }
}

/// Whether `c` can start or continue a numeral.
pub fn is_numeral_char(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩廿卅".contains(c)
}
