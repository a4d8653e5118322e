//! The Word report: a minimal, valid WordprocessingML package written by hand.
//!
//! Redlines use direct formatting (not tracked changes) so the reader sees the marks without
//! Word asking to accept or reject anything: deletions struck through in red, insertions
//! underlined in green, moved text dotted blue, reused text shaded in the palette's colours.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::ReportOptions;
use super::escape::xml as esc;
use super::palette as pal;
use super::summary;
use super::view::{DiffMark, ReuseMark, Run, View, whitespace_pieces};
use crate::analysis::Analysis;
use crate::comparison::Side as Column;
use crate::reuse::{ReuseKind, ReuseSide};

macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

pub(super) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Text width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 9638;

/// Render the .docx package.
pub fn render(analysis: &Analysis, options: &ReportOptions) -> std::io::Result<Vec<u8>> {
    let view = View::new(analysis, options);
    let parts: [(&str, String); 7] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core_properties(&view)),
        ("docProps/app.xml", app_properties()),
        ("word/document.xml", document(&view)),
        ("word/styles.xml", styles()),
        ("word/_rels/document.xml.rels", document_rels()),
    ];
    package(parts)
}

/// Zip the parts of a WordprocessingML package.
pub(super) fn package(parts: [(&str, String); 7]) -> std::io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed timestamp keeps the output byte-for-byte reproducible.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT);
    for (name, xml) in parts {
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

pub(super) const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

pub(super) fn content_types() -> String {
    format!(
        "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         </Types>"
    )
}

pub(super) fn package_rels() -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

pub(super) fn document_rels() -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
         </Relationships>"
    )
}

fn core_properties(view: &View) -> String {
    let names: Vec<&str> = view.docs.iter().map(|&d| view.names[d].as_str()).collect();
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>对照报告：{}</dc:title>\
         <dc:creator>Duizhao</dc:creator></cp:coreProperties>",
        esc(&names.join("、"))
    )
}

pub(super) fn app_properties() -> String {
    format!(
        "{XML_DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>Duizhao</Application></Properties>"
    )
}

pub(super) fn styles() -> String {
    let heading = |id: &str, name: &str, level: u8, size: u8, before: u32| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/>\
             <w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"{before}\" w:after=\"120\"/>\
             <w:outlineLvl w:val=\"{level}\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"{accent}\"/><w:sz w:val=\"{size}\"/>\
             <w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
            accent = pal::ACCENT
        )
    };
    format!(
        "{XML_DECL}<w:styles xmlns:w=\"{W_NS}\"><w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Arial\" w:eastAsia=\"Microsoft YaHei\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>\
         <w:color w:val=\"{text}\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"80\" w:line=\"320\" w:lineRule=\"auto\"/></w:pPr>\
         </w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>\
         <w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"120\"/></w:pPr><w:rPr><w:b/>\
         <w:color w:val=\"{accent}\"/><w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/></w:rPr></w:style>\
         {h1}{h2}\
         <w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/>\
         <w:qFormat/><w:rPr><w:color w:val=\"{muted}\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>\
         <w:qFormat/><w:pPr><w:spacing w:after=\"0\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/>\
         <w:szCs w:val=\"18\"/></w:rPr></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
         <w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"90\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/>\
         <w:right w:w=\"90\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         </w:styles>",
        text = pal::TEXT,
        accent = pal::ACCENT,
        muted = pal::MUTED_TEXT,
        h1 = heading("Heading1", "heading 1", 0, 30, 360),
        h2 = heading("Heading2", "heading 2", 1, 25, 240),
    )
}

