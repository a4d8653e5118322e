//! Robustness of the readers, the outline and the scan matcher on arbitrary input (proptest stands in
//! for `cargo fuzz`, which needs a nightly toolchain), plus the pathological texts of issue 6 and the
//! hostile .doc/.wps/.ofd/.md files of issue 12.

use crate::common::ofd;

use std::path::Path;

use duizhao::error::IngestError;
use duizhao::ingest::ZipLimits;
use duizhao::model::Document;
use duizhao::reuse::fingerprint::{NormText, Params, fingerprints};
use duizhao::reuse::{self, ReuseKind, ReuseOptions};
use duizhao::segment::normalize::NormalizeOptions;
use duizhao::text::CharText;
use proptest::prelude::*;

/// Every span of the outline lies within the text, on char boundaries, and children nest in parents.
fn assert_outline_valid(document: &Document) {
    let len = document.chars();
    let text = document.text.as_str();
    let mut previous_start = 0;
    for (i, section) in document.sections.iter().enumerate() {
        for span in [section.span, section.heading, section.body] {
            assert!(span.start <= span.end && span.end <= len, "section {i} span {span:?} outside 0..{len}");
            assert!(text.is_char_boundary(document.text.byte_offset(span.start)));
            assert!(text.is_char_boundary(document.text.byte_offset(span.end)));
        }
        assert!(section.span.contains_span(section.body), "section {i}: body outside span");
        assert!(section.span.contains_span(section.heading), "section {i}: heading outside span");
        assert!(section.span.start >= previous_start, "section {i} out of document order");
        previous_start = section.span.start;
        if let Some(parent) = section.parent {
            assert!(parent < i, "section {i}: parent {parent} after it");
            let outer = document.sections[parent].span;
            assert!(outer.contains_span(section.span), "section {i} {:?} not inside parent {outer:?}", section.span);
            assert!(document.sections[parent].level < section.level);
        }
    }
}

fn outline_of(text: String) -> Document {
    Document::from_text("D1", "test.txt", text)
}

/// Text made of the pieces 公文 outlines are built from, in random order.
fn policy_like_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("一、".to_string()),
        Just("二十二、".to_string()),
        Just("（一）".to_string()),
        Just("(十七)".to_string()),
        Just("1、".to_string()),
        Just("2.".to_string()),
        Just("（1）".to_string()),
        Just("①".to_string()),
        Just("第一章".to_string()),
        Just("第三条".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("　　".to_string()),
        Just("。".to_string()),
        Just("强化财政支持".to_string()),
        Just("广东省人民政府办公厅\n2012年12月25日".to_string()),
        "[\\u{4e00}-\\u{4e20}a-z0-9，；：]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_outline_stays_valid(
        bytes in prop::collection::vec(any::<u8>(), 0..3000),
        ext in prop_oneof![
            Just("txt"), Just("docx"), Just("html"), Just("pdf"), Just(""), Just("doc"), Just("wps"), Just("ofd"),
            Just("md")
        ],
    ) {
        let path = Path::new("fuzz").with_extension(ext);
        if let Ok(decoded) = duizhao::ingest::read_bytes(&path, &bytes) {
            let document = duizhao::outline::build_document("D1".into(), "fuzz".into(), bytes.len() as u64, decoded);
            assert_outline_valid(&document);
        }
    }

    #[test]
    fn arbitrary_text_gives_a_nested_outline_within_the_text(text in policy_like_text()) {
        assert_outline_valid(&outline_of(text));
    }

    #[test]
    fn reuse_passages_are_in_bounds_and_consistent(
        a in "[甲乙丙丁，]{0,300}",
        b in "[甲乙丙丁，]{0,300}",
        min_chars in 3usize..20,
    ) {
        let docs = vec![outline_of(a.clone()), outline_of(b.clone())];
        let options = ReuseOptions { min_chars, ..ReuseOptions::default() };
        let report = reuse::detect(&docs, &options, &NormalizeOptions::default());
        for p in &report.passages {
            prop_assert!(p.a.span.end <= a.chars().count() && p.b.span.end <= b.chars().count());
            // A passage that is a whole clause may have four fifths of the minimum.
            prop_assert!(p.chars * 5 >= min_chars * 4);
            prop_assert!(p.chars <= p.a.span.len() && p.chars <= p.b.span.len());
            prop_assert!(p.similarity > 0.0 && p.similarity <= 1.0);
            if p.kind == ReuseKind::Exact {
                let na = NormText::new(&CharText::new(docs[0].slice(p.a.span).to_string()), &NormalizeOptions::default());
                let nb = NormText::new(&CharText::new(docs[1].slice(p.b.span).to_string()), &NormalizeOptions::default());
                prop_assert_eq!(na.chars(), nb.chars());
            }
        }
    }
}

