//! A binary copy of a large dataset, kept in a cache directory, so that opening the same
//! file again skips the JSON: each document is a length-prefixed postcard record, decoded
//! and checked on all cores like the JSON's documents.
//!
//! A cache is used only while it matches its source exactly: the same canonical path, the
//! same [`Identity`] (device, inode, size, mtime and ctime in nanoseconds) as the file
//! just opened, the same schema, and the same binary layout of the model (a sample of
//! every field is encoded and compared, so a changed model can never be read with an old
//! layout). The identity written is the one taken from the handle the JSON was read
//! from, before reading; the loader writes no cache when the file changed during the read
//! or changed too recently to tell a later edit apart ([`settled`]). Anything else —
//! missing, stale, truncated, corrupt, not a regular file, not ours — is ignored and
//! rewritten after the JSON is loaded. Writing is best effort: a cache that cannot be
//! written costs nothing but the next load's speed. Caches are private: the directory
//! is `0700`, the files `0600`.

use std::hash::{Hash, Hasher};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::files::{self, Identity, Mode, Open};
use crate::model::{
    Approx, Change, ChangeRole, Dimension, Direction, Document, Figure, Kind, Meta, Period,
    SCHEMA_VERSION, Section, Sentence, Shape,
};

const MAGIC: &[u8; 8] = b"PAXCACHE";
/// Bump on any change to how documents are written here (not to the model: that is
/// caught by `layout`). 2: the identity of the source replaced its size and mtime.
const FORMAT: u32 = 2;

/// Files smaller than this parse from JSON in a blink; caching them would only litter.
pub const MIN_SOURCE_BYTES: u64 = 8 << 20;

/// Where caches go: `$PA_EXPLORER_CACHE_DIR`, else `$XDG_CACHE_HOME/pa-explorer`, else
/// `~/.cache/pa-explorer`; `None` when none of them is set.
pub fn default_dir() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("PA_EXPLORER_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(xdg) = var("XDG_CACHE_HOME") {
        return Some(PathBuf::from(xdg).join("pa-explorer"));
    }
    var("HOME").map(|home| PathBuf::from(home).join(".cache").join("pa-explorer"))
}

/// What a cache must agree on with its source to be used.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Header {
    format: u32,
    source: String,
    identity: Identity,
    schema_version: u32,
    layout: Vec<u8>,
}

impl Header {
    fn of(source: &Path, identity: &Identity) -> Option<Header> {
        Some(Header {
            format: FORMAT,
            source: source.canonicalize().ok()?.to_str()?.to_string(),
            identity: *identity,
            schema_version: SCHEMA_VERSION,
            layout: layout(),
        })
    }
}

/// How long after its last change a file on a file system with nanosecond times must be
/// left alone before its cache can be trusted: the kernel stamps times from a clock that
/// ticks every few milliseconds (a jiffy, at most 10 ms), so two writes within one tick
/// get the same times.
const SETTLE_FINE: Duration = Duration::from_millis(100);
/// The same on a file system that keeps whole seconds (FAT keeps two).
const SETTLE_COARSE: Duration = Duration::from_secs(2);

/// Whether a file with `identity`, opened at `opened_at`, had stopped changing long enough
/// before it was opened that any later write must change its identity. This is git's
/// "racily clean" problem: a write in the same clock tick as the last change before we
/// opened it leaves the same mtime and ctime, so with the same size a cache taken then
/// would be trusted for good while the file says something else. Every write sets the
/// ctime to the present tick; if that tick is already past the file's times when we
/// open it, every write after the open gives a different ctime. A file changed just
/// before (or, by a clock ahead of ours, after) the open is read from JSON and not cached;
/// it will be on a later open. (A network share whose clock lags ours by more than the
/// margin defeats this, as it does make.)
pub fn settled(identity: &Identity, opened_at: SystemTime) -> bool {
    let margin = if identity.coarse_times() {
        SETTLE_COARSE
    } else {
        SETTLE_FINE
    };
    identity
        .latest_change()
        .and_then(|t| t.checked_add(margin))
        .is_some_and(|t| t <= opened_at)
}

/// The cache file for `source` in `dir`: its name, then a hash of its canonical path.
pub fn path_for(dir: &Path, source: &Path) -> Option<PathBuf> {
    let canonical = source.canonicalize().ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    let stem = canonical.file_stem()?.to_string_lossy();
    Some(dir.join(format!("{stem}-{:016x}.pacache", h.finish())))
}

