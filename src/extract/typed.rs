//! Numerals that are not statistics: dates and periods, clock times, ordinals, levels,
//! and numerals inside names and slogans. They are typed so that no table ever shows
//! `2020年底` or `五免一享` as an amount.

use super::numeral::{self, Form, Numeral};
use super::units::{ends_with, starts_with};
use crate::decimal::Decimal;
use crate::model::Kind;

/// A typed, non-statistical numeral.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub value: Option<Decimal>,
    /// Normalized date (`2018-12`, `2020 year end`).
    pub date: Option<String>,
}

/// Names and slogans that contain numerals. Matched where a numeral starts, so
/// `统一` or `进一步` never get this far (their `一` is not followed by a unit).
const NAMES: &[&str] = &[
    "一体化",
    "一线",
    "一带一路",
    "一站式",
    "一揽子",
    "一把手",
    "一网通办",
    "一次办好",
    "一窗受理",
    "一户一策",
    "一人一策",
    "一村一品",
    "两不愁三保障",
    "两不愁",
    "三保障",
    "两项补贴",
    "两学一做",
    "两个确保",
    "三支一扶",
    "三农",
    "三公",
    "三同时",
    "四个全面",
    "四风",
    "五位一体",
    "五免一享",
    "五险一金",
    "十四五",
    "十三五",
    "十二五",
    "第一产业",
    "第二产业",
    "第三产业",
    "第一书记",
];

/// Classifiers that may follow an ordinal (`第三场`, `第1名`, `第二批`).
const ORDINAL_CLASSIFIERS: &str = "场次届期批轮名位号个项条款章节篇季年月天周版";

/// Suffixes of a date or period, longest first where one is a prefix of another.
const DATE_SUFFIXES: &[(&str, &str)] = &[
    ("年底前", "before year end"),
    ("年年底前", "before year end"),
    ("年底", "year end"),
    ("年末", "year end"),
    ("年初", "year start"),
    ("上半年", "first half"),
    ("下半年", "second half"),
    ("底前", "before end"),
    ("底", "end"),
    ("末", "end"),
    ("初", "start"),
    ("上旬", "early"),
    ("中旬", "mid"),
    ("下旬", "late"),
    ("以来", "since"),
    ("至今", "until now"),
    ("前", "before"),
];

/// A name or slogan starting at `at`.
pub fn name_at(chars: &[char], at: usize, end: usize) -> Option<Typed> {
    let hit = NAMES
        .iter()
        .filter(|n| at + n.chars().count() <= end && starts_with(chars, at, n))
        .max_by_key(|n| n.chars().count())?;
    Some(Typed {
        kind: Kind::Name,
        start: at,
        end: at + hit.chars().count(),
        value: None,
        date: None,
    })
}

/// A short quoted phrase with a Chinese numeral in it (`“五免一享”`, `“六大”`): a name.
/// `at` is the opening quote; the span returned is the phrase inside the quotes.
pub fn quoted_name_at(chars: &[char], at: usize, end: usize) -> Option<Typed> {
    let close = match chars.get(at)? {
        '“' => '”',
        '「' => '」',
        '"' => '"',
        _ => return None,
    };
    let inner_start = at + 1;
    let limit = (inner_start + 9).min(end);
    let inner_end = (inner_start..limit).find(|&i| chars[i] == close)?;
    let inner = &chars[inner_start..inner_end];
    // 双 counts here too (“双提升”), though it is no numeral in running text.
    let has_chinese_numeral = inner.iter().any(|&c| {
        c == '双'
            || numeral::is_numeral_char(c) && !c.is_ascii_digit() && !('０'..='９').contains(&c)
    });
    let has_other = inner.iter().any(|&c| !numeral::is_numeral_char(c));
    let has_arabic = inner.iter().any(char::is_ascii_digit);
    (inner.len() >= 2 && has_chinese_numeral && has_other && !has_arabic).then_some(Typed {
        kind: Kind::Name,
        start: inner_start,
        end: inner_end,
        value: None,
        date: None,
    })
}

