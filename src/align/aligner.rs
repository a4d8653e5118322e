//! N-way section alignment: topic rows first, then untitled clusters of look-alike sections, then the
//! user's overrides.
//!
//! The steps, each deterministic:
//! 1. Pick the content units of every document (numbered sections that carry body text).
//! 2. Map each unit to topics by heading keywords (body keywords when the heading names none).
//! 3. For every topic, keep per document the unit that best matches the other documents' units of
//!    that topic; a unit that loses may fall back to its second topic.
//! 4. Fill empty cells of topic rows with units that resemble the row's cells closely.
//! 5. Cluster what is left across documents (one unit per document) into untitled rows.
//! 6. Apply overrides: unpinned units stay out, pinned units go to the named row.

use std::cell::RefCell;

use super::similarity::{FastMap, Features, MAX_SCORE_WITHOUT_HEADING, build_features};
use super::topics::{self, TopicMatch};
use super::{AlignedCell, Alignment, AlignmentOverride, AlignmentRow};
use crate::model::{Document, Section, SectionKind};
use crate::text::Span;

/// A section with children is a content unit only if its own body (the lead-in) is at least this long.
const MIN_PARENT_BODY_CHARS: usize = 30;
/// Heading chars compared (see [`clip_title`]).
const MAX_TITLE_CHARS: usize = 80;
/// Mean similarity to a topic row's cells that lets an untopical unit fill the row's empty cell.
const FILL_THRESHOLD: f32 = 0.5;
/// Topic strength credited to a unit that joined a topic row by similarity alone.
const FILL_STRENGTH: f32 = 0.5;
/// Pair similarity that links two leftover units into an untitled cluster.
const CLUSTER_THRESHOLD: f32 = 0.5;
/// A unit is compared with the units of at most this many other documents (the nearest in load order)
/// when choosing between its document's units, and with at most this many cells when joining a row:
/// enough evidence, and alignment stays near-linear when hundreds of documents are loaded.
const MAX_REFERENCE_DOCS: usize = 16;
/// Units sharing a heading key are paired with this many neighbours (in load order) at most: all pairs
/// for a handful of documents, a bounded number when hundreds repeat the same heading.
const MAX_NEIGHBOURS: usize = 64;

// Pairs are only scored when their headings share a key; that loses nothing only if such pairs
// cannot reach the thresholds anyway.
const _: () = assert!(MAX_SCORE_WITHOUT_HEADING < FILL_THRESHOLD && MAX_SCORE_WITHOUT_HEADING < CLUSTER_THRESHOLD);

/// A section considered for alignment.
struct Candidate {
    doc: usize,
    section: usize,
    start: usize,
    title: String,
    /// Topics by preference (heading matches, or one body match).
    topics: Vec<TopicMatch>,
    features: Features,
    /// Aligned automatically; false for sections the user pinned or unpinned.
    auto: bool,
}

/// A cell while rows are being built: the candidate and how strongly it belongs to the row's topic.
#[derive(Clone, Copy, Debug)]
struct Placed {
    candidate: usize,
    strength: f32,
    pinned: bool,
}

/// A row while being built.
struct Row {
    topic: Option<usize>,
    label: String,
    cells: Vec<Option<Placed>>,
}

/// What the user asked for one section, after later overrides replaced earlier ones.
enum Action {
    Pin(String),
    Unpin,
}

