//! Reading real documents in every supported container and encoding, and refusing bad input cleanly.
//!
//! Inputs are built at test time from the corpus (re-encoded text, a .docx with automatic numbering,
//! HTML pages); the PDF fixture is committed with its recipe (tests/fixtures/make_pdf_fixture.sh).

use std::io::Write;
use std::path::{Path, PathBuf};

use duizhao::error::IngestError;
use duizhao::ingest::{self, MAX_FILE_BYTES, ZipLimits};
use duizhao::model::{Document, Format};
use encoding_rs::{GB18030, GBK};

const CORPUS: [&str; 5] = ["guangdong-2012", "guizhou-2014", "xianning-2014", "guangzhou-2014", "qinghai-2016"];

fn corpus(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(format!("{name}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = bom.then_some(0xFEFF_u16).into_iter().chain(text.encode_utf16());
    for unit in units {
        bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    bytes
}

/// Non-empty lines, trimmed of ASCII and full-width spaces.
/// (level, number, title) of every numbered heading the outline finds in `text`.
fn numbered_headings(text: &str) -> Vec<(u8, String, String)> {
    Document::from_text("D1", "x", text)
        .sections
        .into_iter()
        .filter(|s| s.level > 0)
        .map(|s| (s.level, s.number, s.title))
        .collect()
}

fn trimmed_lines(text: &str) -> Vec<String> {
    text.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
}

// ---------------------------------------------------------------------------------------------------
// Encodings

#[test]
fn corpus_reencoded_decodes_identically_with_the_right_encoding_name() {
    let dir = tempfile::tempdir().unwrap();
    for name in CORPUS {
        let original = corpus(name);
        let (gb, _, unmappable) = GB18030.encode(&original);
        assert!(!unmappable);
        let variants: Vec<(&str, Vec<u8>, &str)> = vec![
            ("utf8", original.as_bytes().to_vec(), "UTF-8"),
            ("utf8-bom", [b"\xEF\xBB\xBF".as_slice(), original.as_bytes()].concat(), "UTF-8"),
            ("gb18030", gb.into_owned(), "GB18030"),
            ("utf16le", utf16(&original, false, false), "UTF-16LE"),
            ("utf16be", utf16(&original, true, false), "UTF-16BE"),
            ("utf16le-bom", utf16(&original, false, true), "UTF-16LE"),
            ("utf16be-bom", utf16(&original, true, true), "UTF-16BE"),
        ];
        for (label, bytes, encoding) in variants {
            let path = write(dir.path(), &format!("{name}-{label}.txt"), &bytes);
            let decoded = ingest::read_file(&path).unwrap_or_else(|e| panic!("{name} {label}: {e}"));
            assert_eq!(decoded.encoding, encoding, "{name} {label}");
            assert!(decoded.text == original, "{name} {label}: text differs");
            assert_eq!(decoded.format, Format::Txt);
            assert!(decoded.warnings.is_empty(), "{name} {label}: {:?}", decoded.warnings);
        }
    }
}

#[test]
fn gbk_bytes_are_reported_as_gb18030() {
    let original = corpus("guangzhou-2014");
    let (gbk, _, unmappable) = GBK.encode(&original);
    assert!(!unmappable);
    let decoded = ingest::read_bytes(Path::new("guangzhou.txt"), &gbk).unwrap();
    assert_eq!(decoded.encoding, "GB18030");
    assert_eq!(decoded.text, original);
}

#[test]
fn a_short_gbk_title_that_is_valid_utf8_is_still_read_as_gb18030() {
    // 「营业税」 in GBK (D3 AA D2 B5 CB B0) is also well-formed UTF-8 (three Latin/Cyrillic letters).
    let (gbk, _, _) = GBK.encode("营业税");
    assert!(std::str::from_utf8(&gbk).is_ok());
    let decoded = ingest::read_bytes(Path::new("short.txt"), &gbk).unwrap();
    assert_eq!((decoded.text.as_str(), decoded.encoding.as_str()), ("营业税", "GB18030"));
}

#[test]
fn every_single_corpus_line_decodes_alone_in_utf8_and_gbk() {
    // Short inputs are where UTF-8 and GBK are hard to tell apart; each line is a realistic short file.
    let mut checked = 0;
    for name in CORPUS {
        for line in corpus(name).lines().map(str::trim).filter(|l| !l.is_empty()) {
            let utf8 = ingest::read_bytes(Path::new("line.txt"), line.as_bytes()).unwrap();
            assert_eq!((utf8.text.as_str(), utf8.encoding.as_str()), (line, "UTF-8"), "{name}");
            let (gbk, _, unmappable) = GBK.encode(line);
            if unmappable || gbk.is_ascii() {
                continue;
            }
            let decoded = ingest::read_bytes(Path::new("line.txt"), &gbk).unwrap();
            assert_eq!((decoded.text.as_str(), decoded.encoding.as_str()), (line, "GB18030"), "{name}");
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked}");
}

#[test]
fn every_short_corpus_word_is_read_right_in_utf8_and_in_gbk_that_looks_like_utf8() {
    // All 2- to 4-character runs of Chinese in the corpus as UTF-8, and as GBK where those bytes are\n    // also well-formed UTF-8 (the hard case).
    let mut seen = std::collections::BTreeSet::new();
    let mut wrong = Vec::new();
    let mut gbk_valid_utf8 = 0;
    for name in CORPUS {
        let chars: Vec<char> = corpus(name).chars().collect();
        for width in 2..=4 {
            for window in chars.windows(width) {
                if !window.iter().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)) {
                    continue;
                }
                let word: String = window.iter().collect();
                if !seen.insert(word.clone()) {
                    continue;
                }
                let utf8 = ingest::read_bytes(Path::new("w.txt"), word.as_bytes()).unwrap();
                if utf8.text != word {
                    wrong.push(format!("UTF-8 {word} → {}", utf8.text));
                }
                let (gbk, _, _) = GBK.encode(&word);
                if std::str::from_utf8(&gbk).is_err() {
                    continue;
                }
                gbk_valid_utf8 += 1;
                let decoded = ingest::read_bytes(Path::new("w.txt"), &gbk).unwrap();
                if decoded.text != word {
                    wrong.push(format!("{word} → {}", decoded.text));
                }
            }
        }
    }
    assert!(gbk_valid_utf8 > 200, "{gbk_valid_utf8}");
    assert!(wrong.is_empty(), "{} of {} misread: {wrong:?}", wrong.len(), seen.len());
}

#[test]
fn invalid_utf8_in_the_middle_is_replaced_with_a_warning() {
    let original = corpus("guangdong-2012");
    let cut = original.char_indices().nth(120).unwrap().0;
    let mut bytes = original.as_bytes()[..cut].to_vec();
    bytes.extend([0xFF, 0xFE, 0xC3]);
    bytes.extend(&original.as_bytes()[cut..]);
    let decoded = ingest::read_bytes(Path::new("damaged.txt"), &bytes).unwrap();
    assert_eq!(decoded.encoding, "UTF-8");
    let expected: String = original[..cut].to_string() + "\u{FFFD}\u{FFFD}\u{FFFD}" + &original[cut..];
    assert_eq!(decoded.text, expected);
    assert_eq!(decoded.warnings.len(), 1, "{:?}", decoded.warnings);
    assert!(decoded.warnings[0].starts_with("3 undecodable bytes"), "{}", decoded.warnings[0]);
    assert!(decoded.warnings[0].contains("char 120"), "{}", decoded.warnings[0]);
}

// ---------------------------------------------------------------------------------------------------
// .docx

/// A minimal Word package from paragraphs of body XML.
fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut parts = vec![
        ("[Content_Types].xml".to_string(), "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_string()),
        ("_rels/.rels".to_string(), "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string()),
        ("word/document.xml".to_string(), format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {w}><w:body>{body}<w:sectPr/></w:body></w:document>")),
    ];
    if let Some(numbering) = numbering {
        parts.push((
            "word/numbering.xml".into(),
            format!("<?xml version=\"1.0\"?><w:numbering {w}>{numbering}</w:numbering>"),
        ));
    }
    if let Some(styles) = styles {
        parts.push(("word/styles.xml".into(), format!("<?xml version=\"1.0\"?><w:styles {w}>{styles}</w:styles>")));
    }
    for (name, content) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(text))
}

/// Split a leading 「一、」 or 「（二十二）」 number off a line.
fn split_number(line: &str) -> Option<(&'static str, &str)> {
    let numerals = |c: char| "一二三四五六七八九十".contains(c);
    if let Some(rest) = line.strip_prefix('（') {
        let n = rest.chars().take_while(|&c| numerals(c)).map(char::len_utf8).sum::<usize>();
        if n > 0 && rest[n..].starts_with('）') {
            return Some(("subpart", &rest[n + '）'.len_utf8()..]));
        }
    }
    let n = line.chars().take_while(|&c| numerals(c)).map(char::len_utf8).sum::<usize>();
    if n > 0 && line[n..].starts_with('、') {
        return Some(("part", &line[n + '、'.len_utf8()..]));
    }
    None
}

#[test]
fn docx_with_automatic_numbering_tracked_changes_and_a_table_gives_the_original_lines() {
    let original = corpus("guangdong-2012");
    let lines = trimmed_lines(&original);
    let mut body = String::new();
    let mut parts = 0;
    let mut subparts = 0;
    for line in &lines {
        match split_number(line) {
            // Parts take their numbering from the Heading1 style (inherited numbering).
            Some(("part", rest)) => {
                parts += 1;
                body += &format!("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>{}</w:p>", run(rest));
            }
            // Subparts number continuously across parts (（三）…（二十八）): a list of their own.
            Some((_, rest)) if rest.starts_with("强化财政支持。") => {
                subparts += 1;
                // Tracked changes: an insertion that stays, a deletion that goes.
                let (head, tail) = rest.split_at("强化财政支持。".len());
                body += &format!(
                    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr>{}\
                     <w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>市级财政另行安排的旧条款。</w:delText></w:r></w:del>\
                     <w:ins w:id=\"2\" w:author=\"x\">{}</w:ins></w:p>",
                    run(head),
                    run(tail)
                );
            }
            Some((_, rest)) => {
                subparts += 1;
                body += &format!(
                    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr>{}</w:p>",
                    run(rest)
                );
            }
            // The signature block goes into a table, one cell per line.
            None if line == "广东省人民政府办公厅" => {
                body += &format!("<w:tbl><w:tr><w:tc><w:p>{}</w:p></w:tc></w:tr>", run(line));
            }
            None if line == "2012年12月25日" => {
                body += &format!("<w:tr><w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl>", run(line));
            }
            None => body += &format!("<w:p>{}</w:p>", run(line)),
        }
    }
    assert_eq!((parts, subparts), (7, 28));
    let numbering = "<w:abstractNum w:abstractNumId=\"10\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>\
        <w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl></w:abstractNum>\
        <w:abstractNum w:abstractNumId=\"20\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>\
        <w:numFmt w:val=\"chineseCountingThousand\"/><w:lvlText w:val=\"（%1）\"/><w:suff w:val=\"nothing\"/></w:lvl></w:abstractNum>\
        <w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num>";
    let styles = "<w:style w:type=\"paragraph\" w:styleId=\"Heading1Base\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>\
        <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:basedOn w:val=\"Heading1Base\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "guangdong-2012.docx", &docx(&body, Some(numbering), Some(styles)));
    let decoded = ingest::read_file(&path).unwrap();
    assert_eq!(decoded.format, Format::Docx);
    assert_eq!(trimmed_lines(&decoded.text), lines);
    // Same outline as the .txt: 7 parts and 28 subparts with their numbers and titles.
    let headings = numbered_headings(&decoded.text);
    assert_eq!(headings.len(), 35);
    assert_eq!(headings, numbered_headings(&original));
    assert!(!decoded.text.contains("旧条款"));
    assert!(decoded.warnings.iter().any(|w| w.contains("1 tracked deletion")), "{:?}", decoded.warnings);
}

#[test]
fn docx_numbering_restarts_lower_levels_and_renders_tabs_and_breaks() {
    let numbering = "<w:abstractNum w:abstractNumId=\"0\">\
        <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>\
        <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>\
        <w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/></w:lvl>\
        <w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimalEnclosedCircle\"/><w:lvlText w:val=\"%4\"/><w:suff w:val=\"nothing\"/></w:lvl>\
        </w:abstractNum><w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/></w:num>\
        <w:abstractNum w:abstractNumId=\"1\"><w:numStyleLink w:val=\"PolicyList\"/></w:abstractNum>\
        <w:num w:numId=\"6\"><w:abstractNumId w:val=\"1\"/></w:num>\
        <w:num w:numId=\"7\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>";
    let styles = "<w:style w:type=\"numbering\" w:styleId=\"PolicyList\"><w:pPr><w:numPr><w:numId w:val=\"5\"/></w:numPr></w:pPr></w:style>";
    let numbered = |num: u8, level: u8, text: &str| {
        format!(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>",
            run(text)
        )
    };
    let body = [
        numbered(5, 0, "总体要求"),
        numbered(5, 1, "指导思想"),
        numbered(5, 1, "发展目标"),
        numbered(5, 2, "交易额"),
        numbered(5, 3, "零售额"),
        numbered(5, 3, "批发额"),
        numbered(5, 0, "主要任务"),
        numbered(5, 1, "培育平台"),
        numbered(5, 2, "零售平台"),
        // The same list reached through a numbering style continues it.
        numbered(6, 0, "保障措施"),
        numbered(6, 1, "加强领导"),
        // A numbered paragraph deleted as a whole (tracked) takes no number; an old numbering recorded
        // in a tracked property change does not apply.
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"6\"/></w:numPr><w:rPr><w:del w:id=\"3\" w:author=\"x\"/></w:rPr></w:pPr>\
         <w:del w:id=\"4\" w:author=\"x\"><w:r><w:delText>删除的条目</w:delText></w:r></w:del></w:p>"
            .to_string(),
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"6\"/></w:numPr><w:pPrChange w:id=\"5\" w:author=\"x\">\
         <w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"6\"/></w:numPr></w:pPr></w:pPrChange></w:pPr>\
         <w:r><w:t>完善机制</w:t></w:r></w:p>"
            .to_string(),
        // "Restart numbering": a num with a start override.
        numbered(7, 0, "附则"),
        numbered(7, 0, "其他"),
        "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙 &amp; 丁</w:t></w:r></w:p>".to_string(),
    ]
    .concat();
    let decoded = ingest::read_bytes(Path::new("numbers.docx"), &docx(&body, Some(numbering), Some(styles))).unwrap();
    assert_eq!(
        decoded.text,
        "一、总体要求\n（一）指导思想\n（二）发展目标\n1. 交易额\n①零售额\n②批发额\n二、主要任务\n（一）培育平台\n1. 零售平台\n\
         三、保障措施\n（一）加强领导\n（二）完善机制\n一、附则\n二、其他\n甲\t乙\n丙 & 丁"
    );
}

#[test]
fn docx_numbering_without_its_definition_is_reported() {
    let body = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"9\"/></w:numPr></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>";
    let decoded = ingest::read_bytes(Path::new("n.docx"), &docx(body, None, None)).unwrap();
    assert_eq!(decoded.text, "总体要求");
    assert!(decoded.warnings.iter().any(|w| w.contains("numbering")), "{:?}", decoded.warnings);
}

// ---------------------------------------------------------------------------------------------------
// .html

fn gov_page(lines: &[&str], charset: &str) -> String {
    let paragraphs: String = lines.iter().map(|l| format!("<p>{}</p>\n", escape(l))).collect();
    format!(
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html><head>\
         <meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\" />\
         <title>广东省人民政府门户网站</title><style>.nav{{color:red}}</style>\
         <script>var 栏目 = \"政务公开\";</script></head>\n<body>\
         <div class=\"top-nav\"><ul><li><a href=\"/\">网站首页</a></li><li><a href=\"/zwgk\">政务公开</a></li></ul></div>\
         <div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; 政策文件</div>\
         <table width=\"100%\"><tr><td class=\"main\">\
         <div class=\"article\"><h1>关于加快发展电子商务的意见</h1>\
         <div class=\"info\">发布日期：2012-12-28 来源：省政府办公厅</div>\
         <div id=\"zoom\" class=\"TRS_Editor\">\n{paragraphs}</div></div></td>\
         <td class=\"right-list\"><h3>相关文件</h3><ul><li><a href=\"/a\">广东省人民政府关于促进商贸流通业发展的若干意见</a></li>\
         <li><a href=\"/b\">广东省人民政府办公厅关于印发电子商务示范工程实施方案的通知</a></li></ul></td></tr></table>\
         <div id=\"footer\">主办：广东省人民政府办公厅 版权所有 粤ICP备05070829号</div></body></html>"
    )
}

#[test]
fn html_pages_in_gbk_and_utf8_give_the_article_and_no_furniture() {
    let original = corpus("guangdong-2012");
    let lines: Vec<&str> = original.lines().filter(|l| !l.trim().is_empty()).collect();
    // The 「发布日期：… 来源：…」 line is page furniture: dropped from the text, its date kept as metadata.
    let mut expected = vec!["关于加快发展电子商务的意见"];
    expected.extend(&lines);
    let dir = tempfile::tempdir().unwrap();
    let gbk_source = gov_page(&lines, "gb2312");
    let (gbk_page, _, unmappable) = GBK.encode(&gbk_source);
    assert!(!unmappable);
    let cases = [
        ("gbk.html", gbk_page.into_owned(), "GB18030"),
        ("utf8.htm", gov_page(&lines, "utf-8").into_bytes(), "UTF-8"),
        // No declaration at all, GBK bytes, and a misleading extension: content and detection decide.
        ("undeclared.txt", GBK.encode(&gov_page(&lines, "")).0.into_owned(), "GB18030"),
    ];
    for (name, bytes, encoding) in cases {
        let path = write(dir.path(), name, &bytes);
        let decoded = ingest::read_file(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(decoded.format, Format::Html, "{name}");
        assert_eq!(decoded.encoding, encoding, "{name}");
        let got: Vec<&str> = decoded.text.lines().collect();
        assert_eq!(got, expected, "{name}");
        assert!(decoded.warnings.iter().any(|w| w.starts_with("1 line(s) of page furniture dropped")), "{name}");
        let (_, container) = ingest::read_file_with_metadata(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let published: Vec<String> = container.dates.iter().map(|e| e.date.iso()).collect();
        assert_eq!(published, ["2012-12-28"], "{name}");
        assert_eq!(numbered_headings(&decoded.text), numbered_headings(&original), "{name}: same outline as the .txt");
        for furniture in ["网站首页", "当前位置", "相关文件", "版权所有", "栏目", "门户网站", "促进商贸流通业"]
        {
            assert!(!decoded.text.contains(furniture), "{name}: {furniture}");
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// .pdf

#[test]
fn pdf_fixture_gives_headings_on_their_own_lines_and_a_joined_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guangdong-2012-excerpt.pdf");
    let decoded = ingest::read_file(&path).unwrap();
    assert_eq!(decoded.format, Format::Pdf);
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
    let original = corpus("guangdong-2012");
    let source: Vec<&str> = original.lines().collect();
    // The recipe (tests/fixtures/make_pdf_fixture.sh) typesets these 1-based lines of the source.
    let mut expected = vec!["关于加快发展电子商务的意见"];
    expected.extend([8, 10, 12, 15, 17, 19, 21, 23, 70].map(|n| source[n - 1].trim()));
    expected.extend(["广东省人民政府办公厅", "2012年12月25日"]);
    assert_eq!(expected[1], "一、总体要求");
    assert!(expected[9].starts_with("（二十二）强化财政支持。"));
    // Paragraphs wrapped by the layout, even across the page break and its "—1—" footer, come back
    // whole and exactly as in the source; headings stay on their own lines; page numbers are gone.
    assert_eq!(decoded.text.lines().collect::<Vec<_>>(), expected);
    let headings = numbered_headings(&decoded.text);
    let titles: Vec<&str> = headings.iter().map(|(_, _, title)| title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "总体要求",
            "指导思想",
            "发展目标",
            "加快培育一批电子商务平台和网商",
            "加快发展网络零售平台",
            "大力发展行业电子商务平台",
            "培育发展综合性电子商务平台",
            "发展壮大网商队伍",
            "强化财政支持"
        ]
    );
    let source_headings = numbered_headings(&original);
    assert!(headings.iter().all(|h| source_headings.contains(h)), "PDF headings are the .txt's headings");
}

/// A valid one-page PDF with no content stream text.
fn empty_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        "<< /Length 0 >>\nstream\n\nendstream",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    pdf
}

// ---------------------------------------------------------------------------------------------------
// Bad input: the right error, naming the file, no panic.

fn error_for(name: &str, bytes: &[u8]) -> IngestError {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    let error = ingest::read_file(&path).err().unwrap_or_else(|| panic!("{name} was accepted"));
    assert!(error.to_string().contains(name), "{error}");
    assert_eq!(error.path(), path);
    error
}

#[test]
fn empty_and_whitespace_files_are_empty() {
    assert!(matches!(error_for("empty.txt", b""), IngestError::Empty { .. }));
    assert!(matches!(error_for("blank.txt", " \r\n\t\n".as_bytes()), IngestError::Empty { .. }));
    assert!(matches!(error_for("fullwidth.txt", "　　\n　".as_bytes()), IngestError::Empty { .. }));
    assert!(matches!(error_for("one-space.txt", b" "), IngestError::Empty { .. }));
}

#[test]
fn a_one_byte_file_is_read_or_refused_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "one.txt", b"x");
    assert_eq!(ingest::read_file(&path).unwrap().text, "x");
    assert!(matches!(error_for("nul.txt", b"\x00"), IngestError::Unsupported { .. }));
    let high = error_for("high.txt", b"\xFF");
    assert!(matches!(high, IngestError::Unsupported { .. }), "{high}");
}

#[test]
fn foreign_formats_named_txt_are_unsupported() {
    let png =
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89";
    let cases: [(&str, &[u8], &str); 5] = [
        ("image.txt", png, "PNG image"),
        ("photo.txt", b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", "JPEG image"),
        ("tool.txt", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "Windows executable"),
        ("prog.txt", b"\x7FELF\x02\x01\x01\x00", "ELF executable"),
        ("archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00readme.md", "ZIP archive"),
    ];
    for (name, bytes, what) in cases {
        match error_for(name, bytes) {
            IngestError::Unsupported { what: found, .. } => assert_eq!(found, what, "{name}"),
            other => panic!("{name}: {other}"),
        }
    }
    // Word 97 and OFD are read now (issue 12): cut to a few bytes they are damaged files of their kind,
    // whatever the extension says.
    let cases: [(&str, &[u8], &str); 2] = [
        ("old.docx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", "doc"),
        ("notice.ofd", b"PK\x03\x04\x14\x00\x00\x00\x08\x00OFD.xml", "ofd"),
    ];
    for (name, bytes, kind) in cases {
        match error_for(name, bytes) {
            IngestError::Damaged { format, .. } => assert_eq!(format, kind, "{name}"),
            other => panic!("{name}: {other}"),
        }
    }
}

#[test]
fn random_binary_is_unsupported_binary_data() {
    // A fixed xorshift stream: deterministic "random" bytes.
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    match error_for("noise.txt", &bytes) {
        IngestError::Unsupported { what, .. } => assert_eq!(what, "binary data"),
        other => panic!("{other}"),
    }
}

#[test]
fn truncated_and_broken_docx_are_damaged() {
    let body = format!("<w:p>{}</w:p>", run(&corpus("guangdong-2012")));
    let whole = docx(&body, None, None);
    let half = &whole[..whole.len() / 2];
    let error = error_for("half.docx", half);
    assert!(matches!(&error, IngestError::Damaged { format, .. } if format == "docx"), "{error}");

    let broken = docx("<w:p><w:r><w:t>总体要求</w:r></w:p>", None, None);
    let error = error_for("broken.docx", &broken);
    assert!(
        matches!(&error, IngestError::Damaged { format, detail, .. } if format == "docx" && detail.contains("XML")),
        "{error}"
    );

    let unclosed = docx("<w:p><w:r><w:t>总体要求</w:t></w:r></w:p><w:p><w:r>", None, None);
    let error = error_for("unclosed.docx", &unclosed);
    assert!(matches!(&error, IngestError::Damaged { .. }), "{error}");
}

#[test]
fn a_zip_bomb_docx_is_refused() {
    // 80 MB of spaces inflate past the 64 MiB entry limit; deflate packs them into ~80 KB.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..80 {
        zip.write_all(&spaces).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    let error = error_for("bomb.docx", &bomb);
    assert!(
        matches!(&error, IngestError::Damaged { format, detail, .. } if format == "docx" && detail.contains("zip bomb")),
        "{error}"
    );
}

#[test]
fn docx_parts_over_the_total_limit_are_refused() {
    let filler = format!("<w:p>{}</w:p>", run(&"电子商务".repeat(60_000)));
    let styles = format!("<!-- {} -->", "x".repeat(600_000));
    let bytes = docx(&filler, None, Some(&styles));
    let limits = ZipLimits { max_entry_bytes: 1 << 20, max_total_bytes: 1_200_000 };
    let error = ingest::read_bytes_with_limits(Path::new("parts.docx"), &bytes, limits).unwrap_err();
    assert!(matches!(&error, IngestError::Damaged { detail, .. } if detail.contains("in total")), "{error}");
    // The same file within the default limits reads fine.
    assert!(ingest::read_bytes(Path::new("parts.docx"), &bytes).is_ok());
}

#[test]
fn pdf_without_text_layer_and_damaged_pdf() {
    let error = error_for("scan.pdf", &empty_pdf());
    assert!(matches!(error, IngestError::NoTextLayer { .. }), "{error}");
    assert!(error.to_string().contains("no text layer (scanned?)"));

    let fixture =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guangdong-2012-excerpt.pdf")).unwrap();
    let error = error_for("cut.pdf", &fixture[..fixture.len() / 3]);
    assert!(matches!(&error, IngestError::Damaged { format, .. } if format == "pdf"), "{error}");
    let error = error_for("garbage.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF");
    assert!(matches!(&error, IngestError::Damaged { format, .. } if format == "pdf"), "{error}");
}

#[test]
fn a_pdf_that_makes_the_library_panic_is_damaged_and_the_app_survives() {
    // Flipping bits in the fixture's objects makes pdf-extract panic (a missing object reference).
    let mut corrupted =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guangdong-2012-excerpt.pdf")).unwrap();
    for i in (2000..corrupted.len()).step_by(997) {
        corrupted[i] ^= 0x55;
    }
    let error = error_for("corrupted.pdf", &corrupted);
    assert!(matches!(&error, IngestError::Damaged { format, .. } if format == "pdf"), "{error}");
    // The reader still works afterwards.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guangdong-2012-excerpt.pdf");
    assert!(ingest::read_file(&path).unwrap().text.contains("2012年12月25日"));
}

#[test]
fn folders_missing_paths_and_huge_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let error = ingest::read_file(dir.path()).unwrap_err();
    assert!(matches!(error, IngestError::IsDirectory { .. }), "{error}");
    assert!(error.to_string().contains(&*dir.path().to_string_lossy()));

    let missing = dir.path().join("missing-policy.txt");
    let error = ingest::read_file(&missing).unwrap_err();
    assert!(matches!(error, IngestError::NotFound { .. }), "{error}");
    assert!(error.to_string().contains("missing-policy.txt"));

    // A sparse 100 MB file: refused from its size, before reading.
    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge).unwrap().set_len(100 * 1024 * 1024).unwrap();
    let error = ingest::read_file(&huge).unwrap_err();
    assert!(
        matches!(error, IngestError::TooLarge { size, limit, .. } if size == 100 * 1024 * 1024 && limit == MAX_FILE_BYTES),
        "{error}"
    );
    assert!(error.to_string().contains("huge.txt"));
}

#[test]
fn a_path_through_a_file_is_an_io_error() {
    // "file/child": the OS refuses with "not a directory", which is neither missing nor a folder.
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "notice.txt", "一、总体要求".as_bytes());
    let error = ingest::read_file(&file.join("child.txt")).unwrap_err();
    assert!(matches!(error, IngestError::Io { .. }), "{error}");
    assert!(error.to_string().contains("notice.txt/child.txt"), "{error}");
}

#[test]
fn inputs_are_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = utf16(&corpus("qinghai-2016"), false, true);
    let path = write(dir.path(), "qinghai.txt", &bytes);
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    ingest::read_file(&path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), before);
}
