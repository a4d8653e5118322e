//! Pairing the units of two versions: similarity of their normalised text (char bigrams), a bonus
//! where the alignment engine paired the two sections, a weighted LCS for the pairs that keep their
//! order, then moves, splits and merges among what is left.

use std::collections::BTreeSet;

pub(crate) use crate::align::similarity::dice;
use crate::model::Document;
use crate::text::Span;

use super::Unit;
use super::units::{normalized_key, paragraphs};

/// Below this similarity two units are not the same unit in two versions.
const PAIR_MIN: f32 = 0.3;
/// An in-order pair must be at least this share of the better of the two units' best scores, so
/// that a weak pair in order does not hide a strong pair out of order (a move).
const COMPETITIVE: f32 = 0.6;
/// Similarity an out-of-order pair needs to count as a move.
const MOVE_MIN: f32 = 0.4;
/// Bonus for a pair the alignment engine put in one row.
const ALIGN_BONUS: f32 = 0.1;
/// Similarity of one paragraph of a unit to a paragraph of a neighbouring unpaired unit that makes
/// the neighbour part of a split (or merge).
const SPLIT_MIN: f32 = 0.5;
/// Paragraphs shorter than this (normalised chars) say too little to decide a split.
const SPLIT_MIN_CHARS: usize = 10;

