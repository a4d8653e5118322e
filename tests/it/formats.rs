//! Documents as people have them (issue 12): Word 97 .doc and WPS .wps, OFD, Markdown law files,
//! web pages with furniture and meta tags, real budget PDFs; the dates, issuers and names read from
//! them. Expected values were written by reading the texts (tests/fixtures/*/SOURCES.md).

use crate::common::ofd;

use std::path::{Path, PathBuf};

use duizhao::model::{DateKind, Document, Format, PolicyDate, SectionKind};

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}

fn load(path: &Path) -> Document {
    match duizhao::load::load_file(path, "D1".into()) {
        Ok(document) => document,
        Err(error) => panic!("{error}"),
    }
}

/// A document from text, as a .txt of that text would be read.
fn from_text(name: &str, text: &str) -> Document {
    let decoded = duizhao::ingest::read_bytes(Path::new(name), text.as_bytes()).expect("readable text");
    duizhao::outline::build_document("D1".into(), name.into(), text.len() as u64, decoded)
}

fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(name)).expect("corpus file")
}

fn date(year: i32, month: u8, day: u8) -> PolicyDate {
    PolicyDate { year, month: Some(month), day: Some(day) }
}

/// (kind, number, title) of each section: the outline without offsets.
fn shape(document: &Document) -> Vec<(SectionKind, String, String)> {
    document.sections.iter().map(|s| (s.kind, s.number.clone(), s.title.clone())).collect()
}

// ---------------------------------------------------------------------------------------------
// Word 97 (.doc) and WPS (.wps)

/// The .doc files were made from the corpus .txt by LibreOffice (scripts/make_doc_fixtures.sh). The
/// one difference the format forces: Word ends the document with a paragraph mark, which the reader
/// drops, so the .txt's final newline is not in the .doc text. Everything else — every char, hence
/// every offset of the outline — is the same.
#[test]
fn word97_doc_gives_the_text_and_outline_of_the_txt() {
    for name in ["guangdong-2012", "xianning-2014"] {
        let doc = load(&fixture(&format!("word97/{name}.doc")));
        let txt = corpus_text(&format!("{name}.txt"));
        let expected = from_text(&format!("{name}.txt"), txt.strip_suffix('\n').unwrap_or(&txt));
        assert_eq!(doc.format, Format::Docx, "{name}");
        assert_eq!(doc.encoding, "Word 97–2003 binary", "{name}");
        assert!(doc.text.as_str() == expected.text.as_str(), "{name}: the .doc text differs from the .txt");
        assert_eq!(doc.sections, expected.sections, "{name}");
        assert_eq!(doc.metadata.title, expected.metadata.title, "{name}");
        assert_eq!(doc.metadata.date, expected.metadata.date, "{name}");
        assert!(doc.sections.iter().filter(|s| s.kind == SectionKind::Part).count() >= 4, "{name}");
    }
}

#[test]
fn wps_file_in_word_binary_format_is_read_like_the_doc() {
    let wps = load(&fixture("word97/xianning-2014.wps"));
    let doc = load(&fixture("word97/xianning-2014.doc"));
    assert_eq!(wps.encoding, "WPS (Word 97 binary)");
    assert_eq!(wps.text.as_str(), doc.text.as_str());
    assert_eq!(wps.sections, doc.sections);
}

/// Headings numbered by Word's list feature (一、 （一） 1.) are not in the .doc text; the reader renders
/// them from the list tables, so the .doc reads exactly like the .docx it was converted from.
#[test]
fn automatic_list_numbering_of_a_doc_is_rendered_like_the_docx() {
    let doc = load(&fixture("word97/numbered.doc"));
    let docx = load(&fixture("word97/numbered.docx"));
    assert_eq!(doc.text.as_str(), docx.text.as_str());
    assert_eq!(doc.sections, docx.sections);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let numbers: Vec<&str> = doc.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(numbers, ["", "一、", "（一）", "（二）", "二、", "（一）", "1.", "2.", "三、", "（一）", ""]);
}

