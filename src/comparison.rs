//! One comparison model, shared by the desktop app and every report format, so that both show the
//! same thing for the same input: the pair layout of two documents (sections the alignment paired
//! side by side, every other section opposite an explicit gap), the marks a word diff puts on each
//! side (one mapping of diff tags), the provenance wording of reused text, the document names and
//! numbering, and the passage counts.
//!
//! Nothing here draws; the GUI (`gui::compare`, `gui::panels`) and `report::view` consume it.

use crate::analysis::Analysis;
use crate::diff::DiffTag;
use crate::model::Document;
use crate::reuse::{Direction, PairStats, ReuseKind, ReusePassage};
use crate::text::Span;

/// A stretch of a document shown as one block: a section's heading and own text, up to the next
/// section (children are chunks of their own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// The section starting the chunk (`None` for text before the first section).
    pub section: Option<usize>,
    /// The chunk's text.
    pub span: Span,
}

/// Cut `doc` into chunks at every section start, in order, without blank lines at their edges.
pub fn chunks(doc: &Document) -> Vec<Chunk> {
    let len = doc.chars();
    let mut starts: Vec<(usize, usize)> =
        doc.sections.iter().enumerate().map(|(i, s)| (s.span.start.min(len), i)).collect();
    // A parent and its first child may start at the same char: the innermost (later) one wins.
    starts.sort_by_key(|&(start, index)| (start, index));
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut cursor = 0;
    for (k, &(start, section)) in starts.iter().enumerate() {
        if starts.get(k + 1).is_some_and(|&(next, _)| next == start) {
            continue;
        }
        if start > cursor {
            match chunks.last_mut() {
                Some(last) => last.span.end = start,
                None => chunks.push(Chunk { section: None, span: Span::new(cursor, start) }),
            }
        }
        chunks.push(Chunk { section: Some(section), span: Span::new(start, start) });
        cursor = start;
    }
    match chunks.last_mut() {
        Some(last) => last.span.end = len,
        None if len > 0 => chunks.push(Chunk { section: None, span: Span::new(0, len) }),
        None => {}
    }
    // Blank lines and indentation at the edges only add height; the marks keep absolute offsets.
    for chunk in &mut chunks {
        let text = doc.slice(chunk.span);
        let leading = text.chars().take_while(|c| c.is_whitespace()).count();
        let trailing = text.chars().rev().take_while(|c| c.is_whitespace()).count();
        if leading >= chunk.span.len() {
            chunk.span.end = chunk.span.start;
        } else {
            chunk.span = Span::new(chunk.span.start + leading, chunk.span.end - trailing);
        }
    }
    chunks.retain(|c| !c.span.is_empty());
    split_long(doc, chunks)
}

/// Longest chunk laid out as one block. Longer ones (a document without headings, a huge annex)
/// are cut at line ends so that only the part in view is laid out and painted.
pub const MAX_CHUNK_CHARS: usize = 6000;

fn split_long(doc: &Document, chunks: Vec<Chunk>) -> Vec<Chunk> {
    let mut out = Vec::with_capacity(chunks.len());
    for chunk in chunks {
        let mut start = chunk.span.start;
        let mut section = chunk.section;
        while chunk.span.end - start > MAX_CHUNK_CHARS {
            let window = doc.slice(Span::new(start, start + MAX_CHUNK_CHARS));
            // Cut after the last line end in the window, or hard at the limit when there is none.
            let cut = window.rfind('\n').map(|byte| window[..=byte].chars().count()).filter(|&n| n > 0);
            let end = start + cut.unwrap_or(MAX_CHUNK_CHARS);
            out.push(Chunk { section, span: Span::new(start, end) });
            start = end;
            section = None;
        }
        out.push(Chunk { section, span: Span::new(start, chunk.span.end) });
    }
    out
}

/// Index of the chunk containing char `offset`.
pub fn chunk_at(chunks: &[Chunk], offset: usize) -> Option<usize> {
    let index = chunks.partition_point(|c| c.span.end <= offset);
    (index < chunks.len()).then_some(index)
}

