//! Any query, however odd, returns ranked hits whose positions lie inside their field,
//! and typing it key by key gives what a one-shot search gives.

mod search_fixture;

use pa_explorer::search::{Corpus, SearchOptions, Searcher, search};
use proptest::prelude::*;
use search_fixture::{field_text, index};
use std::sync::Arc;

/// Characters of the fixture, digits, units, pinyin letters and troublemakers.
fn query() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> =
        "就业养老保险低保重度供养贫困万亿元人次%.,0123456789jiuyeglbxzhdn GDP'　\u{1b}🙂"
            .chars()
            .collect();
    prop::collection::vec(prop::sample::select(alphabet), 0..12)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn positions_are_in_bounds(q in query(), pinyin in any::<bool>()) {
        let ix = index();
        let opts = SearchOptions { limit: None, pinyin };
        for hit in search(&ix, &q, opts) {
            let n = field_text(&ix, &hit).chars().count();
            prop_assert!(hit.positions.iter().all(|&p| p < n), "{q:?}: {hit:?}");
            prop_assert!(hit.positions.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn typing_matches_one_shot(q in query()) {
        let ix = index();
        let corpus = Arc::new(Corpus::new(ix.clone()));
        let mut searcher = Searcher::new(Arc::clone(&corpus));
        let opts = SearchOptions::default();
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let r = searcher.search(&typed, opts);
            prop_assert_eq!(r.hits(0..r.len()), search(&ix, &typed, opts), "{:?}", typed);
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(q in ".{0,16}") {
        let ix = index();
        let _ = search(&ix, &q, SearchOptions::default());
    }
}
