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
use crate::workspace::{Added, Remap, Workspace};

use super::commands::{Command, View};
use super::compare::{Change, PairLayout};
use super::file_browser::{FileBrowser, Purpose};
use super::i18n::{Text, Tr};
use super::panels;
use super::screenshot::ScreenshotPlan;
use super::settings::Settings;
use super::widgets::marked_text::GalleyCache;
use super::worker::{DiffRequest, ExportRequest, Job, LoadedFile, Outcome, Worker};

mod apply;
mod check_export;
mod documents;
mod files;
mod state;

pub use state::*;

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

/// The Duizhao window.
pub struct App {
    /// Persisted settings.
    pub settings: Settings,
    /// The current view.
    pub view: View,
    workspace: Workspace,
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
    /// Revision table view state.
    pub revision: super::panels::revision::RevisionState,
    /// Reuse overview state.
    pub reuse_view: ReuseViewState,
    /// Levers view state.
    pub levers: LeversState,
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
    /// Use the desktop's native file dialog (false: the in-app browser, e.g. without a portal).
    pub native_dialogs: bool,
    file_browser: Option<FileBrowser>,
    /// When something was last revealed (a jump target), to outline it for a moment.
    pub flash: Option<(usize, Span, std::time::Instant)>,
    /// Show the tooltip of the first reused passage in view on this column without a pointer
    /// (screenshots of the provenance wording).
    pub pinned_tooltip: Option<super::compare::Side>,
}

impl App {
    /// A new app that will load `start` once its first frame runs.
    pub fn new(settings: Settings, start: StartWith) -> App {
        App {
            settings,
            view: View::SideBySide,
            workspace: Workspace::new(),
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
            revision: panels::revision::RevisionState::default(),
            reuse_view: ReuseViewState::default(),
            levers: LeversState::default(),
            export: ExportState::default(),
            folder_check: super::folder_check::FolderCheckState::default(),
            date_edits: HashMap::new(),
            galleys: GalleyCache::default(),
            commands: Vec::new(),
            applied_theme: None,
            fonts_installed: false,
            landed: false,
            screenshot: None,
            native_dialogs: super::file_browser::native_dialog_possible(),
            file_browser: None,
            flash: None,
            pinned_tooltip: None,
        }
    }

    /// Take a screenshot of `plan.view` once the analysis is shown, then close.
    pub fn with_screenshot(mut self, plan: ScreenshotPlan) -> App {
        self.view = plan.view;
        self.pinned_tooltip = super::screenshot::hover_from_env();
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
        self.workspace.documents()
    }

    /// The documents and corrections being analysed.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// True while the in-app file browser is open.
    pub fn file_browser_open(&self) -> bool {
        self.file_browser.is_some()
    }

    /// Show a message (the same text is shown once; the oldest go when there are too many).
    pub fn notify(&mut self, kind: MessageKind, text: String) {
        self.messages.retain(|m| m.text != text);
        self.messages.push(Message { text, kind });
        if self.messages.len() > MAX_MESSAGES {
            let excess = self.messages.len() - MAX_MESSAGES;
            self.messages.drain(..excess);
        }
    }

    /// Messages currently shown.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// Manual alignment corrections.
    pub fn overrides(&self) -> &[AlignmentOverride] {
        self.workspace.overrides()
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
        let requests = layout.as_ref().map(|l| super::compare::diff_requests(l)).unwrap_or_default();
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
        self.show_file_browser(&ctx);

        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.apply(command, &ctx);
        }
        self.drive_screenshot(&ctx);
        if let Some((_, _, at)) = self.flash {
            match FLASH.checked_sub(at.elapsed()) {
                Some(left) => ctx.request_repaint_after(left),
                None => self.flash = None,
            }
        }
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
                    self.notify(MessageKind::Error, text);
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

    fn drive_screenshot(&mut self, ctx: &egui::Context) {
        let ready = self.is_ready() && self.side_diffs().is_some() || (self.is_ready() && self.side.layout.is_none());
        let mut ready = ready && (self.view != View::Topic || self.topic_diffs().is_some());
        if let Some(folder) = self.screenshot.as_ref().and_then(|plan| plan.folder_check.clone()) {
            // Open the dialog on the shown draft, run the check, and wait for its result.
            if ready && !self.folder_check.open {
                self.push(Command::OpenFolderCheck);
                self.folder_check.folder = folder.display().to_string();
                self.folder_check.report_path = "查重报告.html".to_string();
            } else if self.folder_check.open
                && self.folder_check.running.is_none()
                && self.folder_check.result.is_none()
            {
                self.push(Command::StartFolderCheck);
            }
            ready = ready && matches!(self.folder_check.result, Some(Ok(_)));
        }
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
        let Some(document) = self.workspace.documents().get(draft) else { return };
        let document = document.clone();
        let analysis = self.settings.analysis_options(&[]);
        self.folder_check.result = None;
        self.folder_check.confirm_report = None;
        match super::folder_check::start(ctx, &folder, draft, document, &analysis) {
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
        if let Some(index) = self.workspace.position_of_path(path) {
            let draft = (*draft).min(self.workspace.len().saturating_sub(1));
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

    /// A screenshot shows the view as laid out, not what the virtual display's pointer happens to
    /// hover (under Xvfb it sits in the middle of the screen, on a row of the passage list).
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.screenshot.is_some() {
            raw_input
                .events
                .retain(|event| !matches!(event, egui::Event::PointerMoved(_) | egui::Event::MouseMoved(_)));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_settings(storage);
    }
}

/// A span helper for panels: the whole text of a document.
pub fn whole(document: &Document) -> Span {
    Span::new(0, document.chars())
}
