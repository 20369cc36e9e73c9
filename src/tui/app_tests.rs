//! Action sequences against the pure `App::update`.

use super::*;
use crate::tui::action::Found;
use crate::tui::fixture;
use crate::tui::worker;

fn app() -> App {
    let mut a = App::new(fixture::index(), Theme::COLOR);
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    a
}

fn run(a: &mut App, actions: impl IntoIterator<Item = Action>) {
    for act in actions {
        a.update(act);
    }
}

/// Answers the pending query on the spot, as the worker would.
fn settle(a: &mut App) {
    let mut searcher = a.new_searcher();
    a.settle(&mut searcher);
}

fn typed(s: &str) -> Vec<Action> {
    s.chars().map(Action::Insert).collect()
}

fn selected_text(a: &App) -> String {
    a.selected()
        .map(|r| a.index.figure(r).text.to_string())
        .unwrap_or_default()
}

#[test]
fn starts_on_all_figures_in_figures_pane() {
    let a = app();
    assert_eq!(a.focus, Pane::Figures);
    assert_eq!(a.figures.len(), a.index.len());
    assert_eq!(selected_text(&a), "4月9日");
    assert_eq!(a.items.len(), 5, "All + lead + three headlines");
}

#[test]
fn moves_and_clamps() {
    let mut a = app();
    run(&mut a, [Action::Up, Action::Down, Action::Down]);
    assert_eq!(a.fig_sel, 2);
    run(&mut a, [Action::Bottom]);
    assert_eq!(a.fig_sel, a.figures.len() - 1);
    run(&mut a, [Action::Down, Action::PageDown]);
    assert_eq!(a.fig_sel, a.figures.len() - 1);
    run(&mut a, [Action::Top, Action::PageUp]);
    assert_eq!(a.fig_sel, 0);
}

#[test]
fn paging_follows_the_viewport() {
    let mut a = App::new(fixture::index(), Theme::COLOR);
    a.update(Action::Resize {
        width: 80,
        height: 24,
    });
    a.update(Action::PageDown);
    let rows = layout::inner_rows(a.panes().unwrap().figures) - 1;
    assert_eq!(a.fig_sel, rows);
    assert!(a.fig_offset > 0 || a.fig_sel < rows);
    assert!(a.fig_sel >= a.fig_offset && a.fig_sel < a.fig_offset + rows);
}

#[test]
fn sections_filter_the_figures() {
    let mut a = app();
    run(&mut a, [Action::FocusLeft, Action::Down, Action::Down]);
    assert_eq!(a.focus, Pane::Sections);
    assert_eq!(a.filter.section.map(|s| s.section), Some(1));
    assert_eq!(a.figures.len(), a.counts[2]);
    assert!(a.figures.iter().all(|&r| a.index.figure(r).section == 1));
    run(&mut a, [Action::Activate]);
    assert_eq!(a.focus, Pane::Figures);
    run(&mut a, [Action::JumpSection(3)]);
    assert_eq!(selected_text(&a), "0.35万人");
    run(&mut a, [Action::JumpSection(9)]);
    assert!(a.message.is_some());
    run(&mut a, [Action::ClearFilters]);
    assert_eq!(a.figures.len(), a.index.len());
}

#[test]
fn focus_moves_between_panes() {
    let mut a = app();
    run(&mut a, [Action::FocusRight, Action::FocusRight]);
    assert_eq!(a.focus, Pane::Source);
    run(&mut a, [Action::FocusNext]);
    assert_eq!(a.focus, Pane::Sections);
    run(&mut a, [Action::FocusPrev]);
    assert_eq!(a.focus, Pane::Source);
    run(&mut a, [Action::Back, Action::Back, Action::Back]);
    assert_eq!(a.focus, Pane::Sections);
}

#[test]
fn typing_asks_for_a_search_and_enter_jumps() {
    let mut a = app();
    run(&mut a, [Action::OpenSearch]);
    assert_eq!(a.search_request(), None, "nothing to rank yet");
    run(&mut a, typed("1533"));
    let req = a.search_request().expect("typing asks for a search");
    assert_eq!(req.query, "1533");
    assert!(a.finder.is_empty(), "typing does not search");
    settle(&mut a);
    assert_eq!(a.search_request(), None);
    assert_eq!(selected_text(&a), "1533名");
    run(&mut a, [Action::Activate]);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(selected_text(&a), "1533名");
    assert_eq!(a.filter.section.map(|s| s.section), Some(1));
    assert_eq!(a.focus, Pane::Figures);
}

