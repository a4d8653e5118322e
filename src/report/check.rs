//! The 查重 report: a draft checked against a folder of policies, as a director reads it.
//!
//! [`CheckReport`] is the one model every format renders (HTML, Word, Markdown, CSV and the
//! "duizhao.check/1" JSON, which is the model serialised), built from a folder query
//! ([`crate::scan::query::QueryResult`]) and the draft as loaded. Page one is a summary: the draft's
//! overall reused share (the union over all sources, so overlapping sources count once), the
//! number of sources and the largest ones; then per-section shares of the draft's outline, the
//! sources ranked with date and issuer, and every passage beside its source with word-level marks.
//! Boilerplate passages, identical copies of the draft and the draft's own other versions are left
//! out of every share, and the report says so.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::ReportFormat;
use super::escape;
use super::view::DiffMark;
use crate::comparison::Side as Column;
use crate::diff::{DiffOptions, DiffTag};
use crate::error::{RenderError, ReportError};
use crate::model::{Document, Metadata, SectionKind};
use crate::reuse::{ReuseKind, ReuseOptions};
use crate::scan::Skipped;
use crate::scan::index::Opened;
use crate::scan::query::{QueryHit, QueryResult};
use crate::text::{CharText, Span};

/// The schema name of the JSON form.
pub const CHECK_SCHEMA: &str = "duizhao.check/1";

/// Deepest outline level listed in the per-section table: chapters and their first subdivision
/// (一、 and （一）, or 第X章 and 第X条); deeper items make the table longer than the draft.
pub const SECTION_DEPTH: u8 = 2;

/// How many sources the summary box names.
pub const TOP_SOURCES: usize = 5;

/// The report's own rule, shown before the engine's: what the overall share counts and leaves out.
pub const SHARE_RULE: &str = "总复制比 = 送检稿中被任一来源文件的非套话段落覆盖的字数 ÷ 送检稿总字数；\
     几个来源覆盖同一处文字时只计一次，所以总复制比不是各来源复制比之和。\
     公文套话段落照常列出但不计入；与送检稿全文相同的文件（送检稿本身或其副本），\
     以及标题、发文机关和文号前缀都与送检稿相同且与送检稿共有一半以上文字的文件（送检稿的其他版本），不作为来源，单独列出。\n\
     Overall share = characters of the draft covered by non-boilerplate passages shared with any source, \
     divided by all characters of the draft; where several sources cover the same text it counts once, so \
     the overall share is not the sum of the sources' shares. Boilerplate passages are listed but not \
     counted; files identical to the draft (the draft itself, copies) and files with the draft's title, \
     issuer and 文号 prefix that share at least half of it (its own other versions) are not sources and are \
     listed apart.";

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    /// Always [`CHECK_SCHEMA`].
    pub schema: String,
    /// The draft checked.
    pub draft: CheckDraft,
    /// The folder it was checked against.
    pub corpus: CheckCorpus,
    /// Page one: the figures a reader wants first.
    pub summary: CheckSummary,
    /// What was left out of the shares, so the reader knows.
    pub excluded: CheckExcluded,
    /// Per section of the draft's outline (down to [`SECTION_DEPTH`]).
    pub sections: Vec<CheckSection>,
    /// Sources, largest share first.
    pub sources: Vec<CheckSource>,
    /// Every passage, grouped by source in rank order, in draft order within a source;
    /// boilerplate passages last.
    pub passages: Vec<CheckPassage>,
    /// The rule behind the figures: [`SHARE_RULE`], then the engine's rule for passages.
    pub rule: String,
    /// Files of the folder that could not be read.
    pub skipped: Vec<Skipped>,
    /// Comparisons cut short by the deadline (their passages are the exact runs only).
    pub fallbacks: Vec<String>,
}

/// The draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckDraft {
    /// Path as given.
    pub path: String,
    /// Title from the text, if found.
    pub title: Option<String>,
    /// Issuer from the text, if found.
    pub issuer: Option<String>,
    /// Issue date (ISO, as precise as known).
    pub date: Option<String>,
    /// Chars of the decoded text.
    pub chars: usize,
    /// Chars counted by shares (no whitespace or punctuation): the denominator.
    pub countable_chars: usize,
}

/// The folder checked against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckCorpus {
    /// The folder as given.
    pub folder: String,
    /// Readable documents in its index.
    pub documents: usize,
    /// Documents the engine compared with the draft.
    pub candidates: usize,
}

/// The figures of page one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckSummary {
    /// Countable chars of the draft covered by any source (union).
    pub reused_chars: usize,
    /// `reused_chars` over the draft's countable chars.
    pub share: f32,
    /// Of `reused_chars`, those inside verbatim passages.
    pub verbatim_chars: usize,
    /// `verbatim_chars` over the draft's countable chars.
    pub verbatim_share: f32,
    /// The largest single source's share.
    pub max_source_share: f32,
    /// Number of sources.
    pub sources: usize,
    /// Non-boilerplate passages.
    pub passages: usize,
    /// Ids of the largest sources (at most [`TOP_SOURCES`]).
    pub top_sources: Vec<String>,
}

/// What the shares leave out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckExcluded {
    /// Boilerplate passages (listed, not counted).
    pub boilerplate_passages: usize,
    /// Files whose text equals the draft's (paths relative to the folder).
    pub identical: Vec<String>,
    /// Files taken for the draft's own other versions: same title, issuer and 文号 prefix, most of the text shared.
    pub versions: Vec<CheckVersion>,
}

