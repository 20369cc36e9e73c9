//! Touching files safely: the identity of an open file (taken from the handle, not the
//! path), opening only what is meant to be opened (a regular file, never through a
//! planted symlink, never blocking on a FIFO), and writing through an exclusive temporary
//! file with an unpredictable name that is renamed into place and never left behind — not
//! on an error, not on SIGINT/SIGTERM/SIGHUP, and not by a process that died (its temp
//! files are removed by the next write in the same directory).
//!
//! Core module: must not import ratatui, crossterm or clap, and never prints.

use std::fs::{File, Metadata, OpenOptions, Permissions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

/// Who a file is: which inode on which device, and the size and times the kernel keeps.
/// Any ordinary way of changing a file — an editor's save (a new inode, or an in-place
/// write), `cp`, `mv`, `git checkout`, `rsync`, `touch` — changes at least one of them:
/// a new file is a new inode, and every write or `utimes` sets the ctime, which no
/// program can set back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub dev: u64,
    pub ino: u64,
    pub size: u64,
    /// Seconds and nanoseconds since the epoch.
    pub mtime: (i64, i64),
    pub ctime: (i64, i64),
}

impl Identity {
    pub fn of(meta: &Metadata) -> Identity {
        Identity {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    /// The later of the two times, as a point in time (`None` before the epoch).
    pub fn latest_change(&self) -> Option<SystemTime> {
        let at = |(secs, nanos): (i64, i64)| {
            SystemTime::UNIX_EPOCH.checked_add(Duration::new(
                u64::try_from(secs).ok()?,
                u32::try_from(nanos).ok()?,
            ))
        };
        Some(at(self.mtime)?.max(at(self.ctime)?))
    }

    /// Whether both times are whole seconds: the mark of a file system that keeps
    /// seconds only (FAT, HFS+, ext3, some network shares), where two writes in the same
    /// second leave the same times.
    pub fn coarse_times(&self) -> bool {
        self.mtime.1 == 0 && self.ctime.1 == 0
    }
}

/// How to open a file for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// As the user named it: a FIFO blocks until its writer comes, as `cat` would
    /// (`--data <(…)` is legitimate).
    Named,
    /// Found in a folder, never named: opening never waits (a FIFO opens at once, and is
    /// then refused by its type).
    Found,
    /// A file of our own (a cache): never through a symlink, never waiting.
    Own,
}

/// Opens `path` for reading and returns the handle with its `fstat`, so that the type
/// and identity checked are those of the file actually read.
pub fn open(path: &Path, how: Open) -> io::Result<(File, Metadata)> {
    let nonblock = rustix::fs::OFlags::NONBLOCK.bits() as i32;
    let nofollow = rustix::fs::OFlags::NOFOLLOW.bits() as i32;
    let flags = match how {
        Open::Named => 0,
        Open::Found => nonblock,
        Open::Own => nonblock | nofollow,
    };
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)?;
    let meta = file.metadata()?;
    Ok((file, meta))
}

/// What kind of non-regular file this is, in words for a note.
pub fn kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// Whether two metadata describe the same file (hard links and symlinks included).
pub fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// The effective user: files we trust or clean up must be owned by it.
fn me() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Whether a file of ours: owned by the user we run as.
pub fn owned_by_me(meta: &Metadata) -> bool {
    meta.uid() == me()
}

/// Temp files start with this, then the writer's pid and a dash, then random letters,
/// then [`TEMP_SUFFIX`]: recognisable (to clean up after a dead writer) and unguessable.
const TEMP_PREFIX: &str = ".pa-explorer-";
const TEMP_SUFFIX: &str = ".tmp";
/// A temp file this old whose writer is gone is stale. (A live writer touches its temp
/// file with every block it writes; the age also keeps us from deleting the temp of a
/// live process we cannot see, in another pid namespace sharing the directory.)
const STALE_AFTER: Duration = Duration::from_secs(60);

/// How a file written by [`write_atomic`] is permitted.
#[derive(Debug, Clone, Copy)]
pub enum Mode {
    /// Private: `0600`, whatever the umask.
    Private,
    /// As an ordinary new file (`0666` less the umask), or the mode of the file it
    /// replaces.
    LikeExisting,
}

