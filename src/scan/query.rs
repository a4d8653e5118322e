//! A draft against an indexed corpus: which documents it reuses from, and where.
//!
//! Every k-gram of the draft is looked up among the documents' stored fingerprints; documents that
//! share fingerprints that weigh enough as evidence (see the module docs of [`super`]) are candidates.
//! Only candidates are read again, and each is compared with the draft by the one reuse engine, so
//! a hit shows the passages and ratios `compare` shows for the same two documents.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::index::CorpusIndex;
use super::progress::Control;
use super::{MIN_EVIDENCE, ScanError, ScanOptions, Skipped, evidence};
use crate::reuse::fingerprint::kgram_hashes;
use crate::reuse::{
    DETECT_DEADLINE, Formulae, Prepared, ReuseKind, countable_total, pair_passages, ratio, reused_chars,
};
use crate::text::{CharText, Span};

/// A passage of the draft found in a corpus document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QueryPassage {
    /// Char span in the draft.
    pub draft: Span,
    /// Char span in the corpus document.
    pub doc: Span,
    /// Identical normalised chars.
    pub chars: usize,
    /// Identical chars over the longer side (1 for verbatim).
    pub similarity: f32,
    /// Verbatim or rewritten.
    pub kind: ReuseKind,
    /// A 公文 or legislative formula: listed, left out of the ratios.
    pub boilerplate: bool,
}

/// A corpus document the draft reuses from.
#[derive(Clone, Debug)]
pub struct QueryHit {
    /// Index of the document's entry in the index.
    pub entry: usize,
    /// Path relative to the corpus folder.
    pub path: PathBuf,
    /// Countable chars of the draft covered by non-boilerplate passages shared with this document.
    pub reused_chars: usize,
    /// `reused_chars` over the draft's countable chars (the copy ratio `compare` reports).
    pub draft_ratio: f32,
    /// Countable chars of the document covered by the same passages.
    pub doc_reused_chars: usize,
    /// `doc_reused_chars` over the document's countable chars.
    pub doc_ratio: f32,
    /// The passages, in draft order (boilerplate ones included, flagged).
    pub passages: Vec<QueryPassage>,
    /// The document's decoded text (for snippets).
    pub text: CharText,
}

/// Everything a query found.
#[derive(Clone, Debug, Default)]
pub struct QueryResult {
    /// Countable chars of the draft.
    pub draft_norm_chars: usize,
    /// Char spans of the draft that never count as reused (structure labels such as 第十二条 and
    /// formulae), sorted and disjoint: a report that sums the draft's coverage over several sources
    /// leaves them out as each hit's `reused_chars` does.
    pub draft_uncounted: Vec<Span>,
    /// Documents reused from, most reused chars first (ties by path).
    pub hits: Vec<QueryHit>,
    /// Entries whose normalised text equals the draft's (the draft itself, copies): not listed as hits.
    pub identical: Vec<usize>,
    /// Documents compared by the engine.
    pub candidates: usize,
    /// Draft fingerprints too frequent in the folder to make a candidate on their own.
    pub boilerplate_fingerprints: usize,
    /// Candidates that could not be read again.
    pub skipped: Vec<Skipped>,
    /// Candidates whose alignment was cut short (deadline), with the reason.
    pub fallbacks: Vec<String>,
}

/// A candidate compared: the hit (with the note of a cut-short alignment) if any, or why the
/// candidate could not be read.
type CandidateOutcome = Result<Option<(QueryHit, Option<String>)>, Skipped>;

