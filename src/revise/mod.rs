//! Version mode: the 新旧条文对照表 (revision table) of two versions of one policy.
//!
//! Drafters file a revision with a table of one row per article (条例/办法) or section (意见/方案):
//! the old text, the new text with the changes marked, and what kind of change it is. Word's compare
//! gives running text, and a section aligner does not know that 第十二条 became 第十四条 because two
//! articles were inserted before it. This module pairs the units of the two versions in document
//! order with moves allowed (a weighted LCS over unit similarities, helped by the alignment engine),
//! finds splits and merges from paragraph evidence, recognises cross-references that changed only by
//! renumbering, and marks words with the diff engine. Reports and the app render [`Revision`].

mod describe;
mod pairing;
pub mod refs;
mod units;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::model::Document;
use crate::text::Span;

/// JSON schema name of a serialised [`Revision`].
pub const SCHEMA: &str = "duizhao.revision/1";

/// What a row of the table counts: articles or sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitLevel {
    /// 第X条 of a 条例/办法/规定.
    Article,
    /// The numbered sections of an 意见/方案 (the leaves of the outline).
    Section,
}

impl UnitLevel {
    /// The measure word a summary counts units in (「修改 12 条」, 「新增 3 处」).
    pub fn measure(self) -> &'static str {
        match self {
            UnitLevel::Article => "条",
            UnitLevel::Section => "处",
        }
    }
}

/// One unit (article or section) of one version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// Index of the section in the document's `sections`.
    pub section: usize,
    /// The number as written (「第十二条」, 「（三）」).
    pub number: String,
    /// Numeric value of the number.
    pub ordinal: Option<u32>,
    /// How the table names the unit (「第十二条」, 「（三）加强监管」).
    pub label: String,
    /// The chapter (第X章) or top-level part the unit is in, for "chapters touched".
    pub chapter: Option<String>,
    /// The unit's whole text, number included, without trailing whitespace.
    pub span: Span,
    /// The text after the number.
    pub body: Span,
    /// The body normalised for comparison (punctuation, whitespace, width ignored).
    #[serde(skip)]
    pub key: String,
}

/// The kind of change of one row, as drafters name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// 未修改: same number, same text.
    Unchanged,
    /// 仅条序变化: same text (cross-references renumbered at most), new number.
    Renumbered,
    /// 修改: the text changed.
    Modified,
    /// 新增: only in the new version.
    Added,
    /// 删除: only in the old version.
    Deleted,
    /// 移动: left its place in the order of the others (possibly also changed).
    Moved,
    /// 拆分: one old unit became several.
    Split,
    /// 合并: several old units became one.
    Merged,
}

impl ChangeKind {
    /// All kinds, in the order summaries list them.
    pub const ALL: [ChangeKind; 8] = [
        ChangeKind::Modified,
        ChangeKind::Added,
        ChangeKind::Deleted,
        ChangeKind::Moved,
        ChangeKind::Split,
        ChangeKind::Merged,
        ChangeKind::Renumbered,
        ChangeKind::Unchanged,
    ];

    /// The Chinese name used in the table (未修改, 仅条序变化, 修改, …).
    pub fn chinese(self) -> &'static str {
        match self {
            ChangeKind::Unchanged => "未修改",
            ChangeKind::Renumbered => "仅条序变化",
            ChangeKind::Modified => "修改",
            ChangeKind::Added => "新增",
            ChangeKind::Deleted => "删除",
            ChangeKind::Moved => "移动",
            ChangeKind::Split => "拆分",
            ChangeKind::Merged => "合并",
        }
    }

    /// The kind named `name` in Chinese or in the JSON spelling.
    pub fn from_name(name: &str) -> Option<ChangeKind> {
        let name = name.trim();
        ChangeKind::ALL.into_iter().find(|k| {
            k.chinese() == name
                || serde_json::to_value(k).ok().and_then(|v| v.as_str().map(|s| s == name)) == Some(true)
        })
    }

    /// True for the kinds a drafter has to explain (everything but 未修改 and 仅条序变化).
    pub fn is_change(self) -> bool {
        !matches!(self, ChangeKind::Unchanged | ChangeKind::Renumbered)
    }
}

/// How a piece of text is marked in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// Unchanged text.
    Same,
    /// Deleted from the old version (struck through in the old column).
    Deleted,
    /// Inserted in the new version (underlined in the new column).
    Inserted,
}

/// A run of text with one mark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    /// The text (line breaks are `\n`).
    pub text: String,
    /// Its mark.
    pub mark: Mark,
}

