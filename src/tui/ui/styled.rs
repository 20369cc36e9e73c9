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

    /// Every pane of the explorer, on datasets with an escape sequence in every string
    /// field (meta title and publisher, headline, sentence, figure text, subject,
    /// `exact`, `date`, unit, rate, change verb, warnings), draws no unsafe char.
    #[test]
    fn no_dataset_string_reaches_the_screen_raw() {
        use crate::model::{Kind, Meta};
        use crate::tui::action::Action;
        use crate::tui::app::App;
        use crate::tui::theme::Theme;
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;

        const EVIL: &str = "\u{1b}]0;T\u{7}\u{1b}[31m\u{9b}2J\u{202e}";
        let doc = |id: &str| {
            let text =
                format!("导语{EVIL}，投资约37亿元。\n标题{EVIL}\n转移就业4.83万人次{EVIL}。\n");
            let meta = Meta {
                title: Some(format!("title{EVIL}")),
                publisher: Some(format!("publisher{EVIL}")),
                ..Meta::default()
            };
            let mut d = crate::extract::document(id, meta, text);
            for s in &mut d.sections {
                if let Some(h) = &mut s.headline {
                    h.push_str(EVIL);
                }
            }
            for f in &mut d.figures {
                f.exact = Some(format!("1{EVIL}").into());
                f.unit = Some(format!("元{EVIL}").into());
                f.subject = Some(format!("投资{EVIL}").into());
                f.rate = Some(format!("每年{EVIL}").into());
                f.date = Some(format!("2021{EVIL}").into());
                f.warnings = vec![format!("w{EVIL}")];
            }
            d.figures[0].kind = Kind::Date;
            d
        };
        let index = crate::index::Index::new(vec![doc("a"), doc("b")]);
        let mut app = App::new(index, Theme::COLOR);
        app.update(Action::Resize {
            width: 120,
            height: 40,
        });
        let mut screens = Vec::new();
        let mut draw = |app: &App| {
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            t.draw(|f| crate::tui::ui::render(app, f)).unwrap();
            screens.push(t.backend().to_string());
        };
        draw(&app);
        app.update(Action::Down);
        draw(&app);
        app.update(Action::OpenSearch);
        for c in "投资".chars() {
            app.update(Action::Insert(c));
        }
        draw(&app);
        let all = screens.concat();
        let raw: Vec<char> = all
            .chars()
            .filter(|&c| c != '\n' && text::is_unsafe(c))
            .collect();
        assert!(raw.is_empty(), "{raw:?}");
        assert!(all.contains('␛'), "the fields were not drawn at all");
    }
}
