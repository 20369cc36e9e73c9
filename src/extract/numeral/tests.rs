//! Table-driven and property tests of the numeral parser.
use super::*;
use proptest::prelude::*;

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// (input, start, expected value, expected end); `None` value with `end` 0 means no
/// numeral at all.
fn check(cases: &[(&str, usize, Option<&str>, usize)]) {
    for &(input, start, want, end) in cases {
        let cs = chars(input);
        let got = parse_at(&cs, start);
        if want.is_none() && end == 0 {
            assert!(got.is_none(), "{input}@{start}: {got:?}");
            continue;
        }
        let got = got.unwrap_or_else(|| panic!("{input}@{start}: no numeral"));
        assert_eq!(
            got.value.map(|v| v.to_string()).as_deref(),
            want,
            "{input}@{start}: {got:?}"
        );
        assert_eq!(got.end, end, "{input}@{start}: {got:?}");
        assert_eq!(got.start, start);
    }
}

fn form_of(input: &str) -> Form {
    parse_at(&chars(input), 0).map(|n| n.form).expect(input)
}

fn warning_of(input: &str, start: usize) -> Option<&'static str> {
    parse_at(&chars(input), start).and_then(|n| n.warning)
}

#[test]
fn arabic() {
    check(&[
        ("2020年", 0, Some("2020"), 4),
        ("6,688", 0, Some("6688"), 5),
        ("6,688.5元", 0, Some("6688.5"), 7),
        ("1,234,567", 0, Some("1234567"), 9),
        ("829个,惠及", 0, Some("829"), 3),
        ("1,2", 0, Some("1"), 1),
        ("12,3456", 0, Some("12"), 2),
        ("2019,2020", 0, Some("2019"), 4),
        ("1,234,56", 0, Some("1234"), 5),
        ("4.", 0, Some("4"), 1),
        ("4.x", 0, Some("4"), 1),
        ("63.15%", 0, Some("63.15"), 5),
        ("1.2.3", 0, Some("1.2"), 3),
        ("0.50", 0, Some("0.5"), 4),
        ("007", 0, Some("7"), 3),
        ("5年", 0, Some("5"), 1),
        ("300余个", 0, Some("300"), 3),
        ("2000多万人", 0, Some("2000"), 4),
        ("3点", 0, Some("3"), 1),
        ("3点5", 0, Some("3"), 1),
    ]);
}

#[test]
fn full_width() {
    check(&[
        ("４８３", 0, Some("483"), 3),
        ("４．８３万", 0, Some("48300"), 5),
        ("１，２３４人", 0, Some("1234"), 5),
        ("1，2", 0, Some("1"), 1),
        ("１2３", 0, Some("123"), 3),
    ]);
}

#[test]
fn arabic_scaled() {
    check(&[
        ("4.83万", 0, Some("48300"), 5),
        ("16.74亿", 0, Some("1674000000"), 6),
        ("1.6万亿", 0, Some("1600000000000"), 5),
        ("8千亿", 0, Some("800000000000"), 3),
        ("3亿", 0, Some("300000000"), 2),
        ("8944万", 0, Some("89440000"), 5),
        ("1526.11万", 0, Some("15261100"), 8),
        ("5百万", 0, Some("5000000"), 3),
        ("10万", 0, Some("100000"), 3),
        ("3百亿", 0, Some("30000000000"), 3),
        ("4万余公里", 0, Some("40000"), 2),
        ("3万千瓦", 0, Some("30000"), 2),
        ("1亿万人", 0, Some("100000000"), 2),
        ("3兆", 0, Some("3"), 1),
        ("4.83万人次", 0, Some("48300"), 5),
        ("4.83万5", 0, Some("48300"), 5),
    ]);
    assert_eq!(form_of("4.83万"), Form::ArabicScaled);
    assert_eq!(form_of("2020"), Form::Arabic);
    assert_eq!(form_of("6,688"), Form::Arabic);
}

