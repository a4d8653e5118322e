//! A deterministic synthetic corpus for recall tests and scale benchmarks.
//!
//! Documents are built from the sentences of real policy texts: most sentences are recombined from
//! short fragments (so they read like policy Chinese without sharing long runs), some are real
//! sentences, lightly mutated, and every document after the first copies a few passages from earlier
//! documents, verbatim or with small edits. Every copied passage is recorded with its source and
//! destination spans: the ground truth that reuse detection must recover. The same seed always
//! gives the same corpus (a tiny SplitMix64 generator, no external crates).
//!
//! One generator serves every test, benchmark and example; [`SynthConfig`] says what kind of
//! corpus. [`SynthConfig::folder_scan`] is the corpus of the folder-scan tests and benchmarks:
//! documents under a few shared 公文 opening formulae (boilerplate the scan must mark), exactly
//! two verbatim copies each, some with commas changed to half width. [`write_to`] puts a corpus
//! on disk under [`file_name`]s and [`SynthCorpus::recall`] scores what a search found.

use std::path::{Path, PathBuf};

use crate::model::{Decoded, Document, PolicyDate};
use crate::segment::normalize::is_punctuation;
use crate::text::Span;

/// Settings of the generator.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SynthConfig {
    /// Number of documents.
    pub documents: usize,
    /// Seed of the random generator.
    pub seed: u64,
    /// Smallest document size in UTF-8 bytes.
    pub min_bytes: usize,
    /// Largest document size in UTF-8 bytes.
    pub max_bytes: usize,
    /// Least passages a document (after the first) copies from earlier documents: at least 1;
    /// `max_copies` is raised to it. Equal to `max_copies` for an exact number of copies.
    pub min_copies: usize,
    /// Most passages a document copies from earlier documents.
    pub max_copies: usize,
    /// Shortest copied passage in chars.
    pub min_copy_chars: usize,
    /// Longest copied passage in chars.
    pub max_copy_chars: usize,
    /// Share of copied passages that are edited the way drafters edit; 0 for verbatim copies.
    pub mutated_share: f64,
    /// Share of the copies left unedited whose full-width commas become half-width (，→ ,): the
    /// wording is the same, which matching normalisation must see through.
    pub comma_width_share: f64,
    /// Least share of an edited copy's chars that the edits change.
    pub edit_share_min: f64,
    /// Largest share of an edited copy's chars that the edits change.
    pub edit_share_max: f64,
    /// Passages of the first documents that many later documents copy (a provision every city
    /// takes from its province).
    pub popular_passages: usize,
    /// Chance that a document also copies one of the popular passages.
    pub popular_share: f64,
    /// Share of filler sentences taken from the source texts (lightly mutated) rather than
    /// recombined from fragments.
    pub source_sentence_share: f64,
    /// Every document opens with one of a few 公文 formulae (「各市、县人民政府……现提出以下意见。」),
    /// the boilerplate most documents of a folder share. Copies are never cut from a formula.
    pub opening_formulae: bool,
}

impl Default for SynthConfig {
    fn default() -> Self {
        Self {
            documents: 100,
            seed: 2012,
            min_bytes: 5 * 1024,
            max_bytes: 30 * 1024,
            min_copies: 1,
            max_copies: 6,
            min_copy_chars: 30,
            max_copy_chars: 300,
            mutated_share: 0.3,
            comma_width_share: 0.0,
            edit_share_min: 0.1,
            edit_share_max: 0.3,
            popular_passages: 0,
            popular_share: 0.0,
            source_sentence_share: 0.1,
            opening_formulae: false,
        }
    }
}

impl SynthConfig {
    /// The corpus of the scale benchmarks (`examples/scan_scale.rs`, BENCHMARKS.md) at `documents`
    /// documents, from [`scale_source`]: copies edited the way drafters edit (half of them, 10–30% of
    /// the copy changed), 20 to 600 chars long; popular passages (a provision every city takes from
    /// its province) copied into about 300 documents each whatever the size: five, plus one per
    /// 10,000 documents. Filler is recombined from fragments only: the five source texts hold about
    /// 1,000 sentences, so whole source sentences as filler would make a fifth of all document pairs
    /// share a sentence at any size, a density no real folder has.
    pub fn scale(documents: usize) -> SynthConfig {
        /// Documents each popular passage is copied into ("hundreds of documents").
        const POPULAR_COPIES: f64 = 300.0;
        let popular_passages = 5 + documents / 10_000;
        let popular_share = (popular_passages as f64 * POPULAR_COPIES / documents.max(1) as f64).min(0.3);
        SynthConfig {
            documents,
            min_bytes: 5_000,
            max_bytes: 30_000,
            max_copies: 4,
            min_copy_chars: 20,
            max_copy_chars: 600,
            mutated_share: 0.5,
            edit_share_min: 0.1,
            edit_share_max: 0.3,
            popular_passages,
            popular_share,
            source_sentence_share: 0.0,
            ..SynthConfig::default()
        }
    }