#[test]
fn escape_restores_the_view_before_the_search() {
    let mut a = app();
    run(&mut a, [Action::JumpSection(2), Action::Down]);
    let before = (a.sec_sel, a.fig_sel, a.filter.clone(), a.focus);
    run(&mut a, [Action::OpenSearch]);
    run(&mut a, typed("养老"));
    settle(&mut a);
    run(&mut a, [Action::Down, Action::Back]);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!((a.sec_sel, a.fig_sel, a.filter.clone(), a.focus), before);
}

#[test]
fn enter_clears_filters_that_hide_the_hit() {
    let mut a = app();
    run(
        &mut a,
        [
            Action::OpenFilters,
            Action::Down,
            Action::CycleNext,
            Action::Back,
        ],
    );
    assert!(a.filter.unit.is_some());
    let unit = a.filter.unit.clone();
    run(&mut a, [Action::OpenSearch]);
    run(&mut a, typed("0-17岁"));
    settle(&mut a);
    run(&mut a, [Action::Activate]);
    assert_eq!(selected_text(&a), "0-17岁");
    assert_ne!(a.filter.unit, unit);
}

#[test]
fn search_edits_paste_and_caret() {
    let mut a = app();
    run(&mut a, [Action::Paste("养老\n保险".into())]);
    assert_eq!(a.mode(), Mode::Search);
    assert_eq!(a.finder.query(), "养老 保险");
    run(
        &mut a,
        [
            Action::CaretHome,
            Action::Delete,
            Action::CaretEnd,
            Action::Backspace,
        ],
    );
    assert_eq!(a.finder.query(), "老 保");
    settle(&mut a);
    assert!(!a.finder.is_empty());
    run(&mut a, [Action::ClearQuery]);
    settle(&mut a);
    assert!(a.finder.is_empty());
    run(&mut a, [Action::Activate]);
    assert_eq!(
        a.mode(),
        Mode::Normal,
        "Enter with no hit just closes the box"
    );
}

#[test]
fn results_of_an_older_query_are_dropped() {
    let mut a = app();
    let mut searcher = a.new_searcher();
    run(&mut a, [Action::OpenSearch]);
    run(&mut a, typed("养"));
    let old = a.search_request().unwrap();
    run(&mut a, typed("老"));
    let new = a.search_request().unwrap();
    assert!(new.generation > old.generation);
    let late = worker::answer(&mut searcher, &old);
    run(&mut a, [Action::SearchReady, late]);
    assert!(
        a.finder.is_stale(),
        "the answer to 养 is not shown for 养老"
    );
    assert!(a.finder.is_empty());
    run(&mut a, [worker::answer(&mut searcher, &new)]);
    assert!(!a.finder.is_stale());
    assert!(!a.finder.is_empty());
}

#[test]
fn new_results_keep_the_typed_text_and_the_message() {
    let mut a = app();
    run(&mut a, [Action::OpenSearch]);
    run(&mut a, typed("养老"));
    a.message = Some("note".to_string());
    let generation = a.search_request().unwrap().generation;
    run(
        &mut a,
        [Action::SearchResults(Found {
            generation,
            results: crate::search::Results::default(),
        })],
    );
    assert_eq!(a.finder.query(), "养老");
    assert_eq!(a.message.as_deref(), Some("note"));
}

#[test]
fn a_failed_search_stops_asking() {
    let mut a = app();
    run(&mut a, [Action::OpenSearch]);
    run(&mut a, typed("养"));
    run(&mut a, [Action::SearchFailed("boom".into())]);
    assert_eq!(a.search_request(), None);
    run(&mut a, typed("老"));
    assert_eq!(a.finder.query(), "养老", "typing still works");
}

#[test]
fn filters_and_sort() {
    let mut a = app();
    run(&mut a, [Action::OpenFilters]);
    assert_eq!(a.mode(), Mode::Filters);
    // Measure → money.
    run(&mut a, [Action::CycleNext]);
    let dim = a.filter.dimension;
    assert!(dim.is_some());
    assert!(
        a.figures
            .iter()
            .all(|&r| Some(a.index.figure(r).dimension) == dim)
    );
    run(
        &mut a,
        [
            Action::Down,
            Action::Down,
            Action::Down,
            Action::CycleNext,
            Action::CycleNext,
            Action::CycleNext,
        ],
    );
    assert_eq!(a.filter.min, Some(1e8));
    run(&mut a, [Action::Back, Action::ToggleSort]);
    assert_eq!(a.sort, SortKey::Value);
    run(&mut a, [Action::ClearFilters]);
    assert!(a.filter.is_empty());
    assert_eq!(a.sort, SortKey::Value, "clearing filters keeps the sort");
}

