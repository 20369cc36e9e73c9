//! Safe with any file, through the binary: `import` never destroys its source, temp files
//! never follow planted symlinks and are never left behind (errors, signals, dead
//! writers), and special files (FIFOs, directories) neither hang the program nor get
//! cached.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use pa_explorer::dataset::cache;
use pa_explorer::dataset::files::Identity;

#[path = "../examples/gen_corpus.rs"]
#[allow(clippy::all, clippy::pedantic, dead_code)]
mod gen_corpus;

const TEXT: &str = "一、标题\n全年脱贫人口3000人，增长12.5%。\n";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
}

/// Waits for `child` at most `limit`; a hang fails the test instead of hanging CI.
fn wait_bounded(mut child: Child, limit: Duration) -> (ExitStatus, String) {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                std::io::Read::read_to_string(&mut e, &mut err).unwrap();
            }
            return (status, err);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pa-explorer hung for {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn run_bounded(cmd: &mut Command) -> (ExitStatus, String) {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_bounded(child, Duration::from_secs(60))
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".pa-explorer-") || n.contains(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

fn big_dataset(dir: &Path, figures: usize) -> PathBuf {
    let path = dir.join("big.json");
    let json = serde_json::to_string(&gen_corpus::generate(figures, 3)).unwrap();
    assert!(json.len() as u64 >= cache::MIN_SOURCE_BYTES);
    std::fs::write(&path, json).unwrap();
    // A file opened in the same clock tick as its last change is never cached.
    let id = Identity::of(&std::fs::metadata(&path).unwrap());
    let deadline = Instant::now() + Duration::from_secs(10);
    while !cache::settled(&id, SystemTime::now()) {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(10));
    }
    path
}

fn import(source: &Path, out: &Path) -> Output {
    bin()
        .arg("import")
        .arg(source)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn import_refuses_to_write_over_its_own_source() {
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("report.txt");
    std::fs::write(&x, TEXT).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&x, &link).unwrap();
    let hard = dir.path().join("hard.json");
    std::fs::hard_link(&x, &hard).unwrap();
    let dotted = dir.path().join(".").join("report.txt");
    for out in [&x, &dotted, &link, &hard] {
        let o = import(&x, out);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "-o {}: {err}", out.display());
        assert!(err.contains("the source file"), "{err}");
        assert_eq!(std::fs::read_to_string(&x).unwrap(), TEXT);
    }
    // Through standard input too: `import - -o X < X`.
    let o = bin()
        .args(["import", "-", "-o"])
        .arg(&x)
        .stdin(std::fs::File::open(&x).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&x).unwrap(), TEXT);
    // Another output is fine.
    let o = import(&x, &dir.path().join("report.json"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn import_output_never_follows_a_planted_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("report.txt");
    std::fs::write(&x, TEXT).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let out = dir.path().join("out.json");
    // The temp names older versions used, and a symlink at the output itself.
    for planted in ["out.json.tmp", "out.tmp", "out.json.json.tmp"] {
        std::os::unix::fs::symlink(&victim, dir.path().join(planted)).unwrap();
    }
    assert!(import(&x, &out).status.success());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let json = std::fs::read_to_string(&out).unwrap();
    assert!(json.contains("\"schema_version\""));

    let out2 = dir.path().join("out2.json");
    std::os::unix::fs::symlink(&victim, &out2).unwrap();
    assert!(import(&x, &out2).status.success());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!std::fs::symlink_metadata(&out2).unwrap().is_symlink());
    assert!(
        temp_files(dir.path())
            .iter()
            .all(|n| !n.starts_with(".pa-"))
    );
}

#[test]
fn the_cache_never_follows_a_symlink_planted_in_its_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_dataset(dir.path(), 25_000);
    let cache_dir = dir.path().join("cache");
    std::fs::create_dir(&cache_dir).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let at = cache::path_for(&cache_dir, &data).unwrap();
    std::os::unix::fs::symlink(&victim, &at).unwrap();
    let (status, err) = run_bounded(
        bin()
            .args(["sections", "--data"])
            .arg(&data)
            .env("PA_EXPLORER_CACHE_DIR", &cache_dir),
    );
    assert!(status.success(), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!std::fs::symlink_metadata(&at).unwrap().is_symlink());
    assert!(temp_files(&cache_dir).is_empty());
}

