//! Reports as they really come, through the real binary: the same short report saved as
//! UTF-8 text, a web page with its furniture (UTF-8 and GBK), GB18030, UTF-16, Big5
//! (traditional), Word and PDF must give the figures of its plain-text twin; furniture
//! never becomes a figure; a page's metadata is kept; folders import whole.
//!
//! The fixtures are in `tests/fixtures/ingest/`; `report.txt` is the twin of every
//! simplified one, `report-hant.txt` of the Big5 one.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const DIR: &str = "tests/fixtures/ingest";

fn fixture(name: &str) -> PathBuf {
    Path::new(DIR).join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The document `import FILE [args]` writes to stdout.
fn import(file: &Path, args: &[&str]) -> Value {
    let mut all = vec!["import", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = run(&all);
    assert!(o.status.success(), "{}: {}", file.display(), stderr(&o));
    let ds: Value = serde_json::from_slice(&o.stdout).expect("import writes JSON");
    ds["documents"][0].clone()
}

/// (text, value, unit) of each figure, in order.
fn figures(doc: &Value) -> Vec<(String, Option<f64>, Option<String>)> {
    doc["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["text"].as_str().unwrap().to_string(),
                f["value"].as_f64(),
                f["unit"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn headlines(doc: &Value) -> Vec<String> {
    doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["headline"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn every_format_gives_the_figures_of_its_plain_text_twin() {
    let twin = import(&fixture("report.txt"), &[]);
    let want = figures(&twin);
    assert!(want.len() >= 10, "the report has {} figures", want.len());
    let mut checked = Vec::new();
    for name in [
        "report-bom.txt",
        "report-gb18030.txt",
        "report-utf16.txt",
        "report.html",
        "report-gbk.html",
        "report.docx",
        "report.pdf",
    ] {
        let doc = import(&fixture(name), &[]);
        assert_eq!(figures(&doc), want, "{name}");
        // The two headlines of the report are section headlines in every format.
        let heads = headlines(&doc);
        for h in ["一、就业扶贫成效明显", "二、农村饮水安全全面保障"] {
            assert!(
                heads.iter().any(|x| x == h),
                "{name}: no headline {h}: {heads:?}"
            );
        }
        checked.push(name);
    }
    assert_eq!(checked.len(), 7);
}

#[test]
fn encodings_are_detected_and_recorded() {
    for (name, encoding, from) in [
        ("report.txt", "UTF-8", "bytes"),
        ("report-bom.txt", "UTF-8", "bom"),
        ("report-gb18030.txt", "GBK", "bytes"),
        ("report-utf16.txt", "UTF-16LE", "bom"),
        ("report-big5.txt", "Big5", "bytes"),
        ("report.html", "UTF-8", "charset"),
        ("report-gbk.html", "GBK", "charset"),
    ] {
        let meta = &import(&fixture(name), &[])["meta"];
        assert_eq!(meta["encoding"], encoding, "{name}");
        assert_eq!(meta["encoding_from"], from, "{name}");
    }
    let meta = &import(&fixture("report.pdf"), &[])["meta"];
    assert_eq!(meta["format"], "pdf");
    assert!(meta.get("encoding").is_none(), "{meta}");
}

#[test]
fn the_encoding_flag_overrides_detection() {
    let meta = &import(&fixture("report-gb18030.txt"), &["--encoding", "gb18030"])["meta"];
    assert_eq!(meta["encoding"], "gb18030");
    assert_eq!(meta["encoding_from"], "flag");

    // GB18030 bytes are not UTF-8: a clear error with the file and the offset.
    let path = fixture("report-gb18030.txt");
    let o = run(&["import", path.to_str().unwrap(), "--encoding", "utf-8"]);
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(
        err.contains("report-gb18030.txt: not valid UTF-8 at byte 0 (line 1)"),
        "{err}"
    );
    assert!(o.stdout.is_empty());

    let o = run(&["import", path.to_str().unwrap(), "--encoding", "klingon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown encoding"), "{}", stderr(&o));
}

#[test]
fn page_furniture_never_becomes_a_figure() {
    for name in ["report.html", "report-gbk.html"] {
        let doc = import(&fixture(name), &[]);
        let text = doc["text"].as_str().unwrap();
        for furniture in [
            "浏览次数",
            "3021",
            "ICP备",
            "12345678",
            "网站标识码",
            "版权所有",
            "联系我们",
            "首页",
            "var visits",
            "访问量",
            "打印",
            "相关链接",
            "5亿元",
            "发布时间",
        ] {
            assert!(!text.contains(furniture), "{name}: {furniture:?} in {text}");
        }
        for (t, _, _) in figures(&doc) {
            assert!(
                !["3021", "12345", "3701000001"]
                    .iter()
                    .any(|x| t.contains(x)),
                "{t}"
            );
        }
        // Table cells stay apart, one row a line.
        assert!(text.contains("\n水质化验室 | 12个\n"), "{text}");
    }
}

#[test]
fn metadata_comes_from_the_page_and_says_so() {
    let meta = &import(&fixture("report.html"), &[])["meta"];
    assert_eq!(meta["title"], "某某市脱贫攻坚新闻发布会（第三场）");
    assert_eq!(meta["date"], "2021-04-09");
    // `ContentSource` wins over the page's own `来源：` line.
    assert_eq!(meta["publisher"], "某某市人民政府新闻办公室");
    assert_eq!(
        meta["from_source"],
        serde_json::json!(["title", "date", "publisher"])
    );
    assert_eq!(meta["format"], "html");

    // What the user states wins, and is not marked as from the page.
    let meta = &import(&fixture("report.html"), &["--title", "我的标题"])["meta"];
    assert_eq!(meta["title"], "我的标题");
    assert_eq!(
        meta["from_source"],
        serde_json::json!(["date", "publisher"])
    );
}

#[test]
fn without_meta_tags_the_title_tag_and_the_info_line_are_used() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.htm");
    std::fs::write(
        &page,
        "<html><head><title>关于就业工作的通报 - 某某县人民政府</title></head><body>\
         <div class=nav><a>首页</a></div><div id=zoom>\
         <div>发布时间：2020年12月3日　来源：某某县人社局</div>\
         <p>全县新增就业1200人。</p></div></body></html>",
    )
    .unwrap();
    let doc = import(&page, &[]);
    let meta = &doc["meta"];
    assert_eq!(meta["title"], "关于就业工作的通报");
    assert_eq!(meta["date"], "2020-12-03");
    assert_eq!(meta["publisher"], "某某县人社局");
    assert_eq!(doc["text"], "全县新增就业1200人。\n");
}

#[test]
fn a_traditional_report_answers_a_simplified_query() {
    let twin = import(&fixture("report-hant.txt"), &[]);
    let big5 = import(&fixture("report-big5.txt"), &[]);
    assert_eq!(figures(&big5), figures(&twin));
    // The text is kept as written, and its language told from it.
    assert!(big5["text"].as_str().unwrap().contains("養老保險費"));
    assert_eq!(big5["meta"]["language"], "zh-Hant");
    assert_eq!(
        import(&fixture("report.txt"), &[])["meta"]["language"],
        "zh-Hans"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big5.json");
    let path = fixture("report-big5.txt");
    let o = run(&[
        "import",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for query in ["养老", "養老"] {
        let o = run(&[
            "search",
            query,
            "--data",
            out.to_str().unwrap(),
            "--no-cache",
            "--format",
            "jsonl",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let hits = String::from_utf8(o.stdout).unwrap();
        assert!(
            hits.lines().any(|l| l.contains("2304.86萬元")),
            "{query}: {hits}"
        );
    }
}

#[test]
fn url_and_hash_are_stored_and_absent_fields_left_out() {
    let path = fixture("report.txt");
    let doc = import(&path, &["--url", "https://www.example.gov.cn/art/1.html"]);
    let meta = &doc["meta"];
    assert_eq!(meta["url"], "https://www.example.gov.cn/art/1.html");
    let sha = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(std::fs::read(&path).unwrap()))
    };
    assert_eq!(meta["sha256"], sha.as_str());
    let doc = import(&path, &[]);
    let meta = doc["meta"].as_object().unwrap();
    assert!(
        !meta.contains_key("url") && !meta.contains_key("from_source"),
        "{meta:?}"
    );
}

#[test]
fn extract_reads_the_same_formats() {
    for (name, twin) in [
        ("report.html", "report.txt"),
        ("report.docx", "report.txt"),
        ("report-big5.txt", "report-hant.txt"),
    ] {
        let path = fixture(name);
        let o = run(&["extract", path.to_str().unwrap(), "--format", "jsonl"]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let texts: Vec<String> = String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["text"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let want: Vec<String> = figures(&import(&fixture(twin), &[]))
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(texts, want, "{name}");
    }
}

#[test]
fn a_folder_imports_every_good_file_and_reports_the_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("reports");
    std::fs::create_dir_all(src.join("2021")).unwrap();
    for (from, to) in [
        ("report.txt", "report.txt"),
        ("report.docx", "report.docx"),
        ("report-gbk.html", "2021/jinan page.html"),
        ("report-big5.txt", "big5.txt"),
    ] {
        std::fs::copy(fixture(from), src.join(to)).unwrap();
    }
    std::fs::write(src.join("broken.docx"), b"PK\x03\x04 not really a zip").unwrap();
    std::fs::write(src.join("table.xlsx"), b"ignored").unwrap();
    let out = dir.path().join("datasets");
    let args = ["import", src.to_str().unwrap(), "-o", out.to_str().unwrap()];

    let o = run(&args);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("broken.docx: not a Word (.docx) file"),
        "{err}"
    );
    let summary = String::from_utf8(o.stdout).unwrap();
    assert!(summary.contains("4 of 5 files imported"), "{summary}");
    assert!(
        summary.ends_with("; 1 failed (reasons above)\n"),
        "{summary:?}"
    );

    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "2021-jinan-page.json",
            "big5.json",
            "report-docx.json",
            "report-txt.json"
        ]
    );
    // Re-importing gives the same ids and the same datasets.
    let before = std::fs::read(out.join("2021-jinan-page.json")).unwrap();
    let o = run(&args);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        std::fs::read(out.join("2021-jinan-page.json")).unwrap(),
        before
    );

    // The folder of datasets opens as one.
    let o = run(&[
        "sections",
        "--data",
        out.to_str().unwrap(),
        "--no-cache",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sections: Value = serde_json::from_slice(&o.stdout).unwrap();
    let docs: std::collections::BTreeSet<&str> = sections
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["document"].as_str().or_else(|| s["doc"].as_str()))
        .collect();
    assert_eq!(docs.len(), 4, "{sections}");
}

#[test]
fn a_pdf_without_pdftotext_names_the_package() {
    let empty = tempfile::tempdir().unwrap();
    let path = fixture("report.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
        .args(["import", path.to_str().unwrap()])
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(
        err.contains("report.pdf") && err.contains("poppler-utils"),
        "{err}"
    );
}

#[test]
fn a_dataset_written_before_the_new_metadata_still_loads() {
    let doc = import(
        &fixture("report.html"),
        &["--url", "https://example.gov.cn/1"],
    );
    let mut ds = serde_json::json!({"schema_version": 1, "documents": [doc]});
    let meta = ds["documents"][0]["meta"].as_object_mut().unwrap();
    for field in [
        "url",
        "sha256",
        "format",
        "encoding",
        "encoding_from",
        "from_source",
    ] {
        assert!(meta.remove(field).is_some(), "{field} was written");
    }
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    std::fs::write(&old, serde_json::to_string(&ds).unwrap()).unwrap();
    let o = run(&[
        "figures",
        "--data",
        old.to_str().unwrap(),
        "--no-cache",
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap().lines().count(),
        figures(&doc).len()
    );
}