    /// The corpus of the folder-scan tests and benchmarks: 1,000 documents of 5–30 KB of
    /// recombined fragments, each under one of the shared opening formulae, each after the first
    /// copying exactly two passages of 40–400 chars verbatim from earlier documents (a third of
    /// them with half-width commas). Recall is then a matter of finding copies, not of judging
    /// edits, and the formulae must come out as boilerplate.
    pub fn folder_scan() -> SynthConfig {
        SynthConfig {
            documents: 1000,
            min_bytes: 5_000,
            max_bytes: 30_000,
            min_copies: 2,
            max_copies: 2,
            min_copy_chars: 40,
            max_copy_chars: 400,
            mutated_share: 0.0,
            comma_width_share: 1.0 / 3.0,
            source_sentence_share: 0.0,
            opening_formulae: true,
            ..SynthConfig::default()
        }
    }
}

/// The material of the scale benchmarks ([`SynthConfig::scale`]): the five bundled documents, in
/// the order the benchmarks have always used (another order generates another corpus).
pub fn scale_source() -> String {
    ["guangdong-2012.txt", "guizhou-2014.txt", "xianning-2014.txt", "guangzhou-2014.txt", "qinghai-2016.txt"]
        .iter()
        .filter_map(|name| crate::corpus::FILES.iter().find(|(file, _)| file == name))
        .map(|(_, text)| *text)
        .collect()
}

/// The opening formulae of [`SynthConfig::opening_formulae`]: salutation and purpose clause of
/// provincial and municipal 意见, each a line of its own.
const FORMULAE: &[&str] = &[
    "各市、县、自治县人民政府，省政府各部门、各直属机构：为深入贯彻落实党的十八大和十八届三中全会精神，加快发展电子商务，经省人民政府同意，现提出以下意见。\n",
    "各区人民政府，市政府各部门、各直属机构：为贯彻落实国务院关于促进信息消费扩大内需的若干意见，推动我市电子商务健康快速发展，经市人民政府同意，现提出如下实施意见。\n",
    "各州、市人民政府，省直各委、办、厅、局：为认真贯彻落实国家和省关于加快发展电子商务的决策部署，结合我省实际，现提出以下实施意见，请认真贯彻执行。\n",
];

/// One generated document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthDocument {
    /// File name, [`file_name`] of its index: "synth-00042.txt".
    pub name: String,
    /// Issue date (ISO), increasing with the document index so copies run earlier → later.
    pub date: String,
    /// The text.
    pub text: String,
}

/// A passage copied from one generated document into a later one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CopiedPassage {
    /// Index of the document copied from.
    pub from_doc: usize,
    /// Char span copied, in the source document.
    pub from: Span,
    /// Index of the document copied into.
    pub to_doc: usize,
    /// Char span of the copy in the destination document.
    pub to: Span,
    /// True when the copy was edited (words swapped, numbers changed, clauses inserted or dropped,
    /// punctuation width changed).
    pub mutated: bool,
}

/// The generated documents and the ground truth of what was copied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SynthCorpus {
    /// Documents in order.
    pub documents: Vec<SynthDocument>,
    /// Every copied passage, in the order they were made.
    pub copies: Vec<CopiedPassage>,
    /// Per document, the origin of every char: the id of the char as first written. A copied char
    /// keeps the id of its source char, so two documents truly share a passage when their chars
    /// carry the same ids, however many copies apart they are.
    pub origins: Vec<Vec<u32>>,
    /// The next unused origin id.
    next_origin: u32,
}

/// SplitMix64: small, fast, and the same everywhere.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi` (returns `lo` when `hi < lo`).
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        if hi <= lo { lo } else { lo + (self.next() % (hi - lo + 1) as u64) as usize }
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Sentences and fragment material taken from the source texts.
struct Material {
    sentences: Vec<Vec<char>>,
    /// Countable chars of all sources, for fragments.
    pool: Vec<char>,
}

