//! What the side-by-side and topic views show, computed from the analysis without drawing anything:
//! the document cut into section chunks, the rows pairing two documents' chunks, and the marks
//! (diff, reuse, find) on a stretch of text.

use crate::analysis::Analysis;
use crate::diff::{DiffTag, WordDiff};
use crate::model::Document;
use crate::reuse::ReusePassage;
use crate::text::Span;

use super::settings::MarkToggles;
use super::worker::DiffRequest;

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairRow {
    /// Chunk of the left document.
    pub left: Option<usize>,
    /// Chunk of the right document.
    pub right: Option<usize>,
    /// The alignment paired these two chunks (so they are diffed).
    pub aligned: bool,
    /// Alignment row the pair comes from.
    pub alignment_row: Option<usize>,
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
        // when the right document has it elsewhere (policies reorder their clauses). Unaligned right
        // sections follow the row of the right section before them, so they keep their context.
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
        // Runs of unaligned one-sided rows between aligned ones: show their left and right chunks
        // next to each other, in order, rather than staggered (as a diff tool does with unmatched
        // lines).
        let mut merged: Vec<PairRow> = Vec::with_capacity(rows.len());
        let mut gap: (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        let flush = |gap: &mut (Vec<usize>, Vec<usize>), merged: &mut Vec<PairRow>| {
            let count = gap.0.len().max(gap.1.len());
            for k in 0..count {
                let (left, right) = (gap.0.get(k).copied(), gap.1.get(k).copied());
                merged.push(PairRow { left, right, aligned: false, alignment_row: None });
            }
            gap.0.clear();
            gap.1.clear();
        };
        for row in rows {
            match (row.aligned, row.left, row.right) {
                (false, Some(l), None) => gap.0.push(l),
                (false, None, Some(r)) => gap.1.push(r),
                _ => {
                    flush(&mut gap, &mut merged);
                    merged.push(row);
                }
            }
        }
        flush(&mut gap, &mut merged);
        let mut rows = merged;
        let whole_documents = left_chunks.len() == 1 && right_chunks.len() == 1;
        if whole_documents {
            // Documents without an outline: the whole texts are the comparable unit.
            for row in &mut rows {
                row.aligned = row.left.is_some() && row.right.is_some();
            }
        }
        Some(PairLayout { left, right, left_chunks, right_chunks, rows })
    }

    /// The diffs the view needs: one per aligned row, in row order.
    pub fn diff_requests(&self) -> Vec<DiffRequest> {
        self.rows
            .iter()
            .filter_map(|row| {
                let (l, r) = (row.left?, row.right?);
                row.aligned.then(|| DiffRequest {
                    a: self.left,
                    a_span: self.left_chunks[l].span,
                    b: self.right,
                    b_span: self.right_chunks[r].span,
                })
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

/// Which column of the side-by-side view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The left (A) column.
    Left,
    /// The right (B) column.
    Right,
}

/// What a mark says about its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MarkKind {
    /// Only in the right-hand text.
    Inserted,
    /// Only in the left-hand text.
    Deleted,
    /// Replaced.
    Changed,
    /// Moved elsewhere.
    Moved,
    /// Shared with document `source` (index).
    Reused {
        /// The other document.
        source: usize,
    },
    /// A boilerplate passage shared with another document.
    Boilerplate,
    /// A find match.
    Found,
    /// The change the user navigated to.
    Current,
}

/// A mark on a span of a document (absolute char offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Marked text.
    pub span: Span,
    /// What it means.
    pub kind: MarkKind,
}

/// One navigable change: an op of an aligned row's diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// Row of the side-by-side layout.
    pub row: usize,
    /// Text on the left (may be empty for insertions).
    pub left: Span,
    /// Text on the right (may be empty for deletions).
    pub right: Span,
    /// What kind of change.
    pub tag: DiffTag,
}

/// The changes of a pair layout that the toggles make visible, in reading order.
pub fn changes(layout: &PairLayout, diffs: &[WordDiff], toggles: &MarkToggles) -> Vec<Change> {
    let aligned_rows =
        layout.rows.iter().enumerate().filter(|(_, row)| row.aligned && row.left.is_some() && row.right.is_some());
    let mut out = Vec::new();
    for ((row, _), diff) in aligned_rows.zip(diffs) {
        for op in &diff.ops {
            let visible = match op.tag {
                DiffTag::Equal | DiffTag::Move => false,
                DiffTag::Insert => toggles.inserted,
                DiffTag::Delete => toggles.deleted,
                DiffTag::Replace => toggles.changed,
            };
            if visible {
                out.push(Change { row, left: op.a, right: op.b, tag: op.tag });
            }
        }
    }
    out
}

/// The diff marks of one side of `diff` that fall in `span`.
pub fn diff_marks(diff: &WordDiff, side: Side, span: Span, toggles: &MarkToggles, out: &mut Vec<Mark>) {
    for op in &diff.ops {
        let (own, kind) = match (side, op.tag) {
            (_, DiffTag::Equal) => continue,
            (Side::Left, DiffTag::Delete) if toggles.deleted => (op.a, MarkKind::Deleted),
            (Side::Right, DiffTag::Insert) if toggles.inserted => (op.b, MarkKind::Inserted),
            (Side::Left, DiffTag::Replace) if toggles.changed => (op.a, MarkKind::Changed),
            (Side::Right, DiffTag::Replace) if toggles.changed => (op.b, MarkKind::Changed),
            (Side::Left, DiffTag::Move) if toggles.changed => (op.a, MarkKind::Moved),
            (Side::Right, DiffTag::Move) if toggles.changed => (op.b, MarkKind::Moved),
            _ => continue,
        };
        if own.overlap(span) > 0 {
            out.push(Mark { span: own, kind });
        }
    }
}

