//! The 政策对标表: per aligned topic, one line per lever kind and unit, one cell per document, and
//! how each cell differs from the cell of a chosen base document.

use serde::Serialize;

use super::words::department_names;
use super::{Lever, LeverKind};
use crate::align::Alignment;
use crate::model::Document;

/// How a cell differs from the base document's cell of the same line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// This is the base document.
    Base,
    /// The same values as the base.
    Same,
    /// A larger amount, rate, count, later date or stronger wording than the base.
    Higher,
    /// A smaller or weaker one.
    Lower,
    /// Different values that do not order (other departments, several values with the same top).
    Changed,
    /// The base has no lever of this line in the topic; this document has.
    New,
    /// The base has; this document covers the topic without it.
    Dropped,
    /// Neither has one, or this document has no section in the topic.
    Absent,
}

impl Change {
    /// Short label in Chinese (高于 / 低于 / 新增 / 删去 …); empty for no difference.
    pub fn label_zh(self) -> &'static str {
        match self {
            Change::Base => "基准",
            Change::Same => "相同",
            Change::Higher => "高于基准",
            Change::Lower => "低于基准",
            Change::Changed => "不同",
            Change::New => "新增",
            Change::Dropped => "删去",
            Change::Absent => "",
        }
    }

    /// Short label in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Change::Base => "base",
            Change::Same => "same",
            Change::Higher => "higher",
            Change::Lower => "lower",
            Change::Changed => "different",
            Change::New => "new",
            Change::Dropped => "dropped",
            Change::Absent => "",
        }
    }

    /// The name in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Change::Absent => "absent",
            other => other.label_en(),
        }
    }
}

/// One document's cell of a line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeverCell {
    /// Document index.
    pub doc: usize,
    /// The document's section in the topic (`None`: the document does not cover the topic).
    pub section: Option<usize>,
    /// The document's levers of this line in the topic, in text order.
    pub levers: Vec<Lever>,
    /// Difference against the base document.
    pub change: Change,
}

/// One line of a topic table: a lever kind and unit (资金 元, 比例 %, 期限 至 …).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeverLine {
    /// The kind.
    pub kind: LeverKind,
    /// The unit shared by the line's levers.
    pub unit: String,
    /// One cell per document, in document order.
    pub cells: Vec<LeverCell>,
}

/// The table of one aligned topic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeverTable {
    /// Index of the row in [`Alignment::rows`].
    pub row: usize,
    /// The topic label.
    pub label: String,
    /// The base document the changes are against.
    pub base: usize,
    /// Lines in kind order, then unit.
    pub lines: Vec<LeverLine>,
}

/// Which alignment row owns each section: the row of the section itself or of its nearest ancestor
/// that is in a row. A lever belongs to the topic of the section holding it, so a group aligned whole
/// takes the levers of its items, and an item aligned on its own keeps its own.
fn owners(doc: &Document, doc_index: usize, alignment: &Alignment) -> Vec<Option<(usize, usize)>> {
    let mut row_of = vec![None; doc.sections.len()];
    for (row_index, row) in alignment.rows.iter().enumerate() {
        if let Some(Some(cell)) = row.cells.get(doc_index)
            && let Some(slot) = row_of.get_mut(cell.section)
        {
            *slot = Some((row_index, cell.section));
        }
    }
    (0..doc.sections.len())
        .map(|mut s| {
            for _ in 0..=doc.sections.len() {
                if let Some(owner) = row_of[s] {
                    return Some(owner);
                }
                s = doc.sections[s].parent?;
            }
            None
        })
        .collect()
}

