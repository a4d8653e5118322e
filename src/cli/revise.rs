//! `duizhao revise OLD NEW [--report PATH] [--format text|json]`: the 新旧条文对照表 of two versions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use duizhao::report::{ReportFormat, revision};
use duizhao::revise::{RevisionOptions, revise};

use super::OutputFormat;

/// Build the table, print it and write the report if asked.
pub fn run(old: &Path, new: &Path, report: Option<PathBuf>, format: OutputFormat) -> anyhow::Result<ExitCode> {
    // A report path we cannot use is known before any work: say so first.
    let report = match report {
        Some(path) => {
            let format = ReportFormat::from_path(&path).with_context(|| {
                format!("{}: unknown report format (use .docx, .html, .md, .csv or .json)", path.display())
            })?;
            duizhao::report::atomic::check_not_input(&path, &[old, new])?;
            Some((path, format))
        }
        None => None,
    };
    let old_doc = duizhao::load::load_file(old, "D1".into())?;
    let new_doc = duizhao::load::load_file(new, "D2".into())?;
    let mut documents = [old_doc, new_doc];
    duizhao::model::assign_display_names(&mut documents);
    let [old_doc, new_doc] = documents;
    let table = revise(&old_doc, &new_doc, &RevisionOptions::default())?;
    match format {
        OutputFormat::Json => super::print(&serde_json::to_string_pretty(&revision::RevisionJson::new(&table))?)?,
        OutputFormat::Text => super::print(&text(&table))?,
    }
    if let Some((path, format)) = report {
        revision::write(&table, &path, format)?;
        eprintln!("duizhao: wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The table for the terminal: the summary, then one block per row.
fn text(table: &duizhao::revise::Revision) -> String {
    let mut out =
        format!("{}\n原：{}\n新：{}\n{}\n", revision::title(table), table.old_name, table.new_name, table.summary.text);
    if table.timed_out {
        out.push_str("（时间已到，部分条文未标出逐字修改）\n");
    }
    for row in &table.rows {
        let old = table.old_label(row);
        let new = table.new_label(row);
        out.push_str(&format!(
            "\n{} → {}　{}\n",
            if old.is_empty() { "—" } else { &old },
            if new.is_empty() { "—" } else { &new },
            revision::explanation(row)
        ));
        if row.kind.is_change() {
            if !row.old_text.is_empty() {
                out.push_str(&format!("  旧：{}\n", revision::marked_text(&row.old_text).replace('\n', "\n      ")));
            }
            if !row.new_text.is_empty() {
                out.push_str(&format!("  新：{}\n", revision::marked_text(&row.new_text).replace('\n', "\n      ")));
            }
        }
    }
    out
}
