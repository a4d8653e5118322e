//! One file per panel. [`frame`] lays out the window: menu and view tabs on top, messages below
//! them, a status line at the bottom, and the current view in the middle.

pub mod alignment;
pub mod documents;
pub mod export;
pub mod folder_check;
pub mod levers;
pub mod reuse_overview;
pub mod revision;
pub mod settings;
pub mod side_by_side;
pub mod topic;

use super::app::{App, MessageKind};
use super::commands::{Command, View};
use super::i18n::Text;
use super::theme::Palette;

/// Draw the whole window.
pub fn frame(app: &mut App, ui: &mut egui::Ui) {
    let tr = app.tr();
    egui::Panel::top("duizhao-menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(tr.t(Text::MenuFile), |ui| {
                if ui.button(tr.t(Text::OpenFiles)).clicked() {
                    app.push(Command::PickFiles);
                }
                ui.menu_button(tr.t(Text::RecentFiles), |ui| {
                    if app.settings.recent_files.is_empty() {
                        ui.label(tr.t(Text::NoRecentFiles));
                    }
                    for path in app.settings.recent_files.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            app.push(Command::OpenFiles(vec![path]));
                        }
                    }
                });
                ui.separator();
                let can_export = app.analysis().is_some();
                if ui.add_enabled(can_export, egui::Button::new(tr.t(Text::ExportReport))).clicked() {
                    app.push(Command::OpenExport);
                }
                let two = app.documents().len() >= 2;
                if ui.add_enabled(two, egui::Button::new(tr.t(Text::CompareVersions))).clicked() {
                    let (old, new) = revision::default_pair(app);
                    app.push(Command::CompareVersions { old, new });
                }
                if ui.add_enabled(!app.documents().is_empty(), egui::Button::new(tr.t(Text::FolderCheck))).clicked() {
                    app.push(Command::OpenFolderCheck);
                }
                ui.separator();
                if ui.button(tr.t(Text::Quit)).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.separator();
            for view in View::ALL {
                if ui.selectable_label(app.view == view, tr.view(view)).clicked() {
                    app.push(Command::ShowView(view));
                }
            }
        });
    });

    egui::Panel::bottom("duizhao-status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if app.is_busy() {
                ui.spinner();
                ui.label(tr.t(Text::Analysing));
            } else if let Some(analysis) = app.analysis() {
                // The same count as the passage list and the reports: boilerplate is not reuse.
                let counts = crate::comparison::counts(&analysis.reuse.passages, |_| true);
                ui.label(tr.fill(
                    Text::StatusReady,
                    &[
                        &analysis.documents.len().to_string(),
                        &analysis.alignment.rows.len().to_string(),
                        &counts.passages.to_string(),
                    ],
                ));
                if let Some(elapsed) = app.last_analysis_time() {
                    ui.weak(format!("({:.0} ms)", elapsed.as_secs_f64() * 1000.0));
                }
            } else {
                ui.label(tr.t(Text::NoDocuments));
            }
        });
    });

    if !app.messages().is_empty() {
        let palette = Palette::of(ui.ctx());
        egui::Panel::top("duizhao-messages")
            .frame(egui::Frame::new().fill(palette.message_background()).inner_margin(6.0))
            .show(ui, |ui| {
                // One area for every message, newest last; each can be dismissed, or all at once.
                let messages = app.messages().to_vec();
                for (index, message) in messages.iter().enumerate() {
                    ui.horizontal(|ui| {
                        if ui.small_button("×").on_hover_text(tr.t(Text::Dismiss)).clicked() {
                            app.push(Command::DismissMessage(index));
                        }
                        let text = egui::RichText::new(&message.text);
                        ui.add(
                            egui::Label::new(match message.kind {
                                MessageKind::Error => text.color(palette.error()),
                                MessageKind::Success => text.color(palette.success()),
                                MessageKind::Notice => text,
                            })
                            .wrap(),
                        );
                    });
                }
                if messages.len() > 1 && ui.small_button(tr.t(Text::DismissAll)).clicked() {
                    app.push(Command::DismissAllMessages);
                }
            });
    }

    egui::CentralPanel::default().show(ui, |ui| {
        if app.analysis().is_none() {
            ui.centered_and_justified(|ui| {
                if app.is_busy() {
                    ui.horizontal_centered(|ui| {
                        ui.spinner();
                        ui.heading(tr.t(Text::Analysing));
                    });
                } else if app.view == View::Settings {
                    settings::show(app, ui);
                } else {
                    ui.vertical_centered(|ui| {
                        ui.add_space(ui.available_height() / 3.0);
                        ui.heading(tr.t(Text::DropHint));
                        if ui.button(tr.t(Text::OpenFiles)).clicked() {
                            app.push(Command::PickFiles);
                        }
                    });
                }
            });
            return;
        }
        match app.view {
            View::Documents => documents::show(app, ui),
            View::Alignment => alignment::show(app, ui),
            View::SideBySide => side_by_side::show(app, ui),
            View::Topic => topic::show(app, ui),
            View::Reuse => reuse_overview::show(app, ui),
            View::Levers => levers::show(app, ui),
            View::Settings => settings::show(app, ui),
            View::Revision => revision::show(app, ui),
        }
    });
}
