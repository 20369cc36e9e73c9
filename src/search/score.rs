//! The scorers: whether a text matches a query by chars (exact or scattered) or pinyin,
//! and the [`Rank`] of that match. Per text, no state; the searcher calls them.

use super::Field;
use super::pinyin;
use super::rank::{
    BASE, DETAIL_MAX, EXACT_PRIMARY, EXACT_SECONDARY, PINYIN_PRIMARY, PINYIN_SECONDARY, Rank,
    SCATTERED_PRIMARY, SCATTERED_SECONDARY, pack,
};

fn is_primary(field: Field) -> bool {
    matches!(field, Field::Text | Field::Subject)
}

/// The query's chars as skim compares them: ASCII case is ignored unless the query has
/// an upper-case letter ("smart case").
pub(super) struct Pattern {
    chars: Vec<char>,
    case_sensitive: bool,
}

impl Pattern {
    pub(super) fn new(text: &str) -> Pattern {
        Pattern {
            chars: text.chars().collect(),
            case_sensitive: text.chars().any(|c| c.is_ascii_uppercase()),
        }
    }

    /// Byte offset of the first occurrence of `query` (whose chars these are) in
    /// `text`. Looking for the first char with memchr and then comparing beats the
    /// general substring search for the short queries of a search box.
    pub(super) fn find_in(&self, query: &str, text: &str) -> Option<usize> {
        let first = *self.chars.first()?;
        let mut from = 0;
        while let Some(i) = text[from..].find(first) {
            let at = from + i;
            if text[at..].starts_with(query) {
                return Some(at);
            }
            from = at + first.len_utf8();
        }
        None
    }

    /// Whether skim matches `text` at all: the query's chars appear in it in order.
    pub(super) fn is_scattered_in(&self, text: &str) -> bool {
        let mut want = self.chars.iter();
        let mut next = want.next();
        for c in text.chars() {
            let Some(&p) = next else { break };
            if c == p || !self.case_sensitive && c.eq_ignore_ascii_case(&p) {
                next = want.next();
            }
        }
        next.is_none()
    }
}

/// Exact substring, else scattered chars (scored later, see `rank`), else no match.
pub(super) fn score_chars(
    query: &str,
    pattern: &Pattern,
    text: &str,
    field: Field,
) -> Option<Rank> {
    if let Some(b) = pattern.find_in(query, text) {
        let class = if is_primary(field) {
            EXACT_PRIMARY
        } else {
            EXACT_SECONDARY
        };
        // A query that is most of the text, and one that starts it, fit best.
        let coverage = (query.len() * 1000 / text.len().max(1)) as u32;
        // Chars before the match, capped at 1000: counted as the bytes that start a
        // char, which the compiler turns into wide compares.
        let start = text.as_bytes()[..b]
            .iter()
            .filter(|&&c| !is_continuation(c))
            .count()
            .min(1000) as u32;
        return Some(pack(class, field, coverage * BASE + (1000 - start)));
    }
    pattern.is_scattered_in(text).then(|| scattered(field, 0))
}

pub(super) fn char_count(text: &str) -> usize {
    text.bytes().filter(|&c| !is_continuation(c)).count()
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// A scattered hit with skim's score. Scores past the detail bits would need a text of
/// millions of chars; they saturate.
pub(super) fn scattered(field: Field, skim: i64) -> Rank {
    let class = if is_primary(field) {
        SCATTERED_PRIMARY
    } else {
        SCATTERED_SECONDARY
    };
    pack(class, field, skim.clamp(0, i64::from(DETAIL_MAX)) as u32)
}

pub(super) fn score_pinyin(m: pinyin::PinyinMatch, len: usize, field: Field) -> Rank {
    let class = if is_primary(field) {
        PINYIN_PRIMARY
    } else {
        PINYIN_SECONDARY
    };
    let coverage = ((m.end - m.start) * 1000 / len.max(1)) as u32;
    let start = m.start.min(1000) as u32;
    pack(
        class,
        field,
        (u32::from(m.whole) * BASE + coverage) * BASE + (1000 - start),
    )
}
