//! Heading normalisation for comparison: synonyms folded, generic words removed (`assets/synonyms.tsv`).

use std::sync::OnceLock;

/// The synonym list as shipped.
const SYNONYMS_TSV: &str = include_str!("../../assets/synonyms.tsv");

/// Canonical form that means "drop this word".
const REMOVE: &str = "-";

/// `(variant, replacement)` pairs, longest variant first so that 电子商务 wins over shorter overlaps.
fn rules() -> &'static [(Vec<char>, String)] {
    static RULES: OnceLock<Vec<(Vec<char>, String)>> = OnceLock::new();
    RULES.get_or_init(|| parse_rules(SYNONYMS_TSV))
}

pub(crate) fn parse_rules(tsv: &str) -> Vec<(Vec<char>, String)> {
    let mut rules: Vec<(Vec<char>, String)> = tsv
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (canonical, variants) = line.split_once('\t')?;
            let canonical = canonical.trim();
            let replacement = if canonical == REMOVE { String::new() } else { canonical.to_string() };
            Some(
                variants
                    .split('|')
                    .map(str::trim)
                    .filter(|variant| !variant.is_empty())
                    .map(move |variant| (variant.chars().collect::<Vec<char>>(), replacement.clone()))
                    .collect::<Vec<_>>(),
            )
        })
        .flatten()
        .collect();
    // Longest first; the stable sort keeps file order among equals, so the first rule listed wins.
    rules.sort_by_key(|rule| std::cmp::Reverse(rule.0.len()));
    rules
}

/// Fold `title` for comparison: synonyms to their canonical form, generic words and punctuation out.
pub(crate) fn fold_heading(title: &str) -> String {
    fold_with(title, rules())
}

pub(crate) fn fold_with(title: &str, rules: &[(Vec<char>, String)]) -> String {
    let chars: Vec<char> = title.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out = String::with_capacity(title.len());
    let mut at = 0;
    while at < chars.len() {
        let rest = &chars[at..];
        match rules.iter().find(|(variant, _)| rest.starts_with(variant)) {
            Some((variant, replacement)) => {
                out.push_str(replacement);
                at += variant.len();
            }
            None => {
                out.push(chars[at]);
                at += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_make_finance_headings_equal() {
        assert_eq!(fold_heading("强化财政支持"), fold_heading("加大财政支持力度"));
        assert_eq!(fold_heading("加大财政支持。"), "加强财政支持");
        assert_eq!(fold_heading("加强用地支持"), fold_heading("强化用地支持"));
        assert_eq!(fold_heading("加强融资支持"), fold_heading("加大金融扶持力度"));
    }

    #[test]
    fn generic_words_go() {
        assert_eq!(fold_heading("大力发展移动电子商务"), "移动");
        assert_eq!(fold_heading("加快电子商务基础设施建设。"), "基础设施");
    }

    #[test]
    fn longest_variant_wins_and_file_order_breaks_ties() {
        let rules = parse_rules("# x\nA\tab|abc\nB\tab\n-\tz\n");
        assert_eq!(fold_with("abcz ab", &rules), "AA");
    }
}
