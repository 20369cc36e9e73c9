//! The non-interactive subcommands. Each writes to the writer it is given, so it can be
//! tested without spawning a process; `run` dispatches and decides the exit code.

mod import;
mod output;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command, DataArgs, FilterArgs, Format, Shell, SortArg};
use crate::dataset;
use crate::error::{Error, Result};
use crate::extract::{self, numeral};
use crate::index::{Filter, Index, SectionRef, ShapeFilter, SortKey};
use crate::model::{Dimension, Meta};
use crate::search::{self, SearchOptions};

pub use output::{Cell, FigureWriter, Found, Record, csv_safe, json_safe};

/// Exit status for a usage error (bad flag values, unknown id), as clap uses.
pub const EXIT_USAGE: u8 = 2;
/// Exit status for unreadable or invalid input data. (A terminal or write failure
/// exits with 1.)
pub const EXIT_DATA: u8 = 3;

pub fn exit_code(e: &Error) -> ExitCode {
    match e {
        Error::Usage(_) | Error::UnknownId(_) => ExitCode::from(EXIT_USAGE),
        Error::Terminal(_) | Error::Write { .. } => ExitCode::FAILURE,
        _ => ExitCode::from(EXIT_DATA),
    }
}

/// Runs the program for parsed flags, writing results to standard output.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        None => {
            drop(out);
            if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
                return Err(Error::Usage(DUMB_TERMINAL.into()));
            }
            let index = load_index(&cli.data)?;
            // The explorer watches signals itself from here on.
            dataset::files::hand_over_signals();
            return crate::tui::run(index);
        }
        Some(cmd) => {
            if !matches!(
                cmd,
                Command::Import {
                    output: Some(_),
                    ..
                }
            ) {
                check_stdout()?;
            }
            execute(cmd, &cli.data, &mut out)?
        }
    };
    out.flush().or_else(ignore_broken_pipe)?;
    Ok(code)
}

/// Said instead of drawing panes on a terminal that cannot show them (Emacs shell
/// buffers, some CI logs set `TERM=dumb`).
const DUMB_TERMINAL: &str = "TERM is `dumb`, so this terminal cannot show the explorer; run it in a \
full terminal, or use the subcommands: `pa-explorer figures`, `pa-explorer search QUERY`, \
`pa-explorer show ID` (see `pa-explorer --help`)";
/// Refuses to run a command whose output would be lost without a word. Writes to a
/// closed standard output cannot fail visibly: the Rust runtime reopens a closed fd 1
/// on `/dev/null` read-write (`figures >&-`), and std treats EBADF on stdout as success
/// (`figures 1<file`). So look first: a read-only fd, or `/dev/null` opened read-write
/// (which a shell's `> /dev/null` never does: it opens write-only), is refused.
fn check_stdout() -> Result<()> {
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::fd::AsFd;
        use std::os::unix::fs::MetadataExt;
        let fail = |why: &str| Error::Write {
            path: PathBuf::from("<stdout>"),
            source: std::io::Error::other(why.to_string()),
        };
        let stdout = std::io::stdout();
        let mode = match rustix::fs::fcntl_getfl(&stdout) {
            Ok(flags) => flags & OFlags::ACCMODE,
            Err(_) => return Err(fail("standard output is closed; redirect it to a file")),
        };
        if mode == OFlags::RDONLY {
            return Err(fail(
                "standard output is open only for reading; redirect it to a file",
            ));
        }
        let is_dev_null = || -> Option<bool> {
            let null = std::fs::metadata("/dev/null").ok()?;
            let fd = std::fs::File::from(stdout.as_fd().try_clone_to_owned().ok()?);
            let fd = fd.metadata().ok()?;
            Some(fd.dev() == null.dev() && fd.ino() == null.ino())
        };
        if mode == OFlags::RDWR && is_dev_null() == Some(true) {
            return Err(fail(
                "standard output is closed (the output would be lost); redirect it to a file, or write `> /dev/null` to discard it",
            ));
        }
    }
    Ok(())
}

