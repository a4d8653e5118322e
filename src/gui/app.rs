//! The application: saved settings, runtime state, the worker connection, and the one `show` method
//! that draws a frame (called by eframe and by the egui_kittest harness alike).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::align::AlignmentOverride;
use crate::analysis::Analysis;
use crate::diff::WordDiff;
use crate::model::Document;
use crate::text::Span;

use super::commands::{Command, View};
use super::compare::{Change, PairLayout};
use super::i18n::{Text, Tr};
use super::panels;
use super::screenshot::ScreenshotPlan;
use super::settings::Settings;
use super::widgets::marked_text::GalleyCache;
use super::worker::{DiffRequest, Job, LoadedFile, Outcome, Worker};

/// Where the documents come from at start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartWith {
    /// The five corpus documents bundled into the binary.
    Corpus,
    /// Files named on the command line.
    Files(Vec<PathBuf>),
    /// Nothing.
    Nothing,
}

/// A diff batch: requested, or computed.
#[derive(Clone, Debug)]
pub enum DiffState {
    /// Sent to the worker.
    Pending,
    /// One diff per request.
    Ready(Arc<Vec<WordDiff>>),
}

/// State of the side-by-side view.
#[derive(Clone, Debug, Default)]
pub struct SideBySideState {
    /// Left document.
    pub left: usize,
    /// Right document.
    pub right: usize,
    /// The pairing for (left, right) of the current analysis.
    pub layout: Option<Arc<PairLayout>>,
    /// Diff batch of the layout's aligned rows.
    pub diff_batch: Option<u64>,
    /// Index into the visible changes the user navigated to.
    pub current_change: Option<usize>,
    /// Text of the find box.
    pub find: String,
    /// Index of the current find match.
    pub current_match: Option<usize>,
    /// Find box is shown.
    pub find_open: bool,
    /// Scroll so that this (doc, char offset) is in view on the next frame.
    pub reveal: Option<(usize, usize)>,
    /// Scroll offset to apply on the next frame.
    pub scroll_to: Option<f32>,
    /// Focus the find box on the next frame.
    pub focus_find: bool,
}

/// State of the topic view.
#[derive(Clone, Debug, Default)]
pub struct TopicState {
    /// Alignment row shown.
    pub row: usize,
    /// Base document the others are compared with.
    pub base: usize,
    /// Diff batch: for each other document with a cell, base vs that document.
    pub diff_batch: Option<(u64, usize, usize)>,
}

/// Sort order of the passage list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PassageSort {
    /// Longest first.
    #[default]
    Length,
    /// Most similar first.
    Similarity,
    /// By document pair and position.
    Documents,
    /// Exact before edited.
    Kind,
}

/// State of the reuse overview.
#[derive(Clone, Debug, Default)]
pub struct ReuseViewState {
    /// Sort order.
    pub sort: PassageSort,
    /// Show exact passages.
    pub hide_exact: bool,
    /// Show edited passages.
    pub hide_edited: bool,
}

/// State of the export dialog.
#[derive(Clone, Debug, Default)]
pub struct ExportState {
    /// The dialog is open.
    pub open: bool,
    /// The form.
    pub form: panels::export::ExportForm,
    /// A report is being written.
    pub busy: bool,
}

/// A message shown in the message bar until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The text, naming the file concerned.
    pub text: String,
    /// True for errors, false for notices.
    pub error: bool,
}

/// The Duizhao window.
pub struct App {
    /// Persisted settings.
    pub settings: Settings,
    /// The current view.
    pub view: View,
    documents: Vec<Document>,
    overrides: Vec<AlignmentOverride>,
    analysis: Option<Arc<Analysis>>,
    /// Generation of the newest analysis requested.
    generation: u64,
    analysing: bool,
    loads_pending: usize,
    last_analysis_time: Option<Duration>,
    worker: Option<Worker>,
    start: Option<StartWith>,
    messages: Vec<Message>,
    diffs: HashMap<u64, DiffState>,
    next_batch: u64,
    /// Side-by-side view state.
    pub side: SideBySideState,
    /// Topic view state.
    pub topic: TopicState,
    /// Reuse overview state.
    pub reuse_view: ReuseViewState,
    /// Export dialog state.
    pub export: ExportState,
    /// "Check against a folder…" dialog state.
    pub folder_check: super::folder_check::FolderCheckState,
    /// Dates being edited in the documents view.
    pub date_edits: HashMap<usize, String>,
    /// Laid-out text.
    pub galleys: GalleyCache,
    commands: Vec<Command>,
    applied_theme: Option<super::theme::ThemeChoice>,
    fonts_installed: bool,
    landed: bool,
    screenshot: Option<ScreenshotPlan>,
}