/// Run formatting for a diff mark and a reuse background (children in schema order).
pub(super) fn run_properties(mark: DiffMark, column: Column, reuse: Option<ReuseMark>, bold: bool) -> String {
    let mut rpr = String::from("<w:rPr>");
    if bold {
        rpr.push_str("<w:b/>");
    }
    // A replacement is one mark: the old wording struck, the new one underlined, both in one colour.
    let struck = mark == DiffMark::Deleted || (mark == DiffMark::Changed && column == Column::Left);
    if struck {
        rpr.push_str("<w:strike/>");
    }
    match mark {
        DiffMark::Deleted => put!(rpr, "<w:color w:val=\"{}\"/>", pal::DELETE_TEXT),
        DiffMark::Inserted => put!(rpr, "<w:color w:val=\"{}\"/>", pal::INSERT_TEXT),
        DiffMark::Changed => put!(rpr, "<w:color w:val=\"{}\"/>", pal::CHANGE_TEXT),
        DiffMark::Moved => put!(rpr, "<w:color w:val=\"{}\"/>", pal::MOVE_TEXT),
        DiffMark::Same => {}
    }
    match mark {
        DiffMark::Inserted => rpr.push_str("<w:u w:val=\"single\"/>"),
        DiffMark::Changed if column == Column::Right => rpr.push_str("<w:u w:val=\"single\"/>"),
        DiffMark::Moved => rpr.push_str("<w:u w:val=\"dotted\"/>"),
        DiffMark::Same | DiffMark::Deleted | DiffMark::Changed => {}
    }
    if let Some(reuse) = reuse {
        let fill = match reuse {
            ReuseMark::Exact => pal::REUSE_EXACT_BG,
            ReuseMark::Edited => pal::REUSE_EDITED_BG,
            ReuseMark::Boilerplate => pal::BOILERPLATE_BG,
        };
        put!(rpr, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>");
    }
    rpr.push_str("</w:rPr>");
    rpr
}

/// One run of text; line breaks inside `text` become `<w:br/>`.
pub(super) fn run(text: &str, rpr: &str) -> String {
    let mut out = format!("<w:r>{rpr}");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        if !line.is_empty() {
            put!(out, "<w:t xml:space=\"preserve\">{}</w:t>", esc(line));
        }
    }
    out.push_str("</w:r>");
    out
}

pub(super) fn plain(text: &str) -> String {
    run(text, "")
}

pub(super) fn paragraph(style: Option<&str>, runs: &str) -> String {
    match style {
        Some(style) => format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{runs}</w:p>"),
        None => format!("<w:p>{runs}</w:p>"),
    }
}

/// The start of a bordered table of fixed layout, up to the opening of its header row (which
/// repeats on every page).
pub(super) fn table_start(out: &mut String, total: u32, widths: &[u32]) {
    let border = pal::BORDER;
    put!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{border}\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{border}\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{border}\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{border}\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{border}\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{border}\"/>\
         </w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
    );
    for width in widths {
        put!(out, "<w:gridCol w:w=\"{width}\"/>");
    }
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
}

/// A table with a repeated header row; `rows` hold the runs of each cell.
pub(super) fn table(out: &mut String, widths: &[u32], header: &[&str], rows: &[Vec<String>]) {
    table_rows(out, widths, header, rows, false);
}

/// [`table`], with `keep_rows`: no row is split across a page break (for rows that read as one
/// unit, such as a passage beside its source).
pub(super) fn table_rows(out: &mut String, widths: &[u32], header: &[&str], rows: &[Vec<String>], keep_rows: bool) {
    table_start(out, TEXT_WIDTH, widths);
    for (title, width) in header.iter().zip(widths) {
        put!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/></w:tcPr>{}</w:tc>",
            pal::HEADER_BG,
            paragraph(Some("TableText"), &run(title, "<w:rPr><w:b/></w:rPr>"))
        );
    }
    out.push_str("</w:tr>");
    for row in rows {
        out.push_str(if keep_rows { "<w:tr><w:trPr><w:cantSplit/></w:trPr>" } else { "<w:tr>" });
        for (cell, width) in row.iter().zip(widths) {
            put!(
                out,
                "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
                paragraph(Some("TableText"), cell)
            );
        }
        out.push_str("</w:tr>");
    }
    // Word wants a paragraph between a table and whatever follows it.
    out.push_str("</w:tbl><w:p/>");
}

/// Column widths proportional to `weights`, summing to the text width.
pub(super) fn widths(weights: &[u32]) -> Vec<u32> {
    let total: u32 = weights.iter().sum::<u32>().max(1);
    let mut widths: Vec<u32> = weights.iter().map(|w| TEXT_WIDTH * w / total).collect();
    let used: u32 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += TEXT_WIDTH - used;
    }
    widths
}

