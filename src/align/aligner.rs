//! N-way section alignment by content.
//!
//! The steps, each deterministic:
//! 1. Units: per document the leaves of the outline (an article 第X条 with its 款/项 counts as one
//!    leaf), and the groups above them as candidates for being taken whole.
//! 2. Features: TF-IDF over jieba tokens and char bigrams of each unit's text, the folded heading,
//!    the nearest titled ancestor (a chapter title gives context to untitled articles) and the topic
//!    of the heading in the topic list (a weak prior only).
//! 3. Pair scores: content similarity blended with the share of text the reuse engine found copied
//!    or rewritten between the two units, the strongest evidence there is. Every leaf is scored
//!    against the leaves of the documents it is compared with once; the later steps read these
//!    scores (only pairs with a group taken whole are computed again).
//! 4. Level: a group is taken whole, instead of its items, when other documents cover its items in
//!    one section rather than in distinct ones (the whole scores best there, or most of its items
//!    converge on that one section).
//! 5. Pairwise assignment: per document pair a maximum-weight one-to-one matching, with a small
//!    bonus for pairs at similar relative positions (order is a soft prior; moved sections pair) and
//!    a penalty for pairs whose parents (chapters, parts) do not correspond; then sections left free
//!    that are each other's best among the free ones are paired where they fit in order between the
//!    matched pairs.
//! 6. Rows: matched pairs merged best first into rows holding at most one section per document.
//! 7. Overrides, labels, scores and gaps.

use std::collections::BTreeMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use super::assign::max_weight_assignment;
use super::similarity::{FastMap, cosine, dice, heading_features, is_word_char};
use super::tokens::{document_tokens, tokens_within};
use super::topics;
use super::{AlignedCell, Alignment, AlignmentOverride, AlignmentRow, Gap};
use crate::model::{Document, SectionKind};
use crate::reuse::ReuseReport;
use crate::text::Span;
use std::hash::Hasher;

/// Limits of one alignment run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlignOptions {
    /// Wall-clock budget. When it runs out the remaining document pairs are not compared and the
    /// result says so ([`Alignment::timed_out`]); alignment never blocks the app for longer.
    pub timeout: Duration,
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(5) }
    }
}

/// Heading chars compared: real headings are short, and a misread "heading" that runs on for a whole
/// paragraph must not make matching slow.
const MAX_TITLE_CHARS: usize = 80;
/// Chars shown in a label taken from a heading.
const MAX_LABEL_CHARS: usize = 24;
/// A unit needs this many word chars besides its heading, or a heading: empty headings are not content.
const MIN_UNIT_CHARS: usize = 2;
/// Pair score that pairs two sections on its own.
const PAIR_THRESHOLD: f32 = 0.38;
/// Smallest pair score that pairs two sections that are each other's best match in the two
/// documents: documents written in different words score lower throughout, and being mutually
/// best is evidence of its own.
const PAIR_FLOOR: f32 = 0.1;
/// Mean score across two partial rows that lets them merge into one.
const MERGE_THRESHOLD: f32 = 0.2;
/// Share of the cross pairs of two partial rows that the pairwise assignments matched directly and
/// that lets the rows merge whatever their mean score.
const MIN_MERGE_SUPPORT: f32 = 0.5;
/// Items of a group that must have their best match in the section the whole group matches best
/// (and be most of the group) for that document to count for taking the group whole, whatever the
/// scores: two sibling items about related things often share a best match by chance, three rarely.
const MIN_CONVERGING_ITEMS: usize = 3;
/// Identical chars a reused passage needs to count as evidence that two sections correspond.
const MIN_EVIDENCE_CHARS: usize = 24;
/// A passage the reuse engine marks as boilerplate still counts as evidence from this length on:
/// formulae are short, and a clause a whole family repeats is not a formula.
const MIN_COMMON_CLAUSE_CHARS: usize = 30;
/// Weight of the relative-position bonus in the pairwise assignment (a soft prior).
const ORDER_WEIGHT: f32 = 0.05;
/// Penalty, in the pairwise assignment, for a pair whose parents (the chapters or parts the two
/// sections sit in) correspond poorly: an article in a chapter on penalties pairs with one in the other
/// document's penalty chapter rather than with the prohibition it punishes. Applied in full when the
/// parents' affinity is 0, not at all from [`CHAPTER_KNEE`] up, so moved sections with strong evidence
/// still pair.
const CHAPTER_WEIGHT: f32 = 0.2;
/// Parent affinity (see [`context_affinity`]) from which two sections' parents count as corresponding:
/// a parent pair at less than 0.3 of the best either parent reaches is a poor match.
const CHAPTER_KNEE: f32 = 0.3;
/// Smallest score of a pair added between the matched pairs of a document pair after the assignment:
/// two sections left free that are each other's best among the free ones, in document order with the
/// matched pairs around them.
const FILL_FLOOR: f32 = 0.2;
/// Rounds of that filling (each round may free a best match for the next one).
const FILL_ROUNDS: usize = 3;
/// Bonus for two headings that name the same topic of the topic list (a weak prior).
const TOPIC_PRIOR: f32 = 0.05;
/// Weight of char bigrams against jieba tokens in the content vector.
const BIGRAM_WEIGHT: f32 = 0.5;
/// Weight of char bigrams against words in heading vectors (headings are short: bigrams catch the
/// words jieba splits differently).
const HEADING_BIGRAM_WEIGHT: f32 = 0.7;
/// Heading weight in the content score when both sections have headings.
const HEADING_WEIGHT: f32 = 0.4;
/// Chapter-title weight in the content score when a section has no heading of its own.
const CONTEXT_WEIGHT: f32 = 0.05;
/// A document is compared with at most this many other documents (the nearest in load order):
/// enough evidence, and alignment stays near-linear when hundreds of documents are loaded.
const MAX_REFERENCE_DOCS: usize = 16;
/// The deadline is checked every this many units of work (scored pairs).
const CLOCK_EVERY: usize = 4096;

/// Heading features: word tokens and char bigrams of the folded heading, and their IDF-weighted
/// vector (words every heading shares, such as 加强 or 政策, weigh little).
#[derive(Clone, Debug, Default)]
struct Heading {
    tokens: Vec<String>,
    grams: Vec<(char, char)>,
    vector: Vec<(u32, f32)>,
}

impl Heading {
    fn new(title: &str) -> Option<Heading> {
        let clipped = clip_title(title);
        if !clipped.chars().any(is_word_char) {
            return None;
        }
        let (tokens, grams) = heading_features(clipped);
        (!grams.is_empty()).then_some(Heading { tokens, grams, vector: Vec::new() })
    }

    /// Term keys (tokens above bit 62, so they never collide with bigrams), sorted and unique.
    fn keys(&self) -> Vec<(u64, bool)> {
        let mut keys: Vec<(u64, bool)> = self
            .tokens
            .iter()
            .map(|t| (term_key_token(t) | (1 << 62), true))
            .chain(self.grams.iter().map(|&g| (term_key_gram(g), false)))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    fn similarity(&self, other: &Heading) -> f32 {
        if self.vector.is_empty() || other.vector.is_empty() {
            return 0.5 * dice(&self.tokens, &other.tokens) + 0.5 * dice(&self.grams, &other.grams);
        }
        cosine(&self.vector, &other.vector)
    }
}

/// A section considered for alignment: a leaf unit or a group of units.
struct Node {
    doc: usize,
    section: usize,
    span: Span,
    /// Word chars of the whole span.
    chars: usize,
    heading: Option<Heading>,
    /// Heading of the nearest titled ancestor.
    context: Option<Heading>,
    /// Topic named by the heading, if any.
    topic: Option<usize>,
    /// L2-normalised TF-IDF weights, sorted by term id.
    vector: Vec<(u32, f32)>,
    /// Leaf nodes under this node (itself for a leaf).
    leaves: Vec<usize>,
    /// A group (taken whole when chosen).
    group: bool,
}

/// What the user asked for one section, after later overrides replaced earlier ones.
#[derive(Clone, Debug, PartialEq)]
enum Action {
    Pin(String),
    Unpin,
}

fn alphanumeric_len(text: &str) -> usize {
    text.chars().filter(|&c| is_word_char(c)).count()
}

/// The part of a heading that is compared.
fn clip_title(title: &str) -> &str {
    title.char_indices().nth(MAX_TITLE_CHARS).map_or(title, |(byte, _)| &title[..byte])
}

fn is_content_kind(kind: SectionKind) -> bool {
    !matches!(kind, SectionKind::Preamble | SectionKind::Closing | SectionKind::EnclosedTitle)
}

/// Last action per section; a `Pin` followed by an `Unpin` of the same section cancels out (the
/// section goes back to automatic alignment). Invalid indices are dropped.
fn fold_overrides(documents: &[Document], overrides: &[AlignmentOverride]) -> Vec<((usize, usize), Action)> {
    let mut actions: Vec<((usize, usize), Action)> = Vec::new();
    for item in overrides {
        let (key, action) = match item {
            AlignmentOverride::Pin { doc, section, topic } => ((*doc, *section), Action::Pin(topic.clone())),
            AlignmentOverride::Unpin { doc, section } => ((*doc, *section), Action::Unpin),
        };
        let valid = documents.get(key.0).is_some_and(|document| key.1 < document.sections.len());
        if !valid {
            continue;
        }
        let previous = actions.iter().position(|(existing, _)| *existing == key);
        let was_pinned = previous.is_some_and(|p| matches!(actions[p].1, Action::Pin(_)));
        if let Some(p) = previous {
            actions.remove(p);
        }
        if !(was_pinned && action == Action::Unpin) {
            actions.push((key, action));
        }
    }
    actions
}

fn term_key_token(token: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(token.as_bytes());
    hasher.finish() | (1 << 63)
}

/// Key of a body token, from its chars (no string is built unless the token is new).
fn term_key_chars(token: &[char]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    for &c in token {
        hasher.write_u32(c as u32);
    }
    hasher.finish() | (1 << 63)
}

fn term_key_gram((a, b): (char, char)) -> u64 {
    (u64::from(a as u32) << 32) | u64::from(b as u32)
}

/// A row while being built: per document the node and whether the user pinned it.
struct Row {
    topic: Option<usize>,
    label: String,
    cells: Vec<Option<(usize, bool)>>,
}

struct Aligner<'a> {
    documents: &'a [Document],
    nodes: Vec<Node>,
    /// Per document: the units currently chosen (node ids), in document order.
    units: Vec<Vec<usize>>,
    /// Per document: groups that may be taken whole (node ids), deepest first.
    groups: Vec<Vec<usize>>,
    /// Node of each pinned section.
    pinned_nodes: FastMap<u64, usize>,
    /// Chars the reuse engine found shared between two leaf nodes, keyed `low << 32 | high`.
    shared: FastMap<u64, f32>,
    /// The same, grouped by document pair (`low << 32 | high` document indices).
    shared_by_docs: FastMap<u64, Vec<(usize, usize, f32)>>,
    /// Token text by term id (`None` for char bigrams), for labels.
    token_names: Vec<Option<String>>,
    /// Pair scores computed so far, keyed `low << 32 | high`.
    scores: FastMap<u64, f32>,
    /// Per document pair `a < b` (keyed `a << 32 | b`): the scores of every leaf unit of `a` (rows)
    /// against every leaf unit of `b` (columns).
    matrices: FastMap<u64, Vec<f32>>,
    /// Per document: the leaf units, before the level choice took some groups whole.
    leaf_units: Vec<Vec<usize>>,
    /// Position of each node among its document's leaf units (`None` for groups and pinned nodes).
    leaf_index: Vec<Option<usize>>,
    /// Per document: the leaf units' postings ([`Aligner::postings`] before the level choice).
    leaf_postings: Vec<FastMap<u32, Vec<(u32, f32)>>>,
    /// Per document: a group was taken whole, so its units are no longer the leaf units.
    regrouped: Vec<bool>,
    deadline: Option<Instant>,
    timed_out: bool,
    steps: usize,
}

