//! The one reuse aligner: seed, chain, extend.
//!
//! Two prepared documents are compared the way passim and BLAST compare texts:
//!
//! 1. **Seed.** Both documents keep winnowed fingerprints of their normalised k-grams
//!    ([`super::fingerprint`]); every fingerprint the two share is a seed, verified char by char and
//!    extended to the maximal run of identical chars on its diagonal.
//! 2. **Chain.** Runs that follow each other on both sides within [`CHAIN_GAP`] chars, on nearby
//!    diagonals, form one candidate region: the exact islands of a rewritten passage.
//! 3. **Extend.** Each region, widened by [`MARGIN`] chars, is aligned by a banded global alignment
//!    (match +1, substitution −1, insertion or deletion −1 per char) whose band covers the chain's
//!    diagonals. The alignment path is cut into its maximal-scoring segments (Ruzzo–Tompa): a
//!    segment is a passage where the wording agrees more than it differs, however the clauses were
//!    split, merged, embedded or reworded. Exact passages are the segments without a single edit.
//!
//! The same function serves `compare` and the app (every pair of loaded documents), the draft
//! check (one document against each candidate) and the folder scan (candidates from the on-disk
//! index): only where the candidate pairs come from differs. The result does not depend on which
//! document is passed first.

use std::hash::Hasher;
use std::ops::Range;
use std::time::Instant;

use rustc_hash::FxHasher;

use super::ReuseOptions;
use super::boilerplate::{Formulae, formula_chars, header_lines, structure_labels};
use super::fingerprint::{NormText, Params, fingerprints};
use super::ratios::union;
use crate::segment::levels::LEVEL;
use crate::segment::normalize::{NormalizeOptions, is_punctuation};
use crate::text::{CharText, Span};

/// Runs further apart than this (normalised chars, on either side) are not chained: a longer
/// insertion or deletion splits a passage in two.
pub(crate) const CHAIN_GAP: usize = 24;

/// Chars added before and after a chain so that the alignment can reach edits at a passage's ends.
pub(crate) const MARGIN: usize = 12;

/// Extra diagonals on each side of the band.
const BAND_SLACK: usize = 6;

/// A fingerprint found `na` times in one document and `nb` times in the other seeds at most this
/// many pairs; more (a phrase repeated throughout both texts) seeds nothing, and the runs around
/// it still reach it by extension.
const MAX_SEED_PAIRS_PER_HASH: usize = 64;

/// Most DP cells one document pair may use; past it the remaining regions keep only their exact
/// runs and the fallback is recorded.
const MAX_CELLS_PER_PAIR: usize = 40_000_000;

/// A k-gram found at most this many times in a document is rare there.
const RARE_GRAM: u8 = 2;

/// Score of a segment below which it is not even considered.
const MIN_SEGMENT_SCORE: i32 = 4;

/// Identical chars a segment needs to take part in a cluster.
const MIN_MEMBER_CHARS: usize = 5;

/// Segments at most this many chars apart on both sides (in any order) form one cluster: the
/// pieces of a provision whose clauses or list items were reordered or reworded in between.
const CLUSTER_GAP: usize = 16;

/// Segments in order on both sides join across an insertion or deletion of up to this many chars
/// on one side (when the other side's gap is small).
const INSERTION_GAP: usize = 48;

/// A passage joined from several segments needs one of at least this many identical chars.
const MIN_LARGEST_MEMBER: usize = 6;

/// One document ready for comparison: its normalised text, its formula marks and its fingerprints.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    /// Normalised chars with their source offsets.
    pub norm: NormText,
    /// Ranges of normalised positions inside 公文 formulae, department lists or cited titles;
    /// sorted and disjoint.
    pub formula: Vec<Range<usize>>,
    /// `(hash, position)` of every winnowed fingerprint, sorted by hash then position. The hash is
    /// cut to 32 bits (half the memory); a collision only costs a seed that fails verification.
    pub fingerprints: Vec<(u32, u32)>,
    /// Hash of the normalised text: orders a pair canonically.
    pub text_hash: u64,
    /// Normalised positions where clauses end (at ，；。：！？ and line breaks), sorted, with the
    /// text's end: a short passage that makes up a whole clause is a provision, not a phrase.
    pub clause_ends: Vec<u32>,
    /// How often the k-gram starting at each normalised position occurs in the document (capped;
    /// the last `k - 1` positions repeat the last k-gram's count). A char whose k-gram recurs is
    /// part of the document's own vocabulary (气象灾害防御工作, 电子商务企业): sharing it says little.
    pub gram_counts: Vec<u8>,
    /// Source spans that never count toward a copy ratio, sorted and disjoint: structure labels
    /// (第十二条, chapter heading lines), header and signature furniture (title, adoption record,
    /// [`super::boilerplate::header_lines`]) and the clause skeletons, department lists and cited titles
    /// among `formula` ([`super::boilerplate::Marks::skeleton`]). A copied article is reuse; its
    /// number and the 为了…制定本条例 skeleton it shares with every regulation are not, even inside
    /// a passage that is reported.
    pub uncounted: Vec<Span>,
    /// `(normalised position, hash of the source wording)` of every folded level expression
    /// ([`crate::segment::levels`]), in order: levels align as one word, but a passage is verbatim
    /// only when it names the same levels ([`Prepared::differing_levels`]).
    pub levels: Vec<(u32, u64)>,
}

