//! English glosses: every figure of the bundled dataset gets one, the curated terms read
//! as curated, the licence files are present, and the new output fields reach JSON, CSV
//! and `show` through the built binary.

use std::process::Command;

use pa_explorer::dataset;
use pa_explorer::gloss::{self, Coverage};
use rstest::rstest;

fn run(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
        .args(args)
        .output()
        .expect("binary runs");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("stdout is UTF-8")
}

fn has_han(s: &str) -> bool {
    s.chars().any(gloss::is_han)
}

#[test]
fn every_quantity_with_a_subject_in_the_bundled_dataset_has_an_english_gloss() {
    let ds = dataset::bundled().expect("bundled dataset loads");
    let mut checked = 0;
    for doc in &ds.documents {
        for f in doc.figures.iter().filter(|f| f.kind.is_quantity()) {
            let Some(subject) = &f.subject else { continue };
            let g = gloss::gloss(subject);
            assert!(!g.english.is_empty(), "{} {subject}: empty gloss", f.id);
            assert!(!has_han(&g.english), "{} {subject}: `{}`", f.id, g.english);
            assert!(
                gloss::figure_value_en(f).is_some(),
                "{} has no value in words",
                f.id
            );
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} subjects checked");
}

#[test]
fn every_headline_of_the_bundled_dataset_has_an_english_gloss() {
    let ds = dataset::bundled().expect("bundled dataset loads");
    for s in ds.documents.iter().flat_map(|d| &d.sections) {
        if let Some(h) = &s.headline {
            let en = gloss::english(h);
            assert!(!en.is_empty() && !has_han(&en), "{h}: `{en}`");
        }
    }
}

#[test]
fn the_bundled_subjects_need_no_pinyin_fallback() {
    let ds = dataset::bundled().expect("bundled dataset loads");
    let mut c = Coverage::default();
    for f in ds.documents.iter().flat_map(|d| &d.figures) {
        if let Some(s) = &f.subject {
            c.add(s);
        }
    }
    assert_eq!(c.pinyin, 0, "{c:?}");
    assert!(c.han > 0);
}

#[rstest]
#[case("低保", "minimum living allowance")]
#[case("特困人员", "persons in extreme poverty")]
#[case("建档立卡", "registered as poor, with a file and card")]
#[case("五保", "five guarantees")]
#[case("兜底保障", "safety-net support")]
#[case("两不愁三保障", "two assurances and three guarantees")]
#[case("应保尽保", "everyone eligible is covered")]
#[case("人次", "person-times")]
#[case("个百分点", "percentage points")]
#[case("五免一享", "five exemptions and one benefit")]
#[case("两项补贴", "the two disability subsidies")]
#[case("转移就业", "employment away from farming")]
#[case("公益性岗位", "public-welfare jobs")]
#[case("社保兜底", "social-security safety net")]
#[case("集中供养", "institutional care")]
#[case("敬老院", "rural home for the elderly")]
#[case("低保对象", "minimum living allowance recipients")]
#[case("建档立卡贫困人口", "registered poor people")]
#[case("特困供养人员", "supported persons in extreme poverty")]
#[case("事实无人抚养儿童", "de facto unsupported children")]
fn curated_terms_give_their_curated_english(#[case] term: &str, #[case] english: &str) {
    let g = gloss::gloss(term);
    assert_eq!(g.english, english, "{term}");
    assert!(!g.machine, "{term} must not be a machine gloss");
    assert_eq!(g.curated.len(), 1, "{term}");
    assert_eq!(g.curated[0].term, term);
    let e = gloss::curated(term).expect("in the glossary");
    assert!(!e.explanation.is_empty() && !e.source.is_empty(), "{term}");
}

#[test]
fn curated_terms_win_inside_longer_text() {
    // The dictionary reads 兜底 as "to reveal"; the glossary must win inside a sentence.
    let g = gloss::gloss("单独纳入低保兜底范围");
    assert!(
        g.english.contains("minimum living allowance safety net"),
        "{}",
        g.english
    );
    assert!(!g.english.contains("reveal"), "{}", g.english);
    assert!(g.machine, "纳入 and 范围 come from the dictionary");
}

#[test]
fn the_glossary_file_has_no_bad_lines() {
    let bad = gloss::glossary::bundled_bad_lines();
    assert!(bad.is_empty(), "data/glossary.tsv: {bad:?}");
    assert!(gloss::glossary::bundled().entries.len() >= 50);
}

#[test]
fn the_dictionary_data_ships_with_its_licence_and_attribution() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/cedict");
    let licence = std::fs::read_to_string(format!("{dir}/LICENSE")).expect("LICENSE");
    assert!(licence.contains("Attribution-ShareAlike 4.0 International"));
    let readme = std::fs::read_to_string(format!("{dir}/README.md")).expect("README.md");
    for needle in [
        "MDBG",
        "CC-CEDICT contributors",
        "CC BY-SA 4.0",
        "2023-11-07",
    ] {
        assert!(
            readme.contains(needle),
            "data/cedict/README.md lacks `{needle}`"
        );
    }
}