/// Classifies a numeral as a date, time, ordinal, level or name by its neighbours.
#[allow(clippy::too_many_lines)] // the typed forms in order of precedence; splitting them would hide that order
pub fn classify(chars: &[char], n: &Numeral, end: usize) -> Option<Typed> {
    let after = |s: &str| starts_with(chars, n.end, s) && n.end + s.chars().count() <= end;
    let typed = |kind, stop, value, date| Typed {
        kind,
        start: n.start,
        end: stop,
        value,
        date,
    };
    let int = n.value.filter(|v| v.is_integer());
    let small = int.and_then(|v| v.to_string().parse::<u32>().ok());

    if n.start > 0 && chars[n.start - 1] == '第' {
        // 第三场: the classifier after the numeral belongs to the ordinal.
        let stop = if n.end < end && ORDINAL_CLASSIFIERS.contains(chars[n.end]) {
            n.end + 1
        } else {
            n.end
        };
        return Some(Typed {
            start: n.start - 1,
            ..typed(Kind::Ordinal, stop, n.value, None)
        });
    }
    // 二次会议, 三中全会: sessions are counted in order, not in number.
    if after("次会议") || after("次全体会议") || after("中全会") {
        return Some(typed(Kind::Ordinal, n.end + 1, n.value, None));
    }
    if after("届") {
        return Some(typed(Kind::Ordinal, n.end + 1, n.value, None));
    }
    if after("级") {
        return Some(typed(Kind::Level, n.end + 1, n.value, None));
    }
    // 2012-2016年, 2015—2016年: a period of years.
    if is_year(n, small)
        && n.end + 1 < end
        && "-－—–~～".contains(chars[n.end])
        && let Some(to) = numeral::parse_at(&chars[..end], n.end + 1)
    {
        let to_year = to.value.and_then(|v| v.to_string().parse::<u32>().ok());
        if is_year(&to, to_year) && starts_with(chars, to.end, "年") && to.end < end {
            let mut t = date_from_year(chars, &to, to_year.unwrap_or(0), end);
            t.start = n.start;
            t.date = Some(format!(
                "{}–{}",
                small.unwrap_or(0),
                t.date.unwrap_or_default()
            ));
            return Some(t);
        }
    }
    // 2022-06-18, and the ROC calendar's 111-05-12: a numeric date, never a range.
    if let Some(t) = numeric_date(chars, n, small, end) {
        return Some(t);
    }
    // 民國110年: a year of the ROC calendar (1912 is year 1).
    if after("年")
        && (ends_with(chars, n.start, "民國") || ends_with(chars, n.start, "民国"))
        && small.is_some_and(|y| (1..=200).contains(&y))
    {
        let year = small.unwrap_or(0) + 1911;
        return Some(Typed {
            start: n.start - 2,
            ..date_from_year(chars, n, year, end)
        });
    }
    // 1-9月: a span of months.
    if small.is_some_and(|m| (1..=12).contains(&m))
        && n.end + 1 < end
        && "-－—–~～至到".contains(chars[n.end])
        && let Some(to) = numeral::parse_at(&chars[..end], n.end + 1)
        && starts_with(chars, to.end, "月")
        && to.end < end
        && let Some(m2) = to.value.and_then(|v| v.to_string().parse::<u32>().ok())
        && (1..=12).contains(&m2)
    {
        let date = format!("--{:02}–--{m2:02}", small.unwrap_or(0));
        return Some(typed(Kind::Date, to.end + 1, None, Some(date)));
    }
    // 四个方面的工作, 三个方面: the text counting its own parts.
    if is_chinese(n.form) && (after("个方面") || after("個方面")) {
        return Some(typed(Kind::Name, n.end + 3, None, None));
    }
    if after("年") && is_year(n, small) {
        return Some(date_from_year(chars, n, small.unwrap_or(0), end));
    }
    if after("月")
        && small.is_some_and(|m| (1..=12).contains(&m))
        && !ends_with(chars, n.start, "个")
    {
        let (stop, date) = month_day(chars, n.end + 1, small.unwrap_or(0), None, end);
        return Some(typed(Kind::Date, stop, None, Some(date)));
    }
    // 30日内, 15日以内: a span of days, not the 30th.
    let within = ["日内", "日以内", "日之内", "日后"]
        .iter()
        .any(|w| after(w));
    if (after("日") || after("号")) && !within && small.is_some_and(|d| (1..=31).contains(&d)) {
        let date = format!("day {}", small.unwrap_or(0));
        return Some(typed(Kind::Date, n.end + 1, None, Some(date)));
    }
    if (after("时") || after("時")) && small.is_some_and(|h| h <= 24) {
        let mut stop = n.end + 1;
        if let Some(m) = numeral::parse_at(&chars[..end], stop)
            && starts_with(chars, m.end, "分")
            && m.end < end
        {
            stop = m.end + 1;
        }
        return Some(typed(Kind::Time, stop, None, None));
    }
    if n.form == Form::Arabic && after(":") && small.is_some_and(|h| h <= 24) {
        let mm = &chars[(n.end + 1).min(end)..(n.end + 3).min(end)];
        let next_is_digit =
            chars.get(n.end + 3).is_some_and(char::is_ascii_digit) && n.end + 3 < end;
        if mm.len() == 2 && mm.iter().all(char::is_ascii_digit) && !next_is_digit {
            // 08:15:00: the seconds belong to the time too.
            let ss = n.end + 3;
            let seconds = chars.get(ss) == Some(&':')
                && ss + 3 <= end
                && chars[ss + 1..ss + 3].iter().all(char::is_ascii_digit);
            let stop = if seconds { ss + 3 } else { ss };
            return Some(typed(Kind::Time, stop, None, None));
        }
    }
    if is_chinese(n.form) {
        // 三年计划, 两年攻坚行动: a plan or campaign named by its length.
        if after("年") {
            let rest = (n.end + 1)..(n.end + 7).min(end);
            for stop in rest {
                for w in ["计划", "行动", "规划", "工程"] {
                    if starts_with(chars, stop, w) && stop + 2 <= end {
                        return Some(typed(Kind::Name, stop + 2, None, None));
                    }
                }
                if is_punct(chars[stop]) {
                    break;
                }
            }
        }
        // 六大工程, 十大行动.
        if after("大") {
            return Some(typed(Kind::Name, n.end + 1, None, None));
        }
    }
    None
}

