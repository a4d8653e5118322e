//! One normalised text and one fingerprinting for every reuse search.
//!
//! Documents are compared on their normalised chars (see [`crate::segment::normalize`]). Every
//! k-gram of normalised chars gets a 64-bit rolling hash; winnowing keeps the minimum hash of every
//! window of `window` consecutive k-grams. Any passage of at least `k + window - 1` normalised chars
//! shared by two documents contains a whole window, so both documents keep that window's minimum:
//! such a passage always yields a seed. The same fingerprints seed the pairwise alignment
//! ([`super::engine`]) and fill the persistent folder index ([`crate::scan::index`]), so a folder
//! check and `compare` start from the same evidence.

use std::hash::Hasher;

use rustc_hash::FxHasher;

use crate::segment::normalize::{NormalizeOptions, Normalized, is_punctuation, normalize};
use crate::text::{CharText, Span};

/// Normalised chars of a document with their source offsets, stored compactly: policy texts have
/// a punctuation mark every dozen chars, so origins are kept as runs of consecutive offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NormText {
    chars: Vec<char>,
    /// `(first normalised index, its source offset)` of each run of consecutive source offsets.
    runs: Vec<(u32, u32)>,
    /// `(normalised index, source end)` of each char that stands for several source chars (a
    /// folded level), in order: a passage that ends on one covers the whole level expression.
    wide: Vec<(u32, u32)>,
}

impl NormText {
    /// Normalise the whole of `text`.
    pub fn new(text: &CharText, options: &NormalizeOptions) -> Self {
        Self::from_normalized(normalize(text, Span::new(0, text.char_len()), options))
    }

    /// Compact an already normalised text.
    pub fn from_normalized(normalized: Normalized) -> Self {
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
        let wide = normalized.wide.iter().map(|&(i, end)| (i as u32, end as u32)).collect();
        Self { chars, runs, wide }
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

    /// First normalised index whose source offset is at or after `source` (`len()` when none is):
    /// maps a source span onto normalised positions.
    pub fn index_at_or_after(&self, source: usize) -> usize {
        // Runs are in increasing order of both normalised index and source offset.
        let run = self.runs.partition_point(|&(_, origin)| (origin as usize) <= source);
        let Some(r) = run.checked_sub(1) else {
            return 0;
        };
        let (start, origin) = self.runs[r];
        let run_end = self.runs.get(r + 1).map_or(self.chars.len(), |&(s, _)| s as usize);
        let offset = source - origin as usize;
        (start as usize + offset).min(run_end)
    }

    /// Source span of normalised chars `[start, end)`.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        if start >= end || end > self.chars.len() {
            let at = if start < self.chars.len() { self.origin(start) } else { 0 };
            return Span::new(at, at);
        }
        let last = end - 1;
        let wide_end =
            self.wide.binary_search_by_key(&(last as u32), |&(i, _)| i).ok().map(|w| self.wide[w].1 as usize);
        Span::new(self.origin(start), wide_end.unwrap_or(self.origin(last) + 1))
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
    if window == 1 {
        // Every hash is its own window's minimum (the engine's seeds, one per k-gram).
        out.extend(hashes.iter().enumerate().map(|(i, &hash)| (hash, i as u32)));
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

/// True for chars counted by copy ratios: everything except whitespace and punctuation.
pub(crate) fn is_countable(c: char) -> bool {
    !c.is_whitespace() && !is_punctuation(c)
}
