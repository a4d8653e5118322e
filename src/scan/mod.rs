//! Checking drafts against a whole folder of documents, and finding reuse across a folder.
//!
//! The pipeline: [`walk`] finds the documents under a folder, [`index`] keeps a persistent,
//! incrementally updated index of normalised k-gram fingerprints next to the corpus, [`query`]
//! checks a draft against the index and [`all_pairs`] lists every pair of corpus documents that
//! share passages; [`progress`] reports progress and honours a cancel flag (the GUI's "Check
//! against a folder…").
//!
//! The index only proposes candidate pairs. Every candidate is compared by the one reuse engine
//! ([`crate::reuse`]): the same seeding, alignment, boilerplate formulae and copy-ratio rule as
//! `compare` and the app, so a pair gets the same passages and ratios whichever way it was found.
//!
//! Candidates: two documents (or the draft and a document) are compared when the fingerprints they
//! share weigh [`MIN_EVIDENCE`] ([`evidence`]). A fingerprint held by at most [`RARE_DOC_FREQ`]
//! documents of the folder weighs 2, one held by at most `max_doc_freq` weighs 1, and one of the
//! sampled fingerprints held by up to [`HARD_DOC_FREQ`] weighs 2: two rare ones make a candidate,
//! as do four of the commoner ones. A provision copied into hundreds of documents is still found;
//! one shared 8-gram alone does not make a candidate (in the scan benchmark, 689 of every 690 pairs
//! that shared just one rare one had nothing to report), nor do two that a few dozen documents
//! hold (at 100,000 documents this leaves out 5.5 million of the 8.5 million pairs that any two
//! shared fingerprints made; of 21,000 sampled among them, 27 had a passage to report and none held
//! a known copy). The caps do not grow with the folder, so the candidates one phrase can make stay
//! bounded at any size.

pub mod all_pairs;
pub mod index;
pub mod json;
pub mod postings;
pub mod progress;
pub mod query;
pub mod walk;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::reuse::ReuseOptions;
use crate::segment::normalize::NormalizeOptions;

/// Fingerprints of the folder index: 8-grams, winnowed over windows of 3, so that every exact run
/// of 10 normalised chars two documents share is seen. Shorter grams are shared by chance between
/// unrelated documents of one genre and make nearly every pair a candidate. Part of the saved index: changing it rebuilds.
pub const DEFAULT_INDEX_PARAMS: crate::reuse::fingerprint::Params =
    crate::reuse::fingerprint::Params { k: 8, window: 3 };

/// Default minimum identical chars of a passage in a folder scan: at 20 the engine keeps 98%
/// precision on the synthetic benchmark corpus (BENCHMARKS.md), where 14 gives 93% and 10 gives 66%
/// (chance matches of stock phrases grow with the number of pairs). The app's folder check uses the
/// app's own setting, so that it agrees with `compare`.
pub const DEFAULT_MIN_CHARS: usize = 20;

/// Evidence two documents need before they are compared (see [`evidence`]): two rare
/// fingerprints, or four that a few dozen documents hold.
pub const MIN_EVIDENCE: usize = 4;

/// Fingerprints held by at most this many documents are rare: two of them shared make a candidate.
/// Measured at 100,000 documents (BENCHMARKS.md): the short copies that only two shared
/// fingerprints reveal were all among pairs whose two were held by at most 4 documents; pairs
/// whose two were held by 5 to 50 held none, and were more than half of all candidates.
pub const RARE_DOC_FREQ: usize = 4;

/// Fingerprints held by more documents than this are frequent (see the module docs): a fixed
/// number, so that the pairs one phrase can make do not grow with the folder.
pub const DEFAULT_MAX_DOC_FREQ: usize = 50;

/// Fingerprints held by more documents than this never make pairs: wording of the genre rather
/// than of any source. A provision copied into hundreds of documents stays below it.
pub const HARD_DOC_FREQ: usize = 1000;

/// Frequent fingerprints take part in pairing only when their hash is divisible by this (a
/// deterministic 1-in-N sample): a long shared passage keeps several, a stock phrase rarely one.
pub const FREQUENT_SAMPLE: u64 = 4;

/// Default memory budget of an all-pairs comparison: 24 million decoded chars held at once, about
/// 20 bytes each once prepared for the engine (text and its char index, normalised text, seed
/// fingerprints, per-char marks): about 500 MB, some 4,000 documents of 6,000 chars, so that a
/// whole run stays under 1 GiB. Larger folders are compared in tiles (see
/// [`all_pairs::all_pairs_each`]).
pub const DEFAULT_MAX_LOADED_CHARS: usize = 24_000_000;

/// A hook called with the list of files found, after walking and before reading any of them.
pub type AfterWalkHook = Arc<dyn Fn(&[PathBuf]) + Send + Sync>;

