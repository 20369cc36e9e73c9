//! English glosses for readers who do not read Chinese: a subject or headline is cut
//! into words by longest match — curated policy terms (`data/glossary.tsv`) first, then
//! CC-CEDICT headwords — and each word is given its English; numbers are read in
//! English words and units by their English names (`english`).
//!
//! Owns the bundled dictionary and glossary and the rules that turn them into glosses.
//! Core module: must not import ratatui, crossterm or clap, and never prints.

pub mod coverage;
pub mod dict;
pub mod english;
pub mod glossary;

use std::collections::HashSet;

use pinyin::ToPinyin;

pub use coverage::Coverage;
pub use english::{dimension_en, figure_value_en, number_en, unit_en, value_en};
pub use glossary::Entry;

use crate::extract::{numeral, units};
use crate::model::Dimension;

/// The English of a text, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Gloss {
    pub english: String,
    /// True when any word came from the dictionary alone (or, for a character the
    /// dictionary lacks, its pinyin): a machine gloss, to be read with care.
    pub machine: bool,
    /// The curated terms found in the text, each once, in order of first appearance.
    pub curated: Vec<&'static Entry>,
}

/// Where a segment's English comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A term of the curated glossary.
    Curated,
    /// A CC-CEDICT headword (or one of the few function words given fixed English).
    Dictionary,
    /// A number written in digits, with the unit after it if there is one.
    Number,
    /// A Chinese character no dictionary word covers: its pinyin (the character itself
    /// for the few the pinyin table lacks).
    Pinyin,
    /// Punctuation, Latin letters, spaces: kept (punctuation in its ASCII form).
    Other,
}

/// One word of a segmented text: a char span and its English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub source: Source,
    pub english: String,
    /// The curated entry, for [`Source::Curated`].
    pub entry: Option<&'static Entry>,
}

/// Function words and a few common characters whose chosen CC-CEDICT sense is a grammar
/// note or the wrong reading for report prose (`等` is "etc." after a list, not "to
/// wait"; `月` is a month, not the moon). Machine glosses still.
const FUNCTION_WORDS: &[(&str, &str)] = &[
    ("了", ""),
    ("着", ""),
    ("把", ""),
    ("的", "of"),
    ("之", "of"),
    ("等", "etc."),
    ("和", "and"),
    ("及", "and"),
    ("与", "and"),
    ("并", "and"),
    ("为", "for"),
    ("对", "for"),
    ("将", "will"),
    ("被", "by"),
    ("由", "by"),
    ("从", "from"),
    ("向", "toward"),
    ("在", "in"),
    ("于", "in"),
    ("以", "with"),
    ("至", "to"),
    ("各", "each"),
    ("各类", "all kinds of"),
    ("其", "its"),
    ("中", "in"),
    ("前", "before"),
    ("占", "a share of"),
    ("较", "compared with"),
    ("月", "month"),
    ("省", "province"),
    ("市", "city"),
    ("后", "after"),
];

/// Whether `c` is a CJK ideograph (the ranges a report uses).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
        || c == '〇'
}

/// The English gloss of `text` (a subject, a headline): curated terms first, then
/// dictionary words, numbers in English words.
pub fn gloss(text: &str) -> Gloss {
    let segments = segment(text);
    let mut seen = HashSet::new();
    let mut curated = Vec::new();
    let mut machine = false;
    for s in &segments {
        match s.source {
            Source::Dictionary | Source::Pinyin => machine = true,
            Source::Curated => {
                if let Some(e) = s.entry
                    && seen.insert(e.term.as_str())
                {
                    curated.push(e);
                }
            }
            Source::Number | Source::Other => {}
        }
    }
    Gloss {
        english: join(&segments),
        machine,
        curated,
    }
}

/// The English of `text` alone, remembered per thread: output of many figures glosses
/// the same subjects and headlines again and again.
pub fn english(text: &str) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    // Bounded so a million distinct subjects do not pile up; cleared, not evicted,
    // since repeats are close together (figures of one section share a headline).
    const MAX: usize = 65_536;
    thread_local! {
        static SEEN: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(en) = seen.borrow().get(text) {
            return en.clone();
        }
        let en = gloss(text).english;
        let mut seen = seen.borrow_mut();
        if seen.len() >= MAX {
            seen.clear();
        }
        seen.insert(text.to_string(), en.clone());
        en
    })
}

/// The curated entry of `term` exactly, if the glossary has one.
pub fn curated(term: &str) -> Option<&'static Entry> {
    glossary::bundled().get(term)
}

