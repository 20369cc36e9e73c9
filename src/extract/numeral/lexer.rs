//! The characters of a numeral: which class each char is (digit, unit, zero, point),
//! Arabic digit runs with separators and decimals, and digit-by-digit Chinese runs
//! (`二〇二〇`, `三四十`). Knows nothing of terms or scale; must not import the parser.

use super::{Form, Numeral, WARN_MALFORMED, WARN_RANGE, WARN_TOO_LARGE};
use crate::decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ch {
    /// ASCII or full-width digit.
    Arabic,
    /// A Chinese digit 1-9; `true` for the financial forms.
    Digit(u8, bool),
    /// 零 〇 ○ (the last is a common stand-in for 〇 in years).
    Zero(char),
    /// A unit and its level (十 1 … 亿 8); `true` for the financial forms 拾 佰 仟.
    Unit(u32, bool),
    /// 廿 卅 卌: 20, 30, 40, as the tens digit.
    Tens(u8),
    Point,
    Other,
}

pub(super) fn class(c: char) -> Ch {
    match c {
        '0'..='9' | '０'..='９' => Ch::Arabic,
        '零' | '〇' | '○' => Ch::Zero(c),
        '一' => Ch::Digit(1, false),
        '二' | '两' | '兩' => Ch::Digit(2, false),
        '三' => Ch::Digit(3, false),
        '四' => Ch::Digit(4, false),
        '五' => Ch::Digit(5, false),
        '六' => Ch::Digit(6, false),
        '七' => Ch::Digit(7, false),
        '八' => Ch::Digit(8, false),
        '九' => Ch::Digit(9, false),
        '壹' => Ch::Digit(1, true),
        '贰' | '貳' | '貮' => Ch::Digit(2, true),
        '叁' | '參' | '叄' => Ch::Digit(3, true),
        '肆' => Ch::Digit(4, true),
        '伍' => Ch::Digit(5, true),
        '陆' | '陸' => Ch::Digit(6, true),
        '柒' => Ch::Digit(7, true),
        '捌' => Ch::Digit(8, true),
        '玖' => Ch::Digit(9, true),
        '十' => Ch::Unit(1, false),
        '拾' => Ch::Unit(1, true),
        '百' => Ch::Unit(2, false),
        '佰' => Ch::Unit(2, true),
        '千' => Ch::Unit(3, false),
        '仟' => Ch::Unit(3, true),
        '万' | '萬' => Ch::Unit(4, false),
        '亿' | '億' => Ch::Unit(8, false),
        '廿' => Ch::Tens(2),
        '卅' => Ch::Tens(3),
        '卌' => Ch::Tens(4),
        '点' | '點' => Ch::Point,
        _ => Ch::Other,
    }
}

pub(super) fn arabic_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

pub(super) fn is_arabic_digit_at(chars: &[char], i: usize) -> bool {
    chars.get(i).copied().and_then(arabic_digit).is_some()
}

/// Reads `123`, `6,688`, `4.83`, `１２．５` at `i`: ASCII digits of the integer and
/// fractional parts, and the end.
pub(super) fn scan_arabic(chars: &[char], i: usize) -> (String, String, usize) {
    let mut int = String::new();
    let mut j = i;
    while let Some(d) = chars.get(j).copied().and_then(arabic_digit) {
        int.push(char::from(b'0' + d));
        j += 1;
    }
    // Only strict grouping is a thousands separator: `829个,惠及` and `1,2` are lists.
    if int.len() <= 3 {
        while matches!(chars.get(j), Some(',' | '，'))
            && (1..=3).all(|k| is_arabic_digit_at(chars, j + k))
            && !is_arabic_digit_at(chars, j + 4)
        {
            for k in 1..=3 {
                if let Some(d) = chars.get(j + k).copied().and_then(arabic_digit) {
                    int.push(char::from(b'0' + d));
                }
            }
            j += 4;
        }
    }
    let mut frac = String::new();
    if matches!(chars.get(j), Some('.' | '．')) && is_arabic_digit_at(chars, j + 1) {
        j += 1;
        while let Some(d) = chars.get(j).copied().and_then(arabic_digit) {
            frac.push(char::from(b'0' + d));
            j += 1;
        }
    }
    (int, frac, j)
}

/// A plain Chinese digit as used in digit-by-digit writing (years, ranges).
pub(super) fn run_digit(c: char) -> Option<u8> {
    match class(c) {
        Ch::Zero(_) => Some(0),
        Ch::Digit(d, false) => Some(d),
        _ => None,
    }
}

pub(super) enum Run {
    /// Fewer than two digits in a row: an ordinary numeral, if any.
    Absent,
    /// The answer for a run not followed by a unit.
    Done(Option<Numeral>),
    /// A run followed by a unit (`三四十万`): read on from its last digit, with a warning.
    BeforeUnit {
        warning: &'static str,
        last_digit: usize,
    },
}

pub(super) fn digit_run(chars: &[char], start: usize) -> Run {
    let mut end = start;
    let mut digits = String::new();
    let mut has_liang = false;
    while let Some(&c) = chars.get(end) {
        let Some(d) = run_digit(c) else { break };
        has_liang |= matches!(c, '两' | '兩');
        // Only the first few digits matter for the range test; the string is for the
        // value, which fails fast on overflow.
        digits.push(char::from(b'0' + d));
        end += 1;
    }
    if end - start < 2 {
        return Run::Absent;
    }
    let b = digits.as_bytes();
    let pair_range = b.len() == 2 && b[0] != b'0' && b[0] + 1 == b[1];
    let before_unit = chars
        .get(end)
        .is_some_and(|&c| matches!(class(c), Ch::Unit(..)));
    if before_unit {
        return Run::BeforeUnit {
            warning: if pair_range {
                WARN_RANGE
            } else {
                WARN_MALFORMED
            },
            last_digit: end - 1,
        };
    }
    if pair_range {
        return Run::Done(Some(Numeral {
            value: None,
            start,
            end,
            form: Form::Chinese,
            warning: Some(WARN_RANGE),
        }));
    }
    if has_liang {
        // 两 is never used in digit-by-digit writing: `两两` is a word.
        return Run::Absent;
    }
    let value = Decimal::from_digits(&digits, "");
    Run::Done(Some(Numeral {
        value,
        start,
        end,
        form: Form::ChineseDigits,
        warning: value.is_none().then_some(WARN_TOO_LARGE),
    }))
}
