//! Boilerplate: 公文 formulae and passages found in most loaded documents.
//!
//! Formulae come from `assets/boilerplate.txt` plus two rules for recurring genre furniture:
//! bracketed lists of responsible departments, and titles cited in 《》 with their 文号. A passage
//! that is mostly formula on either side is boilerplate; so is a passage whose text occurs in most
//! loaded documents.

use std::collections::HashMap;
use std::ops::Range;

use super::ReusePassage;
use super::ranges::union;
use crate::model::Document;
use crate::segment::normalize::{NormalizeOptions, Normalized, normalize_chars};
use crate::text::Span;

/// The formula list shipped with the program.
const FORMULAE: &str = include_str!("../../assets/boilerplate.txt");

/// How many chars an inner 「…」 may stand for.
const MAX_WILDCARD: usize = 40;

/// Share of a passage side that formulae must cover for the passage to be boilerplate.
const FORMULA_SHARE: f32 = 0.5;

/// Minimum share of documents that must contain a passage for it to count as common.
const COMMON_SHARE: f64 = 0.6;

/// Longest bracketed text examined as a department list.
const MAX_LIST_CHARS: usize = 400;

/// One formula: normalised pieces that must occur in order, with an optional open end.
#[derive(Debug, Clone)]
struct Pattern {
    pieces: Vec<Vec<char>>,
    /// A final 「…」: the match runs on to the end of the clause.
    to_clause_end: bool,
}

/// The loaded formulae, normalised for matching.
#[derive(Debug, Clone)]
pub(crate) struct Formulae {
    patterns: Vec<Pattern>,
    /// First char of a pattern → indexes of the patterns starting with it.
    by_first: HashMap<char, Vec<usize>>,
}

impl Formulae {
    /// Parse the shipped formula list under the matching normalisation.
    pub(crate) fn load(options: &NormalizeOptions) -> Self {
        Self::parse(FORMULAE, options)
    }

    /// Parse a formula list (format described in `assets/boilerplate.txt`).
    fn parse(list: &str, options: &NormalizeOptions) -> Self {
        let mut patterns = Vec::new();
        for line in list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let to_clause_end = line.ends_with('…');
            let pieces: Vec<Vec<char>> = line
                .split('…')
                .map(|piece| {
                    let chars: Vec<char> = piece.chars().collect();
                    normalize_chars(&chars, 0, options).chars
                })
                .filter(|piece| !piece.is_empty())
                .collect();
            if !pieces.is_empty() {
                patterns.push(Pattern { pieces, to_clause_end });
            }
        }
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, p) in patterns.iter().enumerate() {
            by_first.entry(p.pieces[0][0]).or_default().push(i);
        }
        Formulae { patterns, by_first }
    }

    /// Normalised ranges of `norm` (the normalised text of `document`) inside formulae, department
    /// lists or cited titles; sorted and disjoint.
    pub(crate) fn mark(&self, document: &Document, norm: &Normalized, clauses: &[Range<usize>]) -> Vec<Range<usize>> {
        let chars = &norm.chars;
        let mut marks: Vec<Range<usize>> = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            let Some(candidates) = self.by_first.get(c) else {
                continue;
            };
            for &pi in candidates {
                if let Some(end) = self.match_at(&self.patterns[pi], chars, i, clauses) {
                    marks.push(i..end);
                }
            }
        }
        for span in bracketed_furniture(document) {
            let start = norm.origin.partition_point(|&o| o < span.start);
            let end = norm.origin.partition_point(|&o| o < span.end);
            if end > start {
                marks.push(start..end);
            }
        }
        union(marks)
    }

    /// End of a match of `pattern` starting at `start`, if it matches there.
    fn match_at(&self, pattern: &Pattern, chars: &[char], start: usize, clauses: &[Range<usize>]) -> Option<usize> {
        let first = &pattern.pieces[0];
        if !chars[start..].starts_with(first) {
            return None;
        }
        let mut end = start + first.len();
        for piece in &pattern.pieces[1..] {
            let window_end = (end + MAX_WILDCARD + piece.len()).min(chars.len());
            let offset = chars[end..window_end].windows(piece.len()).position(|w| w == piece.as_slice())?;
            end += offset + piece.len();
        }
        if pattern.to_clause_end {
            let ci = clauses.partition_point(|c| c.end <= end.saturating_sub(1));
            if let Some(clause) = clauses.get(ci) {
                end = end.max(clause.end);
            }
        }
        Some(end)
    }
}