#[test]
fn a_five_megabyte_line_without_punctuation_completes() {
    let line: String = "电子商务发展".chars().cycle().take(5 * 1024 * 1024 / 3).collect();
    let document = outline_of(line.clone());
    assert_outline_valid(&document);
    assert_eq!(document.chars(), line.chars().count());
    let norm = NormText::new(&document.text, &NormalizeOptions::default());
    assert!(!fingerprints(norm.chars(), Params::for_min_chars(30, 12)).is_empty());
    let bytes = line.into_bytes();
    let decoded = duizhao::ingest::read_bytes(Path::new("long.txt"), &bytes).expect("a long line is text");
    assert_eq!(decoded.text.len(), bytes.len());
}

#[test]
fn ten_thousand_headings_complete() {
    let mut text = String::from("关于加快发展电子商务的意见\n");
    for i in 0..10_000 {
        match i % 3 {
            0 => text.push_str(&format!("{}、总体要求\n", ["一", "二", "三", "四", "五"][i % 5])),
            1 => text.push_str("（一）加大财政支持力度。省财政安排专项资金。\n"),
            _ => text.push_str(&format!("{}.完善统计制度。\n", i % 9 + 1)),
        }
    }
    let document = outline_of(text);
    assert_outline_valid(&document);
    assert!(document.sections.len() >= 10_000, "{} sections", document.sections.len());
}

/// Damaged copies of a real file: every prefix length class and flipped bytes in the container
/// structures. Each read ends in a document or an error naming the file; never a panic.
fn assert_damage_is_reported(name: &str, bytes: &[u8]) {
    let path = Path::new(name);
    let mut cuts: Vec<usize> = (1..20).map(|i| bytes.len() * i / 20).collect();
    cuts.extend([1, 8, 100, 511, 512, 513, 4096]);
    for cut in cuts.into_iter().filter(|&c| c < bytes.len()) {
        match duizhao::ingest::read_bytes(path, &bytes[..cut]) {
            Ok(decoded) => {
                let document = duizhao::outline::build_document("D1".into(), name.into(), cut as u64, decoded);
                assert_outline_valid(&document);
            }
            Err(error) => assert!(error.to_string().starts_with(name), "{cut}: {error}"),
        }
    }
    // xorshift: deterministic corruption.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound.max(1) as u64) as usize
    };
    for _ in 0..200 {
        let mut damaged = bytes.to_vec();
        for _ in 0..8 {
            let at = next(damaged.len().min(8192));
            damaged[at] = next(256) as u8;
        }
        if let Ok(decoded) = duizhao::ingest::read_bytes(path, &damaged) {
            let document = duizhao::outline::build_document("D1".into(), name.into(), 0, decoded);
            assert_outline_valid(&document);
        }
    }
}

