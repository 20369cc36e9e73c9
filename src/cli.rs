//! Command-line flags (clap derive types only). Validation happens in `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Find, read and cite the figures of Chinese government reports.

Without a subcommand, opens the explorer (a terminal UI) on the bundled dataset: a Jinan
municipal press release on poverty alleviation. The subcommands print the same figures for
scripts.";

const AFTER: &str = "Examples:
  pa-explorer                                   open the explorer on the bundled data
  pa-explorer --data reports/                   open it on every dataset in a folder
  pa-explorer figures --unit 元 --min 1亿       money figures of at least 100,000,000 元
  pa-explorer extract report.txt --format jsonl figures of any Chinese text, one JSON per line
  pa-explorer search 养老                       find figures by words, numbers or pinyin";

#[derive(Debug, Parser)]
#[command(name = "pa-explorer", version, about = ABOUT, after_help = AFTER)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Dataset files or directories of them (from `pa-explorer import`) to use instead of
    /// the bundled dataset; repeat it for several (`--data a.json --data reports/`), before
    /// or after the subcommand
    // One value per flag: with `1..` values, `--data x.json figures` took `figures` for a
    // second file.
    #[arg(long = "data", value_name = "FILE|DIR", global = true, action = clap::ArgAction::Append)]
    pub data: Vec<PathBuf>,
    /// Neither read nor write the binary cache that reopens large datasets (8 MB of JSON
    /// or more) several times faster; it is kept in $PA_EXPLORER_CACHE_DIR, else
    /// $XDG_CACHE_HOME/pa-explorer, else ~/.cache/pa-explorer
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Aligned columns for reading
    #[default]
    Table,
    /// One JSON array
    Json,
    /// One JSON object per line
    Jsonl,
    /// Comma-separated values
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SortArg {
    /// Text order
    #[default]
    Position,
    /// By unit, then value, largest first
    Value,
}

/// Shells that `pa-explorer completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the figures of a report: text in any Chinese encoding, a web page, a PDF
    /// or a Word file
    #[command(after_help = "Examples:
  pa-explorer extract report.txt
  pa-explorer extract page.html --format jsonl | jq 'select(.unit == \"元\")'
  echo '累计投资约37亿元。' | pa-explorer extract -")]
    Extract {
        /// Report to read (.txt, .html, .pdf, .docx), or `-` for standard input
        #[arg(value_name = "FILE|-", default_value = "-")]
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Read text and web pages in this encoding (gb18030, gbk, big5, utf-16le…)
        /// instead of detecting it
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
    },
    /// Build a dataset (JSON) from a report (text, web page, PDF, Word) or a folder of them
    #[command(after_help = "Examples:
  pa-explorer import report.txt -o report.json --title '…' --date 2021-04-09
  pa-explorer import page.html -o page.json --url https://www.example.gov.cn/art/1.html
  pa-explorer import big5-report.txt --encoding big5 -o report.json
  pa-explorer import reports/ -o datasets/     one dataset per file, on all cores")]
    Import {
        /// Report to import (.txt, .html, .htm, .pdf, .docx; `-` for standard input), or a
        /// folder: every such file in it is imported into the folder named by `-o`
        #[arg(value_name = "FILE|DIR")]
        source: PathBuf,
        /// Where to write the dataset (default: standard output); for a folder, the
        /// folder to write one dataset per file into (required)
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Where the report was published (stored as `url`)
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// Read text and web pages in this encoding (gb18030, gbk, big5, utf-16le…)
        /// instead of detecting it
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
        /// Document id (default: the file name without extension)
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        publisher: Option<String>,
        /// Publication date, ISO 8601 (`2021`, `2021-04`, `2021-04-09`)
        #[arg(long)]
        date: Option<String>,
        /// Language tag (default: zh-Hant when most of the text is traditional
        /// characters, else zh-Hans)
        #[arg(long)]
        language: Option<String>,
        /// Name a metadata field as inferred rather than stated by the source
        #[arg(long = "inferred", value_name = "FIELD")]
        inferred: Vec<String>,
        /// A note to keep with the metadata
        #[arg(long = "note", value_name = "TEXT")]
        notes: Vec<String>,
    },
    /// List the sections (lead and headlines) with their figure counts
    #[command(after_help = "Example:\n  pa-explorer sections")]
    Sections {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List figures, filtered and sorted
    #[command(after_help = "Examples:
  pa-explorer figures --section 2
  pa-explorer figures --dimension money --sort value
  pa-explorer figures --unit 人 --min 1万 --format csv")]
    Figures {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t)]
        sort: SortArg,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show one figure with its sentence, section and other occurrences
    #[command(after_help = "Example:\n  pa-explorer show f012")]
    Show {
        /// Figure id (`f012`, or `DOC:f012` with several documents)
        id: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Search figures by words, numbers (48300, 4.83万, 3亿元) or pinyin (jiuye, ylbx)
    #[command(after_help = "Examples:
  pa-explorer search 养老
  pa-explorer search 48300
  pa-explorer search jiuye --limit 5 --format jsonl")]
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Do not match pinyin
        #[arg(long)]
        no_pinyin: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print a shell completion script
    #[command(after_help = "Examples:
  pa-explorer completions bash > ~/.local/share/bash-completion/completions/pa-explorer
  pa-explorer completions zsh > ~/.zfunc/_pa-explorer      # with fpath+=(~/.zfunc)
  pa-explorer completions fish > ~/.config/fish/completions/pa-explorer.fish")]
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff)
    #[command(after_help = "Example:
  pa-explorer man > ~/.local/share/man/man1/pa-explorer.1 && man pa-explorer")]
    Man,
}

#[derive(Debug, Clone, Args, Default)]
pub struct FilterArgs {
    /// Only this section (0 = lead); with several documents, `DOC:N`
    #[arg(long, value_name = "N")]
    pub section: Option<String>,
    /// Only this canonical unit (元, 人, 人次, 个, %, 公里 …)
    #[arg(long, value_name = "U")]
    pub unit: Option<String>,
    /// Only this dimension (money, people, person_times, households, items, percent,
    /// percentage_points, multiple, length, area, mass, age, time, count, none)
    #[arg(long, value_name = "D")]
    pub dimension: Option<String>,
    /// At least this value in the canonical unit (numbers like 1亿 or 10,000 work)
    #[arg(long, value_name = "V")]
    pub min: Option<String>,
    /// At most this value in the canonical unit
    #[arg(long, value_name = "V")]
    pub max: Option<String>,
    /// Only exact point values
    #[arg(long, conflicts_with = "inexact")]
    pub exact: bool,
    /// Only approximate, bounded or range values
    #[arg(long)]
    pub inexact: bool,
    /// Leave out dates, names, ordinals and levels
    #[arg(long)]
    pub quantities: bool,
}
