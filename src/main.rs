//! The `pa-explorer` binary: parse flags, run, report errors on stderr, set the exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = pa_explorer::cli::Cli::parse();
    match pa_explorer::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "pa-explorer: error: {}",
                pa_explorer::text::sanitize(&e.to_string())
            );
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                eprintln!(
                    "  caused by: {}",
                    pa_explorer::text::sanitize(&s.to_string())
                );
                source = s.source();
            }
            pa_explorer::commands::exit_code(&e)
        }
    }
}
