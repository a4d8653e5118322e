//! Robustness of the readers, the outline and the scan matcher on arbitrary input (proptest stands in
//! for `cargo fuzz`, which needs a nightly toolchain), plus the pathological texts of issue 6.

use std::path::Path;

use duizhao::model::{Decoded, Document, Format};
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
    let bytes = text.len() as u64;
    let decoded = Decoded { text, format: Format::Txt, encoding: "UTF-8".into(), warnings: Vec::new() };
    duizhao::outline::build_document("D1".into(), "test.txt".into(), bytes, decoded)
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
        ext in prop_oneof![Just("txt"), Just("docx"), Just("html"), Just("pdf"), Just("")],
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
            prop_assert!(p.chars >= min_chars);
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
