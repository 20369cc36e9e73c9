//! Display helpers shared by tables and the TUI: display width (a Chinese character is
//! two cells), padding and truncation that never split a character, wrapping CJK text by
//! width, and making control characters harmless.
//!
//! No terminal I/O here; must not import ratatui, crossterm or clap.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Width of one char as we draw it: control characters have been replaced by
/// [`sanitize`] before drawing, so they count as one cell.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(1)
}

/// Whether a char must not reach a terminal as it is: C0/C1 controls (escape sequences
/// start with one), DEL, and bidi controls that could reorder what the user reads.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Replaces each unsafe char by one visible, harmless char, keeping the char count, so
/// char positions (spans, match positions) stay valid: C0 controls become their control
/// pictures (ESC → ␛, newline → ␤), the rest become U+FFFD.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(sanitize_char).collect())
}

/// As [`sanitize`], but keeps newlines (for multi-line messages).
pub fn sanitize_keep_newlines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if c == '\n' { c } else { sanitize_char(c) })
            .collect(),
    )
}

pub fn sanitize_char(c: char) -> char {
    match c {
        '\n' => '\u{2424}',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        c if is_unsafe(c) => '\u{fffd}',
        c => c,
    }
}

/// Longest document or figure id, in chars.
pub const ID_MAX_CHARS: usize = 100;

/// Checks a document or figure id against the alphabet ids are written in: 1 to
/// [`ID_MAX_CHARS`] chars, each a letter or digit of any script, `-`, `_` or `.`. No
/// `:` (`DOC:f012` joins a document and a figure id), no space, control or bidi
/// character, so an id is safe to print and to type back as a flag. Kept here, with
/// the other rules for what may reach a terminal; the loader and `import --id` both
/// use it. `Err` says what is wrong, for a message that begins with the id's name.
pub fn check_id(id: &str) -> Result<(), String> {
    const ALPHABET: &str = "letters or digits (any script), `-`, `_` or `.`";
    let len = id.chars().count();
    if len == 0 {
        return Err(format!("is empty; an id is 1 to {ID_MAX_CHARS} {ALPHABET}"));
    }
    if len > ID_MAX_CHARS {
        return Err(format!(
            "is {len} characters long; an id is 1 to {ID_MAX_CHARS} {ALPHABET}"
        ));
    }
    match id
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        Some((i, c)) => Err(format!(
            "`{}` has {} at character {}; an id is 1 to {ID_MAX_CHARS} {ALPHABET}",
            sanitize(id),
            describe(c),
            i + 1
        )),
        None => Ok(()),
    }
}

/// A char named so that the name itself is harmless to print.
fn describe(c: char) -> String {
    if is_unsafe(c) || c.is_whitespace() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("`{c}`")
    }
}

/// Cuts `s` to at most `max` cells, ending in `…` when cut; never splits a character.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    Cow::Owned(out)
}

/// Left-aligns `s` in `w` cells (truncating when longer).
pub fn pad_right(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let fill = w.saturating_sub(width(&s));
    format!("{s}{}", " ".repeat(fill))
}

/// Right-aligns `s` in `w` cells (truncating when longer).
pub fn pad_left(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let fill = w.saturating_sub(width(&s));
    format!("{}{s}", " ".repeat(fill))
}

/// Splits `s` into lines of at most `max` cells, as char ranges into `s`. Breaks
/// anywhere between characters (Chinese has no spaces), preferring not to start a line
/// with closing punctuation. A zero width yields one line per char so callers never loop.
pub fn wrap(s: &str, max: usize) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<char> = s.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut w = 0;
    let max = max.max(2);
    for (i, &c) in chars.iter().enumerate() {
        let cw = char_width(c);
        if w + cw > max && i > start {
            // Keep a closing punctuation mark with the word before it when it fits in a
            // little overflow: move the break one char back instead.
            let mut brk = i;
            if is_closing(c) && i - start > 1 && char_width(chars[i - 1]) + cw <= max {
                brk = i - 1;
            }
            lines.push(start..brk);
            w = chars[brk..=i].iter().map(|&c| char_width(c)).sum();
            start = brk;
            continue;
        }
        w += cw;
    }
    if start < chars.len() || lines.is_empty() {
        lines.push(start..chars.len());
    }
    lines
}

fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』”’,.;:?!)".contains(c)
}

/// Whether `s` is only ASCII-width text, where byte and char offsets coincide.
pub fn is_narrow(s: &str) -> bool {
    s.width() == s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_chinese_as_two() {
        assert_eq!(width("养老"), 4);
        assert_eq!(width("4.83万人次"), 4 + 6);
        assert_eq!(width(""), 0);
    }

    #[test]
    fn truncates_without_splitting_characters() {
        assert_eq!(truncate("转移就业", 5), "转移…");
        assert_eq!(truncate("转移就业", 8), "转移就业");
        assert_eq!(truncate("转移就业", 1), "…");
        assert_eq!(pad_right("就业", 6), "就业  ");
        assert_eq!(pad_left("1,533", 7), "  1,533");
    }

    #[test]
    fn wraps_by_display_width() {
        let s = "实现贫困劳动力转移就业4.83万人次";
        let lines = wrap(s, 10);
        let chars: Vec<char> = s.chars().collect();
        let mut joined = String::new();
        for r in &lines {
            let line: String = chars[r.clone()].iter().collect();
            assert!(width(&line) <= 10, "{line:?} too wide");
            joined.push_str(&line);
        }
        assert_eq!(joined, s);
        assert!(lines.len() >= 3);
    }

    #[test]
    fn wrap_keeps_punctuation_off_line_starts() {
        let lines = wrap("一二三四，五六", 8);
        let chars: Vec<char> = "一二三四，五六".chars().collect();
        for r in &lines {
            assert_ne!(chars[r.start], '，');
        }
    }

    #[test]
    fn ids_are_letters_digits_dashes_underscores_and_dots() {
        for ok in ["f001", "2021-jinan", "济南_2021.v2", "Ünïcødé", "x"] {
            assert_eq!(check_id(ok), Ok(()), "{ok}");
        }
        assert_eq!(check_id(&"a".repeat(ID_MAX_CHARS)), Ok(()));
        for bad in [
            "",
            "DOC:f012",
            "a b",
            "a\u{1b}[31mb",
            "a\u{202e}b",
            "a/b",
            "a\u{7}",
        ] {
            let e = check_id(bad).expect_err(bad);
            assert!(!e.chars().any(is_unsafe), "{e:?}");
        }
        assert!(check_id(&"a".repeat(ID_MAX_CHARS + 1)).is_err());
        assert!(
            check_id("a\u{1b}b")
                .unwrap_err()
                .contains("U+001B at character 2")
        );
    }

    #[test]
    fn sanitize_keeps_char_count() {
        let s = "a\u{1b}[31m红\u{202e}x\n";
        let t = sanitize(s);
        assert_eq!(t.chars().count(), s.chars().count());
        assert!(!t.chars().any(is_unsafe));
        assert_eq!(sanitize("普通文本"), "普通文本");
    }
}
