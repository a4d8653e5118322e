//! Every pair of corpus documents that shares passages.
//!
//! An inverted index (fingerprint → documents) built from the stored fingerprints proposes the
//! candidate pairs (see the module docs of [`super`] for the rule). Each candidate is compared by
//! the one reuse engine, in parallel per document; the output is sorted by document pair, whatever
//! the thread schedule.

use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::index::CorpusIndex;
use super::progress::Control;
use super::{MIN_EVIDENCE, ScanError, ScanOptions, Skipped, evidence};
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
    /// Pairs with at least one non-boilerplate passage, in the order they were found (see
    /// [`all_pairs_each`]). Filled by [`all_pairs`]; empty after [`all_pairs_each`], which hands
    /// every pair to its sink instead of holding them.
    pub pairs: Vec<PairReuse>,
    /// Pairs with at least one non-boilerplate passage (counted also when streamed).
    pub pairs_with_reuse: usize,
    /// Passages of those pairs, boilerplate ones included.
    pub passages: usize,
    /// Pairs compared by the engine.
    pub candidate_pairs: usize,
    /// Fingerprints too frequent to make a pair on their own.
    pub boilerplate_fingerprints: usize,
    /// Documents that could not be read again.
    pub skipped: Vec<Skipped>,
    /// Tiles the comparison ran in: more than one when the documents of the candidate pairs exceed
    /// the memory budget ([`ScanOptions::max_loaded_chars`]).
    pub chunks: usize,
    /// Documents read and prepared for the engine, counting those read again for a later tile.
    pub documents_loaded: usize,
    /// Pairs whose alignment was cut short (deadline or work budget), with the reason.
    pub fallbacks: Vec<String>,
}

/// How long one pair's alignment may run before its remaining regions keep only their exact runs.
/// Per pair rather than per run, so that a large folder is compared as thoroughly at its last pair
/// as at its first; the engine's work budget per pair bounds it as well.
const PAIR_DEADLINE: std::time::Duration = std::time::Duration::from_secs(5);

/// Documents (A sides) compared in one parallel batch before their pairs are handed on: bounds
/// the results held at once whatever the folder size.
const GROUPS_PER_BATCH: usize = 256;

/// The pairs one document's group found, and the notes of pairs whose alignment was cut short.
type GroupOutcome = Result<(Vec<PairReuse>, Vec<String>), ScanError>;

/// A document loaded for comparison, or why it could not be.
type LoadOutcome = (usize, Result<Loaded, Skipped>);

struct Loaded {
    text: Arc<CharText>,
    prepared: Prepared,
    countable: usize,
}

/// Candidate pairs `(a << 32) | b`, `a < b`, by the evidence rule of [`super::evidence`], and the
/// number of frequent fingerprints. The postings are read sequentially, in as many passes as it
/// takes to keep the pairs of one pass in memory (each pass keeps the pairs whose first document
/// falls in its share); the pairs themselves are the one thing that grows with the folder. Public
/// so that a benchmark can count the pairs of a folder too large to compare in the time it has.
pub fn candidate_pairs(
    index: &CorpusIndex,
    options: &ScanOptions,
    control: &Control,
) -> Result<(Vec<u64>, usize), ScanError> {
    let passes = index.postings.len().div_ceil(POSTINGS_PER_PASS).max(1);
    let mut pairs: Vec<u64> = Vec::new();
    let mut frequent = 0;
    for pass in 0..passes {
        let (found, frequent_here) = candidate_pairs_pass(index, options, control, pass, passes)?;
        pairs.extend(found);
        frequent = frequent_here;
    }
    pairs.par_sort_unstable();
    Ok((pairs, frequent))
}

/// Postings read per pass of [`candidate_pairs`]: about 40 million, whose pairs fit a few hundred
/// MB in the synthetic benchmark's density.
const POSTINGS_PER_PASS: u64 = 40_000_000;