/// Writes `path` whole or not at all: `write` fills an exclusive temp file with an
/// unpredictable name beside it, which is synced and renamed over `path` (replacing a
/// symlink there, never writing through it). The temp file is removed on any error, and
/// on SIGINT, SIGTERM or SIGHUP while it exists; stale temp files of dead writers in the
/// same directory are removed first.
pub fn write_atomic(
    path: &Path,
    mode: Mode,
    write: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    remove_stale_temps(dir);
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(12);
    let existing = match mode {
        Mode::Private => {
            builder.permissions(Permissions::from_mode(0o600));
            None
        }
        Mode::LikeExisting => {
            builder.permissions(Permissions::from_mode(0o666));
            std::fs::metadata(path)
                .ok()
                .filter(Metadata::is_file)
                .map(|m| m.permissions().mode() & 0o7777)
        }
    };
    // Installed before the temp file exists, so no signal finds it unregistered for
    // longer than the few instructions between creating and registering.
    signals::install();
    let tmp = builder.tempfile_in(dir)?;
    let _registered = signals::Registered::new(tmp.path());
    if let Some(mode) = existing {
        tmp.as_file()
            .set_permissions(Permissions::from_mode(mode))?;
    }
    let mut w = BufWriter::with_capacity(1 << 20, tmp.as_file());
    write(&mut w)?;
    w.flush()?;
    drop(w);
    tmp.as_file().sync_all()?;
    // On failure the error holds the temp file, and dropping it removes it.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes our temp files in `dir` whose writer is dead. Best effort: anything not
/// plainly ours and stale is left alone.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        // `DirEntry::metadata` does not follow a symlink, so one planted here is
        // never taken for a temp file of ours.
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if meta.is_file() && owned_by_me(&meta) && old && !alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The writer's pid in a temp file name of ours.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, random) = rest.split_once('-')?;
    (!random.is_empty()).then_some(())?;
    pid.parse().ok()
}