/// One row of the side-by-side view.
/// One row of a pair layout: two chunks the alignment paired, or one chunk opposite a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairRow {
    /// Chunk of the left document (`None`: a gap, the right chunk has no counterpart).
    pub left: Option<usize>,
    /// Chunk of the right document (`None`: a gap, the left chunk has no counterpart).
    pub right: Option<usize>,
    /// The alignment paired these two chunks (so they are diffed). Never true for a gap row.
    pub aligned: bool,
    /// Alignment row the pair comes from.
    pub alignment_row: Option<usize>,
}

impl PairRow {
    /// True when one side is an explicit empty cell (无对应章节).
    pub fn is_gap(&self) -> bool {
        self.left.is_none() || self.right.is_none()
    }
}

/// Two documents cut into chunks and paired row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct PairLayout {
    /// Left document index.
    pub left: usize,
    /// Right document index.
    pub right: usize,
    /// Chunks of the left document.
    pub left_chunks: Vec<Chunk>,
    /// Chunks of the right document.
    pub right_chunks: Vec<Chunk>,
    /// Rows in display order: every chunk of both documents appears exactly once; the left
    /// document reads in order, the right one follows the alignment.
    pub rows: Vec<PairRow>,
}

impl PairLayout {
    /// Pair `left` and `right` by the analysis' alignment, in the left document's order.
    ///
    /// Two chunks share a row only when one alignment row has a cell in both documents for their
    /// sections. A chunk the alignment leaves unpaired gets a row of its own opposite a gap, placed
    /// in document order between the paired rows: putting it beside an unrelated chunk of the other
    /// document would read as a pairing the analysis never made.
    pub fn new(analysis: &Analysis, left: usize, right: usize) -> Option<PairLayout> {
        let left_chunks = chunks(analysis.documents.get(left)?);
        let right_chunks = chunks(analysis.documents.get(right)?);
        let chunk_of = |chunks: &[Chunk], section: usize| chunks.iter().position(|c| c.section == Some(section));
        let mut pairs: Vec<(usize, usize, usize)> = analysis
            .alignment
            .rows
            .iter()
            .enumerate()
            .filter_map(|(row_index, row)| {
                let l = row.cells.get(left).copied().flatten()?;
                let r = row.cells.get(right).copied().flatten()?;
                Some((chunk_of(&left_chunks, l.section)?, chunk_of(&right_chunks, r.section)?, row_index))
            })
            .collect();
        pairs.sort_unstable();
        // One right chunk per left chunk and vice versa (the first alignment row wins).
        let mut right_of: Vec<Option<(usize, usize)>> = vec![None; left_chunks.len()];
        let mut taken = vec![false; right_chunks.len()];
        for (lc, rc, row_index) in pairs {
            if right_of[lc].is_none() && !taken[rc] {
                right_of[lc] = Some((rc, row_index));
                taken[rc] = true;
            }
        }
        // The left document sets the order; each aligned right section sits beside its partner even
        // when the right document has it elsewhere (policies reorder their clauses). Unpaired right
        // chunks follow the row of the right chunk before them, so they keep their context.
        let mut row_of_left_for_right = vec![None; right_chunks.len()];
        for (lc, pair) in right_of.iter().enumerate() {
            if let Some((rc, _)) = pair {
                row_of_left_for_right[*rc] = Some(lc);
            }
        }
        let mut before_all: Vec<usize> = Vec::new();
        let mut after: Vec<Vec<usize>> = vec![Vec::new(); left_chunks.len()];
        let mut anchor: Option<usize> = None;
        for (rc, placed) in row_of_left_for_right.iter().enumerate() {
            match placed {
                Some(lc) => anchor = Some(*lc),
                None => match anchor {
                    Some(lc) => after[lc].push(rc),
                    None => before_all.push(rc),
                },
            }
        }
        let right_only = |rc: usize| PairRow { left: None, right: Some(rc), aligned: false, alignment_row: None };
        let mut rows: Vec<PairRow> = before_all.into_iter().map(right_only).collect();
        for (lc, pair) in right_of.iter().enumerate() {
            rows.push(match pair {
                Some((rc, row_index)) => {
                    PairRow { left: Some(lc), right: Some(*rc), aligned: true, alignment_row: Some(*row_index) }
                }
                None => PairRow { left: Some(lc), right: None, aligned: false, alignment_row: None },
            });
            rows.extend(after[lc].iter().copied().map(right_only));
        }
        if left_chunks.len() == 1 && right_chunks.len() == 1 {
            // Documents without an outline: the whole texts are the comparable unit.
            rows = vec![PairRow { left: Some(0), right: Some(0), aligned: true, alignment_row: None }];
        }
        Some(PairLayout { left, right, left_chunks, right_chunks, rows })
    }

