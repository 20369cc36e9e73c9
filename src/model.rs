//! The data model: datasets → documents → sections → sentences → figures.
//!
//! Plain serde types, shared by the extractor, the dataset loader, the index, the
//! subcommands and the TUI. All offsets are **char** offsets (Unicode scalar values)
//! into [`Document::text`], end exclusive, so Chinese text can never be split inside a
//! character. This module must not import ratatui, crossterm or clap, and never prints.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Version of the dataset JSON layout. Bump it on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// A file of one or more documents, as written by `pa-explorer import`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub schema_version: u32,
    pub documents: Vec<Document>,
}

/// One source text and everything extracted from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Short stable identifier, unique within a dataset (e.g. `jinan-2021-poverty`).
    pub id: String,
    pub meta: Meta,
    /// The whole source text, exactly as read: a BOM and CRLF line ends are kept, so
    /// every char offset points into the original (the extractor treats them as white
    /// space).
    pub text: String,
    pub sections: Vec<Section>,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<Figure>,
}

/// Where a document comes from. Any field may be absent; `inferred` names the fields
/// that were not stated by the source itself but deduced (e.g. a year from the content).
/// The fields after `notes` were added later: they default when absent, so older
/// datasets still load, and are left out of the JSON when absent (see `Serialize`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// ISO 8601 date or partial date (`2021`, `2021-04`, `2021-04-09`).
    pub date: Option<String>,
    /// BCP 47 language tag, `zh-Hans` for simplified Chinese.
    pub language: Option<String>,
    /// File name the text was imported from.
    pub source: Option<String>,
    #[serde(default)]
    pub inferred: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Where the source was fetched from (`import --url`).
    #[serde(default)]
    pub url: Option<String>,
    /// SHA-256 of the source file's bytes, lower-case hex.
    #[serde(default)]
    pub sha256: Option<String>,
    /// What the source was: `text`, `html`, `pdf` or `docx`.
    #[serde(default)]
    pub format: Option<String>,
    /// The encoding the source was read in (`UTF-8`, `GBK`, `gb18030`, `Big5`,
    /// `UTF-16LE`…, encoding_rs's names); absent for PDF and Word.
    #[serde(default)]
    pub encoding: Option<String>,
    /// How that encoding was decided: `flag`, `bom`, `charset` (declared by the page) or
    /// `bytes` (valid UTF-8, or guessed from the bytes).
    #[serde(default)]
    pub encoding_from: Option<String>,
    /// The fields (`title`, `date`, `publisher`) read from the source itself (a page's
    /// metadata or its `发布时间：… 来源：…` line) rather than given on the command line.
    #[serde(default)]
    pub from_source: Vec<String>,
}

/// Written by hand for the same reason as [`Figure`]'s: the fields that predate the
/// added ones are always written, as before; the added ones only when present in JSON,
/// and always in the binary cache, which has no field names.
impl Serialize for Meta {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let every = !s.is_human_readable();
        let mut st = s.serialize_struct("Meta", 13)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("publisher", &self.publisher)?;
        st.serialize_field("date", &self.date)?;
        st.serialize_field("language", &self.language)?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("inferred", &self.inferred)?;
        st.serialize_field("notes", &self.notes)?;
        macro_rules! field {
            ($name:literal, $v:expr, $absent:expr) => {
                if every || !$absent {
                    st.serialize_field($name, &$v)?;
                } else {
                    st.skip_field($name)?;
                }
            };
        }
        field!("url", self.url, self.url.is_none());
        field!("sha256", self.sha256, self.sha256.is_none());
        field!("format", self.format, self.format.is_none());
        field!("encoding", self.encoding, self.encoding.is_none());
        field!(
            "encoding_from",
            self.encoding_from,
            self.encoding_from.is_none()
        );
        field!("from_source", self.from_source, self.from_source.is_empty());
        st.end()
    }
}

