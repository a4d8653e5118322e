//! What a report shows, computed once from the analysis and the options and shared by every format:
//! the selected documents and their short names, the passages in display order, the pairs, the
//! alignment rows and the side-by-side blocks with their marked runs of text.

use std::collections::BTreeMap;

use super::ReportOptions;
use crate::analysis::Analysis;
use crate::comparison::Side as Column;
use crate::diff::{DiffTag, WordDiff};
use crate::model::{Document, PolicyDate, SectionKind};
use crate::reuse::{Direction, PairStats, ReusePassage};
use crate::text::Span;

/// How the diff marks a run of text: unchanged, or one of the marks of the shared comparison model
/// ([`crate::comparison::diff_mark`], the same mapping the app uses). Serialised in lowercase
/// ("same", "deleted", …) where a report's JSON carries marks (the 查重 report's passages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffMark {
    /// Unchanged.
    Same,
    /// Only in the earlier (left) text.
    Deleted,
    /// Only in the later (right) text.
    Inserted,
    /// Replaced: on the left the old wording, on the right the new one (see [`Run::column`]).
    Changed,
    /// Moved to another place, unchanged.
    Moved,
}

impl DiffMark {
    /// The mark `tag` puts on `column`'s text.
    pub fn of(tag: DiffTag, column: Column) -> DiffMark {
        match crate::comparison::diff_mark(tag, column) {
            None => DiffMark::Same,
            Some(crate::comparison::DiffMark::Inserted) => DiffMark::Inserted,
            Some(crate::comparison::DiffMark::Deleted) => DiffMark::Deleted,
            Some(crate::comparison::DiffMark::Changed) => DiffMark::Changed,
            Some(crate::comparison::DiffMark::Moved) => DiffMark::Moved,
        }
    }
}

pub use crate::comparison::ReuseMark;

/// A stretch of one document's text with constant marks.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Document index.
    pub doc: usize,
    /// Char span in the document.
    pub span: Span,
    /// Diff mark.
    pub mark: DiffMark,
    /// Reuse background, if any.
    pub reuse: Option<ReuseMark>,
    /// Link targets that start at this run.
    pub anchors: Vec<String>,
    /// Which text of the comparison the run is from: the earlier (left) or the later (right). A
    /// `Changed` run is the old wording on the left, the new one on the right.
    pub column: Column,
}

/// One side of a side-by-side block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Side {
    /// Document index.
    pub doc: usize,
    /// Compared char span.
    pub span: Span,
    /// Section shown (for aligned rows) or containing the span start.
    pub section: Option<usize>,
}

/// A side-by-side comparison: an aligned pair of sections, or a reused passage shown on its own.
#[derive(Clone, Debug)]
pub struct Block {
    /// HTML id / link target.
    pub anchor: String,
    /// Index into [`View::rows`] for aligned sections.
    pub row: Option<usize>,
    /// Passage index for a passage shown on its own.
    pub passage: Option<usize>,
    /// Earlier document.
    pub left: Side,
    /// Later document.
    pub right: Side,
}

/// An alignment row restricted to the selected documents.
#[derive(Clone, Debug)]
pub struct RowView {
    /// Index in `analysis.alignment.rows`.
    pub index: usize,
    /// Display label.
    pub label: String,
    /// Per selected document (same order as [`View::docs`]): section index and score.
    pub cells: Vec<Option<(usize, f32)>>,
    /// Indices into [`View::blocks`].
    pub blocks: Vec<usize>,
}

/// One line of a section outline of two documents ([`View::section_pairs`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionPair {
    /// Section of the left document, or `None` for the empty cell opposite a right section.
    pub left: Option<usize>,
    /// Section of the right document, or `None` for the empty cell opposite a left section.
    pub right: Option<usize>,
    /// Alignment row that paired the two (`None` for a gap).
    pub row: Option<usize>,
}

