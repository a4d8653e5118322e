//! N-way alignment of comparable sections across all loaded documents.

mod aligner;
mod similarity;
mod synonyms;
mod topics;

pub use aligner::align;
pub use topics::{Topic, topic_names, topics};

use serde::{Deserialize, Serialize};

/// One document's section in an alignment row.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlignedCell {
    /// Index of the section in the document's `sections`.
    pub section: usize,
    /// Similarity of the section to the row (0..=1).
    pub score: f32,
    /// Placed here by the user rather than by the aligner.
    pub pinned: bool,
}

/// A row of comparable sections: one topic (or an untitled cluster), at most one section per document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlignmentRow {
    /// Topic from the topic list (e.g. "财政支持"), or `None` for an untitled cluster.
    pub topic: Option<String>,
    /// Short label for display: the topic, or the most typical heading of the cluster.
    pub label: String,
    /// One entry per document, in document order.
    pub cells: Vec<Option<AlignedCell>>,
}

/// The alignment of all documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    /// Rows in a stable order (by the first document position where the row occurs).
    pub rows: Vec<AlignmentRow>,
    /// Sections that belong to no row: `(document index, section index)`.
    pub unaligned: Vec<(usize, usize)>,
}

/// A manual correction of the alignment by the user.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AlignmentOverride {
    /// Put `section` of `doc` into the row of `topic` (the row is created if missing), replacing
    /// whatever section of that document the row had.
    Pin {
        /// Document index.
        doc: usize,
        /// Section index.
        section: usize,
        /// Row key: the topic name or the label of an untitled cluster.
        topic: String,
    },
    /// Keep `section` of `doc` out of every row.
    Unpin {
        /// Document index.
        doc: usize,
        /// Section index.
        section: usize,
    },
}
