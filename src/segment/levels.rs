//! Administrative levels read as one word: 国务院, 省人民政府, 县级以上地方人民政府, 市、县（市）、区.
//!
//! A provincial or city text that implements a national one rewrites every level by construction:
//! 「国务院民政部门负责全国的殡葬管理工作。县级以上地方人民政府民政部门负责本行政区域内的殡葬管理工作」
//! becomes 「省民政部门负责全省的殡葬管理工作。省辖市、县（市、区）民政部门依照职责分工，负责本行政区域内的
//! 殡葬管理工作」. Compared char by char, each swap costs as much as an inserted clause, and a copied
//! provision that names two or three levels falls below the similarity a rewrite needs. Reuse matching
//! therefore reads every level expression as the same word, [`LEVEL`] twice (about as long as most
//! level names, so an identical level keeps about its weight as evidence): which level a provision
//! names is exactly what a lower text must change, not evidence that it did not copy.
//!
//! A level expression is a chain of level units joined by 、和及或者与 (市、县（市）、区;
//! 设区的市或者县级), each unit optionally followed by a bracketed list of units (县（市、区）), and
//! the chain optionally followed by a government suffix (人民政府, 地方各级人民政府, 政府, 级).
//! Units of two or more chars (国务院, 县级以上, 设区的市, 省辖市, 本省, 全国 …) are levels wherever
//! they stand. A single-char unit (省, 市, 县, 区, 乡, 镇) is one only where it cannot be part of a
//! word: followed by a government suffix (市人民政府, and so 杭州市人民政府 keeps only its name), or
//! after a clause break or a function char (由, 经, 报, 和 …) and followed by another unit or an
//! organ name that ends in 部门, 机构, 机关 or 委员会 (省民政部门). 市场监督管理部门, 园区管理机构,
//! 城市 and 乡村 stay as they are, and so do place names without a government suffix (浙江省).

/// The char a level expression reads as (twice): a private-use code point, which no decoded text
/// holds.
pub const LEVEL: char = '\u{E000}';

/// Units of two or more chars, longest first where one is a prefix of another.
const LONG_UNITS: &[&str] = &[
    "国务院",
    "县级以上",
    "地方各级",
    "各级",
    "设区的市",
    "省辖市",
    "地级市",
    "县级市",
    "自治区",
    "直辖市",
    "自治州",
    "自治县",
    "地级以上市",
    "县级",
    "省级",
    "市级",
    "乡级",
    "乡镇",
    "本级",
    "同级",
    "上级",
    "本自治区",
    "本省",
    "本市",
    "本县",
    "本区",
    "全省",
    "全市",
    "全县",
    "全区",
    "全国",
    "我省",
    "我市",
    "我县",
    "我区",
];

/// Units of one char: levels only in the contexts the module comment gives.
const SHORT_UNITS: &[char] = &['省', '市', '县', '区', '乡', '镇'];

/// Government suffixes after a chain, longest first.
const SUFFIXES: &[&str] =
    &["地方各级人民政府", "地方人民政府", "各级人民政府", "级人民政府", "人民政府", "级政府", "政府"];

/// Joiners between units of a chain, longest first.
const JOINERS: &[&str] = &["以及", "或者", "、", "和", "及", "或", "与"];

/// Chars after which a single-char unit starts a level rather than ends a word: 由省…, 经市…, 报县…
const FUNCTION_CHARS: &str = "由经报和及或与向对在的同并将从其各请交送为至按";

/// Ends of an organ name after a single-char unit (省民政部门, 市气象主管机构).
const ORGAN_ENDS: &[&str] = &["部门", "机构", "机关", "委员会"];

/// Organ names are at most this many chars between the unit and the end word.
const MAX_ORGAN_STEM: usize = 8;

/// Words that begin with a single-char unit and are no level: 市场监督管理部门, 区域, 乡村振兴.
const WORDS: &[&str] = &[
    "市场", "市民", "市政", "市容", "市区", "市值", "区域", "区别", "区分", "区间", "区划", "县城", "省份", "省略",
    "乡村", "乡土", "镇区",
];

