//! The outline and metadata of the five real documents, checked against what a reader sees.

use duizhao::model::{Document, SectionKind};

fn corpus() -> Vec<Document> {
    duizhao::corpus::embedded_documents()
}

/// The corpus document from the file `{label}.txt` (labels are display names; the file stem is stable).
fn by_label(label: &str) -> Document {
    match corpus().into_iter().find(|d| d.file_stem() == label) {
        Some(document) => document,
        None => panic!("corpus document {label} missing"),
    }
}

fn count(document: &Document, kind: SectionKind) -> usize {
    document.sections.iter().filter(|s| s.kind == kind).count()
}

fn titles(document: &Document, kind: SectionKind) -> Vec<String> {
    document.sections.iter().filter(|s| s.kind == kind).map(|s| s.title.clone()).collect()
}

fn find<'a>(document: &'a Document, number: &str) -> &'a duizhao::model::Section {
    match document.sections.iter().find(|s| s.number == number) {
        Some(section) => section,
        None => panic!("{}: no section numbered {number}", document.label),
    }
}

#[test]
fn guangdong_2012_outline() {
    let d = by_label("guangdong-2012");
    assert_eq!(count(&d, SectionKind::Part), 7);
    assert_eq!(count(&d, SectionKind::Subpart), 28);
    assert_eq!(count(&d, SectionKind::Item), 0);
    assert_eq!(
        titles(&d, SectionKind::Part),
        [
            "总体要求",
            "加快培育一批电子商务平台和网商",
            "大力普及和深化电子商务应用",
            "完善电子商务发展支撑体系",
            "推动电子商务创新发展",
            "实施电子商务示范工程",
            "加大政策支持力度"
        ]
    );
    // Numbering runs on across parts: （三） opens part 二.
    let finance = find(&d, "（二十二）");
    assert_eq!(finance.title, "强化财政支持");
    assert_eq!(finance.level, 2);
    assert_eq!(finance.ordinal, Some(22));
    assert_eq!(d.slice(finance.heading), "（二十二）强化财政支持");
    assert!(d.slice(finance.body).starts_with("省财政安排专项资金"));
    assert!(d.slice(finance.span).trim_end().ends_with("扶持电子商务发展。"));
    let parent = &d.sections[finance.parent.unwrap()];
    assert_eq!((parent.number.as_str(), parent.title.as_str()), ("七、", "加大政策支持力度"));
    // The section ends where the next one of the same level starts.
    let tax = find(&d, "（二十三）");
    assert_eq!(finance.span.end, tax.span.start);
    assert_eq!(tax.title, "落实税收优惠政策");
    // Part 七 spans all its subparts up to the closing block.
    assert_eq!(parent.span.end, d.sections.last().unwrap().span.start);

    let preamble = &d.sections[0];
    assert_eq!(preamble.kind, SectionKind::Preamble);
    assert!(d.slice(preamble.span).starts_with("各地级以上市人民政府"));
    let closing = d.sections.last().unwrap();
    assert_eq!(closing.kind, SectionKind::Closing);
    assert_eq!(d.slice(closing.span), "广东省人民政府办公厅\n\n　　2012年12月25日");

    // The text has no title or 文号; the manifest supplies them. Issuer and date are in the text.
    assert_eq!(d.metadata.issuer.as_deref(), Some("广东省人民政府办公厅"));
    assert_eq!(d.metadata.date.map(|d| d.iso()).as_deref(), Some("2012-12-25"));
    assert_eq!(d.metadata.doc_number.as_deref(), Some("粤府办〔2012〕131号"));
}

#[test]
fn guizhou_2014_outline_with_half_width_brackets_and_untitled_items() {
    let d = by_label("guizhou-2014");
    assert_eq!(count(&d, SectionKind::Part), 4);
    assert_eq!(count(&d, SectionKind::Subpart), 15);
    // 17 titled items; 「1、鼓励本地独立…」 and the three items of (四) are untitled list items.
    assert_eq!(count(&d, SectionKind::Item), 17);
    let support = d.sections.iter().find(|s| s.number == "(一)" && s.title == "完善电子商务发展支撑体系").unwrap();
    assert_eq!(support.level, 2);
    assert_eq!(support.body.len(), 0, "a heading line without body");
    let item = d.sections.iter().find(|s| s.title.starts_with("完善电子商务信用服务体系")).unwrap();
    assert_eq!(item.title, "完善电子商务信用服务体系，强化电子商务数据安全保障与信息共享");
    assert_eq!(item.number, "2、");
    assert_eq!(d.sections[item.parent.unwrap()].id, support.id);
    assert!(!d.sections.iter().any(|s| s.title.starts_with("鼓励本地独立")));
    let finance = d.sections.iter().find(|s| s.title == "加大财政支持力度").unwrap();
    assert_eq!(finance.number, "(一)");
    assert_eq!(d.sections[finance.parent.unwrap()].title, "加大政策支持力度");
    // The second paragraph of 发展目标 (力争到2020年…) stays in that section.
    let goals = d.sections.iter().find(|s| s.title == "发展目标").unwrap();
    assert!(d.slice(goals.span).contains("力争到2020年"));
    assert_eq!(d.metadata.title.as_deref(), Some("贵州省关于加快发展电子商务的指导意见"));
    assert_eq!(d.metadata.doc_number, None);
    assert_eq!(d.metadata.date.map(|d| d.iso()).as_deref(), Some("2014"), "year from the manifest");
}

