//! Writes a realistic dataset of N figures for benchmarks:
//! `cargo run --release --example gen_corpus -- --figures N -o FILE [--seed S]
//! [--records LINES_FILE] [--one-document | --files K]` (`--files K` writes K dataset files
//! into the directory `-o DIR`).
//!
//! Documents are recombined from the clauses of the bundled press release: its phrases
//! before a figure keep their unit, with a new number, and are mixed with other phrases,
//! several figures a sentence, sections under short headlines, many documents. Figures
//! are recorded as they are written (value, canonical unit, subject, spans), not read back
//! by the extractor, so the corpus does not depend on the extractor's coverage and a
//! million figures take seconds. `--records` also writes one line per figure
//! (figure text, subject, sentence, headline, tab-separated) for `fzf --filter`.

#![allow(dead_code)] // also compiled into the benchmarks, which use only `generate`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use pa_explorer::dataset::{BUNDLED_SOURCE, validate};
use pa_explorer::extract::Decimal;
use pa_explorer::model::{
    Approx, Dataset, Dimension, Document, Figure, Kind, Meta, SCHEMA_VERSION, Section, Sentence,
    Shape,
};

/// splitmix64: tiny, seedable, good enough to vary text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A clause of the seed that stated a figure: the words before it and its unit.
struct Template {
    before: String,
    unit: String,
}

/// The seed's vocabulary, cut into reusable pieces.
struct Vocab {
    templates: Vec<Template>,
    /// Clauses without figures.
    fillers: Vec<String>,
    places: Vec<&'static str>,
}

/// Units a seed clause may end in, longest first, with the canonical unit, dimension and
/// power of ten of each.
const UNITS: [&str; 16] = [
    "万人次",
    "万元",
    "亿元",
    "万人",
    "人次",
    "万户",
    "公里",
    "人",
    "元",
    "个",
    "%",
    "名",
    "户",
    "家",
    "座",
    "张",
];

fn canonical(unit: &str) -> (&'static str, Dimension, Kind, u32) {
    let (scale, rest) = match unit.chars().next() {
        Some('万') => (4, &unit[3..]),
        Some('亿') => (8, &unit[3..]),
        _ => (0, unit),
    };
    let (u, d, k) = match rest {
        "人次" => ("人次", Dimension::PersonTimes, Kind::Amount),
        "人" | "名" => ("人", Dimension::People, Kind::Amount),
        "元" => ("元", Dimension::Money, Kind::Amount),
        "户" => ("户", Dimension::Households, Kind::Amount),
        "%" => ("%", Dimension::Percent, Kind::Percent),
        "公里" => ("公里", Dimension::Length, Kind::Amount),
        "个" => ("个", Dimension::Items, Kind::Amount),
        "家" => ("家", Dimension::Items, Kind::Amount),
        "座" => ("座", Dimension::Items, Kind::Amount),
        _ => ("张", Dimension::Items, Kind::Amount),
    };
    (u, d, k, scale)
}

fn is_digitish(c: char) -> bool {
    c.is_ascii_digit() || c == '.'
}

impl Vocab {
    fn from_seed(seed: &str) -> Vocab {
        let mut templates = Vec::new();
        let mut fillers = Vec::new();
        for clause in seed.split(['，', '。', '；', '、', '：', '\n', ',', ';', '！', '？'])
        {
            let clause = clause.trim();
            let chars: Vec<char> = clause.chars().collect();
            if chars.len() < 4 {
                continue;
            }
            match chars.iter().position(|&c| c.is_ascii_digit()) {
                None => fillers.push(clause.to_string()),
                Some(i) if i >= 2 => {
                    let end = (i..chars.len())
                        .find(|&j| !is_digitish(chars[j]))
                        .unwrap_or(chars.len());
                    let rest: String = chars[end..].iter().collect();
                    let unit = UNITS.iter().find(|u| rest.starts_with(**u));
                    let before: String = chars[..i].iter().collect();
                    if let Some(unit) = unit
                        && !before.contains(|c: char| c.is_ascii_digit() || c == '-')
                    {
                        templates.push(Template {
                            before,
                            unit: (*unit).to_string(),
                        });
                    }
                }
                Some(_) => {}
            }
        }
        Vocab {
            templates,
            fillers,
            places: vec![
                "我市",
                "全市",
                "全省",
                "各区县",
                "市民政局",
                "市人社局",
                "市残联",
                "市水务局",
                "县里",
                "镇街",
                "全区",
            ],
        }
    }

