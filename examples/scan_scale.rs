//! Scale run of the corpus scan: generate N synthetic documents into a temporary folder, index
//! them and compare all pairs (in a child process, streaming the pairs to a file), re-open the
//! unchanged index and check one draft against it (another child process). Prints times, each
//! process's peak memory (VmHWM) and the recall and precision of the known copies.
//!
//! `cargo run --release --example scan_scale -- 10000 [MAX_LOADED_CHARS]`; with `SCAN_SCALE_KEEP=DIR`
//! the folder stays, and `--pairs DIR/corpus DIR/cache OUT [MAX_LOADED_CHARS]` then compares all
//! pairs of it again, `--score N OUT` scores that output. The corpus comes from
//! `duizhao::synth`: copies edited the way drafters edit and passages copied into many documents,
//! with the origin of every char as ground truth, so recall and precision are both measured.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use duizhao::scan::ScanOptions;
use duizhao::scan::all_pairs::all_pairs_each;
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
        "draft query (own process): open unchanged index {reopen_time:.2?} ({} unchanged, {} read, walk skipped: {}) + query {query_time:.2?} = {:.2?}; {} candidates; top hits {top:?}; peak RSS {:.0} MiB",
        reopened.stats.unchanged,
        reopened.stats.read,
        reopened.stats.walk_skipped,
        reopen_time + query_time,
        found.candidates,
        peak_rss_mib()
    );
    Ok(())
}

/// `--pairs DIR CACHE OUT [MAX_LOADED_CHARS]`: index DIR and compare all pairs, streaming every
/// pair with reuse to OUT (one line per pair: both paths, then the non-boilerplate passages as
/// `a_start-a_end:b_start-b_end`), in a process of its own so that its peak memory is the scan's
/// alone (the generator and the ground truth stay in the parent).
fn pairs_only(
    dir: &Path,
    cache: &Path,
    out: &Path,
    max_loaded: Option<usize>,
) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write;
    let mut options = ScanOptions { cache_dir: Some(cache.to_path_buf()), ..ScanOptions::default() };
    if let Some(max_loaded) = max_loaded {
        options.max_loaded_chars = max_loaded;
    }
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let started = Instant::now();
    let opened = index::open(dir, &options, true, &control)?;
    let index_time = started.elapsed();
    let fingerprints = opened.index.postings.len();
    let index_bytes = opened.saved_to.as_ref().and_then(|p| std::fs::metadata(p).ok()).map_or(0, |m| m.len());
    println!(
        "index build: {index_time:.2?} ({} read, {fingerprints} fingerprints, index file {:.1} MB), peak RSS {:.0} MiB",
        opened.stats.read,
        index_bytes as f64 / 1e6,
        peak_rss_mib()
    );
    if std::env::var_os("SCAN_SCALE_COUNT_ONLY").is_some() {
        // Candidate pairs only: for folders too large to compare in the time at hand.
        let started = Instant::now();
        let (pairs, frequent) = duizhao::scan::all_pairs::candidate_pairs(&opened.index, &options, &control)?;
        println!(
            "candidate pairs: {} ({frequent} frequent fingerprints) in {:.2?}, peak RSS {:.0} MiB",
            pairs.len(),
            started.elapsed(),
            peak_rss_mib()
        );
        std::fs::write(out, "")?;
        return Ok(());
    }
    if let Some(sample) = std::env::var("SCAN_SCALE_SAMPLE").ok().and_then(|n| n.parse::<usize>().ok()) {
        return sampled_queries(&opened.index, &options, &control, out, sample);
    }
    let mut writer = std::io::BufWriter::new(std::fs::File::create(out)?);
    let mut write_error = None;
    let started = Instant::now();
    let index_ref = &opened.index;
    let found = all_pairs_each(&opened.index, &opened.texts, &options, &control, |pair| {
        let spans: Vec<String> = pair
            .passages
            .iter()
            .filter(|p| !p.boilerplate)
            .map(|p| format!("{}-{}:{}-{}", p.a.start, p.a.end, p.b.start, p.b.end))
            .collect();
        let line = format!(
            "{}\t{}\t{}\n",
            index_ref.entries[pair.a].path.display(),
            index_ref.entries[pair.b].path.display(),
            spans.join(",")
        );
        if let Err(error) = writer.write_all(line.as_bytes()) {
            write_error.get_or_insert(error);
        }
        Ok(())
    })?;
    let pairs_time = started.elapsed();
    writer.flush()?;
    if let Some(error) = write_error {
        return Err(error.into());
    }
    println!(
        "all pairs: {pairs_time:.2?} ({} tiles, {} documents loaded, {} candidate pairs, {} pairs with reuse, {} passages, {} frequent fingerprints, {} fallbacks); index + all pairs {:.2?}, peak RSS {:.0} MiB",
        found.chunks,
        found.documents_loaded,
        found.candidate_pairs,
        found.pairs_with_reuse,
        found.passages,
        found.boilerplate_fingerprints,
        found.fallbacks.len(),
        index_time + pairs_time,
        peak_rss_mib()
    );
    Ok(())
}

