//! Section alignment on the real corpus (five e-commerce policies), with expected rows verified by
//! reading the documents.

use std::path::Path;
use std::time::{Duration, Instant};

use duizhao::align::{Alignment, AlignmentOverride, AlignmentRow, align};
use duizhao::model::Document;

/// Document order of every test: D1 Guangdong 2012 … D5 Qinghai 2016.
const FILES: [&str; 5] =
    ["guangdong-2012.txt", "guizhou-2014.txt", "xianning-2014.txt", "guangzhou-2014.txt", "qinghai-2016.txt"];
const GD: usize = 0;
const GZ: usize = 1;
const XN: usize = 2;
const GZH: usize = 3;
const QH: usize = 4;

fn documents() -> Vec<Document> {
    FILES
        .iter()
        .enumerate()
        .map(|(index, file)| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(file);
            let decoded = duizhao::ingest::read_file(&path).expect("corpus file reads");
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            duizhao::outline::build_document(format!("D{}", index + 1), path.display().to_string(), bytes, decoded)
        })
        .collect()
}

/// Index of the section of `doc` titled `title`, or else the only one whose title starts with it.
fn section(documents: &[Document], doc: usize, title: &str) -> usize {
    let matching = |exact: bool| -> Vec<usize> {
        documents[doc]
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| if exact { s.title == title } else { s.title.starts_with(title) })
            .map(|(index, _)| index)
            .collect()
    };
    let exact = matching(true);
    let found = if exact.is_empty() { matching(false) } else { exact };
    assert_eq!(found.len(), 1, "{} sections titled {title} in D{}", found.len(), doc + 1);
    found[0]
}

fn row<'a>(alignment: &'a Alignment, topic: &str) -> &'a AlignmentRow {
    alignment
        .rows
        .iter()
        .find(|row| row.topic.as_deref() == Some(topic))
        .unwrap_or_else(|| panic!("no row for topic {topic}"))
}

/// Titles of a row's cells, per document ("" for an empty cell), for readable failures.
fn titles(documents: &[Document], row: &AlignmentRow) -> Vec<String> {
    row.cells
        .iter()
        .enumerate()
        .map(|(doc, cell)| cell.map_or(String::new(), |cell| documents[doc].sections[cell.section].title.clone()))
        .collect()
}

/// Assert a topic row: per document the expected title prefix, or `None` for an empty cell.
fn assert_row(documents: &[Document], alignment: &Alignment, topic: &str, expected: [Option<&str>; 5]) {
    let row = row(alignment, topic);
    let actual = titles(documents, row);
    for (doc, want) in expected.iter().enumerate() {
        match want {
            Some(title) => assert_eq!(
                row.cells[doc].map(|cell| cell.section),
                Some(section(documents, doc, title)),
                "{topic}: D{} should be {title}, row is {actual:?}",
                doc + 1
            ),
            None => assert_eq!(row.cells[doc], None, "{topic}: D{} should be empty, row is {actual:?}", doc + 1),
        }
    }
}

#[test]
fn policy_support_rows() {
    let documents = documents();
    let alignment = align(&documents, &[]);
    // Guangzhou's 「2. 优化政策支持」 is its fiscal clause: 市财政每年投入5亿元用于扶持电子商务发展.
    assert_row(
        &documents,
        &alignment,
        "财政支持",
        [
            Some("强化财政支持"),
            Some("加大财政支持力度"),
            Some("加大财政支持力度"),
            Some("优化政策支持"),
            Some("加大财政支持"),
        ],
    );
    // Guangzhou and Qinghai have no land-use section (Qinghai only mentions 仓储用地 under logistics).
    assert_row(
        &documents,
        &alignment,
        "用地",
        [Some("加强用地支持"), Some("强化用地支持"), Some("强化用地支持"), None, None],
    );
    assert_row(
        &documents,
        &alignment,
        "税收",
        [Some("落实税收优惠政策"), Some("落实税收优惠政策"), Some("落实税收优惠政策"), None, Some("加大税收支持")],
    );
    // Guizhou has no financing section.
    assert_row(
        &documents,
        &alignment,
        "融资/金融",
        [Some("加强融资支持"), None, Some("加大金融扶持力度"), Some("拓宽电子商务企业融资渠道"), Some("加大金融支持")],
    );
    assert_row(
        &documents,
        &alignment,
        "准入/注册",
        [Some("降低准入门槛"), Some("降低工商注册准入门槛"), Some("降低准入门槛"), None, Some("放宽市场准入")],
    );
    assert_row(
        &documents,
        &alignment,
        "人才",
        [
            Some("加强人才支持"),
            Some("加强人才支持"),
            Some("加强人才引进和培育"),
            Some("建设人才培养高地"),
            Some("加强人才培养培训"),
        ],
    );
}