/// Source spans of bracketed department lists and of 《》 titles with a following 文号.
fn bracketed_furniture(document: &Document) -> Vec<Span> {
    let chars: Vec<char> = document.text.as_str().chars().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '《' => {
                if let Some(close) = find_close(&chars, i, '《', '》') {
                    let mut end = close + 1;
                    // A 文号 in brackets right after the title belongs to the citation.
                    if matches!(chars.get(end), Some('（' | '('))
                        && let Some(num_close) = find_close(&chars, end, chars[end], closing(chars[end]))
                        && chars[end..num_close].contains(&'号')
                    {
                        end = num_close + 1;
                    }
                    spans.push(Span::new(i, end));
                    i = end;
                    continue;
                }
            }
            '（' | '(' => {
                if let Some(close) = find_close(&chars, i, chars[i], closing(chars[i]))
                    && is_department_list(&chars[i + 1..close])
                {
                    spans.push(Span::new(i, close + 1));
                    i = close + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    spans
}

/// The closing bracket for an opening one.
fn closing(open: char) -> char {
    match open {
        '（' => '）',
        '(' => ')',
        '《' => '》',
        _ => open,
    }
}

/// Index of the bracket closing the one at `open_at`, within [`MAX_LIST_CHARS`] chars; nested
/// brackets (〔并负责…〕, (州)) are skipped.
fn find_close(chars: &[char], open_at: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    let limit = (open_at + MAX_LIST_CHARS).min(chars.len());
    for (j, &c) in chars.iter().enumerate().take(limit).skip(open_at) {
        if c == open || (matches!(c, '（' | '(') && matches!(open, '（' | '(')) {
            depth += 1;
        } else if c == close || (matches!(c, '）' | ')') && matches!(close, '）' | ')')) {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        } else if c == '\n' {
            return None;
        }
    }
    None
}

/// True for bracket content such as 「责任单位：市商务局、市经信委」 or 「省商务厅、省财政厅,各市、
/// 自治州人民政府」: two or more items, most of them names of government bodies.
fn is_department_list(content: &[char]) -> bool {
    let text: String = content.iter().collect();
    let body = text.rsplit(['：', ':']).next().unwrap_or(&text);
    let items: Vec<&str> =
        body.split(['、', '，', ',', '；', ';']).map(str::trim).filter(|item| !item.is_empty()).collect();
    if items.len() < 2 {
        return false;
    }
    let bodies = items.iter().filter(|item| is_body_name(item)).count();
    bodies * 10 >= items.len() * 7
}

/// True when `item` reads like the name of a government body or unit.
fn is_body_name(item: &str) -> bool {
    const SUFFIXES: [&str; 17] =
        ["局", "委", "厅", "办", "会", "部", "府", "行", "社", "司", "院", "处", "中心", "政府", "城", "组", "单位"];
    let item = item.trim_end_matches(['）', ')', '〕', ']']);
    item.chars().count() <= 24 && SUFFIXES.iter().any(|s| item.ends_with(s))
}

/// True when formulae cover at least half of `range` (sorted disjoint `formula` ranges).
pub(crate) fn mostly_formula(formula: &[Range<usize>], range: &Range<usize>) -> bool {
    if range.is_empty() {
        return false;
    }
    let first = formula.partition_point(|f| f.end <= range.start);
    let inside: usize = formula[first..]
        .iter()
        .take_while(|f| f.start < range.end)
        .map(|f| f.end.min(range.end).saturating_sub(f.start.max(range.start)))
        .sum();
    inside as f32 >= FORMULA_SHARE * range.len() as f32
}

/// How many documents must contain a passage for it to be common (more than 60% of the loaded
/// documents and at least 3), or `None` when fewer than 3 documents are loaded.
///
/// "More than" matters for five documents: a clause that two later documents both took from the
/// same source is in 3 of 5 documents, and that is copying, not a formula.
pub(crate) fn common_threshold(documents: usize) -> Option<usize> {
    (documents >= 3).then(|| ((documents as f64 * COMMON_SHARE).floor() as usize + 1).max(3))
}

/// Mark passages whose text occurs in at least `threshold` documents (counting both of its own).
///
/// A document contains a passage side when one of its passages with the same document covers at
/// least half of that side.
pub(crate) fn mark_common(passages: &mut [ReusePassage], threshold: usize) {
    // Per document: (span, other document, passage index).
    let mut by_doc: HashMap<usize, Vec<(Span, usize, usize)>> = HashMap::new();
    for (i, p) in passages.iter().enumerate() {
        by_doc.entry(p.a.doc).or_default().push((p.a.span, p.b.doc, i));
        by_doc.entry(p.b.doc).or_default().push((p.b.span, p.a.doc, i));
    }
    let mut common = vec![false; passages.len()];
    for entries in by_doc.values_mut() {
        entries.sort_by_key(|(span, other, i)| (span.start, span.end, *other, *i));
        let longest = entries.iter().map(|(span, _, _)| span.len()).max().unwrap_or(0);
        for (span, other, i) in entries.iter() {
            if common[*i] {
                continue;
            }
            let upto = entries.partition_point(|(s, _, _)| s.start < span.end);
            let mut others: Vec<usize> = vec![*other];
            for (s, o, _) in entries[..upto].iter().rev() {
                if s.start + longest < span.start {
                    break;
                }
                if s.overlap(*span) * 2 >= span.len() {
                    others.push(*o);
                }
            }
            others.sort_unstable();
            others.dedup();
            if others.len() + 1 >= threshold {
                common[*i] = true;
            }
        }
    }
    for (p, is_common) in passages.iter_mut().zip(common) {
        p.boilerplate |= is_common;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Decoded;
    use crate::model::Format;

    fn document(text: &str) -> Document {
        let decoded =
            Decoded { text: text.to_string(), format: Format::Txt, encoding: "UTF-8".into(), warnings: Vec::new() };
        crate::outline::build_document("D1".into(), "t.txt".into(), text.len() as u64, decoded)
    }

    fn marked(text: &str) -> Vec<String> {
        let doc = document(text);
        let chars: Vec<char> = text.chars().collect();
        let norm = normalize_chars(&chars, 0, &NormalizeOptions::default());
        let clauses: Vec<_> = std::iter::once(0..norm.chars.len()).collect();
        let formulae = Formulae::load(&NormalizeOptions::default());
        formulae.mark(&doc, &norm, &clauses).into_iter().map(|r| norm.chars[r].iter().collect()).collect()
    }

    #[test]
    fn shipped_formulae_parse() {
        let formulae = Formulae::load(&NormalizeOptions::default());
        assert!(formulae.patterns.len() >= 30);
        let wildcard = formulae.patterns.iter().find(|p| p.pieces[0] == "党的十八大".chars().collect::<Vec<_>>());
        assert!(wildcard.is_some_and(|p| p.pieces.len() == 2 && !p.to_clause_end));
    }

    #[test]
    fn formulae_match_across_punctuation() {
        assert_eq!(
            marked("推动全省电子商务发展，经省人民政府同意，现提出以下意见。"),
            vec!["经省人民政府同意现提出以下意见"]
        );
        assert_eq!(marked("为深入贯彻落实党的十八大精神和其他"), vec!["为深入贯彻落实党的十八大精神"]);
    }

    #[test]
    fn department_lists_and_citations_are_furniture() {
        let text = "甲乙丙。（责任单位：市商务局、市经信委、市农业局）";
        assert_eq!(marked(text), vec!["责任单位市商务局市经信委市农业局"]);
        let qinghai = "加大税收支持。(省财政厅、省科技厅、省国税局、省地税局,各市、自治州人民政府)";
        assert_eq!(marked(qinghai), vec!["省财政厅省科技厅省国税局省地税局各市自治州人民政府"]);
        let cited = "根据《国务院关于深化流通体制改革加快流通产业发展的意见》（国发〔2012〕39号）精神，推动发展";
        assert_eq!(marked(cited), vec!["国务院关于深化流通体制改革加快流通产业发展的意见国发201239号"]);
        assert!(marked("支持（不含税）的企业发展").is_empty());
    }

    #[test]
    fn common_threshold_needs_three_documents() {
        assert_eq!(common_threshold(2), None);
        assert_eq!(common_threshold(3), Some(3));
        assert_eq!(common_threshold(4), Some(3));
        assert_eq!(common_threshold(5), Some(4));
        assert_eq!(common_threshold(10), Some(7));
    }
}