/// A file taken for one of the draft's own versions, with what it would have counted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckVersion {
    /// Path relative to the folder.
    pub path: String,
    /// Its title.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// The share of the draft it covers (not counted).
    pub share: f32,
}

/// One section of the draft's outline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckSection {
    /// Index in the draft's outline.
    pub index: usize,
    /// Outline depth (0 for preamble and closing).
    pub level: u8,
    /// Number and title, e.g. 「（三）加强人才培养」.
    pub label: String,
    /// Char span of the section in the draft (children included).
    pub span: Span,
    /// Countable chars of the section.
    pub countable_chars: usize,
    /// Of those, covered by any source.
    pub reused_chars: usize,
    /// `reused_chars / countable_chars`.
    pub share: f32,
    /// The source covering most of the section, if any.
    pub main_source: Option<String>,
}

/// One source the draft reuses from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckSource {
    /// "S1", "S2", … in rank order.
    pub id: String,
    /// 1-based rank (largest share first).
    pub rank: usize,
    /// Path relative to the folder.
    pub path: String,
    /// Path on disk.
    pub full_path: String,
    /// Title from the text, if found.
    pub title: Option<String>,
    /// 文号 from the text, if found.
    pub doc_number: Option<String>,
    /// Issuer from the text, if found.
    pub issuer: Option<String>,
    /// Issue date (ISO, as precise as known).
    pub date: Option<String>,
    /// Countable chars of the draft covered by this source's passages.
    pub reused_chars: usize,
    /// `reused_chars` over the draft's countable chars.
    pub share: f32,
    /// Share of the source's own text that the draft covers.
    pub source_share: f32,
    /// Non-boilerplate passages.
    pub passages: usize,
    /// Dated after the draft: it may have taken the text from the draft (or an earlier version of
    /// it) rather than the other way round.
    pub later_than_draft: bool,
}

/// How a passage was reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    /// The same wording (similarity 1).
    Verbatim,
    /// Rewritten: words changed, inserted or dropped.
    Rewritten,
    /// 公文 boilerplate: listed, not counted.
    Boilerplate,
}

impl CheckKind {
    /// The Chinese label used in every human-readable format.
    pub fn chinese(self) -> &'static str {
        match self {
            CheckKind::Verbatim => "逐字相同",
            CheckKind::Rewritten => "改写",
            CheckKind::Boilerplate => "套话",
        }
    }

    /// The serialised name ("verbatim", …), for CSV.
    pub fn name(self) -> &'static str {
        match self {
            CheckKind::Verbatim => "verbatim",
            CheckKind::Rewritten => "rewritten",
            CheckKind::Boilerplate => "boilerplate",
        }
    }
}

/// Word-level mark of a piece of passage text: the comparison report's mark, from the diff of the
/// source passage against the draft's. The source side is the earlier text (deletions, and the old
/// wording of a replacement), the draft side the later (insertions, the new wording).
pub use super::view::DiffMark as CheckMark;

/// A stretch of passage text with one mark; offsets are chars into its document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckPiece {
    /// Char span in the document.
    pub span: Span,
    /// The mark.
    pub mark: CheckMark,
    /// The text of `span`.
    pub text: String,
}

/// One passage of the draft beside its source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckPassage {
    /// 1-based number in the report.
    pub number: usize,
    /// Id of the source ("S1").
    pub source: String,
    /// Verbatim, rewritten or boilerplate.
    pub kind: CheckKind,
    /// Identical normalised chars.
    pub chars: usize,
    /// Identical chars over the longer side.
    pub similarity: f32,
    /// Char span in the draft.
    pub draft_span: Span,
    /// Char span in the source.
    pub source_span: Span,
    /// Section of the draft containing the passage's start.
    pub draft_section: String,
    /// Section of the source containing the passage's start.
    pub source_section: String,
    /// The draft's text of the passage, with word-level marks.
    pub draft: Vec<CheckPiece>,
    /// The source's text of the passage, with word-level marks.
    pub source_text: Vec<CheckPiece>,
}

impl CheckPassage {
    /// The draft's text of the passage.
    pub fn draft_text(&self) -> String {
        self.draft.iter().map(|p| p.text.as_str()).collect()
    }

    /// The source's text of the passage.
    pub fn source_plain(&self) -> String {
        self.source_text.iter().map(|p| p.text.as_str()).collect()
    }
}

/// A hit's text outlined, for its metadata, section labels and date.
struct Outlined {
    document: Document,
}

/// A hit with its outlined text.
type Ranked<'a> = (&'a QueryHit, &'a Outlined);

/// Outline a hit's text and read its metadata as `compare` would: from the text, completed by a
/// `MANIFEST.tsv` beside the file.
fn outlined(text: &CharText, id: &str, path: &Path) -> Outlined {
    let decoded = crate::model::Decoded {
        text: text.as_str().to_string(),
        format: crate::model::Format::Txt,
        encoding: String::new(),
        warnings: Vec::new(),
    };
    let mut document = crate::outline::build_document(id.to_string(), path.display().to_string(), 0, decoded);
    crate::load::apply_sibling_manifest(path, &mut document);
    Outlined { document }
}

/// Title or issuer compared loosely: whitespace dropped.
fn loose(value: Option<&str>) -> Option<String> {
    let v: String = value?.chars().filter(|c| !c.is_whitespace()).collect();
    (!v.is_empty()).then_some(v)
}

/// Least share of the draft a file must cover to be taken for one of its own versions: versions
/// of one text share most of it.
pub const VERSION_MIN_SHARE: f32 = 0.5;

