//! Print every reused passage between the first file and each other file, side by side, with its
//! kind, similarity and boilerplate flag: for reading what the reuse engine reports.
//!
//! `cargo run --example reuse_passages -- corpus/guangdong-2012.txt corpus/guizhou-2014.txt`

use duizhao::analysis::{Analysis, AnalysisOptions};

fn main() -> anyhow::Result<()> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let mut documents = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        documents.push(duizhao::load::load_file(std::path::Path::new(path), format!("D{}", i + 1))?);
    }
    let analysis = Analysis::run(documents, &AnalysisOptions::default());
    for p in &analysis.reuse.passages {
        if p.a.doc != 0 {
            continue;
        }
        let a = &analysis.documents[p.a.doc];
        let b = &analysis.documents[p.b.doc];
        println!(
            "{}:{}..{} ~ {}:{}..{}  {:?} sim {:.2} chars {}{}\n  A {}\n  B {}",
            a.id,
            p.a.span.start,
            p.a.span.end,
            b.id,
            p.b.span.start,
            p.b.span.end,
            p.kind,
            p.similarity,
            p.chars,
            if p.boilerplate { " BOILERPLATE" } else { "" },
            a.slice(p.a.span).replace('\n', "⏎"),
            b.slice(p.b.span).replace('\n', "⏎"),
        );
    }
    for s in &analysis.reuse.pairs {
        println!("pair D{} D{}: {:.3} {:.3} {:?}", s.a + 1, s.b + 1, s.a_ratio, s.b_ratio, s.direction);
    }
    Ok(())
}
