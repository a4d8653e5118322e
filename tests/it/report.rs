//! Reports parsed back: HTML (scraper), .docx (zip + quick-xml), CSV (RFC 4180 reader), Markdown
//! tables, JSON; escaping of hostile text; atomic writing.

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use duizhao::align::{AlignedCell, Alignment, AlignmentRow};
use duizhao::analysis::{Analysis, AnalysisOptions};
use duizhao::error::ReportError;
use duizhao::model::{Document, Metadata, Section, SectionKind};
use duizhao::report::{ReportFormat, ReportOptions, render_report, write_report};
use duizhao::reuse::{ReuseKind, ReusePassage, ReuseReport, ReuseSide};
use duizhao::text::Span;
use scraper::{Html, Selector};

const CORPUS: [&str; 5] = ["guangdong-2012", "guizhou-2014", "xianning-2014", "guangzhou-2014", "qinghai-2016"];
const GUANGDONG: usize = 0;
const XIANNING: usize = 2;

fn corpus_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(format!("{name}.txt"))
}

fn load(path: &Path, id: usize) -> Document {
    duizhao::load::load_file(path, format!("D{id}")).unwrap()
}

/// The five corpus documents, analysed once for all tests.
fn corpus() -> &'static Analysis {
    static ANALYSIS: OnceLock<Analysis> = OnceLock::new();
    ANALYSIS.get_or_init(|| {
        let documents = CORPUS.iter().enumerate().map(|(i, name)| load(&corpus_path(name), i + 1)).collect();
        Analysis::run(documents, &AnalysisOptions::default())
    })
}

/// The 137-character financing clause shared by Guangdong 2012 and Xianning 2014.
fn financing_clause(analysis: &Analysis) -> (usize, &ReusePassage) {
    analysis
        .reuse
        .passages
        .iter()
        .enumerate()
        .find(|(_, p)| {
            p.a.doc == GUANGDONG
                && p.b.doc == XIANNING
                && analysis.documents[GUANGDONG].slice(p.a.span).contains("鼓励金融机构在风险可控的前提下")
        })
        .expect("the financing clause Guangdong 2012 ↔ Xianning 2014 is found")
}

fn html_of(analysis: &Analysis, options: &ReportOptions) -> String {
    String::from_utf8(render_report(analysis, ReportFormat::Html, options).unwrap()).unwrap()
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text_of(element: &scraper::ElementRef) -> String {
    element.text().collect()
}

// ---------------------------------------------------------------------------------------------
// Small readers for the checks.

fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        parts.insert(file.name().unwrap().to_string(), text);
    }
    parts
}

/// Parse XML to the end; return (element names in order, text of every w:t joined).
fn parse_xml(xml: &str) -> (Vec<String>, String) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = Vec::new();
    let mut text = String::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                in_t = name == "w:t";
                names.push(name);
            }
            Event::Empty(e) => names.push(e.name().as_ref().to_string()),
            Event::Text(t) if in_t => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => {
                if let Some(c) = r.resolve_char_ref().unwrap() {
                    text.push(c);
                    continue;
                }
                let name = r.xml10_content().into_owned();
                text.push_str(match name.as_str() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::End(_) => in_t = false,
            Event::Eof => break,
            _ => {}
        }
    }
    (names, text)
}

/// Count `|` that are not backslash-escaped.
fn unescaped_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '|') => count += 1,
            _ => {}
        }
    }
    count
}

/// Every Markdown table keeps one column count in all its rows; returns the number of tables.
fn assert_markdown_tables(markdown: &str) -> usize {
    let mut tables = 0;
    let mut columns: Option<usize> = None;
    for line in markdown.lines() {
        if line.starts_with('|') {
            let pipes = unescaped_pipes(line);
            match columns {
                None => {
                    tables += 1;
                    columns = Some(pipes);
                }
                Some(expected) => assert_eq!(pipes, expected, "row breaks its table: {line}"),
            }
        } else {
            columns = None;
        }
    }
    tables
}

// ---------------------------------------------------------------------------------------------
// A small analysis built by hand around hostile text, independent of the engine.

const HOSTILE: &str = "第一段：<script>alert(1)</script>，费用|比例 \"引号\", 逗号\n第二行相同的内容。";

