//! PLACEHOLDER until the segmentation work lands: one token per char.

use crate::text::{CharText, Span};

/// Split `span` of `text` into word tokens, as char spans covering the span exactly.
pub fn tokenize(text: &CharText, span: Span) -> Vec<Span> {
    let _ = text;
    (span.start..span.end).map(|i| Span::new(i, i + 1)).collect()
}

/// Load the dictionary now (call from a background thread at start-up).
pub fn warm_up() {}
