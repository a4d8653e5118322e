//! Policy levers (政策对标): the concrete measures a drafter compares between provinces — money,
//! rates and shares, counts and targets, durations and deadlines, responsible departments, and the
//! strength of the wording (鼓励 → 支持 → 应当, 可以 → 必须).
//!
//! [`extract`] reads them from a document's decoded text with char offsets like every other span
//! of the analysis; [`table`] lays them out per aligned topic, one column per document, with the
//! difference of each cell against a chosen base document. The analysis computes the levers once
//! ([`crate::analysis::Analysis::levers`]), so the app, the CLI and every report show the same thing.
//!
//! The extractor is a char scanner, not a list of phrases of the corpus: a number (Arabic or Chinese,
//! full- or half-width, a range) followed by a unit decides the kind; the words around it decide the
//! bound (不低于, 以上, 以内 …), what a rate is of, who pays, the period and the target year. Numbers
//! that are not levers are rejected by their form: inside 《》, 〔〕 or quotation marks (titles,
//! 文号, names such as “万村千乡”), ordinals (第十二条), years and dates that are not a start or an
//! end of validity, and a lone 一 before a measure word (一项, 一家 read as an article).

mod extract;
/// The 政策对标表: per aligned topic, lines of levers and their change against a base document.
pub mod table;
mod words;

use serde::{Deserialize, Serialize};

use crate::model::Document;
use crate::text::Span;

pub use table::{Change, LeverCell, LeverLine, LeverTable, tables};

/// What a lever is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LeverKind {
    /// An amount of money (value in 元).
    Money,
    /// A rate or share (value in %), with what it is a rate of.
    Rate,
    /// A count or target number of things (家, 个, 人 …).
    Count,
    /// A duration (年, 月, 日) or a date a measure starts (起) or ends (至).
    Duration,
    /// The departments responsible (unit: 牵头单位, 配合单位 or 责任单位).
    Department,
    /// A modal verb: how strong the obligation is (可以 … 必须).
    Modal,
}

impl LeverKind {
    /// All kinds, in table order.
    pub const ALL: [LeverKind; 6] = [
        LeverKind::Money,
        LeverKind::Rate,
        LeverKind::Count,
        LeverKind::Duration,
        LeverKind::Department,
        LeverKind::Modal,
    ];

    /// The name used in JSON, TSV and the CLI ("money", "rate", …).
    pub fn name(self) -> &'static str {
        match self {
            LeverKind::Money => "money",
            LeverKind::Rate => "rate",
            LeverKind::Count => "count",
            LeverKind::Duration => "duration",
            LeverKind::Department => "department",
            LeverKind::Modal => "modal",
        }
    }

    /// The kind called `name`.
    pub fn from_name(name: &str) -> Option<LeverKind> {
        LeverKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The Chinese label a drafter reads (资金, 比例, …).
    pub fn label_zh(self) -> &'static str {
        match self {
            LeverKind::Money => "资金",
            LeverKind::Rate => "比例",
            LeverKind::Count => "数量目标",
            LeverKind::Duration => "期限",
            LeverKind::Department => "责任单位",
            LeverKind::Modal => "措辞强度",
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            LeverKind::Money => "Money",
            LeverKind::Rate => "Rate",
            LeverKind::Count => "Count / target",
            LeverKind::Duration => "Duration / deadline",
            LeverKind::Department => "Departments",
            LeverKind::Modal => "Wording strength",
        }
    }
}

/// How the number of a lever is bounded by its wording.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// As written (no bound word).
    #[default]
    Exact,
    /// 不低于, 以上, 至少, 最低: the value or more.
    AtLeast,
    /// 超过, 超, 突破, 高于: more than the value.
    MoreThan,
    /// 不超过, 以下, 以内, 最高, 不高于: the value or less.
    AtMost,
    /// 左右, 约, 近: about the value.
    About,
}

impl Bound {
    /// The sign shown before the value ("≥", ">", "≤", "≈", "").
    pub fn sign(self) -> &'static str {
        match self {
            Bound::Exact => "",
            Bound::AtLeast => "≥",
            Bound::MoreThan => ">",
            Bound::AtMost => "≤",
            Bound::About => "≈",
        }
    }
}