/// Tracked changes: the insertion is kept and the deletion dropped, as the .docx reader does, with
/// the same warning; Word keeps deleted text in the .doc piece table and marks it in the character
/// properties.
#[test]
fn tracked_deletions_of_a_doc_are_left_out_like_in_the_docx() {
    let doc = load(&fixture("word97/tracked.doc"));
    let docx = load(&fixture("word97/tracked.docx"));
    assert_eq!(doc.text.as_str(), docx.text.as_str());
    assert!(doc.text.as_str().contains("坚持以人民为中心、政府推动的原则。"));
    assert!(!doc.text.as_str().contains("市场主导") && doc.text.as_str().contains("到2017年"));
    assert_eq!(doc.sections, docx.sections);
    assert_eq!(doc.warnings, ["2 tracked deletion(s) left out; tracked insertions kept"]);
}

/// Word stores a piece whose characters all fit cp1252 as one byte per character ("compressed").
/// LibreOffice writes UTF-16 pieces only, so the test rewrites the Latin fixture's pieces as
/// compressed ones in place (through the `cfb` crate) and expects the same text back.
#[test]
fn compressed_cp1252_pieces_read_like_utf16_ones() {
    use std::io::{Read, Seek, SeekFrom, Write};
    let original = std::fs::read(fixture("word97/latin.doc")).expect("fixture");
    let expected = duizhao::ingest::read_bytes(Path::new("latin.doc"), &original).expect("readable").text;
    assert_eq!(expected, "Article 1 “Quoted” text – dash\nSecond paragraph café");

    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(original)).expect("compound file");
    let mut word = Vec::new();
    file.open_stream("/WordDocument").expect("stream").read_to_end(&mut word).expect("read");
    let flags = u16::from_le_bytes([word[0x0A], word[0x0B]]);
    let table_name = if flags & 0x0200 != 0 { "/1Table" } else { "/0Table" };
    let mut table = Vec::new();
    file.open_stream(table_name).expect("table").read_to_end(&mut table).expect("read");
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    // FIB: FibBase, csw + fibRgW, cslw + fibRgLw, cbRgFcLcb + pairs; the CLX is pair 33.
    let csw = usize::from(u16::from_le_bytes([word[32], word[33]]));
    let at_lw = 34 + csw * 2;
    let cslw = usize::from(u16::from_le_bytes([word[at_lw], word[at_lw + 1]]));
    let pairs = at_lw + 2 + cslw * 4 + 2;
    let (fc_clx, lcb_clx) = (u32_at(&word, pairs + 33 * 8) as usize, u32_at(&word, pairs + 33 * 8 + 4) as usize);
    let clx = &mut table[fc_clx..fc_clx + lcb_clx];
    assert_eq!(clx[0], 0x02, "the fixture's CLX starts with the piece table");
    let plc = 5;
    let count = (u32_at(clx, 1) as usize - 4) / 12;
    let mut rewritten = 0;
    for i in 0..count {
        let (cp_start, cp_end) = (u32_at(clx, plc + i * 4), u32_at(clx, plc + (i + 1) * 4));
        let pcd = plc + (count + 1) * 4 + i * 8;
        let fc = u32_at(clx, pcd + 2);
        assert_eq!(fc & 0x4000_0000, 0, "LibreOffice writes UTF-16 pieces");
        let start = fc as usize;
        let units: Vec<u16> = word[start..start + (cp_end - cp_start) as usize * 2]
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        let text = String::from_utf16(&units).expect("UTF-16");
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(!unmappable && bytes.len() == units.len());
        word[start..start + bytes.len()].copy_from_slice(&bytes);
        clx[pcd + 2..pcd + 6].copy_from_slice(&((fc * 2) | 0x4000_0000).to_le_bytes());
        rewritten += 1;
    }
    assert!(rewritten > 0);
    let mut stream = file.open_stream("/WordDocument").expect("stream");
    stream.seek(SeekFrom::Start(0)).expect("seek");
    stream.write_all(&word).expect("write");
    drop(stream);
    let mut stream = file.open_stream(table_name).expect("table");
    stream.write_all(&table).expect("write");
    drop(stream);
    file.flush().expect("flush");
    let patched = file.into_inner().into_inner();
    let decoded = duizhao::ingest::read_bytes(Path::new("compressed.doc"), &patched).expect("readable");
    assert_eq!(decoded.text, expected);
}

// ---------------------------------------------------------------------------------------------
// OFD

