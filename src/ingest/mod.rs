//! Reports as they really come → text and metadata for the extractor: plain text in any
//! of the encodings Chinese reports use (`encoding`), web pages (`html`), PDF (`pdf`,
//! through poppler's `pdftotext`) and Word files (`docx`); and the files of a folder.
//!
//! Owns the choice of format, the decoding, and the metadata a source states about
//! itself (a page's title, date and publisher), which is marked as such. Core: never
//! prints, never imports ratatui, crossterm or clap; a progress bar is the caller's.

pub mod docx;
pub mod encoding;
pub mod html;
pub mod pdf;

use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::Meta;

/// What a source file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Pdf,
    Docx,
}

impl Format {
    /// The format a file name says, or `None` for a kind of file this cannot read.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" | "md" => Format::Text,
            "html" | "htm" | "shtml" | "xhtml" => Format::Html,
            "pdf" => Format::Pdf,
            "docx" => Format::Docx,
            _ => return None,
        })
    }

    /// The format of bytes whose name says nothing (standard input, `report` with no
    /// extension): by their first bytes.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"%PDF-") {
            return Format::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Format::Docx;
        }
        let head: Vec<u8> = bytes.iter().take(512).map(u8::to_ascii_lowercase).collect();
        let head = String::from_utf8_lossy(&head);
        let start = head.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
        if start.starts_with("<!doctype html") || start.starts_with("<html") {
            Format::Html
        } else {
            Format::Text
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// Extensions [`Format::of`] knows, for messages.
pub const EXTENSIONS: &str = ".txt, .text, .md, .html, .htm, .shtml, .xhtml, .pdf, .docx";

/// How to read a source.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The encoding to use instead of detecting one (text and web pages only).
    pub encoding: Option<&'static Encoding>,
}

/// Metadata a source states about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    /// ISO 8601 (partial) date.
    pub date: Option<String>,
    pub publisher: Option<String>,
}

impl PageMeta {
    /// Fills what is still unknown (metadata tags come first, the page's own line second).
    pub fn fill_from(&mut self, date: Option<String>, publisher: Option<String>) {
        if self.date.is_none() {
            self.date = date;
        }
        if self.publisher.is_none() {
            self.publisher = publisher;
        }
    }
}

/// A source read into text.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub format: Format,
    /// The encoding read and how it was decided; `None` for PDF and Word, whose text
    /// comes out of the format itself.
    pub encoding: Option<(&'static Encoding, encoding::Detected)>,
    /// What the source says about itself.
    pub found: PageMeta,
    /// SHA-256 of the source bytes, lower-case hex.
    pub sha256: String,
}

impl Source {
    /// `given` (what the user stated) completed with what the source says about itself:
    /// a field taken from the source is named in `from_source`; a field the user gave is
    /// kept. Records the format, the encoding and the hash.
    pub fn meta(&self, mut given: Meta) -> Meta {
        let mut take = |field: &mut Option<String>, found: &Option<String>, name: &str| {
            if field.is_none()
                && let Some(v) = found
            {
                *field = Some(v.clone());
                given.from_source.push(name.to_string());
            }
        };
        let (mut title, mut date, mut publisher) = (
            given.title.take(),
            given.date.take(),
            given.publisher.take(),
        );
        take(&mut title, &self.found.title, "title");
        take(&mut date, &self.found.date, "date");
        take(&mut publisher, &self.found.publisher, "publisher");
        Meta {
            title,
            date,
            publisher,
            format: Some(self.format.as_str().to_string()),
            encoding: self.encoding.map(|(e, _)| e.name().to_string()),
            encoding_from: self.encoding.map(|(_, d)| d.as_str().to_string()),
            sha256: Some(self.sha256.clone()),
            ..given
        }
    }
}

/// Reads the file at `path` (`-`: standard input) in the format its name says, or, when
/// the name says nothing, the format its first bytes show.
pub fn read(path: &Path, opts: Options) -> Result<Source> {
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|source| {
            Error::Read {
                path: path.to_path_buf(),
                source,
            }
        })?;
        buf
    } else {
        std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?
    };
    let format = Format::of(path).unwrap_or_else(|| Format::sniff(&bytes));
    from_bytes(&bytes, format, path, opts)
}