/// A closed pipe (`pa-explorer figures | head`) is the reader's choice, not an error.
fn ignore_broken_pipe(e: std::io::Error) -> Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(Error::Write {
            path: PathBuf::from("<stdout>"),
            source: e,
        })
    }
}

/// Runs one subcommand, writing to `out`.
#[allow(clippy::too_many_lines)] // one arm per subcommand; each arm only calls into the core
pub fn execute(cmd: Command, data: &DataArgs, out: &mut impl Write) -> Result<ExitCode> {
    let result = match cmd {
        Command::Extract {
            file,
            format,
            encoding,
        } => {
            if encoding.is_none() && streams_as_utf8_text(&file) {
                extract_streamed(&file, format, out)?
            } else {
                // Web pages, PDF, Word and other encodings are decoded whole first: their
                // text only exists once the file has been read and converted.
                let source = import::read(&file, encoding.as_deref())?;
                let doc = extract::document(&doc_id(&file), Meta::default(), source.text);
                let index = Index::new(vec![doc]);
                let refs = index.all().to_vec();
                output::figures(out, &index, &refs, format)
            }
        }
        Command::Import {
            source,
            output,
            url,
            encoding,
            id,
            title,
            publisher,
            date,
            language,
            inferred,
            notes,
        } => {
            if let Some(id) = &id {
                crate::text::check_id(id)
                    .map_err(|m| Error::Usage(format!("--id: the document id {m}")))?;
            }
            if let Some(path) = &output
                && !source.is_dir()
            {
                dataset::refuse_overwriting(&source, path)?;
            }
            let req = import::Request {
                source,
                output,
                url,
                encoding,
                id,
                title,
                publisher,
                date,
                language,
                inferred,
                notes,
            };
            return import::run(req, out);
        }
        Command::Sections { format } => {
            let index = load_for_once(data)?;
            output::sections(out, index, format)
        }
        Command::Figures {
            filter,
            sort,
            format,
        } => {
            let index = load_for_once(data)?;
            let filter = to_filter(index, &filter)?;
            let mut refs = index.filter(&filter);
            index.sort(
                &mut refs,
                match sort {
                    SortArg::Position => SortKey::Position,
                    SortArg::Value => SortKey::Value,
                },
            );
            if refs.is_empty() {
                eprintln!("pa-explorer: no figure matches these filters");
            }
            output::figures(out, index, &refs, format)
        }
        Command::Show { id, format } => {
            let index = load_for_once(data)?;
            let r = index
                .find_id(&id)
                .ok_or_else(|| Error::UnknownId(id.clone()))?;
            match format {
                Format::Table => output::show(out, index, r),
                _ => output::figures(out, index, &[r], format),
            }
        }
        Command::Search {
            query,
            limit,
            no_pinyin,
            format,
        } => {
            let index = load_for_once(data)?;
            let opts = SearchOptions {
                limit: Some(limit),
                pinyin: !no_pinyin,
            };
            let hits = search::search(index, &query, opts);
            if hits.is_empty() {
                eprintln!(
                    "pa-explorer: nothing matches `{}`",
                    crate::text::sanitize(&query)
                );
            }
            output::hits(out, index, &hits, format)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            use clap_complete::Shell as S;
            let shell = match shell {
                Shell::Bash => S::Bash,
                Shell::Zsh => S::Zsh,
                Shell::Fish => S::Fish,
                Shell::Elvish => S::Elvish,
                Shell::Powershell => S::PowerShell,
            };
            clap_complete::generate(shell, &mut Cli::command(), "pa-explorer", out);
            Ok(())
        }
        Command::Man => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(out)
        }
    };
    result.or_else(ignore_broken_pipe)?;
    Ok(ExitCode::SUCCESS)
}

