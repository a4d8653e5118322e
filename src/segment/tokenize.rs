//! Chinese word segmentation: one shared jieba instance with the policy lexicon.
//!
//! Building jieba (default dictionary plus the lexicon) takes a noticeable fraction of a second, so
//! it happens once per process, on first use or when [`warm_up`] is called from a background thread.
//! Tokens are reported as char spans that tile the requested span exactly, so callers can always go
//! back to the text as decoded; punctuation and whitespace come out as tokens of their own.

use std::ops::Range;
use std::sync::OnceLock;

use jieba_rs::Jieba;

use crate::text::{CharText, Span};

/// The policy lexicon, in jieba's user-dictionary format (`word freq tag` per line; see
/// `assets/dict/README.md`). Embedded so the binary needs no data files.
pub const POLICY_TERMS: &str = include_str!("../../assets/dict/policy_terms.txt");

static SEGMENTER: OnceLock<Jieba> = OnceLock::new();

/// jieba with its default dictionary and the policy lexicon.
fn build_segmenter() -> Result<Jieba, jieba_rs::Error> {
    let mut jieba = Jieba::new();
    jieba.load_dict(&mut POLICY_TERMS.as_bytes())?;
    Ok(jieba)
}

/// The shared segmenter, built on first use.
fn segmenter() -> &'static Jieba {
    // A lexicon that fails to parse would be caught by the tests; should it happen anyway, a
    // default-dictionary segmenter is better than none (load_dict may have stopped half way).
    SEGMENTER.get_or_init(|| build_segmenter().unwrap_or_else(|_| Jieba::new()))
}

/// Load the dictionary now (call from a background thread at start-up so the UI never waits on it).
pub fn warm_up() {
    let _ = segmenter();
}

/// Split `span` of `text` into word tokens, as char spans covering the span exactly, in order.
///
/// The span is clamped to the text. Whitespace and punctuation are tokens of their own.
pub fn tokenize(text: &CharText, span: Span) -> Vec<Span> {
    let end = span.end.min(text.char_len());
    let start = span.start.min(end);
    let clamped = Span::new(start, end);
    token_char_ranges(text.slice(clamped))
        .into_iter()
        .map(|range| Span::new(start + range.start, start + range.end))
        .collect()
}

/// The words of `s`, in order; concatenated they give `s` back.
pub fn tokenize_str(s: &str) -> Vec<&str> {
    segmenter().cut(s, true).into_iter().map(|token| token.word).collect()
}

/// Char ranges (offsets into `s`) of the words of `s`, tiling `0..s.chars().count()` in order.
pub fn token_char_ranges(s: &str) -> Vec<Range<usize>> {
    let tokens = segmenter().cut(s, true);
    let mut ranges = Vec::with_capacity(tokens.len());
    let mut pos = 0;
    // jieba's tokens already tile the input; the gap and overlap guards only keep the tiling
    // promise should a future jieba version behave differently.
    for token in tokens {
        if token.start > pos {
            ranges.push(pos..token.start);
            pos = token.start;
        }
        if token.end > pos {
            ranges.push(pos..token.end);
            pos = token.end;
        }
    }
    let total = s.chars().count();
    if total > pos {
        ranges.push(pos..total);
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize_str(s)
    }

    #[test]
    fn lexicon_parses_with_jieba() {
        let jieba = build_segmenter();
        assert!(jieba.is_ok(), "{:?}", jieba.err());
    }

    #[test]
    fn lexicon_lines_are_word_freq_tag() {
        let mut seen = std::collections::HashSet::new();
        for (number, line) in POLICY_TERMS.lines().enumerate() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(fields.len(), 3, "line {}: {line:?}", number + 1);
            assert!(fields[1].parse::<usize>().is_ok_and(|f| f > 0), "line {}: {line:?}", number + 1);
            assert!(seen.insert(fields[0]), "duplicate term {}", fields[0]);
        }
        assert!(seen.len() >= 250, "only {} terms", seen.len());
    }

    #[test]
    fn default_dictionary_splits_iot_badly_and_the_lexicon_fixes_it() {
        let plain = Jieba::new();
        let default_words: Vec<&str> = plain.cut("推动物联网", true).into_iter().map(|t| t.word).collect();
        assert_ne!(default_words, vec!["推动", "物联网"]);
        assert_eq!(words("推动物联网"), vec!["推动", "物联网"]);
    }

    #[test]
    fn policy_terms_stay_whole() {
        for term in
            ["跨境电子商务", "加计扣除", "以奖代补", "网络联贷联保", "抵质押品", "营改增", "先照后证", "三网融合"]
        {
            let cut = words(term);
            assert_eq!(cut, vec![term], "{term}");
        }
        assert!(words("扩大电子商务企业贷款抵质押品范围").contains(&"抵质押品"));
        assert!(words("按照研究开发费用的50%加计扣除").contains(&"加计扣除"));
        assert!(words("鼓励多种模式跨境电子商务发展").contains(&"跨境电子商务"));
        assert!(words("采用以奖代补、贷款贴息等支持方式").contains(&"以奖代补"));
    }

    #[test]
    fn spans_tile_the_requested_span() {
        let text = CharText::new("　　（二十四）加强融资支持。鼓励金融机构在风险可控的前提下，B2C与O2O！".to_string());
        let span = Span::new(2, text.char_len());
        let tokens = tokenize(&text, span);
        assert_eq!(tokens.first().map(|t| t.start), Some(2));
        assert_eq!(tokens.last().map(|t| t.end), Some(text.char_len()));
        for pair in tokens.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        assert!(tokens.iter().all(|t| !t.is_empty()));
        let rebuilt: String = tokens.iter().map(|&t| text.slice(t)).collect();
        assert_eq!(rebuilt, text.slice(span));
        assert!(tokens.iter().any(|&t| text.slice(t) == "金融机构"));
    }

    #[test]
    fn out_of_range_spans_are_clamped() {
        let text = CharText::new("电子商务".to_string());
        assert_eq!(tokenize(&text, Span::new(2, 99)).last().map(|t| t.end), Some(4));
        assert!(tokenize(&text, Span::new(9, 99)).is_empty());
    }
}
