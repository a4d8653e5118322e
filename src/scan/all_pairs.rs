//! Every pair of corpus documents that shares passages.
//!
//! An inverted index (fingerprint → documents) built from the stored fingerprints proposes the
//! candidate pairs (see the module docs of [`super`] for the rule). Each candidate is compared by
//! the one reuse engine, in parallel per document; the output is sorted by document pair, whatever
//! the thread schedule.

use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::index::CorpusIndex;
use super::progress::Control;
use super::{FREQUENT_SAMPLE, MIN_SHARED_FREQUENT, ScanError, ScanOptions, Skipped};
use crate::reuse::{Formulae, Prepared, ReuseKind, countable_total, pair_passages, ratio, reused_chars};
use crate::text::{CharText, Span};

/// A passage shared by two corpus documents.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairPassage {
    /// Char span in document A.
    pub a: Span,
    /// Char span in document B.
    pub b: Span,
    /// Identical normalised chars.
    pub chars: usize,
    /// Identical chars over the longer side (1 for verbatim).
    pub similarity: f32,
    /// Verbatim or rewritten.
    pub kind: ReuseKind,
    /// A 公文 or legislative formula: listed, left out of the ratios.
    pub boilerplate: bool,
}

/// Reuse between two corpus documents, `a < b` (entry indices).
#[derive(Clone, Debug, PartialEq)]
pub struct PairReuse {
    /// Entry index of A.
    pub a: usize,
    /// Entry index of B.
    pub b: usize,
    /// Countable chars of A covered by the non-boilerplate passages.
    pub a_reused_chars: usize,
    /// Countable chars of B covered by the non-boilerplate passages.
    pub b_reused_chars: usize,
    /// `a_reused_chars` over A's countable chars.
    pub a_ratio: f32,
    /// `b_reused_chars` over B's countable chars.
    pub b_ratio: f32,
    /// The passages, in A order (boilerplate ones included, flagged).
    pub passages: Vec<PairPassage>,
}

/// Everything an all-pairs comparison found.
#[derive(Clone, Debug, Default)]
pub struct AllPairsResult {
    /// Pairs with at least one non-boilerplate passage, sorted by `(a, b)`.
    pub pairs: Vec<PairReuse>,
    /// Pairs compared by the engine.
    pub candidate_pairs: usize,
    /// Fingerprints too frequent to make a pair on their own.
    pub boilerplate_fingerprints: usize,
    /// Documents that could not be read again.
    pub skipped: Vec<Skipped>,
    /// Chunks the comparison ran in (more than one when the texts exceed the memory budget).
    pub chunks: usize,
    /// Pairs whose alignment was cut short (deadline), with the reason.
    pub fallbacks: Vec<String>,
}

/// How long an all-pairs run may align before the remaining pairs keep only their exact runs (a
/// folder run is a batch job, so far longer than the interactive [`crate::reuse::DETECT_DEADLINE`]).
const ALL_PAIRS_DEADLINE: std::time::Duration = std::time::Duration::from_secs(600);

/// Postings sorted at once while building the inverted index (16 bytes each).
const POSTINGS_PER_SLICE: usize = 4_000_000;

/// The pairs one document's group found, and the notes of pairs whose alignment was cut short.
type GroupOutcome = Result<(Vec<PairReuse>, Vec<String>), ScanError>;

/// A document loaded for comparison, or why it could not be.
type LoadOutcome = (usize, Result<Loaded, Skipped>);

struct Loaded {
    text: Arc<CharText>,
    prepared: Prepared,
    countable: usize,
}

/// Candidate pairs `(a << 32) | b`, `a < b`, from the stored fingerprints.
fn candidate_pairs(
    index: &CorpusIndex,
    options: &ScanOptions,
    control: &Control,
) -> Result<(Vec<u64>, usize), ScanError> {
    let max_doc_freq = options.max_doc_freq_for(index.entries.len());
    let hard_doc_freq = options.hard_doc_freq_for(index.entries.len());
    // The inverted index is built one slice of the hash space at a time, so that its memory stays
    // bounded (about 4 million postings at once) however large the corpus.
    let total: usize = index.entries.iter().filter(|e| e.error.is_none()).map(|e| e.fingerprints.len()).sum();
    let slices = total.div_ceil(POSTINGS_PER_SLICE).max(1) as u64;
    let mut frequent = 0usize;
    let mut pairs: Vec<u64> = Vec::new();
    // Pairs seen through sampled frequent fingerprints, with how many they share.
    let mut frequent_pairs: FxHashMap<u64, u32> = FxHashMap::default();
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
        let mut rare: Vec<(usize, usize)> = Vec::new();
        let mut sampled: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        while start < postings.len() {
            let hash = postings[start].0;
            let end = start + postings[start..].iter().take_while(|p| p.0 == hash).count();
            match end - start {
                1 => {}
                n if n <= max_doc_freq => rare.push((start, end)),
                n => {
                    frequent += 1;
                    if n <= hard_doc_freq && hash.is_multiple_of(FREQUENT_SAMPLE) {
                        sampled.push((start, end));
                    }
                }
            }
            start = end;
        }
        let emit = |&(start, end): &(usize, usize)| {
            let docs = &postings[start..end];
            docs.iter().enumerate().flat_map(move |(x, &(_, a))| {
                docs[x + 1..].iter().map(move |&(_, b)| (u64::from(a.min(b)) << 32) | u64::from(a.max(b)))
            })
        };
        pairs.par_extend(rare.par_iter().flat_map_iter(emit));
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut seen: Vec<u64> = sampled.par_iter().flat_map_iter(emit).collect();
        seen.par_sort_unstable();
        for group in seen.chunk_by(|x, y| x == y) {
            *frequent_pairs.entry(group[0]).or_default() += group.len() as u32;
        }
    }
    pairs.extend(frequent_pairs.into_iter().filter(|&(_, n)| n as usize >= MIN_SHARED_FREQUENT).map(|(p, _)| p));
    pairs.par_sort_unstable();
    pairs.dedup();
    Ok((pairs, frequent))
}

