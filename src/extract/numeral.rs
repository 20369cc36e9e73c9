//! Numerals: Arabic (with decimals, thousands separators, full-width digits and scale
//! words), Chinese (strict, colloquial, financial, traditional), and mixed forms.
//!
//! Pure functions over `&[char]`; positions are char indices. No terminal code, no I/O.
//!
//! One left-to-right pass reads the numeral as *terms* (`三千`, `五百`, `2000万`), each a
//! value and the level of the unit that made it (十 1, 百 2, 千 3, 万 4, 亿 8, and 12 for a
//! stacked `万亿`, so `1万亿零500亿` reads as 1.05 × 10^12), kept on a
//! stack of strictly decreasing levels. A unit multiplies every term below its level
//! (`三千五百万`: 3500 × 10^4), which is what makes `千万`, `万亿`, `十万` work without a
//! table of compounds. After each accepted token the value of the prefix read so far is
//! recorded; the first token that breaks the grammar ends the numeral at the last
//! recorded prefix, so `end` is always the longest *valid* numeral, never a guess.
//!
//! Decisions callers rely on:
//! - `万万` / `亿亿` (older usage: 四万万 = 4 × 10^8) are accepted, so `一万万万…` runs
//!   grow until they pass 10^30 and then come back as `value: None`, "too large", with
//!   `end` after the whole run. `一万二千万` (12000 万, also older usage) is recognised
//!   but not valued: `value: None`, "malformed digit sequence", `end` after the last 万.
//! - A unit that cannot follow a unit is left out: `3万千瓦` → 3万, `1亿万人` → 1亿,
//!   `万元` → none. A unit refused right after a number takes that number with it:
//!   `1亿20000万` → 1亿 (end before `2`), `三百四百` → 三百; the caller will find the
//!   rest as a numeral of its own.
//! - `十` alone is 10; `拾` alone is not a numeral (收拾). A lone financial digit is a
//!   numeral only before a money word (`伍元` yes, `队伍` / `陆续` no).
//! - A bare digit after a unit is the next lower unit (`三万五` 35000, `三亿五` 3.5亿) only
//!   when the last term is one digit times one unit; after a compound (`十万八`,
//!   `三千万五`) it is a guess, so that prefix is `value: None`, "ambiguous colloquial
//!   numeral" (`十万八千` is fine). After 零 the digit is plain (`一千零五` 1005).
//! - Ranges (`三四十万`, `十七八万`, `三四个`) and plan names (`十三五`) are recognised with
//!   `value: None` so that the caller can skip them instead of mis-reading them.
//! - `点` after an Arabic number is not a decimal point (`3点` is a time), and a Chinese
//!   `点` followed by `分` / `刻` / `十` / `时` is a time too (`十点三十分` → 10).
//! - `兆` is never a scale word (10^6 or 10^12 depending on the writer).

mod lexer;
mod parser;
mod sign;
#[cfg(test)]
mod writer;

use crate::decimal::Decimal;
use lexer::{Ch, Run, class, digit_run};
use parser::Parser;
pub use sign::{WARN_EXPONENT, sign_before, with_exponent, with_sign};
#[cfg(test)]
pub use writer::to_chinese;

/// The value passed 10^30 (or a scale exponent that large).
pub const WARN_TOO_LARGE: &str = "too large";
/// More than 18 decimal places; rounding would make the value silently wrong.
pub const WARN_TOO_PRECISE: &str = "too many decimal places";
/// Two neighbouring digits that mean "n or n+1" (`三四十`, `十七八万`, `三四个`).
pub const WARN_RANGE: &str = "approximate range, not one number";
/// A Five-Year Plan name such as `十三五`, which reads like a number but is not one.
pub const WARN_PLAN_NAME: &str = "five-year plan name, not a number";
/// Digits that cannot be read as one number (`二〇万`, `十二三九`).
pub const WARN_MALFORMED: &str = "malformed digit sequence";
/// A bare digit after a compound term (`十万八`, `三千万五`): 108000 or 180000?
pub const WARN_AMBIGUOUS: &str = "ambiguous colloquial numeral";

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
///
/// Time is linear in the length of the numeral (plus one look-ahead char).
pub fn parse_at(chars: &[char], start: usize) -> Option<Numeral> {
    let &first = chars.get(start)?;
    let mut p = Parser::new(chars, start);
    match digit_run(chars, start) {
        Run::Done(n) => return n,
        Run::BeforeUnit {
            warning,
            last_digit,
        } => {
            p.warning = Some(warning);
            p.pos = last_digit;
            p.run();
            return p.best.or(Some(Numeral {
                value: None,
                start,
                end: last_digit + 1,
                form: Form::Chinese,
                warning: Some(warning),
            }));
        }
        Run::Absent => {}
    }
    match class(first) {
        // 十 is the one unit that stands for itself: 十五, 十万.
        Ch::Unit(1, false) => p.begin_with_term(Decimal::from_u64(10)),
        Ch::Tens(t) => p.begin_with_term(Decimal::from_u64(10 * u64::from(t))),
        Ch::Unit(..) | Ch::Point | Ch::Other => return None,
        Ch::Arabic | Ch::Digit(..) | Ch::Zero(_) => {}
    }
    p.run();
    let best = p.best?;
    if best.form == Form::Financial && best.end - best.start == 1 && !p.units_at_best {
        // 伍 and 陆 are everyday characters (队伍, 陆续); alone they are numbers only
        // where money follows.
        let money = chars
            .get(best.end)
            .is_some_and(|c| "元圆圓角分整".contains(*c));
        return money.then_some(best);
    }
    Some(best)
}

/// Parses a whole string (surrounding white space ignored) as a single numeral, with a
/// written sign (`负二`, `-10.1万`) and scientific notation (`1.5E+3`).
pub fn parse_number(s: &str) -> Option<Decimal> {
    let chars: Vec<char> = s.trim().chars().collect();
    let signed = matches!(chars.first(), Some('负' | '負' | '-' | '－' | '−'));
    let from = usize::from(signed);
    let mut n = with_exponent(&chars, parse_at(&chars, from)?, chars.len());
    if signed {
        n = with_sign(n, sign_before(&chars, from, 0)?);
    }
    if n.end == chars.len() { n.value } else { None }
}

/// Whether `c` can start a numeral or continue one. The point and separator characters
/// (`.` `．` `,` `，` `点` `點`), which only ever continue one, are not included.
pub fn is_numeral_char(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "零〇○一二两三四五六七八九十百千万亿壹贰貳貮叁參叄肆伍陆陸柒捌玖拾佰仟萬億兩廿卅卌"
            .contains(c)
}

#[cfg(test)]
mod tests;