/// One row of the revision table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionRow {
    /// Old units (indices into [`Revision::old_units`]); empty for 新增.
    pub old: Vec<usize>,
    /// New units (indices into [`Revision::new_units`]); empty for 删除.
    pub new: Vec<usize>,
    /// The kind of change.
    pub kind: ChangeKind,
    /// The 修改说明 column: what changed, down to 款/项.
    pub note: String,
    /// Similarity of the paired texts (0..=1; 0 for 新增/删除).
    pub similarity: f32,
    /// For 移动: the old unit the text came from and where it stood (「原第十八条，原在第十七条之后」).
    pub moved_from: Option<String>,
    /// Cross-references rewritten only because of renumbering: `(old, new)`, e.g. 第十二条 → 第十四条.
    pub renumbered_refs: Vec<(String, String)>,
    /// The old column with deletions marked.
    pub old_text: Vec<Piece>,
    /// The new column with insertions marked.
    pub new_text: Vec<Piece>,
}

/// Counts per kind and chapters touched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionSummary {
    /// Rows per kind, in [`ChangeKind::ALL`] order, kinds with no rows left out.
    pub counts: Vec<(ChangeKind, usize)>,
    /// Chapters (of the new version, or the old for deletions) with a change, in order.
    pub chapters: Vec<String>,
    /// The summary sentence: 「修改 12 条，新增 9 条，删除 2 条 …」.
    pub text: String,
}

/// The revision table of two versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    /// Display name of the old version.
    pub old_name: String,
    /// Display name of the new version.
    pub new_name: String,
    /// Title of the revised version as the text states it (「中华人民共和国发票管理办法」), if found.
    pub title: Option<String>,
    /// Path of the old version as given.
    pub old_path: String,
    /// Path of the new version as given.
    pub new_path: String,
    /// Articles or sections.
    pub level: UnitLevel,
    /// The old version's units, in order.
    pub old_units: Vec<Unit>,
    /// The new version's units, in order.
    pub new_units: Vec<Unit>,
    /// The rows, in the order of the new version (deletions after the row of their predecessor).
    pub rows: Vec<RevisionRow>,
    /// Counts and chapters.
    pub summary: RevisionSummary,
    /// The deadline passed: some rows lack word marks.
    pub timed_out: bool,
}

impl Revision {
    /// The rows of `kind`.
    pub fn rows_of(&self, kind: ChangeKind) -> impl Iterator<Item = &RevisionRow> + '_ {
        self.rows.iter().filter(move |r| r.kind == kind)
    }

    /// The labels of a row's old units, joined (「第十七条」, 「第二十七条、第二十八条」).
    pub fn old_label(&self, row: &RevisionRow) -> String {
        row.old.iter().filter_map(|&i| self.old_units.get(i)).map(|u| u.label.as_str()).collect::<Vec<_>>().join("、")
    }

    /// The labels of a row's new units, joined.
    pub fn new_label(&self, row: &RevisionRow) -> String {
        row.new.iter().filter_map(|&i| self.new_units.get(i)).map(|u| u.label.as_str()).collect::<Vec<_>>().join("、")
    }

    /// The text of a column as plain text.
    pub fn plain(pieces: &[Piece]) -> String {
        pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

/// Limits of one revision run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RevisionOptions {
    /// Wall-clock budget for alignment, pairing and word marks together: past it the remaining rows
    /// get no word marks and [`Revision::timed_out`] says so.
    pub timeout: Duration,
}

impl Default for RevisionOptions {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(5) }
    }
}

/// Why no table could be made.
#[derive(Debug, thiserror::Error)]
pub enum RevisionError {
    /// The document has no articles and no numbered sections to make rows of.
    #[error("{path}: no articles (第X条) or numbered sections found to compare")]
    NoUnits {
        /// The document's path.
        path: String,
    },
}

/// Build the revision table of `old` → `new`.
pub fn revise(old: &Document, new: &Document, options: &RevisionOptions) -> Result<Revision, RevisionError> {
    let started = Instant::now();
    let deadline = started.checked_add(options.timeout);
    let (old_units, old_level) = units::units_of(old);
    let (new_units, new_level) = units::units_of(new);
    if old_units.is_empty() {
        return Err(RevisionError::NoUnits { path: old.path.clone() });
    }
    if new_units.is_empty() {
        return Err(RevisionError::NoUnits { path: new.path.clone() });
    }
    let level = if old_level == UnitLevel::Article || new_level == UnitLevel::Article {
        UnitLevel::Article
    } else {
        UnitLevel::Section
    };
    // The alignment engine's pairs, as evidence: half the budget at most.
    let documents = [old.clone(), new.clone()];
    let align_options = crate::align::AlignOptions { timeout: options.timeout / 2 };
    let alignment = crate::align::align_with(&documents, &crate::reuse::ReuseReport::default(), &[], &align_options);
    let aligned: BTreeSet<(usize, usize)> = alignment
        .rows
        .iter()
        .filter_map(|row| {
            Some((row.cells.first().copied().flatten()?.section, row.cells.get(1).copied().flatten()?.section))
        })
        .collect();
    let pairing = pairing::pair(old, new, &old_units, &new_units, &aligned);
    let renumbering: BTreeMap<u32, u32> = pairing
        .groups
        .iter()
        .filter_map(|(o, n, _)| Some((old_units.get(*o.first()?)?.ordinal?, new_units.get(*n.first()?)?.ordinal?)))
        .collect();
    let context =
        describe::Context { old, new, old_units: &old_units, new_units: &new_units, renumbering: &renumbering };
    let mut timed_out = alignment.timed_out;
    let mut rows: Vec<RevisionRow> = Vec::with_capacity(pairing.groups.len());
    for (o, n, moved) in &pairing.groups {
        let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let marks = remaining.is_none_or(|r| !r.is_zero());
        timed_out |= !marks;
        let similarity = match (o.first(), n.first()) {
            (Some(&i), Some(&j)) => pairing.sim[i * new_units.len() + j],
            _ => 0.0,
        };
        rows.push(context.row(o, n, *moved, similarity, remaining.filter(|_| marks)));
    }
    let rows = order_rows(rows);
    let summary = summarize(&rows, &old_units, &new_units, level);
    Ok(Revision {
        old_name: old.display_name().to_string(),
        new_name: new.display_name().to_string(),
        title: new.metadata.title.clone().or_else(|| old.metadata.title.clone()),
        old_path: old.path.clone(),
        new_path: new.path.clone(),
        level,
        old_units,
        new_units,
        rows,
        summary,
        timed_out,
    })
}

