//! A builder of OFD packages (GB/T 33190) for tests: text laid out on A4 pages as a typesetter
//! would, one `TextObject` per line with per-character `DeltaX`, page numbers at the foot.

use std::io::Write;

/// Font size in millimetres (三号, as 公文 use).
const SIZE: f64 = 5.6;
/// Distance between baselines.
const LEADING: f64 = 10.0;
/// Left margin and top of the first baseline.
const LEFT: f64 = 28.0;
const TOP: f64 = 37.0;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Lay `text` out: each line of the text is a paragraph wrapped at `per_line` characters, on pages of
/// `per_page` lines, each page with a 「— N —」 footer. Returns the zip bytes.
pub fn ofd_from_text(text: &str, title: &str, per_line: usize, per_page: usize) -> Vec<u8> {
    let mut pages: Vec<Vec<String>> = vec![Vec::new()];
    for paragraph in text.lines() {
        let chars: Vec<char> = paragraph.chars().collect();
        if chars.iter().all(|c| c.is_whitespace()) {
            continue;
        }
        for piece in chars.chunks(per_line) {
            if pages.last().is_some_and(|p| p.len() >= per_page) {
                pages.push(Vec::new());
            }
            if let Some(page) = pages.last_mut() {
                page.push(piece.iter().collect());
            }
        }
    }
    let mut parts: Vec<(String, String)> = Vec::new();
    parts.push((
        "OFD.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD">
<ofd:DocBody><ofd:DocInfo><ofd:DocID>6f1d2c0e9d0b4e7aa1b2c3d4e5f60718</ofd:DocID><ofd:Title>{}</ofd:Title>
<ofd:CreationDate>2024-01-02</ofd:CreationDate></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>
</ofd:OFD>"#,
            escape(title)
        ),
    ));
    let page_list: String = (0..pages.len())
        .map(|i| format!(r#"<ofd:Page ID="{}" BaseLoc="Pages/Page_{i}/Content.xml"/>"#, 10 + i))
        .collect();
    parts.push((
        "Doc_0/Document.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>99999</ofd:MaxUnitID>
<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>
</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"#
        ),
    ));
    parts.push((
        "Doc_0/PublicRes.xml".into(),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>"#
            .into(),
    ));
    for (i, lines) in pages.iter().enumerate() {
        let mut objects = String::new();
        // Written bottom-up, as some producers do: reading order must come from the positions.
        let footer = format!("— {} —", i + 1);
        objects.push_str(&text_object(9000 + i, 95.0, 280.0, &footer));
        for (n, line) in lines.iter().enumerate().rev() {
            objects.push_str(&text_object(100 + n, LEFT, TOP + LEADING * n as f64, line));
        }
        parts.push((
            format!("Doc_0/Pages/Page_{i}/Content.xml"),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="3">{objects}</ofd:Layer></ofd:Content></ofd:Page>"#
            ),
        ));
    }
    zip_parts(&parts)
}

/// One line as a TextObject whose boundary starts at (`x`, `y` − size) with the baseline at `y`.
fn text_object(id: usize, x: f64, y: f64, line: &str) -> String {
    let count = line.chars().count();
    let delta = if count > 1 { format!(r#" DeltaX="g {} {SIZE}""#, count - 1) } else { String::new() };
    format!(
        r#"<ofd:TextObject ID="{id}" Boundary="{x} {} 160 {}" Font="2" Size="{SIZE}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="{SIZE}"{delta}>{}</ofd:TextCode></ofd:TextObject>"#,
        y - SIZE,
        SIZE * 1.5,
        escape(line)
    )
}

/// A zip of the given (name, content) parts, deflated.
pub fn zip_parts(parts: &[(String, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(name.as_str(), options).expect("zip entry");
        zip.write_all(content.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}
