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
//! Two passes: the first ([`figures`]) finds every figure — ids of the same figure
//! stated later (`same_as`) need all of them — and reads all the input, so a bad byte
//! is found before anything is written; the second ([`emit_figures`]) walks the
//! sentences again and hands each figure out with its sentence and headline. Between
//! them only the figures are kept, never the text.
//! Core module: never prints; must not import ratatui, crossterm or clap.

use std::io::BufRead;
use std::path::Path;

use super::structure::{
    broken_between, is_closing, is_final, is_headline, is_long, sentence_spans, trim,
};
use super::{link_changes, link_same, read_sentence, resolve_change_ids};
use crate::error::Error;
use crate::model::{Figure, Sentence};

/// Why a streamed extraction stopped: the input could not be read (or was not UTF-8),
/// or the caller's `emit` failed.
#[derive(Debug)]
pub enum Stop<E> {
    Input(Error),
    Emit(E),
}

/// The second pass: hands each of `figures` (from [`figures`] on the same text), in
/// text order, to `emit` with its sentence's text and its section's headline.
pub fn emit_figures<E>(
    figures: &[Figure],
    input: impl BufRead,
    path: &Path,
    mut emit: impl FnMut(&Figure, &str, Option<&str>) -> Result<(), E>,
) -> Result<(), Stop<E>> {
    let mut next = 0;
    sentences(input, path, |_, s, headline| {
        while let Some(f) = figures.get(next).filter(|f| f.sentence == s.index) {
            emit(f, &s.text, headline)?;
            next += 1;
        }
        Ok(())
    })
}

/// The first pass: all figures, ids given and `same_as` filled, as
/// [`super::extract`] gives them.
pub fn figures(input: impl BufRead, path: &Path) -> Result<Vec<Figure>, Error> {
    let mut figs: Vec<Figure> = Vec::new();
    let walked = sentences(input, path, |window, s, _| {
        let base = window.base;
        // The window's chars are indexed from `base`; the extractor works on them as
        // on a whole text, and its spans are moved back to global offsets after.
        let local = Sentence {
            start: s.start - base,
            end: s.end - base,
            text: String::new(),
            ..*s
        };
        let first = figs.len();
        read_sentence(&window.chars, &local, &mut figs);
        link_changes(&window.chars, &mut figs[first..]);
        for (i, f) in figs.iter_mut().enumerate().skip(first) {
            f.start += base;
            f.end += base;
            f.id = compact_str::format_compact!("f{:03}", i + 1);
        }
        resolve_change_ids(&mut figs[first..]);
        Ok::<(), std::convert::Infallible>(())
    });
    match walked {
        Ok(()) => {}
        Err(Stop::Input(e)) => return Err(e),
        Err(Stop::Emit(never)) => match never {},
    }
    link_same(&mut figs);
    Ok(figs)
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