impl App {
    /// A new app that will load `start` once its first frame runs.
    pub fn new(settings: Settings, start: StartWith) -> App {
        App {
            settings,
            view: View::SideBySide,
            documents: Vec::new(),
            overrides: Vec::new(),
            analysis: None,
            generation: 0,
            analysing: false,
            loads_pending: 0,
            last_analysis_time: None,
            worker: None,
            start: Some(start),
            messages: Vec::new(),
            diffs: HashMap::new(),
            next_batch: 0,
            side: SideBySideState::default(),
            topic: TopicState::default(),
            reuse_view: ReuseViewState::default(),
            export: ExportState::default(),
            folder_check: Default::default(),
            date_edits: HashMap::new(),
            galleys: GalleyCache::default(),
            commands: Vec::new(),
            applied_theme: None,
            fonts_installed: false,
            landed: false,
            screenshot: None,
        }
    }

    /// Take a screenshot of `plan.view` once the analysis is shown, then close.
    pub fn with_screenshot(mut self, plan: ScreenshotPlan) -> App {
        self.view = plan.view;
        self.screenshot = Some(plan);
        self
    }

    // ----- read access for panels and tests -----

    /// The current analysis, once one finished.
    pub fn analysis(&self) -> Option<&Arc<Analysis>> {
        self.analysis.as_ref()
    }

    /// True when documents are loaded, analysed, and no work is pending.
    pub fn is_ready(&self) -> bool {
        self.analysis.is_some() && !self.analysing && self.loads_pending == 0 && self.start.is_none()
    }

    /// True while loading or analysing.
    pub fn is_busy(&self) -> bool {
        self.analysing || self.loads_pending > 0 || self.start.is_some()
    }

    /// The loaded documents, in order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Messages currently shown.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// Manual alignment corrections.
    pub fn overrides(&self) -> &[AlignmentOverride] {
        &self.overrides
    }

    /// The UI strings in the chosen language.
    pub fn tr(&self) -> Tr {
        Tr::new(self.settings.language)
    }

    /// Generation of the newest analysis requested (document indices mean something else after it).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How long the last analysis took.
    pub fn last_analysis_time(&self) -> Option<Duration> {
        self.last_analysis_time
    }

    /// Queue a command (applied at the end of the frame).
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The diffs of the side-by-side layout's aligned rows, if computed.
    pub fn side_diffs(&self) -> Option<Arc<Vec<WordDiff>>> {
        match self.diffs.get(&self.side.diff_batch?)? {
            DiffState::Ready(diffs) => Some(diffs.clone()),
            DiffState::Pending => None,
        }
    }

    /// The diffs of the topic view (one per non-base document with a cell, in document order).
    pub fn topic_diffs(&self) -> Option<Arc<Vec<WordDiff>>> {
        let (batch, row, base) = self.topic.diff_batch?;
        if row != self.topic.row || base != self.topic.base {
            return None;
        }
        match self.diffs.get(&batch)? {
            DiffState::Ready(diffs) => Some(diffs.clone()),
            DiffState::Pending => None,
        }
    }

    /// The navigable changes of the side-by-side view under the current toggles.
    pub fn side_changes(&self) -> Vec<Change> {
        match (&self.side.layout, self.side_diffs()) {
            (Some(layout), Some(diffs)) => super::compare::changes(layout, &diffs, &self.settings.marks),
            _ => Vec::new(),
        }
    }

    /// Request diffs from the worker; returns the batch number.
    fn request_diffs(&mut self, requests: Vec<DiffRequest>) -> Option<u64> {
        let analysis = self.analysis.clone()?;
        let worker = self.worker.as_ref()?;
        let batch = self.next_batch;
        self.next_batch += 1;
        if worker.send(Job::Diffs { generation: self.generation, batch, analysis, requests }) {
            self.diffs.insert(batch, DiffState::Pending);
            Some(batch)
        } else {
            None
        }
    }