/// Compare every pair of documents in `index`. `texts` may hold decoded texts already in memory
/// (by entry, as returned by [`super::index::open`]); the others are read again when needed.
pub fn all_pairs(
    index: &CorpusIndex,
    texts: &[Option<Arc<CharText>>],
    options: &ScanOptions,
    control: &Control,
) -> Result<AllPairsResult, ScanError> {
    let mut result = AllPairsResult::default();
    control.progress.phase("pairing", 0);
    let (pairs, frequent) = candidate_pairs(index, options, control)?;
    result.boilerplate_fingerprints = frequent;
    result.candidate_pairs = pairs.len();
    control.check()?;

    // Group by A: one prepared A serves all of A's pairs.
    let mut by_a: Vec<(usize, Vec<usize>)> = Vec::new();
    for pair in pairs {
        let (a, b) = ((pair >> 32) as usize, (pair & 0xFFFF_FFFF) as usize);
        match by_a.last_mut() {
            Some((last, bs)) if *last == a => bs.push(b),
            _ => by_a.push((a, vec![b])),
        }
    }
    let normalize = index.params.normalize;
    let formulae = Formulae::load(&normalize);
    let deadline = Instant::now() + ALL_PAIRS_DEADLINE;
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
            let cost: usize = new.iter().map(|&i| index.entries[i].chars as usize).sum();
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
                    None => {
                        index.read_text(i).map(Arc::new).map_err(|reason| Skipped { path: index.path_of(i), reason })
                    }
                };
                let loaded = text.map(|text| {
                    let prepared = Prepared::new(&text, &normalize, &formulae, options.reuse.fingerprint_params());
                    Loaded { countable: countable_total(&text), text, prepared }
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
        let compared: Vec<GroupOutcome> = by_a[first..last]
            .par_iter()
            .map(|(a, bs)| {
                control.check()?;
                let found = compare_one(index, *a, bs, &docs, options, deadline);
                control.progress.advance(1);
                Ok(found)
            })
            .collect();
        for found in compared {
            let (pairs, fallbacks) = found?;
            result.pairs.extend(pairs);
            result.fallbacks.extend(fallbacks);
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

fn compare_one(
    index: &CorpusIndex,
    a: usize,
    bs: &[usize],
    docs: &[Option<Loaded>],
    options: &ScanOptions,
    deadline: Instant,
) -> (Vec<PairReuse>, Vec<String>) {
    let Some(doc_a) = docs.get(a).and_then(Option::as_ref) else { return (Vec::new(), Vec::new()) };
    let mut out = Vec::new();
    let mut fallbacks = Vec::new();
    for &b in bs {
        let Some(doc_b) = docs.get(b).and_then(Option::as_ref) else { continue };
        let (found, fallback) = pair_passages(&doc_a.prepared, &doc_b.prepared, &options.reuse, Some(deadline));
        if let Some(f) = fallback {
            fallbacks.push(f.note(&format!(
                "{} ↔ {}",
                index.entries[a].path.display(),
                index.entries[b].path.display()
            )));
        }
        if found.iter().all(|p| p.boilerplate) {
            continue;
        }
        let (a_reused_chars, b_reused_chars) = reused_chars(&found, &doc_a.text, &doc_b.text);
        out.push(PairReuse {
            a,
            b,
            a_reused_chars,
            b_reused_chars,
            a_ratio: ratio(a_reused_chars, doc_a.countable),
            b_ratio: ratio(b_reused_chars, doc_b.countable),
            passages: found
                .iter()
                .map(|p| PairPassage {
                    a: p.a,
                    b: p.b,
                    chars: p.chars,
                    similarity: p.similarity,
                    kind: p.kind,
                    boilerplate: p.boilerplate,
                })
                .collect(),
        });
    }
    (out, fallbacks)
}
