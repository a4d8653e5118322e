//! Levers written with words: the departments responsible for a measure and the modal verbs that
//! say how strong it is.

use super::extract::Scan;
use super::{Lever, LeverKind};
use crate::text::Span;

/// Role labels of department lists, as written before a colon.
const ROLES: [&str; 8] =
    ["牵头单位", "配合单位", "责任单位", "牵头部门", "配合部门", "责任部门", "协办单位", "主办单位"];

/// Endings of the names of government bodies (市财政局, 省商务厅, 市发展改革委, 市政府金融办 …).
const AGENCY_ENDINGS: [&str; 17] =
    ["局", "厅", "委", "办", "府", "院", "会", "社", "行", "部", "室", "处", "中心", "所", "署", "馆", "城"];

fn is_agency(name: &str) -> bool {
    let name = name.trim();
    // A trailing note in brackets (金融办〔并负责协调…〕) does not change what the name is.
    let name = name.split(['〔', '(', '（']).next().unwrap_or(name);
    !name.is_empty() && name.chars().count() <= 24 && AGENCY_ENDINGS.iter().any(|e| name.ends_with(e))
}

/// Department lists: 「（责任单位：市财政局、市国税局）」, 「(牵头单位:市经贸委,配合单位:…)」, and an
/// unlabelled bracket of agency names closing a paragraph, 「(省财政厅、省科技厅,各市、自治州人民政府)」.
pub(super) fn departments(scan: &Scan) -> Vec<Lever> {
    let chars = &scan.chars;
    let mut levers = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '(' {
            i += 1;
            continue;
        }
        // The matching close bracket on the same line.
        let mut depth = 0;
        let mut close = None;
        for (k, &c) in chars.iter().enumerate().skip(i) {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(k);
                        break;
                    }
                }
                '\n' => break,
                _ => {}
            }
        }
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let labelled = labelled_lists(scan, i + 1, close);
        if !labelled.is_empty() {
            levers.extend(labelled);
        } else if closes_paragraph(scan, close) {
            // Up to a sentence end inside the bracket (a note such as 「列在首位的为牵头单位」 follows).
            let end = (i + 1..close).find(|&k| chars[k] == '。').unwrap_or(close);
            if let Some(lever) = list_lever(scan, i + 1, end, "责任单位") {
                levers.push(lever);
            }
        }
        i = close + 1;
    }
    levers
}

/// True when only blanks follow `close` up to the end of its line.
fn closes_paragraph(scan: &Scan, close: usize) -> bool {
    scan.chars[close + 1..].iter().take_while(|&&c| c != '\n').all(|c| c.is_whitespace() || *c == '。')
}

/// The role-labelled lists between `start` and `end` (the inside of a bracket).
fn labelled_lists(scan: &Scan, start: usize, end: usize) -> Vec<Lever> {
    let mut labels: Vec<(usize, usize, &str)> = Vec::new();
    for k in start..end {
        for role in ROLES {
            let n = role.chars().count();
            if scan.starts_with(k, role) && matches!(scan.chars.get(k + n), Some(':')) {
                labels.push((k, k + n + 1, role));
            }
        }
    }
    let mut levers = Vec::new();
    for (index, &(_, list_start, role)) in labels.iter().enumerate() {
        let mut list_end = labels.get(index + 1).map_or(end, |&(next, _, _)| next);
        while list_end > list_start && matches!(scan.chars[list_end - 1], ',' | ';' | '。' | ' ' | '、') {
            list_end -= 1;
        }
        let role = if role.ends_with("部门") { role.replace("部门", "单位") } else { role.to_string() };
        if let Some(lever) = list_lever(scan, list_start, list_end, &role) {
            levers.push(lever);
        }
    }
    levers
}

/// A department lever over `[start, end)` when the text there reads as a list of agencies.
fn list_lever(scan: &Scan, start: usize, end: usize, role: &str) -> Option<Lever> {
    if end <= start {
        return None;
    }
    let text = scan.original(start, end).trim().to_string();
    let names = department_names(&text);
    let agencies = names.iter().filter(|n| is_agency(n)).count();
    if names.is_empty() || !names.first().is_some_and(|n| is_agency(n)) || agencies * 2 < names.len() {
        return None;
    }
    let span = Span::new(start, end);
    Some(Lever::new(LeverKind::Department, text, role, span, scan.phrase(span)))
}

