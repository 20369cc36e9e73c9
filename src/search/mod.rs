//! Search over the index: characters (exact, then scattered, scored by skim), pinyin
//! (full, initials, mixed; every reading of a polyphonic character) and numbers by value,
//! with char-level match positions for highlighting.
//!
//! One search for the TUI search box, `pa-explorer search` and library callers:
//! - [`search`]: one call, one query (the subcommand).
//! - a [`Corpus`] built once + a [`Searcher`] per search box: each keystroke reuses
//!   what the previous, shorter query found, and [`Results`] (which keep the corpus they
//!   ran on) compute highlight positions only for the rows shown.
//!
//! Ranking, best first: number matched by value; exact substring in figure text or
//! subject; exact in sentence or headline; scattered chars (text/subject, then
//! sentence/headline); pinyin (text/subject, then sentence/headline). Within a class, by
//! field, then a closer or tighter match; ties in document order. Must not import
//! ratatui, crossterm or clap, and never prints.

mod corpus;
mod index;
mod numbers;
mod par;
mod pinyin;
mod query;
mod rank;
mod results;
mod score;
mod searcher;
mod sort;

pub use corpus::{Corpus, field_text};
pub use results::Results;
pub use searcher::Searcher;

use crate::index::Index;

/// Which field of a figure a hit matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Text,
    Subject,
    Sentence,
    Headline,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Subject => "subject",
            Field::Sentence => "sentence",
            Field::Headline => "headline",
        }
    }
}

/// How a hit matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchedBy {
    /// The query is a number and the figure's value (or its written digits) is it.
    Number,
    /// The query's characters, contiguous or scattered.
    Chars,
    /// The query's letters as the pinyin of the matched characters.
    Pinyin,
}

impl MatchedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Number => "number",
            MatchedBy::Chars => "chars",
            MatchedBy::Pinyin => "pinyin",
        }
    }
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Global figure number in the [`Index`].
    pub figure: usize,
    /// Higher is better; only the order is meaningful.
    pub score: i64,
    pub field: Field,
    /// Matched char indices within that field's text, ascending.
    pub positions: Vec<usize>,
    pub matched_by: MatchedBy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Return at most this many hits (the best ones).
    pub limit: Option<usize>,
    /// Also match Latin-letter queries as pinyin.
    pub pinyin: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: None,
            pinyin: true,
        }
    }
}

/// Ranks the figures of `index` against `query`; best first, ties in document order.
///
/// Convenient for a single query: it scans every text once and builds no posting lists.
/// For a search box, keep a [`Corpus`] and a [`Searcher`] instead.
pub fn search(index: &Index, query: &str, opts: SearchOptions) -> Vec<Hit> {
    let sx = index::SearchIndex::without_postings(index);
    match searcher::Ranker::default().run(&sx, index, query, opts) {
        Some((q, ranked, _)) => ranked
            .into_iter()
            .map(|k| results::hit_at(index, &q, k))
            .collect(),
        None => Vec::new(),
    }
}