impl Prepared {
    /// Normalise `text`, mark its formulae and fingerprint it.
    pub(crate) fn new(text: &CharText, normalize: &NormalizeOptions, formulae: &Formulae, params: Params) -> Self {
        let norm = NormText::new(text, normalize);
        let source: Vec<char> = text.as_str().chars().collect();
        let marks = formulae.mark(&source, &norm);
        let mut prints: Vec<(u32, u32)> =
            fingerprints(norm.chars(), params).into_iter().map(|(hash, pos)| ((hash >> 32) as u32, pos)).collect();
        // Sorted by hash, then position: `fingerprints` come in position order, so a stable sort
        // by hash alone gives that order. A radix sort: a quarter of the time of `sort_unstable`,
        // and a document is prepared again for every tile of a large folder scan that needs it.
        radsort::sort_by_key(&mut prints, |&(hash, _)| hash);
        prints.shrink_to_fit();
        let text_hash = norm.text_hash();
        let mut clause_ends: Vec<u32> = text
            .as_str()
            .chars()
            .enumerate()
            .filter(|(_, c)| matches!(c, '，' | ',' | '；' | ';' | '。' | '：' | ':' | '！' | '!' | '？' | '?' | '\n'))
            .map(|(i, _)| norm.index_at_or_after(i) as u32)
            .collect();
        clause_ends.push(norm.len() as u32);
        clause_ends.dedup();
        let mut gram_counts = vec![0u8; norm.len()];
        for group in prints.chunk_by(|x, y| x.0 == y.0) {
            let count = group.len().min(u8::MAX as usize) as u8;
            for &(_, pos) in group {
                gram_counts[pos as usize] = count;
            }
        }
        // The last k - 1 positions start no k-gram: they take the count of the last one.
        if params.k > 0 && norm.len() >= params.k {
            let last = norm.len() - params.k;
            let tail = gram_counts[last];
            gram_counts[last..].fill(tail);
        }
        // Structure labels (第十二条, chapter headings) are never evidence of copying.
        let labels = structure_labels(&source);
        for span in &labels {
            let (start, end) = (norm.index_at_or_after(span.start), norm.index_at_or_after(span.end));
            let end = end.min(gram_counts.len());
            gram_counts[start.min(end)..end].fill(u8::MAX);
        }
        let uncounted = union(
            labels
                .iter()
                .copied()
                .chain(header_lines(&source))
                .chain(marks.skeleton.iter().map(|r| norm.source_span(r.start, r.end)))
                .collect(),
        );
        let levels = level_wordings(&source, &norm);
        Prepared {
            norm,
            formula: marks.all,
            fingerprints: prints,
            text_hash,
            clause_ends,
            gram_counts,
            uncounted,
            levels,
        }
    }

    /// Folded levels inside `range` of this document whose wording differs from the level at the
    /// same offset of `other_range` in `other`: for a passage without edits in normalised chars,
    /// the levels it swapped (国务院 ↔ 省).
    pub(crate) fn differing_levels(&self, range: &Range<usize>, other: &Prepared, other_range: &Range<usize>) -> usize {
        let from = self.levels.partition_point(|&(pos, _)| (pos as usize) < range.start);
        self.levels[from..]
            .iter()
            .take_while(|&&(pos, _)| (pos as usize) < range.end)
            .filter(|&&(pos, wording)| {
                let there = (pos as usize - range.start + other_range.start) as u32;
                let found = other.levels.binary_search_by_key(&there, |&(p, _)| p).ok().map(|i| other.levels[i].1);
                found != Some(wording)
            })
            .count()
    }
}

/// `(normalised position, hash of the source chars)` of each folded level of `norm` (a pair of
/// [`LEVEL`] chars), punctuation and whitespace left out of the hash.
fn level_wordings(source: &[char], norm: &NormText) -> Vec<(u32, u64)> {
    let chars = norm.chars();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        if chars[i] == LEVEL && chars[i + 1] == LEVEL {
            let span = norm.source_span(i, i + 2);
            let mut hasher = FxHasher::default();
            for &c in source.get(span.start..span.end).unwrap_or_default() {
                if !c.is_whitespace() && !is_punctuation(c) {
                    hasher.write_u32(c as u32);
                }
            }
            out.push((i as u32, hasher.finish()));
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// A passage found by the aligner, in normalised positions of both documents.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Aligned {
    /// Range in the first document.
    pub a: Range<usize>,
    /// Range in the second document.
    pub b: Range<usize>,
    /// Aligned chars that are identical.
    pub matches: usize,
    /// `matches` over the longer side.
    pub similarity: f32,
    /// True when the passage holds no edit at all.
    pub exact: bool,
    /// Identical chars whose k-gram is rare in both documents ([`RARE_GRAM`]): the evidence that
    /// is not the documents' shared vocabulary.
    pub informative: usize,
}

/// Why a comparison did less than the full alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fallback {
    /// The pair used up [`MAX_CELLS_PER_PAIR`]: later regions keep only their exact runs.
    CellBudget,
    /// The run's deadline passed: later regions keep only their exact runs.
    Deadline,
}

impl Fallback {
    /// The reason, in words, for notes and reports.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Fallback::CellBudget => "alignment work budget used up",
            Fallback::Deadline => "alignment deadline passed",
        }
    }

    /// The note a report lists for the pair `what` (document names or paths) that fell back.
    pub(crate) fn note(self, what: &str) -> String {
        format!("{what}: {}; later regions keep only their exact runs", self.reason())
    }
}

/// What one pair comparison found.
#[derive(Clone, Debug, Default)]
pub(crate) struct PairAlignment {
    /// Passages, sorted by position in the first document.
    pub passages: Vec<Aligned>,
    /// Set when the alignment was cut short.
    pub fallback: Option<Fallback>,
}

/// Compare two prepared documents. The result is the same (with sides swapped) whichever is given
/// first.
pub(crate) fn compare(a: &Prepared, b: &Prepared, options: &ReuseOptions, deadline: Option<Instant>) -> PairAlignment {
    let swap = (b.text_hash, b.norm.len()) < (a.text_hash, a.norm.len());
    let (first, second) = if swap { (b, a) } else { (a, b) };
    let mut found = compare_ordered(first, second, options, deadline);
    if swap {
        for p in &mut found.passages {
            std::mem::swap(&mut p.a, &mut p.b);
        }
        found.passages.sort_by_key(|p| (p.a.start, p.b.start, p.a.end, p.b.end));
    }
    found
}

/// A maximal run of identical chars: `a[a..a + len] == b[b..b + len]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Run {
    a: usize,
    b: usize,
    len: usize,
}

impl Run {
    fn diagonal(&self) -> i64 {
        self.a as i64 - self.b as i64
    }
}

