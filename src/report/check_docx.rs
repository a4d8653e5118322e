//! The 查重 report as a Word document, with the comparison report's writer helpers and styles: a
//! summary box on page one, then the sources, the draft's sections, and every passage beside its
//! source with the word-level marks as Word formatting (struck, underlined, shaded).

use std::fmt::Write as _;

use super::check::{CheckKind, CheckPiece, CheckReport, percent, visible_parts};
use super::docx::{
    W_NS, XML_DECL, app_properties, content_types, document_rels, package, package_rels, paragraph, plain, run,
    run_properties, styles, table, table_rows, table_start, widths,
};
use super::escape::xml as esc;
use super::palette as pal;
use super::view::{DiffMark, ReuseMark};
use crate::comparison::Side as Column;

/// Render the .docx package.
pub fn render(report: &CheckReport) -> std::io::Result<Vec<u8>> {
    let parts: [(&str, String); 7] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core_properties(report)),
        ("docProps/app.xml", app_properties()),
        ("word/document.xml", document(report)),
        ("word/styles.xml", styles()),
        ("word/_rels/document.xml.rels", document_rels()),
    ];
    package(parts)
}

fn core_properties(report: &CheckReport) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>查重报告：{}</dc:title>\
         <dc:creator>Duizhao</dc:creator></cp:coreProperties>",
        esc(&report.draft_name())
    )
}

fn bold(text: &str) -> String {
    run(text, "<w:rPr><w:b/></w:rPr>")
}

fn muted(text: &str) -> String {
    run(text, &format!("<w:rPr><w:color w:val=\"{}\"/></w:rPr>", pal::MUTED_TEXT))
}

/// The summary box: the overall share large on the left, the figures and largest sources right.
fn summary_box(body: &mut String, report: &CheckReport) {
    let s = &report.summary;
    let total = widths(&[1]).iter().sum::<u32>();
    let left_w = total * 3 / 10;
    let cols = [left_w, total - left_w];
    table_start(body, total, &cols);
    // `table_start` opens a repeated header row; the box is that one row.
    let big = format!(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>\
         <w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
        muted("总复制比"),
        run(
            &percent(s.share),
            &format!(
                "<w:rPr><w:b/><w:color w:val=\"{}\"/><w:sz w:val=\"64\"/><w:szCs w:val=\"64\"/></w:rPr>",
                pal::ACCENT
            )
        ),
        muted(&format!("其中逐字相同 {}", percent(s.verbatim_share)))
    );
    let mut right = paragraph(
        None,
        &format!(
            "{}{}{}{}{}{}{}{}",
            plain("来源文件 "),
            bold(&s.sources.to_string()),
            plain(" 份　复用段落 "),
            bold(&s.passages.to_string()),
            plain(" 处　复用 "),
            bold(&format!("{} / {}", s.reused_chars, report.draft.countable_chars)),
            plain(" 字　最大单一来源 "),
            bold(&percent(s.max_source_share)),
        ),
    );
    for source in s.top_sources.iter().filter_map(|id| report.source(id)) {
        right.push_str(&paragraph(
            Some("TableText"),
            &format!(
                "{}{}{}",
                bold(&format!("{}　{}　", source.id, percent(source.share))),
                plain(&CheckReport::source_name(source)),
                muted(&format!("　{}", source.date.as_deref().unwrap_or("日期不详")))
            ),
        ));
    }
    for (width, content) in cols.iter().zip([big, right]) {
        let _ = write!(
            body,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/>\
             <w:vAlign w:val=\"center\"/></w:tcPr>{content}</w:tc>",
            pal::HEADER_BG
        );
    }
    body.push_str("</w:tr></w:tbl><w:p/>");
}

/// Runs of marked pieces; a replacement is struck on the `source` side and underlined on the draft's.
fn piece_runs(pieces: &[CheckPiece], kind: CheckKind, source: bool) -> String {
    let column = if source { Column::Left } else { Column::Right };
    let reuse = Some(match kind {
        CheckKind::Verbatim => ReuseMark::Exact,
        CheckKind::Rewritten => ReuseMark::Edited,
        CheckKind::Boilerplate => ReuseMark::Boilerplate,
    });
    visible_parts(pieces)
        .into_iter()
        .map(|(part, mark)| run(part, &run_properties(mark, column, reuse, false)))
        .collect()
}

