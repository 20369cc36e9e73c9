//! Searching off the input path. A thread owns the search engine (its index, built
//! there so a big corpus does not hold up the first frame, and one incremental
//! [`Searcher`]); the event loop hands it the newest query and picks up answers without
//! ever waiting, so a keystroke is drawn before its search has run.
//!
//! Stale queries are dropped twice: the thread takes only the newest of the queries
//! queued while it was busy, and `App::update` ignores an answer whose generation is not
//! the query's in the box now. No terminal I/O here; `App` never sees the thread.

use std::any::Any;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use super::action::{Action, Found};
use super::app::App;
use super::finder::{self, Request};
use crate::index::Index;
use crate::search::{SearchIndex, Searcher};

/// The worker thread's name; the panic hook leaves the terminal alone for it, since the
/// explorer goes on without search and shows why in the status bar.
pub const THREAD_NAME: &str = "search";

/// The search engine itself, without a thread: what the worker runs, and what tests
/// call to answer a query on the spot.
pub struct Engine {
    index: Arc<Index>,
    sx: SearchIndex,
    searcher: Searcher,
}

impl Engine {
    /// Builds the search index (about 4 s at a million figures).
    pub fn new(index: Arc<Index>) -> Engine {
        let sx = SearchIndex::new(&index);
        Engine {
            index,
            sx,
            searcher: Searcher::new(),
        }
    }

    /// Ranks one query; highlight positions are left for the rows that get drawn.
    pub fn answer(&mut self, req: &Request) -> Action {
        let results = self
            .searcher
            .search(&self.sx, &self.index, &req.query, finder::options());
        Action::SearchResults(Found {
            generation: req.generation,
            results,
        })
    }

    /// Answers the app's pending query, if any, at once: the synchronous path for tests,
    /// property tests and the fuzz target, which drive the app without a thread.
    pub fn settle(&mut self, app: &mut App) {
        app.update(Action::SearchReady);
        if let Some(req) = app.search_request() {
            app.update(self.answer(&req));
        }
    }
}

/// The event loop's end of the worker. Dropping it drops the request sender, which ends
/// the thread once its current search is done; nobody waits for that.
pub struct Worker {
    requests: Sender<Request>,
    replies: Receiver<Action>,
    /// The generation last sent, so a query is sent once however often the loop turns.
    sent: Option<u64>,
    /// The thread is known to be gone (it said why, or its channel closed).
    gone: bool,
}

impl Worker {
    /// Starts the thread that builds the search index for `index` and then serves.
    pub fn start(index: Arc<Index>) -> io::Result<Worker> {
        Worker::spawn(move |requests, replies| {
            let engine = Engine::new(index);
            if replies.send(Action::SearchReady).is_ok() {
                serve(engine, &requests, &replies);
            }
        })
    }

    /// Runs `body` on the worker thread, turning a panic into [`Action::SearchFailed`].
    fn spawn(
        body: impl FnOnce(Receiver<Request>, Sender<Action>) + Send + 'static,
    ) -> io::Result<Worker> {
        let (req_tx, req_rx) = mpsc::channel();
        let (rep_tx, rep_rx) = mpsc::channel();
        thread::Builder::new()
            .name(THREAD_NAME.to_string())
            .spawn(move || {
                let failed = rep_tx.clone();
                // The engine is dropped with the unwound closure; nothing shared with the
                // event loop is left half-updated, so unwind safety holds.
                let outcome = panic::catch_unwind(AssertUnwindSafe(|| body(req_rx, rep_tx)));
                if let Err(payload) = outcome {
                    let _ = failed.send(Action::SearchFailed(panic_message(&*payload)));
                }
            })?;
        Ok(Worker {
            requests: req_tx,
            replies: rep_rx,
            sent: None,
            gone: false,
        })
    }

    /// Sends the query the app waits on, unless it was sent already. Never blocks.
    pub fn submit(&mut self, app: &App) {
        if let Some(req) = app.search_request()
            && self.sent != Some(req.generation)
        {
            self.sent = Some(req.generation);
            // A closed channel shows up in `poll` as a failure.
            let _ = self.requests.send(req);
        }
    }

    /// The next answer that has arrived, without waiting. A thread that vanished
    /// without a word is reported once as a failure.
    pub fn poll(&mut self) -> Option<Action> {
        match self.replies.try_recv() {
            Ok(action) => {
                if matches!(action, Action::SearchFailed(_)) {
                    self.gone = true;
                }
                Some(action)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) if self.gone => None,
            Err(TryRecvError::Disconnected) => {
                self.gone = true;
                Some(Action::SearchFailed(
                    "the search thread stopped".to_string(),
                ))
            }
        }
    }
}

/// Answers queries until the event loop hangs up. Of the queries that queued up during a
/// search only the newest is run: the others are stale, and their answers would be
/// dropped anyway.
fn serve(mut engine: Engine, requests: &Receiver<Request>, replies: &Sender<Action>) {
    while let Ok(mut req) = requests.recv() {
        while let Ok(newer) = requests.try_recv() {
            req = newer;
        }
        if replies.send(engine.answer(&req)).is_err() {
            return;
        }
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the search thread panicked".to_string())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::tui::fixture;

    fn request(generation: u64, query: &str) -> Request {
        Request {
            generation,
            query: query.to_string(),
        }
    }

    fn generation(a: &Action) -> Option<u64> {
        match a {
            Action::SearchResults(f) => Some(f.generation),
            _ => None,
        }
    }

    #[test]
    fn runs_only_the_newest_of_queued_queries() {
        let (req_tx, req_rx) = mpsc::channel();
        let (rep_tx, rep_rx) = mpsc::channel();
        for (g, q) in [(1, "1"), (2, "15"), (3, "153")] {
            req_tx.send(request(g, q)).unwrap();
        }
        drop(req_tx);
        serve(Engine::new(Arc::new(fixture::index())), &req_rx, &rep_tx);
        let answered: Vec<_> = rep_rx.try_iter().map(|a| generation(&a)).collect();
        assert_eq!(answered, [Some(3)]);
    }

    /// Waits for the thread's next reply through `poll`, as the event loop sees it; the
    /// bound only turns a hang into a failure.
    fn wait(w: &mut Worker) -> Action {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(a) = w.poll() {
                return a;
            }
            assert!(std::time::Instant::now() < deadline, "the worker replies");
            thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn a_thread_answers_the_apps_query() {
        let mut app = App::new(fixture::index(), crate::tui::theme::Theme::COLOR);
        let mut w = Worker::start(app.shared_index()).unwrap();
        app.update(Action::OpenSearch);
        app.update(Action::Insert('养'));
        w.submit(&app);
        w.submit(&app);
        app.update(wait(&mut w));
        assert_eq!(app.finder.engine, finder::Engine::Ready);
        app.update(wait(&mut w));
        assert!(!app.finder.is_stale());
        assert!(!app.finder.is_empty());
        assert!(w.poll().is_none(), "one query, one answer");
    }

    #[test]
    fn a_panic_becomes_a_failure_once() {
        let mut w = Worker::spawn(|_, _| panic!("boom")).unwrap();
        assert_eq!(wait(&mut w), Action::SearchFailed("boom".to_string()));
        // The thread has ended since; its closed channel is no second failure.
        assert!(w.replies.recv().is_err(), "the thread has ended");
        assert!(w.poll().is_none());
    }

    #[test]
    fn a_vanished_thread_is_a_failure() {
        let mut w = Worker::spawn(|_, _| {}).unwrap();
        let got = wait(&mut w);
        assert!(matches!(got, Action::SearchFailed(_)));
        assert!(w.poll().is_none());
    }
}
