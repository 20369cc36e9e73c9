//! Per-keystroke latency, as the search issue states its targets: the median time to
//! complete ranked results (plus the first page of highlights) for each keystroke of a
//! fixed query set, per corpus size; also load time and memory, and index build time.
//!
//! `cargo bench --bench keystrokes` (10k, 100k); `PA_BENCH_1M=1 cargo bench --bench
//! keystrokes` adds 1M figures.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use pa_explorer::dataset;
use pa_explorer::index::Index;
use pa_explorer::search::{Corpus, SearchOptions, Searcher};

const ROUNDS: usize = 5;

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    println!(
        "| figures | load ms | load B/figure | build ms | keystroke median ms | p90 ms | max ms |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut per_query = Vec::new();
    for n in common::sizes() {
        let path = common::corpus_file(n);
        let before = common::rss_bytes().unwrap_or(0);
        let t = Instant::now();
        let index = Arc::new(Index::new(
            dataset::load_many(std::slice::from_ref(&path)).unwrap(),
        ));
        let load = t.elapsed();
        let load_mem = common::rss_bytes().unwrap_or(0).saturating_sub(before);
        let t = Instant::now();
        let corpus = Arc::new(Corpus::new(Arc::clone(&index)));
        let build = t.elapsed();
        let mut all = Vec::new();
        for q in common::QUERIES {
            let mut times = Vec::new();
            for _ in 0..ROUNDS {
                let mut searcher = Searcher::new(Arc::clone(&corpus));
                let mut typed = String::new();
                for ch in q.chars() {
                    typed.push(ch);
                    let t = Instant::now();
                    let r = searcher.search(&typed, SearchOptions::default());
                    std::hint::black_box(r.hits(0..50));
                    times.push(t.elapsed());
                }
            }
            let r = Searcher::new(Arc::clone(&corpus)).search(q, SearchOptions::default());
            all.extend_from_slice(&times);
            per_query.push((n, q, median(&mut times), r.len()));
        }
        let med = median(&mut all);
        let p90 = all[all.len() * 9 / 10];
        let max = *all.last().unwrap();
        println!(
            "| {n} | {} | {} | {} | {} | {} | {} |",
            ms(load),
            load_mem / n,
            ms(build),
            ms(med),
            ms(p90),
            ms(max)
        );
        drop(corpus);
        drop(index);
    }
    println!();
    println!("| figures | query | keystroke median ms | hits for the whole query |");
    println!("|---|---|---|---|");
    for (n, q, m, hits) in per_query {
        println!("| {n} | `{q}` | {} | {hits} |", ms(m));
    }
}