/// An OFD built to the standard from the corpus text: lines wrapped at 28 characters, 22 lines a
/// page, a 「— N —」 footer on each page, objects written bottom-up. Differences the format forces:
/// the layout has no indentation, blank lines or line ends of its own (the text is re-flowed like a
/// PDF's text layer), so offsets differ; the outline (kinds, numbers, titles) and the text of every
/// section, whitespace aside, are the same.
#[test]
fn ofd_gives_the_outline_and_section_texts_of_the_txt() {
    for name in ["guangdong-2012", "guizhou-2014", "qinghai-2016"] {
        let txt = corpus_text(&format!("{name}.txt"));
        let bytes = ofd::ofd_from_text(&txt, "测试标题", 28, 22);
        let decoded = duizhao::ingest::read_bytes(Path::new("x.ofd"), &bytes).expect("readable OFD");
        assert_eq!(decoded.format, Format::Pdf);
        assert_eq!(decoded.encoding, "OFD (GB/T 33190)");
        assert!(!decoded.text.contains("— 1 —"), "page numbers are dropped");
        let from_ofd = duizhao::outline::build_document("D1".into(), "x.ofd".into(), 0, decoded);
        let from_txt = from_text("x.txt", &txt);
        assert_eq!(shape(&from_ofd), shape(&from_txt), "{name}");
        let squeeze = |d: &Document, i: usize| -> String {
            d.slice(d.sections[i].span).chars().filter(|c| !c.is_whitespace()).collect()
        };
        for i in 0..from_txt.sections.len() {
            assert_eq!(squeeze(&from_ofd, i), squeeze(&from_txt, i), "{name}: section {i}");
        }
    }
}

#[test]
fn ofd_title_fills_a_missing_title() {
    let bytes =
        ofd::ofd_from_text("一、总体要求\n（一）指导思想。坚持以人民为中心。", "关于加快发展电子商务的意见", 28, 22);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notice.ofd");
    std::fs::write(&path, bytes).expect("write");
    let document = load(&path);
    assert_eq!(document.metadata.title.as_deref(), Some("关于加快发展电子商务的意见"));
}

/// Producers differ: absolute locations, page blocks, several TextCodes in one object, no DeltaX
/// (characters advance by the font size), a second DocBody, an XML declaration and namespaces.
#[test]
fn ofd_variants_of_real_producers_are_read() {
    let part = |name: &str, xml: &str| (name.to_string(), xml.to_string());
    let entry = r#"<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" DocType="OFD" Version="1.1">
        <ofd:DocBody><ofd:DocInfo><ofd:DocID>a</ofd:DocID></ofd:DocInfo><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>
        <ofd:DocBody><ofd:DocRoot>Doc_1/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#;
    let document = r#"<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>9</ofd:MaxUnitID></ofd:CommonData>
        <ofd:Pages><ofd:Page ID="1" BaseLoc="/Doc_0/Pages/Page_0/Content.xml"/><ofd:Page ID="2" BaseLoc="Pages/Page_1/Content.xml"/></ofd:Pages></ofd:Document>"#;
    let page0 = r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="3"><ofd:PageBlock ID="4">
        <ofd:TextObject ID="5" Boundary="25 30 160 20" Font="1" Size="5"><ofd:TextCode X="0" Y="5">第一条</ofd:TextCode><ofd:TextCode X="20" Y="5" DeltaX="g 6 5">为了规范管理，</ofd:TextCode></ofd:TextObject>
        <ofd:TextObject ID="6" Boundary="25 40 160 20" Font="1" Size="5"><ofd:TextCode X="0" Y="5">制定本办法。</ofd:TextCode></ofd:TextObject>
        </ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>"#;
    let page1 = r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="7">
        <ofd:TextObject ID="8" Boundary="25 30 160 20" Font="1" Size="5"><ofd:TextCode X="0" Y="5">第二条&#x3000;本办法自发布之日起施行。</ofd:TextCode></ofd:TextObject>
        </ofd:Layer></ofd:Content></ofd:Page>"#;
    let bytes = ofd::zip_parts(&[
        part("OFD.xml", entry),
        part("Doc_0/Document.xml", document),
        part("Doc_0/Pages/Page_0/Content.xml", page0),
        part("Doc_0/Pages/Page_1/Content.xml", page1),
    ]);
    let decoded = duizhao::ingest::read_bytes(Path::new("v.ofd"), &bytes).expect("readable OFD");
    assert_eq!(decoded.text, "第一条\u{3000}为了规范管理，\n制定本办法。\n第二条\u{3000}本办法自发布之日起施行。");
    let doc = duizhao::outline::build_document("D1".into(), "v.ofd".into(), 0, decoded);
    assert_eq!(doc.sections.iter().filter(|s| s.kind == SectionKind::Article).count(), 2);
}

