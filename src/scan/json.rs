//! The "duizhao.scan/1" and "duizhao.scan-pairs/1" JSON contracts of `duizhao scan` as typed
//! `Serialize` structs (the schemas are documented in `docs/json.md`). Fields are only ever added,
//! never changed or removed; the field order of each struct is the key order of the output.
//!
//! Paths are written as [`Path::display`] shows them, so a file name that is not UTF-8 is still
//! listed (lossily) instead of failing the whole output. Ratios and similarities are `f32` in the
//! scan and written as the `f64` they widen to.

use std::path::Path;

use serde::Serialize;

use super::all_pairs::{AllPairsResult, PairReuse};
use super::index::{CorpusIndex, Opened};
use super::query::QueryResult;
use super::{ScanOptions, Skipped};
use crate::reuse::ReuseKind;
use crate::text::{CharText, Span};

/// Schema name of the draft check's result.
pub const SCAN_SCHEMA: &str = "duizhao.scan/1";
/// Schema name of the all-pairs JSON Lines.
pub const PAIRS_SCHEMA: &str = "duizhao.scan-pairs/1";
/// Longest passage text put in the output, in chars: enough to recognise the passage, while a
/// folder of long copies does not repeat whole documents.
pub const SNIPPET_CHARS: usize = 500;

/// The passage text shown for `span` of `text`: line breaks removed, at most `limit` chars, `…`
/// when cut.
pub fn snippet(text: &CharText, span: Span, limit: usize) -> String {
    let mut out: String = text.slice(span).chars().filter(|c| *c != '\n' && *c != '\r').take(limit).collect();
    if span.len() > limit {
        out.push('…');
    }
    out
}

/// The index and option fields that open both schemas: the draft check's object and the
/// all-pairs header line.
#[derive(Debug, Serialize)]
pub struct HeaderJson {
    schema: &'static str,
    corpus: String,
    index: IndexJson,
    options: OptionsJson,
}

/// The folder index the scan used and what updating it did.
#[derive(Debug, Serialize)]
struct IndexJson {
    location: Option<String>,
    documents: usize,
    files: usize,
    unchanged: usize,
    read: usize,
    added: usize,
    changed: usize,
    removed: usize,
    rebuilt: Option<String>,
    walk_skipped: bool,
    postings: u64,
}

/// The settings the scan ran with.
#[derive(Debug, Serialize)]
struct OptionsJson {
    min_chars: usize,
    min_similarity: f64,
    short_similarity: f64,
    long_chars: usize,
    seed_kgram: usize,
    kgram: usize,
    window: usize,
    max_doc_freq: usize,
}

impl HeaderJson {
    /// The header of a scan of `corpus` under `schema`.
    fn new(schema: &'static str, corpus: &Path, opened: &Opened, options: &ScanOptions) -> HeaderJson {
        let index = &opened.index;
        let stats = &opened.stats;
        HeaderJson {
            schema,
            corpus: corpus.display().to_string(),
            index: IndexJson {
                location: opened.saved_to.as_ref().map(|p| p.display().to_string()),
                documents: index.entries.iter().filter(|e| e.error.is_none()).count(),
                files: stats.files,
                unchanged: stats.unchanged,
                read: stats.read,
                added: stats.added,
                changed: stats.changed,
                removed: stats.removed,
                rebuilt: stats.rebuilt.clone(),
                walk_skipped: stats.walk_skipped,
                postings: index.postings.len(),
            },
            options: OptionsJson {
                min_chars: options.reuse.min_chars,
                min_similarity: f64::from(options.reuse.min_similarity),
                short_similarity: f64::from(options.reuse.short_similarity),
                long_chars: options.reuse.long_chars,
                seed_kgram: options.reuse.kgram,
                kgram: index.params.params.k,
                window: index.params.params.window,
                max_doc_freq: options.max_doc_freq_for(index.entries.len()),
            },
        }
    }

    /// The header line of the all-pairs JSON Lines ("duizhao.scan-pairs/1").
    pub fn pairs(corpus: &Path, opened: &Opened, options: &ScanOptions) -> HeaderJson {
        HeaderJson::new(PAIRS_SCHEMA, corpus, opened, options)
    }
}

/// A file the scan could not read, and why.
#[derive(Debug, Serialize)]
struct SkippedJson<'a> {
    path: String,
    reason: &'a str,
}

fn skipped_json(skipped: &[Skipped]) -> Vec<SkippedJson<'_>> {
    skipped.iter().map(|s| SkippedJson { path: s.path.display().to_string(), reason: &s.reason }).collect()
}

/// One draft checked against the folder: what "duizhao.scan/1" lists for it.
#[derive(Clone, Copy, Debug)]
pub struct Draft<'a> {
    /// The draft's file, as given.
    pub path: &'a Path,
    /// Its decoded text (the passages' `text` comes from it).
    pub text: &'a CharText,
    /// What the query found.
    pub result: &'a QueryResult,
}

/// The draft check of `duizhao scan --against DRAFT --format json`.
#[derive(Debug, Serialize)]
pub struct ScanJson<'a> {
    #[serde(flatten)]
    header: HeaderJson,
    skipped: Vec<SkippedJson<'a>>,
    queries: Vec<QueryJson>,
}

/// One draft's result.
#[derive(Debug, Serialize)]
struct QueryJson {
    path: String,
    chars: usize,
    normalized_chars: usize,
    identical: Vec<String>,
    candidates: usize,
    hits: Vec<HitJson>,
}

