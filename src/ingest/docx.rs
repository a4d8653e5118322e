//! Word 2007+ (.docx): paragraph text in document order, with automatic numbering rendered as text.
//!
//! Read by hand with `zip` + `quick-xml`: `word/document.xml` paragraphs (table cells are paragraphs
//! too), `w:t` text, `w:tab` → tab, `w:br`/`w:cr` → newline; tracked insertions kept, tracked deletions
//! (`w:del`, `w:delText`, `w:moveFrom`) dropped. Automatic numbering comes from `word/numbering.xml`
//! (directly on the paragraph or inherited from its style in `word/styles.xml`); without it headings
//! such as 「一、」 would vanish from the text.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::container::ContainerError;
use crate::error::IngestError;
use crate::model::{Decoded, Format};

/// Size limits for zip entries, enforced while inflating so that a lying header cannot bomb us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZipLimits {
    /// Largest uncompressed size of one entry.
    pub max_entry_bytes: u64,
    /// Largest uncompressed size of all entries read together.
    pub max_total_bytes: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        ZipLimits { max_entry_bytes: 64 * 1024 * 1024, max_total_bytes: 256 * 1024 * 1024 }
    }
}

/// Word's main document part when the package relationships do not say otherwise.
const DEFAULT_MAIN_PART: &str = "word/document.xml";

/// Read a .docx file.
pub fn read(path: &Path, bytes: &[u8], limits: ZipLimits) -> Result<Decoded, IngestError> {
    let damaged = |detail: String| IngestError::Damaged { path: path.to_path_buf(), format: "docx".into(), detail };
    let mut package = Package::open(bytes, limits).map_err(|e| damaged(e.to_string()))?;
    let main = match package.read_part("_rels/.rels").map_err(|e| damaged(e.to_string()))? {
        Some(rels) => main_part_from_rels(&rels).unwrap_or_else(|| DEFAULT_MAIN_PART.to_string()),
        None => DEFAULT_MAIN_PART.to_string(),
    };
    let document = package
        .read_part(&main)
        .map_err(|e| damaged(e.to_string()))?
        .ok_or_else(|| damaged(format!("no {main} in the package (not a Word document?)")))?;
    let mut warnings = Vec::new();
    let numbering = match package.read_part("word/numbering.xml").map_err(|e| damaged(e.to_string()))? {
        Some(xml) => parse_numbering(&xml).map_err(|e| damaged(format!("word/numbering.xml: {e}")))?,
        None => Numbering::default(),
    };
    let styles = match package.read_part("word/styles.xml").map_err(|e| damaged(e.to_string()))? {
        Some(xml) => match parse_styles(&xml) {
            Ok(styles) => styles,
            Err(e) => {
                // Styles only feed inherited numbering; the text is still worth having.
                warnings.push(format!("word/styles.xml unreadable ({e}); numbering inherited from styles is lost"));
                Styles::default()
            }
        },
        None => Styles::default(),
    };
    let body = parse_document(&document, &numbering, &styles).map_err(|e| damaged(format!("{main}: {e}")))?;
    if body.deleted_runs > 0 {
        warnings.push(format!("{} tracked deletion(s) left out; tracked insertions kept", body.deleted_runs));
    }
    if body.numbered_without_definition > 0 {
        warnings.push(format!(
            "{} numbered paragraph(s) refer to missing numbering definitions; their numbers are lost",
            body.numbered_without_definition
        ));
    }
    if body.text.trim().is_empty() {
        return Err(IngestError::Empty { path: path.to_path_buf() });
    }
    Ok(Decoded { text: body.text, format: Format::Docx, encoding: "UTF-8".into(), warnings })
}

/// The zip package with the running total of inflated bytes (shared with the OFD reader).
pub(super) struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    limits: ZipLimits,
    total: u64,
}

impl<'a> Package<'a> {
    pub(super) fn open(bytes: &'a [u8], limits: ZipLimits) -> Result<Self, ContainerError> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(ContainerError::NotZip)?;
        Ok(Package { archive, limits, total: 0 })
    }

