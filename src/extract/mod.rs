//! Chinese text → sections, sentences and figures.
//!
//! The extractor works on any UTF-8 text. Everything is indexed by `char`, never by
//! byte, so spans can always be cut out of the original text. Must not import ratatui,
//! crossterm or clap, and never prints.

mod figures;
pub mod numeral;
pub(crate) mod repair;
pub mod structure;
mod subject;
mod typed;
pub mod units;

use compact_str::CompactString;
use std::collections::HashMap;

/// The decimal lives below the model; re-exported so `extract::decimal` callers keep working.
pub use crate::decimal;
pub use crate::decimal::Decimal;

use crate::model::{
    Change, ChangeRole, Dimension, Document, Figure, Kind, Meta, Section, Sentence,
};

/// Everything extracted from one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub sections: Vec<Section>,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<Figure>,
}

/// Extracts sections, sentences and figures from `text`. Never fails: text with no
/// figures gives an empty list, and doubtful values carry warnings instead of guesses.
pub fn extract(text: &str) -> Extraction {
    let chars: Vec<char> = text.chars().collect();
    let st = structure::split(&chars);
    let mut figures = Vec::new();
    for s in &st.sentences {
        let first = figures.len();
        read_sentence(&chars, s, &mut figures);
        link_changes(&chars, &mut figures[first..]);
    }
    for (i, f) in figures.iter_mut().enumerate() {
        f.id = compact_str::format_compact!("f{:03}", i + 1);
    }
    resolve_change_ids(&mut figures);
    link_same(&mut figures);
    Extraction {
        sections: st.sections,
        sentences: st.sentences,
        figures,
    }
}

/// A whole document: the text with its extraction and metadata.
pub fn document(id: &str, meta: Meta, text: String) -> Document {
    let Extraction {
        sections,
        sentences,
        figures,
    } = extract(&text);
    Document {
        id: id.to_string(),
        meta,
        text,
        sections,
        sentences,
        figures,
    }
}

/// Appends the figures of sentence `s`. They are read from a repaired view of the
/// sentence (see `repair`); spans are mapped back to the original chars.
fn read_sentence(chars: &[char], s: &Sentence, figures: &mut Vec<Figure>) {
    let v = repair::view(chars, s.start, s.end);
    let raws = figures::scan(&v.chars, 0, v.chars.len());
    // Subjects are read between quantities (and dates), not across them.
    let bounds: Vec<usize> = raws
        .iter()
        .filter(|r| r.kind.is_quantity() || r.kind == Kind::Date)
        .map(|r| r.end)
        .collect();
    let first = figures.len();
    for mut r in raws {
        let mut subject = None;
        let mut change = None;
        if r.kind.is_quantity() {
            // Figures come in text order, so their ends are sorted.
            let k = bounds.partition_point(|&e| e <= r.start);
            let floor = if k > 0 { bounds[k - 1] } else { 0 };
            let prefer_after = r.dimension == Dimension::Age;
            subject = subject::subject(
                &v.chars,
                (r.start, r.end),
                floor,
                v.chars.len(),
                prefer_after,
            );
            // 比上年增长6.7%: a change of the quantity stated just before.
            let base = figures[first..].iter().rposition(|f| f.kind.is_quantity());
            if let (Some(verb), Some(b)) = (subject::delta_phrase(&v.chars, r.start), base) {
                let base_subject = figures[first + b].subject.clone().unwrap_or_default();
                subject = Some(format!("{base_subject} {verb}").trim().to_string());
                change = Some(Change {
                    role: ChangeRole::Delta,
                    other: compact_str::format_compact!("#{b}"),
                    verb: verb.into(),
                });
            }
        }
        (r.start, r.end) = v.original(r.start, r.end);
        if let Some(w) = repair::repair_warning(&chars[r.start..r.end]) {
            r.warnings.push(w.to_string());
        }
        let mut f = to_figure(chars, r, subject, s);
        if change.is_some() {
            f.change = change;
        }
        figures.push(f);
    }
}

fn to_figure(chars: &[char], r: figures::Raw, subject: Option<String>, s: &Sentence) -> Figure {
    Figure {
        id: CompactString::default(),
        kind: r.kind,
        text: chars[r.start..r.end].iter().collect(),
        exact: r
            .value
            .map(|v| compact_str::ToCompactString::to_compact_string(&v)),
        value: r.value.map(Decimal::to_f64),
        exact_high: r
            .high
            .map(|v| compact_str::ToCompactString::to_compact_string(&v)),
        high: r.high.map(Decimal::to_f64),
        shape: r.shape,
        inclusive: r.inclusive,
        approx: r.approx,
        unit: r.unit.map(CompactString::from),
        dimension: r.dimension,
        subject: subject.map(CompactString::from),
        rate: r.rate.map(CompactString::from),
        // Filled in by `link_changes`; the index in the sentence stands in for the id
        // until ids are given.
        change: r.change_from.then(|| Change {
            role: ChangeRole::From,
            other: CompactString::default(),
            verb: CompactString::default(),
        }),
        date: r.date.map(CompactString::from),
        sentence: s.index,
        section: s.section,
        start: r.start,
        end: r.end,
        same_as: Vec::new(),
        warnings: r.warnings,
    }
}

