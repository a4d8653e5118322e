//! Word-level diff of two char spans, with moved blocks and a deadline.
//!
//! Ops are expressed in absolute char offsets of the two documents. Read in order, the `a` spans of
//! all ops cover the compared part of A exactly; the `b` spans, as a set, cover the compared part of
//! B exactly (a [`DiffTag::Move`] op sits at its place in A and points at where the text went in B).
//!
//! # Contract of [`diff_spans`]
//!
//! For `diff_spans(a, a_span, b, b_span, options)` (spans clamped to their texts first):
//!
//! 1. **A tiles.** The `a` spans of the ops, in order, tile `a_span` exactly: the first starts at
//!    `a_span.start`, each starts where the previous ended, the last ends at `a_span.end`.
//! 2. **B tiles.** The `b` spans of all ops, sorted by start, tile `b_span` exactly.
//! 3. **Equal means equal after normalisation.** Comparison uses
//!    [`crate::segment::normalize`] with default options (punctuation, whitespace, width and variant
//!    insensitive): for Equal and Move ops, the normalised chars of A whose origin lies in `a` equal
//!    the normalised chars of B whose origin lies in `b` (normalising each whole compared span, so
//!    context such as 显着 → 显著 is kept). So 「抵（质）押品」 against 「抵质押品」 is Equal.
//! 4. **Applying the ops to A gives B.** Taking the ops in `b` order and, for each, B's text for
//!    Insert/Replace and A's text for Equal/Move (a Move's text moves to its `b` place), yields B up
//!    to normalisation; Delete contributes nothing.
//! 5. **Empty sides.** Delete ops have an empty `b` (at a place inside `b_span`), Insert ops an empty
//!    `a`; no op has both sides empty. Replace and Move have both sides non-empty.
//! 6. **Punctuation goes with its text.** Chars dropped by normalisation between two compared chars
//!    are split between the ops on either side: closing punctuation (。，）) stays with the text
//!    before, whitespace and opening brackets (（《「) go with the text after. Texts that normalise
//!    to nothing on both sides give one Equal op.
//! 7. **Deadline.** `options.timeout` bounds the work after the texts are read and normalised and
//!    the dictionary is loaded (the one-time jieba build is not counted), give or take one sentence
//!    of segmentation or one bounded step. When it is hit the ops are still complete and satisfy
//!    1–6, just coarser, and `fallback` says which stage was cut short.
//!
//! Granularity: [`Granularity::Word`] compares jieba words of the normalised text (segmented
//! sentence by sentence), then refines replaced words by characters when the two sides share at
//! least half their chars; [`Granularity::Char`] compares single normalised chars. Moved
//! blocks of at least `options.min_move_chars` normalised chars become one Move op.

use std::time::Duration;

mod moves;
mod refine;
mod render;
mod window;
mod word;

pub use render::render_text;
pub use word::diff_spans;

use serde::{Deserialize, Serialize};

use crate::text::Span;

/// What happened to a stretch of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffTag {
    /// Same text on both sides.
    Equal,
    /// Only in A (`b` is an empty span at the place it would be in B).
    Delete,
    /// Only in B (`a` is an empty span at the place it would be in A).
    Insert,
    /// A's text was replaced by B's.
    Replace,
    /// A block of A that appears, unchanged, at another place in B.
    Move,
}

/// One diff op with char spans on both sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffOp {
    /// What happened.
    pub tag: DiffTag,
    /// Span in A.
    pub a: Span,
    /// Span in B.
    pub b: Span,
}

/// Unit the diff compares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// jieba words, with replaced runs refined by characters.
    #[default]
    Word,
    /// Single characters.
    Char,
}

/// How to diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiffOptions {
    /// Words or characters.
    pub granularity: Granularity,
    /// Give up on a fine diff after this long and fall back to a coarser one.
    pub timeout: Duration,
    /// Detect moved blocks of at least this many chars.
    pub min_move_chars: usize,
}

impl Default for DiffOptions {
    fn default() -> Self {
        Self { granularity: Granularity::Word, timeout: Duration::from_millis(500), min_move_chars: 8 }
    }
}

/// The result of one diff.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordDiff {
    /// Ops in A order.
    pub ops: Vec<DiffOp>,
    /// Why a coarser diff was used, if the deadline was hit.
    pub fallback: Option<String>,
}

impl WordDiff {
    /// Chars of A and B that are not equal (changed, deleted, inserted; moves count as unchanged).
    pub fn changed_chars(&self) -> (usize, usize) {
        self.ops
            .iter()
            .filter(|op| !matches!(op.tag, DiffTag::Equal | DiffTag::Move))
            .fold((0, 0), |(a, b), op| (a + op.a.len(), b + op.b.len()))
    }
}
