//! Progress reporting and cancellation for long scans.
//!
//! The scan calls a [`Progress`] from worker threads; the CLI draws terminal bars from it (in the
//! binary, so the library does not depend on a terminal crate), the GUI polls an
//! [`AtomicProgress`]. Every loop over files or documents checks the cancel flag through
//! [`Control::check`].

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::ScanError;

/// Receives progress of a scan. Called from several threads at once.
pub trait Progress: Sync {
    /// A new phase starts ("indexing", "comparing", …) with `total` steps (0 when unknown).
    fn phase(&self, name: &str, total: u64);
    /// `steps` more steps of the current phase are done.
    fn advance(&self, steps: u64);
    /// The scan is over (finished, failed or cancelled).
    fn finish(&self);
}

/// Progress that goes nowhere.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {
    fn phase(&self, _name: &str, _total: u64) {}
    fn advance(&self, _steps: u64) {}
    fn finish(&self) {}
}

/// Progress a GUI can poll from its frame loop.
#[derive(Debug, Default)]
pub struct AtomicProgress {
    phase: Mutex<String>,
    done: AtomicU64,
    total: AtomicU64,
    finished: AtomicBool,
}

impl AtomicProgress {
    /// `(phase, done, total, finished)` right now.
    pub fn snapshot(&self) -> (String, u64, u64, bool) {
        let phase = self.phase.lock().map(|p| p.clone()).unwrap_or_default();
        (
            phase,
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
            self.finished.load(Ordering::Relaxed),
        )
    }
}

impl Progress for AtomicProgress {
    fn phase(&self, name: &str, total: u64) {
        if let Ok(mut phase) = self.phase.lock() {
            *phase = name.to_string();
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    fn advance(&self, steps: u64) {
        self.done.fetch_add(steps, Ordering::Relaxed);
    }

    fn finish(&self) {
        self.finished.store(true, Ordering::Relaxed);
    }
}

/// What a scan reports to and is stopped by.
#[derive(Clone, Copy)]
pub struct Control<'a> {
    /// Where progress goes.
    pub progress: &'a dyn Progress,
    /// Set to true to stop the scan at the next file or document.
    pub cancel: &'a AtomicBool,
}

impl<'a> Control<'a> {
    /// A control with the given progress and cancel flag.
    pub fn new(progress: &'a dyn Progress, cancel: &'a AtomicBool) -> Self {
        Self { progress, cancel }
    }

    /// `Err(Cancelled)` once the cancel flag is set.
    pub fn check(&self) -> Result<(), ScanError> {
        if self.cancel.load(Ordering::Relaxed) { Err(ScanError::Cancelled) } else { Ok(()) }
    }

    /// True once the cancel flag is set.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

impl std::fmt::Debug for Control<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control").field("cancelled", &self.cancelled()).finish()
    }
}