    /// The spans to diff, one per aligned row, in row order: `(row, left span, right span)`.
    pub fn aligned_spans(&self) -> Vec<(usize, Span, Span)> {
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(index, row)| {
                let (l, r) = (row.left?, row.right?);
                row.aligned.then(|| (index, self.left_chunks[l].span, self.right_chunks[r].span))
            })
            .collect()
    }

    /// The row showing char `offset` of document `doc` (either side).
    pub fn row_of(&self, doc: usize, offset: usize) -> Option<usize> {
        if doc == self.left {
            let chunk = chunk_at(&self.left_chunks, offset)?;
            self.rows.iter().position(|row| row.left == Some(chunk))
        } else if doc == self.right {
            let chunk = chunk_at(&self.right_chunks, offset)?;
            self.rows.iter().position(|row| row.right == Some(chunk))
        } else {
            None
        }
    }

    /// Span of a row's chunk on one side.
    pub fn span(&self, row: usize, side: Side) -> Option<Span> {
        let row = self.rows.get(row)?;
        match side {
            Side::Left => row.left.map(|c| self.left_chunks[c].span),
            Side::Right => row.right.map(|c| self.right_chunks[c].span),
        }
    }

    /// Document shown on `side`.
    pub fn doc(&self, side: Side) -> usize {
        match side {
            Side::Left => self.left,
            Side::Right => self.right,
        }
    }
}

/// Which column of a comparison: the left (A, earlier in a report) or the right (B) text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The left (A) column.
    Left,
    /// The right (B) column.
    Right,
}

impl Side {
    /// The other column.
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
}

/// What a word diff says about a stretch of one side's text. A replacement is one thing, `Changed`,
/// on both sides and in every view; how it is drawn (colour, strike-through) is the renderer's part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiffMark {
    /// Only in the right-hand text.
    Inserted,
    /// Only in the left-hand text.
    Deleted,
    /// Replaced: the left text by the right one.
    Changed,
    /// Moved elsewhere, unchanged.
    Moved,
}

/// The one mapping of diff tags to marks: what `tag` marks on `side`, if anything. Equal text is
/// unmarked; an insertion has no text on the left, a deletion none on the right.
pub fn diff_mark(tag: DiffTag, side: Side) -> Option<DiffMark> {
    match (tag, side) {
        (DiffTag::Equal, _) | (DiffTag::Insert, Side::Left) | (DiffTag::Delete, Side::Right) => None,
        (DiffTag::Insert, Side::Right) => Some(DiffMark::Inserted),
        (DiffTag::Delete, Side::Left) => Some(DiffMark::Deleted),
        (DiffTag::Replace, _) => Some(DiffMark::Changed),
        (DiffTag::Move, _) => Some(DiffMark::Moved),
    }
}

/// How reuse marks a stretch of text (its background). Ordered by display priority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReuseMark {
    /// 公文 boilerplate shared by the two documents.
    Boilerplate,
    /// Rewritten clause shared by the two documents.
    Edited,
    /// Word-for-word shared text.
    Exact,
}

impl ReuseMark {
    /// The mark of a passage.
    pub fn of(passage: &ReusePassage) -> Self {
        match (passage.boilerplate, passage.kind) {
            (true, _) => ReuseMark::Boilerplate,
            (false, ReuseKind::Exact) => ReuseMark::Exact,
            (false, ReuseKind::Edited) => ReuseMark::Edited,
        }
    }
}

