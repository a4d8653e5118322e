//! Metadata written in the text: title, document number (文号), issuer, dates, effective period.
//!
//! Every date is kept with its kind ([`DateKind`]): a regulation's header 「2021年7月27日 德州市…
//! 常务委员会第四十二次会议通过」「2021年9月30日 山东省…批准」, a State Council 条例's 「…国务院令第722号
//! 公布」「2020年1月1日 施行」, a 公文's signature date (成文), its 版记 「…印发」, labelled fields
//! (成文日期：, 发布时间：2014-03-15), the effective clause and the 文号 year. The date used for
//! direction is chosen by [`Metadata::choose_date`]. The issuer is the signature, else the body that
//! adopted or promulgated the text (from the header), else a labelled 发文机关, else the title prefix.

use std::sync::OnceLock;

use regex::Regex;

use super::lines::split_lines;
use super::numerals::parse_chinese_number;
use crate::model::{DateKind, DatedEvent, Metadata, PolicyDate, Section, SectionKind};
use crate::text::CharText;

/// Words that end the title of a policy document.
const TITLE_ENDINGS: &[&str] = &[
    "意见", "方案", "通知", "办法", "规定", "决定", "细则", "规划", "纲要", "条例", "措施", "计划", "通告", "公告",
    "批复", "报告", "指引", "要点", "预算", "决算", "公报", "规则", "指南", "章程", "制度", "清单", "标准",
];

/// Words that end the name of an issuing body.
const ISSUER_ENDINGS: &[&str] = &[
    "人民政府办公厅",
    "人民政府办公室",
    "人民政府",
    "办公厅",
    "办公室",
    "委员会",
    "人民代表大会",
    "国务院",
    "办事处",
    "厅",
    "局",
    "部",
    "委",
];

/// Lines at the start of a document searched for header dates (before the first heading).
const HEAD_LINES: usize = 16;

/// Lines at the end searched for the signature and the 版记 「…印发」 line.
const TAIL_LINES: usize = 10;

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

/// A line holding nothing but a date (the signature date of a 公文).
pub fn is_date_line(line: &str) -> bool {
    let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    date_regex().and_then(|re| re.find(trimmed)).is_some_and(|m| m.start() == 0 && m.end() == trimmed.len())
}

/// A line holding only an issuing body, e.g. 广东省人民政府办公厅.
pub fn is_issuer_line(line: &str) -> bool {
    let trimmed = line.trim();
    let chars = trimmed.chars().count();
    ((4..=30).contains(&chars) || trimmed == "国务院")
        && trimmed.chars().all(|c| !crate::segment::normalize::is_punctuation(c) || c == '、')
        && ISSUER_ENDINGS.iter().any(|ending| trimmed.ends_with(ending))
}

/// A line that looks like the title of a document.
pub fn is_title_line(line: &str) -> bool {
    let trimmed = line.trim();
    let chars = trimmed.chars().count();
    (6..=80).contains(&chars)
        && !trimmed.ends_with(['。', '：', ':', '，', ','])
        && (TITLE_ENDINGS.iter().any(|ending| trimmed.ends_with(ending))
            || trimmed.starts_with("关于")
            // National laws: 「中华人民共和国建筑法」.
            || (trimmed.starts_with("中华人民共和国") && trimmed.ends_with('法')))
}

/// A line of a document's header that is furniture, not provision: the title, a 文号, an issuing
/// body, a 国务院令 number, or a dated line of the adoption record (「2014年9月23日 济南市…会议通过」,
/// 「（2016年12月23日…批准）」, 「2003年9月1日 施行」). Two regulations of one family have headers
/// of the same form; their likeness is not copying.
pub fn is_header_line(line: &str) -> bool {
    let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if trimmed.is_empty() {
        return false;
    }
    let unbracketed = trimmed.trim_start_matches(['（', '(']);
    let dated = date_regex().and_then(|re| re.find(unbracketed)).is_some_and(|m| m.start() == 0)
        || iso_date_regex().and_then(|re| re.find(unbracketed)).is_some_and(|m| m.start() == 0);
    let short = trimmed.chars().count() <= 160;
    is_title_line(trimmed)
        || is_issuer_line(trimmed)
        || doc_number_regex().is_some_and(|re| re.is_match(trimmed))
        || (short && trimmed.contains("令") && trimmed.contains('第') && trimmed.ends_with('号'))
        || (short && dated && !trimmed.ends_with('。'))
}

