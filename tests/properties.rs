//! Properties checked on generated input (proptest, 256 cases each so `cargo test`
//! stays quick on two cores): numerals read back what was written, spans always cut
//! their own text out of the source, extractor output always loads back, and no
//! sequence of explorer actions leaves a selection that panics when drawn.

use std::path::Path;

use proptest::prelude::*;

use pa_explorer::dataset;
use pa_explorer::extract::{self, Decimal, numeral};
use pa_explorer::index::Index;
use pa_explorer::model::{Dataset, Meta, SCHEMA_VERSION};
use pa_explorer::tui::action::Action;
use pa_explorer::tui::app::App;
use pa_explorer::tui::theme::Theme;
use pa_explorer::tui::ui;

/// The test-only writer of Chinese numerals, shared with the unit tests of `numeral`.
#[path = "../src/extract/numeral/writer.rs"]
mod writer;
use pa_explorer::tui::worker::Engine;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// An independent writer of strict Chinese numerals (below 10^16), so that a mistake
/// shared by `numeral::to_chinese` and the parser cannot hide.
fn chinese(n: u64) -> String {
    assert!(n < 10_000_000_000_000_000);
    if n == 0 {
        return "零".into();
    }
    let groups = [
        (n / 100_000_000 / 10_000, '万'),
        (n / 100_000_000 % 10_000, '亿'),
        (n / 10_000 % 10_000, '万'),
        (n % 10_000, ' '),
    ];
    let mut out = String::new();
    let mut zero = false;
    for (i, (g, unit)) in groups.into_iter().enumerate() {
        if g == 0 {
            zero |= !out.is_empty();
            // 一万亿: 万 of the 亿 group stands alone; 亿 must still follow.
            if i == 1 && !out.is_empty() {
                out.push('亿');
            }
            continue;
        }
        if !out.is_empty() && (zero || g < 1000) {
            out.push('零');
        }
        zero = false;
        four(g, &mut out);
        if unit != ' ' {
            out.push(unit);
        }
    }
    out
}

