//! The fast path for loading a dataset: the file is read in blocks and cut into its
//! documents by a small scanner of JSON's structure, and each document is parsed and
//! checked on another core while the next blocks are read. The file is never whole in
//! memory, so a load costs the parsed dataset plus a few documents in flight.
//!
//! It gives up (`None`) on anything unexpected — a read error, bytes that are not UTF-8,
//! JSON it does not expect, a document that fails its checks; the careful path in
//! [`super::parse`] then reads the file whole and names the line, column and field.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

use crate::model::{Document, SCHEMA_VERSION};

/// Bytes read at a time.
const BLOCK: usize = 1 << 20;

/// Below this many bytes a dataset is decoded on the calling thread: starting workers
/// costs more than they save on the bundled dataset or a single report.
pub const PARALLEL_FROM_BYTES: u64 = 4 << 20;

/// Reads a dataset's JSON from `reader` (of about `size` bytes) on all cores. `None`: let
/// the careful path say why.
pub fn load_json(reader: impl Read, size: u64) -> Option<Vec<Document>> {
    decode_all(|emit| split(reader, emit), decode_json, size)
}

fn decode_json(bytes: &[u8]) -> Option<Document> {
    // The SIMD check is several times faster than `std::str::from_utf8` on CJK text,
    // where nearly every byte is outside ASCII.
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    let doc = serde_json::from_str(text).ok()?;
    super::validate_document(&doc).ok()?;
    Some(doc)
}

/// Runs `produce`, which hands each document's bytes to `emit` in order (and stops when
/// `emit` says false), and decodes them on all cores with `check`, which must also
/// validate each document. The documents come back in order; any failure anywhere
/// gives `None`.
pub fn decode_all(
    produce: impl FnOnce(&mut dyn FnMut(Vec<u8>) -> bool) -> Option<()>,
    check: fn(&[u8]) -> Option<Document>,
    size: u64,
) -> Option<Vec<Document>> {
    let workers = if size < PARALLEL_FROM_BYTES {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    };
    if workers == 1 {
        let mut docs = Vec::new();
        let mut failed = false;
        produce(&mut |bytes| {
            if let Some(d) = check(&bytes) {
                docs.push(d);
                true
            } else {
                failed = true;
                false
            }
        })?;
        return (!failed).then_some(docs);
    }
    let failed = AtomicBool::new(false);
    // Bounded, so a fast reader cannot pile up the whole file in the queue.
    let (to_work, work) = mpsc::sync_channel::<(usize, Vec<u8>)>(workers * 2);
    let work = Mutex::new(work);
    let (to_done, done) = mpsc::channel::<(usize, Option<Document>)>();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let (work, to_done, failed) = (&work, to_done.clone(), &failed);
            s.spawn(move || {
                loop {
                    // The lock is held only to take the next document, not to decode it.
                    let next = work.lock().ok()?.recv();
                    let Ok((i, bytes)) = next else {
                        return Some(());
                    };
                    let doc = if failed.load(Ordering::Relaxed) {
                        None
                    } else {
                        check(&bytes)
                    };
                    if doc.is_none() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    to_done.send((i, doc)).ok()?;
                }
            });
        }
        drop(to_done);
        let mut count = 0;
        let produced = produce(&mut |bytes| {
            if failed.load(Ordering::Relaxed) || to_work.send((count, bytes)).is_err() {
                return false;
            }
            count += 1;
            true
        });
        drop(to_work);
        let mut docs: Vec<Option<Document>> = Vec::with_capacity(count);
        docs.resize_with(count, || None);
        for (i, doc) in done {
            docs[i] = Some(doc?);
        }
        produced?;
        if failed.load(Ordering::Relaxed) {
            return None;
        }
        docs.into_iter().collect()
    })
}

/// A reader with the bytes read so far that are still needed.
struct Input<R> {
    reader: R,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    broken: bool,
}

impl<R: Read> Input<R> {
    /// Reads another block; false at the end (or on a read error, which is remembered).
    /// `read_to_end` fills the spare capacity without zeroing it again on every short
    /// read, which a pipe or a slow disk hands out.
    fn more(&mut self) -> bool {
        if self.eof {
            return false;
        }
        match (&mut self.reader)
            .take(BLOCK as u64)
            .read_to_end(&mut self.buf)
        {
            Ok(0) => {
                self.eof = true;
                false
            }
            Ok(_) => true,
            Err(_) => {
                self.broken = true;
                self.eof = true;
                false
            }
        }
    }