/// Whether process `pid` exists (`kill(pid, 0)`; a process of another user exists too).
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// Creates `dir` (and missing parents) as `0700`. A directory that already exists is
/// tightened to `0700` only when it holds nothing but pa-explorer's own files, so a
/// user's folder is never changed; cache files of ours left looser by an older version
/// are tightened to `0600`.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let meta = std::fs::metadata(dir)?;
    let loose = meta.permissions().mode() & 0o077 != 0;
    if !loose || !owned_by_me(&meta) {
        return Ok(());
    }
    let mut ours = true;
    for entry in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".pacache") {
            tighten(&entry.path());
        } else if temp_pid(&name).is_none() {
            ours = false;
        }
    }
    if ours {
        std::fs::set_permissions(dir, Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// `chmod 600` a file of ours, through a handle so a symlink there is not followed.
fn tighten(path: &Path) {
    if let Ok((file, meta)) = open(path, Open::Own)
        && meta.is_file()
        && owned_by_me(&meta)
        && meta.permissions().mode() & 0o077 != 0
    {
        let _ = file.set_permissions(Permissions::from_mode(0o600));
    }
}

/// The explorer (`tui`) watches SIGINT, SIGTERM and SIGHUP itself once it runs; call
/// this before it starts, so a signal is left to it after any temp file is removed.
pub fn hand_over_signals() {
    signals::HANDED_OVER.store(true, Ordering::SeqCst);
}

/// Removing temp files when the process is told to stop. signal-hook's handlers, once
/// installed, stay installed (unregistering the last one leaves the signal ignored), so
/// one watcher is installed for good on the first write and decides at each signal:
/// remove the temp files registered now, then die of the signal as if no handler had
/// been installed (so the shell sees 128 + the signal) — unless the explorer has taken
/// the signals over.
mod signals {
    use super::{AtomicBool, Mutex, OnceLock, Ordering, Path, PathBuf};
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    pub static HANDED_OVER: AtomicBool = AtomicBool::new(false);
    static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    static INSTALLED: OnceLock<bool> = OnceLock::new();

    pub fn install() {
        INSTALLED.get_or_init(|| {
            let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
                return false;
            };
            std::thread::spawn(move || {
                for sig in signals.forever() {
                    let temps = std::mem::take(
                        &mut *TEMPS
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner),
                    );
                    for t in temps {
                        let _ = std::fs::remove_file(t);
                    }
                    if !HANDED_OVER.load(Ordering::SeqCst) {
                        let _ = signal_hook::low_level::emulate_default_handler(sig);
                        // Only reached if the default action did not end the process.
                        std::process::exit(128 + sig);
                    }
                }
            });
            true
        });
    }

    /// A temp file path, removed by the watcher on a signal while this lives.
    pub struct Registered(PathBuf);

    impl Registered {
        pub fn new(path: &Path) -> Registered {
            let path = path.to_path_buf();
            TEMPS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(path.clone());
            Registered(path)
        }
    }

    impl Drop for Registered {
        fn drop(&mut self) {
            TEMPS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .retain(|p| p != &self.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_only_when_they_are_ours() {
        assert_eq!(temp_pid(".pa-explorer-123-abcDEF012345.tmp"), Some(123));
        for name in [
            ".pa-explorer-123-.tmp",
            ".pa-explorer-x-abc.tmp",
            "pa-explorer-123-abc.tmp",
            ".pa-explorer-123-abc.json",
            "data.json",
        ] {
            assert_eq!(temp_pid(name), None, "{name}");
        }
    }

    #[test]
    fn atomic_writes_replace_a_symlink_instead_of_following_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "precious").unwrap();
        let out = dir.path().join("out.json");
        std::os::unix::fs::symlink(&target, &out).unwrap();
        write_atomic(&out, Mode::LikeExisting, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
        assert!(!std::fs::symlink_metadata(&out).unwrap().is_symlink());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no temp file left");
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let e = write_atomic(&out, Mode::Private, |_| Err(io::Error::other("boom")));
        assert!(e.is_err());
        // A directory in the way: the rename fails, and the temp file goes too.
        std::fs::create_dir(&out).unwrap();
        assert!(write_atomic(&out, Mode::Private, |w| w.write_all(b"x")).is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("out")]);
    }

    #[test]
    fn modes_private_and_like_existing() {
        let dir = tempfile::tempdir().unwrap();
        let private = dir.path().join("p");
        write_atomic(&private, Mode::Private, |w| w.write_all(b"x")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&private), 0o600);
        let kept = dir.path().join("k");
        std::fs::write(&kept, "old").unwrap();
        std::fs::set_permissions(&kept, Permissions::from_mode(0o640)).unwrap();
        write_atomic(&kept, Mode::LikeExisting, |w| w.write_all(b"x")).unwrap();
        assert_eq!(mode(&kept), 0o640);
    }

    #[test]
    fn a_private_dir_is_tightened_only_when_it_holds_only_our_files() {
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join("ours");
        std::fs::create_dir(&ours).unwrap();
        std::fs::set_permissions(&ours, Permissions::from_mode(0o755)).unwrap();
        let cache = ours.join("x-0.pacache");
        std::fs::write(&cache, "c").unwrap();
        std::fs::set_permissions(&cache, Permissions::from_mode(0o644)).unwrap();
        private_dir(&ours).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&ours), 0o700);
        assert_eq!(mode(&cache), 0o600);

        let theirs = dir.path().join("theirs");
        std::fs::create_dir(&theirs).unwrap();
        std::fs::set_permissions(&theirs, Permissions::from_mode(0o755)).unwrap();
        std::fs::write(theirs.join("notes.txt"), "mine").unwrap();
        private_dir(&theirs).unwrap();
        assert_eq!(mode(&theirs), 0o755);

        let fresh = dir.path().join("a/b");
        private_dir(&fresh).unwrap();
        assert_eq!(mode(&fresh), 0o700);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
    }

    #[test]
    fn found_files_open_without_waiting_and_say_what_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.json");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let (_, meta) = open(&fifo, Open::Found).unwrap();
        assert_eq!(kind(&meta), "a FIFO");
        let (_, meta) = open(dir.path(), Open::Own).unwrap();
        assert_eq!(kind(&meta), "a directory");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        assert!(open(&link, Open::Own).is_err(), "O_NOFOLLOW");
    }
}
