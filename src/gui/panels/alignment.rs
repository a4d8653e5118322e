//! The alignment matrix: one row per topic, one column per document, each cell the section heading
//! and its score. A picker in every cell pins a section to the row (or takes it out); a click on the
//! row label compares the row side by side.

use super::super::app::App;
use super::super::commands::Command;
use super::super::i18n::{Text, Tr};
use super::super::theme::Palette;
use crate::align::AlignmentOverride;

const CELL_WIDTH: f32 = 210.0;
const MIN_CELL_WIDTH: f32 = 150.0;
const TOPIC_WIDTH: f32 = 190.0;
const ROW_HEIGHT: f32 = 22.0;
const ROW_SPACING: f32 = 6.0;

/// Heading of a section as written (number + title), shortened for a cell.
pub fn section_label(document: &crate::model::Document, section: usize) -> String {
    let Some(s) = document.sections.get(section) else { return "?".to_owned() };
    let text = format!("{}{}", s.number, s.title);
    let mut short: String = text.chars().take(18).collect();
    if text.chars().count() > 18 {
        short.push('…');
    }
    short
}

/// Draw the alignment view.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let tr = app.tr();
    let Some(analysis) = app.analysis().cloned() else { return };
    let palette = Palette::of(ui.ctx());
    ui.horizontal(|ui| {
        ui.label(tr.fill(
            Text::AlignmentSummary,
            &[&analysis.alignment.rows.len().to_string(), &analysis.alignment.unaligned.len().to_string()],
        ));
        if !app.overrides().is_empty() {
            ui.separator();
            ui.label(tr.fill(Text::OverrideCount, &[&app.overrides().len().to_string()]));
            if ui.button(tr.t(Text::ClearOverrides)).clicked() {
                app.push(Command::ClearOverrides);
            }
        }
    });
    ui.weak(tr.t(Text::AlignmentHint));
    ui.separator();
    let names = crate::comparison::document_names(&analysis.documents);
    let count = analysis.documents.len().max(1);
    // Columns share the width so that five documents fit a 1400-pixel window without scrolling;
    // the topic column stays put when more have to scroll sideways.
    let cell_width =
        ((ui.available_width() - TOPIC_WIDTH - 24.0) / count as f32 - 14.0).clamp(MIN_CELL_WIDTH, CELL_WIDTH);
    egui::ScrollArea::vertical().id_salt("alignment-rows").auto_shrink(false).show(ui, |ui| {
        ui.horizontal_top(|ui| {
            // The frozen topic column.
            ui.vertical(|ui| {
                ui.set_width(TOPIC_WIDTH);
                egui::Grid::new("alignment-topics")
                    .striped(true)
                    .spacing([8.0, ROW_SPACING])
                    .min_row_height(ROW_HEIGHT)
                    .show(ui, |ui| {
                        ui.strong(tr.t(Text::ColTopic));
                        ui.end_row();
                        for (row_index, row) in analysis.alignment.rows.iter().enumerate() {
                            ui.horizontal(|ui| {
                                ui.set_width(TOPIC_WIDTH - 8.0);
                                if ui.small_button("≡").on_hover_text(tr.t(Text::ShowTopicHint)).clicked() {
                                    app.push(Command::ShowTopic(row_index));
                                }
                                let label = if row.topic.is_some() {
                                    egui::RichText::new(&row.label).strong()
                                } else {
                                    egui::RichText::new(&row.label)
                                };
                                let link = egui::Link::new(label);
                                if ui
                                    .add(link)
                                    .on_hover_text(format!("{}\n{}", row.label, tr.t(Text::CompareRowHint)))
                                    .clicked()
                                {
                                    app.push(Command::CompareRow(row_index));
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
            egui::ScrollArea::horizontal().id_salt("alignment-cells").auto_shrink([false, true]).show(ui, |ui| {
                egui::Grid::new("alignment-grid")
                    .striped(true)
                    .spacing([8.0, ROW_SPACING])
                    .min_row_height(ROW_HEIGHT)
                    .show(ui, |ui| {
                        for index in 0..analysis.documents.len() {
                            let name = crate::comparison::numbered_name(&names, index);
                            ui.add_sized(
                                [cell_width, ROW_HEIGHT],
                                egui::Label::new(egui::RichText::new(&name).strong().color(palette.document(index)))
                                    .truncate(),
                            )
                            .on_hover_text(&name);
                        }
                        ui.end_row();
                        for (row_index, row) in analysis.alignment.rows.iter().enumerate() {
                            let key = row.topic.clone().unwrap_or_else(|| row.label.clone());
                            for (doc, document) in analysis.documents.iter().enumerate() {
                                cell(
                                    app,
                                    ui,
                                    &tr,
                                    &palette,
                                    (row_index, row, &key),
                                    (doc, document, &names),
                                    cell_width,
                                );
                            }
                            ui.end_row();
                        }
                    });
            });
        });
        if !analysis.alignment.unaligned.is_empty() {
            ui.separator();
            ui.strong(tr.t(Text::Unaligned));
            ui.horizontal_wrapped(|ui| {
                for &(doc, section) in &analysis.alignment.unaligned {
                    if let Some(document) = analysis.documents.get(doc) {
                        let text = egui::RichText::new(format!(
                            "{} {}",
                            crate::comparison::document_number(doc),
                            section_label(document, section)
                        ))
                        .color(palette.document(doc));
                        if ui.link(text).clicked()
                            && let Some(s) = document.sections.get(section)
                        {
                            app.push(Command::Reveal { doc, span: s.span, other: None });
                        }
                    }
                }
            });
        }
    });
}

/// One cell of the matrix: the section in this row (or none), a picker to pin another section or
/// unpin this one, and the full heading on hover.
fn cell(
    app: &mut App,
    ui: &mut egui::Ui,
    tr: &Tr,
    palette: &Palette,
    (row_index, row, key): (usize, &crate::align::AlignmentRow, &str),
    (doc, document, names): (usize, &crate::model::Document, &[String]),
    width: f32,
) {
    let cell = row.cells.get(doc).copied().flatten();
    let full =
        |section: usize| document.sections.get(section).map(|s| format!("{}{}", s.number, s.title)).unwrap_or_default();
    let selected = match cell {
        Some(cell) => {
            let pin = if cell.pinned { "◆ " } else { "" };
            egui::RichText::new(format!("{pin}{} · {:.2}", section_label(document, cell.section), cell.score))
        }
        None => egui::RichText::new(tr.t(Text::EmptyCell)).color(palette.weak_text()),
    };
    let hover = match cell {
        Some(cell) => {
            format!("{}\n{}\n{}", crate::comparison::numbered_name(names, doc), full(cell.section), row.label)
        }
        None => format!("{}\n{}", crate::comparison::numbered_name(names, doc), row.label),
    };
    let filter_id = egui::Id::unique(("cell-filter", row_index, doc));
    egui::ComboBox::from_id_salt(("cell", row_index, doc))
        .width(width)
        .truncate()
        .selected_text(selected)
        .show_ui(ui, |ui| {
            let mut filter: String = ui.data_mut(|d| d.get_temp::<String>(filter_id)).unwrap_or_default();
            ui.add(egui::TextEdit::singleline(&mut filter).hint_text(tr.t(Text::PickerHint)).desired_width(240.0));
            ui.data_mut(|d| d.insert_temp(filter_id, filter.clone()));
            if let Some(cell) = cell
                && ui.button(tr.t(Text::Unpin)).clicked()
            {
                app.push(Command::Override(AlignmentOverride::Unpin { doc, section: cell.section }));
            }
            for section in 0..document.sections.len() {
                let text = full(section);
                if !filter.trim().is_empty() && !text.contains(filter.trim()) {
                    continue;
                }
                let current = cell.is_some_and(|c| c.section == section);
                if ui.selectable_label(current, text).clicked() && !current {
                    app.push(Command::Override(AlignmentOverride::Pin { doc, section, topic: key.to_owned() }));
                }
            }
        })
        .response
        .on_hover_text(hover);
}
