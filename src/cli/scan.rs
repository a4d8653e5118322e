//! `duizhao scan --corpus DIR [--against FILE...] [--report PATH] [--report-format F] [--min-chars N] [--format text|json]`
//!
//! Indexes the corpus folder (incrementally), then checks each `--against` draft against it, or,
//! without drafts, lists every pair of corpus documents sharing passages. With drafts, `--report`
//! writes the 查重 report ([`duizhao::report::check`]) of each; without, the all-pairs JSON. Files
//! that cannot be read are skipped, listed at the end with the reason, and make the exit status 2.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use duizhao::error::ReportError;
use duizhao::model::Document;
use duizhao::report::ReportFormat;
use duizhao::report::check::CheckReport;
use duizhao::scan::all_pairs::all_pairs_each;
use duizhao::scan::index::{self, CorpusIndex, Opened};
use duizhao::scan::json::{Draft, HeaderJson, PairLineJson, ScanJson, SummaryLineJson, snippet};
use duizhao::scan::progress::Control;
use duizhao::scan::query::{QueryResult, query};
use duizhao::scan::{ScanOptions, Skipped};
use duizhao::text::CharText;

use super::OutputFormat;

/// Longest passage text printed in the text format, in chars.
const TEXT_SNIPPET_CHARS: usize = 40;

/// One `--against` draft and what was found for it.
struct DraftOutcome {
    path: PathBuf,
    document: Document,
    result: QueryResult,
}

/// What `duizhao scan` was asked to do.
pub struct ScanRequest<'a> {
    /// The folder.
    pub corpus: &'a Path,
    /// Drafts to check; none for all pairs.
    pub against: &'a [PathBuf],
    /// Where to write the report.
    pub report: Option<PathBuf>,
    /// The 查重 report's format, overriding the extension.
    pub report_format: Option<ReportFormat>,
    /// Minimum identical chars of a passage.
    pub min_chars: usize,
    /// Walk and check every file even when no folder changed.
    pub rescan: bool,
    /// Standard output format.
    pub format: OutputFormat,
}

/// Run the scan; exit status 0 when every file was read, 2 when anything was skipped or failed.
pub fn run(request: &ScanRequest) -> anyhow::Result<ExitCode> {
    let ScanRequest { corpus, against, report, report_format, min_chars, rescan, format } = request;
    let (corpus, against, min_chars, format) = (*corpus, *against, *min_chars, *format);
    let report = report.clone();
    let check_format = match (&report, against.is_empty()) {
        (Some(path), false) => Some(report_format.or_else(|| ReportFormat::from_path(path)).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: unknown report format (use .html, .docx, .md, .csv or .json, or --report-format)",
                path.display()
            )
        })?),
        _ => None,
    };
    let mut options = ScanOptions { rescan: *rescan, ..ScanOptions::default() };
    options.reuse.min_chars = min_chars.max(1);
    let progress = super::progress::TerminalProgress::for_stderr();
    let cancel = AtomicBool::new(false);
    let control = Control::new(progress.as_ref(), &cancel);

    let opened = index::open(corpus, &options, against.is_empty(), &control)?;
    if let Some(report) = &report {
        refuse_overwriting_inputs(report, against, &opened.index)?;
    }
    if against.is_empty() {
        return all_pairs_streamed(corpus, &opened, &options, &control, report.as_deref(), format);
    }
    let mut skipped: Vec<Skipped> = opened.skipped.clone();
    let mut drafts = Vec::new();
    {
        for path in against {
            match duizhao::load::load_file(path, "D1".to_string()) {
                Ok(document) => {
                    let result = query(&opened.index, &document.text, &options, &control)?;
                    skipped.extend(result.skipped.iter().cloned());
                    drafts.push(DraftOutcome { path: path.clone(), document, result });
                }
                Err(error) => {
                    let reason = error.to_string();
                    let prefix = format!("{}: ", path.display());
                    let reason = reason.strip_prefix(&prefix).map(str::to_string).unwrap_or(reason);
                    skipped.push(Skipped { path: path.clone(), reason });
                }
            }
        }
    }
    skipped.sort();
    skipped.dedup();

    match format {
        OutputFormat::Json => {
            let drafts: Vec<Draft> =
                drafts.iter().map(|d| Draft { path: &d.path, text: &d.document.text, result: &d.result }).collect();
            let document = ScanJson::new(corpus, &opened, &options, &drafts, &skipped);
            super::print(&serde_json::to_string_pretty(&document)?)?;
        }
        OutputFormat::Text => super::print(text_output(corpus, &opened, &drafts, &skipped).trim_end())?,
    }
    if let Some(error) = &opened.save_error {
        eprintln!("duizhao: warning: {error}; the scan used the index from memory");
    }
    let mut failed = !skipped.is_empty();
    if format == OutputFormat::Json {
        for skip in &skipped {
            eprintln!("duizhao: {}: skipped: {}", skip.path.display(), skip.reason);
        }
    } else if failed {
        eprintln!("duizhao: {} file(s) skipped (listed above)", skipped.len());
    }
    if let (Some(report), Some(check_format)) = (&report, check_format) {
        for draft in &drafts {
            let path = report_path_for(report, &draft.path, drafts.len());
            let built = CheckReport::build(&draft.document, corpus, &opened, &draft.result, &options.reuse);
            match duizhao::report::check::write(&built, &path, check_format) {
                Ok(()) => eprintln!("duizhao: wrote {}", path.display()),
                Err(error) => {
                    eprintln!("duizhao: {error}");
                    failed = true;
                }
            }
        }
    }
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// The report path of one draft: `report` itself for a single draft, else `report` with the
/// draft's file stem added (`check.html` → `check-draft2.html`).
fn report_path_for(report: &Path, draft: &Path, drafts: usize) -> PathBuf {
    if drafts <= 1 {
        return report.to_path_buf();
    }
    let stem = report.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let draft_stem = draft.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name = match report.extension() {
        Some(ext) => format!("{stem}-{draft_stem}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{draft_stem}"),
    };
    report.with_file_name(name)
}

