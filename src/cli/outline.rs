//! `duizhao outline FILE...`: metadata and 公文 outline of each document.

use std::path::PathBuf;
use std::process::ExitCode;

use duizhao::model::Document;

use super::{OutputFormat, load_or_report};

/// Print the outline of each file. Unreadable files are reported (one line each) and make the exit
/// code 2; the others are still printed.
pub fn run(files: &[PathBuf], format: OutputFormat) -> anyhow::Result<ExitCode> {
    let (documents, failed) = load_or_report(files);
    match format {
        OutputFormat::Json => {
            super::print(&serde_json::to_string_pretty(&duizhao::report::json::OutlineJson::new(&documents))?)?;
        }
        OutputFormat::Text => {
            let text: String = documents.iter().map(outline_text).collect();
            super::print(text.trim_end())?;
        }
    }
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Human-readable outline: metadata lines, then one indented line per section.
pub fn outline_text(document: &Document) -> String {
    let meta = &document.metadata;
    let mut out = format!("{} {}\n", document.id, document.path);
    let unknown = "—";
    out.push_str(&format!("  名称 name:   {}\n", document.display_name()));
    out.push_str(&format!("  标题 title:  {}\n", meta.title.as_deref().unwrap_or(unknown)));
    out.push_str(&format!("  文号 number: {}\n", meta.doc_number.as_deref().unwrap_or(unknown)));
    out.push_str(&format!("  发文 issuer: {}\n", meta.issuer.as_deref().unwrap_or(unknown)));
    let kind = meta.date_kind.map(|k| format!(" ({})", k.word())).unwrap_or_default();
    out.push_str(&format!("  日期 date:   {}{kind}\n", meta.date.map_or_else(|| unknown.to_string(), |d| d.iso())));
    // Every date found, so the choice for direction can be checked against the others.
    if meta.dates.len() > 1 {
        let all: Vec<String> = meta
            .dates
            .iter()
            .map(|e| match &e.by {
                Some(by) => format!("{} {} {by}", e.date, e.kind.word()),
                None => format!("{} {}", e.date, e.kind.word()),
            })
            .collect();
        out.push_str(&format!("  全部日期:    {}\n", all.join("；")));
    }
    if let Some(effective) = &meta.effective {
        out.push_str(&format!("  有效期:      {effective}\n"));
    }
    out.push_str(&format!(
        "  {} · {} · {} chars · {} sections\n",
        document.format.name(),
        document.encoding,
        document.chars(),
        document.sections.len()
    ));
    for warning in &document.warnings {
        out.push_str(&format!("  warning: {warning}\n"));
    }
    for section in &document.sections {
        let indent = "  ".repeat(usize::from(section.level) + 1);
        let title = if section.level == 0 {
            let label = match section.kind {
                duizhao::model::SectionKind::Preamble => "〔前文 preamble〕",
                duizhao::model::SectionKind::Closing => "〔落款 closing〕",
                _ => "〔所印发文件 enclosed document〕",
            };
            format!("{label} {}", section.title)
        } else {
            format!("{}{}", section.number, section.title)
        };
        out.push_str(&format!("{indent}{title}  [{}..{}]\n", section.span.start, section.span.end));
    }
    out
}
