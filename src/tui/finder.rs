//! The search box's state: the query with its caret, the generation that names each
//! edit of it, and the ranked results of the newest query answered so far. Pure: no I/O,
//! no drawing, and no searching — `App::update` emits each [`Request`] as an effect, the
//! event loop hands it to the worker, and the answer comes back as an action.

use crate::search::{Hit, Results, SearchOptions};

/// More hits than anyone scrolls through; keeps ranking cheap on big data.
pub const MAX_HITS: usize = 500;

/// The options of every search the explorer runs, so a change of them touches one line.
#[allow(
    clippy::needless_update,
    reason = "SearchOptions is growing (pinyin, numbers)"
)]
pub fn options() -> SearchOptions {
    SearchOptions {
        limit: Some(MAX_HITS),
        ..SearchOptions::default()
    }
}

/// A query to rank, named by the generation of the edit that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub generation: u64,
    pub query: String,
}

/// Whether search can answer yet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SearchStatus {
    /// Its index is being built; queries wait.
    #[default]
    Indexing,
    Ready,
    /// It stopped (a panic on its thread); the reason is shown in the status bar.
    Failed(String),
}

/// Query, caret and results.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    query: String,
    /// Caret position in chars, `0..=query.chars().count()`.
    caret: usize,
    results: Results,
    pub sel: usize,
    pub offset: usize,
    /// Bumped by every edit of the query. Starts equal to `answered`: the empty query
    /// has no hits, so there is nothing to ask.
    generation: u64,
    /// The generation `results` answer; behind `generation` while a search is out.
    answered: u64,
    pub status: SearchStatus,
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

    /// The results shown are for an older query than the one in the box.
    pub fn is_stale(&self) -> bool {
        self.generation != self.answered
    }

    /// The query still to rank, if any (none once search has failed).
    pub fn request(&self) -> Option<Request> {
        (self.is_stale() && !matches!(self.status, SearchStatus::Failed(_))).then(|| Request {
            generation: self.generation,
            query: self.query.clone(),
        })
    }

    /// Takes the results of a search if they answer the query in the box now; results
    /// of an older query are dropped, since a newer search is already on its way.
    pub fn receive(&mut self, generation: u64, results: Results) -> bool {
        if generation != self.generation {
            return false;
        }
        self.results = results;
        self.answered = generation;
        self.sel = 0;
        self.offset = 0;
        true
    }

    /// How many hits are ranked.
    pub fn len(&self) -> usize {
        self.results.len()
    }

    /// How many figures matched; more than [`Finder::len`] past [`MAX_HITS`].
    pub fn total(&self) -> usize {
        self.results.total()
    }

    pub fn is_empty(&self) -> bool {
        self.results.is_empty()
    }

    /// The global figure number of the `i`-th hit.
    pub fn figure(&self, i: usize) -> Option<usize> {
        self.results.figures().nth(i)
    }

    /// The `i`-th hit with its highlight positions, computed now: only drawn rows pay
    /// for them.
    pub fn hit(&self, i: usize) -> Option<Hit> {
        self.results.hit(i)
    }

    /// Hits `offset..offset + rows` with positions, for the rows on screen.
    pub fn page(&self, rows: usize) -> Vec<Hit> {
        self.results
            .hits(self.offset..self.offset.saturating_add(rows))
    }

    /// The results shown, with the corpus they were ranked on.
    pub fn results(&self) -> &Results {
        &self.results
    }

    fn edited(&mut self) {
        self.generation += 1;
    }

    fn byte_at(&self, caret: usize) -> usize {
        self.query
            .char_indices()
            .nth(caret)
            .map_or(self.query.len(), |(b, _)| b)
    }

    fn char_len(&self) -> usize {
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
        self.edited();
    }

    pub fn backspace(&mut self) {
        if self.caret > 0 {
            self.caret -= 1;
            let at = self.byte_at(self.caret);
            self.query.remove(at);
            self.edited();
        }
    }

    pub fn delete(&mut self) {
        if self.caret < self.char_len() {
            let at = self.byte_at(self.caret);
            self.query.remove(at);
            self.edited();
        }
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.caret = 0;
        self.edited();
    }

    pub fn caret_left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn caret_right(&mut self) {
        self.caret = (self.caret + 1).min(self.char_len());
    }

    pub fn caret_home(&mut self) {
        self.caret = 0;
    }

    pub fn caret_end(&mut self) {
        self.caret = self.char_len();
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
        assert!(f.is_stale());
    }

    #[test]
    fn paste_newlines_become_spaces() {
        let mut f = Finder::default();
        f.insert("1533\n名\t学生");
        assert_eq!(f.query(), "1533 名 学生");
    }
}
