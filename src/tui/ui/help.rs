//! The help overlay, drawn from the keymap table itself so it always tells the truth.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{centered, styled};
use crate::tui::app::App;
use crate::tui::keymap::{self, Keys, Mode};

const COL: usize = 37;
const KEYS: usize = 15;

/// Help rows: a mode title, then its bindings, merging neighbours that say the same.
fn rows(app: &App) -> Vec<Line<'static>> {
    let theme = app.theme;
    let mut out = Vec::new();
    for mode in [Mode::Normal, Mode::Search, Mode::Filters] {
        out.push(Line::from(styled::cell(
            mode.title(),
            COL,
            theme.headline(),
        )));
        let mut merged: Vec<(String, &str)> = Vec::new();
        for b in keymap::bindings(mode) {
            let label = keymap::keys_label(b.keys);
            match merged.last_mut() {
                Some((keys, help)) if *help == b.help && matches!(b.keys, Keys::Any(_)) => {
                    keys.push('/');
                    keys.push_str(&label);
                }
                _ => merged.push((label, b.help)),
            }
        }
        for (keys, help) in merged {
            out.push(Line::from(vec![
                styled::cell(&keys, KEYS, theme.key()),
                Span::raw(" "),
                styled::cell(help, COL - KEYS - 1, Style::new()),
            ]));
        }
    }
    out
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let rows = rows(app);
    // As many columns as the height needs and the width allows.
    let max_cols = (usize::from(area.width.saturating_sub(2)) / (COL + 1)).max(1);
    let avail = usize::from(area.height.saturating_sub(2)).max(1);
    let cols = rows.len().div_ceil(avail).clamp(1, max_cols);
    let per_col = rows.len().div_ceil(cols);
    let w = (cols * (COL + 1) + 3) as u16;
    let h = (per_col + 2) as u16;
    let rect = centered(area, w, h);
    styled::clear_overlay(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(true))
        .title(Span::styled(
            " Keys · Esc or ? closes ",
            app.theme.title(true),
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    for (i, line) in rows.iter().enumerate() {
        let (col, row) = (i / per_col, i % per_col);
        let x = inner.x + (col * (COL + 1)) as u16 + 1;
        let y = inner.y + row as u16;
        if y < inner.bottom() && x < inner.right() {
            buf.set_line(x, y, line, inner.right() - x);
        }
    }
}
