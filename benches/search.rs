//! Criterion benchmarks: loading a dataset, building the search index, and typing each
//! query of a fixed set one char at a time. Sizes 10k and 100k figures; add 1M with
//! `PA_BENCH_1M=1 cargo bench --bench search`.

mod common;

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pa_explorer::dataset;
use pa_explorer::index::Index;
use pa_explorer::search::{Corpus, SearchOptions, Searcher};

fn bench(c: &mut Criterion) {
    for n in common::sizes() {
        let path = common::corpus_file(n);
        let mut g = c.benchmark_group(format!("{n}"));
        g.sample_size(10);
        g.bench_function("load", |b| {
            b.iter(|| Index::new(dataset::load_many(std::slice::from_ref(&path)).unwrap()));
        });
        let index = Arc::new(Index::new(
            dataset::load_many(std::slice::from_ref(&path)).unwrap(),
        ));
        g.bench_function("build", |b| {
            b.iter(|| Corpus::new(Arc::clone(black_box(&index))));
        });
        let corpus = Arc::new(Corpus::new(Arc::clone(&index)));
        for q in common::QUERIES {
            g.bench_with_input(BenchmarkId::new("type", q), q, |b, q| {
                b.iter(|| {
                    let mut searcher = Searcher::new(Arc::clone(&corpus));
                    let mut typed = String::new();
                    for ch in q.chars() {
                        typed.push(ch);
                        let r = searcher.search(&typed, SearchOptions::default());
                        // What a screen shows: the first page with highlights.
                        black_box(r.hits(0..50));
                    }
                });
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
