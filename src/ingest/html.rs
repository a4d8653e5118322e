//! HTML pages (typically government sites): decode, keep the article body, drop navigation and footers.
//!
//! Metadata the page states outside the article: `<meta name="ArticleTitle">`, `PubDate` (a
//! publication date, [`DateKind::Published`]) and `ContentSource` (the issuer, when it names a body),
//! as many government sites emit them. Page furniture lines inside the chosen block (「浏览次数：12」
//! 「【字体：大 中 小】」「打印本页」「关闭窗口」「分享到：」 and the 「发布时间：… 来源：…」 line, whose
//! date and source are kept as metadata) are removed, with a warning saying how many.
//!
//! Decoding: BOM, then `<meta charset>` / `http-equiv content-type`, then detection. The main block is
//! the container holding the most CJK text directly (link text not counted), widened to its ancestors
//! while they add little (the title and date above the body); page furniture is dropped by tag
//! (nav, header, footer, aside, script, …) and by id/class names (nav, menu, footer, breadcrumb, …).

use std::path::Path;

use scraper::{ElementRef, Html, Node};

use std::sync::OnceLock;

use regex::Regex;

use super::encoding::{self, DecodedText};
use crate::error::IngestError;
use crate::model::{DateKind, DatedEvent, Decoded, Format, Metadata, PolicyDate};

/// Lines longer than this are article text, never furniture (chars).
const MAX_FURNITURE_LINE_CHARS: usize = 120;

/// Tags whose content is never article text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "iframe", "select", "option", "button",
    "template", "svg", "canvas", "form", "head", "title", "object", "embed", "map",
];

/// id/class fragments that mark page furniture on government sites.
const JUNK_FRAGMENTS: &[&str] =
    &["nav", "menu", "footer", "header", "breadcrumb", "crumb", "share", "sidebar", "copyright", "toolbar"];

/// Whole id/class tokens that mark page furniture (too short to match as fragments).
const JUNK_TOKENS: &[&str] =
    &["foot", "top", "bottom", "side", "head", "links", "position", "location", "dqwz", "fenxiang", "print"];

/// id/class names of article bodies; an element containing one is never dropped as furniture.
const CONTENT_MARKERS: &[&str] =
    &["zoom", "trs_editor", "article", "content", "ucap-content", "main-text", "pages_content"];

/// Block-level tags: each starts a new line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "tbody",
    "thead",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "center",
    "hr",
    "address",
    "figure",
    "figcaption",
    "caption",
    "body",
    "html",
];

/// Tags that can hold an article body (text density is measured on these).
const CONTAINER_TAGS: &[&str] = &["div", "article", "section", "main", "td", "body", "center", "blockquote"];

/// How much an ancestor may add to the chosen block and still be taken (title, date, source line).
const WIDEN_FACTOR: f64 = 1.3;

/// What an ancestor may add in any case (CJK chars): a title and a date line above a short article.
const WIDEN_ABSOLUTE: usize = 80;

/// Read an HTML page: its article text and the metadata of its `<meta>` tags and furniture lines.
pub fn read(path: &Path, bytes: &[u8]) -> Result<(Decoded, Metadata), IngestError> {
    let decoded = decode_page(bytes);
    let document = Html::parse_document(&decoded.text);
    let root = document.root_element();
    let body = scraper::Selector::parse("body").ok().and_then(|s| document.select(&s).next()).unwrap_or(root);
    let main = main_block(body);
    let mut lines = Vec::new();
    let mut current = String::new();
    render(main, &mut lines, &mut current, false, 0);
    flush(&mut lines, &mut current);
    let mut metadata = meta_tags(&document);
    let mut warnings = decoded.warnings;
    let before = lines.len();
    lines.retain(|line| !is_furniture(line, &mut metadata));
    let dropped = before - lines.len();
    if dropped > 0 {
        warnings.push(format!(
            "{dropped} line(s) of page furniture dropped (view counts, font size, print/close/share links, \
             publication line)"
        ));
    }
    let text = lines.join("\n");
    if text.trim().is_empty() {
        return Err(IngestError::Empty { path: path.to_path_buf() });
    }
    Ok((Decoded { text, format: Format::Html, encoding: decoded.encoding.to_string(), warnings }, metadata))
}

