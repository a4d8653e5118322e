//! Every pair of corpus documents that shares passages.
//!
//! An inverted index (fingerprint → documents) built from the stored fingerprints gives the
//! candidate pairs: two documents sharing a fingerprint found in at most `max_doc_freq` documents.
//! Candidates are then compared exactly on their normalised texts, in parallel per document. The
//! output is sorted by document pair, whatever the thread schedule.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::index::CorpusIndex;
use super::matching::{KgramTable, NormText, covered, find_matches, fingerprints};
use super::progress::Control;
use super::query::ratio;
use super::{ScanError, ScanOptions, Skipped};
use crate::text::Span;

/// A passage shared by two corpus documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairPassage {
    /// Char span in document A.
    pub a: Span,
    /// Char span in document B.
    pub b: Span,
    /// Equal normalised chars.
    pub chars: usize,
}

/// Reuse between two corpus documents, `a < b` (entry indices).
#[derive(Clone, Debug, PartialEq)]
pub struct PairReuse {
    /// Entry index of A.
    pub a: usize,
    /// Entry index of B.
    pub b: usize,
    /// Normalised chars of A covered by the shared passages.
    pub a_reused_chars: usize,
    /// Normalised chars of B covered by the shared passages.
    pub b_reused_chars: usize,
    /// `a_reused_chars` over A's normalised length.
    pub a_ratio: f32,
    /// `b_reused_chars` over B's normalised length.
    pub b_ratio: f32,
    /// The passages, in A order.
    pub passages: Vec<PairPassage>,
}

/// Everything an all-pairs comparison found.
#[derive(Clone, Debug, Default)]
pub struct AllPairsResult {
    /// Pairs with at least one passage, sorted by `(a, b)`.
    pub pairs: Vec<PairReuse>,
    /// Pairs compared char by char.
    pub candidate_pairs: usize,
    /// Fingerprints ignored as boilerplate (found in too many documents).
    pub boilerplate_fingerprints: usize,
    /// Documents that could not be read again.
    pub skipped: Vec<Skipped>,
    /// Chunks the comparison ran in (more than one when the texts exceed the memory budget).
    pub chunks: usize,
}

/// Postings sorted at once while building the inverted index (16 bytes each).
const POSTINGS_PER_SLICE: usize = 4_000_000;

struct Loaded {
    text: Arc<NormText>,
    fingerprints: Vec<(u64, u32)>,
}

/// A document loaded for comparison, or why it could not be.
type LoadOutcome = (usize, Result<Loaded, Skipped>);

