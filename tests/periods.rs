//! Periods of figures, on sentences written for these tests (not from the seed): which
//! phrase governs which quantity, across clauses, reset at the sentence end, bases that
//! are no periods, open ends and phrases with no year; then the period as JSON Lines, CSV
//! and `show` print it.

use std::process::Command;

use pa_explorer::extract;

/// (text, from, to) of one quantity's period, `None` when it has none.
type Want = Option<(&'static str, Option<&'static str>, Option<&'static str>)>;

/// A period as (text, from, to).
type Got = (String, Option<String>, Option<String>);

/// The period of each quantity of `text`, in text order, as (figure text, period).
fn periods(text: &str) -> Vec<(String, Option<Got>)> {
    extract::extract(text)
        .figures
        .into_iter()
        .filter(|f| f.kind.is_quantity())
        .map(|f| {
            let p = f.period.map(|p| {
                (
                    p.text.to_string(),
                    p.from.map(|s| s.to_string()),
                    p.to.map(|s| s.to_string()),
                )
            });
            (f.text.to_string(), p)
        })
        .collect()
}

/// Each listed quantity has the period given; any other quantity of the text (a numeral
/// the extractor misreads inside a period phrase, such as the `1` of `1-8月`) has none.
fn check(text: &str, want: &[(&str, Want)]) {
    let got = periods(text);
    let mut listed = want.iter().peekable();
    for (figure, period) in &got {
        let expected = match listed.peek() {
            Some((t, p)) if t == figure => {
                listed.next();
                p.map(|(a, b, c)| (a.to_string(), b.map(String::from), c.map(String::from)))
            }
            _ => None,
        };
        assert_eq!(period, &expected, "{text}: {figure} in {got:?}");
    }
    assert!(listed.next().is_none(), "{text}: not all found in {got:?}");
}

const SPAN: Want = Some(("2019年3月至2021年底", Some("2019-03"), Some("2021-12")));

#[test]
fn a_head_phrase_governs_every_clause_until_the_sentence_ends() {
    check(
        "2019年3月至2021年底，全省新增就业12.5万人，培训3400人次；发放补贴2.6亿元。此后新增800人。",
        &[
            ("12.5万人", SPAN),
            ("3400人次", SPAN),
            ("2.6亿元", SPAN),
            ("800人", None),
        ],
    );
}

#[test]
fn a_later_phrase_takes_over_within_the_sentence() {
    check(
        "截至2022年6月底，参保人数达到95万人，2021年全年新增4.2万人，上半年新增1.1万人。",
        &[
            ("95万人", Some(("截至2022年6月底", None, Some("2022-06")))),
            ("4.2万人", Some(("2021年全年", Some("2021"), Some("2021")))),
            ("1.1万人", Some(("上半年", None, None))),
        ],
    );
}

#[test]
fn open_ends_stay_open() {
    check(
        "2016年以来，全县累计投入资金5.3亿元。",
        &[("5.3亿元", Some(("2016年以来", Some("2016"), None)))],
    );
    check(
        "到2023年底，城镇化率达到61.2%。",
        &[("61.2%", Some(("到2023年底", None, Some("2023-12"))))],
    );
    check(
        "自2017年起，每年安排专项资金3000万元。",
        &[("3000万元", Some(("自2017年起", Some("2017"), None)))],
    );
}

#[test]
fn phrases_with_no_year_keep_their_text_and_no_dates() {
    check(
        "三年来，全区新建道路46公里。",
        &[("三年来", None), ("46公里", Some(("三年来", None, None)))],
    );
    check(
        "今年前三季度，全市生产总值增长5.8%。",
        &[("5.8%", Some(("今年前三季度", None, None)))],
    );
    check(
        "1-8月，全省出口额增长7.1%。",
        &[("7.1%", Some(("1-8月", None, None)))],
    );
    check(
        "十三五期间，全市改造农村公路1200公里。",
        &[("1200公里", Some(("十三五期间", None, None)))],
    );
}

#[test]
fn years_with_a_part_of_the_year_resolve_to_months() {
    check(
        "2022年上半年，全市接待游客320万人次，二季度增长9.1%。",
        &[
            (
                "320万人次",
                Some(("2022年上半年", Some("2022-01"), Some("2022-06"))),
            ),
            ("9.1%", Some(("二季度", None, None))),
        ],
    );
    check(
        "2024年1-10月，全市进出口总额增长6.4%。",
        &[(
            "6.4%",
            Some(("2024年1-10月", Some("2024-01"), Some("2024-10"))),
        )],
    );
}

#[test]
fn bases_of_a_comparison_are_no_periods() {
    // 较上半年 and 比上年 name what is compared with; the head phrase goes on.
    check(
        "前三季度，全县税收收入增长8.2%，较上半年提高1.3个百分点，比上年同期提高0.6个百分点。",
        &[
            ("8.2%", Some(("前三季度", None, None))),
            ("1.3个百分点", Some(("前三季度", None, None))),
            ("0.6个百分点", Some(("前三季度", None, None))),
        ],
    );
    // The base's own figure belongs to the base; the change does not.
    check(
        "全县常住人口与2010年的51200人相比，减少3100人。",
        &[
            ("51200人", Some(("2010年", Some("2010"), Some("2010")))),
            ("3100人", None),
        ],
    );
}

#[test]
fn a_share_of_a_yearly_target_is_read_for_the_stated_period() {
    check(
        "1-6月，全市完成全年目标的54.3%。",
        &[("54.3%", Some(("1-6月", None, None)))],
    );
}

#[test]
fn no_period_is_guessed_where_none_is_stated() {
    check(
        "全市共有养老机构86家，床位1.2万张。",
        &[("86家", None), ("1.2万张", None)],
    );
}

#[test]
fn a_date_in_a_title_or_brackets_governs_nothing() {
    check("《2021年工作要点》提出新增就业8万人。", &[("8万人", None)]);
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pa-explorer"))
}

#[test]
fn jsonl_writes_the_period_as_an_object_or_null() {
    let o = bin()
        .args([
            "extract",
            "data/jinan-poverty-alleviation.txt",
            "--format",
            "jsonl",
        ])
        .output()
        .expect("binary runs");
    assert!(o.status.success());
    let rows: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let count = rows.iter().find(|r| r["text"] == "1329名").expect("1329名");
    assert_eq!(
        count["period"],
        serde_json::json!({"text": "2018年12月至2020年底", "from": "2018-12", "to": "2020-12"})
    );
    let bare = rows
        .iter()
        .find(|r| r["text"] == "61257名")
        .expect("61257名");
    assert!(bare["period"].is_null(), "{bare}");
}

#[test]
fn csv_has_period_columns() {
    let o = bin()
        .args(["figures", "--format", "csv"])
        .output()
        .expect("binary runs");
    assert!(o.status.success());
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let headers = r.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (text, p, from, to) = (
        col("text"),
        col("period"),
        col("period_from"),
        col("period_to"),
    );
    let row = r
        .records()
        .map(|x| x.expect("record"))
        .find(|x| &x[text] == "约37亿元")
        .expect("约37亿元");
    assert_eq!((&row[p], &row[from], &row[to]), ("2015年以来", "2015", ""));
}

#[test]
fn show_prints_the_period_in_words() {
    let o = bin()
        .args(["figures", "--format", "jsonl"])
        .output()
        .expect("binary runs");
    let id = String::from_utf8(o.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
        .find(|r| r["text"] == "1329名")
        .and_then(|r| r["id"].as_str().map(String::from))
        .expect("1329名");
    let o = bin().args(["show", &id]).output().expect("binary runs");
    let out = String::from_utf8(o.stdout).expect("UTF-8");
    assert!(
        out.contains("period     2018年12月至2020年底 (2018-12 → 2020-12)"),
        "{out}"
    );
}