/// The tables of every aligned topic that has levers, against the base document `base`.
///
/// `levers[d]` are the levers of `documents[d]` ([`super::extract`]). Topics come in alignment order;
/// a topic without any lever has no table.
pub fn tables(documents: &[Document], alignment: &Alignment, levers: &[Vec<Lever>], base: usize) -> Vec<LeverTable> {
    let owner: Vec<Vec<Option<(usize, usize)>>> =
        documents.iter().enumerate().map(|(d, doc)| owners(doc, d, alignment)).collect();
    // (row, doc) → lever indices.
    let mut in_row: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); documents.len()]; alignment.rows.len()];
    for (d, doc_levers) in levers.iter().enumerate().take(documents.len()) {
        for (k, lever) in doc_levers.iter().enumerate() {
            let Some(section) = lever.section else { continue };
            if let Some(Some((row, _))) = owner[d].get(section) {
                in_row[*row][d].push(k);
            }
        }
    }
    let mut out = Vec::new();
    for (row_index, row) in alignment.rows.iter().enumerate() {
        let mut keys: Vec<(LeverKind, String)> = in_row[row_index]
            .iter()
            .enumerate()
            .flat_map(|(d, ks)| ks.iter().map(move |&k| levers[d][k].line_key()))
            .collect();
        keys.sort();
        keys.dedup();
        if keys.is_empty() {
            continue;
        }
        let lines = keys
            .into_iter()
            .map(|(kind, unit)| {
                let pick = |d: usize| -> Vec<usize> {
                    in_row[row_index][d]
                        .iter()
                        .copied()
                        .filter(|&k| levers[d][k].line_key() == (kind, unit.clone()))
                        .collect()
                };
                let base_levers: Vec<&Lever> = pick(base).iter().map(|&k| &levers[base][k]).collect();
                let cells = (0..documents.len())
                    .map(|d| {
                        let section = row.cells.get(d).copied().flatten().map(|c| c.section);
                        let mine = pick(d);
                        let change = if d == base {
                            Change::Base
                        } else if section.is_none() {
                            Change::Absent
                        } else {
                            let own: Vec<&Lever> = mine.iter().map(|&k| &levers[d][k]).collect();
                            compare(&base_levers, &own, row.cells.get(base).copied().flatten().is_some())
                        };
                        let levers = mine.iter().map(|&k| levers[d][k].clone()).collect();
                        LeverCell { doc: d, section, levers, change }
                    })
                    .collect();
                LeverLine { kind, unit, cells }
            })
            .collect();
        out.push(LeverTable { row: row_index, label: row.label.clone(), base, lines });
    }
    out
}

/// The comparable key of a cell: the largest number (high end of ranges), strongest modal, latest date.
fn top(levers: &[&Lever]) -> Option<f64> {
    levers
        .iter()
        .filter_map(|l| match l.kind {
            LeverKind::Modal => l.strength.map(f64::from),
            LeverKind::Duration if matches!(l.unit.as_str(), "起" | "至") => {
                let digits: String = l.value.chars().filter(char::is_ascii_digit).collect();
                digits.parse::<f64>().ok().map(|n| n * 10f64.powi(8 - digits.len() as i32))
            }
            _ => l.high.or(l.number),
        })
        .reduce(f64::max)
}

/// What a cell's values are, for telling "the same" from "different".
fn values(levers: &[&Lever]) -> Vec<String> {
    let mut values: Vec<String> = levers
        .iter()
        .flat_map(|l| match l.kind {
            LeverKind::Department => department_names(&l.value),
            _ => vec![format!("{}{}", l.bound.sign(), l.value)],
        })
        .collect();
    values.sort();
    values.dedup();
    values
}

fn compare(base: &[&Lever], own: &[&Lever], base_covers: bool) -> Change {
    match (base.is_empty(), own.is_empty()) {
        (true, true) => Change::Absent,
        (true, false) => Change::New,
        (false, true) => {
            if base_covers {
                Change::Dropped
            } else {
                Change::Absent
            }
        }
        (false, false) => {
            if values(base) == values(own) {
                return Change::Same;
            }
            match (top(base), top(own)) {
                (Some(b), Some(o)) if o > b => Change::Higher,
                (Some(b), Some(o)) if o < b => Change::Lower,
                _ => Change::Changed,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levers::extract_text;

    fn one(text: &str) -> Vec<Lever> {
        extract_text(text)
    }

    fn refs(levers: &[Lever]) -> Vec<&Lever> {
        levers.iter().collect()
    }

    #[test]
    fn changes_against_the_base() {
        let base = one("每年安排1000万元。");
        let more = one("每年安排2000万元。");
        let less = one("每年安排五百万元。");
        let same = one("每年安排一千万元。");
        assert_eq!(compare(&refs(&base), &refs(&more), true), Change::Higher);
        assert_eq!(compare(&refs(&base), &refs(&less), true), Change::Lower);
        assert_eq!(compare(&refs(&base), &refs(&same), true), Change::Same);
        assert_eq!(compare(&refs(&base), &[], true), Change::Dropped);
        assert_eq!(compare(&refs(&base), &[], false), Change::Absent);
        assert_eq!(compare(&[], &refs(&more), true), Change::New);
        // Wording: 鼓励 → 应当 is stronger; other departments are different, not higher.
        let encourage = one("鼓励企业上网。");
        let must = one("企业应当上网。");
        assert_eq!(compare(&refs(&encourage), &refs(&must), true), Change::Higher);
        let a = one("加强监管。（责任单位：市商务局、市财政局）\n");
        let b = one("加强监管。（责任单位：市财政局、市商务局）\n");
        let c = one("加强监管。（责任单位：市工商局）\n");
        assert_eq!(compare(&refs(&a), &refs(&b), true), Change::Same);
        assert_eq!(compare(&refs(&a), &refs(&c), true), Change::Changed);
        // A later end of validity is higher.
        let end = one("有效期至2017年12月31日。");
        let later = one("有效期至2021年5月13日。");
        assert_eq!(compare(&refs(&end), &refs(&later), true), Change::Higher);
    }
}
