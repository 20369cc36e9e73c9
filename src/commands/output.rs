//! Output formats of the subcommands: aligned tables (by display width), JSON, JSON
//! Lines and CSV. Text from the data is made harmless for terminals and spreadsheets.
//!
//! Terminal text (tables and `show`) is written only from [`Cell`]s, whose one
//! constructor sanitizes, so no dataset field can reach the terminal raw.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use crate::cli::Format;
use crate::gloss;
use crate::index::{FigRef, Index, SectionRef};
use crate::model::{Approx, Change, Dimension, Direction, Figure, Kind, Period, Shape};
use crate::search::Hit;
use crate::text;

/// One figure as written by `--format json|jsonl|csv`: a contract for scripts. Fields
/// may be added, never renamed or removed.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub id: &'a str,
    pub document: &'a str,
    pub kind: Kind,
    pub text: &'a str,
    /// Canonical value; a bound's stated bound; an interval's low end.
    pub value: Option<f64>,
    pub high: Option<f64>,
    /// The value exactly, as a decimal string.
    pub exact: Option<&'a str>,
    pub exact_high: Option<&'a str>,
    pub shape: Shape,
    pub inclusive: Option<bool>,
    pub approx: Approx,
    pub unit: Option<&'a str>,
    pub dimension: Dimension,
    pub subject: Option<&'a str>,
    pub rate: Option<&'a str>,
    pub change: Option<&'a Change>,
    /// `up` or `down` when a verb states the change (`下降2.1%`).
    pub direction: Option<Direction>,
    pub date: Option<&'a str>,
    /// The period the figure is stated for; `null` when the text states none.
    pub period: Option<&'a Period>,
    pub sentence: &'a str,
    pub section: usize,
    pub headline: Option<&'a str>,
    pub start: usize,
    pub end: usize,
    pub same_as: &'a [compact_str::CompactString],
    pub warnings: &'a [String],
    // --- English glosses (src/gloss.rs; README "English glosses"). Added fields only. ---
    /// English of `subject`: curated terms, else CC-CEDICT words (a machine gloss).
    pub subject_en: Option<String>,
    /// English of `headline`, numbers in English words.
    pub headline_en: Option<String>,
    /// English name of `unit` (`人次` → "person-times").
    pub unit_en: Option<&'static str>,
    /// The value in English words with its unit (`23.05 million yuan`).
    pub value_en: Option<String>,
}

/// What a figure's output needs besides the figure: where it was found.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub document: &'a str,
    pub figure: &'a Figure,
    pub sentence: &'a str,
    pub headline: Option<&'a str>,
}