/// One lever found in a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lever {
    /// What it is.
    pub kind: LeverKind,
    /// The canonical value: a number in the unit (money in 元: 1000万元 → "10000000"), a range
    /// "5-10", an ISO date "2017-12-31", a department list as written, or a modal verb (可 → 可以).
    pub value: String,
    /// The number (low end of a range), for comparing cells; `None` for words.
    pub number: Option<f64>,
    /// The high end of a range.
    pub high: Option<f64>,
    /// Unit of `value`: 元, %, 家, 个, 年, 月, 日, 起 (a start date), 至 (an end date), the role of a
    /// department list (牵头单位 …), or "" for a modal verb.
    pub unit: String,
    /// Bound word around the number.
    pub bound: Bound,
    /// The lever as written (number, unit and bound words), in chars of the decoded text.
    pub span: Span,
    /// The clause around the lever, as written: what the table shows next to the value.
    pub phrase: String,
    /// Rates: what the rate is of (研究开发费用, 注册资本 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// Money: who pays (市财政 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payer: Option<String>,
    /// Money and counts: per what (每年, 每家, 一次性 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The year the paragraph sets as the target (到2015年).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_year: Option<i32>,
    /// Modal verbs: strength from 1 (可以, 允许) to 5 (必须, 不得, 严禁).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strength: Option<u8>,
    /// The innermost section holding the lever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<usize>,
}

impl Lever {
    /// The value for display: bound sign, number with a readable unit (万元, 亿元), range, date.
    pub fn display_value(&self) -> String {
        let value = match (self.kind, self.number) {
            (LeverKind::Money, Some(n)) => {
                let amount = |n: f64| {
                    if n >= 1e12 {
                        format!("{}万亿", format_number(n / 1e12))
                    } else if n >= 1e8 {
                        format!("{}亿", format_number(n / 1e8))
                    } else if n >= 1e4 {
                        format!("{}万", format_number(n / 1e4))
                    } else {
                        format_number(n)
                    }
                };
                match self.high {
                    Some(h) => format!("{}元–{}元", amount(n), amount(h)),
                    None => format!("{}元", amount(n)),
                }
            }
            (LeverKind::Duration, _) if self.unit == "起" => format!("自{}起", self.value),
            (LeverKind::Duration, _) if self.unit == "至" => format!("至{}", self.value),
            (LeverKind::Department | LeverKind::Modal, _) => self.value.clone(),
            _ => format!("{}{}", self.value, self.unit),
        };
        format!("{}{}", self.bound.sign(), value)
    }

    /// A lever whose number fields are empty (a date, a department list, a modal verb): number,
    /// bound and the context fields are filled in by the caller where they apply.
    pub(crate) fn new(kind: LeverKind, value: String, unit: &str, span: Span, phrase: String) -> Lever {
        Lever {
            kind,
            value,
            number: None,
            high: None,
            unit: unit.to_string(),
            bound: Bound::Exact,
            span,
            phrase,
            of: None,
            payer: None,
            period: None,
            target_year: None,
            strength: None,
            section: None,
        }
    }

    /// The key of the table line the lever belongs to: its kind and unit (rates of one topic share a
    /// line; a start date and an end date do not).
    pub fn line_key(&self) -> (LeverKind, String) {
        (self.kind, self.unit.clone())
    }
}

/// A number without trailing zeros: 10, 3.2, 0.5.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e16 {
        format!("{n:.0}")
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// All levers of `doc`, in text order, each with the innermost section holding it.
pub fn extract(doc: &Document) -> Vec<Lever> {
    let mut levers = extract_text(doc.text.as_str());
    for lever in &mut levers {
        lever.section = doc.section_at(lever.span.start);
    }
    levers
}

/// All levers of a text, in text order (without sections).
pub fn extract_text(text: &str) -> Vec<Lever> {
    let scan = extract::Scan::new(text);
    let mut levers = scan.numbers();
    levers.extend(scan.word_starts());
    levers.extend(words::departments(&scan));
    levers.extend(words::modals(&scan));
    levers.sort_by_key(|l| (l.span.start, l.span.end, l.kind));
    levers
}

#[cfg(test)]
mod tests;