fn document(view: &View) -> String {
    let mut body = String::with_capacity(256 * 1024);
    let names: Vec<&str> = view.docs.iter().map(|&d| view.names[d].as_str()).collect();
    body.push_str(&paragraph(Some("Title"), &plain("对照报告")));
    body.push_str(&paragraph(Some("Caption"), &plain(&names.join(" · "))));

    body.push_str(&paragraph(Some("Heading1"), &plain("摘要")));
    for sentence in summary::sentences(view) {
        body.push_str(&paragraph(None, &plain(&format!("• {sentence}"))));
    }

    body.push_str(&paragraph(Some("Heading1"), &plain("文件")));
    let rows: Vec<Vec<String>> = view
        .docs
        .iter()
        .map(|&d| {
            let doc = view.doc(d);
            let dash = |v: Option<&str>| plain(v.unwrap_or("—"));
            vec![
                plain(&doc.id),
                plain(&view.names[d]),
                dash(doc.metadata.title.as_deref()),
                dash(doc.metadata.doc_number.as_deref()),
                dash(doc.metadata.date.as_deref()),
                plain(&doc.encoding),
                plain(&super::summary::human_size(doc.bytes)),
                plain(&doc.chars().to_string()),
            ]
        })
        .collect();
    table(
        &mut body,
        &widths(&[6, 12, 24, 18, 14, 8, 10, 8]),
        &["编号", "简称", "标题", "文号", "日期", "编码", "大小", "字数"],
        &rows,
    );

    body.push_str(&paragraph(Some("Heading1"), &plain("复用比例")));
    body.push_str(&paragraph(
        Some("Caption"),
        &plain("每格：行文件中有多少文字与列文件相同或改写自列文件（不含公文套话）；百分比下方为方向（按发文日期）。"),
    ));
    let mut header = vec![""];
    header.extend(names.iter().copied());
    let rows: Vec<Vec<String>> = view
        .docs
        .iter()
        .map(|&r| {
            let mut cells = vec![run(&view.names[r], "<w:rPr><w:b/></w:rPr>")];
            for &c in &view.docs {
                cells.push(if r == c {
                    plain("—")
                } else {
                    match view.ratio(r, c) {
                        Some((ratio, _)) => {
                            let direction = view.direction_label(c, r);
                            plain(&format!("{}\n{direction}", summary::percent(ratio)))
                        }
                        None => plain("·"),
                    }
                });
            }
            cells
        })
        .collect();
    table(&mut body, &widths(&vec![1; header.len()]), &header, &rows);
    if !view.analysis.reuse.rule.is_empty() {
        body.push_str(&paragraph(Some("Caption"), &plain(&format!("计算规则：{}", view.analysis.reuse.rule))));
    }

    super::levers::docx_section(&mut body, view);

    body.push_str(&paragraph(Some("Heading1"), &plain("复用段落")));
    body.push_str(&legend(view.include_boilerplate));
    body.push_str(&paragraph(Some("Caption"), &plain("逐字相同与改写，按长度排列。字符位置从 0 起计，不含终点。")));
    passage_table(&mut body, view, &view.passages);
    if view.include_boilerplate {
        body.push_str(&paragraph(Some("Heading2"), &plain("公文套话（不计入比例）")));
        passage_table(&mut body, view, &view.boilerplate);
    }

    // The redline is long: it starts on its own page.
    put!(
        body,
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:pageBreakBefore/></w:pPr>{}</w:p>",
        plain("逐段对照（修订视图）")
    );
    body.push_str(&paragraph(
        Some("Caption"),
        &plain("每个主题以最早的文件为底稿，标出较晚文件删去、新增和复用的文字。"),
    ));
    body.push_str(&legend(view.include_boilerplate));
    for row in &view.rows {
        if row.blocks.is_empty() {
            continue;
        }
        body.push_str(&paragraph(Some("Heading2"), &plain(&row.label)));
        for &b in &row.blocks {
            block(&mut body, view, b, None);
        }
    }
    let extra: Vec<usize> = (0..view.blocks.len()).filter(|&b| view.blocks[b].passage.is_some()).collect();
    if !extra.is_empty() {
        body.push_str(&paragraph(Some("Heading2"), &plain("对齐章节以外的复用段落")));
        for b in extra {
            let title = view.blocks[b].passage.map(|p| {
                let passage = view.passage(p);
                let kind = if passage.kind == ReuseKind::Exact { "逐字相同" } else { "改写" };
                format!("第 {} 号 · {kind} · {} 字", view.numbers.get(&p).copied().unwrap_or(p + 1), passage.chars)
            });
            block(&mut body, view, b, title.as_deref());
        }
    }

    format!(
        "{XML_DECL}<w:document xmlns:w=\"{W_NS}\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>"
    )
}

fn legend(boilerplate: bool) -> String {
    let mut runs = run("图例：", "<w:rPr><w:b/></w:rPr>");
    let mut sample = |text: &str, mark: DiffMark, column: Column, reuse: Option<ReuseMark>| {
        runs.push_str(&run(text, &run_properties(mark, column, reuse, false)));
        runs.push_str(&plain("　"));
    };
    sample("逐字相同的复用", DiffMark::Same, Column::Left, Some(ReuseMark::Exact));
    sample("改写的复用", DiffMark::Same, Column::Left, Some(ReuseMark::Edited));
    if boilerplate {
        sample("公文套话", DiffMark::Same, Column::Left, Some(ReuseMark::Boilerplate));
    }
    sample("删除", DiffMark::Deleted, Column::Left, None);
    sample("新增", DiffMark::Inserted, Column::Right, None);
    sample("修改前", DiffMark::Changed, Column::Left, None);
    sample("修改后", DiffMark::Changed, Column::Right, None);
    sample("移到别处", DiffMark::Moved, Column::Left, None);
    paragraph(None, &runs)
}

