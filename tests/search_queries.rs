//! Top results of the queries named in the search issue, on real sentences of the Jinan
//! press release; incremental typing agrees with one-shot search.

mod search_fixture;

use pa_explorer::index::Index;
use pa_explorer::model::{Dataset, SCHEMA_VERSION};
use pa_explorer::search::{Corpus, Field, Hit, MatchedBy, SearchOptions, Searcher, search};
use search_fixture::{highlighted, index};
use std::sync::Arc;

fn top(index: &Index, q: &str, n: usize) -> Vec<Hit> {
    search(
        index,
        q,
        SearchOptions {
            limit: Some(n),
            ..SearchOptions::default()
        },
    )
}

fn figure_text(index: &Index, hit: &Hit) -> String {
    index
        .figure(index.get(hit.figure).unwrap())
        .text
        .to_string()
}

#[test]
fn fixture_is_a_valid_dataset() {
    let ds = Dataset {
        schema_version: SCHEMA_VERSION,
        documents: vec![search_fixture::document("jinan")],
    };
    pa_explorer::dataset::validate(&ds).unwrap();
}

#[test]
fn numbers_match_by_value_and_by_written_digits() {
    let ix = index();
    for q in ["48300", "4.83万", "4.83", "4.83万人次"] {
        let hits = top(&ix, q, 3);
        assert_eq!(figure_text(&ix, &hits[0]), "4.83万人次", "{q}");
        assert_eq!(hits[0].matched_by, MatchedBy::Number, "{q}");
        assert_eq!(hits[0].field, Field::Text, "{q}");
    }
}

#[test]
fn a_round_number_finds_the_nearest_figure() {
    let ix = index();
    for q in ["3亿", "3亿元", "300000000"] {
        let hits = top(&ix, q, 3);
        assert_eq!(figure_text(&ix, &hits[0]), "3.02亿元", "{q}");
    }
}

#[test]
fn a_unit_in_the_query_narrows_to_that_unit() {
    let ix = index();
    let hits = top(&ix, "98%", 10);
    let numbers: Vec<String> = hits
        .iter()
        .filter(|h| h.matched_by == MatchedBy::Number)
        .map(|h| figure_text(&ix, h))
        .collect();
    assert_eq!(numbers, ["98%", "98%"]);
    assert_eq!(figure_text(&ix, &hits[1]), "98%");
    // 5 年 is a 5, but not in 元.
    assert!(
        top(&ix, "5元", 10)
            .iter()
            .all(|h| h.matched_by != MatchedBy::Number)
    );
}

#[test]
fn pinyin_full_and_initials() {
    let ix = index();
    let cases = [
        ("jiuye", "4.83万人次", "就业"),
        ("jy", "4.83万人次", "就业"),
        ("yanglao", "2304.86万元", "养老"),
        ("ylbx", "2304.86万元", "养老保险"),
        ("dibao", "8.42万人", "低保"),
    ];
    for (q, figure, chars) in cases {
        let hits = top(&ix, q, 3);
        assert_eq!(figure_text(&ix, &hits[0]), figure, "{q}");
        assert_eq!(hits[0].matched_by, MatchedBy::Pinyin, "{q}");
        assert_eq!(hits[0].field, Field::Subject, "{q}");
        assert_eq!(highlighted(&ix, &hits[0]), chars, "{q}");
    }
}

#[test]
fn polyphonic_characters_match_by_any_reading() {
    let ix = index();
    for q in ["zhongdu", "chongdu"] {
        let hits = top(&ix, q, 3);
        assert_eq!(figure_text(&ix, &hits[0]), "5年", "{q}");
        assert_eq!(hits[0].field, Field::Sentence);
        assert_eq!(highlighted(&ix, &hits[0]), "重度", "{q}");
    }
    let hits = top(&ix, "gongyang", 2);
    let mut figures: Vec<String> = hits.iter().map(|h| figure_text(&ix, h)).collect();
    figures.sort();
    assert_eq!(figures, ["1.37万人", "2.15亿元"]);
    assert!(hits.iter().all(|h| highlighted(&ix, h) == "供养"));
}

#[test]
fn pinyin_can_be_turned_off() {
    let ix = index();
    let opts = SearchOptions {
        pinyin: false,
        ..SearchOptions::default()
    };
    assert!(search(&ix, "jiuye", opts).is_empty());
    assert!(!search(&ix, "jiuye", SearchOptions::default()).is_empty());
}

#[test]
fn exact_before_scattered_and_fields_before_sentences() {
    let ix = index();
    let hits = search(&ix, "养老保险", SearchOptions::default());
    assert_eq!(figure_text(&ix, &hits[0]), "2304.86万元");
    assert_eq!(hits[0].field, Field::Subject);
    let contiguous = |h: &Hit| h.positions.windows(2).all(|w| w[1] == w[0] + 1);
    let first_scattered = hits.iter().position(|h| !contiguous(h));
    if let Some(i) = first_scattered {
        assert!(
            hits[i..]
                .iter()
                .all(|h| !contiguous(h) || h.matched_by != MatchedBy::Chars)
        );
    }
    // Sentence-only hits come after every subject hit.
    let last_subject = hits
        .iter()
        .rposition(|h| h.field == Field::Subject)
        .unwrap();
    let first_sentence = hits
        .iter()
        .position(|h| h.field == Field::Sentence)
        .unwrap();
    assert!(last_subject < first_sentence);
}

