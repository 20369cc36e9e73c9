//! The searcher: runs queries against a [`Corpus`], reusing the previous query's matches
//! when the new one extends it (typing), and returns self-contained [`Results`]. Must not
//! import ratatui, crossterm or clap.

use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::index::Index;

use super::corpus::Corpus;
use super::index::SearchIndex;
use super::query::Query;
use super::rank::{How, NUMBER, Rank, how_of, key, pack};
use super::results::Results;
use super::score::{Pattern, char_count, scattered, score_chars, score_pinyin};
use super::sort::sort_keys;
use super::{Field, SearchOptions, par, pinyin};

/// What a query matched, kept so that the next, longer query only re-checks these.
#[derive(Debug, Clone)]
struct Step {
    text: String,
    pinyin_on: bool,
    /// Texts matched by chars (exact or scattered), ascending.
    chars: Vec<u32>,
    /// Texts matched by pinyin, ascending; `None` when the query was not pinyin.
    pinyin: Option<Vec<u32>>,
}

/// A search session over one corpus, e.g. one per search box. Remembers the queries
/// typed so far: a query that extends an earlier one (the next keystroke) only re-checks
/// what that one matched, and backspace finds its earlier step again.
#[derive(Debug)]
pub struct Searcher {
    corpus: Arc<Corpus>,
    ranker: Ranker,
}

impl Searcher {
    pub fn new(corpus: Arc<Corpus>) -> Searcher {
        Searcher {
            corpus,
            ranker: Ranker::default(),
        }
    }

    /// The corpus searched.
    pub fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
    }

    /// Forgets earlier queries (call after the options change).
    pub fn reset(&mut self) {
        self.ranker.steps.clear();
    }

    /// Ranks every figure matching `query`.
    pub fn search(&mut self, query: &str, opts: SearchOptions) -> Results {
        let corpus = &self.corpus;
        match self
            .ranker
            .run(corpus.search_index(), corpus.index(), query, opts)
        {
            Some((q, ranked, total)) => Results::new(Arc::clone(corpus), q, ranked, total),
            None => Results::default(),
        }
    }
}

/// The matching and ranking machinery with its memory of earlier queries, apart from
/// the corpus so that a one-shot search can run it on a borrowed index.
#[derive(Default)]
pub(super) struct Ranker {
    steps: Vec<Step>,
    /// Best rank per figure during a search, all 0 between searches: best-per-figure
    /// needs neither a hash map nor a per-search clear, and reading it back in figure
    /// order gives the ties their document order for free.
    best: Vec<Rank>,
    /// The radix sort's second buffer, kept between searches.
    scratch: Vec<u64>,
    skim: SkimMatcherV2,
}

impl std::fmt::Debug for Ranker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The skim matcher holds only scratch buffers.
        f.debug_struct("Ranker")
            .field("steps", &self.steps.len())
            .finish_non_exhaustive()
    }
}

/// Typing history kept; deeper than any query a person types.
const MAX_STEPS: usize = 64;

/// Texts per piece of work handed to a thread: enough to dwarf the hand-over.
const CHUNK: usize = 4096;

/// Below this many figure updates, results are gathered from the matched texts instead
/// of by reading every figure's slot.
const SPARSE: usize = 16;

