//! Bytes → document: any file content, under any of the names the readers dispatch on, must decode
//! or be refused with an error, never panic, and give an outline whose spans lie in the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let names = [
        "input.txt", "input.docx", "input.html", "input.pdf", "input", "input.doc", "input.wps", "input.ofd", "input.md",
    ];
    let name = names[usize::from(selector) % names.len()];
    let path = std::path::Path::new(name);
    if let Ok(decoded) = duizhao::ingest::read_bytes(path, bytes) {
        let document = duizhao::outline::build_document("D1".into(), name.into(), bytes.len() as u64, decoded);
        let chars = document.chars();
        for section in &document.sections {
            assert!(section.span.start <= section.span.end && section.span.end <= chars);
            assert!(section.span.contains_span(section.heading) && section.span.contains_span(section.body));
        }
    }
});