/// The documents of `source` (whose open handle has `identity`) from its cache in `dir`,
/// if a matching one is there. Only a regular file of ours is read, never through a
/// symlink, and opening it never waits (a FIFO planted there is refused by its type).
pub fn read(dir: &Path, source: &Path, identity: &Identity) -> Option<Vec<Document>> {
    let expected = Header::of(source, identity)?;
    let (file, meta) = files::open(&path_for(dir, source)?, Open::Own).ok()?;
    if !meta.is_file() || !files::owned_by_me(&meta) {
        return None;
    }
    let total = meta.len();
    let mut r = BufReader::with_capacity(1 << 20, file);
    let mut magic = [0; 8];
    r.read_exact(&mut magic).ok()?;
    if &magic != MAGIC {
        return None;
    }
    let header: Header = postcard::from_bytes(&record(&mut r, total)?).ok()?;
    if header != expected {
        return None;
    }
    let count = u64::from_le_bytes(bytes(&mut r)?);
    super::stream::decode_all(
        |emit| {
            for _ in 0..count {
                if !emit(record(&mut r, total)?) {
                    return None;
                }
            }
            // Anything after the last record means the file is not what we wrote.
            r.read(&mut [0]).ok().filter(|&n| n == 0).map(|_| ())
        },
        decode,
        total,
    )
}

/// One cached document, filled in and checked; `None` for anything wrong.
fn decode(record: &[u8]) -> Option<Document> {
    let lean: LeanRead = postcard::from_bytes(record).ok()?;
    let mut doc = Document {
        id: lean.id,
        meta: lean.meta,
        // Postcard checks each string with `std`; the document text, most of the bytes,
        // is checked here with SIMD instead (several times faster on CJK).
        text: simdutf8::basic::from_utf8(lean.text).ok()?.to_string(),
        sections: lean.sections,
        sentences: lean.sentences,
        figures: lean.figures,
    };
    super::fill_sentence_texts_and_check(&mut doc)?;
    Some(doc)
}

/// A [`Document`] as read from the cache: the same fields in the same order (postcard
/// writes a string and bytes alike), with the text still raw bytes.
#[derive(Deserialize)]
struct LeanRead<'a> {
    id: String,
    meta: Meta,
    text: &'a [u8],
    sections: Vec<Section>,
    sentences: Vec<Sentence>,
    figures: Vec<Figure>,
}

/// A document as the cache stores it: sentence texts left empty, since they are spans
/// of the document text. That saves a third of the cache and of the UTF-8 checks when
/// it is read. Serializes exactly as a [`Document`] would, field for field.
struct Lean<'a>(&'a Document);

impl Serialize for Lean<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct NoText<'a>(&'a [Sentence]);
        impl Serialize for NoText<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().map(|x| Sentence {
                    text: String::new(),
                    ..*x
                }))
            }
        }
        let d = self.0;
        let mut st = s.serialize_struct("Document", 6)?;
        st.serialize_field("id", &d.id)?;
        st.serialize_field("meta", &d.meta)?;
        st.serialize_field("text", &d.text)?;
        st.serialize_field("sections", &d.sections)?;
        st.serialize_field("sentences", &NoText(&d.sentences))?;
        st.serialize_field("figures", &d.figures)?;
        st.end()
    }
}

/// Writes the cache of `source` in `dir`, recording `identity`, the identity of the handle
/// `docs` were read from (taken before reading). Through an exclusive temp file renamed
/// into place (see [`files::write_atomic`]), so a reader never sees half a cache and no
/// symlink planted in the directory is followed. Errors are returned for tests; callers
/// may ignore them.
pub fn write(
    dir: &Path,
    source: &Path,
    identity: &Identity,
    docs: &[Document],
) -> std::io::Result<()> {
    let unsupported = || std::io::Error::other("the source has no usable path");
    let header = Header::of(source, identity).ok_or_else(unsupported)?;
    let path = path_for(dir, source).ok_or_else(unsupported)?;
    files::private_dir(dir)?;
    files::write_atomic(&path, Mode::Private, |w| {
        w.write_all(MAGIC)?;
        let put = |w: &mut dyn Write, bytes: &[u8]| {
            w.write_all(&(bytes.len() as u64).to_le_bytes())?;
            w.write_all(bytes)
        };
        put(
            w,
            &postcard::to_stdvec(&header).map_err(std::io::Error::other)?,
        )?;
        w.write_all(&(docs.len() as u64).to_le_bytes())?;
        for doc in docs {
            put(
                w,
                &postcard::to_stdvec(&Lean(doc)).map_err(std::io::Error::other)?,
            )?;
        }
        Ok(())
    })
}

