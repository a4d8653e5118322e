//! OFD packages whose parts come from the fuzzer: a well-formed zip around arbitrary OFD.xml,
//! Document.xml and page content, so the XML and layout code (not only the zip layer) sees hostile
//! input. Reading must end in text or an error, never a panic.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Three parts separated by 0xFF bytes; missing parts get the standard ones.
    let mut parts = data.split(|&b| b == 0xFF);
    let entry = parts.next().map(String::from_utf8_lossy).filter(|p| !p.is_empty()).unwrap_or_else(|| {
        r#"<ofd:OFD xmlns:ofd="x"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#.into()
    });
    let document = parts.next().map(String::from_utf8_lossy).filter(|p| !p.is_empty()).unwrap_or_else(|| {
        r#"<ofd:Document xmlns:ofd="x"><ofd:Pages><ofd:Page BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>"#.into()
    });
    let page = parts.next().map(String::from_utf8_lossy).unwrap_or_default();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in
        [("OFD.xml", entry), ("Doc_0/Document.xml", document), ("Doc_0/Pages/Page_0/Content.xml", page)]
    {
        if zip.start_file(name, options).is_err() || zip.write_all(content.as_bytes()).is_err() {
            return;
        }
    }
    let Ok(cursor) = zip.finish() else { return };
    let bytes = cursor.into_inner();
    if let Ok(decoded) = duizhao::ingest::read_bytes(std::path::Path::new("fuzz.ofd"), &bytes) {
        let document = duizhao::outline::build_document("D1".into(), "fuzz.ofd".into(), 0, decoded);
        assert!(document.sections.iter().all(|s| s.span.end <= document.chars()));
    }
});