/// `extract`, a paragraph at a time (see `extract::stream`): the same output as
/// extracting the whole text, in memory that follows the largest paragraph. Standard
/// input and anything else that is not a regular file is spooled to an anonymous temp
/// file, since the text is read twice. Input
/// errors come back as `Err`, write errors as the inner `io::Result`.
/// Whether `extract FILE` can stream `file` line by line: standard input, and files that
/// are plain text (by extension, or by their first bytes when the extension says nothing)
/// and valid UTF-8 as far as those bytes go. Anything else is decoded whole by `ingest`.
fn streams_as_utf8_text(file: &Path) -> bool {
    use crate::ingest::Format;
    if file == Path::new("-") {
        return true;
    }
    match Format::of(file) {
        Some(Format::Text) | None => {}
        Some(_) => return false,
    }
    // A pipe or FIFO can be read once only: it streams, UTF-8 as before.
    if !std::fs::metadata(file).is_ok_and(|m| m.is_file()) {
        return true;
    }
    let mut head = Vec::with_capacity(1 << 16);
    let read = std::fs::File::open(file)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 1 << 16), &mut head));
    if read.is_err() {
        // Let the streamed path report the error with its usual words.
        return true;
    }
    if Format::sniff(&head) != Format::Text {
        return false;
    }
    // A char cut at the end of the sample is not an error.
    match std::str::from_utf8(&head) {
        Ok(_) => !head.starts_with(&[0xff, 0xfe]) && !head.starts_with(&[0xfe, 0xff]),
        Err(e) => e.error_len().is_none(),
    }
}

fn extract_streamed(
    file: &Path,
    format: Format,
    out: &mut impl Write,
) -> Result<std::io::Result<()>> {
    use extract::stream::{self, Stop};
    use std::io::{BufReader, Seek};
    let read_err = |source| Error::Read {
        path: file.to_path_buf(),
        source,
    };
    // A pipe or FIFO (`extract <(curl …)`) cannot be read twice either.
    let stdin = file == Path::new("-");
    let spool = if stdin || !std::fs::metadata(file).is_ok_and(|m| m.is_file()) {
        let mut spool = tempfile::tempfile().map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
        if stdin {
            std::io::copy(&mut std::io::stdin().lock(), &mut spool)
        } else {
            std::fs::File::open(file).and_then(|mut f| std::io::copy(&mut f, &mut spool))
        }
        .map_err(read_err)?;
        Some(spool)
    } else {
        None
    };
    let open = || -> std::io::Result<BufReader<std::fs::File>> {
        let f = match &spool {
            Some(spool) => {
                let mut f = spool.try_clone()?;
                f.rewind()?;
                f
            }
            None => std::fs::File::open(file)?,
        };
        Ok(BufReader::with_capacity(1 << 16, f))
    };
    let repeats = stream::repeats(open().map_err(read_err)?, file)?;
    let id = doc_id(file);
    let mut w = match output::FigureWriter::new(out, format, false) {
        Ok(w) => w,
        Err(e) => return Ok(Err(e)),
    };
    let emitted = stream::emit_figures(
        &repeats,
        open().map_err(read_err)?,
        file,
        |figure, sentence, headline| {
            w.write(output::Found {
                document: &id,
                figure,
                sentence,
                headline,
            })
        },
    );
    match emitted {
        Ok(()) => Ok(w.finish()),
        Err(Stop::Input(e)) => Err(e),
        Err(Stop::Emit(e)) => Ok(Err(e)),
    }
}

/// The bundled dataset, or the datasets named with `--data`.
pub fn load_index(data: &DataArgs) -> Result<Index> {
    let docs = if data.data.is_empty() {
        dataset::bundled()?.documents
    } else {
        let opts = dataset::LoadOptions {
            cache_dir: if data.no_cache {
                None
            } else {
                dataset::cache::default_dir()
            },
        };
        let loaded = dataset::load_many_with(&data.data, &opts)?;
        for note in &loaded.notes {
            eprintln!("pa-explorer: note: {}", crate::text::sanitize(note));
        }
        loaded.documents
    };
    Ok(Index::new(docs))
}