/// Verbs of a stated change, between its two figures (`由A提高至B`).
const CHANGE_VERBS: &[&str] = &[
    "提高", "提升", "增加", "增长", "上升", "上调", "扩大", "下降", "减少", "降低", "下调", "缩小",
    "调整", "增", "降", "减", "減", "",
];

/// Links `由A提高至B`: A gets role `from`, B role `to`, each naming the other. Figures
/// here are one sentence's; `other` holds the partner's position until ids exist.
fn link_changes(chars: &[char], figs: &mut [Figure]) {
    for i in 0..figs.len() {
        // `to_figure` marks a figure after 由/从 with an empty `from`; nothing else here.
        let pending = figs[i]
            .change
            .as_ref()
            .is_some_and(|c| c.role == ChangeRole::From && c.other.is_empty());
        if !pending {
            continue;
        }
        if i + 1 >= figs.len() {
            figs[i].change = None;
            continue;
        }
        let between: String = chars[figs[i].end..figs[i + 1].start]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        let verb = CHANGE_VERBS.iter().find_map(|v| {
            ["至", "到", "为"]
                .iter()
                .find(|t| between == format!("{v}{t}"))
                .map(|t| format!("{v}{t}"))
        });
        match verb {
            Some(verb) if figs[i + 1].kind.is_quantity() => {
                figs[i].change = Some(Change {
                    role: ChangeRole::From,
                    other: compact_str::format_compact!("#{}", i + 1),
                    verb: verb.as_str().into(),
                });
                figs[i + 1].change = Some(Change {
                    role: ChangeRole::To,
                    other: compact_str::format_compact!("#{i}"),
                    verb: verb.into(),
                });
                // The figure after the verb counts the same thing as the one before.
                let from = figs[i].subject.clone();
                figs[i + 1].subject = from;
            }
            _ => figs[i].change = None,
        }
    }
}

/// Turns the in-sentence positions left by `link_changes` into figure ids.
fn resolve_change_ids(figs: &mut [Figure]) {
    let mut first_in_sentence: HashMap<usize, usize> = HashMap::new();
    for (i, f) in figs.iter().enumerate() {
        first_in_sentence.entry(f.sentence).or_insert(i);
    }
    let ids: Vec<CompactString> = figs.iter().map(|f| f.id.clone()).collect();
    for f in figs.iter_mut() {
        if let Some(c) = &mut f.change
            && let Some(pos) = c
                .other
                .strip_prefix('#')
                .and_then(|p| p.parse::<usize>().ok())
        {
            c.other
                .clone_from(&ids[first_in_sentence[&f.sentence] + pos]);
        }
    }
}

/// Fills `same_as`: quantities stated again elsewhere (headline, lead and body often
/// repeat a figure) with the same kind, value, unit, shape and approximation.
/// A value stated more often than this is a common number, not one figure repeated;
/// the bound also keeps the pairwise comparison cheap on generated corpora.
const MAX_SAME: usize = 64;

fn subjects_agree(a: &Figure, b: &Figure) -> bool {
    match (a.subject.as_deref(), b.subject.as_deref()) {
        (Some(x), Some(y)) => x.contains(y) || y.contains(x),
        (None, None) => true,
        _ => false,
    }
}

fn link_same(figs: &mut [Figure]) {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, f) in figs.iter().enumerate() {
        if !f.kind.is_quantity() || f.exact.is_none() {
            continue;
        }
        let key = format!(
            "{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            f.kind.as_str(),
            f.exact,
            f.exact_high,
            f.unit,
            f.shape,
            f.approx,
            f.rate
        );
        groups.entry(key).or_default().push(i);
    }
    for members in groups.values() {
        // Same value and unit is not enough (two growth rates of 6.1% of different
        // things): the subjects must agree, one containing the other, as a headline's
        // shorter wording contains the body's.
        for &i in members.iter().take(MAX_SAME) {
            let same: Vec<CompactString> = members
                .iter()
                .take(MAX_SAME)
                .filter(|&&j| j != i && subjects_agree(&figs[i], &figs[j]))
                .map(|&j| figs[j].id.clone())
                .collect();
            figs[i].same_as = same;
        }
    }
}
