//! Output formats of the subcommands: aligned tables (by display width), JSON, JSON
//! Lines and CSV. Text from the data is made harmless for terminals and spreadsheets.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use crate::cli::Format;
use crate::gloss;
use crate::index::{FigRef, Index, SectionRef};
use crate::model::{Approx, Change, Dimension, Kind, Shape};
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
    pub date: Option<&'a str>,
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

impl<'a> Record<'a> {
    pub fn new(index: &'a Index, r: FigRef) -> Record<'a> {
        let f = index.figure(r);
        Record {
            id: &f.id,
            document: &index.doc(r).id,
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
            date: f.date.as_deref(),
            sentence: &index.sentence(r).text,
            section: f.section,
            headline: index.section(r).headline.as_deref(),
            start: f.start,
            end: f.end,
            same_as: &f.same_as,
            warnings: &f.warnings,
            // --- English glosses ---
            subject_en: f.subject.as_deref().map(gloss::english),
            headline_en: index.section(r).headline.as_deref().map(gloss::english),
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
    match format {
        Format::Jsonl => {
            for &r in refs {
                json_line(out, &Record::new(index, r))?;
            }
            Ok(())
        }
        Format::Json => {
            let all: Vec<Record> = refs.iter().map(|&r| Record::new(index, r)).collect();
            let s = serde_json::to_string_pretty(&all).map_err(io::Error::other)?;
            writeln!(out, "{}", json_safe(s))
        }
        Format::Csv => figures_csv(out, index, refs),
        Format::Table => figures_table(out, index, refs),
    }
}

fn figures_csv(out: &mut impl Write, index: &Index, refs: &[FigRef]) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
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
        // --- English glosses ---
        "subject_en",
        "headline_en",
        "unit_en",
        "value_en",
    ])?;
    for &r in refs {
        let f = index.figure(r);
        let opt = |v: Option<&str>| v.map(csv_safe).unwrap_or_default();
        let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        w.write_record([
            csv_safe(&f.id),
            csv_safe(&index.doc(r).id),
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
            opt(index.section(r).headline.as_deref()),
            f.start.to_string(),
            f.end.to_string(),
            csv_safe(&index.sentence(r).text),
            // --- English glosses ---
            opt(f.subject.as_deref().map(gloss::english).as_deref()),
            opt(index
                .section(r)
                .headline
                .as_deref()
                .map(gloss::english)
                .as_deref()),
            opt(f.unit.as_deref().and_then(gloss::unit_en)),
            opt(gloss::figure_value_en(f).as_deref()),
        ])?;
    }
    w.flush()
}

/// Writes rows as columns aligned by display width; `right` marks right-aligned columns.
fn table(
    out: &mut impl Write,
    header: &[&str],
    right: &[bool],
    rows: &[Vec<String>],
) -> io::Result<()> {
    const MAX: usize = 48;
    let mut widths: Vec<usize> = header.iter().map(|h| text::width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(text::width(cell).min(MAX));
        }
    }
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (i, (cell, &w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            let last = i + 1 == cells.len();
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
    let head: Vec<String> = header.iter().map(|h| (*h).to_string()).collect();
    writeln!(out, "{}", line(&head))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

fn cell(s: &str) -> String {
    text::sanitize(s).into_owned()
}

fn figure_row(index: &Index, r: FigRef) -> Vec<String> {
    let f = index.figure(r);
    vec![
        index.display_id(r),
        cell(&f.text),
        f.display_value(),
        cell(f.unit.as_deref().unwrap_or(if f.kind.is_quantity() {
            ""
        } else {
            f.kind.as_str()
        })),
        f.section.to_string(),
        cell(f.subject.as_deref().unwrap_or("")),
    ]
}

fn figures_table(out: &mut impl Write, index: &Index, refs: &[FigRef]) -> io::Result<()> {
    let rows: Vec<Vec<String>> = refs.iter().map(|&r| figure_row(index, r)).collect();
    table(
        out,
        &["ID", "FIGURE", "VALUE", "UNIT", "SEC", "SUBJECT"],
        &[false, false, true, false, true, false],
        &rows,
    )
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
            let rows: Vec<Vec<String>> = records
                .iter()
                .map(|r| {
                    let sec = if multi {
                        format!("{}:{}", r.document, r.section)
                    } else {
                        r.section.to_string()
                    };
                    vec![
                        sec,
                        r.figures.to_string(),
                        r.sentences.to_string(),
                        cell(r.headline.unwrap_or("(lead)")),
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
    let mut rows: Vec<(&str, String)> = vec![
        ("id", index.display_id(r)),
        ("figure", cell(&f.text)),
        ("kind", f.kind.as_str().into()),
        ("value", f.display_value()),
        ("exact", f.exact.as_deref().unwrap_or_default().to_string()),
        ("unit", cell(f.unit.as_deref().unwrap_or(""))),
        ("dimension", f.dimension.as_str().into()),
        ("shape", f.shape.as_str().into()),
        ("approx", format!("{:?}", f.approx).to_lowercase()),
        ("subject", cell(f.subject.as_deref().unwrap_or(""))),
    ];
    if let Some(rate) = &f.rate {
        rows.push(("rate", cell(rate)));
    }
    if let Some(c) = &f.change {
        rows.push((
            "change",
            format!("{:?} ({}) ↔ {}", c.role, c.verb, c.other).to_lowercase(),
        ));
    }
    if let Some(d) = &f.date {
        rows.push(("date", d.to_string()));
    }
    rows.push(("document", cell(&index.doc(r).id)));
    rows.push((
        "section",
        format!(
            "{} {}",
            f.section,
            cell(sec.headline.as_deref().unwrap_or("(lead)"))
        ),
    ));
    rows.push(("chars", format!("{}..{}", f.start, f.end)));
    if !f.same_as.is_empty() {
        rows.push(("same as", f.same_as.join(", ")));
    }
    for w in &f.warnings {
        rows.push(("warning", cell(w)));
    }
    for (k, v) in rows {
        writeln!(out, "{}  {v}", text::pad_right(k, 9))?;
    }
    show_english(out, index, r)?;
    writeln!(out)?;
    writeln!(out, "{}", cell(&index.sentence(r).text))
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
        let en = cell(&g.english);
        if g.machine {
            format!("{en}  (machine gloss)")
        } else {
            en
        }
    };
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(g) = &subject {
        rows.push(("subject", marked(g)));
    }
    if let Some(v) = gloss::figure_value_en(f) {
        rows.push(("value", v));
    }
    if let Some(u) = f.unit.as_deref().and_then(gloss::unit_en) {
        rows.push(("unit", u.to_string()));
    }
    rows.push(("dimension", gloss::dimension_en(f.dimension).to_string()));
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
            cell(&format!(
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
        writeln!(out, "{}  {v}", text::pad_right(k, 9))?;
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
        Format::Csv => figures_csv(out, index, &refs),
        Format::Table => {
            if hits.is_empty() {
                return writeln!(out, "no figures match");
            }
            figures_table(out, index, &refs)
        }
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