/// Words that end in the first char of a long unit (健全 before 全省级, 基本 before 本市, 不同 before
/// 同级): a unit right after one of them is the word's tail, not a level.
const WORD_TAILS: &[&str] = &[
    "健全", "完全", "安全", "齐全", "周全", "保全", "成全", "基本", "根本", "资本", "成本", "文本", "版本", "样本",
    "日本", "原本", "自我", "不同", "共同", "相同", "连同", "如同", "协同", "合同", "以上",
];

/// Length in source chars of the level expression that starts at `source[i]`, if one does.
pub fn level_len(source: &[char], i: usize) -> Option<usize> {
    // Called for every char of every document a folder scan prepares: one match rejects almost all.
    if !may_start(*source.get(i)?) {
        return None;
    }
    if i > 0 && WORD_TAILS.iter().any(|w| starts_with(source, i - 1, w)) {
        return None;
    }
    let (mut end, first_long) = unit_at(source, i)?;
    let mut units = 1;
    let mut bracketed = false;
    if let Some(after) = bracket_at(source, end) {
        end = after;
        bracketed = true;
    }
    // More units, each after a joiner.
    while let Some(joined) = JOINERS.iter().find_map(|j| starts_with(source, end, j).then_some(end + j.chars().count()))
    {
        let Some((unit_end, _)) = unit_at(source, joined) else { break };
        end = unit_end;
        units += 1;
        if let Some(after) = bracket_at(source, end) {
            end = after;
            bracketed = true;
        }
    }
    let suffix = SUFFIXES.iter().find(|s| starts_with(source, end, s)).map(|s| s.chars().count());
    if let Some(len) = suffix {
        return Some(end + len - i);
    }
    let stands_alone = first_long || boundary_before(source, i);
    (stands_alone && (first_long || units > 1 || bracketed || organ_follows(source, end))).then_some(end - i)
}

/// True when a unit may start with `c` (the first chars of [`LONG_UNITS`] and [`SHORT_UNITS`]).
fn may_start(c: char) -> bool {
    matches!(
        c,
        '国' | '县'
            | '地'
            | '各'
            | '设'
            | '省'
            | '市'
            | '自'
            | '直'
            | '乡'
            | '本'
            | '同'
            | '上'
            | '全'
            | '我'
            | '区'
            | '镇'
    )
}

/// The unit at `i` (its end, and whether it is a long unit), if one starts there. A single-char
/// unit that begins one of [`WORDS`] (市场, 区域) is none, except 市民 before 政 (市民政部门) and 市政
/// before 府 (市政府).
fn unit_at(source: &[char], i: usize) -> Option<(usize, bool)> {
    if let Some(unit) = LONG_UNITS.iter().find(|u| starts_with(source, i, u)) {
        return Some((i + unit.chars().count(), true));
    }
    let c = *source.get(i)?;
    if !SHORT_UNITS.contains(&c) {
        return None;
    }
    let word = WORDS.iter().find(|w| starts_with(source, i, w));
    let exception = starts_with(source, i, "市民政") || starts_with(source, i, "市政府");
    if word.is_some() && !exception {
        return None;
    }
    Some((i + 1, false))
}

/// End of a bracketed list of units at `i` (（市、区）, (镇)), if one is there.
fn bracket_at(source: &[char], i: usize) -> Option<usize> {
    let open = *source.get(i)?;
    let close = match open {
        '（' => '）',
        '(' => ')',
        _ => return None,
    };
    let mut at = i + 1;
    loop {
        let (end, _) = unit_at(source, at)?;
        at = end;
        match source.get(at) {
            Some(&c) if c == close => return Some(at + 1),
            Some('、' | ',' | '，') => at += 1,
            _ => return None,
        }
    }
}

/// True when a single-char unit at `i` cannot be the end of a word: the text starts there, or the
/// char before is no ideograph (a clause break, a space, a bracket) or a function char.
fn boundary_before(source: &[char], i: usize) -> bool {
    match i.checked_sub(1).and_then(|p| source.get(p)) {
        None => true,
        Some(&c) => !is_ideograph(c) || FUNCTION_CHARS.contains(c),
    }
}

