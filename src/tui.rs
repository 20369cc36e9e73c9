//! The explorer: the only module that touches the real terminal.

use std::process::ExitCode;

use crate::error::Result;
use crate::index::Index;

/// Placeholder until the explorer lands: prints the sections.
pub fn run(index: Index) -> Result<ExitCode> {
    for (sr, s) in index.sections() {
        println!(
            "{} {}",
            index.section_count(sr),
            s.headline.as_deref().unwrap_or("(lead)")
        );
    }
    Ok(ExitCode::SUCCESS)
}