#[test]
fn chinese_strict() {
    check(&[
        ("一千零一万零一", 0, Some("10010001"), 7),
        ("十", 0, Some("10"), 1),
        ("十五", 0, Some("15"), 2),
        ("十三", 0, Some("13"), 2),
        ("二十", 0, Some("20"), 2),
        ("一百一十", 0, Some("110"), 4),
        ("一百零一", 0, Some("101"), 4),
        ("三千万", 0, Some("30000000"), 3),
        ("一亿二千万", 0, Some("120000000"), 5),
        ("十万", 0, Some("100000"), 2),
        ("十亿", 0, Some("1000000000"), 2),
        ("一亿零一十万", 0, Some("100100000"), 6),
        ("一万零一十一", 0, Some("10011"), 6),
        ("一千〇一", 0, Some("1001"), 4),
        ("一", 0, Some("1"), 1),
        ("两", 0, Some("2"), 1),
        ("零", 0, Some("0"), 1),
        ("〇", 0, Some("0"), 1),
        ("三千五百万", 0, Some("35000000"), 5),
        ("两万四千亿", 0, Some("2400000000000"), 5),
        ("一万二千亿", 0, Some("1200000000000"), 5),
        ("一百零八万", 0, Some("1080000"), 5),
        ("十亿零五", 0, Some("1000000005"), 4),
        ("一千万亿", 0, Some("1000000000000000"), 4),
    ]);
    assert_eq!(form_of("十五"), Form::Chinese);
}

#[test]
fn chinese_colloquial() {
    check(&[
        ("三万五", 0, Some("35000"), 3),
        ("两千六", 0, Some("2600"), 3),
        ("一百二", 0, Some("120"), 3),
        ("一万二", 0, Some("12000"), 3),
        ("三亿五", 0, Some("350000000"), 3),
        ("十万八千里", 0, Some("108000"), 4),
        ("廿", 0, Some("20"), 1),
        ("卅", 0, Some("30"), 1),
        ("廿三", 0, Some("23"), 2),
        ("廿万", 0, Some("200000"), 2),
        ("一千零", 0, Some("1000"), 2),
    ]);
}

#[test]
fn chinese_digits() {
    check(&[
        ("二〇二〇年", 0, Some("2020"), 4),
        ("一九九八年", 0, Some("1998"), 4),
        ("二○一九年", 0, Some("2019"), 4),
        ("二零二三", 0, Some("2023"), 4),
        ("九八年", 0, Some("98"), 2),
    ]);
    assert_eq!(form_of("二〇二〇"), Form::ChineseDigits);
}

#[test]
fn financial_and_traditional() {
    check(&[
        ("壹拾壹", 0, Some("11"), 3),
        ("玖仟陆佰陆拾伍", 0, Some("9665"), 7),
        ("壹拾壹元整", 0, Some("11"), 3),
        ("貳佰參拾陸", 0, Some("236"), 5),
        ("壹萬貳仟", 0, Some("12000"), 4),
        ("伍元", 0, Some("5"), 1),
        ("壹佰零伍元", 0, Some("105"), 4),
        ("队伍建设", 1, None, 0),
        ("陆续出台", 0, None, 0),
        ("收拾", 1, None, 0),
        ("三萬五千", 0, Some("35000"), 4),
        ("一億", 0, Some("100000000"), 2),
        ("兩千", 0, Some("2000"), 2),
        ("三點五", 0, Some("3.5"), 3),
    ]);
    assert_eq!(form_of("玖仟陆佰陆拾伍"), Form::Financial);
}

#[test]
fn chinese_point() {
    check(&[
        ("一百点123", 0, Some("100.123"), 6),
        ("三点五", 0, Some("3.5"), 3),
        ("十二点五万", 0, Some("125000"), 5),
        ("零点五", 0, Some("0.5"), 3),
        ("三点一四一五九", 0, Some("3.14159"), 7),
        ("一点五亿", 0, Some("150000000"), 4),
        ("三点五千万", 0, Some("35000000"), 5),
        ("十点三十分", 0, Some("10"), 1),
        ("三点一刻", 0, Some("3"), 1),
        ("一点点", 0, Some("1"), 1),
        ("一百二点五", 0, Some("120"), 3),
    ]);
    assert_eq!(form_of("一百点123"), Form::Mixed);
    assert_eq!(form_of("三点五"), Form::Chinese);
}