fn alphanumeric_len(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// The part of a heading that is compared: real headings are short, and a misread "heading" that runs
/// on for a whole paragraph must not make matching slow.
fn clip_title(title: &str) -> &str {
    title.char_indices().nth(MAX_TITLE_CHARS).map_or(title, |(byte, _)| &title[..byte])
}

fn is_content_kind(kind: SectionKind) -> bool {
    !matches!(kind, SectionKind::Preamble | SectionKind::Closing | SectionKind::EnclosedTitle)
}

/// The text a section is compared by: its own body (for a leaf, whatever follows the heading).
fn body_span(section: &Section, has_children: bool) -> Span {
    if !section.body.is_empty() || has_children {
        section.body
    } else {
        Span::new(section.heading.end.min(section.span.end), section.span.end)
    }
}

/// Which sections of `doc` have children, and which are content units: level ≥ 1, numbered content
/// kinds, and the deepest level carrying text (a parent only if it has a lead-in of its own).
fn content_units(doc: &Document) -> (Vec<bool>, Vec<bool>) {
    let mut has_children = vec![false; doc.sections.len()];
    for section in &doc.sections {
        if let Some(parent) = section.parent.filter(|&p| p < has_children.len()) {
            has_children[parent] = true;
        }
    }
    let units = doc
        .sections
        .iter()
        .zip(&has_children)
        .map(|(section, &parent)| {
            section.level >= 1
                && is_content_kind(section.kind)
                && (!parent || alphanumeric_len(doc.slice(section.body)) >= MIN_PARENT_BODY_CHARS)
        })
        .collect();
    (units, has_children)
}

/// Last action per section, in the order of each section's last override; invalid indices dropped.
fn fold_overrides(documents: &[Document], overrides: &[AlignmentOverride]) -> Vec<((usize, usize), Action)> {
    let mut actions: Vec<((usize, usize), Action)> = Vec::new();
    for item in overrides {
        let (key, action) = match item {
            AlignmentOverride::Pin { doc, section, topic } => ((*doc, *section), Action::Pin(topic.clone())),
            AlignmentOverride::Unpin { doc, section } => ((*doc, *section), Action::Unpin),
        };
        let valid = documents.get(key.0).is_some_and(|document| key.1 < document.sections.len());
        if valid {
            actions.retain(|(existing, _)| *existing != key);
            actions.push((key, action));
        }
    }
    actions
}

struct Aligner<'a> {
    documents: &'a [Document],
    candidates: Vec<Candidate>,
    /// Pair similarities computed so far, keyed by `low << 32 | high` candidate index.
    similarities: RefCell<FastMap<u64, f32>>,
    rows: Vec<Row>,
    /// Row index of each candidate, if placed.
    placed: Vec<Option<usize>>,
}

impl<'a> Aligner<'a> {
    fn new(documents: &'a [Document], actions: &[((usize, usize), Action)]) -> Self {
        // (document, section, aligned automatically, has children)
        let mut picked: Vec<(usize, usize, bool, bool)> = Vec::new();
        for (doc_index, doc) in documents.iter().enumerate() {
            let (units, has_children) = content_units(doc);
            for (section, (unit, parent)) in units.into_iter().zip(has_children).enumerate() {
                let overridden = actions.iter().any(|(key, _)| *key == (doc_index, section));
                if unit || overridden {
                    picked.push((doc_index, section, !overridden, parent));
                }
            }
        }
        let texts: Vec<(&str, &str)> = picked
            .iter()
            .map(|&(doc, section, _, parent)| {
                let document = &documents[doc];
                let this = &document.sections[section];
                (clip_title(&this.title), document.slice(body_span(this, parent)))
            })
            .collect();
        let features = build_features(&texts);
        let candidates: Vec<Candidate> = picked
            .iter()
            .zip(texts.iter().zip(features))
            .map(|(&(doc, section, auto, _), ((title, body), features))| {
                let mut matched = topics::match_heading(title);
                if matched.is_empty() {
                    matched.extend(topics::match_body(body));
                }
                Candidate {
                    doc,
                    section,
                    start: documents[doc].sections[section].span.start,
                    title: title.to_string(),
                    topics: matched,
                    features,
                    auto,
                }
            })
            .collect();
        let count = candidates.len();
        Aligner {
            documents,
            candidates,
            similarities: RefCell::new(FastMap::default()),
            rows: Vec::new(),
            placed: vec![None; count],
        }
    }

    fn similarity(&self, a: usize, b: usize) -> f32 {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let key = ((low as u64) << 32) | high as u64;
        if let Some(&known) = self.similarities.borrow().get(&key) {
            return known;
        }
        let value = self.candidates[low].features.similarity(&self.candidates[high].features);
        self.similarities.borrow_mut().insert(key, value);
        value
    }

    /// `cells` grouped by document, in document order.
    fn runs_by_doc(&self, cells: &[usize]) -> Vec<(usize, Vec<usize>)> {
        let mut sorted: Vec<usize> = cells.to_vec();
        sorted.sort_unstable_by_key(|&c| (self.candidates[c].doc, c));
        let mut runs: Vec<(usize, Vec<usize>)> = Vec::new();
        for c in sorted {
            let doc = self.candidates[c].doc;
            match runs.last_mut() {
                Some((last, members)) if *last == doc => members.push(c),
                _ => runs.push((doc, vec![c])),
            }
        }
        runs
    }

