//! Comparison reports people can hand on: HTML, Word (.docx), Markdown, CSV and JSON.
//!
//! Every writer renders the same [`view::View`] of an [`Analysis`] (documents, copy ratios, summary,
//! alignment, side-by-side diffs, reused passages), so the formats agree. Writing goes through
//! [`atomic`], which never leaves a half-written file and never writes over an input document.

pub mod atomic;
pub mod check;
pub mod check_docx;
pub mod check_html;
pub mod csv;
pub mod docx;
pub mod escape;
pub mod html;
pub mod json;
pub mod levers;
pub mod markdown;
pub mod palette;
pub mod revision;
pub mod revision_docx;
pub mod revision_html;
pub mod summary;
pub mod view;
mod wordml;

use std::path::Path;

use crate::analysis::Analysis;
use crate::error::{RenderError, ReportError};

/// The report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// Word document with a redline.
    Docx,
    /// Markdown for issues and wikis.
    Markdown,
    /// One row per reused passage, UTF-8 with BOM.
    Csv,
    /// The "duizhao.report/1" JSON document.
    Json,
}

impl ReportFormat {
    /// All formats, in menu order.
    pub const ALL: [ReportFormat; 5] =
        [ReportFormat::Html, ReportFormat::Docx, ReportFormat::Markdown, ReportFormat::Csv, ReportFormat::Json];

    /// The format named by the extension of `path` (case-insensitive), if known.
    pub fn from_path(path: &Path) -> Option<Self> {
        Self::from_name(path.extension()?.to_str()?)
    }

    /// The format called `name` ("html", "htm", "docx", "md", "markdown", "csv", "json").
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(ReportFormat::Html),
            "docx" => Some(ReportFormat::Docx),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "csv" => Some(ReportFormat::Csv),
            "json" => Some(ReportFormat::Json),
            _ => None,
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Docx => "docx",
            ReportFormat::Markdown => "md",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
        }
    }
}

/// A report format name that is not one of ours (`--report-format`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown report format {0:?} (html, docx, md, csv or json)")]
pub struct UnknownReportFormat(pub String);

impl std::str::FromStr for ReportFormat {
    type Err = UnknownReportFormat;

    /// [`ReportFormat::from_name`], with the names we know in the error.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        ReportFormat::from_name(name).ok_or_else(|| UnknownReportFormat(name.to_string()))
    }
}

/// What goes into a report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Only these documents (indices into `analysis.documents`) and what lies between them;
    /// `None` for all.
    pub documents: Option<Vec<usize>>,
    /// List 公文 boilerplate passages (separately from the others).
    pub include_boilerplate: bool,
}

/// Render the report into memory.
///
/// Rendering text cannot fail; the .docx packaging and the JSON encoding report their failure
/// (never empty bytes in its place).
pub fn render_report(
    analysis: &Analysis,
    format: ReportFormat,
    options: &ReportOptions,
) -> Result<Vec<u8>, RenderError> {
    Ok(match format {
        ReportFormat::Html => html::render(analysis, options).into_bytes(),
        ReportFormat::Docx => docx::render(analysis, options).map_err(RenderError::Docx)?,
        ReportFormat::Markdown => markdown::render(analysis, options).into_bytes(),
        ReportFormat::Csv => csv::render(analysis, options)?,
        ReportFormat::Json => render_json(analysis, options)?,
    })
}

/// The JSON report, restricted to the selected documents and, unless requested, without boilerplate.
fn render_json(analysis: &Analysis, options: &ReportOptions) -> Result<Vec<u8>, RenderError> {
    let ids: Option<Vec<&str>> = options
        .documents
        .as_ref()
        .map(|list| list.iter().filter_map(|&d| analysis.documents.get(d)).map(|d| d.id.as_str()).collect());
    let mut report = json::ReportJson::new(analysis);
    report.select(ids.as_deref(), options.include_boilerplate);
    // The 政策对标表 of the selected documents, against the first of them (as in every format).
    let section = levers::Section::new(&view::View::new(analysis, options));
    let report = report.with_levers(levers::TopicsJson::new(analysis, &section));
    let mut bytes = serde_json::to_vec_pretty(&report).map_err(RenderError::Json)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Render the report and write it to `path` atomically.
///
/// Refuses to write over any of the analysed documents; on any failure nothing is left at `path`
/// (an existing file there stays as it was).
pub fn write_report(
    analysis: &Analysis,
    path: &Path,
    format: ReportFormat,
    options: &ReportOptions,
) -> Result<(), ReportError> {
    let inputs: Vec<&Path> = analysis.documents.iter().map(|d| Path::new(d.path.as_str())).collect();
    atomic::check_not_input(path, &inputs)?;
    let bytes = render_report(analysis, format, options)
        .map_err(|source| ReportError::Render { path: path.to_path_buf(), source })?;
    if format == ReportFormat::Csv {
        // One CSV holds one table: the 政策对标表 goes next to it (r.csv → r.levers.csv).
        let levers_path = levers::csv_path(path);
        atomic::check_not_input(&levers_path, &inputs)?;
        let levers_csv = levers::csv(&view::View::new(analysis, options))
            .map_err(|source| ReportError::Render { path: levers_path.clone(), source })?;
        atomic::write(&levers_path, &levers_csv, &inputs)?;
    }
    atomic::write(path, &bytes, &inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        assert_eq!(ReportFormat::from_path(Path::new("a/b.HTM")), Some(ReportFormat::Html));
        assert_eq!(ReportFormat::from_path(Path::new("r.markdown")), Some(ReportFormat::Markdown));
        assert_eq!(ReportFormat::from_path(Path::new("r.txt")), None);
        assert_eq!(ReportFormat::from_path(Path::new("docx")), None);
        assert_eq!("DOCX".parse::<ReportFormat>(), Ok(ReportFormat::Docx));
        let unknown = "pdf".parse::<ReportFormat>().map_err(|e| e.to_string());
        assert_eq!(unknown, Err("unknown report format \"pdf\" (html, docx, md, csv or json)".to_string()));
        for format in ReportFormat::ALL {
            assert_eq!(ReportFormat::from_name(format.extension()), Some(format));
        }
    }
}
