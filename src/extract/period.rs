//! Periods: the time a quantity is stated for.
//!
//! Owns finding period phrases in one sentence (`2018年12月至2020年底`, `截至2020年6月底`,
//! `2015年以来`, `五年来`, `脱贫攻坚期间`, `全年`, `2021年上半年`, `1-9月`…), resolving their
//! ends as precisely as the text states them, and giving each quantity the phrase that
//! governs it: the last one before it in its sentence. A phrase that only names the base
//! of a comparison (`较上半年`, `与2010年相比`) or of a share (`完成全年目标的`) governs
//! nothing after it. Nothing is ever guessed from the document's date: a phrase with no
//! year keeps its text and leaves both ends open.
//!
//! Reads the original chars of the sentence and the figures already found in it. Must
//! not import ratatui, crossterm or clap, and never prints.

use compact_str::{CompactString, format_compact};

use crate::model::{Figure, Kind, Period, Sentence};

/// A point of the calendar, as precise as written.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Cal {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

impl Cal {
    fn year(y: Option<i32>) -> Cal {
        Cal {
            year: y,
            ..Cal::default()
        }
    }

    fn month(y: Option<i32>, m: u32) -> Cal {
        Cal {
            year: y,
            month: Some(m),
            day: None,
        }
    }

    /// Without a year the text names no date, however precise the rest is.
    fn render(self) -> Option<CompactString> {
        let y = self.year?;
        Some(match (self.month, self.day) {
            (Some(m), Some(d)) => format_compact!("{y:04}-{m:02}-{d:02}"),
            (Some(m), None) => format_compact!("{y:04}-{m:02}"),
            _ => format_compact!("{y:04}"),
        })
    }
}

/// A stretch of time read from the text. `moment` marks an end point (`2020年底`,
/// `9月末`): standing alone it reads "as of", so it has no start.
#[derive(Debug, Clone, Copy)]
struct Span {
    from: Cal,
    to: Cal,
    moment: bool,
}

impl Span {
    fn whole(c: Cal) -> Span {
        Span {
            from: c,
            to: c,
            moment: false,
        }
    }
}

/// What a phrase does to the quantities after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Governs every quantity after it until the next governing phrase.
    Governs,
    /// The base of a comparison (`较2022年`, `与2010年…相比`): it governs only a quantity
    /// stated inside the base (`较2022年的1.04%`), and the period before it goes on.
    Base,
    /// Only a qualifier of something else (`完成全年目标的`, a date in brackets or a
    /// title, a dateline): no effect.
    Ignored,
}

/// A period phrase found in a sentence; `start..end` are char offsets in the text.
#[derive(Debug, Clone, PartialEq)]
struct Phrase {
    start: usize,
    end: usize,
    period: Period,
    role: Role,
}

/// Gives each quantity among `figures` (the figures of sentence `s`, in text order) the
/// period phrase that governs it.
pub fn assign(chars: &[char], s: &Sentence, figures: &mut [Figure]) {
    let phrases = phrases(chars, s.start, s.end, figures);
    if phrases.is_empty() {
        return;
    }
    let mut current: Option<&Phrase> = None;
    let mut next = 0;
    let mut base: Option<&Phrase> = None;
    for f in figures.iter_mut() {
        while next < phrases.len() && phrases[next].start < f.end {
            let p = &phrases[next];
            match p.role {
                Role::Governs if p.end <= f.start || covers(p, f) => current = Some(p),
                Role::Base if p.end <= f.start => base = Some(p),
                _ if p.end > f.start => break,
                _ => {}
            }
            next += 1;
        }
        if !f.kind.is_quantity() {
            continue;
        }
        // The phrase a duration belongs to (`五年来`, `未来5年`) is no period of its own,
        // and `连续4个月` counts periods rather than being stated for one.
        let own = phrases.iter().any(|p| covers(p, f));
        let counts_periods = f.kind == Kind::Duration
            && ["连续", "連續"]
                .iter()
                .any(|w| f.text.starts_with(w) || ends_with(chars, s.start, f.start, w));
        let in_base = base
            .filter(|b| base_reaches(chars, b.end, f.start))
            .map(|b| b.period.clone());
        base = None;
        f.period = if own || counts_periods || is_denominator(chars, s.start, f) {
            None
        } else if in_base.is_some() {
            in_base
        } else {
            current.map(|p| p.period.clone())
        };
    }
}

