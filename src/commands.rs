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

pub use output::{Record, csv_safe, json_safe};

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
            return crate::tui::run(index);
        }
        Some(cmd) => execute(cmd, &cli.data, &mut out)?,
    };
    out.flush().or_else(ignore_broken_pipe)?;
    Ok(code)
}

/// Said instead of drawing panes on a terminal that cannot show them (Emacs shell
/// buffers, some CI logs set `TERM=dumb`).
const DUMB_TERMINAL: &str = "TERM is `dumb`, so this terminal cannot show the explorer; run it in a \
full terminal, or use the subcommands: `pa-explorer figures`, `pa-explorer search QUERY`, \
`pa-explorer show ID` (see `pa-explorer --help`)";

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
pub fn execute(cmd: Command, data: &DataArgs, out: &mut impl Write) -> Result<ExitCode> {
    let result = match cmd {
        Command::Extract {
            file,
            format,
            encoding,
        } => {
            let source = import::read(&file, encoding.as_deref())?;
            let doc = extract::document(&doc_id(&file), Meta::default(), source.text);
            let index = Index::new(vec![doc]);
            let refs = index.all().to_vec();
            output::figures(out, &index, &refs, format)
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
        dataset::load_many_with(&data.data, &opts)?
    };
    Ok(Index::new(docs))
}

/// [`load_index`] for a command that answers once and exits. The index is never freed:
/// dropping a million figures one allocation at a time would cost a tenth of a second or
/// more just before the process ends, and the OS takes the memory back at once.
fn load_for_once(data: &DataArgs) -> Result<&'static Index> {
    Ok(Box::leak(Box::new(load_index(data)?)))
}

/// A document id from a file name: `reports/2021 jinan.txt` → `2021-jinan`.
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
