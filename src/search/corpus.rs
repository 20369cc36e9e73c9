//! A corpus ready to search: the figures ([`Index`]) and the search structures built
//! from them, held together so that nothing can search one with the other's twin.
//! [`super::Results`] keep an `Arc` of the corpus they ran on, so they answer on their
//! own. Must not import ratatui, crossterm or clap.

use std::sync::Arc;

use crate::index::Index;

use super::Field;
use super::index::SearchIndex;

/// Figures plus their search index, built once.
#[derive(Debug)]
pub struct Corpus {
    index: Arc<Index>,
    sx: SearchIndex,
}

impl Corpus {
    /// Builds everything interactive search needs (posting lists, the sorted values):
    /// about 4 s at a million figures, so the explorer does it off the input path.
    pub fn new(index: impl Into<Arc<Index>>) -> Corpus {
        let index = index.into();
        let sx = SearchIndex::new(&index);
        Corpus { index, sx }
    }

    /// Texts, users and numbers only: enough for one query, which scans every text
    /// once instead of building posting lists it would use once.
    pub fn one_shot(index: impl Into<Arc<Index>>) -> Corpus {
        let index = index.into();
        let sx = SearchIndex::without_postings(&index);
        Corpus { index, sx }
    }

    /// The figures searched.
    pub fn index(&self) -> &Index {
        &self.index
    }

    pub(crate) fn search_index(&self) -> &SearchIndex {
        &self.sx
    }
}

/// The text of `field` of the figure with global number `figure`, as search matched it
/// (empty for a missing subject or headline, or a figure not in `index`). The one
/// lookup from a hit to its text: highlight positions count chars of exactly this.
pub fn field_text(index: &Index, figure: usize, field: Field) -> &str {
    let Some(r) = index.get(figure) else {
        return "";
    };
    match field {
        Field::Text => index.figure(r).text.as_str(),
        Field::Subject => index.figure(r).subject.as_deref().unwrap_or(""),
        Field::Sentence => index.sentence(r).text.as_str(),
        Field::Headline => index.section(r).headline.as_deref().unwrap_or(""),
    }
}
