//! WordprocessingML written through one `quick_xml::Writer`: the package, its fixed parts, and
//! the paragraphs, runs and tables the three Word reports (comparison, revision table, 查重) are
//! made of. Every .docx element the crate writes goes through [`Xml`], so tags are always
//! balanced and attribute values always escaped; the reports describe content as [`Run`]s and
//! [`ParaProps`] instead of splicing markup strings.

use std::io::{self, Cursor, Write as _};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::escape::xml as esc;
use super::palette as pal;

/// The WordprocessingML namespace.
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Text width of an A4 page with 2 cm margins, in twentieths of a point.
pub(super) const TEXT_WIDTH: u32 = 9638;

/// Character formatting of a run; the fields are written in the schema's order (b, strike,
/// color, sz, szCs, u, shd), which Word insists on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct RunProps {
    /// Bold.
    pub bold: bool,
    /// Struck through.
    pub strike: bool,
    /// Text colour (hex, from the palette).
    pub color: Option<&'static str>,
    /// Size in half-points.
    pub size: Option<u32>,
    /// Whether the complex-script size (szCs) repeats `size`.
    pub size_cs: bool,
    /// Underline style ("single", "dotted").
    pub underline: Option<&'static str>,
    /// Background shading (hex, from the palette).
    pub fill: Option<&'static str>,
}

impl RunProps {
    /// Bold and nothing else.
    pub const BOLD: RunProps =
        RunProps { bold: true, strike: false, color: None, size: None, size_cs: false, underline: None, fill: None };

    /// Plain text in `color`.
    pub const fn color(color: &'static str) -> RunProps {
        RunProps { color: Some(color), ..RunProps::PLAIN }
    }

    /// No formatting (an empty `<w:rPr>`).
    pub const PLAIN: RunProps =
        RunProps { bold: false, strike: false, color: None, size: None, size_cs: false, underline: None, fill: None };
}

/// A run of text; line breaks inside the text become `<w:br/>`. Without properties the run has
/// no `<w:rPr>` at all (it takes the paragraph style's formatting).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Run {
    /// The text.
    pub text: String,
    /// Its formatting, if any.
    pub props: Option<RunProps>,
}

/// The runs of one table cell (one paragraph).
pub(super) type Cell = Vec<Run>;

/// A run with `props`.
pub(super) fn run(text: impl Into<String>, props: RunProps) -> Run {
    Run { text: text.into(), props: Some(props) }
}

/// A run without formatting of its own.
pub(super) fn plain(text: impl Into<String>) -> Run {
    Run { text: text.into(), props: None }
}

/// A bold run.
pub(super) fn bold(text: impl Into<String>) -> Run {
    run(text, RunProps::BOLD)
}

/// Paragraph properties, written in the schema's order (pStyle, keepNext, pageBreakBefore,
/// spacing, jc); all unset means no `<w:pPr>`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct ParaProps {
    /// The paragraph style ("Title", "Caption", "Heading1", "Heading2", "TableText").
    pub style: Option<&'static str>,
    /// Kept on the page of the next paragraph.
    pub keep_next: bool,
    /// Starts a new page.
    pub page_break_before: bool,
    /// Space before and after, in twentieths of a point.
    pub spacing: Option<(u32, u32)>,
    /// Centred.
    pub center: bool,
}

impl ParaProps {
    /// Just a style.
    pub const fn style(style: &'static str) -> ParaProps {
        ParaProps { style: Some(style), keep_next: false, page_break_before: false, spacing: None, center: false }
    }

    /// A style, centred.
    pub const fn centered(style: Option<&'static str>) -> ParaProps {
        ParaProps { style, keep_next: false, page_break_before: false, spacing: None, center: true }
    }
}

