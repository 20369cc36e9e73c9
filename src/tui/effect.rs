//! What must happen outside the app after an update: the I/O that `App::update`, being
//! pure, asks for instead of doing. The event loop carries each [`Effect`] out (see
//! `tui.rs`). Plain data: no I/O, no ratatui here.

use super::finder::Request;

/// One thing the event loop must do for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Rank this query; the answer comes back as `Action::SearchResults`.
    Search(Request),
    /// Give the terminal back and stop the process, as Ctrl-Z does in a shell; on `fg`
    /// take the terminal again and redraw everything.
    Suspend,
}
