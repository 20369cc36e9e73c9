//! Errors of the core, each saying what is wrong, where, and what to do.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: not valid UTF-8 at byte {offset} (line {line}); if the file is text in another encoding, name it with --encoding (e.g. --encoding gb18030)"
    )]
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
    },
    /// A source file that cannot be read as a report (undecodable bytes, a damaged Word
    /// file, a PDF without `pdftotext`); `message` says what and what to do.
    #[error("{path}: {message}")]
    Source { path: PathBuf, message: String },
    #[error("{path}:{line}:{column}: invalid dataset{field}: {message}")]
    InvalidDataset {
        path: PathBuf,
        line: usize,
        column: usize,
        /// ` at field `x.y`` or empty.
        field: String,
        message: String,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no figure with id `{0}`; list ids with `pa-explorer figures`")]
    UnknownId(String),
    #[error("{0}")]
    Usage(String),
    #[error("terminal error (the terminal has been restored)")]
    Terminal(#[source] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
