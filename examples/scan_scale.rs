//! Scale run of the corpus scan: generate N synthetic documents into a temporary folder, index
//! them, compare all pairs, re-open the unchanged index and check one draft against it. Prints
//! times, peak memory (VmHWM) and the recall of the known copies.
//!
//! `cargo run --release --example scan_scale -- 10000 [MAX_LOADED_CHARS]`; with
//! `SCAN_SCALE_GENERATOR=synth` the corpus comes from the reuse engine's `duizhao::synth`.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use duizhao::scan::ScanOptions;
use duizhao::scan::all_pairs::all_pairs;
use duizhao::scan::index;
use duizhao::scan::progress::{Control, Silent};
use duizhao::scan::query::query;
use duizhao::scan::synthetic::{self, SyntheticOptions};
use duizhao::text::{CharText, Span};

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// Reset the peak so that the generator's memory is not counted (Linux: "5" to clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn corpus_source() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    ["guangdong-2012", "guizhou-2014", "xianning-2014", "guangzhou-2014", "qinghai-2016"]
        .iter()
        .map(|name| std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap_or_default())
        .collect()
}

/// `--query DIR CACHE DRAFT`: open the (unchanged) index of DIR and check DRAFT against it.
fn query_only(dir: &Path, cache: &Path, draft: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let options = ScanOptions { cache_dir: Some(cache.to_path_buf()), ..ScanOptions::default() };
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let started = Instant::now();
    let reopened = index::open(dir, &options, false, &control)?;
    let reopen_time = started.elapsed();
    let draft = CharText::new(std::fs::read_to_string(draft)?);
    let started = Instant::now();
    let found = query(&reopened.index, &draft, &options, &control)?;
    let query_time = started.elapsed();
    let top: Vec<String> =
        found.hits.iter().take(3).map(|h| format!("{} ({} chars)", h.path.display(), h.reused_chars)).collect();
    println!(
        "draft query (own process): open unchanged index {reopen_time:.2?} ({} unchanged, {} read) + query {query_time:.2?} = {:.2?}; {} candidates; top hits {top:?}; peak RSS {:.0} MiB",
        reopened.stats.unchanged,
        reopened.stats.read,
        reopen_time + query_time,
        found.candidates,
        peak_rss_mib()
    );
    Ok(())
}