/// The candidate pairs whose first document `a` has `a % passes == pass`.
fn candidate_pairs_pass(
    index: &CorpusIndex,
    options: &ScanOptions,
    control: &Control,
    pass: u64,
    passes: u64,
) -> Result<(Vec<u64>, usize), ScanError> {
    let max_doc_freq = options.max_doc_freq_for(index.entries.len());
    let hard_doc_freq = options.hard_doc_freq_for(index.entries.len());
    let failed = |error: std::io::Error| ScanError::Index { path: index.root.clone(), detail: error.to_string() };
    let mut groups = index.postings.groups().map_err(failed)?;
    let mut frequent = 0usize;
    let mut counts = PairCounts::default();
    let emit = |docs: &[u32], out: &mut Vec<u64>| {
        // Documents are ascending in a group: `a` is the earlier one of each pair.
        for (x, &a) in docs.iter().enumerate() {
            if u64::from(a) % passes != pass {
                continue;
            }
            for &b in &docs[x + 1..] {
                out.push((u64::from(a) << 32) | u64::from(b));
            }
        }
    };
    let mut seen = 0u64;
    while let Some((hash, docs)) = groups.next_group().map_err(failed)? {
        seen += 1;
        if seen.is_multiple_of(1 << 20) {
            control.check()?;
        }
        if docs.len() > max_doc_freq {
            frequent += 1;
        }
        match evidence(hash, docs.len(), max_doc_freq, hard_doc_freq) {
            0 => {}
            1 => emit(&docs, &mut counts.single),
            // `evidence` weighs at most 2 (a test in `scan` holds it to that).
            _ => emit(&docs, &mut counts.double),
        }
        // The same pair comes from every fingerprint two documents share: count as the buffers
        // grow, so that memory follows the distinct pairs.
        if counts.single.len() + counts.double.len() >= PAIR_BUFFER {
            counts.compact();
        }
    }
    counts.compact();
    // `counted` is sorted by pair, each pair once.
    let pairs = counts.counted.iter().filter(|&&(_, n)| n as usize >= MIN_EVIDENCE).map(|&(p, _)| p).collect();
    Ok((pairs, frequent))
}

/// Pair buffer length at which it is counted into [`PairCounts::counted`] (8 bytes each).
const PAIR_BUFFER: usize = 16_000_000;

/// Pairs seen through shared fingerprints that count as evidence, with their summed weight
/// (saturating).
#[derive(Default)]
struct PairCounts {
    /// Pairs found through a fingerprint of weight 1, one entry per fingerprint.
    single: Vec<u64>,
    /// Pairs found through a fingerprint of weight 2.
    double: Vec<u64>,
    /// Sorted by pair.
    counted: Vec<(u64, u8)>,
}

impl PairCounts {
    fn compact(&mut self) {
        let fresh_single = Self::count(&mut self.single, 1);
        let fresh_double = Self::count(&mut self.double, 2);
        let fresh = merge_counts(&fresh_single, &fresh_double);
        self.counted = merge_counts(&self.counted, &fresh);
    }

    /// Sort and count `buffer` (emptied), each occurrence weighing `weight`.
    fn count(buffer: &mut Vec<u64>, weight: usize) -> Vec<(u64, u8)> {
        buffer.par_sort_unstable();
        let counted =
            buffer.chunk_by(|x, y| x == y).map(|g| (g[0], (g.len() * weight).min(u8::MAX as usize) as u8)).collect();
        buffer.clear();
        counted
    }
}

/// Merge two lists sorted by pair, adding the weights of a pair found in both.
fn merge_counts(x: &[(u64, u8)], y: &[(u64, u8)]) -> Vec<(u64, u8)> {
    let mut merged = Vec::with_capacity(x.len() + y.len());
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        let ((p, n), (q, m)) = (x[i], y[j]);
        if p == q {
            merged.push((p, n.saturating_add(m)));
            i += 1;
            j += 1;
        } else if p < q {
            merged.push((p, n));
            i += 1;
        } else {
            merged.push((q, m));
            j += 1;
        }
    }
    merged.extend_from_slice(&x[i..]);
    merged.extend_from_slice(&y[j..]);
    merged
}

/// Compare every pair of documents in `index` and return the pairs found, held in memory: for
/// small folders, tests and the app. `texts` may hold decoded texts already in memory (by entry,
/// as returned by [`super::index::open`]); the others are read again when needed.
pub fn all_pairs(
    index: &CorpusIndex,
    texts: &[Option<Arc<CharText>>],
    options: &ScanOptions,
    control: &Control,
) -> Result<AllPairsResult, ScanError> {
    let mut pairs = Vec::new();
    let mut result = all_pairs_each(index, texts, options, control, |pair| {
        pairs.push(pair);
        Ok(())
    })?;
    result.pairs = pairs;
    Ok(result)
}