/// `2022-06-18`, `2022/6/18`, `111-05-12`: year, month and day in Arabic digits.
fn numeric_date(chars: &[char], n: &Numeral, year: Option<u32>, end: usize) -> Option<Typed> {
    let digits = n.end - n.start;
    if n.form != Form::Arabic || !(2..=4).contains(&digits) {
        return None;
    }
    let year = year?;
    let sep = *chars.get(n.end)?;
    if !"-－/／.".contains(sep) {
        return None;
    }
    let two = |at: usize| -> Option<(u32, usize)> {
        let mut j = at;
        while j < end && j < at + 2 && chars[j].is_ascii_digit() {
            j += 1;
        }
        if j == at || chars.get(j).is_some_and(char::is_ascii_digit) && j < end {
            return None;
        }
        chars[at..j]
            .iter()
            .collect::<String>()
            .parse()
            .ok()
            .map(|v| (v, j))
    };
    let (month, m_end) = two(n.end + 1)?;
    if chars.get(m_end) != Some(&sep) || m_end >= end {
        return None;
    }
    let (day, d_end) = two(m_end + 1)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // A three-digit year is the ROC calendar (民國111年 is 2022).
    let year = if digits == 4 { year } else { year + 1911 };
    Some(Typed {
        kind: Kind::Date,
        start: n.start,
        end: d_end,
        value: None,
        date: Some(format!("{year}-{month:02}-{day:02}")),
    })
}

pub fn is_chinese(form: Form) -> bool {
    matches!(form, Form::Chinese | Form::ChineseDigits | Form::Financial)
}

fn is_year(n: &Numeral, v: Option<u32>) -> bool {
    let digits = n.end - n.start;
    let four = match n.form {
        Form::Arabic | Form::ChineseDigits => digits == 4,
        _ => false,
    };
    four && v.is_some_and(|y| (1000..=2200).contains(&y))
}

/// `2018年12月`, `2020年底`, `2024年年底前`, `2015年以来`, `2020年6月底`.
fn date_from_year(chars: &[char], n: &Numeral, year: u32, end: usize) -> Typed {
    let mut stop = n.end + 1;
    let mut date = year.to_string();
    if let Some(m) = numeral::parse_at(&chars[..end], stop) {
        let month = m.value.and_then(|v| v.to_string().parse::<u32>().ok());
        if starts_with(chars, m.end, "月")
            && m.end < end
            && month.is_some_and(|x| (1..=12).contains(&x))
        {
            let (s, d) = month_day(chars, m.end + 1, month.unwrap_or(0), Some(year), end);
            return Typed {
                kind: Kind::Date,
                start: n.start,
                end: s,
                value: None,
                date: Some(d),
            };
        }
    }
    if let Some((s, label)) = suffix(chars, stop, end) {
        stop = s;
        // Right after the year, 底 and 初 speak of the year.
        let label = match label {
            "end" => "year end",
            "start" => "year start",
            "before end" => "before year end",
            other => other,
        };
        date = format!("{year} {label}");
    }
    Typed {
        kind: Kind::Date,
        start: n.start,
        end: stop,
        value: None,
        date: Some(date),
    }
}

/// After `N月`: an optional day and suffix. Returns the end and the normalized date.
fn month_day(
    chars: &[char],
    mut stop: usize,
    month: u32,
    year: Option<u32>,
    end: usize,
) -> (usize, String) {
    let mut date = match year {
        Some(y) => format!("{y}-{month:02}"),
        None => format!("--{month:02}"),
    };
    if let Some(d) = numeral::parse_at(&chars[..end], stop) {
        let day = d.value.and_then(|v| v.to_string().parse::<u32>().ok());
        if (starts_with(chars, d.end, "日") || starts_with(chars, d.end, "号"))
            && d.end < end
            && day.is_some_and(|x| (1..=31).contains(&x))
        {
            stop = d.end + 1;
            date = format!("{date}-{:02}", day.unwrap_or(0));
        }
    }
    if let Some((s, label)) = suffix(chars, stop, end) {
        stop = s;
        date = format!("{date} {label}");
    }
    (stop, date)
}

fn suffix(chars: &[char], at: usize, end: usize) -> Option<(usize, &'static str)> {
    DATE_SUFFIXES
        .iter()
        .filter(|(s, _)| starts_with(chars, at, s) && at + s.chars().count() <= end)
        .max_by_key(|(s, _)| s.chars().count())
        .map(|(s, label)| (at + s.chars().count(), *label))
}

pub fn is_punct(c: char) -> bool {
    "，。、；：？！,.;:?!…“”‘’\"'（）()《》【】—-·　 ".contains(c) || c.is_whitespace()
}
