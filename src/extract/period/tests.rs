//! Tests of `period`, kept beside it in a file of their own so the module reads whole.

use super::*;

/// The phrases of a one-sentence text as (text, from, to, role).
fn found(text: &str) -> Vec<(String, Option<String>, Option<String>, Role)> {
    let chars: Vec<char> = text.chars().collect();
    phrases(&chars, 0, chars.len(), &[])
        .into_iter()
        .map(|p| {
            (
                p.period.text.to_string(),
                p.period.from.map(|s| s.to_string()),
                p.period.to.map(|s| s.to_string()),
                p.role,
            )
        })
        .collect()
}

fn one(text: &str) -> (String, Option<String>, Option<String>, Role) {
    let mut all = found(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.remove(0)
}

fn ends(text: &str) -> (String, Option<String>, Option<String>) {
    let (t, from, to, _) = one(text);
    (t, from, to)
}

#[test]
#[allow(clippy::too_many_lines)] // a table of cases
fn ends_are_as_precise_as_the_text() {
    let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        (
            "2018年12月至2020年底，共",
            "2018年12月至2020年底",
            Some("2018-12"),
            Some("2020-12"),
        ),
        (
            "截至2020年6月底，解决",
            "截至2020年6月底",
            None,
            Some("2020-06"),
        ),
        ("到2020年底，普及率", "到2020年底", None, Some("2020-12")),
        ("2015年以来，我市", "2015年以来", Some("2015"), None),
        ("2020年，全省", "2020年", Some("2020"), Some("2020")),
        (
            "2021年上半年，全省",
            "2021年上半年",
            Some("2021-01"),
            Some("2021-06"),
        ),
        (
            "2021年下半年，全省",
            "2021年下半年",
            Some("2021-07"),
            Some("2021-12"),
        ),
        (
            "2023年第4季，指数",
            "2023年第4季",
            Some("2023-10"),
            Some("2023-12"),
        ),
        (
            "2022年一季度，产值",
            "2022年一季度",
            Some("2022-01"),
            Some("2022-03"),
        ),
        (
            "2019年前三季度，收入",
            "2019年前三季度",
            Some("2019-01"),
            Some("2019-09"),
        ),
        (
            "2024年1-9月，收入",
            "2024年1-9月",
            Some("2024-01"),
            Some("2024-09"),
        ),
        (
            "2025年10月至12月失业率",
            "2025年10月至12月",
            Some("2025-10"),
            Some("2025-12"),
        ),
        (
            "2005 - 06年度的赤字",
            "2005 - 06年度",
            Some("2005"),
            Some("2006"),
        ),
        ("1999 - 00年度", "1999 - 00年度", Some("1999"), Some("2000")),
        (
            "2012—2016年，累计",
            "2012—2016年",
            Some("2012"),
            Some("2016"),
        ),
        (
            "2020年11月1日零时",
            "2020年11月1日",
            Some("2020-11-01"),
            Some("2020-11-01"),
        ),
        (
            "二〇〇四年十月，旅客",
            "二〇〇四年十月",
            Some("2004-10"),
            Some("2004-10"),
        ),
        ("自2018年起，启动", "自2018年起", Some("2018"), None),
        ("2023年全年通胀率", "2023年全年", Some("2023"), Some("2023")),
        (
            "到2009 - 10年度，盈余",
            "到2009 - 10年度",
            None,
            Some("2010"),
        ),
        (
            "民國111年1月，出生",
            "民國111年1月",
            Some("2022-01"),
            Some("2022-01"),
        ),
    ];
    for &(text, phrase, from, to) in cases {
        let want = (
            phrase.to_string(),
            from.map(String::from),
            to.map(String::from),
        );
        assert_eq!(ends(text), want, "{text}");
    }
}

#[test]
fn phrases_without_a_year_keep_only_their_text() {
    for (text, phrase) in [
        ("上半年，全省", "上半年"),
        ("全年出国的旅次中", "全年"),
        ("五年来累计投资", "五年来"),
        ("近年来，我市", "近年来"),
        ("今年1-9月份，全区", "今年1-9月份"),
        ("前7个月，全市", "前7个月"),
        ("首季，全市", "首季"),
        ("今年首十個月入境", "今年首十個月"),
        ("1月至3月平均上涨", "1月至3月"),
        ("9月末城镇登记失业率", "9月末"),
        ("今年3月31日为", "今年3月31日"),
        ("未來5年可維持", "未來5年"),
        ("脱贫攻坚期间，全市", "脱贫攻坚期间"),
        ("“十三五”期间，全市", "“十三五”期间"),
        ("目前全省", "目前"),
        ("截至目前，全省", "截至目前"),
        ("“十三五”时期，全省", "“十三五”时期"),
        ("今年以来，全省", "今年以来"),
        ("年末累计结存", "年末"),
    ] {
        assert_eq!(ends(text), (phrase.to_string(), None, None), "{text}");
    }
}

#[test]
fn bases_and_asides_are_told_apart() {
    assert_eq!(one("较上半年提高2个百分点").3, Role::Base);
    assert_eq!(one("与2010年第六次普查相比").3, Role::Base);
    assert_eq!(one("较去年同期上升").3, Role::Base);
    assert_eq!(one("同比2023年稳位").3, Role::Base);
    assert_eq!(one("完成全年目标的104.68%").3, Role::Ignored);
    assert_eq!(one("《关于2009年决算的报告》").3, Role::Ignored);
    assert_eq!(one("与上一期（2025年9月至11月）相同").3, Role::Ignored);
    assert_eq!(one("8月16日，记者从市统计局获悉").3, Role::Ignored);
    assert_eq!(one("2020年启动实施").3, Role::Governs);
}

#[test]
fn numerals_that_are_no_period_stay_out() {
    for text in [
        "连续4个月保持",
        "14个月的政府开支",
        "半年以上的人",
        "提前5年发放",
        "三年计划",
        "比上年增长",
        "同比下降",
        "年平均增长率",
        "第11位",
        "前11大出口货品",
        "每3.4分钟",
        "2026-01-30 16:00",
    ] {
        assert_eq!(found(text), vec![], "{text}");
    }
}

#[test]
fn a_phrase_never_starts_inside_a_number() {
    assert!(found("12345年").is_empty());
    assert_eq!(one("十二月，产量").0, "十二月");
}