// ---------------------------------------------------------------------------------------------
// Markdown law collections

#[test]
fn markdown_law_files_read_without_marks_with_chapters_dates_and_issuers() {
    let doc = load(&fixture("laws-md/dezhou-yingshang-2021.md"));
    let text = doc.text.as_str();
    assert!(!text.contains('#') && !text.contains("<!--"), "marks left in the text");
    assert!(text.starts_with("德州市优化营商环境条例\n"));
    assert_eq!(doc.metadata.title.as_deref(), Some("德州市优化营商环境条例"));
    assert_eq!(doc.metadata.issuer.as_deref(), Some("德州市人民代表大会常务委员会"));
    assert_eq!(doc.metadata.date.map(|d| d.iso()).as_deref(), Some("2021-07-27"));
    assert_eq!(doc.metadata.date_kind, Some(DateKind::Adopted));
    let approved: Vec<_> = doc.metadata.dates_of(DateKind::Approved).collect();
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].date, date(2021, 9, 30));
    assert_eq!(approved[0].by.as_deref(), Some("山东省人民代表大会常务委员会"));
    let chapters: Vec<&str> =
        doc.sections.iter().filter(|s| s.kind == SectionKind::Chapter).map(|s| s.number.as_str()).collect();
    assert_eq!(chapters.first(), Some(&"第一章"));
    assert!(chapters.len() >= 5, "{chapters:?}");
    // Articles hang under chapters.
    let first_article = doc.sections.iter().find(|s| s.kind == SectionKind::Article).expect("articles");
    let parent = first_article.parent.map(|p| doc.sections[p].kind);
    assert_eq!(parent, Some(SectionKind::Chapter));
    assert_eq!(doc.display_name(), "德州 2021 优化营商环境条例");
}

#[test]
fn state_council_regulation_is_dated_by_adoption_not_entry_into_force() {
    let doc = load(&fixture("laws-md/youhua-yingshang-guowuyuan-2019.md"));
    let m = &doc.metadata;
    assert_eq!(m.date.map(|d| d.iso()).as_deref(), Some("2019-10-08"));
    assert_eq!(m.date_kind, Some(DateKind::Adopted));
    assert_eq!(m.issuer.as_deref(), Some("国务院"));
    let kinds: Vec<(DateKind, PolicyDate)> = m.dates.iter().map(|e| (e.kind, e.date)).collect();
    assert!(kinds.contains(&(DateKind::Adopted, date(2019, 10, 8))), "{kinds:?}");
    assert!(kinds.contains(&(DateKind::Promulgated, date(2019, 10, 22))), "{kinds:?}");
    assert!(kinds.contains(&(DateKind::Effective, date(2020, 1, 1))), "{kinds:?}");
    let promulgated = m.dates_of(DateKind::Promulgated).next().and_then(|e| e.by.clone());
    assert_eq!(promulgated.as_deref(), Some("国务院"));
    assert_eq!(doc.display_name(), "国务院 2019 优化营商环境条例");
    assert_eq!(doc.sections.iter().filter(|s| s.kind == SectionKind::Chapter).count(), 7);
    assert_eq!(doc.sections.iter().filter(|s| s.kind == SectionKind::Article).count(), 72);
}

#[test]
fn provincial_regulation_with_a_later_effective_date() {
    let doc = load(&fixture("laws-md/shandong-yingshang-2020.md"));
    assert_eq!(doc.metadata.date.map(|d| d.iso()).as_deref(), Some("2020-09-25"));
    assert_eq!(doc.metadata.issuer.as_deref(), Some("山东省人民代表大会常务委员会"));
    assert_eq!(doc.metadata.dates_of(DateKind::Effective).next().map(|e| e.date), Some(date(2021, 1, 1)));
    assert_eq!(doc.display_name(), "山东 2020 优化营商环境条例");
}

#[test]
fn a_regulation_without_header_dates_falls_back_to_its_effective_date() {
    let doc = load(&fixture("laws-md/shanghai-dianzishangwu.md"));
    assert_eq!(doc.metadata.title.as_deref(), Some("上海市促进电子商务发展规定"));
    assert_eq!(doc.metadata.date.map(|d| d.iso()).as_deref(), Some("2009-03-01"));
    assert_eq!(doc.metadata.date_kind, Some(DateKind::Effective));
    assert_eq!(doc.display_name(), "上海 2009 促进电子商务发展规定");
    // No chapters: articles are the top level.
    assert_eq!(doc.sections.iter().filter(|s| s.kind == SectionKind::Article).count(), 22);
}

