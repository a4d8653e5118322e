//! File → Export report…: format, documents, boilerplate, "open when done"; the report is written
//! on the worker thread.

use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::report::{ReportFormat, ReportOptions};

use super::super::app::App;
use super::super::commands::Command;
use super::super::i18n::Text;

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

/// A report to write.
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

/// Write the report (runs on the worker thread): atomically, never over an input document. The
/// error names the file.
pub fn write_report_file(analysis: &Analysis, request: &ExportRequest) -> Result<(), String> {
    let options =
        ReportOptions { documents: request.documents.clone(), include_boilerplate: request.include_boilerplate };
    crate::report::write_report(analysis, &request.path, request.format, &options).map_err(|error| error.to_string())
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

/// Draw the export dialog (a window over the current view).
pub fn show(app: &mut App, ctx: &egui::Context) {
    let tr = app.tr();
    let Some(analysis) = app.analysis().cloned() else { return };
    let mut open = app.export.open;
    let mut request = None;
    egui::Window::new(tr.t(Text::ExportReport)).open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
        let form = &mut app.export.form;
        form.documents.resize(analysis.documents.len(), true);
        ui.horizontal(|ui| {
            ui.label(tr.t(Text::ExportFormatLabel));
            for format in ReportFormat::ALL {
                ui.selectable_value(&mut form.format, format, format_name(format));
            }
        });
        ui.label(tr.t(Text::ExportDocuments));
        for (index, document) in analysis.documents.iter().enumerate() {
            ui.checkbox(&mut form.documents[index], format!("{} {}", document.id, document.display_name()));
        }
        ui.checkbox(&mut form.include_boilerplate, tr.t(Text::MarkBoilerplate));
        ui.checkbox(&mut form.open_when_done, tr.t(Text::ExportOpenWhenDone));
        ui.horizontal(|ui| {
            ui.label(tr.t(Text::ExportPath));
            ui.add(
                egui::TextEdit::singleline(&mut form.path)
                    .desired_width(320.0)
                    .hint_text(format!("report.{}", form.format.extension())),
            );
            if ui.button(tr.t(Text::ExportChoose)).clicked()
                && let Some(path) = rfd::FileDialog::new()
                    .set_file_name(format!("duizhao-report.{}", form.format.extension()))
                    .save_file()
            {
                form.path = path.display().to_string();
            }
        });
        ui.separator();
        let chosen: Vec<usize> = form.documents.iter().enumerate().filter(|(_, on)| **on).map(|(i, _)| i).collect();
        let ready = !form.path.trim().is_empty() && !chosen.is_empty() && !app.export.busy;
        if ui.add_enabled(ready, egui::Button::new(tr.t(Text::ExportWrite))).clicked() {
            let mut path = PathBuf::from(form.path.trim());
            if path.extension().is_none() {
                path.set_extension(form.format.extension());
            }
            let all = chosen.len() == analysis.documents.len();
            request = Some(ExportRequest {
                path,
                format: form.format,
                documents: (!all).then_some(chosen),
                include_boilerplate: form.include_boilerplate,
                open_when_done: form.open_when_done,
            });
        }
    });
    app.export.open = open;
    if let Some(request) = request {
        app.push(Command::Export(request));
    }
}
