//! The Source pane: the selected figure's headline, then its paragraph with the figure
//! highlighted and its sentence set off from the rest, then the figure's details.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::figures::value_text;
use super::sections::LEAD;
use super::{pane_block, styled};
use crate::index::FigRef;
use crate::model::Document;
use crate::search::Field;
use crate::tui::app::{App, Pane};
use crate::tui::keymap::Mode;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let fig = app.selected();
    let title = fig.map_or_else(
        || "Source".to_string(),
        |r| format!("Source · {}", app.index.display_id(r)),
    );
    let block = pane_block(app, title, Pane::Source);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let Some(r) = fig else {
        let msg = Line::from(styled::cell(
            "No figure selected.",
            usize::from(inner.width),
            app.theme.dim(),
        ));
        buf.set_line(inner.x, inner.y, &msg, inner.width);
        return;
    };
    let (lines, fig_line) = source_lines(app, r, usize::from(inner.width));
    let height = usize::from(inner.height);
    // Start at the top (headline visible) unless the figure would be near the bottom or
    // below it; then bring it to the upper third. The user's own scrolling adds to that.
    let auto = if fig_line + 2 <= height {
        0
    } else {
        fig_line.saturating_sub(height / 3) as i64
    };
    let max_top = lines.len().saturating_sub(height) as i64;
    let top = (auto + i64::from(app.source_scroll)).clamp(0, max_top.max(0)) as usize;
    for (y, line) in (inner.top()..inner.bottom()).zip(lines.iter().skip(top)) {
        buf.set_line(inner.x, y, line, inner.width);
    }
}

/// All lines of the pane for figure `r`, and the line where the figure starts.
fn source_lines<'a>(app: &App, r: FigRef, width: usize) -> (Vec<Line<'a>>, usize) {
    let theme = app.theme;
    let doc = app.index.doc(r);
    let f = app.index.figure(r);
    let section = app.index.section(r);
    let sentence = app.index.sentence(r);
    let headline = match (&section.headline, section.index) {
        (Some(h), i) if i > 0 => format!("{i} {h}"),
        _ => LEAD.to_string(),
    };
    // A figure in a headline is shown in the headline itself, once.
    let mut lines = Vec::new();
    if !sentence.headline {
        lines = styled::wrapped(&headline, width, |_| theme.headline());
        lines.push(Line::default());
    }
    // The figure's paragraph: its sentences share `paragraph`.
    let para: Vec<_> = doc
        .sentences
        .iter()
        .filter(|s| s.paragraph == sentence.paragraph && s.headline == sentence.headline)
        .collect();
    let start = para
        .first()
        .map_or(sentence.start, |s| s.start.min(sentence.start));
    let end = para
        .last()
        .map_or(sentence.end, |s| s.end.max(sentence.end));
    let body = char_slice(doc, start, end);
    // Match positions of a search hit in the sentence, as document offsets.
    let matched: Vec<usize> = match app.selected_hit() {
        Some(h) if app.mode() == Mode::Search && h.field == Field::Sentence => {
            h.positions.iter().map(|p| p + sentence.start).collect()
        }
        _ => Vec::new(),
    };
    let style_of = |i: usize| {
        let at = start + i;
        let base = if (f.start..f.end).contains(&at) {
            theme.figure()
        } else if (sentence.start..sentence.end).contains(&at) {
            theme.sentence()
        } else {
            theme.context()
        };
        if matched.contains(&at) {
            base.patch(theme.matched())
        } else {
            base
        }
    };
    let para_lines = styled::wrapped(&body, width, style_of);
    // The figure's line: the first line whose char range reaches the figure's start.
    let body_chars = body.chars().count();
    let ranges = crate::text::wrap(&body, width);
    let fig_at = f.start.saturating_sub(start).min(body_chars);
    let fig_line = lines.len() + ranges.iter().position(|r| r.end > fig_at).unwrap_or(0);
    lines.extend(para_lines);
    lines.push(Line::default());
    let mut detail = format!("{}  {}", app.index.display_id(r), f.text);
    let value = value_text(f);
    if !value.is_empty() {
        let _ = write!(detail, " = {value} {}", f.unit.as_deref().unwrap_or(""));
    }
    if let Some(rate) = &f.rate {
        let _ = write!(detail, " ({rate})");
    }
    lines.extend(styled::wrapped(&detail, width, |_| theme.dim()));
    if let Some(s) = &f.subject {
        lines.extend(styled::wrapped(&format!("subject: {s}"), width, |_| {
            theme.dim()
        }));
    }
    for w in &f.warnings {
        lines.extend(styled::wrapped(&format!("note: {w}"), width, |_| {
            theme.warning()
        }));
    }
    (lines, fig_line)
}

/// Chars `start..end` of the document text (clamped, so bad offsets cannot panic).
fn char_slice(doc: &Document, start: usize, end: usize) -> String {
    doc.text
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}