fn pair_key(a: usize, b: usize) -> u64 {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    ((low as u64) << 32) | high as u64
}

fn section_key(doc: usize, section: usize) -> u64 {
    ((doc as u64) << 32) | section as u64
}

/// Term counts of a text while features are built.
struct Terms {
    ids: FastMap<u64, u32>,
    names: Vec<Option<String>>,
}

impl Terms {
    fn id(&mut self, key: u64, name: impl FnOnce() -> Option<String>) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(key).or_insert_with(|| {
            self.names.push(name());
            next
        })
    }

    /// Add the counts of the jieba tokens of the char range `span` of a document (its `chars` and
    /// whole-document `tokens`; two chars or more, not pure numbers) and of the span's char bigrams.
    fn count(&mut self, chars: &[char], tokens: &[Range<u32>], span: Span, counts: &mut FastMap<u32, u32>) {
        let (start, end) = (span.start.min(chars.len()), span.end.min(chars.len()));
        for range in tokens_within(tokens, start, end) {
            let Some(token) = chars.get(range.start as usize..range.end as usize) else { continue };
            if token.len() < 2 || !token.iter().all(|&c| is_word_char(c)) || token.iter().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let id = self.id(term_key_chars(token), || Some(token.iter().collect()));
            *counts.entry(id).or_insert(0) += 1;
        }
        let Some(text) = chars.get(start..end) else { return };
        let mut previous: Option<char> = None;
        for &c in text {
            if !is_word_char(c) {
                previous = None;
                continue;
            }
            if let Some(p) = previous {
                let id = self.id(term_key_gram((p, c)), || None);
                *counts.entry(id).or_insert(0) += 1;
            }
            previous = Some(c);
        }
    }
}

