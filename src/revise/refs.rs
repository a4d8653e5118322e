//! Cross-references that changed only because articles were renumbered: 「依照本办法第十二条」 in the
//! old text and 「第十四条」 in the new, where old 第十二条 became new 第十四条.

use std::collections::BTreeMap;

use crate::outline::numerals::{is_chinese_numeral_char, parse_chinese_number};

/// Write `n` as a Chinese numeral the way article numbers are written (十二, 二十, 一百零五).
pub fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: u32| DIGITS[(d % 10) as usize];
    match n {
        0..=9 => digit(n).to_string(),
        10..=19 => format!("十{}", if n.is_multiple_of(10) { "" } else { digit(n % 10) }),
        20..=99 => format!("{}十{}", digit(n / 10), if n.is_multiple_of(10) { "" } else { digit(n % 10) }),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", digit(rest)),
                10..=19 => format!("一{}", chinese_number(rest)),
                _ => chinese_number(rest),
            };
            format!("{}百{tail}", digit(n / 100))
        }
        _ => n.to_string(),
    }
}

/// The article references in `text`: `(char offset, char length, number)` of each 「第…条」.
pub fn article_refs(text: &str) -> Vec<(usize, usize, u32)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '第' {
            let digits: String = chars[i + 1..].iter().take_while(|c| is_chinese_numeral_char(**c)).collect();
            let n = digits.chars().count();
            if n > 0
                && chars.get(i + 1 + n) == Some(&'条')
                && let Some(value) = parse_chinese_number(&digits)
            {
                out.push((i, n + 2, value));
                i += n + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// `text` with every reference to an old article rewritten to the article's new number, per
/// `renumbering` (old number → new number); references to articles not in the map stay as written.
pub fn renumber_refs(text: &str, renumbering: &BTreeMap<u32, u32>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, len, value) in article_refs(text) {
        out.extend(&chars[at..start]);
        match renumbering.get(&value) {
            Some(&new) => {
                out.push('第');
                out.push_str(&chinese_number(new));
                out.push('条');
            }
            None => out.extend(&chars[start..start + len]),
        }
        at = start + len;
    }
    out.extend(&chars[at..]);
    out
}

/// The references whose number differs between `old` and `new` in order, when the renumbering
/// explains them all: `[(第十二条, 第十四条)]`.
pub fn changed_refs(old: &str, new: &str, renumbering: &BTreeMap<u32, u32>) -> Vec<(String, String)> {
    let (a, b) = (article_refs(old), article_refs(new));
    if a.len() != b.len() {
        return Vec::new();
    }
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x.2 != y.2 && renumbering.get(&x.2) == Some(&y.2))
        .map(|(x, y)| (format!("第{}条", chinese_number(x.2)), format!("第{}条", chinese_number(y.2))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_round_trip() {
        for n in 1..=300 {
            assert_eq!(parse_chinese_number(&chinese_number(n)), Some(n), "{n} → {}", chinese_number(n));
        }
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(105), "一百零五");
        assert_eq!(chinese_number(110), "一百一十");
    }

    #[test]
    fn references_follow_the_renumbering() {
        let map = BTreeMap::from([(12, 14), (3, 3)]);
        let old = "依照本办法第十二条、第三条的规定，适用第九十九条";
        assert_eq!(renumber_refs(old, &map), "依照本办法第十四条、第三条的规定，适用第九十九条");
        let new = "依照本办法第十四条、第三条的规定，适用第九十九条";
        assert_eq!(changed_refs(old, new, &map), vec![("第十二条".to_string(), "第十四条".to_string())]);
    }
}
