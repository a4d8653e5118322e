//! Time one 20 KB draft against growing synthetic corpora with `detect_against`.
//!
//! `cargo run --release --example reuse_scale -- 1000 10000` (sizes default to 1000 and 10000).
//! Prints, per corpus size, the generation time, the detection time (best of three runs), the
//! passages found and the recall of the passages the draft copied.

use std::path::Path;
use std::time::Instant;

use duizhao::reuse::{self, ReuseOptions};
use duizhao::segment::normalize::NormalizeOptions;
use duizhao::synth::{self, SynthConfig};

const FILES: [&str; 5] =
    ["guangdong-2012.txt", "guizhou-2014.txt", "xianning-2014.txt", "guangzhou-2014.txt", "qinghai-2016.txt"];

fn main() -> anyhow::Result<()> {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000, 10_000] } else { sizes };
    let mut sources = Vec::new();
    for f in FILES {
        sources.push(std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(f))?);
    }
    let source_refs: Vec<&str> = sources.iter().map(String::as_str).collect();
    for n in sizes {
        let started = Instant::now();
        let config = SynthConfig { documents: n, ..SynthConfig::default() };
        let mut corpus = synth::generate(&source_refs, &config);
        let query = corpus.add_query(&source_refs, &config, 20 * 1024, 20);
        let documents = corpus.to_documents();
        let generated = started.elapsed();
        let bytes: usize = corpus.documents.iter().map(|d| d.text.len()).sum();
        let mut best = f64::MAX;
        let mut report = None;
        for _ in 0..3 {
            let t = Instant::now();
            let r = reuse::detect_against(&documents, query, &ReuseOptions::default(), &NormalizeOptions::default());
            best = best.min(t.elapsed().as_secs_f64());
            report = Some(r);
        }
        let Some(report) = report else { continue };
        let copied: Vec<_> = corpus.copies.iter().filter(|c| c.to_doc == query && c.to.len() >= 30).collect();
        // A copy is found when passages with its source document cover 80% of it.
        let mut found = 0;
        for c in &copied {
            let mut covered = vec![false; c.to.len()];
            for p in &report.passages {
                let (side, other) = if p.a.doc == query { (p.a, p.b.doc) } else { (p.b, p.a.doc) };
                if other == c.from_doc {
                    for i in side.span.start.max(c.to.start)..side.span.end.min(c.to.end) {
                        covered[i - c.to.start] = true;
                    }
                }
            }
            let share = covered.iter().filter(|&&x| x).count() as f64 / covered.len() as f64;
            if share >= 0.8 {
                found += 1;
            } else if std::env::var_os("REUSE_SCALE_VERBOSE").is_some() {
                let from: String =
                    corpus.documents[c.from_doc].text.chars().skip(c.from.start).take(c.from.len()).collect();
                let to: String = corpus.documents[query].text.chars().skip(c.to.start).take(c.to.len()).collect();
                eprintln!("missed ({share:.2}) {c:?}\n  from: {from}\n  to:   {to}");
            }
        }
        println!(
            "{n} documents ({:.1} MB): generated in {:.2} s; detect_against best of 3: {:.3} s; {} passages; \
             draft copies found {found}/{}",
            bytes as f64 / 1e6,
            generated.as_secs_f64(),
            best,
            report.passages.len(),
            copied.len()
        );
    }
    Ok(())
}