/// Compare every pair of documents in `index`, handing each pair with reuse to `sink` as soon as
/// its batch is done: memory stays bounded by the loaded documents
/// ([`ScanOptions::max_loaded_chars`]) and one batch of results, whatever the number of pairs.
///
/// The candidate pairs are cut into tiles: the documents are split, in entry order, into row
/// blocks of seven eighths of the budget, each cut into chunks of an eighth. The pairs inside a
/// row block are compared first; then the pairs between the row block and each later chunk, with
/// the row block held and the chunk loaded for its tile ([`tiles`]). Pairs come out tile by tile
/// and, within a tile, by `(a, b)`; the order depends only on the index and the budget, never on
/// the thread schedule. A corpus that fits seven eighths of the budget is one tile, in `(a, b)`
/// order.
pub fn all_pairs_each(
    index: &CorpusIndex,
    texts: &[Option<Arc<CharText>>],
    options: &ScanOptions,
    control: &Control,
    mut sink: impl FnMut(PairReuse) -> Result<(), ScanError>,
) -> Result<AllPairsResult, ScanError> {
    let mut result = AllPairsResult::default();
    control.progress.phase("pairing", 0);
    let (pairs, frequent) = candidate_pairs(index, options, control)?;
    result.boilerplate_fingerprints = frequent;
    result.candidate_pairs = pairs.len();
    control.check()?;

    let tiles = tiles(index, &pairs, options.max_loaded_chars);
    let normalize = index.params.normalize;
    let formulae = Formulae::load(&normalize);
    let mut docs: Vec<Option<Loaded>> = (0..index.entries.len()).map(|_| None).collect();
    let mut failed = vec![false; index.entries.len()];
    let groups_total = tiles.iter().map(|t| t.groups.len() as u64).sum();
    control.progress.phase("comparing", groups_total);
    let mut row_block = usize::MAX;
    let mut row_docs: Arc<[usize]> = Arc::from([]);
    for tile in &tiles {
        if tile.row != row_block {
            for &i in row_docs.iter() {
                docs[i] = None;
            }
            row_block = tile.row;
            row_docs = Arc::clone(&tile.row_docs);
        }
        let needed: Vec<usize> = tile.docs().filter(|&i| docs[i].is_none() && !failed[i]).collect();
        let loaded: Vec<Result<LoadOutcome, ScanError>> = needed
            .par_iter()
            .map(|&i| {
                control.check()?;
                let text = match texts.get(i).and_then(|t| t.clone()) {
                    Some(text) => Ok(text),
                    None => index
                        .read_text(i)
                        .map(Arc::new)
                        .map_err(|error| Skipped { path: index.path_of(i), reason: error.to_string() }),
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
                Ok(loaded) => {
                    docs[i] = Some(loaded);
                    result.documents_loaded += 1;
                }
                Err(skip) => {
                    failed[i] = true;
                    result.skipped.push(skip);
                }
            }
        }
        for batch in tile.groups.chunks(GROUPS_PER_BATCH) {
            let compared: Vec<GroupOutcome> = batch
                .par_iter()
                .map(|(a, bs)| {
                    control.check()?;
                    let found = compare_one(index, *a, bs, &docs, options);
                    control.progress.advance(1);
                    Ok(found)
                })
                .collect();
            for found in compared {
                let (pairs, fallbacks) = found?;
                for pair in pairs {
                    result.pairs_with_reuse += 1;
                    result.passages += pair.passages.len();
                    sink(pair)?;
                }
                result.fallbacks.extend(fallbacks);
            }
        }
        // The column block is dropped after its tile; the row block stays for the row's next tile.
        for &i in &tile.col_docs {
            docs[i] = None;
        }
        result.chunks += 1;
    }
    control.progress.finish();
    Ok(result)
}

/// The pairs between two blocks of documents, grouped by A.
struct Tile {
    /// Block of the A sides.
    row: usize,
    /// Documents of the row block that take part in any pair of the row (kept for the row), one
    /// list shared by the row's tiles.
    row_docs: Arc<[usize]>,
    /// B-side documents of this tile outside the row block.
    col_docs: Vec<usize>,
    /// `(a, bs)`, sorted.
    groups: Vec<(usize, Vec<usize>)>,
}

impl Tile {
    fn docs(&self) -> impl Iterator<Item = usize> + '_ {
        self.row_docs.iter().chain(&self.col_docs).copied()
    }
}

/// Column chunks per budget: a row block holds `COLUMN_CHUNKS - 1` of them (see [`tiles`]).
const COLUMN_CHUNKS: usize = 8;

