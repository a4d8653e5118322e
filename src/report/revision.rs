//! The revision table (新旧条文对照表) as a report: .docx and HTML (in their own files), Markdown,
//! CSV and the "duizhao.revision/1" JSON, all rendering the same [`Revision`] rows.

use std::path::Path;

use super::ReportFormat;
use super::escape;
use crate::error::{RenderError, ReportError};
use crate::revise::{Mark, Piece, Revision, SCHEMA};

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

/// The "duizhao.revision/1" JSON document.
pub fn json_value(revision: &Revision) -> serde_json::Value {
    let mut value = serde_json::to_value(revision).unwrap_or(serde_json::Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("schema".into(), SCHEMA.into());
        if let Some(serde_json::Value::Array(rows)) = object.get_mut("rows") {
            for (row, source) in rows.iter_mut().zip(&revision.rows) {
                if let Some(row) = row.as_object_mut() {
                    row.insert("kind_zh".into(), source.kind.chinese().into());
                    row.insert("old_label".into(), revision.old_label(source).into());
                    row.insert("new_label".into(), revision.new_label(source).into());
                }
            }
        }
    }
    value
}

fn json(revision: &Revision) -> Result<Vec<u8>, RenderError> {
    let mut bytes = serde_json::to_vec_pretty(&json_value(revision)).map_err(RenderError::Json)?;
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
