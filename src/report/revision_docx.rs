//! The revision table as a Word document in the form drafters submit: landscape A4, a title, the
//! summary, and a real three-column table (原条文 | 修改后条文 | 修改说明) whose header repeats on
//! every page; deletions struck through and insertions underlined as Word formatting.

use std::io;

use super::palette as pal;
use super::revision::{COLUMNS, explanation, title};
use super::wordml::{ParaProps, Run, RunProps, Xml, bold, plain, run};
use crate::revise::{Mark, Piece, Revision};

/// A4 landscape width in twentieths of a point.
const PAGE_W: u32 = 16838;
/// 2 cm margins.
const MARGIN: u32 = 1134;
/// Column widths: old and new text alike, the note narrower.
const WIDTHS: [u32; 3] = [6100, 6100, PAGE_W - 2 * MARGIN - 12200];

/// Render the .docx package.
pub fn render(revision: &Revision) -> io::Result<Vec<u8>> {
    super::wordml::package(&title(revision), document(revision)?)
}

/// Run properties of a mark.
fn mark_props(mark: Mark) -> RunProps {
    match mark {
        Mark::Same => RunProps::PLAIN,
        Mark::Deleted => RunProps { strike: true, ..RunProps::color(pal::DELETE_TEXT) },
        Mark::Inserted => RunProps { underline: Some("single"), ..RunProps::color(pal::INSERT_TEXT) },
    }
}

/// The paragraphs of one cell: one per line of the pieces.
fn cell_paragraphs(x: &mut Xml, pieces: &[Piece]) -> io::Result<()> {
    let mut paragraphs: Vec<Vec<Run>> = vec![Vec::new()];
    for piece in pieces {
        for (k, line) in piece.text.split('\n').enumerate() {
            if k > 0 {
                paragraphs.push(Vec::new());
            }
            if !line.is_empty()
                && let Some(last) = paragraphs.last_mut()
            {
                last.push(run(line, mark_props(piece.mark)));
            }
        }
    }
    for runs in &paragraphs {
        x.paragraph(Some("TableText"), runs)?;
    }
    Ok(())
}

fn document(revision: &Revision) -> io::Result<Vec<u8>> {
    let mut x = Xml::document_start()?;
    x.paragraph_with(&ParaProps::centered(Some("Title")), &[plain(title(revision))])?;
    x.paragraph_with(
        &ParaProps::centered(Some("Caption")),
        &[plain(format!("原：{}　　修改后：{}", revision.old_name, revision.new_name))],
    )?;
    x.paragraph(None, &[bold(revision.summary.text.as_str())])?;
    let legend = [
        plain("说明："),
        run("删去的文字", mark_props(Mark::Deleted)),
        plain("以删除线标出，"),
        run("新增的文字", mark_props(Mark::Inserted)),
        plain("以下划线标出。"),
    ];
    x.paragraph(Some("Caption"), &legend)?;
    if revision.timed_out {
        x.paragraph(Some("Caption"), &[plain("时间已到，部分条文未标出逐字修改。")])?;
    }
    x.table_start(WIDTHS.iter().sum(), &WIDTHS)?;
    for (heading, width) in COLUMNS.iter().zip(WIDTHS) {
        x.cell(width, Some(pal::HEADER_BG), false, |x| {
            x.paragraph_with(&ParaProps::centered(Some("TableText")), &[bold(*heading)])
        })?;
    }
    x.close("w:tr")?;
    for row in &revision.rows {
        x.row_start(None)?;
        x.cell(WIDTHS[0], None, false, |x| cell_paragraphs(x, &row.old_text))?;
        x.cell(WIDTHS[1], None, false, |x| cell_paragraphs(x, &row.new_text))?;
        x.cell(WIDTHS[2], None, false, |x| x.paragraph(Some("TableText"), &[plain(explanation(row))]))?;
        x.close("w:tr")?;
    }
    x.table_end()?;
    x.document_end(true)
}
