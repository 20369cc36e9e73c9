//! Finding figures in a sentence: numerals with their qualifiers (约, 余, 以上…), units,
//! ranges (0-17岁, 三至五万元), rates (每人每年) and typed non-statistics.

use super::numeral::{self, Form, Numeral};
use super::qualifiers::{
    PREFIXES, Qualified, clause_says_about, is_difference, share_list_bounds,
    share_list_qualifiers, suffix_after,
};
use super::special::{discount, doublings, fraction, percent_words, vague};
use super::typed::{self, Typed};
use super::units::{Unit, ends_with, starts_with, unit_at};
use crate::decimal::Decimal;
use crate::model::{Approx, Dimension, Kind, Shape};

/// A figure before ids, subjects and cross-links are given.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub value: Option<Decimal>,
    pub high: Option<Decimal>,
    pub shape: Shape,
    pub inclusive: Option<bool>,
    pub approx: Approx,
    pub unit: Option<&'static str>,
    pub dimension: Dimension,
    pub rate: Option<String>,
    pub date: Option<String>,
    pub warnings: Vec<String>,
    /// Preceded by 由 or 从: the start of a stated change.
    pub change_from: bool,
    /// Where the number itself starts (after any qualifier or rate).
    pub number_start: usize,
}

impl Raw {
    fn typed(t: Typed) -> Raw {
        Raw {
            kind: t.kind,
            start: t.start,
            end: t.end,
            value: t.value,
            high: None,
            shape: Shape::Point,
            inclusive: None,
            approx: Approx::Exact,
            unit: None,
            dimension: Dimension::None,
            rate: None,
            date: t.date,
            warnings: Vec::new(),
            change_from: false,
            number_start: t.start,
        }
    }
}

const RANGE_MARKS: &[char] = &['-', '－', '—', '–', '~', '～', '〜', '至', '到'];

/// Scans the sentence `chars[start..end]` for figures, in text order, non-overlapping.
pub fn scan(chars: &[char], start: usize, end: usize) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        if let Some(t) =
            typed::name_at(chars, i, end).or_else(|| typed::quoted_name_at(chars, i, end))
        {
            i = t.end;
            out.push(Raw::typed(t));
            continue;
        }
        if matches!(chars[i], '数' | '几' | '幾')
            && let Some(raw) = vague(chars, i, i + 1, end)
        {
            i = raw.end;
            out.push(raw);
            continue;
        }
        if let Some(raw) = doublings(chars, i, end) {
            i = raw.end;
            out.push(raw);
            continue;
        }
        if let Some(raw) = fraction(chars, i, start, end).or_else(|| discount(chars, i, end)) {
            i = raw.end;
            out.push(raw);
            continue;
        }
        if starts_with(chars, i, "百分之")
            && let Some(raw) = percent_words(chars, i, end)
        {
            i = raw.end;
            out.push(raw);
            continue;
        }
        if glued_to_word(chars, i, start) {
            // Skip the rest of an ASCII word so `G20` or `COVID-19` yield no figure.
            while i < end && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
            continue;
        }
        let Some(n) = numeral::parse_at(&chars[..end], i) else {
            i += 1;
            continue;
        };
        let n = scale_left_to_unit(chars, n, end);
        let n = signed(chars, numeral::with_exponent(chars, n, end), start, &out);
        if let Some(t) = list_number(chars, &n, start, end) {
            i = t.end;
            out.push(Raw::typed(t));
            continue;
        }
        if is_reference(chars, &n, start, end) {
            i = n.end;
            continue;
        }
        if let Some(raw) = figure_at(chars, &n, start, end) {
            i = raw.end.max(i + 1);
            out.push(raw);
        } else {
            i = n.end.max(i + 1);
        }
    }
    share_list_qualifiers(chars, &mut out);
    share_list_bounds(chars, &mut out);
    out
}