    /// Make sure the topic view's diffs are requested for its current row and base.
    pub fn ensure_topic_diffs(&mut self) {
        let Some(analysis) = self.analysis.clone() else { return };
        let (row, base) = (self.topic.row, self.topic.base);
        if self.topic.diff_batch.is_some_and(|(_, r, b)| r == row && b == base) {
            return;
        }
        let Some(alignment_row) = analysis.alignment.rows.get(row) else { return };
        let Some(Some(base_cell)) = alignment_row.cells.get(base) else { return };
        let Some(base_span) = analysis.documents[base].sections.get(base_cell.section).map(|s| s.span) else {
            return;
        };
        let requests = alignment_row
            .cells
            .iter()
            .enumerate()
            .filter(|(doc, _)| *doc != base)
            .filter_map(|(doc, cell)| {
                let section = analysis.documents.get(doc)?.sections.get(cell.as_ref()?.section)?;
                Some(DiffRequest { a: base, a_span: base_span, b: doc, b_span: section.span })
            })
            .collect();
        if let Some(batch) = self.request_diffs(requests) {
            self.topic.diff_batch = Some((batch, row, base));
        }
    }

    /// Rebuild the side-by-side pairing for the current pair and ask for its diffs.
    fn refresh_pair(&mut self) {
        let Some(analysis) = self.analysis.clone() else { return };
        let count = analysis.documents.len();
        if count == 0 {
            self.side.layout = None;
            return;
        }
        self.side.left = self.side.left.min(count - 1);
        self.side.right = self.side.right.min(count - 1);
        let layout = PairLayout::new(&analysis, self.side.left, self.side.right).map(Arc::new);
        let requests = layout.as_ref().map(|l| l.diff_requests()).unwrap_or_default();
        self.side.layout = layout;
        self.side.current_change = None;
        self.side.current_match = None;
        self.side.diff_batch = self.request_diffs(requests);
    }

    // ----- the frame -----

    /// Draw one frame into `ui` (the whole window) and apply what the UI asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.first_frame_setup(&ctx);
        self.receive(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_keys(&ctx);

        panels::frame(self, ui);

        if self.export.open {
            panels::export::show(self, &ctx);
        }
        self.poll_folder_check();
        if self.folder_check.open {
            panels::folder_check::show(self, &ctx);
        }

        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.apply(command, &ctx);
        }
        self.drive_screenshot(&ctx);
        if self.is_busy() || self.folder_check.running.is_some() {
            // Keep the spinner (and the folder check's progress bar) turning; outcomes also wake the UI themselves.
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn first_frame_setup(&mut self, ctx: &egui::Context) {
        if !self.fonts_installed {
            super::fonts::install(ctx);
            self.fonts_installed = true;
        }
        if self.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(self.settings.theme.preference());
            self.applied_theme = Some(self.settings.theme);
            self.galleys.clear();
        }
        if self.worker.is_none() && self.start.is_some() {
            match Worker::spawn(ctx.clone()) {
                Ok(worker) => self.worker = Some(worker),
                Err(error) => {
                    let text = format!("{}: {error}", self.tr().t(Text::WorkerFailed));
                    self.messages.push(Message { text, error: true });
                    self.start = None;
                    return;
                }
            }
        }
        if let (Some(start), Some(worker)) = (self.start.take(), &self.worker) {
            let sent = match start {
                StartWith::Corpus => worker.send(Job::LoadCorpus),
                StartWith::Files(paths) if !paths.is_empty() => worker.send(Job::Load(paths)),
                StartWith::Files(_) | StartWith::Nothing => {
                    self.landed = true;
                    return;
                }
            };
            if sent {
                self.loads_pending += 1;
            }
        }
    }