/// Where text shared by a document and another one came from, as far as the dates tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Provenance {
    /// This document is the later one: it took the text from the other (取自 …).
    TakenFrom,
    /// This document is the earlier one: the other took the text from it (被 … 沿用).
    TakenBy,
    /// A date is unknown or equal: the texts are the same (exact) or close (edited), no more.
    Shared,
}

/// The provenance of text `doc` shares with `other`, from the pair's direction (`AToB`: the
/// smaller-index document is the earlier one).
pub fn provenance(pairs: &[PairStats], doc: usize, other: usize) -> Provenance {
    let (a, b) = (doc.min(other), doc.max(other));
    let direction = pairs.iter().find(|p| (p.a, p.b) == (a, b)).and_then(|p| p.direction);
    let doc_is_a = doc == a;
    match (direction, doc_is_a) {
        (Some(Direction::AToB), true) | (Some(Direction::BToA), false) => Provenance::TakenBy,
        (Some(Direction::AToB), false) | (Some(Direction::BToA), true) => Provenance::TakenFrom,
        (None, _) => Provenance::Shared,
    }
}

/// The Chinese wording of a provenance, naming the other document: 「取自 广东 2012」, 「被 咸宁 2014
/// 沿用」, 「与 贵州 2014 相同」 / 「与 … 相近」. The reports and the Chinese UI both use it.
pub fn provenance_zh(provenance: Provenance, kind: ReuseKind, other: &str) -> String {
    match (provenance, kind) {
        (Provenance::TakenFrom, _) => format!("取自 {other}"),
        (Provenance::TakenBy, _) => format!("被 {other} 沿用"),
        (Provenance::Shared, ReuseKind::Exact) => format!("与 {other} 相同"),
        (Provenance::Shared, ReuseKind::Edited) => format!("与 {other} 相近"),
    }
}

/// The English wording of a provenance (the English UI).
pub fn provenance_en(provenance: Provenance, kind: ReuseKind, other: &str) -> String {
    match (provenance, kind) {
        (Provenance::TakenFrom, _) => format!("Taken from {other}"),
        (Provenance::TakenBy, _) => format!("Taken up by {other}"),
        (Provenance::Shared, ReuseKind::Exact) => format!("Same as {other}"),
        (Provenance::Shared, ReuseKind::Edited) => format!("Close to {other}"),
    }
}

/// The number of a document in every view and report: 「D3」 for index 2. Documents are numbered
/// by position, so the number changes only when the list does.
pub fn document_number(index: usize) -> String {
    format!("D{}", index + 1)
}

/// One display name per document, from [`Document::display_name`]; names that would be the same for
/// two documents get the document number appended, so no two documents read alike.
pub fn document_names(documents: &[Document]) -> Vec<String> {
    let names: Vec<&str> = documents.iter().map(Document::display_name).collect();
    names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            if names.iter().filter(|n| *n == name).count() > 1 {
                format!("{name}（{}）", document_number(index))
            } else {
                (*name).to_owned()
            }
        })
        .collect()
}

/// 「D1 广东 2012」: number and name, as document lists, pickers and column headers show them.
pub fn numbered_name(names: &[String], index: usize) -> String {
    format!("{} {}", document_number(index), names.get(index).map(String::as_str).unwrap_or(""))
}

/// What the status bar, the passage list and the reports count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Reused passages, boilerplate left out (the number every view calls "reused passages").
    pub passages: usize,
    /// 公文 boilerplate passages, shown on demand.
    pub boilerplate: usize,
}

