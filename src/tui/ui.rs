//! Drawing: reads an [`App`] and fills a frame, one file per pane under `ui/`. Nothing
//! here changes state or touches the terminal, so any state renders the same way in a
//! test buffer as on screen.

mod figures;
mod filters;
mod help;
mod search;
mod sections;
mod source;
mod status;
mod styled;
mod tiny;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Borders};

use super::app::{App, Pane};
use super::keymap::Mode;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(p) = super::layout::panes(area, app.mode() == Mode::Search) else {
        tiny::render(area, frame.buffer_mut());
        return;
    };
    let buf = frame.buffer_mut();
    sections::render(app, p.sections, buf);
    if app.mode() == Mode::Search {
        search::render_results(app, p.figures, buf);
    } else {
        figures::render(app, p.figures, buf);
    }
    source::render(app, p.source, buf);
    status::render(app, p.status, buf);
    if let Some(r) = p.search {
        let cursor = search::render_box(app, r, frame.buffer_mut());
        frame.set_cursor_position(cursor);
    }
    match app.mode() {
        Mode::Help => help::render(app, area, frame.buffer_mut()),
        Mode::Filters => filters::render(app, area, frame.buffer_mut()),
        Mode::Normal | Mode::Search => {}
    }
}

/// The bordered frame of a pane, marked when focused.
fn pane_block<'a>(app: &App, title: String, pane: Pane) -> Block<'a> {
    let focused = app.focus == pane && app.mode() == Mode::Normal
        || app.mode() == Mode::Search && pane == Pane::Figures;
    let theme = app.theme;
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        // Titles carry ids from the dataset, so they are sanitized like any data.
        .title(ratatui::text::Span::styled(
            crate::text::sanitize(&title).into_owned(),
            theme.title(focused),
        ))
}

fn is_focused(app: &App, pane: Pane) -> bool {
    app.focus == pane && app.mode() == Mode::Normal
}

/// A rectangle of at most `w`×`h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
