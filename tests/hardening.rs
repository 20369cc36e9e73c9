//! Hostile and damaged input, through the real binary where a user would meet it:
//! the bad-input corpus (`tests/bad_inputs/`), terminal and spreadsheet safety of every
//! output, damaged text, and bounded-size checks that would not finish if the extractor
//! were quadratic. Timing is never asserted: a slow machine must not fail CI; where a
//! size is asserted (ids, bytes written) it is a count, which a quadratic path breaks.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pa_explorer::extract;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Bytes a terminal would act on: C0 controls other than newline, DEL, C1 controls, and
/// the bidi controls that reorder what is shown.
fn raw_controls(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| c != '\n' && pa_explorer::text::is_unsafe(c))
        .collect()
}

/// Every figure's and sentence's span, cut out of `source` by char, equals its text, and
/// each figure lies inside its sentence.
fn assert_spans(source: &str, ex: &extract::Extraction) {
    let chars: Vec<char> = source.chars().collect();
    let cut = |s: usize, e: usize| -> String {
        assert!(
            s <= e && e <= chars.len(),
            "span {s}..{e} of {}",
            chars.len()
        );
        chars[s..e].iter().collect()
    };
    for s in &ex.sentences {
        assert_eq!(cut(s.start, s.end), s.text, "sentence {}", s.index);
    }
    for f in &ex.figures {
        assert_eq!(cut(f.start, f.end), f.text, "figure {}", f.id);
        let s = &ex.sentences[f.sentence];
        assert!(
            s.start <= f.start && f.end <= s.end,
            "figure {} {}..{} outside sentence {}..{}",
            f.id,
            f.start,
            f.end,
            s.start,
            s.end
        );
    }
}

