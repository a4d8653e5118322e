//! Corpus scan benchmarks on the synthetic corpus (`duizhao::synth`, `SynthConfig::folder_scan`): building the index,
//! all-pairs reuse, and a draft against an already indexed corpus, at 1,000 documents of 5–30 KB.
//! The 10,000-document runs take minutes per sample; they live in `examples/scan_scale.rs`.
#![allow(clippy::expect_used)] // a benchmark stops at the first broken input

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use duizhao::scan::ScanOptions;
use duizhao::scan::all_pairs::all_pairs;
use duizhao::scan::index::{self, INDEX_DIR};
use duizhao::scan::progress::{Control, Silent};
use duizhao::scan::query::query;
use duizhao::synth::{self, SynthConfig};
use duizhao::text::CharText;

const DOCUMENTS: usize = 1000;

fn sources() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    ["guangdong-2012", "guizhou-2014", "xianning-2014", "guangzhou-2014", "qinghai-2016"]
        .iter()
        .map(|name| std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap_or_default())
        .collect()
}

fn remove_index(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir.join(INDEX_DIR));
}

fn bench_scan(c: &mut Criterion) {
    let texts = sources();
    let sources: Vec<&str> = texts.iter().map(String::as_str).collect();
    let config = SynthConfig { documents: DOCUMENTS, ..SynthConfig::folder_scan() };
    let generated = synth::generate(&sources, &config);
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("corpus");
    synth::write_to(&generated, &dir).expect("write corpus");
    let mut draft =
        synth::generate(&sources, &SynthConfig { documents: 1, seed: 77, ..config }).documents[0].text.clone();
    for i in [100, 400, 800] {
        draft.extend(generated.documents[i].text.chars().skip(500).take(200));
    }
    let draft = CharText::new(draft);
    let options = ScanOptions { cache_dir: Some(temp.path().join("cache")), ..ScanOptions::default() };
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);

    let mut group = c.benchmark_group("scan_1000_docs");
    group.sample_size(10);
    group.bench_function("index_build", |b| {
        b.iter_batched(
            || remove_index(&dir),
            |()| black_box(index::open(&dir, &options, false, &control).expect("index")),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("index_build_and_all_pairs", |b| {
        b.iter_batched(
            || remove_index(&dir),
            |()| {
                let opened = index::open(&dir, &options, true, &control).expect("index");
                black_box(all_pairs(&opened.index, &opened.texts, &options, &control).expect("pairs"))
            },
            BatchSize::PerIteration,
        )
    });
    remove_index(&dir);
    let _ = index::open(&dir, &options, false, &control).expect("index");
    group.bench_function("draft_against_indexed_corpus", |b| {
        b.iter(|| {
            let opened = index::open(&dir, &options, false, &control).expect("index");
            black_box(query(&opened.index, &draft, &options, &control).expect("query"))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_scan);
criterion_main!(benches);
