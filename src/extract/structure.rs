//! Text → paragraphs, headlines, sections and sentences, all as char spans.
//!
//! A headline is a short line without sentence-final punctuation; everything before the
//! first headline is the lead (section 0). Sentences end at 。！？ and …… (and at ASCII
//! `!` `?`, and `.` followed by a space or the end of the line, where the text uses them).

use crate::model::{Section, Sentence};

/// Longest line, in chars, still taken for a headline.
pub const HEADLINE_MAX_CHARS: usize = 40;

/// Sections and sentences of a text, indexed as in the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    pub sections: Vec<Section>,
    pub sentences: Vec<Sentence>,
}

/// Splits `chars` (the whole document) into sections and sentences.
pub fn split(chars: &[char]) -> Structure {
    let mut sections = vec![Section::lead()];
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut paragraph = 0;
    // A paragraph whose last line did not end a sentence: in text extracted from PDF,
    // lines break anywhere, so such a line runs on into the next one.
    let mut open: Option<usize> = None;
    let mut after_break = true;
    let spans: Vec<(usize, usize)> = lines(chars)
        .into_iter()
        .filter_map(|(s, e)| trim(chars, s, e))
        .collect();
    for (k, &(start, end)) in spans.iter().enumerate() {
        let line = &chars[start..end];
        let next = spans.get(k + 1).map(|&(s, _)| chars[s]);
        // `4.` + `83万人次` on the next line: a number cut by the break, not a full stop.
        let cut_decimal = line.len() >= 2
            && line[line.len() - 1] == '.'
            && line[line.len() - 2].is_ascii_digit()
            && next.is_some_and(|c| c.is_ascii_digit());
        let ends_sentence =
            !cut_decimal && line.last().is_some_and(|&c| is_final(c) || is_closing(c));
        let runs_on = !ends_sentence
            && (is_long(line) || line.last().is_some_and(|&l| broken_between(l, next)));
        if open.is_none() && after_break && !runs_on && is_headline(line) {
            close_section(&mut sections, start, sentences.len());
            sections.push(Section {
                index: sections.len(),
                headline: Some(chars[start..end].iter().collect()),
                start,
                end: start,
                first_sentence: sentences.len(),
                last_sentence: sentences.len(),
            });
            push_sentence(
                &mut sentences,
                chars,
                &sections,
                paragraph,
                true,
                start,
                end,
            );
            paragraph += 1;
            after_break = true;
            continue;
        }
        let para_start = *open.get_or_insert(start);
        if !runs_on {
            for (s, e) in sentence_spans(chars, para_start, end) {
                push_sentence(&mut sentences, chars, &sections, paragraph, false, s, e);
            }
            paragraph += 1;
            open = None;
            after_break = ends_sentence;
        }
    }
    if let Some(para_start) = open {
        let end = trim(chars, para_start, chars.len()).map_or(para_start, |s| s.1);
        for (s, e) in sentence_spans(chars, para_start, end) {
            push_sentence(&mut sentences, chars, &sections, paragraph, false, s, e);
        }
    }
    close_section(&mut sections, chars.len(), sentences.len());
    Structure {
        sections,
        sentences,
    }
}

pub(crate) fn close_section(sections: &mut [Section], end: usize, sentence_count: usize) {
    if let Some(last) = sections.last_mut() {
        last.end = end;
        last.last_sentence = sentence_count;
    }
}

fn push_sentence(
    sentences: &mut Vec<Sentence>,
    chars: &[char],
    sections: &[Section],
    paragraph: usize,
    headline: bool,
    start: usize,
    end: usize,
) {
    sentences.push(Sentence {
        index: sentences.len(),
        section: sections.len() - 1,
        paragraph,
        headline,
        start,
        end,
        text: chars[start..end].iter().collect(),
    });
}

/// Line spans (without the newline).
fn lines(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out
}

/// The span without leading and trailing white space (ASCII and ideographic), or `None`
/// when nothing is left.
pub(crate) fn trim(chars: &[char], mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    while start < end && is_space(chars[start]) {
        start += 1;
    }
    while end > start && is_space(chars[end - 1]) {
        end -= 1;
    }
    (start < end).then_some((start, end))
}

/// White space, and the BOM and CR that files from other systems carry.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Sentence-final punctuation that makes a line a paragraph rather than a headline.
pub(crate) fn is_final(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '…' | '；' | ';' | '.' | '，' | ',' | '：' | ':'
    )
}

/// Closing quotes and brackets, which may follow the final punctuation of a sentence.
pub(crate) fn is_closing(c: char) -> bool {
    "”’」』）)》】\"'".contains(c)
}

