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
//! Automatic list numbering (「一、」「（一）」 made by Word's list feature) is not in the text; it is
//! rendered from the list tables as the .docx reader renders numbering.xml: each paragraph's
//! properties (PlcfBtePapx → FKP pages → PAPX) give its list instance (sprmPIlfo) and level
//! (sprmPIlvl); the LFO names the list (PlfLfo, with start-at overrides), the list's LVL gives the
//! number format (nfc), the start value and the number text with its level placeholders.
//!
//! Tracked changes are read like the .docx reader reads them: insertions kept, deletions dropped.
//! Word marks a deletion in the character properties (sprmCFRMarkDel in the CHPX of PlcfBteChpx's
//! FKP pages), not in the piece table.
//!
//! A limit of this reader, said in a warning where it applies: numbering inherited from paragraph
//! styles is not rendered.
//!
//! WPS Office saves .wps in this same format (its `WordDocument` stream); the older Kingsoft format
//! without that stream is refused with a message.

use std::io::{Cursor, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use super::container::ContainerError;
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
/// Index of the fcPlcfBteChpx pair (character property pages) in FibRgFcLcb97.
const CHPX_PAIR_INDEX: usize = 12;
/// sprmCFRMarkDel: the characters are a tracked deletion.
const SPRM_CFRMARKDEL: u16 = 0x0800;
/// Index of the fcPlcfBtePapx pair (paragraph property pages) in FibRgFcLcb97.
const PAPX_PAIR_INDEX: usize = 13;
/// Index of the fcPlfLst pair (list definitions) in FibRgFcLcb97.
const LST_PAIR_INDEX: usize = 73;
/// Index of the fcPlfLfo/lcbPlfLfo pair (list format overrides) in FibRgFcLcb97.
const LFO_PAIR_INDEX: usize = 74;
/// Size of an FKP page.
const FKP_BYTES: usize = 512;
/// sprmPIlfo: the paragraph's list instance (1-based LFO index).
const SPRM_PILFO: u16 = 0x460B;
/// sprmPIlvl: the paragraph's list level.
const SPRM_PILVL: u16 = 0x260A;
/// Most list definitions and overrides read (real documents have tens).
const MAX_LISTS: usize = 10_000;
/// Most property pages read from one file: a 64 MB file has at most 131,072 pages of 512 bytes, and
/// a hostile table cannot make the reader visit one page twice.
const MAX_FKP_PAGES: usize = 131_072;
/// Most property runs kept (a paragraph or a run of characters each; real documents have thousands).
const MAX_RUNS: usize = 1_000_000;

/// Read a .doc or .wps file.
pub fn read(path: &Path, bytes: &[u8], what: &str) -> Result<Decoded, IngestError> {
    let damaged = |detail: String| IngestError::Damaged { path: path.to_path_buf(), format: what.into(), detail };
    // The cfb crate validates the container, but a damaged file must never take the app down.
    let streams = panic::catch_unwind(AssertUnwindSafe(|| read_streams(bytes)))
        .map_err(|_| damaged("the compound file reader failed on this file".into()))?;
    let streams = match streams {
        Ok(streams) => streams,
        Err(StreamError::Damaged(detail)) => return Err(damaged(detail.to_string())),
        Err(StreamError::Unsupported(what)) => {
            return Err(IngestError::Unsupported { path: path.to_path_buf(), what: what.to_string() });
        }
    };
    let (text, warnings) = extract_text(&streams).map_err(|e| match e {
        StreamError::Damaged(detail) => damaged(detail.to_string()),
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
    Damaged(ContainerError),
    /// A compound file, but not a Word document (the text names what it is).
    Unsupported(&'static str),
}

impl StreamError {
    /// A broken container or Word structure, described in words.
    fn structure(what: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        StreamError::Damaged(ContainerError::structure(what))
    }
}

/// The two streams the text is read from.
struct Streams {
    word: Vec<u8>,
    table: Vec<u8>,
}

/// Open the compound file and read the `WordDocument` stream and the table stream it names.
fn read_streams(bytes: &[u8]) -> Result<Streams, StreamError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| StreamError::structure(format!("not a readable OLE compound file ({e})")))?;
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
    let flags = u16_at(&word, 0x0A).ok_or_else(|| StreamError::structure("WordDocument stream too short"))?;
    match u16_at(&word, 0) {
        Some(WORD97_IDENT) => {}
        Some(WORD6_IDENT) => return Err(StreamError::Unsupported("Word 6.0/95 document (save it as .docx)")),
        _ => return Err(StreamError::structure("the WordDocument stream has no Word 97 header (FIB)")),
    }
    if flags & 0x0100 != 0 {
        return Err(StreamError::Unsupported("password-protected Word document (save an unprotected copy)"));
    }
    let table_name = if flags & 0x0200 != 0 { "/1Table" } else { "/0Table" };
    if !file.is_stream(table_name) {
        return Err(StreamError::structure(format!("the table stream {} is missing", &table_name[1..])));
    }
    let table = read_stream(&mut file, table_name, limit)?;
    Ok(Streams { word, table })
}

/// The bytes of one stream, at most `limit` of them.
fn read_stream(file: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Vec<u8>, StreamError> {
    let stream = file.open_stream(name).map_err(|e| StreamError::structure(format!("cannot open {name} ({e})")))?;
    let mut data = Vec::new();
    stream
        .take(limit + 1)
        .read_to_end(&mut data)
        .map_err(|e| StreamError::structure(format!("cannot read {name} ({e})")))?;
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
    chpx: (u32, u32),
    papx: (u32, u32),
    lst: (u32, u32),
    lfo: (u32, u32),
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
    let chpx = pair(CHPX_PAIR_INDEX).unwrap_or((0, 0));
    let papx = pair(PAPX_PAIR_INDEX).unwrap_or((0, 0));
    let lst = pair(LST_PAIR_INDEX).unwrap_or((0, 0));
    let lfo = pair(LFO_PAIR_INDEX).unwrap_or((0, 0));
    Some(Fib { ccp_text, clx, chpx, papx, lst, lfo })
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
fn parse_pieces(clx: &[u8]) -> Result<Vec<Piece>, ContainerError> {
    let mut at = 0usize;
    while clx.get(at) == Some(&0x01) {
        let size = u16_at(clx, at + 1).ok_or(ContainerError::structure("the piece table is cut short"))?;
        at += 3 + usize::from(size);
    }
    if clx.get(at) != Some(&0x02) {
        return Err(ContainerError::structure("no piece table in the CLX"));
    }
    let lcb = u32_at(clx, at + 1).ok_or(ContainerError::structure("the piece table is cut short"))? as usize;
    let plc =
        clx.get(at + 5..at + 5 + lcb).ok_or(ContainerError::structure("the piece table is longer than its stream"))?;
    // n pieces: (n + 1) CPs of 4 bytes and n PCDs of 8 bytes.
    if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(12) {
        return Err(ContainerError::structure(format!("the piece table has an impossible size ({} bytes)", plc.len())));
    }
    let count = (plc.len() - 4) / 12;
    let mut pieces = Vec::with_capacity(count);
    for i in 0..count {
        let cp_start = u32_at(plc, i * 4).ok_or(ContainerError::structure("piece table cut short"))?;
        let cp_end = u32_at(plc, (i + 1) * 4).ok_or(ContainerError::structure("piece table cut short"))?;
        let pcd = (count + 1) * 4 + i * 8;
        let fc = u32_at(plc, pcd + 2).ok_or(ContainerError::structure("piece table cut short"))?;
        let compressed = fc & 0x4000_0000 != 0;
        let fc = fc & 0x3FFF_FFFF;
        let offset = if compressed { fc / 2 } else { fc } as usize;
        if cp_end < cp_start {
            return Err(ContainerError::structure(format!("piece {i} ends before it starts")));
        }
        pieces.push(Piece { cp_start, cp_end, offset, compressed });
    }
    Ok(pieces)
}

/// The main document's characters from the pieces, rendered to text.
fn extract_text(streams: &Streams) -> Result<(String, Vec<String>), StreamError> {
    let fib = parse_fib(&streams.word).ok_or_else(|| StreamError::structure("the FIB is cut short"))?;
    let (fc_clx, lcb_clx) = (fib.clx.0 as usize, fib.clx.1 as usize);
    let clx = streams
        .table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .filter(|c| !c.is_empty())
        .ok_or_else(|| StreamError::structure("the piece table lies outside the table stream"))?;
    let pieces = parse_pieces(clx).map_err(StreamError::Damaged)?;
    let mut raw: Vec<u16> = Vec::new();
    // The stream position (FC) of each character, to find its paragraph's properties.
    let mut positions: Vec<u32> = Vec::new();
    let mut missing = 0usize;
    for piece in pieces.iter().filter(|p| p.cp_start < fib.ccp_text) {
        let count = (piece.cp_end.min(fib.ccp_text) - piece.cp_start) as usize;
        let width = if piece.compressed { 1 } else { 2 };
        match streams.word.get(piece.offset..piece.offset.saturating_add(count * width)) {
            Some(chunk) if piece.compressed => raw.extend(chunk.iter().map(|&b| cp1252(b))),
            Some(chunk) => raw.extend(chunk.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]]))),
            None => {
                missing += count;
                continue;
            }
        }
        positions.extend((0..count).map(|i| u32::try_from(piece.offset + i * width).unwrap_or(u32::MAX)));
    }
    let mut warnings = Vec::new();
    if missing > 0 {
        warnings.push(format!("{missing} character(s) point outside the file and were lost (truncated file?)"));
    }
    let numbers = if fib.lfo.1 > 0 {
        let lists = Lists::parse(&streams.table, fib.lst, fib.lfo);
        let papx = ParagraphProperties::parse(&streams.word, &streams.table, fib.papx);
        let numbers = list_numbers(&raw, &positions, &papx, &lists);
        if numbers.iter().all(Option::is_none) {
            warnings.push(
                "the document defines automatic list numbering but no paragraph uses it directly; numbering \
                 inherited from paragraph styles is not rendered (save as .docx to keep it)"
                    .into(),
            );
        }
        numbers
    } else {
        Vec::new()
    };
    // Tracked deletions: drop their characters (after numbering, which counts paragraphs as Word
    // shows them with the deletions still marked).
    let deleted = deleted_runs(&streams.word, &streams.table, fib.chpx);
    let (raw, numbers) = if deleted.is_empty() {
        (raw, numbers)
    } else {
        let mut kept_raw = Vec::with_capacity(raw.len());
        let mut kept_numbers = Vec::with_capacity(numbers.len());
        let mut dropped_runs = 0usize;
        let mut in_deletion = false;
        for (i, unit) in raw.iter().enumerate() {
            let fc = positions.get(i).copied().unwrap_or(u32::MAX);
            let after = deleted.partition_point(|run| run.0 <= fc);
            let deleted_here = after.checked_sub(1).and_then(|d| deleted.get(d)).is_some_and(|run| fc < run.1);
            if deleted_here {
                dropped_runs += usize::from(!in_deletion);
            } else {
                kept_raw.push(*unit);
                kept_numbers.push(numbers.get(i).cloned().flatten());
            }
            in_deletion = deleted_here;
        }
        if dropped_runs > 0 {
            warnings.push(format!("{dropped_runs} tracked deletion(s) left out; tracked insertions kept"));
        }
        (kept_raw, kept_numbers)
    };
    Ok((render(&raw, &numbers), warnings))
}