/// A section: index 0 is the lead before the first headline, then one per headline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub index: usize,
    /// The headline line as written; `None` for the lead.
    pub headline: Option<String>,
    /// Char span of the whole section, headline included.
    pub start: usize,
    pub end: usize,
    /// Sentence indices `first..last` (end exclusive) that belong to the section; the
    /// headline, when there is one, is the first of them.
    pub first_sentence: usize,
    pub last_sentence: usize,
}

impl Section {
    /// The lead, empty until sentences are added: every document has one, even when it
    /// starts with a headline.
    pub fn lead() -> Section {
        Section {
            index: 0,
            headline: None,
            start: 0,
            end: 0,
            first_sentence: 0,
            last_sentence: 0,
        }
    }
}

/// A sentence (or a headline line), with its place in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sentence {
    pub index: usize,
    pub section: usize,
    /// Paragraph (source line) index, counting from 0 over the whole document.
    pub paragraph: usize,
    /// True for a section headline.
    #[serde(default)]
    pub headline: bool,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What a figure is. Quantity kinds carry a value in a unit; the others are numerals
/// that are typed so they are never shown as amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A count or a sum: money, people, items, length, age…
    Amount,
    /// A percentage (`%`, `百分之`).
    Percent,
    /// A difference of percentages (`个百分点`), never merged with percent.
    PercentagePoint,
    /// A multiple (`倍`).
    Multiple,
    /// A span of time (`5年`, `五年来`, `连续6年`).
    Duration,
    /// A calendar date or period (`2018年12月`, `2020年底`, `2015年以来`).
    Date,
    /// A clock time (`10时50分`).
    Time,
    /// An ordinal (`第三场`, `首个`).
    Ordinal,
    /// A numeral inside a name or slogan (`五免一享`, `两项补贴`, `一体化`).
    Name,
    /// A grade or level (`二级`).
    Level,
}

impl Kind {
    /// Whether the figure is a statistic with a value to compare.
    pub fn is_quantity(self) -> bool {
        matches!(
            self,
            Kind::Amount | Kind::Percent | Kind::PercentagePoint | Kind::Multiple | Kind::Duration
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Amount => "amount",
            Kind::Percent => "percent",
            Kind::PercentagePoint => "percentage_point",
            Kind::Multiple => "multiple",
            Kind::Duration => "duration",
            Kind::Date => "date",
            Kind::Time => "time",
            Kind::Ordinal => "ordinal",
            Kind::Name => "name",
            Kind::Level => "level",
        }
    }
}

/// What a unit measures; figures are comparable only within one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Money,
    People,
    PersonTimes,
    Households,
    Items,
    Percent,
    PercentagePoints,
    Multiple,
    Length,
    Area,
    Mass,
    Age,
    Time,
    /// Cubic metres (`亿立方米` of water or gas).
    Volume,
    /// Electricity and heat (`千瓦时`, `度`).
    Energy,
    /// Installed capacity (`兆瓦`, `千瓦`).
    Power,
    /// `兆帕`.
    Pressure,
    /// `兆赫`.
    Frequency,
    /// Transport work: passengers or freight times distance (`人公里`, `吨公里`).
    Turnover,
    /// A bare number with no unit.
    Count,
    /// Not a quantity (dates, names, ordinals…).
    None,
}

