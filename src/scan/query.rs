//! A draft against an indexed corpus: which documents it reuses from, and where.
//!
//! Every k-gram of the draft is looked up among the documents' stored fingerprints; documents that
//! share a fingerprint that is not boilerplate are candidates. Only candidates are read again, and
//! their shared passages are found exactly on the normalised texts.

use std::path::PathBuf;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::index::CorpusIndex;
use super::matching::{KgramTable, NormText, covered, find_matches, fingerprints};
use super::progress::Control;
use super::{ScanError, ScanOptions, Skipped};
use crate::text::{CharText, Span};

/// A passage of the draft found in a corpus document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueryPassage {
    /// Char span in the draft.
    pub draft: Span,
    /// Char span in the corpus document.
    pub doc: Span,
    /// Equal normalised chars.
    pub chars: usize,
}

/// A corpus document the draft reuses from.
#[derive(Clone, Debug)]
pub struct QueryHit {
    /// Index of the document's entry in the index.
    pub entry: usize,
    /// Path relative to the corpus folder.
    pub path: PathBuf,
    /// Normalised chars of the draft covered by passages shared with this document.
    pub reused_chars: usize,
    /// `reused_chars` over the draft's normalised length.
    pub draft_ratio: f32,
    /// Normalised chars of the document covered by the same passages.
    pub doc_reused_chars: usize,
    /// `doc_reused_chars` over the document's normalised length.
    pub doc_ratio: f32,
    /// The passages, in draft order.
    pub passages: Vec<QueryPassage>,
    /// The document's decoded text (for snippets).
    pub text: CharText,
}

/// Everything a query found.
#[derive(Clone, Debug, Default)]
pub struct QueryResult {
    /// Normalised length of the draft.
    pub draft_norm_chars: usize,
    /// Documents reused from, most reused chars first (ties by path).
    pub hits: Vec<QueryHit>,
    /// Entries whose normalised text equals the draft's (the draft itself, copies): not listed as hits.
    pub identical: Vec<usize>,
    /// Documents compared char by char.
    pub candidates: usize,
    /// Draft fingerprints ignored as boilerplate (found in too many documents).
    pub boilerplate_fingerprints: usize,
    /// Candidates that could not be read again.
    pub skipped: Vec<Skipped>,
}

/// Check `draft` against every document of `index`.
pub fn query(
    index: &CorpusIndex,
    draft: &CharText,
    options: &ScanOptions,
    control: &Control,
) -> Result<QueryResult, ScanError> {
    let params = index.params.params;
    let norm = NormText::new(draft, &index.params.normalize);
    let table = KgramTable::new(norm.chars(), params.k);
    let draft_hashes: FxHashSet<u64> = table.hashes().into_iter().collect();
    let draft_hash = norm.text_hash();
    let mut result = QueryResult { draft_norm_chars: norm.len(), ..QueryResult::default() };
    result.identical = index
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.error.is_none() && e.text_hash == draft_hash && e.norm_chars as usize == norm.len())
        .map(|(i, _)| i)
        .collect();

    control.progress.phase("searching", index.entries.len() as u64);
    let shared: Vec<(usize, Vec<u64>)> = index
        .entries
        .par_iter()
        .enumerate()
        .filter(|(i, e)| e.error.is_none() && !result.identical.contains(i))
        .map(|(i, entry)| {
            control.check()?;
            let shared: Vec<u64> = entry.fingerprints.iter().copied().filter(|h| draft_hashes.contains(h)).collect();
            Ok((i, shared))
        })
        .filter(|r: &Result<(usize, Vec<u64>), ScanError>| r.as_ref().map_or(true, |(_, s)| !s.is_empty()))
        .collect::<Result<_, ScanError>>()?;
    let mut doc_freq: FxHashMap<u64, usize> = FxHashMap::default();
    for (_, hashes) in &shared {
        for &hash in hashes {
            *doc_freq.entry(hash).or_default() += 1;
        }
    }
    let max_doc_freq = options.max_doc_freq_for(index.entries.len());
    let boilerplate: FxHashSet<u64> =
        doc_freq.iter().filter(|&(_, &n)| n > max_doc_freq).map(|(&hash, _)| hash).collect();
    result.boilerplate_fingerprints = boilerplate.len();
    let candidates: Vec<usize> = shared
        .iter()
        .filter(|(_, hashes)| hashes.iter().any(|h| doc_freq.get(h).is_some_and(|&n| n <= max_doc_freq)))
        .map(|&(i, _)| i)
        .collect();
    result.candidates = candidates.len();

    control.progress.phase("comparing", candidates.len() as u64);
    let outcomes: Vec<Result<Result<Option<QueryHit>, Skipped>, ScanError>> = candidates
        .par_iter()
        .map(|&i| {
            control.check()?;
            let outcome = compare(index, i, &norm, &table, &boilerplate, options);
            control.progress.advance(1);
            Ok(outcome)
        })
        .collect();
    for outcome in outcomes {
        match outcome? {
            Ok(Some(hit)) => result.hits.push(hit),
            Ok(None) => {}
            Err(skip) => result.skipped.push(skip),
        }
    }
    result.hits.sort_by(|a, b| b.reused_chars.cmp(&a.reused_chars).then_with(|| a.path.cmp(&b.path)));
    control.progress.finish();
    Ok(result)
}

fn compare(
    index: &CorpusIndex,
    i: usize,
    draft: &NormText,
    table: &KgramTable,
    boilerplate: &FxHashSet<u64>,
    options: &ScanOptions,
) -> Result<Option<QueryHit>, Skipped> {
    let (text, doc) = index.read_text(i).map_err(|reason| Skipped { path: index.path_of(i), reason })?;
    let params = index.params.params;
    // Boilerplate never seeds a passage: a shared formula alone is not reuse (a passage that goes on
    // past it is still found from its other fingerprints, and then includes it).
    let mut doc_fingerprints = fingerprints(doc.chars(), params);
    doc_fingerprints.retain(|(hash, _)| !boilerplate.contains(hash));
    let matches = find_matches(
        draft.chars(),
        table,
        doc.chars(),
        &doc_fingerprints,
        params.k,
        options.min_chars,
        options.merge_gap,
    );
    if matches.is_empty() {
        return Ok(None);
    }
    let reused_chars = covered(matches.iter().map(|m| (m.a_start, m.a_end)));
    let doc_reused_chars = covered(matches.iter().map(|m| (m.b_start, m.b_end)));
    let passages = matches
        .iter()
        .map(|m| QueryPassage {
            draft: draft.source_span(m.a_start, m.a_end),
            doc: doc.source_span(m.b_start, m.b_end),
            chars: m.chars,
        })
        .collect();
    Ok(Some(QueryHit {
        entry: i,
        path: index.entries[i].path.clone(),
        reused_chars,
        draft_ratio: ratio(reused_chars, draft.len()),
        doc_reused_chars,
        doc_ratio: ratio(doc_reused_chars, doc.len()),
        passages,
        text,
    }))
}

/// `part / whole`, 0 for an empty whole.
pub fn ratio(part: usize, whole: usize) -> f32 {
    if whole == 0 { 0.0 } else { part as f32 / whole as f32 }
}