/// Cuts `text` into words with their English. Spans are char offsets, end exclusive,
/// covering the text without gaps.
pub fn segment(text: &str) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    // Byte offset of each char (and of the end), so a candidate word is a slice of
    // `text` and lookups allocate nothing.
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let slice = |from: usize, to: usize| &text[bytes[from]..bytes[to]];

    let glossary = glossary::bundled();
    let dict = dict::bundled();
    // Curated terms are found first, left to right; a dictionary word may not run into
    // one, so `兜底` is never swallowed by a longer dictionary word that ends inside it.
    let mut curated_at: Vec<Option<&'static Entry>> = vec![None; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        match glossary.longest_at(&chars, i) {
            Some(e) => {
                curated_at[i] = Some(e);
                i += e.term.chars().count();
            }
            None => i += 1,
        }
    }

    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(e) = curated_at[i] {
            let end = i + e.term.chars().count();
            out.push(Segment {
                start: i,
                end,
                source: Source::Curated,
                english: e.english.clone(),
                entry: Some(e),
            });
            i = end;
            continue;
        }
        let c = chars[i];
        if (c.is_ascii_digit() || ('０'..='９').contains(&c))
            && let Some(seg) = number_segment(&chars, i)
        {
            i = seg.end;
            out.push(seg);
            continue;
        }
        if is_han(c) {
            let next_curated = (i + 1..chars.len())
                .find(|&j| curated_at[j].is_some())
                .unwrap_or(chars.len());
            let limit = next_curated.min(i + dict.map_or(1, dict::Dict::max_len));
            let found = (i + 1..=limit).rev().find_map(|end| {
                let word = slice(i, end);
                FUNCTION_WORDS
                    .iter()
                    .find(|(w, _)| *w == word)
                    .map(|(_, en)| (*en).to_string())
                    .or_else(|| dict.and_then(|d| d.get(word)).map(str::to_string))
                    .map(|en| (end, en))
            });
            let (end, english, source) = match found {
                Some((end, en)) => (end, en, Source::Dictionary),
                None => (
                    i + 1,
                    c.to_pinyin()
                        .map_or_else(|| c.to_string(), |p| p.plain().to_string()),
                    Source::Pinyin,
                ),
            };
            out.push(Segment {
                start: i,
                end,
                source,
                english,
                entry: None,
            });
            i = end;
            continue;
        }
        // Latin letters and digits that are not a number (`A级`, `5G`) stay as written,
        // one run at a time; punctuation takes its ASCII form.
        let latin = |j: usize| {
            chars
                .get(j)
                .is_some_and(|&c| c.is_alphanumeric() && !is_han(c))
        };
        let end = if c.is_alphanumeric() {
            // A point between letters or digits stays inside the run (`PM2.5`).
            (i..chars.len())
                .find(|&j| !(latin(j) || chars[j] == '.' && latin(j - 1) && latin(j + 1)))
                .unwrap_or(chars.len())
        } else {
            i + 1
        };
        let english = if c.is_alphanumeric() {
            slice(i, end).to_string()
        } else {
            punctuation(c).to_string()
        };
        out.push(Segment {
            start: i,
            end,
            source: Source::Other,
            english,
            entry: None,
        });
        i = end;
    }
    out
}

/// A number written with digits at `chars[at..]`, read by the extractor's own numeral
/// parser (`4.83万` → 48300), with the unit after it when it counts something
/// (`人次` → "person-times"). Time and age units are left to the words that follow,
/// since `2020年` is a year, not a span of 2,020 years.
fn number_segment(chars: &[char], at: usize) -> Option<Segment> {
    let n = numeral::parse_at(chars, at)?;
    if chars.get(n.end).is_some_and(char::is_ascii_alphabetic) {
        return None; // `5G` is a name, not five of something
    }
    let value = n.value?;
    if let Some(seg) = date_part(chars, at, n.end, value) {
        return Some(seg);
    }
    let mut end = n.end;
    let mut exact = value.to_string();
    let mut unit = None;
    if let Some(u) = units::unit_at(chars, end)
        && !matches!(u.dimension, Dimension::Time | Dimension::Age)
    {
        // A scale the numeral could not take stays in the unit (`2000多万元`).
        exact = value.mul_pow10(u.exp).map_or(exact, |v| v.to_string());
        unit = Some(u.canonical);
        end += u.written.chars().count();
    }
    Some(Segment {
        start: at,
        end,
        source: Source::Number,
        english: value_en(&exact, unit)?,
        entry: None,
    })
}

/// A year, month or day written with digits (`2024年`, `4月`, `9日`): the number as a
/// date reads, taking its date character with it.
fn date_part(
    chars: &[char],
    at: usize,
    end: usize,
    value: crate::extract::Decimal,
) -> Option<Segment> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if !value.is_integer() {
        return None;
    }
    let n: u32 = value.to_string().parse().ok()?;
    let english = match chars.get(end)? {
        '年' if (1900..=2100).contains(&n) => n.to_string(),
        '月' if (1..=12).contains(&n) => {
            let month = MONTHS[n as usize - 1].to_string();
            // `4月份` is April too.
            let end = if chars.get(end + 1) == Some(&'份') {
                end + 1
            } else {
                end
            };
            return Some(Segment {
                start: at,
                end: end + 1,
                source: Source::Number,
                english: month,
                entry: None,
            });
        }
        '日' | '号' if (1..=31).contains(&n) => n.to_string(),
        _ => return None,
    };
    Some(Segment {
        start: at,
        end: end + 1,
        source: Source::Number,
        english,
        entry: None,
    })
}

