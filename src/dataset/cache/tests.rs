//! Tests of `cache`, kept beside it in a file of their own so the module reads whole.

use super::*;
use crate::model::Dataset;

fn docs() -> Vec<Document> {
    let mut docs = crate::dataset::bundled().unwrap().documents;
    let text =
        "一、标题\n由每人每年1.2万元提高至2万元，增长约66.7%；0-17岁儿童300余个。\n".to_string();
    docs.push(crate::extract::document("two", Meta::default(), text));
    docs
}

fn source(dir: &Path, docs: &[Document]) -> PathBuf {
    let path = dir.join("data.json");
    let ds = Dataset {
        schema_version: SCHEMA_VERSION,
        documents: docs.to_vec(),
    };
    std::fs::write(&path, crate::dataset::to_json(&ds)).unwrap();
    path
}

fn id(path: &Path) -> Identity {
    Identity::of(&std::fs::metadata(path).unwrap())
}

fn cache_mode(file: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).unwrap().permissions().mode() & 0o777
}

#[test]
fn reads_back_exactly_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let docs = docs();
    let src = source(dir.path(), &docs);
    let cache = dir.path().join("cache");
    assert_eq!(read(&cache, &src, &id(&src)), None, "nothing written yet");
    write(&cache, &src, &id(&src), &docs).unwrap();
    assert_eq!(read(&cache, &src, &id(&src)), Some(docs));
    // Private: the directory 0700, the file 0600, whatever the umask.
    assert_eq!(cache_mode(&cache), 0o700);
    assert_eq!(cache_mode(&path_for(&cache, &src).unwrap()), 0o600);
}

#[test]
fn a_changed_source_or_a_damaged_cache_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let docs = docs();
    let src = source(dir.path(), &docs);
    let cache = dir.path().join("cache");
    write(&cache, &src, &id(&src), &docs).unwrap();
    let file = path_for(&cache, &src).unwrap();
    let good = std::fs::read(&file).unwrap();

    // Truncated anywhere, or with bytes after the end.
    for cut in [0, 4, 8, 20, good.len() / 2, good.len() - 1] {
        std::fs::write(&file, &good[..cut]).unwrap();
        assert_eq!(read(&cache, &src, &id(&src)), None, "cut at {cut}");
    }
    let mut longer = good.clone();
    longer.push(0);
    std::fs::write(&file, &longer).unwrap();
    assert_eq!(read(&cache, &src, &id(&src)), None);
    // One digit changed in the second document's text (its first copy, before the
    // sentences): it still decodes, but the sentence no longer matches its span.
    let needle = "300余个".as_bytes();
    let at = good
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    let mut changed = good.clone();
    changed[at + 2] = b'1';
    std::fs::write(&file, &changed).unwrap();
    assert_eq!(read(&cache, &src, &id(&src)), None);
    std::fs::write(&file, &good).unwrap();
    assert_eq!(read(&cache, &src, &id(&src)), Some(docs.clone()));

    // The source rewritten: a different size is a different identity.
    let before = id(&src);
    let mut fewer = docs.clone();
    fewer.pop();
    source(dir.path(), &fewer);
    assert_ne!(id(&src).size, before.size);
    assert_eq!(read(&cache, &src, &id(&src)), None);
    assert_eq!(read(&cache, &src, &before), Some(docs.clone()), "control");
    // So is any one part of it: a new inode (`mv`), a device, an mtime, a ctime (set
    // by every write, and by no program).
    for changed in [
        Identity {
            ino: before.ino + 1,
            ..before
        },
        Identity {
            dev: before.dev + 1,
            ..before
        },
        Identity {
            mtime: (before.mtime.0, before.mtime.1 + 1),
            ..before
        },
        Identity {
            ctime: (before.ctime.0 + 1, before.ctime.1),
            ..before
        },
    ] {
        assert_eq!(read(&cache, &src, &changed), None, "{changed:?}");
    }
}

