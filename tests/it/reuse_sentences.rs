//! The reuse engine against a hand-judged set of sentence-level reuse between Guangdong 2012 and
//! the four later corpus documents (`tests/data/reuse/`, written by reading the texts before the
//! engine was tuned; see its README for the judging rules).
//!
//! A reuse row is found when non-boilerplate passages between Guangdong and the later document
//! cover at least half of the countable chars of the row's later text and one of them overlaps the
//! row's source text in Guangdong. A must-not-match row is violated when non-boilerplate passages
//! with Guangdong cover more than half of it.

use std::path::Path;

use duizhao::model::Document;
use duizhao::reuse::{self, ReuseOptions, ReuseReport};
use duizhao::segment::normalize::{NormalizeOptions, is_punctuation};
use duizhao::text::Span;

struct Row {
    id: String,
    later_doc: String,
    later_text: String,
    source_text: String,
    kind: String,
}

fn rows() -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reuse/corpus-sentences.tsv");
    let text = std::fs::read_to_string(path).expect("reuse set reads");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                id: f[0].into(),
                later_doc: f[1].into(),
                later_text: f[2].into(),
                source_text: f[3].into(),
                kind: f[4].into(),
            }
        })
        .collect()
}

fn load(stem: &str, id: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(format!("{stem}.txt"));
    duizhao::load::load_file(&path, id.to_string()).expect("corpus file loads")
}

/// Char span of `needle` in `doc` (the set guarantees it is unique).
fn span_of(doc: &Document, needle: &str) -> Span {
    let text = doc.text.as_str();
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle} not in {}", doc.path));
    let start = text[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

fn countable(doc: &Document, span: Span) -> Vec<usize> {
    (span.start..span.end)
        .zip(doc.slice(span).chars())
        .filter(|(_, c)| !c.is_whitespace() && !is_punctuation(*c))
        .map(|(i, _)| i)
        .collect()
}

struct Score {
    reuse_rows: usize,
    found: usize,
    not_reuse_rows: usize,
    violated: usize,
    missed: Vec<String>,
    violations: Vec<String>,
}

fn score(options: &ReuseOptions) -> Score {
    let rows = rows();
    let source = load("guangdong-2012", "D1");
    let mut stems: Vec<&str> = rows.iter().map(|r| r.later_doc.as_str()).collect();
    stems.sort_unstable();
    stems.dedup();
    let mut s = Score { reuse_rows: 0, found: 0, not_reuse_rows: 0, violated: 0, missed: vec![], violations: vec![] };
    for stem in stems {
        let later = load(stem, "D2");
        let docs = vec![source.clone(), later];
        let report: ReuseReport = reuse::detect(&docs, options, &NormalizeOptions::default());
        let passages: Vec<_> = report.passages.iter().filter(|p| !p.boilerplate).collect();
        for row in rows.iter().filter(|r| r.later_doc == stem) {
            let later_span = span_of(&docs[1], &row.later_text);
            let chars = countable(&docs[1], later_span);
            let covering: Vec<_> = passages.iter().filter(|p| p.b.span.overlap(later_span) > 0).collect();
            let covered =
                chars.iter().filter(|&&i| covering.iter().any(|p| p.b.span.start <= i && i < p.b.span.end)).count();
            if row.kind == "not_reuse" {
                s.not_reuse_rows += 1;
                if covered * 2 > chars.len() {
                    s.violated += 1;
                    s.violations.push(format!("{} {}", row.id, row.later_text));
                }
            } else {
                s.reuse_rows += 1;
                let source_span = span_of(&docs[0], &row.source_text);
                let sourced = covering.iter().any(|p| p.a.span.overlap(source_span) > 0);
                if covered * 2 >= chars.len() && sourced {
                    s.found += 1;
                } else {
                    s.missed.push(format!(
                        "{} [{}/{}] {} ← {}",
                        row.id,
                        covered,
                        chars.len(),
                        row.later_text,
                        row.source_text
                    ));
                }
            }
        }
    }
    s
}

#[test]
fn hand_judged_sentences_recall_and_precision() {
    let s = score(&ReuseOptions::default());
    let recall = s.found as f64 / s.reuse_rows as f64;
    let precision = 1.0 - s.violated as f64 / s.not_reuse_rows as f64;
    println!(
        "reuse rows {} found {} recall {recall:.3}; must-not-match rows {} violated {} precision {precision:.3}",
        s.reuse_rows, s.found, s.not_reuse_rows, s.violated
    );
    for m in &s.missed {
        println!("missed: {m}");
    }
    for v in &s.violations {
        println!("violated: {v}");
    }
    assert!(s.reuse_rows >= 60 && s.not_reuse_rows >= 25);
    assert!(recall >= 0.90, "recall {recall:.3}");
    assert!(precision >= 0.90, "precision {precision:.3}");
}

/// Exploration aid: `REUSE_SWEEP=1 cargo test --test it reuse_sentences::sweep -- --nocapture`.
#[test]
fn sweep() {
    if std::env::var_os("REUSE_SWEEP").is_none() {
        return;
    }
    for min_chars in [8, 9, 10] {
        for short in [0.6f32, 0.7] {
            for min_sim in [0.45f32, 0.5] {
                let o = ReuseOptions {
                    min_chars,
                    short_similarity: short,
                    min_similarity: min_sim,
                    ..ReuseOptions::default()
                };
                let s = score(&o);
                println!(
                    "min {min_chars} short {short} sim {min_sim}: recall {:.3} precision {:.3}",
                    s.found as f64 / s.reuse_rows as f64,
                    1.0 - s.violated as f64 / s.not_reuse_rows as f64
                );
            }
        }
    }
}
