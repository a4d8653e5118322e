//! Boilerplate: 公文 and legislative formulae, recognised by what the text is.
//!
//! Formulae come from `assets/boilerplate.txt` (公文 formulae of policy documents), the table mined
//! from a public law collection in `assets/boilerplate/formulae.tsv`, plus two rules for recurring genre furniture:
//! bracketed lists of responsible departments, and titles cited in 《》 with their 文号. A passage
//! that is mostly formula on either side is boilerplate. How many loaded documents share a passage
//! says nothing here: in a family of regulations the text every member shares is exactly the text
//! they copied from their common source.

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::fingerprint::NormText;
use super::ranges::union;
use crate::segment::levels::LEVEL;
use crate::segment::normalize::{NormalizeOptions, normalize_chars};
use crate::text::Span;

/// The formula list shipped with the program.
const FORMULAE: &str = include_str!("../../assets/boilerplate.txt");

/// Legislative formulae mined from a public collection of laws and regulations as the strings that
/// recur in many documents of unrelated subjects (`scripts/mine-formulae.py`, hand-reviewed):
/// tab-separated, formula first, header line.
const MINED_FORMULAE: &str = include_str!("../../assets/boilerplate/formulae.tsv");

/// How many chars an inner 「…」 may stand for.
const MAX_WILDCARD: usize = 40;

/// Chars besides folded levels a formula needs: fewer (a level name alone) would mark every level.
const MIN_FORMULA_WORDING: usize = 2;

/// Share of a passage side that formulae must cover for the passage to be boilerplate.
const FORMULA_SHARE: f32 = 0.5;

/// Longest bracketed text examined as a department list.
const MAX_LIST_CHARS: usize = 400;

/// One formula: normalised pieces that must occur in order, with an optional open end.
#[derive(Debug, Clone)]
struct Pattern {
    pieces: Vec<Vec<char>>,
    /// A final 「…」: the match runs on to the end of the clause.
    to_clause_end: bool,
    /// The skeleton of a clause (a purpose, effective, deference, liability or commendation
    /// formula, a 公文 formula, an adoption note): never counted as copied, even inside a passage
    /// that is counted. A phrase of everyday legislative wording (县级以上人民政府应当加强…, a
    /// penalty scale) only makes a passage that is mostly such phrases boilerplate: inside a copied
    /// provision it was copied with the rest.
    skeleton: bool,
}

/// Kinds of the mined table ([`MINED_FORMULAE`], second column) that are clause skeletons.
const SKELETON_KINDS: &[&str] =
    &["adoption_note", "purpose_clause", "effective_clause", "deference", "liability", "commendation"];

/// Ranges of a text's normalised positions inside formulae, sorted and disjoint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    /// Everything marked: formulae of every kind, department lists, cited titles. A passage that
    /// is mostly these is boilerplate.
    pub all: Vec<Range<usize>>,
    /// The part of `all` that never counts toward a copy ratio: clause skeletons, department
    /// lists and cited titles.
    pub skeleton: Vec<Range<usize>>,
}

/// The loaded formulae, normalised for matching.
#[derive(Debug, Clone)]
pub(crate) struct Formulae {
    patterns: Vec<Pattern>,
    /// First two chars of a pattern → indexes of the patterns starting with them: one lookup per
    /// position of a text, and few candidates to compare (keyed by the first char alone, a
    /// thousand patterns made a third of all positions compare several).
    by_start: FxHashMap<(char, char), Vec<usize>>,
    /// The patterns whose first piece is a single char, by that char.
    by_single: FxHashMap<char, Vec<usize>>,
}

