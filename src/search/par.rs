//! Work split over the cores with scoped threads: a keystroke over a million figures
//! scores hundreds of thousands of texts, and a second core halves that.
//!
//! Small inputs stay on the calling thread: spawning costs tens of microseconds, more
//! than scoring a few thousand texts.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Threads worth using; never more than the machine has.
fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(8)
    })
}

/// `f` of each `chunk`-long piece of `items`, in order. Pieces are handed out one at a
/// time, so a thread that drew expensive texts does not hold the others up.
pub(crate) fn map_chunks<T, R, F>(items: &[T], chunk: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&[T]) -> R + Sync,
{
    let pieces: Vec<&[T]> = items.chunks(chunk.max(1)).collect();
    let threads = threads().min(pieces.len());
    if threads <= 1 {
        return pieces.into_iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&piece) = pieces.get(i) else { break };
            out.push((i, f(piece)));
        }
        out
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut done = work();
        for h in helpers {
            match h.join() {
                Ok(part) => done.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Runs `a` and `b` at the same time when there is a second core.
pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    if threads() <= 1 {
        return (a(), b());
    }
    std::thread::scope(|s| {
        let hb = s.spawn(b);
        let ra = a();
        match hb.join() {
            Ok(rb) => (ra, rb),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_come_back_in_order() {
        let items: Vec<u32> = (0..10_000).collect();
        let sums = map_chunks(&items, 7, |p| p.iter().map(|&x| u64::from(x)).sum::<u64>());
        assert_eq!(sums.len(), 10_000usize.div_ceil(7));
        assert_eq!(sums.iter().sum::<u64>(), 9_999 * 10_000 / 2);
        assert_eq!(sums[0], 21);
        assert!(map_chunks(&[] as &[u32], 7, <[u32]>::len).is_empty());
    }

    #[test]
    fn join_runs_both() {
        assert_eq!(join(|| 1, || "b"), (1, "b"));
    }
}
