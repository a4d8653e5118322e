//! Chinese numerals as used in 公文 numbering (一 … 二十八 … 一百零五) and written dates.

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
}
