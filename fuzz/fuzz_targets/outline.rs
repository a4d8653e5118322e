//! Text → outline: sections nest, lie within the text and never overlap their siblings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let decoded = duizhao::model::Decoded {
        text: text.to_string(),
        format: duizhao::model::Format::Txt,
        encoding: "UTF-8".into(),
        warnings: Vec::new(),
    };
    let document = duizhao::outline::build_document("D1".into(), "fuzz.txt".into(), 0, decoded);
    let chars = document.chars();
    for (index, section) in document.sections.iter().enumerate() {
        assert!(section.span.end <= chars);
        assert!(section.span.contains_span(section.heading));
        assert!(section.span.contains_span(section.body));
        if let Some(parent) = section.parent {
            assert!(parent < index);
            assert!(document.sections[parent].span.contains_span(section.span));
        }
    }
});
