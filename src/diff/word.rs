//! The diff pipeline: normalise both spans, segment them, diff the tokens under a deadline, pair
//! moved blocks, refine replacements by characters and map everything back to the decoded text.
//!
//! All intermediate ops are [`DiffOp`]s whose spans index the *normalised* chars of each side
//! (see [`crate::segment::normalize`]); only the last step turns them into char offsets of the
//! documents. Working on normalised chars is what makes 「抵（质）押品」 and 「抵质押品」 the same words.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use similar::{Algorithm, capture_diff_slices_deadline};

use super::moves::{find_moves, gaps_of, rebuild_with_moves};
use super::refine::{absorb_small_equalities, coalesce, refine_replacements};
use super::window::windowed_diff;
use super::{DiffOp, DiffOptions, DiffTag, Granularity, WordDiff};
use crate::segment::normalize::{NormalizeOptions, Normalized, normalize};
use crate::segment::tokenize::{token_char_ranges, warm_up};
use crate::text::{CharText, Span};

/// The `similar` algorithm for the token diff.
///
/// Measured on the 20 ordered pairs of whole corpus documents (word granularity, after moves and
/// clean-up): Histogram kept 8,658 chars equal and 4,050 moved in 2,923 ops; Patience 8,597 and
/// 3,620 in 3,040 ops; Myers 7,546 and 3,938 in 3,059 ops; Histogram took 50–60% of the time of
/// Patience and Myers. Histogram and Patience anchor on rare words (policy terms, numbers) rather
/// than on 的/和/电子商务, which reads better on reworded clauses. Histogram is used.
pub(crate) const ALGORITHM: Algorithm = Algorithm::Histogram;

/// Longest run of normalised chars handed to jieba in one piece when the text has no sentence
/// punctuation to split at (the 2 MB no-punctuation worst case).
const MAX_SEGMENT_CHARS: usize = 4_000;

/// The deadline of one diff.
pub(crate) struct Deadline {
    started: Instant,
    at: Option<Instant>,
}

impl Deadline {
    /// A deadline `timeout` from now.
    pub(crate) fn new(timeout: Duration) -> Self {
        let started = Instant::now();
        Self { started, at: started.checked_add(timeout) }
    }

    /// The instant for `similar`.
    pub(crate) fn instant(&self) -> Option<Instant> {
        self.at
    }

    /// True once the deadline has passed.
    pub(crate) fn passed(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() > at)
    }

    /// A deadline halfway between now and this one.
    fn halfway(&self) -> Deadline {
        let now = Instant::now();
        Deadline { started: self.started, at: self.at.map(|at| now + at.saturating_duration_since(now) / 2) }
    }

    fn elapsed_ms(&self) -> u128 {
        self.started.elapsed().as_millis()
    }
}

/// One side of the diff: the span, its chars as decoded, its normalised chars and token bounds.
struct Side {
    span: Span,
    /// Chars of `span` as decoded (`source[0]` is char `span.start`).
    source: Vec<char>,
    norm: Normalized,
}

impl Side {
    fn new(text: &CharText, span: Span) -> Self {
        let end = span.end.min(text.char_len());
        let span = Span::new(span.start.min(end), end);
        let norm = normalize(text, span, &NormalizeOptions::wording());
        Side { span, source: text.slice(span).chars().collect(), norm }
    }

    fn len(&self) -> usize {
        self.norm.len()
    }

    /// Source char at absolute offset `offset`.
    fn source_char(&self, offset: usize) -> char {
        self.source.get(offset - self.span.start).copied().unwrap_or(' ')
    }

    /// True when the dropped chars between normalised chars `i - 1` and `i` end a sentence, so
    /// jieba should not see the two as one stretch of text.
    fn sentence_break_before(&self, i: usize) -> bool {
        let (prev, next) = (self.norm.origin[i - 1], self.norm.origin[i]);
        (prev + 1..next).any(|o| matches!(self.source_char(o), '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n'))
    }

