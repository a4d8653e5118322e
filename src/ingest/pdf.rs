//! PDF with a text layer, via `pdf-extract`, guarded against its panics.
//!
//! The raw text is cleaned for 公文 use: page numbers and form feeds dropped, lines broken
//! mid-sentence re-joined, and stray spaces between Chinese characters and digits removed
//! ("2014 年 9 月" → "2014年9月").
//!
//! The library runs on its own thread with a large stack and a time limit: it can panic, recurse
//! deeply or loop on malformed files, and none of that may take the app down or hang it.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;
use std::sync::mpsc;
use std::time::Duration;

use super::container::ContainerError;
use super::detect::find;
use crate::error::IngestError;
use crate::model::{Decoded, Format};

/// How long the PDF library may work on one file.
const EXTRACT_TIMEOUT: Duration = Duration::from_secs(120);

/// Stack of the extraction thread: the library recurses over the object graph.
const EXTRACT_STACK_BYTES: usize = 256 * 1024 * 1024;

thread_local! {
    /// Set on the extraction thread: its panics are expected, caught and reported as errors.
    static QUIET_PANICS: Cell<bool> = const { Cell::new(false) };
}

/// Installs (once) a panic hook that keeps the library's panic messages off the user's terminal
/// while leaving every other thread's panics to the previous hook.
static QUIET_HOOK: Once = Once::new();

/// A line not ending a sentence and at least this share of the full width was broken by the layout.
const FULL_LINE_SHARE: f64 = 0.75;

/// How much narrower than the full width a line may be and still count as full (half-width units).
const FULL_SLACK: usize = 2;

/// The first-line indent of a 公文 paragraph: two Chinese characters (half-width units).
const INDENT_WIDTH: usize = 4;

/// Read a PDF. Pages without a text layer are read by OCR when it is installed ([`super::ocr`]).
pub fn read(path: &Path, bytes: &[u8]) -> Result<Decoded, IngestError> {
    let damaged = |detail: String| IngestError::Damaged { path: path.to_path_buf(), format: "pdf".into(), detail };
    // Many official PDFs are "encrypted" only to restrict copying, with an empty user password, which
    // the reader handles; only when reading fails is encryption the likely reason.
    let mut pages = extract_guarded(bytes).map_err(|detail| {
        if find(bytes, b"/Encrypt").is_some() {
            damaged(format!("the PDF is password-protected; save an unprotected copy ({detail})"))
        } else {
            damaged(detail.to_string())
        }
    })?;
    let mut warnings = Vec::new();
    let blank: Vec<usize> =
        pages.iter().enumerate().filter(|(_, page)| page.trim().is_empty()).map(|(i, _)| i + 1).collect();
    let no_text = blank.len() == pages.len();
    // Scanned pages: OCR them when tesseract is there and the document is mostly scanned. A text PDF
    // with a few picture pages (charts, stamps, blank separators) is not worth minutes of OCR.
    let mostly_scanned = blank.len() * 2 >= pages.len();
    if !blank.is_empty() && !mostly_scanned {
        warnings.push(format!(
            "{} page(s) have no text layer (pictures or scans) and were left out; the other {} pages have text",
            blank.len(),
            pages.len() - blank.len()
        ));
    } else if !blank.is_empty() && super::ocr::available() {
        let wanted: Vec<usize> = blank.iter().copied().take(super::ocr::MAX_OCR_PAGES).collect();
        if let Ok(texts) = super::ocr::ocr_pdf_pages(bytes, &wanted) {
            let attempted = texts.len();
            let mut read = 0;
            for (page, text) in wanted.iter().zip(texts) {
                if text.trim().is_empty() {
                    continue;
                }
                read += 1;
                if let Some(slot) = pages.get_mut(page - 1) {
                    let lines: Vec<String> = text.lines().map(fix_ocr_heading).collect();
                    *slot = format!("{}\n", lines.join("\n"));
                }
            }
            if read > 0 {
                warnings.push(format!(
                    "the text of {read} scanned page(s) was read by OCR (tesseract, chi_sim): check it against \
                     the original"
                ));
            }
            if attempted < blank.len() {
                warnings.push(format!(
                    "only the first {attempted} of {} scanned pages were read by OCR (page or time limit)",
                    blank.len()
                ));
            }
        }
    } else if !blank.is_empty() && !no_text {
        warnings.push(format!("{} page(s) have no text layer (scanned?); {}", blank.len(), super::ocr::INSTALL_HINT));
    }
    let text = clean(&pages.concat());
    if text.trim().is_empty() {
        let ocr = if super::ocr::available() {
            "OCR found no text either".to_string()
        } else {
            super::ocr::INSTALL_HINT.to_string()
        };
        return Err(IngestError::NoTextLayer { path: path.to_path_buf(), ocr });
    }
    if text.contains('\u{FFFD}') {
        warnings.push("some characters of the PDF have no Unicode mapping and were replaced with U+FFFD".to_string());
    }
    Ok(Decoded { text, format: Format::Pdf, encoding: "PDF text layer".into(), warnings })
}

