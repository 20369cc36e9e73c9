//! The explorer's state and its pure `update`: every change of state goes through
//! [`App::update`], which does no I/O and returns the [`Effect`] the event loop must
//! carry out (a search to run, a suspend), so any sequence of actions can be tested
//! without a terminal. Rendering (in `ui`) only reads an `&App`.

use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::effect::Effect;
use super::filter_menu::{self, Choices, Setting};
use super::finder::{Finder, Request, SearchStatus};
use super::keymap::Mode;
use super::layout::{self, Panes};
use super::theme::Theme;
use crate::index::{FigRef, Filter, Index, SectionRef, SortKey};
use crate::search::{Corpus, Hit, Searcher};

/// The three panes, left to right (top to bottom when stacked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    Sections,
    #[default]
    Figures,
    Source,
}

impl Pane {
    const ORDER: [Pane; 3] = [Pane::Sections, Pane::Figures, Pane::Source];

    fn pos(self) -> usize {
        Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// A row of the Sections pane that can be selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionItem {
    All,
    Section(SectionRef),
}

/// A drawn row of the Sections pane: a document title (several documents only) or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionRow {
    Document(u32),
    Item(usize),
}

/// How the explorer was left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Interrupted,
}

/// What the view looked like before a search, to restore on Esc.
#[derive(Debug, Clone)]
struct View {
    focus: Pane,
    sec_sel: usize,
    sec_offset: usize,
    filter: Filter,
    selected: Option<FigRef>,
    fig_offset: usize,
}

#[derive(Debug)]
pub struct App {
    /// Shared with the search worker, which ranks against the same figures.
    pub(super) index: Arc<Index>,
    pub(super) theme: Theme,
    /// Terminal size from the last `Resize`; paging and mouse hit-tests derive from it.
    pub(super) size: (u16, u16),
    pub(super) mode: Mode,
    pub(super) focus: Pane,
    pub(super) items: Vec<SectionItem>,
    /// Figures per item, parallel to `items`.
    pub(super) counts: Vec<usize>,
    pub(super) rows: Vec<SectionRow>,
    pub(super) sec_sel: usize,
    /// First drawn row of the Sections pane (an index into `rows`).
    pub(super) sec_offset: usize,
    pub(super) filter: Filter,
    pub(super) sort: SortKey,
    /// The figures that pass the filter, in `sort` order.
    pub(super) figures: Vec<FigRef>,
    pub(super) fig_sel: usize,
    pub(super) fig_offset: usize,
    /// Lines the user scrolled the Source pane away from where it centres the figure.
    pub(super) source_scroll: i32,
    pub(super) finder: Finder,
    saved: Option<View>,
    pub(super) choices: Choices,
    pub(super) menu_sel: usize,
    /// A one-off note for the status bar, cleared by the next action.
    pub(super) message: Option<String>,
    pub(super) exit: Option<Exit>,
    /// The generation of the last query emitted as [`Effect::Search`], so each query
    /// is asked for once however many actions follow it.
    requested: Option<u64>,
}

