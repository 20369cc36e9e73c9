//! `extract` reads its input a line at a time (`extract::stream`); its output must be
//! byte for byte what extracting the whole text gives: the same figures, ids,
//! `same_as`, sentence texts and headlines, on the bundled text, headlines, CRLF, a
//! BOM, long and run-on lines, and random paragraphs.

use std::path::Path;
use std::process::{Command, Stdio};

use pa_explorer::cli::Format;
use pa_explorer::commands::{FigureWriter, Found};
use pa_explorer::extract::{self, stream};
use pa_explorer::index::Index;
use pa_explorer::model::{Figure, Meta};
use proptest::prelude::*;

/// Each figure as streamed, with its sentence text and headline.
fn streamed(text: &str) -> Vec<(Figure, String, Option<String>)> {
    let path = Path::new("t.txt");
    let repeats = stream::repeats(text.as_bytes(), path).expect("UTF-8 text");
    let mut out = Vec::new();
    stream::emit_figures(&repeats, text.as_bytes(), path, |f, s, h| {
        out.push((f.clone(), s.to_string(), h.map(str::to_string)));
        Ok::<(), ()>(())
    })
    .unwrap();
    out
}

/// The same from the whole text at once.
fn whole(text: &str) -> Vec<(Figure, String, Option<String>)> {
    let ex = extract::extract(text);
    ex.figures
        .iter()
        .map(|f| {
            (
                f.clone(),
                ex.sentences[f.sentence].text.clone(),
                ex.sections[f.section].headline.clone(),
            )
        })
        .collect()
}

fn assert_same(text: &str) {
    let (s, w) = (streamed(text), whole(text));
    assert_eq!(s.len(), w.len(), "figure count of {text:?}");
    for (a, b) in s.iter().zip(&w) {
        assert_eq!(a, b, "in {text:?}");
    }
}

const SEED: &str = include_str!("../data/jinan-poverty-alleviation.txt");

#[test]
fn the_bundled_text_streams_as_it_extracts_whole() {
    assert_same(SEED);
    assert!(whole(SEED).iter().any(|(f, _, _)| !f.same_as.is_empty()));
}

#[test]
fn crlf_bom_blank_lines_and_no_final_newline() {
    assert_same(&SEED.replace('\n', "\r\n"));
    assert_same(&format!("\u{feff}{SEED}"));
    assert_same(&format!(
        "\u{feff}\r\n\r\n{}",
        SEED.replace('\n', "\n\n \u{3000}\n")
    ));
    assert_same(SEED.trim_end());
    assert_same("");
    assert_same("\n\n   \n");
    assert_same("\u{feff}");
}

#[test]
fn headlines_sections_and_run_on_lines() {
    // Headlines, a PDF-style paragraph broken inside a number and a clause, a line
    // too long to be a headline that runs on, and a run-on paragraph at the end.
    let long = "近年来我市聚焦就业创业扶贫职业技能扶贫社保兜底扶贫人才支撑扶贫精准施策精准服务";
    let text = format!(
        "导语：全市累计投资约37亿元。\n一、实现贫困劳动力转移就业4.83万人次\n近年来，转移就业4.\n83万人次，开展培训943\n人次。\n二、打造公益品牌\n{long}\n继续这一句，共1533名。\n三、收尾\n{long}\n\n{long}"
    );
    assert_same(&text);
    assert_same(&text.replace('\n', "\r\n"));
}

#[test]
fn long_lines_and_huge_paragraphs() {
    let clause = "开展项目829个，投资1526.11万元，";
    assert_same(&format!("{}。\n", clause.repeat(500)));
    assert_same(&format!(
        "{}\n短标题\n{}。",
        clause.repeat(300),
        clause.repeat(300)
    ));
    let digits: String = (0..5000)
        .map(|i| char::from(b'0' + (i % 10) as u8))
        .collect();
    assert_same(&format!("共{digits}人。\n"));
}

/// A figure stated more often than `same_as` links (64): the first ones name each
/// other, the rest name none, as on the whole text.
#[test]
fn a_figure_repeated_a_hundred_times() {
    let text = "全市累计投资约37亿元。\n转移就业4.83万人次。\n".repeat(100);
    assert_same(&text);
    let w = whole(&text);
    assert!(w.iter().any(|(f, _, _)| f.same_as.len() == 63));
    assert!(w.iter().any(|(f, _, _)| f.same_as.is_empty()));
}

