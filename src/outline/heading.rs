//! Recognising one line as a 公文 heading: its number, kind and (run-in) title.

use super::numerals::{circled_value, is_chinese_numeral_char, parse_chinese_number};
use crate::model::SectionKind;

/// Longest run-in title (chars before the first 。) still read as a heading. Longer first sentences
/// belong to untitled numbered list items such as Guizhou's 「1、鼓励本地独立电子商务交易服务平台…」.
pub const MAX_RUN_IN_TITLE: usize = 36;
/// Longest heading line without a full stop (「一、总体要求」, 「(一)完善电子商务发展支撑体系」).
pub const MAX_BARE_TITLE: usize = 40;

/// A heading found at the start of a line. Offsets are chars relative to the line's first
/// non-blank char.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingMatch {
    /// Numbering kind.
    pub kind: SectionKind,
    /// Number as written, e.g. "（二十二）", "1. ".
    pub number: String,
    /// Value of the number.
    pub ordinal: Option<u32>,
    /// Chars taken by the number (and any blanks after it).
    pub number_len: usize,
    /// Title text without number or final punctuation.
    pub title: String,
    /// Chars from the line start to the end of the title.
    pub heading_len: usize,
    /// Chars from the line start to where the body text starts (after 。 or ：).
    pub body_start: usize,
}

/// Recognise a heading at the start of `line` (already stripped of leading blanks).
pub fn match_heading(line: &[char]) -> Option<HeadingMatch> {
    let (kind, number_end, ordinal) = match_number(line)?;
    let mut title_start = number_end;
    while title_start < line.len() && is_blank(line[title_start]) {
        title_start += 1;
    }
    let number: String = line[..number_end].iter().collect();
    if matches!(kind, SectionKind::Article) {
        // Articles (第一条) carry no title: everything after the number is body.
        return Some(HeadingMatch {
            kind,
            number,
            ordinal,
            number_len: title_start,
            title: String::new(),
            heading_len: number_end,
            body_start: title_start,
        });
    }
    let rest = &line[title_start..];
    let (title_len, body_offset) = split_run_in_title(rest, kind)?;
    let title: String = rest[..title_len].iter().collect::<String>().trim_end().to_string();
    if !title.is_empty() && !title.chars().any(|c| c.is_alphanumeric()) {
        return None;
    }
    Some(HeadingMatch {
        kind,
        number,
        ordinal,
        number_len: title_start,
        heading_len: title_start + title_len,
        title,
        body_start: title_start + body_offset,
    })
}

/// Split the text after a number into (title length, body offset), or `None` if the line is an
/// untitled list item rather than a heading.
fn split_run_in_title(rest: &[char], kind: SectionKind) -> Option<(usize, usize)> {
    if matches!(kind, SectionKind::Chapter) {
        let len = trim_end_len(rest);
        return Some((len, rest.len()));
    }
    let full_stop = rest.iter().position(|&c| matches!(c, '。'));
    let colon = rest.iter().position(|&c| matches!(c, '：' | ':'));
    if let Some(colon) = colon
        && colon <= 20
        && full_stop.is_none_or(|stop| colon < stop)
        && colon > 0
    {
        return Some((colon, colon + 1));
    }
    match full_stop {
        Some(stop) if stop <= MAX_RUN_IN_TITLE && stop > 0 => Some((stop, stop + 1)),
        Some(_) => None,
        None => {
            let len = trim_end_len(rest);
            // A bare line ending in a comma or semicolon is the start of a sentence, not a title.
            let ends_open = len > 0 && matches!(rest[len - 1], '，' | ',' | '；' | ';' | '、');
            (len <= MAX_BARE_TITLE && !ends_open).then_some((strip_trailing_punct(&rest[..len]), len))
        }
    }
}

/// Length without trailing blanks.
fn trim_end_len(chars: &[char]) -> usize {
    let mut len = chars.len();
    while len > 0 && is_blank(chars[len - 1]) {
        len -= 1;
    }
    len
}

/// Length without trailing blanks and sentence punctuation.
fn strip_trailing_punct(chars: &[char]) -> usize {
    let mut len = chars.len();
    while len > 0 && (is_blank(chars[len - 1]) || matches!(chars[len - 1], '。' | '．' | '.' | '：' | ':' | '；' | ';'))
    {
        len -= 1;
    }
    len
}

/// Blank chars that indent 公文 lines.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{3000}' | '\u{00A0}' | '\u{FEFF}')
}

fn is_open_bracket(c: char) -> bool {
    matches!(c, '（' | '(')
}

fn is_close_bracket(c: char) -> bool {
    matches!(c, '）' | ')')
}