/// Lines of the closing block: signature, date, effective period, distribution list.
pub fn is_closing_line(line: &str) -> bool {
    let trimmed = line.trim();
    is_date_line(trimmed)
        || is_issuer_line(trimmed)
        || (trimmed.starts_with('本') && effective_regex().is_some_and(|re| re.is_match(trimmed)))
        || ["抄送", "公开方式", "相关稿件", "附件", "（此件", "(此件"].iter().any(|p| trimmed.starts_with(p))
}

fn iso_date_regex() -> Option<&'static Regex> {
    static CELL: OnceLock<Option<Regex>> = OnceLock::new();
    regex(&CELL, r"(?:^|[^0-9])([12][0-9]{3})\s*[-/.．]\s*([0-9]{1,2})\s*[-/.．]\s*([0-9]{1,2})(?:[^0-9]|$)")
}

fn labelled_date_regex() -> Option<&'static Regex> {
    static CELL: OnceLock<Option<Regex>> = OnceLock::new();
    regex(
        &CELL,
        r"(成文日期|成文时间|发文日期|印发日期|公布日期|发布日期|发布时间|施行日期|生效日期|实施日期)\s*[:：]?\s*",
    )
}

/// Convert a date written as 2012年12月25日 or 二〇一二年十二月二十五日 to ISO `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<String> {
    parse_policy_date(text).map(|d| d.iso())
}

/// The first full date in `text` (Chinese 2012年12月25日 / 二〇一二年十二月二十五日, or 2014-03-15).
pub fn parse_policy_date(text: &str) -> Option<PolicyDate> {
    dates_in(text).into_iter().next().map(|(_, _, date)| date)
}

/// Every full date in `text`: (byte start, byte end, date), in order.
pub fn dates_in(text: &str) -> Vec<(usize, usize, PolicyDate)> {
    let mut found = Vec::new();
    if let Some(re) = date_regex() {
        for captures in re.captures_iter(text) {
            let (Some(all), Some(y), Some(m), Some(d)) =
                (captures.get(0), captures.get(1), captures.get(2), captures.get(3))
            else {
                continue;
            };
            if let Some(date) = make_date(number(y.as_str()), number(m.as_str()), number(d.as_str())) {
                found.push((all.start(), all.end(), date));
            }
        }
    }
    if let Some(re) = iso_date_regex() {
        for captures in re.captures_iter(text) {
            let (Some(y), Some(m), Some(d)) = (captures.get(1), captures.get(2), captures.get(3)) else { continue };
            if found.iter().any(|(s, e, _)| y.start() < *e && d.end() > *s) {
                continue;
            }
            if let Some(date) = make_date(number(y.as_str()), number(m.as_str()), number(d.as_str())) {
                found.push((y.start(), d.end(), date));
            }
        }
    }
    found.sort_by_key(|(start, _, _)| *start);
    found
}

/// A number written in ASCII, full-width or Chinese digits.
fn number(s: &str) -> Option<u32> {
    let folded: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    folded.parse().ok().or_else(|| parse_chinese_number(&folded))
}

fn make_date(year: Option<u32>, month: Option<u32>, day: Option<u32>) -> Option<PolicyDate> {
    let (year, month, day) = (year?, month?, day?);
    ((1000..=9999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day)).then(|| PolicyDate {
        year: i32::try_from(year).unwrap_or(0),
        month: u8::try_from(month).ok(),
        day: u8::try_from(day).ok(),
    })
}

