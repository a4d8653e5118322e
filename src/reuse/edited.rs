//! Edited reuse: a clause of one document that is a rewritten clause of another.
//!
//! Candidate clause pairs share character trigrams (looked up in the indexed document's clause
//! table); each candidate is scored by the longest common subsequence of normalised chars over the
//! longer clause, computed bit-parallel. Pairs that exact passages already cover are left to them.

use std::collections::HashSet;
use std::ops::Range;

use super::ReuseOptions;
use super::exact::ExactMatch;
use super::index::{Indexed, MAX_CLAUSE_CHARS, Prepared};
use super::ranges::union;

/// 64-bit words needed for the longest clause.
const WORDS: usize = MAX_CLAUSE_CHARS.div_ceil(64);

/// Share of a clause that exact passages must cover, on both sides, for an edited pair to be
/// redundant.
const COVERED_BY_EXACT: f32 = 0.8;

/// Share of the smaller clause's distinct trigrams that a candidate pair must share.
const MIN_SHARED_TRIGRAMS: f32 = 0.2;

/// A rewritten clause pair in normalised positions of the indexed (`a`) and scanned (`b`) documents.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EditedMatch {
    /// Clause in the indexed document.
    pub a: Range<usize>,
    /// Clause in the scanned document.
    pub b: Range<usize>,
    /// Length of the longest common subsequence.
    pub common: usize,
    /// `common` over the longer clause.
    pub similarity: f32,
}

