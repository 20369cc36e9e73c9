//! The Figures pane: a table of the figures that pass the filters — as written, the
//! value with thousands separators, unit, a shape mark, and the subject.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{is_focused, pane_block, styled};
use crate::extract::decimal::group_str;
use crate::index::SortKey;
use crate::model::Figure;
use crate::text;
use crate::tui::app::{App, Pane};

/// The value column: grouped exact value, `low–high` for intervals; for a date its
/// normalized form, for an ordinal `#n`.
pub fn value_text(f: &Figure) -> String {
    if !f.kind.is_quantity() {
        return f.display_value();
    }
    match (&f.exact, &f.exact_high) {
        (Some(lo), Some(hi)) => format!("{}–{}", group_str(lo), group_str(hi)),
        (Some(v), None) => group_str(v),
        _ => String::new(),
    }
}

/// The unit column: the unit, or what a non-quantity is (`date`, `name`, `ordinal`).
fn unit_text(f: &Figure) -> &str {
    match &f.unit {
        Some(u) => u,
        None if f.kind.is_quantity() => "",
        None => f.kind.as_str(),
    }
}

/// Widths of the fixed columns, fitted to the rows shown and capped so the subject
/// keeps room.
struct Columns {
    text: usize,
    value: usize,
    unit: usize,
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let sort = match app.sort {
        SortKey::Position => "",
        SortKey::Value => " · by value",
    };
    let title = format!("Figures {} of {}{sort}", app.figures.len(), app.index.len());
    let block = pane_block(app, title, Pane::Figures);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let rows = usize::from(inner.height - 1);
    let shown: Vec<&Figure> = app
        .figures
        .iter()
        .skip(app.fig_offset)
        .take(rows)
        .map(|&r| app.index.figure(r))
        .collect();
    let cols = Columns {
        text: shown
            .iter()
            .map(|f| text::width(&f.text))
            .max()
            .unwrap_or(0)
            .clamp(6, 16),
        value: shown
            .iter()
            .map(|f| text::width(&value_text(f)))
            .max()
            .unwrap_or(0)
            .clamp(5, 18),
        unit: shown
            .iter()
            .map(|f| text::width(unit_text(f)))
            .max()
            .unwrap_or(0)
            .clamp(4, 7),
    };
    let width = usize::from(inner.width);
    let header = ["Figure", "Value", "Unit", "", "Subject"];
    let head = row_line(
        &cols,
        width,
        header,
        Style::new().add_modifier(Modifier::BOLD),
        app.theme.dim(),
    );
    buf.set_line(inner.x, inner.y, &head, inner.width);
    if app.figures.is_empty() {
        let msg = Line::from(styled::cell(
            "No figure passes the filters (c clears them).",
            width,
            app.theme.dim(),
        ));
        buf.set_line(inner.x, inner.y + 1, &msg, inner.width);
        return;
    }
    let focused = is_focused(app, Pane::Figures);
    for (i, f) in shown.iter().enumerate() {
        let sel = app.fig_offset + i == app.fig_sel;
        let style = if sel {
            app.theme.selected(focused)
        } else {
            Style::new()
        };
        let value = value_text(f);
        let cells = [
            f.text.as_str(),
            value.as_str(),
            unit_text(f),
            f.mark(),
            f.subject.as_deref().unwrap_or(""),
        ];
        let line = row_line(&cols, width, cells, style, style);
        buf.set_line(inner.x, inner.y + 1 + i as u16, &line, inner.width);
    }
}

/// One table row; the subject takes the rest of the width.
fn row_line<'a>(
    cols: &Columns,
    width: usize,
    cells: [&str; 5],
    style: Style,
    subject: Style,
) -> Line<'a> {
    let fixed = cols.text + cols.value + cols.unit + 1 + 4;
    let rest = width.saturating_sub(fixed);
    let gap = || Span::styled(" ", style);
    Line::from(vec![
        styled::cell(cells[0], cols.text, style),
        gap(),
        styled::cell_right(cells[1], cols.value, style),
        gap(),
        styled::cell(cells[2], cols.unit, style),
        gap(),
        styled::cell(cells[3], 1, style),
        gap(),
        styled::cell(cells[4], rest, subject.patch(style)),
    ])
}
