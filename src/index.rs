//! The in-memory index over one or more documents, built once at start-up: figure
//! lookups by a global number, figure → sentence → section, filters and sorting.
//!
//! Shared by the subcommands and the TUI so they cannot disagree. Must not import
//! ratatui, crossterm or clap, and never prints.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::model::{Approx, Dimension, Document, Figure, Section, Sentence, Shape};

/// Where a figure lives: document and figure index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigRef {
    pub doc: u32,
    pub fig: u32,
}

/// A section across documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SectionRef {
    pub doc: u32,
    pub section: u32,
}

/// Which shapes a filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShapeFilter {
    #[default]
    All,
    /// Exact point values only.
    ExactOnly,
    /// Approximate, bounded or interval figures only.
    Inexact,
}

/// A conjunction of conditions on figures. `Default` keeps everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub section: Option<SectionRef>,
    pub unit: Option<String>,
    pub dimension: Option<Dimension>,
    pub shape: ShapeFilter,
    /// Keep figures whose value is at least / at most this (in the canonical unit).
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Drop dates, names, ordinals and levels.
    pub quantities_only: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn matches(&self, index: &Index, r: FigRef) -> bool {
        let f = index.figure(r);
        if let Some(s) = self.section
            && (s.doc != r.doc || s.section as usize != f.section)
        {
            return false;
        }
        if let Some(u) = &self.unit
            && f.unit.as_deref() != Some(u.as_str())
        {
            return false;
        }
        if let Some(d) = self.dimension
            && f.dimension != d
        {
            return false;
        }
        let exact = f.shape == Shape::Point && f.approx == Approx::Exact;
        let shape_ok = match self.shape {
            ShapeFilter::All => true,
            ShapeFilter::ExactOnly => exact,
            ShapeFilter::Inexact => !exact,
        };
        if !shape_ok {
            return false;
        }
        if self.min.is_some() || self.max.is_some() {
            let Some(v) = f.value else { return false };
            // An interval passes when any part of it lies within [min, max].
            let hi = f.high.unwrap_or(v);
            if self.min.is_some_and(|m| hi < m) || self.max.is_some_and(|m| v > m) {
                return false;
            }
        }
        if self.quantities_only && !f.kind.is_quantity() {
            return false;
        }
        true
    }
}

/// Sort orders for figure lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Document, then text order.
    #[default]
    Position,
    /// Grouped by unit, then by value (largest first), then position.
    Value,
}

/// All documents and a flat, position-ordered list of their figures.
#[derive(Debug, Clone, Default)]
pub struct Index {
    docs: Vec<Document>,
    /// Every figure, in document then text order; a figure's place here is its global
    /// number, used by search hits and the TUI.
    all: Vec<FigRef>,
    /// Figure counts per document and section, counted once: the Sections pane asks
    /// for them on every frame.
    section_counts: Vec<Vec<usize>>,
}

impl Index {
    pub fn new(docs: Vec<Document>) -> Index {
        let mut all = Vec::with_capacity(docs.iter().map(|d| d.figures.len()).sum());
        for (d, doc) in docs.iter().enumerate() {
            for f in 0..doc.figures.len() {
                all.push(FigRef {
                    doc: d as u32,
                    fig: f as u32,
                });
            }
        }
        let section_counts = docs
            .iter()
            .map(|doc| {
                let mut counts = vec![0; doc.sections.len()];
                for f in &doc.figures {
                    if let Some(c) = counts.get_mut(f.section) {
                        *c += 1;
                    }
                }
                counts
            })
            .collect();
        Index {
            docs,
            all,
            section_counts,
        }
    }

    pub fn documents(&self) -> &[Document] {
        &self.docs
    }

    /// Number of figures across all documents.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// All figures, in position order.
    pub fn all(&self) -> &[FigRef] {
        &self.all
    }

    /// The global number of a figure.
    pub fn global(&self, r: FigRef) -> usize {
        self.all.binary_search(&r).unwrap_or(0)
    }

    pub fn get(&self, global: usize) -> Option<FigRef> {
        self.all.get(global).copied()
    }

    pub fn doc(&self, r: FigRef) -> &Document {
        &self.docs[r.doc as usize]
    }

    pub fn figure(&self, r: FigRef) -> &Figure {
        &self.docs[r.doc as usize].figures[r.fig as usize]
    }

