//! Full comparison of the five corpus documents (issue 3: under 30 ms after the dictionary is loaded),
//! and its stages, to say where the time goes.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use duizhao::analysis::{Analysis, AnalysisOptions};

fn compare(c: &mut Criterion) {
    duizhao::segment::warm_up();
    let documents = duizhao::corpus::embedded_documents();
    let options = AnalysisOptions::default();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(20);
    group.bench_function("outline five documents", |b| b.iter(duizhao::corpus::embedded_documents));
    group.bench_function("align", |b| b.iter(|| duizhao::align::align(&documents, &options.overrides)));
    group
        .bench_function("reuse", |b| b.iter(|| duizhao::reuse::detect(&documents, &options.reuse, &options.normalize)));
    group.bench_function("compare (align + reuse)", |b| {
        b.iter_batched(|| documents.clone(), |docs| Analysis::run(docs, &options), BatchSize::SmallInput)
    });
    // Issue 15: lever extraction of the five documents (target under 5 ms) and the topic tables.
    group.bench_function("levers: extract five documents", |b| {
        b.iter(|| documents.iter().map(duizhao::levers::extract).collect::<Vec<_>>())
    });
    let analysis = Analysis::run(documents.clone(), &options);
    group.bench_function("levers: tables of every topic", |b| b.iter(|| analysis.lever_tables(0)));
    group.bench_function("diff all aligned rows against the first document", |b| {
        b.iter(|| {
            for row in &analysis.alignment.rows {
                let cells: Vec<(usize, usize)> =
                    row.cells.iter().enumerate().filter_map(|(doc, cell)| cell.map(|c| (doc, c.section))).collect();
                for pair in cells.windows(2) {
                    let _ = analysis.diff_sections(pair[0], pair[1]);
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