#[test]
fn json_lines_carry_the_english_fields() {
    let out = run(&["figures", "--format", "jsonl"]);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let f = rows
        .iter()
        .find(|r| r["text"] == "2304.86万元")
        .expect("2304.86万元 is a figure");
    assert_eq!(f["value_en"], "23.05 million yuan");
    assert_eq!(f["unit_en"], "yuan");
    let subject = f["subject_en"].as_str().expect("subject_en");
    assert!(
        subject.contains("basic pension insurance contributions"),
        "{subject}"
    );
    let headline = f["headline_en"].as_str().expect("headline_en");
    assert!(headline.contains("48,300 person-times"), "{headline}");
    let f = rows
        .iter()
        .find(|r| r["text"] == "3.02亿元")
        .expect("3.02亿元");
    assert_eq!(f["value_en"], "302 million yuan");
    let f = rows
        .iter()
        .find(|r| r["text"] == "300余个")
        .expect("300余个");
    assert_eq!(f["value_en"], "more than 300 items");
}

#[test]
fn csv_adds_the_english_columns_at_the_end() {
    let out = run(&["figures", "--format", "csv", "--unit", "人次"]);
    let mut lines = out.lines();
    let header = lines.next().expect("header");
    assert!(
        header.ends_with(",direction,subject_en,headline_en,unit_en,value_en"),
        "{header}"
    );
    let first = lines.next().expect("a row");
    assert!(first.contains("person-times"), "{first}");
}

#[test]
fn extract_output_carries_the_english_fields() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("t.txt");
    std::fs::write(&path, "全市保障农村低保家庭8.42万人。").expect("write");
    let out = run(&[
        "extract",
        path.to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let f = &v[0];
    assert_eq!(f["value_en"], "84,200 people");
    assert_eq!(f["unit_en"], "people");
    let subject = f["subject_en"].as_str().expect("subject_en");
    assert!(
        subject.contains("households on the minimum living allowance"),
        "{subject}"
    );
}

#[test]
fn show_prints_the_english_block_with_glossary_entries() {
    let out = run(&["figures", "--format", "jsonl"]);
    let id = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .find(|r| r["text"] == "182名")
        .and_then(|r| r["id"].as_str().map(str::to_string))
        .expect("182名 is a figure");
    let out = run(&["show", &id]);
    assert!(
        out.contains("English (machine glosses are from CC-CEDICT"),
        "{out}"
    );
    assert!(
        out.contains("subject    persons in extreme poverty\n"),
        "{out}"
    );
    assert!(out.contains("value      182 people"), "{out}");
    assert!(
        out.contains("glossary   特困人员 persons in extreme poverty:"),
        "{out}"
    );
    assert!(
        out.contains("(machine gloss)"),
        "the headline is a machine gloss: {out}"
    );
}

proptest::proptest! {
    /// Any text, Chinese or not, glosses without a panic, its segments tile it, and no
    /// Chinese is left in the English but characters nothing can read.
    #[test]
    fn any_text_glosses_and_its_segments_tile_it(text in "[\\PC万亿人次元%.0-9a-z“”，。低保兜底]{0,40}") {
        let segs = gloss::segment(&text);
        let mut at = 0;
        for s in &segs {
            proptest::prop_assert_eq!(s.start, at);
            proptest::prop_assert!(s.end > s.start);
            at = s.end;
        }
        proptest::prop_assert_eq!(at, text.chars().count());
        let g = gloss::gloss(&text);
        // Only a rare character without even a pinyin reading stays as written.
        for c in g.english.chars().filter(|&c| gloss::is_han(c)) {
            proptest::prop_assert!(text.contains(c), "{}", g.english);
            proptest::prop_assert!(pinyin::ToPinyin::to_pinyin(&c).is_none(), "{}", g.english);
        }
    }
}