    /// Token bounds over the normalised chars (`bounds[0] == 0`, last is `len()`), or `None` when
    /// the deadline passed while segmenting.
    fn token_bounds(&self, granularity: Granularity, deadline: &Deadline) -> Option<Vec<usize>> {
        let n = self.len();
        if granularity == Granularity::Char {
            return Some((0..=n).collect());
        }
        let mut bounds = Vec::with_capacity(n / 2 + 2);
        bounds.push(0);
        let mut start = 0;
        let mut piece = String::new();
        while start < n {
            let mut end = start + 1;
            while end < n && end - start < MAX_SEGMENT_CHARS && !self.sentence_break_before(end) {
                end += 1;
            }
            piece.clear();
            piece.extend(&self.norm.chars[start..end]);
            bounds.extend(token_char_ranges(&piece).into_iter().map(|range| start + range.end));
            start = end;
            if start < n && deadline.passed() {
                return None;
            }
        }
        Some(bounds)
    }

    /// Offset in the document where a cut between normalised chars `i - 1` and `i` goes. Dropped
    /// chars between them (punctuation, whitespace) are split so that closing punctuation stays with
    /// the text before and opening brackets and indentation go with the text after; a cut listed in
    /// `gap_starts` puts all of them after the cut instead.
    fn boundary(&self, i: usize, is_end: bool, gap_starts: &HashSet<usize>) -> usize {
        let n = self.len();
        if i == 0 && (n > 0 || !is_end) {
            return self.span.start;
        }
        if i >= n {
            return self.span.end;
        }
        let mut cut = self.norm.origin[i - 1] + 1;
        if gap_starts.contains(&i) {
            return cut;
        }
        let gap_end = self.norm.origin[i];
        while cut < gap_end {
            let c = self.source_char(cut);
            if c.is_whitespace() || is_opening(c) {
                break;
            }
            cut += 1;
        }
        cut
    }

    /// True when nothing was dropped between normalised chars `i - 1` and `i` (at 0: before the first).
    fn joined_at(&self, i: usize) -> bool {
        match i {
            0 => self.norm.origin.first() == Some(&self.span.start),
            i if i < self.len() => self.norm.origin[i] == self.norm.origin[i - 1] + 1,
            _ => false,
        }
    }

    /// Normalised span `[start, end)` as a span of the document.
    fn to_source(&self, span: Span, gap_starts: &HashSet<usize>) -> Span {
        let start = self.boundary(span.start, false, gap_starts);
        let end = self.boundary(span.end, true, gap_starts).max(start);
        Span::new(start, end)
    }

    /// Cuts (normalised indices) after a change that began inside a sentence and is followed by
    /// unchanged text: punctuation after such a change belongs to the sentence, not to the change,
    /// so 「支持力度。」→「支持。」 reads 支持[-力度-]。 rather than 支持[-力度。-]. `spans` are this
    /// side's spans of the ops, with whether each op is a change, in this side's order.
    fn punctuation_after_changes(&self, spans: &[(Span, bool)]) -> HashSet<usize> {
        let mut cuts = HashSet::new();
        let non_empty: Vec<&(Span, bool)> = spans.iter().filter(|(span, _)| !span.is_empty()).collect();
        for pair in non_empty.windows(2) {
            let ((change, is_change), (_, next_is_change)) = (*pair[0], *pair[1]);
            if is_change && !next_is_change && self.joined_at(change.start) {
                cuts.insert(change.end);
            }
        }
        cuts
    }
}

/// Opening brackets and quotes: they belong to the text that follows them.
fn is_opening(c: char) -> bool {
    // ASCII quotes are left out: the same char opens and closes, so it stays with the text before.
    matches!(c, '（' | '(' | '「' | '『' | '《' | '〈' | '【' | '〔' | '〖' | '“' | '‘' | '[' | '{' | '［' | '｛')
}

