//! The matcher and ranker: a [`Searcher`] runs queries against a [`SearchIndex`], reusing
//! the previous query's matches when the new one extends it (typing), and returns
//! [`Results`] whose highlight positions are computed only when asked for.

use std::cmp::Reverse;
use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::index::Index;

use super::index::SearchIndex;
use super::query::Query;
use super::{Field, Hit, MatchedBy, SearchOptions, numbers, pinyin};

/// Scores are `class × CLASS + detail`: a class always outranks any detail below it.
const CLASS: i64 = 1_000_000_000_000;
/// Within a class the field comes first (text, subject, sentence, headline).
const FIELD: i64 = 10_000_000_000;

/// Match classes, best first (higher number, better).
const NUMBER: i64 = 7;
const EXACT_PRIMARY: i64 = 6;
const EXACT_SECONDARY: i64 = 5;
const SCATTERED_PRIMARY: i64 = 4;
const SCATTERED_SECONDARY: i64 = 3;
const PINYIN_PRIMARY: i64 = 2;
const PINYIN_SECONDARY: i64 = 1;

/// How a hit was found, finer than [`MatchedBy`]: what is needed to recompute positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Number,
    Exact,
    Scattered,
    Pinyin,
}

#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: i64,
    figure: u32,
    field: Field,
    how: How,
}

/// Ranked results of one query: every matching figure, best first. Positions for
/// highlighting are computed per hit, on demand, so a million hits cost no more than
/// their ranking.
#[derive(Debug, Clone, Default)]
pub struct Results {
    query: Option<Query>,
    ranked: Vec<Ranked>,
}

impl Results {
    pub fn len(&self) -> usize {
        self.ranked.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranked.is_empty()
    }

    /// Global figure numbers, best first.
    pub fn figures(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.ranked.iter().map(|r| r.figure as usize)
    }

    /// The `i`-th best hit with its highlight positions. `index` must be the one the
    /// search ran on.
    pub fn hit(&self, index: &Index, i: usize) -> Option<Hit> {
        let r = *self.ranked.get(i)?;
        let q = self.query.as_ref()?;
        let fig = index.get(r.figure as usize)?;
        let f = index.figure(fig);
        let text = match r.field {
            Field::Text => f.text.as_str(),
            Field::Subject => f.subject.as_deref().unwrap_or(""),
            Field::Sentence => index.sentence(fig).text.as_str(),
            Field::Headline => index.section(fig).headline.as_deref().unwrap_or(""),
        };
        let positions = match r.how {
            How::Number => numbers::numeral_positions(text),
            How::Exact => text.find(&q.text).map_or_else(Vec::new, |b| {
                let start = text[..b].chars().count();
                (start..start + q.text.chars().count()).collect()
            }),
            How::Scattered => SkimMatcherV2::default()
                .fuzzy_indices(text, &q.text)
                .map_or_else(Vec::new, |(_, p)| p),
            How::Pinyin => {
                let chars: Vec<char> = text.chars().collect();
                q.pinyin
                    .as_deref()
                    .and_then(|letters| pinyin::find(&chars, letters))
                    .map_or_else(Vec::new, |m| (m.start..m.end).collect())
            }
        };
        Some(Hit {
            figure: r.figure as usize,
            score: r.score,
            field: r.field,
            positions,
            matched_by: match r.how {
                How::Number => MatchedBy::Number,
                How::Exact | How::Scattered => MatchedBy::Chars,
                How::Pinyin => MatchedBy::Pinyin,
            },
        })
    }

    /// Hits `range` (clamped to the results), with positions.
    pub fn hits(&self, index: &Index, range: Range<usize>) -> Vec<Hit> {
        let end = range.end.min(self.len());
        (range.start.min(end)..end)
            .filter_map(|i| self.hit(index, i))
            .collect()
    }
}

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

/// A search session, e.g. one per search box. Remembers the queries typed so far: a
/// query that extends an earlier one (the next keystroke) only re-checks what that one
/// matched, and backspace finds its earlier step again.
#[derive(Default)]
pub struct Searcher {
    steps: Vec<Step>,
    /// Per figure: the search generation that last touched it, and its slot in the
    /// ranked list, so best-per-figure needs neither a hash map nor clearing.
    seen: Vec<u32>,
    slot: Vec<u32>,
    generation: u32,
    skim: SkimMatcherV2,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The skim matcher holds only scratch buffers.
        f.debug_struct("Searcher")
            .field("steps", &self.steps.len())
            .finish_non_exhaustive()
    }
}

/// Typing history kept; deeper than any query a person types.
const MAX_STEPS: usize = 64;

impl Searcher {
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// Forgets earlier queries (call after the index or options change).
    pub fn reset(&mut self) {
        self.steps.clear();
    }

