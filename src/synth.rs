//! A deterministic synthetic corpus for recall tests and scale benchmarks.
//!
//! Documents are built from the sentences of real policy texts: most sentences are recombined from
//! short fragments (so they read like policy Chinese without sharing long runs), some are real
//! sentences, lightly mutated, and every document after the first copies a few passages from earlier
//! documents, verbatim or with small edits. Every copied passage is recorded with its source and
//! destination spans: the ground truth that reuse detection must recover. The same seed always
//! gives the same corpus (a tiny SplitMix64 generator, no external crates).

use crate::model::{Decoded, Document, Format};
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
    /// Most passages a document copies from earlier documents.
    pub max_copies: usize,
    /// Shortest copied passage in chars.
    pub min_copy_chars: usize,
    /// Longest copied passage in chars.
    pub max_copy_chars: usize,
    /// Share of copied passages that get small edits.
    pub mutated_share: f64,
    /// Share of filler sentences taken from the source texts (lightly mutated) rather than
    /// recombined from fragments.
    pub source_sentence_share: f64,
}

impl Default for SynthConfig {
    fn default() -> Self {
        Self {
            documents: 100,
            seed: 2012,
            min_bytes: 5 * 1024,
            max_bytes: 30 * 1024,
            max_copies: 6,
            min_copy_chars: 30,
            max_copy_chars: 300,
            mutated_share: 0.3,
            source_sentence_share: 0.1,
        }
    }
}

/// One generated document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthDocument {
    /// File-like name, e.g. "synth-0042.txt".
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
    /// True when the copy was edited (chars substituted, inserted or dropped).
    pub mutated: bool,
}

/// The generated documents and the ground truth of what was copied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SynthCorpus {
    /// Documents in order.
    pub documents: Vec<SynthDocument>,
    /// Every copied passage, in the order they were made.
    pub copies: Vec<CopiedPassage>,
}

/// SplitMix64: small, fast, and the same everywhere. Shared by the synthetic corpora of the reuse
/// and scan benchmarks.
#[derive(Clone, Debug)]
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi` (returns `lo` when `hi < lo`).
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
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
        Material { sentences, pool }
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

    /// A real source sentence, sometimes with one char changed.
    fn source_sentence(&self, rng: &mut Rng) -> Vec<char> {
        if self.sentences.is_empty() {
            return self.recombined(rng);
        }
        let mut sentence = self.sentences[rng.range(0, self.sentences.len() - 1)].clone();
        if rng.chance(0.5) {
            mutate(&mut sentence, &self.pool, rng, 1);
        }
        sentence
    }
}

/// Apply `edits` random edits (substitute, insert or drop one char) away from both ends.
fn mutate(chars: &mut Vec<char>, pool: &[char], rng: &mut Rng, edits: usize) {
    for _ in 0..edits {
        if chars.len() < 16 {
            return;
        }
        let at = rng.range(6, chars.len() - 7);
        let replacement = pool[rng.range(0, pool.len() - 1)];
        match rng.range(0, 2) {
            0 => chars[at] = replacement,
            1 => chars.insert(at, replacement),
            _ => {
                chars.remove(at);
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
    for index in 0..config.documents {
        let bytes = rng.range(config.min_bytes, config.max_bytes.max(config.min_bytes));
        let copies = if index == 0 { 0 } else { rng.range(1, config.max_copies.max(1)) };
        let sources: Vec<usize> = (0..copies).map(|_| rng.range(0, index - 1)).collect();
        add_document(&mut corpus, &material, &mut rng, config, bytes, &sources);
    }
    corpus
}

/// Build one document of about `bytes` bytes that copies one passage from each of `sources`.
fn add_document(
    corpus: &mut SynthCorpus,
    material: &Material,
    rng: &mut Rng,
    config: &SynthConfig,
    bytes: usize,
    sources: &[usize],
) {
    let index = corpus.documents.len();
    let mut text: Vec<char> = Vec::new();
    let mut byte_len = 0;
    // Copies go at random sentence boundaries, spread over the document.
    let mut copy_points: Vec<usize> = sources.iter().map(|_| rng.range(0, bytes)).collect();
    copy_points.sort_unstable();
    let mut pending = sources.iter().copied().zip(copy_points).peekable();
    let mut new_copies = Vec::new();
    while byte_len < bytes || pending.peek().is_some() {
        if let Some(&(from_doc, at)) = pending.peek()
            && (byte_len >= at || byte_len >= bytes)
        {
            pending.next();
            let source: Vec<char> = corpus.documents[from_doc].text.chars().collect();
            let len = rng.range(config.min_copy_chars, config.max_copy_chars).min(source.len());
            let start = rng.range(0, source.len() - len);
            let mut passage = source[start..start + len].to_vec();
            let mutated = rng.chance(config.mutated_share);
            if mutated {
                let edits = (len / 40).max(1);
                mutate(&mut passage, &material.pool, rng, edits);
            }
            let to_start = text.len();
            byte_len += passage.iter().map(|c| c.len_utf8()).sum::<usize>();
            text.extend_from_slice(&passage);
            new_copies.push(CopiedPassage {
                from_doc,
                from: Span::new(start, start + len),
                to_doc: index,
                to: Span::new(to_start, text.len()),
                mutated,
            });
            continue;
        }
        let sentence = if rng.chance(config.source_sentence_share) {
            material.source_sentence(rng)
        } else {
            material.recombined(rng)
        };
        byte_len += sentence.iter().map(|c| c.len_utf8()).sum::<usize>();
        text.extend_from_slice(&sentence);
        if rng.chance(0.2) {
            text.push('\n');
            byte_len += 1;
        }
    }
    corpus.documents.push(SynthDocument {
        name: format!("synth-{index:05}.txt"),
        date: date_of(index),
        text: text.into_iter().collect(),
    });
    corpus.copies.extend(new_copies);
}

impl SynthCorpus {
    /// Append a query document of about `bytes` bytes that copies `copies` passages from documents
    /// spread over the corpus (a draft checked against the corpus). Returns its index.
    pub fn add_query(&mut self, sources: &[&str], config: &SynthConfig, bytes: usize, copies: usize) -> usize {
        let material = Material::new(sources);
        let mut rng = Rng(config.seed ^ 0x5155_4552_5900_0000);
        let count = self.documents.len();
        let from: Vec<usize> =
            if count == 0 { Vec::new() } else { (0..copies).map(|_| rng.range(0, count - 1)).collect() };
        add_document(self, &material, &mut rng, config, bytes, &from);
        self.documents.len() - 1
    }

    /// The documents as analysis [`Document`]s (ids D1.., dates set from the generator).
    pub fn to_documents(&self) -> Vec<Document> {
        self.documents
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let decoded = Decoded {
                    text: d.text.clone(),
                    format: Format::Txt,
                    encoding: "UTF-8".into(),
                    warnings: Vec::new(),
                };
                let mut document =
                    crate::outline::build_document(format!("D{}", i + 1), d.name.clone(), d.text.len() as u64, decoded);
                document.metadata.date = Some(d.date.clone());
                document
            })
            .collect()
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
                assert!(from.chars().count().abs_diff(to.chars().count()) <= copy.from.len() / 40 + 1);
            } else {
                assert_eq!(from, to);
            }
        }
        let dates: Vec<&str> = corpus.documents.iter().map(|d| d.date.as_str()).collect();
        assert!(dates.windows(2).all(|w| w[0] < w[1]));
    }
}