/// The `<meta>` tags government sites fill: ArticleTitle, PubDate, ContentSource.
fn meta_tags(document: &Html) -> Metadata {
    let mut metadata = Metadata::default();
    let Ok(selector) = scraper::Selector::parse("meta[name][content]") else { return metadata };
    for element in document.select(&selector) {
        let (Some(name), Some(content)) = (element.value().attr("name"), element.value().attr("content")) else {
            continue;
        };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        match name.to_ascii_lowercase().as_str() {
            "articletitle" if metadata.title.is_none() => metadata.title = Some(content.to_string()),
            "pubdate" | "publishdate" | "firstpublishedtime" => {
                if let Some(date) = date_in(content) {
                    metadata.dates.push(DatedEvent { kind: DateKind::Published, date, by: None });
                }
            }
            "contentsource" if metadata.issuer.is_none() && crate::outline::metadata::is_issuer_line(content) => {
                metadata.issuer = Some(content.to_string());
            }
            _ => {}
        }
    }
    metadata
}

/// The first date in `text`, ISO (2014-03-15 10:00) or Chinese.
fn date_in(text: &str) -> Option<PolicyDate> {
    crate::outline::metadata::parse_policy_date(text)
}

/// Pieces of page furniture: counters, font-size switches, print/close/share links, the
/// publication line's labels with their values.
fn furniture_regex() -> Option<&'static Regex> {
    static CELL: OnceLock<Option<Regex>> = OnceLock::new();
    CELL.get_or_init(|| {
        Regex::new(concat!(
            r"(?:浏览次数|浏览量|阅读次数|阅读量|点击数|点击量|访问量|访问次数|浏览)\s*[:：]?\s*[0-9]*\s*次?",
            r"|【?\s*(?:字体|字号)\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?\s*】?",
            r"|[【\[]?\s*(?:打印本页|打印本文|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|纠错|返回顶部|返回|加入收藏|我要纠错|保存本页)\s*[】\]]?",
            r"|(?:分享到|分享至|扫一扫)[:：]?.*$",
            r"|(?:发布时间|发布日期|发文日期|更新时间|来源|信息来源|作者|编辑|责任编辑|文章来源|稿件来源)\s*[:：]\s*(?:[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?|[^\s　|]*)",
            r"|[|｜\s　]+"
        ))
        .ok()
    })
    .as_ref()
}

/// Whether a rendered line is page furniture; its publication date and source go to `metadata`.
fn is_furniture(line: &str, metadata: &mut Metadata) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.chars().count() > MAX_FURNITURE_LINE_CHARS {
        return false;
    }
    // Lines that only point to the neighbouring articles.
    if ["上一篇", "下一篇", "上一条", "下一条"].iter().any(|p| trimmed.starts_with(p)) {
        return true;
    }
    let Some(re) = furniture_regex() else { return false };
    let rest = re.replace_all(trimmed, "");
    let furniture = rest.chars().filter(|c| c.is_alphanumeric()).count() == 0
        // At least one real furniture word, not a line of separators.
        && trimmed.chars().any(|c| c.is_alphanumeric());
    if furniture {
        harvest_publication_line(trimmed, metadata);
    }
    furniture
}

/// The date and source of a dropped 「发布时间：… 来源：…」 line.
fn harvest_publication_line(line: &str, metadata: &mut Metadata) {
    for label in ["发布时间", "发布日期", "发文日期"] {
        if let Some(at) = line.find(label)
            && let Some(date) = date_in(&line[at..])
            && !metadata.dates.iter().any(|e| e.kind == DateKind::Published && e.date == date)
        {
            metadata.dates.push(DatedEvent { kind: DateKind::Published, date, by: None });
        }
    }
    for label in ["信息来源", "文章来源", "稿件来源", "来源"] {
        if metadata.issuer.is_none()
            && let Some(at) = line.find(label)
        {
            let value: String = line[at + label.len()..]
                .trim_start_matches([':', '：', ' ', '\u{3000}'])
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '|' && *c != '｜')
                .collect();
            if crate::outline::metadata::is_issuer_line(&value) {
                metadata.issuer = Some(value);
            }
        }
    }
}

