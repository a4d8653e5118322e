//! Word 97–2003 (.doc) and WPS Office (.wps) files: the Word binary format in an OLE compound file.
//!
//! The container is read with the `cfb` crate; the text with the piece table, by hand ([MS-DOC]): the
//! FIB at the start of the `WordDocument` stream gives `ccpText` (characters of the main document)
//! and the position of the CLX in the table stream (`0Table` or `1Table`); the CLX's PlcPcd lists the
//! pieces, each either compressed (one byte per character, cp1252) or UTF-16LE. Only the main
//! document (CP 0..ccpText) is read: footnotes, headers and text boxes follow it in the same
//! character positions and are left out, as with .docx.
//!
//! Control characters are rendered like the .docx reader renders their elements: paragraph marks,
//! line breaks, page breaks and table cell marks end a line; field codes (between 0x13 and 0x14) are
//! dropped and field results kept; object anchors vanish.
//!
//! Limits of this reader, said in warnings where they apply: automatic list numbering is not rendered
//! (Word keeps it outside the text, in the list tables), and tracked deletions stay in the text
//! (Word marks them in character properties, not in the piece table).
//!
//! WPS Office saves .wps in this same format (its `WordDocument` stream); the older Kingsoft format
//! without that stream is refused with a message.

use std::io::{Cursor, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use crate::error::IngestError;
use crate::model::{Decoded, Format};

/// `wIdent` of a Word 97 and later FIB.
const WORD97_IDENT: u16 = 0xA5EC;
/// `wIdent` of Word 6.0/95 files, whose text layout differs.
const WORD6_IDENT: u16 = 0xA5DC;

/// Size of FibBase in bytes.
const FIB_BASE_BYTES: usize = 32;
/// Index of `ccpText` in FibRgLw97.
const CCP_TEXT_INDEX: usize = 3;
/// Index of the fcClx/lcbClx pair in FibRgFcLcb97.
const CLX_PAIR_INDEX: usize = 33;
/// Index of the fcPlfLfo/lcbPlfLfo pair (list format overrides) in FibRgFcLcb97.
const LFO_PAIR_INDEX: usize = 74;

/// Read a .doc or .wps file.
pub fn read(path: &Path, bytes: &[u8], what: &str) -> Result<Decoded, IngestError> {
    let damaged = |detail: String| IngestError::Damaged { path: path.to_path_buf(), format: what.into(), detail };
    // The cfb crate validates the container, but a damaged file must never take the app down.
    let streams = panic::catch_unwind(AssertUnwindSafe(|| read_streams(bytes)))
        .map_err(|_| damaged("the compound file reader failed on this file".into()))?;
    let streams = match streams {
        Ok(streams) => streams,
        Err(StreamError::Damaged(detail)) => return Err(damaged(detail)),
        Err(StreamError::Unsupported(what)) => {
            return Err(IngestError::Unsupported { path: path.to_path_buf(), what: what.to_string() });
        }
    };
    let (text, warnings) = extract_text(&streams).map_err(|e| match e {
        StreamError::Damaged(detail) => damaged(detail),
        StreamError::Unsupported(what) => IngestError::Unsupported { path: path.to_path_buf(), what: what.into() },
    })?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty { path: path.to_path_buf() });
    }
    let encoding = if what == "wps" { "WPS (Word 97 binary)" } else { "Word 97–2003 binary" };
    Ok(Decoded { text, format: Format::Docx, encoding: encoding.into(), warnings })
}

