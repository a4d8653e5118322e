//! Applying the commands the panels pushed during the frame.

use super::*;

impl App {
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
            Command::PickFiles => self.pick_files(),
            Command::PickFolder => self.pick_folder(),
            Command::RemoveDocument(doc) => {
                if let Some(remap) = self.workspace.remove(doc) {
                    self.follow(&remap);
                    if self.workspace.is_empty() {
                        self.analysis = None;
                        self.side.layout = None;
                    } else {
                        self.reanalyse();
                    }
                }
            }
            Command::MoveDocument { from, to } => {
                if let Some(remap) = self.workspace.move_to(from, to) {
                    self.follow(&remap);
                    self.reanalyse();
                }
            }
            Command::SetDate { doc, date } => {
                // The date as typed is read here, when the edit is committed.
                let parsed = match date.as_deref().map(str::trim).filter(|text| !text.is_empty()) {
                    None => Some(None),
                    Some(text) => crate::model::PolicyDate::parse_iso(text).map(Some),
                };
                match parsed {
                    Some(date) => {
                        if self.workspace.set_date(doc, date) {
                            self.reanalyse();
                        }
                    }
                    None => {
                        // Not a date: say so, and show the date in use again.
                        self.date_edits.remove(&doc);
                        let text = self.tr().fill(Text::ErrBadDate, &[date.as_deref().unwrap_or_default().trim()]);
                        self.notify(MessageKind::Error, text);
                    }
                }
            }
            Command::Compare { left, right } => {
                self.side.left = left;
                self.side.right = right;
                self.view = View::SideBySide;
                self.refresh_pair();
            }
            Command::CompareRow(row) => self.compare_row(row),
            Command::CompareVersions { old, new } => {
                let documents = self.documents();
                if let (Some(a), Some(b)) = (documents.get(old), documents.get(new)) {
                    match crate::revise::revise(a, b, &crate::revise::RevisionOptions::default()) {
                        Ok(table) => {
                            self.revision.show(old, new, table);
                        }
                        Err(error) => {
                            let text = self.tr().fill(Text::RevisionFailed, &[&error.to_string()]);
                            self.notify(MessageKind::Error, text);
                        }
                    }
                }
                self.view = View::Revision;
            }
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
                self.flash = Some((doc, span, std::time::Instant::now()));
                self.view = View::SideBySide;
            }
            Command::Override(AlignmentOverride::Pin { doc, section, topic }) => {
                self.workspace.pin(doc, section, topic);
                self.reanalyse();
            }
            Command::Override(AlignmentOverride::Unpin { doc, section }) => {
                self.workspace.unpin(doc, section);
                self.reanalyse();
            }
            Command::OpenFolderCheck => {
                self.folder_check.open = true;
                self.folder_check.draft = self.side.right.min(self.workspace.len().saturating_sub(1));
            }
            Command::StartFolderCheck => self.start_folder_check(ctx),
            Command::OpenFolderHit { draft, path } => {
                let loaded = self.workspace.position_of_path(&path);
                match loaded {
                    Some(index) => self.push(Command::Compare { left: index, right: draft }),
                    None => {
                        self.folder_check.pending_open = Some((draft, path.clone()));
                        self.push(Command::OpenFiles(vec![path]));
                    }
                }
            }
            Command::ChooseCheckReportPath => self.choose_check_report_path(),
            Command::ExportCheckReport(path) => self.export_check_report(path, false),
            Command::ConfirmCheckReportOverwrite => {
                if let Some(path) = self.folder_check.confirm_report.take() {
                    self.export_check_report(path, true);
                }
            }
            Command::ClearOverrides => {
                self.workspace.clear_overrides();
                self.reanalyse();
            }
            Command::Reanalyse => {
                if !self.workspace.is_empty() {
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
                    let (doc, span) = if change.left.is_empty() {
                        (self.side.right, change.right)
                    } else {
                        (self.side.left, change.left)
                    };
                    self.side.reveal = Some((doc, span.start));
                    self.flash = Some((doc, span, std::time::Instant::now()));
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
                    self.flash = Some((doc, span, std::time::Instant::now()));
                }
            }
            Command::OpenExport => {
                self.export.open = true;
                self.export.form.documents = vec![true; self.workspace.len()];
                self.export.error = None;
                self.export.confirm = None;
            }
            Command::Export(request) => {
                let inputs: Vec<&Path> =
                    self.workspace.documents().iter().map(|d| Path::new(d.path.as_str())).collect();
                if let Err(error) = crate::report::atomic::check_not_input(&request.path, &inputs) {
                    // Never offer to replace an input document: refuse, in the dialog and the messages.
                    let tr = self.tr();
                    let text = format!("{}: {}", tr.t(Text::ExportFailed), tr.report_error(&error));
                    self.export.open = true;
                    self.export.error = Some(text.clone());
                    self.notify(MessageKind::Error, text);
                } else if request.path.exists() {
                    // Ask first: the dialog shows the question, the file stays as it is.
                    self.export.open = true;
                    self.export.confirm = Some(request);
                } else {
                    self.send_export(request);
                }
            }
            Command::ConfirmOverwrite => {
                if let Some(request) = self.export.confirm.take() {
                    self.send_export(request);
                }
            }
            Command::DismissMessage(index) => {
                if index < self.messages.len() {
                    self.messages.remove(index);
                }
            }
            Command::DismissAllMessages => self.messages.clear(),
        }
        ctx.request_repaint();
    }

    pub(super) fn send_export(&mut self, request: ExportRequest) {
        self.export.error = None;
        if let Some(analysis) = self.analysis.clone()
            && self.worker.as_ref().is_some_and(|w| w.send(Job::Export { analysis, request }))
        {
            self.export.busy = true;
        }
    }

    pub(super) fn compare_row(&mut self, row: usize) {
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
            self.flash = Some((left, section.span, std::time::Instant::now()));
        }
        self.view = View::SideBySide;
    }
}