/// Chinese punctuation in its ASCII form; other characters as they are.
fn punctuation(c: char) -> &'static str {
    match c {
        '“' | '”' | '"' | '《' | '》' | '「' | '」' => "\"",
        '‘' | '’' => "'",
        '，' | ',' | '、' => ",",
        '。' => ".",
        '；' | ';' => ";",
        '：' | ':' => ":",
        '！' | '!' => "!",
        '？' | '?' => "?",
        '（' | '(' => "(",
        '）' | ')' => ")",
        '【' | '[' => "[",
        '】' | ']' => "]",
        '—' | '－' | '-' | '–' | '~' | '～' => "-",
        '·' | '・' | ' ' | '\u{3000}' | '\t' | '\n' => " ",
        '…' => "…",
        // Symbols a gloss cannot carry (emoji, box drawing) are dropped.
        _ => "",
    }
}

/// Joins segment English with single spaces, none inside quotes and brackets or
/// before closing punctuation.
fn join(segments: &[Segment]) -> String {
    let mut out = String::new();
    let mut quote_open = false;
    let mut glue_next = true;
    for s in segments {
        let en = s.english.as_str();
        let (glue_before, glue_after) = match en {
            "" => continue,
            " " => {
                glue_next = false;
                continue;
            }
            "\"" | "'" => {
                quote_open = !quote_open;
                if quote_open {
                    (false, true)
                } else {
                    (true, false)
                }
            }
            "(" | "[" => (false, true),
            ")" | "]" | "," | "." | ";" | ":" | "!" | "?" | "…" => (true, false),
            "-" => (true, true),
            _ => (false, false),
        };
        if !out.is_empty() && !glue_before && !glue_next {
            out.push(' ');
        }
        out.push_str(en);
        glue_next = glue_after;
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(text: &str) -> Vec<(String, Source)> {
        let chars: Vec<char> = text.chars().collect();
        segment(text)
            .into_iter()
            .map(|s| (chars[s.start..s.end].iter().collect(), s.source))
            .collect()
    }

    #[test]
    fn curated_terms_cut_before_dictionary_words() {
        let got = sources("纳入低保兜底范围");
        let words: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["纳入", "低保", "兜底", "范围"]);
        assert_eq!(got[1].1, Source::Curated);
        assert_eq!(got[2].1, Source::Curated);
        assert_eq!(got[0].1, Source::Dictionary);
    }

    #[test]
    fn segments_cover_the_text_without_gaps() {
        for text in [
            "",
            "a",
            "为21.18万人次贫困人口代缴",
            "“五免一享”政策",
            "𠮷野家",
        ] {
            let segs = segment(text);
            let mut at = 0;
            for s in &segs {
                assert_eq!(s.start, at, "{text}: {segs:?}");
                assert!(s.end > s.start);
                at = s.end;
            }
            assert_eq!(at, text.chars().count(), "{text}");
        }
    }

    #[test]
    fn numbers_in_text_read_in_english_with_their_unit() {
        let g = gloss("转移就业4.83万人次");
        assert_eq!(
            g.english,
            "employment away from farming 48,300 person-times"
        );
        assert!(!g.machine, "{g:?}");
        let g = gloss("累计投入资金3.02亿元");
        assert!(g.english.ends_with("302 million yuan"), "{}", g.english);
        let g = gloss("到2024年年底前");
        assert!(
            g.english.contains("2024 the end of the year"),
            "{}",
            g.english
        );
        assert_eq!(
            gloss("4月9日下午")
                .english
                .split(' ')
                .take(2)
                .collect::<Vec<_>>(),
            ["April", "9"]
        );
        assert!(
            gloss("2018年12月至2020年底")
                .english
                .starts_with("2018 December")
        );
    }

    #[test]
    fn quotes_hug_their_words_and_machine_marks_dictionary_words() {
        let g = gloss("享受“五免一享”政策");
        assert!(
            g.english.contains("\"five exemptions and one benefit\""),
            "{}",
            g.english
        );
        assert!(g.machine);
        assert_eq!(g.curated.len(), 1);
        assert_eq!(g.curated[0].term, "五免一享");
    }

    #[test]
    fn a_character_no_word_covers_reads_as_pinyin() {
        // U+3400 `㐀` (qiū) has no CC-CEDICT entry.
        let segs = segment("㐀");
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].source, Source::Pinyin);
        assert_eq!(segs[0].english, "qiu");
    }

    #[test]
    fn latin_runs_stay_whole() {
        assert_eq!(gloss("5G基站").english.split(' ').next(), Some("5G"));
        assert_eq!(gloss("A级").english.split(' ').next(), Some("A"));
        assert_eq!(
            gloss("PM2.5年平均浓度").english.split(' ').next(),
            Some("PM2.5")
        );
        assert_eq!(gloss("4月份全省").english.split(' ').next(), Some("April"));
    }

    #[test]
    fn empty_text_has_an_empty_gloss() {
        assert_eq!(gloss(""), Gloss::default());
        assert_eq!(gloss("  ").english, "");
    }
}