/// [`load_index`] for a command that answers once and exits. The index is never freed:
/// dropping a million figures one allocation at a time would cost a tenth of a second or
/// more just before the process ends, and the OS takes the memory back at once.
fn load_for_once(data: &DataArgs) -> Result<&'static Index> {
    Ok(Box::leak(Box::new(load_index(data)?)))
}

/// A document id from a file name: `reports/2021 jinan.txt` → `2021-jinan`; always in
/// the id alphabet ([`crate::text::check_id`]), cut to its longest length.
fn doc_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned());
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(crate::text::ID_MAX_CHARS)
        .collect();
    if id.is_empty() || id == "-" {
        "stdin".into()
    } else {
        id
    }
}

/// Validates filter flags against the index.
pub fn to_filter(index: &Index, args: &FilterArgs) -> Result<Filter> {
    let section = args
        .section
        .as_deref()
        .map(|s| parse_section(index, s))
        .transpose()?;
    let dimension = args
        .dimension
        .as_deref()
        .map(|d| {
            Dimension::parse(d).ok_or_else(|| {
                let all: Vec<_> = Dimension::ALL.iter().map(|d| d.as_str()).collect();
                Error::Usage(format!(
                    "unknown dimension `{d}`; use one of: {}",
                    all.join(", ")
                ))
            })
        })
        .transpose()?;
    let number = |flag: &str, v: &Option<String>| -> Result<Option<f64>> {
        v.as_deref()
            .map(|s| {
                numeral::parse_number(&s.replace(',', ""))
                    .map(extract::Decimal::to_f64)
                    .ok_or_else(|| {
                        Error::Usage(format!(
                            "--{flag} {s}: not a number (try 10000, 1.5万 or 1亿)"
                        ))
                    })
            })
            .transpose()
    };
    Ok(Filter {
        section,
        unit: args.unit.clone(),
        dimension,
        shape: if args.exact {
            ShapeFilter::ExactOnly
        } else if args.inexact {
            ShapeFilter::Inexact
        } else {
            ShapeFilter::All
        },
        min: number("min", &args.min)?,
        max: number("max", &args.max)?,
        quantities_only: args.quantities,
    })
}

/// `2`, or `DOC:2` when several documents are loaded.
fn parse_section(index: &Index, s: &str) -> Result<SectionRef> {
    let (doc, n) = match s.split_once(':') {
        Some((d, n)) => {
            let doc = index
                .documents()
                .iter()
                .position(|x| x.id == d)
                .ok_or_else(|| {
                    Error::Usage(format!("--section {s}: no document `{d}` is loaded"))
                })?;
            (doc, n)
        }
        None => (0, s),
    };
    let n: usize = n.parse().map_err(|_| {
        Error::Usage(format!(
            "--section {s}: expected a section number (0 = lead)"
        ))
    })?;
    let count = index.documents().get(doc).map_or(0, |d| d.sections.len());
    if n >= count {
        return Err(Error::Usage(format!(
            "--section {n}: there are {count} sections (0 to {}); list them with `pa-explorer sections`",
            count.saturating_sub(1)
        )));
    }
    Ok(SectionRef {
        doc: doc as u32,
        section: n as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids made from file names pass the loader's id check, whatever the name.
    #[test]
    fn ids_from_file_names_are_valid_ids() {
        for name in [
            "reports/2021 jinan.txt",
            "济南市 2021:报告.txt",
            "a\u{1b}[31m\u{202e}b.txt",
            "-",
            ".txt",
            "...",
            &"长".repeat(300),
            "x.y.z.txt",
        ] {
            let id = doc_id(Path::new(name));
            assert_eq!(crate::text::check_id(&id), Ok(()), "{name:?} → {id:?}");
        }
        assert_eq!(doc_id(Path::new("reports/2021 jinan.txt")), "2021-jinan");
    }
}