impl Formulae {
    /// The shipped formula list under the matching normalisation `options`: parsed once per set of
    /// options and shared (a thousand patterns; every `compare` and every scan needs them).
    pub(crate) fn load(options: &NormalizeOptions) -> std::sync::Arc<Self> {
        type Cache = std::sync::Mutex<Vec<(NormalizeOptions, std::sync::Arc<Formulae>)>>;
        static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
        let cache = CACHE.get_or_init(|| std::sync::Mutex::new(Vec::new()));
        let mut cached = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, formulae)) = cached.iter().find(|(o, _)| o == options) {
            return std::sync::Arc::clone(formulae);
        }
        let formulae = std::sync::Arc::new(Self::parse_shipped(options));
        cached.push((*options, std::sync::Arc::clone(&formulae)));
        formulae
    }

    /// Parse the shipped lists (the hand-written one and the mined table).
    fn parse_shipped(options: &NormalizeOptions) -> Self {
        let mut skeleton = String::with_capacity(MINED_FORMULAE.len());
        let mut phrases = String::new();
        for line in MINED_FORMULAE.lines().skip(1) {
            let mut columns = line.split('\t');
            let (Some(formula), kind) = (columns.next(), columns.next()) else { continue };
            let list = if kind.is_some_and(|k| SKELETON_KINDS.contains(&k)) { &mut skeleton } else { &mut phrases };
            list.push('\n');
            list.push_str(formula);
        }
        let mut formulae = Self::parse(FORMULAE, options, true);
        formulae.extend(Self::parse(&skeleton, options, true));
        formulae.extend(Self::parse(&phrases, options, false));
        formulae
    }

    /// Add the patterns of `other`.
    fn extend(&mut self, other: Formulae) {
        let offset = self.patterns.len();
        self.patterns.extend(other.patterns);
        for (start, indexes) in other.by_start {
            self.by_start.entry(start).or_default().extend(indexes.into_iter().map(|i| i + offset));
        }
        for (first, indexes) in other.by_single {
            self.by_single.entry(first).or_default().extend(indexes.into_iter().map(|i| i + offset));
        }
    }

    /// Parse a formula list (format described in `assets/boilerplate.txt`); `skeleton` says whether
    /// its formulae are clause skeletons ([`Pattern::skeleton`]).
    fn parse(list: &str, options: &NormalizeOptions, skeleton: bool) -> Self {
        let mut patterns = Vec::new();
        let mut skeleton = skeleton;
        for line in list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if line == "[phrases]" {
                // What follows are phrases, not clause skeletons (the list's format).
                skeleton = false;
                continue;
            }
            let to_clause_end = line.ends_with('…');
            let pieces: Vec<Vec<char>> = line
                .split('…')
                .map(|piece| {
                    let chars: Vec<char> = piece.chars().collect();
                    normalize_chars(&chars, 0, options).chars
                })
                .filter(|piece| !piece.is_empty())
                .collect();
            // A level name alone (县级以上地方各级人民政府 folds to the level word alone) is no formula: it
            // would mark every level of a text.
            let wording = pieces.iter().flatten().filter(|&&c| c != LEVEL).count();
            if wording >= MIN_FORMULA_WORDING {
                patterns.push(Pattern { pieces, to_clause_end, skeleton });
            }
        }
        let mut by_start: FxHashMap<(char, char), Vec<usize>> = FxHashMap::default();
        let mut by_single: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        for (i, p) in patterns.iter().enumerate() {
            match p.pieces[0].as_slice() {
                [first, second, ..] => by_start.entry((*first, *second)).or_default().push(i),
                [first] => by_single.entry(*first).or_default().push(i),
                [] => {}
            }
        }
        Formulae { patterns, by_start, by_single }
    }

    /// No formulae at all (tests of the aligner alone).
    #[cfg(test)]
    pub(crate) fn empty() -> Self {
        Formulae { patterns: Vec::new(), by_start: FxHashMap::default(), by_single: FxHashMap::default() }
    }

    /// Normalised ranges of `norm` (the normalised form of the text whose chars are `source`)
    /// inside formulae, department lists or cited titles, and the part of them that never counts.
    pub(crate) fn mark(&self, source: &[char], norm: &NormText) -> Marks {
        // Normalised position where each clause ends (sorted).
        let clause_ends: Vec<usize> = source
            .iter()
            .enumerate()
            .filter(|(_, c)| ends_clause(**c))
            .map(|(i, _)| norm.index_at_or_after(i))
            .collect();
        let chars = norm.chars();
        let mut marks: Vec<Range<usize>> = Vec::new();
        let mut skeleton: Vec<Range<usize>> = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            let by_start = chars.get(i + 1).and_then(|next| self.by_start.get(&(*c, *next)));
            let by_single = if self.by_single.is_empty() { None } else { self.by_single.get(c) };
            for &pi in by_start.into_iter().chain(by_single).flatten() {
                let pattern = &self.patterns[pi];
                if let Some(end) = Self::match_at(pattern, chars, i, &clause_ends) {
                    if pattern.skeleton {
                        skeleton.push(i..end);
                    }
                    marks.push(i..end);
                }
            }
        }
        for span in bracketed_furniture(source) {
            let start = norm.index_at_or_after(span.start);
            let end = norm.index_at_or_after(span.end);
            if end > start {
                skeleton.push(start..end);
                marks.push(start..end);
            }
        }
        Marks { all: union(marks), skeleton: union(skeleton) }
    }

    /// End of a match of `pattern` starting at `start`, if it matches there.
    fn match_at(pattern: &Pattern, chars: &[char], start: usize, clause_ends: &[usize]) -> Option<usize> {
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
            let ci = clause_ends.partition_point(|&e| e < end);
            end = end.max(clause_ends.get(ci).copied().unwrap_or(chars.len()));
        }
        Some(end)
    }
}

