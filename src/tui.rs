//! The explorer: the only module that touches the real terminal. It sets the terminal
//! up (raw mode, alternate screen, mouse, bracketed paste), runs the event loop, and
//! restores the terminal on every way out: normal exit, error, panic, Ctrl-C, SIGTERM,
//! SIGHUP and SIGINT; Ctrl-Z (or SIGTSTP) gives it back until `fg`. State and drawing
//! live in the submodules, which do no I/O.
//!
//! One channel wakes the loop: an input thread (the terminal's events), the search
//! worker (its answers) and a signal thread all send into it, and the loop sleeps in
//! `recv` until one of them has news — nothing polls.

pub mod action;
pub mod app;
pub mod effect;
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
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use crate::error::Error;
use crate::index::Index;
use action::Action;
use app::{App, Exit};
use effect::Effect;
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
    let (wake, wakes) = mpsc::channel();
    let watch = SignalWatch::start(wake.clone()).map_err(terminal_error)?;
    let signal = Arc::clone(&watch.caught);
    let theme = Theme { color: opts.color };
    let mut app = App::new(index, theme);
    let mut session = Session::start().map_err(terminal_error)?;
    // Started after the panic hook is in place, so the hook knows to spare the terminal
    // when the search thread panics.
    let result = Worker::start(app.shared_index(), wake.clone()).and_then(|worker| {
        read_input(wake)?;
        event_loop(&mut session.terminal, &mut app, &worker, &wakes)
    });
    drop(session);
    drop(watch);
    // After a real hangup the terminal is gone and reading it fails; the signal, not
    // the read error, is what happened.
    let result = match (result, signal.load(Ordering::Relaxed)) {
        (Err(_), sig) if sig != 0 => Ok(Some(sig as i32)),
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

/// Whatever wakes the event loop; each source has its own thread sending these.
#[derive(Debug)]
enum Wake {
    /// A terminal event, from the input thread.
    Input(Event),
    /// Reading the terminal failed; the input thread has stopped.
    InputFailed(io::Error),
    /// News from the search worker.
    Search(Action),
    /// A signal arrived (its number), from the signal thread.
    Signal(i32),
}

impl From<Action> for Wake {
    fn from(action: Action) -> Wake {
        Wake::Search(action)
    }
}

/// Starts the thread that reads the terminal's events into the loop's channel. It
/// blocks in `read` and ends with the process, or when reading fails.
fn read_input(wake: Sender<Wake>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("input".to_string())
        .spawn(move || {
            loop {
                let next = match event::read() {
                    Ok(ev) => Wake::Input(ev),
                    Err(e) => Wake::InputFailed(e),
                };
                let failed = matches!(next, Wake::InputFailed(_));
                if wake.send(next).is_err() || failed {
                    return;
                }
            }
        })
        .map(drop)
}

/// Draws, waits for news and updates until the app exits (`Ok(None)`) or a signal ends
/// it (`Ok(Some(signo))`).
fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    worker: &Worker,
    wakes: &Receiver<Wake>,
) -> io::Result<Option<i32>> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| ui::render(app, frame))?;
            dirty = false;
        }
        let mut next = Some(
            wakes
                .recv()
                .map_err(|_| io::Error::other("the explorer's event sources all stopped"))?,
        );
        // Drain everything already waiting before drawing again: one frame per burst,
        // and only the burst's last query goes to the worker.
        let mut search = None;
        while let Some(wake) = next {
            let action = match wake {
                Wake::Input(ev) => keymap::map_event(&ev, app.mode()),
                Wake::InputFailed(e) => return Err(e),
                Wake::Search(action) => Some(action),
                Wake::Signal(SIGTSTP) => Some(Action::Suspend),
                // Continued after a stop we did not make ourselves (`kill -STOP`): the
                // shell may have drawn over the screen and reset the terminal.
                Wake::Signal(SIGCONT) => {
                    take_terminal(terminal)?;
                    dirty = true;
                    None
                }
                Wake::Signal(sig) => return Ok(Some(sig)),
            };
            if let Some(action) = action {
                dirty = true;
                match app.update(action) {
                    Some(Effect::Search(req)) => search = Some(req),
                    Some(Effect::Suspend) => suspend(terminal)?,
                    None => {}
                }
            }
            if app.exit().is_some() {
                return Ok(None);
            }
            next = wakes.try_recv().ok();
        }
        // Handed over before drawing, so the search runs while we draw.
        if let Some(req) = search {
            worker.submit(req);
        }
    }
}

/// Gives the terminal back as it was, stops the process as SIGTSTP's default would, and
/// once the shell continues it (`fg`) takes the terminal again and redraws everything.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    restore();
    // Returns once the process is continued.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    take_terminal(terminal)
}

/// Explorer mode again after a stop, with the next frame drawn in full: the screen
/// holds whatever the shell left there.
///
/// Not `Terminal::clear`: it asks the terminal for the cursor position, and the reply
/// waits behind the input thread's blocking read. Instead the screen is cleared and a
/// blank frame drawn, so the next frame is diffed against a blank screen and every
/// non-blank cell of it is written.
fn take_terminal(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    enter()?;
    execute!(io::stdout(), Clear(ClearType::All))?;
    terminal.draw(|_| {})?;
    Ok(())
}

/// The terminal in explorer mode; dropping it restores the terminal.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    fn start() -> io::Result<Session> {
        install_panic_hook();
        let setup = enter().and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())));
        match setup {
            Ok(terminal) => Ok(Session { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

/// Raw mode, the alternate screen, mouse reporting and bracketed paste: what
/// [`restore`] undoes. Safe to repeat (raw mode remembers the first saved mode only).
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
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

/// Catches SIGTERM, SIGHUP, SIGINT, SIGTSTP and SIGCONT on a thread and sends each to
/// the event loop. After one that ends the explorer, the loop should leave cleanly; if
/// it does not within [`GRACE`], it is wedged (a draw blocked on a dead terminal, say).
/// Then this thread restores what it can and exits with 128 + the signal — the one exit
/// outside `main`, because no caller could ever get control back.
struct SignalWatch {
    /// The last signal that ends the explorer, 0 before one came.
    caught: Arc<AtomicUsize>,
    done: Arc<AtomicBool>,
    handle: Handle,
}

impl SignalWatch {
    fn start(wake: Sender<Wake>) -> io::Result<SignalWatch> {
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
        let handle = signals.handle();
        let caught = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let (c, d) = (Arc::clone(&caught), Arc::clone(&done));
        std::thread::spawn(move || {
            for sig in signals.forever() {
                // Job control is the loop's to carry out; the process goes on.
                if sig == SIGTSTP || sig == SIGCONT {
                    let _ = wake.send(Wake::Signal(sig));
                    continue;
                }
                c.store(sig as usize, Ordering::SeqCst);
                let _ = wake.send(Wake::Signal(sig));
                std::thread::sleep(GRACE);
                if !d.load(Ordering::SeqCst) {
                    restore();
                    std::process::exit(128 + sig);
                }
                return;
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