impl<'a> Aligner<'a> {
    /// The nodes, units, groups and content vectors of every document: all the aligner needs
    /// before the reuse report ([`Aligner::map_reuse`] adds it).
    fn new(documents: &'a [Document], actions: &[((usize, usize), Action)], deadline: Option<Instant>) -> Self {
        let overridden = |doc: usize, section: usize| actions.iter().any(|(key, _)| *key == (doc, section));
        let pinned = |doc: usize, section: usize| {
            actions.iter().any(|(key, action)| *key == (doc, section) && matches!(action, Action::Pin(_)))
        };
        let mut terms = Terms { ids: FastMap::default(), names: Vec::new() };
        // (doc, section, counts, group leaves as section indices or empty for a leaf)
        let mut nodes: Vec<Node> = Vec::new();
        let mut counts: Vec<FastMap<u32, u32>> = Vec::new();
        let mut units: Vec<Vec<usize>> = vec![Vec::new(); documents.len()];
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); documents.len()];
        let mut pinned_nodes: FastMap<u64, usize> = FastMap::default();
        for (doc_index, doc) in documents.iter().enumerate() {
            let n = doc.sections.len();
            let chars: Vec<char> = doc.text.as_str().chars().collect();
            let tokens = document_tokens(doc.text.as_str());
            let parent_of = |s: usize| doc.sections[s].parent.filter(|&p| p < s);
            let content: Vec<bool> = doc.sections.iter().map(|s| s.level >= 1 && is_content_kind(s.kind)).collect();
            // Inside an article (its 款/项 items) or inside a pinned section: not a unit of its own.
            let mut inside = vec![false; n];
            let mut ancestor_pinned = vec![false; n];
            let mut has_content_children = vec![false; n];
            let mut override_below = vec![false; n];
            for s in 0..n {
                if let Some(p) = parent_of(s) {
                    inside[s] = inside[p] || doc.sections[p].kind == SectionKind::Article;
                    ancestor_pinned[s] = ancestor_pinned[p] || pinned(doc_index, p);
                    if content[s] {
                        has_content_children[p] = true;
                    }
                }
            }
            for s in (0..n).rev() {
                if overridden(doc_index, s) || override_below[s] {
                    let mut at = parent_of(s);
                    while let Some(p) = at {
                        override_below[p] = true;
                        at = parent_of(p);
                    }
                }
            }
            let context_of = |s: usize| -> Option<Heading> {
                let mut at = parent_of(s);
                while let Some(p) = at {
                    if let Some(heading) = Heading::new(&doc.sections[p].title) {
                        return Some(heading);
                    }
                    at = parent_of(p);
                }
                None
            };
            let mut leaf_of_section: Vec<Option<usize>> = vec![None; n];
            let mut doc_leaves: Vec<usize> = Vec::new();
            for s in 0..n {
                let section = &doc.sections[s];
                let is_pinned = pinned(doc_index, s);
                let leaf = content[s]
                    && !inside[s]
                    && !ancestor_pinned[s]
                    && (!has_content_children[s] || section.kind == SectionKind::Article);
                if !(leaf || is_pinned) {
                    continue;
                }
                let heading = Heading::new(&section.title);
                let body =
                    Span::new(section.heading.end.max(section.span.start).min(section.span.end), section.span.end);
                if heading.is_none() && alphanumeric_len(doc.slice(body)) < MIN_UNIT_CHARS && !is_pinned {
                    continue;
                }
                let mut own = FastMap::default();
                terms.count(&chars, &tokens, section.span, &mut own);
                let id = nodes.len();
                nodes.push(Node {
                    doc: doc_index,
                    section: s,
                    span: section.span,
                    chars: section.span.len().max(1),
                    topic: topics::match_heading(clip_title(&section.title)).first().map(|m| m.topic),
                    heading,
                    context: context_of(s),
                    vector: Vec::new(),
                    leaves: vec![id],
                    group: false,
                });
                counts.push(own);
                if is_pinned {
                    pinned_nodes.insert(section_key(doc_index, s), id);
                } else if !overridden(doc_index, s) && leaf {
                    units[doc_index].push(id);
                    leaf_of_section[s] = Some(id);
                    doc_leaves.push(id);
                }
            }
            // Groups: numbered sections with content children, not articles, not chapters of
            // articles (an article is the unit of a regulation), without overrides inside.
            let mut candidates: Vec<usize> = (0..n)
                .filter(|&s| {
                    let section = &doc.sections[s];
                    content[s]
                        && has_content_children[s]
                        && !inside[s]
                        && !ancestor_pinned[s]
                        && section.kind != SectionKind::Article
                        && section.kind != SectionKind::Chapter
                        && !overridden(doc_index, s)
                        && !override_below[s]
                })
                .collect();
            candidates.sort_by_key(|&s| (std::cmp::Reverse(doc.sections[s].level), s));
            for s in candidates {
                let section = &doc.sections[s];
                let leaves: Vec<usize> =
                    doc_leaves.iter().copied().filter(|&l| section.span.contains_span(nodes[l].span)).collect();
                if leaves.len() < 2 {
                    continue;
                }
                let mut own = FastMap::default();
                let first = nodes[leaves[0]].span.start.max(section.span.start);
                terms.count(&chars, &tokens, Span::new(section.span.start, first), &mut own);
                for &leaf in &leaves {
                    for (&term, &count) in &counts[leaf] {
                        *own.entry(term).or_insert(0) += count;
                    }
                }
                let id = nodes.len();
                nodes.push(Node {
                    doc: doc_index,
                    section: s,
                    span: section.span,
                    chars: section.span.len().max(1),
                    topic: topics::match_heading(clip_title(&section.title)).first().map(|m| m.topic),
                    heading: Heading::new(&section.title),
                    context: context_of(s),
                    vector: Vec::new(),
                    leaves,
                    group: true,
                });
                counts.push(own);
                groups[doc_index].push(id);
            }
        }
        // IDF over the leaf units of all documents.
        let mut document_frequency = vec![0u32; terms.names.len()];
        let mut population = 0usize;
        for (node, counted) in nodes.iter().zip(&counts) {
            if !node.group {
                population += 1;
                for &term in counted.keys() {
                    document_frequency[term as usize] += 1;
                }
            }
        }
        let total = population.max(1) as f32;
        for (node, counted) in nodes.iter_mut().zip(counts) {
            let mut vector: Vec<(u32, f32)> = counted
                .into_iter()
                .map(|(term, count)| {
                    let idf = (1.0 + total / document_frequency[term as usize].max(1) as f32).ln();
                    let kind = if terms.names[term as usize].is_some() { 1.0 } else { BIGRAM_WEIGHT };
                    (term, (1.0 + (count as f32).ln()) * idf * kind)
                })
                .collect();
            vector.sort_unstable_by_key(|&(term, _)| term);
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut vector {
                    *w /= norm;
                }
            }
            node.vector = vector;
        }
        heading_vectors(&mut nodes);
        Aligner {
            documents,
            nodes,
            units,
            groups,
            pinned_nodes,
            shared: FastMap::default(),
            shared_by_docs: FastMap::default(),
            token_names: terms.names,
            scores: FastMap::default(),
            matrices: FastMap::default(),
            leaf_units: Vec::new(),
            leaf_index: Vec::new(),
            leaf_postings: Vec::new(),
            regrouped: vec![false; documents.len()],
            deadline,
            timed_out: false,
            steps: 0,
        }
    }

    /// Spread the chars of every reused passage over the leaf units its two sides overlap.
    fn map_reuse(&mut self, reuse: &ReuseReport) {
        // Per document: leaf nodes sorted by start (leaves never overlap).
        let mut leaves: Vec<Vec<usize>> = vec![Vec::new(); self.documents.len()];
        for (id, node) in self.nodes.iter().enumerate() {
            if !node.group && !self.pinned_nodes.values().any(|&p| p == id) {
                leaves[node.doc].push(id);
            }
        }
        for list in &mut leaves {
            list.sort_by_key(|&id| self.nodes[id].span.start);
        }
        let overlapping = |doc: usize, span: Span| -> Vec<(usize, f32, f32)> {
            let Some(list) = leaves.get(doc) else { return Vec::new() };
            let length = span.len().max(1) as f32;
            let first = list.partition_point(|&id| self.nodes[id].span.end <= span.start);
            list[first..]
                .iter()
                .take_while(|&&id| self.nodes[id].span.start < span.end)
                .filter_map(|&id| {
                    let node = self.nodes[id].span;
                    let (start, end) = (node.start.max(span.start), node.end.min(span.end));
                    (start < end)
                        .then(|| (id, (start - span.start) as f32 / length, (end - span.start) as f32 / length))
                })
                .collect()
        };
        let mut shared: FastMap<u64, f32> = FastMap::default();
        // Boilerplate passages are formulae or text most loaded documents share. Short ones are
        // formulae and say nothing about which sections correspond; a long clause that every
        // document of a family repeats is the best evidence there is.
        // Short passages (a shared phrase, a reworded short provision) are reuse but weak evidence of
        // which sections correspond: sections about different things share them too.
        let evidence = |p: &&crate::reuse::ReusePassage| {
            p.a.doc != p.b.doc
                && p.chars >= MIN_EVIDENCE_CHARS
                && (!p.boilerplate || p.chars >= MIN_COMMON_CLAUSE_CHARS)
        };
        let joined = join_parts(&reuse.passages);
        for passage in joined.iter().filter(evidence) {
            let a = overlapping(passage.a.doc, passage.a.span);
            let b = overlapping(passage.b.doc, passage.b.span);
            let length = passage.a.span.len().min(passage.b.span.len()) as f32;
            let similarity = passage.similarity.clamp(0.0, 1.0);
            for &(x, x_from, x_to) in &a {
                for &(y, y_from, y_to) in &b {
                    let common = x_to.min(y_to) - x_from.max(y_from);
                    if common > 0.0 {
                        *shared.entry(pair_key(x, y)).or_insert(0.0) += similarity * common * length;
                    }
                }
            }
        }
        let mut by_docs: FastMap<u64, Vec<(usize, usize, f32)>> = FastMap::default();
        let mut entries: Vec<(u64, f32)> = shared.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable_by_key(|&(k, _)| k);
        for (key, chars) in entries {
            let (x, y) = ((key >> 32) as usize, (key & 0xFFFF_FFFF) as usize);
            let docs = pair_key(self.nodes[x].doc, self.nodes[y].doc);
            by_docs.entry(docs).or_default().push((x, y, chars));
        }
        self.shared = shared;
        self.shared_by_docs = by_docs;
    }

    /// Count `cost` units of work and say whether the deadline has passed (the clock is read once
    /// every [`CLOCK_EVERY`] units).
    fn out_of_time(&mut self, cost: usize) -> bool {
        let before = self.steps / CLOCK_EVERY;
        self.steps += cost;
        if !self.timed_out && self.steps / CLOCK_EVERY != before {
            self.timed_out = self.deadline.is_some_and(|at| Instant::now() > at);
        }
        self.timed_out
    }

    /// Chars the reuse engine found shared between the two nodes, over the geometric mean of their
    /// lengths: a short section copied whole into a long one scores less than a long shared clause.
    fn reuse_score(&self, x: usize, y: usize) -> f32 {
        if self.shared.is_empty() {
            return 0.0;
        }
        let mut total = 0.0f32;
        for &u in &self.nodes[x].leaves {
            for &v in &self.nodes[y].leaves {
                total += self.shared.get(&pair_key(u, v)).copied().unwrap_or(0.0);
            }
        }
        self.reuse_from_total(x, y, total)
    }

    /// How alike two nodes of different documents are (0..=1): content, headings, context, topic
    /// prior, then reuse evidence combined as an independent source (`1 − (1−content)(1−reuse)`).
    fn score(&mut self, x: usize, y: usize) -> f32 {
        if let Some(known) = self.matrix_score(x, y) {
            return known;
        }
        let key = pair_key(x, y);
        if let Some(&known) = self.scores.get(&key) {
            return known;
        }
        let body = cosine(&self.nodes[x].vector, &self.nodes[y].vector);
        let value = self.combine(x, y, body, self.reuse_score(x, y));
        self.scores.insert(key, value);
        value
    }

    /// The score of two leaf units from the leaf matrices ([`Aligner::leaf_matrices`]), if computed.
    fn matrix_score(&self, x: usize, y: usize) -> Option<f32> {
        let (i, j) = (self.leaf_index.get(x).copied().flatten()?, self.leaf_index.get(y).copied().flatten()?);
        let (a, b) = (self.nodes[x].doc, self.nodes[y].doc);
        let (i, j, a, b) = if a < b { (i, j, a, b) } else { (j, i, b, a) };
        let matrix = self.matrices.get(&pair_key(a, b))?;
        matrix.get(i * self.leaf_units[b].len() + j).copied()
    }

    /// Reuse score from the shared chars `total` of two nodes (see [`Aligner::reuse_score`]).
    fn reuse_from_total(&self, x: usize, y: usize, total: f32) -> f32 {
        let scale = ((self.nodes[x].chars as f32) * (self.nodes[y].chars as f32)).sqrt();
        // The square root lifts partial reuse: a third of a clause shared is strong evidence already.
        (total / scale.max(1.0)).clamp(0.0, 1.0).sqrt()
    }

    /// [`Aligner::score`] given the cosine of the two content vectors and the reuse score, uncached.
    fn combine(&self, x: usize, y: usize, body: f32, reuse: f32) -> f32 {
        let (a, b) = (&self.nodes[x], &self.nodes[y]);
        let mut content = match (&a.heading, &b.heading) {
            (Some(p), Some(q)) => HEADING_WEIGHT * p.similarity(q) + (1.0 - HEADING_WEIGHT) * body,
            _ => match (&a.context, &b.context) {
                (Some(p), Some(q)) => CONTEXT_WEIGHT * p.similarity(q) + (1.0 - CONTEXT_WEIGHT) * body,
                _ => body,
            },
        };
        if a.topic.is_some() && a.topic == b.topic {
            content += TOPIC_PRIOR;
        }
        (1.0 - (1.0 - content.clamp(0.0, 1.0)) * (1.0 - reuse)).clamp(0.0, 1.0)
    }

    /// Shared chars between every unit of `ua` (document `a`) and of `ub`, row-major.
    fn reused_chars(&self, a: usize, ua: &[usize], ub: &[usize]) -> Vec<f32> {
        let mut out = vec![0.0f32; ua.len() * ub.len()];
        let Some(&first) = ub.first() else { return out };
        let Some(entries) = self.shared_by_docs.get(&pair_key(a, self.nodes[first].doc)) else { return out };
        let position = |units: &[usize]| -> FastMap<usize, usize> {
            let mut map = FastMap::default();
            for (i, &u) in units.iter().enumerate() {
                for &leaf in &self.nodes[u].leaves {
                    map.insert(leaf, i);
                }
            }
            map
        };
        let (in_a, in_b) = (position(ua), position(ub));
        for &(x, y, chars) in entries {
            let (x, y) = if self.nodes[x].doc == a { (x, y) } else { (y, x) };
            if let (Some(&i), Some(&j)) = (in_a.get(&x), in_b.get(&y)) {
                out[i * ub.len() + j] += chars;
            }
        }
        out
    }

    /// Per unit of `doc`, by term: `(position among the document's units, weight)`: dot products of
    /// one section against all units of a document cost the shared terms only.
    fn postings(&self, doc: usize) -> FastMap<u32, Vec<(u32, f32)>> {
        let mut postings: FastMap<u32, Vec<(u32, f32)>> = FastMap::default();
        for (j, &y) in self.units[doc].iter().enumerate() {
            for &(term, weight) in &self.nodes[y].vector {
                postings.entry(term).or_default().push((j as u32, weight));
            }
        }
        postings
    }

    /// Other documents `doc` is compared with: the nearest in load order, at most [`MAX_REFERENCE_DOCS`].
    fn references(&self, doc: usize) -> Vec<usize> {
        let n = self.documents.len();
        let mut out: Vec<usize> = (0..n).filter(|&e| e != doc).collect();
        out.sort_by_key(|&e| (e.abs_diff(doc), e));
        out.truncate(MAX_REFERENCE_DOCS);
        out
    }

    /// Scores of `x` against every node of `units` (another document's): leaf pairs from the
    /// leaf matrices, a group against leaves by dot products over the leaves' postings, the rest
    /// (pairs of a leaf or group with a group) by cosine.
    fn scores_against(&self, x: usize, units: &[usize]) -> Vec<f32> {
        let doc = units.first().map(|&y| self.nodes[y].doc);
        let dots: Option<Vec<f32>> = match doc.and_then(|d| self.leaf_postings.get(d)) {
            Some(postings) if self.leaf_index[x].is_none() => {
                let mut dots = vec![0.0f32; doc.map_or(0, |d| self.leaf_units[d].len())];
                for &(term, weight) in &self.nodes[x].vector {
                    if let Some(list) = postings.get(&term) {
                        for &(j, other) in list {
                            dots[j as usize] += weight * other;
                        }
                    }
                }
                Some(dots)
            }
            _ => None,
        };
        units
            .iter()
            .map(|&y| {
                self.matrix_score(x, y).unwrap_or_else(|| {
                    let body = match (&dots, self.leaf_index[y]) {
                        (Some(dots), Some(j)) => dots[j].clamp(0.0, 1.0),
                        _ => cosine(&self.nodes[x].vector, &self.nodes[y].vector),
                    };
                    self.combine(x, y, body, self.reuse_score(x, y))
                })
            })
            .collect()
    }

    /// Best unit of `doc` for node `x`: (unit, score); the first of equals.
    fn best_in(&self, x: usize, doc: usize) -> Option<(usize, f32)> {
        let units = &self.units[doc];
        let mut best: Option<(usize, f32)> = None;
        for (&y, s) in units.iter().zip(self.scores_against(x, units)) {
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((y, s));
            }
        }
        best
    }

    /// Step 4: take a group whole where the other documents cover its items in one section: the whole
    /// group matches a section better than any item does, or most items converge on that section.
    fn choose_levels(&mut self) {
        for doc in 0..self.documents.len() {
            for g in self.groups[doc].clone() {
                if self.out_of_time(1) {
                    return;
                }
                let span = self.nodes[g].span;
                let members: Vec<usize> =
                    self.units[doc].iter().copied().filter(|&u| span.contains_span(self.nodes[u].span)).collect();
                if members.len() < 2 {
                    continue;
                }
                let (mut merge, mut split) = (0usize, 0usize);
                for e in self.references(doc) {
                    let Some((target, whole)) = self.best_in(g, e) else { continue };
                    let mut strong: Vec<usize> = Vec::new();
                    let mut best_member = 0.0f32;
                    let mut converging = 0usize;
                    for &m in &members {
                        if let Some((t, s)) = self.best_in(m, e) {
                            if s >= PAIR_THRESHOLD {
                                strong.push(t);
                            }
                            if t == target {
                                converging += 1;
                            }
                        }
                        best_member = best_member.max(self.score(m, target));
                    }
                    strong.sort_unstable();
                    strong.dedup();
                    if strong.len() >= 2 {
                        split += 1;
                    } else if whole >= PAIR_THRESHOLD && whole > best_member {
                        merge += 1;
                    } else if converging >= MIN_CONVERGING_ITEMS
                        && converging * 2 > members.len()
                        && whole >= PAIR_FLOOR
                    {
                        // Most of the items (three at least) find their best match in the one
                        // section the group matches best: that document covers them together, in
                        // different words (scores stay low when a long group faces a short section).
                        merge += 1;
                    }
                }
                // Clear support only: most groups are headings over distinct items.
                if merge >= 2 && merge > 2 * split {
                    let nodes = &self.nodes;
                    let units = &mut self.units[doc];
                    units.retain(|u| !members.contains(u));
                    units.push(g);
                    units.sort_by_key(|&u| nodes[u].span.start);
                    self.regrouped[doc] = true;
                }
            }
        }
    }

    /// Scores of every unit of `ua` (document `a`) against every unit of `ub` (row-major), the dot
    /// products taken over `postings` of `ub`'s document; `None` when the deadline passed.
    fn score_matrix(
        &mut self,
        a: usize,
        ua: &[usize],
        ub: &[usize],
        postings: &FastMap<u32, Vec<(u32, f32)>>,
    ) -> Option<Vec<f32>> {
        let columns = ub.len();
        let mut scores = vec![0.0f32; ua.len() * columns];
        let mut dots = vec![0.0f32; columns];
        let reused = self.reused_chars(a, ua, ub);
        for (i, &x) in ua.iter().enumerate() {
            if self.out_of_time(columns) {
                return None;
            }
            dots.fill(0.0);
            for &(term, weight) in &self.nodes[x].vector {
                if let Some(list) = postings.get(&term) {
                    for &(j, other) in list {
                        dots[j as usize] += weight * other;
                    }
                }
            }
            for (j, &y) in ub.iter().enumerate() {
                let reuse = self.reuse_from_total(x, y, reused[i * columns + j]);
                scores[i * columns + j] = self.combine(x, y, dots[j].clamp(0.0, 1.0), reuse);
            }
        }
        Some(scores)
    }

    /// Step 3: score every leaf unit against every leaf unit of the documents it is compared with,
    /// once; the level choice and the pairwise assignment read these scores instead of computing
    /// them again.
    fn leaf_matrices(&mut self) {
        let n = self.documents.len();
        self.leaf_units = self.units.clone();
        self.leaf_index = vec![None; self.nodes.len()];
        for units in &self.leaf_units {
            for (i, &u) in units.iter().enumerate() {
                self.leaf_index[u] = Some(i);
            }
        }
        self.leaf_postings = (0..n).map(|doc| self.postings(doc)).collect();
        let postings = std::mem::take(&mut self.leaf_postings);
        for a in 0..n {
            for b in self.references(a).into_iter().filter(|&b| b > a) {
                let (ua, ub) = (self.leaf_units[a].clone(), self.leaf_units[b].clone());
                if ua.is_empty() || ub.is_empty() {
                    continue;
                }
                let Some(scores) = self.score_matrix(a, &ua, &ub, &postings[b]) else {
                    self.leaf_postings = postings;
                    return;
                };
                self.matrices.insert(pair_key(a, b), scores);
            }
        }
        self.leaf_postings = postings;
    }

    /// Per document: the parent section of each unit, numbered in order of first appearance. A
    /// chapter of articles or a part of numbered items is the context its units are read in.
    fn parents(&self, doc: usize) -> Parents {
        let sections = &self.documents[doc].sections;
        let mut index: BTreeMap<usize, usize> = BTreeMap::new();
        let of_unit = self.units[doc]
            .iter()
            .map(|&u| {
                let s = self.nodes[u].section;
                let p = sections.get(s).and_then(|section| section.parent).filter(|&p| p < s)?;
                let next = index.len();
                Some(*index.entry(p).or_insert(next))
            })
            .collect();
        Parents { of_unit, count: index.len() }
    }

    /// Step 5: per document pair, the maximum-weight matching of their units, then the sections left
    /// free that are each other's best among the free ones, in order between the matched pairs.
    fn pair_edges(&mut self) -> Vec<(f32, usize, usize)> {
        let mut edges: Vec<(f32, usize, usize)> = Vec::new();
        let n = self.documents.len();
        let parents: Vec<Parents> = (0..n).map(|doc| self.parents(doc)).collect();
        'pairs: for a in 0..n {
            for b in self.references(a).into_iter().filter(|&b| b > a) {
                let (ua, ub) = (self.units[a].clone(), self.units[b].clone());
                let (rows, columns) = (ua.len(), ub.len());
                if rows == 0 || columns == 0 {
                    continue;
                }
                // The leaf scores are known; only pairs with a group taken whole are computed.
                let known = (!self.regrouped[a] && !self.regrouped[b])
                    .then(|| self.matrices.get(&pair_key(a, b)).cloned())
                    .flatten();
                let scores = match known {
                    Some(scores) => scores,
                    None => {
                        if self.out_of_time(rows * columns) {
                            break 'pairs;
                        }
                        ua.iter().flat_map(|&x| self.scores_against(x, &ub)).collect()
                    }
                };
                // The parents' correspondence adjusts the scores before the gate: a pair across
                // chapters that do not correspond needs more evidence.
                let scores: Vec<f32> = match context_affinity(&parents[a], &parents[b], &scores, rows, columns) {
                    Some(context) => scores
                        .iter()
                        .enumerate()
                        .map(|(k, &s)| {
                            let affinity = context(k / columns, k % columns);
                            s - CHAPTER_WEIGHT * (CHAPTER_KNEE - affinity).max(0.0) / CHAPTER_KNEE
                        })
                        .collect(),
                    None => scores,
                };
                let mut row_best = vec![0.0f32; rows];
                let mut column_best = vec![0.0f32; columns];
                for (k, &s) in scores.iter().enumerate() {
                    row_best[k / columns] = row_best[k / columns].max(s);
                    column_best[k % columns] = column_best[k % columns].max(s);
                }
                let weights: Vec<f32> = scores
                    .iter()
                    .enumerate()
                    .map(|(k, &s)| {
                        let (i, j) = (k / columns, k % columns);
                        let mutual = s >= row_best[i] && s >= column_best[j];
                        if s < PAIR_THRESHOLD && !(mutual && s >= PAIR_FLOOR) {
                            return 0.0;
                        }
                        let ra = (i as f32 + 0.5) / rows as f32;
                        let rb = (j as f32 + 0.5) / columns as f32;
                        s + ORDER_WEIGHT * (1.0 - (ra - rb).abs())
                    })
                    .collect();
                let mut matched = matched_components(&weights, rows, columns);
                for _ in 0..FILL_ROUNDS {
                    if fill_between(&scores, rows, columns, &mut matched) == 0 {
                        break;
                    }
                }
                for (i, j) in matched {
                    edges.push((scores[i * columns + j], ua[i], ub[j]));
                }
            }
        }
        edges.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
        edges
    }

    /// Step 6: merge matched pairs, best first, into rows with one node per document.
    fn clusters(&mut self, edges: &[(f32, usize, usize)]) -> Vec<Vec<usize>> {
        let mut cluster_of: FastMap<usize, usize> = FastMap::default();
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        let matched_pairs: std::collections::HashSet<u64> = edges.iter().map(|&(_, x, y)| pair_key(x, y)).collect();
        for &(_, x, y) in edges {
            let cx = *cluster_of.entry(x).or_insert_with(|| {
                clusters.push(vec![x]);
                clusters.len() - 1
            });
            let cy = *cluster_of.entry(y).or_insert_with(|| {
                clusters.push(vec![y]);
                clusters.len() - 1
            });
            if cx == cy {
                continue;
            }
            let nodes = &self.nodes;
            let clash = clusters[cx].iter().any(|&p| clusters[cy].iter().any(|&q| nodes[p].doc == nodes[q].doc));
            if clash {
                continue;
            }
            if clusters[cx].len() > 1 || clusters[cy].len() > 1 {
                // Merge two partial rows only when the pairwise assignments back it: enough of the
                // cross pairs were matched directly, or the rows are alike on average.
                let (left, right) = (clusters[cx].clone(), clusters[cy].clone());
                let (mut total, mut matched) = (0.0f32, 0usize);
                for &p in &left {
                    for &q in &right {
                        total += self.score(p, q);
                        if matched_pairs.contains(&pair_key(p, q)) {
                            matched += 1;
                        }
                    }
                }
                let cross = (left.len() * right.len()) as f32;
                let support = matched as f32 / cross;
                if support < MIN_MERGE_SUPPORT && total / cross < MERGE_THRESHOLD {
                    continue;
                }
            }
            let (keep, gone) = if cx < cy { (cx, cy) } else { (cy, cx) };
            let moved = std::mem::take(&mut clusters[gone]);
            for &node in &moved {
                cluster_of.insert(node, keep);
            }
            clusters[keep].extend(moved);
        }
        clusters.retain(|c| c.len() >= 2);
        clusters
    }

    /// Key terms of a row for its label: jieba tokens found in most cells, heaviest first.
    fn key_terms(&self, members: &[usize]) -> Vec<String> {
        let mut weight: BTreeMap<u32, (usize, f32)> = BTreeMap::new();
        for &m in members {
            for &(term, w) in &self.nodes[m].vector {
                if self.token_names.get(term as usize).is_some_and(Option::is_some) {
                    let entry = weight.entry(term).or_insert((0, 0.0));
                    entry.0 += 1;
                    entry.1 += w;
                }
            }
        }
        let mut ranked: Vec<(u32, usize, f32)> = weight.into_iter().map(|(t, (c, w))| (t, c, w)).collect();
        ranked.sort_by(|p, q| q.1.cmp(&p.1).then(q.2.total_cmp(&p.2)).then(p.0.cmp(&q.0)));
        let mut out: Vec<String> = Vec::new();
        for (term, _, _) in ranked {
            let Some(Some(name)) = self.token_names.get(term as usize) else { continue };
            if is_numbering(name) || out.iter().any(|o| o.contains(name.as_str()) || name.contains(o.as_str())) {
                continue;
            }
            out.push(name.clone());
            if out.len() == 3 {
                break;
            }
        }
        out
    }

    /// Topic and label of a row: a topic of the list when most headed cells name it; else the
    /// heading of the most typical cell; else the key terms of the cells' text.
    fn label(&mut self, members: &[usize]) -> (Option<usize>, String, Vec<String>) {
        let headed: Vec<usize> = members.iter().copied().filter(|&m| self.nodes[m].heading.is_some()).collect();
        let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
        for &m in &headed {
            if let Some(topic) = self.nodes[m].topic {
                *votes.entry(topic).or_insert(0) += 1;
            }
        }
        let best = votes.iter().max_by(|p, q| p.1.cmp(q.1).then(q.0.cmp(p.0))).map(|(&t, &v)| (t, v));
        let terms = self.key_terms(members);
        if let Some((topic, count)) = best
            && count * 2 > headed.len()
            && headed.len() * 2 >= members.len()
        {
            return (Some(topic), topics::topics()[topic].name.clone(), terms);
        }
        if !headed.is_empty() {
            let mut typical = headed[0];
            let mut typical_score = f32::MIN;
            for &m in &headed {
                let others: Vec<usize> = members.iter().copied().filter(|&o| o != m).collect();
                let mean = others.iter().map(|&o| self.score(m, o)).sum::<f32>() / others.len().max(1) as f32;
                if mean > typical_score {
                    typical = m;
                    typical_score = mean;
                }
            }
            let node = &self.nodes[typical];
            let title: String =
                self.documents[node.doc].sections[node.section].title.chars().take(MAX_LABEL_CHARS).collect();
            return (None, title, terms);
        }
        let label = terms.iter().take(2).cloned().collect::<Vec<_>>().join("、");
        (None, label, terms)
    }

    fn finish(mut self, clusters: Vec<Vec<usize>>, actions: &[((usize, usize), Action)]) -> Alignment {
        let n = self.documents.len();
        let mut rows: Vec<Row> = Vec::new();
        let mut used_labels: Vec<String> = Vec::new();
        for members in clusters {
            let (topic, mut label, terms) = self.label(&members);
            if label.is_empty() {
                label.clone_from(
                    &self.documents[self.nodes[members[0]].doc].sections[self.nodes[members[0]].section].number,
                );
            }
            if used_labels.contains(&label) {
                // Two rows must not read alike: add the key term that tells them apart, else the
                // number of the first cell.
                let extra = terms.iter().find(|t| !label.contains(t.as_str())).cloned();
                let mut sorted = members.clone();
                sorted.sort_by_key(|&m| (self.nodes[m].doc, self.nodes[m].section));
                let first = &self.nodes[sorted[0]];
                let number = self.documents[first.doc].sections[first.section].number.clone();
                let with_term = extra.map(|t| format!("{label}·{t}"));
                label = match with_term {
                    Some(candidate) if !used_labels.contains(&candidate) => candidate,
                    _ => format!("{label}（{}{}）", self.documents[first.doc].id, number),
                };
            }
            used_labels.push(label.clone());
            let mut cells = vec![None; n];
            for &m in &members {
                cells[self.nodes[m].doc] = Some((m, false));
            }
            rows.push(Row { topic, label, cells });
        }
        // Overrides: pinned sections go to the named row (made if missing), evicting that document's
        // cell there; the evicted section and unpinned sections are unaligned.
        let mut unaligned: Vec<(usize, usize)> = Vec::new();
        for ((doc, section), action) in actions {
            match action {
                Action::Unpin => unaligned.push((*doc, *section)),
                Action::Pin(name) => {
                    let Some(&node) = self.pinned_nodes.get(&section_key(*doc, *section)) else { continue };
                    let existing = rows.iter().position(|row| {
                        row.label == *name || row.topic.is_some_and(|t| topics::topics()[t].name == *name)
                    });
                    let index = match existing {
                        Some(index) => index,
                        None => {
                            rows.push(Row {
                                topic: topics::topic_index(name),
                                label: name.clone(),
                                cells: vec![None; n],
                            });
                            rows.len() - 1
                        }
                    };
                    if let Some((evicted, pinned)) = rows[index].cells[*doc]
                        && !pinned
                    {
                        unaligned.push((*doc, self.nodes[evicted].section));
                    }
                    rows[index].cells[*doc] = Some((node, true));
                }
            }
        }
        rows.retain(|row| {
            let filled = row.cells.iter().flatten().count();
            filled >= 2 || row.cells.iter().flatten().any(|&(_, pinned)| pinned)
        });
        // Units in no row are unaligned.
        let mut in_rows: Vec<(usize, usize)> = rows
            .iter()
            .flat_map(|row| row.cells.iter().flatten().map(|&(m, _)| (self.nodes[m].doc, self.nodes[m].section)))
            .collect();
        in_rows.sort_unstable();
        for doc in 0..n {
            for &u in &self.units[doc] {
                let key = (doc, self.nodes[u].section);
                if in_rows.binary_search(&key).is_err() {
                    unaligned.push(key);
                }
            }
        }
        unaligned.sort_unstable();
        unaligned.dedup();
        unaligned.retain(|key| in_rows.binary_search(key).is_err());
        // Stable order: by the first document with a cell, then its position there.
        let position = |row: &Row, nodes: &[Node]| -> (usize, usize) {
            row.cells
                .iter()
                .enumerate()
                .find_map(|(doc, cell)| cell.map(|(m, _)| (doc, nodes[m].span.start)))
                .unwrap_or((usize::MAX, usize::MAX))
        };
        rows.sort_by_key(|row| position(row, &self.nodes));
        let mut out_rows: Vec<AlignmentRow> = Vec::with_capacity(rows.len());
        for row in &rows {
            let members: Vec<usize> = row.cells.iter().flatten().map(|&(m, _)| m).collect();
            let cells: Vec<Option<AlignedCell>> = row
                .cells
                .iter()
                .map(|cell| {
                    cell.map(|(m, pinned)| {
                        let others: Vec<usize> = members.iter().copied().filter(|&o| o != m).collect();
                        let score = if others.is_empty() {
                            1.0
                        } else {
                            others.iter().map(|&o| self.score(m, o)).sum::<f32>() / others.len() as f32
                        };
                        AlignedCell {
                            section: self.nodes[m].section,
                            score: score.clamp(0.0, 1.0),
                            pinned,
                            whole: self.nodes[m].group,
                        }
                    })
                })
                .collect();
            out_rows.push(AlignmentRow {
                topic: row.topic.map(|t| topics::topics()[t].name.clone()),
                label: row.label.clone(),
                cells,
            });
        }
        let gaps = gaps(&out_rows, &unaligned, n);
        Alignment { rows: out_rows, unaligned, gaps, timed_out: self.timed_out }
    }
}