/// Visit every run of the FKP pages that a PlcfBte (`plc`, in `table`) points to, each distinct
/// readable page once: `visit(page, first_fc, end_fc, offset)`, with the byte offset of the run's
/// properties in the page (never 0: runs without properties are skipped). `bx_bytes` is the size
/// of a run's entry after the FC array: 1 in character (CHPX) pages, 13 in paragraph (PAPX) pages.
/// Damaged tables and pages are skipped, never read out of bounds.
fn for_each_fkp_run(
    word: &[u8],
    table: &[u8],
    plc: (u32, u32),
    bx_bytes: usize,
    mut visit: impl FnMut(&[u8], u32, u32, usize),
) {
    let (fc, lcb) = (plc.0 as usize, plc.1 as usize);
    let Some(plc) = table.get(fc..fc.saturating_add(lcb)) else { return };
    if plc.len() < 4 {
        return;
    }
    let count = (plc.len() - 4) / 8;
    let mut seen = std::collections::HashSet::new();
    for i in 0..count.min(MAX_FKP_PAGES) {
        let Some(pn) = u32_at(plc, (count + 1) * 4 + i * 4) else { break };
        if !seen.insert(pn & 0x003F_FFFF) {
            continue;
        }
        let page_at = (pn & 0x003F_FFFF) as usize * FKP_BYTES;
        let Some(page) = word.get(page_at..page_at + FKP_BYTES) else { continue };
        let runs = usize::from(page[FKP_BYTES - 1]);
        for r in 0..runs {
            let (Some(first), Some(end)) = (u32_at(page, r * 4), u32_at(page, (r + 1) * 4)) else { break };
            let Some(&offset) = page.get((runs + 1) * 4 + r * bx_bytes) else { break };
            let offset = usize::from(offset) * 2;
            if offset != 0 {
                visit(page, first, end, offset);
            }
        }
    }
}

