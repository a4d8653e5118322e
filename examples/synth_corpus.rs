//! Write a deterministic synthetic corpus to disk.
//!
//! `cargo run --release --example synth_corpus -- OUT_DIR [DOCUMENTS] [SEED]`
//! writes OUT_DIR/synth-00000.txt … and OUT_DIR/copies.tsv (the ground truth: which char span of
//! which document was copied where, and whether the copy was edited).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use duizhao::synth::{self, SynthConfig};

const FILES: [&str; 5] =
    ["guangdong-2012.txt", "guizhou-2014.txt", "xianning-2014.txt", "guangzhou-2014.txt", "qinghai-2016.txt"];

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().context("usage: synth_corpus OUT_DIR [DOCUMENTS] [SEED]")?);
    let documents = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1000);
    let seed = args.next().map(|a| a.parse()).transpose()?.unwrap_or(SynthConfig::default().seed);
    let mut sources = Vec::new();
    for f in FILES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(f);
        sources.push(std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?);
    }
    let source_refs: Vec<&str> = sources.iter().map(String::as_str).collect();
    let corpus = synth::generate(&source_refs, &SynthConfig { documents, seed, ..SynthConfig::default() });
    std::fs::create_dir_all(&out)?;
    for d in &corpus.documents {
        std::fs::write(out.join(&d.name), &d.text)?;
    }
    let mut tsv = String::from("from_file\tfrom_start\tfrom_end\tto_file\tto_start\tto_end\tmutated\n");
    for c in &corpus.copies {
        writeln!(
            tsv,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            corpus.documents[c.from_doc].name,
            c.from.start,
            c.from.end,
            corpus.documents[c.to_doc].name,
            c.to.start,
            c.to.end,
            c.mutated
        )?;
    }
    std::fs::write(out.join("copies.tsv"), tsv)?;
    println!("wrote {} documents and {} copies to {}", corpus.documents.len(), corpus.copies.len(), out.display());
    Ok(())
}
