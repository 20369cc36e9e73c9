//! Every written form of a figure the extractor promises, on sentences written for
//! this test (not taken from the bundled seed), one row per case.

use pa_explorer::extract;
use pa_explorer::model::{ChangeRole, Figure};

/// (sentence, figure text, kind, exact, exact_high, unit, shape, approx)
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Arabic numerals, separators, full-width digits, scale words.
    ("全年完成投资1,234.5亿元。", "1,234.5亿元", "amount", "123450000000", "", "元", "point", "exact"),
    ("全县共有６６８８户。", "６６８８户", "amount", "6688", "", "户", "point", "exact"),
    ("新增就业6,688人。", "6,688人", "amount", "6688", "", "人", "point", "exact"),
    ("社会融资规模达1.6万亿元。", "1.6万亿元", "amount", "1600000000000", "", "元", "point", "exact"),
    ("计划投入8千亿元。", "8千亿元", "amount", "800000000000", "", "元", "point", "exact"),
    ("粮食产量13657万吨。", "13657万吨", "amount", "136570000", "", "吨", "point", "exact"),
    // Chinese numerals: strict, colloquial, 〇 and 廿.
    ("参保一千零一万零一人。", "一千零一万零一人", "amount", "10010001", "", "人", "point", "exact"),
    ("人均收入三万五元。", "三万五元", "amount", "35000", "", "元", "point", "exact"),
    ("帮扶两千六户。", "两千六户", "amount", "2600", "", "户", "point", "exact"),
    ("选派廿三名干部。", "廿三名", "amount", "23", "", "人", "point", "exact"),
    ("建成一百〇八座桥。", "一百〇八座", "amount", "108", "", "座", "point", "exact"),
    // Financial numerals with the money tail.
    ("收到捐款壹拾壹元整。", "壹拾壹元整", "amount", "11", "", "元", "point", "exact"),
    ("合计玖仟陆佰陆拾伍圆壹角捌分。", "玖仟陆佰陆拾伍圆壹角捌分", "amount", "9665.18", "", "元", "point", "exact"),
    // Mixed forms and traditional characters.
    ("安置1万600人。", "1万600人", "amount", "10600", "", "人", "point", "exact"),
    ("总计200亿零四千230元。", "200亿零四千230元", "amount", "20000004230", "", "元", "point", "exact"),
    ("处理一百点123吨。", "一百点123吨", "amount", "100.123", "", "吨", "point", "exact"),
    ("惠及3萬人。", "3萬人", "amount", "30000", "", "人", "point", "exact"),
    ("改造兩千戶。", "兩千戶", "amount", "2000", "", "户", "point", "exact"),
    ("投入三點五億元。", "三點五億元", "amount", "350000000", "", "元", "point", "exact"),
    // Units and dimensions.
    ("增长8.1％。", "8.1％", "percent", "8.1", "", "%", "point", "exact"),
    ("占比百分之三十五。", "百分之三十五", "percent", "35", "", "%", "point", "exact"),
    ("下降0.4个百分点。", "0.4个百分点", "percentage_point", "0.4", "", "个百分点", "point", "exact"),
    ("增长2.5倍。", "2.5倍", "multiple", "2.5", "", "倍", "point", "exact"),
    ("培训943人次。", "943人次", "amount", "943", "", "人次", "point", "exact"),
    ("新修道路12.5公里。", "12.5公里", "amount", "12.5", "", "公里", "point", "exact"),
    ("种植1200亩。", "1200亩", "amount", "1200", "", "亩", "point", "exact"),
    ("新建学校3所。", "3所", "amount", "3", "", "所", "point", "exact"),
    ("落实12项措施。", "12项", "amount", "12", "", "项", "point", "exact"),
    ("连续6年保持增长。", "6年", "duration", "6", "", "年", "point", "exact"),
    ("工期18个月。", "18个月", "duration", "18", "", "月", "point", "exact"),
    // Shapes and approximation.
    ("累计投资约37亿元。", "约37亿元", "amount", "3700000000", "", "元", "point", "about"),
    ("投资37亿元左右。", "37亿元左右", "amount", "3700000000", "", "元", "point", "about"),
    ("覆盖大约5万人。", "大约5万人", "amount", "50000", "", "人", "point", "about"),
    ("解决难题300余个。", "300余个", "amount", "300", "", "个", "lower_bound", "exact"),
    ("带动2000多万人。", "2000多万人", "amount", "20000000", "", "人", "lower_bound", "exact"),
    ("受益超过500人。", "超过500人", "amount", "500", "", "人", "lower_bound", "exact"),
    ("招收1000人以上。", "1000人以上", "amount", "1000", "", "人", "lower_bound", "exact"),
    ("建成至少3个。", "至少3个", "amount", "3", "", "个", "lower_bound", "exact"),
    ("惠及近5万人。", "近5万人", "amount", "50000", "", "人", "upper_bound", "exact"),
    ("剩余不足100户。", "不足100户", "amount", "100", "", "户", "upper_bound", "exact"),
    ("面向60岁以下人员。", "60岁以下", "amount", "60", "", "岁", "upper_bound", "exact"),
    ("半径5公里以内。", "5公里以内", "amount", "5", "", "公里", "upper_bound", "exact"),
    ("约占全省的23.8%。", "23.8%", "percent", "23.8", "", "%", "point", "about"),
    ("减贫规模在280个县左右。", "280个县左右", "amount", "280", "", "个", "point", "about"),
    ("65歲及以上老人約3.4億人。", "65歲及以上", "amount", "65", "", "岁", "lower_bound", "exact"),
    ("65歲及以上老人約3.4億人。", "約3.4億人", "amount", "340000000", "", "人", "point", "about"),
    ("全年粮食产量65789萬噸。", "65789萬噸", "amount", "657890000", "", "吨", "point", "exact"),
    ("经济总量翻一番。", "翻一番", "multiple", "2", "", "倍", "point", "exact"),
    ("收入翻两番。", "翻两番", "multiple", "4", "", "倍", "point", "exact"),
    ("将近40%的村完成改造。", "将近40%", "percent", "40", "", "%", "upper_bound", "exact"),
    ("逾300万人受益。", "逾300万人", "amount", "3000000", "", "人", "lower_bound", "exact"),
    // Intervals: scale and unit apply to both ends; a dash is not a minus sign.
    ("覆盖0-17岁儿童。", "0-17岁", "amount", "0", "17", "岁", "interval", "exact"),
    ("15至64岁人口。", "15至64岁", "amount", "15", "64", "岁", "interval", "exact"),
    ("每户补助1-2万元。", "1-2万元", "amount", "10000", "20000", "元", "interval", "exact"),
    ("奖励三至五万元。", "三至五万元", "amount", "30000", "50000", "元", "interval", "exact"),
    // Numerals that are not statistics.
    ("2018年12月起实施。", "2018年12月", "date", "", "", "", "point", "exact"),
    ("到2020年底完成。", "2020年底", "date", "", "", "", "point", "exact"),
    ("二〇二〇年启动。", "二〇二〇年", "date", "", "", "", "point", "exact"),
    ("4月9日下午召开。", "4月9日", "date", "", "", "", "point", "exact"),
    ("2015年以来持续推进。", "2015年以来", "date", "", "", "", "point", "exact"),
    ("到2024年年底前实现。", "2024年年底前", "date", "", "", "", "point", "exact"),
    ("10时50分开始。", "10时50分", "time", "", "", "", "point", "exact"),
    ("召开第三场发布会。", "第三场", "ordinal", "3", "", "", "point", "exact"),
    ("十三届人大二次会议。", "十三届", "ordinal", "13", "", "", "point", "exact"),
    ("达到二级标准。", "二级", "level", "2", "", "", "point", "exact"),
    ("享受“五免一享”政策。", "五免一享", "name", "", "", "", "point", "exact"),
    ("落实两项补贴。", "两项补贴", "name", "", "", "", "point", "exact"),
    ("实施三年计划。", "三年计划", "name", "", "", "", "point", "exact"),
    ("实施六大工程。", "六大", "name", "", "", "", "point", "exact"),
    ("推进城乡一体化。", "一体化", "name", "", "", "", "point", "exact"),
    ("编制“十四五”规划。", "十四五", "name", "", "", "", "point", "exact"),
    ("落实两不愁三保障。", "两不愁三保障", "name", "", "", "", "point", "exact"),
    ("十三届人大二次会议。", "二次", "ordinal", "2", "", "", "point", "exact"),
    ("十八届三中全会。", "三中", "ordinal", "3", "", "", "point", "exact"),
    ("2012-2016年国内生产总值。", "2012-2016年", "date", "", "", "", "point", "exact"),
];