fn hostile_document(id: &str, path: &Path, tail: &str) -> Document {
    let text = format!("一、总则<b>|\n　　{HOSTILE}\n{tail}\n");
    let chars = text.chars().count();
    Document {
        label: id.to_string(),
        metadata: Metadata {
            title: Some(format!("<script>bad()</script>|{id}")),
            date: duizhao::model::PolicyDate::parse_iso(if id == "D1" { "2012-01-01" } else { "2014-01-01" }),
            ..Metadata::default()
        },
        sections: vec![Section {
            id: format!("{id}.S1"),
            level: 1,
            kind: SectionKind::Part,
            number: "一、".to_string(),
            ordinal: Some(1),
            title: "总则<b>|".to_string(),
            heading: Span::new(0, 8),
            span: Span::new(0, chars),
            body: Span::new(8, chars),
            parent: None,
        }],
        ..Document::plain(id, path.display().to_string(), text)
    }
}

fn hostile_analysis(dir: &Path) -> Analysis {
    let a = hostile_document("D1", &dir.join("a.txt"), "甲方独有的文字。");
    let b = hostile_document("D2", &dir.join("b.txt"), "乙方新增的文字，\"逗号\", 竖线|。");
    for doc in [&a, &b] {
        std::fs::write(&doc.path, doc.text.as_str()).unwrap();
    }
    let start = a.text.as_str().chars().take_while(|&c| c != '第').count();
    let span = Span::new(start, start + HOSTILE.chars().count());
    assert_eq!(a.slice(span), HOSTILE);
    let passage = ReusePassage {
        kind: ReuseKind::Exact,
        boilerplate: false,
        similarity: 1.0,
        chars: 40,
        a: ReuseSide { doc: 0, span, section: Some(0) },
        b: ReuseSide { doc: 1, span, section: Some(0) },
    };
    let cell = AlignedCell { section: 0, score: 1.0, pinned: false, whole: false };
    Analysis {
        documents: vec![a, b],
        alignment: Alignment {
            rows: vec![AlignmentRow {
                topic: None,
                label: "总则<i>|\"".to_string(),
                cells: vec![Some(cell), Some(cell)],
            }],
            unaligned: Vec::new(),
            ..Default::default()
        },
        reuse: ReuseReport {
            passages: vec![passage],
            pairs: Vec::new(),
            sections: Vec::new(),
            rule: "<b>规则</b>".into(),
            fallbacks: Vec::new(),
        },
        options: AnalysisOptions::default(),
        levers: Vec::new(),
    }
}

#[test]
fn hostile_text_cannot_break_or_inject_into_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let analysis = hostile_analysis(dir.path());
    let options = ReportOptions::default();

    let html = html_of(&analysis, &options);
    assert!(!html.to_ascii_lowercase().contains("<script"), "no script markup at all");
    let parsed = Html::parse_document(&html);
    assert!(select(&parsed, "script").is_empty());
    assert!(select(&parsed, "b").iter().all(|b| !text_of(b).contains("规则")), "rule text is not markup");
    let passage_text: String = select(&parsed, "tr.passage td.passage-text").iter().map(text_of).collect();
    assert!(passage_text.contains("<script>alert(1)</script>，费用|比例 \"引号\", 逗号"), "{passage_text}");
    let titles: Vec<String> = select(&parsed, "tr.document td:nth-child(3)").iter().map(text_of).collect();
    assert_eq!(titles, ["<script>bad()</script>|D1", "<script>bad()</script>|D2"]);

    let csv = String::from_utf8(render_report(&analysis, ReportFormat::Csv, &options).unwrap()).unwrap();
    let rows = crate::common::parse_csv(csv.strip_prefix('\u{FEFF}').unwrap());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].len(), rows[1].len());
    let text_a = rows[0].iter().position(|h| h == "text_a").unwrap();
    assert_eq!(rows[1][text_a], HOSTILE);

    let markdown = String::from_utf8(render_report(&analysis, ReportFormat::Markdown, &options).unwrap()).unwrap();
    let without_breaks = markdown.replace("<br>", "");
    let raw_angle = without_breaks.match_indices('<').any(|(i, _)| !without_breaks[..i].ends_with('\\'));
    assert!(!raw_angle, "every < from the documents is escaped");
    assert!(markdown.contains("\\<script\\>alert(1)\\</script\\>"));
    assert!(assert_markdown_tables(&markdown) >= 4);

    let docx = render_report(&analysis, ReportFormat::Docx, &options).unwrap();
    let parts = unzip(&docx);
    for (name, xml) in &parts {
        if Path::new(name).extension().is_some_and(|e| e == "xml" || e == "rels") {
            parse_xml(xml);
        }
    }
    let (_, text) = parse_xml(&parts["word/document.xml"]);
    assert!(text.contains("<script>alert(1)</script>，费用|比例 \"引号\", 逗号"));
}