impl Dimension {
    pub const ALL: [Dimension; 21] = [
        Dimension::Money,
        Dimension::People,
        Dimension::PersonTimes,
        Dimension::Households,
        Dimension::Items,
        Dimension::Percent,
        Dimension::PercentagePoints,
        Dimension::Multiple,
        Dimension::Length,
        Dimension::Area,
        Dimension::Mass,
        Dimension::Age,
        Dimension::Time,
        Dimension::Volume,
        Dimension::Energy,
        Dimension::Power,
        Dimension::Pressure,
        Dimension::Frequency,
        Dimension::Turnover,
        Dimension::Count,
        Dimension::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Money => "money",
            Dimension::People => "people",
            Dimension::PersonTimes => "person_times",
            Dimension::Households => "households",
            Dimension::Items => "items",
            Dimension::Percent => "percent",
            Dimension::PercentagePoints => "percentage_points",
            Dimension::Multiple => "multiple",
            Dimension::Length => "length",
            Dimension::Area => "area",
            Dimension::Mass => "mass",
            Dimension::Age => "age",
            Dimension::Time => "time",
            Dimension::Volume => "volume",
            Dimension::Energy => "energy",
            Dimension::Power => "power",
            Dimension::Pressure => "pressure",
            Dimension::Frequency => "frequency",
            Dimension::Turnover => "turnover",
            Dimension::Count => "count",
            Dimension::None => "none",
        }
    }

    /// How the dimension reads to a person (`person-times`, `not a quantity`).
    pub fn label(self) -> &'static str {
        match self {
            Dimension::PersonTimes => "person-times",
            Dimension::PercentagePoints => "percentage points",
            Dimension::None => "not a quantity",
            other => other.as_str(),
        }
    }

    pub fn parse(s: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// The shape of a stated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    Point,
    /// `300余个`, `超过X` (exclusive) or `X以上`, `至少X` (inclusive).
    LowerBound,
    /// `近X`, `不足X` (exclusive) or `X以下`, `X以内` (inclusive).
    UpperBound,
    /// `0-17岁`, `三至五万元`: `value` is the low end, `high` the high end.
    Interval,
}

impl Shape {
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Point => "point",
            Shape::LowerBound => "lower_bound",
            Shape::UpperBound => "upper_bound",
            Shape::Interval => "interval",
        }
    }
}

/// Whether the value is stated exactly or approximately (`约`, `左右`, `大约`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    Exact,
    About,
}

/// The role of a figure in a stated change (`由A提高至B`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeRole {
    From,
    To,
    /// A difference from a base stated just before (`比上年增长6.7%`): `other` is the
    /// figure it changes, `verb` says how (`比上年增长`, `下降`).
    Delta,
}

/// The direction of a stated change (`增长`, `增加` up; `下降`, `减少` down). It is not a
/// sign: `下降2.1%` keeps 2.1 and says down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub role: ChangeRole,
    /// Id of the figure at the other end of the change (for a delta, its base).
    pub other: CompactString,
    /// The verb phrase as written (`提高至`, `下降到`).
    pub verb: CompactString,
}

/// The period a figure is stated for: the phrase as written and its ends, each as
/// precise as the text (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), `None` when open or unstated
/// (`截至2020年6月底` has no start; `五年来` states neither end as a date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub text: CompactString,
    pub from: Option<CompactString>,
    pub to: Option<CompactString>,
}

