//! File → Export report…: format, documents, boilerplate, "open when done"; the report is written
//! on the worker thread.

use std::path::{Path, PathBuf};

use crate::report::ReportFormat;

use super::super::app::App;
use super::super::commands::Command;
use super::super::i18n::Text;
use super::super::worker::ExportRequest;

/// Name of a report format in the dialog.
pub fn format_name(format: ReportFormat) -> &'static str {
    match format {
        ReportFormat::Html => "HTML",
        ReportFormat::Docx => "Word (.docx)",
        ReportFormat::Markdown => "Markdown",
        ReportFormat::Csv => "CSV",
        ReportFormat::Json => "JSON",
    }
}

/// What the dialog's form holds.
#[derive(Clone, Debug)]
pub struct ExportForm {
    /// Output path as typed or picked.
    pub path: String,
    /// Output format.
    pub format: ReportFormat,
    /// Which documents to include (by index).
    pub documents: Vec<bool>,
    /// Include boilerplate passages.
    pub include_boilerplate: bool,
    /// Open the report when written.
    pub open_when_done: bool,
}

impl Default for ExportForm {
    fn default() -> Self {
        Self {
            path: String::new(),
            format: ReportFormat::Html,
            documents: Vec::new(),
            include_boilerplate: false,
            open_when_done: false,
        }
    }
}

/// Open a written report with the desktop's default application.
pub fn open_file(path: &Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    // Best effort: if no opener exists the report is still written and its path was shown.
    let _ = std::process::Command::new(opener).arg(path).spawn();
}

/// Draw the export dialog (a window over the current view). It stays open until a report is
/// written: a failure shows its reason here, and an existing file is replaced only after asking.
pub fn show(app: &mut App, ctx: &egui::Context) {
    let tr = app.tr();
    let Some(analysis) = app.analysis().cloned() else { return };
    let names = crate::comparison::document_names(&analysis.documents);
    let mut open = app.export.open;
    let mut request = None;
    let mut choose = false;
    let mut confirm: Option<bool> = None;
    egui::Window::new(tr.t(Text::ExportReport)).open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
        let busy = app.export.busy;
        let pending = app.export.confirm.as_ref().map(|r| r.path.display().to_string());
        let error = app.export.error.clone();
        let form = &mut app.export.form;
        form.documents.resize(analysis.documents.len(), true);
        ui.horizontal(|ui| {
            ui.label(tr.t(Text::ExportFormatLabel));
            for format in ReportFormat::ALL {
                ui.selectable_value(&mut form.format, format, format_name(format));
            }
        });
        ui.label(tr.t(Text::ExportDocuments));
        for index in 0..analysis.documents.len() {
            ui.checkbox(&mut form.documents[index], crate::comparison::numbered_name(&names, index));
        }
        ui.checkbox(&mut form.include_boilerplate, tr.t(Text::MarkBoilerplate));
        ui.checkbox(&mut form.open_when_done, tr.t(Text::ExportOpenWhenDone));
        ui.horizontal(|ui| {
            ui.label(tr.t(Text::ExportPath));
            ui.add(
                egui::TextEdit::singleline(&mut form.path)
                    .desired_width(320.0)
                    .hint_text(egui::RichText::new(tr.t(Text::ExportPathHint)).italics()),
            );
            if ui.button(tr.t(Text::ExportChoose)).clicked() {
                choose = true;
            }
        });
        if let Some(error) = &error {
            ui.colored_label(super::super::theme::Palette::of(ui.ctx()).error(), error);
        }
        ui.separator();
        if let Some(path) = pending {
            ui.label(tr.fill(Text::ExportOverwrite, &[&path]));
            ui.horizontal(|ui| {
                if ui.button(tr.t(Text::ExportOverwriteYes)).clicked() {
                    confirm = Some(true);
                }
                if ui.button(tr.t(Text::ExportOverwriteNo)).clicked() {
                    confirm = Some(false);
                }
            });
            return;
        }
        let chosen: Vec<usize> = form.documents.iter().enumerate().filter(|(_, on)| **on).map(|(i, _)| i).collect();
        let ready = !form.path.trim().is_empty() && !chosen.is_empty() && !busy;
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new(tr.t(Text::ExportWrite))).clicked() {
                let mut path = PathBuf::from(form.path.trim());
                if path.extension().is_none() {
                    path.set_extension(form.format.extension());
                }
                let all = chosen.len() == analysis.documents.len();
                request = Some(ExportRequest {
                    path,
                    format: form.format,
                    documents: (!all).then_some(chosen.clone()),
                    include_boilerplate: form.include_boilerplate,
                    open_when_done: form.open_when_done,
                });
            }
            if busy {
                ui.spinner();
            } else if form.path.trim().is_empty() {
                ui.weak(tr.t(Text::ExportPathHint));
            }
        });
    });
    app.export.open = open;
    if !open {
        app.export.confirm = None;
    }
    match confirm {
        Some(true) => app.push(Command::ConfirmOverwrite),
        Some(false) => app.export.confirm = None,
        None => {}
    }
    if choose {
        app.choose_report_path();
    }
    if let Some(request) = request {
        app.push(Command::Export(request));
    }
}
