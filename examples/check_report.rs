//! Timing of the 查重 report: each corpus document checked as the draft against a folder holding
//! the other four (with their manifest rows), then the report built (outlines, section shares,
//! word marks of every passage) and rendered in every format.
//!
//! `cargo run --release --example check_report [FOLDER DRAFT...]` (numbers go to BENCHMARKS.md):
//! without arguments the corpus rotation above; with them, each DRAFT against FOLDER (e.g. a
//! folder written by `examples/synth_corpus.rs`), the index built or brought up to date first.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use duizhao::report::ReportFormat;
use duizhao::report::check::{self, CheckReport};
use duizhao::scan::progress::{Control, Silent};
use duizhao::scan::{ScanOptions, check_draft};

const NAMES: [&str; 5] = ["guangdong-2012", "guizhou-2014", "xianning-2014", "guangzhou-2014", "qinghai-2016"];

fn main() -> anyhow::Result<()> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv"))?;
    let options = ScanOptions::default();
    let cancel = AtomicBool::new(false);
    // Warm the word-segmentation dictionary once, as the app and CLI pay it once per process.
    let warm = duizhao::text::CharText::new("加快发展电子商务".to_string());
    let _ = duizhao::diff::diff_spans(
        &warm,
        duizhao::text::Span::new(0, 8),
        &warm,
        duizhao::text::Span::new(0, 8),
        &Default::default(),
    );
    println!("draft            passages  query ms  build ms  html ms  docx ms  md ms  csv ms  json ms  share");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [folder, drafts @ ..] = args.as_slice() {
        let folder = Path::new(folder);
        let started = Instant::now();
        let opened = duizhao::scan::index::open(folder, &options, false, &Control::new(&Silent, &cancel))?;
        println!("index of {} documents: {:.1} s", opened.index.entries.len(), started.elapsed().as_secs_f64());
        for draft in drafts {
            let draft = duizhao::load::load_file(Path::new(draft), "D1".to_string())?;
            time_one(&draft, folder, &options, &cancel)?;
        }
        return Ok(());
    }
    for draft_name in NAMES {
        let dir = tempfile::tempdir()?;
        let mut rows = vec![manifest.lines().next().unwrap_or_default().to_string()];
        for name in NAMES.iter().filter(|n| **n != draft_name) {
            std::fs::copy(corpus.join(format!("{name}.txt")), dir.path().join(format!("{name}.txt")))?;
            rows.extend(manifest.lines().filter(|l| l.starts_with(&format!("{name}.txt"))).map(str::to_string));
        }
        std::fs::write(dir.path().join("MANIFEST.tsv"), rows.join("\n") + "\n")?;
        let draft = duizhao::load::load_file(&corpus.join(format!("{draft_name}.txt")), "D1".to_string())?;
        time_one(&draft, dir.path(), &options, &cancel)?;
    }
    Ok(())
}

/// Check `draft` against `folder` and print the times of the query, the report and each format.
fn time_one(
    draft: &duizhao::model::Document,
    folder: &Path,
    options: &ScanOptions,
    cancel: &AtomicBool,
) -> anyhow::Result<()> {
    let control = Control::new(&Silent, cancel);
    let started = Instant::now();
    let (opened, result) = check_draft(folder, &draft.text, options, &control)?;
    let query_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let report = CheckReport::build(draft, folder, &opened, &result, &options.reuse);
    let build_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut render_ms = Vec::new();
    for format in ReportFormat::ALL {
        let started = Instant::now();
        let bytes = check::render(&report, format)?;
        render_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(!bytes.is_empty());
    }
    let name = Path::new(&draft.path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    println!(
        "{name:<16} {:>8}  {query_ms:>8.1}  {build_ms:>8.1}  {:>7.1}  {:>7.1}  {:>5.1}  {:>6.1}  {:>7.1}  {} ({} sources)",
        report.passages.len(),
        render_ms[0],
        render_ms[1],
        render_ms[2],
        render_ms[3],
        render_ms[4],
        check::percent(report.summary.share),
        report.sources.len()
    );
    Ok(())
}
