//! The explorer: the only module that touches the real terminal. It sets the terminal
//! up (raw mode, alternate screen, mouse, bracketed paste), runs the event loop, and
//! restores the terminal on every way out: normal exit, error, panic, Ctrl-C, SIGTERM,
//! SIGHUP and SIGINT. State and drawing live in the submodules, which do no I/O.

pub mod action;
pub mod app;
pub mod filter_menu;
pub mod finder;
pub mod keymap;
pub mod layout;
pub mod theme;
pub mod ui;
pub mod worker;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod snapshot_tests;

use std::io::{self, IsTerminal, Stdout};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use crate::error::Error;
use crate::index::Index;
use action::Action;
use app::{App, Exit};
use theme::Theme;
use worker::Worker;

/// How the explorer looks; built by the caller, usually with [`TuiOptions::from_env`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TuiOptions {
    /// Draw with colours; false draws with bold, reverse and underline only.
    pub color: bool,
}

impl TuiOptions {
    /// Honours `NO_COLOR` (set and non-empty turns colours off).
    pub fn from_env() -> TuiOptions {
        TuiOptions {
            color: Theme::from_no_color(std::env::var_os("NO_COLOR").as_deref()).color,
        }
    }
}

/// Printed when standard output is not a terminal.
pub const NOT_A_TERMINAL: &str = "the explorer needs a terminal, and standard output is not \
one; for scripts and pipes use the subcommands: `pa-explorer figures`, `pa-explorer search \
QUERY`, `pa-explorer show ID` (see `pa-explorer --help`)";

/// How long the loop waits for input before checking for signals.
const TICK: Duration = Duration::from_millis(50);
/// How long it waits while a search is out, so results are drawn within a frame or so
/// of arriving (the answer comes over a channel the input poll cannot watch).
const SEARCH_TICK: Duration = Duration::from_millis(16);
/// How long the loop gets to notice a signal and restore the terminal itself.
const GRACE: Duration = Duration::from_secs(1);

/// Runs the explorer on `index` with options from the environment (`NO_COLOR`); see
/// [`run_with`].
pub fn run(index: Index) -> Result<ExitCode, Error> {
    run_with(index, TuiOptions::from_env())
}

/// Runs the explorer on `index` until the user quits or a signal arrives. Returns the
/// exit status: 0 after `q`, 130 after Ctrl-C, 128 + the signal number after SIGTERM,
/// SIGHUP or SIGINT. Fails with [`Error::Usage`] when standard output is not a terminal.
pub fn run_with(index: Index, opts: TuiOptions) -> Result<ExitCode, Error> {
    if !io::stdout().is_terminal() {
        return Err(Error::Usage(NOT_A_TERMINAL.to_string()));
    }
    let watch = SignalWatch::start().map_err(terminal_error)?;
    let signal = Arc::clone(&watch.caught);
    let theme = Theme { color: opts.color };
    let mut app = App::new(index, theme);
    let mut session = Session::start().map_err(terminal_error)?;
    // Started after the panic hook is in place, so the hook knows to spare the terminal
    // when this thread panics.
    let result = Worker::start(app.shared_index())
        .and_then(|mut worker| event_loop(&mut session.terminal, &mut app, &mut worker, &signal));
    drop(session);
    drop(watch);
    // After a real hangup the terminal is gone and reading it fails; the signal, not
    // the read error, is what happened.
    let result = match (result, signal.load(Ordering::Relaxed)) {
        (Err(_), sig) if sig != 0 => Ok(Some(sig)),
        (r, _) => r,
    };
    let code = match result.map_err(terminal_error)? {
        Some(sig) => 128 + sig as u8,
        None => match app.exit() {
            Some(Exit::Interrupted) => 130,
            _ => 0,
        },
    };
    Ok(ExitCode::from(code))
}

fn terminal_error(e: io::Error) -> Error {
    Error::Terminal(e)
}

/// Draws, reads events and updates until the app exits (`Ok(None)`) or a signal
/// arrives (`Ok(Some(signo))`).
fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    worker: &mut Worker,
    signal: &AtomicUsize,
) -> io::Result<Option<usize>> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut dirty = true;
    loop {
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Some(sig));
        }
        while let Some(action) = worker.poll() {
            app.update(action);
            dirty = true;
        }
        // Hand over the newest query before drawing, so the search runs while we draw.
        worker.submit(app);
        if dirty {
            terminal.draw(|frame| ui::render(app, frame))?;
            dirty = false;
        }
        let tick = if app.awaiting_search() {
            SEARCH_TICK
        } else {
            TICK
        };
        if event::poll(tick)? {
            // Drain everything already typed before drawing again: one frame per burst.
            loop {
                if let Some(action) = keymap::map_event(&event::read()?, app.mode()) {
                    app.update(action);
                    dirty = true;
                }
                if app.exit().is_some() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if app.exit().is_some() {
            return Ok(None);
        }
    }
}

/// The terminal in explorer mode; dropping it restores the terminal.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    fn start() -> io::Result<Session> {
        install_panic_hook();
        enable_raw_mode()?;
        let setup = execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        )
        .and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())));
        match setup {
            Ok(terminal) => Ok(Session { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as we found it. Every step is tried even if one fails (the
/// terminal may be gone after SIGHUP), so a failure cannot leave mouse reporting on.
fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Restores the terminal before the panic message prints, so the message is readable
/// and the shell is usable. A panic on the search thread is not fatal: the worker catches
/// it and the status bar shows it, so the terminal stays as it is and nothing is printed
/// over the screen.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some(worker::THREAD_NAME) {
            return;
        }
        restore();
        previous(info);
    }));
}

/// Catches SIGTERM, SIGHUP and SIGINT on a thread. The event loop sees the signal in
/// `caught` within a tick and leaves cleanly. If it does not within [`GRACE`], it is
/// wedged: after a real hangup crossterm's reader spins on the dead tty (`read` fails
/// with EIO, which it retries forever) and never returns to the loop. Then this thread
/// restores what it can and exits with 128 + the signal — the one exit outside
/// `main`, because no caller could ever get control back.
struct SignalWatch {
    caught: Arc<AtomicUsize>,
    done: Arc<AtomicBool>,
    handle: Handle,
}

impl SignalWatch {
    fn start() -> io::Result<SignalWatch> {
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let handle = signals.handle();
        let caught = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let (c, d) = (Arc::clone(&caught), Arc::clone(&done));
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                c.store(sig as usize, Ordering::SeqCst);
                std::thread::sleep(GRACE);
                if !d.load(Ordering::SeqCst) {
                    restore();
                    std::process::exit(128 + sig);
                }
            }
        });
        Ok(SignalWatch {
            caught,
            done,
            handle,
        })
    }
}

impl Drop for SignalWatch {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        self.handle.close();
    }
}
