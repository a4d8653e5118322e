//! Per-document preparation and the k-gram / clause indexes that reuse detection searches.
//!
//! A [`Prepared`] document holds its normalised chars, clause boundaries and boilerplate marks. An
//! [`Indexed`] document adds hash tables over its k-grams and clause trigrams so that any other
//! prepared document can be scanned against it in time linear in the scanned document. `detect`
//! indexes every document once and scans later documents against it; `detect_against` indexes only
//! the query and streams every other document past it, so memory stays flat for large corpora.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::boilerplate::Formulae;
use crate::model::Document;
use crate::segment::normalize::{NormalizeOptions, Normalized, is_punctuation, normalize};
use crate::text::Span;

/// Longest clause (in normalised chars) compared as one unit; longer runs without clause
/// punctuation are cut into pieces so edited-reuse scoring stays bounded.
pub(crate) const MAX_CLAUSE_CHARS: usize = 256;

/// Longest k-gram used to seed exact matches.
const MAX_SEED: usize = 8;

/// A k-gram occurring more often than this in one document is too common to seed matches (runs of
/// one repeated char, tables): skipping it bounds the work on degenerate input.
const MAX_POSTINGS: usize = 48;

/// A clause trigram found in more clauses than this is skipped when looking for edited clauses.
const MAX_CLAUSE_POSTINGS: usize = 64;

/// Hasher for keys that already are well-mixed 64-bit values.
#[derive(Default, Clone, Copy)]
pub(crate) struct U64Hasher(u64);