/// OCR misreads the full-width bracket of a 「（一）」 heading as 《, 〈, ( or [ and its closing one as
/// ) or 〕: a line that starts with such a bracket, Chinese numerals and a closing bracket gets the
/// heading's own brackets back, so the outline finds it.
fn fix_ocr_heading(line: &str) -> String {
    let trimmed = line.trim_start();
    let mut chars = trimmed.chars();
    let Some(open) = chars.next() else { return line.to_string() };
    if !matches!(open, '《' | '〈' | '(' | '（' | '[' | '【' | '{' | '〔') {
        return line.to_string();
    }
    let rest: String = chars.collect();
    let numerals: String = rest.chars().take_while(|c| "一二三四五六七八九十百".contains(*c)).collect();
    if numerals.is_empty() {
        return line.to_string();
    }
    let after = &rest[numerals.len()..];
    match after.chars().next() {
        Some(close @ (')' | '）' | '》' | '〉' | ']' | '】' | '}' | '〕')) => {
            format!("（{numerals}）{}", after[close.len_utf8()..].trim_start())
        }
        _ => line.to_string(),
    }
}

/// Run pdf-extract on a worker thread, turning its errors, panics and hangs into an error message.
/// The text of each page, in order.
fn extract_guarded(bytes: &[u8]) -> Result<Vec<String>, ContainerError> {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let (sender, receiver) = mpsc::channel();
    let owned = bytes.to_vec();
    std::thread::Builder::new()
        .name("pdf-extract".into())
        .stack_size(EXTRACT_STACK_BYTES)
        .spawn(move || {
            QUIET_PANICS.with(|quiet| quiet.set(true));
            let result = panic::catch_unwind(AssertUnwindSafe(|| pdf_extract::extract_text_from_mem_by_pages(&owned)));
            // The receiver is gone only after a timeout; nobody is left to tell.
            let _ = sender.send(result);
        })
        .map_err(ContainerError::PdfThread)?;
    match receiver.recv_timeout(EXTRACT_TIMEOUT) {
        Ok(Ok(Ok(pages))) => Ok(pages),
        Ok(Ok(Err(error))) => Err(ContainerError::Pdf(error)),
        Ok(Err(payload)) => {
            let reason = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("unknown reason");
            Err(ContainerError::PdfPanicked(reason.to_string()))
        }
        // The thread is left to finish on its own; it holds only its copy of the bytes.
        Err(mpsc::RecvTimeoutError::Timeout) => Err(ContainerError::PdfTimeout { seconds: EXTRACT_TIMEOUT.as_secs() }),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(ContainerError::PdfStopped),
    }
}

/// Chinese characters, CJK punctuation and full-width forms: text where spaces are not word breaks.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{2018}'..='\u{201F}'
        | '\u{2026}'
        | '\u{2014}')
}