/// The issuing body's part of a 文号: 「粤府办〔2012〕131号」 → 「粤府办」.
fn number_prefix(number: Option<&str>) -> Option<String> {
    let number = loose(number)?;
    let prefix: String = number.chars().take_while(|c| !matches!(c, '〔' | '[' | '［' | '(' | '（')).collect();
    (!prefix.is_empty() && prefix != number).then_some(prefix)
}

/// True when a hit is one of the draft's own versions: the same title (at least 6 chars), the
/// same issuer and the same 文号 prefix wherever both state one, and at least
/// [`VERSION_MIN_SHARE`] of the draft shared. Policies copy each other's titles across regions,
/// but not with the same issuing body; and a version shares most of its text.
fn is_own_version(draft: &Metadata, hit: &Metadata, share: f32) -> bool {
    let (Some(a), Some(b)) = (loose(draft.title.as_deref()), loose(hit.title.as_deref())) else { return false };
    if a != b || a.chars().count() < 6 || share < VERSION_MIN_SHARE {
        return false;
    }
    let differ = |x: Option<String>, y: Option<String>| matches!((x, y), (Some(x), Some(y)) if x != y);
    !differ(loose(draft.issuer.as_deref()), loose(hit.issuer.as_deref()))
        && !differ(number_prefix(draft.doc_number.as_deref()), number_prefix(hit.doc_number.as_deref()))
}

/// Label of section `index` of `sections`, as the comparison reports write it.
fn section_label(sections: &[crate::model::Section], offset: usize) -> String {
    let Some(section) = sections.iter().rev().find(|s| s.span.start <= offset && offset < s.span.end) else {
        return "（章节外）".to_string();
    };
    label_of(section)
}

fn label_of(section: &crate::model::Section) -> String {
    let label = format!("{}{}", section.number, section.title);
    if !label.trim().is_empty() {
        return label;
    }
    match section.kind {
        SectionKind::Preamble => "（开头）".to_string(),
        SectionKind::Closing => "（结尾）".to_string(),
        _ => "（无标题）".to_string(),
    }
}

/// Prefix sums of countable chars of `text`, and of those covered by `spans` (any order) outside
/// the `uncounted` spans (structure labels and formulae, which no copy ratio counts).
struct Coverage {
    countable: Vec<usize>,
    covered: Vec<usize>,
}

impl Coverage {
    fn new(text: &CharText, spans: &[Span], uncounted: &[Span]) -> Self {
        let chars: Vec<char> = text.as_str().chars().collect();
        let mut hit = vec![false; chars.len()];
        for span in spans {
            let end = span.end.min(hit.len());
            let start = span.start.min(end);
            hit[start..end].fill(true);
        }
        for span in uncounted {
            let end = span.end.min(hit.len());
            let start = span.start.min(end);
            hit[start..end].fill(false);
        }
        let mut countable = Vec::with_capacity(chars.len() + 1);
        let mut covered = Vec::with_capacity(chars.len() + 1);
        countable.push(0);
        covered.push(0);
        for (&c, &h) in chars.iter().zip(&hit) {
            let counts = crate::reuse::fingerprint::is_countable(c);
            countable.push(countable.last().copied().unwrap_or(0) + usize::from(counts));
            covered.push(covered.last().copied().unwrap_or(0) + usize::from(counts && h));
        }
        Self { countable, covered }
    }

    fn at(list: &[usize], span: Span) -> usize {
        let end = span.end.min(list.len().saturating_sub(1));
        let start = span.start.min(end);
        list[end] - list[start]
    }

    fn countable_in(&self, span: Span) -> usize {
        Self::at(&self.countable, span)
    }

    fn covered_in(&self, span: Span) -> usize {
        Self::at(&self.covered, span)
    }

    fn total(&self) -> (usize, usize) {
        (self.countable.last().copied().unwrap_or(0), self.covered.last().copied().unwrap_or(0))
    }
}

/// `part / whole`, 0 for an empty whole.
fn share(part: usize, whole: usize) -> f32 {
    if whole == 0 { 0.0 } else { part as f32 / whole as f32 }
}

/// The text of `span` cut where the diff marks change.
fn pieces(text: &CharText, marks: Vec<(Span, CheckMark)>) -> Vec<CheckPiece> {
    let mut out: Vec<CheckPiece> = Vec::new();
    for (span, mark) in marks {
        if span.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.mark == mark && last.span.end == span.start => {
                last.span.end = span.end;
                last.text.push_str(text.slice(span));
            }
            _ => out.push(CheckPiece { span, mark, text: text.slice(span).to_string() }),
        }
    }
    out
}

/// The two marked sides of a passage: the diff of the source (earlier) against the draft (later).
fn marked_sides(
    source: &CharText,
    source_span: Span,
    draft: &CharText,
    draft_span: Span,
    diff: bool,
) -> (Vec<CheckPiece>, Vec<CheckPiece>) {
    if !diff {
        return (
            pieces(source, vec![(source_span, CheckMark::Same)]),
            pieces(draft, vec![(draft_span, CheckMark::Same)]),
        );
    }
    let word = crate::diff::diff_spans(source, source_span, draft, draft_span, &DiffOptions::default());
    let left: Vec<(Span, CheckMark)> = word
        .ops
        .iter()
        .filter(|op| op.tag != DiffTag::Insert)
        .map(|op| (op.a, DiffMark::of(op.tag, Column::Left)))
        .collect();
    let mut right_ops: Vec<_> = word.ops.iter().filter(|op| op.tag != DiffTag::Delete).collect();
    right_ops.sort_by_key(|op| (op.b.start, op.b.end));
    let right: Vec<(Span, CheckMark)> =
        right_ops.iter().map(|op| (op.b, DiffMark::of(op.tag, Column::Right))).collect();
    (pieces(source, left), pieces(draft, right))
}

