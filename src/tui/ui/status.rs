//! The status bar: how many figures show, the active filters, a one-off message, and
//! key hints taken from the keymap of the current mode.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::index::SortKey;
use crate::text;
use crate::tui::app::{App, SectionItem};
use crate::tui::filter_menu;
use crate::tui::finder::SearchStatus;
use crate::tui::keymap;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    buf.set_style(area, theme.status());
    let mut left = format!("{} of {} figures", app.figures.len(), app.index.len());
    if let Some(SectionItem::Section(s)) = app.items.get(app.sec_sel) {
        let _ = write!(left, " · section {}", s.section);
    }
    for f in filter_menu::active(&app.filter) {
        left.push_str(" · ");
        left.push_str(&f);
    }
    if app.sort == SortKey::Value {
        left.push_str(" · by value");
    }
    let mut spans = vec![Span::styled(
        text::sanitize(&left).into_owned(),
        theme.status(),
    )];
    if let Some(m) = &app.message {
        spans.push(Span::styled(
            format!("  {}", text::sanitize(m)),
            theme.warning(),
        ));
    }
    // Unlike a message this stays: searching is off until the explorer restarts.
    if let SearchStatus::Failed(why) = &app.finder.status {
        spans.push(Span::styled(
            format!("  search failed: {}", text::sanitize(why)),
            theme.warning(),
        ));
    }
    let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    let room = usize::from(area.width).saturating_sub(used + 2);
    let hints = hint_spans(app, room);
    let hints_w: usize = hints.iter().map(|s| text::width(&s.content)).sum();
    // Right-aligned, and only whole hints: a cut-off hint reads as a wrong key.
    spans.push(Span::styled(" ".repeat(room + 2 - hints_w), theme.status()));
    spans.extend(hints);
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// The mode's hints that fit whole in `room` cells, in keymap order.
fn hint_spans<'a>(app: &App, room: usize) -> Vec<Span<'a>> {
    let theme = app.theme;
    let mut out = Vec::new();
    let mut used = 0;
    for (key, word) in keymap::hints(app.mode()) {
        let word = format!(" {word} ");
        let w = text::width(&key) + text::width(&word);
        if used + w > room {
            break;
        }
        used += w;
        out.push(Span::styled(key, theme.key()));
        out.push(Span::styled(word, theme.status()));
    }
    out
}
