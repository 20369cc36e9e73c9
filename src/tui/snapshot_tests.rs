//! Whole-screen snapshots of every screen state through `TestBackend`, at 80x24,
//! 120x40 and a tiny size, on the bundled dataset (Chinese content); plus checks that overlays leave no
//! half of a wide character at their edges and that no size panics.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Position;

use super::action::Action;
use super::app::App;
use super::fixture;
use super::theme::Theme;
use super::ui;
use crate::text;

/// The bundled Jinan dataset: what users see first.
fn bundled() -> crate::index::Index {
    let ds = crate::dataset::bundled().expect("bundled dataset parses");
    crate::index::Index::new(ds.documents)
}

fn app_at(w: u16, h: u16) -> App {
    let mut a = App::new(bundled(), Theme::COLOR);
    a.update(Action::Resize {
        width: w,
        height: h,
    });
    a
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render(app, f)).unwrap();
    t
}

fn shot(name: &str, app: &App, w: u16, h: u16) {
    let t = draw(app, w, h);
    assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
}

fn search_for(app: &mut App, q: &str) {
    app.update(Action::OpenSearch);
    for c in q.chars() {
        app.update(Action::Insert(c));
    }
    let mut searcher = app.new_searcher();
    app.settle(&mut searcher);
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn main_view() {
    for (w, h) in SIZES {
        let mut a = app_at(w, h);
        // A figure deep in a long paragraph, so wrapping and the highlight show.
        a.update(Action::JumpSection(1));
        a.update(Action::Down);
        a.update(Action::Down);
        a.update(Action::Down);
        shot("main", &a, w, h);
    }
}

#[test]
fn search_with_results() {
    for (w, h) in SIZES {
        let mut a = app_at(w, h);
        search_for(&mut a, "养老");
        shot("search", &a, w, h);
    }
}

/// What typing looks like before the answer: the box shows the text at once, the pane
/// keeps what it had, marked.
#[test]
fn search_in_flight() {
    let mut a = app_at(80, 24);
    a.update(Action::OpenSearch);
    a.update(Action::Insert('养'));
    shot("search_indexing", &a, 80, 24);
    search_for(&mut a, "老");
    a.update(Action::Insert('保'));
    shot("search_searching", &a, 80, 24);
}

#[test]
fn filters_menu() {
    for (w, h) in SIZES {
        let mut a = app_at(w, h);
        a.update(Action::OpenFilters);
        a.update(Action::CycleNext);
        a.update(Action::Down);
        shot("filters", &a, w, h);
    }
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut a = app_at(w, h);
        a.update(Action::ToggleHelp);
        shot("help", &a, w, h);
    }
}

#[test]
fn narrow_stacked_and_tiny() {
    let mut a = app_at(50, 30);
    a.update(Action::Down);
    shot("stacked", &a, 50, 30);
    let a = app_at(30, 8);
    shot("tiny", &a, 30, 8);
}

#[test]
fn several_documents() {
    let mut a = App::new(fixture::two_documents(), Theme::COLOR);
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    shot("two_documents", &a, 120, 40);
}

#[test]
fn no_color_uses_no_colors() {
    let mut a = App::new(bundled(), Theme::PLAIN);
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    search_for(&mut a, "1533");
    let t = draw(&a, 120, 40);
    for cell in t.backend().buffer().content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn no_size_panics() {
    let sizes = [
        (0, 0),
        (1, 1),
        (10, 3),
        (39, 12),
        (40, 11),
        (40, 12),
        (63, 20),
        (64, 13),
        (110, 12),
        (300, 5),
    ];
    for (w, h) in sizes {
        for setup in [
            vec![],
            vec![Action::OpenSearch, Action::Insert('养')],
            vec![Action::ToggleHelp],
            vec![Action::OpenFilters],
        ] {
            let mut a = app_at(w, h);
            for act in setup {
                a.update(act);
            }
            // Indexing, then with results.
            draw(&a, w, h);
            let mut searcher = a.new_searcher();
            a.settle(&mut searcher);
            draw(&a, w, h);
        }
    }
}

/// What the terminal shows (the backend gets only the diff, which skips a cell hidden by
/// a wide character): the overlay's left border must be whole on every row. A wide
/// character just left of it would otherwise swallow the border cell.
#[test]
fn overlays_leave_no_half_characters() {
    // Many widths, so overlay edges land on both halves of wide characters below.
    for (w, h) in (80..=104).map(|w| (w, 24 + w % 7)) {
        for (open, title) in [
            (Action::ToggleHelp, " Keys"),
            (Action::OpenFilters, " Filters"),
        ] {
            let mut a = app_at(w, h);
            a.update(Action::JumpSection(1));
            a.update(open);
            let t = draw(&a, w, h);
            let buf = t.backend().buffer();
            let first = title.chars().nth(1).unwrap().to_string();
            let (x0, y0) = (0..h)
                .flat_map(|y| (0..w - 2).map(move |x| (x, y)))
                .find(|&(x, y)| {
                    buf[(x, y)].symbol() == "┌"
                        && buf[(x + 1, y)].symbol() == " "
                        && buf[(x + 2, y)].symbol() == first
                })
                .expect("the overlay's top-left corner is drawn");
            let mut y = y0 + 1;
            while y < h && buf[(x0, y)].symbol() != "└" {
                assert_eq!(
                    buf[(x0, y)].symbol(),
                    "│",
                    "{title} border broken at {x0},{y} ({w}x{h})"
                );
                if x0 > 0 {
                    assert!(
                        text::width(buf[(x0 - 1, y)].symbol()) < 2,
                        "half character at {x0},{y}"
                    );
                }
                y += 1;
            }
            assert!(y < h, "{title} has no bottom border at {w}x{h}");
        }
    }
}

#[test]
fn cursor_sits_at_the_caret_by_display_width() {
    let mut a = app_at(80, 24);
    search_for(&mut a, "养老保险");
    a.update(Action::CaretLeft);
    let mut t = draw(&a, 80, 24);
    let p = a.panes().unwrap().search.unwrap();
    // "/ " then three Chinese characters of two cells each.
    assert_eq!(
        t.get_cursor_position().unwrap(),
        Position::new(p.x + 2 + 6, p.y)
    );
}
