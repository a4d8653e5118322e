//! One row of the table: its kind, its 修改说明 down to 款/项, and the word marks of both columns
//! (from the diff engine).

use std::collections::BTreeMap;
use std::time::Duration;

use crate::diff::{DiffOptions, DiffTag, diff_spans};
use crate::model::Document;
use crate::segment::normalize::{NormalizeOptions, normalize_chars};
use crate::text::Span;

use super::refs::{changed_refs, renumber_refs};
use super::units::{is_item, normalized_key, paragraphs};
use super::{ChangeKind, Mark, Piece, RevisionRow, Unit};

/// What every row needs to know about the two versions.
pub(crate) struct Context<'a> {
    pub old: &'a Document,
    pub new: &'a Document,
    pub old_units: &'a [Unit],
    pub new_units: &'a [Unit],
    pub renumbering: &'a BTreeMap<u32, u32>,
}

impl Context<'_> {
    /// The row for old units `o` and new units `n`; `budget` is the time left for word marks
    /// (`None`: no marks, the deadline passed).
    pub fn row(&self, o: &[usize], n: &[usize], moved: bool, similarity: f32, budget: Option<Duration>) -> RevisionRow {
        let old_label = labels(self.old_units, o);
        let new_label = labels(self.new_units, n);
        let mut renumbered_refs = Vec::new();
        let mut moved_from = None;
        let (kind, note) = match (o, n) {
            ([], _) => (ChangeKind::Added, "新增".to_string()),
            (_, []) => (ChangeKind::Deleted, "删除".to_string()),
            ([_], [_, _, ..]) => (ChangeKind::Split, format!("原{old_label}拆分为{new_label}")),
            ([_, _, ..], _) => (ChangeKind::Merged, format!("原{old_label}合并为{new_label}")),
            ([i], [j]) => {
                let (a, b) = (&self.old_units[*i], &self.new_units[*j]);
                let same_number = a.ordinal.is_some() && a.ordinal == b.ordinal || a.number == b.number;
                let same_text = a.key == b.key;
                let refs_only = !same_text && {
                    let rewritten = renumber_refs(self.old.slice(a.body), self.renumbering);
                    normalized(&rewritten) == b.key
                };
                if refs_only {
                    renumbered_refs = changed_refs(self.old.slice(a.body), self.new.slice(b.body), self.renumbering);
                }
                let refs_note = if renumbered_refs.is_empty() {
                    String::new()
                } else {
                    let list: Vec<String> = renumbered_refs.iter().map(|(x, y)| format!("{x}→{y}")).collect();
                    format!("；引用条号随条序调整（{}）", list.join("、"))
                };
                if moved {
                    let before = self.before(*i);
                    moved_from = Some(format!("原{}{}", a.label, before));
                    let detail = if same_text || refs_only {
                        String::new()
                    } else {
                        match self.paragraph_note(a, b).as_str() {
                            "修改" => "，并作修改".to_string(),
                            detail => format!("，并{detail}"),
                        }
                    };
                    (ChangeKind::Moved, format!("由原{}{}移至此处{detail}{refs_note}", a.label, before))
                } else if same_text || refs_only {
                    if same_number {
                        (ChangeKind::Unchanged, format!("未修改{refs_note}"))
                    } else {
                        (ChangeKind::Renumbered, format!("原{}改为{}{refs_note}", a.label, b.label))
                    }
                } else {
                    let renumber = if same_number { String::new() } else { format!("（原{}）", a.label) };
                    (ChangeKind::Modified, format!("{}{renumber}", self.paragraph_note(a, b)))
                }
            }
        };
        let (old_text, new_text) = self.marks(o, n, kind, budget);
        RevisionRow {
            old: o.to_vec(),
            new: n.to_vec(),
            kind,
            note,
            similarity,
            moved_from,
            renumbered_refs,
            old_text,
            new_text,
        }
    }

    /// 「（原在第十七条之后）」: where an old unit stood, by its predecessor.
    fn before(&self, i: usize) -> String {
        match i.checked_sub(1).and_then(|p| self.old_units.get(p)) {
            Some(previous) => format!("（原在{}之后）", previous.label),
            None => "（原居首）".to_string(),
        }
    }

    /// 「修改第二款；新增第三款；删除原第一款第八项」: which paragraphs changed.
    fn paragraph_note(&self, a: &Unit, b: &Unit) -> String {
        let old_paras = labelled(self.old, a.body);
        let new_paras = labelled(self.new, b.body);
        if old_paras.len() <= 1 && new_paras.len() <= 1 {
            return "修改".to_string();
        }
        let (x, y): (Vec<&str>, Vec<&str>) =
            (old_paras.iter().map(|p| p.1.as_str()).collect(), new_paras.iter().map(|p| p.1.as_str()).collect());
        let matches = lcs(&x, &y);
        let (mut modified, mut added, mut deleted) = (Vec::new(), Vec::new(), Vec::new());
        let (mut i, mut j) = (0usize, 0usize);
        for &(mi, mj) in matches.iter().chain(std::iter::once(&(x.len(), y.len()))) {
            let (gap_old, gap_new) = (mi - i, mj - j);
            let common = gap_old.min(gap_new);
            for k in 0..common {
                modified.push(new_paras[j + k].0.clone());
            }
            for k in common..gap_new {
                added.push(new_paras[j + k].0.clone());
            }
            for k in common..gap_old {
                deleted.push(format!("原{}", old_paras[i + k].0));
            }
            i = mi + 1;
            j = mj + 1;
        }
        let mut parts = Vec::new();
        if !modified.is_empty() {
            parts.push(format!("修改{}", modified.join("、")));
        }
        if !added.is_empty() {
            parts.push(format!("新增{}", added.join("、")));
        }
        if !deleted.is_empty() {
            parts.push(format!("删除{}", deleted.join("、")));
        }
        if parts.is_empty() { "修改".to_string() } else { parts.join("；") }
    }

    /// The two columns with word marks.
    fn marks(&self, o: &[usize], n: &[usize], kind: ChangeKind, budget: Option<Duration>) -> (Vec<Piece>, Vec<Piece>) {
        let old_span = covering(self.old_units, o);
        let new_span = covering(self.new_units, n);
        let whole = |doc: &Document, span: Option<Span>, mark: Mark| -> Vec<Piece> {
            span.map(|s| vec![Piece { text: doc.slice(s).to_string(), mark }]).unwrap_or_default()
        };
        let (Some(old_span), Some(new_span)) = (old_span, new_span) else {
            return (clean(whole(self.old, old_span, Mark::Deleted)), clean(whole(self.new, new_span, Mark::Inserted)));
        };
        let unmarked =
            || (clean(whole(self.old, Some(old_span), Mark::Same)), clean(whole(self.new, Some(new_span), Mark::Same)));
        let Some(budget) = budget else { return unmarked() };
        if matches!(kind, ChangeKind::Unchanged | ChangeKind::Renumbered) && self.renumbering.is_empty() {
            return unmarked();
        }
        // The numbers stay unmarked: renumbering is said in the note, not struck through.
        let (old_head, old_body) = split_number(self.old_units, o, old_span);
        let (new_head, new_body) = split_number(self.new_units, n, new_span);
        let options = DiffOptions { timeout: budget, ..DiffOptions::default() };
        let diff = diff_spans(&self.old.text, old_body, &self.new.text, new_body, &options);
        let mut left = vec![Piece { text: self.old.slice(old_head).to_string(), mark: Mark::Same }];
        let mut right = vec![Piece { text: self.new.slice(new_head).to_string(), mark: Mark::Same }];
        for op in &diff.ops {
            let mark = match op.tag {
                DiffTag::Equal | DiffTag::Move => Mark::Same,
                DiffTag::Delete | DiffTag::Replace | DiffTag::Insert => Mark::Deleted,
            };
            push(&mut left, self.old.slice(op.a), mark);
        }
        let mut by_b: Vec<_> = diff.ops.iter().filter(|op| !op.b.is_empty()).collect();
        by_b.sort_by_key(|op| (op.b.start, op.b.end));
        for op in by_b {
            let mark = match op.tag {
                DiffTag::Equal | DiffTag::Move => Mark::Same,
                DiffTag::Delete | DiffTag::Replace | DiffTag::Insert => Mark::Inserted,
            };
            push(&mut right, self.new.slice(op.b), mark);
        }
        (clean(left), clean(right))
    }
}

