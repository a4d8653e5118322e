//! The background thread "duizhao-analysis": loading files, running the analysis, computing diffs and
//! writing reports, so the UI thread only ever draws.
//!
//! Jobs go in over one channel, outcomes come back over another, and every outcome wakes the UI with
//! `request_repaint`. Outcomes carry the generation they were computed for; the app drops stale ones.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::analysis::{Analysis, AnalysisOptions};
use crate::diff::WordDiff;
use crate::model::Document;
use crate::text::Span;

use crate::error::{IngestError, ReportError};
use crate::report::{ReportFormat, ReportOptions};

/// Name of the background thread (shows up in debuggers and profilers).
pub const THREAD_NAME: &str = "duizhao-analysis";

/// One diff to compute: `(doc a, span a)` against `(doc b, span b)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DiffRequest {
    /// Document A.
    pub a: usize,
    /// Span in A.
    pub a_span: Span,
    /// Document B.
    pub b: usize,
    /// Span in B.
    pub b_span: Span,
}

/// A report to write. It lives with the worker that writes it, so the dialog, the commands and the
/// worker depend on it without depending on each other.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    /// Output path.
    pub path: PathBuf,
    /// Format.
    pub format: ReportFormat,
    /// Documents to include (`None` = all).
    pub documents: Option<Vec<usize>>,
    /// Include boilerplate passages.
    pub include_boilerplate: bool,
    /// Open the report when written.
    pub open_when_done: bool,
}

/// Write the report (runs on the worker thread): atomically, never over an input document.
pub fn write_report_file(analysis: &Analysis, request: &ExportRequest) -> Result<(), ReportError> {
    let options =
        ReportOptions { documents: request.documents.clone(), include_boilerplate: request.include_boilerplate };
    crate::report::write_report(analysis, &request.path, request.format, &options)
}

/// Work for the background thread.
pub enum Job {
    /// Load the bundled corpus.
    LoadCorpus,
    /// Load files from disk.
    Load(Vec<PathBuf>),
    /// Analyse a set of documents.
    Analyse {
        /// Generation number of this analysis.
        generation: u64,
        /// The documents, ids already assigned.
        documents: Vec<Document>,
        /// Options to run with.
        options: AnalysisOptions,
    },
    /// Compute a batch of diffs on an analysis.
    Diffs {
        /// Generation of `analysis`.
        generation: u64,
        /// Which batch this is (echoed back).
        batch: u64,
        /// The analysis to diff in.
        analysis: Arc<Analysis>,
        /// The diffs wanted.
        requests: Vec<DiffRequest>,
    },
    /// Write a report.
    Export {
        /// The analysis to report.
        analysis: Arc<Analysis>,
        /// Where and how.
        request: ExportRequest,
    },
}

/// A file that was loaded, or why it could not be.
pub struct LoadedFile {
    /// The path asked for (`None` for corpus documents).
    pub path: Option<PathBuf>,
    /// The document, or why not (the app words it in the UI language).
    pub result: Result<Document, IngestError>,
}

/// What the background thread reports back.
pub enum Outcome {
    /// Files were read.
    Loaded(Vec<LoadedFile>),
    /// An analysis finished.
    Analysed {
        /// Its generation.
        generation: u64,
        /// The result.
        analysis: Arc<Analysis>,
        /// How long it took.
        elapsed: Duration,
    },
    /// A diff batch finished.
    Diffs {
        /// Generation of the analysis diffed.
        generation: u64,
        /// The batch number from the job.
        batch: u64,
        /// One diff per request, in request order.
        diffs: Arc<Vec<WordDiff>>,
    },
    /// A job hit a bug and was abandoned; the panic hook wrote a crash report.
    Crashed {
        /// What the job was doing: "load", "analyse", "diff" or "export".
        job: &'static str,
        /// Where the crash report is, if it could be written.
        report: Option<PathBuf>,
    },
    /// A report was written (or not).
    Exported {
        /// The output path.
        path: PathBuf,
        /// Why writing failed, if it did (the app words it in the UI language).
        result: Result<(), ReportError>,
        /// Open the report when done.
        open: bool,
    },
}

