//! The search index, built once from an [`Index`]: every searchable text (figure text,
//! subject, sentence, headline) numbered once — a sentence shared by five figures is one
//! text, matched once — with the figures that use it, a char → texts posting list, a
//! pinyin key → texts bitset, and the figures sorted by value.
//!
//! Texts are located in the [`Index`] it was built from (the numbers and the figures'
//! texts are read there), so it is only ever used beside that index: a
//! [`super::Corpus`] holds the two together.

use std::collections::HashMap;

use crate::index::Index;

use super::Field;
use super::numbers::NumberIndex;
use super::pinyin;

/// Where a text lives in the [`Index`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Src {
    /// Text or subject of the figure with this global number.
    Figure(Field, u32),
    Sentence {
        doc: u32,
        sentence: u32,
    },
    Headline {
        doc: u32,
        section: u32,
    },
}

/// Search structures over one [`Index`], kept with it in a [`super::Corpus`].
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchIndex {
    figures: usize,
    pub(crate) srcs: Vec<Src>,
    /// Every text, back to back, with `ends[t]` the end of text `t`: matching scans
    /// contiguous memory instead of chasing each string through the documents.
    arena: String,
    ends: Vec<u32>,
    /// `users[user_starts[t]..user_starts[t + 1]]`: global numbers of the figures that
    /// show text `t`, ascending.
    user_starts: Vec<u32>,
    users: Vec<u32>,
    postings: Option<Postings>,
    /// Built on the first number query: sorting a million values is wasted on a
    /// one-shot search for words.
    numbers: std::sync::OnceLock<NumberIndex>,
}

/// The inverted indexes, which only interactive search needs: a one-shot search scans.
#[derive(Debug, Clone, Default)]
struct Postings {
    /// Posting list number of a (lower-cased) char.
    char_ids: HashMap<char, u32>,
    /// `texts[starts[id]..starts[id + 1]]`: ascending ids of the texts containing it.
    starts: Vec<u32>,
    texts: Vec<u32>,
    /// Words per pinyin key bitset in `pinyin_bits`.
    pinyin_words: usize,
    /// For each two-letter key, a bitset of the texts a pinyin match could start in.
    pinyin_bits: Vec<u64>,
}

impl SearchIndex {
    /// Builds everything, for interactive use (the TUI, a [`super::Searcher`]).
    pub(crate) fn new(index: &Index) -> SearchIndex {
        let mut sx = SearchIndex::without_postings(index);
        sx.postings = Some(Postings::new(&sx));
        // Interactive search builds everything up front, off the input path.
        sx.numbers(index);
        sx
    }