impl Material {
    fn new(sources: &[&str]) -> Self {
        let mut sentences = Vec::new();
        let mut pool = Vec::new();
        for source in sources {
            let mut current: Vec<char> = Vec::new();
            for c in source.chars() {
                if c.is_whitespace() {
                    if c == '\n' && current.len() >= 12 {
                        sentences.push(std::mem::take(&mut current));
                    } else if c == '\n' {
                        current.clear();
                    }
                    continue;
                }
                if !is_punctuation(c) {
                    pool.push(c);
                }
                current.push(c);
                if matches!(c, '。' | '；' | '！' | '？') {
                    if current.len() >= 12 {
                        sentences.push(std::mem::take(&mut current));
                    } else {
                        current.clear();
                    }
                }
            }
            if current.len() >= 12 {
                sentences.push(current);
            }
        }
        if pool.is_empty() {
            pool.extend("电子商务发展政策支持".chars());
        }
        Material { sentences: unrelated(sentences), pool }
    }

    /// A sentence recombined from fragments of 2–6 chars with commas, ending in 。.
    fn recombined(&self, rng: &mut Rng) -> Vec<char> {
        let target = rng.range(20, 70);
        let mut out = Vec::with_capacity(target + 8);
        let mut since_comma = 0;
        let mut comma_at = rng.range(8, 20);
        while out.len() < target {
            let len = rng.range(2, 6).min(self.pool.len());
            let start = rng.range(0, self.pool.len() - len);
            out.extend_from_slice(&self.pool[start..start + len]);
            since_comma += len;
            if since_comma >= comma_at {
                out.push('，');
                since_comma = 0;
                comma_at = rng.range(8, 20);
            }
        }
        if out.last() == Some(&'，') {
            out.pop();
        }
        out.push('。');
        out
    }

    /// A real source sentence, sometimes with one char changed, with the origin ids of its chars:
    /// the same sentence has the same ids in every document that uses it (it is shared text).
    fn source_sentence(&self, rng: &mut Rng) -> Option<(Vec<char>, Vec<u32>)> {
        if self.sentences.is_empty() {
            return None;
        }
        let index = rng.range(0, self.sentences.len() - 1);
        let mut sentence = self.sentences[index].clone();
        let mut ids = wording_ids(&sentence);
        if rng.chance(0.5) && sentence.len() >= 16 {
            // One char substituted: it no longer comes from the source.
            let at = rng.range(6, sentence.len() - 7);
            sentence[at] = self.pool[rng.range(0, self.pool.len() - 1)];
            ids[at] = EDITED_ID;
        }
        Some((sentence, ids))
    }
}

/// Origin ids from the wording itself (each char with the five after it), so that the same wording
/// in two source texts (which copy each other too), or a formula every document opens with, is the
/// same shared text wherever it appears.
fn wording_ids(sentence: &[char]) -> Vec<u32> {
    (0..sentence.len())
        .map(|pos| {
            let window = &sentence[pos.min(sentence.len().saturating_sub(6))..(pos + 6).min(sentence.len())];
            let mut h: u32 = 0x811C_9DC5;
            for &c in window {
                h = (h ^ c as u32).wrapping_mul(0x0100_0193);
            }
            SOURCE_IDS | (h & !SOURCE_IDS)
        })
        .collect()
}

/// The sentences that are not rewrites of an earlier one. Real source texts copy each other
/// (a city's opinion rewrites its province's), and a generated document that drew both the source
/// sentence and its rewrite would hold true reuse that the ground truth does not know of: it would
/// count as a false passage. A sentence is dropped when it shares a run of [`RELATED_RUN`] chars
/// with a kept one, or when half the char bigrams of the shorter of the two are in the other.
fn unrelated(sentences: Vec<Vec<char>>) -> Vec<Vec<char>> {
    use std::collections::HashSet;
    let plain = |s: &[char]| -> Vec<char> { s.iter().copied().filter(|&c| !is_punctuation(c)).collect() };
    let mut runs: HashSet<&[char]> = HashSet::new();
    let mut kept_bigrams: Vec<HashSet<(char, char)>> = Vec::new();
    let plains: Vec<Vec<char>> = sentences.iter().map(|s| plain(s)).collect();
    let mut keep = vec![false; sentences.len()];
    for (i, text) in plains.iter().enumerate() {
        if text.windows(RELATED_RUN).any(|w| runs.contains(w)) {
            continue;
        }
        let bigrams: HashSet<(char, char)> = text.windows(2).map(|w| (w[0], w[1])).collect();
        let related = kept_bigrams.iter().any(|other| {
            let shared = bigrams.intersection(other).count();
            shared * 2 >= bigrams.len().min(other.len()).max(1)
        });
        if related {
            continue;
        }
        runs.extend(text.windows(RELATED_RUN));
        kept_bigrams.push(bigrams);
        keep[i] = true;
    }
    sentences.into_iter().zip(keep).filter(|(_, k)| *k).map(|(s, _)| s).collect()
}