/// True when an organ name (a few ideographs ending in 部门, 机构, 机关 or 委员会) starts at `i`.
fn organ_follows(source: &[char], i: usize) -> bool {
    for stem in 1..=MAX_ORGAN_STEM {
        let end = i + stem;
        if end > source.len() || !is_ideograph(source[end - 1]) {
            return false;
        }
        if ORGAN_ENDS.iter().any(|e| starts_with(source, end, e)) {
            return true;
        }
    }
    false
}

fn is_ideograph(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

fn starts_with(source: &[char], i: usize, word: &str) -> bool {
    (i..).zip(word.chars()).all(|(at, w)| source.get(at) == Some(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The level expression found at the first char of `text`, as text.
    fn level(text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        level_len(&chars, 0).map(|n| chars[..n].iter().collect())
    }

    /// Every level expression of `text`, scanning left to right.
    fn levels(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            match level_len(&chars, i) {
                Some(n) => {
                    out.push(chars[i..i + n].iter().collect());
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn every_unit_passes_the_first_char_test() {
        for unit in LONG_UNITS {
            assert!(unit.chars().next().is_some_and(may_start), "{unit}");
        }
        assert!(SHORT_UNITS.iter().all(|&c| may_start(c)));
    }

    #[test]
    fn chains_brackets_and_suffixes_are_one_level() {
        assert_eq!(level("县级以上地方人民政府民政部门").as_deref(), Some("县级以上地方人民政府"));
        assert_eq!(level("县级以上地方各级人民政府应当").as_deref(), Some("县级以上地方各级人民政府"));
        assert_eq!(level("市、县（市）、区民政部门是").as_deref(), Some("市、县（市）、区"));
        assert_eq!(level("省辖市、县（市、区）民政部门").as_deref(), Some("省辖市、县（市、区）"));
        assert_eq!(level("省、自治区、直辖市人民政府民政部门").as_deref(), Some("省、自治区、直辖市人民政府"));
        assert_eq!(level("设区的市或者县级人民政府").as_deref(), Some("设区的市或者县级人民政府"));
        assert_eq!(level("乡（镇）人民政府审核").as_deref(), Some("乡（镇）人民政府"));
        assert_eq!(level("国务院有关部门").as_deref(), Some("国务院"));
        assert_eq!(level("省民政部门负责全省的").as_deref(), Some("省"));
        assert_eq!(level("市人民政府批准").as_deref(), Some("市人民政府"));
        assert_eq!(levels("报省民政部门备案，由市气象主管机构"), ["省", "市"]);
        assert_eq!(levels("负责全国的殡葬管理工作，适用于本省"), ["全国", "本省"]);
    }

    #[test]
    fn words_that_begin_with_a_level_char_stay() {
        assert_eq!(levels("市场监督管理部门"), Vec::<String>::new());
        assert_eq!(levels("园区管理机构"), Vec::<String>::new());
        assert_eq!(levels("，区域气象中心"), Vec::<String>::new());
        assert_eq!(levels("推进乡村振兴，城市管理部门"), Vec::<String>::new());
        // A lone 市 with no organ or government after it is a word's end or a place name.
        assert_eq!(levels("，市级财政"), ["市级"]);
        assert_eq!(levels("，省里"), Vec::<String>::new());
        // A place name keeps its name; its level word folds only with a government suffix.
        assert_eq!(levels("浙江省法律援助条例"), Vec::<String>::new());
        assert_eq!(levels("杭州市人民政府"), ["市人民政府"]);
        assert_eq!(level("市民政部门").as_deref(), Some("市"));
        assert_eq!(level("市政府").as_deref(), Some("市政府"));
        // The tail of a word is no level (健全, 不同), though a level may follow it (省级).
        assert_eq!(levels("健全省级统筹"), ["省级"]);
        assert_eq!(levels("完全国产化"), Vec::<String>::new());
        assert_eq!(levels("不同级别"), Vec::<String>::new());
        assert_eq!(levels("负责全国的工作"), ["全国"]);
    }
}
