//! Pinyin matching: a query of Latin letters against Chinese text, by full pinyin,
//! initials or any mix of them (`jiuye`, `jy`, `yanglaobx`).
//!
//! Readings come from the `pinyin` crate with every reading of a polyphonic character
//! (重 is both zhong and chong), so the user never has to guess which one the text means.
//! Pure functions over chars; no I/O.

use std::sync::OnceLock;

use pinyin::{Pinyin, ToPinyinMulti};

/// The CJK Unified Ideographs block: every character of a government report lives here,
/// so a flat table over it gives the readings without hashing in the hot loop.
const CJK_START: u32 = 0x4E00;
const CJK_END: u32 = 0x9FFF;

struct Table {
    /// `starts[c - CJK_START]..starts[c - CJK_START + 1]` indexes `readings`.
    starts: Vec<u32>,
    readings: Vec<Box<[u8]>>,
    /// Per char, a bit per letter a reading starts with: matching rejects most chars
    /// with this one load instead of walking their readings.
    initials: Vec<u32>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut starts = Vec::with_capacity((CJK_END - CJK_START + 2) as usize);
        let mut readings: Vec<Box<[u8]>> = Vec::new();
        let mut initials = vec![0u32; (CJK_END - CJK_START + 1) as usize];
        for cp in CJK_START..=CJK_END {
            starts.push(readings.len() as u32);
            let Some(multi) = char::from_u32(cp).and_then(|c| c.to_pinyin_multi()) else {
                continue;
            };
            let mut seen: Vec<Box<[u8]>> = Vec::new();
            for p in multi {
                let r = fold(Pinyin::plain(p));
                // Readings that differ only by tone are one reading once tones are gone.
                if !r.is_empty() && !seen.contains(&r) {
                    seen.push(r);
                }
            }
            for r in &seen {
                initials[(cp - CJK_START) as usize] |= letter_bit(r[0]);
            }
            readings.extend(seen);
        }
        starts.push(readings.len() as u32);
        Table {
            starts,
            readings,
            initials,
        }
    })
}

/// Plain pinyin as typed on a keyboard: `ü` is written `v`.
fn fold(plain: &str) -> Box<[u8]> {
    plain
        .chars()
        .filter_map(|c| match c {
            'ü' => Some(b'v'),
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase() as u8),
            _ => None,
        })
        .collect()
}

/// Calls `f` with each toneless reading of `c`. ASCII letters read as themselves, so a
/// query can run across Latin text (`GDP`) too.
pub(crate) fn for_each_reading(c: char, mut f: impl FnMut(&[u8])) {
    if c.is_ascii_alphabetic() {
        f(&[c.to_ascii_lowercase() as u8]);
        return;
    }
    let cp = c as u32;
    if !(CJK_START..=CJK_END).contains(&cp) {
        return;
    }
    let t = table();
    let i = (cp - CJK_START) as usize;
    for r in &t.readings[t.starts[i] as usize..t.starts[i + 1] as usize] {
        f(r);
    }
}

/// The bit of a lower-case letter in an initials mask; 0 for anything else.
fn letter_bit(letter: u8) -> u32 {
    if letter.is_ascii_lowercase() {
        1 << (letter - b'a')
    } else {
        0
    }
}

/// The letters `c`'s readings start with, one bit each.
fn initials(t: &Table, c: char) -> u32 {
    if c.is_ascii_alphabetic() {
        return letter_bit(c.to_ascii_lowercase() as u8);
    }
    let cp = c as u32;
    if (CJK_START..=CJK_END).contains(&cp) {
        t.initials[(cp - CJK_START) as usize]
    } else {
        0
    }
}

/// Whether a query should be tried as pinyin: Latin letters only (apostrophes and spaces
/// separate syllables and are dropped), at least two of them — a single letter would
/// match nearly every sentence through some character's initial.
pub(crate) fn normalize_query(q: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(q.len());
    for c in q.chars() {
        match c {
            '\'' | ' ' => {}
            c if c.is_ascii_alphabetic() => out.push(c.to_ascii_lowercase() as u8),
            _ => return None,
        }
    }
    (out.len() >= 2).then_some(out)
}

/// A pinyin match: chars `start..end` of the text spell the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PinyinMatch {
    pub start: usize,
    pub end: usize,
    /// Every character was spelled by a whole syllable (`jiuye`), not initials or a
    /// prefix (`jy`, `jiuy`): such a match is what the user most likely meant.
    pub whole: bool,
}

/// The first (leftmost, then shortest) match of `query` in `text`, or `None`; positions
/// are char indices.
///
/// Each character consumes a non-empty prefix of one of its readings: its initial, its
/// whole syllable, or anything between (the last one typed is usually incomplete). The
/// search is a small backtracking over the query, which is a few letters long. It walks
/// the text as UTF-8: decoding every candidate text into chars first cost more than
/// the matching.
pub(crate) fn find(text: &str, query: &[u8]) -> Option<PinyinMatch> {
    if query.is_empty() {
        return None;
    }
    let t = table();
    let first = letter_bit(query[0]);
    for (start, (b, c)) in text.char_indices().enumerate() {
        if initials(t, c) & first == 0 {
            continue;
        }
        if let Some((end, whole)) = match_from(t, &text[b..], start, query) {
            return Some(PinyinMatch { start, end, whole });
        }
    }
    None
}