fn ascii_digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Recognise the number at the start of a line: kind, end of the number, its value.
fn match_number(line: &[char]) -> Option<(SectionKind, usize, Option<u32>)> {
    let first = *line.first()?;
    if first == '第' {
        return match_regulation_number(line);
    }
    if let Some(value) = circled_value(first) {
        return Some((SectionKind::Circled, 1, Some(value)));
    }
    if is_open_bracket(first) {
        let inner_end = line.iter().skip(1).position(|&c| is_close_bracket(c))? + 1;
        let inner = &line[1..inner_end];
        if inner.is_empty() || inner.len() > 4 {
            return None;
        }
        if inner.iter().all(|&c| is_chinese_numeral_char(c)) {
            let value = parse_chinese_number(&inner.iter().collect::<String>())?;
            return Some((SectionKind::Subpart, inner_end + 1, Some(value)));
        }
        if inner.iter().all(|&c| ascii_digit_value(c).is_some()) {
            let value = digits_value(inner)?;
            return Some((SectionKind::Subitem, inner_end + 1, Some(value)));
        }
        return None;
    }
    if is_chinese_numeral_char(first) {
        let run = line.iter().take_while(|&&c| is_chinese_numeral_char(c)).count();
        if run > 4 || line.get(run) != Some(&'、') {
            return None;
        }
        // 「一、二、三产业」 is an enumeration, not a heading.
        let after = &line[run + 1..];
        if after.first().is_some_and(|&c| is_chinese_numeral_char(c)) {
            return None;
        }
        let value = parse_chinese_number(&line[..run].iter().collect::<String>())?;
        return Some((SectionKind::Part, run + 1, Some(value)));
    }
    if ascii_digit_value(first).is_some() {
        let run = line.iter().take_while(|&&c| ascii_digit_value(c).is_some()).count();
        if run > 3 {
            return None;
        }
        let separator = *line.get(run)?;
        if !matches!(separator, '、' | '.' | '．') {
            return None;
        }
        // 1.5亿元 is a number, not a heading.
        if line.get(run + 1).is_some_and(|&c| ascii_digit_value(c).is_some()) {
            return None;
        }
        return Some((SectionKind::Item, run + 1, digits_value(&line[..run])));
    }
    None
}

/// 第X章 / 第X条 (X in Chinese or Arabic numerals).
fn match_regulation_number(line: &[char]) -> Option<(SectionKind, usize, Option<u32>)> {
    let run = line[1..].iter().take_while(|&&c| is_chinese_numeral_char(c) || ascii_digit_value(c).is_some()).count();
    if run == 0 || run > 6 {
        return None;
    }
    let numeral = &line[1..1 + run];
    let value = if numeral.iter().all(|&c| ascii_digit_value(c).is_some()) {
        digits_value(numeral)
    } else {
        parse_chinese_number(&numeral.iter().collect::<String>())
    };
    let kind = match line.get(1 + run)? {
        '章' => SectionKind::Chapter,
        '条' => SectionKind::Article,
        _ => return None,
    };
    // 「第一条规定的…」 inside running text does not start at a line, but 「第三条 」 always has a
    // blank or the end of the line after it.
    let next = line.get(2 + run);
    if kind == SectionKind::Article && next.is_some_and(|&c| !is_blank(c)) {
        return None;
    }
    Some((kind, 2 + run, value))
}

fn digits_value(chars: &[char]) -> Option<u32> {
    chars.iter().try_fold(0u32, |acc, &c| Some(acc.checked_mul(10)? + ascii_digit_value(c)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(s: &str) -> Option<HeadingMatch> {
        match_heading(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn run_in_heading_with_body() {
        let h = heading("（二十二）强化财政支持。省财政安排专项资金").unwrap();
        assert_eq!(h.kind, SectionKind::Subpart);
        assert_eq!(h.number, "（二十二）");
        assert_eq!(h.ordinal, Some(22));
        assert_eq!(h.title, "强化财政支持");
        assert_eq!(h.heading_len, 11);
        assert_eq!(h.body_start, 12);
    }

    #[test]
    fn heading_lines_without_body() {
        assert_eq!(heading("(二)基本原则。").unwrap().title, "基本原则");
        assert_eq!(heading("一、总体要求").unwrap().title, "总体要求");
        assert_eq!(heading("(一)完善电子商务发展支撑体系").unwrap().kind, SectionKind::Subpart);
        assert_eq!(heading("第三章 财政支持").unwrap().title, "财政支持");
    }

    #[test]
    fn titles_may_contain_commas() {
        let h = heading("2、完善电子商务信用服务体系，强化电子商务数据安全保障与信息共享。支持信用调查").unwrap();
        assert_eq!(h.title, "完善电子商务信用服务体系，强化电子商务数据安全保障与信息共享");
        assert_eq!(h.kind, SectionKind::Item);
        let h = heading("1. 加快建设电子商务产业集聚区。强化").unwrap();
        assert_eq!(h.number, "1.");
        assert_eq!(h.title, "加快建设电子商务产业集聚区");
    }

    #[test]
    fn not_headings() {
        assert!(heading("1.5亿元用于").is_none());
        assert!(heading("一、二、三产业深度融合").is_none());
        assert!(heading("———积极推动,创新发展。").is_none());
        assert!(
            heading("1、鼓励本地独立电子商务交易服务平台、技术服务平台、中介服务平台的发展，培育一批具有行业影响力，提供电子商务咨询、营销、资讯、法律、信息技术、人力资源等专业服务的电子商务服务企业。").is_none()
        );
        assert!(heading("(国发〔2012〕39号)").is_none());
        assert!(heading("2014年9月21日").is_none());
    }
}