/// Exact runs of `first` and `second` extended from their shared fingerprints, sorted by position
/// in `first`.
///
/// A run of `n` chars holds `n - k + 1` seeds; only the seeds whose predecessor on the diagonal
/// is not a seed as well are extended (each reaches back to its run's start and forward to its
/// end), so that each run is extended about once and the seeds need no sorting. A predecessor
/// is a seed when its chars agree and its k-gram is seeded, which `gram_counts` tells without a
/// lookup: the seeding rule ([`MAX_SEED_PAIRS_PER_HASH`]) depends only on how often the k-gram
/// occurs on each side.
#[inline(never)]
fn seed_runs(first: &Prepared, second: &Prepared, k: usize) -> Vec<Run> {
    let (a, b) = (first.norm.chars(), second.norm.chars());
    let (a_prints, b_prints) = (&first.fingerprints, &second.fingerprints);
    let mut runs: Vec<Run> = Vec::new();
    // Seeds whose predecessor is one too lie inside a run found from an earlier seed.
    let inside = |pa: usize, pb: usize| {
        pa > 0
            && pb > 0
            && a[pa - 1] == b[pb - 1]
            && usize::from(first.gram_counts[pa - 1]) * usize::from(second.gram_counts[pb - 1])
                <= MAX_SEED_PAIRS_PER_HASH
    };
    let mut extend = |pa: usize, pb: usize| {
        if inside(pa, pb) {
            return;
        }
        // Extending forward verifies the seed too: fewer than `k` identical chars is a hash
        // collision.
        let after = a[pa..].iter().zip(&b[pb..]).take_while(|(x, y)| x == y).count();
        if after < k {
            return;
        }
        let before = a[..pa].iter().rev().zip(b[..pb].iter().rev()).take_while(|(x, y)| x == y).count();
        runs.push(Run { a: pa - before, b: pb - before, len: before + after });
    };
    let (mut i, mut j) = (0, 0);
    while i < a_prints.len() && j < b_prints.len() {
        let (ha, hb) = (a_prints[i].0, b_prints[j].0);
        if ha == hb {
            let i_end = i + a_prints[i..].iter().take_while(|p| p.0 == ha).count();
            let j_end = j + b_prints[j..].iter().take_while(|p| p.0 == ha).count();
            if (i_end - i) * (j_end - j) <= MAX_SEED_PAIRS_PER_HASH {
                for &(_, pa) in &a_prints[i..i_end] {
                    for &(_, pb) in &b_prints[j..j_end] {
                        extend(pa as usize, pb as usize);
                    }
                }
            }
            i = i_end;
            j = j_end;
        } else {
            // Most steps of the merge advance one side: without a branch on which, the loop does
            // not stall on mispredictions.
            i += usize::from(ha < hb);
            j += usize::from(hb < ha);
        }
    }
    // By position in `a`, then in `b`: a run is maximal, so its start on both sides names it (the
    // packed key sorts faster than the struct). A run reached from two seeds (a k-gram too common
    // to seed in its middle) is listed once.
    runs.sort_unstable_by_key(|run| ((run.a as u64) << 32) | run.b as u64);
    runs.dedup();
    runs
}

/// A chain of runs that may be one passage.
#[derive(Clone, Debug)]
struct Chain {
    a: Range<usize>,
    b: Range<usize>,
    min_diagonal: i64,
    max_diagonal: i64,
    /// Chars inside the chain's runs.
    run_chars: usize,
    /// The chain's runs in [`Chains::runs`], in order of position in `a`.
    runs: Range<usize>,
}

impl Chain {
    fn new(run: &Run) -> Self {
        Chain {
            a: run.a..run.a + run.len,
            b: run.b..run.b + run.len,
            min_diagonal: run.diagonal(),
            max_diagonal: run.diagonal(),
            run_chars: run.len,
            runs: 0..0,
        }
    }

    /// Can `run` continue this chain?
    fn accepts(&self, run: &Run) -> bool {
        let (ra, rb) = (run.a..run.a + run.len, run.b..run.b + run.len);
        let follows = |prev: &Range<usize>, next: &Range<usize>| {
            next.end > prev.end && next.start + CHAIN_GAP >= prev.end && next.start <= prev.end + CHAIN_GAP
        };
        follows(&self.a, &ra) && follows(&self.b, &rb) && ra.start > self.a.start
    }

    fn push(&mut self, run: &Run) {
        let new_chars = (run.a + run.len) - run.a.max(self.a.end);
        self.run_chars += new_chars.min(run.len);
        self.a.end = self.a.end.max(run.a + run.len);
        self.b.end = self.b.end.max(run.b + run.len);
        self.min_diagonal = self.min_diagonal.min(run.diagonal());
        self.max_diagonal = self.max_diagonal.max(run.diagonal());
    }
}

/// The chains of a pair and their runs, held in one list (a related pair has hundreds of chains,
/// most of them one shared word: one allocation each was a good part of a folder scan's time).
struct Chains {
    /// Sorted by `(a.start, b.start, a.end, b.end)`.
    chains: Vec<Chain>,
    /// Every run, grouped by chain.
    runs: Vec<Run>,
}

impl Chains {
    fn runs_of(&self, chain: &Chain) -> &[Run] {
        &self.runs[chain.runs.clone()]
    }
}

/// Chain runs sorted by position in `a`: each run joins the open chain that it continues most
/// closely, so parallel repeats stay apart.
#[inline(never)]
fn chain_runs(runs: Vec<Run>) -> Chains {
    let mut chains: Vec<Chain> = Vec::new();
    // Indices of the chains still open, and the chain of every run.
    let mut open: Vec<usize> = Vec::new();
    let mut chain_of: Vec<u32> = Vec::with_capacity(runs.len());
    for run in &runs {
        open.retain(|&c| chains[c].a.end + CHAIN_GAP >= run.a);
        let best = open
            .iter()
            .filter(|&&c| chains[c].accepts(run))
            .min_by_key(|&&c| {
                let chain = &chains[c];
                (run.a.abs_diff(chain.a.end) + run.b.abs_diff(chain.b.end), chain.a.start, chain.b.start)
            })
            .copied();
        let c = match best {
            Some(c) => {
                chains[c].push(run);
                c
            }
            None => {
                chains.push(Chain::new(run));
                open.push(chains.len() - 1);
                chains.len() - 1
            }
        };
        chain_of.push(c as u32);
    }
    // Each chain's runs gathered in one slice, in `a` order. The chains are already in position
    // order: the runs come sorted by start, a chain is created by its first run and never moves
    // its start, and two chains never start at the same place on both sides (their first runs
    // would be the same maximal run).
    let mut starts = vec![0usize; chains.len() + 1];
    for &c in &chain_of {
        starts[c as usize + 1] += 1;
    }
    for r in 0..chains.len() {
        starts[r + 1] += starts[r];
    }
    let mut next = starts.clone();
    let mut grouped = runs.clone();
    for (run, &c) in runs.iter().zip(&chain_of) {
        let r = c as usize;
        grouped[next[r]] = *run;
        next[r] += 1;
    }
    for (r, chain) in chains.iter_mut().enumerate() {
        chain.runs = starts[r]..starts[r + 1];
    }
    debug_assert!(chains.is_sorted_by_key(|c| (c.a.start, c.b.start)));
    Chains { chains, runs: grouped }
}

