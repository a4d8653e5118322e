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
        let found = copied
            .iter()
            .filter(|c| {
                report.passages.iter().any(|p| {
                    let (side, other) = if p.a.doc == query { (p.a, p.b.doc) } else { (p.b, p.a.doc) };
                    other == c.from_doc && side.span.overlap(c.to) * 10 >= c.to.len() * 8
                })
            })
            .count();
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
