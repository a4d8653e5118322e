//! Two texts → diff: the ops tile both texts exactly, whatever the input, within the deadline.
#![no_main]

use duizhao::diff::{DiffOptions, diff_spans};
use duizhao::text::{CharText, Span};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (a, b) = (CharText::new(input.0.to_string()), CharText::new(input.1.to_string()));
    let (a_span, b_span) = (Span::new(0, a.char_len()), Span::new(0, b.char_len()));
    let options = DiffOptions { timeout: std::time::Duration::from_millis(200), ..DiffOptions::default() };
    let diff = diff_spans(&a, a_span, &b, b_span, &options);
    let mut at = 0;
    for op in &diff.ops {
        assert_eq!(op.a.start, at, "A spans tile A in order");
        at = op.a.end;
    }
    assert_eq!(at, a.char_len());
    let mut b_spans: Vec<Span> = diff.ops.iter().map(|op| op.b).collect();
    b_spans.sort();
    let mut at = 0;
    for span in b_spans {
        assert_eq!(span.start, at, "B spans tile B");
        at = span.end;
    }
    assert_eq!(at, b.char_len());
});