/// Decode by BOM, declared charset, or detection.
fn decode_page(bytes: &[u8]) -> DecodedText {
    match declared_charset(bytes) {
        Some(declared) => {
            let decoded = encoding::decode_declared(bytes, declared);
            // Pages that declare UTF-8 but were saved as GBK are common; trust the bytes then.
            if !decoded.warnings.is_empty() {
                let mut detected = encoding::decode(bytes);
                if detected.warnings.is_empty() {
                    detected.warnings.push(format!(
                        "the page declares {} but is {}; read as {}",
                        decoded.encoding, detected.encoding, detected.encoding
                    ));
                    return detected;
                }
            }
            decoded
        }
        None => encoding::decode(bytes),
    }
}

/// The charset named by `<meta charset=…>`, `<meta http-equiv="Content-Type" content="…charset=…">`
/// or an XHTML prolog `<?xml … encoding="…"?>`.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head: Vec<u8> = bytes.iter().take(4096).map(u8::to_ascii_lowercase).collect();
    for (attribute, tag) in [(&b"charset"[..], &b"<meta"[..]), (b"encoding", b"<?xml")] {
        let mut from = 0;
        while let Some(at) = super::detect::find(&head[from..], attribute) {
            let start = from + at + attribute.len();
            from = start;
            // Only inside the right tag: the last '<' before must open it.
            let in_tag = head[..start].iter().rposition(|&b| b == b'<').is_some_and(|t| head[t..].starts_with(tag));
            if let Some(encoding) = in_tag.then(|| label_after(&head[start..])).flatten() {
                return Some(encoding);
            }
        }
    }
    None
}

/// The encoding named by `= "label"` at the start of `rest`.
fn label_after(rest: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let rest = rest.iter().position(|&b| b != b' ').map_or(rest, |p| &rest[p..]);
    let rest = rest.strip_prefix(b"=")?;
    let label: Vec<u8> = rest
        .iter()
        .skip_while(|&&b| b == b' ' || b == b'"' || b == b'\'')
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.' || b == b':')
        .copied()
        .collect();
    encoding_rs::Encoding::for_label(&label)
}

/// id and class tokens of an element, lower-cased.
fn name_tokens(element: ElementRef) -> Vec<String> {
    let value = element.value();
    value.id().into_iter().chain(value.classes()).map(str::to_ascii_lowercase).collect()
}

/// Page furniture: dropped tags, or id/class names that say navigation, menu, footer, …
fn is_junk(element: ElementRef) -> bool {
    let name = element.value().name();
    if DROPPED_TAGS.contains(&name) {
        return true;
    }
    if name == "body" || name == "html" {
        return false;
    }
    let tokens = name_tokens(element);
    let junk_named =
        tokens.iter().any(|t| JUNK_TOKENS.contains(&t.as_str()) || JUNK_FRAGMENTS.iter().any(|f| t.contains(f)));
    junk_named && !contains_content_marker(element)
}

/// Whether the element or a descendant is named like an article body.
fn contains_content_marker(element: ElementRef) -> bool {
    std::iter::once(element).chain(element.descendent_elements()).any(|e| {
        name_tokens(e)
            .iter()
            .any(|t| CONTENT_MARKERS.contains(&t.as_str()) && !JUNK_FRAGMENTS.iter().any(|f| t.contains(f)))
    })
}

