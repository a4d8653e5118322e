//! Char-offset addressing of decoded text.
//!
//! Every position the analysis reports is a char (Unicode scalar value) offset into the text exactly
//! as decoded, end exclusive. Rust strings are indexed by bytes, so [`CharText`] keeps a table that
//! turns char offsets into byte offsets in O(1) for slicing.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of char offsets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First char of the range.
    pub start: usize,
    /// One past the last char of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Self { start, end }
    }

    /// Number of chars covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no char.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `other` lies entirely inside this span.
    pub fn contains_span(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Number of chars shared by both spans.
    pub fn overlap(&self, other: Span) -> usize {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        end.saturating_sub(start)
    }
}

/// Decoded text with a char → byte offset table.
#[derive(Clone, Debug, Default)]
pub struct CharText {
    text: String,
    /// `byte_of[i]` is the byte offset of char `i`; one extra entry holds `text.len()`. 32 bits:
    /// a folder scan holds millions of chars at once, and no document reaches 4 GB.
    byte_of: Vec<u32>,
}

impl CharText {
    /// Index `text` for char addressing.
    pub fn new(text: String) -> Self {
        let mut byte_of: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        byte_of.push(text.len() as u32);
        Self { text, byte_of }
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Number of chars.
    pub fn char_len(&self) -> usize {
        self.byte_of.len() - 1
    }

    /// Byte offset of char offset `char_index` (clamped to the end of the text).
    pub fn byte_offset(&self, char_index: usize) -> usize {
        self.byte_of[char_index.min(self.char_len())] as usize
    }

    /// Char offset of a byte offset that lies on a char boundary (or the next boundary after it).
    pub fn char_offset(&self, byte_index: usize) -> usize {
        match self.byte_of.binary_search(&u32::try_from(byte_index).unwrap_or(u32::MAX)) {
            Ok(i) => i,
            Err(i) => i,
        }
    }

    /// The text covered by `span`, clamped to the text.
    pub fn slice(&self, span: Span) -> &str {
        let start = self.byte_offset(span.start);
        let end = self.byte_offset(span.end.max(span.start));
        &self.text[start..end]
    }

    /// The chars of the text, for algorithms that index chars directly.
    pub fn chars(&self) -> Vec<char> {
        self.text.chars().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_by_char_offsets() {
        let text = CharText::new("一、总体要求abc".to_string());
        assert_eq!(text.char_len(), 9);
        assert_eq!(text.slice(Span::new(2, 6)), "总体要求");
        assert_eq!(text.slice(Span::new(6, 20)), "abc");
        assert_eq!(text.char_offset(text.byte_offset(4)), 4);
    }

    #[test]
    fn overlap_counts_shared_chars() {
        assert_eq!(Span::new(0, 10).overlap(Span::new(5, 20)), 5);
        assert_eq!(Span::new(0, 10).overlap(Span::new(10, 20)), 0);
        assert!(Span::new(0, 10).contains_span(Span::new(2, 3)));
    }
}
