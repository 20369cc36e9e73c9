//! pa-explorer: find, read and cite the figures of Chinese government reports.
//!
//! The core (`model`, `extract`, `dataset`, `index`, `search`, `gloss`) knows nothing of terminals
//! or command lines; `commands` (the subcommands) and `tui` (the explorer) both stand on
//! it, so they always agree.

pub mod cite;
pub mod cli;
pub mod commands;
pub mod dataset;
pub mod decimal;
pub mod error;
pub mod extract;
pub mod gloss;
pub mod hanzi;
pub mod index;
pub mod ingest;
pub mod model;
pub mod search;
pub mod text;
pub mod tui;

pub use error::{Error, Result};
