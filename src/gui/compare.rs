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

pub use crate::comparison::{Chunk, DiffMark, PairLayout, PairRow, Side, chunk_at, chunks};

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

/// The diffs a pair layout needs: one per aligned row, in row order.
pub fn diff_requests(layout: &PairLayout) -> Vec<DiffRequest> {
    layout
        .aligned_spans()
        .into_iter()
        .map(|(_, a_span, b_span)| DiffRequest { a: layout.left, a_span, b: layout.right, b_span })
        .collect()
}

/// The diff marks of one side of `diff` that fall in `span`, by the one tag mapping of
/// [`crate::comparison::diff_mark`] (the reports use it too).
pub fn diff_marks(diff: &WordDiff, side: Side, span: Span, toggles: &MarkToggles, out: &mut Vec<Mark>) {
    for op in &diff.ops {
        let Some(mark) = crate::comparison::diff_mark(op.tag, side) else { continue };
        let (shown, kind) = match mark {
            DiffMark::Inserted => (toggles.inserted, MarkKind::Inserted),
            DiffMark::Deleted => (toggles.deleted, MarkKind::Deleted),
            DiffMark::Changed => (toggles.changed, MarkKind::Changed),
            DiffMark::Moved => (toggles.changed, MarkKind::Moved),
        };
        let own = match side {
            Side::Left => op.a,
            Side::Right => op.b,
        };
        if shown && own.overlap(span) > 0 {
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

    #[test]
    fn find_reports_char_offsets() {
        let d = crate::model::Document::plain("D1", "x.txt", "加强融资支持。鼓励金融机构加强融资");
        let mut found = Vec::new();
        find_matches(&d, Span::new(0, d.chars()), "融资", &mut found);
        assert_eq!(found, vec![Span::new(2, 4), Span::new(15, 17)]);
    }
}