/// `SCAN_SCALE_SAMPLE=N`: instead of all pairs, check N documents spread over the folder against
/// the index, each as a draft (the same engine and evidence rule as all pairs, one document at a
/// time), and write their passages to OUT in the all-pairs format, after `#sample` lines naming the
/// drafts. Recall over the copies that involve a sampled document can then be measured on a folder
/// too large to compare all pairs of in the time at hand, and compared with a smaller folder's.
fn sampled_queries(
    index: &duizhao::scan::index::CorpusIndex,
    options: &ScanOptions,
    control: &Control,
    out: &Path,
    sample: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write;
    let mut writer = std::io::BufWriter::new(std::fs::File::create(out)?);
    let count = index.entries.len();
    let taken = sample.min(count);
    let drafts: Vec<usize> = (0..taken).map(|s| s * count / taken).collect();
    let started = Instant::now();
    let (mut candidates, mut passages) = (0usize, 0usize);
    for &draft in &drafts {
        let name = index.entries[draft].path.display().to_string();
        writeln!(writer, "#sample\t{name}")?;
        let text = index.read_text(draft)?;
        let found = query(index, &text, options, control)?;
        candidates += found.candidates;
        for hit in &found.hits {
            let spans: Vec<String> = hit
                .passages
                .iter()
                .filter(|p| !p.boilerplate)
                .map(|p| format!("{}-{}:{}-{}", p.draft.start, p.draft.end, p.doc.start, p.doc.end))
                .collect();
            passages += spans.len();
            writeln!(writer, "{name}\t{}\t{}", index.entries[hit.entry].path.display(), spans.join(","))?;
        }
    }
    writer.flush()?;
    let elapsed = started.elapsed();
    println!(
        "sampled drafts: {} checked against the index in {elapsed:.2?} ({:.0} ms each), {candidates} candidates, {passages} passages, peak RSS {:.0} MiB",
        drafts.len(),
        elapsed.as_secs_f64() * 1e3 / drafts.len().max(1) as f64,
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
    if std::env::args().nth(1).as_deref() == Some("--pairs") {
        let rest: Vec<String> = args.skip(1).collect();
        let (dir, cache, out) = match rest.as_slice() {
            [dir, cache, out, ..] => (Path::new(dir), Path::new(cache), Path::new(out)),
            _ => return Err("--pairs DIR CACHE OUT [MAX_LOADED_CHARS]".into()),
        };
        let max_loaded = rest.get(3).map(|a| a.parse()).transpose()?;
        return pairs_only(dir, cache, out, max_loaded);
    }
    if std::env::args().nth(1).as_deref() == Some("--score") {
        // `--score N PAIRS`: score a pairs file of a kept folder of N documents again (after a
        // `--pairs` run on it), without generating the folder anew.
        let rest: Vec<String> = args.skip(1).collect();
        let [documents, pairs] = rest.as_slice() else { return Err("--score N PAIRS".into()) };
        let config = SynthConfig::scale(documents.parse()?);
        let source = duizhao::synth::scale_source();
        let mut generated = duizhao::synth::generate(&[source.as_str()], &config);
        generated.add_query(&[source.as_str()], &config, 20 * 1024, 12);
        return score_pairs(&mut generated, Path::new(pairs), ScanOptions::default().reuse.min_chars);
    }
    let documents: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1000);
    let max_loaded_chars: Option<usize> = args.next().map(|a| a.parse()).transpose()?;
    let temp = tempfile::tempdir()?;
    // `SCAN_SCALE_KEEP=DIR` keeps the generated folder, its index and the pairs there (for
    // profiling `--pairs` on the same folder again).
    let root = std::env::var_os("SCAN_SCALE_KEEP").map_or_else(|| temp.path().to_path_buf(), PathBuf::from);
    let dir = root.join("corpus");

    let started = Instant::now();
    let source = duizhao::synth::scale_source();
    let config = SynthConfig::scale(documents);
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

    // Index and all pairs run in a process of their own (see `pairs_only`).
    let options = ScanOptions::default();
    let pairs_path = root.join("pairs.tsv");
    let mut child = std::process::Command::new(std::env::current_exe()?);
    child.arg("--pairs").arg(&dir).arg(root.join("cache")).arg(&pairs_path);
    if let Some(max_loaded_chars) = max_loaded_chars {
        child.arg(max_loaded_chars.to_string());
    }
    let status = child.status()?;
    if !status.success() {
        return Err(format!("the all-pairs process failed: {status}").into());
    }
    score_pairs(&mut generated, &pairs_path, options.reuse.min_chars)?;

    // The query runs in a fresh process: freed memory of the phases above stays in this one.
    let draft_path = root.join("draft.txt");
    std::fs::write(&draft_path, &draft)?;
    // Twice: the first check after the build walks the folder once more (the index folder was
    // created in it) and saves its time; the second finds no folder changed and skips the walk.
    for _ in 0..2 {
        let status = std::process::Command::new(std::env::current_exe()?)
            .arg("--query")
            .arg(&dir)
            .arg(root.join("cache"))
            .arg(&draft_path)
            .status()?;
        println!("(sources of the draft: {sources:?}; query process {status})");
    }
    Ok(())
}