/// Alignment column kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Match,
    Substitute,
    /// A char of `a` with nothing opposite.
    DeleteA,
    /// A char of `b` with nothing opposite.
    InsertB,
}

impl Step {
    fn score(self) -> i32 {
        match self {
            Step::Match => 1,
            Step::Substitute | Step::DeleteA | Step::InsertB => -1,
        }
    }
}

/// Banded global alignment of `a` and `b` on diagonals `i - j` in `[lo, hi]` (which must contain
/// `0` and `a.len() - b.len()`). Returns the path from the start.
#[inline(never)]
fn banded_path(a: &[char], b: &[char], lo: i64, hi: i64) -> Vec<Step> {
    const NEG: i32 = i32::MIN / 4;
    let (n, m) = (a.len(), b.len());
    let width = (hi - lo + 1) as usize;
    // Column of cell (i, j) in the band: c = j - i + hi.
    let col = |i: usize, j: usize| -> Option<usize> {
        let c = j as i64 - i as i64 + hi;
        (0..width as i64).contains(&c).then_some(c as usize)
    };
    // Back pointers, 0 = diagonal, 1 = up (consume a), 2 = left (consume b).
    let mut back = vec![0u8; (n + 1) * width];
    // One cell more than the band: the "up" neighbour of the last column reads NEG there.
    let mut prev = vec![NEG; width + 1];
    let mut cur = vec![NEG; width + 1];
    // Row 0: only moves to the right (chars of `b` with nothing opposite).
    let first_end = (-lo).min(m as i64).max(0) as usize;
    let origin = hi as usize;
    cur[origin] = 0;
    for j in 1..=first_end {
        cur[origin + j] = cur[origin + j - 1] - 1;
        back[origin + j] = 2;
    }
    std::mem::swap(&mut prev, &mut cur);
    for i in 1..=n {
        cur.fill(NEG);
        let j_lo = (i as i64 - hi).max(0) as usize;
        let j_hi = (i as i64 - lo).min(m as i64);
        if j_hi >= j_lo as i64 {
            let j_hi = j_hi as usize;
            let row = &mut back[i * width..(i + 1) * width];
            let ai = a[i - 1];
            // Column of (i, j); it runs on with j.
            let mut c = (j_lo as i64 - i as i64 + hi) as usize;
            let mut j = j_lo;
            // Score of the cell to the left (NEG at the band's edge).
            let mut left = NEG;
            if j == 0 {
                left = prev[c + 1] - 1;
                cur[c] = left;
                row[c] = 1;
                j = 1;
                c += 1;
            }
            if j <= j_hi {
                let len = j_hi + 1 - j;
                let (diagonals, ups) = (&prev[c..c + len], &prev[c + 1..=c + len]);
                let cells = &mut cur[c..c + len];
                let dirs = &mut row[c..c + len];
                // Two passes over the row: first the diagonal and "up" moves, which depend only on
                // the row above (no cell waits on another, so the compiler can vectorise them),
                // then the "left" moves, a running maximum along the row. Ties prefer the diagonal,
                // then up, then left, as a single pass would.
                for (k, &bj) in b[j - 1..j_hi].iter().enumerate() {
                    // Diagonal predecessor (i-1, j-1) has the same column; "up" is (i-1, j).
                    let diagonal = diagonals[k] + if ai == bj { 1 } else { -1 };
                    let up = ups[k] - 1;
                    let take_up = up > diagonal;
                    cells[k] = if take_up { up } else { diagonal };
                    dirs[k] = u8::from(take_up);
                }
                for (cell, dir) in cells.iter_mut().zip(dirs.iter_mut()) {
                    let from_left = left - 1;
                    if from_left > *cell {
                        *cell = from_left;
                        *dir = 2;
                    }
                    left = *cell;
                }
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let mut path = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(c) = col(i, j) else { break };
        match back[i * width + c] {
            0 if i > 0 && j > 0 => {
                path.push(if a[i - 1] == b[j - 1] { Step::Match } else { Step::Substitute });
                i -= 1;
                j -= 1;
            }
            1 if i > 0 => {
                path.push(Step::DeleteA);
                i -= 1;
            }
            _ if j > 0 => {
                path.push(Step::InsertB);
                j -= 1;
            }
            _ => {
                path.push(Step::DeleteA);
                i -= 1;
            }
        }
    }
    path.reverse();
    path
}

/// Maximal-scoring segments of `scores` (Ruzzo & Tompa, 1999): disjoint `[start, end)` ranges with
/// their scores, in order.
fn maximal_segments(scores: &[i32]) -> Vec<(usize, usize, i32)> {
    // (start, end, cumulative before start, cumulative at end)
    let mut list: Vec<(usize, usize, i32, i32)> = Vec::new();
    let mut cumulative = 0i32;
    for (i, &s) in scores.iter().enumerate() {
        let before = cumulative;
        cumulative += s;
        if s <= 0 {
            continue;
        }
        let mut current = (i, i + 1, before, cumulative);
        loop {
            let found = list.iter().rposition(|seg| seg.2 < current.2);
            match found {
                Some(j) if list[j].3 < current.3 => {
                    current = (list[j].0, current.1, list[j].2, current.3);
                    list.truncate(j);
                }
                _ => {
                    list.push(current);
                    break;
                }
            }
        }
    }
    list.into_iter().map(|(s, e, l, r)| (s, e, r - l)).collect()
}

/// Passages inside one chain's region, from the banded alignment of the region.
#[inline(never)]
fn extend_chain(first: &Prepared, second: &Prepared, chain: &Chain) -> (Vec<Aligned>, usize) {
    let (a, b) = (first.norm.chars(), second.norm.chars());
    let a0 = chain.a.start.saturating_sub(MARGIN);
    let b0 = chain.b.start.saturating_sub(MARGIN);
    let a1 = (chain.a.end + MARGIN).min(a.len());
    let b1 = (chain.b.end + MARGIN).min(b.len());
    let (sa, sb) = (&a[a0..a1], &b[b0..b1]);
    // Diagonals of the runs relative to the region, plus both corners.
    let base = a0 as i64 - b0 as i64;
    let corner = sa.len() as i64 - sb.len() as i64;
    let lo = (chain.min_diagonal - base).min(0).min(corner) - BAND_SLACK as i64;
    let hi = (chain.max_diagonal - base).max(0).max(corner) + BAND_SLACK as i64;
    let cells = (sa.len() + 1) * (hi - lo + 1) as usize;
    let path = banded_path(sa, sb, lo, hi);
    let scores: Vec<i32> = path.iter().map(|s| s.score()).collect();
    let mut out = Vec::new();
    // Prefix positions of each column in a and b.
    let mut pos_a = Vec::with_capacity(path.len() + 1);
    let mut pos_b = Vec::with_capacity(path.len() + 1);
    let (mut x, mut y) = (0usize, 0usize);
    for step in &path {
        pos_a.push(x);
        pos_b.push(y);
        match step {
            Step::Match | Step::Substitute => {
                x += 1;
                y += 1;
            }
            Step::DeleteA => x += 1,
            Step::InsertB => y += 1,
        }
    }
    pos_a.push(x);
    pos_b.push(y);
    for (start, end, score) in maximal_segments(&scores) {
        if score < MIN_SEGMENT_SCORE {
            continue;
        }
        let steps = &path[start..end];
        let matches = steps.iter().filter(|s| **s == Step::Match).count();
        let informative = (start..end)
            .filter(|&c| path[c] == Step::Match && rare(first, a0 + pos_a[c]) && rare(second, b0 + pos_b[c]))
            .count();
        let ra = a0 + pos_a[start]..a0 + pos_a[end];
        let rb = b0 + pos_b[start]..b0 + pos_b[end];
        let longer = ra.len().max(rb.len()).max(1);
        let similarity = matches as f32 / longer as f32;
        if matches >= MIN_MEMBER_CHARS {
            let exact = matches == ra.len() && matches == rb.len();
            out.push(Aligned { a: ra, b: rb, matches, similarity, exact, informative });
        }
    }
    (out, cells)
}

/// Identical chars of `run` whose k-grams are rare in both documents ([`rare`]): its evidence.
fn informative_in(first: &Prepared, second: &Prepared, run: &Run) -> usize {
    (0..run.len).filter(|&d| rare(first, run.a + d) && rare(second, run.b + d)).count()
}

/// Informative chars a chain's neighbourhood needs before it is aligned: those a passage needs,
/// half the minimum length ([`promising_chains`]).
fn informative_needed(options: &ReuseOptions) -> usize {
    options.min_chars.div_ceil(2).max(1)
}

/// True when the k-gram at normalised position `i` of `doc` is rare in it.
fn rare(doc: &Prepared, i: usize) -> bool {
    doc.gram_counts.get(i).is_some_and(|&n| n <= RARE_GRAM)
}

/// The reporting rule: at least `min_chars` identical chars, and a similarity that must be higher
/// the shorter the passage is (a short passage with an edit is a phrase, not a provision, unless
/// it is nearly verbatim).
pub(crate) fn accept(matches: usize, similarity: f32, options: &ReuseOptions) -> bool {
    if matches < options.min_chars {
        return false;
    }
    similarity >= required_similarity(matches, options)
}

/// Similarity a passage of `matches` identical chars needs: `min_similarity` from
/// [`ReuseOptions::long_chars`] identical chars on, rising linearly to `short_similarity` at
/// `min_chars`.
pub(crate) fn required_similarity(matches: usize, options: &ReuseOptions) -> f32 {
    let (short, long) = (options.min_chars, options.long_chars.max(options.min_chars + 1));
    if matches >= long {
        return options.min_similarity;
    }
    let t = (matches.saturating_sub(short)) as f32 / (long - short) as f32;
    options.short_similarity + (options.min_similarity - options.short_similarity) * t
}

/// Passages of `b` taken from `a` (or the reverse), `a` before `b` in canonical order.
fn compare_ordered(
    first: &Prepared,
    second: &Prepared,
    options: &ReuseOptions,
    deadline: Option<Instant>,
) -> PairAlignment {
    let params = options.fingerprint_params();
    let runs = seed_runs(first, second, params.k);
    // A chain is aligned only when its neighbourhood holds `need` informative chars
    // ([`promising_chains`]); all the runs together hold at least as many as any neighbourhood,
    // so a pair whose runs hold fewer shares only vocabulary, and nothing more is done for it.
    let need = informative_needed(options);
    let mut informative_total = 0;
    for run in &runs {
        informative_total += informative_in(first, second, run);
        if informative_total >= need {
            break;
        }
    }
    if informative_total < need {
        return PairAlignment::default();
    }
    let chains = chain_runs(runs);
    let min_seed = options.min_seed_chars();
    let promising = promising_chains(first, second, &chains, options);
    let mut passages = Vec::new();
    let mut cells = 0usize;
    let mut fallback = None;
    for chain in chains.chains.iter().zip(&promising).filter(|(c, p)| **p && c.run_chars >= min_seed).map(|(c, _)| c) {
        if fallback.is_none() {
            if cells > MAX_CELLS_PER_PAIR {
                fallback = Some(Fallback::CellBudget);
            } else if deadline.is_some_and(|d| Instant::now() > d) {
                fallback = Some(Fallback::Deadline);
            }
        }
        if fallback.is_some() {
            // Exact runs only, as they were found.
            passages.extend(chains.runs_of(chain).iter().filter(|run| run.len >= MIN_MEMBER_CHARS).map(|run| {
                Aligned {
                    a: run.a..run.a + run.len,
                    b: run.b..run.b + run.len,
                    matches: run.len,
                    similarity: 1.0,
                    exact: true,
                    informative: informative_in(first, second, run),
                }
            }));
            continue;
        }
        let (found, used) = extend_chain(first, second, chain);
        cells += used;
        passages.extend(found);
    }
    let segments = one_to_one(passages, options);
    let passes = |p: &Aligned| {
        p.informative * 2 >= options.min_chars
            && (accept(p.matches, p.similarity, options)
                || (p.matches * 5 >= options.min_chars * 4
                    && p.similarity >= options.short_similarity
                    && whole_clause_on_either(first, second, p)))
    };
    let mut accepted: Vec<Aligned> = Vec::new();
    for (joined, members) in cluster(segments) {
        let largest = members.iter().map(|m| m.matches).max().unwrap_or(0);
        // Several parts that each hold up as wording, joined: the ramp for short passages (meant for
        // one stock phrase) does not apply, only the plain minimums.
        let holds = joined.matches >= options.min_chars
            && joined.informative * 2 >= options.min_chars
            && joined.similarity >= options.min_similarity;
        if members.len() > 1 && largest >= MIN_LARGEST_MEMBER && (holds || passes(&joined)) {
            let holds_alone = |p: &Aligned| {
                p.matches >= options.min_chars
                    || (p.matches * 5 >= options.min_chars * 4 && whole_clause_on_either(first, second, p))
            };
            accepted.extend(split_at_insertions(members, joined, holds_alone));
        } else {
            // Judged alone when the whole does not hold up.
            accepted.extend(members.into_iter().filter(|m| passes(m)));
        }
    }
    accepted.sort_by_key(|p| (p.a.start, p.b.start, p.a.end, p.b.end));
    let accepted = in_context(accepted, first, second, options);
    PairAlignment { passages: accepted, fallback }
}

/// A joined passage, or its pieces when a clause was inserted or dropped inside it. Parts more
/// than [`SPLIT_GAP`] chars apart on either side are separated by such a clause: the passage is
/// cut there, so that the inserted clause does not count as copied text, and each piece (the hull
/// of the parts between two cuts) is reported when it `holds_alone` (the length rules of a passage).
#[inline(never)]
fn split_at_insertions(
    mut parts: Vec<Aligned>,
    joined: Aligned,
    holds_alone: impl Fn(&Aligned) -> bool,
) -> Vec<Aligned> {
    parts.sort_by_key(|p| (p.a.start, p.b.start));
    let mut pieces: Vec<Vec<Aligned>> = Vec::new();
    for part in parts {
        let wide = pieces
            .last()
            .and_then(|piece| piece.last())
            .is_none_or(|last| gap(&last.a, &part.a) > SPLIT_GAP || gap(&last.b, &part.b) > SPLIT_GAP);
        match pieces.last_mut() {
            Some(piece) if !wide => piece.push(part),
            _ => pieces.push(vec![part]),
        }
    }
    if pieces.len() < 2 {
        return vec![joined];
    }
    pieces.iter().map(|piece| hull(piece)).filter(|piece| holds_alone(piece)).collect()
}

/// Unmatched chars between two parts of a passage above which they are reported apart (see
/// [`split_at_insertions`]).
pub(crate) const SPLIT_GAP: usize = 12;

/// Short passages that are a provision, not a phrase. A passage shorter than
/// [`ReuseOptions::long_chars`] is kept when it makes up a whole clause on one side, or when another
/// passage that formulae do not make up almost whole lies within [`CONTEXT`] chars of it in both
/// documents (it is part of a rewritten provision or of a run of copied ones). Alone in the middle of a clause, a shared phrase of a
/// family's vocabulary (「法律援助机构工作人员」, 「申请法律援助，应当」) is not a copy.
#[inline(never)]
fn in_context(passages: Vec<Aligned>, first: &Prepared, second: &Prepared, options: &ReuseOptions) -> Vec<Aligned> {
    // A neighbour that formulae make up almost whole (a run of indicator names, an approval
    // formula) is genre, not a copied provision: it puts no phrase in context. One that is only
    // half formula (其他组织和个人不得向社会发布 beside a copied duty) still does.
    let genre = |q: &Aligned| {
        let whole = |formula: &[Range<usize>], r: &Range<usize>| formula_chars(formula, r) * 4 >= r.len() * 3;
        whole(&first.formula, &q.a) || whole(&second.formula, &q.b)
    };
    let context: Vec<bool> = passages.iter().map(|q| !genre(q)).collect();
    let keep: Vec<bool> = passages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.matches >= options.long_chars
                || whole_clause_on_either(first, second, p)
                || passages
                    .iter()
                    .enumerate()
                    .any(|(j, q)| j != i && context[j] && gap(&p.a, &q.a) <= CONTEXT && gap(&p.b, &q.b) <= CONTEXT)
        })
        .collect();
    passages.into_iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| p).collect()
}