// ---------------------------------------------------------------------------------------------
// The corpus.

#[test]
fn html_report_of_the_corpus() {
    let analysis = corpus();
    let html = html_of(analysis, &ReportOptions::default());
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.contains("http://") && !html.contains("https://"), "self-contained: no external links");
    let parsed = Html::parse_document(&html);

    let ids: Vec<String> = select(&parsed, "tr.document td:first-child").iter().map(text_of).collect();
    assert_eq!(ids, ["D1", "D2", "D3", "D4", "D5"]);
    let style = text_of(&select(&parsed, "style")[0]);
    assert!(style.contains("\"Microsoft YaHei\", \"PingFang SC\", \"Noto Sans CJK SC\", sans-serif"));
    assert!(style.contains("@media print") && style.contains("size: A4"));
    assert_eq!(select(&parsed, ".legend").len(), 2);
    assert!(!select(&parsed, "#summary li").is_empty());

    // The financing clause: listed with its offsets and text, linked to its place in the view.
    let (index, clause) = financing_clause(analysis);
    assert_eq!(clause.kind, ReuseKind::Exact);
    assert_eq!(clause.chars, 137);
    assert_eq!(clause.a.span.start, 4072, "offset read from corpus/guangdong-2012.txt");
    let entry = select(&parsed, &format!("tr#passage-{}", index + 1));
    assert_eq!(entry.len(), 1);
    let locations = select(&parsed, &format!("tr#passage-{} td.location", index + 1));
    let attr = |i: usize, name: &str| locations[i].value().attr(name).unwrap().to_string();
    assert_eq!(attr(0, "data-doc"), "D1");
    assert_eq!(attr(0, "data-start"), clause.a.span.start.to_string());
    assert_eq!(attr(0, "data-end"), clause.a.span.end.to_string());
    assert_eq!(attr(1, "data-doc"), "D3");
    assert_eq!(attr(1, "data-start"), clause.b.span.start.to_string());
    assert_eq!(attr(1, "data-end"), clause.b.span.end.to_string());
    let text = text_of(&entry[0]);
    assert!(text.contains(analysis.documents[GUANGDONG].slice(clause.a.span).trim()));
    assert!(text.contains("符合条件的可列为重点上市培育企业"));
    let link = select(&parsed, &format!("tr#passage-{} a", index + 1))[0].value().attr("href").unwrap().to_string();
    assert_eq!(select(&parsed, &link).len(), 1, "link target {link} exists");

    // Every listed passage links to an existing anchor.
    for a in select(&parsed, "tr.passage td:first-child a") {
        let href = a.value().attr("href").unwrap();
        assert_eq!(select(&parsed, href).len(), 1, "{href}");
    }

    // Side-by-side diffs with marks, and reused text marked.
    assert!(!select(&parsed, ".block .text del").is_empty());
    assert!(!select(&parsed, ".block .text ins").is_empty());
    assert!(!select(&parsed, ".block .text mark.re").is_empty());
    assert!(select(&parsed, "table.alignment tbody tr").len() >= 10);
}

#[test]
fn docx_report_of_the_corpus() {
    let analysis = corpus();
    let bytes = render_report(analysis, ReportFormat::Docx, &ReportOptions::default()).unwrap();
    let parts = unzip(&bytes);
    for part in
        ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"]
    {
        assert!(parts.contains_key(part), "{part}");
        parse_xml(&parts[part]);
    }
    let (names, text) = parse_xml(&parts["word/document.xml"]);
    for element in ["w:strike", "w:u", "w:shd", "w:tbl", "w:tblHeader"] {
        assert!(names.iter().any(|n| n == element), "{element}");
    }
    let (_, clause) = financing_clause(analysis);
    assert!(text.contains(analysis.documents[GUANGDONG].slice(clause.a.span).trim()));
    assert!(text.contains(&format!("字符 {}–{}", clause.a.span.start, clause.a.span.end)));
    for doc in &analysis.documents {
        assert!(text.contains(doc.id.as_str()));
    }
    // Reproducible byte for byte.
    assert_eq!(bytes, render_report(analysis, ReportFormat::Docx, &ReportOptions::default()).unwrap());
}