fn show(f: &Figure) -> String {
    format!(
        "{} kind={} exact={:?} high={:?} unit={:?} shape={} approx={:?}",
        f.text,
        f.kind.as_str(),
        f.exact,
        f.exact_high,
        f.unit,
        f.shape.as_str(),
        f.approx
    )
}

#[test]
fn every_written_form() {
    let mut failures = Vec::new();
    for &(sentence, text, kind, exact, high, unit, shape, approx) in CASES {
        let figs = extract::extract(sentence).figures;
        let Some(f) = figs.iter().find(|f| f.text == text) else {
            let got: Vec<String> = figs.iter().map(show).collect();
            failures.push(format!("{sentence}: no figure {text:?}; got {got:?}"));
            continue;
        };
        let got = (
            f.kind.as_str(),
            f.exact.as_deref().unwrap_or(""),
            f.exact_high.as_deref().unwrap_or(""),
            f.unit.as_deref().unwrap_or(""),
            f.shape.as_str(),
            format!("{:?}", f.approx).to_lowercase(),
        );
        if got != (kind, exact, high, unit, shape, approx.to_string()) {
            failures.push(format!("{sentence}: {}", show(f)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn words_with_numerals_are_not_figures() {
    for s in [
        "进一步完善。",
        "全市统一部署。",
        "建立一个信息库。",
        "千万不要放松。",
        "万无一失。",
        "一是加强领导。",
        "COVID-19疫情。",
        "G20峰会。",
    ] {
        let figs = extract::extract(s).figures;
        assert!(
            figs.is_empty(),
            "{s}: {:?}",
            figs.iter().map(show).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_change_links_both_ends() {
    let figs = extract::extract("标准由每人每年1.2万元提高至每人每年2万元。").figures;
    assert_eq!(figs.len(), 2);
    let (a, b) = (&figs[0], &figs[1]);
    assert_eq!(a.rate.as_deref(), Some("每人每年"));
    assert_eq!(
        a.change
            .as_ref()
            .map(|c| (c.other.as_str(), c.verb.as_str())),
        Some((b.id.as_str(), "提高至"))
    );
    assert_eq!(
        b.change.as_ref().map(|c| c.other.as_str()),
        Some(a.id.as_str())
    );
    assert_eq!(a.subject.as_deref(), Some("标准"));
    assert_eq!(b.subject.as_deref(), Some("标准"));
}

#[test]
fn vague_magnitudes_are_flagged_not_guessed() {
    for (s, text) in [
        ("惠及数十万人。", "数十万人"),
        ("投入几万元。", "几万元"),
        ("建成十几个。", "十几个"),
        ("三四十万人受益。", "三四十万人"),
    ] {
        let figs = extract::extract(s).figures;
        assert_eq!(
            figs.len(),
            1,
            "{s}: {:?}",
            figs.iter().map(show).collect::<Vec<_>>()
        );
        assert_eq!(figs[0].text, text, "{s}");
        assert_eq!(figs[0].exact, None, "{s}");
        assert!(!figs[0].warnings.is_empty(), "{s}");
    }
}

#[test]
fn huge_values_are_flagged_not_wrapped() {
    let figs = extract::extract("总额99999999999999999999999亿元。").figures;
    assert_eq!(figs.len(), 1);
    assert_eq!(figs[0].exact, None);
    assert!(!figs[0].warnings.is_empty());
}

#[test]
fn damaged_text_is_repaired_and_flagged() {
    let cases = [
        (
            "实现贫困劳动力转移就业4.83\n万人次。",
            "4.83\n万人次",
            "48300",
            "人次",
        ),
        ("累计投入资金 3.02 亿元。", "3.02 亿元", "302000000", "元"),
        ("比上年增长8。6%。", "8。6%", "8.6", "%"),
        (
            "新建住房12.8萬(wàn)個(gè)。",
            "12.8萬(wàn)個",
            "128000",
            "个",
        ),
    ];
    for (sentence, text, exact, unit) in cases {
        let figs = extract::extract(sentence).figures;
        let f = figs.iter().find(|f| f.text == text).unwrap_or_else(|| {
            panic!(
                "{sentence:?}: no figure {text:?} in {:?}",
                figs.iter().map(show).collect::<Vec<_>>()
            )
        });
        assert_eq!(f.exact.as_deref(), Some(exact), "{sentence:?}");
        assert_eq!(f.unit.as_deref(), Some(unit), "{sentence:?}");
        assert!(
            !f.warnings.is_empty(),
            "{sentence:?}: a repair must be flagged"
        );
        let chars: Vec<char> = sentence.chars().collect();
        assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text);
    }
}

#[test]
fn a_change_from_a_base_is_a_delta_of_it() {
    let figs = extract::extract("全年国内生产总值744127亿元，比上年增长6.7%。城镇人口占比57.35%，比上年末提高1.25个百分点。").figures;
    let growth = figs.iter().find(|f| f.text == "6.7%").expect("growth");
    let base = figs.iter().find(|f| f.text == "744127亿元").expect("base");
    let c = growth.change.as_ref().expect("a delta");
    assert_eq!(
        (c.role, c.other.as_str(), c.verb.as_str()),
        (ChangeRole::Delta, base.id.as_str(), "比上年增长")
    );
    assert_eq!(
        growth.subject.as_deref(),
        Some("全年国内生产总值 比上年增长")
    );
    let pp = figs
        .iter()
        .find(|f| f.text == "1.25个百分点")
        .expect("points");
    assert_eq!(pp.kind.as_str(), "percentage_point");
    assert_eq!(pp.subject.as_deref(), Some("城镇人口占比 比上年末提高"));
    // Two figures with the same value but different subjects are not "the same figure".
    let figs = extract::extract("工业增长6.1%。人均收入增长6.1%。").figures;
    assert!(
        figs.iter().all(|f| f.same_as.is_empty()),
        "{:?}",
        figs.iter().map(show).collect::<Vec<_>>()
    );
}

#[test]
fn references_and_codes_are_not_figures() {
    let figs = extract::extract("国内生产总值[2]744127亿元。见图1。2012-2016年情况。").figures;
    let texts: Vec<&str> = figs.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, vec!["744127亿元", "2012-2016年"]);
    assert_eq!(figs[1].kind.as_str(), "date");
    assert_eq!(figs[0].subject.as_deref(), Some("国内生产总值"));
}

#[test]
fn a_full_stop_before_a_number_on_the_next_line_still_ends_the_sentence() {
    assert_eq!(extract::extract("完成了.\n2020年开始。").sentences.len(), 2);
}

/// (sentence, figure text, exact) — a written sign is part of the value (issue 9 item 6).
#[rustfmt::skip]
const SIGNED: &[(&str, &str, &str)] = &[
    ("该企业利润负三亿元。", "负三亿元", "-300000000"),
    ("出口全年增长-3.5%。", "-3.5%", "-3.5"),
    ("进口同比增长－5%。", "－5%", "-5"),
    ("净流入−12人。", "−12人", "-12"),
    ("-12人为净迁出。", "-12人", "-12"),
    ("气温为負2.5%以下。", "負2.5%以下", "-2.5"),
    // Scientific notation is read exactly, never cut to its mantissa.
    ("账面记为1e9元。", "1e9元", "1000000000"),
    ("处理约1.5E+3吨。", "约1.5E+3吨", "1500"),
    ("覆盖3×10^4人。", "3×10^4人", "30000"),
    ("误差2.5e-3%。", "2.5e-3%", "0.0025"),
];

#[test]
fn a_written_sign_makes_a_value_negative() {
    let mut failures = Vec::new();
    for &(sentence, text, exact) in SIGNED {
        let figs = extract::extract(sentence).figures;
        match figs.iter().find(|f| f.text == text) {
            Some(f) if f.exact.as_deref() == Some(exact) => {}
            _ => failures.push(format!(
                "{sentence}: want {text} = {exact}; got {:?}",
                figs.iter().map(show).collect::<Vec<_>>()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_dash_that_joins_is_no_sign() {
    for s in [
        "0-17岁儿童免费。",
        "占比10%-20%。",
        "2022-06-18发布。",
        "111-05-12公告。",
        "- 12人参加。",
        "COVID-19疫情。",
        "20岁-30岁青年。",
        "正负3%之间。",
    ] {
        let figs = extract::extract(s).figures;
        let negative: Vec<String> = figs
            .iter()
            .filter(|f| {
                f.exact.as_deref().is_some_and(|e| e.starts_with('-'))
                    || f.exact_high.as_deref().is_some_and(|e| e.starts_with('-'))
            })
            .map(show)
            .collect();
        assert!(negative.is_empty(), "{s}: {negative:?}");
    }
}

#[test]
fn scientific_notation_too_large_is_refused_not_cut() {
    let figs = extract::extract("总额1e40元。").figures;
    let f = figs
        .iter()
        .find(|f| f.text.starts_with("1e40"))
        .expect("a figure");
    assert_eq!(f.exact, None);
    assert!(!f.warnings.is_empty());
}