#[test]
fn markdown_sections_and_spaced_chapter_titles() {
    let doc = load(&fixture("laws-md/liangyong-wuxiang-2024.md"));
    let chapters: Vec<(String, String)> = doc
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Chapter)
        .map(|s| (s.number.clone(), s.title.clone()))
        .collect();
    assert_eq!(chapters.len(), 6, "{chapters:?}");
    assert_eq!(chapters[1], ("第二章".to_string(), "管制政策".to_string()));
    assert_eq!(doc.display_name(), "2024 两用物项出口管制条例");
}

#[test]
fn a_national_law_is_named_by_its_congress_and_titled_by_its_heading() {
    let doc = load(&fixture("laws-md/dianzi-shangwu-fa-2018.md"));
    assert_eq!(doc.metadata.title.as_deref(), Some("中华人民共和国电子商务法"));
    assert_eq!(doc.metadata.issuer.as_deref(), Some("全国人民代表大会常务委员会"));
    assert_eq!(doc.metadata.date.map(|d| d.iso()).as_deref(), Some("2018-08-31"));
    assert_eq!(doc.metadata.date_kind, Some(DateKind::Adopted));
    assert_eq!(doc.display_name(), "全国人大常委会 2018 电子商务法");
    assert_eq!(doc.sections.iter().filter(|s| s.kind == SectionKind::Chapter).count(), 7);
    assert_eq!(doc.sections.iter().filter(|s| s.kind == SectionKind::Article).count(), 89);
}

#[test]
fn a_markdown_heading_gives_the_title_whatever_it_ends_with() {
    let text =
        "# 某某市网络交易监督管理暂行规则（试行稿）\n\n<!-- INFO END -->\n\n第一条 为了规范网络交易，制定本规则。\n";
    let (decoded, container) = duizhao::ingest::read_bytes_with_metadata(
        Path::new("r.md"),
        text.as_bytes(),
        duizhao::ingest::ZipLimits::default(),
    )
    .expect("markdown");
    let doc = duizhao::outline::build_document_with("D1".into(), "r.md".into(), 0, decoded, container);
    assert_eq!(doc.metadata.title.as_deref(), Some("某某市网络交易监督管理暂行规则（试行稿）"));
}

// ---------------------------------------------------------------------------------------------
// Dates and issuers of other kinds of documents

#[test]
fn regulation_dates_in_parentheses_under_the_title() {
    let text = "德州市优化营商环境条例\n（2021年7月27日德州市第十八届人民代表大会常务委员会第四十二次会议通过　2021年9月30日山东省第十三届人民代表大会常务委员会第三十次会议批准）\n第一章　总则\n第一条　为了持续优化营商环境，制定本条例。\n第二条　本条例自2021年12月1日起施行。";
    let doc = from_text("dz.txt", text);
    assert_eq!(doc.metadata.date.map(|d| d.iso()).as_deref(), Some("2021-07-27"));
    assert_eq!(doc.metadata.date_kind, Some(DateKind::Adopted));
    assert_eq!(doc.metadata.issuer.as_deref(), Some("德州市人民代表大会常务委员会"));
    assert_eq!(doc.metadata.dates_of(DateKind::Approved).next().map(|e| e.date), Some(date(2021, 9, 30)));
    assert_eq!(doc.metadata.dates_of(DateKind::Effective).next().map(|e| e.date), Some(date(2021, 12, 1)));
}

#[test]
fn gongwen_signature_is_the_written_date_and_the_banji_line_the_issue_date() {
    let text = "关于加快发展电子商务的意见\n一、总体要求\n（一）指导思想。坚持科学发展。\n广东省人民政府办公厅\n2012年12月25日\n抄送：省委各部委。\n广东省人民政府办公厅秘书处　　2012年12月28日印发";
    let doc = from_text("gd.txt", text);
    assert_eq!(doc.metadata.issuer.as_deref(), Some("广东省人民政府办公厅"));
    assert_eq!(doc.metadata.date.map(|d| d.iso()).as_deref(), Some("2012-12-25"));
    assert_eq!(doc.metadata.date_kind, Some(DateKind::Written));
    let issued = doc.metadata.dates_of(DateKind::Issued).next().expect("印发 line");
    assert_eq!(issued.date, date(2012, 12, 28));
    assert_eq!(issued.by.as_deref(), Some("广东省人民政府办公厅秘书处"));
}

