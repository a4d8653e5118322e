//! The CSV report: one row per reused passage, UTF-8 with BOM (so Excel reads the Chinese), RFC 4180
//! quoting and CRLF line ends.

use super::ReportOptions;
use super::escape::csv as field;
use super::view::View;
use crate::analysis::Analysis;
use crate::reuse::{ReuseKind, ReuseSide};

/// Column names, in order.
pub const HEADER: [&str; 21] = [
    "number",
    "kind",
    "boilerplate",
    "similarity",
    "chars",
    "doc_a",
    "name_a",
    "title_a",
    "section_a_number",
    "section_a_title",
    "start_a",
    "end_a",
    "doc_b",
    "name_b",
    "title_b",
    "section_b_number",
    "section_b_title",
    "start_b",
    "end_b",
    "text_a",
    "text_b",
];

/// Render the CSV report.
pub fn render(analysis: &Analysis, options: &ReportOptions) -> Vec<u8> {
    let view = View::new(analysis, options);
    let mut out = String::from("\u{FEFF}");
    line(&mut out, HEADER.iter().map(|h| h.to_string()));
    for &p in view.passages.iter().chain(&view.boilerplate) {
        let passage = view.passage(p);
        let side = |side: ReuseSide| {
            let doc = view.doc(side.doc);
            let section = side.section.and_then(|s| doc.sections.get(s));
            [
                doc.id.clone(),
                view.names[side.doc].clone(),
                doc.display_name().to_string(),
                section.map(|s| s.number.clone()).unwrap_or_default(),
                section.map(|s| s.title.clone()).unwrap_or_default(),
                side.span.start.to_string(),
                side.span.end.to_string(),
            ]
        };
        let mut cells = vec![
            view.numbers.get(&p).copied().unwrap_or(p + 1).to_string(),
            if passage.kind == ReuseKind::Exact { "exact" } else { "edited" }.to_string(),
            passage.boilerplate.to_string(),
            format!("{:.3}", passage.similarity),
            passage.chars.to_string(),
        ];
        cells.extend(side(passage.a));
        cells.extend(side(passage.b));
        cells.push(view.doc(passage.a.doc).slice(passage.a.span).to_string());
        cells.push(view.doc(passage.b.doc).slice(passage.b.span).to_string());
        line(&mut out, cells.into_iter());
    }
    out.into_bytes()
}

fn line(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| field(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}
