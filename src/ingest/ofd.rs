//! OFD (GB/T 33190, the national fixed-layout format): a zip package of XML parts.
//!
//! `OFD.xml` names the document root (`DocBody/DocRoot`, e.g. `Doc_0/Document.xml`) and carries
//! `DocInfo` (title, author). `Document.xml` lists the pages in order (`Pages/Page@BaseLoc`, relative
//! to the document's folder). Each page's `Content.xml` holds `TextObject`s (with a `Boundary`
//! "x y w h" in millimetres) whose `TextCode`s place characters at `X`/`Y` (baseline) inside that
//! boundary, with `DeltaX` giving the advance of each following character (`g n d` repeats `d`).
//!
//! Text is read per page in reading order: characters are grouped into lines by baseline, lines run
//! top to bottom, characters left to right. Page numbers are dropped and lines broken by the layout
//! re-joined — from the geometry, which OFD gives exactly: a line that reaches the right margin
//! continues on the next unless that one is indented or starts with a heading number. The same zip limits as .docx apply
//! (entry and total inflated size, checked while inflating), and broken XML is an error naming the part.

use std::path::Path;

use super::container::ContainerError;
use super::docx::{Item, Package, ZipLimits, attr, walk};
use crate::error::IngestError;
use crate::model::{Decoded, Format, Metadata};

/// Most pages read from one document (a policy document has tens; this bounds a hostile package).
const MAX_PAGES: usize = 10_000;

/// Two characters whose starts are further apart than this share of the font size have an empty
/// cell between them (a CJK character advances by one font size, a Latin one by about half).
const GAP_SHARE: f64 = 1.6;

/// Characters whose baselines differ by less than this share of the font size are on one line.
const SAME_LINE_SHARE: f64 = 0.5;

/// Read an OFD package: its text and the title its `DocInfo` states.
pub fn read(path: &Path, bytes: &[u8], limits: ZipLimits) -> Result<(Decoded, Metadata), IngestError> {
    let damaged = |detail: String| IngestError::Damaged { path: path.to_path_buf(), format: "ofd".into(), detail };
    let mut package = Package::open(bytes, limits).map_err(|e| damaged(e.to_string()))?;
    let entry = package
        .read_part("OFD.xml")
        .map_err(|e| damaged(e.to_string()))?
        .ok_or_else(|| damaged("no OFD.xml in the package (not an OFD document?)".into()))?;
    let root = parse_entry(&entry).map_err(|e| damaged(format!("OFD.xml: {e}")))?;
    let doc_root = root.doc_root.ok_or_else(|| damaged("OFD.xml names no DocRoot".into()))?;
    let doc_root = normalize_path(&doc_root);
    let document = package
        .read_part(&doc_root)
        .map_err(|e| damaged(e.to_string()))?
        .ok_or_else(|| damaged(format!("the document root {doc_root} is missing")))?;
    let pages = parse_pages(&document).map_err(|e| damaged(format!("{doc_root}: {e}")))?;
    if pages.len() > MAX_PAGES {
        return Err(damaged(format!("{} pages (more than {MAX_PAGES})", pages.len())));
    }
    let folder = doc_root.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut lines: Vec<LaidLine> = Vec::new();
    let mut missing = 0usize;
    for location in &pages {
        let part = if location.starts_with('/') || folder.is_empty() {
            normalize_path(location)
        } else {
            normalize_path(&format!("{folder}/{location}"))
        };
        match package.read_part(&part).map_err(|e| damaged(e.to_string()))? {
            Some(xml) => {
                let glyphs = parse_page(&xml).map_err(|e| damaged(format!("{part}: {e}")))?;
                lines.extend(page_lines(glyphs));
            }
            None => missing += 1,
        }
    }
    let mut warnings = Vec::new();
    if missing > 0 {
        warnings.push(format!("{missing} page(s) listed in {doc_root} are missing from the package"));
    }
    let text = reflow(lines);
    if text.trim().is_empty() {
        return Err(IngestError::NoTextLayer {
            path: path.to_path_buf(),
            ocr: "the OFD pages hold no text objects (scanned images are not read by OCR)".into(),
        });
    }
    let metadata = Metadata { title: root.title.filter(|t| !t.trim().is_empty()), ..Metadata::default() };
    Ok((Decoded { text, format: Format::Pdf, encoding: "OFD (GB/T 33190)".into(), warnings }, metadata))
}

