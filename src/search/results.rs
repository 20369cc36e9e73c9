//! What a query found: [`Results`], the ranked keys of one query with the corpus it ran
//! on, and the hits (with highlight positions) computed from them on demand. Must not
//! import ratatui, crossterm or clap.

use std::ops::Range;
use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::index::Index;

use super::corpus::{Corpus, field_text};
use super::query::Query;
use super::rank::{How, field_of, how_of, key_figure, key_rank, score_of};
use super::{Hit, MatchedBy, numbers, pinyin};

/// Ranked results of one query: every matching figure, best first. Positions for
/// highlighting are computed per hit, on demand, so a million hits cost no more than
/// their ranking. Self-contained: they hold the corpus they ran on, so a hit is always
/// read from the figures that were searched.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// The corpus and query, absent for the empty results of an empty query.
    ran: Option<(Arc<Corpus>, Query)>,
    /// Sorted keys (see `rank::key`).
    ranked: Vec<u64>,
    /// Figures that matched, before a limit kept the best of them.
    total: usize,
}

impl Results {
    pub(super) fn new(corpus: Arc<Corpus>, query: Query, ranked: Vec<u64>, total: usize) -> Self {
        Results {
            ran: Some((corpus, query)),
            ranked,
            total,
        }
    }

    /// Hits ranked and kept (at most the limit).
    pub fn len(&self) -> usize {
        self.ranked.len()
    }

    /// Figures that matched at all; more than [`Results::len`] when a limit cut them.
    pub fn total(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.ranked.is_empty()
    }

    /// Global figure numbers, best first.
    pub fn figures(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.ranked.iter().map(|&k| key_figure(k) as usize)
    }

    /// The figures these results are about (none for empty results of no query).
    pub fn index(&self) -> Option<&Index> {
        self.ran.as_ref().map(|(c, _)| c.index())
    }

    /// The `i`-th best hit with its highlight positions.
    pub fn hit(&self, i: usize) -> Option<Hit> {
        let (corpus, query) = self.ran.as_ref()?;
        Some(hit_at(corpus.index(), query, *self.ranked.get(i)?))
    }

    /// Hits `range` (clamped to the results), with positions.
    pub fn hits(&self, range: Range<usize>) -> Vec<Hit> {
        let end = range.end.min(self.len());
        (range.start.min(end)..end)
            .filter_map(|i| self.hit(i))
            .collect()
    }

    /// The text of the field `hit` matched in, which its positions count chars of.
    pub fn field_text(&self, hit: &Hit) -> &str {
        self.index()
            .map_or("", |index| field_text(index, hit.figure, hit.field))
    }
}

/// The hit a ranked key stands for, with its positions recomputed in its field's text.
/// `index` is the one the key was ranked on.
pub(super) fn hit_at(index: &Index, q: &Query, k: u64) -> Hit {
    let (rank, figure) = (key_rank(k), key_figure(k));
    let (field, how) = (field_of(rank), how_of(rank));
    let text = field_text(index, figure as usize, field);
    let positions = match how {
        How::Number => numbers::numeral_positions(text),
        How::Exact => text.find(&q.text).map_or_else(Vec::new, |b| {
            let start = text[..b].chars().count();
            (start..start + q.text.chars().count()).collect()
        }),
        How::Scattered => SkimMatcherV2::default()
            .fuzzy_indices(text, &q.text)
            .map_or_else(Vec::new, |(_, p)| p),
        How::Pinyin => q
            .pinyin
            .as_deref()
            .and_then(|letters| pinyin::find(text, letters))
            .map_or_else(Vec::new, |m| (m.start..m.end).collect()),
    };
    Hit {
        figure: figure as usize,
        score: score_of(rank),
        field,
        positions,
        matched_by: match how {
            How::Number => MatchedBy::Number,
            How::Exact | How::Scattered => MatchedBy::Chars,
            How::Pinyin => MatchedBy::Pinyin,
        },
    }
}
