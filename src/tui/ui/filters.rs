//! The filter menu overlay: one row per setting with its current value, the live count,
//! and the menu's keys from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{centered, styled};
use crate::tui::app::App;
use crate::tui::filter_menu::{self, Setting};
use crate::tui::keymap::{self, Mode};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let h = (Setting::ALL.len() + 5) as u16;
    let rect = centered(area, 52, h);
    styled::clear_overlay(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(" Filters ", theme.title(true)));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let width = usize::from(inner.width);
    let label_w = 17;
    let mut lines = Vec::new();
    for (i, s) in Setting::ALL.iter().enumerate() {
        let style = if i == app.menu_sel {
            theme.selected(true)
        } else {
            Style::new()
        };
        let value = format!("‹ {} ›", filter_menu::value_label(&app.filter, *s));
        lines.push(Line::from(vec![
            styled::cell(&format!(" {}", s.label()), label_w, style),
            styled::cell(&value, width.saturating_sub(label_w), style),
        ]));
    }
    lines.push(Line::default());
    let count = format!(" {} of {} figures pass", app.figures.len(), app.index.len());
    lines.push(Line::from(styled::cell(&count, width, theme.dim())));
    let mut hints = vec![Span::raw(" ")];
    for (key, word) in keymap::hints(Mode::Filters) {
        hints.push(Span::styled(key, theme.key()));
        hints.push(Span::raw(format!(" {word}  ")));
    }
    lines.push(Line::from(hints));
    for (y, line) in (inner.top()..inner.bottom()).zip(lines.iter()) {
        buf.set_line(inner.x, y, line, inner.width);
    }
}
