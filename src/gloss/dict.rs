//! CC-CEDICT, the Chinese–English dictionary behind machine glosses: the bundled file
//! (gzip, as published by MDBG), decompressed and parsed once on first use, reduced to
//! one short English sense per headword.
//!
//! The data is CC BY-SA 4.0 (see `data/cedict/README.md`), separate from the MIT code.
//! Must not import ratatui, crossterm or clap; never prints.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::sync::OnceLock;

/// The file exactly as distributed by MDBG (release of 2023-11-07).
const CEDICT_GZ: &[u8] = include_bytes!("../../data/cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz");

/// Headwords (simplified, and traditional where it differs) → one English sense.
pub struct Dict {
    words: HashMap<Box<str>, Sense>,
    /// Longest headword in chars, so longest match never looks further.
    max_len: usize,
    /// Data lines read, for the README's numbers.
    pub lines: usize,
    /// Variant headwords without a sense of their own, and the headword they point to.
    aliases: Vec<(Box<str>, Box<str>)>,
}

struct Sense {
    english: Box<str>,
    /// Whether the entry is a proper noun (capitalised pinyin); a common-noun entry of
    /// the same headword replaces it (`和` is "and" before it is "surname He").
    proper: bool,
}

impl Dict {
    /// The English of a headword, if the dictionary has a usable sense for it.
    pub fn get(&self, word: &str) -> Option<&str> {
        self.words.get(word).map(|s| &*s.english)
    }

    pub fn max_len(&self) -> usize {
        self.max_len
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Parses the CC-CEDICT text format: `TRAD SIMP [pin1 yin1] /sense/sense/`.
    /// Lines that do not have that shape are skipped; `#` lines are comments.
    pub fn parse(text: &str) -> Dict {
        let mut dict = Dict::empty();
        for line in text.lines() {
            dict.add_line(line);
        }
        dict.resolve_aliases();
        dict
    }

    /// Reads the text line by line, so the 9.6 MB file is never whole in memory.
    pub fn read(reader: impl BufRead) -> std::io::Result<Dict> {
        let mut dict = Dict::empty();
        for line in reader.lines() {
            dict.add_line(&line?);
        }
        dict.resolve_aliases();
        Ok(dict)
    }

    fn empty() -> Dict {
        Dict {
            words: HashMap::with_capacity(150_000),
            max_len: 1,
            lines: 0,
            aliases: Vec::new(),
        }
    }

    fn resolve_aliases(&mut self) {
        for (word, target) in std::mem::take(&mut self.aliases) {
            if self.words.contains_key(&*word) {
                continue;
            }
            if let Some(en) = self.get(&target).map(str::to_string) {
                self.insert(&word, &en, false);
            }
        }
    }

    fn add_line(&mut self, line: &str) {
        if line.starts_with('#') {
            return;
        }
        let Some((trad, simp, pinyin, senses)) = split_line(line) else {
            return;
        };
        self.lines += 1;
        // Subjects and headlines are noun phrases: the first sense that is not a verb
        // ("income" for 收入, not "to take in"), else the first sense at all.
        let mut first_verb = None;
        let mut english = None;
        for sense in senses.split('/') {
            match clean_sense(sense) {
                Some((en, false)) => {
                    english = Some(en);
                    break;
                }
                Some((en, true)) if first_verb.is_none() => first_verb = Some(en),
                _ => {}
            }
        }
        let Some(english) = english.or(first_verb) else {
            // `台灣 台湾 /variant of 臺灣|台湾/`: the traditional form takes the English
            // of the entry it points to, once every entry is read.
            if let Some(target) = variant_target(senses) {
                self.aliases.push((trad.into(), target.into()));
            }
            return;
        };
        let proper = pinyin.starts_with(|c: char| c.is_ascii_uppercase());
        self.insert(simp, &english, proper);
        if trad != simp {
            self.insert(trad, &english, proper);
        }
    }

    fn insert(&mut self, word: &str, english: &str, proper: bool) {
        let replace = match self.words.get(word) {
            None => true,
            Some(old) => old.proper && !proper,
        };
        if replace {
            self.max_len = self.max_len.max(word.chars().count());
            self.words.insert(
                word.into(),
                Sense {
                    english: english.into(),
                    proper,
                },
            );
        }
    }
}

/// The bundled dictionary, decompressed and parsed on first use (see the README for the
/// measured cost). `None` only if the bundled file were damaged, which a test rules out.
pub fn bundled() -> Option<&'static Dict> {
    static DICT: OnceLock<Option<Dict>> = OnceLock::new();
    DICT.get_or_init(|| {
        let reader = BufReader::new(flate2::read::GzDecoder::new(CEDICT_GZ));
        Dict::read(reader).ok()
    })
    .as_ref()
}

/// The simplified headword a `variant of TRAD|SIMP[pinyin]` sense points to.
fn variant_target(senses: &str) -> Option<&str> {
    let first = senses.split('/').next()?;
    let rest = first.split_once("variant of ")?.1;
    let target = rest.split('[').next()?;
    let target = target.rsplit('|').next()?.trim();
    (!target.is_empty()).then_some(target)
}