impl CheckReport {
    /// Build the report of `result`, the query of `draft` against the index `opened` of the folder
    /// `folder` (as given), under the reuse settings `reuse` the query ran with.
    pub fn build(
        draft: &Document,
        folder: &Path,
        opened: &Opened,
        result: &QueryResult,
        reuse: &ReuseOptions,
    ) -> CheckReport {
        let index = &opened.index;
        let outlines: Vec<Outlined> = result
            .hits
            .par_iter()
            .enumerate()
            .map(|(k, hit)| outlined(&hit.text, &format!("S{}", k + 1), &index.path_of(hit.entry)))
            .collect();
        let (versions, counted): (Vec<Ranked>, Vec<Ranked>) = result
            .hits
            .iter()
            .zip(&outlines)
            .partition(|(hit, o)| is_own_version(&draft.metadata, &o.document.metadata, hit.draft_ratio));

        let spans_of = |hit: &QueryHit, exact_only: bool| -> Vec<Span> {
            hit.passages
                .iter()
                .filter(|p| !p.boilerplate && (!exact_only || p.kind == ReuseKind::Exact))
                .map(|p| p.draft)
                .collect()
        };
        let all: Vec<Span> = counted.iter().flat_map(|(hit, _)| spans_of(hit, false)).collect();
        let exact: Vec<Span> = counted.iter().flat_map(|(hit, _)| spans_of(hit, true)).collect();
        let coverage = Coverage::new(&draft.text, &all, &result.draft_uncounted);
        let (countable_total, reused_chars) = coverage.total();
        let verbatim_chars = Coverage::new(&draft.text, &exact, &result.draft_uncounted).total().1;

        // Sources in rank order: most reused chars first, ties by path (the query's order).
        let mut ranked = counted.clone();
        ranked.sort_by(|(a, _), (b, _)| b.reused_chars.cmp(&a.reused_chars).then_with(|| a.path.cmp(&b.path)));
        let sources: Vec<CheckSource> = ranked
            .iter()
            .enumerate()
            .map(|(k, (hit, outline))| CheckSource {
                id: format!("S{}", k + 1),
                rank: k + 1,
                path: hit.path.display().to_string(),
                full_path: index.path_of(hit.entry).display().to_string(),
                title: outline.document.metadata.title.clone(),
                doc_number: outline.document.metadata.doc_number.clone(),
                issuer: outline.document.metadata.issuer.clone(),
                date: outline.document.metadata.date.map(|d| d.iso()),
                reused_chars: hit.reused_chars,
                share: share(hit.reused_chars, countable_total),
                source_share: hit.doc_ratio,
                passages: hit.passages.iter().filter(|p| !p.boilerplate).count(),
                later_than_draft: crate::reuse::direction(&outline.document, draft)
                    == Some(crate::reuse::Direction::BToA),
            })
            .collect();

        let sections = Self::section_list(draft, &coverage, &ranked, &sources);
        let passages = Self::passage_list(draft, &ranked, &sources);
        let identical = result
            .identical
            .iter()
            .filter_map(|&i| index.entries.get(i))
            .map(|e| e.path.display().to_string())
            .collect();
        let versions = versions
            .iter()
            .map(|(hit, outline)| CheckVersion {
                path: hit.path.display().to_string(),
                title: outline.document.metadata.title.clone(),
                date: outline.document.metadata.date.map(|d| d.iso()),
                share: share(hit.reused_chars, countable_total),
            })
            .collect();
        let meta = &draft.metadata;
        CheckReport {
            schema: CHECK_SCHEMA.to_string(),
            draft: CheckDraft {
                path: draft.path.clone(),
                title: meta.title.clone(),
                issuer: meta.issuer.clone(),
                date: meta.date.map(|d| d.iso()),
                chars: draft.chars(),
                countable_chars: countable_total,
            },
            corpus: CheckCorpus {
                folder: folder.display().to_string(),
                documents: index.entries.iter().filter(|e| e.error.is_none()).count(),
                candidates: result.candidates,
            },
            summary: CheckSummary {
                reused_chars,
                share: share(reused_chars, countable_total),
                verbatim_chars,
                verbatim_share: share(verbatim_chars, countable_total),
                max_source_share: sources.first().map_or(0.0, |s| s.share),
                sources: sources.len(),
                passages: passages.iter().filter(|p| p.kind != CheckKind::Boilerplate).count(),
                top_sources: sources.iter().take(TOP_SOURCES).map(|s| s.id.clone()).collect(),
            },
            excluded: CheckExcluded {
                boilerplate_passages: passages.iter().filter(|p| p.kind == CheckKind::Boilerplate).count(),
                identical,
                versions,
            },
            sections,
            sources,
            passages,
            rule: format!("{SHARE_RULE}\n{}", crate::reuse::rule(reuse)),
            skipped: {
                let mut skipped: Vec<Skipped> = opened.skipped.iter().chain(&result.skipped).cloned().collect();
                skipped.sort();
                skipped.dedup();
                skipped
            },
            fallbacks: result.fallbacks.clone(),
        }
    }

