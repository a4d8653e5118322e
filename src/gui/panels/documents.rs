//! The loaded documents: metadata, warnings and copy-ratio badge; add, remove, reorder, and set the
//! date that decides which way reuse went.

use crate::reuse::Direction;

use super::super::app::App;
use super::super::commands::Command;
use super::super::i18n::{Text, date_kind_text};
use super::super::theme::Palette;

/// Width of the title column (titles of 公文 run to about twenty characters).
const TITLE_WIDTH: f32 = 280.0;

/// How much of `doc` is shared with each other document, and whether that document is the earlier
/// one (`Some(true)`), the later one (`Some(false)`) or undated (`None`).
pub fn shares(analysis: &crate::analysis::Analysis, doc: usize) -> Vec<(usize, f32, Option<bool>)> {
    let mut shares: Vec<(usize, f32, Option<bool>)> = analysis
        .reuse
        .pairs
        .iter()
        .filter_map(|pair| {
            let a_earlier = pair.direction.map(|d| d == Direction::AToB);
            if pair.a == doc {
                Some((pair.b, pair.a_ratio, a_earlier.map(|a| !a)))
            } else if pair.b == doc {
                Some((pair.a, pair.b_ratio, a_earlier))
            } else {
                None
            }
        })
        .collect();
    shares.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    shares
}

/// The copy-ratio badge of `doc`: the largest share of it found in an earlier (or undated)
/// document. Text later documents took from this one does not count against it. Pairs overlap, so
/// the largest pairwise share is shown rather than a sum.
pub fn copy_ratio(analysis: &crate::analysis::Analysis, doc: usize) -> f32 {
    shares(analysis, doc)
        .iter()
        .filter(|(_, _, other_earlier)| *other_earlier != Some(false))
        .map(|s| s.1)
        .fold(0.0, f32::max)
}

/// Draw the documents view.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let tr = app.tr();
    let Some(analysis) = app.analysis().cloned() else { return };
    let palette = Palette::of(ui.ctx());
    ui.horizontal(|ui| {
        if ui.button(tr.t(Text::AddFiles)).clicked() {
            app.push(Command::PickFiles);
        }
        ui.weak(tr.t(Text::DropHint));
    });
    ui.separator();
    let count = app.documents().len();
    let names = crate::comparison::document_names(app.documents());
    egui::ScrollArea::both().auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("documents-grid").striped(true).spacing([14.0, 8.0]).show(ui, |ui| {
            ui.strong("");
            for header in
                [Text::ColId, Text::ColTitle, Text::ColNumber, Text::ColDate, Text::ColEncoding, Text::ColSize]
            {
                ui.strong(tr.t(header));
            }
            ui.strong(tr.t(Text::ColReuse));
            ui.strong(tr.t(Text::ColWarnings));
            ui.end_row();
            for index in 0..count {
                // The buttons come first, so a narrow window never cuts them off.
                ui.horizontal(|ui| {
                    if ui.add_enabled(index > 0, egui::Button::new("↑")).on_hover_text(tr.t(Text::MoveUp)).clicked() {
                        app.push(Command::MoveDocument { from: index, to: index - 1 });
                    }
                    if ui
                        .add_enabled(index + 1 < count, egui::Button::new("↓"))
                        .on_hover_text(tr.t(Text::MoveDown))
                        .clicked()
                    {
                        app.push(Command::MoveDocument { from: index, to: index + 1 });
                    }
                    if ui.button(tr.t(Text::Remove)).clicked() {
                        app.push(Command::RemoveDocument(index));
                    }
                });
                let document = &app.documents()[index];
                let swatch = egui::RichText::new(format!("■ {}", document.id)).color(palette.document(index)).strong();
                ui.label(swatch);
                ui.vertical(|ui| {
                    ui.set_min_width(TITLE_WIDTH);
                    // The display name here; the full title on the hover.
                    let title = document.metadata.title.as_deref().unwrap_or(names[index].as_str());
                    ui.add(egui::Label::new(names[index].as_str()).wrap_mode(egui::TextWrapMode::Extend))
                        .on_hover_text(title);
                    ui.add(
                        egui::Label::new(egui::RichText::new(&document.path).weak())
                            .wrap_mode(egui::TextWrapMode::Extend),
                    );
                });
                ui.label(document.metadata.doc_number.as_deref().unwrap_or("—"));
                let current = document.metadata.date.map(|d| d.iso()).unwrap_or_default();
                // The hint names the kind of the date in use and lists every date found.
                let mut hint = tr.t(Text::DateHint).to_owned();
                if let Some(kind) = document.metadata.date_kind {
                    hint.push_str(&format!("\n{current}: {}", tr.t(date_kind_text(kind))));
                }
                if !document.metadata.dates.is_empty() {
                    hint.push_str(&format!("\n{}", tr.t(Text::DatesFound)));
                    for event in &document.metadata.dates {
                        let by = event.by.as_deref().map(|b| format!(" · {b}")).unwrap_or_default();
                        hint.push_str(&format!("\n  {} {}{by}", event.date, tr.t(date_kind_text(event.kind))));
                    }
                }
                let edit = app.date_edits.entry(index).or_insert_with(|| current.clone());
                let response = ui.add_sized([112.0, 22.0], egui::TextEdit::singleline(edit).hint_text("YYYY-MM-DD"));
                response.clone().on_hover_text(hint);
                if response.lost_focus() && *edit != current {
                    let trimmed = edit.trim().to_owned();
                    app.push(Command::SetDate { doc: index, date: (!trimmed.is_empty()).then_some(trimmed) });
                }
                let document = &app.documents()[index];
                ui.label(format!("{} · {}", document.encoding, document.format.name()));
                ui.label(crate::report::summary::human_size(document.bytes));
                let ratio = copy_ratio(&analysis, index);
                let per_doc = shares(&analysis, index);
                let badge = egui::RichText::new(format!(" {} ", crate::report::summary::percent_with(ratio, 0)))
                    .background_color(palette.heat(ratio))
                    .color(palette.heat_text(ratio));
                ui.label(badge).on_hover_ui(|ui| {
                    ui.label(tr.t(Text::CopyRatioHint));
                    for (other, r, other_earlier) in &per_doc {
                        let name = crate::comparison::numbered_name(&names, *other);
                        let arrow = match other_earlier {
                            Some(true) => "←",
                            Some(false) => "→",
                            None => "↔",
                        };
                        ui.label(format!("{arrow} {name}: {}", crate::report::summary::percent_with(*r, 1)));
                    }
                    if let Some(rule) = super::reuse_overview::rule_in(&analysis.reuse.rule, tr.language()) {
                        ui.weak(rule);
                    }
                });
                if document.warnings.is_empty() {
                    ui.weak("—");
                } else {
                    let text = tr.fill(Text::WarningCount, &[&document.warnings.len().to_string()]);
                    ui.label(egui::RichText::new(text).color(palette.error())).on_hover_ui(|ui| {
                        for warning in &document.warnings {
                            ui.label(warning);
                        }
                    });
                }
                ui.end_row();
            }
        });
    });
}