    /// A new number for a unit: percentages up to 100, scaled amounts with decimals,
    /// plain counts otherwise.
    fn number(rng: &mut Rng, unit: &str) -> String {
        if unit.starts_with('%') {
            let v = rng.below(10_000);
            if rng.chance(40) {
                return format!("{}", v / 100);
            }
            return format!("{}.{:02}", v / 100, v % 100);
        }
        if unit.starts_with(['万', '亿']) {
            let v = 1 + rng.below(999_999);
            return match rng.below(3) {
                0 => format!("{}", v / 100),
                1 => format!("{}.{}", v / 100, v % 10),
                _ => format!("{}.{:02}", v / 100, v % 100),
            };
        }
        let max = if rng.chance(70) { 9_999 } else { 999_999 };
        format!("{}", 1 + rng.below(max))
    }

    /// Words before a figure: a seed phrase, sometimes led by who did it, so the
    /// corpus has more than the seed's exact phrases without cutting words in half.
    fn before(&self, rng: &mut Rng) -> (String, String) {
        let t = rng.pick(&self.templates);
        let before = if rng.chance(30) {
            format!("{}{}", rng.pick(&self.places), t.before)
        } else {
            t.before.clone()
        };
        (before, t.unit.clone())
    }

    /// Pieces of one sentence: some words, figures with the words before them.
    fn sentence(&self, rng: &mut Rng) -> Vec<Piece> {
        let mut parts = Vec::new();
        if rng.chance(50) {
            parts.push(Piece::Words(format!(
                "{}{}",
                rng.pick(&self.places),
                rng.pick(&self.fillers)
            )));
        }
        for _ in 0..=rng.below(4) {
            let (before, unit) = self.before(rng);
            let number = Self::number(rng, &unit);
            parts.push(Piece::Figure {
                before,
                number,
                unit,
            });
            if rng.chance(25) {
                parts.push(Piece::Words(rng.pick(&self.fillers).clone()));
            }
        }
        parts
    }

    fn headline(&self, rng: &mut Rng) -> Vec<Piece> {
        let (before, unit) = self.before(rng);
        let chars: Vec<char> = before.chars().collect();
        let words: String = chars[chars.len().saturating_sub(8)..].iter().collect();
        let lead: String = rng.pick(&self.fillers).chars().take(6).collect();
        let number = Self::number(rng, &unit);
        vec![Piece::Figure {
            before: format!("{lead} {words}"),
            number,
            unit,
        }]
    }

    /// A press release of `sections` sections after the lead.
    fn document(&self, rng: &mut Rng, id: &str, sections: usize) -> Document {
        let mut b = Builder::default();
        for s in 0..=sections {
            if s > 0 {
                b.section(&self.headline(rng));
            }
            for _ in 0..=rng.below(3) {
                for _ in 0..=rng.below(3) {
                    b.sentence(&self.sentence(rng), false);
                }
                b.line_break();
            }
        }
        b.finish(id, rng)
    }
}

enum Piece {
    Words(String),
    Figure {
        before: String,
        number: String,
        unit: String,
    },
}

/// Appends text and keeps the model's char spans in step with it.
#[derive(Default)]
struct Builder {
    text: String,
    chars: usize,
    paragraph: usize,
    sections: Vec<Section>,
    sentences: Vec<Sentence>,
    figures: Vec<Figure>,
}

impl Builder {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    fn close_section(&mut self) {
        if let Some(last) = self.sections.last_mut() {
            last.end = self.chars;
            last.last_sentence = self.sentences.len();
        }
    }

