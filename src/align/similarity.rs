//! Similarity of two sections: folded headings (tokens and char bigrams) and bodies (TF-IDF cosine over
//! char bigrams).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::segment::tokenize;
use crate::text::{CharText, Span};

use super::synonyms::fold_heading;

/// Weight of the heading in the blended pair score; headings name the topic, bodies confirm it.
const HEADING_WEIGHT: f32 = 0.6;
/// The highest pair score two sections can reach when their headings share nothing.
pub(crate) const MAX_SCORE_WITHOUT_HEADING: f32 = 1.0 - HEADING_WEIGHT;

/// A multiplicative hasher for small integer keys (bigrams, pair indices): SipHash's DoS resistance
/// buys nothing here and interning every body bigram is the largest cost of building features.
#[derive(Default)]
pub(crate) struct FastHasher(u64);

/// A hash map keyed by small integers.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u32(&mut self, value: u32) {
        self.write_u64(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// What a section is compared by.
#[derive(Clone, Debug, Default)]
pub(crate) struct Features {
    /// Word tokens of the folded heading, sorted and unique.
    heading_tokens: Vec<String>,
    /// Char bigrams (or the single char of a one-char heading) of the folded heading, sorted and unique.
    heading_grams: Vec<(char, char)>,
    /// L2-normalised TF-IDF weights of body char bigrams, sorted by bigram id.
    body: Vec<(u32, f32)>,
}

/// `char::is_alphanumeric` with a fast path for the chars policy text is made of: the general check
/// searches Unicode tables and was the largest cost of building body features.
fn is_word_char(c: char) -> bool {
    match c {
        '\u{4E00}'..='\u{9FFF}' => true,
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        _ => c.is_alphanumeric(),
    }
}

/// Char bigrams of the alphanumeric runs of `text` (punctuation and spaces break runs).
fn bigrams(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    let mut previous: Option<char> = None;
    text.chars().filter_map(move |c| {
        if !is_word_char(c) {
            previous = None;
            return None;
        }
        let gram = previous.map(|p| (p, c));
        previous = Some(c);
        gram
    })
}

fn heading_features(title: &str) -> (Vec<String>, Vec<(char, char)>) {
    let folded = fold_heading(title);
    let text = CharText::new(folded);
    let mut tokens: Vec<String> = tokenize(&text, Span::new(0, text.char_len()))
        .into_iter()
        .map(|span| text.slice(span).to_string())
        .filter(|token| token.chars().any(char::is_alphanumeric))
        .collect();
    tokens.sort();
    tokens.dedup();
    let mut grams: Vec<(char, char)> = bigrams(text.as_str()).collect();
    if grams.is_empty() {
        // A one-char heading still deserves to match itself.
        grams.extend(text.as_str().chars().next().map(|c| (c, c)));
    }
    grams.sort_unstable();
    grams.dedup();
    (tokens, grams)
}

/// Build features for sections given as `(title, body text)`, with IDF over these sections.
pub(crate) fn build_features(sections: &[(&str, &str)]) -> Vec<Features> {
    let mut ids: FastMap<(char, char), u32> = FastMap::default();
    // Counts per bigram id, reset after each section; only the distinct ids of a section get sorted.
    let mut scratch: Vec<u32> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let counts: Vec<Vec<(u32, u32)>> = sections
        .iter()
        .map(|(_, body)| {
            for gram in bigrams(body) {
                let next = ids.len() as u32;
                let id = *ids.entry(gram).or_insert(next);
                if id as usize >= scratch.len() {
                    scratch.resize(id as usize + 1, 0);
                }
                if scratch[id as usize] == 0 {
                    touched.push(id);
                }
                scratch[id as usize] += 1;
            }
            touched.sort_unstable();
            let counted: Vec<(u32, u32)> =
                touched.drain(..).map(|id| (id, std::mem::take(&mut scratch[id as usize]))).collect();
            counted
        })
        .collect();
    let mut document_frequency = vec![0u32; ids.len()];
    for counted in &counts {
        for &(gram, _) in counted {
            document_frequency[gram as usize] += 1;
        }
    }
    let total = sections.len().max(1) as f32;
    let idf: Vec<f32> = document_frequency.iter().map(|&df| (1.0 + total / df.max(1) as f32).ln()).collect();
    sections
        .iter()
        .zip(counts)
        .map(|((title, _), counted)| {
            let mut body: Vec<(u32, f32)> = counted
                .into_iter()
                .map(|(gram, count)| (gram, (1.0 + (count as f32).ln()) * idf[gram as usize]))
                .collect();
            let norm = body.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                body.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            let (heading_tokens, heading_grams) = heading_features(title);
            Features { heading_tokens, heading_grams, body }
        })
        .collect()
}

/// Dice coefficient of two sorted, duplicate-free slices.
pub(crate) fn dice<T: Ord>(a: &[T], b: &[T]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * shared) as f32 / (a.len() + b.len()) as f32
}

