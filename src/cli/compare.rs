//! `duizhao compare FILE... [--format json|text] [--min-chars N] [--report PATH] [--report-format F]
//! [--include-boilerplate]`

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use duizhao::analysis::{Analysis, AnalysisOptions};
use duizhao::error::ReportError;
use duizhao::report::view::View;
use duizhao::report::{self, ReportFormat, ReportOptions, summary};

use super::OutputFormat;

/// Parse `--report-format` ("html", "docx", "md", "csv", "json").
pub fn parse_report_format(name: &str) -> Result<ReportFormat, report::UnknownReportFormat> {
    name.parse()
}

/// Compare the files, print the result and write the report if asked.
///
/// Unreadable files are reported one line each and left out; the exit code is 2 if any failed.
pub fn run(
    files: &[PathBuf],
    format: OutputFormat,
    min_chars: usize,
    report: Option<PathBuf>,
    report_format: Option<ReportFormat>,
    include_boilerplate: bool,
) -> anyhow::Result<ExitCode> {
    // A report path we cannot write is known before the analysis: say so before doing the work.
    let report = match report {
        Some(path) => match report_format.or_else(|| ReportFormat::from_path(&path)) {
            Some(format) => Some((path, format)),
            None => return Err(ReportError::UnknownFormat { path }.into()),
        },
        None => None,
    };

    let (documents, failed) = super::load_or_report(files);
    if documents.len() < 2 {
        anyhow::bail!(
            "compare needs at least two readable documents; {} of {} could be read",
            documents.len(),
            files.len()
        );
    }

    if let Some((path, _)) = &report {
        let inputs: Vec<&std::path::Path> = documents.iter().map(|d| std::path::Path::new(d.path.as_str())).collect();
        report::atomic::check_not_input(path, &inputs)?;
    }

    let mut options = AnalysisOptions::default();
    options.reuse.min_chars = min_chars.max(1);
    let analysis = Analysis::run(documents, &options);

    match format {
        OutputFormat::Json => {
            super::print(&serde_json::to_string_pretty(&report::json::ReportJson::new(&analysis))?)?;
        }
        OutputFormat::Text => super::print(text(&analysis, include_boilerplate).trim_end())?,
    }

    if let Some((path, format)) = report {
        let options = ReportOptions { documents: None, include_boilerplate };
        report::write_report(&analysis, &path, format, &options)?;
        eprintln!("duizhao: wrote {} report to {}", format.extension(), path.display());
    }
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Terminal columns taken by `text` (CJK and full-width chars take two), by Unicode's East Asian
/// Width tables (`unicode-width`).
fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

fn pad(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(width(text))))
}

/// At most `max` chars of `text` on one line.
fn clip(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max { flat } else { format!("{}…", flat.chars().take(max).collect::<String>()) }
}

/// The readable summary: documents, copy-ratio matrix, alignment table, top passages.
fn text(analysis: &Analysis, include_boilerplate: bool) -> String {
    let view = View::new(analysis, &ReportOptions { documents: None, include_boilerplate });
    let mut out = String::new();
    let name_width = view.docs.iter().map(|&d| width(&view.names[d])).max().unwrap_or(0).max(6) + 2;

    out.push_str("Documents\n");
    for &d in &view.docs {
        let doc = view.doc(d);
        let meta = &doc.metadata;
        let _ = writeln!(
            out,
            "  {:<4}{}{}  {}  {}  {}  {} bytes  {} chars  {} sections",
            doc.id,
            pad(&view.names[d], name_width),
            meta.title.as_deref().unwrap_or("(no title)"),
            meta.doc_number.as_deref().unwrap_or("-"),
            meta.date.map_or_else(|| "(no date)".to_string(), |d| d.iso()),
            doc.encoding,
            doc.bytes,
            doc.chars(),
            doc.sections.len(),
        );
    }

    out.push_str("\nSummary\n");
    for sentence in summary::sentences(&view) {
        let _ = writeln!(out, "  {sentence}");
    }

    out.push_str("\nCopy ratios (row: share of its text also in the column document; * = column is the earlier one)\n");
    let cell = name_width.max(10);
    let _ = write!(out, "  {}", " ".repeat(name_width));
    for &d in &view.docs {
        out.push_str(&pad(&view.names[d], cell));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    for &r in &view.docs {
        let _ = write!(out, "  {}", pad(&view.names[r], name_width));
        for &c in &view.docs {
            let value = if r == c {
                "-".to_string()
            } else {
                match view.ratio(r, c) {
                    Some((ratio, _)) => {
                        let star = if view.is_source_of(c, r) == Some(true) { "*" } else { "" };
                        format!("{}{star}", summary::percent(ratio))
                    }
                    None => ".".to_string(),
                }
            };
            out.push_str(&pad(&value, cell));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }

    let _ = writeln!(out, "\nAlignment ({} rows)", view.rows.len());
    let label_width = view.rows.iter().map(|r| width(&r.label)).max().unwrap_or(0).min(24) + 2;
    for row in &view.rows {
        let cells: Vec<String> = view
            .docs
            .iter()
            .zip(&row.cells)
            .filter_map(|(&d, cell)| {
                cell.map(|(s, score)| format!("{} {} {score:.2}", view.doc(d).id, view.section_label(d, Some(s))))
            })
            .collect();
        let _ = writeln!(out, "  {}{}", pad(&row.label, label_width), cells.join(" | "));
    }

    let shown = view.passages.len().min(15);
    let _ = writeln!(out, "\nLongest reused passages ({shown} of {})", view.passages.len());
    for &p in view.passages.iter().take(shown) {
        let passage = view.passage(p);
        let kind = match passage.kind {
            duizhao::reuse::ReuseKind::Exact => "exact",
            duizhao::reuse::ReuseKind::Edited => "edited",
        };
        let side = |s: duizhao::reuse::ReuseSide| {
            format!("{} {}–{} {}", view.doc(s.doc).id, s.span.start, s.span.end, view.section_label(s.doc, s.section))
        };
        let _ = writeln!(
            out,
            "  {:>3}. {kind} {} chars ({:.2})  {}  <->  {}\n       「{}」",
            view.numbers.get(&p).copied().unwrap_or(p + 1),
            passage.chars,
            passage.similarity,
            side(passage.a),
            side(passage.b),
            clip(view.doc(passage.a.doc).slice(passage.a.span), 60)
        );
    }
    if !analysis.reuse.rule.is_empty() {
        let _ = writeln!(out, "\nRule: {}", analysis.reuse.rule);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_by_terminal_columns() {
        assert_eq!(width("广东 2012"), 9);
        assert_eq!(pad("广东", 6), "广东  ");
        assert_eq!(clip("一二三\n四五", 4), "一二三 …");
    }
}