    fn receive(&mut self, ctx: &egui::Context) {
        let Some(worker) = &self.worker else { return };
        let mut outcomes = Vec::new();
        while let Some(outcome) = worker.try_recv() {
            outcomes.push(outcome);
        }
        for outcome in outcomes {
            match outcome {
                Outcome::Loaded(files) => {
                    self.loads_pending = self.loads_pending.saturating_sub(1);
                    self.add_documents(files);
                }
                Outcome::Analysed { generation, analysis, elapsed } => {
                    if generation == self.generation {
                        self.analysing = false;
                        self.last_analysis_time = Some(elapsed);
                        self.analysis = Some(analysis);
                        self.diffs.clear();
                        self.topic.diff_batch = None;
                        self.galleys.clear();
                        self.land();
                        self.refresh_pair();
                        self.show_pending_folder_hit();
                        ctx.request_repaint();
                    }
                }
                Outcome::Diffs { generation, batch, diffs } => {
                    if generation == self.generation {
                        self.diffs.insert(batch, DiffState::Ready(diffs));
                    }
                }
                Outcome::Crashed { job, report } => {
                    // Whatever the job was, it will not report back: stop waiting for it.
                    match job {
                        "load" => self.loads_pending = self.loads_pending.saturating_sub(1),
                        "analyse" => self.analysing = false,
                        "export" => self.export.busy = false,
                        _ => {}
                    }
                    let tr = self.tr();
                    let location = report.map(|path| path.display().to_string()).unwrap_or_else(|| "—".into());
                    let text = tr.fill(Text::InternalError, &[job, &location]);
                    self.messages.push(Message { text, error: true });
                }
                Outcome::Exported { path, result, open } => {
                    self.export.busy = false;
                    let tr = self.tr();
                    match result {
                        Ok(()) => {
                            let text = format!("{}: {}", tr.t(Text::ExportDone), path.display());
                            self.messages.push(Message { text, error: false });
                            if open {
                                panels::export::open_file(&path);
                            }
                        }
                        Err(error) => self
                            .messages
                            .push(Message { text: format!("{}: {error}", tr.t(Text::ExportFailed)), error: true }),
                    }
                }
            }
        }
    }

    /// On the first analysis, land on the most telling pair: Guangdong 2012 ↔ Xianning 2014 when
    /// both are loaded, otherwise the first two documents.
    fn land(&mut self) {
        if self.landed {
            return;
        }
        self.landed = true;
        if let Some(analysis) = &self.analysis {
            // The topic view opens on the topic most documents share, financial support first.
            let rows = &analysis.alignment.rows;
            let present = |i: usize| rows[i].cells.iter().filter(|c| c.is_some()).count();
            let preferred = rows.iter().position(|r| r.topic.as_deref().is_some_and(|t| t.contains("财政")));
            if let Some(row) = preferred.or_else(|| (0..rows.len()).max_by_key(|&i| (present(i), std::cmp::Reverse(i))))
            {
                self.topic.row = row;
                self.topic.base = rows[row].cells.iter().position(|c| c.is_some()).unwrap_or(0);
            }
        }
        let find = |needle: &str| self.documents.iter().position(|d| d.path.contains(needle));
        match (find("guangdong-2012"), find("xianning-2014")) {
            (Some(left), Some(right)) => {
                self.side.left = left;
                self.side.right = right;
            }
            _ => {
                self.side.left = 0;
                self.side.right = usize::from(self.documents.len() > 1);
            }
        }
        // Open scrolled to the longest passage the pair shares: the point, at first sight.
        let (left, right) = (self.side.left, self.side.right);
        if let Some(analysis) = &self.analysis
            && let Some(passage) = analysis
                .reuse
                .passages
                .iter()
                .filter(|p| !p.boilerplate && (p.a.doc, p.b.doc) == (left.min(right), left.max(right)))
                .max_by_key(|p| (p.chars, std::cmp::Reverse(p.a.span.start)))
        {
            let own = if passage.a.doc == left { passage.a } else { passage.b };
            self.side.reveal = Some((left, own.span.start));
        }
    }

    fn add_documents(&mut self, files: Vec<LoadedFile>) {
        let tr = self.tr();
        let mut added = false;
        for file in files {
            match file.result {
                Ok(document) => {
                    if let Some(path) = file.path {
                        self.settings.remember_file(path);
                    }
                    self.documents.push(document);
                    added = true;
                }
                Err(error) => {
                    // The one place a load error is reported: the message bar, naming the file.
                    self.messages.push(Message { text: format!("{}: {error}", tr.t(Text::CannotOpen)), error: true });
                }
            }
        }
        if added {
            self.reanalyse();
        } else if self.analysis.is_none() && self.loads_pending == 0 {
            self.landed = true;
        }
    }