/// Lines a report is made of, for random texts.
const PIECES: &[&str] = &[
    "全市累计投资约37亿元。",
    "转移就业4.83万人次",
    "，开展职业技能培训943人次",
    "由每人每年1.2万元提高至每人每年2万元。",
    "比上年增长6.7%。",
    "一、新增就业",
    "标题 2020年底",
    "4.",
    "83万人次。",
    "300余个",
    "近年来，我市聚焦就业创业扶贫、职业技能扶贫、社保兜底扶贫、人才支撑扶贫，精准施策",
    "",
    " \u{3000}",
    "\u{feff}",
    "8。6%",
    "“十四五”规划",
    "全市农村自来水普及率已达98%",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_paragraphs_stream_as_they_extract_whole(
        lines in prop::collection::vec((0..PIECES.len(), 0..3usize, any::<bool>()), 0..40),
    ) {
        let mut text = String::new();
        for (piece, repeat, crlf) in lines {
            for _ in 0..=repeat {
                text.push_str(PIECES[piece]);
            }
            text.push_str(if crlf { "\r\n" } else { "\n" });
        }
        let (s, w) = (streamed(&text), whole(&text));
        prop_assert_eq!(s, w, "{:?}", text);
    }
}

/// The binary's `extract` output equals what the whole-text path writes — the
/// figures of one document through the same writer — in every format, from a file
/// and from standard input.
#[test]
fn the_binary_writes_what_the_whole_text_gives() {
    let texts = [
        SEED.to_string(),
        format!("\u{feff}{}", SEED.replace('\n', "\r\n")),
        format!(
            "{}。\n短标题\n",
            "开展项目829个，投资1526.11万元，".repeat(400)
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, t) in texts.iter().enumerate() {
        let path = dir.path().join(format!("in{i}.txt"));
        std::fs::write(&path, t).unwrap();
        let id = format!("in{i}");
        let index = Index::new(vec![extract::document(&id, Meta::default(), t.clone())]);
        for (name, format) in [
            ("jsonl", Format::Jsonl),
            ("json", Format::Json),
            ("csv", Format::Csv),
            ("table", Format::Table),
        ] {
            let mut expected = Vec::new();
            let mut w = FigureWriter::new(&mut expected, format, false).unwrap();
            for &r in index.all() {
                w.write(Found::new(&index, r)).unwrap();
            }
            w.finish().unwrap();
            let o = Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
                .args(["extract", path.to_str().unwrap(), "--format", name])
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            assert!(
                o.stdout == expected,
                "text {i}, {name}: file output differs"
            );
            let mut child = Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
                .args(["extract", "-", "--format", name])
                .stdin(std::fs::File::open(&path).unwrap())
                .stdout(Stdio::piped())
                .spawn()
                .unwrap();
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut child.stdout.take().unwrap(), &mut out).unwrap();
            assert!(child.wait().unwrap().success());
            // From standard input the document id is `stdin`.
            let from_stdin = String::from_utf8(out).unwrap();
            let expected = String::from_utf8(expected).unwrap();
            assert_eq!(
                from_stdin,
                expected
                    .replace(&format!("\"{id}\""), "\"stdin\"")
                    .replace(&format!(",{id},"), ",stdin,"),
                "text {i}, {name}: stdin output differs"
            );
        }
    }
}

/// A bad byte anywhere is found before anything is written, at the offset and line
/// the whole-file check names.
#[test]
fn a_bad_byte_late_in_the_input_writes_nothing() {
    let mut bytes = SEED.as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe tail\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.txt");
    std::fs::write(&path, &bytes).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
        .args(["extract", path.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(o.stdout.is_empty());
    let line = SEED.matches('\n').count() + 1;
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "not valid UTF-8 at byte {} (line {line})",
            SEED.len()
        )),
        "{err}"
    );
}

/// A pipe given as a file (`extract <(cat report.txt)`) is read once, not twice.
#[cfg(unix)]
#[test]
fn a_pipe_named_as_a_file_gives_all_figures() {
    let o = Command::new("sh")
        .arg("-c")
        .arg("cat data/jinan-poverty-alleviation.txt | \"$0\" extract /dev/stdin --format jsonl")
        .arg(env!("CARGO_BIN_EXE_pa-explorer"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let n = String::from_utf8(o.stdout).unwrap().lines().count();
    assert_eq!(n, whole(SEED).len());
}
