//! Chinese numerals as used in 公文 numbering (一 … 二十八 … 一百零五), written dates, and the
//! amounts of policy levers (一千万, 3.2万亿, 百亿).

/// Value of a Chinese numeral such as 二十二, 十, 一百零五, 两; `None` if `s` is not one.
pub fn parse_chinese_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    // Digit-by-digit form used in years: 二〇一二.
    if s.chars().count() > 1 && s.chars().all(|c| digit_value(c).is_some()) && !s.contains(['十', '百', '千']) {
        return s.chars().try_fold(0u32, |acc, c| Some(acc.checked_mul(10)? + digit_value(c)?));
    }
    let mut total: u32 = 0;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            current = Some(d);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            _ => return None,
        };
        // 十 alone at the start means 一十.
        total = total.checked_add(current.unwrap_or(1).checked_mul(unit)?)?;
        current = None;
    }
    total.checked_add(current.unwrap_or(0))
}

/// Value of an amount written with Chinese numerals and/or the large units 万 and 亿, as policy
/// texts write money and targets: 一千万 (10 000 000), 两亿 (200 000 000), 百亿 (10 000 000 000),
/// 万亿 (1 000 000 000 000), 二〇一五 (2015), 五点五 (5.5). An Arabic prefix is multiplied by the
/// Chinese part: `parse_amount("3.2万亿")` is 3.2 × 10¹². `None` if `s` is not such an amount.
///
/// Lever extraction reads every number through here, so that 一千万元 and 1000万元 compare equal.
pub fn parse_amount(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // Split an Arabic prefix (with decimal point) from the Chinese rest.
    let arabic_len = s.char_indices().find(|&(_, c)| !(c.is_ascii_digit() || c == '.')).map_or(s.len(), |(i, _)| i);
    let (arabic, chinese) = s.split_at(arabic_len);
    if !arabic.is_empty() {
        let base: f64 = arabic.parse().ok()?;
        let multiplier = if chinese.is_empty() { 1.0 } else { unit_multiplier(chinese)? };
        return Some(base * multiplier);
    }
    // 五点五: a decimal written in Chinese.
    if let Some((whole, fraction)) = chinese.split_once('点') {
        let whole = parse_amount(whole)?;
        let digits: Option<Vec<u32>> = fraction.chars().map(digit_value).collect();
        let digits = digits.filter(|d| !d.is_empty())?;
        let fraction: f64 = digits.iter().rev().fold(0.0, |acc, &d| (acc + f64::from(d)) / 10.0);
        return Some(whole + fraction);
    }
    // Sections separated by 亿 and 万, each a number below 10 000 (an empty section before a unit is 一).
    let mut total = 0.0;
    let mut rest = chinese;
    for (unit, value) in [('亿', 1e8), ('万', 1e4)] {
        if let Some((head, tail)) = rest.split_once(unit) {
            let head_value = if head.is_empty() { 1.0 } else { parse_amount(head)? };
            total += head_value * value;
            rest = tail;
        }
    }
    if !rest.is_empty() {
        total += f64::from(parse_chinese_number(rest)?);
    }
    Some(total)
}

/// Value of a run of large units written after an Arabic number: 万, 亿, 万亿, 千万, 百万, 千, 百.
fn unit_multiplier(s: &str) -> Option<f64> {
    s.chars().try_fold(1.0, |acc, c| {
        Some(
            acc * match c {
                '十' => 10.0,
                '百' => 100.0,
                '千' => 1000.0,
                '万' => 1e4,
                '亿' => 1e8,
                _ => return None,
            },
        )
    })
}

/// Value of one Chinese digit char.
fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// True for chars that can appear in a Chinese numeral.
pub fn is_chinese_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '百' | '千' | '拾' | '佰' | '仟')
}

/// Value of a circled number ① … ⑳.
pub fn circled_value(c: char) -> Option<u32> {
    match c {
        '\u{2460}'..='\u{2473}' => Some(c as u32 - 0x2460 + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_outline_numbers() {
        assert_eq!(parse_chinese_number("一"), Some(1));
        assert_eq!(parse_chinese_number("十"), Some(10));
        assert_eq!(parse_chinese_number("十七"), Some(17));
        assert_eq!(parse_chinese_number("二十二"), Some(22));
        assert_eq!(parse_chinese_number("二十八"), Some(28));
        assert_eq!(parse_chinese_number("一百零五"), Some(105));
        assert_eq!(parse_chinese_number("二〇一二"), Some(2012));
        assert_eq!(parse_chinese_number("产业"), None);
        assert_eq!(circled_value('③'), Some(3));
    }

    #[test]
    fn parses_amounts() {
        assert_eq!(parse_amount("一千万"), Some(1e7));
        assert_eq!(parse_amount("1000万"), Some(1e7));
        assert_eq!(parse_amount("3.2万亿"), Some(3.2e12));
        assert_eq!(parse_amount("百亿"), Some(1e10));
        assert_eq!(parse_amount("千亿"), Some(1e11));
        assert_eq!(parse_amount("万亿"), Some(1e12));
        assert_eq!(parse_amount("亿"), Some(1e8));
        assert_eq!(parse_amount("两亿五千万"), Some(2.5e8));
        assert_eq!(parse_amount("二〇一五"), Some(2015.0));
        assert_eq!(parse_amount("五点五"), Some(5.5));
        assert_eq!(parse_amount("十二"), Some(12.0));
        assert_eq!(parse_amount("批"), None);
        assert_eq!(parse_amount("3.2.1"), None);
    }
}