fn passage_table(out: &mut String, view: &View, list: &[usize]) {
    if list.is_empty() {
        out.push_str(&paragraph(None, &plain("无。")));
        return;
    }
    let location = |side: ReuseSide| {
        format!(
            "{}{}",
            run(&format!("{}\n", view.names[side.doc]), "<w:rPr><w:b/></w:rPr>"),
            plain(&format!(
                "{}\n字符 {}–{}",
                view.section_label(side.doc, side.section),
                side.span.start,
                side.span.end
            ))
        )
    };
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|&p| {
            let passage = view.passage(p);
            let (kind, mark) = match (passage.boilerplate, passage.kind) {
                (true, _) => ("套话", ReuseMark::Boilerplate),
                (false, ReuseKind::Exact) => ("逐字相同", ReuseMark::Exact),
                (false, ReuseKind::Edited) => ("改写", ReuseMark::Edited),
            };
            let shaded = run_properties(DiffMark::Same, Column::Left, Some(mark), false);
            let a_text = view.doc(passage.a.doc).slice(passage.a.span).trim();
            let text = if passage.kind == ReuseKind::Edited {
                // A rewritten clause reads best as a redline from the source to the copy.
                inline_runs(view, &view.passage_redline(p))
            } else {
                run(a_text, &shaded)
            };
            vec![
                plain(&view.numbers.get(&p).copied().unwrap_or(p + 1).to_string()),
                plain(&format!("{kind}\n{} 字\n相似度 {:.2}", passage.chars, passage.similarity)),
                location(passage.a),
                location(passage.b),
                text,
            ]
        })
        .collect();
    table(out, &widths(&[6, 12, 17, 17, 48]), &["编号", "类型", "文件 A", "文件 B", "文字"], &rows);
}

fn block(out: &mut String, view: &View, b: usize, title: Option<&str>) {
    let block = &view.blocks[b];
    let diff = view.diff(block);
    let heading = format!(
        "{} {} → {} {}",
        view.names[block.left.doc],
        view.section_label(block.left.doc, block.left.section),
        view.names[block.right.doc],
        view.section_label(block.right.doc, block.right.section)
    );
    let mut runs = String::new();
    if let Some(title) = title {
        runs.push_str(&run(&format!("{title}\n"), "<w:rPr><w:b/></w:rPr>"));
    }
    runs.push_str(&run(&heading, "<w:rPr><w:b/></w:rPr>"));
    put!(out, "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"60\"/></w:pPr>{runs}</w:p>");
    if let Some(reason) = &diff.fallback {
        out.push_str(&paragraph(Some("Caption"), &plain(&format!("比较超时，改用粗略比较：{reason}"))));
    }
    redline_paragraphs(out, view, &view.redline(b, &diff));
}

/// Runs of a short redline inside one paragraph (line breaks become spaces).
fn inline_runs(view: &View, runs: &[Run]) -> String {
    let mut out = String::new();
    for item in runs {
        let text = view.doc(item.doc).slice(item.span).replace(['\r', '\n'], " ");
        for (whitespace, piece) in whitespace_pieces(&text) {
            let mark = if whitespace { DiffMark::Same } else { item.mark };
            out.push_str(&run(piece, &run_properties(mark, item.column, item.reuse, false)));
        }
    }
    out
}

/// The redline as paragraphs: one per line of the source text, blank lines dropped.
fn redline_paragraphs(out: &mut String, view: &View, runs: &[Run]) {
    let mut current = String::new();
    let mut visible = false;
    let flush = |current: &mut String, visible: &mut bool, out: &mut String| {
        if *visible {
            put!(out, "<w:p>{current}</w:p>");
        }
        current.clear();
        *visible = false;
    };
    for item in runs {
        let marked = run_properties(item.mark, item.column, item.reuse, false);
        let blank = run_properties(DiffMark::Same, item.column, item.reuse, false);
        for (i, line) in view.doc(item.doc).slice(item.span).split('\n').enumerate() {
            if i > 0 {
                flush(&mut current, &mut visible, out);
            }
            for (whitespace, piece) in whitespace_pieces(line.trim_end_matches('\r')) {
                visible |= !whitespace;
                current.push_str(&run(piece, if whitespace { &blank } else { &marked }));
            }
        }
    }
    flush(&mut current, &mut visible, out);
}