/// The stream ranges (FC) of characters marked as tracked deletions, from PlcfBteChpx's FKP pages.
fn deleted_runs(word: &[u8], table: &[u8], plc: (u32, u32)) -> Vec<(u32, u32)> {
    let mut runs = Vec::new();
    for_each_fkp_run(word, table, plc, 1, |page, first, end, offset| {
        let Some(&cb) = page.get(offset) else { return };
        let Some(grpprl) = page.get(offset + 1..(offset + 1 + usize::from(cb)).min(FKP_BYTES - 1)) else {
            return;
        };
        // ToggleOperand: 1 on, 0x81 the opposite of the style (which never marks deletions).
        if sprm_operand(grpprl, SPRM_CFRMARKDEL).is_some_and(|op| op.first().is_some_and(|&v| v == 1 || v == 0x81))
            && runs.len() < MAX_RUNS
        {
            runs.push((first, end));
        }
    });
    // Sorted by start: each character is then looked up by binary search.
    runs.sort_by_key(|run| run.0);
    runs
}

/// The list numbers of paragraphs: for each character that starts a paragraph, the number text to
/// put before it (with its tab or space), if the paragraph is in a list.
fn list_numbers(raw: &[u16], positions: &[u32], papx: &ParagraphProperties, lists: &Lists) -> Vec<Option<String>> {
    let mut numbers = vec![None; raw.len()];
    // Counters per list (lsid) and level: Word numbers all instances of a list together.
    let mut counters: std::collections::HashMap<i32, [Option<u32>; 9]> = std::collections::HashMap::new();
    let mut start = 0usize;
    while start < raw.len() {
        let end = raw[start..].iter().position(|&u| u == 0x0D || u == 0x07).map_or(raw.len() - 1, |p| start + p);
        let mark = positions.get(end).copied().unwrap_or(u32::MAX);
        if let Some((ilfo, ilvl)) = papx.list_of(mark)
            && let Some(text) = lists.number(ilfo, ilvl, &mut counters)
        {
            numbers[start] = Some(text);
        }
        start = end + 1;
    }
    numbers
}