    fn section(&mut self, headline: &[Piece]) {
        self.close_section();
        let index = self.sections.len();
        self.sections.push(Section {
            index,
            headline: None,
            start: self.chars,
            end: self.chars,
            first_sentence: self.sentences.len(),
            last_sentence: self.sentences.len(),
        });
        let text = self.sentence(headline, true);
        self.sections[index].headline = Some(text);
        self.line_break();
    }

    fn line_break(&mut self) {
        self.push("\n");
        self.paragraph += 1;
    }

    fn sentence(&mut self, pieces: &[Piece], headline: bool) -> String {
        if self.sections.is_empty() {
            self.sections.push(Section::lead());
        }
        let (start, byte) = (self.chars, self.text.len());
        let index = self.sentences.len();
        for (i, p) in pieces.iter().enumerate() {
            if i > 0 {
                self.push("，");
            }
            match p {
                Piece::Words(w) => self.push(w),
                Piece::Figure {
                    before,
                    number,
                    unit,
                } => {
                    self.push(before);
                    let fstart = self.chars;
                    let text = format!("{number}{unit}");
                    self.push(&text);
                    let figure = make_figure(&text, number, unit, before, index, fstart);
                    self.figures.push(Figure {
                        section: self.sections.len() - 1,
                        ..figure
                    });
                }
            }
        }
        if !headline {
            self.push("。");
        }
        let text = self.text[byte..].to_string();
        self.sentences.push(Sentence {
            index,
            section: self.sections.len() - 1,
            paragraph: self.paragraph,
            headline,
            start,
            end: self.chars,
            text: text.clone(),
        });
        text
    }

    fn finish(mut self, id: &str, rng: &mut Rng) -> Document {
        self.close_section();
        for (i, f) in self.figures.iter_mut().enumerate() {
            f.id = format!("f{:03}", i + 1).into();
        }
        let n = self.sections.len();
        Document {
            id: id.to_string(),
            meta: Meta {
                title: Some(format!("脱贫攻坚新闻发布会（{n}个专题）")),
                publisher: Some("市政府新闻办".into()),
                date: Some(format!(
                    "2021-{:02}-{:02}",
                    1 + rng.below(12),
                    1 + rng.below(28)
                )),
                language: Some("zh-Hans".into()),
                source: Some(format!("{id}.txt")),
                inferred: Vec::new(),
                notes: vec!["generated by examples/gen_corpus.rs".into()],
                ..Meta::default()
            },
            text: self.text,
            sections: self.sections,
            sentences: self.sentences,
            figures: self.figures,
        }
    }
}