/// A numbering token such as 第二条 or 第三章: it says where a section sits, not what it is about,
/// so it never names a row.
fn is_numbering(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    chars.len() >= 3
        && chars[0] == '第'
        && matches!(chars[chars.len() - 1], '条' | '章' | '节' | '款' | '项' | '编' | '部' | '篇')
}

/// IDF-weighted heading and context vectors, with document frequencies over the leaf units' headings.
fn heading_vectors(nodes: &mut [Node]) {
    let mut ids: FastMap<u64, u32> = FastMap::default();
    let mut frequency: Vec<u32> = Vec::new();
    let mut population = 0usize;
    for node in nodes.iter().filter(|node| !node.group) {
        let Some(heading) = &node.heading else { continue };
        population += 1;
        for (key, _) in heading.keys() {
            let next = ids.len() as u32;
            let id = *ids.entry(key).or_insert(next);
            if id as usize >= frequency.len() {
                frequency.push(0);
            }
            frequency[id as usize] += 1;
        }
    }
    let total = population.max(1) as f32;
    let mut extra: FastMap<u64, u32> = FastMap::default();
    let mut vector_of = |heading: &Heading| -> Vec<(u32, f32)> {
        let mut vector: Vec<(u32, f32)> = heading
            .keys()
            .into_iter()
            .map(|(key, token)| {
                let (id, df) = match ids.get(&key) {
                    Some(&id) => (id, frequency[id as usize]),
                    None => {
                        let next = (ids.len() + extra.len()) as u32;
                        (*extra.entry(key).or_insert(next), 1)
                    }
                };
                let weight = (1.0 + total / df.max(1) as f32).ln() * if token { 1.0 } else { HEADING_BIGRAM_WEIGHT };
                (id, weight)
            })
            .collect();
        vector.sort_unstable_by_key(|&(id, _)| id);
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut vector {
                *w /= norm;
            }
        }
        vector
    };
    for node in nodes.iter_mut() {
        if let Some(heading) = node.heading.as_mut() {
            heading.vector = vector_of(heading);
        }
        if let Some(context) = node.context.as_mut() {
            context.vector = vector_of(context);
        }
    }
}

