//! Checking drafts against a whole folder of documents, and finding reuse across a folder.
//!
//! The pipeline: [`walk`] finds the documents under a folder, [`index`] keeps a persistent,
//! incrementally updated index of normalised k-gram fingerprints next to the corpus, [`query`]
//! checks a draft against the index and [`all_pairs`] lists every pair of corpus documents that
//! share passages. [`matching`] holds the fingerprinting and exact passage extension both use;
//! [`progress`] reports progress and honours a cancel flag (the GUI's "Check against a folder…").
//!
//! The rule, stated for users: two documents share a passage when at least `min_chars` consecutive
//! characters are equal after matching normalisation (punctuation, whitespace, width and variant
//! characters ignored). Fingerprints that occur in more than `max_doc_freq` documents are treated
//! as boilerplate: they never make two documents candidates on their own.

pub mod all_pairs;
pub mod index;
pub mod matching;
pub mod progress;
pub mod query;
pub mod synthetic;
pub mod walk;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::segment::normalize::NormalizeOptions;

/// Default minimum length, in normalised chars, of a reported passage.
pub const DEFAULT_MIN_CHARS: usize = 30;

/// Default length of the hashed k-grams, in normalised chars.
pub const DEFAULT_KGRAM: usize = 12;

/// Default memory budget of an all-pairs comparison: 100 million normalised chars (about 400 MB),
/// about 17,000 documents of 17 KB held at once.
pub const DEFAULT_MAX_LOADED_CHARS: usize = 100_000_000;

/// A hook called with the list of files found, after walking and before reading any of them.
pub type AfterWalkHook = Arc<dyn Fn(&[PathBuf]) + Send + Sync>;

/// Settings of a corpus scan.
#[derive(Clone)]
pub struct ScanOptions {
    /// Minimum length in normalised chars of a reported passage (and of the fingerprint guarantee).
    pub min_chars: usize,
    /// Length of the hashed k-grams in normalised chars (capped at `min_chars`).
    pub kgram: usize,
    /// Exact matches separated by at most this many normalised chars in both documents are merged.
    pub merge_gap: usize,
    /// Fingerprints found in more documents than this are boilerplate. `None`: the larger of 20 and
    /// 1% of the corpus.
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
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            min_chars: DEFAULT_MIN_CHARS,
            kgram: DEFAULT_KGRAM,
            merge_gap: 4,
            max_doc_freq: None,
            normalize: NormalizeOptions::default(),
            max_loaded_chars: DEFAULT_MAX_LOADED_CHARS,
            cache_dir: None,
            after_walk: None,
        }
    }
}

impl fmt::Debug for ScanOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScanOptions")
            .field("min_chars", &self.min_chars)
            .field("kgram", &self.kgram)
            .field("merge_gap", &self.merge_gap)
            .field("max_doc_freq", &self.max_doc_freq)
            .field("normalize", &self.normalize)
            .field("max_loaded_chars", &self.max_loaded_chars)
            .field("cache_dir", &self.cache_dir)
            .field("after_walk", &self.after_walk.is_some())
            .finish()
    }
}

impl ScanOptions {
    /// The boilerplate cut-off for a corpus of `documents` documents.
    pub fn max_doc_freq_for(&self, documents: usize) -> usize {
        self.max_doc_freq.unwrap_or_else(|| (documents / 100).max(20)).max(1)
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
}