impl App {
    pub fn new(index: impl Into<Arc<Index>>, theme: Theme) -> App {
        let index = index.into();
        let mut items = vec![SectionItem::All];
        let mut counts = vec![index.len()];
        let mut rows = vec![SectionRow::Item(0)];
        let several = index.documents().len() > 1;
        let mut last_doc = None;
        for (sref, _) in index.sections() {
            if several && last_doc != Some(sref.doc) {
                rows.push(SectionRow::Document(sref.doc));
                last_doc = Some(sref.doc);
            }
            rows.push(SectionRow::Item(items.len()));
            items.push(SectionItem::Section(sref));
            counts.push(index.section_count(sref));
        }
        let choices = Choices::new(&index);
        let figures = index.all().to_vec();
        App {
            index,
            theme,
            size: (0, 0),
            mode: Mode::Normal,
            focus: Pane::Figures,
            items,
            counts,
            rows,
            sec_sel: 0,
            sec_offset: 0,
            filter: Filter::default(),
            sort: SortKey::Position,
            figures,
            fig_sel: 0,
            fig_offset: 0,
            source_scroll: 0,
            finder: Finder::default(),
            saved: None,
            choices,
            menu_sel: 0,
            message: None,
            exit: None,
            requested: None,
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn exit(&self) -> Option<Exit> {
        self.exit
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The index, to share with the search worker.
    pub fn shared_index(&self) -> Arc<Index> {
        Arc::clone(&self.index)
    }

    /// The query the search box waits on, if any; [`App::update`] emits it once as
    /// [`Effect::Search`], and the answer comes back as [`Action::SearchResults`].
    pub fn search_request(&self) -> Option<Request> {
        if self.mode == Mode::Search {
            self.finder.request()
        } else {
            None
        }
    }

    /// A searcher over this app's figures, for [`App::settle`].
    pub fn new_searcher(&self) -> Searcher {
        Searcher::new(Arc::new(Corpus::new(self.shared_index())))
    }

    /// Answers the pending query at once with `searcher` (see [`App::new_searcher`]):
    /// the synchronous path for tests, property tests and the fuzz target, which drive
    /// the app without the worker thread.
    pub fn settle(&mut self, searcher: &mut Searcher) {
        self.update(Action::SearchReady);
        if let Some(req) = self.search_request() {
            self.requested = Some(req.generation);
            let answer = super::worker::answer(searcher, &req);
            self.update(answer);
        }
    }

    pub fn panes(&self) -> Option<Panes> {
        layout::panes(
            Rect::new(0, 0, self.size.0, self.size.1),
            self.mode == Mode::Search,
        )
    }

    /// The figure whose source is shown: the selected search hit while searching.
    pub fn selected(&self) -> Option<FigRef> {
        if self.mode == Mode::Search {
            return self
                .finder
                .figure(self.finder.sel)
                .and_then(|g| self.index.get(g));
        }
        self.figures.get(self.fig_sel).copied()
    }

    /// The selected search hit with its highlight positions.
    pub(super) fn selected_hit(&self) -> Option<Hit> {
        self.finder.hit(self.finder.sel)
    }

    /// Applies one action and says what must happen outside. No I/O: the same actions
    /// always give the same state and the same effects.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        // News from search is not the user's doing, so it keeps the message.
        match action {
            Action::SearchReady => self.finder.status = SearchStatus::Ready,
            Action::SearchResults(found) => {
                if self.finder.receive(found.generation, found.results) {
                    self.source_scroll = 0;
                    self.keep_visible();
                }
            }
            Action::SearchFailed(why) => self.finder.status = SearchStatus::Failed(why),
            Action::Suspend => return Some(Effect::Suspend),
            user => self.user(user),
        }
        let req = self.search_request()?;
        if self.requested == Some(req.generation) {
            return None;
        }
        self.requested = Some(req.generation);
        Some(Effect::Search(req))
    }

    fn user(&mut self, action: Action) {
        self.message = None;
        match action {
            Action::Quit => self.exit = Some(Exit::Quit),
            Action::Interrupt => self.exit = Some(Exit::Interrupted),
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.keep_visible();
            }
            Action::Click { column, row } => self.click(Position::new(column, row)),
            Action::ScrollUp { column, row } => self.wheel(Position::new(column, row), -3),
            Action::ScrollDown { column, row } => self.wheel(Position::new(column, row), 3),
            other => match self.mode {
                Mode::Normal => self.normal(other),
                Mode::Search => self.search(other),
                Mode::Filters => self.menu(other),
                Mode::Help => {
                    if matches!(other, Action::Back | Action::ToggleHelp) {
                        self.mode = Mode::Normal;
                    }
                }
            },
        }
    }

    fn normal(&mut self, action: Action) {
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-self.page()),
            Action::PageDown => self.move_by(self.page()),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::FocusNext => self.focus = Pane::ORDER[(self.focus.pos() + 1) % 3],
            Action::FocusPrev => self.focus = Pane::ORDER[(self.focus.pos() + 2) % 3],
            Action::FocusLeft | Action::Back => {
                self.focus = Pane::ORDER[self.focus.pos().saturating_sub(1)];
            }
            Action::FocusRight => self.focus = Pane::ORDER[(self.focus.pos() + 1).min(2)],
            Action::JumpSection(n) => self.jump_section(n),
            Action::Activate => match self.focus {
                Pane::Sections => self.focus = Pane::Figures,
                Pane::Figures | Pane::Source => self.focus = Pane::Source,
            },
            Action::OpenSearch => self.open_search(),
            Action::Paste(s) => {
                self.open_search();
                self.finder.insert(&s);
            }
            Action::OpenFilters => self.mode = Mode::Filters,
            Action::ToggleHelp => self.mode = Mode::Help,
            Action::ToggleSort => {
                self.sort = match self.sort {
                    SortKey::Position => SortKey::Value,
                    SortKey::Value => SortKey::Position,
                };
                self.refilter();
            }
            Action::ClearFilters => self.clear_filters(),
            _ => {}
        }
    }

    fn search(&mut self, action: Action) {
        let f = &mut self.finder;
        match action {
            Action::Insert(c) => f.insert(c.encode_utf8(&mut [0; 4])),
            Action::Paste(s) => f.insert(&s),
            Action::Backspace => f.backspace(),
            Action::Delete => f.delete(),
            Action::CaretLeft => f.caret_left(),
            Action::CaretRight => f.caret_right(),
            Action::CaretHome => f.caret_home(),
            Action::CaretEnd => f.caret_end(),
            Action::ClearQuery => f.clear(),
            Action::Up => self.move_hit(-1),
            Action::Down => self.move_hit(1),
            Action::PageUp => self.move_hit(-self.page_of(Pane::Figures)),
            Action::PageDown => self.move_hit(self.page_of(Pane::Figures)),
            Action::Activate => self.accept_search(),
            Action::Back => self.cancel_search(),
            _ => {}
        }
    }

    fn menu(&mut self, action: Action) {
        let n = Setting::ALL.len();
        match action {
            Action::Up => self.menu_sel = (self.menu_sel + n - 1) % n,
            Action::Down => self.menu_sel = (self.menu_sel + 1) % n,
            Action::CycleNext | Action::CyclePrev => {
                let setting = Setting::ALL[self.menu_sel % n];
                let forward = action == Action::CycleNext;
                filter_menu::cycle(&mut self.filter, setting, &self.choices, forward);
                self.refilter();
            }
            Action::ClearFilters => self.clear_filters(),
            Action::Back | Action::OpenFilters => self.mode = Mode::Normal,
            _ => {}
        }
    }

    /// Moves the selection of the focused pane by `delta` rows (clamped).
    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Pane::Sections => {
                let sel = clamp_add(self.sec_sel, delta, self.items.len());
                if sel != self.sec_sel {
                    self.select_section(sel);
                }
            }
            Pane::Figures => {
                self.fig_sel = clamp_add(self.fig_sel, delta, self.figures.len());
                self.source_scroll = 0;
            }
            Pane::Source => {
                let d = delta.clamp(-10_000, 10_000) as i32;
                self.source_scroll = self.source_scroll.saturating_add(d);
            }
        }
        self.keep_visible();
    }

    fn move_hit(&mut self, delta: isize) {
        self.finder.sel = clamp_add(self.finder.sel, delta, self.finder.len());
        self.source_scroll = 0;
        self.keep_visible();
    }

    /// Rows in a page of the focused pane (at least one).
    fn page(&self) -> isize {
        self.page_of(self.focus)
    }

    fn page_of(&self, pane: Pane) -> isize {
        let rows = self.panes().map_or(1, |p| match pane {
            Pane::Sections => layout::inner_rows(p.sections),
            Pane::Figures => layout::inner_rows(p.figures).saturating_sub(1),
            Pane::Source => layout::inner_rows(p.source),
        });
        rows.max(1) as isize
    }

    fn select_section(&mut self, sel: usize) {
        self.sec_sel = sel.min(self.items.len().saturating_sub(1));
        self.filter.section = match self.items.get(self.sec_sel) {
            Some(SectionItem::Section(s)) => Some(*s),
            _ => None,
        };
        self.fig_sel = 0;
        self.fig_offset = 0;
        self.refilter();
        self.fig_sel = 0;
        self.keep_visible();
    }

    fn jump_section(&mut self, n: usize) {
        let doc = match self.items.get(self.sec_sel) {
            Some(SectionItem::Section(s)) => s.doc,
            _ => 0,
        };
        let want = SectionItem::Section(SectionRef {
            doc,
            section: n as u32,
        });
        match self.items.iter().position(|i| *i == want) {
            Some(i) => self.select_section(i),
            None => self.message = Some(format!("there is no section {n}")),
        }
    }

    /// Recomputes the figure list from the filter and sort, keeping the selected figure
    /// selected when it still passes.
    fn refilter(&mut self) {
        let keep = self.figures.get(self.fig_sel).copied();
        self.figures = self.index.filter(&self.filter);
        self.index.sort(&mut self.figures, self.sort);
        self.fig_sel = keep
            .and_then(|r| self.figures.iter().position(|&x| x == r))
            .unwrap_or(0);
        self.source_scroll = 0;
        self.keep_visible();
    }

    fn clear_filters(&mut self) {
        self.filter = Filter::default();
        self.sec_sel = 0;
        self.refilter();
        self.message = Some("filters cleared".to_string());
    }

    fn open_search(&mut self) {
        self.saved = Some(View {
            focus: self.focus,
            sec_sel: self.sec_sel,
            sec_offset: self.sec_offset,
            filter: self.filter.clone(),
            selected: self.figures.get(self.fig_sel).copied(),
            fig_offset: self.fig_offset,
        });
        self.mode = Mode::Search;
        self.finder.sel = 0;
        self.finder.offset = 0;
    }

    fn cancel_search(&mut self) {
        self.mode = Mode::Normal;
        if let Some(v) = self.saved.take() {
            self.focus = v.focus;
            self.sec_sel = v.sec_sel;
            self.filter = v.filter;
            self.refilter();
            self.fig_sel = v
                .selected
                .and_then(|r| self.figures.iter().position(|&x| x == r))
                .unwrap_or(0);
            self.sec_offset = v.sec_offset;
            self.fig_offset = v.fig_offset;
            self.keep_visible();
        }
    }

    /// Shows the chosen hit in its section, dropping other filters only if they hide it.
    fn accept_search(&mut self) {
        let Some(target) = self.selected() else {
            self.cancel_search();
            return;
        };
        self.saved = None;
        self.mode = Mode::Normal;
        let section = SectionRef {
            doc: target.doc,
            section: self.index.figure(target).section as u32,
        };
        let item = self
            .items
            .iter()
            .position(|i| *i == SectionItem::Section(section))
            .unwrap_or(0);
        self.select_section(item);
        if !self.figures.contains(&target) {
            self.filter = Filter {
                section: self.filter.section,
                ..Filter::default()
            };
            self.refilter();
            self.message = Some("filters cleared to show the figure".to_string());
        }
        self.fig_sel = self.figures.iter().position(|&x| x == target).unwrap_or(0);
        self.focus = Pane::Figures;
        self.source_scroll = 0;
        self.keep_visible();
    }

    /// The drawn row (in `rows`) of the selected section item.
    pub(super) fn sec_row(&self) -> usize {
        self.rows
            .iter()
            .position(|r| *r == SectionRow::Item(self.sec_sel))
            .unwrap_or(0)
    }

    /// Scrolls each list just enough to show its selection.
    fn keep_visible(&mut self) {
        let Some(p) = self.panes() else { return };
        let sec_rows = layout::inner_rows(p.sections);
        // Show a document's title with its first section when scrolling up to it.
        let row = self.sec_row();
        let top = if row > 0 && matches!(self.rows[row - 1], SectionRow::Document(_)) {
            row - 1
        } else {
            row
        };
        self.sec_offset = scroll_to(self.sec_offset, top, row, sec_rows);
        let fig_rows = layout::inner_rows(p.figures).saturating_sub(1);
        self.fig_offset = scroll_to(self.fig_offset, self.fig_sel, self.fig_sel, fig_rows);
        self.finder.offset = scroll_to(
            self.finder.offset,
            self.finder.sel,
            self.finder.sel,
            fig_rows,
        );
    }
}

/// `i + delta`, clamped to `0..len` (0 when empty).
fn clamp_add(i: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    i.saturating_add_signed(delta).min(len - 1)
}

/// The smallest scroll change from `offset` that shows rows `top..=row` in `height` rows.
fn scroll_to(offset: usize, top: usize, row: usize, height: usize) -> usize {
    let height = height.max(1);
    if top < offset {
        top
    } else if row >= offset + height {
        row + 1 - height
    } else {
        offset
    }
}

#[path = "app_mouse.rs"]
mod mouse;

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