#[test]
fn mixed() {
    check(&[
        ("1万600", 0, Some("10600"), 5),
        ("200亿零四千230", 0, Some("20000004230"), 10),
        ("3千5百", 0, Some("3500"), 4),
        ("1亿2000万", 0, Some("120000000"), 7),
        ("1万零600", 0, Some("10600"), 6),
        ("1万亿零500亿", 0, Some("1050000000000"), 8),
        ("2万3000亿元", 0, Some("2300000000000"), 7),
        ("1亿一万亿", 0, None, 5),
        ("1万五", 0, Some("15000"), 3),
        ("1万五千", 0, Some("15000"), 4),
        ("1万20000人", 0, Some("10000"), 2),
        ("1亿20000万", 0, Some("100000000"), 2),
        ("一2", 0, Some("1"), 1),
        ("5一", 0, Some("5"), 1),
        ("2两", 0, Some("2"), 1),
    ]);
    assert_eq!(form_of("1万600"), Form::Mixed);
    assert_eq!(form_of("3千5百"), Form::Mixed);
}

#[test]
fn not_numerals() {
    check(&[
        ("万元", 0, None, 0),
        ("千万不要", 0, None, 0),
        ("千万不要", 1, None, 0),
        ("百", 0, None, 0),
        ("亿", 0, None, 0),
        ("点五", 0, None, 0),
        ("abc", 0, None, 0),
        (".5", 0, None, 0),
        ("○ 项目", 0, None, 0),
        ("十", 5, None, 0),
        ("", 0, None, 0),
    ]);
}

#[test]
fn shorter_matches() {
    check(&[
        // Not accepted as 12000万: see the module header.
        ("一万二千万", 0, None, 5),
        ("三百四百", 0, Some("300"), 2),
        ("一万二万", 0, Some("10000"), 2),
        ("十十", 0, Some("10"), 1),
        ("一千零万", 0, Some("1000"), 2),
        ("亿万", 0, None, 0),
        ("三千万五百", 0, Some("30000500"), 5),
        ("三千万五", 0, None, 4),
        ("十万八", 0, None, 3),
        ("一万二千亿五", 0, None, 6),
        ("四万万五", 0, None, 4),
        ("一亿一万万", 0, Some("100010000"), 4),
        ("两两", 0, Some("2"), 1),
    ]);
}

#[test]
fn older_wan_wan() {
    check(&[
        ("四万万同胞", 0, Some("400000000"), 3),
        ("一亿亿", 0, Some("10000000000000000"), 3),
    ]);
}

#[test]
fn ranges_and_plan_names() {
    check(&[
        ("三四十万", 0, None, 4),
        ("三四个", 0, None, 2),
        ("两三万", 0, None, 3),
        ("十七八万", 0, None, 4),
        ("三千五六百", 0, None, 5),
        ("十三五规划", 0, None, 3),
        ("十四五时期", 0, None, 3),
        ("二〇万", 0, None, 2),
    ]);
    assert_eq!(warning_of("三四十万", 0), Some(WARN_RANGE));
    assert_eq!(warning_of("十七八万", 0), Some(WARN_RANGE));
    assert_eq!(warning_of("十三五规划", 0), Some(WARN_PLAN_NAME));
    assert_eq!(warning_of("十四五时期", 0), Some(WARN_PLAN_NAME));
    assert_eq!(warning_of("二〇万", 0), Some(WARN_MALFORMED));
    assert_eq!(warning_of("十万八", 0), Some(WARN_AMBIGUOUS));
    // The later 千 settles it.
    assert_eq!(warning_of("十万八千", 0), None);
}

