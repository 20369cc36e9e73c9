//! The explorer: the only module that touches the real terminal.