    /// The draft's sections down to [`SECTION_DEPTH`], each with its share and main source.
    fn section_list(
        draft: &Document,
        coverage: &Coverage,
        ranked: &[Ranked],
        sources: &[CheckSource],
    ) -> Vec<CheckSection> {
        // Each source's counted draft spans, merged once: sections then only sum overlaps.
        let merged: Vec<Vec<Span>> = ranked
            .iter()
            .map(|(hit, _)| {
                crate::reuse::union(hit.passages.iter().filter(|p| !p.boilerplate).map(|p| p.draft).collect())
            })
            .collect();
        draft
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.level <= SECTION_DEPTH)
            .map(|(index, section)| {
                let countable_chars = coverage.countable_in(section.span);
                let reused_chars = coverage.covered_in(section.span);
                // The source covering most of the section (by countable chars of its own passages).
                let main_source = merged
                    .iter()
                    .zip(sources)
                    .map(|(spans, source)| {
                        let covered: usize = spans
                            .iter()
                            .filter(|s| s.overlap(section.span) > 0)
                            .map(|s| {
                                let start = s.start.max(section.span.start);
                                coverage.countable_in(Span::new(start, s.end.min(section.span.end).max(start)))
                            })
                            .sum();
                        (covered, source)
                    })
                    .filter(|(covered, _)| *covered > 0)
                    .max_by(|(a, x), (b, y)| a.cmp(b).then_with(|| y.rank.cmp(&x.rank)))
                    .map(|(_, source)| source.id.clone());
                CheckSection {
                    index,
                    level: section.level,
                    label: label_of(section),
                    span: section.span,
                    countable_chars,
                    reused_chars,
                    share: share(reused_chars, countable_chars),
                    main_source,
                }
            })
            .collect()
    }

    /// Every passage in report order, each side cut into word-marked pieces (diffs in parallel).
    fn passage_list(draft: &Document, ranked: &[Ranked], sources: &[CheckSource]) -> Vec<CheckPassage> {
        // (source rank, passage) in report order: counted passages by source, then boilerplate.
        let mut order: Vec<(usize, &crate::scan::query::QueryPassage)> = Vec::new();
        for boilerplate in [false, true] {
            for (rank, (hit, _)) in ranked.iter().enumerate() {
                order.extend(hit.passages.iter().filter(|p| p.boilerplate == boilerplate).map(|p| (rank, p)));
            }
        }
        order
            .par_iter()
            .enumerate()
            .map(|(k, &(rank, p))| {
                let (hit, outline) = ranked[rank];
                let kind = match (p.boilerplate, p.kind) {
                    (true, _) => CheckKind::Boilerplate,
                    (false, ReuseKind::Exact) => CheckKind::Verbatim,
                    (false, ReuseKind::Edited) => CheckKind::Rewritten,
                };
                let (source_text, draft_pieces) =
                    marked_sides(&hit.text, p.doc, &draft.text, p.draft, kind != CheckKind::Boilerplate);
                CheckPassage {
                    number: k + 1,
                    source: sources[rank].id.clone(),
                    kind,
                    chars: p.chars,
                    similarity: p.similarity,
                    draft_span: p.draft,
                    source_span: p.doc,
                    draft_section: section_label(&draft.sections, p.draft.start),
                    source_section: section_label(&outline.document.sections, p.doc.start),
                    draft: draft_pieces,
                    source_text,
                }
            })
            .collect()
    }

    /// The source with id `id`.
    pub fn source(&self, id: &str) -> Option<&CheckSource> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// A source's short name: its title, else its file name.
    pub fn source_name(source: &CheckSource) -> String {
        source.title.clone().unwrap_or_else(|| {
            Path::new(&source.path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
        })
    }

    /// The draft's short name: its title, else its file name.
    pub fn draft_name(&self) -> String {
        self.draft.title.clone().unwrap_or_else(|| {
            Path::new(&self.draft.path).file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
        })
    }

    /// The summary in sentences, the same in every format.
    pub fn summary_sentences(&self) -> Vec<String> {
        let s = &self.summary;
        let mut out = vec![format!(
            "总复制比 {}：送检稿 {} 字中有 {} 字与文件夹中 {} 份文件的段落相同或改写自这些文件（其中逐字相同 {}，{} 字）。",
            percent(s.share),
            self.draft.countable_chars,
            s.reused_chars,
            s.sources,
            percent(s.verbatim_share),
            s.verbatim_chars,
        )];
        if let Some(top) = self.sources.first() {
            out.push(format!(
                "最大单一来源：{}（{}），复制比 {}。",
                Self::source_name(top),
                top.date.as_deref().unwrap_or("日期不详"),
                percent(top.share)
            ));
        } else {
            out.push("文件夹中没有送检稿复用的文件。".to_string());
        }
        let later = self.sources.iter().filter(|s| s.later_than_draft).count();
        if later > 0 {
            out.push(format!(
                "其中 {later} 份来源文件的日期晚于送检稿：相同的文字可能是它们取自送检稿（或其早期版本）。"
            ));
        }
        let mut left_out = vec![format!("公文套话段落 {} 处", self.excluded.boilerplate_passages)];
        if !self.excluded.identical.is_empty() {
            left_out.push(format!("与送检稿全文相同的文件 {} 份", self.excluded.identical.len()));
        }
        if !self.excluded.versions.is_empty() {
            left_out.push(format!("送检稿的其他版本 {} 份", self.excluded.versions.len()));
        }
        if self.excluded.identical.is_empty() && self.excluded.versions.is_empty() {
            left_out.push("文件夹中没有送检稿的副本或其他版本".to_string());
        }
        out.push(format!("不计入：{}。", left_out.join("；")));
        if !self.fallbacks.is_empty() {
            out.push(format!(
                "{} 份文件比对超时，只列出了逐字相同的片段（见文末说明）；其复制比可能偏低。",
                self.fallbacks.len()
            ));
        }
        out.push(format!(
            "比对范围：{}，{} 份文件，其中 {} 份经逐段比对。",
            self.corpus.folder, self.corpus.documents, self.corpus.candidates
        ));
        out
    }
}

