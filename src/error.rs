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
        "{path}: not valid UTF-8 at byte {offset} (line {line}); convert the file to UTF-8 first, e.g. `iconv -f GB18030 -t UTF-8`"
    )]
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
    },
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