#[test]
fn truncated_and_corrupted_doc_and_wps_files_are_reported() {
    let doc = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/word97/guangdong-2012.doc"))
        .expect("fixture");
    assert_damage_is_reported("cut.doc", &doc);
    assert_damage_is_reported("cut.wps", &doc);
    let error = duizhao::ingest::read_bytes(Path::new("half.doc"), &doc[..doc.len() / 2]).unwrap_err();
    assert!(matches!(&error, IngestError::Damaged { format, .. } if format == "doc"), "{error}");
    // Only the OLE signature: a broken container.
    let error = duizhao::ingest::read_bytes(Path::new("sig.doc"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap_err();
    assert!(error.to_string().contains("not a readable OLE compound file"), "{error}");
}

#[test]
fn wrong_extensions_are_named() {
    let text = "一、总体要求\n（一）指导思想。".as_bytes();
    let error = duizhao::ingest::read_bytes(Path::new("plain.doc"), text).unwrap_err();
    assert!(error.to_string().contains("not a Word or WPS document"), "{error}");
    let error = duizhao::ingest::read_bytes(Path::new("plain.ofd"), text).unwrap_err();
    assert!(error.to_string().contains("not an OFD package"), "{error}");
    // A .docx saved under .doc is still a .docx (content decides).
    let ofd = ofd::ofd_from_text("一、总体要求", "标题", 28, 22);
    assert!(duizhao::ingest::read_bytes(Path::new("named.doc"), &ofd).is_ok());
    // An .xls is named as such.
    let error = duizhao::ingest::read_bytes(Path::new("a.md"), b"\x89PNG\r\n\x1a\n\x00\x00").unwrap_err();
    assert!(error.to_string().contains("PNG image"), "{error}");
}

#[test]
fn truncated_corrupted_and_broken_ofd_files_are_reported() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/guizhou-2014.txt")).expect("corpus");
    let bytes = ofd::ofd_from_text(&text, "标题", 28, 22);
    assert_damage_is_reported("cut.ofd", &bytes);
    let error = duizhao::ingest::read_bytes(Path::new("cut.ofd"), &bytes[..bytes.len() / 2]).unwrap_err();
    assert!(matches!(&error, IngestError::Damaged { format, .. } if format == "ofd"), "{error}");

    let part = |name: &str, xml: &str| (name.to_string(), xml.to_string());
    let entry = r#"<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#;
    let document = r#"<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>"#;
    // Broken XML in a page names the part.
    let broken = ofd::zip_parts(&[
        part("OFD.xml", entry),
        part("Doc_0/Document.xml", document),
        part("Doc_0/Pages/Page_0/Content.xml", "<ofd:Page><ofd:Content><ofd:TextObject><ofd:TextCode>第一条"),
    ]);
    let error = duizhao::ingest::read_bytes(Path::new("broken.ofd"), &broken).unwrap_err();
    assert!(error.to_string().contains("Doc_0/Pages/Page_0/Content.xml"), "{error}");
    // A DocRoot that points nowhere.
    let missing = ofd::zip_parts(&[part("OFD.xml", entry)]);
    let error = duizhao::ingest::read_bytes(Path::new("missing.ofd"), &missing).unwrap_err();
    assert!(error.to_string().contains("document root Doc_0/Document.xml is missing"), "{error}");
    // Entity expansion is not performed: a "billion laughs" page is broken XML or text, never a bomb.
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "{}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><ofd:Page xmlns:ofd="x"><ofd:Content><ofd:Layer><ofd:TextObject Boundary="0 0 100 10" Size="5"><ofd:TextCode X="0" Y="5">第一条&c;&c;&c;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"#,
        "哈".repeat(100)
    );
    let laughs = ofd::zip_parts(&[
        part("OFD.xml", entry),
        part("Doc_0/Document.xml", document),
        part("Doc_0/Pages/Page_0/Content.xml", &laughs),
    ]);
    if let Ok(decoded) = duizhao::ingest::read_bytes(Path::new("laughs.ofd"), &laughs) {
        assert!(decoded.text.chars().count() < 1000, "entities were expanded");
    }
}

#[test]
fn an_ofd_zip_bomb_is_refused() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    zip.start_file("OFD.xml", options).expect("entry");
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..80 {
        zip.write_all(&spaces).expect("write");
    }
    let bomb = zip.finish().expect("zip").into_inner();
    let error = duizhao::ingest::read_bytes(Path::new("bomb.ofd"), &bomb).unwrap_err();
    assert!(
        matches!(&error, IngestError::Damaged { format, detail, .. } if format == "ofd" && detail.contains("zip bomb")),
        "{error}"
    );
    // Pages that together pass the total limit are refused too.
    let text = "第一条 电子商务。\n".repeat(4000);
    let bytes = ofd::ofd_from_text(&text, "标题", 28, 22);
    let limits = ZipLimits { max_entry_bytes: 1 << 20, max_total_bytes: 200_000 };
    let error = duizhao::ingest::read_bytes_with_limits(Path::new("big.ofd"), &bytes, limits).unwrap_err();
    assert!(matches!(&error, IngestError::Damaged { detail, .. } if detail.contains("in total")), "{error}");
}

#[test]
fn hostile_markdown_completes() {
    // Unclosed emphasis, a million stars, deep quotes, an endless comment, a huge table row.
    let mut text = String::from("# 条例\n\n## 第一章 总则\n");
    text.push_str(&"**第一条".repeat(20_000));
    text.push('\n');
    text.push_str(&"*".repeat(1_000_000));
    text.push('\n');
    text.push_str(&">".repeat(100_000));
    text.push_str("第二条\n| ");
    text.push_str(&"甲 | ".repeat(50_000));
    text.push('\n');
    // Runs of every length and brackets that never close: each must not rescan the line.
    for k in (1..=400).rev() {
        text.push_str(&"*".repeat(k));
        text.push('甲');
    }
    text.push_str(&"[".repeat(200_000));
    text.push_str(&"](".repeat(100_000));
    text.push_str("\n<!-- 未结束的注释\n第三条");
    let started = std::time::Instant::now();
    let decoded = duizhao::ingest::read_bytes(Path::new("hostile.md"), text.as_bytes()).expect("markdown");
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    let document = duizhao::outline::build_document("D1".into(), "hostile.md".into(), 0, decoded);
    assert_outline_valid(&document);
    assert!(!document.text.as_str().contains("第三条"), "text inside an unclosed comment is not content");
}