impl CheckSource {
    /// The date as shown, with 「（晚于送检稿）」 when the source is the later text.
    pub fn date_label(&self) -> String {
        let date = self.date.clone().unwrap_or_else(|| "—".to_string());
        if self.later_than_draft { format!("{date}（晚于送检稿）") } else { date }
    }
}

/// A share as a percentage with one decimal: 「23.4%」.
pub fn percent(ratio: f32) -> String {
    format!("{:.1}%", ratio * 100.0)
}

/// The visible parts of marked pieces, in order: blank lines at the passage's two ends dropped,
/// each piece cut into whitespace and text, whitespace left unmarked (struck or underlined blank
/// space only shows as a stray line), as the comparison report writes its runs.
pub fn visible_parts(pieces: &[CheckPiece]) -> Vec<(&str, CheckMark)> {
    let last = pieces.len().saturating_sub(1);
    let mut parts = Vec::new();
    for (k, piece) in pieces.iter().enumerate() {
        let mut text = piece.text.as_str();
        if k == 0 {
            text = text.trim_start();
        }
        if k == last {
            text = text.trim_end();
        }
        for (whitespace, part) in super::view::whitespace_pieces(text) {
            parts.push((part, if whitespace { CheckMark::Same } else { piece.mark }));
        }
    }
    parts
}

/// Marks as text: 「[-删去-]」, 「{+新增+}」, 「[~改前~]」/「{~改后~}」 and 「{>移动<}」, as `duizhao diff` prints them.
pub fn marked_text(pieces: &[CheckPiece]) -> String {
    pieces
        .iter()
        .map(|p| match p.mark {
            CheckMark::Same => p.text.clone(),
            CheckMark::Deleted => format!("[-{}-]", p.text),
            CheckMark::Inserted => format!("{{+{}+}}", p.text),
            CheckMark::Changed => format!("[~{}~]", p.text),
            CheckMark::Moved => format!("{{>{}<}}", p.text),
        })
        .collect()
}

/// The "duizhao.check/1" JSON document.
pub fn json(report: &CheckReport) -> Result<Vec<u8>, RenderError> {
    let mut bytes = serde_json::to_vec_pretty(report).map_err(RenderError::Json)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Header of the passage CSV: one row per passage.
pub const CSV_HEADER: [&str; 15] = [
    "number",
    "source",
    "source_path",
    "kind",
    "chars",
    "similarity",
    "draft_start",
    "draft_end",
    "source_start",
    "source_end",
    "draft_section",
    "source_section",
    "draft_text",
    "source_text",
    "marked",
];

/// Header of the sources CSV (written next to the passages: r.csv → r.sources.csv).
pub const SOURCES_CSV_HEADER: [&str; 12] = [
    "rank",
    "id",
    "path",
    "title",
    "doc_number",
    "issuer",
    "date",
    "reused_chars",
    "share",
    "source_share",
    "passages",
    "later_than_draft",
];

/// Header of the sections CSV (r.csv → r.sections.csv).
pub const SECTIONS_CSV_HEADER: [&str; 8] =
    ["index", "level", "label", "start", "end", "countable_chars", "reused_chars", "share"];

fn csv_lines(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>, RenderError> {
    let mut table = super::csv::CsvTable::new(header)?;
    for cells in rows {
        table.row(cells)?;
    }
    table.finish()
}

/// The passage CSV: one row per passage; `marked` is the draft's text with the source's wording
/// interleaved ([`marked_text`] of the source, then of the draft, joined by 「→」 when they differ).
pub fn csv(report: &CheckReport) -> Result<Vec<u8>, RenderError> {
    let rows = report
        .passages
        .iter()
        .map(|p| {
            let path = report.source(&p.source).map(|s| s.path.clone()).unwrap_or_default();
            let marked = if p.kind == CheckKind::Rewritten {
                format!("{} → {}", marked_text(&p.source_text), marked_text(&p.draft))
            } else {
                String::new()
            };
            vec![
                p.number.to_string(),
                p.source.clone(),
                path,
                p.kind.name().to_string(),
                p.chars.to_string(),
                format!("{:.3}", p.similarity),
                p.draft_span.start.to_string(),
                p.draft_span.end.to_string(),
                p.source_span.start.to_string(),
                p.source_span.end.to_string(),
                p.draft_section.clone(),
                p.source_section.clone(),
                p.draft_text(),
                p.source_plain(),
                marked,
            ]
        })
        .collect();
    csv_lines(&CSV_HEADER, rows)
}

/// The sources CSV, with a last row 「合计（去重）」 holding the overall share.
pub fn sources_csv(report: &CheckReport) -> Result<Vec<u8>, RenderError> {
    let dash = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut rows: Vec<Vec<String>> = report
        .sources
        .iter()
        .map(|s| {
            vec![
                s.rank.to_string(),
                s.id.clone(),
                s.path.clone(),
                dash(&s.title),
                dash(&s.doc_number),
                dash(&s.issuer),
                dash(&s.date),
                s.reused_chars.to_string(),
                format!("{:.4}", s.share),
                format!("{:.4}", s.source_share),
                s.passages.to_string(),
                s.later_than_draft.to_string(),
            ]
        })
        .collect();
    rows.push(vec![
        String::new(),
        "合计（去重）".to_string(),
        report.draft.path.clone(),
        report.draft.title.clone().unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
        report.summary.reused_chars.to_string(),
        format!("{:.4}", report.summary.share),
        String::new(),
        report.summary.passages.to_string(),
        String::new(),
    ]);
    csv_lines(&SOURCES_CSV_HEADER, rows)
}

/// The sections CSV.
pub fn sections_csv(report: &CheckReport) -> Result<Vec<u8>, RenderError> {
    let rows = report
        .sections
        .iter()
        .map(|s| {
            vec![
                s.index.to_string(),
                s.level.to_string(),
                s.label.clone(),
                s.span.start.to_string(),
                s.span.end.to_string(),
                s.countable_chars.to_string(),
                s.reused_chars.to_string(),
                format!("{:.4}", s.share),
            ]
        })
        .collect();
    csv_lines(&SECTIONS_CSV_HEADER, rows)
}

/// `r.csv` → `r.<part>.csv`.
pub fn csv_companion(path: &Path, part: &str) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!("{stem}.{part}.csv"))
}

