//! Text reuse between documents: exact and edited passages, boilerplate, copy ratios, direction.

mod boilerplate;
mod detect;
pub(crate) mod engine;
pub mod fingerprint;
mod ranges;
mod ratios;

pub(crate) use boilerplate::Formulae;
pub use detect::{DETECT_DEADLINE, detect, detect_against};
pub(crate) use detect::{pair_passages, reused_chars};
pub(crate) use engine::{Prepared, parts_of_one_provision};
pub use fingerprint::NormText;
pub(crate) use ratios::{countable_total, direction, ratio, rule, union};

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
    /// 公文 or legislative formula, department list or cited title: shown on demand, left out of
    /// copy ratios.
    pub boilerplate: bool,
    /// 1.0 for exact passages; for edited ones the identical normalised chars over the longer side.
    pub similarity: f32,
    /// Identical normalised chars in the aligned passage.
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

/// Settings of reuse detection. Saved with the user's settings; fields missing from an older file
/// take their defaults.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReuseOptions {
    /// Minimum identical normalised chars in a passage.
    pub min_chars: usize,
    /// Minimum similarity (identical chars over the longer side) of a passage with at least
    /// `long_chars` identical chars.
    pub min_similarity: f32,
    /// Similarity required of a passage with only `min_chars` identical chars; the requirement
    /// falls linearly to `min_similarity` at `long_chars`. Short shared wording with edits is
    /// usually a stock phrase; short provisions that were copied are nearly verbatim.
    pub short_similarity: f32,
    /// Identical chars from which `min_similarity` applies.
    pub long_chars: usize,
    /// Length of the seed k-grams in normalised chars.
    pub kgram: usize,
}

impl Default for ReuseOptions {
    fn default() -> Self {
        Self { min_chars: 8, min_similarity: 0.5, short_similarity: 0.7, long_chars: 30, kgram: 4 }
    }
}

impl ReuseOptions {
    /// Fingerprints that seed the pairwise alignment: every k-gram (window 1), so that a copy with
    /// an edit every few characters still shares seeds.
    pub fn fingerprint_params(&self) -> fingerprint::Params {
        fingerprint::Params { k: self.kgram.clamp(2, 16), window: 1 }
    }

    /// Exact chars a chain of seed runs needs before it is aligned: fewer cannot make a passage.
    pub(crate) fn min_seed_chars(&self) -> usize {
        (self.fingerprint_params().k + 1).min(self.min_chars).max(1)
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
    /// Document pairs whose alignment was cut short (deadline or work budget), with the reason;
    /// their passages are the exact runs only. Empty on a normal run.
    #[serde(default)]
    pub fallbacks: Vec<String>,
}