/// Whether a line break between `last` and `next` cuts a number or a clause: a line
/// never starts with a comma, a unit after a digit, or the rest of a number.
pub(crate) fn broken_between(last: char, next: Option<char>) -> bool {
    let Some(next) = next else { return false };
    if "，、；：,;:%％".contains(next) {
        return true;
    }
    let numeric_end = last.is_ascii_digit() || last == '.' || super::numeral::is_numeral_char(last);
    numeric_end
        && (next.is_ascii_digit()
            || "万亿千百十元人户个%％.".contains(next)
            || super::units::unit_at(&[next], 0).is_some())
}

/// A line too long to be a headline: if it does not end a sentence, it runs on.
pub(crate) fn is_long(line: &[char]) -> bool {
    line.len() > HEADLINE_MAX_CHARS
}

pub(crate) fn is_headline(line: &[char]) -> bool {
    // A headline may end with a closing quote or bracket, so look at the last char that
    // is not one.
    let last = line
        .iter()
        .rev()
        .find(|c| !"”’」』）)》】\"'".contains(**c));
    line.len() <= HEADLINE_MAX_CHARS
        && last.is_some_and(|&c| !is_final(c))
        && sentence_spans(line, 0, line.len()).len() == 1
}

/// Longest sentence kept whole. Text without stops (a scraped table, a run-on PDF line)
/// would otherwise make one sentence of megabytes, which every figure of it quotes.
pub const MAX_SENTENCE_CHARS: usize = 300;

/// Sentence spans within one line `[start, end)`, none longer than
/// [`MAX_SENTENCE_CHARS`].
pub(crate) fn sentence_spans(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (s, e) in stop_spans(chars, start, end) {
        split_long(chars, s, e, &mut out);
    }
    out
}

/// Cuts an over-long sentence at clause marks (，；、：), or where none is near, where
/// neither side is part of a number and no unit follows.
fn split_long(chars: &[char], mut s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    while e - s > MAX_SENTENCE_CHARS {
        let limit = s + MAX_SENTENCE_CHARS;
        let soft = (s + MAX_SENTENCE_CHARS / 2..limit)
            .rev()
            .find(|&i| "，,；;、：:".contains(chars[i - 1]));
        // Best between two words; else just before a number, after its predecessor's
        // unit (`…99人|100人`); else after the run of number chars the limit falls in,
        // so a megabyte of digits stays one (flagged) numeral rather than thousands.
        let hard = || {
            let free =
                |i: usize| !in_figure(chars[i - 1]) && super::units::unit_at(chars, i).is_none();
            let window = || (limit - 32..=limit).rev();
            window()
                .find(|&i| free(i) && !in_figure(chars[i]))
                .or_else(|| window().find(|&i| free(i)))
                .unwrap_or_else(|| (limit..e).find(|&i| !in_figure(chars[i])).unwrap_or(e))
        };
        let cut = soft.unwrap_or_else(hard);
        if let Some(span) = trim(chars, s, cut) {
            out.push(span);
        }
        s = cut;
    }
    if let Some(span) = trim(chars, s, e) {
        out.push(span);
    }
}

/// Chars a figure can be made of, which a forced cut must not separate.
fn in_figure(c: char) -> bool {
    c.is_ascii_digit() || ".,%％".contains(c) || super::numeral::is_numeral_char(c)
}

/// Spans between sentence stops within one line `[start, end)`.
fn stop_spans(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = start;
    let mut i = start;
    while i < end {
        let c = chars[i];
        let stop = match c {
            // `8。6%`: an ideographic full stop between digits is a damaged decimal point.
            '。' if super::repair::is_decimal_stop(chars, i, end) => None,
            '。' | '！' | '？' | '!' | '?' => Some(i + 1),
            '…' => {
                // `……` (or a lone `…`) ends a sentence; swallow the whole run.
                let mut j = i;
                while j < end && chars[j] == '…' {
                    j += 1;
                }
                Some(j)
            }
            '.' if is_ascii_full_stop(chars, i, end) => {
                let mut j = i;
                while j < end && chars[j] == '.' {
                    j += 1;
                }
                Some(j)
            }
            _ => None,
        };
        if let Some(mut j) = stop {
            // Closing quotes and brackets after the stop belong to the sentence.
            while j < end && "”’」』）)》】\"'".contains(chars[j]) {
                j += 1;
            }
            if let Some(span) = trim(chars, s, j) {
                out.push(span);
            }
            s = j;
            i = j;
        } else {
            i += 1;
        }
    }
    if let Some(span) = trim(chars, s, end) {
        out.push(span);
    }
    out
}