fn make_figure(
    text: &str,
    number: &str,
    unit: &str,
    before: &str,
    sentence: usize,
    start: usize,
) -> Figure {
    let (canon, dimension, kind, scale) = canonical(unit);
    let exact = Decimal::parse(number).and_then(|d| d.mul_pow10(scale));
    let chars: Vec<char> = before.chars().filter(|c| !c.is_whitespace()).collect();
    let subject: String = chars[chars.len().saturating_sub(6)..].iter().collect();
    Figure {
        id: compact_str::CompactString::default(),
        kind,
        text: text.into(),
        exact: exact.map(|d| d.to_string().into()),
        value: exact.map(Decimal::to_f64),
        exact_high: None,
        high: None,
        shape: Shape::Point,
        inclusive: None,
        approx: Approx::Exact,
        unit: Some(canon.into()),
        dimension,
        subject: (!subject.is_empty()).then(|| subject.into()),
        rate: None,
        change: None,
        direction: None,
        date: None,
        period: None,
        sentence,
        section: 0,
        start,
        end: start + text.chars().count(),
        same_as: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Documents with `figures` figures in all (the last one cut to fit).
pub fn generate(figures: usize, seed: u64) -> Dataset {
    generate_shaped(figures, seed, false)
}

/// [`generate`], or with `one_document` every figure in a single long document (the
/// shape of one huge report, which cannot be split across cores by document).
pub fn generate_shaped(figures: usize, seed: u64, one_document: bool) -> Dataset {
    let vocab = Vocab::from_seed(BUNDLED_SOURCE);
    let mut rng = Rng::new(seed);
    let mut documents: Vec<Document> = Vec::new();
    let mut total = 0;
    while total < figures {
        let id = format!("gen-{:05}", documents.len() + 1);
        // Long releases: a report states dozens to hundreds of figures. A section holds
        // about eight on average, so one document of N figures needs N / 6 to be sure.
        let sections = if one_document {
            (figures - total) / 6 + 8
        } else {
            8 + rng.below(16)
        };
        let mut doc = vocab.document(&mut rng, &id, sections);
        let keep = (figures - total).min(doc.figures.len());
        cut(&mut doc, keep);
        total += doc.figures.len();
        documents.push(doc);
    }
    Dataset {
        schema_version: SCHEMA_VERSION,
        documents,
    }
}

/// Keeps the first `keep` figures, dropping references to the others.
fn cut(doc: &mut Document, keep: usize) {
    if keep >= doc.figures.len() {
        return;
    }
    doc.figures.truncate(keep);
    let ids: std::collections::HashSet<compact_str::CompactString> =
        doc.figures.iter().map(|f| f.id.clone()).collect();
    for f in &mut doc.figures {
        f.same_as.retain(|id| ids.contains(id));
        if f.change.as_ref().is_some_and(|c| !ids.contains(&c.other)) {
            f.change = None;
        }
    }
}

/// One line per figure, the fields search looks at, for `fzf --filter`.
pub fn write_records(ds: &Dataset, out: &mut impl Write) -> std::io::Result<()> {
    let clean = |s: &str| s.replace(['\t', '\n'], " ");
    for doc in &ds.documents {
        for f in &doc.figures {
            let sentence = &doc.sentences[f.sentence].text;
            let headline = doc.sections[f.section].headline.as_deref().unwrap_or("");
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                clean(&f.text),
                clean(f.subject.as_deref().unwrap_or("")),
                clean(sentence),
                clean(headline)
            )?;
        }
    }
    Ok(())
}

/// Compact JSON: the loader reads it as it reads `import`'s pretty output, and a million
/// figures stay a few hundred megabytes.
fn write_json(ds: &Dataset, path: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    serde_json::to_writer(&mut w, ds)?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut figures = 10_000usize;
    let mut out: Option<PathBuf> = None;
    let mut records: Option<PathBuf> = None;
    let mut seed = 1u64;
    let mut one_document = false;
    let mut files: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--figures" | "-n" => figures = value()?.replace('_', "").parse()?,
            "-o" | "--output" => out = Some(value()?.into()),
            "--records" => records = Some(value()?.into()),
            "--seed" => seed = value()?.parse()?,
            "--one-document" => one_document = true,
            "--files" => files = Some(value()?.parse()?),
            _ => {
                return Err(format!(
                    "unknown argument {a}; usage: gen_corpus --figures N -o FILE|DIR [--seed S] [--records FILE] [--one-document | --files K]"
                )
                .into());
            }
        }
    }
    let out = out.ok_or("-o FILE is required")?;
    let ds = generate_shaped(figures, seed, one_document);
    validate(&ds).map_err(|(field, msg)| format!("generated dataset invalid at {field}: {msg}"))?;
    match files {
        // A folder of K dataset files, documents dealt out in order: a researcher's
        // corpus of reports.
        Some(k) => {
            std::fs::create_dir_all(&out)?;
            let per = ds.documents.len().div_ceil(k.max(1));
            for (i, docs) in ds.documents.chunks(per.max(1)).enumerate() {
                let part = Dataset {
                    schema_version: SCHEMA_VERSION,
                    documents: docs.to_vec(),
                };
                write_json(&part, &out.join(format!("report-{:05}.json", i + 1)))?;
            }
        }
        None => write_json(&ds, &out)?,
    }
    if let Some(path) = records {
        let mut w = BufWriter::new(std::fs::File::create(path)?);
        write_records(&ds, &mut w)?;
        w.flush()?;
    }
    eprintln!(
        "wrote {} figures in {} documents to {}",
        ds.documents.iter().map(|d| d.figures.len()).sum::<usize>(),
        ds.documents.len(),
        out.display()
    );
    Ok(())
}