/// The Markdown report.
pub fn markdown(report: &CheckReport) -> String {
    let md = escape::markdown;
    let dash = |v: &Option<String>| v.as_deref().map(md).unwrap_or_else(|| "—".to_string());
    let mut out = format!("# 查重报告：{}\n\n", md(&report.draft_name()));
    out.push_str(&format!("送检稿：`{}`　比对文件夹：`{}`\n\n", report.draft.path, report.corpus.folder));
    out.push_str(&format!(
        "> **总复制比 {}**　逐字相同 {}　来源 {} 份　最大单一来源 {}　段落 {} 处\n\n",
        percent(report.summary.share),
        percent(report.summary.verbatim_share),
        report.summary.sources,
        percent(report.summary.max_source_share),
        report.summary.passages
    ));
    out.push_str("## 摘要\n\n");
    for sentence in report.summary_sentences() {
        out.push_str(&format!("- {}\n", md(&sentence)));
    }
    for version in &report.excluded.versions {
        out.push_str(&format!(
            "- 视为送检稿的其他版本，不计入：{}（{}，覆盖 {}）\n",
            md(&version.path),
            dash(&version.date),
            percent(version.share)
        ));
    }
    for path in &report.excluded.identical {
        out.push_str(&format!("- 与送检稿全文相同，不计入：{}\n", md(path)));
    }
    out.push_str("\n## 来源文件（按复制比）\n\n| 序号 | 文件 | 发文机关 | 日期 | 复制比 | 字数 | 来源被用比例 | 段落 | 路径 |\n|---|---|---|---|---|---|---|---|---|\n");
    for s in &report.sources {
        out.push_str(&format!(
            "| {} {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            s.rank,
            s.id,
            md(&CheckReport::source_name(s)),
            dash(&s.issuer),
            md(&s.date_label()),
            percent(s.share),
            s.reused_chars,
            percent(s.source_share),
            s.passages,
            md(&s.path)
        ));
    }
    out.push_str(
        "\n## 各章节复制比\n\n| 章节 | 字符 | 字数 | 复用字数 | 复制比 | 主要来源 |\n|---|---|---|---|---|---|\n",
    );
    for s in &report.sections {
        let indent = "　".repeat(usize::from(s.level.saturating_sub(1)));
        out.push_str(&format!(
            "| {indent}{} | {}–{} | {} | {} | {} | {} |\n",
            md(&s.label),
            s.span.start,
            s.span.end,
            s.countable_chars,
            s.reused_chars,
            percent(s.share),
            s.main_source.as_deref().unwrap_or("—")
        ));
    }
    out.push_str(
        "\n## 逐段对照\n\n左为来源文件，右为送检稿。来源中被删去的文字以 ~~删除线~~ 标出，送检稿新增的文字以 <ins>下划线</ins> 标出，\
         改动的文字以 *斜体* 标出（左为原文，右为改后），字符位置从 0 起计，不含终点。\n\n\
         | 编号 | 类型 | 来源 | 来源文字 | 送检稿文字 |\n|---|---|---|---|---|\n",
    );
    for p in &report.passages {
        out.push_str(&format!(
            "| {} | {}<br>{} 字<br>相似度 {:.2} | {} {}<br>字符 {}–{}<br>送检稿 {}<br>字符 {}–{} | {} | {} |\n",
            p.number,
            p.kind.chinese(),
            p.chars,
            p.similarity,
            p.source,
            md(&p.source_section),
            p.source_span.start,
            p.source_span.end,
            md(&p.draft_section),
            p.draft_span.start,
            p.draft_span.end,
            markdown_pieces(&p.source_text),
            markdown_pieces(&p.draft)
        ));
    }
    if !report.skipped.is_empty() {
        out.push_str("\n## 未能读取的文件\n\n");
        for skip in &report.skipped {
            out.push_str(&format!("- {}：{}\n", md(&skip.path.display().to_string()), md(&skip.reason)));
        }
    }
    if !report.fallbacks.is_empty() {
        out.push_str("\n## 比对超时\n\n");
        for note in &report.fallbacks {
            out.push_str(&format!("- {}\n", md(note)));
        }
    }
    out.push_str(&format!("\n## 计算规则\n\n{}\n", md(&report.rule).replace("<br>", "\n\n")));
    out
}

