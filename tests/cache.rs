//! The binary cache of large datasets, through the binary: written on the first load,
//! used on the next, ignored once the source changes, and never touched with
//! `--no-cache`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

#[path = "../examples/gen_corpus.rs"]
#[allow(clippy::all, clippy::pedantic, dead_code)]
mod gen_corpus;

fn sections(data: &Path, cache: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
        .args(["sections", "--format", "jsonl", "--data"])
        .arg(data)
        .args(extra)
        .env("PA_EXPLORER_CACHE_DIR", cache)
        .output()
        .expect("binary runs")
}

fn first_document(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    first["document"].as_str().unwrap().to_string()
}

fn cache_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// `big.json` in `dir`: a generated dataset just over the size that gets a cache.
fn big_dataset(dir: &Path, seed: u64) -> PathBuf {
    let path = dir.join("big.json");
    let json = serde_json::to_string(&gen_corpus::generate(25_000, seed)).unwrap();
    assert!(json.len() as u64 >= pa_explorer::dataset::cache::MIN_SOURCE_BYTES);
    std::fs::write(&path, json).unwrap();
    path
}

#[test]
fn a_large_dataset_is_cached_used_and_refreshed() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_dataset(dir.path(), 7);
    let json = std::fs::read_to_string(&data).unwrap();
    let cache = dir.path().join("cache");

    // --no-cache neither writes nor reads one.
    assert_eq!(
        first_document(&sections(&data, &cache, &["--no-cache"])),
        "gen-00001"
    );
    assert!(cache_files(&cache).is_empty());

    assert_eq!(first_document(&sections(&data, &cache, &[])), "gen-00001");
    let files = cache_files(&cache);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].starts_with("big-") && files[0].ends_with(".pacache"));

    // An edit that keeps the size and the modification time is not seen through the
    // cache (the check make and rsync use); this shows the second load read the cache.
    let modified = std::fs::metadata(&data).unwrap().modified().unwrap();
    std::fs::write(&data, json.replacen("\"gen-00001\"", "\"gen-x0001\"", 1)).unwrap();
    let file = std::fs::File::options().write(true).open(&data).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(first_document(&sections(&data, &cache, &[])), "gen-00001");
    assert_eq!(
        first_document(&sections(&data, &cache, &["--no-cache"])),
        "gen-x0001"
    );

    // A new modification time makes the cache stale: the JSON is read and re-cached.
    let file = std::fs::File::options().write(true).open(&data).unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(2))
        .unwrap();
    drop(file);
    assert_eq!(first_document(&sections(&data, &cache, &[])), "gen-x0001");
    assert_eq!(first_document(&sections(&data, &cache, &[])), "gen-x0001");
    assert_eq!(cache_files(&cache).len(), 1);
}

#[test]
fn a_damaged_cache_falls_back_to_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_dataset(dir.path(), 8);
    let cache = dir.path().join("cache");
    let good = sections(&data, &cache, &["--no-cache"]);
    sections(&data, &cache, &[]);
    let file = cache.join(&cache_files(&cache)[0]);
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let again = sections(&data, &cache, &[]);
    assert!(again.status.success());
    assert_eq!(again.stdout, good.stdout);
    // ...and the cache is written whole again.
    assert_eq!(std::fs::read(&file).unwrap().len(), bytes.len());
}

#[test]
fn small_datasets_and_unwritable_cache_dirs_cost_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("small.json");
    std::fs::write(&data, pa_explorer::dataset::BUNDLED_JSON).unwrap();
    let cache = dir.path().join("cache");
    assert!(sections(&data, &cache, &[]).status.success());
    assert!(cache_files(&cache).is_empty(), "small files are not cached");

    let big = big_dataset(dir.path(), 9);
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "").unwrap();
    let o = sections(&big, &blocker.join("cache"), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty());
}