/// Count the passages among the documents `selected` says yes to (all, in the app).
pub fn counts(passages: &[ReusePassage], selected: impl Fn(usize) -> bool) -> Counts {
    let mut counts = Counts::default();
    for passage in passages.iter().filter(|p| selected(p.a.doc) && selected(p.b.doc)) {
        if passage.boilerplate {
            counts.boilerplate += 1;
        } else {
            counts.passages += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignedCell, Alignment, AlignmentRow};
    use crate::model::{Section, SectionKind};

    pub(crate) fn doc(text: &str, starts: &[usize]) -> Document {
        let len = text.chars().count();
        let sections = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let end = starts.get(i + 1).copied().unwrap_or(len);
                Section {
                    id: format!("D1.S{}", i + 1),
                    level: 1,
                    kind: SectionKind::Part,
                    number: String::new(),
                    ordinal: None,
                    title: String::new(),
                    heading: Span::new(start, start + 1),
                    span: Span::new(start, end),
                    body: Span::new(start + 1, end),
                    parent: None,
                }
            })
            .collect();
        Document { label: "x".into(), sections, ..Document::plain("D1", "x.txt", text) }
    }

    #[test]
    fn chunks_follow_the_sections_without_blank_edges() {
        let d = doc("前言一、总体要求\n\n二、措施", &[2, 10]);
        let c = chunks(&d);
        assert_eq!(
            c.iter().map(|c| c.span).collect::<Vec<_>>(),
            vec![Span::new(0, 2), Span::new(2, 8), Span::new(10, 14)]
        );
        assert_eq!(c[1].section, Some(0));
        assert_eq!(chunk_at(&c, 11), Some(2));
        assert_eq!(chunk_at(&c, 14), None);
    }

    fn analysis(rows: &[(Option<usize>, Option<usize>)]) -> Analysis {
        let left = doc("甲一乙二丙三丁四", &[0, 2, 4, 6]);
        let right = doc("子丑寅卯辰巳午未", &[0, 2, 4, 6]);
        let cell = |section: Option<usize>| {
            section.map(|section| AlignedCell { section, score: 0.9, pinned: false, whole: false })
        };
        let rows = rows
            .iter()
            .map(|&(l, r)| AlignmentRow { topic: None, label: String::new(), cells: vec![cell(l), cell(r)] })
            .collect();
        Analysis {
            documents: vec![left, right],
            alignment: Alignment { rows, unaligned: vec![], ..Default::default() },
            ..Default::default()
        }
    }

    #[test]
    fn pairs_follow_the_left_document_and_keep_every_chunk_once() {
        // Left section 0 pairs with right section 2 and left 2 with right 0: crossed.
        let layout = PairLayout::new(&analysis(&[(Some(0), Some(2)), (Some(2), Some(0))]), 0, 1).unwrap();
        let pairs: Vec<_> = layout.rows.iter().map(|r| (r.left, r.right, r.aligned)).collect();
        // Right chunk 1 (unpaired) follows right chunk 0, which sits beside left chunk 2; right chunk
        // 3 follows right chunk 2. Each unpaired chunk is opposite a gap.
        assert_eq!(
            pairs,
            vec![
                (Some(0), Some(2), true),
                (None, Some(3), false),
                (Some(1), None, false),
                (Some(2), Some(0), true),
                (None, Some(1), false),
                (Some(3), None, false),
            ]
        );
        assert_eq!(layout.row_of(1, 3), Some(4));
        for side in [Side::Left, Side::Right] {
            let chunks = if side == Side::Left { &layout.left_chunks } else { &layout.right_chunks };
            for chunk in 0..chunks.len() {
                let shown = layout
                    .rows
                    .iter()
                    .filter(|r| if side == Side::Left { r.left == Some(chunk) } else { r.right == Some(chunk) })
                    .count();
                assert_eq!(shown, 1, "chunk {chunk} on {side:?}");
            }
        }
    }

    #[test]
    fn unpaired_sections_sit_opposite_a_gap_never_beside_another_unpaired_section() {
        // Rows that name only one document, or none of the pair, pair nothing.
        let layout = PairLayout::new(
            &analysis(&[(Some(0), Some(0)), (Some(1), None), (None, Some(2)), (Some(3), Some(3))]),
            0,
            1,
        )
        .unwrap();
        let pairs: Vec<_> = layout.rows.iter().map(|r| (r.left, r.right, r.aligned)).collect();
        assert_eq!(
            pairs,
            vec![
                (Some(0), Some(0), true),
                (None, Some(1), false),
                (None, Some(2), false),
                (Some(1), None, false),
                (Some(2), None, false),
                (Some(3), Some(3), true),
            ]
        );
        assert!(layout.rows.iter().all(|r| r.aligned != r.is_gap()));
        assert_eq!(layout.aligned_spans().len(), 2);
    }

    #[test]
    fn replace_is_one_mark_on_both_sides() {
        assert_eq!(diff_mark(DiffTag::Replace, Side::Left), Some(DiffMark::Changed));
        assert_eq!(diff_mark(DiffTag::Replace, Side::Right), Some(DiffMark::Changed));
        assert_eq!(diff_mark(DiffTag::Delete, Side::Left), Some(DiffMark::Deleted));
        assert_eq!(diff_mark(DiffTag::Delete, Side::Right), None);
        assert_eq!(diff_mark(DiffTag::Insert, Side::Right), Some(DiffMark::Inserted));
        assert_eq!(diff_mark(DiffTag::Equal, Side::Left), None);
    }

    #[test]
    fn provenance_follows_the_direction_of_the_pair() {
        let pair = |direction| PairStats {
            a: 0,
            b: 1,
            direction,
            a_reused_chars: 0,
            b_reused_chars: 0,
            a_ratio: 0.0,
            b_ratio: 0.0,
        };
        // AToB: document 0 is the earlier one, document 1 took the text from it.
        let pairs = [pair(Some(Direction::AToB))];
        assert_eq!(provenance(&pairs, 0, 1), Provenance::TakenBy);
        assert_eq!(provenance(&pairs, 1, 0), Provenance::TakenFrom);
        let pairs = [pair(Some(Direction::BToA))];
        assert_eq!(provenance(&pairs, 0, 1), Provenance::TakenFrom);
        assert_eq!(provenance(&pairs, 1, 0), Provenance::TakenBy);
        let pairs = [pair(None)];
        assert_eq!(provenance(&pairs, 0, 1), Provenance::Shared);
        assert_eq!(provenance_zh(Provenance::TakenBy, ReuseKind::Exact, "咸宁 2014"), "被 咸宁 2014 沿用");
        assert_eq!(provenance_zh(Provenance::TakenFrom, ReuseKind::Edited, "广东 2012"), "取自 广东 2012");
        assert_eq!(provenance_zh(Provenance::Shared, ReuseKind::Edited, "甲"), "与 甲 相近");
        assert_eq!(provenance_en(Provenance::TakenBy, ReuseKind::Exact, "X"), "Taken up by X");
    }

    #[test]
    fn names_are_unique_and_numbered_by_position() {
        let mut a = doc("甲", &[]);
        a.metadata.title = Some("关于加快发展电子商务的意见".into());
        let b = a.clone();
        let mut c = doc("乙", &[]);
        c.label = "qinghai-2016".into();
        let mut docs = vec![a, b, c];
        crate::model::assign_display_names(&mut docs);
        let names = document_names(&docs);
        // Two documents with one title still read apart; every name is the model's one name.
        assert_ne!(names[0], names[1]);
        assert!(names[0].contains("加快发展电子商务的意见"), "{names:?}");
        for (name, document) in names.iter().zip(&docs) {
            assert_eq!(name, document.display_name());
        }
        assert_eq!(numbered_name(&names, 2), format!("D3 {}", names[2]));
    }

    #[test]
    fn long_chunks_are_cut_at_line_ends() {
        let line = "鼓励金融机构在风险可控的前提下。\n";
        let text = line.repeat(1000);
        let d = doc(&text, &[]);
        let c = chunks(&d);
        assert!(c.len() > 1);
        assert!(c.iter().all(|c| c.span.len() <= MAX_CHUNK_CHARS));
        assert_eq!(c.first().map(|c| c.span.start), Some(0));
        for pair in c.windows(2) {
            assert_eq!(pair[0].span.end, pair[1].span.start);
            assert!(d.slice(pair[0].span).ends_with('\n'));
        }
    }
}