/// Why the streams could not be used.
#[derive(Debug)]
enum StreamError {
    /// The container or the Word structures are broken.
    Damaged(String),
    /// A compound file, but not a Word document (the text names what it is).
    Unsupported(&'static str),
}

/// The two streams the text is read from.
struct Streams {
    word: Vec<u8>,
    table: Vec<u8>,
}

/// Open the compound file and read the `WordDocument` stream and the table stream it names.
fn read_streams(bytes: &[u8]) -> Result<Streams, StreamError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| StreamError::Damaged(format!("not a readable OLE compound file ({e})")))?;
    if !file.is_stream("/WordDocument") {
        return Err(StreamError::Unsupported(if file.is_stream("/Workbook") || file.is_stream("/Book") {
            "Excel workbook (.xls)"
        } else if file.is_stream("/PowerPoint Document") {
            "PowerPoint presentation (.ppt)"
        } else if file.is_stream("/EncryptedPackage") {
            "password-protected Office document (save an unprotected copy)"
        } else {
            "OLE compound file without a Word document (an old Kingsoft WPS file? save it as .docx)"
        }));
    }
    // A stream cannot hold more than the file; the bound also stops a looping sector chain.
    let limit = bytes.len() as u64;
    let word = read_stream(&mut file, "/WordDocument", limit)?;
    let flags = u16_at(&word, 0x0A).ok_or_else(|| StreamError::Damaged("WordDocument stream too short".into()))?;
    match u16_at(&word, 0) {
        Some(WORD97_IDENT) => {}
        Some(WORD6_IDENT) => return Err(StreamError::Unsupported("Word 6.0/95 document (save it as .docx)")),
        _ => return Err(StreamError::Damaged("the WordDocument stream has no Word 97 header (FIB)".into())),
    }
    if flags & 0x0100 != 0 {
        return Err(StreamError::Unsupported("password-protected Word document (save an unprotected copy)"));
    }
    let table_name = if flags & 0x0200 != 0 { "/1Table" } else { "/0Table" };
    if !file.is_stream(table_name) {
        return Err(StreamError::Damaged(format!("the table stream {} is missing", &table_name[1..])));
    }
    let table = read_stream(&mut file, table_name, limit)?;
    Ok(Streams { word, table })
}

/// The bytes of one stream, at most `limit` of them.
fn read_stream(file: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Vec<u8>, StreamError> {
    let stream = file.open_stream(name).map_err(|e| StreamError::Damaged(format!("cannot open {name} ({e})")))?;
    let mut data = Vec::new();
    stream
        .take(limit + 1)
        .read_to_end(&mut data)
        .map_err(|e| StreamError::Damaged(format!("cannot read {name} ({e})")))?;
    Ok(data)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// The FIB fields the reader needs.
struct Fib {
    ccp_text: u32,
    clx: (u32, u32),
    lfo_bytes: u32,
}

fn parse_fib(word: &[u8]) -> Option<Fib> {
    let mut at = FIB_BASE_BYTES;
    let csw = usize::from(u16_at(word, at)?);
    at += 2 + csw * 2;
    let cslw = usize::from(u16_at(word, at)?);
    let rg_lw = at + 2;
    if cslw <= CCP_TEXT_INDEX {
        return None;
    }
    let ccp_text = u32_at(word, rg_lw + CCP_TEXT_INDEX * 4)?;
    at = rg_lw + cslw * 4;
    let pairs = usize::from(u16_at(word, at)?);
    let rg_fc = at + 2;
    let pair = |index: usize| -> Option<(u32, u32)> {
        (index < pairs).then_some(())?;
        Some((u32_at(word, rg_fc + index * 8)?, u32_at(word, rg_fc + index * 8 + 4)?))
    };
    let clx = pair(CLX_PAIR_INDEX)?;
    let lfo_bytes = pair(LFO_PAIR_INDEX).map_or(0, |(_, lcb)| lcb);
    Some(Fib { ccp_text, clx, lfo_bytes })
}

/// One piece of the piece table: character positions and where their bytes are.
struct Piece {
    cp_start: u32,
    cp_end: u32,
    /// Byte offset in the WordDocument stream.
    offset: usize,
    compressed: bool,
}

/// The PlcPcd of the CLX (skipping the Prc property blocks before it).
fn parse_pieces(clx: &[u8]) -> Result<Vec<Piece>, String> {
    let mut at = 0usize;
    while clx.get(at) == Some(&0x01) {
        let size = u16_at(clx, at + 1).ok_or("the piece table is cut short")?;
        at += 3 + usize::from(size);
    }
    if clx.get(at) != Some(&0x02) {
        return Err("no piece table in the CLX".into());
    }
    let lcb = u32_at(clx, at + 1).ok_or("the piece table is cut short")? as usize;
    let plc = clx.get(at + 5..at + 5 + lcb).ok_or("the piece table is longer than its stream")?;
    // n pieces: (n + 1) CPs of 4 bytes and n PCDs of 8 bytes.
    if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(12) {
        return Err(format!("the piece table has an impossible size ({} bytes)", plc.len()));
    }
    let count = (plc.len() - 4) / 12;
    let mut pieces = Vec::with_capacity(count);
    for i in 0..count {
        let cp_start = u32_at(plc, i * 4).ok_or("piece table cut short")?;
        let cp_end = u32_at(plc, (i + 1) * 4).ok_or("piece table cut short")?;
        let pcd = (count + 1) * 4 + i * 8;
        let fc = u32_at(plc, pcd + 2).ok_or("piece table cut short")?;
        let compressed = fc & 0x4000_0000 != 0;
        let fc = fc & 0x3FFF_FFFF;
        let offset = if compressed { fc / 2 } else { fc } as usize;
        if cp_end < cp_start {
            return Err(format!("piece {i} ends before it starts"));
        }
        pieces.push(Piece { cp_start, cp_end, offset, compressed });
    }
    Ok(pieces)
}

/// The main document's characters from the pieces, rendered to text.
fn extract_text(streams: &Streams) -> Result<(String, Vec<String>), StreamError> {
    let fib = parse_fib(&streams.word).ok_or_else(|| StreamError::Damaged("the FIB is cut short".into()))?;
    let (fc_clx, lcb_clx) = (fib.clx.0 as usize, fib.clx.1 as usize);
    let clx = streams
        .table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .filter(|c| !c.is_empty())
        .ok_or_else(|| StreamError::Damaged("the piece table lies outside the table stream".into()))?;
    let pieces = parse_pieces(clx).map_err(StreamError::Damaged)?;
    let mut raw: Vec<u16> = Vec::new();
    let mut missing = 0usize;
    for piece in pieces.iter().filter(|p| p.cp_start < fib.ccp_text) {
        let count = (piece.cp_end.min(fib.ccp_text) - piece.cp_start) as usize;
        if piece.compressed {
            match streams.word.get(piece.offset..piece.offset.saturating_add(count)) {
                Some(chunk) => raw.extend(chunk.iter().map(|&b| cp1252(b))),
                None => missing += count,
            }
        } else {
            match streams.word.get(piece.offset..piece.offset.saturating_add(count * 2)) {
                Some(chunk) => raw.extend(chunk.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]]))),
                None => missing += count,
            }
        }
    }
    let mut warnings = Vec::new();
    if missing > 0 {
        warnings.push(format!("{missing} character(s) point outside the file and were lost (truncated file?)"));
    }
    if fib.lfo_bytes > 0 {
        warnings.push(
            "the document has automatic list numbering, which is not part of the .doc text; numbers made by \
             Word's list feature are missing (save as .docx to keep them)"
                .into(),
        );
    }
    Ok((render(&raw), warnings))
}