/// A document's units seen through their parents (see [`Aligner::parents`]).
struct Parents {
    /// Per unit, in unit order: the index of its parent, `None` at the top level.
    of_unit: Vec<Option<usize>>,
    /// Number of distinct parents.
    count: usize,
}

/// How well the parent of unit `i` of one document and the parent of unit `j` of another correspond
/// (0..=1), from the units' pair scores `scores` (`rows` × `columns`): two parents are alike by the
/// mean score of their units' best matches in each other, and the affinity is that over the best
/// either parent reaches, averaged (1 when each is the other's best). Units at the top level get 0.
/// `None` when a document has fewer than two parents: no structure to go by.
fn context_affinity<'p>(
    a: &'p Parents,
    b: &'p Parents,
    scores: &[f32],
    rows: usize,
    columns: usize,
) -> Option<impl Fn(usize, usize) -> f32 + 'p> {
    let (pa, pb) = (a.count, b.count);
    if pa < 2 || pb < 2 || scores.len() != rows * columns {
        return None;
    }
    // Best score of each unit of `a` in each parent of `b`, and of each unit of `b` in each parent of `a`.
    let mut row_in = vec![0.0f32; rows * pb];
    let mut column_in = vec![0.0f32; columns * pa];
    for i in 0..rows {
        for j in 0..columns {
            let s = scores[i * columns + j].max(0.0);
            if let Some(q) = b.of_unit.get(j).copied().flatten() {
                let cell = &mut row_in[i * pb + q];
                *cell = cell.max(s);
            }
            if let Some(p) = a.of_unit.get(i).copied().flatten() {
                let cell = &mut column_in[j * pa + p];
                *cell = cell.max(s);
            }
        }
    }
    let (mut total, mut units) = (vec![0.0f32; pa * pb], vec![0usize; pa * pb]);
    for i in 0..rows {
        let Some(p) = a.of_unit.get(i).copied().flatten() else { continue };
        for q in 0..pb {
            total[p * pb + q] += row_in[i * pb + q];
            units[p * pb + q] += 1;
        }
    }
    for j in 0..columns {
        let Some(q) = b.of_unit.get(j).copied().flatten() else { continue };
        for p in 0..pa {
            total[p * pb + q] += column_in[j * pa + p];
            units[p * pb + q] += 1;
        }
    }
    let similarity: Vec<f32> = total.iter().zip(&units).map(|(&t, &n)| t / n.max(1) as f32).collect();
    let (mut row_best, mut column_best) = (vec![0.0f32; pa], vec![0.0f32; pb]);
    for (k, &s) in similarity.iter().enumerate() {
        row_best[k / pb] = row_best[k / pb].max(s);
        column_best[k % pb] = column_best[k % pb].max(s);
    }
    let affinity: Vec<f32> = (0..pa * pb)
        .map(|k| {
            let (p, q, s) = (k / pb, k % pb, similarity[k]);
            let share = |best: f32| if best > 0.0 { s / best } else { 0.0 };
            0.5 * (share(row_best[p]) + share(column_best[q]))
        })
        .collect();
    Some(move |i: usize, j: usize| match (a.of_unit.get(i).copied().flatten(), b.of_unit.get(j).copied().flatten()) {
        (Some(p), Some(q)) => affinity[p * pb + q],
        _ => 0.0,
    })
}