/// Settings of a corpus scan.
#[derive(Clone)]
pub struct ScanOptions {
    /// The reuse engine's settings: the same as `compare` and the app use.
    pub reuse: ReuseOptions,
    /// Fingerprints stored in the folder index (candidate generation only).
    pub index_params: crate::reuse::fingerprint::Params,
    /// Fingerprints found in more documents than this make pairs only through the sampled rule
    /// (see the module docs). `None`: [`DEFAULT_MAX_DOC_FREQ`].
    pub max_doc_freq: Option<usize>,
    /// What matching ignores.
    pub normalize: NormalizeOptions,
    /// Most normalised chars (4 bytes each) an all-pairs comparison holds in memory at once;
    /// larger corpora are compared in chunks, reading documents shared by chunks again.
    pub max_loaded_chars: usize,
    /// Where to keep the index when the corpus folder is not writable. `None`: `$XDG_CACHE_HOME`
    /// or `~/.cache`, under `duizhao/`.
    pub cache_dir: Option<PathBuf>,
    /// Called between walking and reading; tests use it to make files vanish mid-scan.
    pub after_walk: Option<AfterWalkHook>,
    /// Walk the folder and check every file even when no folder changed since the index was saved
    /// (a file edited in place leaves its folder's time alone).
    pub rescan: bool,
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            reuse: ReuseOptions { min_chars: DEFAULT_MIN_CHARS, ..ReuseOptions::default() },
            index_params: DEFAULT_INDEX_PARAMS,
            max_doc_freq: None,
            normalize: NormalizeOptions::default(),
            max_loaded_chars: DEFAULT_MAX_LOADED_CHARS,
            cache_dir: None,
            after_walk: None,
            rescan: false,
        }
    }
}

impl fmt::Debug for ScanOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScanOptions")
            .field("reuse", &self.reuse)
            .field("index_params", &self.index_params)
            .field("max_doc_freq", &self.max_doc_freq)
            .field("normalize", &self.normalize)
            .field("max_loaded_chars", &self.max_loaded_chars)
            .field("cache_dir", &self.cache_dir)
            .field("after_walk", &self.after_walk.is_some())
            .field("rescan", &self.rescan)
            .finish()
    }
}

impl ScanOptions {
    /// The frequent-fingerprint cut-off for a corpus of `documents` documents.
    pub fn max_doc_freq_for(&self, _documents: usize) -> usize {
        self.max_doc_freq.unwrap_or(DEFAULT_MAX_DOC_FREQ).max(1)
    }

    /// Fingerprints in more documents than this never make pairs ([`HARD_DOC_FREQ`], or
    /// `max_doc_freq` when that is set higher).
    pub fn hard_doc_freq_for(&self, _documents: usize) -> usize {
        HARD_DOC_FREQ.max(self.max_doc_freq_for(_documents))
    }
}

/// Evidence that two documents sharing a fingerprint held by `doc_freq` documents of the folder
/// share wording: 2 for a rare fingerprint (at most [`RARE_DOC_FREQ`] documents), 1 for one in at
/// most `max_doc_freq`, 2 for a sampled one up to `hard_doc_freq` (it stands for the
/// [`FREQUENT_SAMPLE`] fingerprints around it that were not sampled), else 0. Two documents are
/// compared when their shared fingerprints add up to [`MIN_EVIDENCE`]: a copied passage of 20 chars
/// or more nearly always keeps two rare fingerprints or several common ones, while two documents of
/// one genre share a pair of common 8-grams by chance. The same rule serves a draft check and all
/// pairs.
pub fn evidence(hash: u64, doc_freq: usize, max_doc_freq: usize, hard_doc_freq: usize) -> usize {
    match doc_freq {
        0 | 1 => 0,
        n if n <= RARE_DOC_FREQ.min(max_doc_freq) => 2,
        n if n <= max_doc_freq => 1,
        n if n <= hard_doc_freq && hash.is_multiple_of(FREQUENT_SAMPLE) => 2,
        _ => 0,
    }
}

/// Check one draft against the folder `root`: bring the index up to date, then query it. This is
/// what the app's "Check against a folder…" runs on a worker thread, with its own progress and
/// cancel flag.
pub fn check_draft(
    root: &std::path::Path,
    draft: &crate::text::CharText,
    options: &ScanOptions,
    control: &progress::Control,
) -> Result<(index::Opened, query::QueryResult), ScanError> {
    let opened = index::open(root, options, false, control)?;
    let result = query::query(&opened.index, draft, options, control)?;
    Ok((opened, result))
}

/// A file the scan could not use, and why. Scans go on past these and list them at the end.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Skipped {
    /// The file or folder.
    pub path: PathBuf,
    /// Why it was skipped, in plain words.
    pub reason: String,
}