/// `100千瓦时`, `50千克`: a 千 the numeral took as a scale word begins the unit instead,
/// so the numeral ends before it. `3万千瓦` is left alone: the numeral never took the 千.
fn scale_left_to_unit(chars: &[char], n: Numeral, end: usize) -> Numeral {
    let last = n.end - 1;
    if last <= n.start || !matches!(chars[last], '千' | '仟') {
        return n;
    }
    let takes = unit_at_within(chars, last, end).is_some_and(|u| u.written.chars().count() > 1);
    match numeral::parse_at(&chars[..last], n.start) {
        Some(m) if takes && m.end == last => m,
        _ => n,
    }
}

/// `n` with a sign written before it (`负3亿元`, `增长-3.5%`). A dash right after the
/// previous figure (`20岁-30岁`, `20 -30`) joins the two, so it is no sign.
fn signed(chars: &[char], n: Numeral, start: usize, out: &[Raw]) -> Numeral {
    let Some(s) = numeral::sign_before(chars, n.start, start) else {
        return n;
    };
    let mut k = s;
    while k > start && chars[k - 1].is_whitespace() {
        k -= 1;
    }
    let joins = chars[s] != '负' && chars[s] != '負' && out.last().is_some_and(|r| r.end == k);
    if joins { n } else { numeral::with_sign(n, s) }
}

/// Whether the digit at `i` belongs to a word or code rather than starting a number:
/// `G20`, `COVID-19`, `v1.2`, or the tail of a longer token.
fn glued_to_word(chars: &[char], i: usize, start: usize) -> bool {
    if !chars[i].is_ascii_digit() || i == start {
        return false;
    }
    let p = chars[i - 1];
    p.is_ascii_alphanumeric()
        || p == '.'
        || (p == '-' && i >= start + 2 && chars[i - 2].is_ascii_alphabetic())
}

/// A footnote mark (`总值[2]`, `［3］`) or a figure/table label (`图1`, `表2`): a bare
/// number that refers to something rather than counts it.
fn is_reference(chars: &[char], n: &Numeral, start: usize, end: usize) -> bool {
    let before = (n.start > start).then(|| chars[n.start - 1]);
    let after = (n.end < end).then(|| chars[n.end]);
    let bracketed = matches!(
        (before, after),
        (Some('[' | '［' | '〔'), Some(']' | '］' | '〕'))
    );
    let label = before.is_some_and(|b| "图表注附".contains(b))
        && unit_at_within(chars, n.end, end).is_none();
    bracketed || label
}

/// `1.加强领导`, `（2）`, `3、`: the number of an item in a list, at the start of the
/// sentence. An ordinal, never an amount.
fn list_number(chars: &[char], n: &Numeral, start: usize, end: usize) -> Option<Typed> {
    let v = n.value.filter(|v| v.is_integer())?;
    let next = chars.get(n.end).copied().filter(|_| n.end < end)?;
    let after_next = chars.get(n.end + 1).copied().filter(|_| n.end + 1 < end);
    let dotted = n.start == start
        && ".．、".contains(next)
        && !after_next.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let bracketed = n.start == start + 1 && "(（".contains(chars[start]) && ")）".contains(next);
    (dotted || bracketed).then(|| Typed {
        kind: Kind::Ordinal,
        start: if bracketed { start } else { n.start },
        end: n.end + 1,
        value: Some(v),
        date: None,
    })
}