/// Shared chars that make two source sentences related (see [`unrelated`]).
const RELATED_RUN: usize = 8;

/// Origin ids at and above this mark chars of the real source sentences.
const SOURCE_IDS: u32 = 0xC000_0000;

/// Origin id of a char changed in a source sentence: shared with nothing.
const EDITED_ID: u32 = u32::MAX;

/// Word pairs drafters swap when they rewrite a provision.
const SWAPS: [(&str, &str); 16] = [
    ("加大", "强化"),
    ("推进", "推动"),
    ("支持", "鼓励"),
    ("加快", "促进"),
    ("完善", "健全"),
    ("建立", "构建"),
    ("提高", "提升"),
    ("引导", "支持"),
    ("积极", "大力"),
    ("企业", "主体"),
    ("发展", "建设"),
    ("加强", "强化"),
    ("落实", "执行"),
    ("培育", "扶持"),
    ("力度", "强度"),
    ("依法", "按规定"),
];

/// Edit a copied passage the way drafters do until about `share` of its chars changed: swap a
/// word, change a number, insert a clause, drop a few chars, or change punctuation width. Edits
/// stay away from both ends so the copy still starts and ends where it was cut. `origin` holds the
/// origin id of every char and is edited alongside (new chars get ids from `next_id`).
fn edit_copy(
    chars: &mut Vec<char>,
    origin: &mut Vec<u32>,
    share: f64,
    pool: &[char],
    rng: &mut Rng,
    next_id: &mut u32,
) {
    let target = ((chars.len() as f64) * share).round() as usize;
    let mut changed = 0usize;
    let mut attempts = 0;
    while changed < target.max(1) && attempts < 200 {
        attempts += 1;
        if chars.len() < 12 {
            return;
        }
        let at = rng.range(3, chars.len() - 4);
        let fresh = |n: usize, next_id: &mut u32| -> Vec<u32> {
            (0..n)
                .map(|_| {
                    *next_id = next_id.wrapping_add(1);
                    *next_id
                })
                .collect()
        };
        match rng.range(0, 9) {
            0..=3 => {
                // A word swap: a known pair where one occurs, else two chars from the pool.
                let window: String = chars[at..(at + 2).min(chars.len())].iter().collect();
                let swap = SWAPS.iter().find(|(x, y)| *x == window || *y == window);
                let replacement: Vec<char> = match swap {
                    Some((x, y)) => (if *x == window { y } else { x }).chars().collect(),
                    None => (0..2).map(|_| pool[rng.range(0, pool.len() - 1)]).collect(),
                };
                let end = (at + 2).min(chars.len());
                changed += replacement.len().max(end - at);
                let ids = fresh(replacement.len(), next_id);
                chars.splice(at..end, replacement);
                origin.splice(at..end, ids);
            }
            4 => {
                // A changed number: a digit run becomes another, or a digit is written in.
                if let Some(pos) = chars.iter().skip(3).position(|c| c.is_ascii_digit()).map(|p| p + 3) {
                    let end = pos + chars[pos..].iter().take_while(|c| c.is_ascii_digit()).count();
                    let value = rng.range(1, 999).to_string();
                    let new: Vec<char> = value.chars().collect();
                    changed += new.len().max(end - pos);
                    let ids = fresh(new.len(), next_id);
                    chars.splice(pos..end, new);
                    origin.splice(pos..end, ids);
                } else {
                    let digits: Vec<char> = rng.range(2, 99).to_string().chars().collect();
                    changed += digits.len();
                    let ids = fresh(digits.len(), next_id);
                    chars.splice(at..at, digits);
                    origin.splice(at..at, ids);
                }
            }
            5 | 6 => {
                // An inserted clause.
                let len = rng.range(3, 8);
                let start = rng.range(0, pool.len().saturating_sub(len + 1));
                let mut clause = vec!['，'];
                clause.extend_from_slice(&pool[start..(start + len).min(pool.len())]);
                changed += clause.len();
                let ids = fresh(clause.len(), next_id);
                chars.splice(at..at, clause);
                origin.splice(at..at, ids);
            }
            7 | 8 => {
                // Dropped words.
                let len = rng.range(2, 5).min(chars.len() - at - 3);
                changed += len;
                chars.drain(at..at + len);
                origin.drain(at..at + len);
            }
            _ => {
                // Punctuation width, which matching normalisation must see through.
                if let Some(pos) = chars.iter().position(|&c| c == '，') {
                    chars[pos] = ',';
                }
                changed += 1;
            }
        }
    }
}