    pub fn sentence(&self, r: FigRef) -> &Sentence {
        let doc = self.doc(r);
        &doc.sentences[doc.figures[r.fig as usize].sentence]
    }

    pub fn section(&self, r: FigRef) -> &Section {
        let doc = self.doc(r);
        &doc.sections[doc.figures[r.fig as usize].section]
    }

    pub fn section_at(&self, s: SectionRef) -> Option<&Section> {
        self.docs
            .get(s.doc as usize)?
            .sections
            .get(s.section as usize)
    }

    /// Every section of every document, in order.
    pub fn sections(&self) -> impl Iterator<Item = (SectionRef, &Section)> {
        self.docs.iter().enumerate().flat_map(|(d, doc)| {
            doc.sections.iter().map(move |s| {
                (
                    SectionRef {
                        doc: d as u32,
                        section: s.index as u32,
                    },
                    s,
                )
            })
        })
    }

    /// Figures in a section.
    pub fn section_count(&self, s: SectionRef) -> usize {
        self.section_counts
            .get(s.doc as usize)
            .and_then(|d| d.get(s.section as usize))
            .copied()
            .unwrap_or(0)
    }

    /// Finds a figure by id: `f012` in a single-document index, or `DOC:f012` in any.
    pub fn find_id(&self, id: &str) -> Option<FigRef> {
        let (doc_id, fig_id) = match id.split_once(':') {
            Some((d, f)) => (Some(d), f),
            None => (None, id),
        };
        self.docs.iter().enumerate().find_map(|(d, doc)| {
            if doc_id.is_some_and(|want| want != doc.id) {
                return None;
            }
            doc.figures
                .iter()
                .position(|f| f.id == fig_id)
                .map(|f| FigRef {
                    doc: d as u32,
                    fig: f as u32,
                })
        })
    }

    /// The id to show for a figure: bare when there is one document, qualified otherwise.
    pub fn display_id(&self, r: FigRef) -> String {
        let f = self.figure(r);
        if self.docs.len() > 1 {
            format!("{}:{}", self.doc(r).id, f.id)
        } else {
            f.id.to_string()
        }
    }

    /// Figures that pass `filter`, in position order.
    pub fn filter(&self, filter: &Filter) -> Vec<FigRef> {
        if filter.is_empty() {
            return self.all.clone();
        }
        self.all
            .iter()
            .copied()
            .filter(|&r| filter.matches(self, r))
            .collect()
    }

    /// Sorts figure references in place.
    pub fn sort(&self, refs: &mut [FigRef], key: SortKey) {
        match key {
            SortKey::Position => refs.sort_unstable(),
            SortKey::Value => refs.sort_by(|&a, &b| self.cmp_value(a, b)),
        }
    }

    fn cmp_value(&self, a: FigRef, b: FigRef) -> Ordering {
        let (fa, fb) = (self.figure(a), self.figure(b));
        // Non-quantities go last; quantities group by unit so only like is compared.
        (!fa.kind.is_quantity())
            .cmp(&!fb.kind.is_quantity())
            .then_with(|| fa.unit.cmp(&fb.unit))
            .then_with(|| {
                let va = fa.value.unwrap_or(f64::NEG_INFINITY);
                let vb = fb.value.unwrap_or(f64::NEG_INFINITY);
                vb.total_cmp(&va)
            })
            .then_with(|| a.cmp(&b))
    }

    /// Distinct canonical units with their figure counts, most common first.
    pub fn units(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for &r in &self.all {
            if let Some(u) = &self.figure(r).unit {
                *counts.entry(u).or_default() += 1;
            }
        }
        let mut v: Vec<_> = counts
            .into_iter()
            .map(|(u, n)| (u.to_string(), n))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// Distinct dimensions with their figure counts, in [`Dimension::ALL`] order.
    pub fn dimensions(&self) -> Vec<(Dimension, usize)> {
        let mut counts = [0usize; Dimension::ALL.len()];
        for doc in &self.docs {
            for f in &doc.figures {
                if let Some(i) = Dimension::ALL.iter().position(|&d| d == f.dimension) {
                    counts[i] += 1;
                }
            }
        }
        Dimension::ALL
            .into_iter()
            .zip(counts)
            .filter(|&(_, n)| n > 0)
            .collect()
    }
}