/// The kind of a header date from the words after it, and the body that acted (the words before the
/// kind word, without 第X届 / 第X次会议 / 令第X号).
fn classify_clause(clause: &str) -> Option<(DateKind, Option<String>)> {
    // Order matters: 「修订通过」 is an amendment, 「公布施行」 a promulgation.
    const WORDS: &[(&str, DateKind)] = &[
        ("批准", DateKind::Approved),
        ("修正", DateKind::Amended),
        ("修订", DateKind::Amended),
        ("修改", DateKind::Amended),
        ("通过", DateKind::Adopted),
        ("公布", DateKind::Promulgated),
        ("发布", DateKind::Promulgated),
        ("印发", DateKind::Issued),
        ("施行", DateKind::Effective),
        ("实施", DateKind::Effective),
        ("生效", DateKind::Effective),
    ];
    let (at, kind) =
        WORDS.iter().filter_map(|(word, kind)| clause.find(word).map(|at| (at, *kind))).min_by_key(|(at, kind)| {
            // The first word wins, except that 修订/修正 before 通过 names the act.
            (*at, *kind != DateKind::Amended)
        })?;
    Some((kind, acting_body(&clause[..at])))
}

/// 「德州市第十八届人民代表大会常务委员会第四十二次会议」 → 「德州市人民代表大会常务委员会」,
/// 「国务院第66次常务会议」 → 「国务院」, 「中华人民共和国国务院令第722号」 → 「国务院」.
pub fn acting_body(words: &str) -> Option<String> {
    static CELL: OnceLock<Option<Regex>> = OnceLock::new();
    let ordinal = regex(&CELL, r"第[0-9０-９一二三四五六七八九十百零〇]+(?:届|次|号)")?;
    let mut body = ordinal.replace_all(words.trim(), "").to_string();
    for tail in ["全体会议", "常务会议", "会议", "令", "根据", "由", "经"] {
        if let Some(stripped) = body.strip_suffix(tail) {
            body = stripped.to_string();
        }
    }
    let body = body.trim_matches(|c: char| c.is_whitespace() || "（）()，,、。:：".contains(c));
    let body = body.strip_prefix("中华人民共和国").filter(|b| b.starts_with("国务院")).unwrap_or(body);
    let chars = body.chars().count();
    ((2..=30).contains(&chars) && body.chars().all(|c| !crate::segment::normalize::is_punctuation(c) || c == '、'))
        .then(|| body.to_string())
}

/// Header dates: each date in the lines before the first heading, with the kind the words after it
/// give (up to the next date or the end of the line).
fn header_dates(head: &[&str]) -> Vec<DatedEvent> {
    let mut events = Vec::new();
    for line in head {
        let found = dates_in(line);
        for (i, (_, end, date)) in found.iter().enumerate() {
            let clause_end = found.get(i + 1).map_or(line.len(), |next| next.0);
            let clause = &line[*end..clause_end.max(*end)];
            // A title or sentence that merely mentions a date is not a header line.
            if clause.chars().count() > 60 {
                continue;
            }
            if let Some((kind, by)) = classify_clause(clause) {
                events.push(DatedEvent { kind, date: *date, by });
            }
        }
    }
    events
}

/// Labelled dates: 「成文日期：2014年3月15日」, 「发布时间：2014-03-15」.
fn labelled_dates(lines: &[&str]) -> Vec<DatedEvent> {
    let Some(re) = labelled_date_regex() else { return Vec::new() };
    let mut events = Vec::new();
    for line in lines {
        for captures in re.captures_iter(line) {
            let (Some(label), Some(all)) = (captures.get(1), captures.get(0)) else { continue };
            let Some((start, _, date)) = dates_in(&line[all.end()..]).into_iter().next() else { continue };
            if start > 3 {
                continue;
            }
            let kind = match label.as_str() {
                "成文日期" | "成文时间" | "发文日期" => DateKind::Written,
                "印发日期" => DateKind::Issued,
                "公布日期" => DateKind::Promulgated,
                "发布日期" | "发布时间" => DateKind::Published,
                _ => DateKind::Effective,
            };
            events.push(DatedEvent { kind, date, by: None });
        }
    }
    events
}

