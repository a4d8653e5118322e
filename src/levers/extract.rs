//! The char scanner behind [`super::extract_text`]: numbers with their units, bounds and context.

use super::{Bound, Lever, LeverKind, format_number};
use crate::outline::numerals::parse_amount;
use crate::text::Span;

/// A text prepared for scanning: the chars as written, the same chars with full-width digits and
/// punctuation folded to ASCII (same length, so offsets agree), and which chars lie inside titles,
/// document numbers or quotations.
pub(super) struct Scan {
    /// The chars as written.
    pub original: Vec<char>,
    /// Full-width folded to half-width, one char for one char.
    pub chars: Vec<char>,
    /// Inside 《》, 〔〕, 【】 or quotation marks: names and citations, never levers.
    pub quoted: Vec<bool>,
    /// Target years (到2015年): (char offset, year).
    targets: Vec<(usize, i32)>,
}

/// Chars that can be part of a Chinese number token.
fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '○'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
    )
}

/// Chinese digits proper (not the units 十百千万亿).
fn is_chinese_digit(c: char) -> bool {
    matches!(c, '〇' | '零' | '○' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九')
}

/// Fold full-width digits and punctuation to ASCII so that one scanner reads both widths.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '，' => ',',
        '；' => ';',
        '－' | '—' | '–' | '～' | '~' | '〜' => '-',
        _ => c,
    }
}

/// A number token: its value, the high end of a range, where it ends, and whether it was written
/// only with Chinese chars (and whether those include a digit).
#[derive(Clone, Copy, Debug)]
struct Token {
    low: f64,
    high: Option<f64>,
    end: usize,
    chinese_only: bool,
    has_digit: bool,
}

/// Count classifiers and the chars that, following them, make a word instead (项目, 人员 …).
const CLASSIFIERS: [(char, &str); 10] = [
    ('家', "电具政居庭属长乡"),
    ('个', "性体别人案"),
    ('人', "民员才力口均士群身次"),
    ('名', "称牌优录单义额"),
    ('位', "于置列居"),
    ('项', "目下"),
    ('所', "有得在属需以述"),
    ('座', "谈"),
    ('户', "籍口外型"),
    ('支', "持付出撑柱"),
];

impl Scan {
    /// Prepare `text`.
    pub fn new(text: &str) -> Scan {
        let original: Vec<char> = text.chars().collect();
        let chars: Vec<char> = original.iter().map(|&c| fold(c)).collect();
        let quoted = quoted_mask(&chars);
        let mut scan = Scan { original, chars, quoted, targets: Vec::new() };
        scan.targets = scan.find_targets();
        scan
    }

