//! The matcher and ranker: a [`Searcher`] runs queries against a [`SearchIndex`], reusing
//! the previous query's matches when the new one extends it (typing), and returns
//! [`Results`] whose highlight positions are computed only when asked for.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::index::Index;

use super::index::SearchIndex;
use super::query::Query;
use super::{Field, Hit, MatchedBy, SearchOptions, numbers, par, pinyin};

/// Scores are `class × CLASS + detail`: a class always outranks any detail below it.
const CLASS: i64 = 1_000_000_000_000;
/// Within a class the field comes first (text, subject, sentence, headline).
const FIELD: i64 = 10_000_000_000;

/// Match classes, best first (higher number, better).
const NUMBER: u32 = 7;
const EXACT_PRIMARY: u32 = 6;
const EXACT_SECONDARY: u32 = 5;
const SCATTERED_PRIMARY: u32 = 4;
const SCATTERED_SECONDARY: u32 = 3;
const PINYIN_PRIMARY: u32 = 2;
const PINYIN_SECONDARY: u32 = 1;

/// A hit's score packed in 32 bits that order as the score does: class (3 bits), field
/// (2 bits), detail (27 bits). Ranking compares and sorts these, 0 meaning no hit; the
/// public `i64` score is rebuilt from it for the few hits shown.
type Rank = u32;
const DETAIL_BITS: u32 = 27;
const DETAIL_MAX: u32 = (1 << DETAIL_BITS) - 1;
/// Exact and pinyin details pack their parts in base 1001 (each part is 0..=1000).
const BASE: u32 = 1001;

fn pack(class: u32, field: Field, detail: u32) -> Rank {
    // A number hit's score has no field part.
    let field = if class == NUMBER {
        0
    } else {
        field_rank(field)
    };
    class << (DETAIL_BITS + 2) | field << DETAIL_BITS | detail.min(DETAIL_MAX)
}

fn class_of(r: Rank) -> u32 {
    r >> (DETAIL_BITS + 2)
}

fn how_of(r: Rank) -> How {
    match class_of(r) {
        NUMBER => How::Number,
        EXACT_PRIMARY | EXACT_SECONDARY => How::Exact,
        SCATTERED_PRIMARY | SCATTERED_SECONDARY => How::Scattered,
        _ => How::Pinyin,
    }
}

fn field_of(r: Rank) -> Field {
    if class_of(r) == NUMBER {
        return Field::Text;
    }
    match (r >> DETAIL_BITS) & 3 {
        3 => Field::Text,
        2 => Field::Subject,
        1 => Field::Sentence,
        _ => Field::Headline,
    }
}

/// The public score of a rank, as the scorers below define it.
fn score_of(r: Rank) -> i64 {
    let class = i64::from(class_of(r));
    let detail = i64::from(r & DETAIL_MAX);
    if class_of(r) == NUMBER {
        return class * CLASS + detail * 1_000;
    }
    let base = class * CLASS + i64::from((r >> DETAIL_BITS) & 3) * FIELD;
    let b = i64::from(BASE);
    match how_of(r) {
        How::Exact => base + detail / b * 1_000_000 + detail % b,
        How::Pinyin => {
            base + detail / b / b * 1_000_000_000 + detail / b % b * 1_000_000 + detail % b
        }
        How::Number | How::Scattered => base + detail,
    }
}

/// Results are kept as one `u64` per figure: `!rank` above, figure below, so that
/// ascending keys are best first with ties in document order.
fn key(rank: Rank, figure: u32) -> u64 {
    u64::from(!rank) << 32 | u64::from(figure)
}

fn key_rank(k: u64) -> Rank {
    !((k >> 32) as u32)
}

fn key_figure(k: u64) -> u32 {
    k as u32
}

/// How a hit was found, finer than [`MatchedBy`]: what is needed to recompute positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Number,
    Exact,
    Scattered,
    Pinyin,
}