/// One figure: a numeral in the text, typed, valued and placed. Absent optional fields
/// and empty lists are left out of the JSON (see the `Serialize` impl below).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Unique within its document (`f001`, `f002`… in text order).
    pub id: CompactString,
    pub kind: Kind,
    /// The exact source text of the figure, qualifiers and unit included.
    pub text: CompactString,
    /// Value in the canonical unit, exactly, as a decimal string (`15261100`); for a
    /// bound the stated bound, for an interval its low end. `None` for non-quantities
    /// whose numeral has no meaningful value.
    #[serde(default)]
    pub exact: Option<CompactString>,
    /// The same value as f64, for sorting and filtering.
    #[serde(default)]
    pub value: Option<f64>,
    /// Interval high end, exactly and as f64.
    #[serde(default)]
    pub exact_high: Option<CompactString>,
    #[serde(default)]
    pub high: Option<f64>,
    pub shape: Shape,
    /// For bounds: whether the bound itself is included (`以上` yes, `余` no).
    #[serde(default)]
    pub inclusive: Option<bool>,
    pub approx: Approx,
    /// Canonical unit (`元`, `人`, `人次`, `个`, `%`, `公里`, `岁` …); `None` when bare.
    #[serde(default)]
    pub unit: Option<CompactString>,
    pub dimension: Dimension,
    /// The phrase the figure counts, from its clause.
    #[serde(default)]
    pub subject: Option<CompactString>,
    /// A rate stated with the figure (`每人每年`).
    #[serde(default)]
    pub rate: Option<CompactString>,
    #[serde(default)]
    pub change: Option<Change>,
    /// The direction a verb just before the figure states (`下降2.1%`: down); `None`
    /// when no change is stated.
    #[serde(default)]
    pub direction: Option<Direction>,
    /// Normalized form of a date or period (`2018-12`, `2020 year end`).
    #[serde(default)]
    pub date: Option<CompactString>,
    /// The period the figure is stated for, from the phrase that governs it
    /// (`2018年12月至2020年底`); `None` when the text states none.
    #[serde(default)]
    pub period: Option<Period>,
    pub sentence: usize,
    pub section: usize,
    pub start: usize,
    pub end: usize,
    /// Ids of other figures in the document with the same kind, value and unit.
    #[serde(default)]
    pub same_as: Vec<CompactString>,
    /// Anything the extractor was unsure about, in words.
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// Written by hand because JSON and the binary cache want different things: JSON leaves
/// absent optional fields and empty lists out (a million figures of `"rate": null` cost
/// parse time for nothing), while a binary format has no field names, so it must write
/// every field, in declaration order, for the derived `Deserialize` to read them back.
impl Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let every = !s.is_human_readable();
        let mut st = s.serialize_struct("Figure", 24)?;
        macro_rules! field {
            ($name:literal, $v:expr, $absent:expr) => {
                if every || !$absent {
                    st.serialize_field($name, &$v)?;
                } else {
                    st.skip_field($name)?;
                }
            };
        }
        field!("id", self.id, false);
        field!("kind", self.kind, false);
        field!("text", self.text, false);
        field!("exact", self.exact, self.exact.is_none());
        field!("value", self.value, self.value.is_none());
        field!("exact_high", self.exact_high, self.exact_high.is_none());
        field!("high", self.high, self.high.is_none());
        field!("shape", self.shape, false);
        field!("inclusive", self.inclusive, self.inclusive.is_none());
        field!("approx", self.approx, false);
        field!("unit", self.unit, self.unit.is_none());
        field!("dimension", self.dimension, false);
        field!("subject", self.subject, self.subject.is_none());
        field!("rate", self.rate, self.rate.is_none());
        field!("change", self.change, self.change.is_none());
        field!("direction", self.direction, self.direction.is_none());
        field!("date", self.date, self.date.is_none());
        field!("period", self.period, self.period.is_none());
        field!("sentence", self.sentence, false);
        field!("section", self.section, false);
        field!("start", self.start, false);
        field!("end", self.end, false);
        field!("same_as", self.same_as, self.same_as.is_empty());
        field!("warnings", self.warnings, self.warnings.is_empty());
        st.end()
    }
}

impl Figure {
    /// The value for tables: mark and grouped digits (`≈3,700,000,000`, `0–17`), a
    /// normalized date, or the kind for numerals that have no value to show.
    pub fn display_value(&self) -> String {
        use crate::decimal::group_str;
        match self.kind {
            Kind::Date => return self.date.as_deref().unwrap_or("date").to_string(),
            Kind::Name | Kind::Time => return String::new(),
            Kind::Ordinal => return format!("#{}", self.exact.as_deref().unwrap_or("?")),
            Kind::Level => return self.exact.as_deref().unwrap_or_default().to_string(),
            _ => {}
        }
        let Some(exact) = self.exact.as_deref() else {
            return "?".into();
        };
        match (&self.exact_high, self.shape) {
            (Some(high), Shape::Interval) => format!("{}–{}", group_str(exact), group_str(high)),
            _ => format!("{}{}", self.mark(), group_str(exact)),
        }
    }

    /// A one-character mark for the figure's shape and approximation, for tables.
    pub fn mark(&self) -> &'static str {
        match (self.shape, self.approx, self.inclusive) {
            (Shape::Interval, _, _) => "↔",
            (Shape::LowerBound, _, Some(true)) => "≥",
            (Shape::LowerBound, _, _) => ">",
            (Shape::UpperBound, _, Some(true)) => "≤",
            (Shape::UpperBound, _, _) => "<",
            (Shape::Point, Approx::About, _) => "≈",
            (Shape::Point, Approx::Exact, _) => "",
        }
    }
}
