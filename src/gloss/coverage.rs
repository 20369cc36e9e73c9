//! How much of a set of texts the glossary and the dictionary cover, counted in Chinese
//! characters. Numbers, with the unit or date character read with them (`4.83万人次`,
//! `2024年`), and punctuation are not words to look up and are not counted. For the README's
//! coverage figures and the tests. Must not import ratatui, crossterm or clap.

use super::{Source, is_han, segment};

/// Chinese characters of the texts added so far, by what covered them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Texts added.
    pub texts: usize,
    /// Chinese characters in them.
    pub han: usize,
    /// Covered by a curated glossary term.
    pub curated: usize,
    /// Covered by a dictionary word of two or more characters.
    pub words: usize,
    /// Covered only by the dictionary entry of the single character.
    pub single: usize,
    /// Covered by nothing: shown as pinyin.
    pub pinyin: usize,
    /// Texts whose every Chinese character is in a curated term or a dictionary word
    /// of two or more characters.
    pub whole_words: usize,
}

impl Coverage {
    pub fn add(&mut self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        let before = *self;
        for s in segment(text) {
            if s.source == Source::Number {
                continue;
            }
            let han = chars[s.start..s.end].iter().filter(|&&c| is_han(c)).count();
            self.han += han;
            match s.source {
                Source::Curated => self.curated += han,
                Source::Dictionary if s.end - s.start >= 2 => self.words += han,
                Source::Dictionary => self.single += han,
                Source::Pinyin => self.pinyin += han,
                Source::Number | Source::Other => {}
            }
        }
        self.texts += 1;
        if self.single == before.single && self.pinyin == before.pinyin {
            self.whole_words += 1;
        }
    }

    /// Share of Chinese characters covered by a glossary term or any dictionary entry.
    pub fn covered(&self) -> f64 {
        share(self.curated + self.words + self.single, self.han)
    }

    /// Share covered by a glossary term or a dictionary word of two or more characters.
    pub fn covered_by_words(&self) -> f64 {
        share(self.curated + self.words, self.han)
    }
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 { 1.0 } else { n as f64 / of as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_counted_by_what_covered_them() {
        let mut c = Coverage::default();
        c.add("低保对象4.83万人"); // one curated term, a number
        c.add("㐀就业"); // a character nothing covers, a dictionary word
        assert_eq!(c.texts, 2);
        assert_eq!(c.han, 4 + 1 + 2);
        assert_eq!(c.curated, 4);
        assert_eq!(c.words, 2);
        assert_eq!(c.pinyin, 1);
        // `万人` is read with the number and not counted.
        assert_eq!(c.whole_words, 1);
    }
}
