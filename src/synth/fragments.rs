//! A deterministic synthetic corpus for scale tests and benchmarks, with known copied passages.
//!
//! Documents are built from short fragments (2–4 chars) drawn at random from real policy text, so
//! they read like policy Chinese but two documents share no long passage by chance. Every document
//! opens with one of a few 公文 formulae (boilerplate shared by most documents), and each later
//! document copies a few passages from earlier ones; the copies are the ground truth. Copies keep
//! their wording but may change comma width, which matching normalisation must see through.

use std::path::{Path, PathBuf};

use super::Rng;
use crate::segment::normalize::is_punctuation;
use crate::text::Span;

/// How to build a synthetic corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntheticOptions {
    /// Number of documents.
    pub documents: usize,
    /// Smallest document size in UTF-8 bytes.
    pub min_bytes: usize,
    /// Largest document size in UTF-8 bytes.
    pub max_bytes: usize,
    /// Passages each document (after the first) copies from earlier documents.
    pub copies_per_document: usize,
    /// Shortest copied passage, in chars.
    pub min_copy_chars: usize,
    /// Longest copied passage, in chars.
    pub max_copy_chars: usize,
    /// Seed of the generator: the same seed gives the same corpus.
    pub seed: u64,
}

impl Default for SyntheticOptions {
    fn default() -> Self {
        Self {
            documents: 1000,
            min_bytes: 5_000,
            max_bytes: 30_000,
            copies_per_document: 2,
            min_copy_chars: 40,
            max_copy_chars: 400,
            seed: 2012,
        }
    }
}

/// A passage of document `to` copied from document `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CopiedPassage {
    /// The document copied from.
    pub from: usize,
    /// Char span in `from`.
    pub from_span: Span,
    /// The document copying.
    pub to: usize,
    /// Char span in `to`.
    pub to_span: Span,
    /// Chars of the passage that are not punctuation or whitespace.
    pub wording_chars: usize,
}

/// The generated documents and the ground truth of copies.
#[derive(Clone, Debug, Default)]
pub struct SyntheticCorpus {
    /// Document texts.
    pub documents: Vec<String>,
    /// Every copied passage.
    pub copies: Vec<CopiedPassage>,
}

const FORMULAE: &[&str] = &[
    "各市、县、自治县人民政府，省政府各部门、各直属机构：为深入贯彻落实党的十八大和十八届三中全会精神，加快发展电子商务，经省人民政府同意，现提出以下意见。\n",
    "各区人民政府，市政府各部门、各直属机构：为贯彻落实国务院关于促进信息消费扩大内需的若干意见，推动我市电子商务健康快速发展，经市人民政府同意，现提出如下实施意见。\n",
    "各州、市人民政府，省直各委、办、厅、局：为认真贯彻落实国家和省关于加快发展电子商务的决策部署，结合我省实际，现提出以下实施意见，请认真贯彻执行。\n",
];