/// Distance (normalised chars, both documents) within which another passage makes a short passage
/// part of a provision (see [`in_context`]).
pub(crate) const CONTEXT: usize = 120;

/// Which chains are worth aligning. A reported passage needs `min_chars / 2` informative chars
/// (identical chars whose k-gram is rare in both documents), and a passage may join the segments of
/// chains that lie close together. Most chains of a related pair are one shared word of the
/// documents' common vocabulary: their neighbourhood (chains within [`INSERTION_GAP`] on both
/// sides) holds no informative char in its exact runs and cannot reach the minimum, so aligning
/// it is wasted work. A neighbourhood needs half the minimum (the informative chars a passage
/// needs) in its exact runs.
#[inline(never)]
fn promising_chains(first: &Prepared, second: &Prepared, chains: &Chains, options: &ReuseOptions) -> Vec<bool> {
    let informative: Vec<usize> = chains
        .chains
        .iter()
        .map(|chain| {
            // Runs of one chain may overlap in `a`; count each position of `a` once.
            let mut end = 0;
            let mut count = 0;
            for run in chains.runs_of(chain) {
                let from = run.a.max(end);
                for x in from..run.a + run.len {
                    let y = run.b + (x - run.a);
                    if rare(first, x) && rare(second, y) {
                        count += 1;
                    }
                }
                end = end.max(run.a + run.len);
            }
            count
        })
        .collect();
    let chains = &chains.chains;
    let need = informative_needed(options);
    // A neighbour is a chain within `INSERTION_GAP` on both sides that starts at most
    // `INSERTION_GAP * 8` before in `a`. Only chains with informative chars add to a
    // neighbourhood; they are listed by start in `a` (the chains' order), so a chain's neighbours
    // are one stretch of that list, whose ends only move forward from chain to chain: a pair of
    // documents sharing thousands of scattered words is not compared chain by chain.
    let with_evidence: Vec<usize> = (0..chains.len()).filter(|&j| informative[j] > 0).collect();
    // `reach[t]`: the furthest end in `a` among `with_evidence[..=t]`. Walking back from a chain,
    // once it falls more than `INSERTION_GAP` short of the chain's start, no earlier chain can be
    // a neighbour: most of the `INSERTION_GAP * 8` chars before a chain are never looked at.
    let reach: Vec<usize> = with_evidence
        .iter()
        .scan(0, |furthest, &j| {
            *furthest = chains[j].a.end.max(*furthest);
            Some(*furthest)
        })
        .collect();
    let mut out = vec![false; chains.len()];
    // Chains with fewer exact chars than a seed needs are never aligned: not worth a look.
    let min_seed = options.min_seed_chars();
    // First chain with evidence that starts at or after `earliest`, and at or after `INSERTION_GAP`
    // before the chain: both only move forward, as the chains are sorted by start in `a`.
    let (mut lowest, mut near) = (0, 0);
    for (i, chain) in chains.iter().enumerate() {
        if chain.run_chars < min_seed {
            continue;
        }
        if informative[i] >= need {
            out[i] = true;
            continue;
        }
        let earliest = chain.a.start.saturating_sub(INSERTION_GAP * 8);
        let close = chain.a.start.saturating_sub(INSERTION_GAP);
        while lowest < with_evidence.len() && chains[with_evidence[lowest]].a.start < earliest {
            lowest += 1;
        }
        while near < with_evidence.len() && chains[with_evidence[near]].a.start < close {
            near += 1;
        }
        let neighbour = |j: usize| {
            j != i && gap(&chain.a, &chains[j].a) <= INSERTION_GAP && gap(&chain.b, &chains[j].b) <= INSERTION_GAP
        };
        let mut total = informative[i];
        // Chains starting from `INSERTION_GAP` before this one to `INSERTION_GAP` after its end
        // are close enough in `a`...
        for &j in &with_evidence[near..] {
            if total >= need || chains[j].a.start > chain.a.end + INSERTION_GAP {
                break;
            }
            if neighbour(j) {
                total += informative[j];
            }
        }
        // ...and earlier ones when they reach it.
        for t in (lowest..near).rev() {
            if total >= need || reach[t] + INSERTION_GAP < chain.a.start {
                break;
            }
            if neighbour(with_evidence[t]) {
                total += informative[with_evidence[t]];
            }
        }
        out[i] = total >= need;
    }
    out
}