/// Sorted, deduplicated char bigrams of a normalised text (a single char counts as one "bigram").
pub(crate) fn bigrams(key: &str) -> Vec<u64> {
    let chars: Vec<char> = key.chars().collect();
    let mut out: Vec<u64> = if chars.len() == 1 {
        vec![u64::from(chars[0] as u32)]
    } else {
        chars.windows(2).map(|w| (u64::from(w[0] as u32) << 32) | u64::from(w[1] as u32)).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The pairing found.
#[derive(Debug, Default)]
pub(crate) struct Pairing {
    /// Rows of `(old units, new units, moved)`; every unit is in at most one group.
    pub groups: Vec<(Vec<usize>, Vec<usize>, bool)>,
    /// Similarity of every old × new unit (row-major, `new_len` columns).
    pub sim: Vec<f32>,
}

/// Pair the units. `aligned` holds the `(old section, new section)` pairs of the alignment engine.
pub(crate) fn pair(
    old_doc: &Document,
    new_doc: &Document,
    old: &[Unit],
    new: &[Unit],
    aligned: &BTreeSet<(usize, usize)>,
) -> Pairing {
    let (n, m) = (old.len(), new.len());
    let old_grams: Vec<Vec<u64>> = old.iter().map(|u| bigrams(&u.key)).collect();
    let new_grams: Vec<Vec<u64>> = new.iter().map(|u| bigrams(&u.key)).collect();
    let mut sim = vec![0f32; n * m];
    for i in 0..n {
        for j in 0..m {
            let mut s = if old[i].key == new[j].key { 1.0 } else { dice(&old_grams[i], &new_grams[j]) };
            if s < 1.0 && aligned.contains(&(old[i].section, new[j].section)) {
                s = (s + ALIGN_BONUS).min(0.99);
            }
            sim[i * m + j] = s;
        }
    }
    let row_best: Vec<f32> = (0..n).map(|i| (0..m).map(|j| sim[i * m + j]).fold(0.0, f32::max)).collect();
    let col_best: Vec<f32> = (0..m).map(|j| (0..n).map(|i| sim[i * m + j]).fold(0.0, f32::max)).collect();
    let mass = |u: &Unit| u.key.chars().count().max(1) as f32;
    let weight = |i: usize, j: usize| -> Option<f32> {
        let s = sim[i * m + j];
        (s >= PAIR_MIN && s >= COMPETITIVE * row_best[i].max(col_best[j]))
            .then(|| s * (mass(&old[i]) + mass(&new[j])) / 2.0)
    };
    // Weighted LCS: the in-order pairs that keep the most similar text in place.
    let mut dp = vec![0f32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in 1..=n {
        for j in 1..=m {
            let mut best = dp[at(i - 1, j)].max(dp[at(i, j - 1)]);
            if let Some(w) = weight(i - 1, j - 1) {
                best = best.max(dp[at(i - 1, j - 1)] + w);
            }
            dp[at(i, j)] = best;
        }
    }
    let mut in_order: Vec<(usize, usize)> = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        if let Some(w) = weight(i - 1, j - 1)
            && (dp[at(i, j)] - (dp[at(i - 1, j - 1)] + w)).abs() < 1e-3
        {
            in_order.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if dp[at(i - 1, j)] >= dp[at(i, j - 1)] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    in_order.reverse();
    let mut old_used = vec![false; n];
    let mut new_used = vec![false; m];
    for &(i, j) in &in_order {
        old_used[i] = true;
        new_used[j] = true;
    }
    // Among what is left, the best pairs; out of order they are moves.
    let mut candidates: Vec<(usize, usize)> = (0..n)
        .filter(|&i| !old_used[i])
        .flat_map(|i| (0..m).filter(|&j| !new_used[j]).map(move |j| (i, j)))
        .filter(|&(i, j)| sim[i * m + j] >= MOVE_MIN)
        .collect();
    candidates.sort_by(|a, b| sim[b.0 * m + b.1].total_cmp(&sim[a.0 * m + a.1]).then(a.cmp(b)));
    let mut extra: Vec<(usize, usize, bool)> = Vec::new();
    for (i, j) in candidates {
        if old_used[i] || new_used[j] {
            continue;
        }
        old_used[i] = true;
        new_used[j] = true;
        let fits = in_order.iter().all(|&(a, b)| (a < i) == (b < j));
        extra.push((i, j, !fits));
    }
    let mut groups: Vec<(Vec<usize>, Vec<usize>, bool)> =
        in_order.into_iter().map(|(i, j)| (vec![i], vec![j], false)).collect();
    groups.extend(extra.into_iter().map(|(i, j, moved)| (vec![i], vec![j], moved)));
    // Splits and merges: an unpaired neighbour that holds a clause (a paragraph, or a sentence of
    // one: articles are often split at a 「；」) of the paired unit.
    let para_grams = |doc: &Document, unit: &Unit| -> Vec<Vec<u64>> {
        paragraphs(doc, unit.body)
            .into_iter()
            .flat_map(|p: Span| clauses(doc, p))
            .map(|p| normalized_key(doc, p))
            .filter(|k| k.chars().count() >= SPLIT_MIN_CHARS)
            .map(|k| bigrams(&k))
            .collect()
    };
    for group in &mut groups {
        // Split: one old unit, new neighbours.
        if let ([i], [j]) = (group.0.as_slice(), group.1.as_slice()) {
            let (i, j) = (*i, *j);
            group.1 =
                neighbours_holding(&para_grams(old_doc, &old[i]), j, &mut new_used, |k| para_grams(new_doc, &new[k]));
        }
        // Merge: one new unit, old neighbours.
        if let ([i], [j]) = (group.0.as_slice(), group.1.as_slice()) {
            let (i, j) = (*i, *j);
            group.0 =
                neighbours_holding(&para_grams(new_doc, &new[j]), i, &mut old_used, |k| para_grams(old_doc, &old[k]));
        }
    }
    groups.extend((0..n).filter(|&i| !old_used[i]).map(|i| (vec![i], Vec::new(), false)));
    groups.extend((0..m).filter(|&j| !new_used[j]).map(|j| (Vec::new(), vec![j], false)));
    Pairing { groups, sim }
}

/// The sentences of a paragraph, cut after 「。」 and 「；」.
fn clauses(doc: &Document, paragraph: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = paragraph.start;
    for (at, c) in (paragraph.start..).zip(doc.slice(paragraph).chars()) {
        if matches!(c, '。' | '；' | ';') {
            out.push(Span::new(start, at + 1));
            start = at + 1;
        }
    }
    if start < paragraph.end {
        out.push(Span::new(start, paragraph.end));
    }
    out
}

/// The units around `partner` (on the other side of a pair) that are unpaired and hold a paragraph
/// of `paragraphs` better than the units already taken: with `partner`, the units of a split (or
/// merge), sorted. Taken units are marked used.
fn neighbours_holding(
    paragraphs: &[Vec<u64>],
    partner: usize,
    used: &mut [bool],
    grams_of: impl Fn(usize) -> Vec<Vec<u64>>,
) -> Vec<usize> {
    let best_against = |p: &[u64], others: &[Vec<u64>]| others.iter().map(|q| dice(p, q)).fold(0.0, f32::max);
    let mut taken = vec![partner];
    for step in [1isize, -1] {
        let mut k = partner as isize + step;
        while k >= 0 && (k as usize) < used.len() && !used[k as usize] {
            let neighbour = grams_of(k as usize);
            let own: Vec<Vec<u64>> = taken.iter().flat_map(|&t| grams_of(t)).collect();
            let holds = paragraphs.iter().any(|p| {
                let there = best_against(p, &neighbour);
                there >= SPLIT_MIN && there > best_against(p, &own)
            });
            if !holds {
                break;
            }
            used[k as usize] = true;
            taken.push(k as usize);
            k += step;
        }
    }
    taken.sort_unstable();
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_of_equal_and_disjoint_texts() {
        assert!((dice(&bigrams("发票管理办法"), &bigrams("发票管理办法")) - 1.0).abs() < 1e-6);
        assert_eq!(dice(&bigrams("发票"), &bigrams("收养")), 0.0);
    }
}