fn markdown_pieces(pieces: &[CheckPiece]) -> String {
    pieces
        .iter()
        .map(|p| {
            let text = escape::markdown(p.text.trim_matches(['\n', '\r']));
            if text.trim().is_empty() || p.mark == CheckMark::Same {
                return text;
            }
            match p.mark {
                CheckMark::Deleted => format!("~~{text}~~"),
                CheckMark::Inserted => format!("<ins>{text}</ins>"),
                CheckMark::Changed | CheckMark::Moved => format!("*{text}*"),
                CheckMark::Same => text,
            }
        })
        .collect()
}

/// Render the report in `format`.
pub fn render(report: &CheckReport, format: ReportFormat) -> Result<Vec<u8>, RenderError> {
    Ok(match format {
        ReportFormat::Html => super::check_html::render(report).into_bytes(),
        ReportFormat::Docx => super::check_docx::render(report).map_err(RenderError::Docx)?,
        ReportFormat::Markdown => markdown(report).into_bytes(),
        ReportFormat::Csv => csv(report)?,
        ReportFormat::Json => json(report)?,
    })
}

/// The files a report must never replace: the draft, every source, and the files left out as
/// identical copies or versions of the draft.
pub fn inputs(report: &CheckReport) -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = vec![PathBuf::from(&report.draft.path)];
    inputs.extend(report.sources.iter().map(|s| PathBuf::from(&s.full_path)));
    let folder = Path::new(&report.corpus.folder);
    inputs.extend(report.excluded.identical.iter().map(|p| folder.join(p)));
    inputs.extend(report.excluded.versions.iter().map(|v| folder.join(&v.path)));
    inputs
}

/// Render and write atomically to `path`, never over the draft, a source or a file listed as
/// identical or as a version. A CSV report also writes `r.sources.csv` and `r.sections.csv`.
pub fn write(report: &CheckReport, path: &Path, format: ReportFormat) -> Result<(), ReportError> {
    let inputs = inputs(report);
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    super::atomic::check_not_input(path, &inputs)?;
    let rendered = |bytes: Result<Vec<u8>, RenderError>| {
        bytes.map_err(|source| ReportError::Render { path: path.to_path_buf(), source })
    };
    let bytes = rendered(render(report, format))?;
    if format == ReportFormat::Csv {
        for (part, bytes) in [("sources", sources_csv(report)), ("sections", sections_csv(report))] {
            super::atomic::write(&csv_companion(path, part), &rendered(bytes)?, &inputs)?;
        }
    }
    super::atomic::write(path, &bytes, &inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: &str, issuer: Option<&str>) -> Metadata {
        Metadata { title: Some(title.to_string()), issuer: issuer.map(str::to_string), ..Metadata::default() }
    }

    #[test]
    fn own_versions_need_title_issuer_number_and_most_of_the_text() {
        let draft = meta("关于加快发展电子商务的意见", Some("广东省人民政府办公厅"));
        assert!(is_own_version(&draft, &meta("关于加快发展电子商务的意见", Some("广东省人民政府办公厅")), 0.9));
        assert!(is_own_version(&draft, &meta("关于加快发展 电子商务的意见", None), 0.6));
        assert!(!is_own_version(&draft, &meta("关于加快发展电子商务的意见", None), 0.3));
        assert!(!is_own_version(&draft, &meta("关于加快发展电子商务的意见", Some("贵州省人民政府")), 0.9));
        assert!(!is_own_version(&draft, &meta("关于加快电子商务发展的实施方案", None), 0.9));
        assert!(!is_own_version(&meta("意见", None), &meta("意见", None), 1.0));
        let numbered = |n: &str| Metadata {
            doc_number: Some(n.to_string()),
            ..meta("关于加快发展电子商务的意见", None)
        };
        assert!(is_own_version(&numbered("粤府办〔2012〕131号"), &numbered("粤府办〔2013〕2号"), 0.9));
        assert!(!is_own_version(&numbered("粤府办〔2012〕131号"), &numbered("黔府发〔2014〕9号"), 0.9));
        assert_eq!(number_prefix(Some("粤府办〔2012〕131号")).as_deref(), Some("粤府办"));
    }

    #[test]
    fn pieces_join_equal_marks() {
        let text = CharText::new("甲乙丙丁".to_string());
        let got = pieces(
            &text,
            vec![
                (Span::new(0, 1), CheckMark::Same),
                (Span::new(1, 2), CheckMark::Same),
                (Span::new(2, 2), CheckMark::Deleted),
                (Span::new(2, 4), CheckMark::Inserted),
            ],
        );
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].text.as_str(), got[0].span), ("甲乙", Span::new(0, 2)));
        assert_eq!((got[1].text.as_str(), got[1].mark), ("丙丁", CheckMark::Inserted));
    }

    #[test]
    fn coverage_counts_overlaps_once_and_skips_punctuation() {
        let text = CharText::new("甲乙，丙丁戊".to_string());
        let coverage = Coverage::new(&text, &[Span::new(0, 4), Span::new(1, 5)], &[]);
        assert_eq!(coverage.total(), (5, 4));
        assert_eq!(coverage.covered_in(Span::new(3, 6)), 2);
    }

    #[test]
    fn companions_sit_next_to_the_csv() {
        assert_eq!(csv_companion(Path::new("out/r.csv"), "sources"), PathBuf::from("out/r.sources.csv"));
    }
}