/// Distance between two ranges (0 when they overlap or touch).
fn gap(x: &Range<usize>, y: &Range<usize>) -> usize {
    y.start.saturating_sub(x.end).max(x.start.saturating_sub(y.end))
}

/// True when `range` covers at least three quarters of some clause of four chars or more.
fn whole_clause(clause_ends: &[u32], range: &Range<usize>) -> bool {
    let mut i = clause_ends.partition_point(|&e| (e as usize) <= range.start);
    let mut start = if i == 0 { 0 } else { clause_ends[i - 1] as usize };
    while i < clause_ends.len() && start < range.end {
        let end = clause_ends[i] as usize;
        let overlap = end.min(range.end).saturating_sub(start.max(range.start));
        if end - start >= 4 && overlap * 4 >= (end - start) * 3 {
            return true;
        }
        start = end;
        i += 1;
    }
    false
}

/// True when passage `p` makes up a whole clause ([`whole_clause`]) in either document.
fn whole_clause_on_either(first: &Prepared, second: &Prepared, p: &Aligned) -> bool {
    whole_clause(&first.clause_ends, &p.a) || whole_clause(&second.clause_ends, &p.b)
}

/// Are two stretches that follow each other in both documents, `gap_a` and `gap_b` chars apart,
/// parts of one provision? The gap is small on one side and up to [`INSERTION_GAP`] on the other:
/// a clause was inserted or dropped between them. The reuse engine joins segments by this rule
/// ([`joinable`]) and the aligner joins reported pieces by it again.
pub(crate) fn parts_of_one_provision(gap_a: usize, gap_b: usize) -> bool {
    gap_a.min(gap_b) <= CHAIN_GAP / 3 && gap_a.max(gap_b) <= INSERTION_GAP
}

