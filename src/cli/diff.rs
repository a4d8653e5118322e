//! `duizhao diff A B`: word-level diff of two documents (or of one section of each).

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use duizhao::diff::{DiffOptions, Granularity};
use duizhao::model::Document;
use duizhao::text::Span;

use super::OutputFormat;

/// What to diff and how.
pub struct DiffRequest<'a> {
    /// The earlier / left document.
    pub a: &'a Path,
    /// The later / right document.
    pub b: &'a Path,
    /// Section of A to diff (id like "S30", number like "（二十二）", or title); whole document if `None`.
    pub a_section: Option<&'a str>,
    /// Section of B to diff.
    pub b_section: Option<&'a str>,
    /// Words or characters.
    pub granularity: Granularity,
    /// Output format.
    pub format: OutputFormat,
}

/// Print the diff.
pub fn run(request: &DiffRequest) -> anyhow::Result<ExitCode> {
    let a = duizhao::load::load_file(request.a, "D1".into())?;
    let b = duizhao::load::load_file(request.b, "D2".into())?;
    let a_span = pick_span(&a, request.a_section)?;
    let b_span = pick_span(&b, request.b_section)?;
    let options = DiffOptions { granularity: request.granularity, ..DiffOptions::default() };
    let diff = duizhao::diff::diff_spans(&a.text, a_span, &b.text, b_span, &options);
    match request.format {
        OutputFormat::Json => {
            super::print(&serde_json::to_string_pretty(&duizhao::report::json::DiffJson::new(&a, &b, &diff))?)?
        }
        OutputFormat::Text => {
            if let Some(reason) = &diff.fallback {
                eprintln!("duizhao: note: {reason}");
            }
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            super::print(&duizhao::diff::render_text(&a.text, &b.text, &diff, color))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The span of the section named by `selector`, or the whole text.
fn pick_span(document: &Document, selector: Option<&str>) -> anyhow::Result<Span> {
    let Some(selector) = selector else {
        return Ok(Span::new(0, document.chars()));
    };
    let wanted = selector.trim();
    let full_id = format!("{}.{wanted}", document.id);
    document
        .sections
        .iter()
        .find(|s| s.id == wanted || s.id == full_id)
        .or_else(|| document.sections.iter().find(|s| s.number == wanted))
        .or_else(|| document.sections.iter().find(|s| s.title == wanted))
        .or_else(|| document.sections.iter().find(|s| !wanted.is_empty() && s.title.contains(wanted)))
        .map(|s| s.span)
        .with_context(|| {
            format!(
                "{}: no section matches \"{wanted}\" (use an id like S30, a number like （二十二） or a title)",
                document.path
            )
        })
}
