//! A hit's rank packed in 32 bits, and the 64-bit sort keys built from it: how a score
//! is laid out, and read back into the public `i64` score, field and match kind. Pure
//! arithmetic; knows nothing of texts or indexes.

use super::Field;

/// Scores are `class × CLASS + detail`: a class always outranks any detail below it.
pub(super) const CLASS: i64 = 1_000_000_000_000;
/// Within a class the field comes first (text, subject, sentence, headline).
pub(super) const FIELD: i64 = 10_000_000_000;

/// Match classes, best first (higher number, better).
pub(super) const NUMBER: u32 = 7;
pub(super) const EXACT_PRIMARY: u32 = 6;
pub(super) const EXACT_SECONDARY: u32 = 5;
pub(super) const SCATTERED_PRIMARY: u32 = 4;
pub(super) const SCATTERED_SECONDARY: u32 = 3;
pub(super) const PINYIN_PRIMARY: u32 = 2;
pub(super) const PINYIN_SECONDARY: u32 = 1;

/// A hit's score packed in 32 bits that order as the score does: class (3 bits), field
/// (2 bits), detail (27 bits). Ranking compares and sorts these, 0 meaning no hit; the
/// public `i64` score is rebuilt from it for the few hits shown.
pub(super) type Rank = u32;
pub(super) const DETAIL_BITS: u32 = 27;
pub(super) const DETAIL_MAX: u32 = (1 << DETAIL_BITS) - 1;
/// Exact and pinyin details pack their parts in base 1001 (each part is 0..=1000).
pub(super) const BASE: u32 = 1001;

pub(super) fn pack(class: u32, field: Field, detail: u32) -> Rank {
    // A number hit's score has no field part.
    let field = if class == NUMBER {
        0
    } else {
        field_rank(field)
    };
    class << (DETAIL_BITS + 2) | field << DETAIL_BITS | detail.min(DETAIL_MAX)
}

pub(super) fn class_of(r: Rank) -> u32 {
    r >> (DETAIL_BITS + 2)
}

pub(super) fn how_of(r: Rank) -> How {
    match class_of(r) {
        NUMBER => How::Number,
        EXACT_PRIMARY | EXACT_SECONDARY => How::Exact,
        SCATTERED_PRIMARY | SCATTERED_SECONDARY => How::Scattered,
        _ => How::Pinyin,
    }
}

pub(super) fn field_of(r: Rank) -> Field {
    if class_of(r) == NUMBER {
        return Field::Text;
    }
    match (r >> DETAIL_BITS) & 3 {
        3 => Field::Text,
        2 => Field::Subject,
        1 => Field::Sentence,
        _ => Field::Headline,
    }
}

/// The public score of a rank, as the scorers below define it.
pub(super) fn score_of(r: Rank) -> i64 {
    let class = i64::from(class_of(r));
    let detail = i64::from(r & DETAIL_MAX);
    if class_of(r) == NUMBER {
        return class * CLASS + detail * 1_000;
    }
    let base = class * CLASS + i64::from((r >> DETAIL_BITS) & 3) * FIELD;
    let b = i64::from(BASE);
    match how_of(r) {
        How::Exact => base + detail / b * 1_000_000 + detail % b,
        How::Pinyin => {
            base + detail / b / b * 1_000_000_000 + detail / b % b * 1_000_000 + detail % b
        }
        How::Number | How::Scattered => base + detail,
    }
}

/// Results are kept as one `u64` per figure: `!rank` above, figure below, so that
/// ascending keys are best first with ties in document order.
pub(super) fn key(rank: Rank, figure: u32) -> u64 {
    u64::from(!rank) << 32 | u64::from(figure)
}

pub(super) fn key_rank(k: u64) -> Rank {
    !((k >> 32) as u32)
}

pub(super) fn key_figure(k: u64) -> u32 {
    k as u32
}

/// How a hit was found, finer than [`super::MatchedBy`]: what is needed to recompute positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    Number,
    Exact,
    Scattered,
    Pinyin,
}

pub(super) fn field_rank(field: Field) -> u32 {
    match field {
        Field::Text => 3,
        Field::Subject => 2,
        Field::Sentence => 1,
        Field::Headline => 0,
    }
}
