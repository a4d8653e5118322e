//! The state of each view and dialog, and the messages shown to the user.

use std::sync::Arc;
use std::time::Duration;

use crate::diff::WordDiff;

use super::super::compare::PairLayout;
use super::super::panels;

use super::super::worker::ExportRequest;

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

/// State of the levers view (政策对标表).
#[derive(Clone, Debug, Default)]
pub struct LeversState {
    /// Base document the others are compared with.
    pub base: usize,
    /// Hide the wording-strength lines (modal verbs), which are long in texts full of 鼓励/支持.
    pub hide_wording: bool,
    /// The tables of (analysis generation, base), computed once per analysis and base.
    pub tables: Option<(u64, usize, Arc<Vec<crate::levers::LeverTable>>)>,
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
    /// A report that would replace an existing file, waiting for the user to say yes.
    pub confirm: Option<ExportRequest>,
    /// Why the last attempt failed, shown in the dialog (which stays open).
    pub error: Option<String>,
}

/// What a message reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// Something failed (red).
    Error,
    /// Worth knowing, nothing failed.
    Notice,
    /// Something the user asked for was done.
    Success,
}

/// A message shown in the message area until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The text, naming the file concerned, in the UI language.
    pub text: String,
    /// Error, notice or success.
    pub kind: MessageKind,
}

/// How long a jump target stays outlined.
pub const FLASH: Duration = Duration::from_millis(1500);

/// Most messages the message area keeps; older ones go first.
pub const MAX_MESSAGES: usize = 5;
