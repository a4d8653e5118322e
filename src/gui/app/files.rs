//! Choosing files: the native dialog where the desktop has one, the in-app browser otherwise, and
//! files dropped on the window.

use super::*;

impl App {
    /// Open files: the native dialog where there is one, the in-app browser otherwise.
    pub(super) fn pick_files(&mut self) {
        if self.native_dialogs {
            match super::super::file_browser::pick_files_natively() {
                Ok(Some(paths)) => {
                    self.push(Command::OpenFiles(paths));
                    return;
                }
                Ok(None) => return,
                Err(()) => self.native_dialogs = false,
            }
            let text = self.tr().t(Text::NoPortal).to_owned();
            self.notify(MessageKind::Notice, text);
        }
        self.open_browser(Purpose::Open);
    }

    /// Open the in-app file browser for `purpose`.
    pub fn open_browser(&mut self, purpose: Purpose) {
        let tr = self.tr();
        let folder = self.settings.recent_files.first().and_then(|p| p.parent()).map(Path::to_path_buf);
        let (title, name) = match purpose {
            Purpose::Open => (tr.t(Text::OpenFiles), String::new()),
            Purpose::Folder => (tr.t(Text::FolderCheck), String::new()),
            Purpose::SaveReport => {
                (tr.t(Text::ExportReport), format!("duizhao-report.{}", self.export.form.format.extension()))
            }
            Purpose::SaveCheckReport => (tr.t(Text::CheckReportExport), super::check_export::DEFAULT_NAME.to_string()),
        };
        self.file_browser = Some(FileBrowser::open(purpose, folder.as_deref(), title, &name));
    }

    /// Ask for the folder to check against: native dialog, or the in-app browser.
    pub(super) fn pick_folder(&mut self) {
        if self.native_dialogs {
            match super::super::file_browser::pick_folder_natively() {
                Ok(Some(path)) => {
                    self.folder_check.folder = path.display().to_string();
                    return;
                }
                Ok(None) => return,
                Err(()) => self.native_dialogs = false,
            }
            let text = self.tr().t(Text::NoPortal).to_owned();
            self.notify(MessageKind::Notice, text);
        }
        self.open_browser(Purpose::Folder);
    }

    /// Ask where to save the report: native dialog, or the in-app browser.
    pub fn choose_report_path(&mut self) {
        let name = format!("duizhao-report.{}", self.export.form.format.extension());
        if let Some(path) = self.ask_save_path(&name, Purpose::SaveReport) {
            self.export.form.path = path.display().to_string();
        }
    }

    /// Ask where to save a file named `name` by default: the path the native dialog returned, or
    /// `None` when the user cancelled it or when the in-app browser was opened for `purpose`
    /// instead (its answer arrives later, in [`App::show_file_browser`]).
    pub(super) fn ask_save_path(&mut self, name: &str, purpose: Purpose) -> Option<PathBuf> {
        if self.native_dialogs {
            match super::super::file_browser::save_file_natively(name) {
                Ok(Some(path)) => return Some(path),
                Ok(None) => return None,
                Err(()) => self.native_dialogs = false,
            }
            let text = self.tr().t(Text::NoPortal).to_owned();
            self.notify(MessageKind::Notice, text);
        }
        self.open_browser(purpose);
        None
    }

    pub(super) fn show_file_browser(&mut self, ctx: &egui::Context) {
        let Some(browser) = &mut self.file_browser else { return };
        let Some(paths) = browser.show(ctx) else { return };
        let purpose = browser.purpose();
        self.file_browser = None;
        match purpose {
            Purpose::Open if !paths.is_empty() => self.push(Command::OpenFiles(paths)),
            Purpose::SaveReport => {
                if let Some(path) = paths.into_iter().next() {
                    self.export.form.path = path.display().to_string();
                }
            }
            Purpose::Folder => {
                if let Some(path) = paths.into_iter().next() {
                    self.folder_check.folder = path.display().to_string();
                }
            }
            Purpose::SaveCheckReport => {
                if let Some(path) = paths.into_iter().next() {
                    self.folder_check.report_path = path.display().to_string();
                }
            }
            Purpose::Open => {}
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        let paths: Vec<PathBuf> =
            dropped.into_iter().map(|file| file.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect();
        if !paths.is_empty() {
            self.push(Command::OpenFiles(paths));
        }
    }
}