    /// Mean, over the other documents in `runs` (at most [`MAX_REFERENCE_DOCS`], nearest in load order),
    /// of the best similarity of `candidate` to that document's units; `None` without other documents.
    fn reference_score(&self, candidate: usize, runs: &[(usize, Vec<usize>)]) -> Option<f32> {
        let doc = self.candidates[candidate].doc;
        let split = runs.partition_point(|(other, _)| *other < doc);
        let (mut left, mut right) = (split, split);
        if runs.get(right).is_some_and(|(other, _)| *other == doc) {
            right += 1;
        }
        let (mut total, mut count) = (0.0f32, 0usize);
        while count < MAX_REFERENCE_DOCS {
            let take_left = match (left.checked_sub(1).map(|l| &runs[l]), runs.get(right)) {
                (Some((l, _)), Some((r, _))) => doc.abs_diff(*l) <= doc.abs_diff(*r),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let members = if take_left {
                left -= 1;
                &runs[left].1
            } else {
                right += 1;
                &runs[right - 1].1
            };
            total += members.iter().map(|&other| self.similarity(candidate, other)).fold(0.0, f32::max);
            count += 1;
        }
        (count > 0).then(|| total / count as f32)
    }

    fn row_candidates(&self, row: usize) -> Vec<usize> {
        self.rows[row].cells.iter().flatten().map(|placed| placed.candidate).collect()
    }

    fn new_row(&mut self, topic: Option<usize>, label: String) -> usize {
        self.rows.push(Row { topic, label, cells: vec![None; self.documents.len()] });
        self.rows.len() - 1
    }

    fn place(&mut self, row: usize, placed: Placed) {
        let doc = self.candidates[placed.candidate].doc;
        if let Some(old) = self.rows[row].cells[doc].replace(placed) {
            self.placed[old.candidate] = None;
        }
        self.placed[placed.candidate] = Some(row);
    }

    /// Step 3: one row per topic, per document the best unit whose `rank`-th topic it is.
    fn topic_rows(&mut self, rank: usize) {
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); topics::topics().len()];
        for (c, candidate) in self.candidates.iter().enumerate() {
            if let Some(found) = candidate.topics.get(rank).filter(|_| candidate.auto && self.placed[c].is_none()) {
                groups[found.topic].push(c);
            }
        }
        for (topic, group) in groups.into_iter().enumerate() {
            if group.is_empty() {
                continue;
            }
            let row = match self.rows.iter().position(|row| row.topic == Some(topic)) {
                Some(row) => row,
                None => self.new_row(Some(topic), topics::topics()[topic].name.clone()),
            };
            let mut pool = group.clone();
            pool.extend(self.row_candidates(row));
            let pool = self.runs_by_doc(&pool);
            // Candidates are in document order, so the group splits into one run per document.
            let docs: Vec<usize> = group.iter().map(|&c| self.candidates[c].doc).collect();
            let mut at = 0;
            while at < group.len() {
                let run = docs[at..].iter().take_while(|&&doc| doc == docs[at]).count();
                let members = &group[at..at + run];
                at += run;
                let doc = self.candidates[members[0]].doc;
                if self.rows[row].cells[doc].is_some() {
                    continue;
                }
                // Support only decides between several units of one document.
                let contested = members.len() > 1;
                let best = members
                    .iter()
                    .map(|&c| {
                        let support = if contested { self.reference_score(c, &pool).unwrap_or(0.0) } else { 0.0 };
                        (c, self.candidates[c].topics[rank].strength, support)
                    })
                    // Stronger topic evidence first, then support; earlier position wins ties.
                    .reduce(|best, next| if (next.1, next.2) > (best.1, best.2) { next } else { best });
                if let Some((candidate, strength, _)) = best {
                    self.place(row, Placed { candidate, strength, pinned: false });
                }
            }
        }
    }

    /// Leftover automatic candidates, in candidate order.
    fn leftovers(&self) -> Vec<usize> {
        (0..self.candidates.len()).filter(|&c| self.candidates[c].auto && self.placed[c].is_none()).collect()
    }

    /// Step 4: empty cells of topic rows take a unit that resembles the row's cells closely.
    ///
    /// Only rows whose reference cells share a heading key with the unit are considered (otherwise the
    /// pair score cannot reach the threshold); the best proposals are placed first.
    fn fill_topic_rows(&mut self) {
        let references: Vec<Vec<usize>> = (0..self.rows.len())
            .map(|row| {
                let mut members = self.row_candidates(row);
                members.truncate(MAX_REFERENCE_DOCS);
                members
            })
            .collect();
        let mut rows_by_key: FastMap<u64, Vec<usize>> = FastMap::default();
        for (row, members) in references.iter().enumerate() {
            for &member in members {
                for key in self.candidates[member].features.heading_keys() {
                    let rows = rows_by_key.entry(key).or_default();
                    if rows.last() != Some(&row) {
                        rows.push(row);
                    }
                }
            }
        }
        let mut proposals: Vec<(f32, usize, usize)> = Vec::new();
        for candidate in self.leftovers() {
            let doc = self.candidates[candidate].doc;
            let mut rows: Vec<usize> = self.candidates[candidate]
                .features
                .heading_keys()
                .iter()
                .filter_map(|key| rows_by_key.get(key))
                .flatten()
                .copied()
                .filter(|&row| self.rows[row].cells[doc].is_none())
                .collect();
            rows.sort_unstable();
            rows.dedup();
            for row in rows {
                let members = &references[row];
                let mean = members.iter().map(|&m| self.similarity(candidate, m)).sum::<f32>() / members.len() as f32;
                if mean >= FILL_THRESHOLD {
                    proposals.push((mean, row, candidate));
                }
            }
        }
        proposals.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, row, candidate) in proposals {
            let doc = self.candidates[candidate].doc;
            if self.placed[candidate].is_none() && self.rows[row].cells[doc].is_none() {
                self.place(row, Placed { candidate, strength: FILL_STRENGTH, pinned: false });
            }
        }
    }

    /// Step 5: single-link clusters of leftover units, at most one unit per document.
    fn cluster_rows(&mut self) {
        // Pairs sharing no heading key score at most the body weight, below the threshold: block on keys.
        let mut postings: FastMap<u64, Vec<usize>> = FastMap::default();
        for candidate in self.leftovers() {
            for key in self.candidates[candidate].features.heading_keys() {
                postings.entry(key).or_default().push(candidate);
            }
        }
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for members in postings.values() {
            for (i, &a) in members.iter().enumerate() {
                for &b in members.iter().skip(i + 1).take(MAX_NEIGHBOURS) {
                    if self.candidates[a].doc != self.candidates[b].doc {
                        pairs.push((a.min(b), a.max(b)));
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut edges: Vec<(f32, usize, usize)> = pairs
            .into_iter()
            .map(|(a, b)| (self.similarity(a, b), a, b))
            .filter(|&(similarity, _, _)| similarity >= CLUSTER_THRESHOLD)
            .collect();
        edges.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        // cluster[c] = index into `clusters` for every leftover candidate.
        let mut cluster_of: Vec<usize> = (0..self.candidates.len()).collect();
        let mut clusters: Vec<Vec<usize>> = (0..self.candidates.len()).map(|c| vec![c]).collect();
        for (_, a, b) in edges {
            let (ca, cb) = (cluster_of[a], cluster_of[b]);
            if ca == cb {
                continue;
            }
            let disjoint = clusters[ca]
                .iter()
                .all(|&x| clusters[cb].iter().all(|&y| self.candidates[x].doc != self.candidates[y].doc));
            if !disjoint {
                continue;
            }
            let (keep, gone) = (ca.min(cb), ca.max(cb));
            let moved = std::mem::take(&mut clusters[gone]);
            for &c in &moved {
                cluster_of[c] = keep;
            }
            clusters[keep].extend(moved);
        }
        for mut members in clusters.into_iter().filter(|members| members.len() >= 2) {
            members.sort_unstable();
            let runs = self.runs_by_doc(&members);
            let typical = members
                .iter()
                .map(|&c| (c, self.reference_score(c, &runs).unwrap_or(0.0)))
                .reduce(|best, next| if next.1 > best.1 { next } else { best })
                .map_or(members[0], |(c, _)| c);
            let row = self.new_row(None, self.candidates[typical].title.clone());
            for candidate in members {
                self.place(row, Placed { candidate, strength: 0.0, pinned: false });
            }
        }
    }

    fn candidate_index(&self, doc: usize, section: usize) -> Option<usize> {
        self.candidates.iter().position(|c| c.doc == doc && c.section == section)
    }

    /// Step 6: pinned sections go to the row named by the pin, evicting that document's cell there.
    fn apply_pins(&mut self, actions: &[((usize, usize), Action)]) {
        for ((doc, section), action) in actions {
            let Action::Pin(name) = action else { continue };
            let Some(candidate) = self.candidate_index(*doc, *section) else { continue };
            let found = self
                .rows
                .iter()
                .position(|row| row.topic.is_some_and(|t| topics::topics()[t].name == *name) || row.label == *name);
            let row = match found {
                Some(row) => row,
                None => self.new_row(topics::topic_index(name), name.clone()),
            };
            self.place(row, Placed { candidate, strength: 1.0, pinned: true });
        }
    }

    /// Stable order: by the earliest document that has a cell, then by that cell's position.
    fn sort_rows(&mut self) {
        self.rows.retain(|row| row.cells.iter().any(Option::is_some));
        let key = |row: &Row| {
            row.cells
                .iter()
                .enumerate()
                .find_map(|(doc, cell)| cell.map(|placed| (doc, self.candidates[placed.candidate].start)))
                .unwrap_or((usize::MAX, usize::MAX))
        };
        let mut keyed: Vec<((usize, usize), Row)> =
            std::mem::take(&mut self.rows).into_iter().map(|row| (key(&row), row)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.label.cmp(&b.1.label)));
        self.rows = keyed.into_iter().map(|(_, row)| row).collect();
        for (index, row) in self.rows.iter().enumerate() {
            for placed in row.cells.iter().flatten() {
                self.placed[placed.candidate] = Some(index);
            }
        }
    }

    /// How well a cell fits its row; `runs` are the row's cells by document.
    fn cell_score(&self, row: &Row, runs: &[(usize, Vec<usize>)], placed: Placed) -> f32 {
        let mean = self.reference_score(placed.candidate, runs);
        let score = match (placed.pinned, row.topic, mean) {
            (true, _, mean) => mean.unwrap_or(1.0),
            (false, Some(_), Some(mean)) => 0.5 * placed.strength + 0.5 * mean,
            (false, Some(_), None) => 0.5 * placed.strength,
            (false, None, mean) => mean.unwrap_or(0.0),
        };
        score.clamp(0.0, 1.0)
    }

    fn finish(self) -> Alignment {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let runs = self.runs_by_doc(&row.cells.iter().flatten().map(|p| p.candidate).collect::<Vec<_>>());
                AlignmentRow {
                    topic: row.topic.map(|t| topics::topics()[t].name.clone()),
                    label: row.label.clone(),
                    cells: row
                        .cells
                        .iter()
                        .map(|cell| {
                            cell.map(|placed| AlignedCell {
                                section: self.candidates[placed.candidate].section,
                                score: self.cell_score(row, &runs, placed),
                                pinned: placed.pinned,
                            })
                        })
                        .collect(),
                }
            })
            .collect();
        let mut unaligned: Vec<(usize, usize)> = self
            .candidates
            .iter()
            .zip(&self.placed)
            .filter(|(_, row)| row.is_none())
            .map(|(candidate, _)| (candidate.doc, candidate.section))
            .collect();
        unaligned.sort_unstable();
        Alignment { rows, unaligned }
    }
}

