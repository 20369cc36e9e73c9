//! Shared by the benchmarks: corpora, the fixed query set, memory readings.

use std::path::PathBuf;

#[path = "../examples/gen_corpus.rs"]
#[allow(clippy::all, clippy::pedantic)]
pub mod gen_corpus;

/// Short and long, Chinese, pinyin and numbers, each typed one char at a time.
pub const QUERIES: [&str; 10] = [
    "就业",
    "养老保险费",
    "农村低保家庭",
    "jiuye",
    "ylbx",
    "gongyang",
    "4.83万",
    "3亿元",
    "98%",
    "48300",
];

/// Sizes benchmarked by default; 1M joins with `PA_BENCH_1M=1`.
pub fn sizes() -> Vec<usize> {
    let mut v = vec![10_000, 100_000];
    if std::env::var_os("PA_BENCH_1M").is_some() {
        v.push(1_000_000);
    }
    v
}

/// A generated dataset written as JSON to the temp dir (reused when present).
pub fn corpus_file(figures: usize) -> PathBuf {
    let path = std::env::temp_dir().join(format!("pa-explorer-bench-{figures}.json"));
    if !path.exists() {
        let ds = gen_corpus::generate(figures, 1);
        let tmp = path.with_extension("json.tmp");
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp).unwrap());
        serde_json::to_writer(&mut w, &ds).unwrap();
        drop(w);
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

/// Resident memory of this process in bytes (Linux), for load measurements.
#[allow(dead_code)] // used by the keystrokes bench only
pub fn rss_bytes() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