/// The names of a department list, split at 、 and commas, with notes in 〔〕 dropped. A name
/// without its level (经贸委 after 市发展改革委) is kept as written.
pub fn department_names(list: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in list.chars() {
        match c {
            '〔' | '[' | '【' => depth += 1,
            '〕' | ']' | '】' => depth = (depth - 1).max(0),
            '、' | ',' | '，' | ';' | '；' if depth == 0 => {
                if !current.trim().is_empty() {
                    names.push(current.trim().to_string());
                }
                current.clear();
            }
            _ if depth == 0 => current.push(c),
            _ => {}
        }
    }
    if !current.trim().is_empty() {
        names.push(current.trim().to_string());
    }
    names
}

/// Modal verbs, strongest first within a length, with their canonical form and strength.
const MODALS: [(&str, &str, u8); 14] = [
    ("必须", "必须", 5),
    ("不得", "不得", 5),
    ("严禁", "严禁", 5),
    ("禁止", "禁止", 5),
    ("应当", "应当", 4),
    ("支持", "支持", 3),
    ("鼓励", "鼓励", 2),
    ("引导", "引导", 2),
    ("可以", "可以", 1),
    ("允许", "允许", 1),
    ("须", "必须", 5),
    ("应", "应当", 4),
    ("可", "可以", 1),
    ("需", "必须", 4),
];

/// Chars after a modal that make it part of a noun or another word: 支持力度, 应用, 可靠 ….
fn forms_word(modal: &str, next: &str, prev: Option<char>) -> bool {
    let next2: String = next.chars().take(2).collect();
    let first = next.chars().next();
    let noun_able = matches!(modal, "鼓励" | "支持" | "引导");
    if first.is_none_or(|c| matches!(c, ',' | '。' | '、' | ';' | ')' | ':' | '\n' | '”' | '"')) {
        // 政策支持。 加大…支持, 给予…鼓励: a noun at the end of a clause.
        return true;
    }
    if noun_able && matches!(first, Some('与' | '的')) {
        // 支持与帮助, 支持的力度: nouns. (鼓励和支持 keeps both verbs; 应与…签订 is a verb.)
        return true;
    }
    match modal {
        "支持" => {
            matches!(
                next2.as_str(),
                "力度" | "政策" | "体系" | "服务" | "作用" | "能力" | "系统" | "措施" | "资金" | "范围" | "下"
            ) || matches!(prev, Some('的' | '予' | '金' | '策' | '术' | '力' | '大'))
        }
        "鼓励" => matches!(next2.as_str(), "政策" | "机制" | "措施" | "类"),
        "引导" => {
            matches!(next2.as_str(), "基金" | "作用" | "资金" | "性投" | "相结")
                || matches!(prev, Some('府' | '场' | '的'))
        }
        "应" => {
            first.is_some_and(|c| "用急对收纳有届征税付变聘试运力该激".contains(c))
                || prev.is_some_and(|c| "相适供对效反呼响顺回感答理".contains(c))
        }
        "可" => {
            first.is_some_and(|c| "控靠行能视见得持观用信喜知比及谓再溯查复塑是".contains(c))
                || prev.is_some_and(|c| "认许不宁即皆".contains(c))
        }
        "须" => prev.is_some_and(|c| "必无毋务".contains(c)) || first == Some('知'),
        "需" => true,
        "不得" => next2 == "不",
        _ => false,
    }
}

/// Modal verbs used as verbs (鼓励企业…, 可申请…, 应与…), outside quotations and titles.
pub(super) fn modals(scan: &Scan) -> Vec<Lever> {
    let chars = &scan.chars;
    let mut levers = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if scan.quoted[i] {
            i += 1;
            continue;
        }
        // Most chars start no modal verb: test the first char before the words.
        if !matches!(chars[i], '必' | '不' | '严' | '禁' | '应' | '支' | '鼓' | '引' | '可' | '允' | '须' | '需')
        {
            i += 1;
            continue;
        }
        let found = MODALS.iter().find(|(word, _, _)| scan.starts_with(i, word));
        let Some(&(word, canonical, strength)) = found else {
            i += 1;
            continue;
        };
        let n = word.chars().count();
        let next: String = chars[(i + n).min(chars.len())..(i + n + 3).min(chars.len())].iter().collect();
        let prev = i.checked_sub(1).map(|p| chars[p]);
        if forms_word(word, &next, prev) {
            i += n;
            continue;
        }
        let span = Span::new(i, i + n);
        let mut lever = Lever::new(LeverKind::Modal, canonical.to_string(), "", span, scan.phrase(span));
        lever.strength = Some(strength);
        levers.push(lever);
        i += n;
    }
    levers
}
