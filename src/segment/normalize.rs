//! Matching normalisation that never moves offsets.
//!
//! Comparison wants 「抵（质）押品」 to match 「抵质押品」, 「显着」 to match 「显著」 and full-width
//! 「ＡＢ」 to match "ab", but reports must point into the text as decoded. So normalisation builds a
//! new char sequence in which every char remembers the char offset it came from.

use serde::{Deserialize, Serialize};

use crate::text::{CharText, Span};

/// Which differences matching ignores. Saved with the user's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NormalizeOptions {
    /// Drop punctuation (both widths) before matching.
    pub ignore_punctuation: bool,
    /// Drop whitespace (including the full-width space 「　」) before matching.
    pub ignore_whitespace: bool,
    /// Fold full-width letters and digits to ASCII and letters to lower case.
    pub fold_width: bool,
    /// Map variant characters (显着 → 显著) and Chinese year numerals (二〇一四年 → 2014年).
    pub fold_variants: bool,
    /// Read every administrative level (国务院, 省人民政府, 县级以上地方人民政府, 市、县（市）、区,
    /// 本省, 全国 …) as one and the same two-char word ([`super::levels`]): a lower text that copies a
    /// provision swaps its levels by construction. For reuse matching only: a diff or a revision
    /// table must show the swap ([`NormalizeOptions::wording`]).
    pub fold_levels: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        Self {
            ignore_punctuation: true,
            ignore_whitespace: true,
            fold_width: true,
            fold_variants: true,
            fold_levels: true,
        }
    }
}

impl NormalizeOptions {
    /// The default options without level folding: for views that show what changed between two
    /// wordings (the word diff, the revision table), where 国务院 → 省 is a change to show.
    pub fn wording() -> Self {
        Self { fold_levels: false, ..Self::default() }
    }
}

/// Normalised chars, each with the char offset of the source char it stands for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised chars.
    pub chars: Vec<char>,
    /// `origin[i]` is the char offset (into the decoded text) of `chars[i]`.
    pub origin: Vec<usize>,
    /// `(i, end)` for every normalised char that stands for several source chars (a folded level,
    /// [`NormalizeOptions::fold_levels`]): `chars[i]` covers source chars `origin[i]..end`. In order
    /// of `i`.
    pub wide: Vec<(usize, usize)>,
}

impl Normalized {
    /// Number of normalised chars.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when nothing survived normalisation.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The source span covered by normalised chars `[start, end)`: from the first char's origin to
    /// one past the last char's origin.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        if start >= end || end > self.origin.len() {
            let at = self.origin.get(start).copied().unwrap_or(0);
            return Span::new(at, at);
        }
        let last = end - 1;
        let wide_end = self.wide.binary_search_by_key(&last, |&(i, _)| i).ok().map(|w| self.wide[w].1);
        Span::new(self.origin[start], wide_end.unwrap_or(self.origin[last] + 1))
    }

    /// The normalised chars as a string (for display and debugging).
    pub fn to_string_lossy(&self) -> String {
        self.chars.iter().collect()
    }
}

/// True for chars that carry no wording: ASCII and CJK punctuation, symbols, brackets, dashes.
pub fn is_punctuation(c: char) -> bool {
    if c.is_ascii_punctuation() {
        return true;
    }
    // CJK ideographs (most of any Chinese text) lie between the ranges below: one test for them.
    if ('\u{3400}'..'\u{FE10}').contains(&c) {
        return false;
    }
    matches!(c,
        '\u{2010}'..='\u{2027}' // dashes, quotes, bullets, ellipsis
        | '\u{2030}'..='\u{205E}'
        | '\u{3001}'..='\u{3003}' // 、。〃
        | '\u{3008}'..='\u{3011}' // 〈〉《》「」『』【】
        | '\u{3014}'..='\u{301F}' // 〔〕〖〗〘〙〚〛〜〝〞〟
        | '\u{30FB}' // ・
        | '\u{FE10}'..='\u{FE19}'
        | '\u{FE30}'..='\u{FE6B}'
        | '\u{FF01}'..='\u{FF0F}' // ！＂＃＄％＆＇（）＊＋，－．／
        | '\u{FF1A}'..='\u{FF20}' // ：；＜＝＞？＠
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{00B7}' | '\u{00A7}' | '\u{00B0}'
        | '\u{2460}'..='\u{24FF}' // circled numbers used as bullets
        | '\u{25A0}'..='\u{25FF}' // geometric shapes used as bullets
    )
}

/// Fold a full-width ASCII variant (U+FF01..U+FF5E) or the ideographic space to ASCII.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Value of a Chinese digit char used in written years (二〇一四).
fn chinese_digit(c: char) -> Option<char> {
    Some(match c {
        '〇' | '零' | 'Ｏ' => '0',
        '一' => '1',
        '二' => '2',
        '三' => '3',
        '四' => '4',
        '五' => '5',
        '六' => '6',
        '七' => '7',
        '八' => '8',
        '九' => '9',
        _ => return None,
    })
}