/// Reuse passages touching document `doc`, with the side in `doc` and the other side.
pub fn passages_of(passages: &[ReusePassage], doc: usize) -> impl Iterator<Item = (usize, &ReusePassage, bool)> {
    passages.iter().enumerate().filter_map(move |(i, p)| {
        if p.a.doc == doc {
            Some((i, p, true))
        } else if p.b.doc == doc {
            Some((i, p, false))
        } else {
            None
        }
    })
}

/// The reuse marks on `span` of `doc`: passages shared with `partner` (or with any document when
/// `toggles.all_sources`), coloured by the other document.
pub fn reuse_marks(
    analysis: &Analysis,
    doc: usize,
    partner: Option<usize>,
    span: Span,
    toggles: &MarkToggles,
    out: &mut Vec<Mark>,
) {
    if !toggles.reuse {
        return;
    }
    for (_, passage, doc_is_a) in passages_of(&analysis.reuse.passages, doc) {
        let (own, other) = if doc_is_a { (passage.a, passage.b) } else { (passage.b, passage.a) };
        if own.span.overlap(span) == 0 {
            continue;
        }
        if !toggles.all_sources && partner.is_some_and(|p| p != other.doc) {
            continue;
        }
        if passage.boilerplate {
            if toggles.boilerplate {
                out.push(Mark { span: own.span, kind: MarkKind::Boilerplate });
            }
        } else {
            out.push(Mark { span: own.span, kind: MarkKind::Reused { source: other.doc } });
        }
    }
}

/// The reuse passage of `doc` at char `offset` shown under the toggles, with the other side.
pub fn passage_at(
    analysis: &Analysis,
    doc: usize,
    partner: Option<usize>,
    offset: usize,
    toggles: &MarkToggles,
) -> Option<usize> {
    if !toggles.reuse {
        return None;
    }
    passages_of(&analysis.reuse.passages, doc)
        .filter(|(_, p, doc_is_a)| {
            let (own, other) = if *doc_is_a { (p.a, p.b) } else { (p.b, p.a) };
            own.span.start <= offset
                && offset < own.span.end
                && (toggles.boilerplate || !p.boilerplate)
                && (toggles.all_sources || partner.is_none_or(|q| q == other.doc))
        })
        .map(|(i, _, _)| i)
        .next()
}

/// Char spans where `needle` occurs in `span` of `doc` (case-sensitive; CJK has no case).
pub fn find_matches(doc: &Document, span: Span, needle: &str, out: &mut Vec<Span>) {
    if needle.is_empty() {
        return;
    }
    let haystack = doc.slice(span);
    let needle_chars = needle.chars().count();
    let mut chars_before = 0;
    let mut last_byte = 0;
    for (byte, _) in haystack.match_indices(needle) {
        chars_before += haystack[last_byte..byte].chars().count();
        last_byte = byte;
        let start = span.start + chars_before;
        out.push(Span::new(start, start + needle_chars));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Metadata, Section, SectionKind};
    use crate::text::CharText;

    fn doc(text: &str, starts: &[usize]) -> Document {
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
        Document {
            id: "D1".into(),
            path: "x.txt".into(),
            label: "x".into(),
            format: Format::Txt,
            encoding: "UTF-8".into(),
            warnings: vec![],
            bytes: text.len() as u64,
            text: CharText::new(text.to_owned()),
            metadata: Metadata::default(),
            sections,
        }
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

    #[test]
    fn find_reports_char_offsets() {
        let d = doc("加强融资支持。鼓励金融机构加强融资", &[]);
        let mut found = Vec::new();
        find_matches(&d, Span::new(0, d.chars()), "融资", &mut found);
        assert_eq!(found, vec![Span::new(2, 4), Span::new(15, 17)]);
    }

    #[test]
    fn pairs_follow_the_left_document_and_keep_every_chunk_once() {
        use crate::align::{AlignedCell, Alignment, AlignmentRow};
        let left = doc("甲一乙二丙三", &[0, 2, 4]);
        let right = doc("子丑寅卯辰巳", &[0, 2, 4]);
        let cell = |section| Some(AlignedCell { section, score: 0.9, pinned: false, whole: false });
        let row = |l, r| AlignmentRow { topic: None, label: String::new(), cells: vec![cell(l), cell(r)] };
        let analysis = Analysis {
            documents: vec![left, right],
            // Left section 0 pairs with right section 2 and left 2 with right 0: crossed.
            alignment: Alignment { rows: vec![row(0, 2), row(2, 0)], unaligned: vec![], ..Default::default() },
            ..Default::default()
        };
        let layout = PairLayout::new(&analysis, 0, 1).unwrap();
        let pairs: Vec<_> = layout.rows.iter().map(|r| (r.left, r.right, r.aligned)).collect();
        // Right chunk 1 (unaligned) follows right chunk 0, which sits beside left chunk 2; the
        // unaligned left chunk 1 is shown next to nothing but its own row.
        assert_eq!(
            pairs,
            vec![(Some(0), Some(2), true), (Some(1), None, false), (Some(2), Some(0), true), (None, Some(1), false),]
        );
        assert_eq!(layout.row_of(1, 3), Some(3));
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