#[test]
fn csv_report_has_bom_header_and_one_row_per_passage() {
    let analysis = corpus();
    let count = |boilerplate: bool| analysis.reuse.passages.iter().filter(|p| boilerplate || !p.boilerplate).count();
    for include_boilerplate in [false, true] {
        let options = ReportOptions { documents: None, include_boilerplate };
        let csv = String::from_utf8(render_report(analysis, ReportFormat::Csv, &options).unwrap()).unwrap();
        let body = csv.strip_prefix('\u{FEFF}').expect("UTF-8 BOM");
        let rows = crate::common::parse_csv(body);
        assert_eq!(rows[0], duizhao::report::csv::HEADER);
        assert_eq!(rows.len() - 1, count(include_boilerplate));
        assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    }
    assert!(count(true) > count(false), "the corpus has boilerplate passages");

    let csv =
        String::from_utf8(render_report(analysis, ReportFormat::Csv, &ReportOptions::default()).unwrap()).unwrap();
    let rows = crate::common::parse_csv(csv.trim_start_matches('\u{FEFF}'));
    let column = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (_, clause) = financing_clause(analysis);
    let row = rows
        .iter()
        .find(|r| r[column("doc_a")] == "D1" && r[column("start_a")] == clause.a.span.start.to_string())
        .expect("financing clause row");
    assert_eq!(row[column("doc_b")], "D3");
    assert_eq!(row[column("end_a")], clause.a.span.end.to_string());
    assert_eq!(row[column("start_b")], clause.b.span.start.to_string());
    assert_eq!(row[column("chars")], "137");
    assert_eq!(row[column("kind")], "exact");
    assert_eq!(row[column("text_a")], analysis.documents[GUANGDONG].slice(clause.a.span));
    assert_eq!(row[column("text_b")], analysis.documents[XIANNING].slice(clause.b.span));
}

#[test]
fn markdown_report_of_the_corpus() {
    let analysis = corpus();
    let markdown =
        String::from_utf8(render_report(analysis, ReportFormat::Markdown, &ReportOptions::default()).unwrap()).unwrap();
    assert!(assert_markdown_tables(&markdown) >= 4);
    for heading in ["## 摘要", "## 文件", "## 复用比例", "## 章节对齐", "## 复用段落"] {
        assert!(markdown.contains(heading), "{heading}");
    }
    let (_, clause) = financing_clause(analysis);
    assert!(markdown.contains(&format!("字符 {}–{}", clause.a.span.start, clause.a.span.end)));
    assert!(markdown.contains("鼓励金融机构在风险可控的前提下"));
}

