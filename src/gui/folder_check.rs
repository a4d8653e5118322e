//! "Check against a folder…": one loaded document (the draft) against every policy in a folder,
//! on a named background thread with progress and cancel. The scan itself is
//! [`crate::scan::check_draft`]; this file only runs it and keeps its state for the panel.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use crate::model::Document;
use crate::report::check::CheckReport;
use crate::scan::progress::{AtomicProgress, Control, Progress};
use crate::scan::{ScanError, ScanOptions, Skipped};

/// One corpus document the draft reuses from.
#[derive(Clone, Debug, PartialEq)]
pub struct FolderHit {
    /// Absolute path of the corpus document.
    pub path: PathBuf,
    /// Path relative to the folder, for display.
    pub relative: PathBuf,
    /// Chars of the draft covered by passages shared with this document.
    pub reused_chars: usize,
    /// Share of the draft.
    pub draft_ratio: f32,
    /// Share of the corpus document.
    pub doc_ratio: f32,
    /// Number of shared passages.
    pub passages: usize,
}

/// What a finished check found.
#[derive(Clone, Debug, PartialEq)]
pub struct FolderCheckOutcome {
    /// The folder checked.
    pub folder: PathBuf,
    /// Index of the draft among the loaded documents when the check started.
    pub draft: usize,
    /// Readable documents in the folder's index.
    pub documents: usize,
    /// Documents reused from, most reused first.
    pub hits: Vec<FolderHit>,
    /// Files the scan could not use, with the reason.
    pub skipped: Vec<Skipped>,
    /// The 查重 report of the check, built on the check's thread (word marks included), so that
    /// exporting it only renders and writes.
    pub report: Arc<CheckReport>,
}

/// Why a folder check gave no result; shown in the dialog after "检查失败" (or its English).
#[derive(Debug, thiserror::Error)]
pub enum FolderCheckError {
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
    /// The scan failed (the folder cannot be read, its index cannot be written).
    #[error(transparent)]
    Scan(ScanError),
    /// The check's thread could not be started.
    #[error("cannot start the folder check: {0}")]
    Thread(std::io::Error),
    /// The check's thread ended without sending a result.
    #[error("the folder check stopped unexpectedly")]
    Stopped,
}

impl From<ScanError> for FolderCheckError {
    fn from(error: ScanError) -> FolderCheckError {
        match error {
            ScanError::Cancelled => FolderCheckError::Cancelled,
            other => FolderCheckError::Scan(other),
        }
    }
}

/// A check under way.
pub struct RunningCheck {
    /// Progress the panel polls.
    pub progress: Arc<AtomicProgress>,
    cancel: Arc<AtomicBool>,
    receiver: mpsc::Receiver<Result<FolderCheckOutcome, FolderCheckError>>,
}

impl RunningCheck {
    /// Ask the scan to stop at the next file.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The result, once the thread has finished.
    pub fn poll(&self) -> Option<Result<FolderCheckOutcome, FolderCheckError>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(FolderCheckError::Stopped)),
        }
    }
}

/// State of the dialog.
#[derive(Default)]
pub struct FolderCheckState {
    /// The dialog is shown.
    pub open: bool,
    /// Folder as typed or picked.
    pub folder: String,
    /// Index of the draft among the loaded documents.
    pub draft: usize,
    /// The check under way.
    pub running: Option<RunningCheck>,
    /// The last result (or why it failed).
    pub result: Option<Result<FolderCheckOutcome, FolderCheckError>>,
    /// A hit being loaded: once it is analysed, show it next to the draft.
    pub pending_open: Option<(usize, PathBuf)>,
    /// Where to write the 查重 report, as typed or picked.
    pub report_path: String,
    /// A report path that exists: the dialog asks before replacing it.
    pub confirm_report: Option<PathBuf>,
}

/// Start checking `draft_document` against `folder` on the thread "duizhao-folder-check". The
/// thread builds the 查重 report too, and wakes the UI through `ctx` when it is done.
pub fn start(
    ctx: &egui::Context,
    folder: &Path,
    draft: usize,
    draft_document: Document,
    analysis: &crate::analysis::AnalysisOptions,
) -> Result<RunningCheck, FolderCheckError> {
    let progress = Arc::new(AtomicProgress::default());
    let cancel = Arc::new(AtomicBool::new(false));
    let (sender, receiver) = mpsc::channel();
    let thread_progress = Arc::clone(&progress);
    let thread_cancel = Arc::clone(&cancel);
    let folder = folder.to_path_buf();
    let ctx = ctx.clone();
    // The app's own reuse settings and normalisation: a hit opened side by side shows the same
    // passages and ratios as the folder check listed.
    let options = ScanOptions { reuse: analysis.reuse, normalize: analysis.normalize, ..ScanOptions::default() };
    std::thread::Builder::new()
        .name("duizhao-folder-check".into())
        .spawn(move || {
            let progress: &dyn Progress = &*thread_progress;
            let control = Control::new(progress, &thread_cancel);
            let result = crate::scan::check_draft(&folder, &draft_document.text, &options, &control)
                .map(|(opened, query)| {
                    let hits = query
                        .hits
                        .iter()
                        .map(|hit| FolderHit {
                            path: opened.index.path_of(hit.entry),
                            relative: hit.path.clone(),
                            reused_chars: hit.reused_chars,
                            draft_ratio: hit.draft_ratio,
                            doc_ratio: hit.doc_ratio,
                            passages: hit.passages.len(),
                        })
                        .collect();
                    let mut skipped = opened.skipped.clone();
                    skipped.extend(query.skipped.iter().cloned());
                    let report = CheckReport::build(&draft_document, &folder, &opened, &query, &options.reuse);
                    FolderCheckOutcome {
                        folder: folder.clone(),
                        draft,
                        documents: opened.index.entries.iter().filter(|e| e.error.is_none()).count(),
                        hits,
                        skipped,
                        report: Arc::new(report),
                    }
                })
                .map_err(FolderCheckError::from);
            thread_progress.finish();
            // The UI may have gone away; then nobody needs the result.
            let _ = sender.send(result);
            ctx.request_repaint();
        })
        .map_err(FolderCheckError::Thread)?;
    Ok(RunningCheck { progress, cancel, receiver })
}