/// Handle to the background thread.
pub struct Worker {
    jobs: Sender<Job>,
    outcomes: Receiver<Outcome>,
    _thread: JoinHandle<()>,
}

impl Worker {
    /// Start the thread. `ctx` is woken whenever an outcome is ready.
    pub fn spawn(ctx: egui::Context) -> std::io::Result<Worker> {
        let (jobs, job_rx) = channel::<Job>();
        let (outcome_tx, outcomes) = channel::<Outcome>();
        let thread = std::thread::Builder::new().name(THREAD_NAME.to_owned()).spawn(move || {
            // The jieba dictionary takes a moment: load it before the first analysis needs it.
            crate::segment::warm_up();
            run_jobs(&job_rx, &outcome_tx, &ctx);
        })?;
        Ok(Worker { jobs, outcomes, _thread: thread })
    }

    /// Queue a job. Returns false when the thread is gone (the app reports that once).
    pub fn send(&self, job: Job) -> bool {
        self.jobs.send(job).is_ok()
    }

    /// The next finished outcome, if any.
    pub fn try_recv(&self) -> Option<Outcome> {
        self.outcomes.try_recv().ok()
    }
}

fn run_jobs(jobs: &Receiver<Job>, outcomes: &Sender<Outcome>, ctx: &egui::Context) {
    while let Ok(first) = jobs.recv() {
        // Drain what queued up meanwhile: only the newest analysis is worth running.
        let mut batch = vec![first];
        loop {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => break,
            }
        }
        let newest_analysis = batch
            .iter()
            .filter_map(|job| if let Job::Analyse { generation, .. } = job { Some(*generation) } else { None })
            .max();
        for job in batch {
            let kind = job.kind();
            // A bug in one job must not take the thread (and with it every later job) down: the
            // panic hook has already written a crash report, the app tells the user where.
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_job(job, newest_analysis)))
                .unwrap_or_else(|_| Some(Outcome::Crashed { job: kind, report: crate::crash::last_report() }));
            if let Some(outcome) = outcome {
                if outcomes.send(outcome).is_err() {
                    return; // the app is gone
                }
                ctx.request_repaint();
            }
        }
    }
}

impl Job {
    /// Short name of the job, for messages.
    fn kind(&self) -> &'static str {
        match self {
            Job::LoadCorpus | Job::Load(_) => "load",
            Job::Analyse { .. } => "analyse",
            Job::Diffs { .. } => "diff",
            Job::Export { .. } => "export",
        }
    }
}

/// Run one job; `None` when it was superseded by a newer analysis.
fn run_job(job: Job, newest_analysis: Option<u64>) -> Option<Outcome> {
    match job {
        Job::LoadCorpus => Some(Outcome::Loaded(corpus_documents())),
        Job::Load(paths) => Some(Outcome::Loaded(paths.into_iter().map(load_path).collect())),
        Job::Analyse { generation, documents, options } => {
            if Some(generation) == newest_analysis {
                let started = Instant::now();
                let analysis = Arc::new(Analysis::run(documents, &options));
                Some(Outcome::Analysed { generation, analysis, elapsed: started.elapsed() })
            } else {
                None
            }
        }
        Job::Diffs { generation, batch, analysis, requests } => {
            if newest_analysis.is_some_and(|newest| newest > generation) {
                None
            } else {
                let diffs = requests
                    .iter()
                    .map(|r| analysis.diff_spans(r.a, r.a_span, r.b, r.b_span).unwrap_or_default())
                    .collect();
                Some(Outcome::Diffs { generation, batch, diffs: Arc::new(diffs) })
            }
        }
        Job::Export { analysis, request } => {
            let result = write_report_file(&analysis, &request);
            Some(Outcome::Exported { path: request.path.clone(), result, open: request.open_when_done })
        }
    }
}

/// Read one file into a document (its final id is assigned by the app).
fn load_path(path: PathBuf) -> LoadedFile {
    let result = crate::load::load_file(&path, String::new());
    LoadedFile { path: Some(path), result }
}

/// The five corpus documents bundled into the binary.
fn corpus_documents() -> Vec<LoadedFile> {
    crate::corpus::embedded_documents()
        .into_iter()
        .map(|document| LoadedFile { path: None, result: Ok(document) })
        .collect()
}