/// 「第十二条、第十三条」.
fn labels(units: &[Unit], indices: &[usize]) -> String {
    indices.iter().filter_map(|&i| units.get(i)).map(|u| u.label.as_str()).collect::<Vec<_>>().join("、")
}

/// From the first unit's start to the last unit's end.
fn covering(units: &[Unit], indices: &[usize]) -> Option<Span> {
    let first = units.get(*indices.iter().min()?)?;
    let last = units.get(*indices.iter().max()?)?;
    Some(Span::new(first.span.start, last.span.end.max(first.span.start)))
}

/// The number of the first unit, and the rest of `span`.
fn split_number(units: &[Unit], indices: &[usize], span: Span) -> (Span, Span) {
    let body_start = indices.iter().min().and_then(|&i| units.get(i)).map_or(span.start, |u| u.body.start);
    let body_start = body_start.clamp(span.start, span.end);
    (Span::new(span.start, body_start), Span::new(body_start, span.end))
}

fn push(pieces: &mut Vec<Piece>, text: &str, mark: Mark) {
    if text.is_empty() {
        return;
    }
    match pieces.last_mut() {
        Some(last) if last.mark == mark => last.text.push_str(text),
        _ => pieces.push(Piece { text: text.to_string(), mark }),
    }
}

/// Blank lines and line-initial indentation removed, Markdown heading lines dropped, so that a cell
/// shows one line per paragraph.
fn clean(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut line_start = true;
    let mut skipping_heading = false;
    for piece in pieces {
        let mut text = String::new();
        for c in piece.text.chars() {
            if skipping_heading {
                if c == '\n' {
                    skipping_heading = false;
                }
                continue;
            }
            if c == '\n' {
                if !line_start {
                    text.push('\n');
                }
                line_start = true;
                continue;
            }
            if line_start && c.is_whitespace() {
                continue;
            }
            if line_start && c == '#' {
                skipping_heading = true;
                continue;
            }
            line_start = false;
            text.push(c);
        }
        push(&mut out, &text, piece.mark);
    }
    // No trailing line break.
    while let Some(last) = out.last_mut() {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
        if last.text.is_empty() {
            out.pop();
        } else {
            break;
        }
    }
    out
}