/// Reads `bytes` as `format`. A PDF is handed to `pdftotext` by `path`, so it must be a
/// file on disk.
pub fn from_bytes(bytes: &[u8], format: Format, path: &Path, opts: Options) -> Result<Source> {
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    let mut found = PageMeta::default();
    let (text, encoding) = match format {
        Format::Text => {
            let d = encoding::decode(bytes, opts.encoding, None, path)?;
            (d.text, Some((d.encoding, d.from)))
        }
        Format::Html => {
            let declared = encoding::declared_charset(bytes);
            let d = encoding::decode(bytes, opts.encoding, declared, path)?;
            let page = html::read(&d.text);
            found = page.meta;
            (page.text, Some((d.encoding, d.from)))
        }
        Format::Pdf => {
            if path == Path::new("-") || !path.is_file() {
                return Err(Error::Source {
                    path: path.to_path_buf(),
                    message: "a PDF must be given as a file, not on standard input".into(),
                });
            }
            (pdf::read(path)?, None)
        }
        Format::Docx => {
            let doc = docx::read(bytes, path)?;
            found.title = doc.title;
            (doc.text, None)
        }
    };
    Ok(Source {
        text,
        format,
        encoding,
        found,
        sha256,
    })
}

/// Files of `dir` (and its subfolders) that [`Format::of`] knows, relative to `dir`,
/// sorted. Hidden files and folders are skipped.
pub fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(rel) = pending.pop() {
        let here = dir.join(&rel);
        let entries = std::fs::read_dir(&here).map_err(|source| Error::Read {
            path: here.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::Read {
                path: here.clone(),
                source,
            })?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = rel.join(&name);
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                pending.push(path);
            } else if Format::of(&path).is_some() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Document ids for files of one folder, from their paths relative to it, so that
/// re-importing gives each file the same id: `2021/jinan report.html` →
/// `2021-jinan-report`. Two files that differ only by extension keep it (`a-html`,
/// `a-pdf`).
pub fn ids(rel_paths: &[PathBuf]) -> Vec<String> {
    let plain: Vec<String> = rel_paths
        .iter()
        .map(|p| id_of(&p.with_extension("")))
        .collect();
    plain
        .iter()
        .zip(rel_paths)
        .map(|(id, p)| {
            if plain.iter().filter(|x| *x == id).count() > 1 {
                id_of(p)
            } else {
                id.clone()
            }
        })
        .collect()
}

/// A path as an id: letters, digits, `-` and `_`, everything else `-`.
fn id_of(path: &Path) -> String {
    let s: String = path
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { "doc".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names_and_bytes() {
        assert_eq!(Format::of(Path::new("a/b.HTM")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("b.docx")), Some(Format::Docx));
        assert_eq!(Format::of(Path::new("b.xlsx")), None);
        assert_eq!(Format::sniff(b"%PDF-1.4"), Format::Pdf);
        assert_eq!(Format::sniff(b"\n<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff("全市".as_bytes()), Format::Text);
    }

    #[test]
    fn ids_follow_the_relative_path_and_stay_unique() {
        let paths: Vec<PathBuf> = ["2021/jinan report.html", "a.html", "a.pdf", "b.txt"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(ids(&paths), ["2021-jinan-report", "a-html", "a-pdf", "b"]);
    }

    #[test]
    fn found_metadata_fills_only_what_the_user_left_out() {
        let src = Source {
            text: String::new(),
            format: Format::Html,
            encoding: Some((encoding_rs::GBK, encoding::Detected::Charset)),
            found: PageMeta {
                title: Some("页面标题".into()),
                date: Some("2021-04-09".into()),
                publisher: Some("新闻办".into()),
            },
            sha256: "ab".into(),
        };
        let meta = src.meta(Meta {
            title: Some("我的标题".into()),
            ..Meta::default()
        });
        assert_eq!(meta.title.as_deref(), Some("我的标题"));
        assert_eq!(meta.date.as_deref(), Some("2021-04-09"));
        assert_eq!(meta.from_source, ["date", "publisher"]);
        assert_eq!(meta.encoding.as_deref(), Some("GBK"));
        assert_eq!(meta.encoding_from.as_deref(), Some("charset"));
        assert_eq!(meta.format.as_deref(), Some("html"));
    }
}
