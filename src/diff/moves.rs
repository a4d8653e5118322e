//! Moved blocks: text deleted at one place of A and inserted, unchanged, at another place of B.
//!
//! A plain diff reports such a block twice, as a deletion and an unrelated insertion. Here the
//! changed stretches ("gaps") of a token diff are searched for shared runs of tokens that sit in
//! different gaps; each run long enough becomes one [`DiffTag::Move`] op carrying both places.
//! Everything works on token indices.

use std::collections::HashMap;

use similar::DiffOp as TokenOp;

use super::word::Deadline;
use super::{DiffOp, DiffTag};
use crate::text::Span;

/// Tokens that occur more often than this in the inserted text are not used to start a match: a
/// moved block almost always contains a rarer token, and 的/和/电子商务 would make the search quadratic.
const MAX_ANCHOR_OCCURRENCES: usize = 16;

/// How often (in anchor steps) the search looks at the clock.
const CLOCK_EVERY: usize = 1024;

/// A changed stretch of the token diff: token ranges in A and B between two equal runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Gap {
    /// Tokens of A.
    pub a: Span,
    /// Tokens of B.
    pub b: Span,
}

/// A moved block: tokens `a` of A reappear as tokens `b` of B.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    /// Tokens of A.
    pub a: Span,
    /// Tokens of B.
    pub b: Span,
}

/// The non-equal stretches of a token diff, in order.
pub(crate) fn gaps_of(ops: &[TokenOp]) -> Vec<Gap> {
    ops.iter()
        .filter(|op| !matches!(op, TokenOp::Equal { .. }))
        .map(|op| {
            let (a, b) = (op.old_range(), op.new_range());
            Gap { a: Span::new(a.start, a.end), b: Span::new(b.start, b.end) }
        })
        .collect()
}

/// Find moved blocks: maximal runs of equal tokens, one run in a gap's A side and one in a
/// *different* gap's B side, of at least `min_chars` normalised chars (`weights[i]` is the char
/// length of A token `i`). Longer blocks win; blocks never overlap. The second value is false when
/// the deadline cut the search short (the blocks found so far are still returned).
pub(crate) fn find_moves(
    gaps: &[Gap],
    a_ids: &[u32],
    b_ids: &[u32],
    weights: &[usize],
    min_chars: usize,
    deadline: &Deadline,
) -> (Vec<Block>, bool) {
    let min_chars = min_chars.max(1);
    let mut b_gap = vec![usize::MAX; b_ids.len()];
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    for (g, gap) in gaps.iter().enumerate() {
        for j in gap.b.start..gap.b.end {
            b_gap[j] = g;
            index.entry(b_ids[j]).or_default().push(j);
        }
    }
    let mut candidates: Vec<(usize, Block)> = Vec::new();
    // Per diagonal (i - j), the end in A of the last block found on it: anchors inside it are skipped.
    let mut covered: HashMap<isize, usize> = HashMap::new();
    let mut steps = 0usize;
    for (g, gap) in gaps.iter().enumerate() {
        for i in gap.a.start..gap.a.end {
            steps += 1;
            if steps.is_multiple_of(CLOCK_EVERY) && deadline.passed() {
                return (select(candidates, a_ids.len(), b_ids.len()), false);
            }
            let Some(positions) = index.get(&a_ids[i]) else { continue };
            if positions.len() > MAX_ANCHOR_OCCURRENCES {
                continue;
            }
            for &j in positions {
                let h = b_gap[j];
                let diagonal = i as isize - j as isize;
                if h == g || covered.get(&diagonal).is_some_and(|&end| end > i) {
                    continue;
                }
                let other = gaps[h].b;
                let (mut a_start, mut b_start) = (i, j);
                while a_start > gap.a.start && b_start > other.start && a_ids[a_start - 1] == b_ids[b_start - 1] {
                    a_start -= 1;
                    b_start -= 1;
                }
                let (mut a_end, mut b_end) = (i + 1, j + 1);
                while a_end < gap.a.end && b_end < other.end && a_ids[a_end] == b_ids[b_end] {
                    a_end += 1;
                    b_end += 1;
                }
                covered.insert(diagonal, a_end);
                let chars: usize = weights[a_start..a_end].iter().sum();
                if chars >= min_chars {
                    let block = Block { a: Span::new(a_start, a_end), b: Span::new(b_start, b_end) };
                    candidates.push((chars, block));
                }
            }
        }
    }
    (select(candidates, a_ids.len(), b_ids.len()), true)
}

