//! Metadata written in the text: title, document number (文号), issuer, date, effective period.

use std::sync::OnceLock;

use regex::Regex;

use super::lines::split_lines;
use super::numerals::parse_chinese_number;
use crate::model::{Metadata, Section, SectionKind};
use crate::text::CharText;

/// Words that end the title of a policy document.
const TITLE_ENDINGS: &[&str] = &[
    "意见", "方案", "通知", "办法", "规定", "决定", "细则", "规划", "纲要", "条例", "措施", "计划", "通告", "公告",
    "批复", "报告", "指引", "要点",
];

/// Words that end the name of an issuing body.
const ISSUER_ENDINGS: &[&str] =
    &["人民政府办公厅", "人民政府办公室", "人民政府", "办公厅", "办公室", "委员会", "厅", "局", "部", "委"];

/// Compile a built-in pattern once. The patterns are constants exercised by the tests below, so
/// `None` (an invalid pattern) only makes the corresponding metadata go unrecognised.
fn regex(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

fn date_regex() -> Option<&'static Regex> {
    static CELL: OnceLock<Option<Regex>> = OnceLock::new();
    regex(
        &CELL,
        r"([0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日",
    )
}

fn doc_number_regex() -> Option<&'static Regex> {
    static CELL: OnceLock<Option<Regex>> = OnceLock::new();
    regex(&CELL, r"^[\p{Han}]{1,10}\s*[〔\[［【（(]\s*(\d{4})\s*[〕\]］】）)]\s*\d{1,4}\s*号$")
}

fn effective_regex() -> Option<&'static Regex> {
    static CELL: OnceLock<Option<Regex>> = OnceLock::new();
    regex(
        &CELL,
        r"自[^。，,；;\n\r()（）]{1,30}?起(?:施行|实行|执行|实施|生效)(?:[，,；;]\s*有效期(?:至|为)?[^。；;]{1,30})?",
    )
}

/// Convert a date written as 2012年12月25日 or 二〇一二年十二月二十五日 to ISO `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<String> {
    let captures = date_regex()?.captures(text)?;
    let number = |s: &str| -> Option<u32> {
        let folded: String = s
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                _ => c,
            })
            .collect();
        folded.parse().ok().or_else(|| parse_chinese_number(&folded))
    };
    let year = number(captures.get(1)?.as_str())?;
    let month = number(captures.get(2)?.as_str())?;
    let day = number(captures.get(3)?.as_str())?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A line holding nothing but a date (the signature date of a 公文).
pub fn is_date_line(line: &str) -> bool {
    let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    date_regex().and_then(|re| re.find(trimmed)).is_some_and(|m| m.start() == 0 && m.end() == trimmed.len())
}

/// A line holding only an issuing body, e.g. 广东省人民政府办公厅.
pub fn is_issuer_line(line: &str) -> bool {
    let trimmed = line.trim();
    let chars = trimmed.chars().count();
    (4..=30).contains(&chars)
        && trimmed.chars().all(|c| !crate::segment::normalize::is_punctuation(c) || c == '、')
        && ISSUER_ENDINGS.iter().any(|ending| trimmed.ends_with(ending))
}

/// A line that looks like the title of a document.
pub fn is_title_line(line: &str) -> bool {
    let trimmed = line.trim();
    let chars = trimmed.chars().count();
    (6..=80).contains(&chars)
        && !trimmed.ends_with(['。', '：', ':', '，', ','])
        && (TITLE_ENDINGS.iter().any(|ending| trimmed.ends_with(ending)) || trimmed.starts_with("关于"))
}

/// Lines of the closing block: signature, date, effective period, distribution list.
pub fn is_closing_line(line: &str) -> bool {
    let trimmed = line.trim();
    is_date_line(trimmed)
        || is_issuer_line(trimmed)
        || (trimmed.starts_with('本') && effective_regex().is_some_and(|re| re.is_match(trimmed)))
        || ["抄送", "公开方式", "相关稿件", "附件", "（此件", "(此件"].iter().any(|p| trimmed.starts_with(p))
}

/// Read metadata from the text and its outline.
pub fn extract(text: &CharText, sections: &[Section]) -> Metadata {
    let chars = text.chars();
    let lines: Vec<String> = split_lines(&chars)
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| chars[l.content_start..l.content_end].iter().collect())
        .collect();
    let head: Vec<&String> = lines.iter().take(8).collect();

    let doc_number =
        head.iter().find(|l| doc_number_regex().is_some_and(|re| re.is_match(l.trim()))).map(|l| l.trim().to_string());
    let enclosed_title = sections
        .iter()
        .find(|s| s.kind == SectionKind::EnclosedTitle)
        .map(|s| s.title.trim().to_string())
        .filter(|t| !t.is_empty());
    let title = enclosed_title.or_else(|| head.iter().find(|l| is_title_line(l)).map(|l| l.trim().to_string()));

    // The signature: an issuer line followed by a date line, at the end or closing the cover notice.
    let mut issuer = None;
    let mut date = None;
    for window in lines.windows(2) {
        if is_issuer_line(&window[0]) && is_date_line(&window[1]) {
            issuer = Some(window[0].trim().to_string());
            date = parse_date(&window[1]);
            break;
        }
    }
    if date.is_none() {
        date = lines.iter().rev().take(4).find(|l| is_date_line(l)).and_then(|l| parse_date(l));
    }
    if issuer.is_none()
        && let Some(title) = &title
        && let Some(at) = title.find("关于")
    {
        let prefix = &title[..at];
        if ISSUER_ENDINGS.iter().any(|ending| prefix.ends_with(ending)) && prefix.chars().count() >= 3 {
            issuer = Some(prefix.to_string());
        }
    }

    let effective = effective_regex().and_then(|re| re.find(text.as_str())).map(|m| m.as_str().to_string());
    // Without a signature date, the start of the effective period or the year of the 文号 is the
    // best evidence of when the document was issued.
    if date.is_none() {
        date = effective.as_deref().and_then(parse_date);
    }
    if date.is_none()
        && let Some(number) = &doc_number
        && let Some(captures) = doc_number_regex().and_then(|re| re.captures(number))
    {
        date = captures.get(1).map(|m| m.as_str().to_string());
    }
    Metadata { title, doc_number, issuer, date, effective }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_numeral_systems() {
        assert_eq!(parse_date("2012年12月25日").as_deref(), Some("2012-12-25"));
        assert_eq!(parse_date("2014 年 9 月 21 日").as_deref(), Some("2014-09-21"));
        assert_eq!(parse_date("二〇一二年十二月二十五日").as_deref(), Some("2012-12-25"));
        assert!(is_date_line("　　2012年12月25日"));
        assert!(!is_date_line("到2015年12月25日前完成"));
    }

    #[test]
    fn doc_numbers_with_bracket_variants() {
        for number in ["粤府办〔2012〕131号", "穗府办[2014]54号", "咸政办发〔2014〕47号", "国发（2015）24号"]
        {
            assert!(doc_number_regex().unwrap().is_match(number), "{number}");
        }
        assert!(!doc_number_regex().unwrap().is_match("（国发〔2012〕39号）"));
    }

    #[test]
    fn issuer_and_title_lines() {
        assert!(is_issuer_line("广东省人民政府办公厅"));
        assert!(!is_issuer_line("各地级以上市人民政府，各县（市、区）人民政府"));
        assert!(is_title_line("贵州省关于加快发展电子商务的指导意见"));
        assert!(!is_title_line("为深入贯彻落实党的十八大精神，现提出以下意见。"));
    }
}