    /// The part's text, `None` when the package has no such part.
    pub(super) fn read_part(&mut self, name: &str) -> Result<Option<String>, ContainerError> {
        let entry = match self.archive.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(source) => return Err(ContainerError::OpenPart { part: name.to_string(), source }),
        };
        let declared = entry.size();
        let entry_limit = self.limits.max_entry_bytes;
        let total_limit = self.limits.max_total_bytes.saturating_sub(self.total);
        if declared > entry_limit {
            return Err(ContainerError::DeclaredTooLarge { part: name.to_string(), declared, limit: entry_limit });
        }
        let limit = entry_limit.min(total_limit);
        let mut data = Vec::with_capacity(usize::try_from(declared.min(limit)).unwrap_or(0));
        // `take` enforces the limit on what is actually inflated, whatever the header claims.
        entry
            .take(limit + 1)
            .read_to_end(&mut data)
            .map_err(|source| ContainerError::Inflate { part: name.to_string(), source })?;
        let inflated = data.len() as u64;
        if inflated > limit {
            return Err(if limit == entry_limit {
                ContainerError::PartTooLarge { part: name.to_string(), limit: entry_limit }
            } else {
                ContainerError::TotalTooLarge { limit: self.limits.max_total_bytes }
            });
        }
        self.total += inflated;
        let data = data.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(data);
        String::from_utf8(data).map(Some).map_err(|source| ContainerError::NotUtf8 { part: name.to_string(), source })
    }
}

