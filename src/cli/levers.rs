//! `duizhao levers FILE... [--base DOC] [--format text|json]`: the 政策对标表 — levers of every
//! document and, for two or more, the table of each aligned topic against a base document.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use duizhao::analysis::{Analysis, AnalysisOptions};
use duizhao::levers::Change;
use duizhao::report::levers::{LeversJson, Section, cell_values, line_label};

use super::OutputFormat;

/// The base document named by `base`: an id (D2), a 1-based position (2), or a file name or stem.
fn base_index(analysis: &Analysis, base: Option<&str>) -> anyhow::Result<usize> {
    let Some(base) = base else { return Ok(0) };
    let found = analysis
        .document_index(base)
        .or_else(|| base.parse::<usize>().ok().filter(|&n| n >= 1 && n <= analysis.documents.len()).map(|n| n - 1));
    let found = found.or_else(|| {
        analysis.documents.iter().position(|d| {
            d.path == base
                || d.file_stem() == base
                || std::path::Path::new(&d.path).file_name().is_some_and(|n| n.to_string_lossy() == base)
        })
    });
    found.ok_or_else(|| {
        anyhow::anyhow!(
            "--base {base:?} names none of the documents (give an id such as D1, a position or a file name)"
        )
    })
}

/// Extract and print. Unreadable files are reported one line each and left out; exit code 2 then.
pub fn run(files: &[PathBuf], base: Option<&str>, format: OutputFormat) -> anyhow::Result<ExitCode> {
    let (documents, failed) = super::load_or_report(files);
    if documents.is_empty() {
        anyhow::bail!("levers needs at least one readable document; none of {} could be read", files.len());
    }
    let analysis = Analysis::run(documents, &AnalysisOptions::default());
    let base = base_index(&analysis, base)?;
    match format {
        OutputFormat::Json => {
            let section = Section::against(&analysis, base);
            super::print(&serde_json::to_string_pretty(&LeversJson::new(&analysis, &section))?)?;
        }
        OutputFormat::Text => super::print(text(&analysis, base).trim_end())?,
    }
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// The text output: per document its levers by section; then the topic tables against the base.
pub fn text(analysis: &Analysis, base: usize) -> String {
    let mut out = String::new();
    for (d, doc) in analysis.documents.iter().enumerate() {
        let levers = analysis.levers_of(d);
        let _ = writeln!(out, "{} {}  ({} levers)", doc.id, doc.display_name(), levers.len());
        let mut last_section = None;
        for lever in levers {
            if lever.section != last_section {
                let label = lever
                    .section
                    .and_then(|s| doc.sections.get(s))
                    .map(|s| format!("{}{}", s.number, s.title))
                    .unwrap_or_else(|| "（章节外）".to_string());
                let _ = writeln!(out, "  {label}");
                last_section = lever.section;
            }
            let detail = duizhao::report::levers::detail_zh(lever);
            let detail = if detail.is_empty() { String::new() } else { format!(" 〔{detail}〕") };
            let _ = writeln!(
                out,
                "    {:<10} {:<16} 「{}」 @{}–{}{detail}",
                lever.kind.label_zh(),
                lever.display_value(),
                lever.phrase,
                lever.span.start,
                lever.span.end
            );
        }
        out.push('\n');
    }
    if analysis.documents.len() < 2 {
        return out;
    }
    let section = Section::against(analysis, base);
    let _ =
        writeln!(out, "政策对标表 (base {} {})", analysis.documents[base].id, analysis.documents[base].display_name());
    for table in &section.tables {
        let _ = writeln!(out, "\n■ {}", table.label);
        for line in &table.lines {
            let _ = writeln!(out, "  {}", line_label(line.kind, &line.unit));
            for cell in &line.cells {
                if cell.levers.is_empty() && cell.change == Change::Absent {
                    continue;
                }
                let values = if cell.levers.is_empty() { "—".to_string() } else { cell_values(&cell.levers) };
                let change = match cell.change {
                    Change::Base | Change::Absent => String::new(),
                    other => format!("  [{}]", other.label_zh()),
                };
                let _ = writeln!(out, "    {:<4} {values}{change}", analysis.documents[cell.doc].id);
            }
        }
    }
    out
}