fn bytes<const N: usize>(r: &mut impl Read) -> Option<[u8; N]> {
    let mut b = [0; N];
    r.read_exact(&mut b).ok()?;
    Some(b)
}

/// One length-prefixed record; a length beyond the file is corruption, not an allocation.
fn record(r: &mut impl Read, total: u64) -> Option<Vec<u8>> {
    let len = u64::from_le_bytes(bytes(r)?);
    if len > total {
        return None;
    }
    let mut buf = vec![0; usize::try_from(len).ok()?];
    r.read_exact(&mut buf).ok()?;
    Some(buf)
}

/// The binary layout of the model, as the encoding of a document that sets every field
/// (a struct literal, so a new field will not compile until it is added here) and uses
/// every kind and dimension. Postcard writes no names, so this changes whenever a field
/// is added, removed, moved or retyped, or an enum is reordered.
#[allow(clippy::too_many_lines)] // a struct literal naming every model field, so a new field cannot be forgotten
fn layout() -> Vec<u8> {
    let kinds = [
        Kind::Amount,
        Kind::Percent,
        Kind::PercentagePoint,
        Kind::Multiple,
        Kind::Duration,
        Kind::Date,
        Kind::Time,
        Kind::Ordinal,
        Kind::Name,
        Kind::Level,
    ];
    // Fails to compile when a kind is added, so the list above stays whole.
    let _ = |k: Kind| match k {
        Kind::Amount
        | Kind::Percent
        | Kind::PercentagePoint
        | Kind::Multiple
        | Kind::Duration
        | Kind::Date
        | Kind::Time
        | Kind::Ordinal
        | Kind::Name
        | Kind::Level => (),
    };
    let figure = |i: usize| Figure {
        id: "f1".into(),
        kind: kinds[i % kinds.len()],
        text: "约1-2万元".into(),
        exact: Some("10000".into()),
        value: Some(1e4),
        exact_high: Some("20000".into()),
        high: Some(2e4),
        shape: [
            Shape::Point,
            Shape::LowerBound,
            Shape::UpperBound,
            Shape::Interval,
        ][i % 4],
        inclusive: Some(true),
        approx: [Approx::Exact, Approx::About][i % 2],
        unit: Some("元".into()),
        dimension: Dimension::ALL[i % Dimension::ALL.len()],
        subject: Some("资金".into()),
        rate: Some("每人每年".into()),
        change: Some(Change {
            role: [ChangeRole::From, ChangeRole::To, ChangeRole::Delta][i % 3],
            other: "f2".into(),
            verb: "提高至".into(),
        }),
        direction: Some([Direction::Up, Direction::Down][i % 2]),
        date: Some("2020".into()),
        period: Some(Period {
            text: "2018年12月至2020年底".into(),
            from: Some("2018-12".into()),
            to: None,
        }),
        sentence: 1,
        section: 2,
        start: 3,
        end: 4,
        same_as: vec!["f3".into()],
        warnings: vec!["w".into()],
    };
    let doc = Document {
        id: "d".into(),
        meta: Meta {
            title: Some("t".into()),
            publisher: Some("p".into()),
            date: Some("2021".into()),
            language: Some("zh-Hans".into()),
            source: Some("s".into()),
            inferred: vec!["date".into()],
            notes: vec!["n".into()],
            url: Some("u".into()),
            sha256: Some("h".into()),
            format: Some("html".into()),
            encoding: Some("GBK".into()),
            encoding_from: Some("charset".into()),
            from_source: vec!["title".into()],
        },
        text: "x".into(),
        sections: vec![Section {
            index: 0,
            headline: Some("h".into()),
            start: 0,
            end: 1,
            first_sentence: 0,
            last_sentence: 1,
        }],
        sentences: vec![Sentence {
            index: 0,
            section: 0,
            paragraph: 0,
            headline: true,
            start: 0,
            end: 1,
            text: "x".into(),
        }],
        figures: (0..Dimension::ALL.len().max(kinds.len()))
            .map(figure)
            .collect(),
    };
    postcard::to_stdvec(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests;
