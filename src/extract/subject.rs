//! The subject of a figure: the phrase in its clause that names what it counts.
//!
//! Chinese reports mostly write `[verb] [what] [number][unit]` (开展项目829个,
//! 惠及困难群众363.6万人) or `[number][classifier] [what]` (为1533名贫困家庭学生). Without a
//! word segmenter we lean on small word lists: verbs that only introduce the object
//! (stripped), verbs that are part of what is counted (kept: 转移就业, 代缴…保险费), and
//! place words and adverbs that say nothing about it. A best effort on unseen text.

use super::units::{starts_with, unit_at};

/// Verbs that introduce what is counted and are not part of it.
const STRIP_VERBS: &[&str] = &[
    "实现",
    "开展",
    "惠及",
    "保障",
    "发放",
    "解决",
    "组织",
    "纳入",
    "增加",
    "达到",
    "铺设",
    "新建",
    "改扩建",
    "建设",
    "建成",
    "完成",
    "帮助",
    "引导",
    "推进",
    "落实",
    "打造",
    "创建",
    "提供",
    "安排",
    "支付",
    "拨付",
    "筹集",
    "资助",
    "办理",
    "改造提升",
    "改造",
    "提升",
    "带动",
    "吸纳",
    "安置",
    "参与",
    "覆盖",
    "涉及",
    "受益",
    "共有",
    "拥有",
    "设立",
    "建立",
    "扶持",
    "培育",
    "认定",
    "签订",
    "举办",
    "召开",
    "接待",
    "服务",
];

/// Verbs that belong to what is counted (转移就业 counts transfers into work).
const KEEP_VERBS: &[&str] = &[
    "转移",
    "代缴",
    "享受",
    "新增",
    "培训",
    "救助",
    "投入",
    "减少",
    "转移就业",
];

/// Words that qualify but do not name: places, adverbs, prepositions.
const NOISE: &[&str] = &[
    "我市",
    "全市",
    "本市",
    "我省",
    "全省",
    "全国",
    "我区",
    "全区",
    "我县",
    "全县",
    "各区县",
    "累计",
    "共计",
    "总计",
    "合计",
    "其中",
    "共",
    "已",
    "均",
    "并",
    "可",
    "积极",
    "全面",
    "大力",
    "先后",
    "进一步",
    "为",
    "对",
    "向",
    "给",
    "约",
    "达",
    "有",
    "是",
    "将",
    "了",
    "的",
    "到",
    "由",
    "从",
    "在",
    "把",
    "和",
    "及",
    "与",
    "同时",
    "此外",
    "另外",
    "还",
];

/// Trailing words of the phrase before a number that belong to the number, not the subject.
const TRAILING: &[&str] = &[
    "在",
    "达到了",
    "达到",
    "已达",
    "达",
    "均",
    "为",
    "约",
    "共",
    "的",
    "是",
    "有",
    "了",
    "已",
    "合计",
    "累计",
];

/// Words that end the phrase after a number (`1533名贫困家庭学生享受…`).
const AFTER_STOP: &[&str] = &[
    "享受",
    "办理",
    "纳入",
    "参与",
    "实现",
    "获得",
    "得到",
    "多种",
    "全覆盖",
    "开展",
    "代缴",
    "转移",
    "约",
    "約",
    "超过",
];

/// Verbs of a change from a base (`增长6.7%`, `下降0.4个百分点`).
const DELTA_VERBS: &[&str] = &[
    "增长", "下降", "提高", "增加", "减少", "降低", "上升", "回落", "扩大", "缩小", "上涨", "下跌",
];

/// Longest comparison + verb phrase looked at (`比上年末增长了` is 7).
const MAX_DELTA_CHARS: usize = 12;

/// Longest phrase read after a figure, in chars scanned: a counted noun is short, and
/// reading to the end of a long sentence for every figure would be quadratic.
const MAX_AFTER_CHARS: usize = 32;

