//! The units a revision table has one row for: articles (第X条) of 条例/办法, numbered sections of
//! 意见/方案, with their paragraphs (款/项) for the finer notes.

use crate::model::{Document, SectionKind};
use crate::segment::normalize::{NormalizeOptions, normalize};
use crate::text::Span;

use super::{Unit, UnitLevel};

/// The units of `doc` and the level they are at: articles when the document has any, else the
/// leaves of its numbered outline (the smallest sections that carry text).
pub(crate) fn units_of(doc: &Document) -> (Vec<Unit>, UnitLevel) {
    let articles: Vec<usize> =
        doc.sections.iter().enumerate().filter(|(_, s)| s.kind == SectionKind::Article).map(|(i, _)| i).collect();
    let (indices, level) = if articles.is_empty() {
        let has_child = |i: usize| doc.sections.iter().any(|s| s.parent == Some(i));
        let leaves: Vec<usize> = doc
            .sections
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                !matches!(
                    s.kind,
                    SectionKind::Preamble | SectionKind::Closing | SectionKind::EnclosedTitle | SectionKind::Chapter
                ) && !has_child(*i)
            })
            .map(|(i, _)| i)
            .collect();
        (leaves, UnitLevel::Section)
    } else {
        (articles, UnitLevel::Article)
    };
    let units = indices
        .into_iter()
        .map(|i| {
            let section = &doc.sections[i];
            let span = trimmed(doc, section.span);
            let number_len = section.number.chars().count();
            let mut body_start = (span.start + number_len).min(span.end);
            // Skip the space after 「第一条」.
            let chars: Vec<char> = doc.slice(Span::new(body_start, span.end)).chars().collect();
            body_start += chars.iter().take_while(|c| c.is_whitespace()).count();
            let chapter = chapter_of(doc, i);
            let key = normalized_key(doc, Span::new(body_start, span.end));
            Unit {
                section: i,
                number: section.number.clone(),
                ordinal: section.ordinal,
                label: label_of(&section.number, &section.title),
                chapter,
                span,
                body: Span::new(body_start, span.end),
                key,
            }
        })
        .collect();
    (units, level)
}

/// The span without trailing whitespace and without a Markdown heading that ends it.
fn trimmed(doc: &Document, span: Span) -> Span {
    let text: Vec<char> = doc.slice(span).chars().collect();
    let mut end = text.len();
    while end > 0 && text[end - 1].is_whitespace() {
        end -= 1;
    }
    Span::new(span.start, span.start + end)
}

/// 「第十二条」 or 「（三）加强监管」: how a drafter names the unit.
fn label_of(number: &str, title: &str) -> String {
    if number.starts_with('第') || title.is_empty() {
        number.trim().to_string()
    } else {
        format!("{}{}", number.trim(), title.trim())
    }
}

/// 「第二章 款项支付规定」 for a unit inside that chapter.
fn chapter_of(doc: &Document, mut index: usize) -> Option<String> {
    while let Some(parent) = doc.sections[index].parent {
        let section = &doc.sections[parent];
        if section.kind == SectionKind::Chapter || (section.kind == SectionKind::Part && section.level == 1) {
            let title: String = section.title.chars().filter(|c| !c.is_whitespace()).collect();
            return Some(format!("{} {}", section.number.trim(), title).trim().to_string());
        }
        index = parent;
    }
    None
}

/// The normalised text (punctuation, whitespace and width ignored) of `span`.
pub(crate) fn normalized_key(doc: &Document, span: Span) -> String {
    normalize(&doc.text, span, &NormalizeOptions::wording()).chars.into_iter().collect()
}

/// The paragraphs (款, and 项 lines) of a unit's body, as spans, in order; blank lines skipped.
pub(crate) fn paragraphs(doc: &Document, body: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = body.start;
    for (at, c) in (body.start..).zip(doc.slice(body).chars()) {
        if c == '\n' {
            push_line(doc, &mut out, start, at);
            start = at + 1;
        }
    }
    push_line(doc, &mut out, start, body.end);
    out
}

fn push_line(doc: &Document, out: &mut Vec<Span>, start: usize, end: usize) {
    let span = Span::new(start, end.max(start));
    if doc.slice(span).chars().any(|c| !c.is_whitespace()) {
        out.push(span);
    }
}

/// True for a 项 line: 「（一）…」 or 「(一)…」.
pub(crate) fn is_item(doc: &Document, span: Span) -> bool {
    let text = doc.slice(span).trim_start();
    let Some(rest) = text.strip_prefix(['（', '(']) else { return false };
    let digits: String = rest.chars().take_while(|c| crate::outline::numerals::is_chinese_numeral_char(*c)).collect();
    !digits.is_empty() && rest[digits.len()..].starts_with(['）', ')'])
}