#[test]
fn a_fifo_in_a_data_folder_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.json"),
        pa_explorer::dataset::BUNDLED_JSON,
    )
    .unwrap();
    mkfifo(&dir.path().join("b.json"));
    let (status, err) = run_bounded(bin().args(["sections", "--data"]).arg(dir.path()));
    assert!(status.success(), "{err}");
    assert!(err.contains("note: skipped"), "{err}");
    assert!(err.contains("b.json: a FIFO"), "{err}");
}

#[test]
fn a_fifo_named_explicitly_is_read_like_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.json");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::fs::write(fifo, pa_explorer::dataset::BUNDLED_JSON).unwrap();
        })
    };
    let cache_dir = dir.path().join("cache");
    let (status, err) = run_bounded(
        bin()
            .args(["sections", "--data"])
            .arg(&fifo)
            .env("PA_EXPLORER_CACHE_DIR", &cache_dir),
    );
    writer.join().unwrap();
    assert!(status.success(), "{err}");
    assert!(!cache_dir.exists(), "a FIFO is never cached");
}

#[test]
fn a_fifo_or_directory_at_the_cache_path_neither_hangs_nor_leaves_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_dataset(dir.path(), 25_000);
    let cache_dir = dir.path().join("cache");
    std::fs::create_dir(&cache_dir).unwrap();
    let at = cache::path_for(&cache_dir, &data).unwrap();
    let run = || {
        run_bounded(
            bin()
                .args(["sections", "--data"])
                .arg(&data)
                .env("PA_EXPLORER_CACHE_DIR", &cache_dir),
        )
    };
    mkfifo(&at);
    let (status, err) = run();
    assert!(status.success(), "{err}");
    assert!(temp_files(&cache_dir).is_empty());

    std::fs::remove_file(&at).unwrap();
    std::fs::create_dir(&at).unwrap();
    for _ in 0..2 {
        let (status, err) = run();
        assert!(status.success(), "{err}");
        assert!(
            temp_files(&cache_dir).is_empty(),
            "{:?}",
            temp_files(&cache_dir)
        );
    }
}

#[test]
fn stale_temp_files_of_dead_writers_are_removed_on_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("report.txt");
    std::fs::write(&x, TEXT).unwrap();
    // A pid that has just exited, and one that lives (this test).
    let mut gone = Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let live = std::process::id();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let plant = |name: String| {
        let path = dir.path().join(name);
        let f = std::fs::File::create(&path).unwrap();
        f.set_modified(hour_ago).unwrap();
        path
    };
    let stale = plant(format!(".pa-explorer-{dead}-abcdefABCDEF.tmp"));
    let running = plant(format!(".pa-explorer-{live}-abcdefABCDEF.tmp"));
    let unrelated = plant(".pa-explorer-notes.txt".to_string());
    assert!(import(&x, &dir.path().join("out.json")).status.success());
    assert!(!stale.exists(), "the dead writer's temp file is removed");
    assert!(running.exists(), "a live writer's is not");
    assert!(unrelated.exists());
}

#[test]
fn sigint_during_a_cache_write_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_dataset(dir.path(), 60_000);
    // Each attempt either catches the write (no cache, no temp file) or, if the write
    // finished first, proves nothing and runs again.
    for attempt in 0..5 {
        let cache_dir = dir.path().join(format!("cache{attempt}"));
        let mut child = bin()
            .args(["sections", "--data"])
            .arg(&data)
            .env("PA_EXPLORER_CACHE_DIR", &cache_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let ours = format!(".pa-explorer-{pid}-");
        let deadline = Instant::now() + Duration::from_secs(60);
        // Polls as fast as it can: the write lasts milliseconds.
        let seen = loop {
            if temp_files(&cache_dir).iter().any(|n| n.starts_with(&ours)) {
                break true;
            }
            if Instant::now() > deadline || child.try_wait().unwrap().is_some() {
                break false;
            }
            std::thread::yield_now();
        };
        if seen {
            let _ = Command::new("kill")
                .args(["-INT", &pid.to_string()])
                .status();
        }
        let (status, err) = wait_bounded(child, Duration::from_secs(60));
        assert!(
            temp_files(&cache_dir).is_empty(),
            "{:?}",
            temp_files(&cache_dir)
        );
        let cached = !cache_files(&cache_dir).is_empty();
        if seen && !cached {
            assert!(
                status.signal() == Some(2) || status.code() == Some(130),
                "{status:?} {err}"
            );
            return;
        }
    }
    panic!("the cache write was never caught in progress");
}

fn cache_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".pacache"))
                .collect()
        })
        .unwrap_or_default()
}
