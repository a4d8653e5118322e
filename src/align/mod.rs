//! N-way alignment of comparable sections across all loaded documents.
//!
//! Sections are paired by what they say, not by a fixed topic list: shared and rewritten passages
//! found by the reuse engine, TF-IDF over jieba tokens and char bigrams, and heading similarity. Each
//! pair of documents is assigned jointly (maximum-weight matching with document order as a soft
//! prior), and the pairwise matches are merged into rows with at most one section per document. Per
//! document the aligner also chooses the outline level: a group whose items all speak of one topic
//! (e.g. a city's 「（四）人才」 with two items) is taken whole when another document covers the topic
//! in one section. The topic list in `assets/topics.tsv` only names rows and adds a weak prior.
//!
//! What is not paired is part of the result: [`Alignment::unaligned`] lists the sections left alone and
//! [`Alignment::gaps`] says where each run of them sits between the document's paired sections, so that
//! views and reports can show them opposite an explicit empty cell.

mod aligner;
mod assign;
pub(crate) mod similarity;
mod synonyms;
mod tokens;
mod topics;

pub use aligner::{AlignOptions, Prepared, align, align_with, finish, prepare};
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
    /// The cell stands for the section together with its sub-sections (the aligner took the whole
    /// group because its items are about the row's topic), while other cells of the row may be single
    /// items: views can say "whole section" next to it.
    #[serde(default)]
    pub whole: bool,
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
    /// Rows in a stable order (by the first document position where the row occurs). Every row has
    /// cells of at least two documents, or a pinned cell.
    pub rows: Vec<AlignmentRow>,
    /// Sections that belong to no row: `(document index, section index)`, sorted. These are the
    /// content units the aligner considered (and sections the user unpinned); headings without text
    /// of their own and groups whose items were aligned one by one are not listed.
    pub unaligned: Vec<(usize, usize)>,
    /// Where the unaligned sections sit: per document, runs of consecutive unaligned sections with
    /// the rows of the paired sections just before and after them. Sorted by document, then position.
    #[serde(default)]
    pub gaps: Vec<Gap>,
    /// The alignment deadline passed and some document pairs were not compared: rows may be missing
    /// cells that a full run would have filled.
    #[serde(default)]
    pub timed_out: bool,
}

/// A run of consecutive sections of one document that have no counterpart in any other document.
///
/// A two-document view shows the run opposite an explicit empty cell, placed after the row
/// `after_row` and before the row `before_row` (indices into [`Alignment::rows`]); those rows are
/// the ones holding this document's nearest paired sections, so the run sits in document order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// Document index.
    pub doc: usize,
    /// Section indices of the run, in document order.
    pub sections: Vec<usize>,
    /// Row of the document's nearest paired section before the run (`None` at the document start).
    pub after_row: Option<usize>,
    /// Row of the document's nearest paired section after the run (`None` at the document end).
    pub before_row: Option<usize>,
}

impl Alignment {
    /// The row holding `section` of `doc`, if any.
    pub fn row_of(&self, doc: usize, section: usize) -> Option<usize> {
        self.rows.iter().position(|row| row.cells.get(doc).copied().flatten().is_some_and(|c| c.section == section))
    }

    /// The gaps of document `doc`, in document order.
    pub fn gaps_of(&self, doc: usize) -> impl Iterator<Item = &Gap> + '_ {
        self.gaps.iter().filter(move |gap| gap.doc == doc)
    }

    /// Rows that hold sections of both `a` and `b`, and the sections of each document that have no
    /// partner in the other, as a merged sequence in the order of both documents: what a side-by-side
    /// view of two documents shows, with `None` for the explicit empty cell.
    ///
    /// Each document contributes the sections it has in rows or in [`Alignment::unaligned`]. The
    /// sequence follows `a`; a section of `b` without a partner in `a` comes just before the next pair
    /// that follows it in `b` (a section of `b` paired out of order appears beside its partner).
    pub fn side_by_side(&self, a: usize, b: usize) -> Vec<(Option<usize>, Option<usize>)> {
        let cell = |row: &AlignmentRow, doc: usize| row.cells.get(doc).copied().flatten().map(|c| c.section);
        let units = |doc: usize| -> Vec<usize> {
            let mut units: Vec<usize> = self
                .rows
                .iter()
                .filter_map(|row| cell(row, doc))
                .chain(self.unaligned.iter().filter(|(d, _)| *d == doc).map(|&(_, s)| s))
                .collect();
            units.sort_unstable();
            units.dedup();
            units
        };
        let partner = |row_doc: usize, other: usize, section: usize| -> Option<usize> {
            self.rows.iter().find(|row| cell(row, row_doc) == Some(section)).and_then(|row| cell(row, other))
        };
        let (a_units, b_units) = (units(a), units(b));
        let mut out = Vec::new();
        let (mut i, mut j) = (0usize, 0usize);
        let mut b_done = vec![false; b_units.len()];
        while i < a_units.len() || j < b_units.len() {
            if j < b_units.len() && b_done[j] {
                j += 1;
                continue;
            }
            match (a_units.get(i), b_units.get(j)) {
                (Some(&x), _) => match partner(a, b, x) {
                    Some(y) => {
                        // Emit b's unpaired sections that come before y first.
                        while j < b_units.len() && b_units[j] < y {
                            if !b_done[j] && partner(b, a, b_units[j]).is_none() {
                                out.push((None, Some(b_units[j])));
                                b_done[j] = true;
                            }
                            j += 1;
                        }
                        out.push((Some(x), Some(y)));
                        if let Some(k) = b_units.iter().position(|&s| s == y) {
                            b_done[k] = true;
                        }
                        i += 1;
                    }
                    None => {
                        out.push((Some(x), None));
                        i += 1;
                    }
                },
                (None, Some(&y)) => {
                    if partner(b, a, y).is_none() {
                        out.push((None, Some(y)));
                    }
                    j += 1;
                }
                (None, None) => break,
            }
        }
        out
    }
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
    /// Undo the user's placement of `section` of `doc`: after a `Pin` of the same section the section
    /// returns to the row the aligner computes for it; without an earlier `Pin` it is kept out of
    /// every row (the user said this section has no counterpart).
    Unpin {
        /// Document index.
        doc: usize,
        /// Section index.
        section: usize,
    },
}