#[test]
fn framework_and_support_system_rows() {
    let documents = documents();
    let alignment = align(&documents, &[]);
    assert_row(
        &documents,
        &alignment,
        "指导思想",
        [Some("指导思想"), Some("指导思想"), Some("指导思想"), None, Some("指导思想")],
    );
    // Guangzhou states its targets in the body of 「一、主要工作目标」, a part without sub-sections.
    assert_row(
        &documents,
        &alignment,
        "发展目标",
        [Some("发展目标"), Some("发展目标"), Some("发展目标"), Some("主要工作目标"), Some("主要目标")],
    );
    assert_row(
        &documents,
        &alignment,
        "组织领导",
        [None, None, Some("加强组织领导"), Some("加强组织保障"), Some("加强组织领导")],
    );
    assert_row(
        &documents,
        &alignment,
        "信用",
        [
            Some("加强认证和信用建设"),
            Some("完善电子商务信用服务体系"),
            Some("加快电子商务信用监管体系建设"),
            Some("完善电子商务信用体系"),
            Some("推进信用体系建设"),
        ],
    );
    // Qinghai has three logistics sections; 「(十四)加强物流平台建设」 (现代物流配送体系, 快递) is the one
    // that matches Guangdong's 「提升物流协同水平」. Xianning has none.
    assert_row(
        &documents,
        &alignment,
        "物流",
        [
            Some("提升物流协同水平"),
            Some("完善电子商务物流体系"),
            None,
            Some("增强物流配套支撑能力"),
            Some("加强物流平台建设"),
        ],
    );
}

#[test]
fn rows_are_one_to_one_ordered_and_only_content_units() {
    let documents = documents();
    let alignment = align(&documents, &[]);
    let mut seen = std::collections::BTreeSet::new();
    for row in &alignment.rows {
        assert_eq!(row.cells.len(), documents.len());
        assert!(row.cells.iter().any(Option::is_some), "empty row {}", row.label);
        for (doc, cell) in row.cells.iter().enumerate() {
            if let Some(cell) = cell {
                assert!(seen.insert((doc, cell.section)), "D{} section {} in two rows", doc + 1, cell.section);
                assert!((0.0..=1.0).contains(&cell.score));
                let section = &documents[doc].sections[cell.section];
                assert!(section.level >= 1, "{} is not a content unit", section.id);
            }
        }
    }
    for &(doc, section) in &alignment.unaligned {
        assert!(!seen.contains(&(doc, section)), "unaligned section also in a row");
    }
    // 「七、加大政策支持力度」 has no body of its own: its sub-sections are aligned instead.
    let part = section(&documents, GD, "加大政策支持力度");
    assert!(!seen.contains(&(GD, part)) && !alignment.unaligned.contains(&(GD, part)));
    // Likewise Guizhou's 「(一)完善电子商务发展支撑体系」: its numbered items 1、… 5、 are the units.
    let group = section(&documents, GZ, "完善电子商务发展支撑体系");
    assert!(!seen.contains(&(GZ, group)) && !alignment.unaligned.contains(&(GZ, group)));
    assert!(seen.contains(&(GZ, section(&documents, GZ, "完善网络基础设施"))));
    // Rows follow Guangdong's order where Guangdong has a cell.
    let position = |topic: &str| alignment.rows.iter().position(|row| row.topic.as_deref() == Some(topic));
    assert!(position("指导思想") < position("信用"));
    assert!(position("信用") < position("财政支持"));
    assert!(position("财政支持") < position("用地"));
    assert_eq!(alignment, align(&documents, &[]), "deterministic");
}

#[test]
fn overrides_pin_and_unpin_on_the_corpus() {
    let documents = documents();
    let storage = section(&documents, QH, "加强物流仓储设施建设");
    let platform = section(&documents, QH, "加强物流平台建设");
    let policy = section(&documents, GZH, "优化政策支持");
    let overrides = vec![
        AlignmentOverride::Pin { doc: QH, section: storage, topic: "物流".to_string() },
        AlignmentOverride::Unpin { doc: GZH, section: policy },
    ];
    let alignment = align(&documents, &overrides);
    let logistics = row(&alignment, "物流");
    assert_eq!(logistics.cells[QH].map(|cell| (cell.section, cell.pinned)), Some((storage, true)));
    assert!(alignment.unaligned.contains(&(QH, platform)), "the evicted platform section is unaligned");
    assert!(alignment.unaligned.contains(&(GZH, policy)));
    for row in &alignment.rows {
        assert_ne!(row.cells[GZH].map(|cell| cell.section), Some(policy), "unpinned section in {}", row.label);
    }
    // The other documents' finance cells stay where they were.
    assert_eq!(
        row(&alignment, "财政支持").cells[GD].map(|cell| cell.section),
        Some(section(&documents, GD, "强化财政支持"))
    );
    // Idempotent: the same overrides again, or twice over, give the same alignment.
    assert_eq!(alignment, align(&documents, &overrides));
    let twice: Vec<AlignmentOverride> = overrides.iter().chain(&overrides).cloned().collect();
    assert_eq!(alignment, align(&documents, &twice));
    // Pinning into a new named row creates it.
    let custom = align(
        &documents,
        &[AlignmentOverride::Pin {
            doc: XN,
            section: section(&documents, XN, "政策环境"),
            topic: "政策环境".to_string(),
        }],
    );
    let created = custom.rows.iter().find(|row| row.label == "政策环境").expect("row created by the pin");
    assert!(created.cells[XN].is_some_and(|cell| cell.pinned));
}

#[test]
fn aligning_the_corpus_is_fast() {
    let documents = documents();
    let _ = align(&documents, &[]);
    let fastest = (0..5)
        .map(|_| {
            let start = Instant::now();
            let _ = align(&documents, &[]);
            start.elapsed()
        })
        .min()
        .unwrap_or(Duration::MAX);
    // Optimised builds take about 4 ms on the 2-core dev machine; this unoptimised test build about ten
    // times that. The bound catches accidental quadratic blow-ups without flaking under load.
    assert!(fastest < Duration::from_millis(250), "alignment took {fastest:?}");
}