/// Build a corpus from fragments of `source` (e.g. the five corpus documents).
pub fn generate(options: &SyntheticOptions, source: &str) -> SyntheticCorpus {
    let wording: Vec<char> = source.chars().filter(|&c| is_cjk(c)).collect();
    let mut corpus = SyntheticCorpus::default();
    if wording.len() < 8 {
        return corpus;
    }
    for i in 0..options.documents {
        let mut rng = Rng(options.seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let target_chars = rng.range(options.min_bytes, options.max_bytes) / 3;
        let mut sentences: Vec<String> = vec![FORMULAE[rng.range(0, FORMULAE.len() - 1)].to_string()];
        let mut chars = sentences[0].chars().count();
        while chars < target_chars {
            let sentence = sentence(&mut rng, &wording);
            chars += sentence.chars().count();
            sentences.push(sentence);
        }
        // Copies go after random sentences (never before the formula), in order.
        let copies = if i == 0 { 0 } else { options.copies_per_document };
        let mut slots: Vec<(usize, usize)> =
            (0..copies).map(|_| (rng.range(1, sentences.len()), rng.range(0, i - 1))).collect();
        slots.sort_unstable();
        let mut text = String::new();
        let mut offset = 0;
        let mut next_slot = 0;
        for (s, sentence) in sentences.iter().enumerate() {
            text.push_str(sentence);
            offset += sentence.chars().count();
            while next_slot < slots.len() && slots[next_slot].0 == s + 1 {
                let from = slots[next_slot].1;
                if let Some((from_span, passage)) = pick_passage(&mut rng, &corpus.documents[from], options) {
                    let len = passage.chars().count();
                    let wording_chars = passage.chars().filter(|&c| !is_punctuation(c) && !c.is_whitespace()).count();
                    corpus.copies.push(CopiedPassage {
                        from,
                        from_span,
                        to: i,
                        to_span: Span::new(offset, offset + len),
                        wording_chars,
                    });
                    text.push_str(&passage);
                    offset += len;
                    text.push('\n');
                    offset += 1;
                }
                next_slot += 1;
            }
        }
        corpus.documents.push(text);
    }
    corpus
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn sentence(rng: &mut Rng, wording: &[char]) -> String {
    let mut out = String::new();
    let clauses = rng.range(1, 4);
    for clause in 0..clauses {
        let length = rng.range(6, 24);
        let mut written = 0;
        while written < length {
            let fragment = rng.range(2, 4);
            let start = rng.range(0, wording.len() - fragment);
            out.extend(&wording[start..start + fragment]);
            written += fragment;
        }
        out.push(if clause + 1 == clauses { '。' } else { '，' });
    }
    if rng.range(0, 5) == 0 {
        out.push('\n');
    }
    out
}

/// A passage of `document` to copy, with its span; commas may change width in the copy.
fn pick_passage(rng: &mut Rng, document: &str, options: &SyntheticOptions) -> Option<(Span, String)> {
    let chars: Vec<char> = document.chars().collect();
    // Never from the opening formula: that is boilerplate, not a copy worth finding.
    let body = chars.iter().position(|&c| c == '\n').map_or(0, |p| p + 1);
    let len = rng.range(options.min_copy_chars, options.max_copy_chars).min(chars.len() - body);
    if len == 0 {
        return None;
    }
    let start = rng.range(body, chars.len() - len);
    let half_width = rng.range(0, 3) == 0;
    let passage: String =
        chars[start..start + len].iter().map(|&c| if half_width && c == '，' { ',' } else { c }).collect();
    Some((Span::new(start, start + len), passage))
}

/// Write the documents as `doc-00000.txt`, … into `dir`; returns the paths.
pub fn write_to(corpus: &SyntheticCorpus, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut paths = Vec::with_capacity(corpus.documents.len());
    for (i, text) in corpus.documents.iter().enumerate() {
        let path = dir.join(file_name(i));
        std::fs::write(&path, text)?;
        paths.push(path);
    }
    Ok(paths)
}

/// File name of document `i` as written by [`write_to`].
pub fn file_name(i: usize) -> String {
    format!("doc-{i:05}.txt")
}

/// Share of copies with at least `min_chars` wording chars that were found: a copy counts as found
/// when the reported passages between its two documents cover at least 90% of it in the copying
/// document. `found(from, to)` returns the reported spans in document `to` shared with `from`.
pub fn recall(corpus: &SyntheticCorpus, min_chars: usize, found: impl Fn(usize, usize) -> Vec<Span>) -> (usize, usize) {
    let mut expected = 0;
    let mut hit = 0;
    for copy in corpus.copies.iter().filter(|c| c.wording_chars >= min_chars) {
        expected += 1;
        let spans = found(copy.from, copy.to);
        let clipped: Vec<Span> = spans
            .iter()
            .map(|s| {
                Span::new(
                    s.start.max(copy.to_span.start),
                    s.end.min(copy.to_span.end).max(s.start.max(copy.to_span.start)),
                )
            })
            .collect();
        let covered: usize = crate::reuse::union(clipped).iter().map(Span::len).sum();
        if covered * 10 >= copy.to_span.len() * 9 {
            hit += 1;
        }
    }
    (hit, expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_copies_are_real() {
        let source = "鼓励金融机构在风险可控的前提下加大对电子商务企业的信贷支持力度探索网络联贷联保";
        let options = SyntheticOptions { documents: 6, min_bytes: 3000, max_bytes: 6000, ..Default::default() };
        let a = generate(&options, source);
        let b = generate(&options, source);
        assert_eq!(a.documents, b.documents);
        assert_eq!(a.copies.len(), 10);
        for copy in &a.copies {
            let from: String =
                a.documents[copy.from].chars().skip(copy.from_span.start).take(copy.from_span.len()).collect();
            let to: String = a.documents[copy.to].chars().skip(copy.to_span.start).take(copy.to_span.len()).collect();
            assert_eq!(from.replace('，', ","), to.replace('，', ","));
            assert!(copy.from < copy.to);
        }
    }
}