/// Rows in the order of the new version; a deleted unit goes after the row holding the nearest
/// earlier old unit.
fn order_rows(rows: Vec<RevisionRow>) -> Vec<RevisionRow> {
    let (mut kept, deleted): (Vec<RevisionRow>, Vec<RevisionRow>) = rows.into_iter().partition(|r| !r.new.is_empty());
    kept.sort_by_key(|r| r.new.first().copied().unwrap_or(usize::MAX));
    let mut deleted = deleted;
    deleted.sort_by_key(|r| r.old.first().copied().unwrap_or(usize::MAX));
    for row in deleted {
        let Some(&gone) = row.old.first() else { continue };
        // The row holding the nearest old unit before `gone` that is not itself deleted.
        let place = kept
            .iter()
            .enumerate()
            .filter(|(_, r)| r.old.iter().any(|&o| o < gone))
            .max_by_key(|(_, r)| r.old.iter().filter(|&&o| o < gone).max().copied())
            .map(|(k, _)| k + 1)
            .unwrap_or(0);
        // After deletions already placed there.
        let mut at = place;
        while at < kept.len() && kept[at].new.is_empty() {
            at += 1;
        }
        kept.insert(at, row);
    }
    kept
}

/// Counts per kind and chapters touched.
fn summarize(rows: &[RevisionRow], old: &[Unit], new: &[Unit], level: UnitLevel) -> RevisionSummary {
    let counts: Vec<(ChangeKind, usize)> = ChangeKind::ALL
        .into_iter()
        .map(|k| (k, rows.iter().filter(|r| r.kind == k).count()))
        .filter(|(_, c)| *c > 0)
        .collect();
    let mut chapters: Vec<String> = Vec::new();
    for row in rows.iter().filter(|r| r.kind.is_change()) {
        let chapter = row
            .new
            .first()
            .and_then(|&j| new.get(j)?.chapter.clone())
            .or_else(|| row.old.first().and_then(|&i| old.get(i)?.chapter.clone()));
        if let Some(chapter) = chapter
            && !chapters.contains(&chapter)
        {
            chapters.push(chapter);
        }
    }
    let measure = level.measure();
    let mut text = counts.iter().map(|(k, c)| format!("{} {c} {measure}", k.chinese())).collect::<Vec<_>>().join("，");
    if !chapters.is_empty() {
        let quoted: Vec<String> = chapters.iter().map(|c| format!("「{c}」")).collect();
        text.push_str(&format!("；涉及{}", quoted.concat()));
    }
    RevisionSummary { counts, chapters, text }
}

/// Whether two loaded documents look like two versions of one text: near-same titles (or no title on
/// either) and most of the old units found again in the new. The app offers the revision table then.
pub fn looks_like_versions(a: &Document, b: &Document) -> bool {
    let title = |d: &Document| d.metadata.title.clone().unwrap_or_default();
    let (ta, tb) = (title(a), title(b));
    let titles_close =
        ta.is_empty() || tb.is_empty() || pairing::dice(&pairing::bigrams(&ta), &pairing::bigrams(&tb)) >= 0.8;
    if !titles_close {
        return false;
    }
    let (ua, _) = units::units_of(a);
    let (ub, _) = units::units_of(b);
    if ua.len() < 2 || ub.len() < 2 {
        return false;
    }
    let grams_b: Vec<Vec<u64>> = ub.iter().map(|u| pairing::bigrams(&u.key)).collect();
    let found = ua
        .iter()
        .filter(|u| {
            let g = pairing::bigrams(&u.key);
            grams_b.iter().any(|h| pairing::dice(&g, h) >= 0.6)
        })
        .count();
    found * 2 >= ua.len()
}