    /// Ranks every figure matching `query`. `index` must be the one `sx` was built from.
    pub fn search(
        &mut self,
        sx: &SearchIndex,
        index: &Index,
        query: &str,
        opts: SearchOptions,
    ) -> Results {
        let q = Query::parse(query, opts.pinyin);
        if q.is_empty() || sx.figure_count() != index.len() {
            return Results::default();
        }
        // The longest earlier query this one extends.
        let keep = self
            .steps
            .iter()
            .rposition(|s| s.pinyin_on == opts.pinyin && q.text.starts_with(&s.text));
        self.steps.truncate(keep.map_or(0, |k| k + 1));
        let prior = self.steps.last();

        let mut texts: Vec<(u32, i64, How)> = Vec::new();
        let char_candidates = match prior {
            Some(p) => Some(p.chars.clone()),
            None => sx.texts_with_all(&q.chars),
        };
        let mut matched_chars = Vec::new();
        let mut check_chars = |t: u32| {
            let text = sx.text(t);
            if let Some((score, how)) = score_chars(&self.skim, &q, text, sx.field(t)) {
                matched_chars.push(t);
                texts.push((t, score, how));
            }
        };
        match char_candidates {
            Some(c) => c.into_iter().for_each(&mut check_chars),
            None => (0..sx.text_count() as u32).for_each(&mut check_chars),
        }

        let mut matched_pinyin = None;
        if let Some(letters) = &q.pinyin {
            let candidates = match prior.and_then(|p| p.pinyin.clone()) {
                Some(p) => Some(p),
                None => sx.pinyin_candidates(letters),
            };
            let mut found = Vec::new();
            let mut buf = Vec::new();
            let mut check = |t: u32| {
                let field = sx.field(t);
                if field == Field::Text {
                    return;
                }
                buf.clear();
                buf.extend(sx.text(t).chars());
                if let Some(m) = pinyin::find(&buf, letters) {
                    found.push(t);
                    texts.push((t, score_pinyin(m, buf.len(), field), How::Pinyin));
                }
            };
            match candidates {
                Some(c) => c.into_iter().for_each(&mut check),
                None => (0..sx.text_count() as u32).for_each(&mut check),
            }
            matched_pinyin = Some(found);
        }

        let mut ranked = self.rank(sx, index, &q, &texts);
        sort_ranked(&mut ranked, opts.limit);

        if self.steps.len() >= MAX_STEPS {
            self.steps.remove(0);
        }
        self.steps.push(Step {
            text: q.text.clone(),
            pinyin_on: opts.pinyin,
            chars: matched_chars,
            pinyin: matched_pinyin,
        });
        Results {
            query: Some(q),
            ranked,
        }
    }

    /// Best hit per figure, from the matched texts and the number query.
    fn rank(
        &mut self,
        sx: &SearchIndex,
        index: &Index,
        q: &Query,
        texts: &[(u32, i64, How)],
    ) -> Vec<Ranked> {
        let n = sx.figure_count();
        if self.seen.len() != n {
            self.seen = vec![0; n];
            self.slot = vec![0; n];
            self.generation = 0;
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.seen.fill(0);
            self.generation = 1;
        }
        let (seen, slot, generation) = (&mut self.seen, &mut self.slot, self.generation);
        let mut ranked: Vec<Ranked> = Vec::new();
        let mut offer = |r: Ranked| {
            let g = r.figure as usize;
            if seen[g] == generation {
                let s = &mut ranked[slot[g] as usize];
                if r.score > s.score {
                    *s = r;
                }
            } else {
                seen[g] = generation;
                slot[g] = ranked.len() as u32;
                ranked.push(r);
            }
        };
        if let Some(nq) = &q.number {
            sx.numbers.find(index, nq, |g, dist| {
                // Closeness in millionths: 3.02亿 for 3亿 is 6,667 away.
                let closeness = 1_000_000 - (dist * 1e6).min(1e6) as i64;
                offer(Ranked {
                    score: NUMBER * CLASS + closeness * 1_000,
                    figure: g,
                    field: Field::Text,
                    how: How::Number,
                });
            });
        }
        for &(t, score, how) in texts {
            let field = sx.field(t);
            for &g in sx.users(t) {
                offer(Ranked {
                    score,
                    figure: g,
                    field,
                    how,
                });
            }
        }
        ranked
    }
}

/// Best first, ties in document order. With a limit only the best `limit` are sorted.
fn sort_ranked(ranked: &mut Vec<Ranked>, limit: Option<usize>) {
    let key = |r: &Ranked| (Reverse(r.score), r.figure);
    if let Some(k) = limit {
        if k == 0 {
            ranked.clear();
            return;
        }
        if k < ranked.len() {
            ranked.select_nth_unstable_by_key(k - 1, key);
            ranked.truncate(k);
        }
    }
    ranked.sort_unstable_by_key(key);
}

fn field_rank(field: Field) -> i64 {
    match field {
        Field::Text => 3,
        Field::Subject => 2,
        Field::Sentence => 1,
        Field::Headline => 0,
    }
}

fn is_primary(field: Field) -> bool {
    matches!(field, Field::Text | Field::Subject)
}

/// Exact substring, else scattered chars (skim), else no match.
fn score_chars(skim: &SkimMatcherV2, q: &Query, text: &str, field: Field) -> Option<(i64, How)> {
    if let Some(b) = text.find(&q.text) {
        let class = if is_primary(field) {
            EXACT_PRIMARY
        } else {
            EXACT_SECONDARY
        };
        // A query that is most of the text, and one that starts it, fit best.
        let coverage = (q.text.len() * 1000 / text.len().max(1)) as i64;
        let start = text[..b].chars().take(1000).count() as i64;
        return Some((
            class * CLASS + field_rank(field) * FIELD + coverage * 1_000_000 + (1000 - start),
            How::Exact,
        ));
    }
    let s = skim.fuzzy_match(text, &q.text)?;
    let class = if is_primary(field) {
        SCATTERED_PRIMARY
    } else {
        SCATTERED_SECONDARY
    };
    Some((
        class * CLASS + field_rank(field) * FIELD + s.clamp(0, FIELD - 1),
        How::Scattered,
    ))
}

fn score_pinyin(m: pinyin::PinyinMatch, len: usize, field: Field) -> i64 {
    let class = if is_primary(field) {
        PINYIN_PRIMARY
    } else {
        PINYIN_SECONDARY
    };
    let coverage = ((m.end - m.start) * 1000 / len.max(1)) as i64;
    let start = m.start.min(1000) as i64;
    class * CLASS
        + field_rank(field) * FIELD
        + i64::from(m.whole) * 1_000_000_000
        + coverage * 1_000_000
        + (1000 - start)
}
