//! Long work without freezing the page: run a slice of a few milliseconds, let the event loop in
//! (input, painting), and go on; a newer run of the same kind stops an older one at its next
//! yield. A dataset file's load (`load_file`) and the Monte Carlo (`pages::uncertainty`) use it.

use super::browser::clock_ms;
use std::cell::Cell;
use std::thread::LocalKey;

/// Which run of a kind is the newest (one per kind, in a `thread_local!`).
#[derive(Default)]
pub struct Newest(Cell<u64>);

impl Newest {
    pub const fn new() -> Newest {
        Newest(Cell::new(0))
    }
}

/// Makes a new run the newest of its kind, and gives the test of whether it still is.
pub fn start(kind: &'static LocalKey<Newest>) -> impl Fn() -> bool + Copy + 'static {
    let me = kind.with(|n| {
        n.0.set(n.0.get() + 1);
        n.0.get()
    });
    move || kind.with(|n| n.0.get() == me)
}

/// Stops the run of this kind under way, if any (at its next yield).
pub fn stop(kind: &'static LocalKey<Newest>) {
    kind.with(|n| n.0.set(n.0.get() + 1));
}

/// Runs `slice` until it returns a result, each call for about `slice_ms` (it is given the test
/// of whether its time is up), with a yield to the event loop between calls. The result and the
/// milliseconds spent in slices (not in the gaps); `None` if `wanted` turns false after a yield.
pub async fn in_slices<T>(slice_ms: f64, mut slice: impl FnMut(&mut dyn FnMut() -> bool) -> Option<T>, wanted: impl Fn() -> bool) -> Option<(T, f64)> {
    let mut spent = 0.0;
    loop {
        let t0 = clock_ms();
        let out = slice(&mut || clock_ms() - t0 > slice_ms);
        spent += clock_ms() - t0;
        if let Some(result) = out {
            return Some((result, spent));
        }
        gloo_timers::future::TimeoutFuture::new(0).await;
        if !wanted() {
            return None;
        }
    }
}