fn document(report: &CheckReport) -> String {
    let mut body = String::with_capacity(128 * 1024);
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
    body.push_str(&paragraph(Some("Title"), &plain("查重报告")));
    body.push_str(&paragraph(
        Some("Caption"),
        &plain(&format!("送检稿：{}　·　比对文件夹：{}", report.draft_name(), report.corpus.folder)),
    ));
    summary_box(&mut body, report);
    body.push_str(&paragraph(Some("Heading1"), &plain("摘要")));
    for sentence in report.summary_sentences() {
        body.push_str(&paragraph(None, &plain(&format!("• {sentence}"))));
    }
    for version in &report.excluded.versions {
        body.push_str(&paragraph(
            None,
            &plain(&format!(
                "• 视为送检稿的其他版本，不计入：{}（{}，覆盖 {}）",
                version.path,
                version.date.as_deref().unwrap_or("日期不详"),
                percent(version.share)
            )),
        ));
    }
    for path in &report.excluded.identical {
        body.push_str(&paragraph(None, &plain(&format!("• 与送检稿全文相同，不计入：{path}"))));
    }

    body.push_str(&paragraph(Some("Heading1"), &plain("来源文件（按复制比）")));
    let rows: Vec<Vec<String>> = report
        .sources
        .iter()
        .map(|s| {
            let mut name = plain(&CheckReport::source_name(s));
            if let Some(number) = &s.doc_number {
                name.push_str(&muted(&format!("\n{number}")));
            }
            name.push_str(&muted(&format!("\n{}", s.path)));
            vec![
                plain(&format!("{} {}", s.rank, s.id)),
                name,
                plain(&dash(&s.issuer)),
                plain(&s.date_label()),
                bold(&percent(s.share)),
                plain(&s.reused_chars.to_string()),
                plain(&percent(s.source_share)),
                plain(&s.passages.to_string()),
            ]
        })
        .collect();
    table(
        &mut body,
        &widths(&[7, 30, 16, 11, 9, 8, 10, 7]),
        &["序号", "文件", "发文机关", "日期", "复制比", "字数", "来源被用比例", "段落"],
        &rows,
    );

    body.push_str(&paragraph(Some("Heading1"), &plain("各章节复制比")));
    let rows: Vec<Vec<String>> = report
        .sections
        .iter()
        .map(|s| {
            let indent = "　".repeat(usize::from(s.level.saturating_sub(1)));
            vec![
                plain(&format!("{indent}{}", s.label)),
                plain(&format!("{}–{}", s.span.start, s.span.end)),
                plain(&s.countable_chars.to_string()),
                plain(&s.reused_chars.to_string()),
                bold(&percent(s.share)),
                plain(s.main_source.as_deref().unwrap_or("—")),
            ]
        })
        .collect();
    table(
        &mut body,
        &widths(&[44, 14, 10, 11, 10, 11]),
        &["章节", "字符", "字数", "复用字数", "复制比", "主要来源"],
        &rows,
    );

    body.push_str(&paragraph(Some("Heading1"), &plain("逐段对照")));
    body.push_str(&paragraph(Some("Caption"), &legend()));
    let mut groups: Vec<(String, bool, Vec<Vec<String>>)> = Vec::new();
    for p in &report.passages {
        let boilerplate = p.kind == CheckKind::Boilerplate;
        if groups.last().is_none_or(|(source, b, _)| *source != p.source || *b != boilerplate) {
            groups.push((p.source.clone(), boilerplate, Vec::new()));
        }
        let head = format!("{}\n{}\n{} 字\n相似度 {:.2}", p.number, p.kind.chinese(), p.chars, p.similarity);
        let side = |section: &str, span: crate::text::Span, pieces: &[CheckPiece], source: bool| {
            format!(
                "{}{}",
                muted(&format!("{section} · 字符 {}–{}\n", span.start, span.end)),
                piece_runs(pieces, p.kind, source)
            )
        };
        if let Some((_, _, rows)) = groups.last_mut() {
            rows.push(vec![
                plain(&head),
                side(&p.source_section, p.source_span, &p.source_text, true),
                side(&p.draft_section, p.draft_span, &p.draft, false),
            ]);
        }
    }
    if groups.is_empty() {
        body.push_str(&paragraph(None, &plain("无。")));
    }
    for (source, boilerplate, rows) in &groups {
        let name = report.source(source).map(CheckReport::source_name).unwrap_or_default();
        let tail = if *boilerplate { " · 公文套话（不计入）" } else { "" };
        body.push_str(&paragraph(Some("Heading2"), &plain(&format!("{source} {name}{tail}"))));
        table_rows(&mut body, &widths(&[10, 45, 45]), &["编号", &format!("来源 {source}"), "送检稿"], rows, true);
    }

    if !report.skipped.is_empty() {
        body.push_str(&paragraph(Some("Heading1"), &plain("未能读取的文件")));
        for skip in &report.skipped {
            body.push_str(&paragraph(None, &plain(&format!("• {}：{}", skip.path.display(), skip.reason))));
        }
    }
    if !report.fallbacks.is_empty() {
        body.push_str(&paragraph(Some("Heading1"), &plain("比对超时")));
        for note in &report.fallbacks {
            body.push_str(&paragraph(None, &plain(&format!("• {note}"))));
        }
    }
    body.push_str(&paragraph(Some("Heading1"), &plain("计算规则")));
    for line in report.rule.lines() {
        body.push_str(&paragraph(Some("Caption"), &plain(line)));
    }
    format!(
        "{XML_DECL}<w:document xmlns:w=\"{W_NS}\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>"
    )
}

fn legend() -> String {
    let mut runs = bold("图例：");
    let mut sample = |text: &str, mark: DiffMark, column: Column, reuse: Option<ReuseMark>| {
        runs.push_str(&run(text, &run_properties(mark, column, reuse, false)));
        runs.push_str(&plain("　"));
    };
    sample("逐字相同", DiffMark::Same, Column::Left, Some(ReuseMark::Exact));
    sample("改写", DiffMark::Same, Column::Left, Some(ReuseMark::Edited));
    sample("公文套话（不计入）", DiffMark::Same, Column::Left, Some(ReuseMark::Boilerplate));
    sample("来源中删去", DiffMark::Deleted, Column::Left, None);
    sample("送检稿新增", DiffMark::Inserted, Column::Right, None);
    sample("改前", DiffMark::Changed, Column::Left, None);
    sample("改后", DiffMark::Changed, Column::Right, None);
    sample("移动", DiffMark::Moved, Column::Left, None);
    runs
}