#[test]
fn value_sort_puts_the_largest_money_first() {
    let mut a = app();
    run(
        &mut a,
        [
            Action::OpenFilters,
            Action::Down,
            Action::CycleNext,
            Action::Back,
            Action::ToggleSort,
        ],
    );
    let unit = a.filter.unit.clone().unwrap();
    let first = a.index.figure(a.figures[0]);
    assert_eq!(first.unit.as_deref(), Some(unit.as_str()));
    assert!(
        a.figures
            .windows(2)
            .all(|w| { a.index.figure(w[0]).value >= a.index.figure(w[1]).value })
    );
}

#[test]
fn help_opens_and_closes_and_quit_sets_exit() {
    let mut a = app();
    run(&mut a, [Action::ToggleHelp]);
    assert_eq!(a.mode(), Mode::Help);
    run(&mut a, [Action::Down]);
    assert_eq!(a.mode(), Mode::Help);
    run(&mut a, [Action::Back]);
    assert_eq!(a.mode(), Mode::Normal);
    run(&mut a, [Action::Interrupt]);
    assert_eq!(a.exit(), Some(Exit::Interrupted));
}

#[test]
fn mouse_click_selects_and_focuses() {
    let mut a = app();
    let p = a.panes().unwrap();
    // Third figure row: border, header, then rows.
    a.update(Action::Click {
        column: p.figures.x + 3,
        row: p.figures.y + 4,
    });
    assert_eq!(a.fig_sel, 2);
    a.update(Action::Click {
        column: p.source.x + 3,
        row: p.source.y + 3,
    });
    assert_eq!(a.focus, Pane::Source);
    // "All", then the lead: row 2 inside the border.
    a.update(Action::Click {
        column: p.sections.x + 3,
        row: p.sections.y + 2,
    });
    assert_eq!(a.focus, Pane::Sections);
    assert_eq!(a.filter.section.map(|s| s.section), Some(0));
    a.update(Action::ScrollDown {
        column: p.figures.x + 3,
        row: p.figures.y + 3,
    });
    assert_eq!(a.fig_sel, 1.min(a.figures.len() - 1).max(a.fig_sel));
    assert_eq!(a.focus, Pane::Sections, "the wheel does not steal focus");
}

#[test]
fn tiny_sizes_never_panic() {
    let mut a = app();
    for (w, h) in [(0, 0), (1, 1), (10, 3), (39, 11), (40, 12)] {
        run(
            &mut a,
            [
                Action::Resize {
                    width: w,
                    height: h,
                },
                Action::PageDown,
                Action::Click { column: 0, row: 0 },
                Action::ScrollDown { column: 5, row: 5 },
            ],
        );
    }
}

#[test]
fn several_documents_group_sections() {
    let mut a = App::new(fixture::two_documents(), Theme::COLOR);
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(
        a.rows
            .iter()
            .filter(|r| matches!(r, SectionRow::Document(_)))
            .count(),
        2
    );
    run(&mut a, [Action::FocusLeft, Action::Bottom]);
    assert_eq!(a.filter.section.map(|s| (s.doc, s.section)), Some((1, 3)));
    run(&mut a, [Action::JumpSection(1)]);
    assert_eq!(a.filter.section.map(|s| (s.doc, s.section)), Some((1, 1)));
}

#[test]
fn each_edit_of_the_query_asks_for_one_search() {
    let mut a = app();
    assert_eq!(
        a.update(Action::OpenSearch),
        None,
        "the empty query needs no search"
    );
    let Some(Effect::Search(first)) = a.update(Action::Insert('养')) else {
        panic!("typing asks for a search")
    };
    assert_eq!(first.query, "养");
    // Moving the caret, or a redraw-only action, asks for nothing new.
    assert_eq!(a.update(Action::CaretLeft), None);
    assert_eq!(
        a.update(Action::Resize {
            width: 100,
            height: 30
        }),
        None
    );
    a.update(Action::CaretEnd);
    let Some(Effect::Search(second)) = a.update(Action::Insert('老')) else {
        panic!("the next keystroke asks again")
    };
    assert_eq!(second.query, "养老");
    assert!(second.generation > first.generation);
    // Leaving and reopening the box does not ask twice for the same query.
    assert_eq!(a.update(Action::Back), None);
    assert_eq!(a.update(Action::OpenSearch), None);
    // Once search has failed, typing asks for nothing.
    a.update(Action::SearchFailed("boom".into()));
    assert_eq!(a.update(Action::Insert('保')), None);
}

#[test]
fn suspend_is_an_effect_and_changes_no_state() {
    let mut a = app();
    run(&mut a, [Action::OpenSearch]);
    run(&mut a, typed("养"));
    assert_eq!(a.update(Action::Suspend), Some(Effect::Suspend));
    assert_eq!(a.mode(), Mode::Search);
    assert_eq!(a.finder.query(), "养");
    assert_eq!(a.exit(), None);
}
