//! Word tokens of whole documents for the aligner, segmented once per text.
//!
//! jieba is the largest cost of building section features, and an analysis re-runs whenever the user
//! changes a setting, reorders or re-dates documents, or pins a section: the texts are the same, so
//! their tokens are too. Each document is segmented whole, once (sections take the tokens inside
//! their span), and the result is kept in a small process-wide cache keyed by the text.

use std::collections::{HashMap, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use crate::segment::tokenize::token_char_ranges;

/// Word tokens of one text: char ranges tiling it, in order.
pub(crate) type Tokens = Arc<Vec<Range<u32>>>;

/// Tokens kept in the cache at most (about 8 bytes each): a few dozen policy documents, without
/// letting a run over huge texts hold on to memory.
const MAX_CACHED_TOKENS: usize = 4_000_000;

#[derive(Default)]
struct Cache {
    entries: HashMap<(u64, usize), Tokens>,
    /// Keys, oldest first.
    order: VecDeque<(u64, usize)>,
    tokens: usize,
}

static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();

fn key(text: &str) -> (u64, usize) {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    (hasher.finish(), text.len())
}

/// The word tokens of `text` (char ranges), from the cache or segmented now.
pub(crate) fn document_tokens(text: &str) -> Tokens {
    let key = key(text);
    let cache = CACHE.get_or_init(|| Mutex::new(Cache::default()));
    if let Ok(cache) = cache.lock()
        && let Some(tokens) = cache.entries.get(&key)
    {
        return tokens.clone();
    }
    // Texts over 4 G chars do not exist among policy documents; clamp rather than wrap.
    let clamp = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    let tokens: Tokens = Arc::new(token_char_ranges(text).into_iter().map(|r| clamp(r.start)..clamp(r.end)).collect());
    if let Ok(mut cache) = cache.lock()
        && tokens.len() <= MAX_CACHED_TOKENS
        && !cache.entries.contains_key(&key)
    {
        while cache.tokens + tokens.len() > MAX_CACHED_TOKENS {
            let Some(oldest) = cache.order.pop_front() else { break };
            if let Some(gone) = cache.entries.remove(&oldest) {
                cache.tokens -= gone.len();
            }
        }
        cache.tokens += tokens.len();
        cache.order.push_back(key);
        cache.entries.insert(key, tokens.clone());
    }
    tokens
}

/// The tokens of `tokens` that lie wholly inside the char range `from..to`.
pub(crate) fn tokens_within(tokens: &[Range<u32>], from: usize, to: usize) -> &[Range<u32>] {
    let first = tokens.partition_point(|t| (t.start as usize) < from);
    let last = tokens.partition_point(|t| (t.end as usize) <= to).max(first);
    &tokens[first..last]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_segmented_once_and_sections_take_their_tokens() {
        let text = "第一条 为了加强气象灾害的防御，制定本条例。\n第二条 本条例自公布之日起施行。\n";
        let first = document_tokens(text);
        let again = document_tokens(text);
        assert!(Arc::ptr_eq(&first, &again), "the second call is served from the cache");
        let chars: Vec<char> = text.chars().collect();
        let word = |r: &Range<u32>| chars[r.start as usize..r.end as usize].iter().collect::<String>();
        let second_line = text.chars().position(|c| c == '\n').unwrap() + 1;
        let inside: Vec<String> = tokens_within(&first, second_line, chars.len()).iter().map(word).collect();
        assert_eq!(inside.concat(), "第二条 本条例自公布之日起施行。\n");
        assert!(inside.iter().any(|w| w == "施行"));
        assert!(tokens_within(&first, 3, 3).is_empty());
    }
}
