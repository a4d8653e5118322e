//! The analysis pipeline and its result: the one type the GUI and every report writer consume.

use serde::{Deserialize, Serialize};

use crate::align::{self, Alignment, AlignmentOverride};
use crate::diff::{self, DiffOptions, WordDiff};
use crate::levers::{self, Lever, LeverTable};
use crate::model::Document;
use crate::reuse::{self, ReuseOptions, ReuseReport};
use crate::segment::normalize::NormalizeOptions;
use crate::text::Span;

/// Everything that changes what the analysis finds. Part of the user's saved settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisOptions {
    /// Reuse detection thresholds.
    pub reuse: ReuseOptions,
    /// What matching ignores.
    pub normalize: NormalizeOptions,
    /// Diff granularity and deadline.
    pub diff: DiffOptions,
    /// Manual alignment corrections.
    pub overrides: Vec<AlignmentOverride>,
}

/// The result of analysing a set of documents.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// The documents, in load order (index = position; ids D1..Dn).
    pub documents: Vec<Document>,
    /// Comparable sections across documents.
    pub alignment: Alignment,
    /// Reused passages, copy ratios and directions.
    pub reuse: ReuseReport,
    /// The options the analysis ran with.
    pub options: AnalysisOptions,
    /// Policy levers of each document (index = document), in text order: what the 政策对标表 of
    /// [`Analysis::lever_tables`] lays out per topic.
    pub levers: Vec<Vec<Lever>>,
}

impl Analysis {
    /// Detect reuse across `documents`, then align their sections: the reused passages are the
    /// aligner's strongest evidence that two sections belong together. Documents get their display
    /// names here ([`crate::model::assign_display_names`]), so every view and report of the analysis
    /// uses the same distinct names.
    pub fn run(mut documents: Vec<Document>, options: &AnalysisOptions) -> Analysis {
        crate::model::assign_display_names(&mut documents);
        // The aligner's reading of the sections (jieba tokens, content vectors) and lever
        // extraction need no reuse report: they run beside reuse detection, and the alignment is
        // finished with the reuse passages as evidence.
        let (reuse, (prepared, levers)) = rayon::join(
            || reuse::detect(&documents, &options.reuse, &options.normalize),
            || {
                let prepared = align::prepare(&documents, &options.overrides, &align::AlignOptions::default());
                (prepared, documents.iter().map(levers::extract).collect())
            },
        );
        let alignment = align::finish(prepared, &reuse);
        Analysis { documents, alignment, reuse, options: options.clone(), levers }
    }

    /// The 政策对标表 of every aligned topic against the base document `base`: the one table the
    /// app, the CLI and every report show. Levers are extracted in [`Analysis::run`]; an analysis
    /// built by hand without them gets them here.
    pub fn lever_tables(&self, base: usize) -> Vec<LeverTable> {
        let extracted: Vec<Vec<Lever>>;
        let levers = if self.levers.len() == self.documents.len() {
            &self.levers
        } else {
            extracted = self.documents.iter().map(levers::extract).collect();
            &extracted
        };
        levers::tables(&self.documents, &self.alignment, levers, base.min(self.documents.len().saturating_sub(1)))
    }

    /// The levers of document `doc` (empty when the analysis was built without them).
    pub fn levers_of(&self, doc: usize) -> &[Lever] {
        self.levers.get(doc).map_or(&[], Vec::as_slice)
    }

    /// Word diff of two sections `(document index, section index)`, over their whole span.
    pub fn diff_sections(&self, a: (usize, usize), b: (usize, usize)) -> Option<WordDiff> {
        let a_span = self.documents.get(a.0)?.sections.get(a.1)?.span;
        let b_span = self.documents.get(b.0)?.sections.get(b.1)?.span;
        self.diff_spans(a.0, a_span, b.0, b_span)
    }

    /// Word diff of two whole documents.
    pub fn diff_documents(&self, a: usize, b: usize) -> Option<WordDiff> {
        let a_span = Span::new(0, self.documents.get(a)?.chars());
        let b_span = Span::new(0, self.documents.get(b)?.chars());
        self.diff_spans(a, a_span, b, b_span)
    }

    /// Word diff of two arbitrary spans.
    pub fn diff_spans(&self, a: usize, a_span: Span, b: usize, b_span: Span) -> Option<WordDiff> {
        let a_doc = self.documents.get(a)?;
        let b_doc = self.documents.get(b)?;
        Some(diff::diff_spans(&a_doc.text, a_span, &b_doc.text, b_span, &self.options.diff))
    }

    /// Index of the document with id `id` ("D3").
    pub fn document_index(&self, id: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }
}