/// Add to `matched` (pairs of row and column of the `rows` × `columns` matrix `scores`) the pairs of
/// rows and columns left free that are each other's best among the free ones, score at least
/// [`FILL_FLOOR`], and sit in document order between the matched pairs around them: a weak pair is
/// believed where the stronger ones leave room for it, not across them. Returns how many were added.
fn fill_between(scores: &[f32], rows: usize, columns: usize, matched: &mut Vec<(usize, usize)>) -> usize {
    let mut row_free = vec![true; rows];
    let mut column_free = vec![true; columns];
    for &(i, j) in matched.iter() {
        row_free[i] = false;
        column_free[j] = false;
    }
    let mut row_best: Vec<Option<(usize, f32)>> = vec![None; rows];
    let mut column_best: Vec<Option<(usize, f32)>> = vec![None; columns];
    for i in (0..rows).filter(|&i| row_free[i]) {
        for j in (0..columns).filter(|&j| column_free[j]) {
            let s = scores[i * columns + j];
            if row_best[i].is_none_or(|(_, best)| s > best) {
                row_best[i] = Some((j, s));
            }
            if column_best[j].is_none_or(|(_, best)| s > best) {
                column_best[j] = Some((i, s));
            }
        }
    }
    // `matched` is sorted by row: the neighbours of a row are found by binary search.
    matched.sort_unstable();
    let anchors = matched.clone();
    let in_order = |i: usize, j: usize| -> bool {
        let at = anchors.partition_point(|&(p, _)| p < i);
        let before = at.checked_sub(1).map(|k| anchors[k]);
        let after = anchors.get(at).copied();
        before.is_none_or(|(_, q)| q < j) && after.is_none_or(|(_, q)| q > j)
    };
    let mut added = 0;
    for (i, best) in row_best.iter().enumerate() {
        if let Some((j, s)) = *best
            && s >= FILL_FLOOR
            && column_best[j].is_some_and(|(r, _)| r == i)
            && in_order(i, j)
        {
            matched.push((i, j));
            added += 1;
        }
    }
    matched.sort_unstable();
    added
}

/// Per document, runs of consecutive unaligned sections between the rows of their paired neighbours.
fn gaps(rows: &[AlignmentRow], unaligned: &[(usize, usize)], documents: usize) -> Vec<Gap> {
    let mut out = Vec::new();
    for doc in 0..documents {
        // (section, row or None for unaligned), in document order.
        let mut sequence: Vec<(usize, Option<usize>)> = rows
            .iter()
            .enumerate()
            .filter_map(|(index, row)| row.cells.get(doc).copied().flatten().map(|c| (c.section, Some(index))))
            .chain(unaligned.iter().filter(|(d, _)| *d == doc).map(|&(_, s)| (s, None)))
            .collect();
        sequence.sort_unstable();
        let mut after_row: Option<usize> = None;
        let mut run: Vec<usize> = Vec::new();
        for (section, row) in sequence {
            match row {
                None => run.push(section),
                Some(index) => {
                    if !run.is_empty() {
                        out.push(Gap { doc, sections: std::mem::take(&mut run), after_row, before_row: Some(index) });
                    }
                    after_row = Some(index);
                }
            }
        }
        if !run.is_empty() {
            out.push(Gap { doc, sections: run, after_row, before_row: None });
        }
    }
    out
}