/// The figure around numeral `n`, or `None` when it is a word, not a figure (统一, 一些).
fn figure_at(chars: &[char], n: &Numeral, sentence_start: usize, end: usize) -> Option<Raw> {
    if let Some(t) = typed::classify(chars, n, end) {
        return Some(Raw::typed(t));
    }
    if n.end < end && matches!(chars[n.end], '几' | '幾') {
        return vague(chars, n.start, n.end + 1, end);
    }
    // 九成 is 90 %, but 二十成员 is no share: 成 is a unit after one digit only.
    let unit = unit_at_within(chars, n.end, end).filter(|u| {
        u.written != "成"
            || n.end - n.start == 1 && n.value.is_some_and(|v| v.is_integer() && !v.is_zero())
    });
    let raw = quantity(chars, n, sentence_start, end, unit);
    if typed::is_chinese(n.form) {
        // A Chinese numeral is a figure only with a unit; a lone 一 with a classifier is
        // nearly always an article (建立一个…), not a count.
        if raw.unit.is_none() || (n.end - n.start == 1 && chars[n.start] == '一') {
            return None;
        }
    }
    Some(raw)
}

pub(super) fn unit_at_within(chars: &[char], at: usize, end: usize) -> Option<&'static Unit> {
    unit_at(chars, at).filter(|u| at + u.written.chars().count() <= end)
}