/// Issue date of document `index`: one day apart (28-day months keep it simple and valid).
fn date_of(index: usize) -> String {
    format!("{:04}-{:02}-{:02}", 2010 + index / 336, (index / 28) % 12 + 1, index % 28 + 1)
}

/// Generate a corpus from the sentences of `sources` (e.g. the five corpus documents).
pub fn generate(sources: &[&str], config: &SynthConfig) -> SynthCorpus {
    let material = Material::new(sources);
    let mut rng = Rng(config.seed);
    let mut corpus = SynthCorpus::default();
    // The popular passages are cut from the first documents, one each.
    let popular_from = config.popular_passages.min(config.documents);
    for index in 0..config.documents {
        let bytes = rng.range(config.min_bytes, config.max_bytes.max(config.min_bytes));
        let copies = if index == 0 { 0 } else { rng.range(config.min_copies.max(1), config.max_copies.max(1)) };
        let mut sources: Vec<Source> = (0..copies).map(|_| Source::Random(rng.range(0, index - 1))).collect();
        if index >= popular_from && popular_from > 0 && rng.chance(config.popular_share) {
            sources.push(Source::Popular(rng.range(0, popular_from - 1)));
        }
        add_document(&mut corpus, &material, &mut rng, config, bytes, &sources);
    }
    corpus
}

/// Where a copied passage comes from.
#[derive(Clone, Copy, Debug)]
enum Source {
    /// A random passage of this document.
    Random(usize),
    /// The popular passage of this (early) document: always the same span.
    Popular(usize),
}

impl Source {
    fn doc(self) -> usize {
        match self {
            Source::Random(d) | Source::Popular(d) => d,
        }
    }
}

/// The span of document `doc`'s popular passage: fixed by the document alone.
fn popular_span(doc: usize, source_len: usize, config: &SynthConfig) -> (usize, usize) {
    let mut rng = Rng(config.seed ^ (doc as u64).wrapping_mul(0x9E37_79B9));
    let len = rng.range(config.min_copy_chars, config.max_copy_chars).min(source_len);
    (rng.range(0, source_len - len), len)
}

