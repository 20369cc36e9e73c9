//! A repaired view of a sentence for reading figures out of damaged text (PDF
//! extractions, pages for learners), with a map back to the original chars so every span
//! still points into the text as it was.
//!
//! Repairs: white space (line breaks included) between Chinese characters or digits is
//! dropped (`4.83\n万人次`, `3.02 亿元`); a pinyin gloss after a character is dropped
//! (`12.8萬(wàn)個(gè)`); an ideographic full stop between digits reads as a decimal point
//! (`8。6%`). Each is a guess, so figures whose text needed one carry a warning.

/// Chars to read figures from, and for each the index of the original char it stands for.
pub struct View {
    pub chars: Vec<char>,
    pub map: Vec<usize>,
}

impl View {
    /// The original span `[start, end)` for a view span.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self
            .map
            .get(start)
            .copied()
            .unwrap_or_else(|| self.map.last().map_or(0, |&m| m + 1));
        let e = if end == 0 { s } else { self.map[end - 1] + 1 };
        (s, e.max(s))
    }
}

/// Builds the repaired view of `chars[start..end]`.
pub fn view(chars: &[char], start: usize, end: usize) -> View {
    let mut out = View {
        chars: Vec::with_capacity(end - start),
        map: Vec::with_capacity(end - start),
    };
    let mut i = start;
    while i < end {
        let c = chars[i];
        if c.is_whitespace() || c == '\u{feff}' {
            let mut j = i;
            while j < end && (chars[j].is_whitespace() || chars[j] == '\u{feff}') {
                j += 1;
            }
            let prev = out.chars.last().copied();
            let next = chars.get(j).copied().filter(|_| j < end);
            // Keep spaces between Latin words and numbers (`G 20`, `COVID 19`), where
            // they separate rather than break.
            // Between two digits a space separates two numbers (`表3 2021年`,
            // `2022-06-18 08:15`); joining them would make one wrong value.
            let digits = prev.is_some_and(is_digit) && next.is_some_and(is_digit);
            if digits || !(prev.is_some_and(joins) && next.is_some_and(joins)) {
                out.chars.push(' ');
                out.map.push(i);
            }
            i = j;
            continue;
        }
        if let Some(len) = gloss_len(chars, i, end)
            && out.chars.last().is_some_and(|&p| is_cjk(p))
        {
            i += len;
            continue;
        }
        let c = if c == '。' && is_decimal_stop(chars, i, end) {
            '.'
        } else {
            c
        };
        out.chars.push(c);
        out.map.push(i);
        i += 1;
    }
    out
}

/// Whether the `。` at `i` is a damaged decimal point: `8。6%`, `12。5万`, not `图1。2012`.
/// Only short digit runs on both sides, followed by a percent sign or scale word, count.
pub fn is_decimal_stop(chars: &[char], i: usize, end: usize) -> bool {
    let mut b = i;
    while b > 0 && chars[b - 1].is_ascii_digit() && i - b < 5 {
        b -= 1;
    }
    let before_ok =
        b < i && i - b <= 4 && !(b > 0 && (chars[b - 1].is_ascii_digit() || chars[b - 1] == '.'));
    let mut a = i + 1;
    while a < end && chars[a].is_ascii_digit() && a - i <= 4 {
        a += 1;
    }
    let after_ok = a > i + 1 && a - i <= 4 && a < end && "%％万亿个".contains(chars[a]);
    before_ok && after_ok
}

/// Chars across which a break is damage, not a separator.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn joins(c: char) -> bool {
    is_cjk(c)
        || c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || c == '.'
        || c == '%'
        || c == '％'
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}' | '〇')
}

/// Length of a pinyin gloss `(wàn)` / `（gè）` at `i`: Latin letters with or without
/// tone marks, at most 8, in parentheses.
fn gloss_len(chars: &[char], i: usize, end: usize) -> Option<usize> {
    let close = match chars[i] {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let mut j = i + 1;
    while j < end && j < i + 10 && is_pinyin_letter(chars[j]) {
        j += 1;
    }
    (j > i + 1 && j < end && chars[j] == close).then_some(j + 1 - i)
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Why a figure's original text needed a repair, if it did.
pub fn repair_warning(original: &[char]) -> Option<&'static str> {
    let inner = original
        .iter()
        .skip(1)
        .take(original.len().saturating_sub(2));
    let mut warning = None;
    for (k, &c) in inner.enumerate() {
        if c.is_whitespace() {
            warning = Some("white space inside the figure was joined (damaged text?)");
        } else if c == '。' {
            return Some("an ideographic full stop was read as a decimal point (damaged text?)");
        } else if (c == '(' || c == '（') && gloss_len(original, k + 1, original.len()).is_some() {
            warning = Some("a pinyin gloss inside the figure was skipped");
        }
    }
    warning
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        view(&chars, 0, chars.len()).chars.into_iter().collect()
    }

    #[test]
    fn repairs_damage_and_maps_back() {
        assert_eq!(clean("就业4.83\n万人次"), "就业4.83万人次");
        assert_eq!(clean("投入 3.02 亿元"), "投入3.02亿元");
        assert_eq!(clean("12.8萬(wàn)個(gè)"), "12.8萬個");
        assert_eq!(clean("增长8。6%"), "增长8.6%");
        assert_eq!(clean("COVID 19 and G 20"), "COVID 19 and G 20");
        assert_eq!(clean("第一句。6月"), "第一句。6月");
        let chars: Vec<char> = "a 4.83\n万人".chars().collect();
        let v = view(&chars, 0, chars.len());
        let at = v.chars.iter().position(|&c| c == '万').unwrap();
        assert_eq!(chars[v.map[at]], '万');
        assert_eq!(v.original(2, v.chars.len()), (2, chars.len()));
    }
}
