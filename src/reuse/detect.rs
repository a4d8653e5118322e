//! Reuse detection over loaded documents: every pair, or one query against all others. Both run
//! the one aligner in [`super::engine`]; the folder scan runs it too, through [`pair_passages`].

use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::boilerplate::{Formulae, mostly_formula};
use super::engine::{self, Aligned, Fallback, Prepared};
use super::ratios::{countable_covered, pair_stats, rule, section_reuse};
use super::{ReuseKind, ReuseOptions, ReusePassage, ReuseReport, ReuseSide};
use crate::model::Document;
use crate::segment::normalize::NormalizeOptions;
use crate::text::{CharText, Span};

/// How long one detection run may align before the remaining pairs keep only their exact runs.
/// Five policies take milliseconds; this bounds pathological input (two huge near-identical files
/// with every line repeated).
pub const DETECT_DEADLINE: Duration = Duration::from_secs(20);

/// A passage shared by two texts, in source char spans, before documents and sections are attached.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct SharedPassage {
    /// Exact (similarity 1) or edited.
    pub kind: ReuseKind,
    /// Mostly formula on either side.
    pub boilerplate: bool,
    /// Identical chars over the longer side.
    pub similarity: f32,
    /// Identical normalised chars.
    pub chars: usize,
    /// Span in the first text.
    pub a: Span,
    /// Span in the second text.
    pub b: Span,
}

/// The passages two prepared texts share, as source spans with their boilerplate flags. Used by
/// `detect`, `detect_against` and the folder scan alike.
pub(crate) fn pair_passages(
    a: &Prepared,
    b: &Prepared,
    options: &ReuseOptions,
    deadline: Option<Instant>,
) -> (Vec<SharedPassage>, Option<Fallback>) {
    let found = engine::compare(a, b, options, deadline);
    let passages = found.passages.iter().map(|m| shared(a, b, m, options)).collect();
    (passages, found.fallback)
}

/// Countable chars of `a` and of `b` covered by the non-boilerplate passages of `found`, leaving
/// out each side's structure labels and formulae: the numerators of the pair's copy ratios (the
/// folder scan's; `compare` counts the same way through [`super::ratios::pair_stats`]).
pub(crate) fn reused_chars(
    found: &[SharedPassage],
    (a, a_prepared): (&CharText, &Prepared),
    (b, b_prepared): (&CharText, &Prepared),
) -> (usize, usize) {
    let counted = || found.iter().filter(|p| !p.boilerplate);
    (
        countable_covered(a, counted().map(|p| p.a).collect(), &a_prepared.uncounted),
        countable_covered(b, counted().map(|p| p.b).collect(), &b_prepared.uncounted),
    )
}

fn shared(a: &Prepared, b: &Prepared, m: &Aligned, options: &ReuseOptions) -> SharedPassage {
    // Wording outside formulae as long as a passage that needs only the lowest similarity is a
    // provision in itself.
    let provision = options.long_chars;
    // Levels align as one word (国务院 ↔ 省); a passage that swapped one is not verbatim: its
    // similarity leaves the swapped level's two chars out of the identical ones.
    let swapped = if m.exact { a.differing_levels(&m.a, b, &m.b) } else { 0 };
    let similarity = if swapped == 0 {
        m.similarity
    } else {
        m.matches.saturating_sub(2 * swapped) as f32 / m.a.len().max(m.b.len()).max(1) as f32
    };
    SharedPassage {
        kind: if m.exact && swapped == 0 { ReuseKind::Exact } else { ReuseKind::Edited },
        boilerplate: mostly_formula(&a.formula, &m.a, provision) || mostly_formula(&b.formula, &m.b, provision),
        similarity,
        chars: m.matches,
        a: a.norm.source_span(m.a.start, m.a.end),
        b: b.norm.source_span(m.b.start, m.b.end),
    }
}

/// Prepare loaded documents for comparison (normalise, mark formulae, fingerprint), in parallel.
pub(crate) fn prepare_all(
    documents: &[Document],
    options: &ReuseOptions,
    normalize: &NormalizeOptions,
) -> Vec<Prepared> {
    let formulae = Formulae::load(normalize);
    let params = options.fingerprint_params();
    documents.par_iter().map(|d| Prepared::new(&d.text, normalize, &formulae, params)).collect()
}

/// Find text reused between every pair of documents.
pub fn detect(documents: &[Document], options: &ReuseOptions, normalize: &NormalizeOptions) -> ReuseReport {
    let prepared = prepare_all(documents, options, normalize);
    let pairs: Vec<(usize, usize)> =
        (0..documents.len()).flat_map(|a| (a + 1..documents.len()).map(move |b| (a, b))).collect();
    run(documents, &prepared, &pairs, options)
}

/// Find text reused between document `query` and each other document (checking one draft against
/// the others). The same aligner as [`detect`], so the passages of a pair are the same.
pub fn detect_against(
    documents: &[Document],
    query: usize,
    options: &ReuseOptions,
    normalize: &NormalizeOptions,
) -> ReuseReport {
    if query >= documents.len() {
        return ReuseReport { rule: rule(options), ..ReuseReport::default() };
    }
    let prepared = prepare_all(documents, options, normalize);
    let pairs: Vec<(usize, usize)> =
        (0..documents.len()).filter(|&d| d != query).map(|o| (query.min(o), query.max(o))).collect();
    run(documents, &prepared, &pairs, options)
}

/// Align each pair, attach documents and sections, and compute the ratios.
fn run(documents: &[Document], prepared: &[Prepared], pairs: &[(usize, usize)], options: &ReuseOptions) -> ReuseReport {
    let deadline = Instant::now() + DETECT_DEADLINE;
    let results: Vec<(Vec<ReusePassage>, Option<String>)> = pairs
        .par_iter()
        .map(|&(a, b)| {
            let (found, fallback) = pair_passages(&prepared[a], &prepared[b], options, Some(deadline));
            let side = |doc: usize, span: Span| ReuseSide { doc, span, section: documents[doc].section_at(span.start) };
            let passages = found
                .iter()
                .map(|p| ReusePassage {
                    kind: p.kind,
                    boilerplate: p.boilerplate,
                    similarity: p.similarity,
                    chars: p.chars,
                    a: side(a, p.a),
                    b: side(b, p.b),
                })
                .collect();
            let note = fallback.map(|f| fallback_note(&documents[a], &documents[b], f));
            (passages, note)
        })
        .collect();
    let mut passages = Vec::new();
    let mut fallbacks = Vec::new();
    for (found, note) in results {
        passages.extend(found);
        fallbacks.extend(note);
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
    let uncounted: Vec<&[Span]> = prepared.iter().map(|p| p.uncounted.as_slice()).collect();
    let pairs_stats = pair_stats(documents, &uncounted, &passages, pairs);
    let sections = section_reuse(documents, &uncounted, &passages);
    ReuseReport { passages, pairs: pairs_stats, sections, rule: rule(options), fallbacks }
}

/// Why a pair kept only its exact runs, naming both documents.
fn fallback_note(a: &Document, b: &Document, fallback: Fallback) -> String {
    fallback.note(&format!("{} ↔ {}", a.id, b.id))
}
