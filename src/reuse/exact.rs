//! Exact reuse: maximal runs of identical normalised chars shared by two documents.
//!
//! Every k-gram of the scanned document is looked up in the indexed document's k-gram table; a hit
//! that is not already inside a found run on the same diagonal is verified and extended as far as
//! the chars agree in both directions. Runs close to each other on both sides (a changed char, an
//! inserted word) are merged into one passage.

use std::ops::Range;

use super::index::{Indexed, Prepared, RollingHash, U64Map};

/// A shared passage in normalised positions of the indexed (`a`) and scanned (`b`) documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ExactMatch {
    /// Range in the indexed document.
    pub a: Range<usize>,
    /// Range in the scanned document.
    pub b: Range<usize>,
    /// Chars that are identical on both sides (the ranges minus merged gaps).
    pub matched: usize,
}

/// Maximal shared runs of at least `k` chars between `indexed` and `other`, unmerged.
pub(crate) fn maximal_runs(indexed: &Indexed<'_>, other: &Prepared) -> Vec<ExactMatch> {
    let a = &indexed.doc.norm.chars;
    let b = &other.norm.chars;
    let k = indexed.k;
    let mut runs = Vec::new();
    // End (in b) of the last run found on each diagonal, so a run is extended only once.
    let mut covered: U64Map<usize> = U64Map::default();
    RollingHash::new(k).for_each(b, |q, h| {
        for &p in indexed.kgrams.get(h) {
            let p = p as usize;
            let diagonal = (p as i64 - q as i64) as u64;
            if covered.get(&diagonal).is_some_and(|&end| end > q) {
                continue;
            }
            if a[p..p + k] != b[q..q + k] {
                continue;
            }
            let mut start_a = p;
            let mut start_b = q;
            while start_a > 0 && start_b > 0 && a[start_a - 1] == b[start_b - 1] {
                start_a -= 1;
                start_b -= 1;
            }
            let mut end_a = p + k;
            let mut end_b = q + k;
            while end_a < a.len() && end_b < b.len() && a[end_a] == b[end_b] {
                end_a += 1;
                end_b += 1;
            }
            covered.insert(diagonal, end_b);
            runs.push(ExactMatch { a: start_a..end_a, b: start_b..end_b, matched: end_a - start_a });
        }
    });
    runs.sort_by_key(|m| (m.a.start, m.b.start, m.a.end));
    runs.dedup();
    runs
}

/// Merge runs separated by at most `gap` chars on both sides and keep passages containing a run
/// of at least `min_chars`.
pub(crate) fn merge_runs(runs: Vec<ExactMatch>, min_chars: usize, gap: usize) -> Vec<ExactMatch> {
    // Chains still open for extension, with the longest run each holds.
    let mut open: Vec<(ExactMatch, usize)> = Vec::new();
    let mut done: Vec<(ExactMatch, usize)> = Vec::new();
    for run in runs {
        // Close chains that can no longer be reached from this run on the a side.
        let mut i = 0;
        while i < open.len() {
            if open[i].0.a.end + gap < run.a.start {
                done.push(open.swap_remove(i));
            } else {
                i += 1;
            }
        }
        let run_len = run.a.len();
        let joinable = |chain: &ExactMatch| {
            follows(&chain.a, &run.a, gap) && follows(&chain.b, &run.b, gap) && chain.a.start < run.a.start
        };
        // Join the chain whose end is nearest, so parallel repeats stay apart.
        let best = open
            .iter()
            .enumerate()
            .filter(|(_, (chain, _))| joinable(chain))
            .min_by_key(|(_, (chain, _))| {
                (run.a.start.abs_diff(chain.a.end) + run.b.start.abs_diff(chain.b.end), chain.a.start, chain.b.start)
            })
            .map(|(i, _)| i);
        match best {
            Some(i) => {
                let (chain, longest) = &mut open[i];
                let new_a = run.a.end - run.a.start.max(chain.a.end);
                chain.matched += new_a;
                chain.a.end = run.a.end;
                chain.b.end = run.b.end.max(chain.b.end);
                *longest = (*longest).max(run_len);
            }
            None => open.push((run, run_len)),
        }
    }
    done.extend(open);
    let mut passages: Vec<ExactMatch> =
        done.into_iter().filter(|(_, longest)| *longest >= min_chars).map(|(chain, _)| chain).collect();
    passages.sort_by_key(|m| (m.a.start, m.b.start, m.a.end, m.b.end));
    drop_contained(passages)
}

