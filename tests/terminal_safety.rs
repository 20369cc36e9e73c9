//! What reaches the terminal, through the real binary: a dataset with an escape
//! sequence in every string field, printed by every table command; ids the loader and
//! `import --id` refuse; a closed or unwritable standard output; the exit codes the
//! README lists (the explorer's 129/130/143 are in `tests/e2e_tmux.rs`).

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use pa_explorer::extract;
use pa_explorer::model::{Change, ChangeRole, Dataset, Kind, Meta, SCHEMA_VERSION};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Chars a terminal would act on: C0 controls but newline, DEL, C1 controls (CSI and
/// OSC start with ESC or with C1 `\u{9b}`/`\u{9d}`), and bidi overrides.
fn raw_controls(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| c != '\n' && pa_explorer::text::is_unsafe(c))
        .collect()
}

/// An OSC title change, a CSI colour, a bell, a C1 CSI and a bidi override.
const EVIL: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[31m\u{9b}2J\u{202e}";

/// A dataset whose every free string field holds [`EVIL`]: the text (so sentences
/// and figures), headlines, `exact`, `exact_high`, `unit`, `subject`, `rate`, `date`,
/// `change.verb`, `warnings` and all of `meta`. Ids stay plain: the loader refuses
/// others (see `ids_with_escapes_are_refused`).
fn evil_dataset(id: &str) -> Dataset {
    let text = format!(
        "导语{EVIL}，全市累计投资约37亿元。\n标题{EVIL}一\n补贴由每人每年1.2万元提高至每人每年2万元{EVIL}。转移就业4.83万人次。\n"
    );
    let meta = Meta {
        title: Some(format!("title{EVIL}")),
        publisher: Some(format!("publisher{EVIL}")),
        date: Some(format!("2021{EVIL}")),
        language: Some(format!("zh{EVIL}")),
        source: Some(format!("source{EVIL}")),
        inferred: vec![format!("inferred{EVIL}")],
        notes: vec![format!("note{EVIL}")],
        url: Some(format!("https://example.org/{EVIL}")),
        sha256: Some(format!("00{EVIL}")),
        format: Some(format!("text{EVIL}")),
        encoding: Some(format!("UTF-8{EVIL}")),
        encoding_from: Some(format!("bom{EVIL}")),
        from_source: vec![format!("title{EVIL}")],
    };
    let mut doc = extract::document(id, meta, text);
    assert!(doc.figures.len() >= 4, "{:?}", doc.figures);
    for s in &mut doc.sections {
        if let Some(h) = &mut s.headline {
            h.push_str(EVIL);
        }
    }
    let ids: Vec<_> = doc.figures.iter().map(|f| f.id.clone()).collect();
    for (i, f) in doc.figures.iter_mut().enumerate() {
        f.exact = Some(format!("1{EVIL}").into());
        f.exact_high = Some(format!("2{EVIL}").into());
        f.unit = Some(format!("元{EVIL}").into());
        f.subject = Some(format!("投资{EVIL}").into());
        f.rate = Some(format!("每年{EVIL}").into());
        f.date = Some(format!("2021-04{EVIL}").into());
        f.change = Some(Change {
            role: ChangeRole::From,
            other: ids[(i + 1) % ids.len()].clone(),
            verb: format!("提高至{EVIL}").into(),
        });
        f.same_as = vec![ids[(i + 1) % ids.len()].clone()];
        f.warnings = vec![format!("warning{EVIL}")];
    }
    // Each kind shows a different field in the value column.
    doc.figures[1].kind = Kind::Date;
    doc.figures[2].kind = Kind::Ordinal;
    doc.figures[3].kind = Kind::Level;
    Dataset {
        schema_version: SCHEMA_VERSION,
        documents: vec![doc],
    }
}

fn write_dataset(dir: &Path, name: &str, ds: &Dataset) -> String {
    let path = dir.join(name);
    std::fs::write(&path, pa_explorer::dataset::to_json(ds)).unwrap();
    path.to_str().unwrap().to_string()
}

/// Every table command, on one document and on two (where ids print as `DOC:f001`),
/// prints no ESC, BEL, CSI, OSC, C1 or bidi char — and does print the fields, made
/// visible (`␛`), so the check is not passing on output that left them out.
#[test]
fn no_dataset_field_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let one = write_dataset(dir.path(), "one.json", &evil_dataset("evil"));
    let two = write_dataset(dir.path(), "two.json", &evil_dataset("evil2"));
    let ds = evil_dataset("evil");
    let mut commands: Vec<Vec<String>> = Vec::new();
    for data in [vec![one.clone()], vec![one.clone(), two.clone()]] {
        let with = |args: &[&str]| -> Vec<String> {
            let mut v: Vec<String> = args.iter().map(|s| (*s).to_string()).collect();
            for d in &data {
                v.push("--data".into());
                v.push(d.clone());
            }
            v
        };
        commands.push(with(&["sections"]));
        commands.push(with(&["figures"]));
        commands.push(with(&["search", "投资"]));
        commands.push(with(&["search", "37亿"]));
        for f in &ds.documents[0].figures {
            let id = if data.len() > 1 {
                format!("evil:{}", f.id)
            } else {
                f.id.to_string()
            };
            commands.push(with(&["show", &id]));
        }
        for format in ["json", "jsonl", "csv"] {
            commands.push(with(&["figures", "--format", format]));
            commands.push(with(&["sections", "--format", format]));
        }
    }
    let mut shown = String::new();
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        let raw = raw_controls(&out);
        assert!(raw.is_empty(), "{args:?} printed {raw:?}:\n{out}");
        assert!(raw_controls(&text(&o.stderr)).is_empty(), "{args:?}");
        shown.push_str(&out);
    }
    // The escapes were there to be made safe: each field's stand-in shows somewhere.
    for field in [
        "1␛]0;PWNED␇",       // exact (ordinal/level value, show's `exact`)
        "2021-04␛]0;PWNED␇", // date
        "元␛]0;PWNED␇",      // unit
        "投资␛]0;PWNED␇",    // subject
        "每年␛]0;PWNED␇",    // rate
        "提高至␛]0;",        // change.verb (the row is lower-cased)
        "warning␛]0;PWNED␇", // warnings
        "标题␛]0;PWNED␇",    // headline
        "导语␛]0;PWNED␇",    // sentence
    ] {
        assert!(shown.contains(field), "{field:?} never shown");
    }
}