/// A folder document the draft reuses from.
#[derive(Debug, Serialize)]
struct HitJson {
    path: String,
    reused_chars: usize,
    draft_ratio: f64,
    doc_reused_chars: usize,
    doc_ratio: f64,
    passages: Vec<PassageJson>,
}

/// A passage of the draft found in a folder document (`draft` and `doc` spans), with the
/// draft's text of it.
#[derive(Debug, Serialize)]
struct PassageJson {
    kind: ReuseKind,
    boilerplate: bool,
    similarity: f64,
    chars: usize,
    draft: Span,
    doc: Span,
    text: String,
}

impl<'a> ScanJson<'a> {
    /// The result of checking `drafts` against the folder index `opened` of `corpus`.
    pub fn new(
        corpus: &Path,
        opened: &Opened,
        options: &ScanOptions,
        drafts: &[Draft<'_>],
        skipped: &'a [Skipped],
    ) -> ScanJson<'a> {
        let index = &opened.index;
        let queries = drafts
            .iter()
            .map(|draft| {
                let result = draft.result;
                QueryJson {
                    path: draft.path.display().to_string(),
                    chars: draft.text.char_len(),
                    normalized_chars: result.draft_norm_chars,
                    identical: result.identical.iter().map(|&i| entry_path(index, i)).collect(),
                    candidates: result.candidates,
                    hits: result
                        .hits
                        .iter()
                        .map(|hit| HitJson {
                            path: hit.path.display().to_string(),
                            reused_chars: hit.reused_chars,
                            draft_ratio: f64::from(hit.draft_ratio),
                            doc_reused_chars: hit.doc_reused_chars,
                            doc_ratio: f64::from(hit.doc_ratio),
                            passages: hit
                                .passages
                                .iter()
                                .map(|p| PassageJson {
                                    kind: p.kind,
                                    boilerplate: p.boilerplate,
                                    similarity: f64::from(p.similarity),
                                    chars: p.chars,
                                    draft: p.draft,
                                    doc: p.doc,
                                    text: snippet(draft.text, p.draft, SNIPPET_CHARS),
                                })
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect();
        ScanJson {
            header: HeaderJson::new(SCAN_SCHEMA, corpus, opened, options),
            skipped: skipped_json(skipped),
            queries,
        }
    }
}

fn entry_path(index: &CorpusIndex, i: usize) -> String {
    index.entries.get(i).map(|e| e.path.display().to_string()).unwrap_or_default()
}

/// One pair line of the all-pairs JSON Lines: the pair, its ratios and passages (with the text
/// of A's side when A could be read).
#[derive(Debug, Serialize)]
pub struct PairLineJson {
    #[serde(rename = "type")]
    kind: &'static str,
    a: String,
    b: String,
    a_reused_chars: usize,
    b_reused_chars: usize,
    a_ratio: f64,
    b_ratio: f64,
    passages: Vec<PairPassageJson>,
}

/// A passage of a pair: its spans in documents `a` and `b`, and A's text of it (`null` when A
/// could not be read again).
#[derive(Debug, Serialize)]
struct PairPassageJson {
    kind: ReuseKind,
    boilerplate: bool,
    similarity: f64,
    chars: usize,
    a: Span,
    b: Span,
    text: Option<String>,
}

impl PairLineJson {
    /// The line of `pair`; `text` is the text of document A.
    pub fn new(index: &CorpusIndex, pair: &PairReuse, text: Option<&CharText>) -> PairLineJson {
        PairLineJson {
            kind: "pair",
            a: entry_path(index, pair.a),
            b: entry_path(index, pair.b),
            a_reused_chars: pair.a_reused_chars,
            b_reused_chars: pair.b_reused_chars,
            a_ratio: f64::from(pair.a_ratio),
            b_ratio: f64::from(pair.b_ratio),
            passages: pair
                .passages
                .iter()
                .map(|p| PairPassageJson {
                    kind: p.kind,
                    boilerplate: p.boilerplate,
                    similarity: f64::from(p.similarity),
                    chars: p.chars,
                    a: p.a,
                    b: p.b,
                    text: text.map(|t| snippet(t, p.a, SNIPPET_CHARS)),
                })
                .collect(),
        }
    }
}

/// The last line of the all-pairs JSON Lines: totals of the run and the files skipped.
#[derive(Debug, Serialize)]
pub struct SummaryLineJson<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    candidate_pairs: usize,
    pairs: usize,
    passages: usize,
    tiles: usize,
    documents_loaded: usize,
    boilerplate_fingerprints: usize,
    fallbacks: &'a [String],
    skipped: Vec<SkippedJson<'a>>,
}

impl<'a> SummaryLineJson<'a> {
    /// The summary of `found`, with every file skipped while indexing or comparing.
    pub fn new(found: &'a AllPairsResult, skipped: &'a [Skipped]) -> SummaryLineJson<'a> {
        SummaryLineJson {
            kind: "summary",
            candidate_pairs: found.candidate_pairs,
            pairs: found.pairs_with_reuse,
            passages: found.passages,
            tiles: found.chunks,
            documents_loaded: found.documents_loaded,
            boilerplate_fingerprints: found.boilerplate_fingerprints,
            fallbacks: &found.fallbacks,
            skipped: skipped_json(skipped),
        }
    }
}
