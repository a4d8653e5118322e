//! Scale run of the corpus scan: generate N synthetic documents into a temporary folder, index
//! them, compare all pairs, re-open the unchanged index and check one draft against it. Prints
//! times, peak memory (VmHWM) and the recall of the known copies.
//!
//! `cargo run --release --example scan_scale -- 10000 [MAX_LOADED_CHARS]`. The corpus comes from
//! `duizhao::synth`: copies edited the way drafters edit and passages copied into many documents,
//! with the origin of every char as ground truth, so recall and precision are both measured.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use duizhao::scan::ScanOptions;
use duizhao::scan::all_pairs::all_pairs;
use duizhao::scan::index;
use duizhao::scan::progress::{Control, Silent};
use duizhao::scan::query::query;
use duizhao::synth::SynthConfig;
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
    // Copies edited the way drafters edit (half of them, 10–30% of the copy changed), 20 to 600
    // chars long; five passages of the first documents copied into a fifth of all documents.
    let config = SynthConfig {
        documents,
        min_bytes: 5_000,
        max_bytes: 30_000,
        max_copies: 4,
        min_copy_chars: 20,
        max_copy_chars: 600,
        mutated_share: 0.5,
        edit_share_min: 0.1,
        edit_share_max: 0.3,
        popular_passages: 5,
        popular_share: 0.2,
        ..SynthConfig::default()
    };
    let mut generated = duizhao::synth::generate(&[source.as_str()], &config);
    let draft_index = generated.add_query(&[source.as_str()], &config, 20 * 1024, 12);
    let draft = generated.documents[draft_index].text.clone();
    let bytes: usize = generated.documents[..documents].iter().map(|d| d.text.len()).sum();
    std::fs::create_dir_all(&dir)?;
    for document in &generated.documents[..documents] {
        std::fs::write(dir.join(&document.name), &document.text)?;
    }
    let sources: Vec<usize> = generated.copies.iter().filter(|c| c.to_doc == draft_index).map(|c| c.from_doc).collect();
    println!(
        "generated {documents} documents, {:.1} MB, {} known copies ({} edited), in {:.2?}",
        bytes as f64 / 1e6,
        generated.copies.len(),
        generated.copies.iter().filter(|c| c.mutated).count(),
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
        "all pairs: {pairs_time:.2?} ({} chunks, {} candidate pairs, {} pairs with reuse, {} frequent fingerprints); index + all pairs {:.2?}, peak RSS {:.0} MiB",
        pairs.chunks,
        pairs.candidate_pairs,
        pairs.pairs.len(),
        pairs.boilerplate_fingerprints,
        index_time + pairs_time,
        peak_rss_mib()
    );
    let doc_of: std::collections::HashMap<&Path, usize> =
        generated.documents.iter().enumerate().map(|(i, d)| (Path::new(d.name.as_str()), i)).collect();
    let entry_doc: Vec<Option<usize>> =
        opened.index.entries.iter().map(|e| doc_of.get(e.path.as_path()).copied()).collect();
    let found: Vec<(usize, Span, usize, Span)> = pairs
        .pairs
        .iter()
        .filter_map(|p| Some((entry_doc[p.a]?, entry_doc[p.b]?, p)))
        .flat_map(|(a, b, p)| p.passages.iter().filter(|x| !x.boilerplate).map(move |x| (a, x.a, b, x.b)))
        .collect();
    let score = generated.score(&found, options.reuse.min_chars);
    if std::env::var_os("DUMP_FALSE").is_some() {
        let mut shown = 0;
        for &(x, sx, y, sy) in &found {
            let one = generated.score(&[(x, sx, y, sy)], options.reuse.min_chars);
            if one.true_passages == 0 && shown < 25 {
                shown += 1;
                let tx: String = generated.documents[x].text.chars().skip(sx.start).take(sx.end - sx.start).collect();
                let ty: String = generated.documents[y].text.chars().skip(sy.start).take(sy.end - sy.start).collect();
                println!("FALSE {x}:{sx:?} {y}:{sy:?}\n  A {tx}\n  B {ty}");
            }
        }
    }
    println!(
        "passages: recall {:.4} ({}/{} copies of >= {} chars; under 50 chars {:.4}), precision {:.4} ({}/{} passages)",
        score.recall(),
        score.found,
        score.copies,
        options.reuse.min_chars,
        score.short_recall(),
        score.precision(),
        score.true_passages,
        score.passages
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
