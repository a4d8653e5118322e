//! The revision table (新旧条文对照表) as a report: .docx and HTML (in their own files), Markdown,
//! CSV and the "duizhao.revision/1" JSON, all rendering the same [`Revision`] rows.

use std::path::Path;

use serde::Serialize;

use super::ReportFormat;
use super::escape;
use crate::error::{RenderError, ReportError};
use crate::revise::{ChangeKind, Mark, Piece, Revision, RevisionSummary, SCHEMA, Unit, UnitLevel};

/// The table's title: 「《保障中小企业款项支付条例》修改前后对照表」.
pub fn title(revision: &Revision) -> String {
    format!("{}修改前后对照表", quoted_name(revision))
}

/// The title in 《》 as the text states it, or the new version's display name.
fn quoted_name(revision: &Revision) -> String {
    let name = revision
        .title
        .as_deref()
        .unwrap_or_else(|| revision.new_name.split_whitespace().last().unwrap_or(&revision.new_name));
    format!("《{name}》")
}

/// The three column headings drafters use.
pub const COLUMNS: [&str; 3] = ["原条文", "修改后条文", "修改说明"];

/// The 修改说明 cell: the kind (unless the note starts with it), then what changed.
pub fn explanation(row: &crate::revise::RevisionRow) -> String {
    if row.note.starts_with(row.kind.chinese()) {
        row.note.clone()
    } else {
        format!("【{}】{}", row.kind.chinese(), row.note)
    }
}

/// Render the table in `format`.
pub fn render(revision: &Revision, format: ReportFormat) -> Result<Vec<u8>, RenderError> {
    Ok(match format {
        ReportFormat::Docx => super::revision_docx::render(revision).map_err(RenderError::Docx)?,
        ReportFormat::Html => super::revision_html::render(revision).into_bytes(),
        ReportFormat::Markdown => markdown(revision).into_bytes(),
        ReportFormat::Csv => csv(revision)?,
        ReportFormat::Json => json(revision)?,
    })
}

/// Render and write atomically to `path`, never over either version.
pub fn write(revision: &Revision, path: &Path, format: ReportFormat) -> Result<(), ReportError> {
    let inputs = [Path::new(&revision.old_path), Path::new(&revision.new_path)];
    super::atomic::check_not_input(path, &inputs)?;
    let bytes = render(revision, format).map_err(|source| ReportError::Render { path: path.to_path_buf(), source })?;
    super::atomic::write(path, &bytes, &inputs)
}

/// The "duizhao.revision/1" JSON document: the [`Revision`]'s fields as it serialises them, each
/// row with its kind in Chinese and its article labels added, and the schema name last (the key
/// order the schema has always had). Similarities are written as the `f64` they widen to.
#[derive(Debug, Serialize)]
pub struct RevisionJson<'a> {
    old_name: &'a str,
    new_name: &'a str,
    title: &'a Option<String>,
    old_path: &'a str,
    new_path: &'a str,
    level: UnitLevel,
    old_units: &'a [Unit],
    new_units: &'a [Unit],
    rows: Vec<RevisionRowJson<'a>>,
    summary: &'a RevisionSummary,
    timed_out: bool,
    schema: &'static str,
}

/// One row of the table.
#[derive(Debug, Serialize)]
struct RevisionRowJson<'a> {
    old: &'a [usize],
    new: &'a [usize],
    kind: ChangeKind,
    note: &'a str,
    similarity: f64,
    moved_from: &'a Option<String>,
    renumbered_refs: &'a [(String, String)],
    old_text: &'a [Piece],
    new_text: &'a [Piece],
    kind_zh: &'static str,
    old_label: String,
    new_label: String,
}

impl<'a> RevisionJson<'a> {
    /// The JSON form of `revision`.
    pub fn new(revision: &'a Revision) -> RevisionJson<'a> {
        RevisionJson {
            old_name: &revision.old_name,
            new_name: &revision.new_name,
            title: &revision.title,
            old_path: &revision.old_path,
            new_path: &revision.new_path,
            level: revision.level,
            old_units: &revision.old_units,
            new_units: &revision.new_units,
            rows: revision
                .rows
                .iter()
                .map(|row| RevisionRowJson {
                    old: &row.old,
                    new: &row.new,
                    kind: row.kind,
                    note: &row.note,
                    similarity: f64::from(row.similarity),
                    moved_from: &row.moved_from,
                    renumbered_refs: &row.renumbered_refs,
                    old_text: &row.old_text,
                    new_text: &row.new_text,
                    kind_zh: row.kind.chinese(),
                    old_label: revision.old_label(row),
                    new_label: revision.new_label(row),
                })
                .collect(),
            summary: &revision.summary,
            timed_out: revision.timed_out,
            schema: SCHEMA,
        }
    }
}

fn json(revision: &Revision) -> Result<Vec<u8>, RenderError> {
    let mut bytes = serde_json::to_vec_pretty(&RevisionJson::new(revision)).map_err(RenderError::Json)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Marks as text: 「[-删去-]」 and 「{+新增+}」, as `duizhao diff` prints them.
pub fn marked_text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p.mark {
            Mark::Same => p.text.clone(),
            Mark::Deleted => format!("[-{}-]", p.text),
            Mark::Inserted => format!("{{+{}+}}", p.text),
        })
        .collect()
}

fn markdown(revision: &Revision) -> String {
    let mut out = format!("# {}\n\n", escape::markdown(&title(revision)));
    out.push_str(&format!(
        "原：{}　修改后：{}\n\n{}\n\n",
        escape::markdown(&revision.old_name),
        escape::markdown(&revision.new_name),
        escape::markdown(&revision.summary.text)
    ));
    out.push_str("删去的文字以删除线标出，新增的文字以 <ins>下划线</ins> 标出。\n\n");
    out.push_str(&format!("| {} | {} | {} |\n|---|---|---|\n", COLUMNS[0], COLUMNS[1], COLUMNS[2]));
    let cell = |pieces: &[Piece]| -> String {
        pieces
            .iter()
            .map(|p| {
                let text = escape::markdown(&p.text);
                match p.mark {
                    Mark::Same => text,
                    Mark::Deleted => format!("~~{text}~~"),
                    Mark::Inserted => format!("<ins>{text}</ins>"),
                }
            })
            .collect()
    };
    for row in &revision.rows {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            cell(&row.old_text),
            cell(&row.new_text),
            escape::markdown(&explanation(row))
        ));
    }
    out
}

/// CSV header: one line per row of the table.
pub const CSV_HEADER: [&str; 7] = ["序号", "原条号", "原条文", "修改后条号", "修改后条文", "修改类型", "修改说明"];

fn csv(revision: &Revision) -> Result<Vec<u8>, RenderError> {
    let mut table = super::csv::CsvTable::new(&CSV_HEADER)?;
    for (k, row) in revision.rows.iter().enumerate() {
        table.row([
            (k + 1).to_string(),
            revision.old_label(row),
            marked_text(&row.old_text),
            revision.new_label(row),
            marked_text(&row.new_text),
            row.kind.chinese().to_string(),
            row.note.clone(),
        ])?;
    }
    table.finish()
}
