//! Building blocks of section similarity: folded headings (tokens and char bigrams), Dice and cosine,
//! and the hash map for the integer keys of term and pair maps.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::segment::tokenize;
use crate::text::{CharText, Span};

use super::synonyms::fold_heading;

/// A hash map keyed by small integers (bigrams, pair indices): the crate's one fast hasher,
/// `rustc_hash`'s, since SipHash's DoS resistance buys nothing here and interning every body bigram
/// is the largest cost of building features.
pub(crate) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// `char::is_alphanumeric` with a fast path for the chars policy text is made of: the general check
/// searches Unicode tables and was the largest cost of building body features.
pub(crate) fn is_word_char(c: char) -> bool {
    match c {
        '\u{4E00}'..='\u{9FFF}' => true,
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        _ => c.is_alphanumeric(),
    }
}

/// Char bigrams of the alphanumeric runs of `text` (punctuation and spaces break runs).
pub(crate) fn bigrams(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
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

/// Headings whose features are kept: far more than any set of documents has, small in memory.
const MAX_CACHED_HEADINGS: usize = 20_000;

/// Features of headings seen before: every analysis segments the same headings (and each article
/// of a chapter has the chapter title as context), and jieba is the cost of building them.
static HEADINGS: OnceLock<Mutex<HashMap<String, HeadingFeatures>>> = OnceLock::new();

/// Word tokens and char bigrams of a folded heading, each sorted and unique.
pub(crate) type HeadingFeatures = (Vec<String>, Vec<(char, char)>);

/// Word tokens and char bigrams of the folded heading, each sorted and unique (cached per title).
pub(crate) fn heading_features(title: &str) -> HeadingFeatures {
    let cache = HEADINGS.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(cache) = cache.lock()
        && let Some(features) = cache.get(title)
    {
        return features.clone();
    }
    let features = segment_heading(title);
    if let Ok(mut cache) = cache.lock() {
        if cache.len() >= MAX_CACHED_HEADINGS {
            cache.clear();
        }
        cache.insert(title.to_string(), features.clone());
    }
    features
}

fn segment_heading(title: &str) -> HeadingFeatures {
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
    fn bigrams_break_at_punctuation() {
        assert_eq!(bigrams("ab，c d").collect::<Vec<_>>(), vec![('a', 'b')]);
    }
}