/// Longest candidates first (ties by position), skipping any that overlaps one already taken.
fn select(mut candidates: Vec<(usize, Block)>, a_len: usize, b_len: usize) -> Vec<Block> {
    candidates.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.a.start.cmp(&y.1.a.start)).then(x.1.b.start.cmp(&y.1.b.start)));
    let mut a_used = vec![false; a_len];
    let mut b_used = vec![false; b_len];
    let mut blocks = Vec::new();
    for (_, block) in candidates {
        let (a_range, b_range) = (block.a.start..block.a.end, block.b.start..block.b.end);
        if a_used[a_range.clone()].iter().any(|&u| u) || b_used[b_range.clone()].iter().any(|&u| u) {
            continue;
        }
        a_used[a_range].fill(true);
        b_used[b_range].fill(true);
        blocks.push(block);
    }
    blocks.sort_by_key(|block| block.a.start);
    blocks
}

/// Turn a token diff into ops (token indices), with `blocks` taken out of their gaps as Move ops.
///
/// In each gap, what is left of A after removing moved blocks and what is left of B after
/// removing moved-in blocks are paired in order: the k-th A piece replaces the k-th B piece,
/// unpaired A pieces are deletions, unpaired B pieces insertions at the end of the gap.
pub(crate) fn rebuild_with_moves(ops: &[TokenOp], blocks: &[Block]) -> Vec<DiffOp> {
    const NONE: u32 = u32::MAX;
    let a_len = ops.iter().map(|op| op.old_range().end).max().unwrap_or(0);
    let b_len = ops.iter().map(|op| op.new_range().end).max().unwrap_or(0);
    let mut a_block = vec![NONE; if blocks.is_empty() { 0 } else { a_len }];
    let mut b_moved = vec![false; if blocks.is_empty() { 0 } else { b_len }];
    for (k, block) in blocks.iter().enumerate() {
        a_block[block.a.start..block.a.end].fill(k as u32);
        b_moved[block.b.start..block.b.end].fill(true);
    }
    let a_label = |i: usize| a_block.get(i).copied().unwrap_or(NONE);
    let b_is_moved = |j: usize| b_moved.get(j).copied().unwrap_or(false);

    let mut out = Vec::with_capacity(ops.len() + 2 * blocks.len());
    for op in ops {
        let (a, b) = (op.old_range(), op.new_range());
        if let TokenOp::Equal { .. } = op {
            out.push(DiffOp { tag: DiffTag::Equal, a: Span::new(a.start, a.end), b: Span::new(b.start, b.end) });
            continue;
        }
        let a_pieces = runs(a.start, a.end, a_label);
        let mut b_pieces = runs(b.start, b.end, b_is_moved).into_iter().filter(|(_, moved)| !moved).map(|(s, _)| s);
        let mut b_cursor = b.start;
        for (piece, label) in a_pieces {
            if label != NONE {
                out.push(DiffOp { tag: DiffTag::Move, a: piece, b: blocks[label as usize].b });
                continue;
            }
            match b_pieces.next() {
                Some(b_piece) => {
                    b_cursor = b_piece.end;
                    out.push(DiffOp { tag: DiffTag::Replace, a: piece, b: b_piece });
                }
                None => out.push(DiffOp { tag: DiffTag::Delete, a: piece, b: Span::new(b_cursor, b_cursor) }),
            }
        }
        for b_piece in b_pieces {
            out.push(DiffOp { tag: DiffTag::Insert, a: Span::new(a.end, a.end), b: b_piece });
        }
    }
    out
}

/// Maximal runs of equal labels over `start..end`.
fn runs<L: PartialEq + Copy>(start: usize, end: usize, label: impl Fn(usize) -> L) -> Vec<(Span, L)> {
    let mut out = Vec::new();
    let mut run_start = start;
    for i in start..end {
        if i + 1 == end || label(i + 1) != label(i) {
            out.push((Span::new(run_start, i + 1), label(i)));
            run_start = i + 1;
        }
    }
    out
}