/// Builds a quantity: qualifiers, range, unit, rate. `unit` is the unit right after
/// the numeral, if any (the caller has looked it up already).
#[allow(clippy::too_many_lines)] // the qualifier, range, unit and rate steps share their locals
pub(super) fn quantity(
    chars: &[char],
    n: &Numeral,
    sentence_start: usize,
    end: usize,
    unit: Option<&'static Unit>,
) -> Raw {
    let mut warnings = Vec::new();
    if let Some(w) = n.warning {
        warnings.push(w.to_string());
    }
    let mut value = n.value;
    let mut high = None;
    let mut shape = Shape::Point;
    let mut inclusive = None;
    let approx = Approx::Exact;
    let mut pos = n.end;
    let mut unit = unit;

    // 300余个, 2000多万人: an open lower bound, possibly followed by a scale word.
    if unit.is_none() && pos < end && matches!(chars[pos], '余' | '多' | '餘') {
        let next_unit = unit_at_within(chars, pos + 1, end);
        let scale = scale_at(chars, pos + 1, end);
        if next_unit.is_some() || scale.is_some() {
            shape = Shape::LowerBound;
            inclusive = Some(false);
            pos += 1;
            if let Some((exp, len)) = scale {
                value = value.and_then(|v| v.mul_pow10(exp));
                pos += len;
            }
            unit = unit_at_within(chars, pos, end);
        }
    }
    // 0-17岁, 1-2万元, 三至五万元, `20 - 30万元`: a range whose scale and unit apply to
    // both ends.
    let (mark, after_mark) = range_mark(chars, pos, end);
    if unit.is_none()
        && shape == Shape::Point
        && mark.is_some()
        && let Some(hi) = numeral::parse_at(&chars[..end], after_mark)
        && typed::classify(chars, &hi, end).is_none()
    {
        let hi_exp = trailing_scale(chars, &hi);
        let low = match (value, hi_exp) {
            (Some(v), Some(exp)) if trailing_scale(chars, n).is_none() => v.mul_pow10(exp),
            (v, _) => v,
        };
        value = low;
        high = hi.value;
        shape = Shape::Interval;
        pos = hi.end;
        unit = unit_at_within(chars, pos, end);
    }
    // 10%-20%, 10%—20%: the unit written at both ends.
    if let Some(u) = unit
        && shape == Shape::Point
        && high.is_none()
    {
        let len = u.written.chars().count();
        let (mark, after_mark) = range_mark(chars, pos + len, end);
        // Not 至/到: `从10%到20%` is a change from one level to another.
        if mark.is_some_and(|m| !matches!(m, '至' | '到'))
            && let Some(hi) = numeral::parse_at(&chars[..end], after_mark)
            && hi.value.is_some()
            && starts_with(chars, hi.end, u.written)
            && hi.end + len <= end
            && typed::classify(chars, &hi, end).is_none()
        {
            high = hi.value;
            shape = Shape::Interval;
            pos = hi.end;
        }
    }
    let unit_len = unit.map_or(0, |u| u.written.chars().count());
    let scale_exp = unit.map_or(0, |u| u.exp);
    if scale_exp > 0 {
        value = value.and_then(|v| v.mul_pow10(scale_exp));
        high = high.and_then(|v| v.mul_pow10(scale_exp));
    }
    if unit.is_some_and(|u| u.written == "‰") {
        value = value.and_then(|v| v.div_pow10(1));
        high = high.and_then(|v| v.div_pow10(1));
    }
    pos += unit_len;
    // 玖仟陆佰陆拾伍圆壹角捌分, 壹拾壹元整.
    if unit.is_some_and(|u| u.canonical == "元") {
        (value, pos) = money_tail(chars, value, pos, end, n.form == Form::Financial);
    }
    // 5年来, 一个多月: the tail of a duration or an open bound after the unit.
    if unit.is_some_and(|u| u.kind == Kind::Duration) && starts_with(chars, pos, "来") && pos < end
    {
        pos += 1;
    }
    if unit.is_some() && shape == Shape::Point && pos < end && matches!(chars[pos], '多' | '余') {
        shape = Shape::LowerBound;
        inclusive = Some(false);
        pos += 1;
    }
    let mut rate = None;
    if unit.is_some() && pos < end && chars[pos] == '/' {
        let stop = (pos + 1..end.min(pos + 6))
            .find(|&j| typed::is_punct(chars[j]) && chars[j] != '·')
            .unwrap_or(end.min(pos + 6));
        if stop > pos + 1 {
            rate = Some(chars[pos..stop].iter().collect::<String>());
            pos = stop;
        }
    }
    let mut q = Qualified {
        shape,
        inclusive,
        approx,
        warnings,
    };
    if let Some((at, qualifier)) = suffix_after(chars, pos, end, unit.is_some()) {
        q.apply(qualifier, "after");
        pos = at + qualifier.0.chars().count();
    }

    // Before the number: a rate (每人每年), then a qualifier (约, 超过…), then 由/从.
    let mut start = n.start;
    let rate_start = rate_before(chars, start, sentence_start);
    if rate_start < start {
        rate = rate.or_else(|| Some(chars[rate_start..start].iter().collect()));
        start = rate_start;
    }
    if let Some(qualifier) = PREFIXES.iter().find(|(p, ..)| {
        ends_with(chars, start, p)
            && start - p.chars().count() >= sentence_start
            && !is_difference(chars, start - p.chars().count(), sentence_start, p)
    }) {
        q.apply(qualifier, "before");
        start -= qualifier.0.chars().count();
    }
    let Qualified {
        shape,
        inclusive,
        mut approx,
        mut warnings,
    } = q;
    if approx == Approx::Exact && clause_says_about(chars, start, sentence_start) {
        approx = Approx::About;
    }
    // 新台币3亿元: a currency named before the number is the unit, not 元.
    if unit.is_some_and(|u| u.canonical == "元")
        && let Some((at, currency)) = currency_before(chars, start, sentence_start)
    {
        unit = Some(currency);
        start = at;
    }
    let change_from = start > sentence_start && matches!(chars[start - 1], '由' | '从' | '從');

    let (kind, canonical, dimension) = match unit {
        Some(u) => (u.kind, Some(u.canonical), u.dimension),
        None => (Kind::Amount, None, Dimension::Count),
    };
    if value.is_none() && n.value.is_some() {
        warnings.push("value too large to represent exactly".into());
    }
    Raw {
        kind,
        start,
        end: pos,
        value,
        high,
        shape,
        inclusive,
        approx,
        unit: canonical,
        dimension,
        rate,
        date: None,
        warnings,
        change_from,
        number_start: n.start,
    }
}