/// `./Doc_0//Pages/../Pages/Page_0/Content.xml` → `Doc_0/Pages/Page_0/Content.xml`.
fn normalize_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// What OFD.xml says.
#[derive(Default)]
struct Entry {
    doc_root: Option<String>,
    title: Option<String>,
}

fn parse_entry(xml: &str) -> Result<Entry, ContainerError> {
    let mut entry = Entry::default();
    let mut current: Option<String> = None;
    walk(xml, |item| match item {
        Item::Open(e) => current = Some(e.local_name().as_ref().to_string()),
        Item::Close(_) | Item::Leaf(_) => current = None,
        Item::Text(text) => match current.as_deref() {
            // The first DocBody is the document; later ones are further documents of the package.
            Some("DocRoot") if entry.doc_root.is_none() => entry.doc_root = Some(text.trim().to_string()),
            Some("Title") if entry.title.is_none() => entry.title = Some(text.trim().to_string()),
            _ => {}
        },
    })?;
    Ok(entry)
}

/// Page content locations in document order.
fn parse_pages(xml: &str) -> Result<Vec<String>, ContainerError> {
    let mut pages = Vec::new();
    walk(xml, |item| {
        if let Item::Open(e) | Item::Leaf(e) = item
            && e.local_name().as_ref() == "Page"
            && let Some(location) = attr(&e, "BaseLoc")
        {
            pages.push(location);
        }
    })?;
    Ok(pages)
}

/// One placed character.
#[derive(Clone, Copy, Debug)]
struct Glyph {
    x: f64,
    y: f64,
    size: f64,
    c: char,
}

/// The TextObject being read: its origin and font size, and the current TextCode's position.
#[derive(Default)]
struct TextState {
    origin: (f64, f64),
    /// The object's CTM `a b c d e f` (identity when absent): maps object space into the boundary.
    ctm: Option<[f64; 6]>,
    size: f64,
    code: Option<(f64, f64, Vec<f64>)>,
}

impl TextState {
    /// A point of object space on the page.
    fn place(&self, x: f64, y: f64) -> (f64, f64) {
        let (x, y) = match self.ctm {
            Some([a, b, c, d, e, f]) => (a * x + c * y + e, b * x + d * y + f),
            None => (x, y),
        };
        (self.origin.0 + x, self.origin.1 + y)
    }

    /// The font size on the page (scaled by the CTM).
    fn page_size(&self) -> f64 {
        match self.ctm {
            Some([a, b, c, d, _, _]) => {
                let scale = (a * d - b * c).abs().sqrt();
                if scale > 0.0 { self.size * scale } else { self.size }
            }
            None => self.size,
        }
    }
}

fn numbers(value: &str) -> Vec<f64> {
    value.split_whitespace().filter_map(|n| n.parse().ok()).collect()
}

/// `DeltaX`/`DeltaY` with the `g n d` repetition expanded (bounded by the characters to place).
fn deltas(value: &str, limit: usize) -> Vec<f64> {
    let mut out = Vec::new();
    let mut tokens = value.split_whitespace();
    while let Some(token) = tokens.next() {
        if out.len() >= limit {
            break;
        }
        if token == "g" {
            let count: usize = tokens.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let delta: f64 = tokens.next().and_then(|n| n.parse().ok()).unwrap_or(0.0);
            out.extend(std::iter::repeat_n(delta, count.min(limit.saturating_sub(out.len()))));
        } else if let Ok(delta) = token.parse() {
            out.push(delta);
        }
    }
    out
}

