//! Styles, in colour or (with `NO_COLOR`) in bold, reverse and underline only. Every
//! style the panes use comes from here, so `NO_COLOR` is honoured everywhere at once.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub const COLOR: Theme = Theme { color: true };
    pub const PLAIN: Theme = Theme { color: false };

    /// `NO_COLOR` set to anything non-empty turns colours off (<https://no-color.org>).
    pub fn from_no_color(value: Option<&std::ffi::OsStr>) -> Theme {
        Theme {
            color: value.is_none_or(std::ffi::OsStr::is_empty),
        }
    }

    fn pick(self, color: Style, plain: Style) -> Style {
        if self.color { color } else { plain }
    }

    pub fn border(self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new(),
        }
    }

    pub fn title(self, focused: bool) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if focused && self.color {
            s.fg(Color::Cyan)
        } else {
            s
        }
    }

    /// The selected row; dimmer when its pane is not focused.
    pub fn selected(self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().bg(Color::Blue).fg(Color::White),
            (false, true) => Style::new().bg(Color::DarkGray),
            (true, false) => Style::new().add_modifier(Modifier::REVERSED),
            (false, false) => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// The figure inside its sentence.
    pub fn figure(self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Yellow),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// The figure's sentence within its paragraph.
    pub fn sentence(self) -> Style {
        Style::new()
    }

    /// The rest of the paragraph.
    pub fn context(self) -> Style {
        self.pick(Style::new().fg(Color::Gray), Style::new())
    }

    /// Characters a search matched.
    pub fn matched(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    pub fn headline(self) -> Style {
        self.pick(
            Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn dim(self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn key(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn status(self) -> Style {
        self.pick(Style::new().bg(Color::Black).fg(Color::White), Style::new())
    }

    pub fn warning(self) -> Style {
        self.pick(
            Style::new().fg(Color::Red),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn no_color_means_set_and_non_empty() {
        assert_eq!(Theme::from_no_color(None), Theme::COLOR);
        assert_eq!(Theme::from_no_color(Some(OsStr::new(""))), Theme::COLOR);
        assert_eq!(Theme::from_no_color(Some(OsStr::new("1"))), Theme::PLAIN);
    }

    #[test]
    fn plain_theme_has_no_colors() {
        let t = Theme::PLAIN;
        for s in [
            t.border(true),
            t.selected(true),
            t.selected(false),
            t.figure(),
            t.matched(),
            t.headline(),
            t.dim(),
            t.key(),
            t.status(),
            t.context(),
            t.warning(),
        ] {
            assert!(s.fg.is_none() && s.bg.is_none(), "{s:?}");
        }
    }
}