/// One level of a list definition.
#[derive(Clone, Debug, Default)]
struct ListLevel {
    start: u32,
    nfc: u8,
    legal: bool,
    /// The number text: characters below 9 are placeholders for that level's number.
    text: Vec<u16>,
    /// What follows the number: 0 tab, 1 space, 2 nothing.
    follow: u8,
}

/// The list tables: definitions by lsid and overrides (1-based ilfo → lsid, start-at overrides).
#[derive(Default)]
struct Lists {
    levels: std::collections::HashMap<i32, Vec<ListLevel>>,
    overrides: Vec<(i32, Vec<(u8, u32)>)>,
}

impl Lists {
    /// Read PlfLst (and the LVLs after it) and PlfLfo; whatever is damaged is left out.
    fn parse(table: &[u8], lst: (u32, u32), lfo: (u32, u32)) -> Lists {
        let mut lists = Lists::default();
        let (fc, lcb) = (lst.0 as usize, lst.1 as usize);
        let count = u16_at(table, fc).map_or(0, usize::from).min(MAX_LISTS);
        let mut definitions = Vec::new();
        for i in 0..count {
            let at = fc + 2 + i * 28;
            let (Some(lsid), Some(flags)) = (u32_at(table, at), table.get(at + 26)) else { break };
            definitions.push((lsid as i32, if flags & 1 != 0 { 1 } else { 9 }));
        }
        // The LVLs of all lists follow the PlfLst, in list order.
        let mut at = fc + lcb.max(2 + count * 28);
        for (lsid, level_count) in definitions {
            let mut levels = Vec::new();
            for _ in 0..level_count {
                match parse_level(table, at) {
                    Some((level, next)) => {
                        levels.push(level);
                        at = next;
                    }
                    None => break,
                }
            }
            lists.levels.insert(lsid, levels);
        }
        // PlfLfo: lfoMac, the LFOs (16 bytes), then one LFOData per LFO (cp, then its LFOLVLs).
        let fc = lfo.0 as usize;
        let count = u32_at(table, fc).map_or(0, |c| c as usize).min(MAX_LISTS);
        let mut entries = Vec::new();
        for i in 0..count {
            let at = fc + 4 + i * 16;
            let (Some(lsid), Some(&levels)) = (u32_at(table, at), table.get(at + 12)) else { break };
            entries.push((lsid as i32, levels));
        }
        let mut at = fc + 4 + count * 16;
        for (lsid, level_count) in entries {
            let mut starts = Vec::new();
            at += 4;
            for _ in 0..level_count {
                let (Some(start), Some(flags)) = (u32_at(table, at), u32_at(table, at + 4)) else { break };
                at += 8;
                let ilvl = (flags & 0x0F) as u8;
                if flags & 0x10 != 0 {
                    starts.push((ilvl, start));
                }
                if flags & 0x20 != 0 {
                    // A whole replacement level; its start value wins.
                    match parse_level(table, at) {
                        Some((level, next)) => {
                            starts.push((ilvl, level.start));
                            at = next;
                        }
                        None => break,
                    }
                }
            }
            lists.overrides.push((lsid, starts));
        }
        lists
    }