    /// The text of `[start, end)` as written.
    pub fn original(&self, start: usize, end: usize) -> String {
        self.original[start.min(self.original.len())..end.min(self.original.len())].iter().collect()
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// True when the folded text at `i` starts with `word`.
    pub fn starts_with(&self, i: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, c)| self.at(i + k) == Some(c))
    }

    /// True when the folded text ends with `word` just before `i`.
    pub fn ends_with(&self, i: usize, word: &str) -> bool {
        let n = word.chars().count();
        i >= n && self.starts_with(i - n, word)
    }

    /// Start of the paragraph holding `i`.
    pub fn paragraph_start(&self, i: usize) -> usize {
        self.chars[..i.min(self.chars.len())].iter().rposition(|&c| c == '\n').map_or(0, |p| p + 1)
    }

    /// Start of the sentence (after 。；; or a line end) holding `i`.
    fn sentence_start(&self, i: usize) -> usize {
        self.chars[..i.min(self.chars.len())]
            .iter()
            .rposition(|&c| matches!(c, '\n' | '。' | ';' | '!' | '?' | '！' | '？'))
            .map_or(0, |p| p + 1)
    }

    /// The clause around `span` as written: from the previous clause mark to the next one.
    pub fn phrase(&self, span: Span) -> String {
        let is_mark = |c: char| matches!(c, '\n' | '。' | ';' | ',' | ':' | '、');
        let mut start = span.start;
        while start > 0 && !is_mark(self.chars[start - 1]) && span.start - start < 40 {
            start -= 1;
        }
        let mut end = span.end;
        while end < self.chars.len() && !is_mark(self.chars[end]) && end - span.end < 30 {
            end += 1;
        }
        self.original(start, end).trim().to_string()
    }

    /// 到2015年 / 力争到2020年: the target years of the text.
    fn find_targets(&self) -> Vec<(usize, i32)> {
        let mut targets = Vec::new();
        for i in 0..self.chars.len() {
            if self.chars[i] == '到'
                && !self.quoted[i]
                && let Some(token) = self.token(i + 1)
                && token.high.is_none()
                && (1900.0..2200.0).contains(&token.low)
                && self.at(token.end) == Some('年')
            {
                targets.push((i, token.low as i32));
            }
        }
        targets
    }

    /// The target year in force at `i`: the last 到YYYY年 before it in the same paragraph.
    fn target_year(&self, i: usize) -> Option<i32> {
        let start = self.paragraph_start(i);
        self.targets.iter().rev().find(|&&(at, _)| at < i && at >= start).map(|&(_, year)| year)
    }

    /// Read one number (not a range) starting at `i`.
    fn single(&self, i: usize) -> Option<(f64, usize, bool, bool)> {
        let first = self.at(i)?;
        if first.is_ascii_digit() {
            let mut end = i;
            let mut text = String::new();
            while let Some(c) = self.at(end) {
                if c.is_ascii_digit() || (c == '.' && self.at(end + 1).is_some_and(|d| d.is_ascii_digit())) {
                    text.push(c);
                } else if c == ','
                    && (1..=3).all(|k| self.at(end + k).is_some_and(|d| d.is_ascii_digit()))
                    && !self.at(end + 4).is_some_and(|d| d.is_ascii_digit())
                {
                    // 1,000 (thousands separator), not a clause comma before another number.
                } else {
                    break;
                }
                end += 1;
            }
            // Large units after Arabic digits: 3.2万亿, 1000万.
            while let Some(c) = self.at(end) {
                if matches!(c, '万' | '亿')
                    || (matches!(c, '千' | '百') && matches!(self.at(end + 1), Some('万' | '亿')))
                {
                    text.push(c);
                    end += 1;
                } else {
                    break;
                }
            }
            return Some((parse_amount(&text)?, end, false, true));
        }
        if is_chinese_numeral(first) {
            let mut end = i;
            while self.at(end).is_some_and(|c| is_chinese_numeral(c) || (c == '点' && end > i)) {
                end += 1;
            }
            let text: String = self.chars[i..end].iter().collect();
            let text = text.trim_end_matches('点');
            let end = i + text.chars().count();
            let has_digit = text.chars().any(is_chinese_digit) || text.contains('十');
            return Some((parse_amount(text)?, end, true, has_digit));
        }
        None
    }

    /// Read a number or a range (5-10, 5至10) starting at `i`.
    fn token(&self, i: usize) -> Option<Token> {
        let (low, end, chinese_only, has_digit) = self.single(i)?;
        if matches!(self.at(end), Some('-' | '至' | '到'))
            && let Some((high, high_end, _, _)) = self.single(end + 1)
            && high > low
        {
            return Some(Token { low, high: Some(high), end: high_end, chinese_only, has_digit });
        }
        Some(Token { low, high: None, end, chinese_only, has_digit })
    }

    /// The bound word just before `start` and the bound suffix at `end`; returns the bound and the
    /// end after the suffix.
    fn bound(&self, start: usize, end: usize) -> (Bound, usize) {
        for (suffix, bound) in [
            ("及以上", Bound::AtLeast),
            ("以上", Bound::AtLeast),
            ("以下", Bound::AtMost),
            ("以内", Bound::AtMost),
            ("之内", Bound::AtMost),
            ("左右", Bound::About),
        ] {
            if self.starts_with(end, suffix) {
                return (bound, end + suffix.chars().count());
            }
        }
        // 不低于注册资本的20%: the bound word comes before what the number is of.
        let mut from = start;
        while from > 0 && !matches!(self.chars[from - 1], '\n' | '。' | ';' | ',' | '、' | ':') && start - from < 20 {
            from -= 1;
        }
        let of_phrase = start > 0 && self.chars[start - 1] == '的';
        let before = |words: &[&str]| {
            words.iter().any(|w| self.ends_with(start, w) || (of_phrase && self.window_has(from, start, w)))
        };
        let bound = if before(&["不低于", "不少于", "至少", "最低", "最低可缴纳", "不小于"]) {
            Bound::AtLeast
        } else if before(&["不超过", "不高于", "最高", "最多", "不大于", "低于", "少于"]) {
            Bound::AtMost
        } else if before(&["超过", "超", "突破", "高于", "逾", "多于"]) {
            Bound::MoreThan
        } else if before(&["约", "近", "大约"]) {
            Bound::About
        } else {
            Bound::Exact
        };
        (bound, end)
    }

    /// All numeric levers (money, rates, counts, durations and dates) in text order.
    pub fn numbers(&self) -> Vec<Lever> {
        let mut levers = Vec::new();
        let mut i = 0;
        while i < self.chars.len() {
            let c = self.chars[i];
            let starts_token = (c.is_ascii_digit() || is_chinese_numeral(c))
                && !(i > 0 && (self.chars[i - 1].is_ascii_digit() || self.chars[i - 1] == '.'));
            if c == '百'
                && self.starts_with(i, "百分之")
                && !self.quoted[i]
                && let Some(token) = self.token(i + 3)
            {
                let (bound, end) = self.bound(i, token.end);
                levers.push(self.rate(i, end, token, bound, "%"));
                i = end;
                continue;
            }
            if !starts_token || self.quoted[i] {
                i += 1;
                continue;
            }
            let Some(token) = self.token(i) else {
                i += 1;
                continue;
            };
            // Letters or digits glued before an Arabic number: 4G, B2B, IPv6 are names.
            let glued = i > 0 && self.chars[i - 1].is_ascii_alphabetic();
            let ordinal = i > 0 && self.chars[i - 1] == '第';
            if glued || ordinal {
                i = token.end.max(i + 1);
                continue;
            }
            if let Some((lever, end)) = self.classify(i, token) {
                merge_or_push(&mut levers, lever);
                i = end;
            } else {
                i = self.skip_date(token).max(i + 1);
            }
        }
        levers
    }

    /// After a year token, the end of the whole written date (2014年9月21日); else the token end.
    fn skip_date(&self, token: Token) -> usize {
        let mut end = token.end;
        if (1000.0..3000.0).contains(&token.low) && self.at(end) == Some('年') {
            end += 1;
            for unit in ['月', '日'] {
                if let Some((_, e, _, _)) = self.single(end)
                    && self.at(e) == Some(unit)
                {
                    end = e + 1;
                }
            }
        }
        end
    }

    /// Decide what the token at `start` is by the unit after it; `None` when it is no lever.
    fn classify(&self, start: usize, token: Token) -> Option<(Lever, usize)> {
        let unit_at = token.end;
        let next = self.at(unit_at)?;
        let is_year = token.high.is_none_or(|h| h < 3000.0) && (1000.0..3000.0).contains(&token.low) && next == '年';
        if is_year {
            return self.date(start, token);
        }
        match next {
            '%' | '‰' => {
                let (bound, end) = self.bound(start, unit_at + 1);
                Some((self.rate(start, end, token, bound, "%"), end))
            }
            // 所收财物价值1倍以上3倍以下: a multiple is a rate in 倍.
            '倍' => {
                let (bound, end) = self.bound(start, unit_at + 1);
                Some((self.rate(start, end, token, bound, "倍"), end))
            }
            '元' => self.money(start, token),
            '个' if self.at(unit_at + 1) == Some('月') => self.duration(start, token, "月", unit_at + 2),
            '个' if self.starts_with(unit_at + 1, "工作日") => self.duration(start, token, "工作日", unit_at + 4),
            '年' => self.duration(start, token, "年", unit_at + 1),
            '天' => self.duration(start, token, "日", unit_at + 1),
            // 七十周岁以上: an age, counted in 岁.
            '周' if self.at(unit_at + 1) == Some('岁') => self.age(start, token, unit_at + 2),
            '岁' => self.age(start, token, unit_at + 1),
            '周' => self.duration(start, token, "周", unit_at + 1),
            '小' if self.starts_with(unit_at, "小时") => self.duration(start, token, "小时", unit_at + 2),
            '个' if self.starts_with(unit_at + 1, "小时") => self.duration(start, token, "小时", unit_at + 3),
            '日' if self.at(unit_at + 1) != Some('起') => self.duration(start, token, "日", unit_at + 1),
            '工' if self.starts_with(unit_at, "工作日") => self.duration(start, token, "工作日", unit_at + 3),
            _ => self.count(start, token, next),
        }
    }

    fn lever(&self, kind: LeverKind, start: usize, end: usize, token: Token, unit: &str, bound: Bound) -> Lever {
        let value = match token.high {
            Some(high) => format!("{}-{}", format_number(token.low), format_number(high)),
            None => format_number(token.low),
        };
        let span = Span::new(start, end);
        let mut lever = Lever::new(kind, value, unit, span, self.phrase(span));
        lever.number = Some(token.low);
        lever.high = token.high;
        lever.bound = bound;
        lever.target_year = self.target_year(start);
        lever
    }

    fn rate(&self, start: usize, end: usize, token: Token, bound: Bound, unit: &str) -> Lever {
        let mut lever = self.lever(LeverKind::Rate, start, end, token, unit, bound);
        lever.of = self.rate_base(start);
        lever
    }

    /// What a rate is of: the words before it in its clause, without bound and linking words
    /// (按照研究开发费用的50% → 研究开发费用; 网络零售额占社会消费品零售总额的比例超过10% →
    /// 社会消费品零售总额; 普及率超过70% → 普及率).
    fn rate_base(&self, start: usize) -> Option<String> {
        let mut from = start;
        while from > 0 && !matches!(self.chars[from - 1], '\n' | '。' | ';' | ',' | '、' | ':') && start - from < 30 {
            from -= 1;
        }
        let mut clause: String = self.original[from..start].iter().collect();
        for tail in [
            "不低于",
            "不高于",
            "不超过",
            "最高",
            "最低可缴纳",
            "最低",
            "至少",
            "超过",
            "达到",
            "达",
            "突破",
            "为",
            "约",
            "按不高于",
            "按",
            "的比例",
            "的比重",
            "比例",
            "比重",
            "的",
            "增长",
            "年均",
            "力争",
        ] {
            if let Some(rest) = clause.strip_suffix(tail) {
                clause = rest.to_string();
            }
        }
        for tail in ["的比例", "的比重", "比例", "比重", "的"] {
            if let Some(rest) = clause.strip_suffix(tail) {
                clause = rest.to_string();
            }
        }
        let cut = ["占", "按照", "相当于", "不低于", "不高于", "不超过", "超过", "达到"]
            .iter()
            .filter_map(|m| clause.rfind(m).map(|at| at + m.len()))
            .max();
        let clause = cut.map_or(clause.clone(), |at| clause[at..].to_string());
        let clause = clause.trim_start_matches(['按', '照', '给', '予']).trim().to_string();
        let chars: Vec<char> = clause.chars().collect();
        let kept: String = chars[chars.len().saturating_sub(16)..].iter().collect();
        (!kept.is_empty()).then_some(kept)
    }

    fn money(&self, start: usize, token: Token) -> Option<(Lever, usize)> {
        if token.chinese_only {
            let units_only = !token.has_digit;
            if units_only {
                // 超亿元, 超百亿元, 万亿元级: a bare unit is an amount only with a word that makes it one.
                let cue = start > 0 && matches!(self.chars[start - 1], '超' | '过' | '逾' | '近' | '达' | '上');
                if !(cue || self.at(token.end + 1) == Some('级')) {
                    return None;
                }
            } else if token.low < 2.0 {
                return None;
            }
        }
        let (bound, end) = self.bound(start, token.end + 1);
        let mut lever = self.lever(LeverKind::Money, start, end, token, "元", bound);
        let sentence = self.sentence_start(start);
        let before: String = self.original[sentence..start].iter().collect();
        lever.payer = payer(&before);
        // The period words in order of what they tell: 每年一次性安排总计500万元 is a yearly amount.
        lever.period = ["每年", "每月", "每家", "每个", "每人", "每项", "年均", "一次性", "总计"]
            .iter()
            .find(|w| before.contains(*w))
            .map(|w| w.to_string());
        Some((lever, end))
    }

    fn duration(&self, start: usize, token: Token, unit: &str, unit_end: usize) -> Option<(Lever, usize)> {
        if token.low >= 100.0 || (token.chinese_only && !token.has_digit) {
            return None;
        }
        let mut lever_start = start;
        for prefix in ["连续", "为期"] {
            if self.ends_with(start, prefix) {
                lever_start = start - prefix.chars().count();
            }
        }
        let (mut bound, mut end) = self.bound(start, unit_end);
        if bound == Bound::About && self.ends_with(start, "近") {
            // 近3年: the last three years, not "about".
            bound = Bound::Exact;
        }
        for suffix in ["内", "以来", "前"] {
            // 开庭10日前: a deadline counted back from an event (days and weeks only: 3年前 is the past).
            if suffix == "前" && !matches!(unit, "日" | "周" | "工作日" | "小时") {
                continue;
            }
            if end == unit_end && self.starts_with(end, suffix) {
                end += suffix.chars().count();
                bound = if suffix == "内" { Bound::AtMost } else { bound };
            }
        }
        // 5月10日前: a day of a month is a date, not a number of days.
        if unit == "日" && start > 0 && self.chars[start - 1] == '月' {
            return None;
        }
        // A year count is a duration only with a word that makes it one (连续3年, 2年内, 近3年,
        // 用3年左右); 月 after 个, 日 and 天 always are.
        let cue = lever_start < start
            || end > unit_end
            || bound != Bound::Exact
            || ["近", "用", "满", "期限", "期限为", "有效期", "有效期为"].iter().any(|w| self.ends_with(start, w));
        if unit == "年" && !cue {
            return None;
        }
        if unit == "日" && !cue && self.at(unit_end - 1) != Some('天') {
            return None;
        }
        let mut lever = self.lever(LeverKind::Duration, lever_start, end, token, unit, bound);
        lever.target_year = None;
        Some((lever, end))
    }

    /// An age threshold (七十周岁以上, 18岁): a count in 岁.
    fn age(&self, start: usize, token: Token, unit_end: usize) -> Option<(Lever, usize)> {
        if token.low >= 150.0 || token.high.is_some_and(|h| h >= 150.0) || (token.chinese_only && !token.has_digit) {
            return None;
        }
        let (bound, end) = self.bound(start, unit_end);
        Some((self.lever(LeverKind::Count, start, end, token, "岁", bound), end))
    }

    fn count(&self, start: usize, token: Token, unit: char) -> Option<(Lever, usize)> {
        let (_, words) = CLASSIFIERS.iter().find(|(c, _)| *c == unit)?;
        if self.at(token.end + 1).is_some_and(|c| words.contains(c)) {
            return None;
        }
        if token.chinese_only && (token.low < 2.0 || !token.has_digit) {
            return None;
        }
        if token.low.fract() != 0.0 {
            return None;
        }
        let (bound, end) = self.bound(start, token.end + 1);
        let mut lever = self.lever(LeverKind::Count, start, end, token, &unit.to_string(), bound);
        let sentence = self.sentence_start(start);
        let before: String = self.original[sentence..start].iter().collect();
        lever.period = ["每年", "每个", "每家"].iter().find(|w| before.ends_with(*w)).map(|w| w.to_string());
        Some((lever, end))
    }

    /// A year: a lever when it starts (自/从…起) or ends (有效期至…, 至…止) a measure; else skipped.
    fn date(&self, start: usize, token: Token) -> Option<(Lever, usize)> {
        let year = token.low as i32;
        let mut end = token.end + 1;
        let mut month = None;
        let mut day = None;
        if let Some((m, e, _, _)) = self.single(end)
            && self.at(e) == Some('月')
            && (1.0..=12.0).contains(&m)
        {
            month = Some(m as u32);
            end = e + 1;
            if let Some((d, e2, _, _)) = self.single(end)
                && self.at(e2) == Some('日')
                && (1.0..=31.0).contains(&d)
            {
                day = Some(d as u32);
                end = e2 + 1;
            }
        }
        let value = match (month, day) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            _ => format!("{year:04}"),
        };
        let before = |w: &str| self.ends_with(start, w);
        let validity_verb = ["施行", "实行", "生效"].iter().any(|w| self.starts_with(end, w));
        let (unit, lever_start, lever_end) = if (before("自") || before("从")) && self.starts_with(end, "起") {
            ("起", start - 1, end + 1)
        } else if before("自") && validity_verb {
            // 自2013年11月1日施行: the same start without 起.
            ("起", start - 1, end)
        } else if (before("至") || before("到"))
            && month.is_some()
            && (self.window_has(start.saturating_sub(12), start, "有效期") || self.starts_with(end, "止"))
        {
            ("至", start - 1, if self.starts_with(end, "止") { end + 1 } else { end })
        } else {
            return None;
        };
        // A date inside a citation (根据2014年3月1日起施行的《…》) describes another text.
        if self.starts_with(lever_end, "施行的") || self.starts_with(lever_end, "的《") {
            return None;
        }
        let span = Span::new(lever_start, lever_end);
        let mut lever = Lever::new(LeverKind::Duration, value, unit, span, self.phrase(span));
        lever.number = Some(f64::from(year));
        Some((lever, lever_end))
    }

    /// True when `word` occurs in the folded text within `[from, to)`.
    pub fn window_has(&self, from: usize, to: usize, word: &str) -> bool {
        (from..to).any(|k| self.starts_with(k, word) && k + word.chars().count() <= to)
    }

    /// Start dates written with words: 自发布之日起, 自印发之日起施行.
    pub fn word_starts(&self) -> Vec<Lever> {
        let mut levers = Vec::new();
        for i in 0..self.chars.len() {
            if self.chars[i] != '自' || self.quoted[i] {
                continue;
            }
            let Some(offset) = (1..=10).find(|&k| self.starts_with(i + k, "之日起")) else { continue };
            let word = self.original(i + 1, i + offset + 2);
            if word.chars().any(|c| matches!(c, ',' | '，' | '。' | '\n')) {
                continue;
            }
            // The start of the text's validity (自发布之日起施行), not a procedural time limit
            // (自受理申请之日起五个工作日内).
            let after = i + offset + 3;
            if !["施行", "实行", "执行", "生效"].iter().any(|w| self.starts_with(after, w)) {
                continue;
            }
            let span = Span::new(i, i + offset + 3);
            levers.push(Lever::new(LeverKind::Duration, word, "起", span, self.phrase(span)));
        }
        levers
    }
}

