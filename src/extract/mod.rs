//! Chinese text → sections, sentences and figures.
//!
//! The extractor works on any UTF-8 text. Everything is indexed by `char`, never by
//! byte, so spans can always be cut out of the original text. Must not import ratatui,
//! crossterm or clap, and never prints.

pub mod decimal;
mod figures;
pub mod numeral;
mod repair;
pub mod structure;
mod subject;
mod typed;
pub mod units;

use std::collections::HashMap;

pub use decimal::Decimal;

use crate::model::{Change, ChangeRole, Document, Figure, Meta, Section, Sentence};

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
        // Figures are read from a repaired view of the sentence; spans map back.
        let v = repair::view(&chars, s.start, s.end);
        let raws = figures::scan(&v.chars, 0, v.chars.len());
        let bounds: Vec<(usize, usize)> = raws
            .iter()
            .filter(|r| r.kind.is_quantity() || r.kind == crate::model::Kind::Date)
            .map(|r| (r.start, r.end))
            .collect();
        let first = figures.len();
        for mut r in raws {
            let subject = r.kind.is_quantity().then(|| {
                let floor = bounds
                    .iter()
                    .map(|q| q.1)
                    .filter(|&e| e <= r.start)
                    .max()
                    .unwrap_or(0);
                let prefer_after = r.dimension == crate::model::Dimension::Age;
                subject::subject(
                    &v.chars,
                    (r.start, r.end),
                    floor,
                    v.chars.len(),
                    prefer_after,
                )
            });
            (r.start, r.end) = v.original(r.start, r.end);
            if let Some(w) = repair::repair_warning(&chars[r.start..r.end]) {
                r.warnings.push(w.to_string());
            }
            figures.push(to_figure(&chars, r, subject.flatten(), s));
        }
        link_changes(&chars, &mut figures[first..]);
    }
    for (i, f) in figures.iter_mut().enumerate() {
        f.id = format!("f{:03}", i + 1);
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

fn to_figure(chars: &[char], r: figures::Raw, subject: Option<String>, s: &Sentence) -> Figure {
    Figure {
        id: String::new(),
        kind: r.kind,
        text: chars[r.start..r.end].iter().collect(),
        exact: r.value.map(|v| v.to_string()),
        value: r.value.map(Decimal::to_f64),
        exact_high: r.high.map(|v| v.to_string()),
        high: r.high.map(Decimal::to_f64),
        shape: r.shape,
        inclusive: r.inclusive,
        approx: r.approx,
        unit: r.unit.map(str::to_string),
        dimension: r.dimension,
        subject,
        rate: r.rate,
        // Filled in by `link_changes`; the index in the sentence stands in for the id
        // until ids are given.
        change: r.change_from.then(|| Change {
            role: ChangeRole::From,
            other: String::new(),
            verb: String::new(),
        }),
        date: r.date,
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
    "调整", "",
];

/// Links `由A提高至B`: A gets role `from`, B role `to`, each naming the other. Figures
/// here are one sentence's; `other` holds the partner's position until ids exist.
fn link_changes(chars: &[char], figs: &mut [Figure]) {
    for i in 0..figs.len() {
        if figs[i]
            .change
            .as_ref()
            .is_some_and(|c| c.role == ChangeRole::To)
        {
            continue;
        }
        if figs[i].change.is_none() || i + 1 >= figs.len() {
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
                    other: format!("#{}", i + 1),
                    verb: verb.clone(),
                });
                figs[i + 1].change = Some(Change {
                    role: ChangeRole::To,
                    other: format!("#{i}"),
                    verb,
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
    let ids: Vec<String> = figs.iter().map(|f| f.id.clone()).collect();
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
        if members.len() < 2 {
            continue;
        }
        for &i in members {
            figs[i].same_as = members
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| figs[j].id.clone())
                .collect();
        }
    }
}
