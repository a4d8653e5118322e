//! What the UI asks for. Panels push commands while drawing; the app applies them after the frame,
//! so no panel mutates shared state in the middle of a pass.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::align::AlignmentOverride;
use crate::text::Span;

use super::worker::ExportRequest;

/// The main views of the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum View {
    /// The loaded documents.
    Documents,
    /// Topics × documents.
    Alignment,
    /// Two documents side by side.
    #[default]
    SideBySide,
    /// One topic across every document.
    Topic,
    /// Copy ratios, provenance and reused passages.
    Reuse,
    /// The 政策对标表: levers of every topic against a base document.
    Levers,
    /// Preferences.
    Settings,
    /// The revision table (新旧条文对照表) of two versions.
    Revision,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 8] = [
        View::Documents,
        View::Alignment,
        View::SideBySide,
        View::Topic,
        View::Levers,
        View::Reuse,
        View::Revision,
        View::Settings,
    ];

    /// The view named `name` ("side_by_side", "alignment", …), for the screenshot switch.
    pub fn from_name(name: &str) -> Option<View> {
        Some(match name {
            "documents" => View::Documents,
            "alignment" => View::Alignment,
            "side_by_side" => View::SideBySide,
            "topic" => View::Topic,
            "reuse" => View::Reuse,
            "levers" => View::Levers,
            "settings" => View::Settings,
            "revision" => View::Revision,
            _ => return None,
        })
    }
}

/// A request from the UI, applied at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Switch to a view.
    ShowView(View),
    /// Load these files and add them to the documents.
    OpenFiles(Vec<PathBuf>),
    /// Ask the user for files with the native dialog.
    PickFiles,
    /// Ask the user for the folder of the folder check.
    PickFolder,
    /// Remove a document.
    RemoveDocument(usize),
    /// Move a document to another position.
    MoveDocument {
        /// Current index.
        from: usize,
        /// New index.
        to: usize,
    },
    /// Set or clear a document's date (it decides the reuse direction).
    SetDate {
        /// Document index.
        doc: usize,
        /// The date as typed (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, also with `/` or `.`), parsed when
        /// the command is applied (a bad date is reported, not set); `None` or blank clears it.
        date: Option<String>,
    },
    /// Compare two documents side by side.
    Compare {
        /// Left document.
        left: usize,
        /// Right document.
        right: usize,
    },
    /// Compare the first two documents of an alignment row, scrolled to that row.
    CompareRow(usize),
    /// Show one alignment row across all documents.
    ShowTopic(usize),
    /// Show `span` of `doc` in the side-by-side view, next to `other` where possible.
    Reveal {
        /// Document to show.
        doc: usize,
        /// Text to scroll to.
        span: Span,
        /// Document to keep on the other side.
        other: Option<usize>,
    },
    /// A manual alignment correction: put a section into a row, or keep it out of every row (the
    /// workspace keeps the list, and the analysis re-runs with it).
    Override(AlignmentOverride),
    /// Remove every manual alignment correction.
    ClearOverrides,
    /// Show the "Check against a folder…" dialog.
    OpenFolderCheck,
    /// Start checking the chosen draft against the chosen folder.
    StartFolderCheck,
    /// Load a document found by the folder check and show it next to the draft.
    OpenFolderHit {
        /// Index of the draft.
        draft: usize,
        /// The corpus document.
        path: PathBuf,
    },
    /// Ask where to write the folder check's 查重 report.
    ChooseCheckReportPath,
    /// Write the last folder check's 查重 report to this path (format from the extension); an
    /// existing file is replaced only after asking.
    ExportCheckReport(PathBuf),
    /// Write the 查重 report over the existing file the user was asked about.
    ConfirmCheckReportOverwrite,
    /// A setting that changes the analysis was edited: run it again.
    Reanalyse,
    /// Go to the next change in the side-by-side view.
    NextChange,
    /// Go to the previous change in the side-by-side view.
    PreviousChange,
    /// Go to the next find match.
    NextMatch,
    /// Go to the previous find match.
    PreviousMatch,
    /// Open the export dialog.
    OpenExport,
    /// Write a report.
    Export(ExportRequest),
    /// Forget a message shown to the user.
    DismissMessage(usize),
    /// Forget every message shown.
    DismissAllMessages,
    /// Write the pending export over the existing file the user was asked about.
    ConfirmOverwrite,
    /// Build the revision table of document `old` → document `new` and show it.
    CompareVersions {
        /// The old version.
        old: usize,
        /// The revised version.
        new: usize,
    },
}