/// Why a saved index, its postings or an indexed file could not be used. A damaged or foreign
/// index is rebuilt with this as the reason; a file that changed or vanished is skipped with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IndexFileError {
    /// Not an index file of this version of the format.
    #[error("not a Duizhao scan index of this version")]
    NotAnIndex,
    /// Written by another version of Duizhao (whose readers may decode files differently).
    #[error("written by duizhao {0}")]
    OtherVersion(String),
    /// Truncated, a checksum or a length that does not match, or impossible parameters.
    #[error("damaged ({0})")]
    Damaged(&'static str),
    /// The postings belong to another save of the index (a save interrupted between the files).
    #[error("postings saved with another index (interrupted save)")]
    OtherGeneration,
    /// A file could not be read or written.
    #[error("{what}: {detail}")]
    Io {
        /// What was being done ("cannot read", "cannot open the postings", …).
        what: &'static str,
        /// The system's message.
        detail: String,
    },
    /// The file's bytes differ from those indexed.
    #[error("changed since it was indexed; scan again")]
    Changed,
    /// No entry with that number.
    #[error("no such document")]
    NoSuchDocument,
    /// The file could not be decoded (the reader's message, without the path).
    #[error("{0}")]
    Decode(String),
}

impl IndexFileError {
    /// An I/O failure while doing `what`.
    pub(crate) fn io(what: &'static str, error: &std::io::Error) -> Self {
        IndexFileError::Io { what, detail: error.to_string() }
    }
}

/// Why a scan stopped.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// The user cancelled.
    #[error("scan cancelled")]
    Cancelled,
    /// The corpus path is not a readable folder.
    #[error("{path}: not a readable folder: {detail}")]
    NotAFolder {
        /// The path given.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// The index's files could not be written or read (a full disk, a folder made read-only
    /// during the scan).
    #[error("{path}: the folder index failed: {detail}")]
    Index {
        /// The index file or folder.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Weight of each of `doc_freqs` under the default caps, for a hash that the sampled rule
    /// takes (`sampled`) or not.
    fn weights(doc_freqs: &[usize], sampled: bool) -> usize {
        let hash = if sampled { FREQUENT_SAMPLE * 7 } else { FREQUENT_SAMPLE * 7 + 1 };
        doc_freqs.iter().map(|&n| evidence(hash, n, DEFAULT_MAX_DOC_FREQ, HARD_DOC_FREQ)).sum()
    }

    #[test]
    fn rare_fingerprints_weigh_more_than_common_ones() {
        // Two fingerprints only the pair (or a handful of documents) holds: a candidate.
        assert!(weights(&[2, 2], false) >= MIN_EVIDENCE);
        assert!(weights(&[RARE_DOC_FREQ, 3], false) >= MIN_EVIDENCE);
        assert!(weights(&[RARE_DOC_FREQ + 1, 3], false) < MIN_EVIDENCE);
        // One alone never is, however rare.
        assert!(weights(&[2], false) < MIN_EVIDENCE);
        // Two that a few dozen documents hold are a genre's chance; four are a passage.
        assert!(weights(&[RARE_DOC_FREQ + 1, DEFAULT_MAX_DOC_FREQ], false) < MIN_EVIDENCE);
        assert!(weights(&[RARE_DOC_FREQ + 1, 30, 40, DEFAULT_MAX_DOC_FREQ], false) >= MIN_EVIDENCE);
        assert!(weights(&[3, 30], false) < MIN_EVIDENCE);
        assert!(weights(&[3, 30, 40], false) >= MIN_EVIDENCE);
        // A passage copied into hundreds of documents: two sampled fingerprints make the pair;
        // unsampled ones and those past the hard cap weigh nothing.
        assert!(weights(&[300, 300], true) >= MIN_EVIDENCE);
        assert_eq!(weights(&[300, 300, 300], false), 0);
        assert_eq!(weights(&[HARD_DOC_FREQ + 1], true), 0);
        assert_eq!(weights(&[0, 1], false), 0);
    }

    #[test]
    fn a_lower_max_doc_freq_lowers_the_rare_cap_too() {
        // With `max_doc_freq` 3, a fingerprint in 4 documents is frequent: only the sample counts.
        assert_eq!(evidence(FREQUENT_SAMPLE * 3 + 1, 4, 3, HARD_DOC_FREQ), 0);
        assert_eq!(evidence(FREQUENT_SAMPLE * 3, 4, 3, HARD_DOC_FREQ), 2);
        assert_eq!(evidence(FREQUENT_SAMPLE * 3 + 1, 3, 3, HARD_DOC_FREQ), 2);
    }

    #[test]
    fn no_fingerprint_weighs_more_than_two() {
        // `all_pairs::candidate_pairs_pass` keeps one buffer of pairs that weigh 1 and one that
        // weighs 2 and counts anything heavier as 2: a heavier weight needs a buffer of its own.
        for max_doc_freq in [1, 3, 4, 5, DEFAULT_MAX_DOC_FREQ, HARD_DOC_FREQ] {
            for doc_freq in 0..=HARD_DOC_FREQ + 2 {
                for hash in [0, 1, FREQUENT_SAMPLE, FREQUENT_SAMPLE * 7 + 3] {
                    let hard = HARD_DOC_FREQ.max(max_doc_freq);
                    assert!(evidence(hash, doc_freq, max_doc_freq, hard) <= 2, "{doc_freq} of {max_doc_freq}");
                }
            }
        }
    }
}
