//! Traditional → simplified folding of single characters, so that a search for `养老`
//! finds `養老` while every text is kept as written.
//!
//! The fold is char for char (one char in, one char out), so char offsets and match
//! positions computed on a folded text are valid on the original. The table is OpenCC's
//! `TSCharacters.txt` (Apache-2.0, `data/opencc/`), taking each entry's first
//! candidate. Word-level conversions (`乾隆` vs `干燥`) are deliberately out of scope:
//! matching only needs both sides folded the same way. Core module: imports nothing
//! above `std`, never prints.

use std::sync::OnceLock;

/// OpenCC's traditional → simplified character table, shipped with its licence.
const TABLE: &str = include_str!("../data/opencc/TSCharacters.txt");

/// First code point the table maps (CJK Extension A starts at U+3400): everything below
/// is returned at once, without a lookup.
const FIRST: char = '\u{3400}';

/// End (exclusive) of the dense part of the table: CJK Unified Ideographs end at U+9FFF.
const DENSE_END: char = '\u{a000}';

/// The table, as a dense array over `FIRST..DENSE_END` (one load per char: the search
/// index folds every char of every text) and a sorted list for the rare rest.
struct Table {
    dense: Vec<char>,
    rest: Vec<(char, char)>,
}

fn pairs() -> impl Iterator<Item = (char, char)> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let (from, to) = line.split_once('\t')?;
            let mut from_chars = from.chars();
            let mut to_chars = to.split(' ').next().unwrap_or_default().chars();
            match (
                from_chars.next(),
                from_chars.next(),
                to_chars.next(),
                to_chars.next(),
            ) {
                (Some(f), None, Some(t), None) if f != t => Some((f, t)),
                _ => None,
            }
        })
}

fn table() -> &'static Table {
    static TABLE_CELL: OnceLock<Table> = OnceLock::new();
    TABLE_CELL.get_or_init(|| {
        let base = FIRST as usize;
        let mut dense: Vec<char> = (base..DENSE_END as usize)
            .map(|u| char::from_u32(u as u32).unwrap_or('\0'))
            .collect();
        let mut rest = Vec::new();
        for (f, t) in pairs() {
            if (FIRST..DENSE_END).contains(&f) {
                dense[f as usize - base] = t;
            } else {
                rest.push((f, t));
            }
        }
        rest.sort_unstable();
        rest.dedup_by_key(|p| p.0);
        Table { dense, rest }
    })
}

/// The simplified form of a traditional character; any other char unchanged.
pub fn fold(c: char) -> char {
    if c < FIRST {
        return c;
    }
    let t = table();
    if c < DENSE_END {
        return t.dense[c as usize - FIRST as usize];
    }
    t.rest
        .binary_search_by_key(&c, |p| p.0)
        .map_or(c, |i| t.rest[i].1)
}

/// `s` with every char folded (same number of chars as `s`).
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// Whether at least a tenth of the Chinese chars of `text` are traditional forms. In
/// traditional text about a quarter are; simplified text has a few (`著`, `於`) that
/// OpenCC also lists, far under a tenth.
pub fn is_mostly_traditional(text: &str) -> bool {
    let (mut cjk, mut traditional) = (0usize, 0usize);
    for c in text.chars().filter(|&c| c >= FIRST) {
        cjk += 1;
        traditional += usize::from(fold(c) != c);
    }
    cjk > 0 && traditional * 10 >= cjk
}

/// Whether `s` has any char that folds to another, i.e. is (partly) traditional.
pub fn has_traditional(s: &str) -> bool {
    s.chars().any(|c| fold(c) != c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_chars_fold_to_simplified() {
        assert_eq!(fold_str("養老保險"), "养老保险");
        assert_eq!(fold_str("脫貧攻堅"), "脱贫攻坚");
        assert_eq!(fold_str("萬億元"), "万亿元");
    }

    #[test]
    fn simplified_ascii_and_punctuation_are_unchanged() {
        let s = "养老保险 48300人次，约3.7亿元。ABC";
        assert_eq!(fold_str(s), s);
        assert!(!has_traditional(s));
    }

    #[test]
    fn traditional_text_is_told_from_simplified() {
        assert!(is_mostly_traditional(
            "全市累計投資約37億元，惠及4.83萬人次。"
        ));
        assert!(!is_mostly_traditional("全市累计投资约37亿元，成效显著。"));
        assert!(!is_mostly_traditional("48300"));
    }

    #[test]
    fn the_fold_keeps_the_char_count() {
        let s = "全市養老服務機構達到1,234個（含𠀀）";
        assert_eq!(fold_str(s).chars().count(), s.chars().count());
    }

    #[test]
    fn the_table_is_loaded_whole() {
        // OpenCC's table maps some 3,200 chars to another; a parse that stopped early
        // (e.g. at the first comment block) would leave a few dozen.
        assert!(pairs().count() > 3000, "{} entries", pairs().count());
        assert!(has_traditional("發"));
        // Past the dense range, found by the sorted list (Extension B).
        assert_eq!(fold('𠁞'), '𠀾');
    }
}
