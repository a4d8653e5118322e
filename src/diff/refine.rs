//! Character-level refinement of replaced words, and merging of neighbouring ops.
//!
//! A word diff says 「2015年」→「2017年」 replaced the word 2015 by 2017; a reader wants to see that one
//! digit changed. But 「加大」→「强化」 shares no character, and splitting it would only add noise. The
//! rule of thumb: refine a replacement by characters when the two sides share at least half of their
//! characters (Dice: 2 × shared / (old + new) ≥ 0.5, shared counted by a char diff); otherwise keep it
//! word by word.

use similar::{Algorithm, DiffOp as CharOp, capture_diff_slices_deadline};

use super::word::Deadline;
use super::{DiffOp, DiffTag};
use crate::text::Span;

/// Replacements longer than this (normalised chars, either side) are not refined: they are rewritten
/// passages, not edited words, and a char diff of them is unreadable.
const MAX_REFINE_CHARS: usize = 2_000;

/// Longest equal stretch (normalised chars, one word such as 电子商务) that may be folded into the
/// changes around it.
const MAX_ABSORBED_CHARS: usize = 4;

/// Refine Replace ops (normalised-char spans over `a` and `b`) by characters where the sides share at
/// least half their chars. Returns false as second value when the deadline stopped the refinement
/// (the remaining replacements are kept whole).
pub(crate) fn refine_replacements(
    ops: Vec<DiffOp>,
    a: &[char],
    b: &[char],
    deadline: &Deadline,
) -> (Vec<DiffOp>, bool) {
    let mut out = Vec::with_capacity(ops.len());
    let mut complete = true;
    for op in ops {
        let refinable = op.tag == DiffTag::Replace && op.a.len() <= MAX_REFINE_CHARS && op.b.len() <= MAX_REFINE_CHARS;
        if !refinable || !complete {
            out.push(op);
            continue;
        }
        if deadline.passed() {
            complete = false;
            out.push(op);
            continue;
        }
        let old = &a[op.a.start..op.a.end];
        let new = &b[op.b.start..op.b.end];
        let char_ops = capture_diff_slices_deadline(Algorithm::Myers, old, new, deadline.instant());
        let shared: usize = char_ops.iter().map(|c| if let CharOp::Equal { len, .. } = c { *len } else { 0 }).sum();
        // 2 × shared / (old + new) ≥ 1/2, in integers.
        if shared > 0 && 4 * shared >= old.len() + new.len() {
            out.extend(char_ops.iter().map(|c| offset(c, op.a.start, op.b.start)));
        } else {
            out.push(op);
        }
    }
    (out, complete)
}

/// A char op of a refined replacement, shifted to the replacement's position.
fn offset(op: &CharOp, a_base: usize, b_base: usize) -> DiffOp {
    let (a, b) = (op.old_range(), op.new_range());
    let tag = match op {
        CharOp::Equal { .. } => DiffTag::Equal,
        CharOp::Delete { .. } => DiffTag::Delete,
        CharOp::Insert { .. } => DiffTag::Insert,
        CharOp::Replace { .. } => DiffTag::Replace,
    };
    DiffOp { tag, a: Span::new(a_base + a.start, a_base + a.end), b: Span::new(b_base + b.start, b_base + b.end) }
}

/// Merge neighbouring ops that read as one: consecutive Equal ops, and consecutive changes
/// (Delete/Insert/Replace) that are contiguous on both sides. Moves are never merged.
pub(crate) fn coalesce(ops: Vec<DiffOp>) -> Vec<DiffOp> {
    let mut out: Vec<DiffOp> = Vec::with_capacity(ops.len());
    for op in ops {
        if let Some(last) = out.last_mut() {
            let contiguous = last.a.end == op.a.start && last.b.end == op.b.start;
            let both_equal = last.tag == DiffTag::Equal && op.tag == DiffTag::Equal;
            let both_changes = is_change(last.tag) && is_change(op.tag);
            if contiguous && (both_equal || both_changes) {
                last.a.end = op.a.end;
                last.b.end = op.b.end;
                if both_changes {
                    last.tag = match (last.a.is_empty(), last.b.is_empty()) {
                        (true, _) => DiffTag::Insert,
                        (_, true) => DiffTag::Delete,
                        _ => DiffTag::Replace,
                    };
                }
                continue;
            }
        }
        out.push(op);
    }
    out
}

/// Fold short equal stretches caught between two changes into one replacement.
///
/// Two rewritten sentences often share a word (电子商务, 的); reported as equal it splits one
/// rewrite into two changes around a coincidence. An Equal op of at most [`MAX_ABSORBED_CHARS`]
/// normalised chars, and less than half the larger side of the change before it and of the change
/// after it, is merged with both (the idea of diff-match-patch's semantic cleanup). The length cap
/// stops the cascade by which growing changes would swallow whole shared clauses. Moves are never
/// touched.
pub(crate) fn absorb_small_equalities(ops: Vec<DiffOp>) -> Vec<DiffOp> {
    let mut out: Vec<DiffOp> = Vec::with_capacity(ops.len());
    for op in ops {
        out.push(op);
        // A merge makes the change bigger, which may let the equality before it go too.
        while out.len() >= 3 {
            let n = out.len();
            let (before, equal, after) = (out[n - 3], out[n - 2], out[n - 1]);
            let size = |op: &DiffOp| op.a.len().max(op.b.len());
            let absorbable = is_change(before.tag)
                && equal.tag == DiffTag::Equal
                && is_change(after.tag)
                && before.b.end == equal.b.start
                && equal.b.end == after.b.start
                && equal.a.len() <= MAX_ABSORBED_CHARS
                && 2 * equal.a.len() < size(&before)
                && 2 * equal.a.len() < size(&after);
            if !absorbable {
                break;
            }
            out.truncate(n - 3);
            out.push(DiffOp {
                tag: DiffTag::Replace,
                a: Span::new(before.a.start, after.a.end),
                b: Span::new(before.b.start, after.b.end),
            });
        }
    }
    out
}

fn is_change(tag: DiffTag) -> bool {
    matches!(tag, DiffTag::Delete | DiffTag::Insert | DiffTag::Replace)
}
