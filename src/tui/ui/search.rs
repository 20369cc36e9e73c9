//! The search box at the bottom and the ranked results (drawn in the Figures pane's
//! place), with the matched characters highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{pane_block, styled};
use crate::search::Field;
use crate::text;
use crate::tui::app::{App, Pane};
use crate::tui::finder::SearchStatus;

fn field_label(f: Field) -> &'static str {
    match f {
        Field::Text => "figure",
        Field::Subject => "subject",
        Field::Sentence => "sentence",
        Field::Headline => "headline",
    }
}

pub fn render_results(app: &App, area: Rect, buf: &mut Buffer) {
    let f = &app.finder;
    // While a search is out the previous results stay, marked, so typing never blanks
    // the pane.
    let title = match &f.status {
        SearchStatus::Failed(_) => "Results (search unavailable)".to_string(),
        SearchStatus::Indexing if f.is_stale() => "Results (indexing…)".to_string(),
        _ if f.is_stale() => format!("Results {} (searching…)", f.len()),
        // The explorer keeps the best MAX_HITS; say how many matched in all.
        _ if f.total() > f.len() => format!("Results {} of {}", f.len(), f.total()),
        _ => format!("Results {}", f.len()),
    };
    let block = pane_block(app, title, Pane::Figures);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let width = usize::from(inner.width);
    let (tw, fw) = (14, 8);
    let rest = width.saturating_sub(tw + fw + 2);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let head = Line::from(vec![
        styled::cell("Figure", tw, bold),
        Span::raw(" "),
        styled::cell("Match in", fw, bold),
        Span::raw(" "),
        styled::cell("", rest, bold),
    ]);
    buf.set_line(inner.x, inner.y, &head, inner.width);
    if f.is_empty() {
        let msg = match &f.status {
            _ if f.query().trim().is_empty() => {
                "Type to search figures, subjects, sentences and headlines."
            }
            SearchStatus::Failed(_) => "Search is unavailable (see the status bar).",
            SearchStatus::Indexing if f.is_stale() => "Indexing the figures…",
            _ if f.is_stale() => "Searching…",
            _ => "No figure matches.",
        };
        buf.set_line(
            inner.x,
            inner.y + 1,
            &Line::from(styled::cell(msg, width, app.theme.dim())),
            inner.width,
        );
        return;
    }
    let rows = usize::from(inner.height - 1);
    // Hits are read from the corpus they were ranked on, which the results carry.
    let results = f.results();
    let Some(index) = results.index() else {
        return;
    };
    for (i, hit) in (f.offset..).zip(&f.page(rows)) {
        let Some(r) = index.get(hit.figure) else {
            continue;
        };
        let style = if i == f.sel {
            app.theme.selected(true)
        } else {
            Style::new()
        };
        let fig = index.figure(r);
        let fig_positions: &[usize] = if hit.field == Field::Text {
            &hit.positions
        } else {
            &[]
        };
        let mut spans = pad(
            styled::cut(&fig.text, tw, 0, fig_positions, style, app.theme.matched()),
            tw,
            style,
        );
        spans.push(Span::styled(" ", style));
        spans.push(styled::cell(
            field_label(hit.field),
            fw,
            style.patch(app.theme.dim()),
        ));
        spans.push(Span::styled(" ", style));
        let (shown, positions): (&str, &[usize]) = if hit.field == Field::Text {
            (fig.subject.as_deref().unwrap_or_default(), &[])
        } else {
            (results.field_text(hit), &hit.positions)
        };
        // Start a little before the first match so it is visible in long sentences.
        let from = positions.first().map_or(0, |p| p.saturating_sub(4));
        let from = if from <= 2 { 0 } else { from };
        spans.extend(pad(
            styled::cut(shown, rest, from, positions, style, app.theme.matched()),
            rest,
            style,
        ));
        let y = inner.y + 1 + (i - f.offset) as u16;
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
    }
}

/// Pads spans with spaces to `w` cells, so a selected row is highlighted end to end.
fn pad(mut spans: Vec<Span<'_>>, w: usize, style: Style) -> Vec<Span<'_>> {
    let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    if used < w {
        spans.push(Span::styled(" ".repeat(w - used), style));
    }
    spans
}

/// Draws the search box and returns where the terminal cursor goes: at the caret, by
/// display width, so an input method's window opens there.
pub fn render_box(app: &App, area: Rect, buf: &mut Buffer) -> Position {
    let prompt = "/ ";
    let f = &app.finder;
    let query = text::sanitize(f.query());
    let before = text::width(&text::sanitize(f.before_caret()));
    let width = usize::from(area.width).saturating_sub(prompt.len() + 1);
    // Scroll the query left when the caret would run past the box.
    let skip_cells = before.saturating_sub(width);
    let mut skipped = 0;
    let visible: String = query
        .chars()
        .skip_while(|&c| {
            let go = skipped < skip_cells;
            if go {
                skipped += text::char_width(c);
            }
            go
        })
        .collect();
    let line = Line::from(vec![
        Span::styled(prompt, app.theme.key()),
        Span::raw(text::truncate(&visible, width + 1).into_owned()),
    ]);
    buf.set_line(area.x, area.y, &line, area.width);
    let x = area.x as usize + prompt.len() + before - skipped;
    Position::new(
        x.min(usize::from(area.right().saturating_sub(1))) as u16,
        area.y,
    )
}
