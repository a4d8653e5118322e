//! Shared helpers of the integration tests: the diff invariants documented in `src/diff/mod.rs`,
//! corpus paragraphs and a seeded random generator for the diff tests, and an OFD builder ([`ofd`]).

#![allow(dead_code)]

pub mod ofd;

use duizhao::diff::{DiffTag, WordDiff};
use duizhao::segment::normalize::{NormalizeOptions, Normalized, normalize};
use duizhao::text::{CharText, Span};

/// Clamp a span to a text, as `diff_spans` does.
pub fn clamp(text: &CharText, span: Span) -> Span {
    let end = span.end.min(text.char_len());
    Span::new(span.start.min(end), end)
}

/// Normalised chars of `norm` whose origin lies in `span`.
fn chars_in(norm: &Normalized, span: Span) -> String {
    norm.chars.iter().zip(&norm.origin).filter(|&(_, &o)| span.start <= o && o < span.end).map(|(&c, _)| c).collect()
}

/// Check every documented invariant; returns a description of the first violation.
pub fn check_invariants(a: &CharText, a_span: Span, b: &CharText, b_span: Span, diff: &WordDiff) -> Result<(), String> {
    let (a_span, b_span) = (clamp(a, a_span), clamp(b, b_span));
    let ops = &diff.ops;
    if ops.is_empty() {
        return if a_span.is_empty() && b_span.is_empty() { Ok(()) } else { Err("no ops for non-empty spans".into()) };
    }
    // 1. A spans tile a_span in order.
    let mut at = a_span.start;
    for (i, op) in ops.iter().enumerate() {
        if op.a.start != at || op.a.end < op.a.start {
            return Err(format!("op {i} {op:?}: a does not start at {at}"));
        }
        at = op.a.end;
    }
    if at != a_span.end {
        return Err(format!("a spans end at {at}, not {}", a_span.end));
    }
    // 2. B spans, sorted, tile b_span; empty ones sit on a boundary.
    let mut b_spans: Vec<Span> = ops.iter().map(|op| op.b).filter(|s| !s.is_empty()).collect();
    b_spans.sort();
    let mut at = b_span.start;
    for s in &b_spans {
        if s.start != at {
            return Err(format!("b span {s:?} does not start at {at}"));
        }
        at = s.end;
    }
    if at != b_span.end {
        return Err(format!("b spans end at {at}, not {}", b_span.end));
    }
    for (i, op) in ops.iter().enumerate() {
        if !b_span.contains_span(op.b) || !a_span.contains_span(op.a) {
            return Err(format!("op {i} {op:?} outside the compared spans"));
        }
        if op.b.is_empty() && b_spans.iter().any(|s| s.start < op.b.start && op.b.start < s.end) {
            return Err(format!("op {i} {op:?}: empty b inside another op's b"));
        }
        // 5. Empty sides match the tag.
        let ok = match op.tag {
            DiffTag::Delete => op.b.is_empty() && !op.a.is_empty(),
            DiffTag::Insert => op.a.is_empty() && !op.b.is_empty(),
            DiffTag::Replace | DiffTag::Move => !op.a.is_empty() && !op.b.is_empty(),
            DiffTag::Equal => !(op.a.is_empty() && op.b.is_empty()),
        };
        if !ok {
            return Err(format!("op {i} {op:?}: sides do not fit the tag"));
        }
    }
    // 3. Equal and Move texts are equal after normalisation (of the whole compared spans).
    // The diff compares wordings: levels are not folded (国务院 → 省 is a change it shows).
    let options = NormalizeOptions::wording();
    let (a_norm, b_norm) = (normalize(a, a_span, &options), normalize(b, b_span, &options));
    for (i, op) in ops.iter().enumerate() {
        if matches!(op.tag, DiffTag::Equal | DiffTag::Move) && chars_in(&a_norm, op.a) != chars_in(&b_norm, op.b) {
            return Err(format!("op {i} {op:?}: {:?} != {:?} after normalisation", a.slice(op.a), b.slice(op.b)));
        }
    }
    // 4. Applying the ops to A, in B order, gives B (up to normalisation).
    let mut by_b: Vec<_> = ops.iter().collect();
    by_b.sort_by_key(|op| (op.b.start, op.b.end));
    let applied: String = by_b
        .iter()
        .map(|op| match op.tag {
            DiffTag::Equal | DiffTag::Move => chars_in(&a_norm, op.a),
            DiffTag::Insert | DiffTag::Replace => chars_in(&b_norm, op.b),
            DiffTag::Delete => String::new(),
        })
        .collect();
    if applied != b_norm.to_string_lossy() {
        return Err("applying the ops to A does not give B".into());
    }
    Ok(())
}

/// A corpus document.
pub fn corpus(name: &str) -> CharText {
    let path = format!("{}/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    CharText::new(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

/// The span of the paragraph (line) of `text` that starts with `heading`.
pub fn paragraph(text: &CharText, heading: &str) -> Span {
    let s = text.as_str();
    let start = s.find(heading).unwrap_or_else(|| panic!("{heading} not found"));
    let end = s[start..].find('\n').map_or(s.len(), |e| start + e);
    Span::new(text.char_offset(start), text.char_offset(end))
}

/// A deterministic pseudo-random generator (xorshift), so generated texts never change.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// RFC 4180 records (quoted fields may hold commas, doubled quotes and line breaks), read by the
/// `csv` crate; a leading byte-order mark is skipped.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{FEFF}').as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_string).collect())
        .collect()
}