/// Comparisons that may stand before a delta verb.
const COMPARISONS: &[&str] = &[
    "比上年末",
    "比上年",
    "比上月",
    "比去年",
    "较上年",
    "同比",
    "环比",
    "比",
    "较",
];

/// `比上年增长`, `同比下降`, `增长`: when the clause before a figure is only a comparison
/// and a change verb, the figure is a change, and this is its verb phrase.
pub fn delta_phrase(chars: &[char], start: usize) -> Option<String> {
    // A comparison and a verb are a few chars; looking further back would make a
    // sentence of many figures quadratic.
    let floor = start.saturating_sub(MAX_DELTA_CHARS);
    let mut s = start;
    while s > floor && !is_boundary(chars[s - 1]) {
        s -= 1;
    }
    let mut p: Vec<char> = chars[s..start]
        .iter()
        .copied()
        .filter(|c| !c.is_whitespace())
        .collect();
    while p.last().is_some_and(|&c| c == '了') {
        p.pop();
    }
    let verb = DELTA_VERBS.iter().find(|v| {
        let n = v.chars().count();
        p.len() >= n && p[p.len() - n..].iter().copied().eq(v.chars())
    })?;
    let head: String = p[..p.len() - verb.chars().count()].iter().collect();
    let base_ok = head.is_empty()
        || COMPARISONS.iter().any(|c| head.starts_with(c)) && head.chars().count() <= 8;
    base_ok.then(|| p.iter().collect())
}

/// Where a clause ends or starts.
fn is_boundary(c: char) -> bool {
    "，。、；：？！,;:?!…《》【】 　\n".contains(c)
}