/// The one XML writer of the Word reports: a `quick_xml::Writer` into memory with the
/// WordprocessingML building blocks on top. Writing into a `Vec` cannot fail, but the
/// `io::Result`s are passed on rather than assumed away.
pub(super) struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    /// A part starting with the standalone XML declaration.
    pub fn part() -> io::Result<Xml> {
        let mut writer = Writer::new(Vec::with_capacity(16 * 1024));
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))))?;
        writer.write_event(Event::Text(BytesText::from_escaped("\n")))?;
        Ok(Xml { writer })
    }

    /// The bytes of the part.
    pub fn finish(self) -> Vec<u8> {
        self.writer.into_inner()
    }

    /// `<name attrs…>`.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        let start = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.writer.write_event(Event::Start(start))
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    /// `<name attrs…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        let start = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.writer.write_event(Event::Empty(start))
    }

    /// `<name attrs…>text</name>`, the text escaped.
    pub fn text_element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.open(name, attrs)?;
        self.text(text)?;
        self.close(name)
    }

    /// Text content. Escaped by [`esc`], the crate's one XML escaper, which also drops the chars
    /// XML 1.0 cannot carry (document text is hostile input; quick_xml would pass them through).
    fn text(&mut self, text: &str) -> io::Result<()> {
        self.writer.write_event(Event::Text(BytesText::from_escaped(esc(text))))
    }

    /// `<w:name w:val="value"/>`, the most common WordprocessingML element.
    pub fn val(&mut self, name: &str, value: &str) -> io::Result<()> {
        self.empty(name, &[("w:val", value)])
    }

    /// `<w:shd>`: a background shading.
    fn shading(&mut self, fill: &str) -> io::Result<()> {
        self.empty("w:shd", &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)])
    }

    /// A run's `<w:rPr>`.
    fn run_props(&mut self, props: &RunProps) -> io::Result<()> {
        self.open("w:rPr", &[])?;
        if props.bold {
            self.empty("w:b", &[])?;
        }
        if props.strike {
            self.empty("w:strike", &[])?;
        }
        if let Some(color) = props.color {
            self.val("w:color", color)?;
        }
        if let Some(size) = props.size {
            let size = size.to_string();
            self.val("w:sz", &size)?;
            if props.size_cs {
                self.val("w:szCs", &size)?;
            }
        }
        if let Some(underline) = props.underline {
            self.val("w:u", underline)?;
        }
        if let Some(fill) = props.fill {
            self.shading(fill)?;
        }
        self.close("w:rPr")
    }

    /// Runs, each `<w:r>` with its properties and its lines as `<w:t>`s between `<w:br/>`s.
    pub fn runs(&mut self, runs: &[Run]) -> io::Result<()> {
        for item in runs {
            self.open("w:r", &[])?;
            if let Some(props) = &item.props {
                self.run_props(props)?;
            }
            for (i, line) in item.text.split('\n').enumerate() {
                if i > 0 {
                    self.empty("w:br", &[])?;
                }
                if !line.is_empty() {
                    self.text_element("w:t", &[("xml:space", "preserve")], line)?;
                }
            }
            self.close("w:r")?;
        }
        Ok(())
    }

    /// A paragraph of `runs` in `style`.
    pub fn paragraph(&mut self, style: Option<&'static str>, runs: &[Run]) -> io::Result<()> {
        self.paragraph_with(&ParaProps { style, ..ParaProps::default() }, runs)
    }

    /// A paragraph of `runs` with `props`.
    pub fn paragraph_with(&mut self, props: &ParaProps, runs: &[Run]) -> io::Result<()> {
        self.open("w:p", &[])?;
        if *props != ParaProps::default() {
            self.open("w:pPr", &[])?;
            if let Some(style) = props.style {
                self.val("w:pStyle", style)?;
            }
            if props.keep_next {
                self.empty("w:keepNext", &[])?;
            }
            if props.page_break_before {
                self.empty("w:pageBreakBefore", &[])?;
            }
            if let Some((before, after)) = props.spacing {
                self.empty("w:spacing", &[("w:before", &before.to_string()), ("w:after", &after.to_string())])?;
            }
            if props.center {
                self.val("w:jc", "center")?;
            }
            self.close("w:pPr")?;
        }
        self.runs(runs)?;
        self.close("w:p")
    }

    /// The empty paragraph Word wants between a table and whatever follows it.
    pub fn empty_paragraph(&mut self) -> io::Result<()> {
        self.empty("w:p", &[])
    }

    /// The start of a bordered table of fixed layout, up to the opening of its header row
    /// (which repeats on every page).
    pub fn table_start(&mut self, total: u32, widths: &[u32]) -> io::Result<()> {
        self.open("w:tbl", &[])?;
        self.open("w:tblPr", &[])?;
        self.empty("w:tblW", &[("w:w", &total.to_string()), ("w:type", "dxa")])?;
        self.open("w:tblBorders", &[])?;
        for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
            self.empty(side, &[("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", pal::BORDER)])?;
        }
        self.close("w:tblBorders")?;
        self.empty("w:tblLayout", &[("w:type", "fixed")])?;
        self.close("w:tblPr")?;
        self.open("w:tblGrid", &[])?;
        for width in widths {
            self.empty("w:gridCol", &[("w:w", &width.to_string())])?;
        }
        self.close("w:tblGrid")?;
        self.row_start(Some("w:tblHeader"))
    }

    /// `<w:tr>`, with a row property (`w:tblHeader`, `w:cantSplit`) when given.
    pub fn row_start(&mut self, property: Option<&str>) -> io::Result<()> {
        self.open("w:tr", &[])?;
        if let Some(property) = property {
            self.open("w:trPr", &[])?;
            self.empty(property, &[])?;
            self.close("w:trPr")?;
        }
        Ok(())
    }

    /// The end of a table: `</w:tbl>` and the paragraph Word wants after it.
    pub fn table_end(&mut self) -> io::Result<()> {
        self.close("w:tbl")?;
        self.empty_paragraph()
    }

    /// One table cell of `width`, optionally shaded and vertically centred, its paragraphs
    /// written by `content`.
    pub fn cell(
        &mut self,
        width: u32,
        fill: Option<&str>,
        v_center: bool,
        content: impl FnOnce(&mut Xml) -> io::Result<()>,
    ) -> io::Result<()> {
        self.open("w:tc", &[])?;
        self.open("w:tcPr", &[])?;
        self.empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")])?;
        if let Some(fill) = fill {
            self.shading(fill)?;
        }
        if v_center {
            self.val("w:vAlign", "center")?;
        }
        self.close("w:tcPr")?;
        content(self)?;
        self.close("w:tc")
    }

    /// A full-width table with a repeated bold header row; each cell of `rows` is one TableText
    /// paragraph of runs. With `keep_rows`, no row is split across a page break (for rows that
    /// read as one unit, such as a passage beside its source).
    pub fn table(&mut self, widths: &[u32], header: &[&str], rows: &[Vec<Cell>], keep_rows: bool) -> io::Result<()> {
        self.table_start(TEXT_WIDTH, widths)?;
        for (title, &width) in header.iter().zip(widths) {
            self.cell(width, Some(pal::HEADER_BG), false, |x| x.paragraph(Some("TableText"), &[bold(*title)]))?;
        }
        self.close("w:tr")?;
        for row in rows {
            self.row_start(keep_rows.then_some("w:cantSplit"))?;
            for (cell, &width) in row.iter().zip(widths) {
                self.cell(width, None, false, |x| x.paragraph(Some("TableText"), cell))?;
            }
            self.close("w:tr")?;
        }
        self.table_end()
    }

    /// The document part's opening: `<w:document><w:body>`.
    pub fn document_start() -> io::Result<Xml> {
        let mut x = Xml::part()?;
        x.open("w:document", &[("xmlns:w", W_NS)])?;
        x.open("w:body", &[])?;
        Ok(x)
    }

    /// The document part's end: the section properties (A4, portrait or landscape, 2 cm
    /// margins) and the closing tags.
    pub fn document_end(mut self, landscape: bool) -> io::Result<Vec<u8>> {
        let (long, short) = ("16838", "11906");
        let margin = "1134";
        self.open("w:sectPr", &[])?;
        if landscape {
            self.empty("w:pgSz", &[("w:w", long), ("w:h", short), ("w:orient", "landscape")])?;
        } else {
            self.empty("w:pgSz", &[("w:w", short), ("w:h", long)])?;
        }
        self.empty(
            "w:pgMar",
            &[
                ("w:top", margin),
                ("w:right", margin),
                ("w:bottom", margin),
                ("w:left", margin),
                ("w:header", "567"),
                ("w:footer", "567"),
                ("w:gutter", "0"),
            ],
        )?;
        self.close("w:sectPr")?;
        self.close("w:body")?;
        self.close("w:document")?;
        Ok(self.finish())
    }
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

