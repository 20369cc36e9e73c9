//! Mouse handling of the explorer's state: a click selects and focuses, the wheel
//! scrolls the pane under the pointer. Part of `App::update` (pure, no I/O); apart
//! from the keys only because the hit-testing against the layout is a concern of its
//! own.

use ratatui::layout::Position;

use super::{App, Pane, SectionRow};
use crate::tui::keymap::Mode;

impl App {
    pub(super) fn click(&mut self, at: Position) {
        if matches!(self.mode, Mode::Help | Mode::Filters) {
            return;
        }
        let Some(p) = self.panes() else { return };
        if p.sections.contains(at) {
            self.focus_normal(Pane::Sections);
            let row = self.sec_offset + usize::from(at.y.saturating_sub(p.sections.y + 1));
            if let Some(SectionRow::Item(i)) = self.rows.get(row).copied()
                && at.y > p.sections.y
                && i != self.sec_sel
            {
                self.select_section(i);
            }
        } else if p.figures.contains(at) && at.y >= p.figures.y + 2 {
            let n = usize::from(at.y - p.figures.y - 2);
            if self.mode == Mode::Search {
                if self.finder.offset + n < self.finder.len() {
                    self.finder.sel = self.finder.offset + n;
                }
            } else {
                self.focus = Pane::Figures;
                if self.fig_offset + n < self.figures.len() {
                    self.fig_sel = self.fig_offset + n;
                    self.source_scroll = 0;
                }
            }
        } else if p.figures.contains(at) {
            self.focus_normal(Pane::Figures);
        } else if p.source.contains(at) {
            self.focus_normal(Pane::Source);
        }
        self.keep_visible();
    }

    fn focus_normal(&mut self, pane: Pane) {
        if self.mode == Mode::Normal {
            self.focus = pane;
        }
    }

    pub(super) fn wheel(&mut self, at: Position, delta: isize) {
        let Some(p) = self.panes() else { return };
        match self.mode {
            Mode::Search if p.figures.contains(at) => self.move_hit(delta),
            Mode::Normal => {
                let pane = if p.sections.contains(at) {
                    Pane::Sections
                } else if p.figures.contains(at) {
                    Pane::Figures
                } else if p.source.contains(at) {
                    Pane::Source
                } else {
                    return;
                };
                let focus = self.focus;
                self.focus = pane;
                self.move_by(delta);
                self.focus = focus;
            }
            _ => {}
        }
    }
}
