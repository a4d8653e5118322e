//! The 政策对标表 section of the HTML, Markdown, Word and CSV reports, on the corpus: every format
//! shows the same tables, and every value points at its place in the text.

use std::path::Path;

use duizhao::analysis::{Analysis, AnalysisOptions};
use duizhao::report::{ReportFormat, ReportOptions, render_report, write_report};
use scraper::{Html, Selector};

fn analysis() -> Analysis {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let documents = ["guangdong-2012", "guizhou-2014", "xianning-2014", "guangzhou-2014", "qinghai-2016"]
        .iter()
        .enumerate()
        .map(|(i, name)| duizhao::load::load_file(&corpus.join(format!("{name}.txt")), format!("D{}", i + 1)).unwrap())
        .collect();
    Analysis::run(documents, &AnalysisOptions::default())
}

#[test]
fn every_format_has_the_levers_section() {
    let analysis = analysis();
    let options = ReportOptions::default();
    let section = duizhao::report::levers::restrict(&analysis, &[0, 1, 2, 3, 4]);
    let lever_count: usize =
        section.tables.iter().flat_map(|t| &t.lines).flat_map(|l| &l.cells).map(|c| c.levers.len()).sum();
    assert!(section.tables.len() >= 5 && lever_count >= 50, "{} tables, {lever_count} levers", section.tables.len());

    // HTML: one table per topic, every value with the span of its text.
    let html = String::from_utf8(render_report(&analysis, ReportFormat::Html, &options).unwrap()).unwrap();
    let page = Html::parse_document(&html);
    let tables: Vec<_> = page.select(&Selector::parse("section#levers table.levers").unwrap()).collect();
    assert_eq!(tables.len(), section.tables.len());
    let values: Vec<_> = page.select(&Selector::parse("section#levers .lever").unwrap()).collect();
    assert_eq!(values.len(), lever_count);
    for value in &values {
        let attr = |name: &str| value.value().attr(name).unwrap().to_string();
        let doc = analysis.document_index(&attr("data-doc")).unwrap();
        let span = duizhao::text::Span::new(attr("data-start").parse().unwrap(), attr("data-end").parse().unwrap());
        let lever = analysis.levers_of(doc).iter().find(|l| l.span == span).expect("a lever at the span");
        assert!(value.text().collect::<String>().contains(&lever.display_value()));
    }
    assert!(html.contains("高于基准") && html.contains("新增"));

    // Markdown and Word: the same topics under the same heading.
    let markdown = String::from_utf8(render_report(&analysis, ReportFormat::Markdown, &options).unwrap()).unwrap();
    assert!(markdown.contains("## 政策对标表"));
    let docx = render_report(&analysis, ReportFormat::Docx, &options).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("政策对标表"));
    for table in &section.tables {
        assert!(markdown.contains(&format!("### {}", table.label)), "{}", table.label);
        assert!(xml.contains(&duizhao::report::escape::xml(&table.label)), "{}", table.label);
    }

    // CSV: the levers table next to the report, one row per value, spans slicing the text.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.csv");
    write_report(&analysis, &path, ReportFormat::Csv, &options).unwrap();
    let csv = std::fs::read_to_string(dir.path().join("r.levers.csv")).unwrap();
    let csv = csv.strip_prefix('\u{FEFF}').expect("BOM");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], duizhao::report::levers::CSV_HEADER.join(","));
    // Fields hold no commas or quotes except the phrase and detail, so count rows only.
    assert!(lines.len() > lever_count, "one row per lever: {} rows, {lever_count} levers", lines.len() - 1);

    // A report of two documents compares against the first of them.
    let two = ReportOptions { documents: Some(vec![3, 0]), include_boilerplate: false };
    let html = String::from_utf8(render_report(&analysis, ReportFormat::Html, &two).unwrap()).unwrap();
    let base_name = &duizhao::comparison::document_names(&analysis.documents)[0];
    assert!(html.contains(&format!("基准文件：{}", duizhao::report::escape::xml(base_name))));
}

#[test]
fn json_report_carries_the_tables_of_the_selected_documents() {
    let analysis = analysis();
    let options = ReportOptions { documents: Some(vec![2, 0]), include_boilerplate: false };
    let value: serde_json::Value =
        serde_json::from_slice(&render_report(&analysis, ReportFormat::Json, &options).unwrap()).unwrap();
    assert_eq!(value["schema"], "duizhao.report/1");
    assert_eq!(value["levers"]["base"], "D1");
    let topics = value["levers"]["topics"].as_array().unwrap();
    assert!(!topics.is_empty());
    for topic in topics {
        for line in topic["lines"].as_array().unwrap() {
            let docs: Vec<&str> =
                line["cells"].as_array().unwrap().iter().map(|c| c["doc"].as_str().unwrap()).collect();
            assert_eq!(docs, ["D1", "D3"]);
        }
    }
}