/// Score the pairs file written by `--pairs` (or by `SCAN_SCALE_SAMPLE`) against the generator's
/// ground truth and print recall and precision.
fn score_pairs(
    generated: &mut duizhao::synth::SynthCorpus,
    pairs_path: &Path,
    min_chars: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let doc_of: std::collections::HashMap<&str, usize> =
        generated.documents.iter().enumerate().map(|(i, d)| (d.name.as_str(), i)).collect();
    let mut found: Vec<(usize, Span, usize, Span)> = Vec::new();
    let mut sampled: std::collections::HashSet<usize> = std::collections::HashSet::new();
    for line in std::fs::read_to_string(pairs_path)?.lines() {
        if let Some(name) = line.strip_prefix("#sample\t") {
            sampled.extend(doc_of.get(name).copied());
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(a), Some(b), Some(spans)) = (fields.next(), fields.next(), fields.next()) else { continue };
        let (Some(&a), Some(&b)) = (doc_of.get(a), doc_of.get(b)) else { continue };
        for passage in spans.split(',').filter(|p| !p.is_empty()) {
            let numbers: Vec<usize> = passage.split([':', '-']).filter_map(|n| n.parse().ok()).collect();
            if let [a0, a1, b0, b1] = numbers[..] {
                found.push((a, Span::new(a0, a1), b, Span::new(b0, b1)));
            }
        }
    }
    if !sampled.is_empty() {
        // Sampled drafts: only the copies that involve one of them can be found.
        generated.copies.retain(|c| sampled.contains(&c.from_doc) || sampled.contains(&c.to_doc));
        println!(
            "scoring the {} known copies that involve the {} sampled drafts",
            generated.copies.len(),
            sampled.len()
        );
    }
    let score = generated.score(&found, min_chars);
    if std::env::var_os("DUMP_FALSE").is_some() {
        let mut shown = 0;
        for &(x, sx, y, sy) in &found {
            let one = generated.score(&[(x, sx, y, sy)], min_chars);
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
        min_chars,
        score.short_recall(),
        score.precision(),
        score.true_passages,
        score.passages
    );
    Ok(())
}
