//! The alignment matrix: one row per topic, one column per document, each cell the section heading
//! and its score. A picker in every cell pins a section to the row (or takes it out); a click on the
//! row label compares the row side by side.

use super::super::app::App;
use super::super::commands::Command;
use super::super::i18n::Text;
use super::super::theme::Palette;

const CELL_WIDTH: f32 = 210.0;

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
    egui::ScrollArea::both().auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("alignment-grid").striped(true).spacing([8.0, 6.0]).min_col_width(60.0).show(ui, |ui| {
            ui.strong(tr.t(Text::ColTopic));
            for (index, document) in analysis.documents.iter().enumerate() {
                ui.label(
                    egui::RichText::new(format!("{} {}", document.id, document.label))
                        .strong()
                        .color(palette.document(index)),
                );
            }
            ui.end_row();
            for (row_index, row) in analysis.alignment.rows.iter().enumerate() {
                ui.horizontal(|ui| {
                    let label = if row.topic.is_some() {
                        egui::RichText::new(&row.label).strong()
                    } else {
                        egui::RichText::new(&row.label)
                    };
                    if ui.link(label).on_hover_text(tr.t(Text::CompareRowHint)).clicked() {
                        app.push(Command::CompareRow(row_index));
                    }
                    if ui.small_button("≡").on_hover_text(tr.t(Text::ShowTopicHint)).clicked() {
                        app.push(Command::ShowTopic(row_index));
                    }
                });
                let key = row.topic.clone().unwrap_or_else(|| row.label.clone());
                for (doc, document) in analysis.documents.iter().enumerate() {
                    let cell = row.cells.get(doc).copied().flatten();
                    let selected = match cell {
                        Some(cell) => {
                            let pin = if cell.pinned { "◆ " } else { "" };
                            egui::RichText::new(format!(
                                "{pin}{} · {:.2}",
                                section_label(document, cell.section),
                                cell.score
                            ))
                        }
                        None => egui::RichText::new(tr.t(Text::EmptyCell)).color(palette.weak_text()),
                    };
                    egui::ComboBox::from_id_salt(("cell", row_index, doc))
                        .width(CELL_WIDTH)
                        .selected_text(selected)
                        .show_ui(ui, |ui| {
                            if let Some(cell) = cell
                                && ui.button(tr.t(Text::Unpin)).clicked()
                            {
                                app.push(Command::Unpin { doc, section: cell.section });
                            }
                            for section in 0..document.sections.len() {
                                let current = cell.is_some_and(|c| c.section == section);
                                let text = format!(
                                    "{}{}",
                                    document.sections[section].number, document.sections[section].title
                                );
                                if ui.selectable_label(current, text).clicked() && !current {
                                    app.push(Command::Pin { doc, section, topic: key.clone() });
                                }
                            }
                        })
                        .response
                        .on_hover_text(format!("{} · {}", document.label, row.label));
                }
                ui.end_row();
            }
        });
        if !analysis.alignment.unaligned.is_empty() {
            ui.separator();
            ui.strong(tr.t(Text::Unaligned));
            ui.horizontal_wrapped(|ui| {
                for &(doc, section) in &analysis.alignment.unaligned {
                    if let Some(document) = analysis.documents.get(doc) {
                        let text = egui::RichText::new(format!("{} {}", document.id, section_label(document, section)))
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
