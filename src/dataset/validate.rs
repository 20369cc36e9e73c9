//! What types alone cannot check: the schema version, spans inside the text and equal
//! to their `text`, references that resolve, unique ids written in the id alphabet
//! ([`crate::text::check_id`]).

use std::collections::HashSet;

use super::unsupported_version;
use crate::model::{Dataset, Document, SCHEMA_VERSION};
use crate::text::check_id;

/// Checks what types alone cannot: the schema version, spans inside the text and equal
/// to their `text`, references that resolve, unique ids. Returns the field path and
/// a message on the first problem.
pub fn validate(ds: &Dataset) -> std::result::Result<(), (String, String)> {
    if ds.schema_version != SCHEMA_VERSION {
        return Err((
            "schema_version".into(),
            unsupported_version(&ds.schema_version.to_string()),
        ));
    }
    let mut doc_ids = HashSet::new();
    for (d, doc) in ds.documents.iter().enumerate() {
        let at = |rest: &str| format!("documents[{d}].{rest}");
        if !doc_ids.insert(doc.id.as_str()) {
            return Err((at("id"), format!("duplicate document id `{}`", doc.id)));
        }
        validate_document(doc).map_err(|(f, m)| (at(&f), m))?;
    }
    Ok(())
}

pub(super) fn validate_document(doc: &Document) -> std::result::Result<(), (String, String)> {
    validate_document_with(doc, &CharOffsets::new(&doc.text))
}

/// [`validate_document`] with the text's offsets already found.
#[allow(clippy::too_many_lines)] // one flat list of checks, each a few lines, read top to bottom
fn validate_document_with(
    doc: &Document,
    offsets: &CharOffsets,
) -> std::result::Result<(), (String, String)> {
    // Ids are printed bare (`DOC:f012`, `same as f003`) and typed back as flags, so
    // they are held to an alphabet; references to them are checked below, by lookup.
    check_id(&doc.id).map_err(|m| ("id".to_string(), format!("document id {m}")))?;
    let span = |start: usize, end: usize, text: Option<&str>| -> std::result::Result<(), String> {
        let (Some(a), Some(b)) = (offsets.byte(start), offsets.byte(end)) else {
            return Err(format!(
                "span {start}..{end} lies outside the text ({} characters)",
                offsets.len
            ));
        };
        if start > end {
            return Err(format!("span {start}..{end} ends before it starts"));
        }
        if let Some(t) = text {
            let actual = &doc.text[a..b];
            if actual != t {
                return Err(format!(
                    "span {start}..{end} holds {:?} in the text, not {:?}",
                    preview(actual),
                    preview(t)
                ));
            }
        }
        Ok(())
    };
    for (i, s) in doc.sections.iter().enumerate() {
        if s.index != i {
            return Err((
                format!("sections[{i}].index"),
                format!("is {}, expected {i}", s.index),
            ));
        }
        span(s.start, s.end, None).map_err(|m| (format!("sections[{i}].start"), m))?;
        if s.first_sentence > s.last_sentence || s.last_sentence > doc.sentences.len() {
            return Err((
                format!("sections[{i}].last_sentence"),
                format!(
                    "sentence range {}..{} is outside the {} sentences",
                    s.first_sentence,
                    s.last_sentence,
                    doc.sentences.len()
                ),
            ));
        }
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        if s.index != i {
            return Err((
                format!("sentences[{i}].index"),
                format!("is {}, expected {i}", s.index),
            ));
        }
        if s.section >= doc.sections.len() {
            return Err((
                format!("sentences[{i}].section"),
                format!(
                    "section {} does not exist ({} sections)",
                    s.section,
                    doc.sections.len()
                ),
            ));
        }
        let sec = &doc.sections[s.section];
        if !(sec.first_sentence..sec.last_sentence).contains(&i) {
            return Err((
                format!("sentences[{i}].section"),
                format!(
                    "is {}, but that section holds sentences {}..{}",
                    s.section, sec.first_sentence, sec.last_sentence
                ),
            ));
        }
        span(s.start, s.end, Some(&s.text)).map_err(|m| (format!("sentences[{i}].text"), m))?;
    }
    let mut ids = HashSet::new();
    for (i, f) in doc.figures.iter().enumerate() {
        check_id(&f.id).map_err(|m| (format!("figures[{i}].id"), format!("figure id {m}")))?;
        if !ids.insert(f.id.as_str()) {
            return Err((
                format!("figures[{i}].id"),
                format!("duplicate figure id `{}`", f.id),
            ));
        }
    }
    for (i, f) in doc.figures.iter().enumerate() {
        let at = |field: &str| format!("figures[{i}].{field}");
        if f.sentence >= doc.sentences.len() {
            return Err((
                at("sentence"),
                format!(
                    "sentence {} does not exist ({} sentences)",
                    f.sentence,
                    doc.sentences.len()
                ),
            ));
        }
        if f.section >= doc.sections.len() {
            return Err((
                at("section"),
                format!(
                    "section {} does not exist ({} sections)",
                    f.section,
                    doc.sections.len()
                ),
            ));
        }
        span(f.start, f.end, Some(&f.text)).map_err(|m| (at("text"), m))?;
        let sentence = &doc.sentences[f.sentence];
        if f.section != sentence.section {
            return Err((
                at("section"),
                format!(
                    "is {}, but its sentence {} is in section {}",
                    f.section, f.sentence, sentence.section
                ),
            ));
        }
        // Views cut the figure out of its sentence (`start - sentence.start`), so a
        // figure outside its sentence would underflow there.
        if f.start < sentence.start || f.end > sentence.end {
            return Err((
                at("start"),
                format!(
                    "span {}..{} is not inside its sentence {} ({}..{})",
                    f.start, f.end, f.sentence, sentence.start, sentence.end
                ),
            ));
        }
        let refs = f
            .same_as
            .iter()
            .enumerate()
            .map(|(j, o)| (format!("same_as[{j}]"), o))
            .chain(
                f.change
                    .as_ref()
                    .map(|c| ("change.other".to_string(), &c.other)),
            );
        for (field, other) in refs {
            if !ids.contains(other.as_str()) {
                return Err((
                    at(&field),
                    format!("refers to figure `{other}`, which does not exist"),
                ));
            }
        }
        for (name, v) in [("value", f.value), ("high", f.high)] {
            if v.is_some_and(|v| !v.is_finite()) {
                return Err((at(name), "is not a finite number".into()));
            }
        }
    }
    Ok(())
}