/// Characters that end a clause: a final 「…」 in a formula runs to the next of these.
fn ends_clause(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？' | ';' | '!' | '?' | '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Source spans of the labels that give a text its structure: 「第十二条」 at the start of a line,
/// and whole 「第二章 法律援助程序」 / 「第一节 …」 heading lines. Every regulation has them; two
/// articles that both begin 「第二十二条 法律援助…」 share a number, not wording.
pub(crate) fn structure_labels(chars: &[char]) -> Vec<Span> {
    let numeral = |c: char| "零〇一二三四五六七八九十百千0123456789０１２３４５６７８９".contains(c);
    let mut spans = Vec::new();
    // Lines as the outline reads them (\n, \r\n, a lone \r or U+2028 ends one), without their
    // indentation and trailing blanks.
    for line in crate::outline::lines::split_lines(chars) {
        let (i, line_end) = (line.content_start, line.content_end);
        if i < line_end && chars[i] == '第' {
            let digits = chars[i + 1..line_end].iter().take_while(|&&c| numeral(c)).count();
            let unit = chars.get(i + 1 + digits).copied();
            if digits > 0 && i + 1 + digits < line_end {
                match unit {
                    Some('条') => spans.push(Span::new(i, i + 2 + digits)),
                    // A heading line, but not a long line that is body text beginning 第X章.
                    Some('章' | '节' | '编') if line_end - i <= 30 => spans.push(Span::new(i, line_end)),
                    _ => {}
                }
            }
        }
    }
    spans
}

/// Source spans of a document's header and closing furniture: the leading lines that are a title,
/// a 文号, an issuing body or a dated adoption record ([`crate::outline::metadata::is_header_line`]),
/// and the trailing signature and date lines.
/// A city regulation's 「济南市气象灾害防御条例」 and 「2014年9月23日 …会议通过」 have the form of the
/// national text's title and promulgation line; like article numbers, they never count as copied.
pub(crate) fn header_lines(chars: &[char]) -> Vec<Span> {
    use crate::outline::lines::split_lines;
    use crate::outline::metadata::{is_date_line, is_header_line, is_issuer_line};
    let lines: Vec<Span> = split_lines(chars)
        .into_iter()
        .filter(|line| !line.is_blank())
        .map(|line| Span::new(line.content_start, line.content_end))
        .collect();
    let text = |span: &Span| chars[span.start..span.end].iter().collect::<String>();
    let head = lines.iter().take_while(|line| is_header_line(&text(line))).count();
    // The signature block only, issuer and date lines: an effective clause or an attachment list
    // at the end is a formula of its own ([`Formulae`]), not furniture.
    let tail = lines[head..]
        .iter()
        .rev()
        .take_while(|line| {
            let line = text(line);
            is_date_line(&line) || is_issuer_line(&line)
        })
        .count();
    lines[..head].iter().chain(&lines[lines.len() - tail..]).copied().collect()
}

/// Source spans of bracketed department lists and of 《》 titles with a following 文号.
fn bracketed_furniture(chars: &[char]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '《' => {
                if let Some(close) = find_close(chars, i, '《', '》') {
                    let mut end = close + 1;
                    // A 文号 in brackets right after the title belongs to the citation.
                    if matches!(chars.get(end), Some('（' | '('))
                        && let Some(num_close) = find_close(chars, end, chars[end], closing(chars[end]))
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
                if let Some(close) = find_close(chars, i, chars[i], closing(chars[i]))
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

/// True when a passage side `range` is a formula: formulae (sorted disjoint `formula` ranges) cover
/// at least half of it, and what they leave is shorter than `provision_chars`. A copied article
/// that ends in the stock sanction 「没收违法所得，可以并处违法所得一倍以上三倍以下罚款」 is mostly
/// formula by length, but its 「未经批准，擅自兴建殡葬设施的…予以取缔，责令恢复原状」 is a provision of
/// its own: a family copied it, and it is reuse.
pub(crate) fn mostly_formula(formula: &[Range<usize>], range: &Range<usize>, provision_chars: usize) -> bool {
    if range.is_empty() {
        return false;
    }
    let inside = formula_chars(formula, range);
    inside as f32 >= FORMULA_SHARE * range.len() as f32 && range.len().saturating_sub(inside) < provision_chars
}

/// Positions of `range` inside formulae (sorted disjoint `formula` ranges).
pub(crate) fn formula_chars(formula: &[Range<usize>], range: &Range<usize>) -> usize {
    let first = formula.partition_point(|f| f.end <= range.start);
    formula[first..]
        .iter()
        .take_while(|f| f.start < range.end)
        .map(|f| f.end.min(range.end).saturating_sub(f.start.max(range.start)))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::CharText;

    /// The source text of each marked range, without punctuation and whitespace (a level folds to
    /// two private-use chars, so the normalised chars would not read as the text).
    fn marked(text: &str) -> Vec<String> {
        let text = CharText::new(text.to_string());
        let norm = NormText::new(&text, &NormalizeOptions::default());
        let formulae = Formulae::load(&NormalizeOptions::default());
        let chars = text.chars();
        formulae
            .mark(&chars, &norm)
            .all
            .into_iter()
            .map(|r| {
                let span = norm.source_span(r.start, r.end);
                chars[span.start..span.end]
                    .iter()
                    .filter(|c| !c.is_whitespace() && !crate::segment::normalize::is_punctuation(**c))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn structure_labels_are_article_numbers_and_heading_lines() {
        let text = "第一章　总　则\n第一条 为了规范法律援助工作，制定本条例。\n  第十二条 依照本条例第十一条的规定。\n第三章规定的其他事项，由省人民政府另行规定，具体办法由司法行政部门制定并公布施行。";
        let chars: Vec<char> = text.chars().collect();
        let labels: Vec<String> =
            structure_labels(&chars).into_iter().map(|s| chars[s.start..s.end].iter().collect()).collect();
        // A heading line whole, an article number at a line start (after indentation), never a
        // citation inside the text, and not a long line of body text that begins with 第三章.
        assert_eq!(labels, ["第一章　总　则", "第一条", "第十二条"]);
        // Lines that end in \r\n or a lone \r (old Mac files, some exports) are lines too.
        for newline in ["\r\n", "\r"] {
            let text = format!("第一章 总则{newline}第一条 为了规范法律援助工作。{newline}第二条 本条例适用于本省。");
            let chars: Vec<char> = text.chars().collect();
            let labels: Vec<String> =
                structure_labels(&chars).into_iter().map(|s| chars[s.start..s.end].iter().collect()).collect();
            assert_eq!(labels, ["第一章 总则", "第一条", "第二条"], "{newline:?}");
        }
    }

    #[test]
    fn header_lines_are_title_adoption_record_and_signature() {
        let spans_of = |text: &str| -> Vec<String> {
            let chars: Vec<char> = text.chars().collect();
            header_lines(&chars).into_iter().map(|s| chars[s.start..s.end].iter().collect()).collect()
        };
        // A city regulation: its title and the dated lines of its adoption record, not its first
        // chapter or article.
        let regulation = "济南市气象灾害防御条例\n2014年9月23日 济南市第十五届人民代表大会常务委员会第十六次会议通过\n\
            （2014年11月27日山东省第十二届人民代表大会常务委员会第十一次会议批准）\n2003年9月1日 施行\n\
            第一章 总则\n第一条 为了加强气象灾害防御，制定本条例。\n第二条 本条例自2015年1月1日起施行。";
        assert_eq!(
            spans_of(regulation),
            [
                "济南市气象灾害防御条例",
                "2014年9月23日 济南市第十五届人民代表大会常务委员会第十六次会议通过",
                "（2014年11月27日山东省第十二届人民代表大会常务委员会第十一次会议批准）",
                "2003年9月1日 施行",
            ]
        );
        // A State Council 令 line; a 公文 with its 文号 and its signature block, but not the
        // addressed body text or the effective clause before the signature.
        assert_eq!(
            spans_of("法律援助条例\n中华人民共和国国务院令第385号\n第一条 为了保障…。"),
            ["法律援助条例", "中华人民共和国国务院令第385号"]
        );
        let notice = "广州市人民政府办公厅关于印发加快电子商务发展实施方案的通知\n穗府办〔2014〕54号\n\
            各区、县级市人民政府，市政府各部门：\n现将方案印发给你们，请认真贯彻执行。\n本方案自印发之日起施行。\n\
            广州市人民政府办公厅\n2014年9月21日";
        assert_eq!(
            spans_of(notice),
            [
                "广州市人民政府办公厅关于印发加快电子商务发展实施方案的通知",
                "穗府办〔2014〕54号",
                "广州市人民政府办公厅",
                "2014年9月21日",
            ]
        );
        // Body text from the first line on: only the closing date.
        assert_eq!(spans_of("为了加强管理，根据有关规定，制定本办法。\n2014年9月21日"), ["2014年9月21日"]);
    }

    #[test]
    fn a_passage_is_a_formula_when_formulae_cover_half_and_leave_no_provision() {
        // 40 chars, formulae over 24 of them: boilerplate when the 16 left are too few for a
        // provision, reuse when 16 are enough.
        let formula = [0..10, 20..34];
        assert!(mostly_formula(&formula, &(0..40), 30));
        assert!(!mostly_formula(&formula, &(0..40), 16));
        // Under half covered: never boilerplate.
        assert!(!mostly_formula(&formula, &(0..60), 100));
        assert!(!mostly_formula(&formula, &(5..5), 30));
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
}