    fn peek(&mut self) -> Option<u8> {
        while self.pos >= self.buf.len() {
            if !self.more() {
                return None;
            }
        }
        Some(self.buf[self.pos])
    }

    /// The next byte that is not JSON white space, not consumed.
    fn skip_ws(&mut self) -> Option<u8> {
        loop {
            let b = self.peek()?;
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.pos += 1;
        }
    }

    fn eat(&mut self, want: u8) -> Option<()> {
        (self.skip_ws()? == want).then(|| self.pos += 1)
    }

    /// Consumes a string (at its opening quote); returns the span of its contents.
    fn string(&mut self) -> Option<(usize, usize)> {
        let start = self.pos + 1;
        let mut i = start;
        // Most strings are keys and short values: a plain look at the first bytes beats
        // setting up a vector search.
        let short = self.buf.len().min(start + 16);
        while i < short {
            match self.buf[i] {
                b'"' => {
                    self.pos = i + 1;
                    return Some((start, i));
                }
                b'\\' => break,
                _ => i += 1,
            }
        }
        loop {
            while i > self.buf.len() {
                if !self.more() {
                    return None;
                }
            }
            match memchr::memchr2(b'"', b'\\', &self.buf[i..]) {
                Some(k) if self.buf[i + k] == b'"' => {
                    self.pos = i + k + 1;
                    return Some((start, i + k));
                }
                // An escape: whatever follows the backslash cannot end the string.
                Some(k) => i += k + 2,
                None => {
                    i = self.buf.len();
                    if !self.more() {
                        return None;
                    }
                }
            }
        }
    }