/// Subject of a quantity at `span`, with `floor` the end of the previous quantity (or
/// the sentence start) and `ceil` the sentence end. `prefer_after` takes the noun after
/// the figure when there is one (ages: `0-17岁残疾儿童`).
pub fn subject(
    chars: &[char],
    span: (usize, usize),
    floor: usize,
    ceil: usize,
    prefer_after: bool,
) -> Option<String> {
    let (start, end) = span;
    let before = phrase_before(chars, start, floor);
    let after = phrase_after(chars, end, ceil);
    if prefer_after && after.is_some() {
        return after;
    }
    // 标准由A提高至B: what follows A is the change, not part of the subject.
    let change = start > 0 && matches!(chars[start - 1], '由' | '从' | '從');
    let s = match before {
        Some(b) if b.chars().count() > 2 || change => b,
        Some(b) => format!("{b}{}", after.unwrap_or_default()),
        None => after.unwrap_or_default(),
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn phrase_before(chars: &[char], start: usize, floor: usize) -> Option<String> {
    let mut s = start;
    while s > floor && !is_boundary(chars[s - 1]) {
        s -= 1;
    }
    let mut phrase: Vec<char> = without_notes(&chars[s..start]);
    // A change (`由A提高至B`) or rate is read as part of the number, not the subject.
    if let Some(p) = phrase
        .iter()
        .rposition(|&c| matches!(c, '由' | '从' | '從'))
    {
        phrase.truncate(p);
    }
    strip_trailing(&mut phrase);
    if only_filler(&phrase) {
        return None;
    }
    strip_leading_noise(&mut phrase);
    // 占…的63.15%: a share; keep 占 so the subject says "share of…".
    if phrase.first() == Some(&'占') {
        strip_trailing(&mut phrase);
        return Some(phrase.iter().collect());
    }
    let cut = cut_point(&phrase);
    let mut phrase = phrase.split_off(cut);
    strip_leading_noise(&mut phrase);
    strip_trailing(&mut phrase);
    (!phrase.is_empty()).then(|| phrase.iter().collect())
}

/// Where the counted phrase begins: after the last introducing verb that leaves at
/// least two chars, or at the last kept verb that has something after it.
fn cut_point(phrase: &[char]) -> usize {
    let mut cut = 0;
    for i in 0..phrase.len() {
        for v in STRIP_VERBS {
            let n = v.chars().count();
            if verb_at(phrase, i, v) && phrase.len() >= i + n + 2 && i + n > cut {
                cut = i + n;
            }
        }
        for v in KEEP_VERBS {
            let n = v.chars().count();
            if starts_with(phrase, i, v) && phrase.len() > i + n && i > cut {
                cut = i;
            }
        }
    }
    cut
}

/// Whether word `w` stands at `i` as a word: `增加` in `增加值` (value added) is part of
/// a noun, not a verb.
fn verb_at(p: &[char], i: usize, w: &str) -> bool {
    starts_with(p, i, w) && p.get(i + w.chars().count()) != Some(&'值')
}

/// The phrase without footnote marks (`总值[2]`), which say nothing about the subject.
fn without_notes(p: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(p.len());
    let mut i = 0;
    while i < p.len() {
        if matches!(p[i], '[' | '［' | '〔') {
            let close = (i + 1..p.len().min(i + 6)).find(|&j| matches!(p[j], ']' | '］' | '〕'));
            if let Some(j) = close.filter(|&j| p[i + 1..j].iter().all(char::is_ascii_digit)) {
                i = j + 1;
                continue;
            }
        }
        out.push(p[i]);
        i += 1;
    }
    out
}

/// Whether the phrase is nothing but introducing verbs and filler words (改造提升, 为).
fn only_filler(p: &[char]) -> bool {
    let mut i = 0;
    while i < p.len() {
        let hit = NOISE
            .iter()
            .chain(STRIP_VERBS)
            .filter(|w| verb_at(p, i, w))
            .map(|w| w.chars().count())
            .max();
        match hit {
            Some(n) => i += n,
            None => return false,
        }
    }
    true
}

fn strip_leading_noise(p: &mut Vec<char>) {
    loop {
        let hit = NOISE
            .iter()
            .chain(STRIP_VERBS)
            // Leave at least two chars: 覆盖率 is a noun, not 覆盖 + 率.
            .filter(|w| verb_at(p, 0, w) && p.len() >= w.chars().count() + 2)
            .max_by_key(|w| w.chars().count());
        match hit {
            Some(w) => {
                p.drain(..w.chars().count());
            }
            None => break,
        }
    }
}

fn strip_trailing(p: &mut Vec<char>) {
    loop {
        let hit = TRAILING.iter().chain(STRIP_VERBS).find(|w| {
            let n = w.chars().count();
            p.len() > n && p[p.len() - n..].iter().copied().eq(w.chars())
        });
        match hit {
            Some(w) => p.truncate(p.len() - w.chars().count()),
            None => break,
        }
    }
}

/// The noun right after a figure (`1533名` → `贫困家庭学生`), up to a clause boundary,
/// a verb that starts the predicate, or the next figure.
fn phrase_after(chars: &[char], end: usize, ceil: usize) -> Option<String> {
    let mut out = String::new();
    let mut i = end;
    let ceil = ceil.min(end + MAX_AFTER_CHARS);
    while i < ceil && !is_boundary(chars[i]) {
        if AFTER_STOP.iter().any(|w| starts_with(chars, i, w)) {
            break;
        }
        if chars[i].is_ascii_digit() {
            // `改造提升20处敬老院`: read past a count to the noun it counts.
            while i < ceil
                && (chars[i].is_ascii_digit()
                    || ".余多".contains(chars[i])
                    || super::numeral::is_numeral_char(chars[i]))
            {
                i += 1;
            }
            i += unit_at(chars, i).map_or(0, |u| u.written.chars().count());
            continue;
        }
        // 将近40%的村: the 的 links the figure to its noun.
        if !(out.is_empty() && chars[i] == '的') {
            out.push(chars[i]);
        }
        i += 1;
    }
    (!out.is_empty()).then_some(out)
}
