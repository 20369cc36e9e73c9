//! Search over the index: fuzzy matching of figure text, subject, sentence and headline,
//! with char-level match positions for highlighting.
//!
//! One engine for the TUI search box, `pa-explorer search` and library callers. Must not
//! import ratatui, crossterm or clap, and never prints.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::index::Index;

/// Which field of a figure a hit matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Text,
    Subject,
    Sentence,
    Headline,
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Global figure number in the [`Index`].
    pub figure: usize,
    pub score: i64,
    pub field: Field,
    /// Matched char indices within that field's text.
    pub positions: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchOptions {
    pub limit: Option<usize>,
}

/// Ranks every figure of `index` against `query`; best first, ties in document order.
pub fn search(index: &Index, query: &str, opts: SearchOptions) -> Vec<Hit> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let matcher = SkimMatcherV2::default();
    let mut hits = Vec::new();
    for (g, &r) in index.all().iter().enumerate() {
        let f = index.figure(r);
        let sentence = &index.sentence(r).text;
        let headline = index.section(r).headline.as_deref().unwrap_or("");
        let fields = [
            (Field::Text, f.text.as_str(), 3),
            (Field::Subject, f.subject.as_deref().unwrap_or(""), 2),
            (Field::Sentence, sentence.as_str(), 1),
            (Field::Headline, headline, 1),
        ];
        let best = fields
            .iter()
            .filter_map(|&(field, text, weight)| {
                let (score, positions) = matcher.fuzzy_indices(text, query)?;
                Some((score * weight, field, positions))
            })
            .max_by_key(|(s, _, _)| *s);
        if let Some((score, field, positions)) = best {
            hits.push(Hit {
                figure: g,
                score,
                field,
                positions,
            });
        }
    }
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.figure.cmp(&b.figure)));
    if let Some(limit) = opts.limit {
        hits.truncate(limit);
    }
    hits
}