/// Everything a writer needs, filtered by the options and ordered for display.
pub struct View<'a> {
    /// The analysis.
    pub analysis: &'a Analysis,
    /// Selected document indices, in load order.
    pub docs: Vec<usize>,
    /// Short display names, indexed by document index (all documents).
    pub names: Vec<String>,
    /// Non-boilerplate passages among the selected documents, longest first.
    pub passages: Vec<usize>,
    /// Boilerplate passages, longest first; empty unless requested.
    pub boilerplate: Vec<usize>,
    /// Whether boilerplate was requested.
    pub include_boilerplate: bool,
    /// Pair statistics among the selected documents.
    pub pairs: Vec<PairStats>,
    /// Alignment rows with at least one selected section.
    pub rows: Vec<RowView>,
    /// Side-by-side blocks: aligned rows first, then passages not visible in any row.
    pub blocks: Vec<Block>,
    /// Passage index → block where it is shown.
    pub targets: BTreeMap<usize, usize>,
    /// Passage index → display number (1-based).
    pub numbers: BTreeMap<usize, usize>,
    /// The passage counts among the selected documents, as the app's status bar and list count them.
    pub counts: crate::comparison::Counts,
}

impl<'a> View<'a> {
    /// Build the view of `analysis` under `options`.
    pub fn new(analysis: &'a Analysis, options: &ReportOptions) -> Self {
        let count = analysis.documents.len();
        let mut docs: Vec<usize> = match &options.documents {
            Some(list) => list.iter().copied().filter(|&d| d < count).collect(),
            None => (0..count).collect(),
        };
        docs.sort_unstable();
        docs.dedup();
        let selected = |d: usize| docs.binary_search(&d).is_ok();

        let mut passages = Vec::new();
        let mut boilerplate = Vec::new();
        for (index, passage) in analysis.reuse.passages.iter().enumerate() {
            if !selected(passage.a.doc) || !selected(passage.b.doc) {
                continue;
            }
            if !passage.boilerplate {
                passages.push(index);
            } else if options.include_boilerplate {
                boilerplate.push(index);
            }
        }
        let longest_first = |&x: &usize, &y: &usize| {
            let (p, q) = (&analysis.reuse.passages[x], &analysis.reuse.passages[y]);
            q.chars
                .cmp(&p.chars)
                .then((p.a.doc, p.b.doc, p.a.span.start, p.b.span.start).cmp(&(
                    q.a.doc,
                    q.b.doc,
                    q.a.span.start,
                    q.b.span.start,
                )))
                .then(x.cmp(&y))
        };
        passages.sort_by(longest_first);
        boilerplate.sort_by(longest_first);
        let numbers = passages.iter().chain(&boilerplate).enumerate().map(|(n, &p)| (p, n + 1)).collect();

        let pairs = analysis.reuse.pairs.iter().filter(|pair| selected(pair.a) && selected(pair.b)).copied().collect();

        let counts = crate::comparison::counts(&analysis.reuse.passages, selected);
        let mut view = View {
            analysis,
            names: crate::comparison::document_names(&analysis.documents),
            docs,
            passages,
            boilerplate,
            include_boilerplate: options.include_boilerplate,
            pairs,
            rows: Vec::new(),
            blocks: Vec::new(),
            targets: BTreeMap::new(),
            numbers,
            counts,
        };
        view.build_rows();
        view.place_passages();
        view
    }

    fn build_rows(&mut self) {
        let analysis = self.analysis;
        for (index, row) in analysis.alignment.rows.iter().enumerate() {
            let cells: Vec<Option<(usize, f32)>> = self
                .docs
                .iter()
                .map(|&d| {
                    let cell = row.cells.get(d).copied().flatten()?;
                    analysis.documents[d].sections.get(cell.section)?;
                    Some((cell.section, cell.score))
                })
                .collect();
            let present: Vec<(usize, usize)> =
                self.docs.iter().zip(&cells).filter_map(|(&d, cell)| cell.map(|(s, _)| (d, s))).collect();
            if present.is_empty() {
                continue;
            }
            let row_view = self.rows.len();
            let mut blocks = Vec::new();
            if let Some(&(ref_doc, ref_sec)) = present.iter().min_by_key(|(d, _)| self.date_key(*d)) {
                for &(doc, sec) in &present {
                    if doc == ref_doc {
                        continue;
                    }
                    let left = self.section_side(ref_doc, ref_sec);
                    let right = self.section_side(doc, sec);
                    blocks.push(self.blocks.len());
                    self.blocks.push(Block {
                        // Built from numbers only, so it needs no escaping wherever it is written.
                        anchor: format!("r{}-d{}-d{}", index + 1, ref_doc + 1, doc + 1),
                        row: Some(row_view),
                        passage: None,
                        left,
                        right,
                    });
                }
            }
            self.rows.push(RowView { index, label: row.label.clone(), cells, blocks });
        }
    }