/// Every character placed on a page, at its absolute position.
fn parse_page(xml: &str) -> Result<Vec<Glyph>, ContainerError> {
    let mut glyphs = Vec::new();
    let mut state = TextState::default();
    let mut delta_source = String::new();
    walk(xml, |item| match item {
        Item::Open(e) | Item::Leaf(e) if e.local_name().as_ref() == "TextObject" => {
            let boundary = attr(&e, "Boundary").map(|b| numbers(&b)).unwrap_or_default();
            let origin = (boundary.first().copied().unwrap_or(0.0), boundary.get(1).copied().unwrap_or(0.0));
            let ctm = attr(&e, "CTM")
                .map(|c| numbers(&c))
                .and_then(|c| <[f64; 6]>::try_from(c).ok())
                .filter(|c| c.iter().all(|v| v.is_finite()));
            let size = attr(&e, "Size").and_then(|s| s.trim().parse().ok()).filter(|s: &f64| *s > 0.0).unwrap_or(3.5);
            state = TextState { origin, ctm, size, code: None };
        }
        Item::Open(e) if e.local_name().as_ref() == "TextCode" => {
            let x = attr(&e, "X").and_then(|v| v.trim().parse().ok()).unwrap_or(0.0);
            let y = attr(&e, "Y").and_then(|v| v.trim().parse().ok()).unwrap_or(0.0);
            delta_source = attr(&e, "DeltaX").unwrap_or_default();
            state.code = Some((x, y, Vec::new()));
        }
        Item::Text(text) => {
            if let Some((x, y, _)) = state.code.as_ref() {
                let (mut at, y) = (*x, *y);
                let count = text.chars().count();
                let advances = deltas(&delta_source, count);
                let size = state.page_size();
                for (i, c) in text.chars().enumerate() {
                    if !c.is_control() {
                        let (gx, gy) = state.place(at, y);
                        glyphs.push(Glyph { x: gx, y: gy, size, c });
                    }
                    // Without DeltaX, characters advance by one font size (CJK are square).
                    at += advances.get(i).copied().unwrap_or(state.size);
                }
                if let Some((x, _, _)) = state.code.as_mut() {
                    *x = at;
                }
                delta_source.clear();
            }
        }
        Item::Close(name) if name == "TextCode" => state.code = None,
        _ => {}
    })?;
    Ok(glyphs)
}

/// One line of a page: its text (without blank glyphs at the ends) and where its ink starts and ends.
#[derive(Clone, Debug)]
struct LaidLine {
    text: String,
    left: f64,
    right: f64,
    size: f64,
}

/// A page's characters as lines in reading order: top to bottom by baseline, left to right.
fn page_lines(mut glyphs: Vec<Glyph>) -> Vec<LaidLine> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        match lines.last_mut() {
            Some(line)
                if line
                    .first()
                    .is_some_and(|first| (glyph.y - first.y).abs() < first.size.max(glyph.size) * SAME_LINE_SHARE) =>
            {
                line.push(glyph)
            }
            _ => lines.push(vec![glyph]),
        }
    }
    lines
        .into_iter()
        .filter_map(|mut line| {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            // The ink: blank glyphs (indentation spaces) do not count for the line's edges.
            let first = *line.iter().find(|g| !g.c.is_whitespace())?;
            let last = *line.iter().rev().find(|g| !g.c.is_whitespace())?;
            let mut text = String::new();
            let mut previous: Option<Glyph> = None;
            for glyph in &line {
                // An empty cell between two characters is a space the producer did not draw
                // (「第一条　为了…」, table columns): written as an ideographic space, which the
                // cleaning keeps and the outline reads.
                if let Some(p) = previous
                    && !p.c.is_whitespace()
                    && !glyph.c.is_whitespace()
                    && glyph.x - p.x > p.size * GAP_SHARE
                {
                    text.push('\u{3000}');
                }
                text.push(glyph.c);
                previous = Some(*glyph);
            }
            Some(LaidLine { text, left: first.x, right: last.x + last.size, size: first.size })
        })
        .collect()
}