/// A change made to a valid dataset.
type Spoil = fn(&mut Dataset);

/// Ids are printed bare, so the loader holds them to an alphabet: a document id, a
/// figure id or a `same_as` with an escape is refused with file:line:column and field.
#[test]
fn ids_with_escapes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Spoil, &str); 3] = [
        (
            "doc_id",
            |ds| ds.documents[0].id = format!("a{EVIL}"),
            "at field `documents[0].id`",
        ),
        (
            "figure_id",
            |ds| {
                let d = &mut ds.documents[0];
                d.figures[0].id = format!("f{EVIL}").into();
                // References to the renamed figure, which would now dangle.
                for f in &mut d.figures {
                    f.change = None;
                    f.same_as.clear();
                }
            },
            "at field `documents[0].figures[0].id`",
        ),
        (
            "same_as",
            |ds| ds.documents[0].figures[0].same_as = vec![format!("f{EVIL}").into()],
            "at field `documents[0].figures[0].same_as[0]`",
        ),
    ];
    for (name, spoil, field) in cases {
        let mut ds = evil_dataset("evil");
        spoil(&mut ds);
        let path = write_dataset(dir.path(), &format!("{name}.json"), &ds);
        for cmd in ["sections", "figures"] {
            let o = run(&[cmd, "--data", &path]);
            let err = text(&o.stderr);
            assert_eq!(o.status.code(), Some(3), "{name}: {err}");
            assert!(err.contains(&format!("{name}.json:")), "{name}: {err}");
            assert!(err.contains(field), "{name}: {err}");
            assert!(raw_controls(&err).is_empty(), "{name}: {err:?}");
            assert!(o.stdout.is_empty(), "{name}");
        }
    }
}