#[test]
fn a_file_is_settled_only_a_tick_after_its_last_change() {
    let dir = tempfile::tempdir().unwrap();
    let src = source(dir.path(), &docs());
    let changed = id(&src).latest_change().unwrap();
    let fine = id(&src);
    assert!(!fine.coarse_times() || fine.mtime.1 == 0);
    let margin = if fine.coarse_times() {
        SETTLE_COARSE
    } else {
        SETTLE_FINE
    };
    assert!(!settled(&fine, changed), "opened in the same tick");
    assert!(!settled(&fine, changed + margin / 2));
    assert!(settled(&fine, changed + margin));
    // An mtime in the future (a clock ahead of ours) is never settled now.
    let file = std::fs::File::options().write(true).open(&src).unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(3600))
        .unwrap();
    drop(file);
    assert!(!settled(&id(&src), SystemTime::now() + SETTLE_COARSE));
    // Whole seconds: the coarse margin.
    let coarse = Identity {
        mtime: (1_000, 0),
        ctime: (1_000, 0),
        ..fine
    };
    let at = |secs: u64, ms: u64| {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_millis(ms)
    };
    assert!(!settled(&coarse, at(1_001, 500)));
    assert!(settled(&coarse, at(1_002, 0)));
}

#[test]
fn only_a_regular_file_of_ours_is_read_as_a_cache() {
    let dir = tempfile::tempdir().unwrap();
    let docs = docs();
    let src = source(dir.path(), &docs);
    let cache = dir.path().join("cache");
    write(&cache, &src, &id(&src), &docs).unwrap();
    let file = path_for(&cache, &src).unwrap();
    // A symlink to a good cache is not followed.
    let elsewhere = dir.path().join("elsewhere.pacache");
    std::fs::rename(&file, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &file).unwrap();
    assert_eq!(read(&cache, &src, &id(&src)), None);
    // Writing replaces the link and leaves its target alone.
    let target = std::fs::read(&elsewhere).unwrap();
    write(&cache, &src, &id(&src), &docs).unwrap();
    assert_eq!(std::fs::read(&elsewhere).unwrap(), target);
    assert!(!std::fs::symlink_metadata(&file).unwrap().is_symlink());
    assert_eq!(read(&cache, &src, &id(&src)), Some(docs.clone()));
    // A FIFO or a directory there: not read (and no wait), and no temp file left.
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    assert_eq!(read(&cache, &src, &id(&src)), None);
    assert!(write(&cache, &src, &id(&src), &docs).is_err());
    std::fs::remove_dir(&file).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&file)
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(read(&cache, &src, &id(&src)), None);
    let names: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn one_cache_per_source_path() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let (pa, pb) = (source(&a, &docs()), source(&b, &docs()));
    let cache = dir.path().join("cache");
    assert_ne!(path_for(&cache, &pa), path_for(&cache, &pb));
    write(&cache, &pa, &id(&pa), &docs()).unwrap();
    assert_eq!(read(&cache, &pb, &id(&pb)), None, "b's cache is not a's");
}

#[test]
fn an_unwritable_directory_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let src = source(dir.path(), &docs());
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    assert!(write(&blocker.join("cache"), &src, &id(&src), &docs()).is_err());
}

#[test]
fn damaged_records_never_panic() {
    let docs = docs();
    for doc in &docs {
        let good = postcard::to_stdvec(&Lean(doc)).unwrap();
        assert_eq!(decode(&good).as_ref(), Some(doc));
        for at in (0..good.len()).step_by(53) {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[at] ^= flip;
                // Some flips still decode to a valid document (a digit in a
                // number); none may panic.
                let _ = decode(&bad);
            }
            assert_eq!(decode(&good[..at]), None, "cut at {at}");
        }
    }
}

#[test]
fn the_layout_sample_covers_every_optional_field() {
    // JSON of the sample figure would drop absent fields; the binary must not.
    let bytes = layout();
    assert!(bytes.len() > 200, "{} bytes", bytes.len());
    let doc: Document = postcard::from_bytes(&bytes).unwrap();
    assert!(
        doc.figures
            .iter()
            .all(|f| f.change.is_some() && !f.warnings.is_empty())
    );
}