/// Run the assignment on each connected part of the positive cells of `weights`: the same result as
/// one run over the whole matrix, at a fraction of the cost when sections pair locally.
fn matched_components(weights: &[f32], rows: usize, columns: usize) -> Vec<(usize, usize)> {
    // Union-find over rows (0..rows) and columns (rows..rows+columns).
    let mut parent: Vec<usize> = (0..rows + columns).collect();
    for i in 0..rows {
        for j in 0..columns {
            if weights[i * columns + j] > 0.0 {
                let (p, q) = (crate::union_find::root(&mut parent, i), crate::union_find::root(&mut parent, rows + j));
                if p != q {
                    parent[p.max(q)] = p.min(q);
                }
            }
        }
    }
    let mut parts: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for i in 0..rows {
        let root = crate::union_find::root(&mut parent, i);
        parts.entry(root).or_default().0.push(i);
    }
    for j in 0..columns {
        let root = crate::union_find::root(&mut parent, rows + j);
        parts.entry(root).or_default().1.push(j);
    }
    let mut out = Vec::new();
    for (part_rows, part_columns) in parts.values() {
        if part_rows.is_empty() || part_columns.is_empty() {
            continue;
        }
        let sub: Vec<f32> =
            part_rows.iter().flat_map(|&i| part_columns.iter().map(move |&j| weights[i * columns + j])).collect();
        for (p, q) in max_weight_assignment(&sub, part_rows.len(), part_columns.len()) {
            out.push((part_rows[p], part_columns[q]));
        }
    }
    out.sort_unstable();
    out
}

/// Align comparable sections of all documents by content alone (no reuse evidence), applying the
/// user's overrides. Prefer [`align_with`] when a reuse report is at hand, as the analysis does.
pub fn align(documents: &[Document], overrides: &[AlignmentOverride]) -> Alignment {
    align_with(documents, &ReuseReport::default(), overrides, &AlignOptions::default())
}

/// Align comparable sections of all documents, using the reuse engine's passages as the strongest
/// evidence that two sections belong together, and applying the user's overrides.
///
/// Each row holds at most one section per document. For a section named by several overrides the
/// last one counts (a `Pin` then an `Unpin` cancel out), so applying the same overrides again changes
/// nothing. The result is deterministic for the same input.
pub fn align_with(
    documents: &[Document],
    reuse: &ReuseReport,
    overrides: &[AlignmentOverride],
    options: &AlignOptions,
) -> Alignment {
    finish(prepare(documents, overrides, options), reuse)
}

/// The aligner's work that needs no reuse report: every document's sections read as nodes with
/// their content vectors (jieba tokens, character bigrams, headings). The analysis computes it
/// beside reuse detection, then hands both to [`finish`].
pub struct Prepared<'a> {
    aligner: Aligner<'a>,
    actions: Vec<((usize, usize), Action)>,
}

/// Start an alignment of `documents` under the user's `overrides` (see [`Prepared`]); its
/// deadline runs from here.
pub fn prepare<'a>(documents: &'a [Document], overrides: &[AlignmentOverride], options: &AlignOptions) -> Prepared<'a> {
    let deadline = Instant::now().checked_add(options.timeout);
    let actions = fold_overrides(documents, overrides);
    let aligner = Aligner::new(documents, &actions, deadline);
    Prepared { aligner, actions }
}

/// Finish an alignment started by [`prepare`], with the reuse engine's passages as evidence: the
/// same result as [`align_with`].
pub fn finish(prepared: Prepared<'_>, reuse: &ReuseReport) -> Alignment {
    let Prepared { mut aligner, actions } = prepared;
    aligner.map_reuse(reuse);
    aligner.leaf_matrices();
    aligner.choose_levels();
    let edges = aligner.pair_edges();
    let clusters = aligner.clusters(&edges);
    aligner.finish(clusters, &actions)
}