/// Align comparable sections of all documents, applying the user's overrides.
///
/// Each row holds a topic from `assets/topics.tsv` (or an untitled cluster) and, per document, at
/// most one section. Overrides are applied last; for a section named by several overrides the last one
/// counts, so applying the same overrides again changes nothing.
pub fn align(documents: &[Document], overrides: &[AlignmentOverride]) -> Alignment {
    let actions = fold_overrides(documents, overrides);
    let mut aligner = Aligner::new(documents, &actions);
    aligner.topic_rows(0);
    aligner.topic_rows(1);
    aligner.fill_topic_rows();
    aligner.cluster_rows();
    aligner.sort_rows();
    aligner.apply_pins(&actions);
    aligner.sort_rows();
    aligner.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use crate::text::CharText;

    /// A document from `(level, kind, number, title, body)` rows; parents follow from the levels.
    fn document(id: &str, parts: &[(u8, SectionKind, &str, &str, &str)]) -> Document {
        let mut text = String::new();
        let mut sections: Vec<Section> = Vec::new();
        let mut at = 0usize;
        for (index, &(level, kind, number, title, body)) in parts.iter().enumerate() {
            let heading = if title.is_empty() { number.to_string() } else { format!("{number}{title}。") };
            let line = format!("{heading}{body}\n");
            let heading_len = heading.chars().count();
            let line_len = line.chars().count();
            let parent = (0..index).rev().find(|&p| sections[p].level < level && level > 0);
            sections.push(Section {
                id: format!("{id}.S{index}"),
                level,
                kind,
                number: number.to_string(),
                ordinal: None,
                title: title.to_string(),
                heading: Span::new(at, at + heading_len),
                span: Span::new(at, at + line_len),
                body: Span::new(at + heading_len, at + line_len),
                parent,
            });
            text.push_str(&line);
            at += line_len;
        }
        // A section's span runs to the next section of the same or a higher level.
        for index in 0..sections.len() {
            let level = sections[index].level;
            let end = sections[index + 1..].iter().find(|next| next.level <= level).map_or(at, |next| next.span.start);
            if level > 0 {
                sections[index].span.end = end;
            }
        }
        Document {
            id: id.to_string(),
            path: format!("{id}.txt"),
            label: id.to_string(),
            format: Format::Txt,
            encoding: "UTF-8".to_string(),
            warnings: Vec::new(),
            bytes: text.len() as u64,
            text: CharText::new(text),
            metadata: Default::default(),
            sections,
        }
    }

    use SectionKind::{Closing, Part, Preamble, Subpart};

    fn corpus_like() -> Vec<Document> {
        vec![
            document(
                "D1",
                &[
                    (0, Preamble, "", "", "各地级以上市人民政府：为加快发展电子商务，提出如下意见。"),
                    (1, Part, "七、", "加大政策支持力度", ""),
                    (2, Subpart, "（二十二）", "强化财政支持", "省财政安排专项资金，支持电子商务发展。"),
                    (2, Subpart, "（二十三）", "规范网络交易秩序", "加强网络交易监管，打击网络欺诈和假冒伪劣。"),
                    (2, Subpart, "（二十五）", "加强用地支持", "各地级以上市的用地计划指标要优先安排电子商务项目。"),
                    (2, Subpart, "（二十六）", "提升物流协同水平", "加快推动物流信息化，发展第三方物流。"),
                    (0, Closing, "", "", "广东省人民政府办公厅"),
                ],
            ),
            document(
                "D2",
                &[
                    (1, Part, "四、", "加大政策支持力度", ""),
                    (2, Subpart, "(一)", "加大财政支持力度", "充分利用省级财政专项资金，支持电子商务发展。"),
                    (2, Subpart, "(二)", "强化用地支持", "各地级以上城市用地计划指标要优先安排电子商务项目。"),
                    (2, Subpart, "(三)", "完善物流体系", "推动物流信息化，发展第三方物流和仓储。"),
                    (2, Subpart, "(四)", "加强物流配送车辆管理", "规范物流配送车辆通行和停靠。"),
                    (2, Subpart, "(五)", "维护网络交易秩序", "加强网络交易监管，依法打击网络欺诈和假冒伪劣。"),
                    (2, Subpart, "(六)", "建设旅游景区网站", "推进景区门票在线销售。"),
                ],
            ),
            document(
                "D3",
                &[
                    (1, Part, "五、", "加大政策支持力度", ""),
                    (2, Subpart, "（一）", "加大财政支持力度", "全市各级财政每年安排专项资金，支持电子商务。"),
                    (2, Subpart, "（三）", "强化用地支持", "对电子商务标杆企业用地计划指标优先安排。"),
                ],
            ),
        ]
    }

    fn row<'a>(alignment: &'a Alignment, key: &str) -> &'a AlignmentRow {
        alignment.rows.iter().find(|row| row.label == key).unwrap_or_else(|| panic!("no row {key}: {alignment:?}"))
    }

    fn sections(row: &AlignmentRow) -> Vec<Option<usize>> {
        row.cells.iter().map(|cell| cell.map(|c| c.section)).collect()
    }

    #[test]
    fn topic_rows_match_synonym_headings_across_documents() {
        let alignment = align(&corpus_like(), &[]);
        let finance = row(&alignment, "财政支持");
        assert_eq!(finance.topic.as_deref(), Some("财政支持"));
        assert_eq!(sections(finance), vec![Some(2), Some(1), Some(1)]);
        assert!(finance.cells.iter().flatten().all(|cell| cell.score > 0.6 && !cell.pinned));
        assert_eq!(sections(row(&alignment, "用地")), vec![Some(4), Some(2), Some(2)]);
    }

    #[test]
    fn one_section_per_document_and_row_with_the_best_one_kept() {
        let alignment = align(&corpus_like(), &[]);
        // D2 has two logistics sections; the one resembling D1's wins, the other is left over.
        assert_eq!(sections(row(&alignment, "物流")), vec![Some(5), Some(3), None]);
        assert!(alignment.unaligned.contains(&(1, 4)));
        for row in &alignment.rows {
            assert_eq!(row.cells.len(), 3);
        }
    }

    #[test]
    fn untitled_clusters_and_unaligned_sections() {
        let alignment = align(&corpus_like(), &[]);
        let cluster = alignment.rows.iter().find(|row| row.topic.is_none()).expect("an untitled cluster");
        assert_eq!(sections(cluster), vec![Some(3), Some(5), None]);
        assert!(cluster.label == "规范网络交易秩序" || cluster.label == "维护网络交易秩序");
        // The tourism section has a topic row of its own; nothing else in D2 matches it.
        assert_eq!(sections(row(&alignment, "旅游")), vec![None, Some(6), None]);
    }

    #[test]
    fn preamble_closing_and_bodiless_parents_are_not_aligned() {
        let alignment = align(&corpus_like(), &[]);
        let used: Vec<(usize, usize)> = alignment
            .rows
            .iter()
            .flat_map(|row| row.cells.iter().enumerate().filter_map(|(d, c)| c.map(|c| (d, c.section))))
            .chain(alignment.unaligned.iter().copied())
            .collect();
        for excluded in [(0, 0), (0, 1), (0, 6), (1, 0), (2, 0)] {
            assert!(!used.contains(&excluded), "{excluded:?} should not be a content unit");
        }
    }

    #[test]
    fn rows_are_ordered_by_first_document_position() {
        let alignment = align(&corpus_like(), &[]);
        let labels: Vec<&str> = alignment.rows.iter().map(|row| row.label.as_str()).collect();
        let position = |label: &str| labels.iter().position(|l| *l == label).unwrap();
        assert!(position("财政支持") < position("用地"));
        assert!(position("用地") < position("物流"));
        assert!(position("物流") < position("旅游"), "rows without D1 come after D1's rows: {labels:?}");
        assert_eq!(alignment, align(&corpus_like(), &[]));
    }

    #[test]
    fn pin_moves_a_section_and_evicts_the_previous_cell() {
        let documents = corpus_like();
        let pin = AlignmentOverride::Pin { doc: 1, section: 4, topic: "物流".to_string() };
        let alignment = align(&documents, std::slice::from_ref(&pin));
        let logistics = row(&alignment, "物流");
        assert_eq!(sections(logistics), vec![Some(5), Some(4), None]);
        assert!(logistics.cells[1].is_some_and(|cell| cell.pinned));
        assert!(alignment.unaligned.contains(&(1, 3)), "the evicted section is unaligned");
        // The same overrides again, or repeated, give the same result.
        assert_eq!(alignment, align(&documents, &[pin.clone(), pin.clone()]));
    }

    #[test]
    fn pin_to_an_unknown_label_creates_a_row_and_unpin_keeps_a_section_out() {
        let documents = corpus_like();
        let overrides = vec![
            AlignmentOverride::Pin { doc: 2, section: 2, topic: "我的分组".to_string() },
            AlignmentOverride::Unpin { doc: 0, section: 2 },
            AlignmentOverride::Unpin { doc: 9, section: 0 },
        ];
        let alignment = align(&documents, &overrides);
        let custom = row(&alignment, "我的分组");
        assert_eq!(custom.topic, None);
        assert_eq!(sections(custom), vec![None, None, Some(2)]);
        assert_eq!(sections(row(&alignment, "用地")), vec![Some(4), Some(2), None]);
        let finance = row(&alignment, "财政支持");
        assert_eq!(finance.cells[0], None);
        assert!(alignment.unaligned.contains(&(0, 2)));
        let twice: Vec<AlignmentOverride> = overrides.iter().chain(&overrides).cloned().collect();
        assert_eq!(alignment, align(&documents, &twice));
    }

    #[test]
    fn the_last_override_of_a_section_counts() {
        let documents = corpus_like();
        let unpin = AlignmentOverride::Unpin { doc: 0, section: 2 };
        let pin = AlignmentOverride::Pin { doc: 0, section: 2, topic: "财政支持".to_string() };
        let pinned = align(&documents, &[unpin.clone(), pin.clone()]);
        assert!(row(&pinned, "财政支持").cells[0].is_some_and(|cell| cell.pinned && cell.section == 2));
        let unpinned = align(&documents, &[pin, unpin]);
        assert_eq!(row(&unpinned, "财政支持").cells[0], None);
    }

    #[test]
    fn hundreds_of_documents_stay_fast_and_complete() {
        let headings = [
            ("强化财政支持", "省财政安排专项资金，支持电子商务发展。"),
            ("加强用地支持", "用地计划指标要优先安排电子商务项目。"),
            ("规范网络交易秩序", "加强网络交易监管，打击网络欺诈和假冒伪劣。"),
            ("建设旅游景区网站", "推进景区门票在线销售。"),
            ("保障从业人员权益", "健全完善电子商务企业劳动合同制度。"),
        ];
        let documents: Vec<Document> = (0..300)
            .map(|d| {
                let mut parts = vec![(1, Part, "一、", "政策措施", "")];
                // Every document leaves one heading out, so rows are not all full.
                for (index, (title, body)) in headings.iter().enumerate().filter(|(index, _)| d % 7 != *index) {
                    let _ = index;
                    parts.push((2, Subpart, "（一）", title, body));
                }
                document(&format!("D{}", d + 1), &parts)
            })
            .collect();
        let start = std::time::Instant::now();
        let alignment = align(&documents, &[]);
        assert!(start.elapsed() < std::time::Duration::from_secs(20), "took {:?}", start.elapsed());
        let finance = row(&alignment, "财政支持");
        assert_eq!(finance.cells.iter().filter(|cell| cell.is_some()).count(), 300 - 300 / 7 - 1);
        let cluster = alignment.rows.iter().find(|row| row.label == "规范网络交易秩序").expect("cluster row");
        assert_eq!(cluster.topic, None);
        assert!(cluster.cells.iter().filter(|cell| cell.is_some()).count() > 250);
    }

    #[test]
    fn body_keywords_place_a_section_whose_heading_names_no_topic() {
        let documents = vec![
            document("D1", &[(1, Part, "一、", "强化财政支持", "省财政安排专项资金。")]),
            document("D2", &[(1, Part, "一、", "其他措施", "设立专项资金，专项资金用于资金扶持，财政资金优先安排。")]),
        ];
        let alignment = align(&documents, &[]);
        let finance = row(&alignment, "财政支持");
        assert_eq!(sections(finance), vec![Some(0), Some(0)]);
        // Body evidence is weaker than a heading keyword, and the score says so.
        let scores: Vec<f32> = finance.cells.iter().flatten().map(|cell| cell.score).collect();
        assert!(scores[1] < scores[0], "{scores:?}");
    }

    #[test]
    fn a_look_alike_section_fills_an_empty_cell_of_a_topic_row() {
        let documents = vec![
            document("D1", &[(1, Part, "一、", "发展旅游景区网站", "推进景区门票在线销售和酒店预订。")]),
            document(
                "D2",
                &[
                    (1, Part, "一、", "建设景区网站", "推进景区门票在线销售和酒店预订。"),
                    (1, Part, "二、", "完善统计制度", "建立统计监测制度。"),
                ],
            ),
        ];
        let alignment = align(&documents, &[]);
        assert_eq!(sections(row(&alignment, "旅游")), vec![Some(0), Some(0)]);
        assert_eq!(sections(row(&alignment, "统计")), vec![None, Some(1)]);
        assert!(alignment.unaligned.is_empty());
    }

    #[test]
    fn long_headings_are_clipped() {
        let long = "加".repeat(200);
        assert_eq!(clip_title(&long).chars().count(), MAX_TITLE_CHARS);
        assert_eq!(clip_title("强化财政支持"), "强化财政支持");
    }

    #[test]
    fn no_documents_no_rows() {
        assert_eq!(align(&[], &[]), Alignment::default());
    }
}