/// Diff `a_span` of `a` against `b_span` of `b`.
///
/// Compares words (or chars) after matching normalisation, pairs moved blocks, refines replaced
/// words by characters, and honours `options.timeout`: when it is hit, the result is still a
/// complete, valid diff, just coarser, and `fallback` says what was cut short.
pub fn diff_spans(a: &CharText, a_span: Span, b: &CharText, b_span: Span, options: &DiffOptions) -> WordDiff {
    if options.granularity == Granularity::Word {
        // Loading the dictionary happens once per process and is not part of this diff's budget.
        warm_up();
    }
    let deadline = Deadline::new(options.timeout);
    let a_side = Side::new(a, a_span);
    let b_side = Side::new(b, b_span);
    let bounds = a_side
        .token_bounds(options.granularity, &deadline)
        .and_then(|a_bounds| Some((a_bounds, b_side.token_bounds(options.granularity, &deadline)?)));
    let Some((a_bounds, b_bounds)) = bounds else {
        let reason = format!(
            "segmenting the texts took longer than the {} ms deadline ({} ms); compared as one block after trimming \
             the shared beginning and end",
            options.timeout.as_millis(),
            deadline.elapsed_ms()
        );
        let ops = trimmed_replace(&a_side.norm.chars, &b_side.norm.chars);
        return finish(&a_side, &b_side, ops, Some(reason));
    };

    let (a_ids, b_ids) = intern(&a_side.norm.chars, &a_bounds, &b_side.norm.chars, &b_bounds);
    // The diff of the whole sequences gets half the time left; texts that defeat it (long, repetitive)
    // are then compared window by window, which is linear for texts that are related at all.
    let halfway = deadline.halfway();
    let mut token_ops = capture_diff_slices_deadline(ALGORITHM, &a_ids, &b_ids, halfway.instant());
    let mut note = None;
    if halfway.passed() {
        let (ops, complete) = windowed_diff(&a_ids, &b_ids, &deadline);
        if !complete || deadline.passed() {
            let reason = format!(
                "the word diff hit the {} ms deadline ({} ms); the texts were compared window by window until then \
                 and the rest is shown as one replacement, without move detection or character refinement",
                options.timeout.as_millis(),
                deadline.elapsed_ms()
            );
            let ops = rebuild_with_moves(&ops, &[]);
            let ops = to_char_ops(&ops, &a_bounds, &b_bounds);
            return finish(&a_side, &b_side, coalesce(ops), Some(reason));
        }
        token_ops = ops;
        note = Some(format!(
            "the word diff of the whole texts did not finish in half of the {} ms deadline; compared window by \
             window instead",
            options.timeout.as_millis()
        ));
    }

    let weights: Vec<usize> = a_bounds.windows(2).map(|w| w[1] - w[0]).collect();
    let gaps = gaps_of(&token_ops);
    let (blocks, moves_complete) = find_moves(&gaps, &a_ids, &b_ids, &weights, options.min_move_chars, &deadline);
    let ops = rebuild_with_moves(&token_ops, &blocks);
    let ops = to_char_ops(&ops, &a_bounds, &b_bounds);
    let (ops, refine_complete) = refine_replacements(ops, &a_side.norm.chars, &b_side.norm.chars, &deadline);
    let fallback = match (moves_complete, refine_complete) {
        (true, true) => note,
        (false, _) => Some(format!(
            "move detection stopped at the {} ms deadline; some moved text may show as deleted and inserted",
            options.timeout.as_millis()
        )),
        (true, false) => Some(format!(
            "character refinement stopped at the {} ms deadline; some replacements are shown word by word",
            options.timeout.as_millis()
        )),
    };
    finish(&a_side, &b_side, coalesce(absorb_small_equalities(ops)), fallback)
}

/// Give every distinct token (as normalised chars) a number, shared by both sides.
fn intern(a: &[char], a_bounds: &[usize], b: &[char], b_bounds: &[usize]) -> (Vec<u32>, Vec<u32>) {
    let mut table: HashMap<&[char], u32> = HashMap::new();
    let a_ids = intern_side(&mut table, a, a_bounds);
    let b_ids = intern_side(&mut table, b, b_bounds);
    (a_ids, b_ids)
}