/// Fills each sentence's text from its span of the document text (the binary cache
/// leaves it out), then checks the document. `None` if anything is wrong.
pub(super) fn fill_sentence_texts_and_check(doc: &mut Document) -> Option<()> {
    let offsets = CharOffsets::new(&doc.text);
    for s in &mut doc.sentences {
        let (a, b) = (offsets.byte(s.start)?, offsets.byte(s.end)?);
        s.text = doc.text.get(a..b)?.to_string();
    }
    validate_document_with(doc, &offsets).ok()
}

/// Char offset → byte offset for a document's text: the byte offset of every 16th char,
/// found in one pass, and a walk of at most 15 chars from there. A table of every char
/// would cost four or eight bytes per char (more than the dataset for a 100 MB text);
/// sorting the spans' offsets first cost more time than the walks.
struct CharOffsets<'a> {
    text: &'a str,
    marks: Vec<usize>,
    /// The text's length in chars.
    len: usize,
}

const MARK_EVERY: usize = 16;

impl CharOffsets<'_> {
    fn new(text: &str) -> CharOffsets<'_> {
        let mut marks = Vec::with_capacity(text.len() / MARK_EVERY + 1);
        let mut len = 0;
        // Counting the bytes that start a char is cheaper than decoding them.
        for (b, &byte) in text.as_bytes().iter().enumerate() {
            if byte & 0xC0 != 0x80 {
                if len % MARK_EVERY == 0 {
                    marks.push(b);
                }
                len += 1;
            }
        }
        CharOffsets { text, marks, len }
    }

    /// The byte offset of char offset `c`, if it is in (or at the end of) the text.
    fn byte(&self, c: usize) -> Option<usize> {
        if c >= self.len {
            return (c == self.len).then_some(self.text.len());
        }
        let bytes = self.text.as_bytes();
        let mut at = self.marks[c / MARK_EVERY];
        for _ in 0..c % MARK_EVERY {
            // The leading byte says how long the char is; the text is valid UTF-8.
            at += match bytes[at] {
                0..0xC0 => 1,
                0xC0..0xE0 => 2,
                0xE0..0xF0 => 3,
                _ => 4,
            };
        }
        Some(at)
    }
}

/// At most 40 chars of `s`, so a message about a wrong span stays readable.
fn preview(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::CharOffsets;

    #[test]
    fn char_offsets_agree_with_char_indices_everywhere() {
        let texts = [
            String::new(),
            "a".into(),
            "累计投资约37亿元".into(),
            "ab😀中文\n第二行，4.83万人次。".repeat(7),
            "一".repeat(16 * 5),
        ];
        for text in &texts {
            let offsets = CharOffsets::new(text);
            let mut expected: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            expected.push(text.len());
            for (c, &b) in expected.iter().enumerate() {
                assert_eq!(offsets.byte(c), Some(b), "char {c} of {text:?}");
            }
            assert_eq!(offsets.byte(expected.len()), None);
            assert_eq!(offsets.byte(expected.len() + 100), None);
        }
    }
}