#[test]
fn labelled_written_date_beats_a_later_publication_date() {
    let text = "国务院办公厅关于促进平台经济规范健康发展的指导意见\n成文日期：2019年08月01日\n发布日期：2019年08月08日\n一、优化完善市场准入条件\n（一）推进登记注册便利化。";
    let doc = from_text("gov.txt", text);
    assert_eq!(doc.metadata.date.map(|d| d.iso()).as_deref(), Some("2019-08-01"));
    assert_eq!(doc.metadata.date_kind, Some(DateKind::Written));
    assert_eq!(doc.metadata.dates_of(DateKind::Published).next().map(|e| e.date), Some(date(2019, 8, 8)));
    assert_eq!(doc.metadata.issuer.as_deref(), Some("国务院办公厅"));
}

#[test]
fn web_page_publication_line_meta_tags_and_furniture() {
    let page = r#"<html><head><meta charset="utf-8">
        <meta name="ArticleTitle" content="关于进一步促进电子商务发展的实施意见">
        <meta name="PubDate" content="2014-03-15 09:30">
        <meta name="ContentSource" content="咸宁市人民政府办公室">
        </head><body><div class="article">
        <h1>关于进一步促进电子商务发展的实施意见</h1>
        <p>发布时间：2014-03-15　来源：咸宁市人民政府办公室　浏览次数：1024 【字体：大 中 小】</p>
        <div id="zoom"><p>一、总体要求</p><p>（一）指导思想。坚持市场主导、政府推动的原则，加快电子商务发展。</p>
        <p>（二）发展目标。到2015年，全市电子商务交易额突破百亿元。</p></div>
        <p>【打印本页】 【关闭窗口】</p><p>分享到：微信 微博 QQ空间</p></div></body></html>"#;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("page.html");
    std::fs::write(&path, page).expect("write");
    let doc = load(&path);
    let text = doc.text.as_str();
    for furniture in ["浏览次数", "字体", "打印本页", "关闭窗口", "分享到", "发布时间"] {
        assert!(!text.contains(furniture), "{furniture} left in {text}");
    }
    assert!(text.contains("（二）发展目标。到2015年"));
    assert!(doc.warnings.iter().any(|w| w.starts_with("3 line(s) of page furniture dropped")), "{:?}", doc.warnings);
    assert_eq!(doc.metadata.date.map(|d| d.iso()).as_deref(), Some("2014-03-15"));
    assert_eq!(doc.metadata.date_kind, Some(DateKind::Published));
    assert_eq!(doc.metadata.issuer.as_deref(), Some("咸宁市人民政府办公室"));
    assert_eq!(doc.metadata.title.as_deref(), Some("关于进一步促进电子商务发展的实施意见"));
    assert_eq!(doc.display_name(), "咸宁 2014 进一步促进电子商务发展的实施意见");
}

#[test]
fn meta_tags_alone_date_and_title_a_page() {
    let page = r#"<html><head><meta name="PubDate" content="2016-05-20"><meta name="ArticleTitle" content="青海省促进电子商务发展的若干措施"></head>
        <body><div id="content"><p>一、加快电子商务平台建设。支持企业建设电子商务平台。</p><p>二、完善物流配送体系。</p></div></body></html>"#;
    let (decoded, container) = duizhao::ingest::read_bytes_with_metadata(
        Path::new("p.html"),
        page.as_bytes(),
        duizhao::ingest::ZipLimits::default(),
    )
    .expect("readable page");
    let doc = duizhao::outline::build_document_with("D1".into(), "p.html".into(), 0, decoded, container);
    assert_eq!(doc.metadata.date.map(|d| d.iso()).as_deref(), Some("2016-05-20"));
    assert_eq!(doc.metadata.title.as_deref(), Some("青海省促进电子商务发展的若干措施"));
}

// ---------------------------------------------------------------------------------------------
// Names

