//! The terminal progress bar of long CLI commands (`scan`).
//!
//! The library reports progress through [`duizhao::scan::progress::Progress`] callbacks and knows
//! nothing of terminals; this is the CLI's implementation, with `indicatif` bars on stderr when
//! stderr is a terminal.

use std::io::IsTerminal;
use std::sync::Mutex;

use duizhao::scan::progress::{Progress, Silent};
use indicatif::{ProgressBar, ProgressStyle};

/// Progress bars on stderr.
#[derive(Debug, Default)]
pub struct TerminalProgress {
    bar: Mutex<Option<ProgressBar>>,
}

impl TerminalProgress {
    /// Terminal bars when stderr is a terminal, silence otherwise (pipes, logs, tests).
    pub fn for_stderr() -> Box<dyn Progress + Send> {
        if std::io::stderr().is_terminal() { Box::new(TerminalProgress::default()) } else { Box::new(Silent) }
    }
}

impl Progress for TerminalProgress {
    fn phase(&self, name: &str, total: u64) {
        let Ok(mut slot) = self.bar.lock() else { return };
        if let Some(old) = slot.take() {
            old.finish_and_clear();
        }
        let bar = ProgressBar::new(total);
        if let Ok(style) = ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({eta})") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(name.to_string());
        *slot = Some(bar);
    }

    fn advance(&self, steps: u64) {
        if let Ok(slot) = self.bar.lock()
            && let Some(bar) = slot.as_ref()
        {
            bar.inc(steps);
        }
    }

    fn finish(&self) {
        if let Ok(mut slot) = self.bar.lock()
            && let Some(bar) = slot.take()
        {
            bar.finish_and_clear();
        }
    }
}
