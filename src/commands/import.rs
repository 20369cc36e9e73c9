//! `import` (a report or a folder of them) and the reading half of `extract`: the
//! command side of [`crate::ingest`]. The folder import runs on all cores and shows a
//! progress bar on stderr when stderr is a terminal; the core never draws one.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use crate::dataset;
use crate::error::{Error, Result};
use crate::extract;
use crate::ingest::{self, Options, Source};
use crate::model::{Dataset, Document, Meta, SCHEMA_VERSION};

use super::EXIT_DATA;

/// The `import` flags, as given.
pub struct Request {
    pub source: PathBuf,
    pub output: Option<PathBuf>,
    pub url: Option<String>,
    pub encoding: Option<String>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    /// `None`: from the text (see [`crate::hanzi::is_mostly_traditional`]).
    pub language: Option<String>,
    pub inferred: Vec<String>,
    pub notes: Vec<String>,
}

fn options(encoding: Option<&str>) -> Result<Options> {
    Ok(Options {
        encoding: encoding.map(ingest::encoding::for_label).transpose()?,
    })
}

/// Reads a report for `extract`.
pub fn read(file: &Path, encoding: Option<&str>) -> Result<Source> {
    ingest::read(file, options(encoding)?)
}

/// Runs `import`.
pub fn run(req: Request, out: &mut impl Write) -> Result<ExitCode> {
    if req.source.is_dir() {
        return folder(req, out);
    }
    let source = ingest::read(&req.source, options(req.encoding.as_deref())?)?;
    let name = req
        .source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let id = req.id.clone().unwrap_or_else(|| super::doc_id(&req.source));
    let doc = document(&req, &source, &id, name);
    let ds = Dataset {
        schema_version: SCHEMA_VERSION,
        documents: vec![doc],
    };
    match &req.output {
        Some(path) => dataset::save(&ds, path)?,
        None => out
            .write_all(dataset::to_json(&ds).as_bytes())
            .or_else(super::ignore_broken_pipe)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn document(req: &Request, source: &Source, id: &str, name: Option<String>) -> Document {
    let given = Meta {
        title: req.title.clone(),
        publisher: req.publisher.clone(),
        date: req.date.clone(),
        language: Some(req.language.clone().unwrap_or_else(|| {
            if crate::hanzi::is_mostly_traditional(&source.text) {
                "zh-Hant".into()
            } else {
                "zh-Hans".into()
            }
        })),
        source: name,
        inferred: req.inferred.clone(),
        notes: req.notes.clone(),
        url: req.url.clone(),
        ..Meta::default()
    };
    extract::document(id, source.meta(given), source.text.clone())
}

/// `import DIR -o OUTDIR`: every supported file, one dataset each, never stopping at a
/// bad one; exits with the data-error status if any failed, after writing the others.
fn folder(req: Request, out: &mut impl Write) -> Result<ExitCode> {
    let dir = &req.source;
    let Some(outdir) = req.output.clone() else {
        return Err(Error::Usage(format!(
            "{} is a folder: name the folder to write the datasets into with -o OUTDIR",
            dir.display()
        )));
    };
    for (flag, given) in [
        ("--id", req.id.is_some()),
        ("--url", req.url.is_some()),
        ("--title", req.title.is_some()),
    ] {
        if given {
            return Err(Error::Usage(format!(
                "{flag} names one report; it cannot be given for a folder"
            )));
        }
    }
    let opts = options(req.encoding.as_deref())?;
    let files = ingest::walk(dir)?;
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no file to import (looked for {})",
            dir.display(),
            ingest::EXTENSIONS
        )));
    }
    std::fs::create_dir_all(&outdir).map_err(|source| Error::Write {
        path: outdir.clone(),
        source,
    })?;
    let ids = ingest::ids(&files);
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let results: Vec<Result<usize>> = files
        .par_iter()
        .zip(&ids)
        .map(|(rel, id)| {
            let path = dir.join(rel);
            let result = ingest::read(&path, opts).and_then(|source| {
                let doc = document(&req, &source, id, Some(rel.to_string_lossy().into_owned()));
                let figures = doc.figures.len();
                let ds = Dataset {
                    schema_version: SCHEMA_VERSION,
                    documents: vec![doc],
                };
                dataset::save(&ds, &outdir.join(format!("{id}.json")))?;
                Ok(figures)
            });
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();
    let mut figures = 0;
    let mut failed = 0;
    for r in &results {
        match r {
            Ok(n) => figures += n,
            Err(e) => {
                failed += 1;
                // The chain in one line, as main prints errors, with controls stripped.
                let mut msg = e.to_string();
                let mut cause = std::error::Error::source(e);
                while let Some(c) = cause {
                    msg = format!("{msg}: {c}");
                    cause = c.source();
                }
                eprintln!("pa-explorer: error: {}", crate::text::sanitize(&msg));
            }
        }
    }
    let imported = results.len() - failed;
    let summary = format!(
        "{imported} of {} files imported into {}, {figures} figures{}",
        results.len(),
        outdir.display(),
        if failed > 0 {
            format!("; {failed} failed (reasons above)")
        } else {
            String::new()
        }
    );
    writeln!(out, "{}", crate::text::sanitize(&summary)).or_else(super::ignore_broken_pipe)?;
    Ok(if failed > 0 {
        ExitCode::from(EXIT_DATA)
    } else {
        ExitCode::SUCCESS
    })
}