#[test]
fn names_are_distinct_and_read_as_citations() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A document with nothing to cite by keeps its file name.
    let bare = dir.path().join("02_icv-roadtest-miit-2021.txt");
    std::fs::write(&bare, "一、总体要求\n（一）加强道路测试管理。\n（二）规范示范应用。").expect("write");
    // Two versions of one regulation: same issuer, year and title.
    let v1 = dir.path().join("v1.txt");
    let v2 = dir.path().join("v2.txt");
    let body = "第一章　总则\n第一条　为了规范电子商务，制定本办法。";
    std::fs::write(&v1, format!("某某市电子商务促进办法\n2021年3月1日 某某市人民政府第5次常务会议通过\n{body}"))
        .expect("write");
    std::fs::write(&v2, format!("某某市电子商务促进办法\n2021年9月1日 某某市人民政府第9次常务会议通过\n{body}"))
        .expect("write");
    let (documents, errors) = duizhao::load::load_files(&[bare, v1, v2]);
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<&str> = documents.iter().map(Document::display_name).collect();
    assert_eq!(names[0], "02_icv-roadtest-miit-2021");
    assert_eq!(names[1], "某某 2021 电子商务促进办法（2021-03-01）");
    assert_eq!(names[2], "某某 2021 电子商务促进办法（2021-09-01）");
    // The reports and the app use the same names.
    let analysis = duizhao::analysis::Analysis::run(documents, &duizhao::analysis::AnalysisOptions::default());
    let view_names = duizhao::comparison::document_names(&analysis.documents);
    let labels: Vec<String> = analysis.documents.iter().map(|d| d.label.clone()).collect();
    assert_eq!(view_names, labels);
}