#[test]
fn xianning_2014_outline_and_metadata() {
    let d = by_label("xianning-2014");
    assert_eq!(count(&d, SectionKind::Part), 6);
    assert_eq!(count(&d, SectionKind::Subpart), 21);
    assert_eq!(
        titles(&d, SectionKind::Part),
        [
            "目标要求",
            "普及和深化电子商务应用",
            "加强支撑服务体系建设",
            "推进电子商务设施建设",
            "加大政策支持力度",
            "保障措施"
        ]
    );
    let finance = d.sections.iter().find(|s| s.title == "加大金融扶持力度").unwrap();
    assert_eq!(finance.number, "（二）");
    assert!(d.slice(finance.body).starts_with("鼓励金融机构在风险可控的前提下"));
    assert_eq!(d.metadata.doc_number.as_deref(), Some("咸政办发〔2014〕47号"));
    assert_eq!(d.metadata.title.as_deref(), Some("市人民政府办公室关于积极推进电子商务发展的实施意见"));
    assert_eq!(d.metadata.issuer.as_deref(), Some("市人民政府办公室"));
    assert_eq!(d.metadata.date.map(|d| d.iso()).as_deref(), Some("2014"));
    assert_eq!(d.sections[0].kind, SectionKind::Preamble);
    assert!(d.slice(d.sections[0].span).starts_with("咸政办发〔2014〕47号"));
}

#[test]
fn guangzhou_2014_cover_notice_and_enclosed_plan() {
    let d = by_label("guangzhou-2014");
    assert_eq!(count(&d, SectionKind::Part), 3);
    assert_eq!(count(&d, SectionKind::Subpart), 9);
    assert_eq!(count(&d, SectionKind::Item), 29);
    let cover = &d.sections[0];
    assert_eq!(cover.kind, SectionKind::Preamble);
    assert!(d.slice(cover.span).starts_with("广州市人民政府办公厅关于印发加快电子商务发展实施方案的通知"));
    assert!(d.slice(cover.span).ends_with("2014年9月21日"));
    let enclosed = &d.sections[1];
    assert_eq!(enclosed.kind, SectionKind::EnclosedTitle);
    assert_eq!(enclosed.title, "关于加快电子商务发展的实施方案");
    assert!(d.slice(enclosed.body).starts_with("为推动电子商务跨越式发展"));
    let first_part = d.sections.iter().find(|s| s.kind == SectionKind::Part).unwrap();
    assert_eq!(first_part.parent, Some(1));
    // Inline enumerations (1)…(6) inside 「2. 分类发展电子商务平台」 are not headings.
    assert_eq!(count(&d, SectionKind::Subitem), 0);
    let platforms = d.sections.iter().find(|s| s.title == "分类发展电子商务平台").unwrap();
    assert_eq!((platforms.number.as_str(), platforms.level), ("2.", 3));
    assert_eq!(d.metadata.doc_number.as_deref(), Some("穗府办〔2014〕54号"));
    assert_eq!(d.metadata.title.as_deref(), Some("关于加快电子商务发展的实施方案"));
    assert_eq!(d.metadata.issuer.as_deref(), Some("广州市人民政府办公厅"));
    assert_eq!(d.metadata.date.map(|d| d.iso()).as_deref(), Some("2014-09-21"));
    assert_eq!(d.metadata.effective.as_deref(), Some("自发布之日起实行,有效期至2017年12月31日"));
}

#[test]
fn qinghai_2016_outline_dash_bullets_and_effective_period() {
    let d = by_label("qinghai-2016");
    assert_eq!(count(&d, SectionKind::Part), 7);
    assert_eq!(count(&d, SectionKind::Subpart), 26);
    let principles = d.sections.iter().find(|s| s.title == "基本原则").unwrap();
    assert_eq!(principles.number, "(二)");
    // The three ——— bullets are list items inside 基本原则, not sections.
    assert!(d.slice(principles.span).contains("———因地制宜,分类指导。"));
    let finance = d.sections.iter().find(|s| s.number == "(十七)").unwrap();
    assert_eq!(finance.title, "加大财政支持");
    let closing = d.sections.last().unwrap();
    assert_eq!(closing.kind, SectionKind::Closing);
    assert_eq!(d.slice(closing.span), "本《意见》自2016年5月14日起施行,有效期至2021年5月13日。");
    assert_eq!(d.metadata.effective.as_deref(), Some("自2016年5月14日起施行,有效期至2021年5月13日"));
    assert_eq!(d.metadata.date.map(|d| d.iso()).as_deref(), Some("2016-05-14"));
}

#[test]
fn sections_nest_and_tile_within_the_text() {
    for d in corpus() {
        let chars = d.chars();
        for (index, s) in d.sections.iter().enumerate() {
            assert!(s.span.start <= s.span.end && s.span.end <= chars, "{} {}", d.label, s.id);
            assert!(s.span.contains_span(s.heading), "{} {}", d.label, s.id);
            assert!(s.span.contains_span(s.body), "{} {}", d.label, s.id);
            assert_eq!(s.id, format!("{}.S{}", d.id, index + 1));
            if let Some(parent) = s.parent {
                assert!(parent < index);
                assert!(d.sections[parent].span.contains_span(s.span), "{} {} in parent", d.label, s.id);
                assert!(d.sections[parent].level < s.level);
            }
        }
        // Siblings of one level never overlap.
        let numbered: Vec<_> = d.sections.iter().filter(|s| s.level == 1).collect();
        for pair in numbered.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start);
        }
    }
}
