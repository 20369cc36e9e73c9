//! The one keymap: a table per mode mapping keys to [`Action`]s. The same table draws
//! the help overlay and the status-bar hints, so help cannot drift from the real
//! bindings. Also turns terminal events into actions. No I/O here.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Action;

/// Which table is active: what the keys mean right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Browsing the panes.
    #[default]
    Normal,
    /// Typing in the search box.
    Search,
    /// The filter menu is open.
    Filters,
    /// The help overlay is open.
    Help,
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::Normal, Mode::Search, Mode::Filters, Mode::Help];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Browsing",
            Mode::Search => "Search box",
            Mode::Filters => "Filter menu",
            Mode::Help => "This help",
        }
    }
}

/// A key with its modifiers; Shift is ignored, as terminals report it inconsistently
/// (`G` arrives as Shift+g or plain `G`, Shift-Tab as BackTab with or without Shift).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}

const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: true,
    }
}

/// The keys of one binding.
#[derive(Debug, Clone, Copy)]
pub enum Keys {
    /// Any of these keys.
    Any(&'static [Key]),
    /// A digit 1–9; the action gets the digit.
    Digits,
}

/// One row of the keymap.
#[derive(Debug, Clone)]
pub struct Binding {
    pub mode: Mode,
    pub keys: Keys,
    /// For [`Keys::Digits`], a template whose number is replaced by the digit.
    pub action: Action,
    /// What the help overlay says.
    pub help: &'static str,
    /// A word or two for the status bar, for the few bindings worth a hint there.
    pub hint: Option<&'static str>,
}

const fn bind(mode: Mode, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        mode,
        keys: Keys::Any(keys),
        action,
        help,
        hint: None,
    }
}

const fn hinted(
    mode: Mode,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        mode,
        keys: Keys::Any(keys),
        action,
        help,
        hint: Some(hint),
    }
}

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Mode::{Filters, Help, Normal, Search};

/// Every binding of every mode, in the order help shows them.
pub static KEYMAP: &[Binding] = &[
    hinted(Normal, &[k(Up), c('k')], Action::Up, "previous row", "move"),
    bind(Normal, &[k(Down), c('j')], Action::Down, "next row"),
    bind(Normal, &[k(PageUp)], Action::PageUp, "one page up"),
    bind(Normal, &[k(PageDown)], Action::PageDown, "one page down"),
    bind(Normal, &[c('g'), k(Home)], Action::Top, "first row"),
    bind(Normal, &[c('G'), k(End)], Action::Bottom, "last row"),
    hinted(Normal, &[k(Tab)], Action::FocusNext, "next pane", "pane"),
    bind(Normal, &[k(BackTab)], Action::FocusPrev, "previous pane"),
    bind(
        Normal,
        &[k(Left), c('h')],
        Action::FocusLeft,
        "pane to the left",
    ),
    bind(
        Normal,
        &[k(Right), c('l')],
        Action::FocusRight,
        "pane to the right",
    ),
    Binding {
        mode: Normal,
        keys: Keys::Digits,
        action: Action::JumpSection(0),
        help: "jump to section n",
        hint: None,
    },
    bind(Normal, &[k(Enter)], Action::Activate, "open the selection"),
    hinted(Normal, &[c('/')], Action::OpenSearch, "search", "search"),
    hinted(
        Normal,
        &[c('f')],
        Action::OpenFilters,
        "filter menu",
        "filter",
    ),
    hinted(
        Normal,
        &[c('s')],
        Action::ToggleSort,
        "sort: position/value",
        "sort",
    ),
    bind(
        Normal,
        &[c('c'), c('x')],
        Action::ClearFilters,
        "clear all filters",
    ),
    hinted(Normal, &[c('?')], Action::ToggleHelp, "help", "help"),
    bind(Normal, &[k(Esc)], Action::Back, "back"),
    hinted(Normal, &[c('q')], Action::Quit, "quit", "quit"),
    bind(Normal, &[ctrl('c')], Action::Interrupt, "quit"),
    hinted(
        Search,
        &[k(Enter)],
        Action::Activate,
        "go to the figure",
        "go",
    ),
    hinted(
        Search,
        &[k(Esc)],
        Action::Back,
        "cancel, restore view",
        "cancel",
    ),
    hinted(
        Search,
        &[k(Up), ctrl('p')],
        Action::Up,
        "previous result",
        "results",
    ),
    bind(Search, &[k(Down), ctrl('n')], Action::Down, "next result"),
    bind(Search, &[k(PageUp)], Action::PageUp, "one page up"),
    bind(Search, &[k(PageDown)], Action::PageDown, "one page down"),
    bind(Search, &[k(Left)], Action::CaretLeft, "caret left"),
    bind(Search, &[k(Right)], Action::CaretRight, "caret right"),
    bind(
        Search,
        &[k(Home), ctrl('a')],
        Action::CaretHome,
        "caret to start",
    ),
    bind(
        Search,
        &[k(End), ctrl('e')],
        Action::CaretEnd,
        "caret to end",
    ),
    bind(
        Search,
        &[k(Backspace)],
        Action::Backspace,
        "delete before caret",
    ),
    bind(Search, &[k(Delete)], Action::Delete, "delete at caret"),
    bind(Search, &[ctrl('u')], Action::ClearQuery, "clear the query"),
    bind(Search, &[ctrl('c')], Action::Interrupt, "quit"),
    hinted(
        Filters,
        &[k(Up), c('k')],
        Action::Up,
        "previous setting",
        "move",
    ),
    bind(Filters, &[k(Down), c('j')], Action::Down, "next setting"),
    hinted(
        Filters,
        &[k(Right), c('l'), k(Enter), c(' ')],
        Action::CycleNext,
        "next value",
        "change",
    ),
    bind(
        Filters,
        &[k(Left), c('h')],
        Action::CyclePrev,
        "previous value",
    ),
    hinted(
        Filters,
        &[c('c'), c('x')],
        Action::ClearFilters,
        "clear all filters",
        "clear",
    ),
    hinted(
        Filters,
        &[k(Esc), c('f')],
        Action::Back,
        "close the menu",
        "close",
    ),
    bind(Filters, &[c('q')], Action::Quit, "quit"),
    bind(Filters, &[ctrl('c')], Action::Interrupt, "quit"),
    hinted(
        Help,
        &[k(Esc), c('?')],
        Action::Back,
        "close the help",
        "close",
    ),
    bind(Help, &[c('q')], Action::Quit, "quit"),
    bind(Help, &[ctrl('c')], Action::Interrupt, "quit"),
];