/// Push `lever`, or join it to the one before when the two read as one range: 5万元以上10万元以下
/// is 5万–10万元, not two amounts.
fn merge_or_push(levers: &mut Vec<Lever>, lever: Lever) {
    if let Some(last) = levers.last_mut()
        && last.kind == lever.kind
        && last.unit == lever.unit
        && last.bound == Bound::AtLeast
        && lever.bound == Bound::AtMost
        && last.high.is_none()
        && lever.high.is_none()
        && last.span.end == lever.span.start
        && let (Some(low), Some(high)) = (last.number, lever.number)
        && high > low
    {
        last.value = format!("{}-{}", format_number(low), format_number(high));
        last.high = Some(high);
        last.bound = Bound::Exact;
        last.span = Span::new(last.span.start, lever.span.end);
        return;
    }
    levers.push(lever);
}

/// Who pays, from the sentence before an amount: the last 市财政, 省级财政, 全市 … in it.
fn payer(before: &str) -> Option<String> {
    let at = before.rfind("财政")?;
    let head: String = before[..at].chars().rev().take(3).collect::<Vec<char>>().into_iter().rev().collect();
    let prefix = ["各级", "全省", "全市", "中央", "国家", "省级", "市级", "县级", "区级", "省", "市", "县", "区"]
        .iter()
        .find(|p| head.ends_with(*p))
        .copied()
        .unwrap_or("");
    Some(format!("{prefix}财政"))
}

/// Which chars lie inside 《》, 〔〕, 【】, 「」, 『』, “” or a pair of ASCII quotes on one line.
fn quoted_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut depth: i32 = 0;
    let mut ascii_open = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '《' | '〔' | '【' | '「' | '『' | '“' => depth += 1,
            '》' | '〕' | '】' | '」' | '』' | '”' => depth = (depth - 1).max(0),
            '"' => ascii_open = !ascii_open,
            '\n' => {
                ascii_open = false;
                depth = 0;
            }
            _ => {}
        }
        mask[i] = depth > 0 || ascii_open;
    }
    mask
}