fn covers(p: &Phrase, f: &Figure) -> bool {
    p.start <= f.start && f.end <= p.end
}

/// Whether a quantity at `at` still belongs to a comparison base ending at `from`: no
/// punctuation and no verb of the change between (`较2022年的1.04%减少…` yes,
/// `较上半年提高2…` no).
fn base_reaches(chars: &[char], from: usize, at: usize) -> bool {
    const VERBS: &str = "增减減降升提落跌滑涨漲进進退扩擴收持";
    chars[from..at]
        .iter()
        .all(|&c| !is_punct(c) && !VERBS.contains(c))
}

/// `占年初预算10065万元的43.2%`: the quantity between 占 and 的 is the whole a share is
/// taken of, not a figure of the period.
fn is_denominator(chars: &[char], floor: usize, f: &Figure) -> bool {
    if chars.get(f.end) != Some(&'的') || f.start < floor {
        return false;
    }
    chars[floor..f.start]
        .iter()
        .rev()
        .take_while(|&&c| !is_punct(c))
        .any(|&c| c == '占' || c == '佔')
}

/// Every period phrase of the sentence `start..end`, in text order, never overlapping.
fn phrases(chars: &[char], start: usize, end: usize, figures: &[Figure]) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let found = if starts_inside_number(chars, start, i) {
            None
        } else {
            phrase_at(chars, i, end).or_else(|| named_period_at(chars, start, i, end))
        };
        let Some((stop, from, to)) = found else {
            i += 1;
            continue;
        };
        // A phrase may swallow the duration it is made of (`五年来`) or a numeral misread
        // as a quantity inside it (`2005 - 06年度`), never cut into a statistic.
        let clashes = figures.iter().any(|f| {
            f.kind.is_quantity() && f.start < stop && i < f.end && !(i <= f.start && f.end <= stop)
        });
        if clashes {
            i += 1;
            continue;
        }
        let text: CompactString = chars[i..stop].iter().collect();
        out.push(Phrase {
            start: i,
            end: stop,
            period: Period {
                text,
                from: from.and_then(Cal::render),
                to: to.and_then(Cal::render),
            },
            role: role(chars, start, i, stop, end),
        });
        i = stop;
    }
    out
}

fn role(chars: &[char], floor: usize, start: usize, stop: usize, end: usize) -> Role {
    let before = |w: &str| ends_with(chars, floor, start, w);
    if ["较", "較", "比", "与", "與", "跟", "同", "相较", "相較"]
        .iter()
        .any(|w| before(w))
    {
        return Role::Base;
    }
    let after = skip_spaces(chars, stop, end);
    if ["同期", "同月", "相比", "比较", "比較", "相較"]
        .iter()
        .any(|w| lit(chars, after, end, w).is_some())
    {
        return Role::Base;
    }
    if ["占", "佔", "完成"].iter().any(|w| before(w)) || in_brackets(chars, floor, start) {
        return Role::Ignored;
    }
    // `8月16日，记者从…获悉`, `10日电`: the date of the report, not of its figures.
    let mut k = after;
    while k < end && matches!(chars[k], ',' | '，' | ' ' | '\u{3000}') {
        k += 1;
    }
    let dateline = ["记者", "記者", "讯", "訊", "电", "電"]
        .iter()
        .any(|w| lit(chars, k, end, w).is_some());
    if dateline {
        return Role::Ignored;
    }
    Role::Governs
}