/// `import --id` takes only ids the loader would take: anything else is a usage
/// error (exit 2), said before any file is written.
#[test]
fn import_id_outside_the_alphabet_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let long = "x".repeat(101);
    for id in [
        "a\u{1b}[31mb",
        "a\u{202e}b",
        "jinan:2021",
        "a b",
        "",
        long.as_str(),
    ] {
        let o = run(&[
            "import",
            "data/jinan-poverty-alleviation.txt",
            "--id",
            id,
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{id:?}: {err}");
        assert!(err.contains("--id: the document id"), "{id:?}: {err}");
        assert!(raw_controls(&err).is_empty(), "{id:?}: {err:?}");
        assert!(!out.exists(), "{id:?}: wrote the output");
    }
    // Any script, `-`, `_` and `.` are fine, and the result loads back.
    let o = run(&[
        "import",
        "data/jinan-poverty-alleviation.txt",
        "--id",
        "济南-2021_v1.2",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = run(&["sections", "--data", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

/// Runs `pa-explorer ARGS` from `sh` with `redirect` applied to it.
fn sh(args: &str, redirect: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("exec \"$0\" {args} {redirect}"))
        .arg(env!("CARGO_BIN_EXE_pa-explorer"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("sh runs")
}

/// Output that cannot be written is an error naming `<stdout>`, exit 1 — not lost
/// silently with exit 0. Discarding it on purpose (`> /dev/null`) still works.
#[test]
fn closed_or_read_only_stdout_is_an_error() {
    for (args, redirect) in [
        ("figures", ">&-"),
        ("figures", "1</dev/null"),
        ("sections --format json", ">&-"),
        ("extract data/jinan-poverty-alleviation.txt", ">&-"),
        ("show f016", "1<data/jinan-poverty-alleviation.txt"),
    ] {
        let o = sh(args, redirect);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args} {redirect}: {err}");
        assert!(
            err.contains("cannot write <stdout>"),
            "{args} {redirect}: {err}"
        );
    }
    // A device that refuses the bytes (a full disk).
    if Path::new("/dev/full").exists() {
        let o = sh("figures", "> /dev/full");
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("cannot write <stdout>"), "{err}");
    }
    let o = sh("figures", "> /dev/null");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // `import -o` writes no stdout, so it does not need one.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.json");
    let o = sh(
        &format!(
            "import data/jinan-poverty-alleviation.txt -o {}",
            out.display()
        ),
        ">&-",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(out.exists());
}

/// A reader that stops early (`| head`) is not an error: exit 0, nothing on stderr.
#[test]
fn a_closed_pipe_is_success() {
    let mut child = bin()
        .args(["extract", "-", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let line = "转移就业4.83万人次，开展职业技能培训943人次。\n".repeat(20_000);
    child
        .stdin
        .take()
        .unwrap()
        .write_all(line.as_bytes())
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
}

/// Ctrl-C in a subcommand: the default action, so the process dies of SIGINT, which
/// a shell reports as 130.
#[cfg(unix)]
#[test]
fn sigint_stops_a_subcommand_by_the_signal() {
    use std::os::unix::process::ExitStatusExt;
    // Reading a standard input that never ends: the command is surely still running.
    let mut child = bin()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all("投资约37亿元。\n".as_bytes()).unwrap();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.signal(), Some(2), "{status:?}");
}

/// The exit codes the README lists for subcommands, one command each.
#[test]
fn exit_codes_are_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{").unwrap();
    let bad = bad.to_str().unwrap();
    for (args, code) in [
        (&["sections"][..], 0),
        (&["figures", "--min", "lots"][..], 2),
        (&["show", "f999"][..], 2),
        (&["no-such-command"][..], 2),
        (&["sections", "--data", bad][..], 3),
        (&["extract", "/no/such/file.txt"][..], 3),
        (&["extract", "tests/bad_inputs/text_binary.txt"][..], 3),
        (
            &[
                "extract",
                "tests/bad_inputs/text_gbk.txt",
                "--encoding",
                "utf-8",
            ][..],
            3,
        ),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", text(&o.stderr));
    }
    // 1: output that cannot be written (see `closed_or_read_only_stdout_is_an_error`).
    assert_eq!(sh("sections", ">&-").status.code(), Some(1));
}