/// A byte of a compressed piece: cp1252, whose 0x80–0x9F block differs from Latin-1.
fn cp1252(byte: u8) -> u16 {
    let bytes = [byte];
    let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    decoded.encode_utf16().next().unwrap_or(u16::from(byte))
}

/// Word's control characters to plain text: marks that end a paragraph, line, page or table cell
/// become line breaks, field codes are dropped (results kept), anchors of objects and notes vanish.
fn render(raw: &[u16]) -> String {
    let decoded: String = char::decode_utf16(raw.iter().copied()).map(|r| r.unwrap_or('\u{FFFD}')).collect();
    let mut out = String::with_capacity(decoded.len());
    // One entry per open field: whether its code part is still running (text then dropped).
    let mut fields: Vec<bool> = Vec::new();
    for c in decoded.chars() {
        match c {
            '\u{13}' => {
                fields.push(true);
                continue;
            }
            '\u{14}' => {
                if let Some(in_code) = fields.last_mut() {
                    *in_code = false;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ => {}
        }
        if fields.iter().any(|&in_code| in_code) {
            continue;
        }
        match c {
            '\r' | '\u{0B}' | '\u{0C}' | '\u{07}' => out.push('\n'),
            '\t' => out.push('\t'),
            '\u{1E}' => out.push('-'),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    // The final paragraph mark of the document ends the text, not a line.
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_codes_are_dropped_and_results_kept() {
        let raw: Vec<u16> =
            "见\u{13} HYPERLINK \"x\" \u{14}第一条\u{15}。\r二、\u{07}\u{07}\r".encode_utf16().collect();
        assert_eq!(render(&raw), "见第一条。\n二、\n\n");
    }

    #[test]
    fn nested_fields_keep_only_the_outer_result() {
        let raw: Vec<u16> = "a\u{13}IF \u{13}PAGE\u{14}3\u{15} \u{14}结果\u{15}b".encode_utf16().collect();
        assert_eq!(render(&raw), "a结果b");
    }

    #[test]
    fn compressed_bytes_are_cp1252() {
        assert_eq!(cp1252(b'A'), u16::from(b'A'));
        assert_eq!(cp1252(0x93), 0x201C);
    }

    #[test]
    fn a_piece_table_with_a_bad_size_is_refused() {
        let mut clx = vec![0x02];
        clx.extend(7u32.to_le_bytes());
        clx.extend([0u8; 7]);
        assert!(parse_pieces(&clx).is_err());
        assert!(parse_pieces(&[0x01, 0xFF, 0xFF]).is_err());
    }
}
