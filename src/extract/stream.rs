//! Extraction of a text read line by line, so memory follows the largest paragraph
//! (and the number of figures), not the input: what `pa-explorer extract` runs.
//!
//! It owns only the driving: reading lines, the paragraph and section state carried
//! from one line to the next, and a window of chars holding the paragraph in hand
//! (global char offsets are the window's plus its `base`). Every decision is made by
//! the functions [`super::extract`] uses, on the same chars, so the result is the same
//! as extracting the whole text at once (`tests/extract_stream.rs` pins that); the
//! line loop mirrors [`super::structure::split`] and must change with it.
//!
//! Two passes, each extracting every sentence: the first ([`repeats`]) finds which
//! figures repeat which (`same_as` names figures stated later, so it needs all of
//! them) and reads all the input, so a bad byte is found before anything is written;
//! the second ([`emit_figures`]) hands each figure out with its sentence and headline.
//! Between them only the repeats are kept: no text, no figure.
//! Core module: never prints; must not import ratatui, crossterm or clap.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use super::structure::{
    broken_between, is_closing, is_final, is_headline, is_long, sentence_spans, trim,
};
use super::{MAX_SAME, resolve_change_ids, same_key, subjects_agree};
use crate::error::Error;
use crate::model::{Figure, Sentence};
use compact_str::CompactString;

/// Why a streamed extraction stopped: the input could not be read (or was not UTF-8),
/// or the caller's `emit` failed.
#[derive(Debug)]
pub enum Stop<E> {
    Input(Error),
    Emit(E),
}

/// What the first pass keeps: for each figure stated again elsewhere, the indices
/// (in text order) of the figures it is the same as. Nothing else of the text; while
/// reading, one key per distinct quantity and at most [`MAX_SAME`] subjects each.
#[derive(Debug, Default)]
pub struct Repeats {
    same: HashMap<u32, Vec<u32>>,
}

/// The first pass: reads all of the input (so a bad byte stops the command before
/// anything is written) and finds which figures repeat which, as
/// [`super::link_same`] does on the whole text. Per figure it keeps nothing; per
/// group of equal quantities, the first [`MAX_SAME`] members' subjects.
pub fn repeats(input: impl BufRead, path: &Path) -> Result<Repeats, Error> {
    let mut groups: HashMap<String, Vec<(u32, Option<CompactString>)>> = HashMap::new();
    let mut count = 0u32;
    let walked = sentences(input, path, |window, s, _| {
        for f in sentence_figures(window, s, count) {
            if let Some(key) = same_key(&f) {
                let members = groups.entry(key).or_default();
                // Beyond this, `link_same` neither links a figure nor links to it.
                if members.len() < MAX_SAME {
                    members.push((count, f.subject));
                }
            }
            count += 1;
        }
        Ok::<(), std::convert::Infallible>(())
    });
    match walked {
        Ok(()) => {}
        Err(Stop::Input(e)) => return Err(e),
        Err(Stop::Emit(never)) => match never {},
    }
    let mut same = HashMap::new();
    for members in groups.values() {
        for (i, (fi, si)) in members.iter().enumerate() {
            let others: Vec<u32> = members
                .iter()
                .enumerate()
                .filter(|&(j, (_, sj))| j != i && subjects_agree(si.as_deref(), sj.as_deref()))
                .map(|(_, &(fj, _))| fj)
                .collect();
            if !others.is_empty() {
                same.insert(*fi, others);
            }
        }
    }
    Ok(Repeats { same })
}

/// The second pass: extracts the figures again, sentence by sentence, and hands each
/// to `emit`, in text order, with `same_as` from `repeats` (made by [`repeats`] on the
/// same text), its sentence's text and its section's headline.
pub fn emit_figures<E>(
    repeats: &Repeats,
    input: impl BufRead,
    path: &Path,
    mut emit: impl FnMut(&Figure, &str, Option<&str>) -> Result<(), E>,
) -> Result<(), Stop<E>> {
    let mut count = 0u32;
    sentences(input, path, |window, s, headline| {
        for mut f in sentence_figures(window, s, count) {
            if let Some(same) = repeats.same.get(&count) {
                f.same_as = same.iter().map(|&j| figure_id(j as usize)).collect();
            }
            emit(&f, &s.text, headline)?;
            count += 1;
        }
        Ok(())
    })
}

/// The id [`super::extract`] gives the `i`-th figure (from 0).
fn figure_id(i: usize) -> CompactString {
    compact_str::format_compact!("f{:03}", i + 1)
}

/// The figures of sentence `s` (global spans), numbered from `first`, as
/// [`super::extract`] makes them, all but `same_as`.
fn sentence_figures(window: &Window, s: &Sentence, first: u32) -> Vec<Figure> {
    let base = window.base;
    // The window's chars are indexed from `base`; the extractor works on them as on a
    // whole text, and its spans are moved back to global offsets after.
    let local = Sentence {
        start: s.start - base,
        end: s.end - base,
        text: String::new(),
        ..*s
    };
    let mut figs = Vec::new();
    super::sentence_figures(&window.chars, &local, &mut figs);
    for (i, f) in figs.iter_mut().enumerate() {
        f.start += base;
        f.end += base;
        f.id = figure_id(first as usize + i);
    }
    resolve_change_ids(&mut figs);
    figs
}

/// The chars in hand: `chars[i]` is the text's char `base + i`.
pub struct Window {
    pub chars: Vec<char>,
    pub base: usize,
}

impl Window {
    /// Forgets the chars before global offset `at`.
    fn drop_before(&mut self, at: usize) {
        let n = at.saturating_sub(self.base).min(self.chars.len());
        self.chars.drain(..n);
        self.base += n;
    }
}