/// Remove spaces between two CJK characters, or between a CJK character and a Latin letter or digit.
pub(super) fn remove_stray_spaces(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == '\t' || c == '\u{A0}' {
            let run_end =
                chars[i..].iter().position(|&d| !matches!(d, ' ' | '\t' | '\u{A0}')).map_or(chars.len(), |p| i + p);
            let before = out.chars().last();
            let after = chars.get(run_end).copied();
            // Chinese typesetting puts no space between Chinese and Latin/digits (B2C平台, 2014年).
            let joinable = |x: char| is_cjk(x) || x.is_ascii_alphanumeric() || x == '%' || x == '.';
            let drop = match (before, after) {
                (Some(b), Some(a)) => joinable(b) && joinable(a) && (is_cjk(b) || is_cjk(a)),
                // Leading and trailing spaces are layout.
                _ => true,
            };
            if !drop {
                out.push(' ');
            }
            i = run_end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A line that is only a page number: "3", "- 3 -", "—3—", "第3页", "第 3 页 共 10 页", "3/10".
pub(super) fn is_page_number(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return false;
    }
    let core = compact.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－'));
    let digits_only = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits_only(core) {
        return true;
    }
    if let Some((a, b)) = core.split_once('/') {
        return digits_only(a) && digits_only(b);
    }
    if let Some(rest) = core.strip_prefix('第') {
        let mut parts = rest.split('页');
        let first = parts.next().unwrap_or("");
        let second = parts.next().unwrap_or("");
        let total_ok = second.is_empty() || second.strip_prefix('共').is_some_and(&digits_only);
        return digits_only(first) && total_ok && parts.next().is_none_or(str::is_empty);
    }
    false
}

/// Does the line start with a 公文 heading number (一、 （一） (一) 1、 1. 1． 第X条/章)?
pub(super) fn starts_with_heading(line: &str) -> bool {
    let numerals = |c: char| "〇零一二三四五六七八九十百".contains(c);
    let chars: Vec<char> = line.chars().collect();
    let run = |from: usize, pred: &dyn Fn(char) -> bool| chars[from..].iter().take_while(|&&c| pred(c)).count();
    if chars.is_empty() {
        return false;
    }
    // 一、
    let n = run(0, &numerals);
    if n > 0 && chars.get(n) == Some(&'、') {
        return true;
    }
    // 第X条 / 第X章 / 第X节
    if chars[0] == '第' {
        let n = run(1, &|c| numerals(c) || c.is_ascii_digit());
        if n > 0 && matches!(chars.get(1 + n), Some('条' | '章' | '节' | '部' | '编')) {
            return true;
        }
    }
    // （一） (一) （1） (1)
    if matches!(chars[0], '（' | '(') {
        let n = run(1, &|c| numerals(c) || c.is_ascii_digit() || ('０'..='９').contains(&c));
        if n > 0 && matches!(chars.get(1 + n), Some('）' | ')')) {
            return true;
        }
    }
    // 1、 1. 1．
    let n = run(0, &|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if n > 0 && n <= 3 {
        match (chars.get(n), chars.get(n + 1)) {
            (Some('、' | '．'), _) => return true,
            (Some('.'), Some(next)) if !next.is_ascii_digit() => return true,
            _ => {}
        }
    }
    // ① …
    matches!(chars[0], '\u{2460}'..='\u{2473}')
}

/// Whether a line ends a sentence (so the next line starts a new one).
fn ends_sentence(line: &str) -> bool {
    line.chars().last().is_some_and(|c| "。；：！？；:!?”」』".contains(c))
}

/// Display width in half-width units: Chinese characters and full-width forms count 2.
fn width(line: &str) -> usize {
    line.chars().map(|c| if is_cjk(c) || ('\u{AC00}'..='\u{D7AF}').contains(&c) { 2 } else { 1 }).sum()
}

/// Clean pdf-extract output into lines of running text.
///
/// A line joins the next unless the next starts with a heading number, or the line is short (the
/// end of a paragraph, a title, a signature), or it ends a sentence and is not full width. A full-width
/// line ending a sentence is ambiguous: it continues unless the next line has exactly the width of an
/// indented first line (公文 paragraphs are indented by two characters).
fn clean(raw: &str) -> String {
    let lines: Vec<String> = raw
        .replace('\u{0C}', "\n")
        .lines()
        .map(|line| remove_stray_spaces(line.trim()))
        .filter(|line| !line.is_empty() && !is_page_number(line))
        .collect();
    let full = typical_full_width(&lines);
    let mut out: Vec<String> = Vec::new();
    // How the last output line may continue: not at all, surely, or unless the next line is indented.
    let mut open = Open::No;
    for line in lines {
        let line_width = width(&line);
        let indented_first_line =
            (full.saturating_sub(INDENT_WIDTH + 1)..=full.saturating_sub(INDENT_WIDTH - 1)).contains(&line_width);
        let joins = !starts_with_heading(&line)
            && match open {
                Open::No => false,
                Open::Yes => true,
                Open::UnlessIndented => !indented_first_line,
            };
        open = if ends_sentence(&line) {
            if line_width + FULL_SLACK >= full { Open::UnlessIndented } else { Open::No }
        } else if line_width as f64 >= full as f64 * FULL_LINE_SHARE {
            Open::Yes
        } else {
            Open::No
        };
        match out.last_mut() {
            Some(last) if joins => {
                // Latin words broken across lines keep a space; Chinese text joins directly.
                let needs_space = last.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                    && line.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                if needs_space {
                    last.push(' ');
                }
                last.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out.join("\n")
}

/// Whether a line may continue on the next.
#[derive(Clone, Copy)]
enum Open {
    No,
    Yes,
    UnlessIndented,
}

/// The width of a full line of body text: a high percentile of line widths.
fn typical_full_width(lines: &[String]) -> usize {
    let mut widths: Vec<usize> = lines.iter().map(|l| width(l)).collect();
    if widths.is_empty() {
        return 0;
    }
    widths.sort_unstable();
    widths[(widths.len() * 9 / 10).min(widths.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_spaces_between_cjk_and_digits_go() {
        assert_eq!(remove_stray_spaces("2014 年 9 月 3 日"), "2014年9月3日");
        assert_eq!(remove_stray_spaces("支持 B2C 平台 和 C2C 模式"), "支持B2C平台和C2C模式");
        assert_eq!(remove_stray_spaces("Internet of Things"), "Internet of Things");
        assert_eq!(remove_stray_spaces("1 2"), "1 2");
    }

    #[test]
    fn ocr_heading_brackets_are_repaired() {
        assert_eq!(fix_ocr_heading("《一) 指导思想。坚持"), "（一）指导思想。坚持");
        assert_eq!(fix_ocr_heading("(十二〕加大财政支持"), "（十二）加大财政支持");
        assert_eq!(fix_ocr_heading("《电子商务法》第二条"), "《电子商务法》第二条");
        assert_eq!(fix_ocr_heading("（一）已经正确"), "（一）已经正确");
    }

    #[test]
    fn page_numbers_are_recognised() {
        for line in ["3", "- 3 -", "—12—", "第3页", "第 3 页 共 10 页", "3/10"] {
            assert!(is_page_number(line), "{line}");
        }
        for line in ["2012年", "（一）", "1.5亿元"] {
            assert!(!is_page_number(line), "{line}");
        }
    }

    #[test]
    fn broken_lines_rejoin_but_headings_stay() {
        let raw = "一、总体要求\n（一）指导思想。坚持以邓小平理论、三个代表\n重要思想和科学发展观为指导，围绕加快\n转型升级。\n（二）发展目标。电子商务发展水平\n显著提升。";
        assert_eq!(
            clean(raw),
            "一、总体要求\n（一）指导思想。坚持以邓小平理论、三个代表重要思想和科学发展观为指导，围绕加快转型升级。\n（二）发展目标。电子商务发展水平显著提升。"
        );
    }

    #[test]
    fn a_full_line_ending_a_sentence_continues_unless_the_next_is_indented() {
        let full = "加快发展电子商务推动全省电子商务实现跨越式发展经省人民政府同意现提出以下意见。";
        let continuation = "鼓励有条件的大型快递物流企业发展网络购物平台。";
        // Two characters narrower than a full line: the first line of an indented paragraph.
        let indented = "各地各有关部门要根据本意见结合实际制定具体实施方案认真抓好贯彻落实并及时报";
        assert_eq!(width(indented) + INDENT_WIDTH, width(full));
        assert_eq!(clean(&[full, continuation].join("\n")), [full, continuation].concat());
        assert_eq!(clean(&[full, indented, "情况。"].join("\n")), format!("{full}\n{indented}情况。"));
    }
}
