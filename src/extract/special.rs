//! Figures written in a form of their own rather than number + unit: fractions and
//! discounts in percent (`三分之一`, `千分之2.4`, `打八折`), percent in words
//! (`百分之三十`), vague magnitudes (`数十万人`), doublings (`翻两番`). Each builds on
//! `figures::quantity`; must not import subjects or the model's serialisation.

use super::figures::{Raw, quantity, unit_at_within};
use super::numeral::{self, Form, Numeral};
use super::shares;
use super::units::starts_with;
use crate::decimal::Decimal;
use crate::model::{Approx, Dimension, Kind, Shape};

/// `三分之一`, `千分之2.4`, `万分之3`: a fraction, in percent. A qualifier before it
/// (`近三分之一`) is read as for any figure.
pub fn fraction(chars: &[char], at: usize, sentence_start: usize, end: usize) -> Option<Raw> {
    let (den, num_at) = match chars.get(at)? {
        '千' | '仟' if starts_with(chars, at + 1, "分之") => (1000, at + 3),
        '万' | '萬' if starts_with(chars, at + 1, "分之") => (10_000, at + 3),
        _ => {
            let d = numeral::parse_at(&chars[..end], at)?;
            if !starts_with(chars, d.end, "分之") {
                return None;
            }
            let v: u128 = d
                .value
                .filter(|v| v.is_integer())?
                .to_string()
                .parse()
                .ok()?;
            (v, d.end + 2)
        }
    };
    if num_at >= end {
        return None;
    }
    let n = numeral::parse_at(&chars[..end], num_at)?;
    let (value, exact) = shares::percent_of(n.value?, den)?;
    let mut raw = quantity(chars, &n, num_at, end, None);
    // Qualifiers before the fraction: read them as if the number started there.
    let lead = Numeral {
        start: at,
        ..n.clone()
    };
    let outer = quantity(chars, &lead, sentence_start, n.end, None);
    raw.start = outer.start;
    if raw.shape == Shape::Point {
        (raw.shape, raw.inclusive) = (outer.shape, outer.inclusive);
    }
    if outer.approx == Approx::About {
        raw.approx = Approx::About;
    }
    raw.value = Some(value);
    raw.high = None;
    if !exact {
        raw.approx = Approx::About;
        raw.warnings.push(shares::inexact_warning(value));
    }
    raw.kind = Kind::Percent;
    raw.unit = Some("%");
    raw.dimension = Dimension::Percent;
    raw.number_start = at;
    Some(raw)
}

/// `打八折` (80 %), `打八五折` (85 %), `打7.5折`: a price cut to that share.
pub fn discount(chars: &[char], at: usize, end: usize) -> Option<Raw> {
    if chars.get(at) != Some(&'打') {
        return None;
    }
    let n = numeral::parse_at(&chars[..end], at + 1)?;
    if !starts_with(chars, n.end, "折") || n.end >= end {
        return None;
    }
    let v = n.value?;
    // 八折 is 80 %, 八五折 (written digit by digit) 85 %.
    let two_digits = n.form == numeral::Form::ChineseDigits
        || n.form == Form::Arabic && n.end - n.start == 2 && v.is_integer();
    let value = if two_digits { v } else { v.mul_pow10(1)? };
    let mut raw = quantity(chars, &n, at + 1, end, None);
    raw.start = at;
    raw.end = n.end + 1;
    raw.value = Some(value);
    raw.kind = Kind::Percent;
    raw.unit = Some("%");
    raw.dimension = Dimension::Percent;
    Some(raw)
}

/// `百分之三十` (percent written in words).
pub fn percent_words(chars: &[char], at: usize, end: usize) -> Option<Raw> {
    let n = numeral::parse_at(&chars[..end], at + 3)?;
    let mut raw = quantity(chars, &n, at + 3, end, None);
    raw.start = at.min(raw.start);
    raw.kind = Kind::Percent;
    raw.unit = Some("%");
    raw.dimension = Dimension::Percent;
    Some(raw)
}

/// `数十万人`, `几万元`, `十几个`: a vague magnitude. Flagged with no value rather than
/// a guessed point (数十万 is anything from 20万 to 90万).
/// `start..from` is the vague part read so far (`数`, `十几`); scale words and a unit
/// must follow.
pub fn vague(chars: &[char], start: usize, from: usize, end: usize) -> Option<Raw> {
    let mut stop = from;
    while stop < end && matches!(chars[stop], '十' | '百' | '千' | '万' | '亿' | '萬' | '億')
    {
        stop += 1;
    }
    if stop == from
        && chars[start..from]
            .iter()
            .all(|c| matches!(c, '数' | '几' | '幾'))
    {
        return None;
    }
    let unit = unit_at_within(chars, stop, end)?;
    let written: String = chars[start..stop].iter().collect();
    Some(Raw {
        kind: unit.kind,
        start,
        end: stop + unit.written.chars().count(),
        value: None,
        high: None,
        shape: Shape::Point,
        inclusive: None,
        approx: Approx::About,
        unit: Some(unit.canonical),
        dimension: unit.dimension,
        rate: None,
        date: None,
        warnings: vec![format!(
            "vague magnitude ({written}): no single value is stated"
        )],
        change_from: false,
        number_start: start,
    })
}

/// `翻一番` (doubled), `翻两番` (four times): a multiple written as doublings.
pub fn doublings(chars: &[char], at: usize, end: usize) -> Option<Raw> {
    if chars.get(at) != Some(&'翻') {
        return None;
    }
    let n = numeral::parse_at(&chars[..end], at + 1)?;
    if chars.get(n.end) != Some(&'番') || n.end >= end {
        return None;
    }
    let times: u32 = n
        .value?
        .to_string()
        .parse()
        .ok()
        .filter(|t| (1..=30).contains(t))?;
    let value = Decimal::from_u64(1u64 << times);
    Some(Raw {
        kind: Kind::Multiple,
        start: at,
        end: n.end + 1,
        value: Some(value),
        high: None,
        shape: Shape::Point,
        inclusive: None,
        approx: Approx::Exact,
        unit: Some("倍"),
        dimension: Dimension::Multiple,
        rate: None,
        date: None,
        warnings: Vec::new(),
        change_from: false,
        number_start: n.start,
    })
}
