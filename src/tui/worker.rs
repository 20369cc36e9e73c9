//! Searching off the input path. A thread owns the search: it builds the [`Corpus`]
//! there (so a big corpus does not hold up the first frame) and keeps one incremental
//! [`Searcher`]. The event loop hands it each [`Request`] that `App::update` emitted and
//! never waits for it; answers go, as [`Action`]s, into the channel that wakes the loop,
//! so a keystroke is drawn before its search has run.
//!
//! Stale queries are dropped twice: the thread takes only the newest of the queries
//! queued while it was busy, and `App::update` ignores an answer whose generation is not
//! the query's in the box now. No terminal I/O here, and no `App`: the worker knows
//! requests and actions only.

use std::any::Any;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::action::{Action, Found};
use super::finder::{self, Request};
use crate::index::Index;
use crate::search::{Corpus, Searcher};

/// The worker thread's name; the panic hook leaves the terminal alone for it, since the
/// explorer goes on without search and shows why in the status bar.
pub const THREAD_NAME: &str = "search";

/// Ranks one query; highlight positions are left for the rows that get drawn.
pub fn answer(searcher: &mut Searcher, req: &Request) -> Action {
    Action::SearchResults(Found {
        generation: req.generation,
        results: searcher.search(&req.query, finder::options()),
    })
}

/// The event loop's end of the worker. Dropping it drops the request sender, which ends
/// the thread once its current search is done; nobody waits for that.
pub struct Worker {
    requests: Sender<Request>,
}

impl Worker {
    /// Starts the thread that builds the corpus for `index` and then serves, sending
    /// its news (ready, answers, failure) into `replies` as actions.
    pub fn start<M>(index: Arc<Index>, replies: Sender<M>) -> io::Result<Worker>
    where
        M: From<Action> + Send + 'static,
    {
        Worker::spawn(replies, move |requests, reply| {
            let searcher = Searcher::new(Arc::new(Corpus::new(index)));
            if reply(Action::SearchReady) {
                serve(searcher, &requests, reply);
            }
        })
    }

    /// Runs `body` on the worker thread with a way to reply (false once nobody
    /// listens). A panic becomes [`Action::SearchFailed`] with its message; a body that
    /// ends while the loop still listens is a failure too, as no answer would come.
    fn spawn<M>(
        replies: Sender<M>,
        body: impl FnOnce(Receiver<Request>, &dyn Fn(Action) -> bool) + Send + 'static,
    ) -> io::Result<Worker>
    where
        M: From<Action> + Send + 'static,
    {
        let (req_tx, req_rx) = mpsc::channel();
        thread::Builder::new()
            .name(THREAD_NAME.to_string())
            .spawn(move || {
                let reply = |a: Action| replies.send(M::from(a)).is_ok();
                // The searcher is dropped with the unwound closure; nothing shared with
                // the event loop is left half-updated, so unwind safety holds.
                let outcome = panic::catch_unwind(AssertUnwindSafe(|| body(req_rx, &reply)));
                let why = match outcome {
                    Err(payload) => panic_message(&*payload),
                    Ok(()) => "the search thread stopped".to_string(),
                };
                // After the loop hung up (the normal end) nobody hears this.
                reply(Action::SearchFailed(why));
            })?;
        Ok(Worker { requests: req_tx })
    }

    /// Hands a query to the thread. Never blocks; a thread that is gone has said so
    /// (or will) through the replies.
    pub fn submit(&self, req: Request) {
        let _ = self.requests.send(req);
    }
}

/// Answers queries until the event loop hangs up. Of the queries that queued up during a
/// search only the newest is run: the others are stale, and their answers would be
/// dropped anyway.
fn serve(mut searcher: Searcher, requests: &Receiver<Request>, reply: &dyn Fn(Action) -> bool) {
    while let Ok(mut req) = requests.recv() {
        while let Ok(newer) = requests.try_recv() {
            req = newer;
        }
        if !reply(answer(&mut searcher, &req)) {
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
        let searcher = Searcher::new(Arc::new(Corpus::new(fixture::index())));
        serve(searcher, &req_rx, &|a| rep_tx.send(a).is_ok());
        let answered: Vec<_> = rep_rx.try_iter().map(|a| generation(&a)).collect();
        assert_eq!(answered, [Some(3)]);
    }

    /// The thread's next reply, as the event loop receives it; the bound only turns a
    /// hang into a failure.
    fn wait(replies: &Receiver<Action>) -> Action {
        replies
            .recv_timeout(Duration::from_secs(30))
            .expect("the worker replies")
    }

    #[test]
    fn a_thread_answers_a_query() {
        let (tx, rx) = mpsc::channel();
        let w = Worker::start(Arc::new(fixture::index()), tx).unwrap();
        w.submit(request(1, "养"));
        assert_eq!(wait(&rx), Action::SearchReady);
        let Action::SearchResults(found) = wait(&rx) else {
            panic!("an answer")
        };
        assert_eq!(found.generation, 1);
        assert!(!found.results.is_empty());
        assert!(rx.try_recv().is_err(), "one query, one answer");
    }

    #[test]
    fn a_panic_becomes_a_failure_once() {
        let (tx, rx) = mpsc::channel();
        let _w = Worker::spawn(tx, |_, _| panic!("boom")).unwrap();
        assert_eq!(wait(&rx), Action::SearchFailed("boom".to_string()));
        // The thread has ended since, dropping its sender: no second failure.
        assert!(rx.recv().is_err(), "the thread has ended");
    }

    #[test]
    fn a_thread_that_ends_early_is_a_failure() {
        let (tx, rx) = mpsc::channel();
        let _w = Worker::spawn(tx, |_, _| {}).unwrap();
        assert!(matches!(wait(&rx), Action::SearchFailed(_)));
        assert!(rx.recv().is_err(), "the thread has ended");
    }
}