/// Build one document of about `bytes` bytes that copies one passage from each of `sources`.
fn add_document(
    corpus: &mut SynthCorpus,
    material: &Material,
    rng: &mut Rng,
    config: &SynthConfig,
    bytes: usize,
    sources: &[Source],
) {
    let index = corpus.documents.len();
    let mut text: Vec<char> = Vec::new();
    let mut origin: Vec<u32> = Vec::new();
    let mut next_id: u32 = corpus.next_origin;
    let mut byte_len = 0;
    if config.opening_formulae {
        let formula: Vec<char> = FORMULAE[rng.range(0, FORMULAE.len() - 1)].chars().collect();
        byte_len += formula.iter().map(|c| c.len_utf8()).sum::<usize>();
        origin.extend(wording_ids(&formula));
        text.extend(formula);
    }
    // Copies go at random sentence boundaries, spread over the document (after its formula).
    let mut copy_points: Vec<usize> = sources.iter().map(|_| rng.range(0, bytes)).collect();
    copy_points.sort_unstable();
    let mut pending = sources.iter().copied().zip(copy_points).peekable();
    let mut new_copies = Vec::new();
    while byte_len < bytes || pending.peek().is_some() {
        if let Some(&(source_of, at)) = pending.peek()
            && (byte_len >= at || byte_len >= bytes)
        {
            pending.next();
            let from_doc = source_of.doc();
            let source: Vec<char> = corpus.documents[from_doc].text.chars().collect();
            // Never from the source's opening formula: that is boilerplate, not a copy to find.
            let body =
                if config.opening_formulae { source.iter().position(|&c| c == '\n').map_or(0, |p| p + 1) } else { 0 };
            let (start, len) = match source_of {
                Source::Popular(doc) => {
                    let (start, len) = popular_span(doc, source.len() - body, config);
                    (body + start, len)
                }
                Source::Random(_) => {
                    let len = rng.range(config.min_copy_chars, config.max_copy_chars).min(source.len() - body);
                    (rng.range(body, source.len() - len), len)
                }
            };
            if len == 0 {
                continue;
            }
            let mut passage = source[start..start + len].to_vec();
            let mut passage_origin = corpus.origins[from_doc][start..start + len].to_vec();
            let mut mutated = rng.chance(config.mutated_share);
            if mutated {
                let share = config.edit_share_min
                    + (config.edit_share_max - config.edit_share_min).max(0.0) * (rng.range(0, 1000) as f64 / 1000.0);
                edit_copy(&mut passage, &mut passage_origin, share, &material.pool, rng, &mut next_id);
            } else if config.comma_width_share > 0.0 && rng.chance(config.comma_width_share) {
                // The same wording, the same origins: only the commas' width changes.
                for c in passage.iter_mut().filter(|c| **c == '，') {
                    *c = ',';
                    mutated = true;
                }
            }
            let to_start = text.len();
            byte_len += passage.iter().map(|c| c.len_utf8()).sum::<usize>();
            text.extend_from_slice(&passage);
            origin.extend_from_slice(&passage_origin);
            new_copies.push(CopiedPassage {
                from_doc,
                from: Span::new(start, start + len),
                to_doc: index,
                to: Span::new(to_start, text.len()),
                mutated,
            });
            continue;
        }
        let real = if rng.chance(config.source_sentence_share) { material.source_sentence(rng) } else { None };
        let (sentence, ids) = match real {
            Some(real) => real,
            None => {
                let sentence = material.recombined(rng);
                let ids = (0..sentence.len())
                    .map(|_| {
                        next_id = next_id.wrapping_add(1);
                        next_id
                    })
                    .collect();
                (sentence, ids)
            }
        };
        byte_len += sentence.iter().map(|c| c.len_utf8()).sum::<usize>();
        text.extend_from_slice(&sentence);
        origin.extend_from_slice(&ids);
        if rng.chance(0.2) {
            next_id = next_id.wrapping_add(1);
            text.push('\n');
            origin.push(next_id);
            byte_len += 1;
        }
    }
    corpus.documents.push(SynthDocument {
        name: file_name(index),
        date: date_of(index),
        text: text.into_iter().collect(),
    });
    corpus.copies.extend(new_copies);
    corpus.origins.push(origin);
    corpus.next_origin = next_id.wrapping_add(1);
}

impl SynthCorpus {
    /// Append a query document of about `bytes` bytes that copies `copies` passages from documents
    /// spread over the corpus (a draft checked against the corpus). Returns its index.
    pub fn add_query(&mut self, sources: &[&str], config: &SynthConfig, bytes: usize, copies: usize) -> usize {
        let material = Material::new(sources);
        let mut rng = Rng(config.seed ^ 0x5155_4552_5900_0000);
        let count = self.documents.len();
        let from: Vec<Source> = if count == 0 {
            Vec::new()
        } else {
            (0..copies).map(|_| Source::Random(rng.range(0, count - 1))).collect()
        };
        add_document(self, &material, &mut rng, config, bytes, &from);
        self.documents.len() - 1
    }

    /// The documents as analysis [`Document`]s (ids D1.., dates set from the generator).
    pub fn to_documents(&self) -> Vec<Document> {
        self.documents
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut document = crate::outline::build_document(
                    format!("D{}", i + 1),
                    d.name.clone(),
                    d.text.len() as u64,
                    Decoded::plain(d.text.as_str()),
                );
                document.metadata.date = PolicyDate::parse_iso(&d.date);
                document
            })
            .collect()
    }
}

/// File name of document `index`, as [`generate`] names it and [`write_to`] writes it.
pub fn file_name(index: usize) -> String {
    format!("synth-{index:05}.txt")
}

/// Write the documents of `corpus` into `dir` (created if missing) under their names; returns the
/// paths, in document order.
pub fn write_to(corpus: &SynthCorpus, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut paths = Vec::with_capacity(corpus.documents.len());
    for document in &corpus.documents {
        let path = dir.join(&document.name);
        std::fs::write(&path, &document.text)?;
        paths.push(path);
    }
    Ok(paths)
}