/// One group of four digits, with 零 for inner zeros; 十 alone at the very start (十五).
fn four(g: u64, out: &mut String) {
    let digits = [g / 1000, g / 100 % 10, g / 10 % 10, g % 10];
    let units = ['千', '百', '十', ' '];
    let mut started = false;
    let mut zero = false;
    for (d, u) in digits.into_iter().zip(units) {
        if d == 0 {
            zero |= started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(u == '十' && d == 1 && !started && out.is_empty()) {
            out.push(DIGITS[d as usize]);
        }
        if u != ' ' {
            out.push(u);
        }
        started = true;
    }
}

#[test]
fn the_test_writer_is_right() {
    for (n, s) in [
        (0, "零"),
        (15, "十五"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (10_001, "一万零一"),
        (10_010_001, "一千零一万零一"),
        (100_000_000, "一亿"),
        (100_000_001, "一亿零一"),
        (1_000_000_000_000, "一万亿"),
        (1_000_100_000_000, "一万零一亿"),
    ] {
        assert_eq!(chinese(n), s, "{n}");
    }
}

fn value(s: &str) -> Option<String> {
    numeral::parse_number(s).map(|d| d.to_string())
}

/// Numbers spread over every order of magnitude, with runs of zeros.
fn numbers() -> impl Strategy<Value = u64> {
    prop_oneof![
        0u64..10_000,
        (0u32..16, 1u64..10_000)
            .prop_map(|(e, m)| m.saturating_mul(10u64.pow(e)) % 10_000_000_000_000_000),
        0u64..10_000_000_000_000_000,
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn chinese_numerals_read_back(n in numbers()) {
        prop_assert_eq!(value(&chinese(n)), Some(n.to_string()), "{}", chinese(n));
        prop_assert_eq!(value(&writer::to_chinese(n)), Some(n.to_string()), "{}", writer::to_chinese(n));
    }

    #[test]
    fn scaled_arabic_numerals_read_back(n in 0u64..10_000_000_000_000, wan in any::<bool>()) {
        let (scale, word) = if wan { (10_000u64, "万") } else { (100_000_000, "亿") };
        let written = format!("{}.{:0width$}{word}", n / scale, n % scale, width = if wan { 4 } else { 8 });
        prop_assert_eq!(value(&written), Some(n.to_string()), "{}", written);
        let grouped = Decimal::from_u64(n).grouped().replace(',', "");
        prop_assert_eq!(value(&grouped), Some(n.to_string()));
    }
}

/// Realistic report text: fragments of qualifiers, numerals, units, punctuation, line
/// breaks (LF and CRLF), BOMs, controls and random CJK.
fn report_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("约".to_string()),
        Just("余".to_string()),
        Just("万".to_string()),
        Just("亿元".to_string()),
        Just("人次".to_string()),
        Just("%".to_string()),
        Just("0-17岁".to_string()),
        Just("，".to_string()),
        Just("。".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("由".to_string()),
        Just("提高至".to_string()),
        Just("以上".to_string()),
        Just("百分之".to_string()),
        Just("个百分点".to_string()),
        Just("年".to_string()),
        Just("第".to_string()),
        Just(" ".to_string()),
        Just("(wàn)".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("．".to_string()),
        Just(".".to_string()),
        "[0-9]{1,6}",
        "[0-9]{1,3}\\.[0-9]{1,3}",
        "[零一二三四五六七八九十百千万亿两壹贰拾佰仟]{1,6}",
        "[\u{4e00}-\u{9fa5}]{1,4}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(fragment, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn spans_cut_their_text_out_of_the_source(text in report_text()) {
        let ex = extract::extract(&text);
        let chars: Vec<char> = text.chars().collect();
        for s in &ex.sentences {
            prop_assert!(s.start <= s.end && s.end <= chars.len());
            prop_assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text.clone());
        }
        for f in &ex.figures {
            prop_assert!(f.start <= f.end && f.end <= chars.len());
            prop_assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text.clone());
            let s = &ex.sentences[f.sentence];
            prop_assert!(s.start <= f.start && f.end <= s.end, "{:?} outside {:?}", f.text, s.text);
        }
    }

    #[test]
    fn extractor_output_loads_back(text in report_text()) {
        let ds = Dataset {
            schema_version: SCHEMA_VERSION,
            documents: vec![extract::document("prop", Meta::default(), text)],
        };
        let json = dataset::to_json(&ds);
        let back = dataset::parse(&json, Path::new("prop.json"));
        prop_assert!(back.is_ok(), "{}", back.unwrap_err());
        prop_assert_eq!(back.unwrap(), ds);
    }
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::PageUp),
        Just(Action::PageDown),
        Just(Action::Top),
        Just(Action::Bottom),
        Just(Action::FocusNext),
        Just(Action::FocusPrev),
        Just(Action::FocusLeft),
        Just(Action::FocusRight),
        (0usize..10).prop_map(Action::JumpSection),
        Just(Action::Activate),
        Just(Action::OpenSearch),
        Just(Action::OpenFilters),
        Just(Action::ToggleSort),
        Just(Action::ToggleHelp),
        Just(Action::ClearFilters),
        Just(Action::Back),
        Just(Action::CyclePrev),
        Just(Action::CycleNext),
        prop::sample::select(vec!['养', '老', 'j', '3', '亿', ' ', '%']).prop_map(Action::Insert),
        Just(Action::Backspace),
        Just(Action::Delete),
        Just(Action::CaretLeft),
        Just(Action::CaretRight),
        Just(Action::ClearQuery),
        (0u16..120, 0u16..40).prop_map(|(width, height)| Action::Resize { width, height }),
        (0u16..100, 0u16..30).prop_map(|(column, row)| Action::Click { column, row }),
        (0u16..100, 0u16..30).prop_map(|(column, row)| Action::ScrollDown { column, row }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The selection indices are private to the app; what can be seen from outside is
    /// that the selected figure resolves in the index and that drawing (which indexes
    /// every visible list by its selection) does not panic at any size.
    #[test]
    fn any_action_sequence_keeps_selection_in_bounds(
        actions in prop::collection::vec((action(), any::<bool>()), 0..60)
    ) {
        let docs = dataset::bundled().unwrap().documents;
        let mut app = App::new(Index::new(docs), Theme::from_no_color(None));
        // Search answers arrive at random points, as from the worker thread.
        let mut engine = Engine::new(app.shared_index());
        let (mut w, mut h) = (80, 24);
        app.update(Action::Resize { width: w, height: h });
        for (a, answer) in actions {
            if let Action::Resize { width, height } = a {
                (w, h) = (width, height);
            }
            app.update(a);
            if answer {
                engine.settle(&mut app);
            }
            if let Some(r) = app.selected() {
                prop_assert!(app.index().get(app.index().global(r)).is_some());
            }
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| ui::render(&app, f)).unwrap();
        }
    }
}
