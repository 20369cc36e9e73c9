//! The Sections pane: "All", the lead and every headline with its figure count,
//! grouped under document titles when several documents are loaded.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{is_focused, pane_block, styled};
use crate::text;
use crate::tui::app::{App, Pane, SectionItem, SectionRow};

/// What the lead (text before the first headline) is called.
pub const LEAD: &str = "导语 Lead";

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let block = pane_block(app, "Sections".to_string(), Pane::Sections);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let focused = is_focused(app, Pane::Sections);
    for (y, row) in (inner.top()..inner.bottom()).zip(app.rows.iter().skip(app.sec_offset)) {
        let line = match *row {
            SectionRow::Document(d) => {
                let doc = &app.index.documents()[d as usize];
                let title = doc.meta.title.as_deref().unwrap_or(&doc.id);
                Line::from(styled::cell(title, width, app.theme.headline()))
            }
            SectionRow::Item(i) => item_line(app, i, width, focused),
        };
        buf.set_line(inner.x, y, &line, inner.width);
    }
}

fn item_line<'a>(app: &App, i: usize, width: usize, focused: bool) -> Line<'a> {
    let label = match app.items[i] {
        SectionItem::All => "All figures".to_string(),
        SectionItem::Section(s) => match app.index.section_at(s) {
            Some(sec) if s.section > 0 => {
                format!("{} {}", s.section, sec.headline.as_deref().unwrap_or(""))
            }
            _ => LEAD.to_string(),
        },
    };
    let count = app.counts[i].to_string();
    let cw = text::width(&count);
    let style = if i == app.sec_sel {
        app.theme.selected(focused)
    } else {
        ratatui::style::Style::new()
    };
    if width <= cw + 2 {
        return Line::from(styled::cell(&label, width, style));
    }
    Line::from(vec![
        styled::cell(&label, width - cw - 1, style),
        Span::styled(" ", style),
        styled::cell_right(&count, cw, style.patch(app.theme.dim())),
    ])
}
