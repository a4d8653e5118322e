//! The 政策对标表: for every aligned topic, the levers each document sets (money, rates, counts,
//! deadlines, departments, wording strength) side by side, marked against a chosen base document.
//! A value is a link to its place in the text (the side-by-side view, next to the base).

use std::sync::Arc;

use super::super::app::App;
use super::super::commands::{Command, View};
use super::super::i18n::{Text, Tr};
use super::super::theme::Palette;
use crate::levers::{Change, LeverKind, LeverLine, LeverTable};

/// The row label of a line in the UI language.
fn line_label(tr: &Tr, line: &LeverLine) -> String {
    match line.kind {
        LeverKind::Money => tr.t(Text::LeverMoney).to_string(),
        LeverKind::Rate => tr.t(Text::LeverRate).to_string(),
        LeverKind::Count => tr.fill(Text::LeverCount, &[&line.unit]),
        LeverKind::Duration => match line.unit.as_str() {
            "起" => tr.t(Text::LeverStart).to_string(),
            "至" => tr.t(Text::LeverEnd).to_string(),
            unit => tr.fill(Text::LeverDuration, &[unit]),
        },
        LeverKind::Department => tr
            .t(match line.unit.as_str() {
                "牵头单位" => Text::LeverLead,
                "配合单位" => Text::LeverPartner,
                _ => Text::LeverResponsible,
            })
            .to_string(),
        LeverKind::Modal => tr.t(Text::LeverModal).to_string(),
    }
}

/// The label and colour of a change; `None` for the base and empty cells.
fn change_label(tr: &Tr, palette: &Palette, change: Change) -> Option<(&'static str, egui::Color32)> {
    Some(match change {
        Change::Same => (tr.t(Text::ChangeSame), palette.weak_text()),
        Change::Higher => (tr.t(Text::ChangeHigher), palette.inserted()),
        Change::New => (tr.t(Text::ChangeNew), palette.inserted()),
        Change::Lower => (tr.t(Text::ChangeLower), palette.deleted()),
        Change::Dropped => (tr.t(Text::ChangeDropped), palette.deleted()),
        Change::Changed => (tr.t(Text::ChangeDifferent), palette.changed()),
        Change::Base | Change::Absent => return None,
    })
}

/// The tooltip of a value: what it is about (who pays, per what, of what, target year), then its
/// clause and place.
fn hover_text(tr: &Tr, lever: &crate::levers::Lever) -> String {
    let mut lines: Vec<String> = Vec::new();
    if let Some(payer) = &lever.payer {
        lines.push(tr.fill(Text::LeverPayer, &[payer]));
    }
    if let Some(period) = &lever.period {
        lines.push(period.clone());
    }
    if let Some(of) = &lever.of {
        lines.push(tr.fill(Text::LeverOf, &[of]));
    }
    if let Some(year) = lever.target_year {
        lines.push(tr.fill(Text::LeverTarget, &[&year.to_string()]));
    }
    lines.push(tr.fill(Text::LeversJump, &[&lever.phrase, &lever.span.start.to_string(), &lever.span.end.to_string()]));
    lines.join("\n")
}

/// The tables for the current analysis and base, computed once per (analysis, base).
fn tables(app: &mut App) -> Option<Arc<Vec<LeverTable>>> {
    let analysis = app.analysis()?.clone();
    let generation = app.generation();
    app.levers.base = app.levers.base.min(analysis.documents.len().saturating_sub(1));
    let base = app.levers.base;
    match &app.levers.tables {
        Some((g, b, tables)) if *g == generation && *b == base => Some(tables.clone()),
        _ => {
            let tables = Arc::new(analysis.lever_tables(base));
            app.levers.tables = Some((generation, base, tables.clone()));
            Some(tables)
        }
    }
}