/// Cosine of two L2-normalised sparse vectors sorted by id.
pub(crate) fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

impl Features {
    /// Keys of the heading's tokens and bigrams, sorted and unique: two headings with no key in common
    /// have heading similarity 0, which is how candidate pairs are found without comparing all pairs.
    pub(crate) fn heading_keys(&self) -> Vec<u64> {
        let mut keys: Vec<u64> = self
            .heading_grams
            .iter()
            .map(|&(a, b)| (u64::from(a as u32) << 32) | u64::from(b as u32))
            .chain(self.heading_tokens.iter().map(|token| {
                // Token keys live above the char range so they never collide with bigram keys.
                let mut hasher = FastHasher::default();
                hasher.write(token.as_bytes());
                hasher.finish() | (1 << 63)
            }))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Similarity of the folded headings (0..=1).
    pub(crate) fn heading_similarity(&self, other: &Features) -> f32 {
        0.5 * dice(&self.heading_tokens, &other.heading_tokens) + 0.5 * dice(&self.heading_grams, &other.heading_grams)
    }

    /// Similarity of the bodies (0..=1).
    pub(crate) fn body_similarity(&self, other: &Features) -> f32 {
        cosine(&self.body, &other.body)
    }

    /// Blended pair score (0..=1); without a body on either side only the headings count.
    pub(crate) fn similarity(&self, other: &Features) -> f32 {
        let heading = self.heading_similarity(other);
        if self.body.is_empty() || other.body.is_empty() {
            return heading;
        }
        HEADING_WEIGHT * heading + (1.0 - HEADING_WEIGHT) * self.body_similarity(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_and_cosine_basics() {
        assert_eq!(dice(&[1, 2, 3], &[2, 3, 4]), 4.0 / 6.0);
        assert_eq!(dice::<u8>(&[], &[1]), 0.0);
        assert!((cosine(&[(1, 0.6), (2, 0.8)], &[(1, 0.6), (2, 0.8)]) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[(1, 1.0)], &[(2, 1.0)]), 0.0);
    }

    #[test]
    fn synonym_headings_score_fully_and_bodies_discriminate() {
        let features = build_features(&[
            ("强化财政支持", "省财政安排专项资金支持电子商务发展。"),
            ("加大财政支持力度", "各级财政安排专项资金支持电子商务。"),
            ("加强用地支持", "各地级以上市的用地计划指标要优先安排。"),
        ]);
        assert!((features[0].heading_similarity(&features[1]) - 1.0).abs() < 1e-6);
        assert!(features[0].body_similarity(&features[1]) > features[0].body_similarity(&features[2]));
        assert!(features[0].similarity(&features[1]) > 0.7);
        assert!(features[0].similarity(&features[2]) < 0.5);
    }

    #[test]
    fn bigrams_break_at_punctuation() {
        assert_eq!(bigrams("ab，c d").collect::<Vec<_>>(), vec![('a', 'b')]);
    }
}