/// An ASCII `.` ends a sentence when it is not a decimal point: not between digits, and
/// followed by white space, a closing mark, or the end of the line.
fn is_ascii_full_stop(chars: &[char], i: usize, end: usize) -> bool {
    let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
    let next = chars.get(i + 1).filter(|_| i + 1 < end);
    let after_digit = next.is_some_and(char::is_ascii_digit);
    if before_digit && after_digit {
        return false;
    }
    // `1,526. 11万元`, `4.` + line break + `83万`: a damaged number, not a full stop.
    if before_digit {
        let mut j = i + 1;
        while j < end && chars[j].is_whitespace() {
            j += 1;
        }
        if j > i + 1 && j < end && chars[j].is_ascii_digit() {
            return false;
        }
    }
    match next {
        None => true,
        Some(&n) => n.is_whitespace() || n == '.' || "”’」』）)》】\"'".contains(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        split(&chars)
            .sentences
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn splits_sentences_at_chinese_and_ascii_stops() {
        assert_eq!(
            texts("甲。乙！丙？丁……戊\n"),
            vec!["甲。", "乙！", "丙？", "丁……", "戊"]
        );
        assert_eq!(
            texts("他说：“好。”然后走了。"),
            vec!["他说：“好。”", "然后走了。"]
        );
        assert_eq!(texts("增长6.1%. Next one"), vec!["增长6.1%.", "Next one"]);
    }

    #[test]
    fn finds_headlines_and_sections() {
        let s = "导语第一句。导语第二句。\n标题一 4.83万人次\n正文一。\n标题二\n正文二。正文三。\n";
        let chars: Vec<char> = s.chars().collect();
        let st = split(&chars);
        assert_eq!(st.sections.len(), 3);
        assert_eq!(st.sections[0].headline, None);
        assert_eq!(
            st.sections[1].headline.as_deref(),
            Some("标题一 4.83万人次")
        );
        assert_eq!(st.sections[2].headline.as_deref(), Some("标题二"));
        assert_eq!(
            (st.sections[2].first_sentence, st.sections[2].last_sentence),
            (4, 7)
        );
        assert!(st.sentences[2].headline);
        assert_eq!(st.sentences[6].section, 2);
        for sen in &st.sentences {
            let t: String = chars[sen.start..sen.end].iter().collect();
            assert_eq!(t, sen.text);
        }
    }

    #[test]
    fn long_or_punctuated_lines_are_not_headlines() {
        assert!(!is_headline(
            &"这一行以句号结尾。".chars().collect::<Vec<_>>()
        ));
        assert!(!is_headline(&"长".repeat(41).chars().collect::<Vec<_>>()));
        assert!(is_headline(
            &"全市农村自来水普及率已达98%".chars().collect::<Vec<_>>()
        ));
        assert!(is_headline(&"“十四五”规划".chars().collect::<Vec<_>>()));
    }

    #[test]
    fn broken_lines_run_on_into_one_paragraph() {
        // A PDF extraction: lines cut mid-sentence, even inside a number.
        let s = "近年来，我市聚焦就业创业扶贫、职业技能扶贫、社保兜底扶贫，实现贫困劳动力转移就业4.83\n万人次，开展职业技能培训943人次。\n短标题\n正文。";
        let chars: Vec<char> = s.chars().collect();
        let st = split(&chars);
        assert_eq!(st.sentences.len(), 3);
        assert!(st.sentences[0].text.contains("4.83\n万人次"));
        assert_eq!(st.sections.len(), 2);
        assert_eq!(st.sections[1].headline.as_deref(), Some("短标题"));
    }

    #[test]
    fn a_short_line_after_an_unfinished_one_is_no_headline() {
        let s = "这是一段很长的文字，它在这里被截断了，没有句号，因为它来自一个PDF文件的提取结果，所以\n继续这一句。";
        let chars: Vec<char> = s.chars().collect();
        let st = split(&chars);
        assert_eq!(st.sections.len(), 1);
        assert_eq!(st.sentences.len(), 1);
    }

    #[test]
    fn over_long_sentences_are_cut_at_clause_marks_not_inside_figures() {
        let s: String = (0..400)
            .flat_map(|i| format!("{i}人").chars().collect::<Vec<_>>())
            .collect();
        let chars: Vec<char> = s.chars().collect();
        let st = split(&chars);
        assert!(st.sentences.len() > 1);
        let mut joined = String::new();
        for sen in &st.sentences {
            assert!(sen.end - sen.start <= MAX_SENTENCE_CHARS);
            assert!(
                !sen.text.starts_with('人'),
                "cut inside a figure: {}",
                sen.text
            );
            assert!(
                sen.text.ends_with('人'),
                "cut inside a figure: {}",
                sen.text
            );
            joined.push_str(&sen.text);
        }
        assert_eq!(joined, s);
        let clauses = format!("{}。", vec!["开展项目829个"; 60].join("，"));
        let chars: Vec<char> = clauses.chars().collect();
        for sen in split(&chars).sentences {
            assert!(
                sen.text.ends_with('，') || sen.text.ends_with('。'),
                "{}",
                sen.text
            );
        }
    }

    #[test]
    fn empty_and_blank_text() {
        let st = split(&[]);
        assert_eq!(st.sections.len(), 1);
        assert!(st.sentences.is_empty());
        let chars: Vec<char> = " \n\u{3000}\n".chars().collect();
        assert!(split(&chars).sentences.is_empty());
    }
}
