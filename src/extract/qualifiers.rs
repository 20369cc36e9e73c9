//! Qualifiers of a figure: the words before and after it that make it a bound or an
//! approximation (`约`, `超过`, `以上`, `左右`, `≥`), the clause-level `约` and the
//! `比…超过` of a difference, and the sharing of a qualifier across a list
//! (`60%和50%左右`, `分别超过A、B和C`). Works on chars and the raw figures of
//! `figures`; must not import subjects or the model's serialisation.

use super::figures::Raw;
use super::numeral;
use super::typed;
use super::units::{ends_with, starts_with};
use crate::model::{Approx, Shape};

/// A qualifier as written, and what it makes of the figure: (text, shape, inclusive,
/// approx).
pub type Qualifier = (&'static str, Shape, Option<bool>, Approx);

/// Qualifiers written before a number.
pub const PREFIXES: &[Qualifier] = &[
    ("大约", Shape::Point, None, Approx::About),
    ("大約", Shape::Point, None, Approx::About),
    ("不超過", Shape::UpperBound, Some(true), Approx::Exact),
    ("不高於", Shape::UpperBound, Some(true), Approx::Exact),
    ("不大于", Shape::UpperBound, Some(true), Approx::Exact),
    ("不多于", Shape::UpperBound, Some(true), Approx::Exact),
    ("超過", Shape::LowerBound, Some(false), Approx::Exact),
    ("大于", Shape::LowerBound, Some(false), Approx::Exact),
    ("大於", Shape::LowerBound, Some(false), Approx::Exact),
    ("高於", Shape::LowerBound, Some(false), Approx::Exact),
    ("多於", Shape::LowerBound, Some(false), Approx::Exact),
    ("不少於", Shape::LowerBound, Some(true), Approx::Exact),
    ("不低於", Shape::LowerBound, Some(true), Approx::Exact),
    ("不小于", Shape::LowerBound, Some(true), Approx::Exact),
    ("小于", Shape::UpperBound, Some(false), Approx::Exact),
    ("小於", Shape::UpperBound, Some(false), Approx::Exact),
    ("低於", Shape::UpperBound, Some(false), Approx::Exact),
    ("少於", Shape::UpperBound, Some(false), Approx::Exact),
    ("將近", Shape::UpperBound, Some(false), Approx::Exact),
    ("≥", Shape::LowerBound, Some(true), Approx::Exact),
    ("≧", Shape::LowerBound, Some(true), Approx::Exact),
    ("≤", Shape::UpperBound, Some(true), Approx::Exact),
    ("≦", Shape::UpperBound, Some(true), Approx::Exact),
    (">", Shape::LowerBound, Some(false), Approx::Exact),
    ("＞", Shape::LowerBound, Some(false), Approx::Exact),
    ("<", Shape::UpperBound, Some(false), Approx::Exact),
    ("＜", Shape::UpperBound, Some(false), Approx::Exact),
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
pub const SUFFIXES: &[Qualifier] = &[
    ("及以上", Shape::LowerBound, Some(true), Approx::Exact),
    ("以上", Shape::LowerBound, Some(true), Approx::Exact),
    ("及以下", Shape::UpperBound, Some(true), Approx::Exact),
    ("以下", Shape::UpperBound, Some(true), Approx::Exact),
    ("以内", Shape::UpperBound, Some(true), Approx::Exact),
    ("左右", Shape::Point, None, Approx::About),
    ("上下", Shape::Point, None, Approx::About),
];

/// `实际投资比计划超过56亿元`: after a 比 in the same clause, 超过 is the verb of a
/// difference, which it states exactly; it bounds nothing.
pub fn is_difference(chars: &[char], at: usize, floor: usize, qualifier: &str) -> bool {
    if !matches!(qualifier, "超过" | "超過" | "超" | "多于" | "多於") {
        return false;
    }
    let mut i = at;
    while i > floor && at - i < 16 {
        let c = chars[i - 1];
        if "，。；,;：:、".contains(c) {
            return false;
        }
        if c == '比' {
            return true;
        }
        i -= 1;
    }
    false
}

/// `分别超过60%、55%和50%`: a bound written before the first figure of a list after
/// 分别 applies to each figure of the list with the same unit.
pub fn share_list_bounds(chars: &[char], out: &mut [Raw]) {
    // Whether figure k carries the list's bound, written after 分别 or shared.
    let mut carries = vec![false; out.len()];
    for k in 0..out.len() {
        let a = &out[k];
        let bound_after_fenbie = a.shape != Shape::Point
            && a.start < a.number_start
            && (ends_with(chars, a.start, "分别") || ends_with(chars, a.start, "分別"));
        if bound_after_fenbie {
            carries[k] = true;
        }
        if k == 0 || !carries[k - 1] {
            continue;
        }
        let (a, b) = (&out[k - 1], &out[k]);
        if list_joined(chars, a, b) && b.shape == Shape::Point && a.unit == b.unit {
            let (shape, inclusive) = (a.shape, a.inclusive);
            out[k].shape = shape;
            out[k].inclusive = inclusive;
            carries[k] = true;
        }
    }
}

/// Whether only a list word stands between two figures (`60%和50%`, `A、B`).
fn list_joined(chars: &[char], a: &Raw, b: &Raw) -> bool {
    a.end <= b.start
        && matches!(
            chars[a.end..b.start].iter().collect::<String>().as_str(),
            "和" | "、" | "及" | "与" | "與" | "或"
        )
}

/// `60%和50%左右`: an approximation written after the last figure of a list joined by
/// `和`, `、`, `及`, `与` is shared by every figure of the list with the same unit.
pub fn share_list_qualifiers(chars: &[char], out: &mut [Raw]) {
    // Whether figure k is about by the list's closing 左右, written or shared.
    let mut shared = vec![false; out.len()];
    for k in (1..out.len()).rev() {
        let (a, b) = (&out[k - 1], &out[k]);
        let joined = list_joined(chars, a, b);
        let about_after =
            shared[k] || ends_with(chars, b.end, "左右") || ends_with(chars, b.end, "上下");
        if joined
            && about_after
            && b.approx == Approx::About
            && a.unit == b.unit
            && a.kind.is_quantity()
        {
            out[k - 1].approx = Approx::About;
            shared[k - 1] = true;
        }
    }
}

/// Shape and approximation as qualifiers are met, before and after the number.
pub struct Qualified {
    pub shape: Shape,
    pub inclusive: Option<bool>,
    pub approx: Approx,
    pub warnings: Vec<String>,
}

impl Qualified {
    /// The first bound wins; a second one is reported, not silently applied.
    pub fn apply(&mut self, &(text, shape, inclusive, approx): &Qualifier, side: &str) {
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
pub fn suffix_after(
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

/// `约占…的23.8%`: an 约 earlier in the clause that governs the figure.
pub fn clause_says_about(chars: &[char], at: usize, floor: usize) -> bool {
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