/// Matches the whole query from the start of `rest`, char `i` of the text; returns the
/// end char and whether every char took a whole syllable. Prefers whole syllables, then
/// longer prefixes, so `jiuye` reports the natural reading.
fn match_from(t: &Table, rest: &str, i: usize, query: &[u8]) -> Option<(usize, bool)> {
    let c = rest.chars().next()?;
    if initials(t, c) & letter_bit(query[0]) == 0 {
        return None;
    }
    let after = &rest[c.len_utf8()..];
    let mut best: Option<(usize, bool)> = None;
    for_each_reading(c, |r| {
        if best.is_some_and(|(_, whole)| whole) {
            return;
        }
        let common = r.iter().zip(query).take_while(|(a, b)| a == b).count();
        for take in (1..=common).rev() {
            let whole_here = take == r.len();
            let found = if take == query.len() {
                Some((i + 1, whole_here))
            } else {
                match_from(t, after, i + 1, &query[take..]).map(|(end, w)| (end, w && whole_here))
            };
            if let Some(f) = found {
                if best.is_none_or(|b| f.1 && !b.1) {
                    best = Some(f);
                }
                if f.1 {
                    return;
                }
            }
        }
    });
    best
}

/// Number of two-letter keys used by the candidate filter.
pub(crate) const KEYS: usize = 26 * 26;

/// The two-letter key of a query's first two letters.
pub(crate) fn query_key(query: &[u8]) -> Option<usize> {
    match query {
        [a, b, ..] => Some(letter_key(*a, *b)),
        _ => None,
    }
}

fn letter_key(a: u8, b: u8) -> usize {
    usize::from(a - b'a') * 26 + usize::from(b - b'a')
}

/// Calls `f` with every two-letter key a match beginning in `chars` could start with:
/// the first two letters of one character's reading, or the initials of two adjacent
/// characters. A query's first two letters are always one of these at its match start.
pub(crate) fn for_each_key(chars: &[char], mut emit: impl FnMut(usize)) {
    let mut prev_initials: u32 = 0;
    for &c in chars {
        let mut initials: u32 = 0;
        for_each_reading(c, |r| {
            initials |= 1 << (r[0] - b'a');
            if let [first, second, ..] = *r {
                emit(letter_key(first, second));
            }
        });
        let mut before = prev_initials;
        while before != 0 {
            let first = before.trailing_zeros() as u8;
            let mut now = initials;
            while now != 0 {
                emit(usize::from(first) * 26 + now.trailing_zeros() as usize);
                now &= now - 1;
            }
            before &= before - 1;
        }
        prev_initials = initials;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, q: &str) -> Option<(usize, usize, bool)> {
        find(text, &normalize_query(q)?).map(|m| (m.start, m.end, m.whole))
    }

    #[test]
    fn full_pinyin_initials_and_mixes() {
        assert_eq!(m("转移就业", "jiuye"), Some((2, 4, true)));
        assert_eq!(m("转移就业", "jy"), Some((2, 4, false)));
        assert_eq!(m("基本养老保险费", "yanglao"), Some((2, 4, true)));
        assert_eq!(m("基本养老保险费", "ylbx"), Some((2, 6, false)));
        assert_eq!(m("基本养老保险费", "yanglaobx"), Some((2, 6, false)));
        assert_eq!(m("农村低保家庭", "dibao"), Some((2, 4, true)));
        assert_eq!(m("农村低保家庭", "dibaa"), None);
    }

    #[test]
    fn polyphonic_characters_match_by_every_reading() {
        assert_eq!(m("重度残疾人", "zhongdu"), Some((0, 2, true)));
        assert_eq!(m("重度残疾人", "chongdu"), Some((0, 2, true)));
        assert_eq!(m("特困供养人员", "gongyang"), Some((2, 4, true)));
    }

    #[test]
    fn single_letters_and_non_letters_are_not_pinyin_queries() {
        assert_eq!(normalize_query("j"), None);
        assert_eq!(normalize_query("4.83"), None);
        assert_eq!(normalize_query("yang lao"), Some(b"yanglao".to_vec()));
        assert_eq!(normalize_query("Jiu'Ye"), Some(b"jiuye".to_vec()));
    }

    #[test]
    fn keys_cover_every_match_start() {
        let chars: Vec<char> = "转移就业".chars().collect();
        let mut keys = Vec::new();
        for_each_key(&chars, |k| keys.push(k));
        for q in ["jiuye", "jy", "zy", "zhuan", "yj"] {
            let key = query_key(q.as_bytes()).unwrap();
            assert!(keys.contains(&key), "{q}");
        }
    }
}