/// Whether `at` is inside an open bracket, quote or title mark of the sentence.
fn in_brackets(chars: &[char], floor: usize, at: usize) -> bool {
    let mut depth = 0i32;
    for &c in &chars[floor..at] {
        match c {
            '(' | '（' | '《' | '「' | '“' | '【' | '[' => depth += 1,
            ')' | '）' | '》' | '」' | '”' | '】' | ']' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// A phrase starting at `at`: its end and its two ends in the calendar (`None` = open).
type Found = (usize, Option<Cal>, Option<Cal>);

/// Words that state a period but no date.
const WORDS: &[&str] = &[
    "截至目前",
    "截止目前",
    "目前",
    "当月",
    "當月",
    "本月",
    "参考期内",
    "參考期內",
    "参考期內",
    "报告期内",
    "報告期內",
    "近年来",
    "近年來",
    "多年来",
    "多年來",
    "近几年来",
    "近幾年來",
    "年初以来",
    "年初以來",
    "年初至今",
];

fn phrase_at(chars: &[char], at: usize, end: usize) -> Option<Found> {
    if let Some(stop) = longest(chars, at, end, WORDS) {
        return Some((stop, None, None));
    }
    // 五年来, 近五年来; 未来5年, 今后三年: spans counted back or ahead from an unstated now.
    let n_from = lit(chars, at, end, "近").unwrap_or(at);
    if let Some((j, _)) = small(chars, n_from, end) {
        let j = skip_spaces(chars, j, end);
        if let Some(stop) =
            lit(chars, j, end, "年").and_then(|k| longest(chars, k, end, &["来", "來"]))
        {
            return Some((stop, None, None));
        }
    }
    if let Some(j) = longest(chars, at, end, &["未来", "未來", "今后", "今後"]) {
        let j = skip_spaces(chars, j, end);
        if let Some((k, _)) = small(chars, j, end) {
            let k = skip_spaces(chars, k, end);
            if let Some(stop) = longest(chars, k, end, &["年", "个月", "個月"]) {
                return Some((stop, None, None));
            }
        }
    }
    let (mut i, as_of, since) = if let Some(j) = longest(
        chars,
        at,
        end,
        &["截至到", "截止到", "截至", "截止", "直到", "到"],
    ) {
        (j, true, false)
    } else if let Some(j) = longest(chars, at, end, &["自", "从", "從"]) {
        (j, false, true)
    } else {
        (at, false, false)
    };
    i = skip_spaces(chars, i, end);
    let (mut stop, first) = core(chars, i, end)?;
    let mut span = first;
    let mut ranged = false;
    // 2018年12月至2020年底, 1月至3月, 2025年10月至12月: the second end takes the first's year.
    let sep = skip_spaces(chars, stop, end);
    if lit(chars, sep, end, "至今").is_none()
        && let Some(j) = longest(
            chars,
            sep,
            end,
            &["至", "到", "—", "-", "－", "–", "～", "~"],
        )
        && let Some((k, mut second)) = core(chars, skip_spaces(chars, j, end), end)
    {
        if second.to.year.is_none() && !is_relative(chars, skip_spaces(chars, j, end), end) {
            second.to.year = first.from.year.or(first.to.year);
        }
        span.to = second.to;
        stop = k;
        ranged = true;
    }
    let mut from = Some(span.from);
    let mut to = Some(span.to);
    if let Some(k) = longest(chars, stop, end, &["以来", "以來", "至今"]) {
        stop = k;
        to = None;
    } else if let Some(k) = lit(chars, stop, end, "起") {
        stop = k;
        to = None;
    } else if let Some(k) = longest(chars, stop, end, &["期间", "期間"]) {
        stop = k;
    } else if since && !ranged {
        // 从2020年 with no 起, 以来 or end is not read as a period here.
        return None;
    }
    if as_of || (span.moment && !ranged) {
        from = None;
    }
    if let Some(k) = lit(chars, stop, end, "前").filter(|_| span.moment) {
        stop = k;
    }
    Some((stop, from, to))
}

/// `脱贫攻坚期间`, `“十三五”期间`: a named stretch of time, read back to its clause's start.
fn named_period_at(chars: &[char], floor: usize, at: usize, end: usize) -> Option<Found> {
    let clause_start =
        at == floor || is_punct(chars[at - 1]) && !matches!(chars[at - 1], '“' | '‘');
    if !clause_start {
        return None;
    }
    let mut i = at;
    for w in ["在", "于", "於"] {
        if let Some(j) = lit(chars, i, end, w) {
            i = j;
        }
    }
    let limit = (i + 12).min(end);
    let mut k = i;
    while k < limit && (is_cjk(chars[k]) || matches!(chars[k], '“' | '”' | '‘' | '’')) {
        if let Some(stop) = longest(chars, k, end, &["期间", "期間", "时期", "時期"]) {
            return (k > i).then_some((stop, None, None));
        }
        k += 1;
    }
    None
}

/// A date or a span of the calendar at `at`, without prefixes and suffixes.
fn core(chars: &[char], at: usize, end: usize) -> Option<(usize, Span)> {
    if let Some((j, y)) = year4(chars, at, end) {
        let j = skip_spaces(chars, j, end);
        // 2005 - 06年度, 2012-2016年: a span of years.
        if let Some(k) = longest(chars, j, end, &["-", "－", "—", "–", "～", "~"]) {
            let k = skip_spaces(chars, k, end);
            let second = year4(chars, k, end).or_else(|| {
                two_digits(chars, k, end).map(|(s, yy)| {
                    let century = y - y.rem_euclid(100);
                    let mut y2 = century + yy;
                    if y2 < y {
                        y2 += 100;
                    }
                    (s, y2)
                })
            });
            if let Some((s, y2)) = second {
                let s = skip_spaces(chars, s, end);
                let stop = longest(chars, s, end, &["年度", "财年", "財年", "年"])?;
                return Some((
                    stop,
                    Span {
                        from: Cal::year(Some(y)),
                        to: Cal::year(Some(y2)),
                        moment: false,
                    },
                ));
            }
        }
        if let Some(k) = longest(chars, j, end, &["年度", "财年", "財年"]) {
            return Some((k, Span::whole(Cal::year(Some(y)))));
        }
        let k = lit(chars, j, end, "年")?;
        return Some(
            after_year(chars, k, end, Some(y)).unwrap_or((k, Span::whole(Cal::year(Some(y))))),
        );
    }
    // 民國111年: the years of the Republic of China count from 1912.
    if let Some(j) = longest(chars, at, end, &["民國", "民国"]) {
        let j = skip_spaces(chars, j, end);
        let digits = chars[j..end]
            .iter()
            .take_while(|&&c| digit(c).is_some())
            .count();
        let n: i32 = chars[j..j + digits]
            .iter()
            .filter_map(|&c| digit(c))
            .fold(0, |v, d| v * 10 + d as i32);
        if (1..=3).contains(&digits) && n > 0 {
            let y = Some(n + 1911);
            let k = lit(chars, skip_spaces(chars, j + digits, end), end, "年")?;
            return Some(after_year(chars, k, end, y).unwrap_or((k, Span::whole(Cal::year(y)))));
        }
    }
    if let Some(j) = longest(chars, at, end, &["今年", "本年", "去年", "明年"]) {
        return Some(after_year(chars, j, end, None).unwrap_or((j, Span::whole(Cal::year(None)))));
    }
    after_year(chars, at, end, None)
}

fn is_relative(chars: &[char], at: usize, end: usize) -> bool {
    longest(chars, at, end, &["今年", "本年", "去年", "明年"]).is_some()
}

/// What may follow a year (or stand alone with none): `底`, `全年`, `上半年`, `第一季度`,
/// `前三季度`, `前7个月`, `1-9月份`, `6月底`, `11月1日`.
fn after_year(chars: &[char], at: usize, end: usize, y: Option<i32>) -> Option<(usize, Span)> {
    let end_of_year = Span {
        from: Cal::month(y, 12),
        to: Cal::month(y, 12),
        moment: true,
    };
    if let Some(k) = longest(chars, at, end, &["年底", "年末"]) {
        return Some((k, end_of_year));
    }
    if y.is_some()
        && let Some(k) = longest(chars, at, end, &["底", "末"])
    {
        return Some((k, end_of_year));
    }
    if y.is_some()
        && let Some(k) = lit(chars, at, end, "初")
    {
        return Some((k, Span::whole(Cal::month(y, 1))));
    }
    if let Some(k) = lit(chars, at, end, "全年") {
        return Some((k, Span::whole(Cal::year(y))));
    }
    let months = |k: usize, a: u32, b: u32| {
        Some((
            k,
            Span {
                from: Cal::month(y, a),
                to: Cal::month(y, b),
                moment: false,
            },
        ))
    };
    if let Some(k) = lit(chars, at, end, "上半年") {
        return months(k, 1, 6);
    }
    if let Some(k) = lit(chars, at, end, "下半年") {
        return months(k, 7, 12);
    }
    // 第一季度, 一季度, 第4季, 首季, 三季度以来.
    let q_at = lit(chars, at, end, "第").unwrap_or(at);
    if let Some(k) = lit(chars, at, end, "首季") {
        return months(lit(chars, k, end, "度").unwrap_or(k), 1, 3);
    }
    if let Some((j, q)) = small(chars, q_at, end).filter(|&(_, q)| (1..=4).contains(&q))
        && let Some(k) = lit(chars, j, end, "季")
    {
        return months(lit(chars, k, end, "度").unwrap_or(k), 3 * q - 2, 3 * q);
    }
    // 前三季度, 前7个月, 首十個月.
    if let Some(j) = longest(chars, at, end, &["前", "首"]) {
        let (j, n) = small(chars, j, end)?;
        if (1..=4).contains(&n)
            && let Some(k) = lit(chars, j, end, "季")
        {
            return months(lit(chars, k, end, "度").unwrap_or(k), 1, 3 * n);
        }
        if (1..=12).contains(&n) {
            let k = longest(chars, j, end, &["个月", "個月"])?;
            return months(k, 1, n);
        }
        return None;
    }
    // 3月, 1-9月份, 6月底, 11月1日.
    let (j, m) = small(chars, at, end).filter(|&(_, m)| (1..=12).contains(&m))?;
    let j = skip_spaces(chars, j, end);
    if let Some(k) = longest(chars, j, end, &["-", "－", "—", "–", "～", "~", "至", "到"])
        && let Some((k, m2)) = small(chars, skip_spaces(chars, k, end), end)
        && (m..=12).contains(&m2)
        && let Some(k) = lit(chars, skip_spaces(chars, k, end), end, "月")
    {
        return months(lit(chars, k, end, "份").unwrap_or(k), m, m2);
    }
    let k = lit(chars, j, end, "月")?;
    let k = lit(chars, k, end, "份").unwrap_or(k);
    if let Some(e) = longest(chars, k, end, &["底", "末"]) {
        let point = Cal::month(y, m);
        return Some((
            e,
            Span {
                from: point,
                to: point,
                moment: true,
            },
        ));
    }
    if let Some((d_end, d)) = small(chars, k, end).filter(|&(_, d)| (1..=31).contains(&d))
        && let Some(e) = longest(chars, d_end, end, &["日", "号", "號"])
    {
        let day = Cal {
            year: y,
            month: Some(m),
            day: Some(d),
        };
        return Some((e, Span::whole(day)));
    }
    Some((k, Span::whole(Cal::month(y, m))))
}

/// A four-digit year, in Arabic digits or Chinese ones (`二〇二〇`).
fn year4(chars: &[char], at: usize, end: usize) -> Option<(usize, i32)> {
    if at + 4 > end {
        return None;
    }
    let mut y = 0;
    for &c in &chars[at..at + 4] {
        y = y * 10 + digit(c).or_else(|| cn_digit(c))? as i32;
    }
    let next_is_digit = chars.get(at + 4).is_some_and(|&c| digit(c).is_some()) && at + 4 < end;
    ((1900..=2100).contains(&y) && !next_is_digit).then_some((at + 4, y))
}

fn two_digits(chars: &[char], at: usize, end: usize) -> Option<(usize, i32)> {
    if at + 2 > end {
        return None;
    }
    let a = digit(chars[at])?;
    let b = digit(chars[at + 1])?;
    let next_is_digit = chars.get(at + 2).is_some_and(|&c| digit(c).is_some()) && at + 2 < end;
    (!next_is_digit).then_some((at + 2, (a * 10 + b) as i32))
}

/// A small count (months, days, quarters, years back): one or two Arabic digits, or a
/// Chinese numeral below one hundred (`十`, `十二`, `三十一`).
fn small(chars: &[char], at: usize, end: usize) -> Option<(usize, u32)> {
    let mut i = at;
    let mut v = 0;
    while i < end && i < at + 2 {
        let Some(d) = digit(chars[i]) else { break };
        v = v * 10 + d;
        i += 1;
    }
    if i > at {
        return (i == end || digit(chars[i]).is_none()).then_some((i, v));
    }
    let tens_digit = chars
        .get(at)
        .and_then(|&c| cn_digit(c))
        .filter(|_| at < end);
    let mut i = at;
    let mut v = 0;
    if let Some(d) = tens_digit {
        v = d;
        i += 1;
    }
    if i < end && chars[i] == '十' {
        v = if tens_digit.is_some() { v * 10 } else { 10 };
        i += 1;
        if let Some(d) = chars.get(i).and_then(|&c| cn_digit(c)).filter(|_| i < end) {
            v += d;
            i += 1;
        }
    }
    (i > at && v > 0).then_some((i, v))
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn cn_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|x| x == c)
        .or_else(|| (c == '零').then_some(0))
        .or_else(|| (c == '两' || c == '兩').then_some(2))
        .map(|p| p as u32)
}

/// A phrase may not start in the middle of a number (`12月` inside `2012月`, `二月`
/// inside `十二月`, `5年` inside `2.5年`).
fn starts_inside_number(chars: &[char], floor: usize, at: usize) -> bool {
    if at == floor {
        return false;
    }
    let prev = chars[at - 1];
    let numeric = |c: char| digit(c).is_some() || cn_digit(c).is_some() || c == '十';
    numeric(chars[at]) && (numeric(prev) || prev == '.' || prev.is_ascii_alphabetic())
}

fn lit(chars: &[char], at: usize, end: usize, w: &str) -> Option<usize> {
    let mut i = at;
    for c in w.chars() {
        if i >= end || chars[i] != c {
            return None;
        }
        i += 1;
    }
    Some(i)
}

fn longest(chars: &[char], at: usize, end: usize, words: &[&str]) -> Option<usize> {
    words.iter().filter_map(|w| lit(chars, at, end, w)).max()
}

fn ends_with(chars: &[char], floor: usize, at: usize, w: &str) -> bool {
    let n = w.chars().count();
    at >= floor + n && chars[at - n..at].iter().copied().eq(w.chars())
}

fn skip_spaces(chars: &[char], mut at: usize, end: usize) -> usize {
    while at < end && matches!(chars[at], ' ' | '\u{3000}') {
        at += 1;
    }
    at
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_punct(c: char) -> bool {
    "，。、；：？！,.;:?!…“”‘’\"'（）()《》【】·".contains(c) || c.is_whitespace()
}

#[cfg(test)]
mod tests;