/// Draw the levers view.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let tr = app.tr();
    let Some(analysis) = app.analysis().cloned() else { return };
    let Some(tables) = tables(app) else { return };
    let palette = Palette::of(ui.ctx());
    let names = crate::comparison::document_names(&analysis.documents);
    let base = app.levers.base;
    ui.horizontal(|ui| {
        ui.label(tr.t(Text::BaseDocument));
        egui::ComboBox::from_id_salt("levers-base")
            .width(260.0)
            .selected_text(crate::comparison::numbered_name(&names, base))
            .show_ui(ui, |ui| {
                for doc in 0..analysis.documents.len() {
                    ui.selectable_value(&mut app.levers.base, doc, crate::comparison::numbered_name(&names, doc));
                }
            })
            .response
            .on_hover_text(tr.t(Text::BaseDocument));
        ui.separator();
        ui.checkbox(&mut app.levers.hide_wording, tr.t(Text::LeversHideWording));
    });
    ui.weak(tr.t(Text::LeversHint));
    ui.separator();
    if tables.is_empty() {
        ui.label(tr.t(Text::LeversNone));
        return;
    }
    let docs = analysis.documents.len();
    let kind_width = 110.0;
    let column = ((ui.available_width() - kind_width - 40.0) / docs as f32 - 12.0).max(150.0);
    let hide_wording = app.levers.hide_wording;
    let shown = |line: &&LeverLine| !(hide_wording && line.kind == LeverKind::Modal);
    egui::ScrollArea::both().id_salt("levers-scroll").auto_shrink(false).show(ui, |ui| {
        for table in tables.iter().filter(|t| t.lines.iter().any(|l| shown(&l))) {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(&table.label).strong().size(16.0).color(palette.heading_text()));
                if ui.small_button("→").on_hover_text(tr.t(Text::LeversOpenTopic)).clicked() {
                    app.push(Command::ShowTopic(table.row));
                    app.push(Command::ShowView(View::Topic));
                }
            });
            // Rows are laid out in the same frame (not a Grid, which sizes rows from the frame
            // before): a tall cell pushes the next line down instead of running into it.
            ui.horizontal_top(|ui| {
                ui.allocate_ui(egui::vec2(kind_width, 0.0), |ui| {
                    ui.set_width(kind_width);
                    ui.weak(tr.t(Text::LeversKind));
                });
                for doc in 0..docs {
                    ui.allocate_ui(egui::vec2(column, 0.0), |ui| {
                        ui.set_width(column);
                        let mut name = crate::comparison::numbered_name(&names, doc);
                        if doc == base {
                            name.push_str(tr.t(Text::LeversBaseSuffix));
                        }
                        let mut text = egui::RichText::new(name).strong().color(palette.document(doc));
                        if doc == base {
                            text = text.underline();
                        }
                        ui.add(egui::Label::new(text).wrap());
                    });
                }
            });
            for line in table.lines.iter().filter(shown) {
                ui.add(egui::Separator::default().spacing(2.0));
                ui.horizontal_top(|ui| {
                    ui.allocate_ui(egui::vec2(kind_width, 0.0), |ui| {
                        ui.set_width(kind_width);
                        ui.add(egui::Label::new(line_label(&tr, line)).wrap());
                    });
                    for cell in &line.cells {
                        ui.allocate_ui(egui::vec2(column, 0.0), |ui| {
                            ui.set_width(column);
                            ui.horizontal_wrapped(|ui| {
                                if let Some((label, colour)) = change_label(&tr, &palette, cell.change) {
                                    ui.label(egui::RichText::new(label).strong().color(colour));
                                }
                                for lever in &cell.levers {
                                    let hover = hover_text(&tr, lever);
                                    let link = ui.add(egui::Link::new(lever.display_value())).on_hover_text(hover);
                                    if link.clicked() {
                                        let other = (cell.doc != base).then_some(base);
                                        app.push(Command::Reveal { doc: cell.doc, span: lever.span, other });
                                    }
                                }
                            });
                        });
                    }
                });
            }
            ui.separator();
        }
    });
}