/// May segments `x` and `y` (`x` first in `a`) be parts of one passage? In order on both sides,
/// with a small gap on one side and up to [`INSERTION_GAP`] on the other (a clause inserted or
/// dropped); or, in any order, within [`CLUSTER_GAP`] on both sides (reordered clauses or items).
fn joinable(x: &Aligned, y: &Aligned) -> bool {
    let (ga, gb) = (gap(&x.a, &y.a), gap(&x.b, &y.b));
    let in_order = y.a.start >= x.a.start && y.b.start >= x.b.start;
    (in_order && parts_of_one_provision(ga, gb)) || (ga <= CLUSTER_GAP && gb <= CLUSTER_GAP)
}

/// Join segments that may be parts of one passage ([`joinable`]) into one passage spanning them all
/// (a reworded, reordered or extended provision), returned with its parts.
#[inline(never)]
fn cluster(mut segments: Vec<Aligned>) -> Vec<(Aligned, Vec<Aligned>)> {
    segments.sort_by_key(|p| (p.a.start, p.b.start));
    let n = segments.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in i + 1..n {
            if segments[j].a.start > segments[i].a.end + INSERTION_GAP {
                break;
            }
            if joinable(&segments[i], &segments[j]) {
                let (ri, rj) = (crate::union_find::root(&mut parent, i), crate::union_find::root(&mut parent, j));
                if ri != rj {
                    parent[rj.max(ri)] = rj.min(ri);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        let root = crate::union_find::root(&mut parent, i);
        groups[root].push(i);
    }
    let mut out = Vec::new();
    for members in groups.into_iter().filter(|g| !g.is_empty()) {
        if members.len() == 1 {
            out.push((segments[members[0]].clone(), vec![segments[members[0]].clone()]));
            continue;
        }
        let parts: Vec<Aligned> = members.iter().map(|&i| segments[i].clone()).collect();
        out.push((hull(&parts), parts));
    }
    out
}

/// One passage spanning `parts` (at least one): the hull on both sides, with the parts' identical
/// and informative chars.
fn hull(parts: &[Aligned]) -> Aligned {
    if let [only] = parts {
        return only.clone();
    }
    let a = parts.iter().map(|p| p.a.start).min().unwrap_or(0)..parts.iter().map(|p| p.a.end).max().unwrap_or(0);
    let b = parts.iter().map(|p| p.b.start).min().unwrap_or(0)..parts.iter().map(|p| p.b.end).max().unwrap_or(0);
    let matches = parts.iter().map(|p| p.matches).sum::<usize>().min(a.len()).min(b.len());
    let informative = parts.iter().map(|p| p.informative).sum::<usize>().min(matches);
    let similarity = matches as f32 / a.len().max(b.len()).max(1) as f32;
    Aligned { a, b, matches, similarity, exact: false, informative }
}

/// Each stretch of text pairs with one place in the other document: segments are taken best first
/// (most informative, then most identical chars) and a segment that taken ones already cover by
/// more than a third on either side is dropped. A phrase both documents repeat then pairs once per occurrence, not with every
/// occurrence, and neighbouring regions that found the same text report it once.
#[inline(never)]
fn one_to_one(mut segments: Vec<Aligned>, options: &ReuseOptions) -> Vec<Aligned> {
    segments.sort_by(|x, y| {
        (y.informative, y.matches)
            .cmp(&(x.informative, x.matches))
            .then(x.a.start.cmp(&y.a.start))
            .then(x.b.start.cmp(&y.b.start))
    });
    let mut kept: Vec<Aligned> = Vec::with_capacity(segments.len());
    // A segment clashes when taken segments already cover more than a third of it on one side; a
    // smaller overlap is a neighbour that ran a few chars into it (both are kept).
    let covered = |kept: &[Aligned], r: &Range<usize>, side: fn(&Aligned) -> &Range<usize>| -> usize {
        kept.iter().map(|k| side(k).end.min(r.end).saturating_sub(side(k).start.max(r.start))).sum()
    };
    for s in segments {
        // A provision copied twice (long and informative) is reported at both places; only phrases
        // must pair once.
        let provision = s.informative * 2 >= options.long_chars;
        if !provision
            && (covered(&kept, &s.a, |k| &k.a) * 3 > s.a.len() || covered(&kept, &s.b, |k| &k.b) * 3 > s.b.len())
        {
            continue;
        }
        kept.push(s);
    }
    kept.sort_by_key(|p| (p.a.start, p.b.start, p.a.end, p.b.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(s: &str, options: &ReuseOptions) -> Prepared {
        let formulae = Formulae::empty();
        Prepared::new(
            &CharText::new(s.to_string()),
            &NormalizeOptions::default(),
            &formulae,
            options.fingerprint_params(),
        )
    }

    fn texts(a: &str, b: &str) -> Vec<(String, String, f32)> {
        let options = ReuseOptions::default();
        let (pa, pb) = (prepared(a, &options), prepared(b, &options));
        compare(&pa, &pb, &options, None)
            .passages
            .iter()
            .map(|p| {
                (
                    pa.norm.chars()[p.a.clone()].iter().collect(),
                    pb.norm.chars()[p.b.clone()].iter().collect(),
                    p.similarity,
                )
            })
            .collect()
    }

    #[test]
    fn seed_fingerprints_are_sorted_by_hash_then_position() {
        // A text that repeats itself, so that many hashes occur at several positions.
        let text: String = crate::corpus::FILES.iter().map(|(_, t)| *t).take(2).collect::<String>().repeat(2);
        let prepared = prepared(&text, &ReuseOptions::default());
        let mut expected = prepared.fingerprints.clone();
        expected.sort_unstable();
        assert_eq!(prepared.fingerprints, expected);
        assert!(prepared.fingerprints.windows(2).any(|w| w[0].0 == w[1].0), "no repeated hash to order");
    }

    #[test]
    fn exact_passage_is_found_whole() {
        let shared = "鼓励金融机构在风险可控的前提下采用无形资产融资";
        let found =
            texts(&format!("前言部分不同的文字。{shared}。结尾甲乙"), &format!("另外一些完全无关的话语{shared}，其他"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, shared);
        assert_eq!(found[0].2, 1.0);
    }

    #[test]
    fn one_word_swap_in_a_short_provision() {
        let found = texts(
            "二是降低电子商务企业出资最低限额。三是其他内容在此",
            "一、降低电子商务企业注册资金最低限额，放宽名称限制",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.starts_with("降低电子商务企业") && found[0].0.ends_with("最低限额"), "{found:?}");
        assert!(found[0].2 < 1.0);
    }

    #[test]
    fn embedded_clause_inside_a_longer_sentence() {
        let a = "支持和引导电子商务企业引入风险投资、战略投资，发行电子商务中小企业集合债券。";
        let b = "鼓励电子商务企业以各种方式引入风险投资、私募基金、战略投资，发行中小企业集合债券，拓宽融资渠道。";
        let found = texts(a, b);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("引入风险投资") && found[0].1.contains("集合债券"), "{found:?}");
    }

    #[test]
    fn unrelated_text_shares_nothing() {
        let found = texts(
            "加快推进农村电子商务发展，完善县乡村三级物流体系。",
            "切实加强安全生产监督管理，严格落实企业主体责任。",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn order_of_the_pair_does_not_matter() {
        let a = "产业集聚度明显提高，市场辐射力明显增强，电子商务交易额年均增长30%以上。";
        let b = "交易额持续快速增长，产业集聚度、市场辐射力明显增强，其他的话。";
        let options = ReuseOptions::default();
        let (pa, pb) = (prepared(a, &options), prepared(b, &options));
        let ab = compare(&pa, &pb, &options, None).passages;
        let mut ba = compare(&pb, &pa, &options, None).passages;
        for p in &mut ba {
            std::mem::swap(&mut p.a, &mut p.b);
        }
        ba.sort_by_key(|p| (p.a.start, p.b.start, p.a.end, p.b.end));
        assert_eq!(ab, ba);
        assert_eq!(ab.len(), 1);
    }

    #[test]
    fn maximal_segments_split_at_deep_valleys() {
        let scores = [1, 1, 1, -1, 1, 1, -1, -1, -1, -1, -1, 1, 1, 1, 1];
        let segs = maximal_segments(&scores);
        assert_eq!(segs, vec![(0, 6, 4), (11, 15, 4)]);
    }

    #[test]
    fn banded_path_aligns_an_insertion() {
        let a: Vec<char> = "甲乙丙丁戊".chars().collect();
        let b: Vec<char> = "甲乙X丙丁戊".chars().collect();
        let path = banded_path(&a, &b, -3, 3);
        assert_eq!(path.iter().filter(|s| **s == Step::Match).count(), 5);
        assert_eq!(path.iter().filter(|s| **s == Step::InsertB).count(), 1);
    }

    #[test]
    fn degenerate_repetition_stays_bounded() {
        let a = "啊".repeat(20_000);
        let found = texts(&a, &a);
        assert!(found.len() <= 100);
    }
}
