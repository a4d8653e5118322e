//! Files chosen from inside the app: the native dialog where the desktop offers one, otherwise an
//! in-app file browser (egui_file), with a message saying why. On a Linux session without
//! xdg-desktop-portal the native dialog silently returns nothing, which left File → Open files…
//! doing nothing at all.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the chosen path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Documents to open.
    Open,
    /// Where to write a report.
    SaveReport,
    /// The folder to check a draft against.
    Folder,
    /// Where to write the folder check's 查重 report.
    SaveCheckReport,
}

/// The in-app file browser, while it is open.
pub struct FileBrowser {
    dialog: egui_file::FileDialog,
    purpose: Purpose,
}

/// Extensions of the documents Duizhao reads.
pub const DOCUMENT_EXTENSIONS: &[&str] = crate::ingest::DOCUMENT_EXTENSIONS;

/// A native dialog that returns this fast was not shown at all (no person cancels a dialog in a
/// quarter of a second): the desktop has no portal.
const TOO_FAST: Duration = Duration::from_millis(250);

/// True when the session can show a native file dialog at all: on Linux the portal talks over the
/// session bus, so without one there is no dialog to wait for.
pub fn native_dialog_possible() -> bool {
    if cfg!(target_os = "linux") { std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() } else { true }
}

/// Ask the native dialog for documents. `Err(())` when it could not be shown (it came back at once
/// with nothing); `Ok(None)` when the user cancelled.
#[allow(clippy::result_unit_err)]
pub fn pick_files_natively() -> Result<Option<Vec<PathBuf>>, ()> {
    let started = Instant::now();
    let picked = rfd::FileDialog::new().add_filter("documents", DOCUMENT_EXTENSIONS).pick_files();
    match picked {
        None if started.elapsed() < TOO_FAST => Err(()),
        picked => Ok(picked),
    }
}

/// Ask the native dialog for a folder (same contract as [`pick_files_natively`]).
#[allow(clippy::result_unit_err)]
pub fn pick_folder_natively() -> Result<Option<PathBuf>, ()> {
    let started = Instant::now();
    match rfd::FileDialog::new().pick_folder() {
        None if started.elapsed() < TOO_FAST => Err(()),
        picked => Ok(picked),
    }
}

/// Ask the native dialog where to save a report named `file_name` (same contract as
/// [`pick_files_natively`]).
#[allow(clippy::result_unit_err)]
pub fn save_file_natively(file_name: &str) -> Result<Option<PathBuf>, ()> {
    let started = Instant::now();
    match rfd::FileDialog::new().set_file_name(file_name).save_file() {
        None if started.elapsed() < TOO_FAST => Err(()),
        picked => Ok(picked),
    }
}

impl FileBrowser {
    /// An open browser for `purpose`, starting in `folder` (the home folder when `None`).
    pub fn open(purpose: Purpose, folder: Option<&Path>, title: &str, file_name: &str) -> FileBrowser {
        let start = folder.map(Path::to_path_buf).or_else(|| std::env::var_os("HOME").map(PathBuf::from));
        let mut dialog = match purpose {
            Purpose::Open => {
                let filter: egui_file::Filter<PathBuf> = Box::new(|path: &Path| {
                    path.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
                });
                egui_file::FileDialog::open_file().multi_select(true).show_files_filter(filter)
            }
            Purpose::SaveReport | Purpose::SaveCheckReport => {
                egui_file::FileDialog::save_file().default_filename(file_name)
            }
            Purpose::Folder => egui_file::FileDialog::select_folder(),
        }
        .title(title)
        .id(egui::Id::unique(("duizhao-file-browser", purpose as u8)));
        if let Some(start) = start {
            dialog = dialog.initial_path(start);
        }
        dialog.open();
        FileBrowser { dialog, purpose }
    }

    /// What the browser is for.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// Draw the browser. `Some(paths)` once the user chose (empty when cancelled or closed); `None`
    /// while it is still open.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Vec<PathBuf>> {
        self.dialog.show(ctx);
        match self.dialog.state() {
            egui_file::State::Open => None,
            egui_file::State::Selected => Some(match self.purpose {
                Purpose::Open => self.dialog.selection().into_iter().map(Path::to_path_buf).collect(),
                Purpose::SaveReport | Purpose::SaveCheckReport | Purpose::Folder => {
                    self.dialog.path().map(Path::to_path_buf).into_iter().collect()
                }
            }),
            egui_file::State::Closed | egui_file::State::Cancelled => Some(Vec::new()),
        }
    }
}