    /// Consumes one object (at its `{`). Only the nesting is followed; serde checks the
    /// rest when it parses the bytes.
    fn object(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            let mut i = self.pos;
            while i < self.buf.len() {
                match self.buf[i] {
                    b'"' => {
                        self.pos = i;
                        self.string()?;
                        i = self.pos;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            self.pos = i + 1;
                            return Some(());
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            self.pos = i;
            if !self.more() {
                return None;
            }
        }
    }

    /// Forgets the bytes before `pos`, once they are worth the move.
    fn compact(&mut self) {
        if self.pos >= 4 * BLOCK {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
    }
}

/// Cuts a dataset into its documents: `{"schema_version": 1, "documents": [{..}, ..]}`,
/// the two keys in either order, and nothing else.
fn split(reader: impl Read, emit: &mut dyn FnMut(Vec<u8>) -> bool) -> Option<()> {
    let mut input = Input {
        reader,
        buf: Vec::new(),
        pos: 0,
        eof: false,
        broken: false,
    };
    input.peek()?;
    if input.buf.starts_with("\u{feff}".as_bytes()) {
        input.pos = 3;
    }
    input.eat(b'{')?;
    let (mut version, mut documents) = (false, false);
    loop {
        if input.skip_ws()? != b'"' {
            return None;
        }
        let (a, b) = input.string()?;
        let key = input.buf[a..b].to_vec();
        input.eat(b':')?;
        match key.as_slice() {
            b"schema_version" if !version => {
                version = true;
                input.skip_ws()?;
                let start = input.pos;
                while input.peek()?.is_ascii_digit() {
                    input.pos += 1;
                }
                let digits = std::str::from_utf8(&input.buf[start..input.pos]).ok()?;
                if digits.parse::<u32>().ok()? != SCHEMA_VERSION {
                    return None;
                }
            }
            b"documents" if !documents => {
                documents = true;
                input.eat(b'[')?;
                if input.skip_ws()? == b']' {
                    input.pos += 1;
                } else {
                    loop {
                        if input.skip_ws()? != b'{' {
                            return None;
                        }
                        let start = input.pos;
                        input.object()?;
                        if !emit(input.buf[start..input.pos].to_vec()) {
                            return None;
                        }
                        input.compact();
                        match input.skip_ws()? {
                            b',' => input.pos += 1,
                            b']' => {
                                input.pos += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
            }
            _ => return None,
        }
        match input.skip_ws()? {
            b',' => input.pos += 1,
            b'}' => {
                input.pos += 1;
                break;
            }
            _ => return None,
        }
    }
    // Only white space may follow the dataset.
    if input.skip_ws().is_some() || input.broken {
        return None;
    }
    (version && documents).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dataset, Meta};

    fn dataset(n: usize) -> Dataset {
        Dataset {
            schema_version: SCHEMA_VERSION,
            documents: (0..n)
                .map(|i| {
                    let text = format!("标题{i}\n累计投资约{i}亿元，新建水厂{i}座。\n");
                    crate::extract::document(&format!("d{i}"), Meta::default(), text)
                })
                .collect(),
        }
    }

    /// Feeds a few bytes per read, so every scanner step meets the end of its buffer.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(out.len()).min(self.0.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn loads_what_the_careful_path_loads_in_order() {
        let ds = dataset(40);
        let json = serde_json::to_string(&ds).unwrap();
        // On all cores, and on the calling thread as small files are.
        assert_eq!(
            load_json(json.as_bytes(), u64::MAX),
            Some(ds.documents.clone())
        );
        assert_eq!(load_json(json.as_bytes(), 0), Some(ds.documents.clone()));
        for step in [1, 2, 3, 7, 4096] {
            assert_eq!(
                load_json(Trickle(json.as_bytes(), step), 0),
                Some(ds.documents.clone()),
                "{step} bytes per read"
            );
        }
        let pretty = crate::dataset::to_json(&ds);
        assert_eq!(
            load_json(pretty.as_bytes(), u64::MAX),
            Some(ds.documents.clone())
        );
        let swapped = format!(
            "\u{feff} {{ \"documents\" : {} , \"schema_version\" : 1 }} \n",
            serde_json::to_string(&ds.documents).unwrap()
        );
        assert_eq!(
            load_json(swapped.as_bytes(), u64::MAX),
            Some(ds.documents.clone())
        );
        let empty = r#"{"schema_version":1,"documents":[]}"#;
        assert_eq!(load_json(empty.as_bytes(), u64::MAX), Some(Vec::new()));
    }

    #[test]
    fn strings_with_escapes_and_brackets_do_not_confuse_the_cut() {
        let mut ds = dataset(3);
        ds.documents[1].meta.title = Some("a \"quoted\" {title} [x] \\ end\\".into());
        ds.documents[2].meta.notes = vec!["}]\\\"".into()];
        let json = crate::dataset::to_json(&ds);
        for step in [1, 5, 4096] {
            assert_eq!(
                load_json(
                    Trickle(json.as_bytes(), step),
                    u64::from(step > 4) * u64::MAX
                ),
                Some(ds.documents.clone())
            );
        }
    }

    #[test]
    fn gives_up_on_anything_unexpected() {
        let json = serde_json::to_string(&dataset(12)).unwrap();
        assert!(load_json(json.as_bytes(), u64::MAX).is_some());
        let cases = [
            json.replace("\"schema_version\":1", "\"schema_version\":2"),
            json.replace("\"schema_version\":1", "\"schema_version\":1.0"),
            json.replace("\"schema_version\":1,", ""),
            json.replace("\"schema_version\"", "\"version\""),
            json.replacen("\"text\"", "\"txt\"", 1),
            format!("{json} {{}}"),
            format!("{json},"),
            json[..json.len() - 1].to_string(),
            json[..json.len() / 2].to_string(),
            json.replacen("{\"id\"", "[{\"id\"", 1),
            json.replacen(
                "\"schema_version\":1",
                "\"schema_version\":1,\"schema_version\":1",
                1,
            ),
            // A span that does not hold its text fails the checks.
            json.replacen("新建水厂", "新建水池", 1),
            String::new(),
            "[]".into(),
        ];
        for (i, bad) in cases.iter().enumerate() {
            assert_eq!(load_json(bad.as_bytes(), u64::MAX), None, "case {i}");
            assert_eq!(load_json(bad.as_bytes(), 0), None, "case {i}, one thread");
        }
        let mut not_utf8 = json.into_bytes();
        let at = not_utf8.len() / 2;
        not_utf8[at] = 0xff;
        assert_eq!(load_json(not_utf8.as_slice(), u64::MAX), None);
    }

    #[test]
    fn a_read_error_gives_up() {
        struct Broken(usize);
        impl Read for Broken {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                if self.0 == 0 {
                    return Err(std::io::Error::other("disk gone"));
                }
                let json = br#"{"schema_version":1,"documents":["#;
                let n = self.0.min(json.len()).min(out.len());
                out[..n].copy_from_slice(&json[..n]);
                self.0 = 0;
                Ok(n)
            }
        }
        assert_eq!(load_json(Broken(40), u64::MAX), None);
    }
}
