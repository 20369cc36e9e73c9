//! What is written around a numeral and changes its value: a sign before it (`负3亿元`,
//! `-3.5%`, `－5%`, `−12人`) and an exponent after it (`1e9`, `1.5E+3`, `3×10^4`).
//! A dash is a sign only where it cannot be a range, a date, a list mark or a hyphen.
//! Works on `&[char]` and a `Numeral` already read; must not import the rest of the
//! extractor.

use super::{Form, Numeral, is_numeral_char};

/// Scientific notation whose value does not fit the exact decimal; refused, not rounded.
pub const WARN_EXPONENT: &str = "scientific notation out of range";

/// The position of a sign written just before `at`, if the char there reads as one.
/// `floor` is where the text (sentence) begins: nothing before it is looked at.
pub fn sign_before(chars: &[char], at: usize, floor: usize) -> Option<usize> {
    if at <= floor {
        return None;
    }
    let s = at - 1;
    let c = chars[s];
    let first = chars.get(at).copied()?;
    let prev = (s > floor).then(|| chars[s - 1]);
    match c {
        // 正负3% is "plus or minus", not a negative value.
        '负' | '負' => (prev != Some('正')).then_some(s),
        '-' | '－' | '−' => {
            // A dash sign is glued to Arabic digits: `- 12` is a list mark, `-三` a
            // dash in running text.
            if !(first.is_ascii_digit() || ('０'..='９').contains(&first)) {
                return None;
            }
            // After a digit, a letter, a percent sign or a numeral it is a range, a
            // date or a hyphen: `0-17岁`, `10%-20%`, `2022-06-18`, `COVID-19`.
            let joins = prev.is_some_and(|p| {
                p.is_ascii_alphanumeric() || is_numeral_char(p) || "%％‰.．-－−—–~～/_".contains(p)
            });
            (!joins).then_some(s)
        }
        _ => None,
    }
}

/// `n` with the sign at `sign` applied: the span starts at the sign, the value is
/// negated.
pub fn with_sign(n: Numeral, sign: usize) -> Numeral {
    Numeral {
        value: n.value.map(std::ops::Neg::neg),
        start: sign,
        ..n
    }
}

/// An exponent written after an Arabic number: `e9`, `E+3`, `e-2`, `×10^4`, `×10⁴`.
/// Returns the power of ten and where the notation ends.
fn exponent_after(chars: &[char], at: usize) -> Option<(i32, usize)> {
    let mut j = at;
    match chars.get(j)? {
        'e' | 'E' => j += 1,
        '×' | 'x' | 'X' | '*' => {
            j += 1;
            if chars.get(j) != Some(&'1') || chars.get(j + 1) != Some(&'0') {
                return None;
            }
            j += 2;
            if chars.get(j) == Some(&'^') {
                j += 1;
            } else if chars.get(j).is_some_and(|c| superscript(*c).is_some()) {
                return Some(superscript_exponent(chars, j));
            } else {
                return None;
            }
        }
        _ => return None,
    }
    let negative = match chars.get(j) {
        Some('+') => {
            j += 1;
            false
        }
        Some('-' | '−') => {
            j += 1;
            true
        }
        _ => false,
    };
    let from = j;
    let mut e: i32 = 0;
    while let Some(d) = chars.get(j).and_then(|c| c.to_digit(10)) {
        if !chars[j].is_ascii_digit() {
            break;
        }
        e = e.saturating_mul(10).saturating_add(i32::try_from(d).ok()?);
        j += 1;
    }
    // `1e` alone, or `3e5b` (a code such as a hash), is no exponent.
    if j == from || chars.get(j).is_some_and(char::is_ascii_alphanumeric) {
        return None;
    }
    Some((if negative { -e } else { e }, j))
}

fn superscript(c: char) -> Option<i32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as i32 - '⁴' as i32 + 4),
        _ => None,
    }
}

fn superscript_exponent(chars: &[char], mut j: usize) -> (i32, usize) {
    let mut e: i32 = 0;
    while let Some(d) = chars.get(j).copied().and_then(superscript) {
        e = e.saturating_mul(10).saturating_add(d);
        j += 1;
    }
    (e, j)
}

/// `n` with a scientific exponent after it taken in, exactly; a value that cannot be
/// held exactly is refused with a warning, never cut to its mantissa (`1e9` is not 1).
pub fn with_exponent(chars: &[char], n: Numeral, end: usize) -> Numeral {
    if n.form != Form::Arabic {
        return n;
    }
    let Some((e, stop)) = exponent_after(chars, n.end).filter(|&(_, stop)| stop <= end) else {
        return n;
    };
    let value = n.value.and_then(|v| {
        let k = e.unsigned_abs();
        if e >= 0 {
            v.mul_pow10(k)
        } else {
            v.div_pow10(k)
        }
    });
    Numeral {
        warning: n.warning.or(value.is_none().then_some(WARN_EXPONENT)),
        value,
        end: stop,
        form: Form::ArabicScaled,
        ..n
    }
}