    fn section_side(&self, doc: usize, section: usize) -> Side {
        let span = self.analysis.documents[doc].sections.get(section).map(|s| s.span).unwrap_or_default();
        Side { doc, span, section: Some(section) }
    }

    /// Sort key "earlier first": known dates before unknown ones, then load order.
    fn date_key(&self, doc: usize) -> (bool, Option<PolicyDate>, usize) {
        let date = self.analysis.documents[doc].metadata.date;
        (date.is_none(), date, doc)
    }

    /// Link every listed passage to the block where the reader sees it; passages outside every
    /// aligned pair of sections get a block of their own.
    fn place_passages(&mut self) {
        let listed: Vec<usize> = self.passages.iter().chain(&self.boilerplate).copied().collect();
        let row_blocks = self.blocks.len();
        for p in listed {
            let passage = self.analysis.reuse.passages[p];
            let mut best: Option<(usize, usize)> = None;
            for (b, block) in self.blocks[..row_blocks].iter().enumerate() {
                let (l, r) = if block.left.doc == passage.a.doc && block.right.doc == passage.b.doc {
                    (passage.a.span, passage.b.span)
                } else if block.left.doc == passage.b.doc && block.right.doc == passage.a.doc {
                    (passage.b.span, passage.a.span)
                } else {
                    continue;
                };
                let (lo, ro) = (block.left.span.overlap(l), block.right.span.overlap(r));
                if lo > 0 && ro > 0 && best.is_none_or(|(_, o)| lo + ro > o) {
                    best = Some((b, lo + ro));
                }
            }
            let block = match best {
                Some((b, _)) => b,
                None => {
                    let (left, right) =
                        if self.source_is_b(&passage) { (passage.b, passage.a) } else { (passage.a, passage.b) };
                    self.blocks.push(Block {
                        anchor: format!("p{}", self.numbers.get(&p).copied().unwrap_or(p + 1)),
                        row: None,
                        passage: Some(p),
                        left: Side { doc: left.doc, span: left.span, section: left.section },
                        right: Side { doc: right.doc, span: right.span, section: right.section },
                    });
                    self.blocks.len() - 1
                }
            };
            self.targets.insert(p, block);
        }
    }

    fn source_is_b(&self, passage: &ReusePassage) -> bool {
        match self.pair(passage.a.doc, passage.b.doc).and_then(|pair| pair.direction) {
            Some(Direction::BToA) => true,
            Some(Direction::AToB) => false,
            None => self.date_key(passage.b.doc) < self.date_key(passage.a.doc),
        }
    }

    /// Statistics of the pair of documents `x`, `y` (either order).
    pub fn pair(&self, x: usize, y: usize) -> Option<&PairStats> {
        self.pairs.iter().find(|p| (p.a, p.b) == (x.min(y), x.max(y)))
    }

    /// Share of `doc`'s chars reused with `other` (from the pair statistics).
    pub fn ratio(&self, doc: usize, other: usize) -> Option<(f32, usize)> {
        let pair = self.pair(doc, other)?;
        Some(if pair.a == doc { (pair.a_ratio, pair.a_reused_chars) } else { (pair.b_ratio, pair.b_reused_chars) })
    }

    /// True when `source` is known to be earlier than `doc`.
    pub fn is_source_of(&self, source: usize, doc: usize) -> Option<bool> {
        let pair = self.pair(source, doc)?;
        let a_is_source = match pair.direction? {
            Direction::AToB => true,
            Direction::BToA => false,
        };
        Some((pair.a == source) == a_is_source)
    }

