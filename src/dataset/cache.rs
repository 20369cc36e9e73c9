//! A binary copy of a large dataset, kept in a cache directory, so that opening the same
//! file again skips the JSON: each document is a length-prefixed postcard record, decoded
//! and checked on all cores like the JSON's documents.
//!
//! A cache is used only while it matches its source exactly: the same canonical path,
//! size and modification time, the same schema, and the same binary layout of the model
//! (a sample of every field is encoded and compared, so a changed model can never be
//! read with an old layout). Anything else — missing, stale, truncated, corrupt — is
//! ignored and rewritten after the JSON is loaded. Writing is best effort: a cache that
//! cannot be written costs nothing but the next load's speed.

use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::model::{
    Approx, Change, ChangeRole, Dimension, Document, Figure, Kind, Meta, SCHEMA_VERSION, Section,
    Sentence, Shape,
};

const MAGIC: &[u8; 8] = b"PAXCACHE";
/// Bump on any change to how documents are written here (not to the model: that is
/// caught by `layout`).
const FORMAT: u32 = 1;

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
    size: u64,
    modified_secs: u64,
    modified_nanos: u32,
    schema_version: u32,
    layout: Vec<u8>,
}

impl Header {
    fn of(source: &Path) -> Option<Header> {
        let canonical = source.canonicalize().ok()?;
        let meta = std::fs::metadata(&canonical).ok()?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Header {
            format: FORMAT,
            source: canonical.to_str()?.to_string(),
            size: meta.len(),
            modified_secs: modified.as_secs(),
            modified_nanos: modified.subsec_nanos(),
            schema_version: SCHEMA_VERSION,
            layout: layout(),
        })
    }
}

/// The cache file for `source` in `dir`: its name, then a hash of its canonical path.
pub fn path_for(dir: &Path, source: &Path) -> Option<PathBuf> {
    let canonical = source.canonicalize().ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    let stem = canonical.file_stem()?.to_string_lossy();
    Some(dir.join(format!("{stem}-{:016x}.pacache", h.finish())))
}

/// The documents of `source` from its cache in `dir`, if a matching one is there.
pub fn read(dir: &Path, source: &Path) -> Option<Vec<Document>> {
    let expected = Header::of(source)?;
    let file = File::open(path_for(dir, source)?).ok()?;
    let total = file.metadata().ok()?.len();
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

/// Writes the cache of `source` in `dir` (through a temporary file, renamed into place,
/// so a reader never sees half a cache). Errors are returned for tests; callers may
/// ignore them.
pub fn write(dir: &Path, source: &Path, docs: &[Document]) -> std::io::Result<()> {
    let unsupported = || std::io::Error::other("the source has no usable path or time");
    let header = Header::of(source).ok_or_else(unsupported)?;
    let path = path_for(dir, source).ok_or_else(unsupported)?;
    std::fs::create_dir_all(dir)?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let result = (|| {
        let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        w.write_all(MAGIC)?;
        let put = |w: &mut BufWriter<File>, bytes: &[u8]| {
            w.write_all(&(bytes.len() as u64).to_le_bytes())?;
            w.write_all(bytes)
        };
        put(
            &mut w,
            &postcard::to_stdvec(&header).map_err(std::io::Error::other)?,
        )?;
        w.write_all(&(docs.len() as u64).to_le_bytes())?;
        for doc in docs {
            put(
                &mut w,
                &postcard::to_stdvec(&Lean(doc)).map_err(std::io::Error::other)?,
            )?;
        }
        w.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?
            .sync_all()
    })();
    match result {
        Ok(()) => std::fs::rename(&tmp, &path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
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
        date: Some("2020".into()),
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
mod tests {
    use super::*;
    use crate::model::Dataset;

    fn docs() -> Vec<Document> {
        let mut docs = crate::dataset::bundled().unwrap().documents;
        let text = "一、标题\n由每人每年1.2万元提高至2万元，增长约66.7%；0-17岁儿童300余个。\n"
            .to_string();
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

    #[test]
    fn reads_back_exactly_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let docs = docs();
        let src = source(dir.path(), &docs);
        let cache = dir.path().join("cache");
        assert_eq!(read(&cache, &src), None, "nothing written yet");
        write(&cache, &src, &docs).unwrap();
        assert_eq!(read(&cache, &src), Some(docs));
    }

    #[test]
    fn a_changed_source_or_a_damaged_cache_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let docs = docs();
        let src = source(dir.path(), &docs);
        let cache = dir.path().join("cache");
        write(&cache, &src, &docs).unwrap();
        let file = path_for(&cache, &src).unwrap();
        let good = std::fs::read(&file).unwrap();

        // Truncated anywhere, or with bytes after the end.
        for cut in [0, 4, 8, 20, good.len() / 2, good.len() - 1] {
            std::fs::write(&file, &good[..cut]).unwrap();
            assert_eq!(read(&cache, &src), None, "cut at {cut}");
        }
        let mut longer = good.clone();
        longer.push(0);
        std::fs::write(&file, &longer).unwrap();
        assert_eq!(read(&cache, &src), None);
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
        assert_eq!(read(&cache, &src), None);
        std::fs::write(&file, &good).unwrap();
        assert_eq!(read(&cache, &src), Some(docs.clone()));

        // The source rewritten (a different size and time) makes the cache stale.
        let mut fewer = docs.clone();
        fewer.pop();
        std::thread::sleep(std::time::Duration::from_millis(20));
        source(dir.path(), &fewer);
        assert_eq!(read(&cache, &src), None);
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
        write(&cache, &pa, &docs()).unwrap();
        assert_eq!(read(&cache, &pb), None, "b's cache is not a's");
    }

    #[test]
    fn an_unwritable_directory_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let src = source(dir.path(), &docs());
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").unwrap();
        assert!(write(&blocker.join("cache"), &src, &docs()).is_err());
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
}