    /// Give documents their ids D1..Dn by position and run the analysis again.
    fn reanalyse(&mut self) {
        for (index, document) in self.documents.iter_mut().enumerate() {
            let id = format!("D{}", index + 1);
            if document.id != id {
                for section in &mut document.sections {
                    let rest = section.id.split_once('.').map(|(_, rest)| rest.to_owned());
                    section.id = match rest {
                        Some(rest) => format!("{id}.{rest}"),
                        None => format!("{id}.{}", section.id),
                    };
                }
                document.id = id;
            }
        }
        crate::model::assign_display_names(&mut self.documents);
        self.generation += 1;
        let options = self.settings.analysis_options(&self.overrides);
        let job = Job::Analyse { generation: self.generation, documents: self.documents.clone(), options };
        if self.worker.as_ref().is_some_and(|w| w.send(job)) {
            self.analysing = true;
        } else {
            let text = self.tr().t(Text::WorkerFailed).to_owned();
            if !self.messages.iter().any(|m| m.text == text) {
                self.messages.push(Message { text, error: true });
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        let paths: Vec<PathBuf> =
            dropped.into_iter().map(|file| file.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect();
        if !paths.is_empty() {
            self.push(Command::OpenFiles(paths));
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if self.view != View::SideBySide {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        let (next, previous, find) = ctx.input_mut(|i| {
            let shift = i.modifiers.shift;
            let f7 = i.key_pressed(egui::Key::F7);
            let next = (f7 && !shift) || (!typing && i.key_pressed(egui::Key::N) && !i.modifiers.command);
            let previous = (f7 && shift) || (!typing && i.key_pressed(egui::Key::P) && !i.modifiers.command);
            let find = i.consume_key(egui::Modifiers::COMMAND, egui::Key::F);
            (next, previous, find)
        });
        if next {
            self.push(Command::NextChange);
        }
        if previous {
            self.push(Command::PreviousChange);
        }
        if find {
            self.side.find_open = true;
            self.side.focus_find = true;
        }
    }

    /// Apply one command.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::ShowView(view) => self.view = view,
            Command::OpenFiles(paths) => {
                let paths: Vec<PathBuf> = paths.into_iter().filter(|p| !p.as_os_str().is_empty()).collect();
                if !paths.is_empty() && self.worker.as_ref().is_some_and(|w| w.send(Job::Load(paths))) {
                    self.loads_pending += 1;
                }
            }
            Command::PickFiles => {
                // With no desktop portal the dialog returns None; drag-and-drop and the command line
                // still work.
                if let Some(paths) =
                    rfd::FileDialog::new().add_filter("documents", crate::ingest::DOCUMENT_EXTENSIONS).pick_files()
                {
                    self.push(Command::OpenFiles(paths));
                }
            }
            Command::RemoveDocument(doc) => {
                if doc < self.documents.len() {
                    self.documents.remove(doc);
                    self.overrides = remap_overrides(&self.overrides, |d| match d.cmp(&doc) {
                        std::cmp::Ordering::Less => Some(d),
                        std::cmp::Ordering::Equal => None,
                        std::cmp::Ordering::Greater => Some(d - 1),
                    });
                    self.side.left = shift_after_remove(self.side.left, doc);
                    self.side.right = shift_after_remove(self.side.right, doc);
                    self.date_edits.clear();
                    if self.documents.is_empty() {
                        self.analysis = None;
                        self.side.layout = None;
                    } else {
                        self.reanalyse();
                    }
                }
            }
            Command::MoveDocument { from, to } => {
                if from < self.documents.len() && to < self.documents.len() && from != to {
                    let document = self.documents.remove(from);
                    self.documents.insert(to, document);
                    let moved = |d: usize| -> usize {
                        if d == from {
                            to
                        } else if from < to && d > from && d <= to {
                            d - 1
                        } else if to < from && d >= to && d < from {
                            d + 1
                        } else {
                            d
                        }
                    };
                    self.overrides = remap_overrides(&self.overrides, |d| Some(moved(d)));
                    self.side.left = moved(self.side.left);
                    self.side.right = moved(self.side.right);
                    self.date_edits.clear();
                    self.reanalyse();
                }
            }
            Command::SetDate { doc, date } => {
                if let Some(document) = self.documents.get_mut(doc) {
                    document.metadata.date_kind = date.as_ref().map(|_| crate::model::DateKind::Given);
                    document.metadata.date = date;
                    self.reanalyse();
                }
            }
            Command::Compare { left, right } => {
                self.side.left = left;
                self.side.right = right;
                self.view = View::SideBySide;
                self.refresh_pair();
            }
            Command::CompareRow(row) => self.compare_row(row),
            Command::ShowTopic(row) => {
                self.topic.row = row;
                if let Some(analysis) = &self.analysis
                    && let Some(alignment_row) = analysis.alignment.rows.get(row)
                    && alignment_row.cells.get(self.topic.base).is_none_or(|c| c.is_none())
                    && let Some(first) = alignment_row.cells.iter().position(|c| c.is_some())
                {
                    self.topic.base = first;
                }
                self.view = View::Topic;
            }
            Command::Reveal { doc, span, other } => {
                let (left, right) = (self.side.left, self.side.right);
                if doc != left && doc != right {
                    match other {
                        Some(o) if o == left => self.side.right = doc,
                        Some(o) if o == right => self.side.left = doc,
                        Some(o) => {
                            self.side.left = o;
                            self.side.right = doc;
                        }
                        None => self.side.right = doc,
                    }
                } else if let Some(o) = other
                    && o != left
                    && o != right
                {
                    if doc == left {
                        self.side.right = o;
                    } else {
                        self.side.left = o;
                    }
                }
                if (self.side.left, self.side.right) != (left, right) {
                    self.refresh_pair();
                }
                self.side.reveal = Some((doc, span.start));
                self.view = View::SideBySide;
            }
            Command::Pin { doc, section, topic } => {
                self.overrides.retain(
                    |o| !matches!(o, AlignmentOverride::Unpin { doc: d, section: s } if *d == doc && *s == section),
                );
                self.overrides.retain(
                    |o| !matches!(o, AlignmentOverride::Pin { doc: d, topic: t, .. } if *d == doc && *t == topic),
                );
                self.overrides.push(AlignmentOverride::Pin { doc, section, topic });
                self.reanalyse();
            }
            Command::Unpin { doc, section } => {
                self.overrides.retain(
                    |o| !matches!(o, AlignmentOverride::Pin { doc: d, section: s, .. } if *d == doc && *s == section),
                );
                self.overrides.push(AlignmentOverride::Unpin { doc, section });
                self.reanalyse();
            }
            Command::OpenFolderCheck => {
                self.folder_check.open = true;
                self.folder_check.draft = self.side.right.min(self.documents.len().saturating_sub(1));
            }
            Command::StartFolderCheck => self.start_folder_check(ctx),
            Command::OpenFolderHit { draft, path } => {
                let loaded = self.documents.iter().position(|d| Path::new(&d.path) == path);
                match loaded {
                    Some(index) => self.push(Command::Compare { left: index, right: draft }),
                    None => {
                        self.folder_check.pending_open = Some((draft, path.clone()));
                        self.push(Command::OpenFiles(vec![path]));
                    }
                }
            }
            Command::ClearOverrides => {
                self.overrides.clear();
                self.reanalyse();
            }
            Command::Reanalyse => {
                if !self.documents.is_empty() {
                    self.reanalyse();
                }
            }
            Command::NextChange | Command::PreviousChange => {
                let changes = self.side_changes();
                if !changes.is_empty() {
                    let last = changes.len() - 1;
                    let next = match (self.side.current_change, command == Command::NextChange) {
                        (None, true) => 0,
                        (None, false) => last,
                        (Some(i), true) => (i + 1).min(last),
                        (Some(i), false) => i.saturating_sub(1),
                    };
                    self.side.current_change = Some(next);
                    let change = changes[next];
                    let (doc, offset) = if change.left.is_empty() {
                        (self.side.right, change.right.start)
                    } else {
                        (self.side.left, change.left.start)
                    };
                    self.side.reveal = Some((doc, offset));
                }
            }
            Command::NextMatch | Command::PreviousMatch => {
                let matches = panels::side_by_side::find_all(self);
                if !matches.is_empty() {
                    let last = matches.len() - 1;
                    let next = match (self.side.current_match, command == Command::NextMatch) {
                        (None, true) => 0,
                        (None, false) => last,
                        (Some(i), true) => {
                            if i >= last {
                                0
                            } else {
                                i + 1
                            }
                        }
                        (Some(i), false) => {
                            if i == 0 {
                                last
                            } else {
                                i - 1
                            }
                        }
                    };
                    self.side.current_match = Some(next);
                    let (doc, span) = matches[next];
                    self.side.reveal = Some((doc, span.start));
                }
            }
            Command::OpenExport => {
                self.export.open = true;
                self.export.form.documents = vec![true; self.documents.len()];
            }
            Command::Export(request) => {
                if let Some(analysis) = self.analysis.clone()
                    && self.worker.as_ref().is_some_and(|w| w.send(Job::Export { analysis, request }))
                {
                    self.export.busy = true;
                    self.export.open = false;
                }
            }
            Command::DismissMessage(index) => {
                if index < self.messages.len() {
                    self.messages.remove(index);
                }
            }
        }
        ctx.request_repaint();
    }

    fn compare_row(&mut self, row: usize) {
        let Some(analysis) = self.analysis.clone() else { return };
        let Some(alignment_row) = analysis.alignment.rows.get(row) else { return };
        let present: Vec<usize> =
            alignment_row.cells.iter().enumerate().filter(|(_, c)| c.is_some()).map(|(d, _)| d).collect();
        let (left, right) = match present.as_slice() {
            [] => return,
            [only] => (*only, if *only == self.side.right { self.side.left } else { self.side.right }),
            [first, second, ..] => {
                if present.contains(&self.side.left)
                    && present.contains(&self.side.right)
                    && self.side.left != self.side.right
                {
                    (self.side.left, self.side.right)
                } else {
                    (*first, *second)
                }
            }
        };
        if (left, right) != (self.side.left, self.side.right) {
            self.side.left = left;
            self.side.right = right;
            self.refresh_pair();
        }
        if let Some(Some(cell)) = alignment_row.cells.get(left)
            && let Some(section) = analysis.documents[left].sections.get(cell.section)
        {
            self.side.reveal = Some((left, section.span.start));
        }
        self.view = View::SideBySide;
    }

    fn drive_screenshot(&mut self, ctx: &egui::Context) {
        let ready = self.is_ready() && self.side_diffs().is_some() || (self.is_ready() && self.side.layout.is_none());
        let ready = ready && (self.view != View::Topic || self.topic_diffs().is_some());
        if let Some(plan) = &mut self.screenshot
            && let Err(error) = plan.tick(ctx, ready)
        {
            // Reported once, here; the window then closes as usual.
            eprintln!("duizhao: screenshot failed: {error}");
        }
    }

    fn start_folder_check(&mut self, ctx: &egui::Context) {
        if self.folder_check.running.is_some() {
            return;
        }
        let folder = panels::folder_check::chosen_folder(self);
        let draft = self.folder_check.draft;
        let Some(document) = self.documents.get(draft) else { return };
        let text = document.text.clone();
        let analysis = self.settings.analysis_options(&[]);
        self.folder_check.result = None;
        match super::folder_check::start(ctx, &folder, draft, text, &analysis) {
            Ok(running) => self.folder_check.running = Some(running),
            Err(error) => self.folder_check.result = Some(Err(error)),
        }
    }

    fn poll_folder_check(&mut self) {
        let Some(running) = &self.folder_check.running else { return };
        if let Some(result) = running.poll() {
            self.folder_check.running = None;
            self.folder_check.result = Some(result);
        }
    }

    /// A document the folder check found has been loaded and analysed: show it next to the draft.
    fn show_pending_folder_hit(&mut self) {
        let Some((draft, path)) = &self.folder_check.pending_open else { return };
        if let Some(index) = self.documents.iter().position(|d| Path::new(&d.path) == path.as_path()) {
            let draft = (*draft).min(self.documents.len().saturating_sub(1));
            self.folder_check.pending_open = None;
            self.push(Command::Compare { left: index, right: draft });
        }
    }

    /// Save the settings into eframe storage.
    pub fn save_settings(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::STORAGE_KEY, &self.settings);
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        super::startup::frame_drawn(self.is_ready());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_settings(storage);
    }
}

fn shift_after_remove(index: usize, removed: usize) -> usize {
    if index > removed { index - 1 } else { index }
}

fn remap_overrides(overrides: &[AlignmentOverride], map: impl Fn(usize) -> Option<usize>) -> Vec<AlignmentOverride> {
    overrides
        .iter()
        .filter_map(|o| match o {
            AlignmentOverride::Pin { doc, section, topic } => {
                Some(AlignmentOverride::Pin { doc: map(*doc)?, section: *section, topic: topic.clone() })
            }
            AlignmentOverride::Unpin { doc, section } => {
                Some(AlignmentOverride::Unpin { doc: map(*doc)?, section: *section })
            }
        })
        .collect()
}

/// A span helper for panels: the whole text of a document.
pub fn whole(document: &Document) -> Span {
    Span::new(0, document.chars())
}