/// Local name of an attribute's value, e.g. `w:val` → value of `val`.
pub(super) fn attr(element: &BytesStart, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The character an entity or character reference stands for.
fn resolve_ref(reference: &BytesRef) -> Option<char> {
    if reference.is_char_ref() {
        return reference.resolve_char_ref().ok().flatten();
    }
    match &**reference {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// One XML event reduced to what the parsers here need.
pub(super) enum Item<'a> {
    Open(BytesStart<'a>),
    Close(String),
    /// Self-closing element: an open immediately followed by a close.
    Leaf(BytesStart<'a>),
    Text(String),
}

/// Walk `xml`, calling `visit` for every element and text; errors on malformed or truncated XML.
pub(super) fn walk<'a>(xml: &'a str, mut visit: impl FnMut(Item<'a>)) -> Result<(), ContainerError> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let event =
            reader.read_event().map_err(|source| ContainerError::Xml { position: reader.error_position(), source })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                visit(Item::Open(e));
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                visit(Item::Close(e.local_name().as_ref().to_string()));
            }
            Event::Empty(e) => visit(Item::Leaf(e)),
            Event::Text(t) => visit(Item::Text(t.xml10_content().into_owned())),
            Event::CData(t) => visit(Item::Text(t.xml10_content().into_owned())),
            Event::GeneralRef(r) => {
                if let Some(c) = resolve_ref(&r) {
                    visit(Item::Text(c.to_string()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(ContainerError::Truncated { depth });
    }
    Ok(())
}

/// The main document part named by the package relationships.
fn main_part_from_rels(xml: &str) -> Option<String> {
    let mut found = None;
    walk(xml, |item| {
        if let Item::Open(e) | Item::Leaf(e) = item
            && e.local_name().as_ref() == "Relationship"
            && attr(&e, "Type").is_some_and(|t| t.ends_with("/officeDocument"))
            && found.is_none()
        {
            found = attr(&e, "Target").map(|t| t.trim_start_matches('/').to_string());
        }
    })
    .ok()?;
    found
}

/// Number format of one list level.
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    suffix: String,
    legal: bool,
}

/// Parsed numbering.xml: abstract definitions and the concrete numbering instances pointing at them.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, BTreeMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides per level).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    /// abstractNumId → numbering style it takes its levels from (`w:numStyleLink`).
    style_links: HashMap<String, String>,
}

fn parse_numbering(xml: &str) -> Result<Numbering, ContainerError> {
    let mut numbering = Numbering::default();
    let mut abstract_id: Option<String> = None;
    let mut level: Option<(u8, Level)> = None;
    let mut num: Option<(String, String, HashMap<u8, u32>)> = None;
    let mut override_level: Option<u8> = None;
    walk(xml, |item| match item {
        Item::Open(e) | Item::Leaf(e) => {
            let val = attr(&e, "val");
            match e.local_name().as_ref() {
                "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                "numStyleLink" => {
                    if let (Some(id), Some(v)) = (abstract_id.as_ref(), val.clone()) {
                        numbering.style_links.insert(id.clone(), v);
                    }
                }
                "lvl" if abstract_id.is_some() => {
                    let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some((
                        ilvl,
                        Level { start: 1, format: "decimal".into(), suffix: "tab".into(), ..Level::default() },
                    ));
                }
                "start" => {
                    let start = val.and_then(|v| v.parse().ok()).unwrap_or(1);
                    if let Some((_, lvl)) = level.as_mut() {
                        lvl.start = start;
                    }
                }
                "startOverride" => {
                    if let (Some((_, _, overrides)), Some(ilvl)) = (num.as_mut(), override_level) {
                        overrides.insert(ilvl, val.and_then(|v| v.parse().ok()).unwrap_or(1));
                    }
                }
                "numFmt" => {
                    if let (Some((_, lvl)), Some(v)) = (level.as_mut(), val) {
                        lvl.format = v;
                    }
                }
                "lvlText" => {
                    if let (Some((_, lvl)), Some(v)) = (level.as_mut(), val) {
                        lvl.text = v;
                    }
                }
                "suff" => {
                    if let (Some((_, lvl)), Some(v)) = (level.as_mut(), val) {
                        lvl.suffix = v;
                    }
                }
                "isLgl" => {
                    if let Some((_, lvl)) = level.as_mut() {
                        lvl.legal = val.is_none_or(|v| v != "0" && v != "false");
                    }
                }
                "num" => {
                    if let Some(id) = attr(&e, "numId") {
                        num = Some((id, String::new(), HashMap::new()));
                    }
                }
                "abstractNumId" => {
                    if let (Some((_, abstract_ref, _)), Some(v)) = (num.as_mut(), val) {
                        *abstract_ref = v;
                    }
                }
                "lvlOverride" => override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                _ => {}
            }
        }
        Item::Close(name) => match name.as_str() {
            "lvl" => {
                if let (Some(id), Some((ilvl, lvl))) = (abstract_id.as_ref(), level.take()) {
                    numbering.abstracts.entry(id.clone()).or_default().insert(ilvl, lvl);
                }
            }
            "abstractNum" => abstract_id = None,
            "num" => {
                if let Some((id, abstract_ref, overrides)) = num.take() {
                    numbering.nums.insert(id, (abstract_ref, overrides));
                }
            }
            "lvlOverride" => override_level = None,
            _ => {}
        },
        Item::Text(_) => {}
    })?;
    Ok(numbering)
}

/// Paragraph styles: numbering they carry and the style they are based on.
#[derive(Debug, Default)]
struct Styles {
    numbering: HashMap<String, (Option<String>, Option<u8>)>,
    based_on: HashMap<String, String>,
}

impl Styles {
    /// (numId, ilvl) a paragraph style gives, following `w:basedOn` (with a cycle guard).
    fn numbering_of(&self, style: &str) -> (Option<String>, Option<u8>) {
        let mut current = style;
        let (mut num_id, mut ilvl) = (None, None);
        for _ in 0..16 {
            if let Some((n, l)) = self.numbering.get(current) {
                num_id = num_id.or_else(|| n.clone());
                ilvl = ilvl.or(*l);
            }
            match self.based_on.get(current) {
                Some(parent) if num_id.is_none() || ilvl.is_none() => current = parent,
                _ => break,
            }
        }
        (num_id, ilvl)
    }
}

fn parse_styles(xml: &str) -> Result<Styles, ContainerError> {
    let mut styles = Styles::default();
    let mut style: Option<String> = None;
    walk(xml, |item| match item {
        Item::Open(e) | Item::Leaf(e) => match e.local_name().as_ref() {
            "style" => style = attr(&e, "styleId"),
            "basedOn" => {
                if let (Some(id), Some(v)) = (style.as_ref(), attr(&e, "val")) {
                    styles.based_on.insert(id.clone(), v);
                }
            }
            "numId" => {
                if let (Some(id), Some(v)) = (style.as_ref(), attr(&e, "val")) {
                    styles.numbering.entry(id.clone()).or_default().0 = Some(v);
                }
            }
            "ilvl" => {
                if let (Some(id), Some(v)) = (style.as_ref(), attr(&e, "val").and_then(|v| v.parse().ok())) {
                    styles.numbering.entry(id.clone()).or_default().1 = Some(v);
                }
            }
            _ => {}
        },
        Item::Close(name) if name == "style" => style = None,
        _ => {}
    })?;
    Ok(styles)
}

/// Text of the document body and what was dropped on the way.
struct Body {
    text: String,
    deleted_runs: usize,
    numbered_without_definition: usize,
}

/// Per-paragraph state while walking document.xml.
#[derive(Default)]
struct Paragraph {
    text: String,
    num_id: Option<String>,
    ilvl: Option<u8>,
    style: Option<String>,
    /// The paragraph mark is a tracked deletion.
    mark_deleted: bool,
}

/// Running list counters, per abstract numbering definition and level.
#[derive(Default)]
struct Counters {
    values: HashMap<String, [Option<u32>; 9]>,
    /// numIds already used: a num with start overrides restarts its list when first used.
    used_nums: std::collections::HashSet<String>,
}

impl Counters {
    /// Advance the counter of (`abstract_id`, `ilvl`) and render the level's text, e.g. 「（二十二）」.
    fn next(
        &mut self,
        abstract_id: &str,
        levels: &BTreeMap<u8, Level>,
        ilvl: u8,
        overrides: &HashMap<u8, u32>,
    ) -> String {
        let ilvl = ilvl.min(8);
        let Some(level) = levels.get(&ilvl) else { return String::new() };
        let start_of = |l: u8| overrides.get(&l).copied().or_else(|| levels.get(&l).map(|x| x.start)).unwrap_or(1);
        let values = self.values.entry(abstract_id.to_string()).or_default();
        let index = usize::from(ilvl);
        values[index] = Some(values[index].map_or(start_of(ilvl), |v| v + 1));
        // A higher level advancing restarts every lower level.
        for lower in values.iter_mut().skip(index + 1) {
            *lower = None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(n @ 1..=9)) => {
                    chars.next();
                    let l = (n - 1) as u8;
                    let value = values[usize::from(l)].unwrap_or_else(|| start_of(l));
                    let format = match levels.get(&l) {
                        Some(_) if level.legal => "decimal",
                        Some(other) => other.format.as_str(),
                        None => "decimal",
                    };
                    out.push_str(&format_number(value, format));
                }
                _ => out.push(c),
            }
        }
        if level.format == "none" && !level.text.contains('%') {
            return out;
        }
        match level.suffix.as_str() {
            "nothing" => {}
            // Word shows a tab (or space) after the number; for Chinese numbering that ends in 、 or ）
            // nothing separates number and title in the written text, so none is added.
            _ if out.chars().last().is_some_and(|c| !c.is_ascii()) => {}
            _ if out.is_empty() => {}
            _ => out.push(' '),
        }
        out
    }
}

/// Render `value` in a Word number format.
pub(super) fn format_number(value: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese_counting(value, format == "chineseLegalSimplified"),
        "ideographTraditional" => cyclic(value, &["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]),
        "ideographZodiac" => cyclic(value, &["子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"]),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => match value {
            1..=20 => char::from_u32(0x2460 + value - 1).map_or_else(|| value.to_string(), String::from),
            _ => value.to_string(),
        },
        "decimalEnclosedParen" => format!("({value})"),
        "decimalEnclosedFullstop" => format!("{value}."),
        "decimalFullWidth" | "decimalFullWidth2" => {
            value.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect()
        }
        "decimalZero" => format!("{value:02}"),
        "upperLetter" => letters(value, b'A'),
        "lowerLetter" => letters(value, b'a'),
        "upperRoman" => roman(value),
        "lowerRoman" => roman(value).to_lowercase(),
        "none" | "bullet" => String::new(),
        _ => value.to_string(),
    }
}

/// 一 … 十 … 二十二 … 一百零五 (or the financial 壹贰叁 digits).
fn chinese_counting(value: u32, legal: bool) -> String {
    let digits: [&str; 10] = if legal {
        ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    } else {
        ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    };
    let ten = if legal { "拾" } else { "十" };
    let hundred = if legal { "佰" } else { "百" };
    let d = |n: u32| digits[n as usize % 10];
    match value {
        0 => digits[0].to_string(),
        1..=9 => d(value).to_string(),
        10..=19 => format!("{ten}{}", if value == 10 { "" } else { d(value % 10) }),
        20..=99 => format!("{}{ten}{}", d(value / 10), if value.is_multiple_of(10) { "" } else { d(value % 10) }),
        100..=999 => {
            let (h, t, u) = (value / 100, value / 10 % 10, value % 10);
            let mut s = format!("{}{hundred}", d(h));
            match (t, u) {
                (0, 0) => {}
                (0, _) => s.push_str(&format!("零{}", d(u))),
                (_, 0) => s.push_str(&format!("{}{ten}", d(t))),
                _ => s.push_str(&format!("{}{ten}{}", d(t), d(u))),
            }
            s
        }
        _ => value.to_string(),
    }
}

/// 甲乙丙… style: cycles through `symbols`.
fn cyclic(value: u32, symbols: &[&str]) -> String {
    match value {
        0 => "0".into(),
        _ => symbols[(value as usize - 1) % symbols.len()].to_string(),
    }
}

/// A, B, … Z, AA, BB … as Word counts letters.
fn letters(value: u32, base: u8) -> String {
    if value == 0 {
        return "0".into();
    }
    let letter = char::from(base + ((value - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((value - 1) / 26 + 1) as usize).collect()
}

/// Upper-case Roman numerals.
fn roman(mut value: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if value == 0 || value > 3999 {
        return value.to_string();
    }
    let mut out = String::new();
    for (n, s) in TABLE {
        while value >= n {
            out.push_str(s);
            value -= n;
        }
    }
    out
}

fn parse_document(xml: &str, numbering: &Numbering, styles: &Styles) -> Result<Body, ContainerError> {
    let mut lines: Vec<String> = Vec::new();
    // A stack because text boxes hold paragraphs inside a paragraph.
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut counters = Counters::default();
    // Depth counters of regions whose content is skipped or treated specially.
    let (mut deleted, mut fallback, mut in_ppr, mut in_text, mut in_instr) = (0usize, 0usize, 0usize, 0usize, 0usize);
    // Inside a tracked property change the old properties are recorded; they must not apply.
    let mut in_change = 0usize;
    let mut deleted_runs = 0usize;
    let mut numbered_without_definition = 0usize;
    walk(xml, |item| match item {
        Item::Open(e) => match e.local_name().as_ref() {
            "p" => paragraphs.push(Paragraph::default()),
            "del" | "moveFrom" => {
                deleted += 1;
                deleted_runs += 1;
            }
            "Fallback" => fallback += 1,
            "pPr" => in_ppr += 1,
            "t" => in_text += 1,
            "instrText" | "delText" => in_instr += 1,
            "pPrChange" | "rPrChange" | "numberingChange" => in_change += 1,
            name if in_change == 0 => paragraph_property(name, &e, in_ppr, paragraphs.last_mut()),
            _ => {}
        },
        Item::Leaf(e) => {
            let skip = deleted > 0 || fallback > 0;
            match e.local_name().as_ref() {
                "p" if !skip => lines.push(String::new()),
                "tab" if !skip && in_ppr == 0 => push_text(&mut paragraphs, "\t"),
                "br" | "cr" if !skip && in_ppr == 0 => push_text(&mut paragraphs, "\n"),
                "noBreakHyphen" if !skip => push_text(&mut paragraphs, "-"),
                // A deleted paragraph mark (in the paragraph's run properties).
                "del" | "moveFrom" if in_ppr > 0 && in_change == 0 => {
                    if let Some(paragraph) = paragraphs.last_mut() {
                        paragraph.mark_deleted = true;
                    }
                }
                name if in_change == 0 => paragraph_property(name, &e, in_ppr, paragraphs.last_mut()),
                _ => {}
            }
        }
        Item::Text(text) => {
            if in_text > 0 && in_instr == 0 && deleted == 0 && fallback == 0 {
                push_text(&mut paragraphs, &text);
            }
        }
        Item::Close(name) => match name.as_str() {
            "p" => {
                // A paragraph deleted as a whole (mark and text) is gone, number and all.
                if let Some(paragraph) = paragraphs.pop()
                    && fallback == 0
                    && !(paragraph.mark_deleted && paragraph.text.is_empty())
                {
                    let number = render_number(&paragraph, numbering, styles, &mut counters);
                    if number.is_none() && paragraph.num_id.as_deref().is_some_and(|n| n != "0") {
                        numbered_without_definition += 1;
                    }
                    lines.push(number.unwrap_or_default() + &paragraph.text);
                }
            }
            "del" | "moveFrom" => deleted = deleted.saturating_sub(1),
            "Fallback" => fallback = fallback.saturating_sub(1),
            "pPr" => in_ppr = in_ppr.saturating_sub(1),
            "t" => in_text = in_text.saturating_sub(1),
            "instrText" | "delText" => in_instr = in_instr.saturating_sub(1),
            "pPrChange" | "rPrChange" | "numberingChange" => in_change = in_change.saturating_sub(1),
            _ => {}
        },
    })?;
    Ok(Body { text: lines.join("\n"), deleted_runs, numbered_without_definition })
}

/// Record numbering and style properties of the current paragraph.
fn paragraph_property(name: &str, element: &BytesStart, in_ppr: usize, paragraph: Option<&mut Paragraph>) {
    let Some(paragraph) = paragraph else { return };
    if in_ppr == 0 {
        return;
    }
    match name {
        "numId" => paragraph.num_id = attr(element, "val"),
        "ilvl" => paragraph.ilvl = attr(element, "val").and_then(|v| v.parse().ok()),
        "pStyle" => paragraph.style = attr(element, "val"),
        _ => {}
    }
}

fn push_text(paragraphs: &mut [Paragraph], text: &str) {
    if let Some(paragraph) = paragraphs.last_mut() {
        paragraph.text.push_str(text);
    }
}

/// The rendered automatic number of a paragraph, `None` if it has none (or its definition is missing).
fn render_number(
    paragraph: &Paragraph,
    numbering: &Numbering,
    styles: &Styles,
    counters: &mut Counters,
) -> Option<String> {
    let (style_num, style_ilvl) = paragraph.style.as_deref().map(|s| styles.numbering_of(s)).unwrap_or_default();
    let num_id = paragraph.num_id.clone().or(style_num)?;
    // numId 0 explicitly switches numbering off.
    if num_id == "0" {
        return Some(String::new());
    }
    let ilvl = paragraph.ilvl.or(style_ilvl).unwrap_or(0);
    let (first_abstract, overrides) = numbering.nums.get(&num_id)?;
    let mut abstract_id: &String = first_abstract;
    // A list defined through a numbering style: follow the link to the definition that has the levels.
    for _ in 0..4 {
        let Some(link) = numbering.style_links.get(abstract_id) else { break };
        let linked = styles.numbering_of(link).0.and_then(|n| numbering.nums.get(&n)).map(|(a, _)| a);
        match linked {
            Some(next) if next != abstract_id => abstract_id = next,
            _ => break,
        }
    }
    let levels = numbering.abstracts.get(abstract_id)?;
    if !overrides.is_empty() && counters.used_nums.insert(num_id.clone()) {
        // "Restart numbering" in Word: a new num over the same list, with start overrides.
        if let Some(values) = counters.values.get_mut(abstract_id) {
            for level in overrides.keys() {
                if let Some(value) = values.get_mut(usize::from(*level)) {
                    *value = None;
                }
            }
        }
    }
    Some(counters.next(abstract_id, levels, ilvl, overrides))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_matches_written_headings() {
        let rendered: Vec<String> =
            [1, 10, 11, 20, 22, 28, 100, 105, 110].iter().map(|&n| chinese_counting(n, false)).collect();
        assert_eq!(rendered, ["一", "十", "十一", "二十", "二十二", "二十八", "一百", "一百零五", "一百一十"]);
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
    }
}