fn refuse_overwriting_inputs(report: &Path, against: &[PathBuf], index: &CorpusIndex) -> Result<(), ReportError> {
    let Ok(target) = std::fs::canonicalize(report) else { return Ok(()) };
    let is_input = against.iter().any(|p| std::fs::canonicalize(p).is_ok_and(|p| p == target))
        || (0..index.entries.len()).any(|i| std::fs::canonicalize(index.path_of(i)).is_ok_and(|p| p == target));
    if is_input { Err(ReportError::WouldOverwriteInput { path: report.to_path_buf() }) } else { Ok(()) }
}

/// All pairs, written as they are found: JSON Lines (`duizhao.scan-pairs/1`: a header line, one
/// line per pair, a summary line) on stdout with `--format json` and in the `--report` file, or
/// one text line per pair. Nothing is held beyond the pair being written, so the output may be
/// far larger than memory.
fn all_pairs_streamed(
    corpus: &Path,
    opened: &Opened,
    options: &ScanOptions,
    control: &Control,
    report: Option<&Path>,
    format: OutputFormat,
) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let index = &opened.index;
    let mut file = match report {
        Some(path) => {
            // The pairs are written as they are found: a folder the report cannot go to is said
            // at once, before the comparison runs.
            match duizhao::report::atomic::create(path, &[]) {
                Ok(temp) => Some((path.to_path_buf(), std::io::BufWriter::new(temp))),
                Err(error) => {
                    eprintln!("duizhao: {error}");
                    return Ok(ExitCode::from(2));
                }
            }
        }
        None => None,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // A closed pipe (`| head`) ends the listing quietly; other write errors are reported.
    let mut write_error: Option<std::io::Error> = None;
    // Each item is one JSON line (for the report file, and stdout with `--format json`) and one
    // text line (stdout with `--format text`).
    let mut emit =
        |json_line: serde_json::Result<String>, text_line: &str, out: &mut std::io::BufWriter<std::io::StdoutLock>| {
            let json_line = match json_line {
                Ok(line) => line,
                Err(error) => {
                    write_error.get_or_insert(error.into());
                    return;
                }
            };
            if let Some((_, writer)) = file.as_mut()
                && let Err(error) = writeln!(writer, "{json_line}")
            {
                write_error.get_or_insert(error);
            }
            let printed = match format {
                OutputFormat::Json => writeln!(out, "{json_line}"),
                OutputFormat::Text => writeln!(out, "{text_line}"),
            };
            if let Err(error) = printed
                && error.kind() != std::io::ErrorKind::BrokenPipe
            {
                write_error.get_or_insert(error);
            }
        };
    let title = format!(
        "Corpus {}: {} documents ({} unchanged, {} read, {} removed{}){}",
        corpus.display(),
        index.entries.iter().filter(|e| e.error.is_none()).count(),
        opened.stats.unchanged,
        opened.stats.read,
        opened.stats.removed,
        if opened.stats.walk_skipped { "; no folder changed, walk skipped" } else { "" },
        opened.saved_to.as_ref().map(|p| format!("; index {}", p.display())).unwrap_or_default(),
    );
    emit(serde_json::to_string(&HeaderJson::pairs(corpus, opened, options)), &title, &mut out);
    let mut cached: Option<(usize, Option<CharText>)> = None;
    let found = all_pairs_each(index, &opened.texts, options, control, |pair| {
        if cached.as_ref().is_none_or(|(i, _)| *i != pair.a) {
            cached = Some((pair.a, index.read_text(pair.a).ok()));
        }
        let text = cached.as_ref().and_then(|(_, t)| t.as_ref());
        let line = format!(
            "  {} ↔ {}: {} / {} chars ({} / {}), {} passage(s)",
            index.entries[pair.a].path.display(),
            index.entries[pair.b].path.display(),
            pair.a_reused_chars,
            pair.b_reused_chars,
            percent(pair.a_ratio),
            percent(pair.b_ratio),
            pair.passages.len()
        );
        emit(serde_json::to_string(&PairLineJson::new(index, &pair, text)), &line, &mut out);
        Ok(())
    })?;
    let mut skipped: Vec<Skipped> = opened.skipped.clone();
    skipped.extend(found.skipped.iter().cloned());
    skipped.sort();
    skipped.dedup();
    let mut text = format!(
        "{} pair(s) share passages (verbatim or rewritten, boilerplate left out); {} candidate pairs compared",
        found.pairs_with_reuse, found.candidate_pairs
    );
    if !skipped.is_empty() {
        let _ = write!(text, "\nSkipped {} file(s):", skipped.len());
        for skip in &skipped {
            let _ = write!(text, "\n  {}: {}", skip.path.display(), skip.reason);
        }
    }
    emit(serde_json::to_string(&SummaryLineJson::new(&found, &skipped)), &text, &mut out);
    if let Err(error) = out.flush()
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        write_error.get_or_insert(error);
    }
    drop(out);
    if let Some(error) = &opened.save_error {
        eprintln!("duizhao: warning: {error}; the scan used a temporary index");
    }
    let mut failed = !skipped.is_empty();
    if format == OutputFormat::Json {
        for skip in &skipped {
            eprintln!("duizhao: {}: skipped: {}", skip.path.display(), skip.reason);
        }
    }
    // A write that failed on the way leaves no report (the temporary file is dropped, so removed).
    if let Some((path, writer)) = file.filter(|_| write_error.is_none()) {
        let persisted = match writer.into_inner() {
            Ok(temp) => duizhao::report::atomic::persist(temp, &path),
            Err(error) => Err(ReportError::Io { path: path.clone(), source: error.into_error() }),
        };
        match persisted {
            Ok(()) => eprintln!("duizhao: wrote {}", path.display()),
            Err(error) => {
                eprintln!("duizhao: {error}");
                failed = true;
            }
        }
    }
    if let Some(error) = write_error {
        return Err(error.into());
    }
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn percent(ratio: f32) -> String {
    format!("{:.1}%", ratio * 100.0)
}