/// The reuse engine's generator (`duizhao::synth`, with edited copies and repeated real sentences),
/// in the shape of the scan's own; only verbatim copies are kept as ground truth, since an exact
/// scan covers edited copies only in pieces.
fn shared_synth(documents: usize, source: &str) -> synthetic::SyntheticCorpus {
    let config = duizhao::synth::SynthConfig { documents, ..Default::default() };
    let generated = duizhao::synth::generate(&[source], &config);
    let copies = generated
        .copies
        .iter()
        .filter(|c| !c.mutated)
        .map(|c| {
            let text = &generated.documents[c.to_doc].text;
            let wording_chars = text
                .chars()
                .skip(c.to.start)
                .take(c.to.len())
                .filter(|&ch| !duizhao::segment::normalize::is_punctuation(ch) && !ch.is_whitespace())
                .count();
            synthetic::CopiedPassage { from: c.from_doc, from_span: c.from, to: c.to_doc, to_span: c.to, wording_chars }
        })
        .collect();
    synthetic::SyntheticCorpus { documents: generated.documents.into_iter().map(|d| d.text).collect(), copies }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    if std::env::args().nth(1).as_deref() == Some("--query") {
        let rest: Vec<PathBuf> = args.skip(1).map(PathBuf::from).collect();
        let [dir, cache, draft] = rest.as_slice() else { return Err("--query DIR CACHE DRAFT".into()) };
        return query_only(dir, cache, draft);
    }
    let documents: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1000);
    let max_loaded_chars: Option<usize> = args.next().map(|a| a.parse()).transpose()?;
    let temp = tempfile::tempdir()?;
    let dir = temp.path().join("corpus");

    let started = Instant::now();
    let source = corpus_source();
    let shared_generator = std::env::var("SCAN_SCALE_GENERATOR").is_ok_and(|g| g == "synth");
    let generated = if shared_generator {
        shared_synth(documents, &source)
    } else {
        synthetic::generate(&SyntheticOptions { documents, ..SyntheticOptions::default() }, &source)
    };
    let bytes: usize = generated.documents.iter().map(String::len).sum();
    synthetic::write_to(&generated, &dir)?;
    // The draft: fresh text with passages copied from three corpus documents.
    let draft_corpus =
        synthetic::generate(&SyntheticOptions { documents: 1, seed: 77, ..SyntheticOptions::default() }, &source);
    let mut draft = draft_corpus.documents.concat();
    for &i in &[documents / 7, documents / 3, documents / 2] {
        let text: String = generated.documents[i].chars().skip(500).take(200).collect();
        draft.push_str(&text);
        draft.push('\n');
    }
    let copies = generated.copies.clone();
    let sources: Vec<usize> = vec![documents / 7, documents / 3, documents / 2];
    drop(generated);
    println!(
        "generated {documents} documents, {:.1} MB, {} known copies, in {:.2?}",
        bytes as f64 / 1e6,
        copies.len(),
        started.elapsed()
    );

    reset_peak();
    let mut options = ScanOptions { cache_dir: Some(temp.path().join("cache")), ..ScanOptions::default() };
    if let Some(max_loaded_chars) = max_loaded_chars {
        options.max_loaded_chars = max_loaded_chars;
    }
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);

    let started = Instant::now();
    let opened = index::open(&dir, &options, true, &control)?;
    let index_time = started.elapsed();
    let fingerprints: usize = opened.index.entries.iter().map(|e| e.fingerprints.len()).sum();
    let index_bytes = opened.saved_to.as_ref().and_then(|p| std::fs::metadata(p).ok()).map_or(0, |m| m.len());
    println!(
        "index build: {index_time:.2?} ({} read, {fingerprints} fingerprints, index file {:.1} MB), peak RSS {:.0} MiB",
        opened.stats.read,
        index_bytes as f64 / 1e6,
        peak_rss_mib()
    );

    let started = Instant::now();
    let pairs = all_pairs(&opened.index, &opened.texts, &options, &control)?;
    let pairs_time = started.elapsed();
    println!(
        "all pairs: {pairs_time:.2?} ({} chunks, {} candidate pairs, {} pairs with reuse, {} boilerplate fingerprints); index + all pairs {:.2?}, peak RSS {:.0} MiB",
        pairs.chunks,
        pairs.candidate_pairs,
        pairs.pairs.len(),
        pairs.boilerplate_fingerprints,
        index_time + pairs_time,
        peak_rss_mib()
    );
    let by_path: std::collections::HashMap<&std::path::Path, usize> =
        opened.index.entries.iter().enumerate().map(|(i, e)| (e.path.as_path(), i)).collect();
    let slots: Vec<Option<usize>> =
        (0..documents).map(|i| by_path.get(std::path::Path::new(&synthetic::file_name(i))).copied()).collect();
    let lookup: std::collections::HashMap<(usize, usize), Vec<Span>> = pairs
        .pairs
        .iter()
        .flat_map(|p| {
            [
                ((p.a, p.b), p.passages.iter().map(|x| x.b).collect::<Vec<_>>()),
                ((p.b, p.a), p.passages.iter().map(|x| x.a).collect()),
            ]
        })
        .collect();
    let generated_for_recall = synthetic::SyntheticCorpus { documents: Vec::new(), copies };
    let (hit, expected) =
        synthetic::recall(&generated_for_recall, options.reuse.min_chars, |from, to| match (slots[from], slots[to]) {
            (Some(f), Some(t)) => lookup.get(&(f, t)).cloned().unwrap_or_default(),
            _ => Vec::new(),
        });
    println!(
        "recall of known copies >= {} chars: {hit}/{expected} = {:.4}",
        options.reuse.min_chars,
        hit as f64 / expected.max(1) as f64
    );
    drop(pairs);
    drop(opened);

    // The query runs in a fresh process: freed memory of the phases above stays in this one.
    let draft_path = temp.path().join("draft.txt");
    std::fs::write(&draft_path, &draft)?;
    let status = std::process::Command::new(std::env::current_exe()?)
        .arg("--query")
        .arg(&dir)
        .arg(temp.path().join("cache"))
        .arg(&draft_path)
        .status()?;
    println!("(sources of the draft: {sources:?}; query process {status})");
    Ok(())
}