/// The action bound to `key` in `mode`, if any. In the search box an unbound printable
/// character is typed.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    let ctrl_held = key.modifiers.contains(KeyModifiers::CONTROL);
    let found = KEYMAP
        .iter()
        .filter(|b| b.mode == mode)
        .find_map(|b| match b.keys {
            Keys::Any(keys) => keys
                .iter()
                .any(|want| want.code == key.code && want.ctrl == ctrl_held)
                .then(|| b.action.clone()),
            Keys::Digits => match key.code {
                KeyCode::Char(d @ '1'..='9') if !ctrl_held => {
                    Some(Action::JumpSection(d as usize - '0' as usize))
                }
                _ => None,
            },
        });
    if found.is_some() {
        return found;
    }
    match key.code {
        KeyCode::Char(ch)
            if mode == Mode::Search && !ctrl_held && !key.modifiers.contains(KeyModifiers::ALT) =>
        {
            Some(Action::Insert(ch))
        }
        _ => None,
    }
}

/// Turns a terminal event into an action. Key releases and repeats-as-release are
/// ignored, so a key acts once.
///
/// Ctrl-Z suspends in every mode, as in any program run from a shell: in raw mode the
/// terminal sends it as a key instead of SIGTSTP. It is job control rather than an
/// explorer command, so it is kept out of the mode tables (and so out of the help).
pub fn map_event(event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Key(_) => {
            let key = event.as_key_press_event()?;
            if key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL) {
                return Some(Action::Suspend);
            }
            action_for(mode, key)
        }
        Event::Paste(s) => Some(Action::Paste(s.clone())),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::Mouse(m) => map_mouse(*m),
        _ => None,
    }
}

fn map_mouse(m: MouseEvent) -> Option<Action> {
    let (column, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
        _ => None,
    }
}

/// How a key is written in help and hints.
pub fn key_label(key: Key) -> String {
    let name = match key.code {
        Up => "↑".to_string(),
        Down => "↓".to_string(),
        Left => "←".to_string(),
        Right => "→".to_string(),
        PageUp => "PgUp".to_string(),
        PageDown => "PgDn".to_string(),
        Home => "Home".to_string(),
        End => "End".to_string(),
        Tab => "Tab".to_string(),
        BackTab => "S-Tab".to_string(),
        Enter => "Enter".to_string(),
        Esc => "Esc".to_string(),
        Backspace => "Bksp".to_string(),
        Delete => "Del".to_string(),
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(ch) => ch.to_string(),
        other => format!("{other:?}"),
    };
    if key.ctrl { format!("C-{name}") } else { name }
}

