//! Provenance: direction from document dates, copy ratios per document pair and per section, and
//! the rule behind them in plain words.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::fingerprint::is_countable;
use super::{Direction, PairStats, ReuseOptions, ReusePassage, SectionReuse};
use crate::model::{Document, PolicyDate};
use crate::text::{CharText, Span};

/// Known parts of a document's date: year, then month and day when given.
fn date_parts(date: PolicyDate) -> Vec<i32> {
    [Some(date.year), date.month.map(i32::from), date.day.map(i32::from)].into_iter().map_while(|p| p).collect()
}

/// Which way text travelled between documents `a` and `b`: from the earlier to the later one,
/// comparing only the parts of the dates both know. Unknown or equal dates give `None`.
pub(crate) fn direction(a: &Document, b: &Document) -> Option<Direction> {
    let a_date = date_parts(a.metadata.date?);
    let b_date = date_parts(b.metadata.date?);
    let known = a_date.len().min(b_date.len());
    match a_date[..known].cmp(&b_date[..known]) {
        std::cmp::Ordering::Less => Some(Direction::AToB),
        std::cmp::Ordering::Greater => Some(Direction::BToA),
        std::cmp::Ordering::Equal => None,
    }
}

/// Sorted, disjoint union of spans (the module's one range union, [`super::ranges::union`]).
pub(crate) fn union(spans: Vec<Span>) -> Vec<Span> {
    super::ranges::union(spans.into_iter().map(|s| s.start..s.end))
        .into_iter()
        .map(|r| Span::new(r.start, r.end))
        .collect()
}

/// Countable chars of `text` inside the sorted, disjoint `spans` and outside the sorted, disjoint
/// `uncounted` spans (structure labels and formulae, [`super::engine::Prepared::uncounted`]).
fn countable_in(text: &CharText, spans: &[Span], uncounted: &[Span]) -> usize {
    let mut skip = uncounted.iter().peekable();
    let mut count = 0;
    for &span in spans {
        for (offset, c) in (span.start..span.end).zip(text.slice(span).chars()) {
            while skip.next_if(|s| s.end <= offset).is_some() {}
            let excluded = skip.peek().is_some_and(|s| s.start <= offset);
            if !excluded && is_countable(c) {
                count += 1;
            }
        }
    }
    count
}

/// Countable chars of `text` covered by `spans` (overlapping spans count once), leaving out the
/// `uncounted` spans: the numerator of every copy ratio, in `compare` and in the folder scan alike.
pub(crate) fn countable_covered(text: &CharText, spans: Vec<Span>, uncounted: &[Span]) -> usize {
    countable_in(text, &union(spans), uncounted)
}

/// Countable chars of a whole text: the denominator of every copy ratio.
pub(crate) fn countable_total(text: &CharText) -> usize {
    text.as_str().chars().filter(|&c| is_countable(c)).count()
}

/// Non-boilerplate spans of each side, per document pair.
type PairSpans = HashMap<(usize, usize), (Vec<Span>, Vec<Span>)>;

fn spans_by_pair(passages: &[ReusePassage]) -> PairSpans {
    let mut by_pair: PairSpans = HashMap::new();
    for p in passages.iter().filter(|p| !p.boilerplate) {
        let entry = by_pair.entry((p.a.doc, p.b.doc)).or_default();
        entry.0.push(p.a.span);
        entry.1.push(p.b.span);
    }
    for (a_spans, b_spans) in by_pair.values_mut() {
        *a_spans = union(std::mem::take(a_spans));
        *b_spans = union(std::mem::take(b_spans));
    }
    by_pair
}

/// `part / whole`, 0 for an empty whole.
pub(crate) fn ratio(part: usize, whole: usize) -> f32 {
    if whole == 0 { 0.0 } else { part as f32 / whole as f32 }
}