/// Check `draft` against every document of `index`.
pub fn query(
    index: &CorpusIndex,
    draft: &CharText,
    options: &ScanOptions,
    control: &Control,
) -> Result<QueryResult, ScanError> {
    let normalize = index.params.normalize;
    let formulae = Formulae::load(&normalize);
    let draft_prepared = Prepared::new(draft, &normalize, &formulae, options.reuse.fingerprint_params());
    let norm = &draft_prepared.norm;
    // Every k-gram of the draft: any stored fingerprint of a document is one of them if shared.
    let mut draft_hashes: Vec<u64> = kgram_hashes(norm.chars(), index.params.params.k);
    draft_hashes.sort_unstable();
    draft_hashes.dedup();
    let draft_hash = norm.text_hash();
    let mut result = QueryResult {
        draft_norm_chars: countable_total(draft),
        draft_uncounted: draft_prepared.uncounted.clone(),
        ..QueryResult::default()
    };
    result.identical = index
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.error.is_none() && e.text_hash == draft_hash && e.norm_chars as usize == norm.len())
        .map(|(i, _)| i)
        .collect();

    control.progress.phase("searching", 0);
    // The postings of the draft's k-grams, read from disk: how many documents hold each, and
    // which fingerprints each document shares with the draft.
    let found = index
        .postings
        .lookup(&draft_hashes)
        .map_err(|error| ScanError::Index { path: index.root.clone(), detail: error.to_string() })?;
    control.check()?;
    let doc_freq: FxHashMap<u64, usize> = found.iter().map(|(hash, docs)| (*hash, docs.len())).collect();
    let mut by_doc: FxHashMap<usize, Vec<u64>> = FxHashMap::default();
    for (hash, docs) in &found {
        for &doc in docs {
            let doc = doc as usize;
            if index.entries.get(doc).is_some_and(|e| e.error.is_none()) && !result.identical.contains(&doc) {
                by_doc.entry(doc).or_default().push(*hash);
            }
        }
    }
    let mut shared: Vec<(usize, Vec<u64>)> = by_doc.into_iter().collect();
    shared.sort_unstable_by_key(|(doc, _)| *doc);
    let max_doc_freq = options.max_doc_freq_for(index.entries.len());
    let hard_doc_freq = options.hard_doc_freq_for(index.entries.len());
    result.boilerplate_fingerprints = doc_freq.values().filter(|&&n| n > max_doc_freq).count();
    let candidates: Vec<usize> = shared
        .iter()
        .filter(|(_, hashes)| {
            let df = |h: &u64| doc_freq.get(h).copied().unwrap_or(0);
            // The draft holds every one of them too: a fingerprint of one corpus document is
            // shared by two texts, as a pair's rarest fingerprints are.
            hashes.iter().map(|h| evidence(*h, df(h) + 1, max_doc_freq, hard_doc_freq)).sum::<usize>() >= MIN_EVIDENCE
        })
        .map(|&(i, _)| i)
        .collect();
    result.candidates = candidates.len();

    control.progress.phase("comparing", candidates.len() as u64);
    let deadline = Instant::now() + DETECT_DEADLINE;
    let outcomes: Vec<Result<CandidateOutcome, ScanError>> = candidates
        .par_iter()
        .map(|&i| {
            control.check()?;
            let outcome = compare(index, i, draft, &draft_prepared, &formulae, options, deadline);
            control.progress.advance(1);
            Ok(outcome)
        })
        .collect();
    for outcome in outcomes {
        match outcome? {
            Ok(Some((hit, fallback))) => {
                result.fallbacks.extend(fallback);
                result.hits.push(hit);
            }
            Ok(None) => {}
            Err(skip) => result.skipped.push(skip),
        }
    }
    result.hits.sort_by(|a, b| b.reused_chars.cmp(&a.reused_chars).then_with(|| a.path.cmp(&b.path)));
    control.progress.finish();
    Ok(result)
}

/// Compare the draft with candidate `i`: the hit when they share a non-boilerplate passage.
fn compare(
    index: &CorpusIndex,
    i: usize,
    draft: &CharText,
    draft_prepared: &Prepared,
    formulae: &Formulae,
    options: &ScanOptions,
    deadline: Instant,
) -> Result<Option<(QueryHit, Option<String>)>, Skipped> {
    let path = index.path_of(i);
    let text = index.read_text(i).map_err(|error| Skipped { path: path.clone(), reason: error.to_string() })?;
    let prepared = Prepared::new(&text, &index.params.normalize, formulae, options.reuse.fingerprint_params());
    let (found, fallback) = pair_passages(draft_prepared, &prepared, &options.reuse, Some(deadline));
    if found.iter().all(|p| p.boilerplate) {
        return Ok(None);
    }
    let (reused_chars, doc_reused_chars) = reused_chars(&found, (draft, draft_prepared), (&text, &prepared));
    let mut passages: Vec<QueryPassage> = found
        .iter()
        .map(|p| QueryPassage {
            draft: p.a,
            doc: p.b,
            chars: p.chars,
            similarity: p.similarity,
            kind: p.kind,
            boilerplate: p.boilerplate,
        })
        .collect();
    passages.sort_by_key(|p| (p.draft.start, p.doc.start, p.draft.end, p.doc.end));
    let fallback = fallback.map(|f| f.note(&path.display().to_string()));
    Ok(Some((
        QueryHit {
            entry: i,
            path: index.entries[i].path.clone(),
            reused_chars,
            draft_ratio: ratio(reused_chars, countable_total(draft)),
            doc_reused_chars,
            doc_ratio: ratio(doc_reused_chars, countable_total(&text)),
            passages,
            text,
        },
        fallback,
    )))
}