    /// Where the text of `doc` shared with `other` came from, in the words the app uses too:
    /// 「取自 广东 2012」, 「被 咸宁 2014 沿用」, or 「与 … 相同/相近」 when the dates do not tell.
    pub fn provenance_label(&self, doc: usize, other: usize, kind: crate::reuse::ReuseKind) -> String {
        let provenance = crate::comparison::provenance(&self.analysis.reuse.pairs, doc, other);
        crate::comparison::provenance_zh(provenance, kind, &self.names[other])
    }

    /// The direction label of a copy-ratio matrix cell (row document `doc`, column `other`).
    pub fn direction_label(&self, other: usize, doc: usize) -> &'static str {
        match self.is_source_of(other, doc) {
            Some(true) => "列为来源",
            Some(false) => "行为来源",
            None => "方向不明",
        }
    }

    /// The document at `index`.
    pub fn doc(&self, index: usize) -> &'a Document {
        &self.analysis.documents[index]
    }

    /// The passage at `index`.
    pub fn passage(&self, index: usize) -> &'a ReusePassage {
        &self.analysis.reuse.passages[index]
    }

    /// "（二十四）加强融资支持": the number and title of a section.
    pub fn section_label(&self, doc: usize, section: Option<usize>) -> String {
        let Some(section) = section.and_then(|s| self.doc(doc).sections.get(s)) else {
            return "（章节外）".to_string();
        };
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

    /// The earliest selected document (known dates first, then load order): the left column of the
    /// side-by-side blocks and of the section outlines.
    pub fn reference_doc(&self) -> Option<usize> {
        self.docs.iter().copied().min_by_key(|&d| self.date_key(d))
    }

    /// Two documents' sections in reading order as the app's side-by-side view lays them out
    /// ([`crate::comparison::PairLayout`], the one layout model): the sections the alignment paired
    /// face each other, and every other section faces `None`, the explicit empty cell (无对应章节),
    /// never an unrelated section. Only the aligner's units are listed (sections in a row or
    /// unaligned); headings over them and text before the first section are left out.
    pub fn section_pairs(&self, left: usize, right: usize) -> Vec<SectionPair> {
        let alignment = &self.analysis.alignment;
        let is_unit = |doc: usize, section: usize| {
            alignment.row_of(doc, section).is_some() || alignment.unaligned.contains(&(doc, section))
        };
        let Some(layout) = crate::comparison::PairLayout::new(self.analysis, left, right) else { return Vec::new() };
        layout
            .rows
            .iter()
            .filter_map(|row| {
                let l = row.left.and_then(|c| layout.left_chunks[c].section).filter(|&s| is_unit(left, s));
                let r = row.right.and_then(|c| layout.right_chunks[c].section).filter(|&s| is_unit(right, s));
                match (l, r) {
                    (None, None) => None,
                    (Some(_), Some(_)) => Some(SectionPair { left: l, right: r, row: row.alignment_row }),
                    // A unit beside a gap (or beside a heading, which is no unit): the empty cell.
                    _ => Some(SectionPair { left: l, right: r, row: None }),
                }
            })
            .collect()
    }

    /// The word diff of a block.
    pub fn diff(&self, block: &Block) -> WordDiff {
        self.analysis.diff_spans(block.left.doc, block.left.span, block.right.doc, block.right.span).unwrap_or_default()
    }

    /// Reuse backgrounds of `side` against `other_doc`, from the listed passages.
    fn reuse_marks(&self, side: &Side, other_doc: usize) -> Vec<(Span, ReuseMark)> {
        let mut marks = Vec::new();
        for &p in self.passages.iter().chain(&self.boilerplate) {
            let passage = self.passage(p);
            let mine = if (passage.a.doc, passage.b.doc) == (side.doc, other_doc) {
                passage.a.span
            } else if (passage.b.doc, passage.a.doc) == (side.doc, other_doc) {
                passage.b.span
            } else {
                continue;
            };
            if mine.overlap(side.span) > 0 {
                marks.push((mine, ReuseMark::of(passage)));
            }
        }
        marks
    }

    /// Link targets placed in the left column of block `block`.
    fn anchors(&self, block: usize) -> Vec<(usize, String)> {
        let side = &self.blocks[block].left;
        let mut anchors: Vec<(usize, String)> = self
            .targets
            .iter()
            .filter(|&(_, &b)| b == block)
            .map(|(&p, _)| {
                let passage = self.passage(p);
                let span = if passage.a.doc == side.doc { passage.a.span } else { passage.b.span };
                let at = span.start.min(side.span.end.saturating_sub(1)).max(side.span.start);
                (at, passage_target(p))
            })
            .collect();
        anchors.sort();
        anchors
    }

    /// The two columns of a block: left text in its order, right text in its order, each with marks.
    pub fn columns(&self, block: usize, diff: &WordDiff) -> (Vec<Run>, Vec<Run>) {
        let b = &self.blocks[block];
        let mut anchors = self.anchors(block);
        let left_reuse = self.reuse_marks(&b.left, b.right.doc);
        let right_reuse = self.reuse_marks(&b.right, b.left.doc);
        let left_ops: Vec<(Span, DiffMark)> =
            diff.ops.iter().map(|op| (op.a, DiffMark::of(op.tag, Column::Left))).collect();
        let right_ops: Vec<(Span, DiffMark)> =
            diff.ops.iter().map(|op| (op.b, DiffMark::of(op.tag, Column::Right))).collect();
        let mut left = cover(b.left.doc, b.left.span, left_ops, &left_reuse, &mut anchors);
        let mut right = cover(b.right.doc, b.right.span, right_ops, &right_reuse, &mut Vec::new());
        for run in &mut right {
            run.column = Column::Right;
        }
        if !anchors.is_empty() {
            // Anchors the text could not carry (an empty span) still need to exist.
            let ids = anchors.into_iter().map(|(_, id)| id);
            match left.first_mut() {
                Some(run) => run.anchors.extend(ids),
                None => left.push(Run {
                    doc: b.left.doc,
                    span: Span::new(b.left.span.start, b.left.span.start),
                    mark: DiffMark::Same,
                    reuse: None,
                    anchors: ids.collect(),
                    column: Column::Left,
                }),
            }
        }
        (left, right)
    }

    /// A block as one redline in the left text's order: deletions and insertions interleaved.
    pub fn redline(&self, block: usize, diff: &WordDiff) -> Vec<Run> {
        let b = &self.blocks[block];
        let left_reuse = self.reuse_marks(&b.left, b.right.doc);
        let right_reuse = self.reuse_marks(&b.right, b.left.doc);
        redline_runs((&b.left, &left_reuse), (&b.right, &right_reuse), diff)
    }

    /// The two sides of a passage, earlier (source) first.
    pub fn passage_sides(&self, passage: usize) -> (Side, Side) {
        let p = self.passage(passage);
        let (left, right) = if self.source_is_b(p) { (p.b, p.a) } else { (p.a, p.b) };
        (
            Side { doc: left.doc, span: left.span, section: left.section },
            Side { doc: right.doc, span: right.span, section: right.section },
        )
    }

    /// A passage as a redline from its source to its copy, all of it shaded as reused.
    pub fn passage_redline(&self, passage: usize) -> Vec<Run> {
        let (left, right) = self.passage_sides(passage);
        let mark = ReuseMark::of(self.passage(passage));
        let diff = self.analysis.diff_spans(left.doc, left.span, right.doc, right.span).unwrap_or_default();
        redline_runs((&left, &[(left.span, mark)]), (&right, &[(right.span, mark)]), &diff)
    }
}

