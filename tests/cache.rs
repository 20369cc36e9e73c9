//! The binary cache of large datasets, through the binary: written on the first load,
//! used on the next, ignored once the source changes (in place or replaced), private,
//! and never touched with `--no-cache`.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime};

use pa_explorer::dataset::files::Identity;
use pa_explorer::dataset::{LoadOptions, cache};

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
    assert!(json.len() as u64 >= cache::MIN_SOURCE_BYTES);
    std::fs::write(&path, json).unwrap();
    path
}

/// Waits (bounded) until `path` has stopped changing long enough to be cached: a file
/// opened in the same clock tick as its last change is never cached (see
/// `cache::settled`). A condition, not a guess at a duration.
fn settle(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let id = Identity::of(&std::fs::metadata(path).unwrap());
    while !cache::settled(&id, SystemTime::now()) {
        assert!(
            Instant::now() < deadline,
            "{} never settled",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// How many of `data`'s files a load through the library takes from the cache in `dir`.
fn served_from_cache(data: &Path, dir: &Path) -> usize {
    let opts = LoadOptions {
        cache_dir: Some(dir.to_path_buf()),
    };
    pa_explorer::dataset::load_many_with(&[data.to_path_buf()], &opts)
        .unwrap()
        .from_cache
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
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

    settle(&data);
    assert_eq!(first_document(&sections(&data, &cache, &[])), "gen-00001");
    let files = cache_files(&cache);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].starts_with("big-") && files[0].ends_with(".pacache"));
    assert_eq!(served_from_cache(&data, &cache), 1);

    // An edit in place that keeps the size and puts the modification time back (what
    // make and rsync would take for "unchanged") is seen: the ctime changed.
    let modified = std::fs::metadata(&data).unwrap().modified().unwrap();
    std::fs::write(&data, json.replacen("\"gen-00001\"", "\"gen-x0001\"", 1)).unwrap();
    let file = std::fs::File::options().write(true).open(&data).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(first_document(&sections(&data, &cache, &[])), "gen-x0001");
    settle(&data);
    assert_eq!(first_document(&sections(&data, &cache, &[])), "gen-x0001");
    assert_eq!(
        served_from_cache(&data, &cache),
        1,
        "re-cached once settled"
    );
    assert_eq!(cache_files(&cache).len(), 1);
}

#[test]
fn a_file_moved_over_the_dataset_is_seen_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_dataset(dir.path(), 10);
    let cache = dir.path().join("cache");
    settle(&data);
    let old = sections(&data, &cache, &[]);
    assert_eq!(served_from_cache(&data, &cache), 1);
    // `cp new tmp && mv tmp big.json`: same path, new inode — here even the same size and
    // modification time, so only the inode (and ctime) tell.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let new = big_dataset(&other, 11);
    let modified = std::fs::metadata(&data).unwrap().modified().unwrap();
    std::fs::File::options()
        .write(true)
        .open(&new)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    std::fs::rename(&new, &data).unwrap();
    let now = sections(&data, &cache, &[]);
    let truth = sections(&data, &cache, &["--no-cache"]);
    assert!(now.status.success());
    assert_ne!(now.stdout, old.stdout, "the seeds give other documents");
    assert_eq!(now.stdout, truth.stdout);
}

#[test]
fn caches_are_private_whatever_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_dataset(dir.path(), 12);
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o600)).unwrap();
    // A cache directory an older version made, 0755 with a 0644 cache in it.
    let cache = dir.path().join("home/.cache/pa-explorer");
    std::fs::create_dir_all(&cache).unwrap();
    for d in [&cache, &dir.path().join("home/.cache")] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let old = cache.join("old-0123456789abcdef.pacache");
    std::fs::write(&old, "old").unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    settle(&data);
    assert!(sections(&data, &cache, &[]).status.success());
    let files = cache_files(&cache);
    assert_eq!(files.len(), 2, "{files:?}");
    for f in &files {
        assert_eq!(mode(&cache.join(f)), 0o600, "{f}");
    }
    assert_eq!(mode(&cache), 0o700);
    // The user's own directories above it are left as they were.
    assert_eq!(mode(&dir.path().join("home/.cache")), 0o755);

    // A new cache directory, with its missing parents, is made 0700.
    let fresh = dir.path().join("xdg/new/pa-explorer");
    assert!(sections(&data, &fresh, &[]).status.success());
    assert_eq!(mode(&fresh), 0o700);
    assert_eq!(mode(&dir.path().join("xdg")), 0o700);
    assert_eq!(mode(&fresh.join(&cache_files(&fresh)[0])), 0o600);
}

#[test]
fn a_damaged_cache_falls_back_to_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_dataset(dir.path(), 8);
    let cache = dir.path().join("cache");
    let good = sections(&data, &cache, &["--no-cache"]);
    settle(&data);
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
    settle(&big);
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "").unwrap();
    let o = sections(&big, &blocker.join("cache"), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty());
}