/// CJK characters in `text`.
fn cjk_count(text: &str) -> usize {
    text.chars().filter(|c| matches!(*c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')).count()
}

/// A container with the CJK text it holds directly, and in its whole subtree (outside links / in links).
struct Candidate<'a> {
    element: ElementRef<'a>,
    direct: usize,
    text: usize,
    links: usize,
}

/// CJK counts of a subtree: outside links, inside links, what belongs to the nearest container above,
/// and the text of paragraph-like containers (no container inside, not mostly links) for it.
#[derive(Clone, Copy, Default)]
struct Measure {
    text: usize,
    links: usize,
    passed: usize,
    leaf_passed: usize,
    has_container: bool,
}

/// Measure `element`, recording every container as a candidate.
fn measure<'a>(element: ElementRef<'a>, candidates: &mut Vec<Candidate<'a>>, depth: usize) -> Measure {
    if depth > 256 || is_junk(element) {
        return Measure::default();
    }
    let name = element.value().name();
    if name == "a" {
        let links = element.text().map(cjk_count).sum();
        return Measure { links, ..Measure::default() };
    }
    let mut m = Measure::default();
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                let n = cjk_count(text);
                m.text += n;
                m.passed += n;
            }
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    let c = measure(child, candidates, depth + 1);
                    m.text += c.text;
                    m.links += c.links;
                    m.passed += c.passed;
                    m.leaf_passed += c.leaf_passed;
                    m.has_container |= c.has_container;
                }
            }
            _ => {}
        }
    }
    if CONTAINER_TAGS.contains(&name) {
        // Articles exported as one <div> per paragraph: those divs count for their parent as well.
        let score = m.passed + m.leaf_passed;
        candidates.push(Candidate { element, direct: score, text: m.text, links: m.links });
        let leaf = !m.has_container && m.links <= m.text;
        m.leaf_passed = if leaf { m.text } else { 0 };
        m.passed = 0;
        m.has_container = true;
    }
    m
}

/// The block holding the article: the container with most CJK text of its own (links not counted;
/// paragraph-like child containers included),
/// widened over ancestors that add only a little text and no more link text than plain text (a title,
/// a date line — not a list of related links).
fn main_block(body: ElementRef) -> ElementRef {
    let mut candidates = Vec::new();
    measure(body, &mut candidates, 0);
    let Some(best) = candidates.iter().filter(|c| c.direct > 0).max_by_key(|c| c.direct) else {
        return body;
    };
    let (mut chosen, mut text, mut links) = (best.element, best.text, best.links);
    let mut cursor = best.element;
    while let Some(parent) = cursor.parent().and_then(ElementRef::wrap) {
        cursor = parent;
        // Non-containers (tr, table, p wrapping a div) are looked through.
        let Some(candidate) = candidates.iter().find(|c| c.element == parent) else { continue };
        let added_text = candidate.text.saturating_sub(text);
        let added_links = candidate.links.saturating_sub(links);
        let grows_little = (candidate.text + candidate.links) as f64 <= (text + links) as f64 * WIDEN_FACTOR
            || added_text + added_links <= WIDEN_ABSOLUTE;
        if !grows_little || added_links > added_text {
            break;
        }
        (chosen, text, links) = (parent, candidate.text, candidate.links);
    }
    chosen
}

/// Append the text of `element` as lines.
fn render(element: ElementRef, lines: &mut Vec<String>, current: &mut String, pre: bool, depth: usize) {
    if depth > 256 || is_junk(element) {
        return;
    }
    let name = element.value().name();
    let block = BLOCK_TAGS.contains(&name);
    let pre = pre || name == "pre";
    if block {
        flush(lines, current);
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => push_text(current, text, pre),
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    if matches!(child.value().name(), "td" | "th") && !current.trim().is_empty() {
                        current.push(' ');
                    }
                    render(child, lines, current, pre, depth + 1);
                }
            }
            _ => {}
        }
    }
    if block {
        flush(lines, current);
    }
}

/// Add text, collapsing runs of ASCII whitespace and no-break spaces (full-width spaces are kept).
fn push_text(current: &mut String, text: &str, pre: bool) {
    if pre {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                current.push('\n');
            }
            current.push_str(line.trim_end_matches('\r'));
        }
        return;
    }
    let mut last_space = current.ends_with(' ') || current.is_empty();
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0C}' | '\u{A0}') {
            if !last_space {
                current.push(' ');
                last_space = true;
            }
        } else {
            current.push(c);
            last_space = false;
        }
    }
}