/// `text` normalised like unit keys.
fn normalized(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    normalize_chars(&chars, 0, &NormalizeOptions::wording()).chars.into_iter().collect()
}

/// The paragraphs of a body with their drafting labels (第二款, 第一款第三项) and normalised keys.
fn labelled(doc: &Document, body: Span) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let (mut clause, mut item) = (0u32, 0u32);
    for span in paragraphs(doc, body) {
        let label = if is_item(doc, span) && clause > 0 {
            item += 1;
            format!("第{}款第{}项", super::refs::chinese_number(clause), super::refs::chinese_number(item))
        } else {
            clause += 1;
            item = 0;
            format!("第{}款", super::refs::chinese_number(clause))
        };
        out.push((label, normalized_key(doc, span)));
    }
    // A unit of one clause with items: name the items alone.
    if out.iter().filter(|(l, _)| !l.contains('项')).count() == 1 {
        for (label, _) in &mut out {
            if let Some(rest) = label.strip_prefix("第一款") {
                if rest.is_empty() {
                    *label = "第一款".to_string();
                } else {
                    *label = rest.to_string();
                }
            }
        }
    }
    out
}

/// Matched index pairs of a longest common subsequence of equal strings.
fn lcs(x: &[&str], y: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (x.len(), y.len());
    let mut dp = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[at(i, j)] = if x[i] == y[j] { dp[at(i + 1, j + 1)] + 1 } else { dp[at(i + 1, j)].max(dp[at(i, j + 1)]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if x[i] == y[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if dp[at(i + 1, j)] >= dp[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}
