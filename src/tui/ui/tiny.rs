//! What a terminal too small for the panes shows: a request to enlarge it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::styled;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};

pub fn render(area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let msgs = [
        "Please enlarge the terminal".to_string(),
        format!(
            "{}x{} is below {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        ),
        "(q quits)".to_string(),
    ];
    let lines: Vec<_> = msgs
        .iter()
        .flat_map(|m| styled::wrapped(m, usize::from(area.width), |_| Style::new()))
        .collect();
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (y, line) in (top..area.bottom()).zip(lines) {
        // Centred by hand: `Buffer::set_line` ignores a line's alignment.
        let pad = area.width.saturating_sub(line.width() as u16) / 2;
        buf.set_line(area.x + pad, y, &line, area.width - pad);
    }
}
