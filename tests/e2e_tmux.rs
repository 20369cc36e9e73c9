//! End-to-end tests of the real binary in tmux: open the explorer, search in Chinese,
//! jump to the figure, quit; check that the terminal is restored (no alternate
//! screen, no mouse reporting) after `q`, Ctrl-C, SIGTERM, SIGHUP and SIGINT; and that
//! Ctrl-Z gives the shell a normal terminal and `fg` brings the explorer back.
//!
//! Each test uses its own tmux server (`-L`), so tests can run in parallel and never
//! touch the user's tmux. Skipped, with a note, only when tmux is not installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pa-explorer");
const PROMPT: &str = "E2E-READY$ ";
/// Upper bound for any wait; polls return as soon as the screen is ready.
const TIMEOUT: Duration = Duration::from_secs(20);

struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    /// A fresh tmux server with one 120x35 shell, or `None` when tmux is missing.
    fn start(name: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("skipping: tmux is not installed");
            return None;
        }
        let t = Tmux {
            socket: format!("pa-e2e-{name}-{}", std::process::id()),
            dir: tempfile::tempdir().expect("temp dir"),
        };
        let shell = format!("env PS1='{PROMPT}' NO_COLOR= sh");
        t.run(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            "120",
            "-y",
            "35",
            &shell,
        ]);
        t.wait_for("the shell prompt", |s| s.contains(PROMPT.trim_end()));
        Some(t)
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env("LANG", "C.UTF-8")
            // The socket lives in the test's temp dir, so nothing is left in /tmp.
            .env("TMUX_TMPDIR", self.dir.path())
            .output()
            .expect("run tmux");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types text literally (Chinese included).
    fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", text]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    fn display(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "e2e", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the screen until `ready` holds; fails with the last screen after TIMEOUT.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ready(&s) {
                return s;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; screen:\n{s}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Starts the explorer from the shell; its pid and exit status go to files.
    fn launch(&self) {
        let cmd = format!(
            "sh -c 'echo $$ > {pid}; exec {BIN}'; echo EXIT:$? > {exit}",
            pid = self.path("pid").display(),
            exit = self.path("exit").display(),
        );
        self.type_text(&cmd);
        self.keys(&["Enter"]);
        self.wait_for("the explorer", |s| {
            s.contains("Sections") && s.contains("figures")
        });
    }

    /// Polls a tmux format (e.g. `#{alternate_on}`) until it reads `want`.
    fn wait_display(&self, format: &str, want: &str) {
        let start = Instant::now();
        loop {
            let got = self.display(format);
            if got == want {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "{format} is {got}, not {want}; screen:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(50));
        }
    }

    fn pid(&self) -> String {
        read_when_written(&self.path("pid"))
    }

    /// The explorer's exit status, once the shell has written it.
    fn exit_status(&self) -> String {
        read_when_written(&self.path("exit"))
    }

    /// The terminal is back to normal: shell prompt on the main screen, no mouse mode.
    fn assert_restored(&self) {
        let screen = self.wait_for("the prompt after exit", |s| {
            s.lines()
                .filter(|l| l.starts_with(PROMPT.trim_end()))
                .count()
                >= 2
        });
        assert!(
            !screen.contains("Sections"),
            "still on the explorer screen:\n{screen}"
        );
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "alternate screen left on"
        );
        assert_eq!(
            self.display("#{mouse_any_flag}"),
            "0",
            "mouse reporting left on"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .env("TMUX_TMPDIR", self.dir.path())
            .output();
    }
}

fn read_when_written(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(path)
            && s.ends_with('\n')
        {
            return s.trim().to_string();
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "{} never written",
            path.display()
        );
        sleep(Duration::from_millis(50));
    }
}

#[test]
fn search_in_chinese_jump_and_quit() {
    let Some(t) = Tmux::start("search") else {
        return;
    };
    t.launch();
    t.keys(&["/"]);
    t.wait_for("the search box", |s| s.contains("Results"));
    t.type_text("养老保险费");
    // Enter takes the selected row as shown, so wait for the answer to the whole query,
    // not an earlier one still on screen (marked while a search is out).
    t.wait_for("ranked results", |s| {
        s.contains("代缴居民基本养老保险费")
            && !s.contains("searching…")
            && !s.contains("indexing…")
    });
    t.keys(&["Enter"]);
    // Wait for everything asserted below: tmux may capture a frame half drawn.
    let screen = t.wait_for("the source of the figure", |s| {
        !s.contains("Results")
            && s.contains("Source · f")
            && s.contains("2304.86万元")
            && s.contains("代缴居民基本养老保险")
            && s.contains("section")
    });
    // The source pane shows the sentence around the figure, wrapped by width.
    assert!(screen.contains("代缴居民基本养老保险"), "{screen}");
    assert!(
        screen.contains("section"),
        "status bar names the section:\n{screen}"
    );
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), "EXIT:0");
    t.assert_restored();
}

