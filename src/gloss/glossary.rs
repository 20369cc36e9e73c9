//! The curated glossary (`data/glossary.tsv`): policy terms whose dictionary senses
//! mislead (`低保` is not a "welfare" in general, `兜底` is not "to reveal"), each with
//! its English, a one-line explanation and a source. Curated terms win over the
//! dictionary in segmentation. Must not import ratatui, crossterm or clap; never prints.

use std::sync::OnceLock;

const GLOSSARY_TSV: &str = include_str!("../../data/glossary.tsv");

/// One curated term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The Chinese term as written (simplified).
    pub term: String,
    pub english: String,
    /// What the term means, in one line.
    pub explanation: String,
    /// Where the definition comes from, or "project's own wording".
    pub source: String,
}

/// The curated entries, in file order.
#[derive(Debug)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    max_len: usize,
}

/// A line of the TSV that is not `term<TAB>english<TAB>explanation<TAB>source`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based line number in the file.
    pub line: usize,
    pub reason: String,
}

impl Glossary {
    /// Parses the TSV; blank lines and `#` comments are skipped. Bad lines are returned
    /// beside the good entries so a test can name them.
    pub fn parse(tsv: &str) -> (Glossary, Vec<BadLine>) {
        let mut entries: Vec<Entry> = Vec::new();
        let mut bad = Vec::new();
        for (i, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let reason = if cols.len() != 4 {
                Some(format!("{} columns, expected 4", cols.len()))
            } else if cols.iter().any(|c| c.is_empty()) {
                Some("an empty column".to_string())
            } else if entries.iter().any(|e| e.term == cols[0]) {
                Some(format!("`{}` is listed twice", cols[0]))
            } else {
                None
            };
            if let Some(reason) = reason {
                bad.push(BadLine {
                    line: i + 1,
                    reason,
                });
                continue;
            }
            entries.push(Entry {
                term: cols[0].to_string(),
                english: cols[1].to_string(),
                explanation: cols[2].to_string(),
                source: cols[3].to_string(),
            });
        }
        let max_len = entries
            .iter()
            .map(|e| e.term.chars().count())
            .max()
            .unwrap_or(0);
        (Glossary { entries, max_len }, bad)
    }

    /// The entry of `term` exactly.
    pub fn get(&self, term: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.term == term)
    }

    /// The longest curated term written at `chars[at..]`.
    pub fn longest_at(&self, chars: &[char], at: usize) -> Option<&Entry> {
        let rest = chars.len().saturating_sub(at);
        (1..=self.max_len.min(rest)).rev().find_map(|n| {
            let word: String = chars[at..at + n].iter().collect();
            self.get(&word)
        })
    }
}

/// The bundled glossary, parsed once. Bad lines are skipped here (a test keeps the
/// file free of them).
pub fn bundled() -> &'static Glossary {
    static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
    GLOSSARY.get_or_init(|| Glossary::parse(GLOSSARY_TSV).0)
}

/// The bad lines of the bundled file, for the test that keeps it clean.
pub fn bundled_bad_lines() -> Vec<BadLine> {
    Glossary::parse(GLOSSARY_TSV).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_with_their_line_numbers() {
        let (g, bad) = Glossary::parse(
            "# header\n低保\tminimum living allowance\twhat\tsource\n\
             only\ttwo\n低保\tagain\twhat\tsource\n人次\tperson-times\t\tsource\n",
        );
        assert_eq!(g.entries.len(), 1);
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(bad[1].reason.contains("twice"), "{:?}", bad[1]);
    }

    #[test]
    fn longest_curated_term_wins_at_a_position() {
        let (g, _) = Glossary::parse("特困\ta\tb\tc\n特困人员\td\te\tf\n");
        let chars: Vec<char> = "为特困人员".chars().collect();
        assert_eq!(
            g.longest_at(&chars, 1).map(|e| e.english.as_str()),
            Some("d")
        );
        assert_eq!(g.longest_at(&chars, 0), None);
        assert_eq!(g.longest_at(&chars, 5), None);
    }
}