#[test]
fn characters_and_numbers_rank_above_pinyin() {
    let ix = index();
    // "gdp" is written in Latin letters in one subject, and is also the initials of
    // some Chinese words; the written one comes first.
    let hits = search(&ix, "gdp", SearchOptions::default());
    assert_eq!(figure_text(&ix, &hits[0]), "6.1%");
    assert_eq!(hits[0].matched_by, MatchedBy::Chars);
    let first_pinyin = hits.iter().position(|h| h.matched_by == MatchedBy::Pinyin);
    if let Some(i) = first_pinyin {
        assert!(hits[i..].iter().all(|h| h.matched_by == MatchedBy::Pinyin));
    }
}

#[test]
fn same_query_same_order() {
    let ix = index();
    for q in ["就业", "jy", "98", "保障", "3亿"] {
        let a = search(&ix, q, SearchOptions::default());
        let b = search(&ix, q, SearchOptions::default());
        assert_eq!(a, b, "{q}");
        for w in a.windows(2) {
            assert!(
                w[0].score > w[1].score || w[0].score == w[1].score && w[0].figure < w[1].figure,
                "{q}: not ranked"
            );
        }
    }
}

#[test]
fn typing_gives_the_same_results_as_one_shot() {
    let ix = index();
    let corpus = Arc::new(Corpus::new(ix.clone()));
    let mut searcher = Searcher::new(Arc::clone(&corpus));
    let opts = SearchOptions::default();
    for q in ["yanglaobx", "保障特困", "4.83万人次", "gongyang", "98%"] {
        let chars: Vec<char> = q.chars().collect();
        let mut typed = String::new();
        for &c in &chars {
            typed.push(c);
            let r = searcher.search(&typed, opts);
            assert_eq!(r.hits(0..r.len()), search(&ix, &typed, opts), "{typed}");
        }
        // Backspace, back to an earlier step.
        typed.pop();
        let r = searcher.search(&typed, opts);
        assert_eq!(r.hits(0..r.len()), search(&ix, &typed, opts), "{typed}");
    }
}

#[test]
fn many_documents() {
    let ix = Index::new(vec![
        search_fixture::document("a"),
        search_fixture::document("b"),
    ]);
    let hits = top(&ix, "4.83万", 2);
    assert_eq!(hits.len(), 2);
    assert_eq!(ix.get(hits[0].figure).unwrap().doc, 0);
    assert_eq!(ix.get(hits[1].figure).unwrap().doc, 1);
}

#[test]
fn bundled_dataset_queries() {
    let docs = pa_explorer::dataset::bundled().unwrap().documents;
    let ix = Index::new(docs);
    if ix.is_empty() {
        // The bundled dataset is filled in by the extractor; until then the fixture
        // tests above stand for it.
        return;
    }
    for (q, figure) in [
        ("48300", "4.83万人次"),
        ("4.83万", "4.83万人次"),
        ("4.83", "4.83万人次"),
        ("3亿", "3.02亿元"),
    ] {
        let hits = top(&ix, q, 3);
        assert_eq!(figure_text(&ix, &hits[0]), figure, "{q}");
    }
    let hits = top(&ix, "98%", 2);
    assert!(hits.iter().all(|h| figure_text(&ix, h).contains("98%")));
    for (q, chars) in [
        ("jiuye", "就业"),
        ("jy", "就业"),
        ("yanglao", "养老"),
        ("ylbx", "养老保险"),
        ("dibao", "低保"),
        ("zhongdu", "重度"),
        ("gongyang", "供养"),
    ] {
        let hits = top(&ix, q, 1);
        assert_eq!(search_fixture::highlighted(&ix, &hits[0]), chars, "{q}");
    }
}

#[test]
fn a_limit_keeps_the_best_and_still_counts_every_match() {
    let index = search_fixture::index();
    let corpus = Arc::new(Corpus::new(index.clone()));
    let all = Searcher::new(Arc::clone(&corpus)).search("养老", SearchOptions::default());
    assert!(all.len() > 2, "the fixture has several 养老 figures");
    assert_eq!(all.total(), all.len());
    let opts = SearchOptions {
        limit: Some(2),
        ..SearchOptions::default()
    };
    let cut = Searcher::new(Arc::clone(&corpus)).search("养老", opts);
    assert_eq!(cut.len(), 2);
    assert_eq!(cut.total(), all.len());
    let best: Vec<usize> = all.figures().take(2).collect();
    assert_eq!(cut.figures().collect::<Vec<_>>(), best);
}