/// Copy statistics for each of `pairs` (`a < b`), from the non-boilerplate `passages`; the chars of
/// each document's `uncounted` spans never count.
pub(crate) fn pair_stats(
    documents: &[Document],
    uncounted: &[&[Span]],
    passages: &[ReusePassage],
    pairs: &[(usize, usize)],
) -> Vec<PairStats> {
    let mut involved = vec![false; documents.len()];
    for &(a, b) in pairs {
        involved[a] = true;
        involved[b] = true;
    }
    let totals: Vec<usize> = documents
        .par_iter()
        .zip(involved.par_iter())
        .map(|(doc, &needed)| if needed { countable_total(&doc.text) } else { 0 })
        .collect();
    let by_pair = spans_by_pair(passages);
    pairs
        .par_iter()
        .map(|&(a, b)| {
            let (a_reused, b_reused) = by_pair
                .get(&(a, b))
                .map(|(a_spans, b_spans)| {
                    (
                        countable_in(&documents[a].text, a_spans, uncounted[a]),
                        countable_in(&documents[b].text, b_spans, uncounted[b]),
                    )
                })
                .unwrap_or((0, 0));
            PairStats {
                a,
                b,
                direction: direction(&documents[a], &documents[b]),
                a_reused_chars: a_reused,
                b_reused_chars: b_reused,
                a_ratio: ratio(a_reused, totals[a]),
                b_ratio: ratio(b_reused, totals[b]),
            }
        })
        .collect()
}

/// Innermost section of every char of `document` (`u32::MAX` outside any section).
fn owners(document: &Document) -> Vec<u32> {
    let mut owner = vec![u32::MAX; document.chars()];
    // Later sections are nested in or follow earlier ones, so the last writer is the innermost
    // section, as in `Document::section_at`.
    for (si, section) in document.sections.iter().enumerate() {
        let end = section.span.end.min(owner.len());
        let start = section.span.start.min(end);
        owner[start..end].fill(si as u32);
    }
    owner
}

/// Reuse per (document, innermost section, other document), where anything was reused; the chars
/// of each document's `uncounted` spans never count as reused, as in [`pair_stats`].
pub(crate) fn section_reuse(
    documents: &[Document],
    uncounted: &[&[Span]],
    passages: &[ReusePassage],
) -> Vec<SectionReuse> {
    // Per document with sections: other document → covered spans.
    let mut by_doc: BTreeMap<usize, BTreeMap<usize, Vec<Span>>> = BTreeMap::new();
    for p in passages.iter().filter(|p| !p.boilerplate) {
        for (side, other) in [(p.a, p.b.doc), (p.b, p.a.doc)] {
            if !documents[side.doc].sections.is_empty() {
                by_doc.entry(side.doc).or_default().entry(other).or_default().push(side.span);
            }
        }
    }
    let work: Vec<(usize, BTreeMap<usize, Vec<Span>>)> = by_doc.into_iter().collect();
    let per_doc: Vec<Vec<SectionReuse>> = work
        .into_par_iter()
        .map(|(doc, others)| {
            let document = &documents[doc];
            let owner = owners(document);
            let counted_owner = {
                let mut counted = owner.clone();
                for span in uncounted[doc] {
                    let end = span.end.min(counted.len());
                    counted[span.start.min(end)..end].fill(u32::MAX);
                }
                counted
            };
            let mut section_totals = vec![0usize; document.sections.len()];
            for (c, &o) in document.text.as_str().chars().zip(&owner) {
                if o != u32::MAX && is_countable(c) {
                    section_totals[o as usize] += 1;
                }
            }
            let mut out = Vec::new();
            for (other, spans) in others {
                let mut reused: BTreeMap<usize, usize> = BTreeMap::new();
                for span in union(spans) {
                    for (offset, c) in (span.start..span.end).zip(document.slice(span).chars()) {
                        let o = counted_owner.get(offset).copied().unwrap_or(u32::MAX);
                        if o != u32::MAX && is_countable(c) {
                            *reused.entry(o as usize).or_default() += 1;
                        }
                    }
                }
                for (section, reused_chars) in reused {
                    out.push(SectionReuse {
                        doc,
                        section,
                        other,
                        reused_chars,
                        ratio: ratio(reused_chars, section_totals[section]),
                    });
                }
            }
            out
        })
        .collect();
    let mut all: Vec<SectionReuse> = per_doc.into_iter().flatten().collect();
    all.sort_by_key(|s| (s.doc, s.section, s.other));
    all
}

