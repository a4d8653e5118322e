//! Start-up timing for the benchmark in BENCHMARKS.md: with `DUIZHAO_TIMING=1` the app prints how
//! long after process start the first frame and the first analysed frame were drawn.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
static FIRST_FRAME: AtomicBool = AtomicBool::new(false);
static FIRST_READY: AtomicBool = AtomicBool::new(false);

/// Remember when the process started (call first thing in `main`).
pub fn mark_start() {
    START.get_or_init(Instant::now);
}

/// Called after each frame; prints the two start-up milestones once when timing is asked for.
pub fn frame_drawn(ready: bool) {
    let Some(start) = START.get() else {
        return;
    };
    if std::env::var_os("DUIZHAO_TIMING").is_none() {
        return;
    }
    if !FIRST_FRAME.swap(true, Ordering::Relaxed) {
        eprintln!("duizhao: first frame after {} ms", start.elapsed().as_millis());
    }
    if ready && !FIRST_READY.swap(true, Ordering::Relaxed) {
        eprintln!("duizhao: analysis on screen after {} ms", start.elapsed().as_millis());
    }
}