    /// Texts, users and numbers only: enough for a one-shot search, which scans all
    /// texts once instead of building posting lists it would use once.
    pub(crate) fn without_postings(index: &Index) -> SearchIndex {
        let mut srcs = Vec::new();
        let mut user_starts = vec![0u32];
        let mut users = Vec::with_capacity(index.len() * 4);
        let mut g0 = 0u32;
        for (d, doc) in index.documents().iter().enumerate() {
            let d32 = d as u32;
            let n = doc.figures.len() as u32;
            // Figures of a sentence or section, by counting sort, so the lists stay in
            // figure order without per-sentence allocations.
            let mut group = |count: usize,
                             key: &dyn Fn(usize) -> usize,
                             keep: &dyn Fn(usize) -> bool,
                             src: &dyn Fn(u32) -> Src| {
                let mut starts = vec![0u32; count + 1];
                for f in 0..n as usize {
                    starts[key(f) + 1] += 1;
                }
                for i in 0..count {
                    starts[i + 1] += starts[i];
                }
                let mut grouped = vec![0u32; n as usize];
                let mut fill = starts.clone();
                for f in 0..n as usize {
                    let k = key(f);
                    grouped[fill[k] as usize] = g0 + f as u32;
                    fill[k] += 1;
                }
                // Only texts some figure shows: no text for an empty group.
                for i in 0..count {
                    let (a, b) = (starts[i] as usize, starts[i + 1] as usize);
                    if a == b || !keep(i) {
                        continue;
                    }
                    srcs.push(src(i as u32));
                    users.extend_from_slice(&grouped[a..b]);
                    user_starts.push(users.len() as u32);
                }
            };
            group(
                doc.sentences.len(),
                &|f| doc.figures[f].sentence,
                &|_| true,
                &|s| Src::Sentence {
                    doc: d32,
                    sentence: s,
                },
            );
            group(
                doc.sections.len(),
                &|f| doc.figures[f].section,
                &|s| {
                    doc.sections[s]
                        .headline
                        .as_deref()
                        .is_some_and(|h| !h.is_empty())
                },
                &|s| Src::Headline {
                    doc: d32,
                    section: s,
                },
            );
            for (f, fig) in doc.figures.iter().enumerate() {
                let g = g0 + f as u32;
                srcs.push(Src::Figure(Field::Text, g));
                users.push(g);
                user_starts.push(users.len() as u32);
                if fig.subject.as_deref().is_some_and(|s| !s.is_empty()) {
                    srcs.push(Src::Figure(Field::Subject, g));
                    users.push(g);
                    user_starts.push(users.len() as u32);
                }
            }
            g0 += n;
        }
        let mut arena = String::new();
        let mut ends = Vec::with_capacity(srcs.len());
        for &src in &srcs {
            // Traditional chars folded to simplified (char for char, so match positions
            // stay valid), so `养老` finds `養老`; the query is folded the same way.
            arena.extend(src_text(index, src).chars().map(crate::hanzi::fold));
            ends.push(arena.len() as u32);
        }
        SearchIndex {
            figures: index.len(),
            srcs,
            arena,
            ends,
            user_starts,
            users,
            postings: None,
            numbers: std::sync::OnceLock::new(),
        }
    }

    /// Figure values in order, for number queries. `index` must be the one `self` was
    /// built from.
    pub(crate) fn numbers(&self, index: &Index) -> &NumberIndex {
        self.numbers.get_or_init(|| NumberIndex::new(index))
    }

    /// Number of figures of the [`Index`] this was built from.
    pub(crate) fn figure_count(&self) -> usize {
        self.figures
    }

    pub(crate) fn text_count(&self) -> usize {
        self.srcs.len()
    }

    pub(crate) fn field(&self, t: u32) -> Field {
        match self.srcs[t as usize] {
            Src::Figure(f, _) => f,
            Src::Sentence { .. } => Field::Sentence,
            Src::Headline { .. } => Field::Headline,
        }
    }

    pub(crate) fn text(&self, t: u32) -> &str {
        let t = t as usize;
        let start = if t == 0 { 0 } else { self.ends[t - 1] as usize };
        &self.arena[start..self.ends[t] as usize]
    }

    pub(crate) fn users(&self, t: u32) -> &[u32] {
        &self.users
            [self.user_starts[t as usize] as usize..self.user_starts[t as usize + 1] as usize]
    }

    /// Ascending ids of the texts that contain every char of `chars`, or `None` when
    /// there are no posting lists (scan everything).
    pub(crate) fn texts_with_all(&self, chars: &[char]) -> Option<Vec<u32>> {
        let p = self.postings.as_ref()?;
        let mut lists: Vec<&[u32]> = Vec::with_capacity(chars.len());
        for c in chars {
            let Some(&id) = p.char_ids.get(c) else {
                return Some(Vec::new());
            };
            lists
                .push(&p.texts[p.starts[id as usize] as usize..p.starts[id as usize + 1] as usize]);
        }
        lists.sort_by_key(|l| l.len());
        lists.dedup();
        let Some((first, rest)) = lists.split_first() else {
            return Some(Vec::new());
        };
        let mut out = first.to_vec();
        for l in rest {
            out = intersect(&out, l);
            if out.is_empty() {
                break;
            }
        }
        Some(out)
    }

