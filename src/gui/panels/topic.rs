//! One topic across every document: the row's sections in columns, each marked against a chosen
//! base document — the N-way comparison a two-pane diff tool cannot show.

use super::super::app::App;
use super::super::commands::Command;
use super::super::compare::{self, Mark, Side};
use super::super::i18n::Text;
use super::super::theme::Palette;
use super::super::widgets::marked_text::TextRef;

/// Draw the topic view.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let tr = app.tr();
    let Some(analysis) = app.analysis().cloned() else { return };
    if analysis.alignment.rows.is_empty() {
        ui.label(tr.t(Text::NoTopics));
        return;
    }
    app.topic.row = app.topic.row.min(analysis.alignment.rows.len() - 1);
    let row_index = app.topic.row;
    let row = &analysis.alignment.rows[row_index];
    let palette = Palette::of(ui.ctx());
    let names = crate::comparison::document_names(&analysis.documents);
    ui.horizontal(|ui| {
        ui.label(tr.t(Text::ColTopic));
        egui::ComboBox::from_id_salt("topic-row")
            .width(260.0)
            .selected_text(&row.label)
            .show_ui(ui, |ui| {
                for (i, r) in analysis.alignment.rows.iter().enumerate() {
                    let present = r.cells.iter().filter(|c| c.is_some()).count();
                    if ui.selectable_label(i == row_index, format!("{} ({present})", r.label)).clicked() {
                        app.push(Command::ShowTopic(i));
                    }
                }
            })
            .response
            .on_hover_text(tr.t(Text::ColTopic));
        ui.separator();
        ui.label(tr.t(Text::BaseDocument));
        let base_name = crate::comparison::numbered_name(&names, app.topic.base);
        egui::ComboBox::from_id_salt("topic-base")
            .width(220.0)
            .selected_text(base_name)
            .show_ui(ui, |ui| {
                for doc in 0..analysis.documents.len() {
                    if row.cells.get(doc).is_some_and(|c| c.is_some()) {
                        ui.selectable_value(&mut app.topic.base, doc, crate::comparison::numbered_name(&names, doc));
                    }
                }
            })
            .response
            .on_hover_text(tr.t(Text::BaseDocument));
    });
    ui.weak(tr.t(Text::TopicHint));
    legend(ui, &tr, &palette, &app.settings.marks, app.topic.base);
    ui.separator();

    app.ensure_topic_diffs();
    let diffs = app.topic_diffs();
    let base = app.topic.base;
    // Every document gets a column: one without this topic shows that, rather than vanishing.
    let present: Vec<usize> = (0..analysis.documents.len()).collect();
    if !row.cells.iter().any(|c| c.is_some()) {
        return;
    }
    let toggles = app.settings.marks;
    let column_width = ((ui.available_width() - 24.0 * present.len() as f32) / present.len() as f32).max(140.0);
    let generation = app.generation();
    let ctx = ui.ctx().clone();
    egui::ScrollArea::both().id_salt("topic-scroll").auto_shrink(false).show(ui, |ui| {
        ui.horizontal_top(|ui| {
            // Index of the diff for each non-base document, in document order (as requested).
            let mut diff_index = 0;
            for &doc in &present {
                let document = &analysis.documents[doc];
                let cell = row.cells.get(doc).copied().flatten();
                let Some((cell, section)) = cell.and_then(|c| Some((c, document.sections.get(c.section)?))) else {
                    ui.allocate_ui(egui::vec2(column_width, 0.0), |ui| {
                        ui.set_width(column_width);
                        ui.vertical(|ui| {
                            let title = crate::comparison::numbered_name(&names, doc);
                            ui.label(egui::RichText::new(title).strong().color(palette.document(doc)));
                            // The explicit empty cell, in the words of the side-by-side view.
                            ui.label(egui::RichText::new(tr.t(Text::GapCell)).italics().color(palette.weak_text()));
                            ui.weak(tr.t(Text::TopicMissing));
                        });
                    });
                    ui.separator();
                    continue;
                };
                let mut marks: Vec<Mark> = Vec::new();
                if doc != base {
                    if let Some(diff) = diffs.as_ref().and_then(|d| d.get(diff_index)) {
                        compare::diff_marks(diff, Side::Right, section.span, &toggles, &mut marks);
                    }
                    diff_index += 1;
                }
                compare::reuse_marks(&analysis, doc, Some(base), section.span, &toggles, &mut marks);
                ui.allocate_ui(egui::vec2(column_width, 0.0), |ui| {
                    ui.set_width(column_width);
                    ui.vertical(|ui| {
                        let title = crate::comparison::numbered_name(&names, doc);
                        let mut header = egui::RichText::new(title).strong().color(palette.document(doc));
                        if doc == base {
                            header = header.underline();
                        }
                        ui.label(header);
                        ui.weak(tr.fill(Text::CellScore, &[&format!("{:.2}", cell.score)]));
                        let text = TextRef { generation, index: doc, doc: document, span: section.span };
                        let galley = app.galleys.galley(&ctx, text, &marks, &palette, column_width);
                        ui.label(galley);
                    });
                });
                ui.separator();
            }
        });
    });
}

/// What the colours of the topic view mean.
fn legend(
    ui: &mut egui::Ui,
    tr: &super::super::i18n::Tr,
    palette: &Palette,
    marks: &super::super::settings::MarkToggles,
    base: usize,
) {
    ui.horizontal_wrapped(|ui| {
        ui.weak(tr.t(Text::Legend));
        let swatch = |ui: &mut egui::Ui, fill: egui::Color32, text: &str, color: egui::Color32| {
            ui.label(egui::RichText::new(format!(" {text} ")).background_color(fill).color(color));
        };
        if marks.reuse {
            swatch(ui, palette.reuse_background(base), tr.t(Text::TopicLegendShared), palette.text());
        }
        swatch(ui, egui::Color32::TRANSPARENT, tr.t(Text::MarkInserted), palette.inserted());
        swatch(ui, egui::Color32::TRANSPARENT, tr.t(Text::MarkChanged), palette.changed());
        ui.label(egui::RichText::new(tr.t(Text::TopicLegendBase)).underline());
    });
}
