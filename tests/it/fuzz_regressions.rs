//! Inputs the fuzzers (fuzz/, `cargo fuzz run -s none TARGET`) found crashing, kept as tests.

use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(name)).unwrap()
}

fn assert_outline_is_sound(text: &str) {
    let document = duizhao::model::Document::from_text("D1", "fuzz.txt", text);
    let chars = document.chars();
    assert!(!document.sections.is_empty());
    for (index, section) in document.sections.iter().enumerate() {
        for span in [section.span, section.heading, section.body] {
            assert!(span.start <= span.end && span.end <= chars, "{}: {span:?}", section.id);
        }
        assert!(section.span.contains_span(section.heading) && section.span.contains_span(section.body));
        if let Some(parent) = section.parent {
            assert!(parent < index && document.sections[parent].span.contains_span(section.span));
        }
    }
}

/// A cover notice whose issued document's title is followed at once by a numbered heading: the
/// enclosed document's body is empty, and its span must not be inverted.
#[test]
fn enclosed_title_directly_followed_by_a_heading() {
    let bytes = fixture("outline-enclosed-title-then-heading.txt");
    assert_outline_is_sound(&String::from_utf8_lossy(&bytes));
    assert_outline_is_sound(
        "通知\n2014年9月21日\n关于加快电子商务发展的实施方案\n一、总体要求\n（一）指导思想。正文。\n",
    );
}