impl<'a> Found<'a> {
    pub fn new(index: &'a Index, r: FigRef) -> Found<'a> {
        Found {
            document: &index.doc(r).id,
            figure: index.figure(r),
            sentence: &index.sentence(r).text,
            headline: index.section(r).headline.as_deref(),
        }
    }
}

impl<'a> Record<'a> {
    pub fn new(index: &'a Index, r: FigRef) -> Record<'a> {
        Record::found(Found::new(index, r))
    }

    pub fn found(at: Found<'a>) -> Record<'a> {
        let f = at.figure;
        Record {
            id: &f.id,
            document: at.document,
            kind: f.kind,
            text: &f.text,
            value: f.value,
            high: f.high,
            exact: f.exact.as_deref(),
            exact_high: f.exact_high.as_deref(),
            shape: f.shape,
            inclusive: f.inclusive,
            approx: f.approx,
            unit: f.unit.as_deref(),
            dimension: f.dimension,
            subject: f.subject.as_deref(),
            rate: f.rate.as_deref(),
            change: f.change.as_ref(),
            direction: f.direction,
            date: f.date.as_deref(),
            period: f.period.as_ref(),
            sentence: at.sentence,
            section: f.section,
            headline: at.headline,
            start: f.start,
            end: f.end,
            same_as: &f.same_as,
            warnings: &f.warnings,
            // --- English glosses ---
            subject_en: f.subject.as_deref().map(gloss::english),
            headline_en: at.headline.map(gloss::english),
            unit_en: f.unit.as_deref().and_then(gloss::unit_en),
            value_en: gloss::figure_value_en(f),
        }
    }
}

/// serde_json escapes C0 controls but leaves DEL, C1 controls and bidi overrides raw;
/// escape those too so JSON output is safe to `cat` to a terminal. They only occur
/// inside strings, where `\uXXXX` is valid.
pub fn json_safe(s: String) -> String {
    if !s.chars().any(text::is_unsafe) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if text::is_unsafe(c) && c != '\n' {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets
/// a leading `'`, as OWASP recommends; control characters are made visible.
pub fn csv_safe(s: &str) -> String {
    let s = text::sanitize(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.into_owned()
    }
}

fn json_line<T: Serialize>(out: &mut impl Write, v: &T) -> io::Result<()> {
    let s = serde_json::to_string(v).map_err(io::Error::other)?;
    writeln!(out, "{}", json_safe(s))
}

pub fn figures(
    out: &mut impl Write,
    index: &Index,
    refs: &[FigRef],
    format: Format,
) -> io::Result<()> {
    let mut w = FigureWriter::new(out, format, index.documents().len() > 1)?;
    for &r in refs {
        w.write(Found::new(index, r))?;
    }
    w.finish()
}

/// Writes figures one at a time, in any format, so `extract` can write each as it is
/// found. Only `table` keeps its rows until [`FigureWriter::finish`]: its column
/// widths depend on all of them. The output is the same as writing all at once.
pub struct FigureWriter<'w, W: Write> {
    out: Sink<'w, W>,
    /// Several documents: ids in tables are shown as `DOC:f012`.
    multi: bool,
}

enum Sink<'w, W: Write> {
    Jsonl(&'w mut W),
    /// `first`: nothing written yet, so the array is still to be opened.
    Json {
        out: &'w mut W,
        first: bool,
    },
    Csv(Box<csv::Writer<&'w mut W>>),
    Table {
        out: &'w mut W,
        rows: Vec<Vec<Cell>>,
    },
}

const CSV_HEADER: [&str; 29] = [
    "id",
    "document",
    "kind",
    "text",
    "value",
    "high",
    "exact",
    "exact_high",
    "shape",
    "inclusive",
    "approx",
    "unit",
    "dimension",
    "subject",
    "rate",
    "date",
    "section",
    "headline",
    "start",
    "end",
    "sentence",
    "period",
    "period_from",
    "period_to",
    "direction",
    // --- English glosses ---
    "subject_en",
    "headline_en",
    "unit_en",
    "value_en",
];

impl<'w, W: Write> FigureWriter<'w, W> {
    pub fn new(out: &'w mut W, format: Format, multi: bool) -> io::Result<Self> {
        let out = match format {
            Format::Jsonl => Sink::Jsonl(out),
            Format::Json => Sink::Json { out, first: true },
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(CSV_HEADER)?;
                Sink::Csv(Box::new(w))
            }
            Format::Table => Sink::Table {
                out,
                rows: Vec::new(),
            },
        };
        Ok(FigureWriter { out, multi })
    }

    pub fn write(&mut self, at: Found) -> io::Result<()> {
        match &mut self.out {
            Sink::Jsonl(out) => json_line(out, &Record::found(at)),
            Sink::Json { out, first } => {
                // The array as `to_string_pretty` writes it whole: `[`, each element
                // indented by two spaces, `,` between, `]`. No string holds a raw
                // newline (JSON escapes it), so indenting every line is exact.
                let s =
                    serde_json::to_string_pretty(&Record::found(at)).map_err(io::Error::other)?;
                let mut chunk = String::with_capacity(s.len() + s.len() / 8 + 4);
                chunk.push_str(if *first { "[\n" } else { ",\n" });
                *first = false;
                for (i, line) in s.split('\n').enumerate() {
                    if i > 0 {
                        chunk.push('\n');
                    }
                    chunk.push_str("  ");
                    chunk.push_str(line);
                }
                out.write_all(json_safe(chunk).as_bytes())
            }
            Sink::Csv(w) => Ok(w.write_record(csv_row(at))?),
            Sink::Table { rows, .. } => {
                rows.push(figure_row(at, self.multi));
                Ok(())
            }
        }
    }

    pub fn finish(self) -> io::Result<()> {
        match self.out {
            Sink::Jsonl(_) => Ok(()),
            Sink::Json { out, first: true } => writeln!(out, "[]"),
            Sink::Json { out, first: false } => writeln!(out, "\n]"),
            Sink::Csv(mut w) => w.flush(),
            Sink::Table { out, rows } => table(
                out,
                &["ID", "FIGURE", "VALUE", "UNIT", "SEC", "SUBJECT"],
                &[false, false, true, false, true, false],
                &rows,
            ),
        }
    }
}

fn csv_row(at: Found) -> [String; 29] {
    let f = at.figure;
    let opt = |v: Option<&str>| v.map(csv_safe).unwrap_or_default();
    let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    [
        csv_safe(&f.id),
        csv_safe(at.document),
        f.kind.as_str().to_string(),
        csv_safe(&f.text),
        num(f.value),
        num(f.high),
        opt(f.exact.as_deref()),
        opt(f.exact_high.as_deref()),
        f.shape.as_str().to_string(),
        f.inclusive.map(|b| b.to_string()).unwrap_or_default(),
        format!("{:?}", f.approx).to_lowercase(),
        opt(f.unit.as_deref()),
        f.dimension.as_str().to_string(),
        opt(f.subject.as_deref()),
        opt(f.rate.as_deref()),
        opt(f.date.as_deref()),
        f.section.to_string(),
        opt(at.headline),
        f.start.to_string(),
        f.end.to_string(),
        csv_safe(at.sentence),
        opt(f.period.as_ref().map(|p| p.text.as_str())),
        opt(f.period.as_ref().and_then(|p| p.from.as_deref())),
        opt(f.period.as_ref().and_then(|p| p.to.as_deref())),
        f.direction
            .map(|d| d.as_str().to_string())
            .unwrap_or_default(),
        // --- English glosses ---
        opt(f.subject.as_deref().map(gloss::english).as_deref()),
        opt(at.headline.map(gloss::english).as_deref()),
        opt(f.unit.as_deref().and_then(gloss::unit_en)),
        opt(gloss::figure_value_en(f).as_deref()),
    ]
}

/// Text bound for a terminal. The only way to make one is [`Cell::new`], which
/// sanitizes, and tables and `show` write nothing else from the data, so no field —
/// validated or not, present or added later — can reach the terminal raw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell(String);

impl Cell {
    pub fn new(s: impl AsRef<str>) -> Cell {
        Cell(text::sanitize(s.as_ref()).into_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Writes rows as columns aligned by display width; `right` marks right-aligned columns.
fn table(
    out: &mut impl Write,
    header: &[&str],
    right: &[bool],
    rows: &[Vec<Cell>],
) -> io::Result<()> {
    const MAX: usize = 48;
    let head: Vec<Cell> = header.iter().map(Cell::new).collect();
    let mut widths: Vec<usize> = head.iter().map(|h| text::width(h.as_str())).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(text::width(cell.as_str()).min(MAX));
        }
    }
    let line = |cells: &[Cell]| -> String {
        let mut s = String::new();
        for (i, (cell, &w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            let last = i + 1 == cells.len();
            let cell = cell.as_str();
            if right.get(i).copied().unwrap_or(false) {
                s.push_str(&text::pad_left(cell, w));
            } else if last {
                s.push_str(&text::truncate(cell, MAX));
            } else {
                s.push_str(&text::pad_right(cell, w));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(&head))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

fn figure_row(at: Found, multi: bool) -> Vec<Cell> {
    let f = at.figure;
    let id = if multi {
        Cell::new(format!("{}:{}", at.document, f.id))
    } else {
        Cell::new(&f.id)
    };
    vec![
        id,
        Cell::new(&f.text),
        Cell::new(f.display_value()),
        Cell::new(f.unit.as_deref().unwrap_or(if f.kind.is_quantity() {
            ""
        } else {
            f.kind.as_str()
        })),
        Cell::new(f.section.to_string()),
        Cell::new(f.subject.as_deref().unwrap_or("")),
    ]
}

#[derive(Serialize)]
struct SectionRecord<'a> {
    document: &'a str,
    section: usize,
    headline: Option<&'a str>,
    figures: usize,
    sentences: usize,
}

pub fn sections(out: &mut impl Write, index: &Index, format: Format) -> io::Result<()> {
    let multi = index.documents().len() > 1;
    let records: Vec<SectionRecord> = index
        .sections()
        .map(|(sr, s): (SectionRef, _)| SectionRecord {
            document: &index.documents()[sr.doc as usize].id,
            section: s.index,
            headline: s.headline.as_deref(),
            figures: index.section_count(sr),
            sentences: s.last_sentence - s.first_sentence,
        })
        .collect();
    match format {
        Format::Table => {
            let rows: Vec<Vec<Cell>> = records
                .iter()
                .map(|r| {
                    let sec = if multi {
                        format!("{}:{}", r.document, r.section)
                    } else {
                        r.section.to_string()
                    };
                    vec![
                        Cell::new(sec),
                        Cell::new(r.figures.to_string()),
                        Cell::new(r.sentences.to_string()),
                        Cell::new(r.headline.unwrap_or("(lead)")),
                    ]
                })
                .collect();
            table(
                out,
                &["SEC", "FIGURES", "SENTENCES", "HEADLINE"],
                &[true, true, true, false],
                &rows,
            )
        }
        Format::Json => {
            let s = serde_json::to_string_pretty(&records).map_err(io::Error::other)?;
            writeln!(out, "{}", json_safe(s))
        }
        Format::Jsonl => records.iter().try_for_each(|r| json_line(out, r)),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["document", "section", "headline", "figures", "sentences"])?;
            for r in &records {
                w.write_record([
                    csv_safe(r.document),
                    r.section.to_string(),
                    csv_safe(r.headline.unwrap_or("")),
                    r.figures.to_string(),
                    r.sentences.to_string(),
                ])?;
            }
            w.flush()
        }
    }
}

/// A figure in full: every field, its sentence, and where else it is stated.
pub fn show(out: &mut impl Write, index: &Index, r: FigRef) -> io::Result<()> {
    let f = index.figure(r);
    let sec = index.section(r);
    let mut rows: Vec<(&str, Cell)> = vec![
        ("id", Cell::new(index.display_id(r))),
        ("figure", Cell::new(&f.text)),
        ("kind", Cell::new(f.kind.as_str())),
        ("value", Cell::new(f.display_value())),
        ("exact", Cell::new(f.exact.as_deref().unwrap_or_default())),
        ("unit", Cell::new(f.unit.as_deref().unwrap_or(""))),
        ("dimension", Cell::new(f.dimension.as_str())),
        ("shape", Cell::new(f.shape.as_str())),
        (
            "approx",
            Cell::new(format!("{:?}", f.approx).to_lowercase()),
        ),
        ("subject", Cell::new(f.subject.as_deref().unwrap_or(""))),
    ];
    if let Some(rate) = &f.rate {
        rows.push(("rate", Cell::new(rate)));
    }
    if let Some(c) = &f.change {
        rows.push((
            "change",
            Cell::new(format!("{:?} ({}) ↔ {}", c.role, c.verb, c.other).to_lowercase()),
        ));
    }
    if let Some(d) = &f.date {
        rows.push(("date", Cell::new(d)));
    }
    if let Some(p) = &f.period {
        rows.push(("period", Cell::new(period_words(p))));
    }
    rows.push(("document", Cell::new(&index.doc(r).id)));
    rows.push((
        "section",
        Cell::new(format!(
            "{} {}",
            f.section,
            sec.headline.as_deref().unwrap_or("(lead)")
        )),
    ));
    rows.push(("chars", Cell::new(format!("{}..{}", f.start, f.end))));
    if !f.same_as.is_empty() {
        rows.push(("same as", Cell::new(f.same_as.join(", "))));
    }
    for w in &f.warnings {
        rows.push(("warning", Cell::new(w)));
    }
    for (k, v) in rows {
        writeln!(out, "{}  {}", text::pad_right(k, 9), v.as_str())?;
    }
    show_english(out, index, r)?;
    writeln!(out)?;
    writeln!(out, "{}", Cell::new(&index.sentence(r).text).as_str())
}

/// `2018年12月至2020年底 (2018-12 → 2020-12)`; an open end reads `…`, and a phrase that
/// states no date (`五年来`) says so.
fn period_words(p: &Period) -> String {
    let text = &p.text;
    match (p.from.as_deref(), p.to.as_deref()) {
        (None, None) => format!("{text} (no date stated)"),
        (from, to) => format!("{text} ({} → {})", from.unwrap_or("…"), to.unwrap_or("…")),
    }
}

// --- English glosses (src/gloss.rs) ---

/// The English block of `show`: glosses of the subject and headline (marked when they
/// come from the dictionary alone), the value in words, and the curated entries.
fn show_english(out: &mut impl Write, index: &Index, r: FigRef) -> io::Result<()> {
    let f = index.figure(r);
    let headline = index.section(r).headline.as_deref();
    let subject = f.subject.as_deref().map(gloss::gloss);
    let head = headline.map(gloss::gloss);
    let marked = |g: &gloss::Gloss| {
        if g.machine {
            Cell::new(format!("{}  (machine gloss)", g.english))
        } else {
            Cell::new(&g.english)
        }
    };
    // Every row goes through `Cell`, like the rest of `show`: a gloss echoes dataset text.
    let mut rows: Vec<(&str, Cell)> = Vec::new();
    if let Some(g) = &subject {
        rows.push(("subject", marked(g)));
    }
    if let Some(v) = gloss::figure_value_en(f) {
        rows.push(("value", Cell::new(v)));
    }
    if let Some(u) = f.unit.as_deref().and_then(gloss::unit_en) {
        rows.push(("unit", Cell::new(u)));
    }
    rows.push(("dimension", Cell::new(gloss::dimension_en(f.dimension))));
    if let Some(g) = &head {
        rows.push(("headline", marked(g)));
    }
    let mut terms: Vec<&gloss::Entry> = Vec::new();
    for e in subject.iter().chain(&head).flat_map(|g| &g.curated) {
        if !terms.iter().any(|t| t.term == e.term) {
            terms.push(e);
        }
    }
    for e in terms {
        rows.push((
            "glossary",
            Cell::new(format!(
                "{} {}: {} [{}]",
                e.term, e.english, e.explanation, e.source
            )),
        ));
    }
    writeln!(out)?;
    writeln!(
        out,
        "English (machine glosses are from CC-CEDICT, CC BY-SA 4.0)"
    )?;
    for (k, v) in rows {
        writeln!(out, "{}  {}", text::pad_right(k, 9), v.as_str())?;
    }
    Ok(())
}

#[derive(Serialize)]
struct HitRecord<'a> {
    rank: usize,
    score: i64,
    field: String,
    positions: &'a [usize],
    #[serde(flatten)]
    figure: Record<'a>,
}

pub fn hits(out: &mut impl Write, index: &Index, hits: &[Hit], format: Format) -> io::Result<()> {
    let refs: Vec<FigRef> = hits.iter().filter_map(|h| index.get(h.figure)).collect();
    match format {
        Format::Table if hits.is_empty() => writeln!(out, "no figures match"),
        Format::Csv | Format::Table => figures(out, index, &refs, format),
        Format::Json | Format::Jsonl => {
            let records: Vec<HitRecord> = hits
                .iter()
                .zip(&refs)
                .enumerate()
                .map(|(i, (h, &r))| HitRecord {
                    rank: i + 1,
                    score: h.score,
                    field: format!("{:?}", h.field).to_lowercase(),
                    positions: &h.positions,
                    figure: Record::new(index, r),
                })
                .collect();
            if format == Format::Jsonl {
                records.iter().try_for_each(|r| json_line(out, r))
            } else {
                let s = serde_json::to_string_pretty(&records).map_err(io::Error::other)?;
                writeln!(out, "{}", json_safe(s))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled dataset's figures, written one at a time, equal the array that
    /// `to_string_pretty` writes whole (as `figures --format json` did before).
    #[test]
    fn streamed_json_array_equals_the_whole_array() {
        let index = Index::new(crate::dataset::bundled().unwrap().documents);
        for n in [0, 1, 3, index.len()] {
            let refs = &index.all()[..n];
            let mut streamed = Vec::new();
            figures(&mut streamed, &index, refs, Format::Json).unwrap();
            let all: Vec<Record> = refs.iter().map(|&r| Record::new(&index, r)).collect();
            let whole = format!("{}\n", serde_json::to_string_pretty(&all).unwrap());
            assert_eq!(String::from_utf8(streamed).unwrap(), whole, "{n} figures");
        }
    }

    #[test]
    fn a_cell_never_holds_an_unsafe_char() {
        let c = Cell::new("a\u{1b}]0;T\u{7}\u{1b}[31m\u{202e}\u{9b}b");
        assert!(!c.as_str().chars().any(text::is_unsafe), "{c:?}");
        // One stand-in per char, so columns keep their width.
        assert_eq!(c.as_str().chars().count(), 15);
    }
}
