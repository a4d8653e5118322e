//! Format sniffing: content first, the file extension only when the content is ambiguous.

use std::path::Path;

/// The reader for a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// Plain text.
    Txt,
    /// Markdown (law collections).
    Markdown,
    /// HTML page.
    Html,
    /// Word 2007+.
    Docx,
    /// Word 97–2003 binary in an OLE compound file (.doc, and .wps from WPS Office).
    WordBinary,
    /// OFD package.
    Ofd,
    /// PDF.
    Pdf,
}

/// What the leading bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// A format Duizhao reads.
    Readable(Reader),
    /// Something else; the text names it for the user ("PNG image", …).
    Unsupported(&'static str),
}

/// Magic numbers of common non-document formats people drop onto the app by mistake.
const FOREIGN_MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"MZ", "Windows executable"),
    (b"\x7FELF", "ELF executable"),
    (b"\xCA\xFE\xBA\xBE", "Mach-O/Java binary"),
    (b"\xCF\xFA\xED\xFE", "Mach-O executable"),
    (b"\x1F\x8B", "gzip archive"),
    (b"Rar!\x1A\x07", "RAR archive"),
    (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xFD7zXZ\x00", "xz archive"),
    (b"{\\rtf", "RTF document (save it as .docx or .txt)"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"SQLite format 3\x00", "SQLite database"),
];

/// Decide the format of `bytes` read from `path`.
pub fn sniff(path: &Path, bytes: &[u8]) -> Sniffed {
    // Some producers put junk before the header; readers accept it within the first KiB. A text file
    // that merely mentions "%PDF-" has no cross-reference trailer.
    if bytes.starts_with(b"%PDF-")
        || (find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() && find(bytes, b"startxref").is_some())
    {
        return Sniffed::Readable(Reader::Pdf);
    }
    // OLE compound file: .doc, .wps (and .xls/.ppt, which the Word reader names and refuses).
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Sniffed::Readable(Reader::WordBinary);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(path, bytes);
    }
    // MP4/MOV: size, then "ftyp" at offset 4.
    if bytes.get(4..8) == Some(b"ftyp") {
        return Sniffed::Unsupported("MP4/QuickTime media");
    }
    for (magic, what) in FOREIGN_MAGIC {
        // "BM" and "MZ" are short; they must not reject a text file that merely starts with those letters.
        if bytes.starts_with(magic) && (magic.len() > 2 || looks_binary_prefix(bytes)) {
            return Sniffed::Unsupported(what);
        }
    }
    if looks_like_html(bytes) {
        return Sniffed::Readable(Reader::Html);
    }
    match extension(path).as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => Sniffed::Readable(Reader::Html),
        Some("md" | "markdown" | "mdown" | "mkd") => Sniffed::Readable(Reader::Markdown),
        // A .doc/.wps/.ofd that is none of the above is damaged, not text to compare.
        Some("doc" | "wps") => Sniffed::Unsupported("not a Word or WPS document despite its extension (damaged?)"),
        Some("ofd") => Sniffed::Unsupported("not an OFD package despite its extension (damaged?)"),
        _ => Sniffed::Readable(Reader::Txt),
    }
}

/// A zip is a .docx when it holds `word/document.xml`; other Office files and plain archives are not.
fn sniff_zip(path: &Path, bytes: &[u8]) -> Sniffed {
    // Names are stored uncompressed in local headers and the central directory, so a byte search is
    // enough to classify even a truncated archive (which the docx reader then reports as damaged).
    if find(bytes, b"word/document.xml").is_some() || find(bytes, b"word/_rels").is_some() {
        return Sniffed::Readable(Reader::Docx);
    }
    if find(bytes, b"OFD.xml").is_some() || extension(path).as_deref() == Some("ofd") {
        return Sniffed::Readable(Reader::Ofd);
    }
    if find(bytes, b"xl/workbook").is_some() {
        return Sniffed::Unsupported("Excel workbook");
    }
    if find(bytes, b"ppt/presentation").is_some() {
        return Sniffed::Unsupported("PowerPoint presentation");
    }
    if find(bytes, b"content.xml").is_some() && find(bytes, b"opendocument").is_some() {
        return Sniffed::Unsupported("OpenDocument file (save it as .docx)");
    }
    if extension(path).as_deref() == Some("docx") && find(bytes, b"[Content_Types].xml").is_some() {
        return Sniffed::Readable(Reader::Docx);
    }
    Sniffed::Unsupported("ZIP archive")
}

/// The lower-cased extension of `path`.
fn extension(path: &Path) -> Option<String> {
    path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase)
}

/// Whether the first bytes contain control characters that text never has.
fn looks_binary_prefix(bytes: &[u8]) -> bool {
    bytes.iter().take(64).any(|&b| b < 0x09 || ((0x0E..0x20).contains(&b) && b != 0x1B))
}

/// An HTML page, judged by its first non-blank markup (ASCII-compatible or UTF-16 with NULs stripped).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes.iter().take(2048).filter(|&&b| b != 0).map(u8::to_ascii_lowercase).collect();
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace() && *b != 0xFF && *b != 0xFE).unwrap_or(0);
    let head = &head[start..];
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        return true;
    }
    // Pages served without a doctype, or starting with a comment/XML declaration.
    head.starts_with(b"<")
        && (find(head, b"<html").is_some() || find(head, b"<head").is_some() || find(head, b"<body").is_some())
}

/// Position of `needle` in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether decoded text is really binary data: control characters or replacement characters that no
/// real document has in such numbers.
pub fn is_binary_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    let mut replaced = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\u{FFFD}' {
            replaced += 1;
        } else if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{1B}') {
            control += 1;
        }
    }
    total > 0 && (control * 100 > total || replaced * 10 > total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_named_txt_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        assert_eq!(sniff(Path::new("a.txt"), png), Sniffed::Unsupported("PNG image"));
    }

    #[test]
    fn text_starting_with_bm_is_text() {
        assert_eq!(sniff(Path::new("a.txt"), "BMW 报告".as_bytes()), Sniffed::Readable(Reader::Txt));
    }

    #[test]
    fn html_is_recognised_by_content() {
        let page = b"\n  <!DOCTYPE html><html><body>x</body></html>";
        assert_eq!(sniff(Path::new("a.txt"), page), Sniffed::Readable(Reader::Html));
    }
}