fn intern_side<'c>(table: &mut HashMap<&'c [char], u32>, chars: &'c [char], bounds: &[usize]) -> Vec<u32> {
    bounds
        .windows(2)
        .map(|w| {
            let next = table.len() as u32;
            *table.entry(&chars[w[0]..w[1]]).or_insert(next)
        })
        .collect()
}

/// Token-index ops to normalised-char ops.
fn to_char_ops(ops: &[DiffOp], a_bounds: &[usize], b_bounds: &[usize]) -> Vec<DiffOp> {
    let a_at = |i: usize| a_bounds.get(i).copied().unwrap_or(0);
    let b_at = |i: usize| b_bounds.get(i).copied().unwrap_or(0);
    ops.iter()
        .map(|op| DiffOp {
            tag: op.tag,
            a: Span::new(a_at(op.a.start), a_at(op.a.end)),
            b: Span::new(b_at(op.b.start), b_at(op.b.end)),
        })
        .collect()
}

/// The cheapest complete diff: shared prefix and suffix equal, the middle replaced.
fn trimmed_replace(a: &[char], b: &[char]) -> Vec<DiffOp> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (a_mid, b_mid) = (Span::new(prefix, a.len() - suffix), Span::new(prefix, b.len() - suffix));
    let mut ops = Vec::with_capacity(3);
    if prefix > 0 {
        ops.push(DiffOp { tag: DiffTag::Equal, a: Span::new(0, prefix), b: Span::new(0, prefix) });
    }
    if !a_mid.is_empty() || !b_mid.is_empty() {
        ops.push(DiffOp { tag: DiffTag::Replace, a: a_mid, b: b_mid });
    }
    if suffix > 0 {
        ops.push(DiffOp { tag: DiffTag::Equal, a: Span::new(a_mid.end, a.len()), b: Span::new(b_mid.end, b.len()) });
    }
    ops
}

/// Map normalised-char ops to document offsets, fix tags whose sides changed emptiness, and cover
/// texts that normalise to nothing.
fn finish(a: &Side, b: &Side, ops: Vec<DiffOp>, fallback: Option<String>) -> WordDiff {
    let is_change = |op: &DiffOp| matches!(op.tag, DiffTag::Delete | DiffTag::Insert | DiffTag::Replace);
    let a_spans: Vec<(Span, bool)> = ops.iter().map(|op| (op.a, is_change(op))).collect();
    let mut b_spans: Vec<(Span, bool)> = ops.iter().map(|op| (op.b, is_change(op))).collect();
    b_spans.sort_by_key(|(span, _)| (span.start, span.end));
    let (a_cuts, b_cuts) = (a.punctuation_after_changes(&a_spans), b.punctuation_after_changes(&b_spans));
    let mut out = Vec::with_capacity(ops.len() + 1);
    for op in ops {
        let (a_span, b_span) = (a.to_source(op.a, &a_cuts), b.to_source(op.b, &b_cuts));
        let tag = match op.tag {
            DiffTag::Insert | DiffTag::Delete if !a_span.is_empty() && !b_span.is_empty() => DiffTag::Replace,
            DiffTag::Replace if a_span.is_empty() => DiffTag::Insert,
            DiffTag::Replace if b_span.is_empty() => DiffTag::Delete,
            tag => tag,
        };
        if a_span.is_empty() && b_span.is_empty() {
            continue;
        }
        out.push(DiffOp { tag, a: a_span, b: b_span });
    }
    if out.is_empty() && (!a.span.is_empty() || !b.span.is_empty()) {
        // Both sides are punctuation and whitespace only: nothing to compare, nothing changed.
        out.push(DiffOp { tag: DiffTag::Equal, a: a.span, b: b.span });
    }
    WordDiff { ops: out, fallback }
}
