//! Reuse detection on the five real corpus documents and on the synthetic corpus.

use std::path::Path;

use duizhao::model::Document;
use duizhao::reuse::{self, ReuseOptions, ReuseReport};
use duizhao::segment::normalize::NormalizeOptions;

/// Corpus files in load order with the dates of corpus/MANIFEST.tsv.
const CORPUS: [(&str, &str); 5] = [
    ("guangdong-2012.txt", "2012-12-25"),
    ("guizhou-2014.txt", "2014"),
    ("xianning-2014.txt", "2014"),
    ("guangzhou-2014.txt", "2014-09-21"),
    ("qinghai-2016.txt", "2016-05-14"),
];

fn corpus() -> Vec<Document> {
    CORPUS
        .iter()
        .enumerate()
        .map(|(i, (file, date))| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(file);
            let decoded = duizhao::ingest::read_file(&path).expect("corpus file reads");
            let bytes = std::fs::metadata(&path).expect("corpus file exists").len();
            let mut doc =
                duizhao::outline::build_document(format!("D{}", i + 1), path.display().to_string(), bytes, decoded);
            if doc.metadata.date.is_none() {
                doc.metadata.date = Some(date.to_string());
            }
            doc
        })
        .collect()
}

fn report(docs: &[Document]) -> ReuseReport {
    reuse::detect(docs, &ReuseOptions::default(), &NormalizeOptions::default())
}

#[test]
fn dump() {
    let docs = corpus();
    let r = report(&docs);
    for p in &r.passages {
        println!(
            "{:?} bp={} sim={:.3} chars={} D{}[{}..{}] D{}[{}..{}] 「{}」 || 「{}」",
            p.kind,
            p.boilerplate,
            p.similarity,
            p.chars,
            p.a.doc,
            p.a.span.start,
            p.a.span.end,
            p.b.doc,
            p.b.span.start,
            p.b.span.end,
            docs[p.a.doc].slice(p.a.span),
            docs[p.b.doc].slice(p.b.span)
        );
    }
    for p in &r.pairs {
        println!("{:?}", p);
    }
    println!("{}", r.rule);
}