/// Cut the sorted candidate pairs into tiles (see [`all_pairs_each`]).
///
/// The documents are cut, in entry order, into chunks of an eighth of the budget, and the chunks
/// into row blocks of seven. A row block is held while the chunks after it are loaded one at a
/// time. Every document is read once for its own row and once for each earlier row that pairs
/// with it, so the larger the row block, the fewer the reads: with rows of half the budget (the
/// first tiling) a folder three budgets large read each document three times on average, with rows
/// of seven eighths twice.
fn tiles(index: &CorpusIndex, pairs: &[u64], max_loaded_chars: usize) -> Vec<Tile> {
    let mut in_pair = vec![false; index.entries.len()];
    for &pair in pairs {
        in_pair[(pair >> 32) as usize] = true;
        in_pair[(pair & 0xFFFF_FFFF) as usize] = true;
    }
    let chunk_chars = (max_loaded_chars / COLUMN_CHUNKS).max(1);
    // Chunk and row block of each document in any pair.
    let mut chunk_of = vec![0usize; index.entries.len()];
    let mut block_of = vec![0usize; index.entries.len()];
    let (mut chunk, mut chars, mut block, mut chunks_in_block) = (0usize, 0usize, 0usize, 1usize);
    for (i, entry) in index.entries.iter().enumerate() {
        if !in_pair[i] {
            continue;
        }
        let size = entry.chars as usize;
        if chars > 0 && chars + size > chunk_chars {
            chunk += 1;
            chars = 0;
            chunks_in_block += 1;
            if chunks_in_block > COLUMN_CHUNKS - 1 {
                block += 1;
                chunks_in_block = 1;
            }
        }
        chars += size;
        chunk_of[i] = chunk;
        block_of[i] = block;
    }
    // Pairs by (row block, column), then (a, b). The column is 0 for a B side inside the row block
    // and one more than its chunk otherwise.
    let mut keyed: Vec<(usize, usize, usize, usize)> = pairs
        .iter()
        .map(|&pair| {
            let (a, b) = ((pair >> 32) as usize, (pair & 0xFFFF_FFFF) as usize);
            let column = if block_of[b] == block_of[a] { 0 } else { chunk_of[b] + 1 };
            (block_of[a], column, a, b)
        })
        .collect();
    keyed.sort_unstable();
    let mut out: Vec<Tile> = Vec::new();
    for tile_pairs in keyed.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let (row, col) = (tile_pairs[0].0, tile_pairs[0].1);
        let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut col_docs: Vec<usize> = Vec::new();
        for &(_, _, a, b) in tile_pairs {
            match groups.last_mut() {
                Some((last, bs)) if *last == a => bs.push(b),
                _ => groups.push((a, vec![b])),
            }
            if col != 0 {
                col_docs.push(b);
            }
        }
        col_docs.sort_unstable();
        col_docs.dedup();
        out.push(Tile { row, row_docs: Arc::from([]), col_docs, groups });
    }
    // A row keeps every document of its block that any of its tiles needs (A sides, and B sides
    // inside the block).
    let mut row_docs: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &(row, col, a, b) in &keyed {
        let docs = row_docs.entry(row).or_default();
        docs.push(a);
        if col == 0 {
            docs.push(b);
        }
    }
    let row_docs: FxHashMap<usize, Arc<[usize]>> = row_docs
        .into_iter()
        .map(|(row, mut docs)| {
            docs.sort_unstable();
            docs.dedup();
            (row, Arc::from(docs))
        })
        .collect();
    for tile in &mut out {
        if let Some(docs) = row_docs.get(&tile.row) {
            tile.row_docs = Arc::clone(docs);
        }
    }
    out
}

fn compare_one(
    index: &CorpusIndex,
    a: usize,
    bs: &[usize],
    docs: &[Option<Loaded>],
    options: &ScanOptions,
) -> (Vec<PairReuse>, Vec<String>) {
    let Some(doc_a) = docs.get(a).and_then(Option::as_ref) else { return (Vec::new(), Vec::new()) };
    let mut out = Vec::new();
    let mut fallbacks = Vec::new();
    for &b in bs {
        let Some(doc_b) = docs.get(b).and_then(Option::as_ref) else { continue };
        let (found, fallback) =
            pair_passages(&doc_a.prepared, &doc_b.prepared, &options.reuse, Some(Instant::now() + PAIR_DEADLINE));
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
        let (a_reused_chars, b_reused_chars) =
            reused_chars(&found, (&doc_a.text, &doc_a.prepared), (&doc_b.text, &doc_b.prepared));
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
