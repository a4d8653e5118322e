//! The CSV report: one row per reused passage, UTF-8 with BOM (so Excel reads the Chinese), RFC 4180
//! quoting and CRLF line ends.

use super::ReportOptions;
use super::escape::csv_formula_guard;
use super::view::View;
use crate::analysis::Analysis;
use crate::error::RenderError;
use crate::reuse::{ReuseKind, ReuseSide};

/// A CSV table being written: UTF-8 with BOM (so Excel reads the Chinese), RFC 4180 quoting only
/// where needed (the `csv` crate), CRLF line ends, every cell formula-guarded
/// ([`csv_formula_guard`]). The one CSV writer of the reports (passages, levers, revision table).
pub(crate) struct CsvTable {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvTable {
    /// A table with its header row written.
    pub(crate) fn new(header: &[&str]) -> Result<Self, RenderError> {
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer("\u{FEFF}".as_bytes().to_vec());
        let mut table = CsvTable { writer };
        table.row(header.iter().copied())?;
        Ok(table)
    }

    /// Append one row.
    pub(crate) fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Result<(), RenderError> {
        let cells: Vec<String> = cells.into_iter().map(|c| csv_formula_guard(c.as_ref()).into_owned()).collect();
        self.writer.write_record(&cells).map_err(RenderError::Csv)
    }

    /// The finished table's bytes.
    pub(crate) fn finish(self) -> Result<Vec<u8>, RenderError> {
        self.writer.into_inner().map_err(|error| RenderError::Csv(error.into_error().into()))
    }
}

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
pub fn render(analysis: &Analysis, options: &ReportOptions) -> Result<Vec<u8>, RenderError> {
    let view = View::new(analysis, options);
    let mut table = CsvTable::new(&HEADER)?;
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
        table.row(cells)?;
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::CsvTable;

    #[test]
    fn quotes_only_when_needed_with_bom_crlf_and_formula_guard() {
        let mut table = CsvTable::new(&["a", "b", "c"]).unwrap();
        table.row(["广东", "a,\"b\"\nc", "=1+1"]).unwrap();
        let text = String::from_utf8(table.finish().unwrap()).unwrap();
        assert_eq!(text, "\u{FEFF}a,b,c\r\n广东,\"a,\"\"b\"\"\nc\",'=1+1\r\n");
    }
}