#[test]
fn corpus_names_say_region_year_and_title() {
    let names: Vec<String> =
        duizhao::corpus::embedded_documents().iter().map(|d| d.display_name().to_string()).collect();
    assert_eq!(names[0], "广东 2012 加快发展电子商务的意见");
    let unique: std::collections::BTreeSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    for name in &names {
        assert!(name.chars().count() <= 30, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// Real PDFs (public district budget documents, ../shared/fixtures/real-pdf/SOURCES.tsv)

/// The shared fixtures folder beside the clone (CI lays `shared/` next to it, as in development).
fn real_pdf(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/real-pdf").join(name);
    assert!(path.exists(), "{} is missing: the shared fixtures must lie beside the repository", path.display());
    path
}

#[test]
fn real_budget_pdfs_read_with_outlines_issuers_years_and_distinct_names() {
    let files = [
        "P1_putuo-govoffice-budget-2025.pdf",
        "P2_putuo-commerce-commission-budget-2025.pdf",
        "P3_putuo-wanli-subdistrict-budget-2024.pdf",
        "P4_putuo-wanli-subdistrict-budget-2025.pdf",
        "P5_dept-final-accounts-template.pdf",
    ];
    let paths: Vec<PathBuf> = files.iter().map(|f| real_pdf(f)).collect();
    let (documents, errors) = duizhao::load::load_files(&paths);
    assert!(errors.is_empty(), "{errors:?}");
    // Issuer and year as SOURCES.tsv gives them (read from the cover pages).
    let expected = [
        (Some("上海市普陀区人民政府办公室"), 2025),
        (Some("上海市普陀区商务委员会"), 2025),
        (Some("上海市普陀区人民政府万里街道办事处"), 2024),
        (Some("上海市普陀区人民政府万里街道办事处"), 2025),
        (Some("上海市XX局"), 2024),
    ];
    for (document, (issuer, year)) in documents.iter().zip(expected) {
        let name = document.file_stem();
        assert_eq!(document.metadata.issuer.as_deref(), issuer, "{name}");
        assert_eq!(document.metadata.year(), Some(year), "{name}");
        assert!(
            document.metadata.title.as_deref().is_some_and(|t| t.ends_with("预算") || t.ends_with("决算")),
            "{name}"
        );
        let parts = document.sections.iter().filter(|s| s.kind == SectionKind::Part).count();
        assert!(parts >= 5, "{name}: {parts} 一、 sections");
        assert!(!document.display_name().contains(&name), "{name}: named by its file: {}", document.display_name());
    }
    let names: Vec<&str> = documents.iter().map(Document::display_name).collect();
    assert_eq!(
        names,
        [
            "普陀 2025 区级部门预算（人民政府办公室）",
            "普陀 2025 区级部门预算（商务委员会）",
            "普陀 2024 区级部门预算",
            "普陀 2025 区级部门预算（人民政府万里街道办事处）",
            "上海 2024 部门决算",
        ]
    );
    // The 2024/2025 version pair: the same narrative headings in the same order (the rows of the
    // budget tables between them differ by their figures).
    let headings = |d: &Document| -> Vec<String> {
        d.sections.iter().filter(|s| s.kind == SectionKind::Part).map(|s| s.title.clone()).collect()
    };
    let (h2024, h2025) = (headings(&documents[2]), headings(&documents[3]));
    assert_eq!(h2024.len(), h2025.len());
    assert_eq!(h2024[..9], h2025[..9]);
    assert_eq!(h2024[h2024.len() - 11..], h2025[h2025.len() - 11..]);
    assert_eq!(h2024[0], "加强党的建设");
}

// ---------------------------------------------------------------------------------------------
// Scanned PDFs

/// An image-only PDF of one page: the first page of the excerpt fixture rendered to grey pixels by
/// pdftoppm and wrapped as an uncompressed image XObject, so no text layer is left.
fn scanned_pdf() -> Option<Vec<u8>> {
    let dir = tempfile::tempdir().ok()?;
    let prefix = dir.path().join("page");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-singlefile", "-f", "1", "-l", "1"])
        .arg(fixture("guangdong-2012-excerpt.pdf"))
        .arg(&prefix)
        .status()
        .ok()?;
    assert!(status.success());
    let pgm = std::fs::read(prefix.with_extension("pgm")).ok()?;
    // P5 header: magic, width, height, maxval, each followed by whitespace.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let start = at + pgm[at..].iter().position(|b| !b.is_ascii_whitespace())?;
        let end = start + pgm[start..].iter().position(|b| b.is_ascii_whitespace())?;
        fields.push(String::from_utf8_lossy(&pgm[start..end]).into_owned());
        at = end + 1;
    }
    let (width, height) = (fields[1].clone(), fields[2].clone());
    Some(image_pdf(&width, &height, &pgm[at..]))
}

/// A one-page PDF whose page is a grey image and nothing else: what a scanner writes.
fn image_pdf(width: &str, height: &str, pixels: &[u8]) -> Vec<u8> {
    let mut pdf: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |pdf: &mut Vec<u8>, body: &[u8]| {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    };
    object(&mut pdf, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(&mut pdf, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object(&mut pdf, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>");
    let mut image = format!("<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {} >>\nstream\n", pixels.len()).into_bytes();
    image.extend_from_slice(pixels);
    image.extend_from_slice(b"\nendstream");
    object(&mut pdf, &image);
    let content = b"q 595 0 0 842 0 0 cm /Im0 Do Q";
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    object(&mut pdf, &stream);
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for offset in &offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", offsets.len() + 1).as_bytes(),
    );
    pdf
}

/// With tesseract (chi_sim) and pdftoppm installed the scanned page is read by OCR, with a warning;
/// without them the error says how to install them. Either way the outcome is asserted.
#[test]
fn scanned_pdf_is_read_by_ocr_or_the_message_says_how_to_get_it() {
    if !duizhao::ingest::ocr::available() {
        // A page that is only an image (blank grey): no text layer, and nothing here to read it.
        let pdf = image_pdf("16", "16", &[200u8; 256]);
        let error = duizhao::ingest::read_bytes(Path::new("scan.pdf"), &pdf).unwrap_err();
        assert!(error.to_string().contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"), "{error}");
        return;
    }
    let pdf = scanned_pdf().expect("pdftoppm renders the fixture");
    let decoded = duizhao::ingest::read_bytes(Path::new("scan.pdf"), &pdf).expect("OCR reads the page");
    assert!(decoded.warnings.iter().any(|w| w.contains("read by OCR")), "{:?}", decoded.warnings);
    let squeezed: String = decoded.text.chars().filter(|c| !c.is_whitespace()).collect();
    for phrase in ["电子商务", "意见"] {
        assert!(squeezed.contains(phrase), "{phrase} not in the OCR text: {squeezed}");
    }
    // The headings of the page are found in the OCR text.
    let doc = duizhao::outline::build_document("D1".into(), "scan.pdf".into(), 0, decoded);
    let parts: Vec<&str> =
        doc.sections.iter().filter(|s| s.kind == SectionKind::Part).map(|s| s.title.as_str()).collect();
    assert!(parts.contains(&"总体要求"), "{parts:?}");
    assert!(doc.sections.iter().any(|s| s.kind == SectionKind::Subpart), "no （一） heading in the OCR text");
}
