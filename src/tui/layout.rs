//! Where each pane goes for a terminal size. One pure function, used by the renderer to
//! draw and by `App::update` to page and to hit-test mouse clicks, so both always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the panes cannot show a figure usefully; we ask for a bigger terminal.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this width the three panes sit side by side.
pub const WIDE: u16 = 110;
/// From this width Sections and Figures share a row above Source; below it all stack.
pub const MEDIUM: u16 = 64;

/// The rectangles of one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub sections: Rect,
    pub figures: Rect,
    pub source: Rect,
    /// The search box, present while searching.
    pub search: Option<Rect>,
    pub status: Rect,
}

/// The panes for `area`, or `None` when the terminal is too small.
pub fn panes(area: Rect, searching: bool) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let bottom = if searching { 2 } else { 1 };
    let [body, foot] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(bottom)]).areas(area);
    let (search, status) = if searching {
        let [s, st] = Layout::vertical([Constraint::Length(1); 2]).areas(foot);
        (Some(s), st)
    } else {
        (None, foot)
    };
    let (sections, figures, source) = if area.width >= WIDE {
        let side = (area.width / 5).clamp(24, 36);
        let [a, b, c] = Layout::horizontal([
            Constraint::Length(side),
            Constraint::Percentage(46),
            Constraint::Min(0),
        ])
        .areas(body);
        (a, b, c)
    } else if area.width >= MEDIUM {
        let [top, c] =
            Layout::vertical([Constraint::Percentage(58), Constraint::Min(0)]).areas(body);
        let side = (area.width * 2 / 7).clamp(20, 30);
        let [a, b] = Layout::horizontal([Constraint::Length(side), Constraint::Min(0)]).areas(top);
        (a, b, c)
    } else {
        let [a, b, c] = Layout::vertical([
            Constraint::Percentage(25),
            Constraint::Percentage(40),
            Constraint::Min(0),
        ])
        .areas(body);
        (a, b, c)
    };
    Some(Panes {
        sections,
        figures,
        source,
        search,
        status,
    })
}

/// Rows inside a bordered pane.
pub fn inner_rows(r: Rect) -> usize {
    usize::from(r.height.saturating_sub(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_small_is_none_and_never_panics() {
        for (w, h) in [(0, 0), (1, 1), (10, 3), (39, 40), (200, 11)] {
            assert!(panes(Rect::new(0, 0, w, h), false).is_none());
            assert!(panes(Rect::new(0, 0, w, h), true).is_none());
        }
    }

    #[test]
    fn panes_cover_distinct_areas() {
        for (w, h) in [(40, 12), (80, 24), (120, 40), (300, 100)] {
            let p = panes(Rect::new(0, 0, w, h), true).unwrap();
            assert!(!p.sections.intersects(p.figures));
            assert!(!p.figures.intersects(p.source));
            assert!(!p.sections.intersects(p.source));
            assert_eq!(p.status.y, h - 1);
        }
    }
}