    /// The rendered number of the next paragraph of list instance `ilfo` at level `ilvl`.
    fn number(
        &self,
        ilfo: u16,
        ilvl: u8,
        counters: &mut std::collections::HashMap<i32, [Option<u32>; 9]>,
    ) -> Option<String> {
        let (lsid, starts) = self.overrides.get(usize::from(ilfo).checked_sub(1)?)?;
        let levels = self.levels.get(lsid)?;
        let ilvl = usize::from(ilvl.min(8));
        let level = levels.get(ilvl).or_else(|| levels.first())?;
        let state = counters.entry(*lsid).or_insert([None; 9]);
        let start_of = |l: usize| -> u32 {
            starts
                .iter()
                .find(|(i, _)| usize::from(*i) == l)
                .map(|(_, s)| *s)
                .or_else(|| levels.get(l).map(|lv| lv.start))
                .unwrap_or(1)
        };
        state[ilvl] = Some(match state[ilvl] {
            Some(n) => n.saturating_add(1),
            None => start_of(ilvl),
        });
        // A number at this level restarts every deeper level.
        for deeper in state.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let mut text = String::new();
        for &unit in &level.text {
            if unit < 9 {
                let l = usize::from(unit);
                let value = state[l].unwrap_or_else(|| start_of(l));
                let nfc = if level.legal { 0 } else { levels.get(l).map_or(0, |lv| lv.nfc) };
                text.push_str(&super::docx::format_number(value, nfc_name(nfc)));
            } else if let Some(c) = char::from_u32(u32::from(unit)) {
                text.push(c);
            }
        }
        if level.nfc == 0x17 && text.trim().is_empty() {
            return None;
        }
        match level.follow {
            0 => text.push('\t'),
            1 => text.push(' '),
            _ => {}
        }
        Some(text)
    }
}

