//! Work over many SOPs on several threads, with results in input order: `build` renders
//! SOPs in parallel and still prints and returns exactly what a one-thread run gives.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// Environment variable that sets the default number of threads of `sopc build`.
pub const JOBS_ENV: &str = "SOPC_JOBS";

/// The number of threads to use: `requested` when given, else `SOPC_JOBS`, else the
/// number of cores. At least 1.
pub fn jobs(requested: Option<usize>) -> usize {
    requested
        .or_else(|| std::env::var(JOBS_ENV).ok()?.trim().parse().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .max(1)
}

/// Runs `f` on every item with up to `jobs` threads and returns the results in item
/// order. `done` sees each result in item order too, as soon as it and every result
/// before it are ready (to print progress as a one-thread run would). With one job,
/// or one item, everything runs on the calling thread.
pub fn map_in_order<T, R, F, D>(jobs: usize, items: &[T], f: F, mut done: D) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
    D: FnMut(usize, &R) + Send,
{
    let mut results = Vec::with_capacity(items.len());
    // Every result is kept anyway, so no thread needs to wait for the sink.
    let all: Result<(), std::convert::Infallible> = for_each_in_order(
        jobs,
        items,
        items.len(),
        |item| Ok(f(item)),
        |i, r| {
            done(i, &r);
            results.push(r);
            Ok(())
        },
    );
    match all {
        Ok(()) => results,
    }
}

/// The state [`for_each_in_order`] shares between its threads.
struct Stream<R, S, E> {
    /// The next item to hand to the sink.
    next: usize,
    pending: BTreeMap<usize, Result<R, E>>,
    sink: S,
    error: Option<E>,
}

/// Runs `f` on every item with up to `jobs` threads and hands each result to `sink` in
/// item order, as soon as it and every result before it are ready; results are not
/// kept. A thread does not start an item more than `window` items ahead of the sink, so
/// at most about `window + jobs` results are held at once, however many items there
/// are. The first error in item order, of `f` or of `sink`, stops the work (items
/// under way are finished and dropped) and is returned; every result before it has
/// been handed to `sink`, whatever the number of threads.
pub fn for_each_in_order<T, R, E, F, S>(
    jobs: usize,
    items: &[T],
    window: usize,
    f: F,
    sink: S,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
    E: Send,
    F: Fn(&T) -> Result<R, E> + Sync,
    S: FnMut(usize, R) -> Result<(), E> + Send,
{
    let window = window.max(1);
    let state = Mutex::new(Stream {
        next: 0,
        pending: BTreeMap::new(),
        sink,
        error: None,
    });
    let ready = Condvar::new();
    let stop = AtomicBool::new(false);
    // A panic elsewhere poisons the lock; the state is still consistent.
    let lock = || {
        state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    let put = |i: usize, r: Result<R, E>| {
        let mut s = lock();
        s.pending.insert(i, r);
        // In item order: an error stops the stream only when every result before it
        // has been handed on, so what was written is the same for any number of threads.
        while s.error.is_none() {
            let next = s.next;
            let Some(r) = s.pending.remove(&next) else {
                break;
            };
            if let Err(e) = r.and_then(|r| (s.sink)(next, r)) {
                s.error = Some(e);
                stop.store(true, Ordering::Relaxed);
            }
            s.next += 1;
        }
        if s.error.is_some() {
            s.pending.clear();
        }
        drop(s);
        ready.notify_all();
    };
    let threads = jobs.min(items.len());
    if threads <= 1 {
        for (i, item) in items.iter().enumerate() {
            put(i, f(item));
            if stop.load(Ordering::Relaxed) {
                break;
            }
        }
    } else {
        let claimed = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    loop {
                        let i = claimed.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        // Wait until the sink is within `window` of this item. The item
                        // the sink waits for was claimed earlier, by a thread that is
                        // not waiting here, so this always ends.
                        let mut s: MutexGuard<'_, _> = lock();
                        while i >= s.next + window && !stop.load(Ordering::Relaxed) {
                            s = ready
                                .wait(s)
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                        }
                        drop(s);
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        put(i, f(item));
                    }
                });
            }
        });
    }
    let s = state
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    s.error.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_and_callbacks_come_in_item_order() {
        let items: Vec<u64> = (0..200).collect();
        for jobs in [1, 2, 7] {
            let mut seen = Vec::new();
            let out = map_in_order(
                jobs,
                &items,
                |&x| {
                    // Uneven work, so threads finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((x * 37) % 11));
                    x * x
                },
                |i, r| seen.push((i, *r)),
            );
            assert_eq!(out, items.iter().map(|x| x * x).collect::<Vec<_>>());
            assert_eq!(seen, out.iter().copied().enumerate().collect::<Vec<_>>());
        }
    }

    #[test]
    fn streamed_results_come_in_order_and_never_too_many_wait() {
        let items: Vec<u64> = (0..300).collect();
        for (jobs, window) in [(1, 1), (2, 1), (3, 4), (7, 16)] {
            let held = AtomicUsize::new(0);
            let most = AtomicUsize::new(0);
            let mut seen = Vec::new();
            let result: Result<(), ()> = for_each_in_order(
                jobs,
                &items,
                window,
                |&x| {
                    std::thread::sleep(std::time::Duration::from_micros((x * 37) % 11));
                    let now = held.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    Ok(x * x)
                },
                |i, r| {
                    held.fetch_sub(1, Ordering::SeqCst);
                    seen.push((i, r));
                    Ok(())
                },
            );
            assert_eq!(result, Ok(()));
            let want: Vec<(usize, u64)> = items.iter().map(|&x| (x as usize, x * x)).collect();
            assert_eq!(seen, want, "jobs {jobs}");
            assert!(most.load(Ordering::SeqCst) <= window + jobs, "jobs {jobs}");
        }
    }

    #[test]
    fn the_first_error_stops_the_stream() {
        let items: Vec<u64> = (0..1000).collect();
        for jobs in [1, 2, 4] {
            let mut sunk = Vec::new();
            let result = for_each_in_order(
                jobs,
                &items,
                8,
                |&x| if x == 50 { Err(x) } else { Ok(x) },
                |_, r| {
                    sunk.push(r);
                    if r == 500 { Err(r) } else { Ok(()) }
                },
            );
            assert_eq!(result, Err(50), "jobs {jobs}");
            assert_eq!(sunk, (0..50).collect::<Vec<_>>(), "jobs {jobs}");
            let result = for_each_in_order(
                jobs,
                &items,
                8,
                |&x| Ok(x),
                |_, r| {
                    if r == 500 { Err(r) } else { Ok(()) }
                },
            );
            assert_eq!(result, Err(500), "jobs {jobs}");
        }
    }

    #[test]
    fn jobs_is_at_least_one() {
        assert_eq!(jobs(Some(0)), 1);
        assert_eq!(jobs(Some(3)), 3);
        assert!(jobs(None) >= 1);
    }
}