/// The .docx package around `document` (the `word/document.xml` part) with the shared fixed
/// parts; `title` is the document title in its properties.
pub(super) fn package(title: &str, document: Vec<u8>) -> io::Result<Vec<u8>> {
    let parts: [(&str, Vec<u8>); 7] = [
        ("[Content_Types].xml", content_types()?),
        ("_rels/.rels", package_rels()?),
        ("docProps/core.xml", core_properties(title)?),
        ("docProps/app.xml", app_properties()?),
        ("word/document.xml", document),
        ("word/styles.xml", styles()?),
        ("word/_rels/document.xml.rels", document_rels()?),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed timestamp keeps the output byte-for-byte reproducible.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT);
    for (name, xml) in parts {
        zip.start_file(name, options).map_err(io::Error::other)?;
        zip.write_all(&xml)?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

fn content_types() -> io::Result<Vec<u8>> {
    let mut x = Xml::part()?;
    x.open("Types", &[("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")])?;
    x.empty(
        "Default",
        &[("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")],
    )?;
    x.empty("Default", &[("Extension", "xml"), ("ContentType", "application/xml")])?;
    for (part, kind) in [
        ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
        ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ] {
        x.empty("Override", &[("PartName", part), ("ContentType", kind)])?;
    }
    x.close("Types")?;
    Ok(x.finish())
}

/// A relationships part: (id, type, target) of each relationship.
fn relationships(list: &[(&str, &str, &str)]) -> io::Result<Vec<u8>> {
    let mut x = Xml::part()?;
    x.open("Relationships", &[("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")])?;
    for &(id, kind, target) in list {
        x.empty("Relationship", &[("Id", id), ("Type", kind), ("Target", target)])?;
    }
    x.close("Relationships")?;
    Ok(x.finish())
}

fn package_rels() -> io::Result<Vec<u8>> {
    relationships(&[
        (
            "rId1",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
            "word/document.xml",
        ),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        (
            "rId3",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
            "docProps/app.xml",
        ),
    ])
}

fn document_rels() -> io::Result<Vec<u8>> {
    relationships(&[(
        "rId1",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
        "styles.xml",
    )])
}

fn core_properties(title: &str) -> io::Result<Vec<u8>> {
    let mut x = Xml::part()?;
    x.open(
        "cp:coreProperties",
        &[
            ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    )?;
    x.text_element("dc:title", &[], title)?;
    x.text_element("dc:creator", &[], "Duizhao")?;
    x.close("cp:coreProperties")?;
    Ok(x.finish())
}

fn app_properties() -> io::Result<Vec<u8>> {
    let mut x = Xml::part()?;
    x.open("Properties", &[("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")])?;
    x.text_element("Application", &[], "Duizhao")?;
    x.close("Properties")?;
    Ok(x.finish())
}

/// A paragraph style: id, name, based on Normal or not, the next style, the UI priority, and
/// its paragraph and run properties (written by the closures).
struct Style<'a> {
    id: &'a str,
    name: &'a str,
    based_on_normal: bool,
    next_normal: bool,
    ui_priority: Option<&'a str>,
}

impl Xml {
    /// One `<w:style w:type="paragraph">`.
    fn paragraph_style(
        &mut self,
        style: &Style,
        ppr: impl FnOnce(&mut Xml) -> io::Result<()>,
        rpr: impl FnOnce(&mut Xml) -> io::Result<()>,
    ) -> io::Result<()> {
        self.open("w:style", &[("w:type", "paragraph"), ("w:styleId", style.id)])?;
        self.val("w:name", style.name)?;
        if style.based_on_normal {
            self.val("w:basedOn", "Normal")?;
        }
        if style.next_normal {
            self.val("w:next", "Normal")?;
        }
        if let Some(priority) = style.ui_priority {
            self.val("w:uiPriority", priority)?;
        }
        self.empty("w:qFormat", &[])?;
        ppr(self)?;
        rpr(self)?;
        self.close("w:style")
    }

    /// `<w:rPr>` with an optional bold, a colour and a size (sz and szCs).
    fn style_run_props(&mut self, bold: bool, color: Option<&str>, size: &str) -> io::Result<()> {
        self.open("w:rPr", &[])?;
        if bold {
            self.empty("w:b", &[])?;
        }
        if let Some(color) = color {
            self.val("w:color", color)?;
        }
        self.val("w:sz", size)?;
        self.val("w:szCs", size)?;
        self.close("w:rPr")
    }
}

fn styles() -> io::Result<Vec<u8>> {
    let mut x = Xml::part()?;
    x.open("w:styles", &[("xmlns:w", W_NS)])?;
    x.open("w:docDefaults", &[])?;
    x.open("w:rPrDefault", &[])?;
    x.open("w:rPr", &[])?;
    x.empty(
        "w:rFonts",
        &[("w:ascii", "Arial"), ("w:eastAsia", "Microsoft YaHei"), ("w:hAnsi", "Arial"), ("w:cs", "Arial")],
    )?;
    x.val("w:color", pal::TEXT)?;
    x.val("w:sz", "21")?;
    x.val("w:szCs", "21")?;
    x.empty("w:lang", &[("w:val", "en-US"), ("w:eastAsia", "zh-CN"), ("w:bidi", "ar-SA")])?;
    x.close("w:rPr")?;
    x.close("w:rPrDefault")?;
    x.open("w:pPrDefault", &[])?;
    x.open("w:pPr", &[])?;
    x.empty("w:spacing", &[("w:after", "80"), ("w:line", "320"), ("w:lineRule", "auto")])?;
    x.close("w:pPr")?;
    x.close("w:pPrDefault")?;
    x.close("w:docDefaults")?;

    x.open("w:style", &[("w:type", "paragraph"), ("w:default", "1"), ("w:styleId", "Normal")])?;
    x.val("w:name", "Normal")?;
    x.empty("w:qFormat", &[])?;
    x.close("w:style")?;
    let titled = |id, name, ui_priority| Style { id, name, based_on_normal: true, next_normal: true, ui_priority };
    let spacing = |x: &mut Xml, attrs: &[(&str, &str)]| -> io::Result<()> {
        x.open("w:pPr", &[])?;
        x.empty("w:spacing", attrs)?;
        x.close("w:pPr")
    };
    x.paragraph_style(
        &titled("Title", "Title", None),
        |x| spacing(x, &[("w:after", "120")]),
        |x| x.style_run_props(true, Some(pal::ACCENT), "40"),
    )?;
    for (id, name, level, size, before) in
        [("Heading1", "heading 1", "0", "30", "360"), ("Heading2", "heading 2", "1", "25", "240")]
    {
        x.paragraph_style(
            &titled(id, name, Some("9")),
            |x| {
                x.open("w:pPr", &[])?;
                x.empty("w:keepNext", &[])?;
                x.empty("w:spacing", &[("w:before", before), ("w:after", "120")])?;
                x.val("w:outlineLvl", level)?;
                x.close("w:pPr")
            },
            |x| x.style_run_props(true, Some(pal::ACCENT), size),
        )?;
    }
    let plain_style = |id, name| Style { id, name, based_on_normal: true, next_normal: false, ui_priority: None };
    x.paragraph_style(
        &plain_style("Caption", "caption"),
        |_| Ok(()),
        |x| x.style_run_props(false, Some(pal::MUTED_TEXT), "18"),
    )?;
    x.paragraph_style(
        &plain_style("TableText", "Table Text"),
        |x| spacing(x, &[("w:after", "0"), ("w:line", "276"), ("w:lineRule", "auto")]),
        |x| x.style_run_props(false, None, "18"),
    )?;

    x.open("w:style", &[("w:type", "table"), ("w:default", "1"), ("w:styleId", "TableNormal")])?;
    x.val("w:name", "Normal Table")?;
    x.val("w:uiPriority", "99")?;
    x.empty("w:semiHidden", &[])?;
    x.empty("w:unhideWhenUsed", &[])?;
    x.open("w:tblPr", &[])?;
    x.empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")])?;
    x.open("w:tblCellMar", &[])?;
    for (side, width) in [("w:top", "40"), ("w:left", "90"), ("w:bottom", "40"), ("w:right", "90")] {
        x.empty(side, &[("w:w", width), ("w:type", "dxa")])?;
    }
    x.close("w:tblCellMar")?;
    x.close("w:tblPr")?;
    x.close("w:style")?;
    x.close("w:styles")?;
    Ok(x.finish())
}

#[cfg(test)]
mod tests {
    use super::{ParaProps, RunProps, Xml, plain, run};

    #[test]
    fn hostile_text_is_escaped_and_unrepresentable_chars_dropped() {
        let mut x = Xml::part().unwrap();
        let props = ParaProps { keep_next: true, spacing: Some((200, 60)), ..ParaProps::style("Caption") };
        x.paragraph_with(&props, &[plain("a<b>&\"c'\u{1}\r\nd"), run("", RunProps::BOLD)]).unwrap();
        let xml = String::from_utf8(x.finish()).unwrap();
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:p><w:pPr><w:pStyle w:val=\"Caption\"/>\
             <w:keepNext/><w:spacing w:before=\"200\" w:after=\"60\"/></w:pPr><w:r><w:t xml:space=\"preserve\">\
             a&lt;b&gt;&amp;&quot;c&#39;</w:t><w:br/><w:t xml:space=\"preserve\">d</w:t></w:r>\
             <w:r><w:rPr><w:b/></w:rPr></w:r></w:p>"
        );
    }
}
