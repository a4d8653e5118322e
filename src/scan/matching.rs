//! Fingerprints of normalised text and exact passage extension.
//!
//! Documents are compared on their normalised chars (see [`crate::segment::normalize`]). Every
//! k-gram of normalised chars gets a 64-bit rolling hash; winnowing keeps the minimum hash of every
//! window of `window` consecutive k-grams. Any passage of at least `k + window - 1` normalised chars
//! shared by two documents contains a whole window, so both documents keep that window's minimum:
//! no such passage can be missed. Candidates found through fingerprints are then compared char by
//! char: each shared fingerprint is a seed, extended left and right to the maximal exact match.

use std::hash::Hasher;

use rustc_hash::FxHasher;

use crate::segment::normalize::{NormalizeOptions, normalize};
use crate::text::{CharText, Span};

/// Normalised chars of a document with their source offsets, stored compactly: policy texts have
/// a punctuation mark every dozen chars, so origins are kept as runs of consecutive offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NormText {
    chars: Vec<char>,
    /// `(first normalised index, its source offset)` of each run of consecutive source offsets.
    runs: Vec<(u32, u32)>,
}

impl NormText {
    /// Normalise the whole of `text`.
    pub fn new(text: &CharText, options: &NormalizeOptions) -> Self {
        let normalized = normalize(text, Span::new(0, text.char_len()), options);
        let mut runs = Vec::new();
        for (i, &origin) in normalized.origin.iter().enumerate() {
            let continues = i > 0 && normalized.origin[i - 1] + 1 == origin;
            if !continues {
                runs.push((i as u32, origin as u32));
            }
        }
        let mut chars = normalized.chars;
        // Kept in memory for every document of an all-pairs run: no slack capacity.
        chars.shrink_to_fit();
        runs.shrink_to_fit();
        Self { chars, runs }
    }

    /// The normalised chars.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Number of normalised chars.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when nothing survived normalisation.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Source char offset of normalised char `i` (clamped to the last char).
    pub fn origin(&self, i: usize) -> usize {
        let run = self.runs.partition_point(|&(start, _)| start as usize <= i);
        match run.checked_sub(1).and_then(|r| self.runs.get(r)) {
            Some(&(start, source)) => source as usize + (i - start as usize),
            None => 0,
        }
    }

    /// Source span of normalised chars `[start, end)`.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        if start >= end || end > self.chars.len() {
            let at = if start < self.chars.len() { self.origin(start) } else { 0 };
            return Span::new(at, at);
        }
        Span::new(self.origin(start), self.origin(end - 1) + 1)
    }

    /// A hash of the normalised chars: equal for texts that match entirely.
    pub fn text_hash(&self) -> u64 {
        let mut hasher = FxHasher::default();
        for &c in &self.chars {
            hasher.write_u32(c as u32);
        }
        hasher.write_usize(self.chars.len());
        hasher.finish()
    }
}

/// K-gram length and winnowing window, derived from the minimum passage length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// K-gram length in normalised chars.
    pub k: usize,
    /// Winnowing window in k-grams.
    pub window: usize,
}

impl Params {
    /// Parameters that guarantee finding every shared passage of `min_chars` normalised chars.
    pub fn for_min_chars(min_chars: usize, kgram: usize) -> Self {
        let min_chars = min_chars.max(1);
        let k = kgram.clamp(1, min_chars);
        Self { k, window: min_chars - k + 1 }
    }

    /// Shared passages at least this long always share a fingerprint.
    pub fn guarantee(&self) -> usize {
        self.k + self.window - 1
    }
}

const BASE: u64 = 0x0000_0100_0000_01B3;

/// Finaliser of MurmurHash3: spreads the polynomial hash so that window minima are unbiased.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^ (x >> 33)
}

/// Hash of every k-gram of `chars`: entry `i` is the hash of `chars[i..i + k]`.
pub fn kgram_hashes(chars: &[char], k: usize) -> Vec<u64> {
    if k == 0 || chars.len() < k {
        return Vec::new();
    }
    let value = |c: char| c as u64 + 1;
    let mut top = 1u64;
    for _ in 1..k {
        top = top.wrapping_mul(BASE);
    }
    let mut hash = 0u64;
    for &c in &chars[..k] {
        hash = hash.wrapping_mul(BASE).wrapping_add(value(c));
    }
    let mut out = Vec::with_capacity(chars.len() - k + 1);
    out.push(mix(hash));
    for i in k..chars.len() {
        hash =
            hash.wrapping_sub(value(chars[i - k]).wrapping_mul(top)).wrapping_mul(BASE).wrapping_add(value(chars[i]));
        out.push(mix(hash));
    }
    out
}