#[test]
fn overflow() {
    let nines = "9".repeat(40);
    check(&[(&nines, 0, None, 40)]);
    assert_eq!(warning_of(&nines, 0), Some(WARN_TOO_LARGE));
    check(&[
        ("1亿亿亿亿", 0, None, 5),
        ("1亿亿亿亿元", 0, None, 5),
        ("9999亿亿亿亿", 0, None, 8),
        ("999999999999999999999999999999万人", 0, None, 31),
    ]);
    assert_eq!(warning_of("1亿亿亿亿", 0), Some(WARN_TOO_LARGE));
    check(&[("1亿亿亿", 0, Some("1000000000000000000000000"), 4)]);
    let precise = format!("0.{}", "1".repeat(19));
    check(&[(&precise, 0, None, 21)]);
    assert_eq!(warning_of(&precise, 0), Some(WARN_TOO_PRECISE));
    let cn_nines = "九".repeat(40);
    check(&[(&cn_nines, 0, None, 40)]);
}

#[test]
fn long_runs_are_linear() {
    const N: usize = 1_000_000;
    let wan = format!("一{}元", "万".repeat(N));
    let n = parse_at(&chars(&wan), 0).expect("numeral");
    assert_eq!(
        (n.value, n.end, n.warning),
        (None, N + 1, Some(WARN_TOO_LARGE))
    );
    let nines = "九".repeat(N);
    let n = parse_at(&chars(&nines), 0).expect("numeral");
    assert_eq!((n.value, n.end), (None, N));
    let digits = "9".repeat(N);
    let n = parse_at(&chars(&digits), 0).expect("numeral");
    assert_eq!((n.value, n.end), (None, N));
    let zeros = format!("{}1", "0".repeat(N));
    let n = parse_at(&chars(&zeros), 0).expect("numeral");
    assert_eq!((n.value, n.end), (Some(Decimal::from_u64(1)), N + 1));
    let yi_wan = "一万".repeat(N / 2);
    let n = parse_at(&chars(&yi_wan), 0).expect("numeral");
    assert_eq!(n.end, 2);
    let grouped = format!("1{}", ",000".repeat(N / 4));
    let n = parse_at(&chars(&grouped), 0).expect("numeral");
    assert_eq!(
        (n.value, n.end, n.warning),
        (None, grouped.chars().count(), Some(WARN_TOO_LARGE))
    );
}

#[test]
fn in_context() {
    let text = "实现贫困劳动力转移就业4.83万人次";
    let cs = chars(text);
    let at = cs.iter().position(|&c| c == '4').expect("4");
    let n = parse_at(&cs, at).expect("numeral");
    assert_eq!(n.value, Decimal::parse("48300"));
    assert_eq!(cs[n.end], '人');
    assert_eq!(n.form, Form::ArabicScaled);

    let text = "百分之三十";
    let cs = chars(text);
    assert!(parse_at(&cs, 0).is_none());
    let n = parse_at(&cs, 3).expect("numeral");
    assert_eq!((n.value, n.end), (Decimal::parse("30"), 5));
}

/// Sentences written the way reports write them, not tuned to the parser.
#[test]
fn real_text() {
    let cases = [
        ("全年国内生产总值1143670亿元", '1', "114367000000000", '元'),
        ("粮食产量13657亿斤", '1', "1365700000000", '斤'),
        ("人均可支配收入三万五千一百二十八元", '三', "35128", '元'),
        ("城镇新增就业1206万人", '1', "12060000", '人'),
        ("全年粮食产量6.95亿吨", '6', "695000000", '吨'),
        ("减税降费超过2.5万亿元", '2', "2500000000000", '元'),
        ("覆盖人口达十三亿多", '十', "1300000000", '多'),
        ("进出口总额突破4,200亿美元", '4', "420000000000", '美'),
    ];
    for (text, first, want, after) in cases {
        let cs = chars(text);
        let at = cs.iter().position(|&c| c == first).expect("start");
        let n = parse_at(&cs, at).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(
            n.value.map(|v| v.to_string()).as_deref(),
            Some(want),
            "{text}"
        );
        assert_eq!(cs.get(n.end), Some(&after), "{text}");
    }
    assert_eq!(
        parse_number("一千二百三十四万五千六百七十八"),
        Decimal::parse("12345678")
    );
}