impl Ranker {
    /// The parsed query, its sorted keys and how many figures matched; `None` for an
    /// empty query. `sx` is built from `index`: only a [`Corpus`] or a one-shot search,
    /// which builds both on the spot, call this.
    pub(super) fn run(
        &mut self,
        sx: &SearchIndex,
        index: &Index,
        query: &str,
        opts: SearchOptions,
    ) -> Option<(Query, Vec<u64>, usize)> {
        let q = Query::parse(query, opts.pinyin);
        if q.is_empty() {
            return None;
        }
        // The longest earlier query this one extends.
        let keep = self
            .steps
            .iter()
            .rposition(|s| s.pinyin_on == opts.pinyin && q.text.starts_with(&s.text));
        self.steps.truncate(keep.map_or(0, |k| k + 1));
        let prior = self.steps.last();

        // Texts that may match by chars: those of the earlier query that also hold the
        // chars it lacked, else those holding every char (or all, without postings).
        let char_candidates = match prior {
            Some(p) => {
                let had = Query::parse(&p.text, false).chars;
                let new: Vec<char> = q
                    .chars
                    .iter()
                    .filter(|c| !had.contains(c))
                    .copied()
                    .collect();
                sx.narrow(&p.chars, &new)
            }
            None => sx
                .texts_with_all(&q.chars)
                .unwrap_or_else(|| (0..sx.text_count() as u32).collect()),
        };
        let pattern = Pattern::new(&q.text);
        let char_hits: Vec<(u32, Rank)> = par::map_chunks(&char_candidates, CHUNK, |ts| {
            ts.iter()
                .filter_map(|&t| {
                    Some((t, score_chars(&q.text, &pattern, sx.text(t), sx.field(t))?))
                })
                .collect::<Vec<_>>()
        })
        .concat();

        let mut pinyin_hits: Vec<(u32, Rank)> = Vec::new();
        if let Some(letters) = &q.pinyin {
            let candidates = match prior.and_then(|p| p.pinyin.clone()) {
                Some(p) => p,
                None => sx
                    .pinyin_candidates(letters)
                    .unwrap_or_else(|| (0..sx.text_count() as u32).collect()),
            };
            pinyin_hits = par::map_chunks(&candidates, CHUNK, |ts| {
                let mut out = Vec::new();
                for &t in ts {
                    let field = sx.field(t);
                    if field == Field::Text {
                        continue;
                    }
                    let text = sx.text(t);
                    if let Some(m) = pinyin::find(text, letters) {
                        out.push((t, score_pinyin(m, char_count(text), field)));
                    }
                }
                out
            })
            .concat();
        }

        let (ranked, total) = self.rank(sx, index, &q, &char_hits, &pinyin_hits, opts.limit);

        if self.steps.len() >= MAX_STEPS {
            self.steps.remove(0);
        }
        self.steps.push(Step {
            text: q.text.clone(),
            pinyin_on: opts.pinyin,
            chars: char_hits.iter().map(|&(t, _)| t).collect(),
            pinyin: q
                .pinyin
                .is_some()
                .then(|| pinyin_hits.iter().map(|&(t, _)| t).collect()),
        });
        Some((q, ranked, total))
    }

    /// Best hit per figure, from the matched texts and the number query, as sorted keys,
    /// and how many figures matched before `limit` cut them.
    fn rank(
        &mut self,
        sx: &SearchIndex,
        index: &Index,
        q: &Query,
        char_hits: &[(u32, Rank)],
        pinyin_hits: &[(u32, Rank)],
        limit: Option<usize>,
    ) -> (Vec<u64>, usize) {
        let n = sx.figure_count();
        if self.best.len() != n {
            self.best = vec![0; n];
        }
        let best = &mut self.best;
        let mut offers = 0;
        let mut offer_text = |best: &mut [Rank], t: u32, r: Rank| {
            let users = sx.users(t);
            offers += users.len();
            for &g in users {
                let b = &mut best[g as usize];
                *b = (*b).max(r);
            }
        };
        let mut number_hits = Vec::new();
        if let Some(nq) = &q.number {
            sx.numbers(index).find(index, nq, |g, dist| {
                // Closeness in millionths: 3.02亿 for 3亿 is 6,667 away.
                let closeness = 1_000_000 - (dist * 1e6).min(1e6) as u32;
                let b = &mut best[g as usize];
                *b = (*b).max(pack(NUMBER, Field::Text, closeness));
                number_hits.push(g);
            });
        }
        for &(t, r) in char_hits.iter().chain(pinyin_hits) {
            offer_text(best, t, r);
        }
        // Scattered hits went in with detail 0, as skim scoring is the dearest step:
        // only a text that is still some figure's best needs its real score. A figure
        // has one text per field, so an equal rank can only be this text's own.
        let pending: Vec<u32> = char_hits
            .iter()
            .filter(|&&(t, r)| {
                how_of(r) == How::Scattered && sx.users(t).iter().any(|&g| best[g as usize] == r)
            })
            .map(|&(t, _)| t)
            .collect();
        let skim = &self.skim;
        let scored = par::map_chunks(&pending, CHUNK / 4, |ts| {
            ts.iter()
                .map(|&t| {
                    let s = skim.fuzzy_match(sx.text(t), &q.text).unwrap_or(0);
                    (t, scattered(sx.field(t), s))
                })
                .collect::<Vec<_>>()
        });
        for &(t, r) in scored.iter().flatten() {
            offer_text(best, t, r);
        }

        let mut keys = Vec::with_capacity(offers.min(n));
        let mut take = |g: u32| {
            let b = &mut best[g as usize];
            if *b != 0 {
                keys.push(key(*b, g));
                *b = 0;
            }
        };
        let in_figure_order = offers.saturating_mul(SPARSE) >= n;
        if in_figure_order {
            (0..n as u32).for_each(&mut take);
        } else {
            number_hits.into_iter().for_each(&mut take);
            for &(t, _) in char_hits.iter().chain(pinyin_hits) {
                sx.users(t).iter().copied().for_each(&mut take);
            }
        }
        let total = keys.len();
        sort_keys(&mut keys, &mut self.scratch, limit, in_figure_order);
        (keys, total)
    }
}