/// How well a reuse search recovered a synthetic corpus's copies.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SynthScore {
    /// Copies considered (at least `min_chars` inherited chars).
    pub copies: usize,
    /// Copies whose inherited chars passages between the two documents cover to 80% or more.
    pub found: usize,
    /// Copies shorter than 50 chars.
    pub short_copies: usize,
    /// Short copies found.
    pub short_found: usize,
    /// Reported passages judged.
    pub passages: usize,
    /// Reported passages whose later side is at least half made of chars that truly come from the
    /// other side (copied directly or through other documents).
    pub true_passages: usize,
}

impl SynthScore {
    /// Found copies over copies.
    pub fn recall(&self) -> f64 {
        if self.copies == 0 { 1.0 } else { self.found as f64 / self.copies as f64 }
    }

    /// Recall of copies shorter than 50 chars.
    pub fn short_recall(&self) -> f64 {
        if self.short_copies == 0 { 1.0 } else { self.short_found as f64 / self.short_copies as f64 }
    }

    /// True passages over reported passages.
    pub fn precision(&self) -> f64 {
        if self.passages == 0 { 1.0 } else { self.true_passages as f64 / self.passages as f64 }
    }
}

impl SynthCorpus {
    /// Copies found, of copies with at least `min_chars` wording chars (neither punctuation nor
    /// whitespace): a copy is found when the reported spans between its two documents cover at
    /// least 90% of it in the copying document. `found(from, to)` returns the spans reported in
    /// document `to` as shared with document `from`. Plain span coverage, for corpora of verbatim
    /// copies; [`SynthCorpus::score`] also judges edited copies and precision.
    pub fn recall(&self, min_chars: usize, found: impl Fn(usize, usize) -> Vec<Span>) -> (usize, usize) {
        let mut expected = 0;
        let mut hit = 0;
        for copy in &self.copies {
            let Some(document) = self.documents.get(copy.to_doc) else { continue };
            let wording = document
                .text
                .chars()
                .skip(copy.to.start)
                .take(copy.to.len())
                .filter(|&c| !is_punctuation(c) && !c.is_whitespace())
                .count();
            if wording < min_chars {
                continue;
            }
            expected += 1;
            let clipped: Vec<Span> = found(copy.from_doc, copy.to_doc)
                .iter()
                .map(|s| {
                    let start = s.start.max(copy.to.start);
                    Span::new(start, s.end.min(copy.to.end).max(start))
                })
                .collect();
            let covered: usize = crate::reuse::union(clipped).iter().map(Span::len).sum();
            if covered * 10 >= copy.to.len() * 9 {
                hit += 1;
            }
        }
        (hit, expected)
    }

