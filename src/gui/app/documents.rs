//! The documents coming and going: worker outcomes, duplicates, the first landing, re-analysis.

use super::*;

impl App {
    pub(super) fn receive(&mut self, ctx: &egui::Context) {
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
                    self.notify(MessageKind::Error, text);
                }
                Outcome::Exported { path, result, open } => {
                    self.export.busy = false;
                    let tr = self.tr();
                    match result {
                        Ok(()) => {
                            self.export.open = false;
                            self.export.error = None;
                            let text = format!("{}: {}", tr.t(Text::ExportDone), path.display());
                            self.notify(MessageKind::Success, text);
                            if open {
                                panels::export::open_file(&path);
                            }
                        }
                        Err(error) => {
                            // The dialog stays open with the reason, so the user can fix the path.
                            let text = format!("{}: {}", tr.t(Text::ExportFailed), tr.report_error(&error));
                            self.export.error = Some(text.clone());
                            self.notify(MessageKind::Error, text);
                        }
                    }
                }
            }
        }
    }

    /// On the first analysis, land on the most telling pair: Guangdong 2012 ↔ Xianning 2014 when
    /// both are loaded, otherwise the first two documents.
    pub(super) fn land(&mut self) {
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
        let find = |needle: &str| self.workspace.documents().iter().position(|d| d.path.contains(needle));
        match (find("guangdong-2012"), find("xianning-2014")) {
            (Some(left), Some(right)) => {
                self.side.left = left;
                self.side.right = right;
            }
            _ => {
                self.side.left = 0;
                self.side.right = usize::from(self.workspace.len() > 1);
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

    pub(super) fn add_documents(&mut self, files: Vec<LoadedFile>) {
        let tr = self.tr();
        let mut added = false;
        for file in files {
            match file.result {
                Ok(document) => {
                    let shown = file.path.as_ref().map(|p| p.display().to_string()).unwrap_or(document.path.clone());
                    if let Some(path) = &file.path {
                        self.settings.remember_file(path.clone());
                    }
                    match self.workspace.add(document) {
                        Added::New { .. } => added = true,
                        Added::Duplicate { existing } => {
                            let name = self.numbered_name(existing);
                            self.notify(MessageKind::Notice, tr.fill(Text::DuplicateSwitched, &[&shown, &name]));
                            self.switch_to_existing(existing, file.path.as_deref());
                        }
                        Added::NearDuplicate { of, similarity, .. } => {
                            added = true;
                            let name = self.numbered_name(of);
                            let alike = crate::report::summary::percent_with(similarity, 0);
                            self.notify(MessageKind::Notice, tr.fill(Text::NearDuplicate, &[&shown, &name, &alike]));
                        }
                    }
                }
                Err(error) => {
                    // The one place a load error is reported: the message area, naming the file.
                    let text = format!("{}: {}", tr.t(Text::CannotOpen), tr.ingest_error(&error));
                    self.notify(MessageKind::Error, text);
                }
            }
        }
        if added {
            // Two versions of one text: say where their revision table is.
            if let [a, b] = self.workspace.documents()
                && crate::revise::looks_like_versions(a, b)
            {
                self.notify(MessageKind::Notice, tr.t(Text::VersionsDetected).to_string());
            }
            self.reanalyse();
        } else if self.analysis.is_none() && self.loads_pending == 0 {
            self.landed = true;
        }
    }

    /// 「D1 广东 2012」 for a loaded document (the analysis' names once there is one).
    pub(super) fn numbered_name(&self, index: usize) -> String {
        let names = crate::comparison::document_names(self.workspace.documents());
        crate::comparison::numbered_name(&names, index)
    }

    /// A file whose text is already loaded was opened again: show the loaded document instead.
    pub(super) fn switch_to_existing(&mut self, existing: usize, path: Option<&Path>) {
        if let Some((draft, pending)) = &self.folder_check.pending_open
            && path == Some(pending.as_path())
        {
            // A folder-check hit that is a loaded document: compare it with the draft.
            let draft = *draft;
            self.folder_check.pending_open = None;
            self.push(Command::Compare { left: existing, right: draft });
            return;
        }
        if self.analysis.is_some() && existing != self.side.left && existing != self.side.right {
            let left = self.side.left;
            self.push(Command::Compare { left, right: existing });
        } else if self.analysis.is_some() {
            self.push(Command::ShowView(View::SideBySide));
        }
    }

    /// Send the workspace to the analysis again (its ids already follow positions).
    pub(super) fn reanalyse(&mut self) {
        self.generation += 1;
        let options = self.settings.analysis_options(self.workspace.overrides());
        let job = Job::Analyse { generation: self.generation, documents: self.workspace.documents().to_vec(), options };
        if self.worker.as_ref().is_some_and(|w| w.send(job)) {
            self.analysing = true;
        } else {
            let text = self.tr().t(Text::WorkerFailed).to_owned();
            self.notify(MessageKind::Error, text);
        }
    }

    /// The side-by-side pair follows the documents through a reorder or removal.
    pub(super) fn follow(&mut self, remap: &Remap) {
        let count = self.workspace.len().max(1);
        self.side.left = remap.get(self.side.left).unwrap_or(0).min(count - 1);
        self.side.right = remap.get(self.side.right).unwrap_or(usize::from(count > 1)).min(count - 1);
        if self.side.left == self.side.right && count > 1 {
            self.side.right = usize::from(self.side.left == 0);
        }
        self.date_edits.clear();
    }
}