/// End the current line (if it has any text).
fn flush(lines: &mut Vec<String>, current: &mut String) {
    let line = current.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\u{A0}'));
    if !line.trim().is_empty() {
        for part in line.split('\n') {
            lines.push(part.to_string());
        }
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_variants_are_found() {
        assert_eq!(declared_charset(b"<html><head><meta charset=\"gbk\">"), Some(encoding_rs::GBK));
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />";
        assert_eq!(declared_charset(http_equiv), Some(encoding_rs::GBK));
        assert_eq!(declared_charset(b"<p>charset=gbk</p>"), None);
        assert_eq!(declared_charset(b"charset=gbk"), None);
        let prolog = b"<?xml version=\"1.0\" encoding=\"GB2312\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">";
        assert_eq!(declared_charset(prolog), Some(encoding_rs::GBK));
    }

    #[test]
    fn article_is_kept_and_furniture_dropped() {
        let page = "<html><body><div class=\"nav\"><a href=\"/\">首页</a> 政务公开 导航栏目</div>\
            <div class=\"main\"><h1>关于加快发展电子商务的意见</h1><div id=\"zoom\"><p>&nbsp;&nbsp;　　一、总体要求</p>\
            <p>　　（一）指导思想。坚持以邓小平理论为指导。</p></div></div>\
            <div id=\"footer\">主办单位：广东省人民政府办公厅 版权所有</div></body></html>";
        let decoded = read(Path::new("p.html"), page.as_bytes()).map(|(d, _)| d.text).unwrap_or_default();
        assert_eq!(
            decoded,
            "关于加快发展电子商务的意见\n　　一、总体要求\n　　（一）指导思想。坚持以邓小平理论为指导。"
        );
    }

    #[test]
    fn blocks_breaks_lists_and_rows_become_lines() {
        let page = "<html><body><div id=\"UCAP-CONTENT\"><p>一、总体要求<br>（一）指导思想 &amp;  基本原则</p>\
            <ul><li>加快发展网络零售平台</li><li>大力发展行业电子商务平台</li></ul>\
            <table><tr><td>项目</td><td>资金</td></tr><tr><td>电子商务示范</td><td>5000万元</td></tr></table>\
            <pre>第一条\n  第二条</pre></div></body></html>";
        let decoded = read(Path::new("p.html"), page.as_bytes()).map(|(d, _)| d.text).unwrap_or_default();
        assert_eq!(
            decoded,
            "一、总体要求\n（一）指导思想 & 基本原则\n加快发展网络零售平台\n大力发展行业电子商务平台\n项目 资金\n电子商务示范 5000万元\n第一条\n  第二条"
        );
    }

    #[test]
    fn an_article_of_one_div_per_paragraph_is_kept_whole() {
        let paragraphs: String = [
            "一、总体要求",
            "（一）指导思想。坚持以邓小平理论为指导，推动电子商务又好又快发展。",
            "（二）发展目标。电子商务发展水平显著提升，应用领域明显扩大。",
            "二、加快培育一批电子商务平台和网商",
        ]
        .iter()
        .map(|p| format!("<div>{p}</div>"))
        .collect();
        let page = format!(
            "<html><body><div class=\"wrap\"><div class=\"related\"><div><a href=\"/1\">广东省人民政府关于促进商贸流通业发展的若干意见</a></div>\
             <div><a href=\"/2\">关于印发电子商务示范工程实施方案的通知</a></div></div>\
             <div class=\"TRS_Editor\">{paragraphs}</div></div></body></html>"
        );
        let decoded = read(Path::new("p.html"), page.as_bytes()).map(|(d, _)| d.text).unwrap_or_default();
        assert_eq!(
            decoded,
            "一、总体要求\n（一）指导思想。坚持以邓小平理论为指导，推动电子商务又好又快发展。\n\
             （二）发展目标。电子商务发展水平显著提升，应用领域明显扩大。\n二、加快培育一批电子商务平台和网商"
        );
    }

    #[test]
    fn a_wrong_charset_declaration_is_overruled_and_reported() {
        let page = "<html><head><meta charset=\"utf-8\"></head><body><p>一、总体要求</p><p>（一）指导思想。坚持以邓小平理论为指导。</p></body></html>";
        let (gbk, _, _) = encoding_rs::GBK.encode(page);
        let decoded = read(Path::new("p.html"), &gbk);
        let decoded = decoded.as_ref().map(|(d, _)| (d.text.as_str(), d.encoding.as_str(), d.warnings.clone()));
        assert_eq!(
            decoded.ok(),
            Some((
                "一、总体要求\n（一）指导思想。坚持以邓小平理论为指导。",
                "GB18030",
                vec!["the page declares UTF-8 but is GB18030; read as GB18030".to_string()]
            ))
        );
    }
}
