//! Reuse detection speed: the five corpus documents, one draft against 1,000 synthetic documents,
//! and bounded worst cases (a 2 MB text without punctuation, two unrelated 1 MB texts).
//!
//! Run with `cargo bench --bench reuse`; sample sizes are small because the machine is shared.
#![allow(clippy::unwrap_used)] // a benchmark stops at the first broken input

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::model::Document;
use duizhao::reuse::{self, ReuseOptions};
use duizhao::segment::normalize::{NormalizeOptions, is_punctuation};
use duizhao::synth::{self, SynthConfig};

const FILES: [&str; 5] =
    ["guangdong-2012.txt", "guizhou-2014.txt", "xianning-2014.txt", "guangzhou-2014.txt", "qinghai-2016.txt"];

fn sources() -> Vec<String> {
    FILES
        .iter()
        .map(|f| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(f)).unwrap())
        .collect()
}

fn document(id: usize, text: String) -> Document {
    Document::from_text(format!("D{}", id + 1), format!("doc{id}.txt"), text)
}

fn corpus_documents() -> Vec<Document> {
    sources().into_iter().enumerate().map(|(i, t)| document(i, t)).collect()
}

fn bench(c: &mut Criterion) {
    let options = ReuseOptions::default();
    let normalize = NormalizeOptions::default();
    let sources = sources();
    let source_refs: Vec<&str> = sources.iter().map(String::as_str).collect();

    let five = corpus_documents();
    c.bench_function("reuse/detect_five_corpus_documents", |b| {
        b.iter(|| black_box(reuse::detect(black_box(&five), &options, &normalize)))
    });

    let config = SynthConfig { documents: 1000, ..SynthConfig::default() };
    let mut synthetic = synth::generate(&source_refs, &config);
    let query = synthetic.add_query(&source_refs, &config, 20 * 1024, 20);
    let thousand = synthetic.to_documents();
    c.bench_function("reuse/detect_against_20kb_vs_1000", |b| {
        b.iter(|| black_box(reuse::detect_against(black_box(&thousand), query, &options, &normalize)))
    });
    drop(thousand);

    // 2 MB of corpus wording with every punctuation mark and line break removed, against Guangdong.
    let plain: String = sources.concat().chars().filter(|c| !is_punctuation(*c) && !c.is_whitespace()).collect();
    let mut big = String::with_capacity(2 * 1024 * 1024 + plain.len());
    while big.len() < 2 * 1024 * 1024 {
        big.push_str(&plain);
    }
    let no_punctuation = vec![document(0, sources[0].clone()), document(1, big)];
    c.bench_function("reuse/worst_2mb_without_punctuation", |b| {
        b.iter(|| black_box(reuse::detect(black_box(&no_punctuation), &options, &normalize)))
    });
    drop(no_punctuation);

    // Two unrelated 1 MB documents (synthetic text from different seeds, no copies between them).
    let unrelated_config = SynthConfig {
        documents: 1,
        min_bytes: 1024 * 1024,
        max_bytes: 1024 * 1024,
        source_sentence_share: 0.0,
        ..SynthConfig::default()
    };
    let first = synth::generate(&source_refs, &unrelated_config);
    let second = synth::generate(&source_refs, &SynthConfig { seed: 99, ..unrelated_config });
    let unrelated = vec![document(0, first.documents[0].text.clone()), document(1, second.documents[0].text.clone())];
    c.bench_function("reuse/worst_two_unrelated_1mb", |b| {
        b.iter(|| black_box(reuse::detect(black_box(&unrelated), &options, &normalize)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
