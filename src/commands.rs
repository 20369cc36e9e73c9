//! The non-interactive subcommands. Each writes to the writer it is given, so it can be
//! tested without spawning a process; `run` dispatches and decides the exit code.

use std::process::ExitCode;

use crate::cli::Cli;
use crate::error::{Error, Result};

/// Exit status for a usage error (bad flag values), distinct from data errors.
pub const EXIT_USAGE: u8 = 2;
/// Exit status for unreadable or invalid input data.
pub const EXIT_DATA: u8 = 3;

pub fn exit_code(e: &Error) -> ExitCode {
    match e {
        Error::Usage(_) | Error::UnknownId(_) => ExitCode::from(EXIT_USAGE),
        _ => ExitCode::from(EXIT_DATA),
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let _ = cli;
    Ok(ExitCode::SUCCESS)
}