    /// The texts of `texts` (ascending) that contain every char of `chars`; all of them
    /// when there are no posting lists.
    pub(crate) fn narrow(&self, texts: &[u32], chars: &[char]) -> Vec<u32> {
        let Some(p) = &self.postings else {
            return texts.to_vec();
        };
        let mut out = texts.to_vec();
        for c in chars {
            let Some(&id) = p.char_ids.get(c) else {
                return Vec::new();
            };
            let list = &p.texts[p.starts[id as usize] as usize..p.starts[id as usize + 1] as usize];
            out = intersect(&out, list);
            if out.is_empty() {
                break;
            }
        }
        out
    }

    /// Ascending ids of the texts where a pinyin match of `query` may start, or `None`
    /// when there are no posting lists.
    pub(crate) fn pinyin_candidates(&self, query: &[u8]) -> Option<Vec<u32>> {
        let p = self.postings.as_ref()?;
        let Some(key) = pinyin::query_key(query) else {
            return Some(Vec::new());
        };
        let words = &p.pinyin_bits[key * p.pinyin_words..(key + 1) * p.pinyin_words];
        let mut out = Vec::new();
        for (w, &bits) in words.iter().enumerate() {
            let mut b = bits;
            while b != 0 {
                out.push((w * 64) as u32 + b.trailing_zeros());
                b &= b - 1;
            }
        }
        Some(out)
    }
}

fn src_text(index: &Index, src: Src) -> &str {
    match src {
        Src::Figure(field, g) => {
            let f = index.figure(index.all()[g as usize]);
            match field {
                Field::Subject => f.subject.as_deref().unwrap_or(""),
                _ => &f.text,
            }
        }
        Src::Sentence { doc, sentence } => {
            &index.documents()[doc as usize].sentences[sentence as usize].text
        }
        Src::Headline { doc, section } => index.documents()[doc as usize].sections
            [section as usize]
            .headline
            .as_deref()
            .unwrap_or(""),
    }
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    // Galloping would win for very unequal lists; candidates are then few anyway.
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

impl Postings {
    fn new(sx: &SearchIndex) -> Postings {
        let n = sx.text_count();
        let mut char_ids: HashMap<char, u32> = HashMap::new();
        // Pass 1: count the texts per char (each text once per char).
        let mut counts: Vec<u32> = Vec::new();
        let mut last: Vec<u32> = Vec::new();
        for t in 0..n as u32 {
            for c in sx.text(t).chars() {
                let c = c.to_ascii_lowercase();
                let next = char_ids.len() as u32;
                let id = *char_ids.entry(c).or_insert(next) as usize;
                if id == counts.len() {
                    counts.push(0);
                    last.push(u32::MAX);
                }
                if last[id] != t {
                    last[id] = t;
                    counts[id] += 1;
                }
            }
        }
        let mut starts = Vec::with_capacity(counts.len() + 1);
        starts.push(0u32);
        for &c in &counts {
            starts.push(starts.last().copied().unwrap_or(0) + c);
        }
        // Pass 2: fill, in text order, so every list is ascending.
        let mut texts = vec![0u32; starts.last().copied().unwrap_or(0) as usize];
        let mut fill: Vec<u32> = starts[..counts.len()].to_vec();
        last.fill(u32::MAX);
        for t in 0..n as u32 {
            for c in sx.text(t).chars() {
                let id = char_ids[&c.to_ascii_lowercase()] as usize;
                if last[id] != t {
                    last[id] = t;
                    texts[fill[id] as usize] = t;
                    fill[id] += 1;
                }
            }
        }
        let pinyin_words = n.div_ceil(64);
        let mut pinyin_bits = vec![0u64; pinyin::KEYS * pinyin_words];
        let mut buf = Vec::new();
        for t in 0..n as u32 {
            if sx.field(t) == Field::Text {
                continue;
            }
            buf.clear();
            buf.extend(sx.text(t).chars());
            let (w, bit) = (t as usize / 64, 1u64 << (t % 64));
            pinyin::for_each_key(&buf, |k| pinyin_bits[k * pinyin_words + w] |= bit);
        }
        Postings {
            char_ids,
            starts,
            texts,
            pinyin_words,
            pinyin_bits,
        }
    }
}