/// A labelled issuer: 「发文机关：…」, 「发布机构：…」, or a 「来源：」 that names a government body.
fn labelled_issuer(lines: &[&str]) -> Option<String> {
    for line in lines {
        for label in
            ["发文机关", "发文单位", "发布机构", "发布单位", "制定机关", "预算主管部门", "主管部门", "信息来源", "来源"]
        {
            let Some(at) = line.find(label) else { continue };
            let rest = line[at + label.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
            let value: String = rest.chars().take_while(|c| !c.is_whitespace() && !"，,；;|".contains(*c)).collect();
            if ISSUER_ENDINGS.iter().any(|e| value.ends_with(e)) && (3..=30).contains(&value.chars().count()) {
                return Some(value);
            }
        }
    }
    None
}

/// A title set on two lines, as on cover pages: 「上海市XX局」 then 「2024年度部门决算」. Only the first
/// lines are tried, and only a first line that cannot end a sentence.
fn two_line_title(head: &[&String]) -> Option<String> {
    head.windows(2).take(3).find_map(|pair| {
        let (first, second) = (pair[0].trim(), pair[1].trim());
        let joined = format!("{first}{second}");
        let first_ok = first.chars().count() <= 30 && !first.ends_with(['。', '：', ':', '，', ',', '；']);
        (first_ok && is_title_line(&joined) && !is_title_line(first)).then_some(joined)
    })
}

/// The year in a title such as 「上海市普陀区2025年区级部门预算」 or 「2024年度部门决算」.
fn title_year(title: &str) -> Option<i32> {
    static CELL: OnceLock<Option<Regex>> = OnceLock::new();
    let re = regex(&CELL, r"((?:19|20)[0-9]{2})\s*年")?;
    re.captures(title)?.get(1)?.as_str().parse().ok()
}

/// Read metadata from the text and its outline.
pub fn extract(text: &CharText, sections: &[Section]) -> Metadata {
    let chars = text.chars();
    let all_lines = split_lines(&chars);
    // The header ends at the first numbered heading (a regulation's dates come before 第一章/第一条).
    let first_heading = sections.iter().find(|s| s.level > 0).map_or(usize::MAX, |s| s.heading.start);
    let head_lines: Vec<String> = all_lines
        .iter()
        .filter(|l| !l.is_blank() && l.content_start < first_heading)
        .take(HEAD_LINES)
        .map(|l| chars[l.content_start..l.content_end].iter().collect())
        .collect();
    let lines: Vec<String> = all_lines
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
    let title = enclosed_title
        .or_else(|| head.iter().find(|l| is_title_line(l)).map(|l| l.trim().to_string()))
        .or_else(|| two_line_title(&head));

    let mut dates: Vec<DatedEvent> = Vec::new();
    let head_refs: Vec<&str> = head_lines.iter().map(String::as_str).collect();
    dates.extend(header_dates(&head_refs));
    let tail_start = lines.len().saturating_sub(TAIL_LINES);
    let edges: Vec<&str> = lines
        .iter()
        .take(HEAD_LINES)
        .chain(lines.iter().skip(tail_start.max(HEAD_LINES)))
        .map(String::as_str)
        .collect();
    dates.extend(labelled_dates(&edges));

    // The signature: an issuer line followed by a date line, at the end or closing the cover notice.
    let mut issuer = None;
    let mut signed = None;
    for window in lines.windows(2) {
        if is_issuer_line(&window[0]) && is_date_line(&window[1]) {
            issuer = Some(window[0].trim().to_string());
            signed = parse_policy_date(&window[1]);
            break;
        }
    }
    if signed.is_none() {
        signed = lines.iter().rev().take(4).find(|l| is_date_line(l)).and_then(|l| parse_policy_date(l));
    }
    if let Some(date) = signed {
        dates.push(DatedEvent { kind: DateKind::Written, date, by: issuer.clone() });
    }
    // The 版记: 「广东省人民政府办公厅　2012年12月28日印发」.
    for line in &lines[tail_start..] {
        if line.trim_end().ends_with("印发")
            && let Some((start, _, date)) = dates_in(line).into_iter().next()
        {
            let by = acting_body(&line[..start]);
            dates.push(DatedEvent { kind: DateKind::Issued, date, by });
        }
    }
    // A header body that adopted or promulgated the text is its issuer.
    if issuer.is_none() {
        issuer = [DateKind::Adopted, DateKind::Promulgated, DateKind::Issued]
            .iter()
            .find_map(|kind| dates.iter().find(|e| e.kind == *kind).and_then(|e| e.by.clone()));
    }
    if issuer.is_none() {
        issuer = labelled_issuer(&edges);
    }
    // A cover page: the issuing body on the line above the title.
    if issuer.is_none()
        && let Some(title) = &title
        && let Some(at) = head.iter().position(|l| l.trim() == title.as_str())
        && at > 0
        && is_issuer_line(head[at - 1])
    {
        issuer = Some(head[at - 1].trim().to_string());
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
    if let Some(date) = effective.as_deref().and_then(parse_policy_date) {
        dates.push(DatedEvent { kind: DateKind::Effective, date, by: None });
    }
    if let Some(number) = &doc_number
        && let Some(year) = doc_number_regex()
            .and_then(|re| re.captures(number))
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok())
    {
        dates.push(DatedEvent {
            kind: DateKind::NumberYear,
            date: PolicyDate { year, month: None, day: None },
            by: None,
        });
    }
    if let Some(year) = title.as_deref().and_then(title_year) {
        dates.push(DatedEvent {
            kind: DateKind::TitleYear,
            date: PolicyDate { year, month: None, day: None },
            by: None,
        });
    }
    // The same date and kind found twice (header and labelled field) is one fact.
    let mut unique: Vec<DatedEvent> = Vec::new();
    for event in dates {
        match unique.iter_mut().find(|e| e.kind == event.kind && e.date == event.date) {
            Some(existing) => {
                if existing.by.is_none() {
                    existing.by = event.by;
                }
            }
            None => unique.push(event),
        }
    }
    let mut metadata = Metadata { title, doc_number, issuer, date: None, effective, dates: unique, date_kind: None };
    metadata.choose_date();
    metadata
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
    fn header_clauses_give_kind_and_acting_body() {
        let head = [
            "（二〇二一年七月二十七日德州市第十八届人民代表大会常务委员会第四十二次会议通过　2021年9月30日山东省第十三届人民代表大会常务委员会第三十次会议批准）",
            "2019年10月22日 中华人民共和国国务院令第722号公布",
            "根据2019年4月23日第十三届全国人民代表大会常务委员会第十次会议修正",
            "2020年1月1日 施行",
        ];
        let events = header_dates(&head);
        let summary: Vec<(DateKind, String, Option<&str>)> =
            events.iter().map(|e| (e.kind, e.date.iso(), e.by.as_deref())).collect();
        assert_eq!(
            summary,
            vec![
                (DateKind::Adopted, "2021-07-27".to_string(), Some("德州市人民代表大会常务委员会")),
                (DateKind::Approved, "2021-09-30".to_string(), Some("山东省人民代表大会常务委员会")),
                (DateKind::Promulgated, "2019-10-22".to_string(), Some("国务院")),
                (DateKind::Amended, "2019-04-23".to_string(), Some("全国人民代表大会常务委员会")),
                (DateKind::Effective, "2020-01-01".to_string(), None),
            ]
        );
        // A sentence that mentions a date is not a header clause.
        assert!(header_dates(&["到2015年12月31日，全省电子商务交易额突破两万亿元，网络零售额占社会消费品零售总额的比重明显提高，形成一批具有国际影响力的电子商务企业和知名品牌。"]).is_empty());
    }

    #[test]
    fn iso_and_labelled_dates() {
        assert_eq!(parse_date("发布时间：2014-03-15 10:30").as_deref(), Some("2014-03-15"));
        assert_eq!(parse_date("2014/3/5").as_deref(), Some("2014-03-05"));
        assert_eq!(parse_date("电话 0755-2014-1234"), None);
        let events = labelled_dates(&["成文日期：2019年08月01日　发布日期：2019-08-08"]);
        let kinds: Vec<(DateKind, String)> = events.iter().map(|e| (e.kind, e.date.iso())).collect();
        assert_eq!(
            kinds,
            vec![(DateKind::Written, "2019-08-01".to_string()), (DateKind::Published, "2019-08-08".to_string())]
        );
    }

    #[test]
    fn issuer_and_title_lines() {
        assert!(is_issuer_line("广东省人民政府办公厅"));
        assert!(!is_issuer_line("各地级以上市人民政府，各县（市、区）人民政府"));
        assert!(is_title_line("贵州省关于加快发展电子商务的指导意见"));
        assert!(!is_title_line("为深入贯彻落实党的十八大精神，现提出以下意见。"));
    }
}