/// Lines to running text: page numbers dropped, stray spaces removed, and a line that reaches the
/// right margin joined with the next unless the next is indented or starts with a heading number.
fn reflow(lines: Vec<LaidLine>) -> String {
    let lines: Vec<LaidLine> = lines
        .into_iter()
        .map(|l| LaidLine { text: super::pdf::remove_stray_spaces(l.text.trim()), ..l })
        .filter(|l| !l.text.is_empty() && !super::pdf::is_page_number(&l.text))
        .collect();
    // The text block's margins: the edges most lines reach (a few centred or short lines aside).
    let percentile = |mut values: Vec<f64>, share: f64| -> f64 {
        values.sort_by(f64::total_cmp);
        let index = ((values.len() as f64 - 1.0) * share).round().max(0.0) as usize;
        values.get(index).copied().unwrap_or(0.0)
    };
    let right_margin = percentile(lines.iter().map(|l| l.right).collect(), 0.9);
    let left_margin = percentile(lines.iter().map(|l| l.left).collect(), 0.1);
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines {
        let indented = line.left > left_margin + line.size * 0.5;
        let joins = open && !indented && !super::pdf::starts_with_heading(&line.text);
        open = line.right >= right_margin - line.size * 1.2;
        match out.last_mut() {
            Some(last) if joins => {
                let needs_space = last.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                    && line.text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                if needs_space {
                    last.push(' ');
                }
                last.push_str(&line.text);
            }
            _ => out.push(line.text),
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_repetition_is_expanded_and_bounded() {
        assert_eq!(deltas("g 3 5 2.5", 10), vec![5.0, 5.0, 5.0, 2.5]);
        assert_eq!(deltas("g 1000000000 5", 4).len(), 4);
    }

    #[test]
    fn characters_are_read_by_line_then_left_to_right() {
        let page = r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">
            <ofd:TextObject ID="4" Boundary="20 40 170 10" Font="3" Size="5"><ofd:TextCode X="20" Y="5" DeltaX="5">总则</ofd:TextCode></ofd:TextObject>
            <ofd:TextObject ID="3" Boundary="20 40 170 10" Font="3" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 3 5">第一章 </ofd:TextCode></ofd:TextObject>
            <ofd:TextObject ID="5" Boundary="20 20 170 10" Font="3" Size="6"><ofd:TextCode X="0" Y="6" DeltaX="6 6 6">标题条例</ofd:TextCode></ofd:TextObject>
            </ofd:Layer></ofd:Content></ofd:Page>"#;
        let lines: Vec<String> = page_lines(parse_page(page).unwrap_or_default()).into_iter().map(|l| l.text).collect();
        assert_eq!(lines, vec!["标题条例".to_string(), "第一章 总则".to_string()]);
    }

    #[test]
    fn the_ctm_scales_and_moves_text_objects() {
        // Object space in points scaled to millimetres (0.3528), moved down by 30 mm.
        let page = r#"<ofd:Page xmlns:ofd="x"><ofd:Content><ofd:Layer>
            <ofd:TextObject Boundary="20 20 170 20" CTM="0.3528 0 0 0.3528 0 30" Size="16"><ofd:TextCode X="0" Y="16" DeltaX="16">第二</ofd:TextCode></ofd:TextObject>
            <ofd:TextObject Boundary="20 20 170 20" Size="5.6"><ofd:TextCode X="0" Y="5.6" DeltaX="5.6">第一</ofd:TextCode></ofd:TextObject>
            </ofd:Layer></ofd:Content></ofd:Page>"#;
        let glyphs = parse_page(page).unwrap_or_default();
        assert!((glyphs[1].x - (20.0 + 16.0 * 0.3528)).abs() < 1e-9);
        assert!((glyphs[0].size - 16.0 * 0.3528).abs() < 1e-9);
        let lines: Vec<String> = page_lines(glyphs).into_iter().map(|l| l.text).collect();
        assert_eq!(lines, ["第一", "第二"]);
    }

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalize_path("./Doc_0//Pages/../Pages/Page_0/Content.xml"), "Doc_0/Pages/Page_0/Content.xml");
        assert_eq!(normalize_path("/Doc_0/Document.xml"), "Doc_0/Document.xml");
    }
}