/// The rule behind the ratios, in Chinese and English: what the engine does, in words.
pub(crate) fn rule(options: &ReuseOptions) -> String {
    let params = options.fingerprint_params();
    format!(
        "复制比 = 某文档中被与另一文档共享的非套话段落覆盖的字数 ÷ 该文档的总字数。\
         共享段落由逐字比对找到：两文档共有的 {k} 字片段作为种子，沿对角线串联，再以带状比对向两侧延伸\
         （相同 +1，替换或增删每字 −1），得分最高的连续片段即为一个段落，因此改写、拆分、合并或嵌入长句的条款也能找到。\
         段落至少有 {min} 个相同字（规范化后比较，忽略标点、空白、全半角和异体字；\
         国务院、省、县级以上地方人民政府、市、县（市）、区、本省、全国等行政层级名称视为同一个词，下位文件照抄条款时必然改写层级），\
         相似度（相同字数 ÷ 较长一侧字数）不低于 {sim:.2}；不足 {long} 个相同字的短段落要求更高，{min} 字时为 {short:.2}。\
         短段落还须构成一整个分句，或在两文档中都与另一段落相距不超过 {context} 字；\
         最低字数的一半须是文档中不反复出现的字串（文档自己的常用词不算），条、章编号不算。\
         改写的条款中间插入或删去了分句（两部分相距超过 {split} 字）时，按对齐的各部分分别列出，插入的分句不计入。\
         相似度为 1 的是原文照搬（层级名称也相同），其余为改写。字数不含空白和标点，重叠部分只计一次；\
         套话（公文和立法惯用语、责任单位名单、引用的文件名及文号）占一半以上、其余不足 {long} 字的段落为套话段落，照常列出但不计入复制比，与多少文档共有无关；\
         计入的段落中夹带的句式套话（立法依据、适用范围、施行日期、法律责任等）以及条号、章节标题行、文首的标题、文号和通过批准日期行、文末的署名和日期也不计入。\
         方向按成文日期由早到晚，日期未知或相同时不标方向。\n\
         Copy ratio = characters of a document covered by non-boilerplate passages shared with the other document, \
         divided by all characters of the document. Passages are found by alignment: every {k}-character string the \
         two documents share is a seed, seeds are chained along diagonals, and a banded alignment extends them \
         (identical +1, substitution, insertion or deletion −1 per character); each maximal-scoring stretch is one \
         passage, so rewritten, split, merged or embedded clauses are found too. A passage has at least {min} \
         identical characters (after normalisation: punctuation, whitespace, character width and variants ignored, \
         and administrative levels such as 国务院, 省, 县级以上地方人民政府, 市、县（市）、区, 本省 or 全国 read as one and \
         the same word, since a lower text that copies a provision must change its level) \
         and a similarity (identical characters ÷ the longer side) of at least {sim:.2}; passages with fewer than \
         {long} identical characters need more, {short:.2} at {min}. A short passage must also make up a whole clause, or lie within {context} \
         characters of another passage in both documents; half the minimum must be characters that are not the \
         document's own recurring vocabulary, and article and chapter numbers never count. When a clause was \
         inserted into or dropped from a rewritten provision (parts more than {split} characters apart), the \
         aligned parts are listed one by one and the inserted clause is not counted. Similarity 1 is verbatim (the same levels \
         named too), anything less rewritten. Characters exclude whitespace and punctuation, and overlapping passages count once; \
         a passage that is at least half boilerplate (公文 and legislative formulae, lists of responsible \
         departments, cited titles and document numbers) with fewer than {long} characters besides is listed \
         but left out of the ratios, however many documents share it, and so are the clause \
         skeletons (basis, scope, effective-date and liability formulae), article numbers, chapter heading lines, \
         the title, document number and dated adoption lines at the top and the signature and date at the end \
         inside a counted passage. Direction runs from the \
         earlier to the later issue date; none when a date is unknown or equal.",
        k = params.k,
        min = options.min_chars,
        sim = options.min_similarity,
        long = options.long_chars,
        short = options.short_similarity,
        context = super::engine::CONTEXT,
        split = super::engine::SPLIT_GAP,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_text_reads_as_prose() {
        // Shown in the app and every report: no source indentation may leak into it.
        let text = rule(&ReuseOptions::default());
        assert!(!text.contains("  "), "{text}");
        assert!(text.contains("异体字；国务院、省"));
    }

    #[test]
    fn dates_compare_on_what_both_know() {
        let date_parts = |text: &str| PolicyDate::parse_iso(text).map(date_parts);
        assert_eq!(date_parts("2012-12-25"), Some(vec![2012, 12, 25]));
        assert_eq!(date_parts("2014"), Some(vec![2014]));
        assert_eq!(date_parts("c. 2014"), None);
        // The model's parser reads a hand-typed single-digit month as the date it is.
        assert_eq!(date_parts("2014-9-21"), Some(vec![2014, 9, 21]));
        assert_eq!(date_parts("2014-13"), None);
    }

    #[test]
    fn union_merges_touching_spans() {
        assert_eq!(
            union(vec![Span::new(5, 9), Span::new(0, 5), Span::new(20, 21)]),
            vec![Span::new(0, 9), Span::new(20, 21)]
        );
    }
}
