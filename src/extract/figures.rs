//! Finding figures in a sentence: numerals with their qualifiers (约, 余, 以上…), units,
//! ranges (0-17岁, 三至五万元), rates (每人每年) and typed non-statistics.

use super::numeral::{self, Form, Numeral};
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

/// A qualifier as written, and what it makes of the figure: (text, shape, inclusive,
/// approx).
type Qualifier = (&'static str, Shape, Option<bool>, Approx);

/// Qualifiers written before a number.
const PREFIXES: &[Qualifier] = &[
    ("大约", Shape::Point, None, Approx::About),
    ("大概", Shape::Point, None, Approx::About),
    ("约", Shape::Point, None, Approx::About),
    ("約", Shape::Point, None, Approx::About),
    ("不超过", Shape::UpperBound, Some(true), Approx::Exact),
    ("不高于", Shape::UpperBound, Some(true), Approx::Exact),
    ("至多", Shape::UpperBound, Some(true), Approx::Exact),
    ("最多", Shape::UpperBound, Some(true), Approx::Exact),
    ("超过", Shape::LowerBound, Some(false), Approx::Exact),
    ("多于", Shape::LowerBound, Some(false), Approx::Exact),
    ("高于", Shape::LowerBound, Some(false), Approx::Exact),
    ("超", Shape::LowerBound, Some(false), Approx::Exact),
    ("逾", Shape::LowerBound, Some(false), Approx::Exact),
    ("至少", Shape::LowerBound, Some(true), Approx::Exact),
    ("不少于", Shape::LowerBound, Some(true), Approx::Exact),
    ("不低于", Shape::LowerBound, Some(true), Approx::Exact),
    ("最少", Shape::LowerBound, Some(true), Approx::Exact),
    ("将近", Shape::UpperBound, Some(false), Approx::Exact),
    ("接近", Shape::UpperBound, Some(false), Approx::Exact),
    ("不足", Shape::UpperBound, Some(false), Approx::Exact),
    ("不到", Shape::UpperBound, Some(false), Approx::Exact),
    ("少于", Shape::UpperBound, Some(false), Approx::Exact),
    ("低于", Shape::UpperBound, Some(false), Approx::Exact),
    ("近", Shape::UpperBound, Some(false), Approx::Exact),
];

/// Qualifiers written after the unit.
const SUFFIXES: &[Qualifier] = &[
    ("及以上", Shape::LowerBound, Some(true), Approx::Exact),
    ("以上", Shape::LowerBound, Some(true), Approx::Exact),
    ("及以下", Shape::UpperBound, Some(true), Approx::Exact),
    ("以下", Shape::UpperBound, Some(true), Approx::Exact),
    ("以内", Shape::UpperBound, Some(true), Approx::Exact),
    ("左右", Shape::Point, None, Approx::About),
    ("上下", Shape::Point, None, Approx::About),
];

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
        let n = signed(chars, numeral::with_exponent(chars, n, end), start, &out);
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
    out
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

/// `百分之三十` (percent written in words).
fn percent_words(chars: &[char], at: usize, end: usize) -> Option<Raw> {
    let n = numeral::parse_at(&chars[..end], at + 3)?;
    let mut raw = quantity(chars, &n, at + 3, end, None);
    raw.start = at.min(raw.start);
    raw.kind = Kind::Percent;
    raw.unit = Some("%");
    raw.dimension = Dimension::Percent;
    Some(raw)
}

/// The figure around numeral `n`, or `None` when it is a word, not a figure (统一, 一些).
fn figure_at(chars: &[char], n: &Numeral, sentence_start: usize, end: usize) -> Option<Raw> {
    if let Some(t) = typed::classify(chars, n, end) {
        return Some(Raw::typed(t));
    }
    if n.end < end && matches!(chars[n.end], '几' | '幾') {
        return vague(chars, n.start, n.end + 1, end);
    }
    let raw = quantity(
        chars,
        n,
        sentence_start,
        end,
        unit_at_within(chars, n.end, end),
    );
    if typed::is_chinese(n.form) {
        // A Chinese numeral is a figure only with a unit; a lone 一 with a classifier is
        // nearly always an article (建立一个…), not a count.
        if raw.unit.is_none() || (n.end - n.start == 1 && chars[n.start] == '一') {
            return None;
        }
    }
    Some(raw)
}

/// `数十万人`, `几万元`, `十几个`: a vague magnitude. Flagged with no value rather than
/// a guessed point (数十万 is anything from 20万 to 90万).
/// `start..from` is the vague part read so far (`数`, `十几`); scale words and a unit
/// must follow.
fn vague(chars: &[char], start: usize, from: usize, end: usize) -> Option<Raw> {
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

fn unit_at_within(chars: &[char], at: usize, end: usize) -> Option<&'static Unit> {
    unit_at(chars, at).filter(|u| at + u.written.chars().count() <= end)
}

/// Builds a quantity: qualifiers, range, unit, rate. `unit` is the unit right after
/// the numeral, if any (the caller has looked it up already).
fn quantity(
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
    // 0-17岁, 1-2万元, 三至五万元: a range whose scale and unit apply to both ends.
    if unit.is_none()
        && shape == Shape::Point
        && pos < end
        && RANGE_MARKS.contains(&chars[pos])
        && let Some(hi) = numeral::parse_at(&chars[..end], pos + 1)
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
    let unit_len = unit.map_or(0, |u| u.written.chars().count());
    let scale_exp = unit.map_or(0, |u| u.exp);
    if scale_exp > 0 {
        value = value.and_then(|v| v.mul_pow10(scale_exp));
        high = high.and_then(|v| v.mul_pow10(scale_exp));
    }
    pos += unit_len;
    // 玖仟陆佰陆拾伍圆壹角捌分, 壹拾壹元整.
    if unit.is_some_and(|u| u.canonical == "元") {
        (value, pos) = money_tail(chars, value, pos, end);
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
    if let Some(qualifier) = PREFIXES
        .iter()
        .find(|(p, ..)| ends_with(chars, start, p) && start - p.chars().count() >= sentence_start)
    {
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

/// Shape and approximation as qualifiers are met, before and after the number.
struct Qualified {
    shape: Shape,
    inclusive: Option<bool>,
    approx: Approx,
    warnings: Vec<String>,
}

impl Qualified {
    /// The first bound wins; a second one is reported, not silently applied.
    fn apply(&mut self, &(text, shape, inclusive, approx): &Qualifier, side: &str) {
        if shape != Shape::Point {
            if self.shape == Shape::Point {
                self.shape = shape;
                self.inclusive = inclusive;
            } else {
                self.warnings.push(format!(
                    "conflicting qualifiers: {text} {side} an already bounded figure"
                ));
            }
        }
        if approx == Approx::About {
            self.approx = Approx::About;
        }
    }
}

/// A qualifier after the unit (`37亿元左右`), or after a short head noun that follows a
/// classifier (`280个县左右`, `20所学校以上`), ending the clause. Returns where the
/// qualifier starts and which it is.
fn suffix_after(
    chars: &[char],
    pos: usize,
    end: usize,
    has_unit: bool,
) -> Option<(usize, &'static Qualifier)> {
    let at = |p: usize| {
        SUFFIXES
            .iter()
            .find(|(s, ..)| starts_with(chars, p, s) && p + s.chars().count() <= end)
    };
    if let Some(q) = at(pos) {
        return Some((pos, q));
    }
    if !has_unit {
        return None;
    }
    for gap in 1..=3 {
        let p = pos + gap;
        if p > end || typed::is_punct(chars[p - 1]) || numeral::is_numeral_char(chars[p - 1]) {
            return None;
        }
        if let Some(q) = at(p) {
            let after = p + q.0.chars().count();
            if after == end || typed::is_punct(chars[after]) {
                return Some((p, q));
            }
        }
    }
    None
}

/// `翻一番` (doubled), `翻两番` (four times): a multiple written as doublings.
fn doublings(chars: &[char], at: usize, end: usize) -> Option<Raw> {
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

/// 角 and 分 after 元, and a closing 整.
fn money_tail(
    chars: &[char],
    mut value: Option<Decimal>,
    mut pos: usize,
    end: usize,
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
    if chars.get(pos) == Some(&'整') && pos < end {
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

/// `约占…的23.8%`: an 约 earlier in the clause that governs the figure.
fn clause_says_about(chars: &[char], at: usize, floor: usize) -> bool {
    let mut i = at;
    while i > floor {
        let c = chars[i - 1];
        if "，。；,;：:、".contains(c) || c.is_ascii_digit() {
            return false;
        }
        if c == '约' && chars.get(i).is_some_and(|n| "占为有合达计".contains(*n)) {
            return true;
        }
        i -= 1;
    }
    false
}