/// Compare every pair of documents in `index`. `texts` may hold normalised texts already in memory
/// (by entry, as returned by [`super::index::open`]); the others are read again when needed.
pub fn all_pairs(
    index: &CorpusIndex,
    texts: &[Option<Arc<NormText>>],
    options: &ScanOptions,
    control: &Control,
) -> Result<AllPairsResult, ScanError> {
    let mut result = AllPairsResult::default();
    let max_doc_freq = options.max_doc_freq_for(index.entries.len());
    let params = index.params.params;

    control.progress.phase("pairing", 0);
    // The inverted index is built one slice of the hash space at a time, so that its memory stays
    // bounded (about 4 million postings at once) however large the corpus.
    let total: usize = index.entries.iter().filter(|e| e.error.is_none()).map(|e| e.fingerprints.len()).sum();
    let slices = total.div_ceil(POSTINGS_PER_SLICE).max(1) as u64;
    let mut boilerplate: FxHashSet<u64> = FxHashSet::default();
    let mut pairs: Vec<u64> = Vec::new();
    for slice in 0..slices {
        control.check()?;
        let in_slice = |hash: u64| ((u128::from(hash) * u128::from(slices)) >> 64) as u64 == slice;
        let mut postings: Vec<(u64, u32)> = index
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.error.is_none())
            .flat_map(|(i, e)| e.fingerprints.iter().filter(|&&h| in_slice(h)).map(move |&h| (h, i as u32)))
            .collect();
        postings.par_sort_unstable();
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        while start < postings.len() {
            let hash = postings[start].0;
            let mut end = start + 1;
            while end < postings.len() && postings[end].0 == hash {
                end += 1;
            }
            match end - start {
                1 => {}
                n if n > max_doc_freq => {
                    boilerplate.insert(hash);
                }
                _ => groups.push((start, end)),
            }
            start = end;
        }
        pairs.par_extend(groups.par_iter().flat_map_iter(|&(start, end)| {
            let docs = &postings[start..end];
            docs.iter().enumerate().flat_map(move |(x, &(_, a))| {
                docs[x + 1..].iter().map(move |&(_, b)| (u64::from(a.min(b)) << 32) | u64::from(a.max(b)))
            })
        }));
        pairs.par_sort_unstable();
        pairs.dedup();
    }
    result.boilerplate_fingerprints = boilerplate.len();
    control.check()?;
    result.candidate_pairs = pairs.len();

    // Group by A: one table of A's k-grams serves all of A's pairs.
    let mut by_a: Vec<(usize, Vec<usize>)> = Vec::new();
    for pair in pairs {
        let (a, b) = ((pair >> 32) as usize, (pair & 0xFFFF_FFFF) as usize);
        match by_a.last_mut() {
            Some((last, bs)) if *last == a => bs.push(b),
            _ => by_a.push((a, vec![b])),
        }
    }
    // Documents are loaded in chunks of A groups whose documents fit the memory budget; a chunk's
    // documents are dropped before the next chunk (documents shared by chunks are read again).
    let budget = options.max_loaded_chars.max(1);
    let mut docs: Vec<Option<Loaded>> = (0..index.entries.len()).map(|_| None).collect();
    let mut failed = vec![false; index.entries.len()];
    control.progress.phase("comparing", by_a.len() as u64);
    let mut first = 0;
    while first < by_a.len() {
        let mut needed: Vec<usize> = Vec::new();
        let mut taken: FxHashSet<usize> = FxHashSet::default();
        let mut chars = 0usize;
        let mut last = first;
        while last < by_a.len() {
            let (a, bs) = &by_a[last];
            let new: Vec<usize> =
                std::iter::once(*a).chain(bs.iter().copied()).filter(|i| !failed[*i] && !taken.contains(i)).collect();
            let cost: usize = new
                .iter()
                .filter(|&&i| texts.get(i).is_none_or(Option::is_none))
                .map(|&i| index.entries[i].norm_chars as usize)
                .sum();
            if last > first && chars + cost > budget {
                break;
            }
            chars += cost;
            taken.extend(new.iter().copied());
            needed.extend(new);
            last += 1;
        }
        needed.sort_unstable();
        let loaded: Vec<Result<LoadOutcome, ScanError>> = needed
            .par_iter()
            .map(|&i| {
                control.check()?;
                let text = match texts.get(i).and_then(|t| t.clone()) {
                    Some(text) => Ok(text),
                    None => index
                        .read_text(i)
                        .map(|(_, norm)| Arc::new(norm))
                        .map_err(|reason| Skipped { path: index.path_of(i), reason }),
                };
                // Boilerplate never seeds a passage (see `query`).
                let loaded = text.map(|text| {
                    let mut fingerprints = fingerprints(text.chars(), params);
                    fingerprints.retain(|(hash, _)| !boilerplate.contains(hash));
                    Loaded { fingerprints, text }
                });
                Ok((i, loaded))
            })
            .collect();
        for outcome in loaded {
            let (i, loaded) = outcome?;
            match loaded {
                Ok(loaded) => docs[i] = Some(loaded),
                Err(skip) => {
                    failed[i] = true;
                    result.skipped.push(skip);
                }
            }
        }
        let compared: Vec<Result<Vec<PairReuse>, ScanError>> = by_a[first..last]
            .par_iter()
            .map(|(a, bs)| {
                control.check()?;
                let found = compare_one(*a, bs, &docs, params.k, options);
                control.progress.advance(1);
                Ok(found)
            })
            .collect();
        for found in compared {
            result.pairs.extend(found?);
        }
        for &i in &needed {
            docs[i] = None;
        }
        result.chunks += 1;
        first = last;
    }
    control.progress.finish();
    Ok(result)
}

fn compare_one(a: usize, bs: &[usize], docs: &[Option<Loaded>], k: usize, options: &ScanOptions) -> Vec<PairReuse> {
    let Some(doc_a) = docs.get(a).and_then(Option::as_ref) else { return Vec::new() };
    let table = KgramTable::new(doc_a.text.chars(), k);
    let mut out = Vec::new();
    for &b in bs {
        let Some(doc_b) = docs.get(b).and_then(Option::as_ref) else { continue };
        let matches = find_matches(
            doc_a.text.chars(),
            &table,
            doc_b.text.chars(),
            &doc_b.fingerprints,
            k,
            options.min_chars,
            options.merge_gap,
        );
        if matches.is_empty() {
            continue;
        }
        let a_reused_chars = covered(matches.iter().map(|m| (m.a_start, m.a_end)));
        let b_reused_chars = covered(matches.iter().map(|m| (m.b_start, m.b_end)));
        out.push(PairReuse {
            a,
            b,
            a_reused_chars,
            b_reused_chars,
            a_ratio: ratio(a_reused_chars, doc_a.text.len()),
            b_ratio: ratio(b_reused_chars, doc_b.text.len()),
            passages: matches
                .iter()
                .map(|m| PairPassage {
                    a: doc_a.text.source_span(m.a_start, m.a_end),
                    b: doc_b.text.source_span(m.b_start, m.b_end),
                    chars: m.chars,
                })
                .collect(),
        });
    }
    out
}
