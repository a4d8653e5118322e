//! File → Check against a folder → Export: the 查重 report of the last check, written where the
//! user says, in the format its extension names (HTML when it has none). The report was built on
//! the check's thread, so writing is only rendering and an atomic write: quick enough for the frame.

use super::*;
use crate::report::ReportFormat;

/// The file name offered for a new report.
pub(super) const DEFAULT_NAME: &str = "查重报告.html";

impl App {
    /// Ask where to write the 查重 report: native dialog, or the in-app browser.
    pub(super) fn choose_check_report_path(&mut self) {
        if let Some(path) = self.ask_save_path(DEFAULT_NAME, Purpose::SaveCheckReport) {
            self.folder_check.report_path = path.display().to_string();
        }
    }

    /// Write the last check's report to `path`; an existing file is replaced only when `replace`
    /// (the dialog asks first). Success and failure are both reported naming the file.
    pub(super) fn export_check_report(&mut self, mut path: PathBuf, replace: bool) {
        let Some(Ok(outcome)) = &self.folder_check.result else { return };
        let report = Arc::clone(&outcome.report);
        if path.extension().is_none() {
            path.set_extension(ReportFormat::Html.extension());
        }
        let tr = self.tr();
        let Some(format) = ReportFormat::from_path(&path) else {
            let text = format!("{}: {}: {}", tr.t(Text::ExportFailed), path.display(), tr.t(Text::CheckReportHint));
            self.notify(MessageKind::Error, text);
            return;
        };
        let inputs = crate::report::check::inputs(&report);
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        if let Err(error) = crate::report::atomic::check_not_input(&path, &inputs) {
            // Never offer to replace an input: refuse at once.
            let text = format!("{}: {}", tr.t(Text::ExportFailed), tr.report_error(&error));
            self.notify(MessageKind::Error, text);
            return;
        }
        if path.exists() && !replace {
            self.folder_check.confirm_report = Some(path);
            return;
        }
        match crate::report::check::write(&report, &path, format) {
            Ok(()) => {
                let text = format!("{}: {}", tr.t(Text::CheckReportDone), path.display());
                self.notify(MessageKind::Success, text);
            }
            Err(error) => {
                let text = format!("{}: {}", tr.t(Text::ExportFailed), tr.report_error(&error));
                self.notify(MessageKind::Error, text);
            }
        }
    }
}
