//! The search box's state: the query with its caret, the ranked hits, and the one place
//! the explorer calls the search engine. Pure: no I/O, no drawing.

use crate::index::Index;
use crate::search::{Hit, SearchOptions, search};

/// More hits than anyone scrolls through; keeps ranking and drawing cheap on big data.
pub const MAX_HITS: usize = 500;

/// The only call into [`crate::search`], so a change of its options touches one line.
#[allow(
    clippy::needless_update,
    reason = "SearchOptions is growing (pinyin, numbers)"
)]
pub fn find(index: &Index, query: &str) -> Vec<Hit> {
    search(
        index,
        query,
        SearchOptions {
            limit: Some(MAX_HITS),
            ..SearchOptions::default()
        },
    )
}

/// Query, caret and results.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    query: String,
    /// Caret position in chars, `0..=query.chars().count()`.
    caret: usize,
    pub hits: Vec<Hit>,
    pub sel: usize,
    pub offset: usize,
    /// The query changed since the hits were ranked.
    dirty: bool,
}

impl Finder {
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn caret(&self) -> usize {
        self.caret
    }

    /// The query up to the caret, to place the terminal cursor by display width.
    pub fn before_caret(&self) -> &str {
        let end = self
            .query
            .char_indices()
            .nth(self.caret)
            .map_or(self.query.len(), |(b, _)| b);
        &self.query[..end]
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    fn byte_at(&self, caret: usize) -> usize {
        self.query
            .char_indices()
            .nth(caret)
            .map_or(self.query.len(), |(b, _)| b)
    }

    fn len(&self) -> usize {
        self.query.chars().count()
    }

    /// Inserts text at the caret. Control characters (a pasted newline, a tab) become
    /// spaces, so the query stays one line.
    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if clean.is_empty() {
            return;
        }
        let at = self.byte_at(self.caret);
        self.query.insert_str(at, &clean);
        self.caret += clean.chars().count();
        self.dirty = true;
    }

    pub fn backspace(&mut self) {
        if self.caret > 0 {
            self.caret -= 1;
            let at = self.byte_at(self.caret);
            self.query.remove(at);
            self.dirty = true;
        }
    }

    pub fn delete(&mut self) {
        if self.caret < self.len() {
            let at = self.byte_at(self.caret);
            self.query.remove(at);
            self.dirty = true;
        }
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.caret = 0;
        self.dirty = true;
    }

    pub fn caret_left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn caret_right(&mut self) {
        self.caret = (self.caret + 1).min(self.len());
    }

    pub fn caret_home(&mut self) {
        self.caret = 0;
    }

    pub fn caret_end(&mut self) {
        self.caret = self.len();
    }

    /// Marks the query as needing a search (e.g. when the box reopens).
    pub fn touch(&mut self) {
        self.dirty = true;
    }

    /// Ranks the figures against the current query, replacing the hits.
    pub fn run(&mut self, index: &Index) {
        self.hits = find(index, &self.query);
        self.sel = 0;
        self.offset = 0;
        self.dirty = false;
    }

    pub fn selected(&self) -> Option<&Hit> {
        self.hits.get(self.sel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_char_not_byte() {
        let mut f = Finder::default();
        f.insert("养老保险");
        assert_eq!(f.caret(), 4);
        f.caret_left();
        f.caret_left();
        f.backspace();
        assert_eq!(f.query(), "养保险");
        assert_eq!(f.before_caret(), "养");
        f.delete();
        assert_eq!(f.query(), "养险");
        f.caret_end();
        f.insert("费");
        assert_eq!(f.query(), "养险费");
        f.caret_home();
        f.backspace();
        assert_eq!(f.query(), "养险费");
        assert!(f.is_dirty());
    }

    #[test]
    fn paste_newlines_become_spaces() {
        let mut f = Finder::default();
        f.insert("1533\n名\t学生");
        assert_eq!(f.query(), "1533 名 学生");
    }
}
