//! What a query asks for: the literal characters, possibly pinyin, possibly a number with
//! a unit. Parsing is done once per query, before any record is looked at.

use crate::extract::Decimal;
use crate::extract::numeral;

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Query {
    /// The query as matched against text: trimmed, inner white space removed (Chinese is
    /// written without spaces, so `养老 保险` means `养老保险`).
    pub text: String,
    /// Its chars, ASCII letters lower-cased: the keys of the char index.
    pub chars: Vec<char>,
    /// Letters to try as pinyin, when the query is made of Latin letters only.
    pub pinyin: Option<Vec<u8>>,
    pub number: Option<NumberQuery>,
}

/// A query that reads as a number, possibly followed by a unit (`3亿元`, `98%`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NumberQuery {
    pub value: f64,
    /// How far a value may be and still be "this number": half a unit of the last
    /// written digit (`3亿` takes 2.5亿‥3.5亿) but never less than 2 %, so `98` also
    /// finds a 97.8.
    pub tolerance: f64,
    /// What followed the numeral (`元`, `人次`, `%`), which narrows to that unit.
    pub unit: Option<String>,
}

impl Query {
    pub fn parse(raw: &str, pinyin: bool) -> Query {
        // Folded as the search texts are (see `SearchIndex::without_postings`).
        let text: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(crate::hanzi::fold)
            .collect();
        let chars = text.chars().map(|c| c.to_ascii_lowercase()).collect();
        Query {
            pinyin: if pinyin {
                super::pinyin::normalize_query(raw)
            } else {
                None
            },
            number: NumberQuery::parse(&text),
            text,
            chars,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// A unit suffix longer than this is words, not a unit (`4.83万人次就业`).
const MAX_UNIT_CHARS: usize = 4;

impl NumberQuery {
    fn parse(text: &str) -> Option<NumberQuery> {
        let chars: Vec<char> = text.chars().collect();
        let (value, end) = match numeral::parse_at(&chars, 0) {
            Some(n) => (n.value?, n.end),
            None => parse_plain(&chars)?,
        };
        let rest: String = chars[end..].iter().collect();
        if rest.chars().count() > MAX_UNIT_CHARS || rest.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let v = value.to_f64();
        Some(NumberQuery {
            value: v,
            tolerance: (last_digit_place(value) / 2.0).max(v.abs() * 0.02),
            unit: (!rest.is_empty()).then_some(rest),
        })
    }

    /// Relative distance of `v` from the query value, or `None` when out of tolerance.
    pub fn distance(&self, v: f64) -> Option<f64> {
        let d = (v - self.value).abs();
        (d <= self.tolerance).then(|| d / self.value.abs().max(f64::MIN_POSITIVE))
    }
}

/// ASCII digits with an optional fraction and scale words (`4.83万`, `3亿`), for when the
/// real numeral parser declines: the query box must understand what the data shows.
fn parse_plain(chars: &[char]) -> Option<(Decimal, usize)> {
    let n = chars
        .iter()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .count();
    let s: String = chars[..n].iter().collect();
    let mut value = Decimal::parse(s.trim_end_matches(['.', ',']))?;
    let mut end = n;
    while let Some(exp) = chars.get(end).and_then(|&c| match c {
        '万' => Some(4),
        '亿' => Some(8),
        _ => None,
    }) {
        value = value.mul_pow10(exp)?;
        end += 1;
    }
    Some((value, end))
}

/// The place value of the last non-zero written digit: 100 for 48300, 0.01 for 4.83.
fn last_digit_place(d: Decimal) -> f64 {
    let (int, frac) = d.parts();
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        return 10f64.powi(-(frac.len() as i32));
    }
    if int == 0 {
        return 1.0;
    }
    let mut place = 1.0;
    let mut i = int;
    while i % 10 == 0 {
        i /= 10;
        place *= 10.0;
    }
    place
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(q: &str) -> Option<NumberQuery> {
        Query::parse(q, true).number
    }

    #[test]
    fn numbers_with_scale_words_and_units() {
        let n = num("4.83万").unwrap();
        assert!((n.value - 48_300.0).abs() < 1e-9);
        assert_eq!(n.unit, None);
        let n = num("3亿元").unwrap();
        assert!((n.value - 3e8).abs() < 1e-3);
        assert_eq!(n.unit.as_deref(), Some("元"));
        assert!(n.distance(3.02e8).is_some());
        assert!(n.distance(2.15e8).is_none());
        let n = num("98%").unwrap();
        assert_eq!(n.unit.as_deref(), Some("%"));
        assert!(n.distance(98.0) == Some(0.0));
    }

    #[test]
    fn words_are_not_numbers() {
        assert_eq!(num("就业"), None);
        assert_eq!(num("4.83万人次就业扶贫"), None);
        assert_eq!(num(""), None);
        assert_eq!(num("."), None);
    }

    #[test]
    fn pinyin_only_for_letters() {
        assert!(Query::parse("jiuye", true).pinyin.is_some());
        assert!(Query::parse("jiuye", false).pinyin.is_none());
        assert!(Query::parse("就业", true).pinyin.is_none());
    }
}