/// All keys of a binding, as help shows them (`↑/k`, `1–9`).
pub fn keys_label(keys: Keys) -> String {
    match keys {
        Keys::Any(list) => list
            .iter()
            .map(|&k| key_label(k))
            .collect::<Vec<_>>()
            .join("/"),
        Keys::Digits => "1–9".to_string(),
    }
}

/// The status-bar hints of a mode: (first key, word), in table order.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    KEYMAP
        .iter()
        .filter(|b| b.mode == mode)
        .filter_map(|b| {
            let hint = b.hint?;
            let key = match b.keys {
                Keys::Any(list) => key_label(*list.first()?),
                Keys::Digits => "1–9".to_string(),
            };
            Some((key, hint))
        })
        .collect()
}

/// The bindings of a mode, for the help overlay.
pub fn bindings(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.mode == mode)
}

/// The whole keymap as Markdown tables, one per mode, for the README; a test keeps the
/// README's copy equal to this.
pub fn markdown() -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for mode in Mode::ALL {
        let _ = write!(out, "| {} | |\n|---|---|\n", mode.title());
        for b in bindings(mode) {
            let keys = keys_label(b.keys).replace('|', "\\|");
            let _ = writeln!(out, "| `{keys}` | {} |", b.help);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

    #[test]
    fn readme_key_table_is_the_keymap() {
        let readme = include_str!("../../README.md");
        let table = markdown();
        assert!(
            readme.contains(&table),
            "README.md's key table differs from the keymap; paste this in:\n{table}"
        );
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn normal_keys_map_to_actions() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            map_event(&press(KeyCode::Char('j'), none), Mode::Normal),
            Some(Action::Down)
        );
        assert_eq!(
            map_event(
                &press(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Mode::Normal
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            map_event(&press(BackTab, KeyModifiers::SHIFT), Mode::Normal),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            map_event(&press(KeyCode::Char('3'), none), Mode::Normal),
            Some(Action::JumpSection(3))
        );
        assert_eq!(
            map_event(
                &press(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Mode::Normal
            ),
            Some(Action::Interrupt)
        );
        assert_eq!(
            map_event(&press(KeyCode::Char('z'), none), Mode::Normal),
            None
        );
    }

    #[test]
    fn ctrl_z_suspends_in_every_mode() {
        for mode in Mode::ALL {
            assert_eq!(
                map_event(&press(KeyCode::Char('z'), KeyModifiers::CONTROL), mode),
                Some(Action::Suspend),
                "{mode:?}"
            );
        }
        // Typed in the search box, a plain z is a letter.
        assert_eq!(
            map_event(&press(KeyCode::Char('z'), KeyModifiers::NONE), Mode::Search),
            Some(Action::Insert('z'))
        );
    }

    #[test]
    fn search_mode_types_letters_and_chinese() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            map_event(&press(KeyCode::Char('j'), none), Mode::Search),
            Some(Action::Insert('j'))
        );
        assert_eq!(
            map_event(&press(KeyCode::Char('养'), none), Mode::Search),
            Some(Action::Insert('养'))
        );
        assert_eq!(
            map_event(&press(KeyCode::Char('q'), none), Mode::Search),
            Some(Action::Insert('q'))
        );
        assert_eq!(
            map_event(&press(Enter, none), Mode::Search),
            Some(Action::Activate)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let ev = Event::Key(KeyEvent {
            code: KeyCode::Char('q'),
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        });
        assert_eq!(map_event(&ev, Mode::Normal), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in Mode::ALL {
            let mut seen = Vec::new();
            for b in bindings(mode) {
                if let Keys::Any(list) = b.keys {
                    for key in list {
                        assert!(!seen.contains(key), "{key:?} bound twice in {mode:?}");
                        seen.push(*key);
                    }
                }
            }
        }
    }

    #[test]
    fn every_mode_can_quit_or_close() {
        for mode in Mode::ALL {
            assert!(
                bindings(mode).any(|b| matches!(b.action, Action::Interrupt)),
                "{mode:?} has no Ctrl-C"
            );
        }
    }
}