#[test]
fn json_report_has_schema_and_respects_the_selection() {
    let analysis = corpus();
    let all: serde_json::Value =
        serde_json::from_slice(&render_report(analysis, ReportFormat::Json, &ReportOptions::default()).unwrap())
            .unwrap();
    assert_eq!(all["schema"], "duizhao.report/1");
    assert_eq!(all["documents"].as_array().unwrap().len(), 5);
    let options = ReportOptions { documents: Some(vec![GUANGDONG, XIANNING]), include_boilerplate: false };
    let some: serde_json::Value =
        serde_json::from_slice(&render_report(analysis, ReportFormat::Json, &options).unwrap()).unwrap();
    let ids: Vec<&str> = some["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["D1", "D3"]);
}

#[test]
fn document_subset_limits_every_format() {
    let analysis = corpus();
    let options = ReportOptions { documents: Some(vec![XIANNING, GUANGDONG]), include_boilerplate: false };
    let parsed = Html::parse_document(&html_of(analysis, &options));
    let ids: Vec<String> = select(&parsed, "tr.document td:first-child").iter().map(text_of).collect();
    assert_eq!(ids, ["D1", "D3"]);
    let docs: Vec<String> =
        select(&parsed, "td.location").iter().map(|td| td.value().attr("data-doc").unwrap().to_string()).collect();
    assert!(!docs.is_empty());
    assert!(docs.iter().all(|d| d == "D1" || d == "D3"));

    let csv = String::from_utf8(render_report(analysis, ReportFormat::Csv, &options).unwrap()).unwrap();
    let rows = crate::common::parse_csv(csv.trim_start_matches('\u{FEFF}'));
    let expected = analysis
        .reuse
        .passages
        .iter()
        .filter(|p| !p.boilerplate && (p.a.doc, p.b.doc) == (GUANGDONG, XIANNING))
        .count();
    assert_eq!(rows.len() - 1, expected);
    assert!(expected > 0);
}

#[test]
fn output_is_deterministic() {
    let analysis = corpus();
    for format in ReportFormat::ALL {
        let options = ReportOptions { documents: None, include_boilerplate: true };
        assert_eq!(
            render_report(analysis, format, &options).unwrap(),
            render_report(analysis, format, &options).unwrap(),
            "{format:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Safety of writing.

#[test]
fn refuses_to_write_over_an_input_also_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let analysis = hostile_analysis(dir.path());
    let input = PathBuf::from(&analysis.documents[0].path);
    let before = std::fs::read(&input).unwrap();
    let result = write_report(&analysis, &input, ReportFormat::Html, &ReportOptions::default());
    assert!(matches!(result, Err(ReportError::WouldOverwriteInput { .. })), "{result:?}");
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let result = write_report(&analysis, &link, ReportFormat::Html, &ReportOptions::default());
    assert!(matches!(result, Err(ReportError::WouldOverwriteInput { .. })), "{result:?}");
    assert_eq!(std::fs::read(&input).unwrap(), before, "input unchanged");
    let sneaky = dir.path().join(".").join("b.txt");
    assert!(write_report(&analysis, &sneaky, ReportFormat::Csv, &ReportOptions::default()).is_err());
}

#[test]
fn failed_export_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let analysis = hostile_analysis(dir.path());
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing();

    // The destination is a folder: the temporary file is written, the rename fails, nothing stays.
    let folder = dir.path().join("report.html");
    std::fs::create_dir(&folder).unwrap();
    let result = write_report(&analysis, &folder, ReportFormat::Html, &ReportOptions::default());
    assert!(matches!(result, Err(ReportError::Io { .. })), "{result:?}");
    std::fs::remove_dir(&folder).unwrap();
    assert_eq!(listing(), before);

    // A folder that cannot be written (a read-only file system even for root).
    let result =
        write_report(&analysis, Path::new("/proc/duizhao-report.html"), ReportFormat::Html, &ReportOptions::default());
    assert!(matches!(result, Err(ReportError::Io { .. })), "{result:?}");
    assert!(!Path::new("/proc/duizhao-report.html").exists());

    // A folder without write permission (root ignores the permission bits, so only check when it applies).
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let target = locked.join("report.md");
    let writable = std::fs::File::create(locked.join("probe")).is_ok();
    let _ = std::fs::remove_file(locked.join("probe"));
    let result = write_report(&analysis, &target, ReportFormat::Markdown, &ReportOptions::default());
    assert_eq!(result.is_ok(), writable, "{result:?}");
    if result.is_err() {
        assert_eq!(std::fs::read_dir(&locked).unwrap().count(), 0);
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&locked).unwrap();

    // And a successful write replaces the file in one step.
    let out = dir.path().join("r.csv");
    write_report(&analysis, &out, ReportFormat::Csv, &ReportOptions::default()).unwrap();
    assert!(std::fs::read(&out).unwrap().starts_with("\u{FEFF}".as_bytes()));
    let mut expected = before.clone();
    expected.push("r.csv".to_string());
    expected.push("r.levers.csv".to_string());
    expected.sort();
    assert_eq!(listing(), expected);
}

// ---------------------------------------------------------------------------------------------
// The command line.

#[test]
fn compare_cli_reports_unreadable_files_and_writes_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("out.md");
    let missing = dir.path().join("missing.txt");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .arg("compare")
        .arg(corpus_path("guangdong-2012"))
        .arg(&missing)
        .arg(corpus_path("xianning-2014"))
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "a file failed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().filter(|l| l.contains("missing.txt")).count(), 1, "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Documents") && stdout.contains("Copy ratios") && stdout.contains("Alignment"));
    let markdown = std::fs::read_to_string(&report).unwrap();
    assert!(markdown.starts_with("# 对照报告"));

    // A report over an input is refused before any work, and the input is untouched.
    let input = dir.path().join("a.txt");
    std::fs::copy(corpus_path("guangdong-2012"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["compare", "--format", "json", "--report-format", "html", "--report"])
        .arg(&input)
        .arg(&input)
        .arg(corpus_path("xianning-2014"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("refusing to write the report over an input document"));
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read(&input).unwrap(), before);

    // JSON on stdout.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["compare", "--format", "json", "--min-chars", "20"])
        .arg(corpus_path("guangdong-2012"))
        .arg(corpus_path("xianning-2014"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["schema"], "duizhao.report/1");
    assert_eq!(json["options"]["min_chars"], 20);
    assert_eq!(json["documents"].as_array().unwrap().len(), 2);

    // Fewer than two readable documents is an error.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .arg("compare")
        .arg(corpus_path("guangdong-2012"))
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("at least two readable documents"));
}

#[test]
fn html_report_shows_unpaired_sections_opposite_an_empty_cell() {
    let analysis = corpus();
    let parsed = Html::parse_document(&html_of(analysis, &ReportOptions::default()));
    let alignment = &analysis.alignment;
    // The earliest document (Guangdong 2012) beside each other one: four outlines.
    let tables = select(&parsed, "table.section-pairs");
    assert_eq!(tables.len(), analysis.documents.len() - 1);
    let label = |doc: usize, section: usize| {
        let s = &analysis.documents[doc].sections[section];
        format!("{}{}", s.number, s.title)
    };
    let row = Selector::parse("tbody tr").unwrap();
    let cell = Selector::parse("td").unwrap();
    let lines: Vec<Vec<scraper::ElementRef>> = tables[0].select(&row).map(|tr| tr.select(&cell).collect()).collect();
    let id = select(&parsed, "h3[id^=sections-d1-d]")[0].value().attr("id").unwrap().to_string();
    let other = id.trim_start_matches("sections-d1-d").parse::<usize>().unwrap() - 1;
    // A section faces another only when one alignment row holds both.
    let partner = |doc: usize, section: usize, other_doc: usize| {
        alignment.row_of(doc, section).and_then(|r| alignment.rows[r].cells[other_doc]).map(|c| c.section)
    };
    let mut gaps = 0;
    for line in &lines {
        assert_eq!(line.len(), 2);
        let (left, right) = (text_of(&line[0]), text_of(&line[1]));
        let is_gap = |td: &scraper::ElementRef| td.value().attr("class") == Some("gap");
        if is_gap(&line[0]) || is_gap(&line[1]) {
            assert!(!(is_gap(&line[0]) && is_gap(&line[1])));
            assert!(left == "无对应章节" || right == "无对应章节");
            gaps += 1;
            continue;
        }
        let paired = (0..analysis.documents[GUANGDONG].sections.len()).any(|s| {
            label(GUANGDONG, s) == left && partner(GUANGDONG, s, other).is_some_and(|p| label(other, p) == right)
        });
        assert!(paired, "{left} beside {right} without an alignment row holding both");
    }
    // Every unit of either document without a partner in the other is one gap line.
    let unpaired = |doc: usize, other_doc: usize| {
        alignment.rows.iter().filter(|r| r.cells[doc].is_some() && r.cells[other_doc].is_none()).count()
            + alignment.unaligned.iter().filter(|(d, _)| *d == doc).count()
    };
    assert!(gaps > 0, "Guangdong and its neighbour have sections the other lacks");
    assert_eq!(gaps, unpaired(GUANGDONG, other) + unpaired(other, GUANGDONG));
    // In the alignment table an absent section is an explicit empty cell too.
    assert!(select(&parsed, "table.alignment td.gap").iter().all(|td| text_of(td) == "无对应章节"));
    assert!(!select(&parsed, "table.alignment td.gap").is_empty());
}
