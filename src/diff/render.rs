//! A word diff as terminal text.
//!
//! Without colour: equal text plain, deletions `[-删-]`, insertions `{+增+}`, a replacement
//! `[-old-]{+new+}`, a moved block `[>text<]` where it left A and `{>text<}` where it arrives in B.
//! With colour the brackets of deletions and insertions give way to red and green (moves keep their
//! markers, in cyan, since colour alone cannot say which end of a move you are looking at).

use std::collections::BTreeMap;

use super::{DiffTag, WordDiff};
use crate::text::CharText;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// Render `diff` (of `a` against `b`) as readable text; `color` adds ANSI colours for a terminal.
pub fn render_text(a: &CharText, b: &CharText, diff: &WordDiff, color: bool) -> String {
    let mut out = String::new();
    // Where each moved block arrives in B, keyed by its start there.
    let mut arrivals: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (index, op) in diff.ops.iter().enumerate() {
        if op.tag == DiffTag::Move {
            arrivals.entry(op.b.start).or_default().push(index);
        }
    }
    let b_start = diff.ops.iter().map(|op| op.b.start).min().unwrap_or(0);
    flush_arrivals(&mut out, b, diff, &mut arrivals, b_start, color);
    for op in &diff.ops {
        match op.tag {
            DiffTag::Equal => out.push_str(a.slice(op.a)),
            DiffTag::Delete => deleted(&mut out, a.slice(op.a), color),
            DiffTag::Insert => inserted(&mut out, b.slice(op.b), color),
            DiffTag::Replace => {
                deleted(&mut out, a.slice(op.a), color);
                inserted(&mut out, b.slice(op.b), color);
            }
            DiffTag::Move => marked(&mut out, "[>", a.slice(op.a), "<]", color),
        }
        if op.tag != DiffTag::Move {
            flush_arrivals(&mut out, b, diff, &mut arrivals, op.b.end, color);
        }
    }
    // Arrivals next to other moves or at odd places: show them at the end rather than lose them.
    let rest: Vec<usize> = arrivals.into_values().flatten().collect();
    for index in rest {
        marked(&mut out, "{>", b.slice(diff.ops[index].b), "<}", color);
    }
    out
}

/// Write the moved blocks that arrive at B offset `at`, and those that follow them directly.
fn flush_arrivals(
    out: &mut String,
    b: &CharText,
    diff: &WordDiff,
    arrivals: &mut BTreeMap<usize, Vec<usize>>,
    at: usize,
    color: bool,
) {
    let mut at = at;
    while let Some(indices) = arrivals.remove(&at) {
        for &index in &indices {
            marked(out, "{>", b.slice(diff.ops[index].b), "<}", color);
        }
        match indices.last() {
            Some(&last) if diff.ops[last].b.end != at => at = diff.ops[last].b.end,
            _ => break,
        }
    }
}

fn deleted(out: &mut String, text: &str, color: bool) {
    if color {
        out.extend([RED, text, RESET]);
    } else {
        out.extend(["[-", text, "-]"]);
    }
}

fn inserted(out: &mut String, text: &str, color: bool) {
    if color {
        out.extend([GREEN, text, RESET]);
    } else {
        out.extend(["{+", text, "+}"]);
    }
}

fn marked(out: &mut String, open: &str, text: &str, close: &str, color: bool) {
    if color {
        out.extend([CYAN, open, text, close, RESET]);
    } else {
        out.extend([open, text, close]);
    }
}
