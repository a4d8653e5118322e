//! Text reuse between documents: exact and edited passages, boilerplate, copy ratios, direction.

mod boilerplate;
mod detect;
mod edited;
mod exact;
mod index;
mod ranges;
mod ratios;

pub use detect::{detect, detect_against};

use serde::{Deserialize, Serialize};

use crate::text::Span;

/// How a passage was reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReuseKind {
    /// The same wording (after matching normalisation).
    Exact,
    /// A rewritten clause: words swapped, phrases inserted or dropped, numbers changed.
    Edited,
}

/// One side of a reused passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReuseSide {
    /// Document index.
    pub doc: usize,
    /// Char span in the document.
    pub span: Span,
    /// Innermost section containing the start of the span.
    pub section: Option<usize>,
}

/// A passage shared by two documents. `a.doc < b.doc`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReusePassage {
    /// Exact or edited.
    pub kind: ReuseKind,
    /// 公文 formula or found in most loaded documents: shown on demand, left out of copy ratios.
    pub boilerplate: bool,
    /// 1.0 for exact passages; for edited ones the share of matching normalised chars.
    pub similarity: f32,
    /// Length in normalised chars of the shared wording.
    pub chars: usize,
    /// The passage in the document with the smaller index.
    pub a: ReuseSide,
    /// The passage in the document with the larger index.
    pub b: ReuseSide,
}

/// Which way text travelled between two documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// The document with the smaller index is earlier: it is the source.
    AToB,
    /// The document with the larger index is earlier.
    BToA,
}

/// Copy statistics for a pair of documents `a < b`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairStats {
    /// Document index.
    pub a: usize,
    /// Document index.
    pub b: usize,
    /// Earlier → later by document dates; `None` when a date is unknown or equal.
    pub direction: Option<Direction>,
    /// Chars of A covered by non-boilerplate passages shared with B.
    pub a_reused_chars: usize,
    /// Chars of B covered by non-boilerplate passages shared with A.
    pub b_reused_chars: usize,
    /// `a_reused_chars` over A's countable chars.
    pub a_ratio: f32,
    /// `b_reused_chars` over B's countable chars.
    pub b_ratio: f32,
}

/// Share of one section's chars reused from another document.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionReuse {
    /// Document index.
    pub doc: usize,
    /// Section index.
    pub section: usize,
    /// The other document.
    pub other: usize,
    /// Chars of the section covered by non-boilerplate passages shared with `other`.
    pub reused_chars: usize,
    /// `reused_chars` over the section's countable chars.
    pub ratio: f32,
}

/// Settings of reuse detection.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReuseOptions {
    /// Minimum length in normalised chars of an exact passage.
    pub min_chars: usize,
    /// Exact matches separated by at most this many normalised chars are merged.
    pub merge_gap: usize,
    /// Minimum similarity of an edited clause pair.
    pub min_edited_similarity: f32,
    /// Minimum length in normalised chars of a clause considered for edited reuse.
    pub min_edited_chars: usize,
}

impl Default for ReuseOptions {
    fn default() -> Self {
        Self { min_chars: 12, merge_gap: 4, min_edited_similarity: 0.6, min_edited_chars: 20 }
    }
}

/// Everything reuse detection found.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReuseReport {
    /// Passages, sorted by (a.doc, b.doc, a.span.start, b.span.start).
    pub passages: Vec<ReusePassage>,
    /// One entry per document pair `a < b`.
    pub pairs: Vec<PairStats>,
    /// Per section and other document, where anything was reused.
    pub sections: Vec<SectionReuse>,
    /// The rule behind the ratios, in plain words, for display next to the numbers.
    pub rule: String,
}