/// One LVL at `at`: the level and the offset after it.
fn parse_level(table: &[u8], at: usize) -> Option<(ListLevel, usize)> {
    let lvlf = table.get(at..at.checked_add(28)?)?;
    let start = u32::from_le_bytes([lvlf[0], lvlf[1], lvlf[2], lvlf[3]]);
    let (nfc, flags, follow) = (lvlf[4], lvlf[5], lvlf[15]);
    let (chpx, papx) = (usize::from(lvlf[24]), usize::from(lvlf[25]));
    let xst = at + 28 + papx + chpx;
    let count = usize::from(u16_at(table, xst)?);
    let text: Vec<u16> = (0..count).map(|i| u16_at(table, xst + 2 + i * 2)).collect::<Option<_>>()?;
    let legal = flags & 0x04 != 0;
    Some((ListLevel { start, nfc, legal, text, follow }, xst + 2 + count * 2))
}

/// The numbering.xml name of a binary number format code (MS-DOC nfc), for the shared formatter.
fn nfc_name(nfc: u8) -> &'static str {
    match nfc {
        0x01 => "upperRoman",
        0x02 => "lowerRoman",
        0x03 => "upperLetter",
        0x04 => "lowerLetter",
        0x0E | 0x13 => "decimalFullWidth",
        0x12 => "decimalEnclosedCircle",
        0x16 => "decimalZero",
        0x17 => "bullet",
        0x1A => "decimalEnclosedFullstop",
        0x1B => "decimalEnclosedParen",
        0x1C => "decimalEnclosedCircleChinese",
        0x1E => "ideographTraditional",
        0x1F => "ideographZodiac",
        0x21 | 0x25 => "chineseCounting",
        0x23 | 0x27 => "chineseCountingThousand",
        0x26 => "chineseLegalSimplified",
        0xFF => "none",
        _ => "decimal",
    }
}

/// Paragraph properties: for runs of stream positions (FC), the list instance and level.
#[derive(Default)]
struct ParagraphProperties {
    /// (first FC, end FC, ilfo, ilvl) of runs with list properties.
    runs: Vec<(u32, u32, u16, u8)>,
}

impl ParagraphProperties {
    /// Read PlcfBtePapx and the FKP pages it points to; damaged pages are skipped.
    fn parse(word: &[u8], table: &[u8], plc: (u32, u32)) -> ParagraphProperties {
        let mut properties = ParagraphProperties::default();
        for_each_fkp_run(word, table, plc, 13, |page, first, end, offset| {
            let Some(&cb) = page.get(offset) else { return };
            let (from, len) = if cb == 0 {
                (offset + 2, page.get(offset + 1).map_or(0, |&c| usize::from(c) * 2))
            } else {
                (offset + 1, usize::from(cb) * 2 - 1)
            };
            // istd (2 bytes), then the sprms.
            let Some(grpprl) = page.get(from + 2..(from + len).min(FKP_BYTES - 1)) else { return };
            let (ilfo, ilvl) = list_sprms(grpprl);
            if let Some(ilfo) = ilfo.filter(|&i| i > 0 && i < 0x07FF)
                && properties.runs.len() < MAX_RUNS
            {
                properties.runs.push((first, end, ilfo, ilvl.unwrap_or(0)));
            }
        });
        properties.runs.sort_by_key(|run| run.0);
        properties
    }