/// True when `next` starts within `gap` chars after `prev` ends (or overlaps it by at most `gap`)
/// and reaches further.
fn follows(prev: &Range<usize>, next: &Range<usize>, gap: usize) -> bool {
    next.end > prev.end && next.start + gap >= prev.end && next.start <= prev.end + gap
}

/// How many earlier passages are checked for containing a later one.
const CONTAINMENT_LOOKBACK: usize = 256;

/// Remove passages whose two sides both lie inside another passage's sides.
fn drop_contained(passages: Vec<ExactMatch>) -> Vec<ExactMatch> {
    let mut kept: Vec<ExactMatch> = Vec::with_capacity(passages.len());
    for m in passages {
        // Containers start at or before `m` and are usually its close neighbours: a bounded look back
        // keeps pathological inputs linear.
        let inside = kept
            .iter()
            .rev()
            .take(CONTAINMENT_LOOKBACK)
            .any(|o| o.a.start <= m.a.start && m.a.end <= o.a.end && o.b.start <= m.b.start && m.b.end <= o.b.end);
        if !inside {
            kept.push(m);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::normalize::{NormalizeOptions, normalize_chars};

    fn prepared(s: &str) -> Prepared {
        let chars: Vec<char> = s.chars().collect();
        let norm = normalize_chars(&chars, 0, &NormalizeOptions::default());
        let len = norm.chars.len();
        Prepared::assemble(norm, std::iter::once(0..len).collect(), Vec::new())
    }

    fn passages(a: &str, b: &str, min_chars: usize, gap: usize) -> Vec<ExactMatch> {
        let pa = prepared(a);
        let pb = prepared(b);
        let indexed = Indexed::new(&pa, min_chars.min(8), 20);
        merge_runs(maximal_runs(&indexed, &pb), min_chars, gap)
    }

    #[test]
    fn finds_a_moved_passage_maximally() {
        let a = "前言部分不同的文字。鼓励金融机构在风险可控的前提下采用无形资产融资。结尾甲乙";
        let b = "另外一些完全无关的话语鼓励金融机构在风险可控的前提下采用无形资产融资，其他";
        let found = passages(a, b, 12, 4);
        assert_eq!(found.len(), 1);
        let m = &found[0];
        let pa = prepared(a);
        let text: String = pa.norm.chars[m.a.clone()].iter().collect();
        assert_eq!(text, "鼓励金融机构在风险可控的前提下采用无形资产融资");
        assert_eq!(m.matched, m.a.len());
    }

    #[test]
    fn merges_across_a_small_gap() {
        let a = "支持和引导电子商务企业引入风险投资战略投资发行电子商务中小企业集合债券";
        let b = "支持和引导电子商务企业引进风险投资战略投资发行电子商务中小企业集合债券";
        let found = passages(a, b, 12, 4);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].a, 0..a.chars().count());
        assert_eq!(found[0].matched, a.chars().count() - 1);
    }

    #[test]
    fn short_shared_phrases_are_not_passages() {
        let found = passages("加快发展电子商务的意见甲乙丙丁", "关于加快发展电子商务戊己庚辛", 12, 4);
        assert!(found.is_empty());
    }

    #[test]
    fn degenerate_repetition_stays_bounded() {
        let a = "啊".repeat(20_000);
        let b = "啊".repeat(20_000);
        let found = passages(&a, &b, 12, 4);
        assert!(found.len() <= 100);
    }
}