/// Robust winnowing: the rightmost minimum of every window of `window` hashes, each position once.
/// Returns `(hash, position)` in position order. Texts shorter than one window keep their minimum.
pub fn winnow(hashes: &[u64], window: usize) -> Vec<(u64, u32)> {
    let window = window.max(1);
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(hashes.len() * 2 / (window + 1) + 1);
    if hashes.is_empty() {
        return out;
    }
    let mut queue = std::collections::VecDeque::<usize>::new();
    let mut last: Option<usize> = None;
    for (i, &hash) in hashes.iter().enumerate() {
        while queue.back().is_some_and(|&j| hashes[j] >= hash) {
            queue.pop_back();
        }
        queue.push_back(i);
        let complete = i + 1 >= window || i + 1 == hashes.len();
        if !complete {
            continue;
        }
        let first = (i + 1).saturating_sub(window);
        while queue.front().is_some_and(|&j| j < first) {
            queue.pop_front();
        }
        if let Some(&min) = queue.front()
            && last != Some(min)
        {
            out.push((hashes[min], min as u32));
            last = Some(min);
        }
    }
    out
}

/// Winnowed fingerprints of normalised chars, with their positions.
pub fn fingerprints(chars: &[char], params: Params) -> Vec<(u64, u32)> {
    winnow(&kgram_hashes(chars, params.k), params.window)
}

/// The distinct fingerprint hashes of normalised chars, sorted: what the index stores.
pub fn fingerprint_set(chars: &[char], params: Params) -> Vec<u64> {
    let winnowed = fingerprints(chars, params);
    // A fresh exact-size allocation: these stay in memory for every document of the corpus.
    let mut set: Vec<u64> = Vec::with_capacity(winnowed.len());
    set.extend(winnowed.iter().map(|&(hash, _)| hash));
    set.sort_unstable();
    set.dedup();
    set.shrink_to_fit();
    set
}

/// Every k-gram of one text, sorted by hash for lookups.
#[derive(Clone, Debug, Default)]
pub struct KgramTable {
    entries: Vec<(u64, u32)>,
}

impl KgramTable {
    /// The table of all k-grams of `chars`.
    pub fn new(chars: &[char], k: usize) -> Self {
        let mut entries: Vec<(u64, u32)> =
            kgram_hashes(chars, k).into_iter().enumerate().map(|(i, hash)| (hash, i as u32)).collect();
        entries.sort_unstable();
        Self { entries }
    }

    /// Positions of k-grams with hash `hash`.
    pub fn positions(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        let from = self.entries.partition_point(|&(h, _)| h < hash);
        self.entries[from..].iter().take_while(move |&&(h, _)| h == hash).map(|&(_, pos)| pos)
    }

    /// True when some k-gram has hash `hash`.
    pub fn contains(&self, hash: u64) -> bool {
        self.positions(hash).next().is_some()
    }

    /// The distinct hashes, sorted.
    pub fn hashes(&self) -> Vec<u64> {
        let mut hashes: Vec<u64> = self.entries.iter().map(|&(h, _)| h).collect();
        hashes.dedup();
        hashes
    }
}

/// An exact (after normalisation) shared passage, in normalised char offsets of both texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Match {
    /// Start in text A.
    pub a_start: usize,
    /// End in text A (exclusive).
    pub a_end: usize,
    /// Start in text B.
    pub b_start: usize,
    /// End in text B (exclusive).
    pub b_end: usize,
    /// Normalised chars that are equal in both (gaps merged over are not counted).
    pub chars: usize,
}