/// Runs in the left text's order: equal text, deletions and insertions interleaved.
fn redline_runs(
    (left, left_reuse): (&Side, &[(Span, ReuseMark)]),
    (right, right_reuse): (&Side, &[(Span, ReuseMark)]),
    diff: &WordDiff,
) -> Vec<Run> {
    let mut ops = diff.ops.clone();
    ops.sort_by_key(|op| op.a.start);
    let mut runs = Vec::new();
    let mut none = Vec::new();
    for op in ops {
        let a = clip(op.a, left.span);
        let b = clip(op.b, right.span);
        match op.tag {
            DiffTag::Insert => {}
            _ => segment(left.doc, a, DiffMark::of(op.tag, Column::Left), left_reuse, &mut none, &mut runs),
        }
        // The new wording follows the old one: an insertion, or the right side of a replacement.
        if matches!(op.tag, DiffTag::Insert | DiffTag::Replace) {
            let first = runs.len();
            segment(right.doc, b, DiffMark::of(op.tag, Column::Right), right_reuse, &mut none, &mut runs);
            for run in &mut runs[first..] {
                run.column = Column::Right;
            }
        }
    }
    runs
}

/// The link target id of a passage's place in the side-by-side view.
pub fn passage_target(passage: usize) -> String {
    format!("at-{}", passage + 1)
}

