//! The vocabulary of user intents. Keys, mouse and terminal events become an [`Action`]
//! (see `keymap`); the search worker's answers and job-control signals arrive as
//! actions too. Only
//! `App::update` gives them meaning. No I/O and no ratatui here.

use crate::search::Results;

/// Everything the user (or the terminal) can ask of the explorer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the explorer normally (exit status 0).
    Quit,
    /// Leave because the user pressed Ctrl-C (exit status 130, as after SIGINT).
    Interrupt,
    /// Stop until the shell's `fg` (Ctrl-Z, or SIGTSTP), with the terminal given back
    /// meanwhile.
    Suspend,
    /// The terminal now has this many columns and rows; layouts and paging follow it.
    Resize { width: u16, height: u16 },
    /// Move the selection of the focused list (or menu) one row up.
    Up,
    /// Move the selection one row down.
    Down,
    /// Move the selection one screenful up.
    PageUp,
    /// Move the selection one screenful down.
    PageDown,
    /// Select the first row.
    Top,
    /// Select the last row.
    Bottom,
    /// Focus the next pane, wrapping around (Tab).
    FocusNext,
    /// Focus the previous pane, wrapping around (Shift-Tab).
    FocusPrev,
    /// Focus the pane to the left, stopping at the first.
    FocusLeft,
    /// Focus the pane to the right, stopping at the last.
    FocusRight,
    /// Show the section with this number (1 = first headline) of the current document.
    JumpSection(usize),
    /// Open what is selected: a section shows its figures, a figure its source, a search
    /// result its place in its section; in the filter menu, change the selected setting.
    Activate,
    /// Open the search box.
    OpenSearch,
    /// Open the filter menu.
    OpenFilters,
    /// Switch between text order and value order.
    ToggleSort,
    /// Show or hide the key help.
    ToggleHelp,
    /// Drop every filter, the section choice included.
    ClearFilters,
    /// Close the open overlay or search (restoring the view before it), else step back
    /// one pane.
    Back,
    /// In the filter menu: change the selected setting to its previous value.
    CyclePrev,
    /// In the filter menu: change the selected setting to its next value.
    CycleNext,
    /// Type a character into the search box at the caret.
    Insert(char),
    /// Insert pasted text into the search box (bracketed paste; newlines become spaces).
    Paste(String),
    /// Delete the character before the caret.
    Backspace,
    /// Delete the character under the caret.
    Delete,
    /// Move the caret one character left.
    CaretLeft,
    /// Move the caret one character right.
    CaretRight,
    /// Move the caret to the start of the query.
    CaretHome,
    /// Move the caret to the end of the query.
    CaretEnd,
    /// Empty the search box.
    ClearQuery,
    /// Search has built its corpus and answers queries from now on.
    SearchReady,
    /// The ranking of one query, from the search worker; ignored unless it answers the
    /// query in the box now.
    SearchResults(Found),
    /// Search stopped (its thread panicked or ended); the reason is shown.
    SearchFailed(String),
    /// A mouse click at this cell: selects the row under it and focuses its pane.
    Click { column: u16, row: u16 },
    /// The wheel turned up over this cell.
    ScrollUp { column: u16, row: u16 },
    /// The wheel turned down over this cell.
    ScrollDown { column: u16, row: u16 },
}

/// Ranked results and the generation of the query they answer.
#[derive(Debug, Clone)]
pub struct Found {
    pub generation: u64,
    pub results: Results,
}

/// Same generation and the same figures in the same order: what a test can check.
impl PartialEq for Found {
    fn eq(&self, other: &Found) -> bool {
        self.generation == other.generation && self.results.figures().eq(other.results.figures())
    }
}

impl Eq for Found {}