/// The bad-input corpus: `NAME.json` is loaded as a dataset (`sections --data`), `NAME.txt`
/// is extracted (`extract --format jsonl`). `NAME.expected` holds `exit N` on its first
/// line, then substrings that stderr must contain. Whatever happens, nothing is written
/// to stdout on failure, stderr has no raw control characters, and successful extraction
/// gives spans that point into the file as it is on disk.
#[test]
fn bad_inputs_fail_clearly() {
    let dir = Path::new("tests/bad_inputs");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/bad_inputs exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "expected"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for expected in &cases {
        let spec = std::fs::read_to_string(expected).expect("expected file is UTF-8");
        let mut lines = spec.lines();
        let code: i32 = lines
            .next()
            .and_then(|l| l.strip_prefix("exit "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("{}: first line must be `exit N`", expected.display()));
        let json = expected.with_extension("json");
        let txt = expected.with_extension("txt");
        let (input, o) = if json.exists() {
            let o = run(&["sections", "--data", json.to_str().unwrap()]);
            (json, o)
        } else if txt.exists() {
            let o = run(&["extract", txt.to_str().unwrap(), "--format", "jsonl"]);
            (txt, o)
        } else {
            panic!("{}: no .json or .txt beside it", expected.display());
        };
        let err = text(&o.stderr);
        let name = input.display();
        if o.status.code() != Some(code) {
            failures.push(format!(
                "{name}: exit {:?}, expected {code}\n{err}",
                o.status.code()
            ));
            continue;
        }
        for want in lines.filter(|l| !l.is_empty()) {
            if !err.contains(want) {
                failures.push(format!("{name}: stderr lacks {want:?}:\n{err}"));
            }
        }
        if !raw_controls(&err).is_empty() {
            failures.push(format!("{name}: raw control characters in stderr {err:?}"));
        }
        if code != 0 {
            if !o.stdout.is_empty() {
                failures.push(format!("{name}: failed but wrote to stdout"));
            }
            // A data error, not a usage error, whatever the input.
            if code != 3 {
                failures.push(format!("{name}: data errors exit 3"));
            }
        } else if input.extension().is_some_and(|x| x == "txt") {
            // Spans point into the decoded text (GBK and UTF-16 files are read too).
            let source = pa_explorer::ingest::read(&input, pa_explorer::ingest::Options::default())
                .expect("successful input reads")
                .text;
            let chars: Vec<char> = source.chars().collect();
            for line in text(&o.stdout).lines() {
                let r: serde_json::Value = serde_json::from_str(line).expect("JSONL");
                let (s, e) = (
                    r["start"].as_u64().unwrap() as usize,
                    r["end"].as_u64().unwrap() as usize,
                );
                let cut: String = chars[s..e].iter().collect();
                if cut != r["text"].as_str().unwrap() {
                    failures.push(format!(
                        "{name}: span {s}..{e} is {cut:?}, not {}",
                        r["text"]
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A dataset loaded twice (or two imports with the same id) is refused as bad data,
/// located in the second file, and nothing is shown.
#[test]
fn duplicate_document_across_files_is_a_data_error() {
    let ds = "tests/bad_inputs/utf8_bom_is_accepted.json";
    let o = run(&["figures", "--data", ds, "--data", ds]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.contains("utf8_bom_is_accepted.json:5:13: invalid dataset at field `documents[0].id`"),
        "{err}"
    );
    assert!(err.contains("already loaded from another file"), "{err}");
    assert!(o.stdout.is_empty());
}

/// One bad file in a directory refuses the whole directory: nothing is half loaded.
#[test]
fn one_bad_file_in_a_directory_refuses_all() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "tests/bad_inputs/utf8_bom_is_accepted.json",
        dir.path().join("a.json"),
    )
    .unwrap();
    std::fs::copy(
        "tests/bad_inputs/span_text_mismatch.json",
        dir.path().join("b.json"),
    )
    .unwrap();
    let o = run(&["figures", "--data", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(text(&o.stderr).contains("b.json:"), "{}", text(&o.stderr));
    assert!(o.stdout.is_empty());
}

#[test]
fn a_directory_without_datasets_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["figures", "--data", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no *.json dataset files"));
}

#[test]
fn a_directory_given_as_text_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        text(&o.stderr).contains("cannot read"),
        "{}",
        text(&o.stderr)
    );
}

/// A file name is echoed in errors; its escape sequences must not reach the terminal.
#[test]
fn file_names_in_errors_are_sanitized() {
    let o = run(&["extract", "no-such-\u{1b}[2J\u{7}-\u{202e}file.txt"]);
    assert_eq!(o.status.code(), Some(3));
    let err = text(&o.stderr);
    assert!(raw_controls(&err).is_empty(), "{err:?}");
    assert!(err.contains("no-such-␛[2J␇-\u{fffd}file.txt"), "{err}");
}

const HOSTILE: &str = "标题\u{1b}[31m红\u{7}字\u{202e}反转\n\
    全市\u{1b}]0;pwned\u{7}累计投资约37亿元，惠及\u{1b}[2J群众\u{9b}31m363.6万人\u{7f}。\n\
    =HYPERLINK(\"http://x\")新增300余人。\n\
    +1+1实现就业4.83万人次。\n\
    -2+3共有500个。\n\
    @SUM(A1)帮助学生1533名。\n";

fn import(dir: &Path, name: &str, source: &str) -> PathBuf {
    let src = dir.join(format!("{name}.txt"));
    std::fs::write(&src, source).unwrap();
    let ds = dir.join(format!("{name}.json"));
    let o = run(&["import", src.to_str().unwrap(), "-o", ds.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    ds
}

/// ESC sequences, BEL, C1 controls, DEL and bidi overrides in the text never reach the
/// terminal raw through any table, whichever column they end up in.
#[test]
fn tables_show_control_characters_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("hostile.txt");
    std::fs::write(&src, HOSTILE).unwrap();
    let o = run(&["extract", src.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("37亿元"), "{out}");
    assert!(raw_controls(&out).is_empty(), "extract table: {out:?}");

    let ds = import(dir.path(), "hostile", HOSTILE);
    let ds = ds.to_str().unwrap();
    let o = run(&["figures", "--data", ds, "--format", "jsonl"]);
    let first_id = text(&o.stdout)
        .lines()
        .next()
        .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .and_then(|v| v["id"].as_str().map(str::to_string))
        .expect("a figure");
    for args in [
        vec!["figures"],
        vec!["sections"],
        vec!["show", first_id.as_str()],
        vec!["search", "群众"],
        vec!["search", "37"],
    ] {
        let mut all = args.clone();
        all.extend(["--data", ds]);
        let o = run(&all);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(raw_controls(&out).is_empty(), "{args:?}: {out:?}");
        assert!(!out.trim().is_empty(), "{args:?} printed nothing");
    }
}

/// JSON output escapes what it carries, so `cat`-ing it is safe, and a JSON reader
/// still gets the original text back.
#[test]
fn json_output_escapes_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("hostile.txt");
    std::fs::write(&src, HOSTILE).unwrap();
    for format in ["jsonl", "json"] {
        let o = run(&["extract", src.to_str().unwrap(), "--format", format]);
        assert!(o.status.success());
        let out = text(&o.stdout);
        assert!(raw_controls(&out).is_empty(), "{format}: {out:?}");
        assert!(out.contains("\\u001b[31m"), "{format}: ESC not escaped");
        assert!(
            out.contains("\\u202e"),
            "{format}: bidi override not escaped"
        );
        assert!(out.contains("\\u009b"), "{format}: C1 CSI not escaped");
    }
    let o = run(&["extract", src.to_str().unwrap(), "--format", "jsonl"]);
    let sentences: Vec<String> = text(&o.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["sentence"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        sentences.iter().any(|s| s.contains("\u{1b}]0;pwned\u{7}")),
        "{sentences:?}"
    );
}

/// CSV cells that a spreadsheet would run as formulas start with `'` instead, in every
/// text column (sentence, subject, headline, text), for = + - and @.
#[test]
fn csv_cells_never_start_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let source = "=CMD()标题\n\
        =HYPERLINK(\"http://x\")新增300余人。\n\
        +1+1实现就业4.83万人次。\n\
        -2+3共有500个。\n\
        @SUM(A1)帮助学生1533名。\n";
    let ds = import(dir.path(), "formulas", source);
    let o = run(&["figures", "--data", ds.to_str().unwrap(), "--format", "csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let mut rows = 0;
    for row in reader.records() {
        let row = row.unwrap();
        rows += 1;
        for (name, cell) in headers.iter().zip(row.iter()) {
            if matches!(name, "value" | "high" | "start" | "end" | "section") {
                continue;
            }
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "column {name} starts a formula: {cell:?}"
            );
        }
        let sentence = &row[headers.iter().position(|h| h == "sentence").unwrap()];
        assert!(
            sentence.starts_with('\''),
            "sentence not neutralized: {sentence:?}"
        );
        let headline = &row[headers.iter().position(|h| h == "headline").unwrap()];
        assert_eq!(headline, "'=CMD()标题");
    }
    assert!(rows >= 4, "{out}");
    for lead in ["'=HYPERLINK", "'+1+1", "'-2+3", "'@SUM"] {
        assert!(out.contains(lead), "missing {lead} in {out}");
    }
}

/// PDF damage and glosses: whatever value comes out, nothing panics and every span
/// still points into the text as written. The values the extractor gets right today are
/// pinned in `damaged_text_values`.
#[test]
fn damaged_text_keeps_spans_in_the_original() {
    let samples = [
        "转移就业4.83\n万人次。",
        "转移就业4.\n83万人次。",
        "转移就业4 .83万人次。",
        "投资3.02 亿元。",
        "普及率达8。6%。",
        "惠及12.8萬(wàn)個(gè)家庭。",
        "\u{feff}标题\r\n累计投资约37亿元，\r\n新建水厂25座。\r\n",
        "一万万万万万万万万万万万万万万万万万个",
        "共计1000000000000000000000000000000000000元。",
        "共计99999999999999999999999999999.999999999999999999999元。",
        "第\u{0}1\u{0}2个。\u{1b}[31m3万\u{7}人",
        "",
        "\n\n\r\n",
        "。。。，，，",
        "0-17岁-18-19-20岁至30岁到40万",
        "百分之百分之百分之三十",
        "约约约约3万余余余人以上以上",
    ];
    for s in samples {
        let ex = extract::extract(s);
        assert_spans(s, &ex);
    }
}

/// Damaged forms the extractor repairs. A form that reads a wrong value belongs in the
/// report to the extractor's owner, not here.
#[test]
fn damaged_text_values() {
    let value = |s: &str, text: &str| -> Option<f64> {
        let ex = extract::extract(s);
        ex.figures
            .iter()
            .find(|f| f.text.contains(text))
            .and_then(|f| f.value)
    };
    assert_eq!(value("转移就业4.83\n万人次。", "4.83"), Some(48_300.0));
    assert_eq!(value("投资3.02 亿元。", "3.02"), Some(302_000_000.0));
    assert_eq!(value("普及率达8。6%。", "6%"), Some(8.6));
    assert_eq!(
        value("惠及12.8萬(wàn)個(gè)家庭。", "12.8"),
        Some(128_000.0)
    );
}

/// Values past 10^30 come back without a value and with a warning, never wrapped.
#[test]
fn huge_values_are_refused_not_wrapped() {
    for s in [
        "共计1000000000000000000000000000000000000元。",
        "一万万万万万万万万万万万万万万万万万个",
    ] {
        let ex = extract::extract(s);
        let f = ex
            .figures
            .first()
            .unwrap_or_else(|| panic!("no figure in {s}"));
        assert_eq!(f.value, None, "{s}: {f:?}");
        assert!(!f.warnings.is_empty(), "{s}: no warning");
    }
}

/// Each of these is 1 MB (or more) of one pathological shape, read with valid spans
/// and at most two figures. This checks the answer, not the cost: no timing is
/// asserted, so a quadratic path would show only as a run of minutes.
#[test]
fn megabyte_lines_keep_valid_spans_and_few_figures() {
    let mb = 1 << 20;
    let plain = "全市累计投资就业".repeat(mb / "全市累计投资就业".len());
    let wan = format!("一{}个", "万".repeat(mb / 3));
    let digits = "1".repeat(mb);
    let spaces = format!("约{}37亿元", " ".repeat(mb));
    for (name, s) in [
        ("no punctuation", &plain),
        ("一万万万…", &wan),
        ("digits", &digits),
        ("spaces inside a number", &spaces),
    ] {
        let ex = extract::extract(s);
        assert_spans(s, &ex);
        assert!(
            ex.figures.len() <= 2,
            "{name}: {} figures",
            ex.figures.len()
        );
    }
}

/// Many figures in one sentence with no punctuation (a table flattened by a PDF tool)
/// are all found. Each figure's subject was once read up to the end of the sentence
/// and its floor found by a scan of all earlier figures (8,000 figures took minutes);
/// that cost is not asserted here (no timing in tests), only the count.
#[test]
fn a_sentence_of_100k_figures_yields_every_one() {
    let mut s = String::new();
    for i in 0..100_000 {
        write!(s, "{i}人").unwrap();
    }
    let ex = extract::extract(&s);
    assert_eq!(ex.figures.len(), 100_000);
}

/// `same_as` listed every other figure with the same value, so n equal figures cost n²
/// ids (3,333 copies of `5人。` wrote 87 MB of JSON); it is bounded now.
#[test]
fn repeated_values_cost_linear_space() {
    let s = "5人。".repeat(4000);
    let ex = extract::extract(&s);
    let links: usize = ex.figures.iter().map(|f| f.same_as.len()).sum();
    assert!(
        links <= 64 * ex.figures.len(),
        "{links} same_as ids for {} figures",
        ex.figures.len()
    );
}

/// What `extract` writes for a damaged file is itself a valid dataset: import, then
/// read back.
#[test]
fn import_of_hostile_text_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = String::from(HOSTILE);
    source.push_str("\u{feff}\r\n转移就业4.83\n万人次。8。6%。\u{0}\u{1}\u{2}");
    let ds = import(dir.path(), "mixed", &source);
    let o = run(&["sections", "--data", ds.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

/// Damaged forms that once read wrong: a line break or a space right after the decimal
/// point ended the sentence, so the number was cut in two.
#[test]
fn damaged_decimal_point_at_a_break() {
    let values = |s: &str| -> Vec<Option<f64>> {
        extract::extract(s)
            .figures
            .iter()
            .map(|f| f.value)
            .collect()
    };
    assert_eq!(values("转移就业4.\n83万人次。"), vec![Some(48_300.0)]);
    assert_eq!(values("资金1,526. 11万元。"), vec![Some(15_261_100.0)]);
}

/// Every JSONL record carries its whole sentence, so a line of n figures without
/// punctuation writes n × its length: 1 MB of `0人1人2人…` wrote 61 GB. Extraction
/// itself is linear (the table takes 1.4 s).
#[test]
fn jsonl_output_is_linear_in_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = String::new();
    for i in 0..4000 {
        write!(s, "{i}人").unwrap();
    }
    let src = dir.path().join("flat.txt");
    std::fs::write(&src, &s).unwrap();
    let o = run(&["extract", src.to_str().unwrap(), "--format", "jsonl"]);
    assert!(o.status.success());
    assert!(
        o.stdout.len() < 2_000 * s.len(),
        "{} bytes of JSONL for {} bytes of text",
        o.stdout.len(),
        s.len()
    );
}