fn text_output(corpus: &Path, opened: &Opened, drafts: &[DraftOutcome], skipped: &[Skipped]) -> String {
    let mut out = String::new();
    let index = &opened.index;
    let stats = &opened.stats;
    let _ = writeln!(
        out,
        "Corpus {}: {} documents ({} unchanged, {} read, {} removed){}",
        corpus.display(),
        index.entries.iter().filter(|e| e.error.is_none()).count(),
        stats.unchanged,
        stats.read,
        stats.removed,
        opened.saved_to.as_ref().map(|p| format!("; index {}", p.display())).unwrap_or_default(),
    );
    for draft in drafts {
        let result = &draft.result;
        let _ = writeln!(
            out,
            "\n{} ({} chars) reuses from {} document(s):",
            draft.path.display(),
            draft.document.text.char_len(),
            result.hits.len()
        );
        for &i in &result.identical {
            let _ = writeln!(out, "  (identical to {})", index.entries[i].path.display());
        }
        for (rank, hit) in result.hits.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}. {}: {} chars ({} of the draft, {} of the document), {} passage(s)",
                rank + 1,
                hit.path.display(),
                hit.reused_chars,
                percent(hit.draft_ratio),
                percent(hit.doc_ratio),
                hit.passages.len()
            );
            for passage in &hit.passages {
                let kind = match (passage.boilerplate, passage.kind) {
                    (true, _) => "boilerplate".to_string(),
                    (false, duizhao::reuse::ReuseKind::Exact) => "verbatim".to_string(),
                    (false, duizhao::reuse::ReuseKind::Edited) => {
                        format!("rewritten {:.0}%", passage.similarity * 100.0)
                    }
                };
                let _ = writeln!(
                    out,
                    "       draft {}–{} = doc {}–{} ({} chars, {kind}) {}",
                    passage.draft.start,
                    passage.draft.end,
                    passage.doc.start,
                    passage.doc.end,
                    passage.chars,
                    snippet(&draft.document.text, passage.draft, TEXT_SNIPPET_CHARS)
                );
            }
        }
    }
    if !skipped.is_empty() {
        let _ = writeln!(out, "\nSkipped {} file(s):", skipped.len());
        for skip in skipped {
            let _ = writeln!(out, "  {}: {}", skip.path.display(), skip.reason);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_report_per_draft_when_there_are_several() {
        let report = Path::new("out/check.html");
        assert_eq!(report_path_for(report, Path::new("a/draft.docx"), 1), PathBuf::from("out/check.html"));
        assert_eq!(report_path_for(report, Path::new("a/draft.docx"), 2), PathBuf::from("out/check-draft.html"));
        assert_eq!(report_path_for(Path::new("check"), Path::new("b.txt"), 3), PathBuf::from("check-b"));
    }
}
