//! The revision table as a Word document in the form drafters submit: landscape A4, a title, the
//! summary, and a real three-column table (原条文 | 修改后条文 | 修改说明) whose header repeats on
//! every page; deletions struck through and insertions underlined as Word formatting.

use std::fmt::Write as _;

use super::docx::{
    W_NS, XML_DECL, app_properties, content_types, document_rels, package, package_rels, paragraph, run, styles,
    table_start,
};
use super::escape::xml as esc;
use super::palette as pal;
use super::revision::{COLUMNS, explanation, title};
use crate::revise::{Mark, Piece, Revision};

/// A4 landscape in twentieths of a point.
const PAGE_W: u32 = 16838;
const PAGE_H: u32 = 11906;
/// 2 cm margins.
const MARGIN: u32 = 1134;
/// Column widths: old and new text alike, the note narrower.
const WIDTHS: [u32; 3] = [6100, 6100, PAGE_W - 2 * MARGIN - 12200];

/// Render the .docx package.
pub fn render(revision: &Revision) -> std::io::Result<Vec<u8>> {
    let parts: [(&str, String); 7] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core_properties(revision)),
        ("docProps/app.xml", app_properties()),
        ("word/document.xml", document(revision)),
        ("word/styles.xml", styles()),
        ("word/_rels/document.xml.rels", document_rels()),
    ];
    package(parts)
}

fn core_properties(revision: &Revision) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title>\
         <dc:creator>Duizhao</dc:creator></cp:coreProperties>",
        esc(&title(revision))
    )
}

/// Run properties of a mark (children in schema order).
fn mark_rpr(mark: Mark, bold: bool) -> String {
    let mut rpr = String::from("<w:rPr>");
    if bold {
        rpr.push_str("<w:b/>");
    }
    match mark {
        Mark::Same => {}
        Mark::Deleted => {
            let _ = write!(rpr, "<w:strike/><w:color w:val=\"{}\"/>", pal::DELETE_TEXT);
        }
        Mark::Inserted => {
            let _ = write!(rpr, "<w:color w:val=\"{}\"/><w:u w:val=\"single\"/>", pal::INSERT_TEXT);
        }
    }
    rpr.push_str("</w:rPr>");
    rpr
}

/// The paragraphs of one cell: one per line of the pieces.
fn cell_paragraphs(pieces: &[Piece]) -> String {
    let mut paragraphs: Vec<String> = vec![String::new()];
    for piece in pieces {
        for (k, line) in piece.text.split('\n').enumerate() {
            if k > 0 {
                paragraphs.push(String::new());
            }
            if !line.is_empty()
                && let Some(last) = paragraphs.last_mut()
            {
                last.push_str(&run(line, &mark_rpr(piece.mark, false)));
            }
        }
    }
    paragraphs.iter().map(|runs| paragraph(Some("TableText"), runs)).collect()
}

fn table_cell(out: &mut String, width: u32, fill: Option<&str>, content: &str) {
    let shading = fill.map(|f| format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{f}\"/>")).unwrap_or_default();
    let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{shading}</w:tcPr>{content}</w:tc>");
}

fn document(revision: &Revision) -> String {
    let mut body = String::new();
    let centered = |style: &str, text: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/><w:jc w:val=\"center\"/></w:pPr>{}</w:p>", run(text, ""))
    };
    body.push_str(&centered("Title", &title(revision)));
    body.push_str(&centered("Caption", &format!("原：{}　　修改后：{}", revision.old_name, revision.new_name)));
    body.push_str(&paragraph(None, &run(&revision.summary.text, "<w:rPr><w:b/></w:rPr>")));
    let legend = format!(
        "{}{}{}",
        run("说明：", ""),
        run("删去的文字", &mark_rpr(Mark::Deleted, false)),
        run("以删除线标出，", "")
    ) + &run("新增的文字", &mark_rpr(Mark::Inserted, false))
        + &run("以下划线标出。", "");
    body.push_str(&paragraph(Some("Caption"), &legend));
    if revision.timed_out {
        body.push_str(&paragraph(Some("Caption"), &run("时间已到，部分条文未标出逐字修改。", "")));
    }
    table_start(&mut body, WIDTHS.iter().sum(), &WIDTHS);
    for (heading, width) in COLUMNS.iter().zip(WIDTHS) {
        let content = format!(
            "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
            run(heading, "<w:rPr><w:b/></w:rPr>")
        );
        table_cell(&mut body, width, Some(pal::HEADER_BG), &content);
    }
    body.push_str("</w:tr>");
    for row in &revision.rows {
        body.push_str("<w:tr>");
        table_cell(&mut body, WIDTHS[0], None, &cell_paragraphs(&row.old_text));
        table_cell(&mut body, WIDTHS[1], None, &cell_paragraphs(&row.new_text));
        let note = paragraph(Some("TableText"), &run(&explanation(row), ""));
        table_cell(&mut body, WIDTHS[2], None, &note);
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl><w:p/>");
    format!(
        "{XML_DECL}<w:document xmlns:w=\"{W_NS}\"><w:body>{body}<w:sectPr>\
         <w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\" w:orient=\"landscape\"/>\
         <w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>"
    )
}