/// Passages of one document pair that follow each other in both documents as parts of one
/// provision (the reuse engine's rule, `parts_of_one_provision`), joined into one. The reuse engine reports a rewritten provision as its aligned parts
/// when a clause was inserted or dropped inside it; as evidence of which sections correspond, the
/// provision counts whole.
fn join_parts(passages: &[crate::reuse::ReusePassage]) -> Vec<crate::reuse::ReusePassage> {
    let mut sorted: Vec<crate::reuse::ReusePassage> = passages.to_vec();
    sorted.sort_by_key(|p| (p.a.doc, p.b.doc, p.a.span.start, p.b.span.start));
    let mut out: Vec<crate::reuse::ReusePassage> = Vec::with_capacity(sorted.len());
    let gap = |x: Span, y: Span| y.start.saturating_sub(x.end);
    for p in sorted {
        if let Some(last) = out.last_mut()
            && (last.a.doc, last.b.doc) == (p.a.doc, p.b.doc)
            && last.boilerplate == p.boilerplate
            && p.b.span.start >= last.b.span.start
            && crate::reuse::parts_of_one_provision(gap(last.a.span, p.a.span), gap(last.b.span, p.b.span))
        {
            let longer = |x: Span, y: Span| x.len().max(y.len()).max(1) as f32;
            let weight = last.chars + p.chars;
            last.similarity = (last.similarity * longer(last.a.span, last.b.span)
                + p.similarity * longer(p.a.span, p.b.span))
                / (longer(last.a.span, last.b.span) + longer(p.a.span, p.b.span));
            last.chars = weight;
            last.a.span = Span::new(last.a.span.start.min(p.a.span.start), last.a.span.end.max(p.a.span.end));
            last.b.span = Span::new(last.b.span.start.min(p.b.span.start), last.b.span.end.max(p.b.span.end));
            continue;
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Section;

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
        Document { label: id.to_string(), sections, ..Document::plain(id, format!("{id}.txt"), text) }
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

    /// The row holding `section` of `doc`.
    fn row_with(alignment: &Alignment, doc: usize, section: usize) -> &AlignmentRow {
        let index = alignment
            .row_of(doc, section)
            .unwrap_or_else(|| panic!("D{} S{section} in no row: {alignment:?}", doc + 1));
        &alignment.rows[index]
    }

    fn sections(row: &AlignmentRow) -> Vec<Option<usize>> {
        row.cells.iter().map(|cell| cell.map(|c| c.section)).collect()
    }

    #[test]
    fn synonym_headings_and_similar_bodies_share_a_row_named_by_the_topic() {
        let alignment = align(&corpus_like(), &[]);
        let finance = row_with(&alignment, 0, 2);
        assert_eq!(sections(finance), vec![Some(2), Some(1), Some(1)]);
        assert_eq!(finance.topic.as_deref(), Some("财政支持"));
        assert_eq!(finance.label, "财政支持");
        assert!(finance.cells.iter().flatten().all(|cell| cell.score > 0.3 && !cell.pinned && !cell.whole));
        assert_eq!(sections(row_with(&alignment, 0, 4)), vec![Some(4), Some(2), Some(2)]);
    }

    #[test]
    fn one_section_per_document_and_row_with_the_best_one_kept() {
        let alignment = align(&corpus_like(), &[]);
        // D2 has two logistics sections; the one resembling D1's wins, the other is left over.
        assert_eq!(sections(row_with(&alignment, 0, 5)), vec![Some(5), Some(3), None]);
        assert!(alignment.unaligned.contains(&(1, 4)));
        // Rows without a topic of the list pair by content too.
        assert_eq!(sections(row_with(&alignment, 0, 3)), vec![Some(3), Some(5), None]);
        for row in &alignment.rows {
            assert_eq!(row.cells.len(), 3);
            assert!(row.cells.iter().flatten().count() >= 2, "a row pairs sections: {row:?}");
        }
    }

    #[test]
    fn unpaired_sections_are_gaps_between_their_paired_neighbours() {
        let alignment = align(&corpus_like(), &[]);
        // D2's tourism section has no counterpart: unaligned, after D2's last paired section.
        assert!(alignment.unaligned.contains(&(1, 6)));
        assert_eq!(alignment.row_of(1, 6), None);
        let gaps: Vec<&Gap> = alignment.gaps_of(1).collect();
        let vehicles = gaps.iter().find(|gap| gap.sections.contains(&4)).expect("a gap for D2 S4");
        assert_eq!(vehicles.after_row, alignment.row_of(1, 3));
        assert_eq!(vehicles.before_row, alignment.row_of(1, 5));
        let tourism = gaps.iter().find(|gap| gap.sections.contains(&6)).expect("a gap for D2 S6");
        assert_eq!((tourism.after_row, tourism.before_row), (alignment.row_of(1, 5), None));
        // Side by side, an unpaired section faces an empty cell, never an unrelated section.
        let pairs = alignment.side_by_side(0, 1);
        assert!(pairs.contains(&(None, Some(4))) && pairs.contains(&(None, Some(6))), "{pairs:?}");
        assert!(pairs.contains(&(Some(2), Some(1))));
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
        for excluded in [(0, 0), (0, 6), (1, 0), (2, 0)] {
            assert!(!used.contains(&excluded), "{excluded:?} should not be a content unit");
        }
    }

    #[test]
    fn rows_are_ordered_by_first_document_position_and_deterministic() {
        let alignment = align(&corpus_like(), &[]);
        let position = |doc: usize, section: usize| alignment.row_of(doc, section).unwrap();
        assert!(position(0, 2) < position(0, 3));
        assert!(position(0, 3) < position(0, 4));
        assert!(position(0, 4) < position(0, 5));
        assert_eq!(alignment, align(&corpus_like(), &[]));
        let labels: std::collections::BTreeSet<&str> = alignment.rows.iter().map(|row| row.label.as_str()).collect();
        assert_eq!(labels.len(), alignment.rows.len(), "labels are unique");
    }

    #[test]
    fn pin_moves_a_section_and_evicts_the_previous_cell() {
        let documents = corpus_like();
        let computed = align(&documents, &[]);
        let logistics_label = row_with(&computed, 0, 5).label.clone();
        let pin = AlignmentOverride::Pin { doc: 1, section: 4, topic: logistics_label.clone() };
        let alignment = align(&documents, std::slice::from_ref(&pin));
        let logistics = row(&alignment, &logistics_label);
        assert_eq!(sections(logistics), vec![Some(5), Some(4), None]);
        assert!(logistics.cells[1].is_some_and(|cell| cell.pinned));
        assert!(alignment.unaligned.contains(&(1, 3)), "the evicted section is unaligned");
        assert_eq!(alignment, align(&documents, &[pin.clone(), pin.clone()]));
        // Unpinning the pinned cell returns the section to its computed place.
        let unpin = AlignmentOverride::Unpin { doc: 1, section: 4 };
        assert_eq!(align(&documents, &[pin, unpin]), computed);
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
        assert_eq!(sections(row_with(&alignment, 0, 4)), vec![Some(4), Some(2), None]);
        assert_eq!(alignment.row_of(0, 2), None);
        assert!(alignment.unaligned.contains(&(0, 2)));
        assert_eq!(sections(row_with(&alignment, 1, 1)), vec![None, Some(1), Some(1)]);
        let twice: Vec<AlignmentOverride> = overrides.iter().chain(&overrides).cloned().collect();
        assert_eq!(alignment, align(&documents, &twice));
    }

    #[test]
    fn untitled_articles_pair_by_content_across_moves() {
        use SectionKind::{Article, Chapter};
        let national = document(
            "D1",
            &[
                (1, Chapter, "第一章", "总则", ""),
                (2, Article, "第一条", "", "为了规范中介服务机构的执业行为，保护当事人合法权益，制定本条例。"),
                (2, Article, "第二条", "", "县级以上人民政府应当将法律援助经费列入财政预算，专款专用。"),
                (1, Chapter, "第二章", "法律责任", ""),
                (2, Article, "第三条", "", "中介服务机构出具虚假证明的，由主管部门责令改正，处以罚款。"),
                (2, Article, "第四条", "", "本条例自发布之日起施行。"),
            ],
        );
        let city = document(
            "D2",
            &[
                (1, Chapter, "第一章", "总则", ""),
                (
                    2,
                    Article,
                    "第一条",
                    "",
                    "为了规范本市中介服务机构的执业行为，保护当事人的合法权益，根据条例制定本办法。",
                ),
                (2, Article, "第二条", "", "本办法适用于本市行政区域内的中介服务活动。"),
                (2, Article, "第三条", "", "市和区人民政府应当将法律援助经费列入同级财政预算。"),
                (1, Chapter, "第二章", "法律责任", ""),
                (2, Article, "第四条", "", "本办法自公布之日起施行。"),
                (2, Article, "第五条", "", "中介服务机构出具虚假证明的，由市主管部门责令改正。"),
            ],
        );
        let alignment = align(&[national, city], &[]);
        assert_eq!(sections(row_with(&alignment, 0, 1)), vec![Some(1), Some(1)]);
        assert_eq!(sections(row_with(&alignment, 0, 2)), vec![Some(2), Some(3)]);
        // Moved: the city puts the commencement article before the liability one.
        assert_eq!(sections(row_with(&alignment, 0, 4)), vec![Some(4), Some(6)]);
        assert_eq!(sections(row_with(&alignment, 0, 5)), vec![Some(5), Some(5)]);
        assert!(alignment.unaligned.contains(&(1, 2)));
        // Untitled rows are named by their key terms, never by an unrelated topic of the list.
        let liability = row_with(&alignment, 0, 4);
        assert_eq!(liability.topic, None);
        assert!(liability.label.contains("中介") || liability.label.contains("虚假"), "{}", liability.label);
    }

    #[test]
    fn reuse_evidence_pairs_rewritten_sections() {
        use crate::reuse::{ReuseKind, ReusePassage, ReuseSide};
        use SectionKind::Article;
        let a = document(
            "D1",
            &[
                (1, Article, "第一条", "", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥。"),
                (1, Article, "第二条", "", "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏。"),
            ],
        );
        let b = document(
            "D2",
            &[
                (1, Article, "第一条", "", "天地玄黄宇宙洪荒日月盈昃辰宿列张闰余成岁律吕调阳。"),
                (1, Article, "第二条", "", "云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光。"),
            ],
        );
        let without = align(&[a.clone(), b.clone()], &[]);
        let passage = ReusePassage {
            kind: ReuseKind::Edited,
            boilerplate: false,
            similarity: 0.9,
            chars: MIN_EVIDENCE_CHARS + 2,
            a: ReuseSide { doc: 0, span: a.sections[1].span, section: Some(1) },
            b: ReuseSide { doc: 1, span: b.sections[1].span, section: Some(1) },
        };
        let report = ReuseReport { passages: vec![passage], ..Default::default() };
        let with = align_with(&[a, b], &report, &[], &AlignOptions::default());
        // By chars alone D1 第二条 goes with D2 第一条 (the same opening); the reuse engine says it was
        // rewritten into D2 第二条, and that evidence wins.
        assert_eq!(sections(row_with(&without, 0, 1)), vec![Some(1), Some(0)]);
        assert_eq!(sections(row_with(&with, 0, 1)), vec![Some(1), Some(1)]);
    }

    #[test]
    fn a_group_about_one_topic_is_taken_whole() {
        let talent = "加强电子商务人才培养和引进，建设人才实训基地，引进高层次电子商务人才。";
        let single = |id: &str| {
            document(
                id,
                &[
                    (1, Part, "一、", "政策措施", ""),
                    (2, Subpart, "（一）", "加强人才支持", talent),
                    (2, Subpart, "（二）", "强化用地支持", "用地计划指标要优先安排电子商务项目。"),
                ],
            )
        };
        let grouped = document(
            "D2",
            &[
                (1, Part, "一、", "强化电子商务人才培养和引进机制", ""),
                (2, Subpart, "1.", "建设人才培养高地", "加强电子商务人才培养，建设人才实训基地。"),
                (2, Subpart, "2.", "构建人才引进激励机制", "引进高层次电子商务人才，落实人才引进政策。"),
                (1, Part, "二、", "优化用地", "用地计划指标优先安排电子商务项目。"),
            ],
        );
        let alignment = align(&[single("D1"), grouped, single("D3")], &[]);
        let row = row_with(&alignment, 0, 1);
        assert_eq!(sections(row), vec![Some(1), Some(0), Some(1)]);
        assert!(row.cells[1].is_some_and(|cell| cell.whole));
        assert!(!alignment.unaligned.contains(&(1, 1)) && alignment.row_of(1, 1).is_none());
    }

    #[test]
    fn weak_pairs_are_filled_in_order_between_matched_ones() {
        // 4 × 4 scores: rows 0 and 3 matched to columns 0 and 3. Free rows 1 and 2 and columns 1 and
        // 2: row 1 and column 2 are each other's best (0.3) and sit between the anchors, so they pair;
        // row 2's best free column is 2 as well, taken by then, and column 1 (0.15) is under the floor.
        #[rustfmt::skip]
        let scores = [
            0.9, 0.1, 0.1, 0.0,
            0.1, 0.1, 0.3, 0.1,
            0.0, 0.15, 0.25, 0.0,
            0.0, 0.1, 0.1, 0.8,
        ];
        let mut matched = vec![(0, 0), (3, 3)];
        assert_eq!(fill_between(&scores, 4, 4, &mut matched), 1);
        assert_eq!(matched, vec![(0, 0), (1, 2), (3, 3)]);
        assert_eq!(fill_between(&scores, 4, 4, &mut matched), 0, "column 1 scores under the floor");
        // A mutual best across an anchor is not taken: row 1 with column 3 while row 2 is matched to 2.
        #[rustfmt::skip]
        let crossing = [
            0.0, 0.0, 0.0, 0.0,
            0.0, 0.0, 0.0, 0.5,
            0.0, 0.0, 0.9, 0.0,
            0.0, 0.0, 0.0, 0.0,
        ];
        let mut matched = vec![(2, 2)];
        assert_eq!(fill_between(&crossing, 4, 4, &mut matched), 0);
        assert_eq!(matched, vec![(2, 2)]);
    }

    #[test]
    fn parents_that_correspond_best_have_full_affinity() {
        // Document a: units 0, 1 in parent 0, unit 2 in parent 1. Document b: unit 0 in parent 0, units
        // 1, 2 in parent 1, unit 3 at the top level. Units 0 and 1 of a match b's units 1 and 2;
        // a's unit 2 matches b's unit 0.
        let a = Parents { of_unit: vec![Some(0), Some(0), Some(1)], count: 2 };
        let b = Parents { of_unit: vec![Some(0), Some(1), Some(1), None], count: 2 };
        #[rustfmt::skip]
        let scores = [
            0.0, 0.9, 0.1, 0.0,
            0.0, 0.1, 0.8, 0.0,
            0.7, 0.0, 0.0, 0.0,
        ];
        let Some(affinity) = context_affinity(&a, &b, &scores, 3, 4) else { panic!("two parents each") };
        assert!((affinity(0, 1) - 1.0).abs() < 1e-6, "a's parent 0 corresponds to b's parent 1");
        assert!((affinity(2, 0) - 1.0).abs() < 1e-6, "a's parent 1 corresponds to b's parent 0");
        assert!(affinity(0, 0) < 0.2, "crossed parents: {}", affinity(0, 0));
        assert!(affinity(0, 3).abs() < 1e-6, "a top-level unit has no parent to go by");
        let flat = Parents { of_unit: vec![Some(0)], count: 1 };
        assert!(context_affinity(&a, &flat, &[0.5; 3], 3, 1).is_none());
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
                for (_, (title, body)) in headings.iter().enumerate().filter(|(index, _)| d % 7 != *index) {
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
        assert!(!alignment.timed_out);
    }

    #[test]
    fn a_passed_deadline_is_reported() {
        let options = AlignOptions { timeout: Duration::ZERO };
        let documents: Vec<Document> = (0..40).map(|d| corpus_like()[d % 3].clone()).collect();
        let alignment = align_with(&documents, &ReuseReport::default(), &[], &options);
        assert!(alignment.timed_out);
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
