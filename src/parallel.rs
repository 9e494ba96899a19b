//! Work over many SOPs on several threads, with results in input order: `build` renders
//! SOPs in parallel and still prints and returns exactly what a one-thread run gives.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// Results waiting for the ones before them.
struct InOrder<R, D> {
    next: usize,
    pending: BTreeMap<usize, R>,
    results: Vec<R>,
    done: D,
}

impl<R, D: FnMut(usize, &R)> InOrder<R, D> {
    fn put(&mut self, i: usize, r: R) {
        self.pending.insert(i, r);
        while let Some(r) = self.pending.remove(&self.next) {
            (self.done)(self.next, &r);
            self.results.push(r);
            self.next += 1;
        }
    }
}

/// Runs `f` on every item with up to `jobs` threads and returns the results in item
/// order. `done` sees each result in item order too, as soon as it and every result
/// before it are ready (to print progress as a one-thread run would). With one job,
/// or one item, everything runs on the calling thread.
pub fn map_in_order<T, R, F, D>(jobs: usize, items: &[T], f: F, done: D) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
    D: FnMut(usize, &R) + Send,
{
    let state = Mutex::new(InOrder {
        next: 0,
        pending: BTreeMap::new(),
        results: Vec::with_capacity(items.len()),
        done,
    });
    let put = |i: usize, r: R| match state.lock() {
        Ok(mut s) => s.put(i, r),
        // A panic in `done` poisoned the lock; carry on so every item is still returned.
        Err(poisoned) => poisoned.into_inner().put(i, r),
    };
    let threads = jobs.min(items.len());
    if threads <= 1 {
        for (i, item) in items.iter().enumerate() {
            put(i, f(item));
        }
    } else {
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        put(i, f(item));
                    }
                });
            }
        });
    }
    match state.into_inner() {
        Ok(s) => s.results,
        Err(poisoned) => poisoned.into_inner().results,
    }
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
    fn jobs_is_at_least_one() {
        assert_eq!(jobs(Some(0)), 1);
        assert_eq!(jobs(Some(3)), 3);
        assert!(jobs(None) >= 1);
    }
}
