//! Random action sequences against the explorer's pure `App::update`, drawn into a test
//! backend after every action: no panic, whatever the order (a selection past the end
//! of a list panics when it is drawn or when its figure is looked up).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pa_explorer::dataset;
use pa_explorer::index::Index;
use pa_explorer::model::Document;
use pa_explorer::tui::action::Action;
use pa_explorer::tui::app::App;
use pa_explorer::tui::theme::Theme;
use pa_explorer::tui::ui;
use pa_explorer::search::Searcher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One action from two bytes. Sizes are kept small (and include 0 and 1) because tiny
/// terminals are where layouts underflow.
fn action(op: u8, arg: u8) -> Action {
    let c = ['养', '老', 'a', '3', '7', '亿', ' ', '%', '\u{1b}', 'j'][usize::from(arg % 10)];
    match op % 34 {
        0 => Action::Up,
        1 => Action::Down,
        2 => Action::PageUp,
        3 => Action::PageDown,
        4 => Action::Top,
        5 => Action::Bottom,
        6 => Action::FocusNext,
        7 => Action::FocusPrev,
        8 => Action::FocusLeft,
        9 => Action::FocusRight,
        10 => Action::JumpSection(usize::from(arg % 12)),
        11 => Action::Activate,
        12 => Action::OpenSearch,
        13 => Action::OpenFilters,
        14 => Action::ToggleSort,
        15 => Action::ToggleHelp,
        16 => Action::ClearFilters,
        17 => Action::Back,
        18 => Action::CyclePrev,
        19 => Action::CycleNext,
        20 => Action::Insert(c),
        21 => Action::Paste(format!("{c}\n{c}")),
        22 => Action::Backspace,
        23 => Action::Delete,
        24 => Action::CaretLeft,
        25 => Action::CaretRight,
        26 => Action::CaretHome,
        27 => Action::CaretEnd,
        28 => Action::ClearQuery,
        // 29 answers the pending search instead (see the loop).
        29 => Action::Top,
        30 => Action::Resize {
            width: u16::from(arg % 130),
            height: u16::from(arg / 2 % 50),
        },
        31 => Action::Click {
            column: u16::from(arg % 100),
            row: u16::from(arg / 3 % 40),
        },
        32 => Action::ScrollUp {
            column: u16::from(arg % 100),
            row: u16::from(arg / 3 % 40),
        },
        _ => Action::ScrollDown {
            column: u16::from(arg % 100),
            row: u16::from(arg / 3 % 40),
        },
    }
}

/// Parsed once: parsing per run would be most of the time spent.
static DOCS: OnceLock<Vec<Document>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let docs = DOCS.get_or_init(|| dataset::bundled().expect("bundled dataset").documents);
    let mut app = App::new(Index::new(docs.clone()), Theme::from_no_color(None));
    let (mut w, mut h) = (80u16, 24u16);
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    // Built only when an input asks for a search answer: most inputs never do.
    let mut searcher: Option<Searcher> = None;
    for pair in data.chunks_exact(2) {
        if pair[0] % 34 == 29 {
            let s = searcher.get_or_insert_with(|| app.new_searcher());
            app.settle(s);
            continue;
        }
        let a = action(pair[0], pair[1]);
        if let Action::Resize { width, height } = a {
            (w, h) = (width, height);
        }
        app.update(a);
        if app.exit().is_some() {
            break;
        }
        if let Some(r) = app.selected() {
            let _ = app.index().figure(r);
        }
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        t.draw(|f| ui::render(&app, f)).expect("draw");
    }
});