/// Where the line loop stands between lines (the state of `structure::split`).
struct State {
    sentences: usize,
    /// The current section: its index and headline (`None` for the lead).
    section: usize,
    headline: Option<String>,
    paragraph: usize,
    /// A paragraph whose last line did not end a sentence: its global start.
    open: Option<usize>,
    after_break: bool,
}

/// The second pass (and the walk under the first): every sentence in text order, with
/// global spans and its text, given with the window that holds it and the headline of
/// its section.
pub fn sentences<E>(
    mut input: impl BufRead,
    path: &Path,
    mut on_sentence: impl FnMut(&Window, &Sentence, Option<&str>) -> Result<(), E>,
) -> Result<(), Stop<E>> {
    let mut st = State {
        sentences: 0,
        section: 0,
        headline: None,
        paragraph: 0,
        open: None,
        after_break: true,
    };
    let mut window = Window {
        chars: Vec::new(),
        base: 0,
    };
    // The last non-blank line read, as a global trimmed span; it is handled once the
    // next non-blank line (whose first char it needs) is read.
    let mut pending: Option<(usize, usize)> = None;
    let mut bytes = Vec::new();
    // Chars and bytes read so far, and complete lines, for positions in errors.
    let (mut pos, mut byte_pos, mut line_no) = (0usize, 0usize, 0usize);
    loop {
        bytes.clear();
        let n = input.read_until(b'\n', &mut bytes).map_err(|source| {
            Stop::Input(Error::Read {
                path: path.to_path_buf(),
                source,
            })
        })?;
        if n == 0 {
            break;
        }
        // A line cut at `\n` is whole UTF-8 if the text is: `\n` is never part of a
        // multi-byte char. So the first bad byte is found where the whole-file check
        // would find it.
        let line = simdutf8::compat::from_utf8(&bytes).map_err(|e| {
            Stop::Input(Error::NotUtf8 {
                path: path.to_path_buf(),
                offset: byte_pos + e.valid_up_to(),
                line: line_no + 1,
            })
        })?;
        let raw_start = pos;
        window.chars.extend(line.chars());
        pos = window.base + window.chars.len();
        byte_pos += n;
        line_no += 1;
        let content_end = if line.ends_with('\n') { pos - 1 } else { pos };
        let Some((s, e)) = trim(
            &window.chars,
            raw_start - window.base,
            content_end - window.base,
        ) else {
            if pending.is_none() && st.open.is_none() {
                window.drop_before(pos);
            }
            continue;
        };
        let next_first = window.chars[s];
        let this = (s + window.base, e + window.base);
        if let Some(line) = pending.take() {
            handle_line(&mut st, &window, line, Some(next_first), &mut on_sentence)
                .map_err(Stop::Emit)?;
            if st.open.is_none() {
                window.drop_before(raw_start);
            }
        }
        pending = Some(this);
    }
    if let Some(line) = pending.take() {
        handle_line(&mut st, &window, line, None, &mut on_sentence).map_err(Stop::Emit)?;
    }
    if let Some(para_start) = st.open {
        let local = para_start - window.base;
        let end = trim(&window.chars, local, window.chars.len()).map_or(local, |s| s.1);
        for (s, e) in sentence_spans(&window.chars, local, end) {
            push_sentence(&mut st, &window, false, s, e, &mut on_sentence).map_err(Stop::Emit)?;
        }
    }
    Ok(())
}

/// One non-blank line, as `structure::split` handles it; `line` is a global span.
fn handle_line<E>(
    st: &mut State,
    window: &Window,
    (start, end): (usize, usize),
    next: Option<char>,
    on_sentence: &mut impl FnMut(&Window, &Sentence, Option<&str>) -> Result<(), E>,
) -> Result<(), E> {
    let chars = &window.chars;
    let (start, end) = (start - window.base, end - window.base);
    let line = &chars[start..end];
    let cut_decimal = line.len() >= 2
        && line[line.len() - 1] == '.'
        && line[line.len() - 2].is_ascii_digit()
        && next.is_some_and(|c| c.is_ascii_digit());
    let ends_sentence = !cut_decimal && line.last().is_some_and(|&c| is_final(c) || is_closing(c));
    let runs_on =
        !ends_sentence && (is_long(line) || line.last().is_some_and(|&l| broken_between(l, next)));
    if st.open.is_none() && st.after_break && !runs_on && is_headline(line) {
        st.section += 1;
        st.headline = Some(line.iter().collect());
        push_sentence(st, window, true, start, end, on_sentence)?;
        st.paragraph += 1;
        st.after_break = true;
        return Ok(());
    }
    let para_start = st.open.map_or(start, |g| g - window.base);
    if runs_on {
        st.open = Some(para_start + window.base);
    } else {
        for (s, e) in sentence_spans(chars, para_start, end) {
            push_sentence(st, window, false, s, e, on_sentence)?;
        }
        st.paragraph += 1;
        st.open = None;
        st.after_break = ends_sentence;
    }
    Ok(())
}

/// Hands out the sentence at window span `start..end`.
fn push_sentence<E>(
    st: &mut State,
    window: &Window,
    headline: bool,
    start: usize,
    end: usize,
    on_sentence: &mut impl FnMut(&Window, &Sentence, Option<&str>) -> Result<(), E>,
) -> Result<(), E> {
    let s = Sentence {
        index: st.sentences,
        section: st.section,
        paragraph: st.paragraph,
        headline,
        start: start + window.base,
        end: end + window.base,
        text: window.chars[start..end].iter().collect(),
    };
    st.sentences += 1;
    on_sentence(window, &s, st.headline.as_deref())
}