/// Shared passages of at least `min_chars` normalised chars between text A (with its table of all
/// k-grams) and text B (with its winnowed fingerprints). Matches separated by at most `merge_gap`
/// chars in both texts are merged into one passage. Sorted by position in A.
pub fn find_matches(
    a: &[char],
    a_table: &KgramTable,
    b: &[char],
    b_fingerprints: &[(u64, u32)],
    k: usize,
    min_chars: usize,
    merge_gap: usize,
) -> Vec<Match> {
    let mut seeds: Vec<(i64, u32, u32)> = Vec::new();
    for &(hash, pb) in b_fingerprints {
        for pa in a_table.positions(hash) {
            seeds.push((pb as i64 - pa as i64, pa, pb));
        }
    }
    seeds.sort_unstable();
    let mut raw = Vec::new();
    let mut current: Option<(i64, usize)> = None;
    for (diagonal, pa, pb) in seeds {
        let (pa, pb) = (pa as usize, pb as usize);
        if let Some((d, end)) = current
            && d == diagonal
            && pa < end
        {
            continue;
        }
        if pa + k > a.len() || pb + k > b.len() || a[pa..pa + k] != b[pb..pb + k] {
            continue; // a hash collision
        }
        let mut before = 0;
        while before < pa.min(pb) && a[pa - before - 1] == b[pb - before - 1] {
            before += 1;
        }
        let mut after = k;
        while pa + after < a.len() && pb + after < b.len() && a[pa + after] == b[pb + after] {
            after += 1;
        }
        let found = Match {
            a_start: pa - before,
            a_end: pa + after,
            b_start: pb - before,
            b_end: pb + after,
            chars: before + after,
        };
        current = Some((diagonal, found.a_end));
        raw.push(found);
    }
    merge_matches(raw, merge_gap, min_chars)
}

fn merge_matches(mut raw: Vec<Match>, merge_gap: usize, min_chars: usize) -> Vec<Match> {
    raw.sort_unstable();
    let mut out: Vec<Match> = Vec::with_capacity(raw.len());
    for next in raw {
        if let Some(last) = out.last_mut()
            && next.a_start >= last.a_end
            && next.a_start - last.a_end <= merge_gap
            && next.b_start >= last.b_end
            && next.b_start - last.b_end <= merge_gap
        {
            last.a_end = next.a_end;
            last.b_end = next.b_end;
            last.chars += next.chars;
            continue;
        }
        out.push(next);
    }
    out.retain(|m| m.chars >= min_chars);
    out
}

/// Number of positions covered by the union of half-open ranges.
pub fn covered(ranges: impl IntoIterator<Item = (usize, usize)>) -> usize {
    let mut ranges: Vec<(usize, usize)> = ranges.into_iter().filter(|(s, e)| s < e).collect();
    ranges.sort_unstable();
    let mut total = 0;
    let mut reach = 0;
    for (start, end) in ranges {
        let start = start.max(reach);
        if end > start {
            total += end - start;
            reach = end;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn winnowing_guarantees_shared_passages() {
        let params = Params::for_min_chars(30, 12);
        assert_eq!((params.k, params.window, params.guarantee()), (12, 19, 30));
        let shared = "鼓励金融机构在风险可控的前提下加大对电子商务企业的信贷支持力度";
        let a = chars(&format!("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥{shared}天地玄黄宇宙洪荒"));
        let b = chars(&format!("日月盈昃辰宿列张寒来暑往秋收冬藏{shared}闰余成岁律吕调阳云腾致雨露结为霜"));
        let table = KgramTable::new(&a, params.k);
        let found = find_matches(&a, &table, &b, &fingerprints(&b, params), params.k, 30, 4);
        assert_eq!(found.len(), 1);
        let m = found[0];
        let len = shared.chars().count();
        assert_eq!(m.chars, len);
        assert_eq!(a[m.a_start..m.a_end].iter().collect::<String>(), shared);
        assert_eq!(b[m.b_start..m.b_end].iter().collect::<String>(), shared);
    }

    #[test]
    fn winnow_keeps_rightmost_minimum_once() {
        assert_eq!(winnow(&[5, 3, 4, 3, 9], 3), vec![(3, 1), (3, 3)]);
        assert_eq!(winnow(&[7, 8], 5), vec![(7, 0)]);
        assert!(winnow(&[], 4).is_empty());
    }

    #[test]
    fn origins_are_compact_and_exact() {
        let text = CharText::new("一、加大，财政（支持）力度。".to_string());
        let norm = NormText::new(&text, &NormalizeOptions::default());
        assert_eq!(norm.chars().iter().collect::<String>(), "一加大财政支持力度");
        assert_eq!(norm.source_span(1, 5), Span::new(2, 7));
        assert_eq!(text.slice(norm.source_span(3, 7)), "财政（支持");
    }

    #[test]
    fn coverage_counts_union() {
        assert_eq!(covered([(0, 10), (5, 15), (20, 25)]), 20);
    }
}