#[test]
fn whole_strings() {
    assert_eq!(parse_number(" 4.83万 "), Decimal::parse("48300"));
    assert_eq!(parse_number("4.83万人"), None);
    assert_eq!(parse_number("十三五"), None);
    assert_eq!(parse_number(""), None);
}

#[test]
fn to_chinese_examples() {
    let cases = [
        (0, "零"),
        (1, "一"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (110, "一百一十"),
        (101, "一百零一"),
        (1010, "一千零一十"),
        (10_010_001, "一千零一万零一"),
        (100_000, "十万"),
        (120_000, "十二万"),
        (100_100_000, "一亿零一十万"),
        (100_000_001, "一亿零一"),
        (10_000_000_000_000_000, "一亿亿"),
    ];
    for (n, want) in cases {
        assert_eq!(to_chinese(n), want, "{n}");
    }
}

#[test]
fn numeral_chars() {
    for c in "0９零〇一两十百千万亿壹陆拾萬億兩廿卅".chars() {
        assert!(is_numeral_char(c), "{c}");
    }
    for c in "点.,元多余兆".chars() {
        assert!(!is_numeral_char(c), "{c}");
    }
}

#[test]
fn round_trips_all_small_numbers() {
    for n in 0..=100_000 {
        assert_eq!(
            parse_number(&to_chinese(n)),
            Some(Decimal::from_u64(n)),
            "{n}"
        );
    }
}

proptest! {
    #[test]
    fn round_trips_up_to_1e16(n in 0u64..=10_000_000_000_000_000) {
        prop_assert_eq!(parse_number(&to_chinese(n)), Some(Decimal::from_u64(n)));
    }

    #[test]
    fn round_trips_any_u64(n in any::<u64>()) {
        prop_assert_eq!(parse_number(&to_chinese(n)), Some(Decimal::from_u64(n)));
    }

    /// Mostly zeros, where the 零 rules live; uniform numbers rarely have any.
    #[test]
    fn round_trips_sparse(digits in prop::collection::vec(
        prop_oneof![4 => Just(0u64), 1 => 1u64..10], 1..=17)) {
        let n = digits.iter().fold(0u64, |n, d| n * 10 + d);
        prop_assert_eq!(parse_number(&to_chinese(n)), Some(Decimal::from_u64(n)));
    }

    #[test]
    fn arabic_round_trips(n in any::<u64>()) {
        prop_assert_eq!(parse_number(&n.to_string()), Some(Decimal::from_u64(n)));
    }

    #[test]
    fn never_panics_and_spans_are_sane(s in "[0-9.,，一二两三四五六七八九十百千万亿零〇点壹拾佰廿元多]{0,24}", at in 0usize..26) {
        let cs: Vec<char> = s.chars().collect();
        if let Some(n) = parse_at(&cs, at) {
            prop_assert_eq!(n.start, at);
            prop_assert!(n.end > at && n.end <= cs.len());
            prop_assert_eq!(n.value.is_none(), n.warning.is_some());
        }
    }
}

#[test]
fn parse_number_reads_a_sign_and_an_exponent() {
    let cases = [
        ("负二", Some("-2")),
        ("-10.1万", Some("-101000")),
        ("负零点一零", Some("-0.1")),
        ("1e9", Some("1000000000")),
        ("1.5E+3", Some("1500")),
        ("负", None),
        ("1e", None),
        ("1e40", None),
    ];
    for (s, want) in cases {
        assert_eq!(
            parse_number(s).map(|d| d.to_string()).as_deref(),
            want,
            "{s}"
        );
    }
}
