//! Spreading independent pieces of work over the machine's cores.
//!
//! Loading, judging and rendering all have the same shape: many pieces that
//! share read-only inputs and produce results wanted in order. One helper
//! serves them, so the hand-over (a shared counter, results put back in
//! order) is written once.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The cores this process may use.
pub fn available() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` applied to every item on up to `threads` threads (this one among
/// them), the results in item order. Items are handed out one at a time as
/// threads come free, so put the long ones first. Each thread starts from
/// its own `init()`, for state that is costly to make and cannot be shared
/// (an engine, a buffer).
pub fn map_with<T, S, R>(
    items: &[T],
    threads: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    let work = || {
        let mut state = init();
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            out.push((i, f(&mut state, item)));
        }
        out
    };
    let threads = threads.clamp(1, items.len().max(1));
    let mut done = std::thread::scope(|s| {
        let others: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut done = work();
        for other in others {
            done.extend(other.join().expect("worker thread panicked"));
        }
        done
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// [`map_with`] without per-thread state.
pub fn map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_with(items, threads, || (), |(), item| f(item))
}

/// `f` applied to `items` cut into about `threads` runs of neighbours, one
/// run per thread, with the item just before each run (None for the first):
/// for work that is even per item and where a run shares set-up, such as a
/// position advanced from where the previous run ends. One result per run,
/// in order.
pub fn map_runs<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(Option<&T>, &[T]) -> R + Sync,
) -> Vec<R> {
    let run = items.len().div_ceil(threads.max(1)).max(1);
    let runs: Vec<(Option<&T>, &[T])> = items
        .chunks(run)
        .enumerate()
        .map(|(k, r)| (k.checked_sub(1).map(|p| &items[p * run + run - 1]), r))
        .collect();
    map(&runs, threads, |&(before, run)| f(before, run))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_item_order_whatever_the_threads() {
        let items: Vec<u64> = (0..1000).collect();
        for threads in [1, 2, 7] {
            let squares = map(&items, threads, |&n| {
                // Uneven work, so threads finish out of order.
                if n % 97 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                n * n
            });
            assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
            let runs: Vec<u64> = map_runs(&items, threads, |before, run| {
                // Each run sees the last item of the run before it.
                assert_eq!(before.copied(), run[0].checked_sub(1));
                run.iter().map(|n| n + 1).collect::<Vec<_>>()
            })
            .into_iter()
            .flatten()
            .collect();
            assert_eq!(runs, items.iter().map(|n| n + 1).collect::<Vec<_>>());
        }
    }

    #[test]
    fn each_thread_has_its_own_state() {
        let items = vec![1; 100];
        let counted = map_with(
            &items,
            3,
            || 0,
            |seen: &mut usize, _| {
                *seen += 1;
                *seen
            },
        );
        // Each thread counts its own share from 1: one start per thread
        // that took work, never more starts than threads.
        let starts = counted.iter().filter(|&&c| c == 1).count();
        assert!((1..=3).contains(&starts), "{starts} counters");
        assert_eq!(counted.len(), 100);
    }

    #[test]
    fn no_items_no_work() {
        let none: Vec<u8> = Vec::new();
        assert!(map(&none, 4, |_| unreachable!()).is_empty());
        assert!(map_runs(&none, 4, |_, _: &[u8]| -> u8 { unreachable!() }).is_empty());
    }
}