#[test]
fn ctrl_c_quits_with_130_and_restores() {
    let Some(t) = Tmux::start("ctrlc") else {
        return;
    };
    t.launch();
    t.keys(&["C-c"]);
    assert_eq!(t.exit_status(), "EXIT:130");
    t.assert_restored();
}

/// Ctrl-Z then `fg` (issue 9): stopped, the shell has the main screen, no mouse
/// reporting and a terminal that does not echo into the explorer; continued, the
/// explorer takes the alternate screen again and redraws all of it.
#[test]
fn ctrl_z_gives_the_shell_back_and_fg_redraws() {
    let Some(t) = Tmux::start("ctrlz") else {
        return;
    };
    // Run directly, not in the `; echo EXIT` list of `launch`: the shell would go on
    // with the list when the job stops. `fg` reports the final status instead.
    t.type_text(BIN);
    t.keys(&["Enter"]);
    t.wait_for("the explorer", |s| {
        s.contains("Sections") && s.contains("figures")
    });
    t.keys(&["C-z"]);
    t.wait_display("#{alternate_on}", "0");
    assert_eq!(
        t.display("#{mouse_any_flag}"),
        "0",
        "mouse reporting left on"
    );
    // The shell reads and runs a line: the terminal is cooked again.
    t.type_text("echo SHELL-$((40 + 2))");
    t.keys(&["Enter"]);
    let screen = t.wait_for("the shell's answer", |s| {
        s.lines().any(|l| l.trim_end() == "SHELL-42")
    });
    assert!(
        !screen.contains("Sections"),
        "explorer still shown:\n{screen}"
    );
    let status = t.path("status");
    t.type_text(&format!("fg; echo FG:$? > {}", status.display()));
    t.keys(&["Enter"]);
    t.wait_display("#{alternate_on}", "1");
    // Redrawn in full: the panes and the status bar, not just what changed.
    t.wait_for("the explorer again", |s| {
        s.contains("Sections") && s.contains("figures") && !s.contains("SHELL-42")
    });
    assert_eq!(
        t.display("#{mouse_any_flag}"),
        "1",
        "mouse reporting back on"
    );
    // Keys reach the explorer again (raw mode): `/` opens the search box.
    t.keys(&["/"]);
    t.wait_for("the search box", |s| s.contains("Results"));
    t.keys(&["Escape"]);
    t.wait_for("the search box closed", |s| !s.contains("Results"));
    t.keys(&["q"]);
    assert_eq!(read_when_written(&status), "FG:0");
    t.assert_restored();
}

fn signal_restores(name: &str, signal: &str, status: &str) {
    let Some(t) = Tmux::start(name) else { return };
    t.launch();
    let pid = t.pid();
    let out = Command::new("kill")
        .args([signal, &pid])
        .output()
        .expect("run kill");
    assert!(out.status.success(), "kill {signal} {pid} failed");
    assert_eq!(t.exit_status(), status);
    t.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores("term", "-TERM", "EXIT:143");
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores("hup", "-HUP", "EXIT:129");
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores("int", "-INT", "EXIT:130");
}

#[test]
fn not_a_terminal_points_to_the_subcommands() {
    let out = Command::new(BIN).output().expect("run binary");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("needs a terminal") && err.contains("pa-explorer figures"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// A real hangup (the terminal closes): the process must end, not spin on the dead tty.
#[test]
fn closing_the_terminal_ends_the_process() {
    let Some(t) = Tmux::start("hangup") else {
        return;
    };
    t.launch();
    let pid = t.pid();
    t.run(&["kill-pane", "-t", "e2e"]);
    let start = Instant::now();
    loop {
        let out = Command::new("ps")
            .args(["-o", "stat=", "-p", &pid])
            .output()
            .expect("run ps");
        let stat = String::from_utf8_lossy(&out.stdout).trim().to_string();
        // Gone, or a zombie nobody reaped (containers often lack an init that reaps).
        if stat.is_empty() || stat.starts_with('Z') {
            break;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "pid {pid} still running ({stat}) after the hangup"
        );
        sleep(Duration::from_millis(100));
    }
}
