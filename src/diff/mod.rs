//! Word-level diff of two char spans, with moved blocks and a deadline.
//!
//! Ops are expressed in absolute char offsets of the two documents. Read in order, the `a` spans of
//! all ops cover the compared part of A exactly; the `b` spans, as a set, cover the compared part of
//! B exactly (a [`DiffTag::Move`] op sits at its place in A and points at where the text went in B).

use std::time::Duration;

mod word;

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