impl Hasher for U64Hasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        // Trigram keys are packed chars, not hashes: mix them so the table spreads them.
        self.0 = (n ^ (n >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
}

/// HashMap keyed by u64 values with a cheap hasher.
pub(crate) type U64Map<V> = HashMap<u64, V, BuildHasherDefault<U64Hasher>>;

/// Characters that end a clause for edited-reuse comparison.
fn ends_clause(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？' | ';' | '!' | '?' | '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// True for chars counted by copy ratios: everything except whitespace and punctuation.
pub(crate) fn is_countable(c: char) -> bool {
    !c.is_whitespace() && !is_punctuation(c)
}

/// One document ready for comparison.
#[derive(Debug)]
pub(crate) struct Prepared {
    /// Normalised chars with their source offsets.
    pub norm: Normalized,
    /// Clauses as ranges of normalised positions, in order, at most [`MAX_CLAUSE_CHARS`] long.
    pub clauses: Vec<Range<usize>>,
    /// Ranges of normalised positions inside 公文 formulae or cited titles, sorted and disjoint.
    pub formula: Vec<Range<usize>>,
    /// Distinct trigrams of all clauses, sorted per clause; clause `i` owns `grams[gram_starts[i]..
    /// gram_starts[i + 1]]`. Computed once because every pair the document is in needs them.
    pub grams: Vec<u64>,
    /// Start of each clause's trigrams in `grams`, plus one final entry.
    pub gram_starts: Vec<usize>,
}

impl Prepared {
    /// Normalise `document`, find its clauses and mark its formulae.
    pub(crate) fn new(document: &Document, normalize_options: &NormalizeOptions, formulae: &Formulae) -> Self {
        let norm = normalize(&document.text, Span::new(0, document.chars()), normalize_options);
        let mut boundaries = Vec::new();
        for (offset, c) in document.text.as_str().chars().enumerate() {
            if ends_clause(c) {
                boundaries.push(offset);
            }
        }
        let clauses = split_clauses(&norm, &boundaries);
        let formula = formulae.mark(document, &norm, &clauses);
        Prepared::assemble(norm, clauses, formula)
    }

    /// Finish a prepared document from its parts (computes the clause trigrams).
    pub(crate) fn assemble(norm: Normalized, clauses: Vec<Range<usize>>, formula: Vec<Range<usize>>) -> Self {
        let mut grams = Vec::with_capacity(norm.chars.len());
        let mut gram_starts = Vec::with_capacity(clauses.len() + 1);
        for range in &clauses {
            gram_starts.push(grams.len());
            grams.extend(clause_trigrams(&norm.chars[range.clone()]));
        }
        gram_starts.push(grams.len());
        Prepared { norm, clauses, formula, grams, gram_starts }
    }

    /// Distinct trigrams of clause `i`, sorted.
    pub(crate) fn clause_grams(&self, i: usize) -> &[u64] {
        &self.grams[self.gram_starts[i]..self.gram_starts[i + 1]]
    }
}

/// Clauses as normalised ranges: a clause ends where the source has clause punctuation.
fn split_clauses(norm: &Normalized, boundaries: &[usize]) -> Vec<Range<usize>> {
    let mut clauses = Vec::new();
    let mut start = 0;
    let mut next_boundary = 0;
    for (i, &origin) in norm.origin.iter().enumerate() {
        let mut crossed = false;
        while next_boundary < boundaries.len() && boundaries[next_boundary] < origin {
            next_boundary += 1;
            crossed = true;
        }
        if crossed && i > start {
            push_clause(&mut clauses, start..i);
            start = i;
        }
    }
    if norm.origin.len() > start {
        push_clause(&mut clauses, start..norm.origin.len());
    }
    clauses
}

/// Push `range`, cut into near-equal pieces no longer than [`MAX_CLAUSE_CHARS`].
fn push_clause(clauses: &mut Vec<Range<usize>>, range: Range<usize>) {
    let len = range.len();
    let pieces = len.div_ceil(MAX_CLAUSE_CHARS).max(1);
    let step = len.div_ceil(pieces);
    let mut start = range.start;
    while start < range.end {
        let end = (start + step).min(range.end);
        clauses.push(start..end);
        start = end;
    }
}

/// Seed length for exact matching under a minimum passage length.
pub(crate) fn seed_len(min_chars: usize) -> usize {
    min_chars.clamp(1, MAX_SEED)
}

/// Polynomial rolling hash of k consecutive chars.
pub(crate) struct RollingHash {
    k: usize,
    /// BASE^(k-1), to remove the outgoing char.
    top: u64,
}

const BASE: u64 = 0x100_0000_01B3;

impl RollingHash {
    /// Hash windows of `k` chars.
    pub(crate) fn new(k: usize) -> Self {
        let mut top = 1u64;
        for _ in 1..k {
            top = top.wrapping_mul(BASE);
        }
        Self { k, top }
    }

    /// Hashes of every window of `chars`, calling `f(position, hash)` in order.
    pub(crate) fn for_each(&self, chars: &[char], mut f: impl FnMut(usize, u64)) {
        if chars.len() < self.k {
            return;
        }
        let mut h = 0u64;
        for &c in &chars[..self.k] {
            h = h.wrapping_mul(BASE).wrapping_add(u64::from(c));
        }
        f(0, h);
        for i in self.k..chars.len() {
            h = h.wrapping_sub(u64::from(chars[i - self.k]).wrapping_mul(self.top));
            h = h.wrapping_mul(BASE).wrapping_add(u64::from(chars[i]));
            f(i + 1 - self.k, h);
        }
    }
}

/// Packed trigram of three chars (21 bits each): exact, no collisions.
pub(crate) fn trigram(chars: &[char]) -> u64 {
    (u64::from(chars[0]) << 42) | (u64::from(chars[1]) << 21) | u64::from(chars[2])
}

/// Distinct trigrams of a clause, sorted.
fn clause_trigrams(chars: &[char]) -> Vec<u64> {
    let mut grams: Vec<u64> = chars.windows(3).map(trigram).collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// An inverted index from u64 keys to u32 values, stored flat (one allocation, not one per key).
pub(crate) struct Postings {
    /// Key → (start, length) in `items`.
    ranges: U64Map<(u32, u32)>,
    items: Vec<u32>,
}

impl Postings {
    /// Index `(key, value)` pairs, leaving out keys with more than `cap` values.
    fn build(mut pairs: Vec<(u64, u32)>, cap: usize) -> Self {
        pairs.sort_unstable();
        let mut ranges = U64Map::default();
        ranges.reserve(pairs.len());
        let mut items = Vec::with_capacity(pairs.len());
        for group in pairs.chunk_by(|x, y| x.0 == y.0) {
            if group.len() <= cap {
                ranges.insert(group[0].0, (items.len() as u32, group.len() as u32));
                items.extend(group.iter().map(|&(_, v)| v));
            }
        }
        Postings { ranges, items }
    }

    /// Values stored under `key`, in increasing order.
    pub(crate) fn get(&self, key: u64) -> &[u32] {
        match self.ranges.get(&key) {
            Some(&(start, len)) => &self.items[start as usize..(start + len) as usize],
            None => &[],
        }
    }
}

/// A prepared document with search tables over its k-grams and clause trigrams.
pub(crate) struct Indexed<'a> {
    /// The document.
    pub doc: &'a Prepared,
    /// Seed length.
    pub k: usize,
    /// k-gram hash → normalised positions (frequent k-grams left out).
    pub kgrams: Postings,
    /// Trigram → clauses (indexes into `doc.clauses`) long enough for edited reuse.
    pub clause_grams: Postings,
    /// Distinct trigram count of each clause (0 for clauses too short to consider).
    pub clause_gram_counts: Vec<u32>,
}

impl<'a> Indexed<'a> {
    /// Index `doc` for seeds of `k` chars and clauses of at least `min_clause` chars.
    pub(crate) fn new(doc: &'a Prepared, k: usize, min_clause: usize) -> Self {
        let mut seeds = Vec::with_capacity(doc.norm.chars.len());
        RollingHash::new(k).for_each(&doc.norm.chars, |pos, h| seeds.push((h, pos as u32)));
        let kgrams = Postings::build(seeds, MAX_POSTINGS);

        let mut grams = Vec::new();
        let mut clause_gram_counts = vec![0u32; doc.clauses.len()];
        for (ci, range) in doc.clauses.iter().enumerate() {
            if range.len() < min_clause.max(3) {
                continue;
            }
            let distinct = doc.clause_grams(ci);
            clause_gram_counts[ci] = distinct.len() as u32;
            grams.extend(distinct.iter().map(|&g| (g, ci as u32)));
        }
        let clause_grams = Postings::build(grams, MAX_CLAUSE_POSTINGS);
        Indexed { doc, k, kgrams, clause_grams, clause_gram_counts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::normalize::normalize_chars;

    fn norm(s: &str) -> Normalized {
        let chars: Vec<char> = s.chars().collect();
        normalize_chars(&chars, 0, &NormalizeOptions::default())
    }

    #[test]
    fn clauses_end_at_clause_punctuation() {
        let text = "甲乙丙，丁。戊己；庚\n辛";
        let n = norm(text);
        let boundaries: Vec<usize> =
            text.chars().enumerate().filter(|(_, c)| ends_clause(*c)).map(|(i, _)| i).collect();
        let clauses = split_clauses(&n, &boundaries);
        let texts: Vec<String> = clauses.iter().map(|r| n.chars[r.clone()].iter().collect()).collect();
        assert_eq!(texts, vec!["甲乙丙丁", "戊己", "庚", "辛"]);
    }

    #[test]
    fn long_clauses_are_cut_into_bounded_pieces() {
        let mut clauses = Vec::new();
        push_clause(&mut clauses, 10..1010);
        assert_eq!(clauses.len(), 4);
        assert!(clauses.iter().all(|r| r.len() <= MAX_CLAUSE_CHARS));
        assert_eq!(clauses[0].start, 10);
        assert_eq!(clauses[3].end, 1010);
    }

    #[test]
    fn rolling_hash_matches_direct_hash() {
        let chars: Vec<char> = "鼓励金融机构在风险可控的前提下鼓励金融机构".chars().collect();
        let mut hashes = Vec::new();
        RollingHash::new(6).for_each(&chars, |_, h| hashes.push(h));
        assert_eq!(hashes.len(), chars.len() - 5);
        assert_eq!(hashes[0], hashes[15]);
        assert_ne!(hashes[0], hashes[1]);
    }
}