    /// Score reported passages `(doc x, span in x, doc y, span in y)` against the ground truth.
    /// Copies with fewer than `min_chars` chars inherited from their source are not counted.
    pub fn score(&self, passages: &[(usize, Span, usize, Span)], min_chars: usize) -> SynthScore {
        use std::collections::{HashMap, HashSet};
        let mut score = SynthScore::default();
        // Passages by unordered document pair, as (span in the lower doc, span in the higher doc).
        let mut by_pair: HashMap<(usize, usize), Vec<(Span, Span)>> = HashMap::new();
        for &(x, sx, y, sy) in passages {
            let (lo, hi, slo, shi) = if x < y { (x, y, sx, sy) } else { (y, x, sy, sx) };
            by_pair.entry((lo, hi)).or_default().push((slo, shi));
        }
        for copy in &self.copies {
            let Some(from_ids) = self.origins.get(copy.from_doc).map(|o| {
                o[copy.from.start.min(o.len())..copy.from.end.min(o.len())].iter().copied().collect::<HashSet<u32>>()
            }) else {
                continue;
            };
            let to_origin = &self.origins[copy.to_doc];
            let inherited: Vec<usize> = (copy.to.start..copy.to.end.min(to_origin.len()))
                .filter(|&i| from_ids.contains(&to_origin[i]))
                .collect();
            if inherited.len() < min_chars {
                continue;
            }
            let short = inherited.len() < 50;
            score.copies += 1;
            score.short_copies += usize::from(short);
            let spans = by_pair.get(&(copy.from_doc.min(copy.to_doc), copy.from_doc.max(copy.to_doc)));
            let to_is_hi = copy.to_doc > copy.from_doc;
            let covered = inherited
                .iter()
                .filter(|&&i| {
                    spans.is_some_and(|list| {
                        list.iter().any(|(lo, hi)| {
                            let s = if to_is_hi { hi } else { lo };
                            s.start <= i && i < s.end
                        })
                    })
                })
                .count();
            if covered * 5 >= inherited.len() * 4 {
                score.found += 1;
                score.short_found += usize::from(short);
            }
        }
        for &(x, sx, y, sy) in passages {
            let (Some(ox), Some(oy)) = (self.origins.get(x), self.origins.get(y)) else { continue };
            let ids: HashSet<u32> = ox[sx.start.min(ox.len())..sx.end.min(ox.len())].iter().copied().collect();
            let side = &oy[sy.start.min(oy.len())..sy.end.min(oy.len())];
            let shared = side.iter().filter(|id| ids.contains(id)).count();
            score.passages += 1;
            if shared * 2 >= side.len() {
                score.true_passages += 1;
            }
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "鼓励金融机构在风险可控的前提下，采用无形资产和动产质押融资方式。\n\
        支持电子商务企业通过境内外证券市场融资，符合条件的可列为重点上市培育企业。\n\
        鼓励利用空置厂房、仓储用房等存量房产发展电子商务园区。";

    #[test]
    fn same_seed_same_corpus() {
        let config = SynthConfig { documents: 8, ..SynthConfig::default() };
        let a = generate(&[SOURCE], &config);
        let b = generate(&[SOURCE], &config);
        assert_eq!(a, b);
        let c = generate(&[SOURCE], &SynthConfig { seed: 7, ..config });
        assert_ne!(a, c);
    }

    #[test]
    fn sizes_and_ground_truth_hold() {
        let config = SynthConfig { documents: 12, ..SynthConfig::default() };
        let corpus = generate(&[SOURCE], &config);
        assert_eq!(corpus.documents.len(), 12);
        for d in &corpus.documents {
            assert!(d.text.len() >= config.min_bytes, "{} bytes", d.text.len());
            assert!(d.text.len() <= config.max_bytes + 2 * config.max_copy_chars * 4);
        }
        assert!(!corpus.copies.is_empty());
        for copy in &corpus.copies {
            assert!(copy.from_doc < copy.to_doc);
            let from: String =
                corpus.documents[copy.from_doc].text.chars().skip(copy.from.start).take(copy.from.len()).collect();
            let to: String =
                corpus.documents[copy.to_doc].text.chars().skip(copy.to.start).take(copy.to.len()).collect();
            if copy.mutated {
                let (f, t) = (from.chars().count(), to.chars().count());
                assert!(f.abs_diff(t) as f64 <= 0.5 * f as f64 + 10.0, "{from} → {to}");
            } else {
                assert_eq!(from, to);
            }
        }
        let dates: Vec<&str> = corpus.documents.iter().map(|d| d.date.as_str()).collect();
        assert!(dates.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn folder_scan_corpus_opens_with_formulae_and_copies_verbatim() {
        let config = SynthConfig { documents: 6, min_bytes: 3000, max_bytes: 6000, ..SynthConfig::folder_scan() };
        let corpus = generate(&[SOURCE], &config);
        assert_eq!(corpus, generate(&[SOURCE], &config));
        // Exactly two copies per document after the first.
        assert_eq!(corpus.copies.len(), 10);
        for document in &corpus.documents {
            let first_line = document.text.split_inclusive('\n').next().unwrap_or_default();
            assert!(FORMULAE.contains(&first_line), "{first_line}");
        }
        let mut half_width = 0;
        for copy in &corpus.copies {
            assert!(copy.from_doc < copy.to_doc);
            let slice = |doc: usize, span: Span| -> String {
                corpus.documents[doc].text.chars().skip(span.start).take(span.len()).collect()
            };
            let (from, to) = (slice(copy.from_doc, copy.from), slice(copy.to_doc, copy.to));
            // Never cut from the formula; the wording kept, only commas may change width.
            let formula_chars =
                corpus.documents[copy.from_doc].text.split('\n').next().unwrap_or_default().chars().count();
            assert!(copy.from.start > formula_chars, "{copy:?}");
            assert_eq!(from.replace('，', ","), to.replace('，', ","));
            assert_eq!(copy.mutated, from != to);
            half_width += usize::from(copy.mutated);
        }
        assert!(half_width > 0 && half_width < corpus.copies.len(), "{half_width}");
        // Every copy covered by a span of its own is found; none found without spans.
        let own = |from: usize, to: usize| -> Vec<Span> {
            corpus.copies.iter().filter(|c| (c.from_doc, c.to_doc) == (from, to)).map(|c| c.to).collect()
        };
        assert_eq!(corpus.recall(10, own), (10, 10));
        assert_eq!(corpus.recall(10, |_, _| Vec::new()).0, 0);
    }
}