/// A foreign currency written just before `at` (`新台币`, `港币`, `美元`): where it
/// starts, and its unit.
fn currency_before(chars: &[char], at: usize, floor: usize) -> Option<(usize, &'static Unit)> {
    const NAMES: &[&str] = &[
        "新台币",
        "新台幣",
        "新臺幣",
        "台币",
        "台幣",
        "臺幣",
        "港币",
        "港幣",
        "港元",
        "美元",
        "日元",
        "欧元",
        "英镑",
        "澳门币",
        "澳門幣",
        "澳门元",
    ];
    let name = NAMES.iter().find(|w| ends_with(chars, at, w))?;
    let from = at - name.chars().count();
    if from < floor {
        return None;
    }
    unit_at(chars, from).map(|u| (from, u))
}

/// A range mark at `pos` (spaces around it allowed: `20 - 30万元`): the mark, and
/// where the high end begins.
fn range_mark(chars: &[char], pos: usize, end: usize) -> (Option<char>, usize) {
    let spaces = |from: usize| (from..end).take_while(|&j| chars[j] == ' ').count();
    let before = spaces(pos);
    let at = pos + before;
    if at >= end || !RANGE_MARKS.contains(&chars[at]) {
        return (None, pos);
    }
    let after = spaces(at + 1);
    // Spaces on one side only (`20 -30`) make a sign, not a range.
    if (before > 0) != (after > 0) {
        return (None, pos);
    }
    (Some(chars[at]), at + 1 + after)
}

/// A scale word written apart from its numeral (`多万`, `余亿`): (power of ten, chars).
fn scale_at(chars: &[char], at: usize, end: usize) -> Option<(u32, usize)> {
    let mut exp = 0;
    let mut len = 0;
    while at + len < end {
        let e = match chars[at + len] {
            '十' => 1,
            '百' => 2,
            '千' => 3,
            '万' | '萬' => 4,
            '亿' | '億' => 8,
            _ => break,
        };
        exp += e;
        len += 1;
    }
    // 万元 is a unit we know; let the unit table take it.
    (len > 0 && unit_at_within(chars, at, end).is_none()).then_some((exp, len))
}

/// The power of ten of the scale words at the end of a numeral (`2万` → 4).
fn trailing_scale(chars: &[char], n: &Numeral) -> Option<u32> {
    if !matches!(
        n.form,
        Form::ArabicScaled | Form::Chinese | Form::Mixed | Form::Financial
    ) {
        return None;
    }
    let mut exp = 0;
    let mut i = n.end;
    while i > n.start {
        let e = match chars[i - 1] {
            '万' | '萬' => 4,
            '亿' | '億' => 8,
            '千' | '仟' => 3,
            '百' | '佰' => 2,
            _ => break,
        };
        exp += e;
        i -= 1;
    }
    (exp > 0).then_some(exp)
}

/// 角 and 分 after 元, and a closing 整 (or 正, the cheque writer's variant, only after
/// financial numerals: after `5元` it is more likely `正在`).
fn money_tail(
    chars: &[char],
    mut value: Option<Decimal>,
    mut pos: usize,
    end: usize,
    financial: bool,
) -> (Option<Decimal>, usize) {
    for (mark, exp) in [('角', 1), ('分', 2)] {
        let start = if chars.get(pos) == Some(&'零') {
            pos + 1
        } else {
            pos
        };
        if let Some(m) = numeral::parse_at(&chars[..end], start)
            && chars.get(m.end) == Some(&mark)
            && m.end < end
        {
            value = match (value, m.value.and_then(|v| v.div_pow10(exp))) {
                (Some(v), Some(add)) => v.checked_add(add),
                _ => None,
            };
            pos = m.end + 1;
        }
    }
    if pos < end && (chars[pos] == '整' || financial && chars[pos] == '正') {
        pos += 1;
    }
    (value, pos)
}

/// Start of a rate written before the number (`每人每年`), or `at` when there is none.
fn rate_before(chars: &[char], at: usize, floor: usize) -> usize {
    let mut s = at;
    while s >= floor + 2 && chars[s - 2] == '每' && !typed::is_punct(chars[s - 1]) {
        s -= 2;
    }
    s
}