    /// The list instance and level of the paragraph whose mark is at `fc` (runs sorted by start, so a
    /// hostile file with millions of runs is still searched in logarithmic time).
    fn list_of(&self, fc: u32) -> Option<(u16, u8)> {
        let after = self.runs.partition_point(|run| run.0 <= fc);
        let (first, end, ilfo, ilvl) = *self.runs.get(after.checked_sub(1)?)?;
        (first <= fc && fc < end).then_some((ilfo, ilvl))
    }
}

/// sprmPIlfo and sprmPIlvl of a grpprl.
fn list_sprms(grpprl: &[u8]) -> (Option<u16>, Option<u8>) {
    let ilfo = sprm_operand(grpprl, SPRM_PILFO).and_then(|op| u16_at(op, 0));
    let ilvl = sprm_operand(grpprl, SPRM_PILVL).and_then(|op| op.first().copied());
    (ilfo, ilvl)
}

/// The operand bytes of the last `wanted` sprm in a grpprl.
fn sprm_operand(grpprl: &[u8], wanted: u16) -> Option<&[u8]> {
    let mut found = None;
    let mut at = 0;
    while let Some(sprm) = u16_at(grpprl, at) {
        at += 2;
        let size = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            // Variable: a size byte (two for sprmTDefTable, and sprmPChgTabs has its own rule).
            _ => match sprm {
                0xD608 => usize::from(u16_at(grpprl, at).unwrap_or(0)) + 1,
                _ => usize::from(grpprl.get(at).copied().unwrap_or(0)) + 1,
            },
        };
        if sprm == wanted {
            found = grpprl.get(at..(at + size).min(grpprl.len()));
        }
        at += size;
    }
    found
}

/// A byte of a compressed piece: cp1252, whose 0x80–0x9F block differs from Latin-1.
fn cp1252(byte: u8) -> u16 {
    let bytes = [byte];
    let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    decoded.encode_utf16().next().unwrap_or(u16::from(byte))
}

/// Word's control characters to plain text: marks that end a paragraph, line, page or table cell
/// become line breaks, field codes are dropped (results kept), anchors of objects and notes vanish.
fn render(raw: &[u16], numbers: &[Option<String>]) -> String {
    let mut out = String::with_capacity(raw.len() * 3);
    // One entry per open field: whether its code part is still running (text then dropped).
    let mut fields: Vec<bool> = Vec::new();
    // Decoded with the index of the first UTF-16 unit of each char, to place list numbers.
    let mut index = 0usize;
    let chars = char::decode_utf16(raw.iter().copied()).map(|r| {
        let c = r.unwrap_or('\u{FFFD}');
        let at = index;
        index += c.len_utf16();
        (at, c)
    });
    for (at, c) in chars {
        if let Some(Some(number)) = numbers.get(at)
            && !fields.iter().any(|&in_code| in_code)
        {
            out.push_str(number);
        }
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
        assert_eq!(render(&raw, &[]), "见第一条。\n二、\n\n");
    }

    #[test]
    fn nested_fields_keep_only_the_outer_result() {
        let raw: Vec<u16> = "a\u{13}IF \u{13}PAGE\u{14}3\u{15} \u{14}结果\u{15}b".encode_utf16().collect();
        assert_eq!(render(&raw, &[]), "a结果b");
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