/// The list entry id of a passage.
pub fn passage_entry(passage: usize) -> String {
    format!("passage-{}", passage + 1)
}

fn clip(span: Span, to: Span) -> Span {
    // min/max rather than clamp: a malformed span must not panic.
    let start = span.start.min(to.end).max(to.start);
    Span { start, end: span.end.min(to.end).max(start) }
}

/// Runs covering `span` exactly: the ops' spans where they fall, unchanged text in any gap.
fn cover(
    doc: usize,
    span: Span,
    mut ops: Vec<(Span, DiffMark)>,
    reuse: &[(Span, ReuseMark)],
    anchors: &mut Vec<(usize, String)>,
) -> Vec<Run> {
    ops.retain(|(s, _)| !s.is_empty());
    ops.sort_by_key(|(s, _)| s.start);
    let mut runs = Vec::new();
    let mut cursor = span.start;
    for (op_span, mark) in ops {
        let op_span = clip(op_span, Span::new(cursor, span.end));
        if op_span.is_empty() {
            continue;
        }
        if op_span.start > cursor {
            segment(doc, Span::new(cursor, op_span.start), DiffMark::Same, reuse, anchors, &mut runs);
        }
        segment(doc, op_span, mark, reuse, anchors, &mut runs);
        cursor = op_span.end;
    }
    if cursor < span.end {
        segment(doc, Span::new(cursor, span.end), DiffMark::Same, reuse, anchors, &mut runs);
    }
    runs
}

/// Split `span` where reuse marks or anchors begin or end, and push the pieces.
fn segment(
    doc: usize,
    span: Span,
    mark: DiffMark,
    reuse: &[(Span, ReuseMark)],
    anchors: &mut Vec<(usize, String)>,
    out: &mut Vec<Run>,
) {
    if span.is_empty() {
        return;
    }
    let inside = |at: usize| span.start < at && at < span.end;
    let mut cuts = vec![span.start, span.end];
    for (s, _) in reuse {
        cuts.extend([s.start, s.end].into_iter().filter(|&at| inside(at)));
    }
    cuts.extend(anchors.iter().map(|(at, _)| *at).filter(|&at| inside(at)));
    cuts.sort_unstable();
    cuts.dedup();
    for window in cuts.windows(2) {
        let piece = Span::new(window[0], window[1]);
        let reuse = reuse.iter().filter(|(s, _)| s.start <= piece.start && piece.start < s.end).map(|(_, m)| *m).max();
        let mut ids = Vec::new();
        anchors.retain(|(at, id)| {
            let here = piece.start <= *at && *at < piece.end;
            if here {
                ids.push(id.clone());
            }
            !here
        });
        out.push(Run { doc, span: piece, mark, reuse, anchors: ids, column: Column::Left });
    }
}

/// `text` cut into maximal pieces of whitespace and of other chars: `(is_whitespace, piece)`.
/// Writers leave whitespace pieces unmarked, because struck-through or underlined blank space only
/// shows as a stray line.
pub fn whitespace_pieces(text: &str) -> Vec<(bool, &str)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (at, c) in text.char_indices() {
        let ws = c.is_whitespace();
        if current.is_some_and(|kind| kind != ws) {
            pieces.push((!ws, &text[start..at]));
            start = at;
        }
        current = Some(ws);
    }
    if let Some(kind) = current {
        pieces.push((kind, &text[start..]));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::whitespace_pieces;

    #[test]
    fn cuts_whitespace_pieces() {
        assert_eq!(
            whitespace_pieces("　　甲乙 丙\n"),
            [(true, "　　"), (false, "甲乙"), (true, " "), (false, "丙"), (true, "\n")]
        );
        assert!(whitespace_pieces("").is_empty());
    }
}
