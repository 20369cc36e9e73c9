//! Black-box tests of the subcommands through the built binary: stdout, stderr and
//! exit status, as a user or a script sees them.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use clap::CommandFactory;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("binary ends")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn jsonl(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

#[test]
fn clap_definition_is_consistent() {
    pa_explorer::cli::Cli::command().debug_assert();
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in ["extract", "import", "sections", "figures", "show", "search"] {
        let o = run(&[sub, "--help"]);
        assert!(o.status.success(), "{sub} --help failed");
        let out = stdout(&o);
        assert!(
            out.contains("Example"),
            "{sub} --help has no example:\n{out}"
        );
        assert!(
            out.contains("pa-explorer"),
            "{sub} --help example does not name the binary"
        );
    }
}

#[test]
fn extract_jsonl_has_the_contract_fields() {
    let o = run(&[
        "extract",
        "data/jinan-poverty-alleviation.txt",
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = jsonl(&o);
    assert!(rows.len() > 50, "only {} figures", rows.len());
    let fields = [
        "id",
        "kind",
        "text",
        "value",
        "high",
        "shape",
        "approx",
        "unit",
        "dimension",
        "subject",
        "sentence",
        "section",
        "headline",
        "start",
        "end",
    ];
    for r in &rows {
        for f in fields {
            assert!(r.get(f).is_some(), "missing field {f} in {r}");
        }
    }
    let pension = rows
        .iter()
        .find(|r| r["text"] == "2304.86万元")
        .expect("pension figure");
    assert_eq!(pension["value"].as_f64(), Some(23_048_600.0));
    assert_eq!(pension["exact"], "23048600");
    assert_eq!(pension["unit"], "元");
    assert_eq!(pension["dimension"], "money");
    assert_eq!(pension["subject"], "代缴居民基本养老保险费");
    assert_eq!(pension["section"], 1);
    assert_eq!(pension["headline"], "实现贫困劳动力 转移就业4.83万人次");
    assert!(
        pension["sentence"]
            .as_str()
            .unwrap()
            .contains("代缴居民基本养老保险费2304.86万元")
    );
    let lead = rows
        .iter()
        .find(|r| r["section"] == 0)
        .expect("lead figure");
    assert!(lead["headline"].is_null());
    let range = rows
        .iter()
        .find(|r| r["text"] == "0-17岁")
        .expect("age range");
    assert_eq!(
        (range["value"].as_f64(), range["high"].as_f64()),
        (Some(0.0), Some(17.0))
    );
    assert_eq!(range["shape"], "interval");
}

#[test]
fn extract_reads_stdin_and_offsets_are_chars_into_the_input() {
    let input = "\u{feff}标题\r\n累计投资约37亿元，新建水厂25座。\r\n";
    let o = run_stdin(&["extract", "-", "--format", "jsonl"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let chars: Vec<char> = input.chars().collect();
    for r in jsonl(&o) {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let cut: String = chars[s..e].iter().collect();
        assert_eq!(cut, r["text"].as_str().unwrap());
    }
}

#[test]
fn extract_table_aligns_chinese_by_display_width() {
    let o = run_stdin(
        &["extract", "-"],
        "为1533名贫困家庭学生享受政策1526.11万元。".as_bytes(),
    );
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("ID"));
    assert!(out.contains("15,261,100"), "{out}");
    // The VALUE column is right-aligned: its right edge is the same display column.
    let value_end = |l: &str, v: &str| {
        let i = l.find(v).expect("value in line");
        pa_explorer::text::width(&l[..i]) + pa_explorer::text::width(v)
    };
    assert_eq!(
        value_end(lines[1], "1,533"),
        value_end(lines[2], "15,261,100")
    );
}

#[test]
fn non_utf8_input_names_the_byte_offset() {
    let mut bytes = "第一行\n约37亿".as_bytes().to_vec();
    bytes.push(0xff);
    let o = run_stdin(&["extract", "-"], &bytes);
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(err.contains("not valid UTF-8 at byte 18"), "{err}");
    assert!(err.contains("line 2"), "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn missing_file_is_a_clear_error() {
    let o = run(&["extract", "no/such/file.txt"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("cannot read no/such/file.txt"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn sections_lists_lead_and_every_headline() {
    let o = run(&["sections"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for h in [
        "(lead)",
        "实现贫困劳动力 转移就业4.83万人次",
        "打造公益品牌 惠及困难群众363.6万人",
        "全市农村自来水普及率已达98%",
        "新增贫困残疾人就业0.35万人",
        "到2024年年底前 实现城乡社会救助标准一体化",
    ] {
        assert!(out.contains(h), "missing {h} in\n{out}");
    }
}

#[test]
fn figures_filters_and_sorts() {
    let o = run(&[
        "figures",
        "--dimension",
        "money",
        "--min",
        "1亿",
        "--sort",
        "value",
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = jsonl(&o);
    let values: Vec<f64> = rows.iter().map(|r| r["value"].as_f64().unwrap()).collect();
    assert!(!values.is_empty());
    assert!(values.iter().all(|&v| v >= 1e8), "{values:?}");
    assert!(
        values.windows(2).all(|w| w[0] >= w[1]),
        "not sorted: {values:?}"
    );
    assert_eq!(rows[0]["text"], "约37亿元");

    let o = run(&[
        "figures",
        "--section",
        "4",
        "--unit",
        "人次",
        "--format",
        "jsonl",
    ]);
    let rows = jsonl(&o);
    assert!(
        rows.iter()
            .all(|r| r["section"] == 4 && r["unit"] == "人次")
    );
    assert_eq!(rows.len(), 2);
}

#[test]
fn figures_csv_neutralizes_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("evil.txt");
    std::fs::write(&src, "=HYPERLINK(1)共有300余个。\n").unwrap();
    let ds = dir.path().join("evil.json");
    let o = run(&["import", src.to_str().unwrap(), "-o", ds.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["figures", "--data", ds.to_str().unwrap(), "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("'=HYPERLINK"), "{out}");
    assert!(!out.contains(",=HYPERLINK"), "{out}");
}

#[test]
fn bad_flag_values_are_usage_errors() {
    let o = run(&["figures", "--dimension", "money-ish"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown dimension"), "{}", stderr(&o));
    let o = run(&["figures", "--section", "9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("there are 6 sections"),
        "{}",
        stderr(&o)
    );
    let o = run(&["figures", "--min", "lots"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn show_prints_one_figure_and_rejects_unknown_ids() {
    let o = run(&["figures", "--format", "jsonl"]);
    let rows = jsonl(&o);
    let id = rows.iter().find(|r| r["text"] == "约37亿元").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let o = run(&["show", &id]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("≈3,700,000,000"), "{out}");
    assert!(out.contains("全市累计投资约37亿元"), "{out}");
    let o = run(&["show", "f999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no figure with id `f999`"));
}

#[test]
fn import_round_trips_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("doc.json");
    let o = run(&[
        "import",
        "data/jinan-poverty-alleviation.txt",
        "-o",
        out.to_str().unwrap(),
        "--title",
        "测试",
        "--date",
        "2021-04-09",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "sections",
        "--data",
        out.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(jsonl(&o).len(), 6);
}

#[test]
fn invalid_dataset_names_file_line_column_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"schema_version\": 1,\n  \"documents\": [\n    {\"id\": 5}\n  ]\n}\n",
    )
    .unwrap();
    let o = run(&["sections", "--data", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(err.contains("bad.json:4:"), "{err}");
    assert!(err.contains("documents[0].id"), "{err}");
}

#[test]
fn the_committed_dataset_is_what_import_makes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("regenerated.json");
    let o = Command::new("sh")
        .arg("scripts/regenerate-dataset.sh")
        .arg(env!("CARGO_BIN_EXE_pa-explorer"))
        .env("OUT", &out)
        .output()
        .expect("sh runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let regenerated = std::fs::read_to_string(&out).unwrap();
    let committed = std::fs::read_to_string("data/jinan-poverty-alleviation.json").unwrap();
    assert!(
        regenerated == committed,
        "data/jinan-poverty-alleviation.json is stale: run scripts/regenerate-dataset.sh"
    );
}

/// `--data` takes one value per flag, so it can stand before the subcommand and be
/// repeated; it once took `figures` for a second data file.
#[test]
fn data_before_the_subcommand_and_repeated() {
    let seed = "data/jinan-poverty-alleviation.json";
    let o = run(&["--data", seed, "figures", "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 77);

    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.json");
    let o = run(&[
        "import",
        "data/jinan-poverty-alleviation.txt",
        "--id",
        "other",
        "-o",
        other.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "--data",
        seed,
        "--data",
        other.to_str().unwrap(),
        "sections",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("other"), "{out}");
    assert!(out.contains("jinan-poverty-alleviation"), "{out}");
    // After the subcommand, too.
    let o = run(&[
        "sections",
        "--data",
        other.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"other\""), "{}", stdout(&o));
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for (shell, mark) in [
        ("bash", "complete"),
        ("zsh", "#compdef pa-explorer"),
        ("fish", "complete -c pa-explorer"),
        ("elvish", "pa-explorer"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let o = run(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains(mark), "{shell}: {out:.200}");
        // Every subcommand can be completed.
        for sub in ["extract", "import", "figures", "search", "show"] {
            assert!(out.contains(sub), "{shell} completes no `{sub}`");
        }
    }
    let o = run(&["man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH pa-explorer 1"), "{page:.300}");
    assert!(page.contains("\\-\\-data"), "the man page documents --data");
}

#[test]
fn a_dumb_terminal_gets_a_message_instead_of_the_explorer() {
    let o = bin().env("TERM", "dumb").output().expect("binary runs");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("TERM is `dumb`"), "{err}");
    assert!(o.stdout.is_empty(), "nothing is drawn");
}

#[test]
fn no_match_is_said_on_stderr() {
    let o = run(&["figures", "--unit", "公斤"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("no figure matches these filters"),
        "{}",
        stderr(&o)
    );
    let o = run(&["search", "zzzqqq"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("nothing matches `zzzqqq`"),
        "{}",
        stderr(&o)
    );
    // A search that finds something says nothing on stderr.
    let o = run(&["search", "养老"]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}