/// Rewritten clause pairs between `indexed` and `other`, one-to-one, not covered by `exact`.
pub(crate) fn edited_clauses(
    indexed: &Indexed<'_>,
    other: &Prepared,
    exact: &[ExactMatch],
    options: &ReuseOptions,
) -> Vec<EditedMatch> {
    let a_doc = indexed.doc;
    let min_len = options.min_edited_chars.max(3);
    let min_similarity = options.min_edited_similarity;
    let mut counts = vec![0u32; a_doc.clauses.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut candidates: Vec<EditedMatch> = Vec::new();
    for (bi, b_range) in other.clauses.iter().enumerate().filter(|(_, r)| r.len() >= min_len) {
        let b_chars = &other.norm.chars[b_range.clone()];
        let b_grams = other.clause_grams(bi);
        for &g in b_grams {
            for &ci in indexed.clause_grams.get(g) {
                if counts[ci as usize] == 0 {
                    touched.push(ci);
                }
                counts[ci as usize] += 1;
            }
        }
        for ci in touched.drain(..) {
            let shared = std::mem::take(&mut counts[ci as usize]);
            let a_range = &a_doc.clauses[ci as usize];
            let (la, lb) = (a_range.len(), b_range.len());
            // The LCS cannot exceed the shorter clause, which bounds the similarity.
            if (la.min(lb) as f32) < min_similarity * la.max(lb) as f32 {
                continue;
            }
            let smaller = indexed.clause_gram_counts[ci as usize].min(b_grams.len() as u32);
            if (shared as f32) < (MIN_SHARED_TRIGRAMS * smaller as f32).max(2.0) {
                continue;
            }
            let common = lcs_len(&a_doc.norm.chars[a_range.clone()], b_chars);
            let similarity = common as f32 / la.max(lb) as f32;
            if similarity >= min_similarity {
                candidates.push(EditedMatch { a: a_range.clone(), b: b_range.clone(), common, similarity });
            }
        }
    }
    let chosen = one_to_one(candidates);
    let a_cover = union(exact.iter().map(|m| m.a.clone()));
    let b_cover = union(exact.iter().map(|m| m.b.clone()));
    let mut kept: Vec<EditedMatch> = chosen
        .into_iter()
        .filter(|m| {
            let a_share = covered(&a_cover, &m.a) as f32 / m.a.len() as f32;
            let b_share = covered(&b_cover, &m.b) as f32 / m.b.len() as f32;
            a_share < COVERED_BY_EXACT || b_share < COVERED_BY_EXACT
        })
        .collect();
    kept.sort_by_key(|m| (m.a.start, m.b.start));
    kept
}

/// Best pairs first, each clause used at most once.
fn one_to_one(mut candidates: Vec<EditedMatch>) -> Vec<EditedMatch> {
    candidates.sort_by(|x, y| {
        y.similarity.total_cmp(&x.similarity).then(x.a.start.cmp(&y.a.start)).then(x.b.start.cmp(&y.b.start))
    });
    let mut used_a: HashSet<usize> = HashSet::new();
    let mut used_b: HashSet<usize> = HashSet::new();
    let mut chosen = Vec::new();
    for m in candidates {
        if used_a.contains(&m.a.start) || used_b.contains(&m.b.start) {
            continue;
        }
        used_a.insert(m.a.start);
        used_b.insert(m.b.start);
        chosen.push(m);
    }
    chosen
}

/// Positions of `range` inside the sorted disjoint `cover`.
fn covered(cover: &[Range<usize>], range: &Range<usize>) -> usize {
    let first = cover.partition_point(|c| c.end <= range.start);
    cover[first..]
        .iter()
        .take_while(|c| c.start < range.end)
        .map(|c| c.end.min(range.end).saturating_sub(c.start.max(range.start)))
        .sum()
}

/// Length of the longest common subsequence of two clauses (bit-parallel, Hyyrö 2004).
///
/// Both clauses are at most [`MAX_CLAUSE_CHARS`] long; longer input is truncated.
pub(crate) fn lcs_len(a: &[char], b: &[char]) -> usize {
    let a = &a[..a.len().min(MAX_CLAUSE_CHARS)];
    let b = &b[..b.len().min(MAX_CLAUSE_CHARS)];
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    // Match masks of A's chars, as a sorted table: one small allocation instead of a hash map.
    let mut order: Vec<(char, u16)> = a.iter().enumerate().map(|(i, &c)| (c, i as u16)).collect();
    order.sort_unstable();
    let mut masks: Vec<(char, [u64; WORDS])> = Vec::with_capacity(order.len());
    for (c, i) in order {
        let i = usize::from(i);
        match masks.last_mut() {
            Some((last, mask)) if *last == c => mask[i / 64] |= 1 << (i % 64),
            _ => {
                let mut mask = [0; WORDS];
                mask[i / 64] |= 1 << (i % 64);
                masks.push((c, mask));
            }
        }
    }
    let words = a.len().div_ceil(64);
    let mut v = [u64::MAX; WORDS];
    for c in b {
        let Ok(found) = masks.binary_search_by_key(c, |(mc, _)| *mc) else {
            continue;
        };
        let mask = &masks[found].1;
        let mut carry = 0u64;
        for (vw, &mw) in v.iter_mut().zip(mask).take(words) {
            let u = *vw & mw;
            let (sum, c1) = vw.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(carry);
            carry = u64::from(c1 || c2);
            // U is a subset of V, so V - U never borrows: it is V with U's bits cleared.
            *vw = sum | (*vw & !u);
        }
    }
    let mut zeros = 0;
    for (w, &word) in v.iter().enumerate().take(words) {
        let bits = (a.len() - w * 64).min(64);
        let mask = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
        zeros += (!word & mask).count_ones() as usize;
    }
    zeros
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcs_naive(a: &[char], b: &[char]) -> usize {
        let mut prev = vec![0usize; b.len() + 1];
        for &x in a {
            let mut cur = vec![0usize; b.len() + 1];
            for (j, &y) in b.iter().enumerate() {
                cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
            }
            prev = cur;
        }
        prev[b.len()]
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn lcs_of_the_rd_clauses() {
        let guangdong = chars(
            "对电子商务企业为开发新技术新产品新工艺发生的符合税法规定的研究开发费用未形成无形资产计入当期损益的\
             在按照规定据实扣除的基础上按照研究开发费的50在计算应纳税所得额时加计扣除",
        );
        let qinghai = chars(
            "电子商务企业因开发新技术新产品新工艺产生的研究开发费用未形成无形资产计入当期损益的按照研究开发费用的50加计扣除",
        );
        assert_eq!(lcs_len(&guangdong, &qinghai), lcs_naive(&guangdong, &qinghai));
        assert_eq!(lcs_len(&guangdong, &qinghai), 53);
    }

    #[test]
    fn lcs_agrees_with_the_textbook_algorithm_across_word_boundaries() {
        let alphabet = chars("甲乙丙丁戊己庚");
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for _ in 0..50 {
            let la = 1 + next() % 200;
            let lb = 1 + next() % 200;
            let a: Vec<char> = (0..la).map(|_| alphabet[next() % alphabet.len()]).collect();
            let b: Vec<char> = (0..lb).map(|_| alphabet[next() % alphabet.len()]).collect();
            assert_eq!(lcs_len(&a, &b), lcs_naive(&a, &b));
        }
    }

    #[test]
    fn coverage_counts_overlaps() {
        let cover = union([0..5, 3..8, 20..30]);
        assert_eq!(cover, vec![0..8, 20..30]);
        assert_eq!(covered(&cover, &(5..25)), 8);
    }
}
