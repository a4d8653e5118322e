//! Building the section tree from recognised heading lines, with preamble, enclosed document and
//! closing block.

use super::heading::{HeadingMatch, is_blank, match_heading};
use super::lines::{Line, split_lines};
use super::metadata::{is_closing_line, is_date_line, is_title_line};
use crate::model::{Section, SectionKind};
use crate::text::{CharText, Span};

/// A heading line with its absolute offsets.
struct FoundHeading {
    line: Line,
    found: HeadingMatch,
    level: u8,
}

/// Read the outline of `text`. `doc_id` prefixes section ids ("D1" → "D1.S1", …).
pub fn outline(text: &CharText, doc_id: &str) -> Vec<Section> {
    let chars = text.chars();
    let lines = split_lines(&chars);
    let headings = find_headings(&chars, &lines);
    let closing_start = closing_block_start(&chars, &lines, &headings);
    let first_heading_line = headings.first().map(|h| h.line.index).unwrap_or(lines.len());
    let enclosed = enclosed_title_line(&chars, &lines, first_heading_line, closing_start);
    let text_end = closing_start.unwrap_or_else(|| trimmed_end(&chars, chars.len()));

    let mut sections: Vec<Section> = Vec::new();
    let first_content = lines.iter().find(|l| !l.is_blank()).map(|l| l.content_start);
    let body_start = enclosed.map(|l| l.content_start).or(headings.first().map(|h| h.line.content_start));
    if let Some(start) = first_content {
        let end = body_start.unwrap_or(text_end);
        if start < end {
            let span = Span::new(start, trimmed_end(&chars, end));
            sections.push(block_section(SectionKind::Preamble, String::new(), Span::new(start, start), span, span));
        }
    }
    let enclosed_index = enclosed.map(|line| {
        let title: String = chars[line.content_start..line.content_end].iter().collect();
        let heading = Span::new(line.content_start, line.content_end);
        let span = Span::new(line.content_start, text_end);
        let body_end = headings.first().map(|h| h.line.content_start).unwrap_or(text_end);
        let body_from = skip_blanks(&chars, line.content_end, body_end);
        // A heading right after the title leaves the body empty (found by the outline fuzzer).
        let body = Span::new(body_from, trimmed_end(&chars, body_end).max(body_from));
        sections.push(block_section(SectionKind::EnclosedTitle, title, heading, span, body));
        sections.len() - 1
    });

    let first_numbered = sections.len();
    for (i, heading) in headings.iter().enumerate() {
        let end = headings[i + 1..]
            .iter()
            .find(|next| next.level <= heading.level)
            .map(|next| next.line.content_start)
            .unwrap_or(text_end);
        let start = heading.line.content_start;
        let heading_span = Span::new(start, start + heading.found.heading_len);
        let child_start = headings.get(i + 1).map(|next| next.line.content_start).filter(|&s| s < end).unwrap_or(end);
        let body_from = skip_blanks(&chars, start + heading.found.body_start, child_start);
        let body = Span::new(body_from, trimmed_end(&chars, child_start).max(body_from));
        sections.push(Section {
            id: String::new(),
            level: heading.level,
            kind: heading.found.kind,
            number: heading.found.number.clone(),
            ordinal: heading.found.ordinal,
            title: heading.found.title.clone(),
            heading: heading_span,
            span: Span::new(start, end.max(heading_span.end)),
            body,
            parent: None,
        });
    }
    // Parents: the nearest earlier numbered section of a lower level, else the enclosed document.
    for index in first_numbered..sections.len() {
        let level = sections[index].level;
        let parent = (first_numbered..index).rev().find(|&p| sections[p].level < level);
        sections[index].parent = parent.or(enclosed_index);
    }
    if let Some(start) = closing_start {
        let span = Span::new(start, trimmed_end(&chars, chars.len()).max(start));
        sections.push(block_section(SectionKind::Closing, String::new(), Span::new(start, start), span, span));
    }
    for (index, section) in sections.iter_mut().enumerate() {
        section.id = format!("{doc_id}.S{}", index + 1);
    }
    sections
}

fn block_section(kind: SectionKind, title: String, heading: Span, span: Span, body: Span) -> Section {
    Section {
        id: String::new(),
        level: 0,
        kind,
        number: String::new(),
        ordinal: None,
        title,
        heading,
        span,
        body,
        parent: None,
    }
}

/// Heading lines with their levels. Regulation numbering (第X章/第X条) pushes 公文 levels down.
fn find_headings(chars: &[char], lines: &[Line]) -> Vec<FoundHeading> {
    let matches: Vec<(Line, HeadingMatch)> = lines
        .iter()
        .filter(|line| !line.is_blank())
        .filter_map(|line| match_heading(&chars[line.content_start..line.content_end]).map(|found| (*line, found)))
        .collect();
    let has_chapters = matches.iter().any(|(_, m)| m.kind == SectionKind::Chapter);
    let has_articles = matches.iter().any(|(_, m)| m.kind == SectionKind::Article);
    let base = u8::from(has_chapters) + u8::from(has_articles);
    matches
        .into_iter()
        .map(|(line, found)| {
            let level = match found.kind {
                SectionKind::Chapter => 1,
                SectionKind::Article => 1 + u8::from(has_chapters),
                SectionKind::Part => base + 1,
                SectionKind::Subpart => base + 2,
                SectionKind::Item => base + 3,
                SectionKind::Subitem => base + 4,
                _ => base + 5,
            };
            FoundHeading { line, found, level }
        })
        .collect()
}

/// Start of the trailing block of signature, date, effective-period and distribution lines.
fn closing_block_start(chars: &[char], lines: &[Line], headings: &[FoundHeading]) -> Option<usize> {
    let last_heading_line = headings.last().map(|h| h.line.index);
    let mut start = None;
    for line in lines.iter().rev() {
        if line.is_blank() {
            continue;
        }
        if Some(line.index) <= last_heading_line {
            break;
        }
        let content: String = chars[line.content_start..line.content_end].iter().collect();
        if is_closing_line(&content) {
            start = Some(line.content_start);
        } else {
            break;
        }
    }
    start
}

/// A title line after the cover notice's date: the document the notice issues (印发…的通知).
fn enclosed_title_line(
    chars: &[char],
    lines: &[Line],
    first_heading_line: usize,
    closing: Option<usize>,
) -> Option<Line> {
    let mut after_date = false;
    for line in lines.iter().take(first_heading_line) {
        if line.is_blank() || closing.is_some_and(|c| line.content_start >= c) {
            continue;
        }
        let content: String = chars[line.content_start..line.content_end].iter().collect();
        if after_date {
            return is_title_line(&content).then_some(*line);
        }
        after_date = is_date_line(&content);
    }
    None
}

fn skip_blanks(chars: &[char], mut from: usize, limit: usize) -> usize {
    while from < limit && is_blank(chars[from]) {
        from += 1;
    }
    from
}

fn trimmed_end(chars: &[char], mut end: usize) -> usize {
    while end > 0 && is_blank(chars[end - 1]) {
        end -= 1;
    }
    end
}