fn split_line(line: &str) -> Option<(&str, &str, &str, &str)> {
    let (trad, rest) = line.split_once(' ')?;
    let (simp, rest) = rest.split_once(' ')?;
    let rest = rest.strip_prefix('[')?;
    let (pinyin, rest) = rest.split_once(']')?;
    let senses = rest.trim().strip_prefix('/')?.strip_suffix('/')?;
    Some((trad, simp, pinyin, senses))
}

/// Senses that only point elsewhere or describe grammar give no English to show.
const SKIP: &[&str] = &[
    "CL:",
    "variant of",
    "old variant of",
    "unofficial variant",
    "Japanese variant",
    "erhua variant",
    "see ",
    "see also",
    "surname ",
    "classifier for",
    "measure word",
    "abbr. for",
    "abbr. of",
    "used in ",
    "also written",
    "also pr.",
    "Taiwan pr.",
    "pr. ",
];

/// A sense made short enough for a gloss: the part before `;`, without parenthetical
/// notes, `[pinyin]` references or a leading "to ", cut before any Chinese
/// (`Shaanxi province …, abbr. 陝|陕`). `None` when nothing English is left; else the
/// English and whether it was a verb ("to …").
pub(crate) fn clean_sense(sense: &str) -> Option<(String, bool)> {
    let sense = sense.trim();
    if sense.is_empty() || SKIP.iter().any(|p| sense.starts_with(p)) {
        return None;
    }
    let mut out = String::with_capacity(sense.len());
    let mut depth = 0usize;
    for c in sense.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    let out = match out.find(|c: char| super::is_han(c) || c == '|') {
        Some(at) => &out[..at],
        None => &out,
    };
    let out = out.trim_end().trim_end_matches([',', ' ']);
    let out = out
        .strip_suffix(", abbr.")
        .or(out.strip_suffix(" abbr."))
        .unwrap_or(out);
    let first = out.split(';').map(str::trim).find(|s| !s.is_empty())?;
    let verb = first.starts_with("to ");
    let first = first.strip_prefix("to ").unwrap_or(first);
    let words: Vec<&str> = first.split_whitespace().collect();
    let cleaned = words.join(" ");
    let cleaned = cleaned.trim_matches(|c: char| c == ',' || c == '.' || c == ' ');
    let has_latin = cleaned.chars().any(|c| c.is_ascii_alphanumeric());
    has_latin.then(|| (cleaned.to_string(), verb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn senses_are_shortened_to_their_first_english_phrase() {
        let cases = [
            ("to get a job", Some("get a job")),
            ("(bound form) individual", Some("individual")),
            ("(classifier used before a noun)", None),
            (
                "of; ~'s (possessive particle)",
                Some("of"), // the part before `;`
            ),
            ("CL:個|个[ge4]", None),
            ("variant of 為|为[wei2]", None),
            ("surname He", None),
            (
                "social insurance (abbr. for 社會保險|社会保险[she4 hui4 bao3 xian3])",
                Some("social insurance"),
            ),
            (
                "Shaanxi province (Shensi) in northwest China, abbr. 陝|陕[Shan3] or 秦[Qin2]",
                Some("Shaanxi province in northwest China"),
            ),
            ("classifier for gifts, newspapers", None),
            ("", None),
        ];
        for (sense, want) in cases {
            assert_eq!(clean_sense(sense).map(|c| c.0).as_deref(), want, "{sense}");
        }
        assert_eq!(clean_sense("to get a job").map(|c| c.1), Some(true));
        assert_eq!(clean_sense("employment").map(|c| c.1), Some(false));
    }

    #[test]
    fn a_common_entry_replaces_a_proper_noun_of_the_same_headword() {
        let d = Dict::parse(
            "# comment\n和 和 [He2] /surname He/Japanese/\n和 和 [he2] /and; together with/\n\
             就業 就业 [jiu4 ye4] /to get a job/employment/\nbroken line\n\
             台灣 台湾 [Tai2 wan1] /variant of 臺灣|台湾[Tai2 wan1]/\n臺灣 台湾 [Tai2 wan1] /Taiwan/\n",
        );
        assert_eq!(d.get("和"), Some("and"));
        // A noun sense is preferred to an earlier verb one.
        assert_eq!(d.get("就业"), Some("employment"));
        assert_eq!(d.get("就業"), Some("employment"));
        assert_eq!(d.get("台灣"), Some("Taiwan"));
        assert_eq!(d.get("broken"), None);
        assert_eq!(d.lines, 5);
        assert_eq!(d.max_len(), 2);
    }

    #[test]
    fn the_bundled_dictionary_decompresses_and_has_the_release_entries() {
        let d = bundled().expect("bundled CC-CEDICT decompresses");
        // The file's header says `entries=122143`; every one of them is a data line.
        assert_eq!(d.lines, 122_143);
        assert_eq!(d.get("养老保险"), Some("old-age insurance"));
        assert_eq!(d.get("难题"), Some("difficult problem"));
    }
}