/// Ranked results of one query: every matching figure, best first. Positions for
/// highlighting are computed per hit, on demand, so a million hits cost no more than
/// their ranking.
#[derive(Debug, Clone, Default)]
pub struct Results {
    query: Option<Query>,
    /// Sorted [`key`]s.
    ranked: Vec<u64>,
    /// Figures that matched, before a limit kept the best of them.
    total: usize,
}

impl Results {
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

    /// The `i`-th best hit with its highlight positions. `index` must be the one the
    /// search ran on.
    pub fn hit(&self, index: &Index, i: usize) -> Option<Hit> {
        let k = *self.ranked.get(i)?;
        let (rank, figure) = (key_rank(k), key_figure(k));
        let (field, how) = (field_of(rank), how_of(rank));
        let q = self.query.as_ref()?;
        let fig = index.get(figure as usize)?;
        let f = index.figure(fig);
        let text = match field {
            Field::Text => f.text.as_str(),
            Field::Subject => f.subject.as_deref().unwrap_or(""),
            Field::Sentence => index.sentence(fig).text.as_str(),
            Field::Headline => index.section(fig).headline.as_deref().unwrap_or(""),
        };
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
        Some(Hit {
            figure: figure as usize,
            score: score_of(rank),
            field,
            positions,
            matched_by: match how {
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
    /// Best rank per figure during a search, all 0 between searches: best-per-figure
    /// needs neither a hash map nor a per-search clear, and reading it back in figure
    /// order gives the ties their document order for free.
    best: Vec<Rank>,
    /// The radix sort's second buffer, kept between searches.
    scratch: Vec<u64>,
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

/// Texts per piece of work handed to a thread: enough to dwarf the hand-over.
const CHUNK: usize = 4096;

/// Below this many figure updates, results are gathered from the matched texts instead
/// of by reading every figure's slot.
const SPARSE: usize = 16;

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
        Results {
            query: Some(q),
            ranked,
            total,
        }
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

/// Best first, ties in document order. With a limit only the best `limit` are sorted.
/// Keys read in figure order need only a stable sort by rank; `scratch` is its buffer.
fn sort_keys(
    keys: &mut Vec<u64>,
    scratch: &mut Vec<u64>,
    limit: Option<usize>,
    in_figure_order: bool,
) {
    if let Some(k) = limit {
        if k == 0 {
            keys.clear();
            return;
        }
        if k < keys.len() {
            keys.select_nth_unstable(k - 1);
            keys.truncate(k);
            keys.sort_unstable();
            return;
        }
    }
    if !in_figure_order || keys.len() < RADIX_MIN {
        keys.sort_unstable();
        return;
    }
    scratch.clear();
    scratch.resize(keys.len(), 0);
    if keys.len() < 2 * RADIX_MIN {
        if radix_sort_ranks(keys, scratch) {
            std::mem::swap(keys, scratch);
        }
        return;
    }
    // Two halves at once, then one merge: each half is still in figure order.
    let (total, mid) = (keys.len(), keys.len() / 2);
    let (k1, k2) = keys.split_at_mut(mid);
    let (s1, s2) = scratch.split_at_mut(mid);
    let (in_s1, in_s2) = par::join(|| radix_sort_ranks(k1, s1), || radix_sort_ranks(k2, s2));
    let left: &[u64] = if in_s1 { s1 } else { k1 };
    let right: &[u64] = if in_s2 { s2 } else { k2 };
    let mut merged = Vec::with_capacity(total);
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if left[i] < right[j] {
            merged.push(left[i]);
            i += 1;
        } else {
            merged.push(right[j]);
            j += 1;
        }
    }
    merged.extend_from_slice(&left[i..]);
    merged.extend_from_slice(&right[j..]);
    *keys = merged;
}

/// Below this many keys a comparison sort is as quick as radix passes.
const RADIX_MIN: usize = 1 << 15;

/// Stable LSD radix sort on the upper 32 bits (the rank), 11 bits a pass, skipping
/// passes whose digit all keys share: linear where a comparison sort of half a million
/// keys is not. `buf` is as long as `keys`; returns whether the result ended up there.
fn radix_sort_ranks(keys: &mut [u64], buf: &mut [u64]) -> bool {
    let mut in_buf = false;
    for shift in [32, 43, 54] {
        let (src, dst): (&[u64], &mut [u64]) = if in_buf {
            (&*buf, &mut *keys)
        } else {
            (&*keys, &mut *buf)
        };
        let mut counts = [0usize; 1 << 11];
        for &k in src {
            counts[(k >> shift) as usize & 0x7ff] += 1;
        }
        if counts.contains(&src.len()) {
            continue;
        }
        let mut sum = 0;
        for c in &mut counts {
            let here = *c;
            *c = sum;
            sum += here;
        }
        for &k in src {
            let d = (k >> shift) as usize & 0x7ff;
            dst[counts[d]] = k;
            counts[d] += 1;
        }
        in_buf = !in_buf;
    }
    in_buf
}

fn field_rank(field: Field) -> u32 {
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

/// The query's chars as skim compares them: ASCII case is ignored unless the query has
/// an upper-case letter ("smart case").
struct Pattern {
    chars: Vec<char>,
    case_sensitive: bool,
}

impl Pattern {
    fn new(text: &str) -> Pattern {
        Pattern {
            chars: text.chars().collect(),
            case_sensitive: text.chars().any(|c| c.is_ascii_uppercase()),
        }
    }

    /// Byte offset of the first occurrence of `query` (whose chars these are) in
    /// `text`. Looking for the first char with memchr and then comparing beats the
    /// general substring search for the short queries of a search box.
    fn find_in(&self, query: &str, text: &str) -> Option<usize> {
        let first = *self.chars.first()?;
        let mut from = 0;
        while let Some(i) = text[from..].find(first) {
            let at = from + i;
            if text[at..].starts_with(query) {
                return Some(at);
            }
            from = at + first.len_utf8();
        }
        None
    }

    /// Whether skim matches `text` at all: the query's chars appear in it in order.
    fn is_scattered_in(&self, text: &str) -> bool {
        let mut want = self.chars.iter();
        let mut next = want.next();
        for c in text.chars() {
            let Some(&p) = next else { break };
            if c == p || !self.case_sensitive && c.eq_ignore_ascii_case(&p) {
                next = want.next();
            }
        }
        next.is_none()
    }
}

/// Exact substring, else scattered chars (scored later, see `rank`), else no match.
fn score_chars(query: &str, pattern: &Pattern, text: &str, field: Field) -> Option<Rank> {
    if let Some(b) = pattern.find_in(query, text) {
        let class = if is_primary(field) {
            EXACT_PRIMARY
        } else {
            EXACT_SECONDARY
        };
        // A query that is most of the text, and one that starts it, fit best.
        let coverage = (query.len() * 1000 / text.len().max(1)) as u32;
        // Chars before the match, capped at 1000: counted as the bytes that start a
        // char, which the compiler turns into wide compares.
        let start = text.as_bytes()[..b]
            .iter()
            .filter(|&&c| !is_continuation(c))
            .count()
            .min(1000) as u32;
        return Some(pack(class, field, coverage * BASE + (1000 - start)));
    }
    pattern.is_scattered_in(text).then(|| scattered(field, 0))
}

fn char_count(text: &str) -> usize {
    text.bytes().filter(|&c| !is_continuation(c)).count()
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// A scattered hit with skim's score. Scores past the detail bits would need a text of
/// millions of chars; they saturate.
fn scattered(field: Field, skim: i64) -> Rank {
    let class = if is_primary(field) {
        SCATTERED_PRIMARY
    } else {
        SCATTERED_SECONDARY
    };
    pack(class, field, skim.clamp(0, i64::from(DETAIL_MAX)) as u32)
}

fn score_pinyin(m: pinyin::PinyinMatch, len: usize, field: Field) -> Rank {
    let class = if is_primary(field) {
        PINYIN_PRIMARY
    } else {
        PINYIN_SECONDARY
    };
    let coverage = ((m.end - m.start) * 1000 / len.max(1)) as u32;
    let start = m.start.min(1000) as u32;
    pack(
        class,
        field,
        (u32::from(m.whole) * BASE + coverage) * BASE + (1000 - start),
    )
}
