//! Building styled lines from dataset text: per-character styles (so highlights are
//! CJK-safe), wrapping by display width with spans carried across line breaks, cutting
//! to a width without splitting a character, and clearing overlay areas so no half of a
//! wide character is left at their edges.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::text;

/// Groups consecutive chars of equal style into spans.
pub fn spans<'a>(chars: &[char], style_of: impl Fn(usize) -> Style) -> Vec<Span<'a>> {
    let mut out: Vec<Span<'a>> = Vec::new();
    let mut cur = String::new();
    let mut cur_style = None;
    for (i, &c) in chars.iter().enumerate() {
        let s = style_of(i);
        if cur_style != Some(s) {
            if let Some(prev) = cur_style {
                out.push(Span::styled(std::mem::take(&mut cur), prev));
            }
            cur_style = Some(s);
        }
        cur.push(c);
    }
    if let Some(prev) = cur_style {
        out.push(Span::styled(cur, prev));
    }
    out
}

/// Wraps `s` (sanitized here) to `width` cells; `style_of` gets the char index in `s`,
/// so a highlight that spans a line break stays highlighted on both lines.
pub fn wrapped<'a>(s: &str, width: usize, style_of: impl Fn(usize) -> Style) -> Vec<Line<'a>> {
    let clean = text::sanitize(s);
    let chars: Vec<char> = clean.chars().collect();
    text::wrap(&clean, width)
        .into_iter()
        .map(|r| {
            let start = r.start;
            Line::from(spans(&chars[r], |i| style_of(start + i)))
        })
        .collect()
}

/// One line of `s` (sanitized) cut to `max` cells with `…`, styling chars at
/// `positions` with `hit` over `base`. When `from` > 0 the line starts there with `…`.
pub fn cut<'a>(
    s: &str,
    max: usize,
    from: usize,
    positions: &[usize],
    base: Style,
    hit: Style,
) -> Vec<Span<'a>> {
    if max == 0 {
        return Vec::new();
    }
    let clean = text::sanitize(s);
    let all: Vec<char> = clean.chars().collect();
    let from = from.min(all.len());
    let mut shown: Vec<(char, Style)> = Vec::new();
    let mut budget = max;
    if from > 0 {
        shown.push(('…', base));
        budget -= 1;
    }
    let mut w = 0;
    for (i, &c) in all.iter().enumerate().skip(from) {
        let cw = text::char_width(c);
        let rest = all.len() - i - 1;
        // Keep a cell for the ellipsis unless this is the last char.
        let need = if rest > 0 { cw + 1 } else { cw };
        if w + need > budget {
            if budget > w {
                shown.push(('…', base));
            }
            break;
        }
        let style = if positions.contains(&i) {
            base.patch(hit)
        } else {
            base
        };
        shown.push((c, style));
        w += cw;
    }
    let chars: Vec<char> = shown.iter().map(|(c, _)| *c).collect();
    spans(&chars, |i| shown[i].1)
}

/// Pads (or cuts) `s` to exactly `w` cells, left-aligned, as one styled span.
pub fn cell<'a>(s: &str, w: usize, style: Style) -> Span<'a> {
    Span::styled(text::pad_right(&text::sanitize(s), w), style)
}

/// Right-aligned variant of [`cell`].
pub fn cell_right<'a>(s: &str, w: usize, style: Style) -> Span<'a> {
    Span::styled(text::pad_left(&text::sanitize(s), w), style)
}

/// Clears `area` for an overlay. A wide character just left of the area would have its
/// right half under the overlay's border; it is blanked so no half character shows.
pub fn clear_overlay(area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    Clear.render(area, buf);
    if area.x > buf.area.x {
        for y in area.top()..area.bottom() {
            let left = &mut buf[(area.x - 1, y)];
            if text::width(left.symbol()) > 1 {
                left.set_symbol(" ");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn cut_highlights_by_char_and_never_exceeds_width() {
        let hit = Style::new().add_modifier(Modifier::BOLD);
        let spans = cut("为1533名贫困家庭学生", 10, 0, &[1, 2], Style::new(), hit);
        let line = Line::from(spans.clone());
        assert!(line.width() <= 10, "{line:?}");
        assert_eq!(spans[1].content, "15");
        assert_eq!(spans[1].style, hit);
        assert!(line.to_string().ends_with('…'));
    }

    #[test]
    fn wrapped_carries_highlight_across_breaks() {
        let s = "实现贫困劳动力转移就业4.83万人次";
        let hl = Style::new().add_modifier(Modifier::REVERSED);
        let lines = wrapped(s, 12, |i| {
            if (11..18).contains(&i) {
                hl
            } else {
                Style::new()
            }
        });
        let highlighted: String = lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|sp| sp.style == hl)
            .map(|sp| sp.content.as_ref())
            .collect();
        assert_eq!(highlighted, "4.83万人次");
        assert!(lines.len() >= 2);
        for l in &lines {
            assert!(l.width() <= 12);
        }
    }
}
