//! Reuse detection over a set of documents: every pair, or one query against all others.

use std::ops::Range;

use rayon::prelude::*;

use super::boilerplate::{Formulae, common_threshold, mark_common, mostly_formula};
use super::edited::edited_clauses;
use super::exact::{maximal_runs, merge_runs};
use super::index::{Indexed, Prepared, seed_len};
use super::ratios::{pair_stats, rule, section_reuse};
use super::{ReuseKind, ReuseOptions, ReusePassage, ReuseReport, ReuseSide};
use crate::model::Document;
use crate::segment::normalize::NormalizeOptions;

/// Find text reused between every pair of documents.
pub fn detect(documents: &[Document], options: &ReuseOptions, normalize: &NormalizeOptions) -> ReuseReport {
    let formulae = Formulae::load(normalize);
    let prepared: Vec<Prepared> = documents.par_iter().map(|d| Prepared::new(d, normalize, &formulae)).collect();
    let k = seed_len(options.min_chars);
    let indexed: Vec<Indexed<'_>> = prepared.par_iter().map(|p| Indexed::new(p, k, options.min_edited_chars)).collect();
    let pairs: Vec<(usize, usize)> =
        (0..documents.len()).flat_map(|a| (a + 1..documents.len()).map(move |b| (a, b))).collect();
    let passages: Vec<ReusePassage> = pairs
        .par_iter()
        .map(|&(a, b)| compare_pair(documents, &indexed[a], a, &prepared[b], b, options))
        .flatten()
        .collect();
    finish(documents, passages, &pairs, options)
}

/// Find text reused between document `query` and each other document (for checking one draft
/// against a large corpus). Only the query is indexed; the others are normalised one at a time as
/// they are scanned, so memory does not grow with the corpus.
pub fn detect_against(
    documents: &[Document],
    query: usize,
    options: &ReuseOptions,
    normalize: &NormalizeOptions,
) -> ReuseReport {
    if query >= documents.len() {
        return ReuseReport { rule: rule(options), ..ReuseReport::default() };
    }
    let formulae = Formulae::load(normalize);
    let query_prepared = Prepared::new(&documents[query], normalize, &formulae);
    let indexed = Indexed::new(&query_prepared, seed_len(options.min_chars), options.min_edited_chars);
    let others: Vec<usize> = (0..documents.len()).filter(|&d| d != query).collect();
    let passages: Vec<ReusePassage> = others
        .par_iter()
        .map(|&other| {
            let prepared = Prepared::new(&documents[other], normalize, &formulae);
            compare_pair(documents, &indexed, query, &prepared, other, options)
        })
        .flatten()
        .collect();
    let pairs: Vec<(usize, usize)> = others.iter().map(|&o| (query.min(o), query.max(o))).collect();
    finish(documents, passages, &pairs, options)
}

/// Exact and edited passages between the indexed document `a` and the scanned document `b`.
fn compare_pair(
    documents: &[Document],
    indexed: &Indexed<'_>,
    a: usize,
    other: &Prepared,
    b: usize,
    options: &ReuseOptions,
) -> Vec<ReusePassage> {
    let exact = merge_runs(maximal_runs(indexed, other), options.min_chars, options.merge_gap);
    let edited = edited_clauses(indexed, other, &exact, options);
    let a_doc = indexed.doc;
    let side = |doc: usize, prepared: &Prepared, range: &Range<usize>| {
        let span = prepared.norm.source_span(range.start, range.end);
        ReuseSide { doc, span, section: documents[doc].section_at(span.start) }
    };
    let passage = |kind: ReuseKind, similarity: f32, chars: usize, ra: &Range<usize>, rb: &Range<usize>| {
        let boilerplate = mostly_formula(&a_doc.formula, ra) || mostly_formula(&other.formula, rb);
        let (first, second) = (side(a, a_doc, ra), side(b, other, rb));
        // Passages name the document with the smaller index first.
        let (sa, sb) = if a < b { (first, second) } else { (second, first) };
        ReusePassage { kind, boilerplate, similarity, chars, a: sa, b: sb }
    };
    let mut out: Vec<ReusePassage> =
        exact.iter().map(|m| passage(ReuseKind::Exact, 1.0, m.matched, &m.a, &m.b)).collect();
    out.extend(edited.iter().map(|m| passage(ReuseKind::Edited, m.similarity, m.common, &m.a, &m.b)));
    out
}

/// Mark common passages, sort, and compute ratios.
fn finish(
    documents: &[Document],
    mut passages: Vec<ReusePassage>,
    pairs: &[(usize, usize)],
    options: &ReuseOptions,
) -> ReuseReport {
    if let Some(threshold) = common_threshold(documents.len()) {
        mark_common(&mut passages, threshold);
    }
    passages.sort_by(|x, y| {
        (x.a.doc, x.b.doc, x.a.span.start, x.b.span.start, x.kind, x.a.span.end, x.b.span.end).cmp(&(
            y.a.doc,
            y.b.doc,
            y.a.span.start,
            y.b.span.start,
            y.kind,
            y.a.span.end,
            y.b.span.end,
        ))
    });
    let pairs_stats = pair_stats(documents, &passages, pairs);
    let sections = section_reuse(documents, &passages);
    ReuseReport { passages, pairs: pairs_stats, sections, rule: rule(options) }
}