/// Normalise `span` of `text` for matching.
pub fn normalize(text: &CharText, span: Span, options: &NormalizeOptions) -> Normalized {
    let source: Vec<char> = text.slice(span).chars().collect();
    normalize_chars(&source, span.start, options)
}

/// Normalise a char slice whose first char has offset `base` in the decoded text.
pub fn normalize_chars(source: &[char], base: usize, options: &NormalizeOptions) -> Normalized {
    let mut out = Normalized {
        chars: Vec::with_capacity(source.len()),
        origin: Vec::with_capacity(source.len()),
        wide: Vec::new(),
    };
    let mut i = 0;
    while i < source.len() {
        let c = source[i];
        if options.fold_levels
            && let Some(len) = super::levels::level_len(source, i)
        {
            // Two chars, whatever the expression's length: the first stands at its start, the
            // second at its second char (at its only char for 省) and covers the rest of it.
            out.chars.extend([super::levels::LEVEL; 2]);
            out.origin.extend([base + i, base + i + usize::from(len > 1)]);
            if len > 2 {
                out.wide.push((out.chars.len() - 1, base + i + len));
            }
            i += len;
            continue;
        }
        if options.fold_variants
            && let Some(run) = chinese_year_run(source, i)
        {
            for (k, &digit_char) in source[i..i + run].iter().enumerate() {
                if let Some(d) = chinese_digit(digit_char) {
                    out.chars.push(d);
                    out.origin.push(base + i + k);
                }
            }
            i += run;
            continue;
        }
        let mut c = if options.fold_width { fold_width(c) } else { c };
        if options.ignore_whitespace && c.is_whitespace() {
            i += 1;
            continue;
        }
        if options.ignore_punctuation && is_punctuation(c) {
            i += 1;
            continue;
        }
        if options.fold_width {
            c = c.to_ascii_lowercase();
        }
        if options.fold_variants {
            c = fold_variant(source, i, c);
        }
        out.chars.push(c);
        out.origin.push(base + i);
        i += 1;
    }
    out
}

/// Length of a run of two or more Chinese digits starting at `i` and followed by 年 (a written year).
fn chinese_year_run(source: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    while j < source.len() && chinese_digit(source[j]).is_some() {
        j += 1;
    }
    let run = j - i;
    (run >= 2 && source.get(j) == Some(&'年')).then_some(run)
}

/// Variant characters that policy texts use interchangeably. Context decides where a char has
/// other meanings: 着 is 著 only in 显着.
fn fold_variant(source: &[char], i: usize, c: char) -> char {
    match c {
        '着' if i > 0 && source[i - 1] == '显' => '著',
        '於' => '于',
        '裏' | '裡' => '里',
        '為' => '为',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(&CharText::new(s.to_string()), Span::new(0, s.chars().count()), &NormalizeOptions::default())
            .to_string_lossy()
    }

    #[test]
    fn levels_fold_to_one_word_that_covers_the_whole_expression() {
        let national = "国务院民政部门负责全国的殡葬管理工作";
        let province = "省辖市、县（市、区）民政部门负责全省的殡葬管理工作";
        assert_eq!(norm(national), norm(province));
        assert_eq!(norm("省民政部门"), norm("县级以上地方人民政府民政部门"));
        let text = CharText::new(province.to_string());
        let folded = normalize(&text, Span::new(0, text.char_len()), &NormalizeOptions::default());
        // The level's two chars cover 省辖市、县（市、区）, all ten source chars of it.
        assert_eq!(folded.source_span(0, 2), Span::new(0, 10));
        assert_eq!(folded.source_span(1, 3), Span::new(1, 11));
        // A diff or a revision table sees the wording itself.
        let wording = normalize(&text, Span::new(0, text.char_len()), &NormalizeOptions::wording());
        assert_eq!(wording.to_string_lossy(), "省辖市县市区民政部门负责全省的殡葬管理工作");
    }

    #[test]
    fn punctuation_and_brackets_are_ignored() {
        assert_eq!(norm("扩大电子商务企业贷款抵（质）押品范围"), norm("扩大电子商务企业贷款抵质押品范围"));
        assert_eq!(norm("　　（二十二）强化财政支持。"), "二十二强化财政支持");
    }

    #[test]
    fn variants_and_widths_fold() {
        assert_eq!(norm("水平显着提升"), norm("水平显著提升"));
        assert_eq!(norm("Ｂ２Ｃ"), "b2c");
        assert_eq!(norm("二〇一四年"), "2014年");
        assert_eq!(norm("一批"), "一批");
    }

    #[test]
    fn origins_point_into_the_source() {
        let text = CharText::new("甲，乙（丙）".to_string());
        let n = normalize(&text, Span::new(0, 6), &NormalizeOptions::default());
        assert_eq!(n.to_string_lossy(), "甲乙丙");
        assert_eq!(n.origin, vec![0, 2, 4]);
        assert_eq!(n.source_span(1, 3), Span::new(2, 5));
    }
}
