//! File → Check against a folder…: pick the draft and the folder, watch progress, cancel, and open
//! any hit next to the draft with one click.

use std::path::PathBuf;

use super::super::app::App;
use super::super::commands::Command;
use super::super::i18n::Text;

/// Draw the dialog (a window over the current view).
pub fn show(app: &mut App, ctx: &egui::Context) {
    let tr = app.tr();
    let short = crate::comparison::document_names(app.documents());
    let names: Vec<String> = (0..short.len()).map(|i| crate::comparison::numbered_name(&short, i)).collect();
    let mut open = app.folder_check.open;
    let mut commands = Vec::new();
    egui::Window::new(tr.t(Text::FolderCheck)).open(&mut open).collapsible(false).default_width(560.0).show(
        ctx,
        |ui| {
            let state = &mut app.folder_check;
            ui.label(tr.t(Text::FolderCheckHint));
            if names.is_empty() {
                ui.label(tr.t(Text::NoDocuments));
                return;
            }
            state.draft = state.draft.min(names.len() - 1);
            ui.horizontal(|ui| {
                ui.label(tr.t(Text::FolderCheckDraft));
                egui::ComboBox::from_id_salt("folder-check-draft").selected_text(names[state.draft].as_str()).show_ui(
                    ui,
                    |ui| {
                        for (index, name) in names.iter().enumerate() {
                            ui.selectable_value(&mut state.draft, index, name.as_str());
                        }
                    },
                );
            });
            ui.horizontal(|ui| {
                ui.label(tr.t(Text::FolderCheckFolder));
                ui.add(
                    egui::TextEdit::singleline(&mut state.folder)
                        .desired_width(320.0)
                        .hint_text(egui::RichText::new(tr.t(Text::FolderPathHint)).italics()),
                );
                if ui.button(tr.t(Text::ExportChoose)).clicked() {
                    commands.push(Command::PickFolder);
                }
            });
            ui.separator();
            if let Some(running) = &state.running {
                let (phase, done, total, _) = running.progress.snapshot();
                let fraction = if total > 0 { done as f32 / total as f32 } else { 0.0 };
                ui.add(egui::ProgressBar::new(fraction).text(format!("{phase} {done}/{total}")).animate(true));
                if ui.button(tr.t(Text::FolderCheckCancel)).clicked() {
                    running.cancel();
                }
            } else {
                let ready = !state.folder.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new(tr.t(Text::FolderCheckStart))).clicked() {
                    commands.push(Command::StartFolderCheck);
                }
            }
            match &state.result {
                Some(Ok(outcome)) => {
                    ui.separator();
                    ui.label(tr.fill(
                        Text::FolderCheckSummary,
                        &[&outcome.documents.to_string(), &outcome.hits.len().to_string()],
                    ));
                    ui.strong(tr.fill(
                        Text::CheckOverallShare,
                        &[&crate::report::check::percent(outcome.report.summary.share)],
                    ));
                    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                        egui::Grid::new("folder-check-hits").striped(true).show(ui, |ui| {
                            for header in [
                                Text::FolderColFile,
                                Text::FolderColChars,
                                Text::FolderColRatio,
                                Text::FolderColPassages,
                            ] {
                                ui.strong(tr.t(header));
                            }
                            ui.end_row();
                            for hit in &outcome.hits {
                                ui.label(hit.relative.display().to_string());
                                ui.label(tr.fill(Text::CharsCount, &[&hit.reused_chars.to_string()]));
                                ui.label(format!("{:.1}%", hit.draft_ratio * 100.0));
                                ui.label(hit.passages.to_string());
                                if ui.button(tr.t(Text::FolderCheckOpen)).clicked() {
                                    commands
                                        .push(Command::OpenFolderHit { draft: outcome.draft, path: hit.path.clone() });
                                }
                                ui.end_row();
                            }
                        });
                        for skipped in &outcome.skipped {
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                format!("{}: {}", skipped.path.display(), skipped.reason),
                            );
                        }
                    });
                    ui.separator();
                    report_row(ui, &tr, &mut state.report_path, &mut state.confirm_report, &mut commands);
                }
                Some(Err(error)) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("{}: {error}", tr.t(Text::FolderCheckFailed)),
                    );
                }
                None => {}
            }
        },
    );
    app.folder_check.open = open;
    for command in commands {
        app.push(command);
    }
}

/// The 查重 report row under the results: path, Choose…, Export; or the question whether to
/// replace an existing file.
fn report_row(
    ui: &mut egui::Ui,
    tr: &super::super::i18n::Tr,
    path: &mut String,
    confirm: &mut Option<PathBuf>,
    commands: &mut Vec<Command>,
) {
    if let Some(existing) = confirm.as_ref() {
        let mut cancel = false;
        ui.label(tr.fill(Text::ExportOverwrite, &[&existing.display().to_string()]));
        ui.horizontal(|ui| {
            if ui.button(tr.t(Text::ExportOverwriteYes)).clicked() {
                commands.push(Command::ConfirmCheckReportOverwrite);
            }
            // Declining only closes the question: the file stays as it is.
            cancel = ui.button(tr.t(Text::ExportOverwriteNo)).clicked();
        });
        if cancel {
            *confirm = None;
        }
        return;
    }
    ui.horizontal(|ui| {
        ui.label(tr.t(Text::CheckReportPath));
        ui.add(
            egui::TextEdit::singleline(path)
                .desired_width(260.0)
                .hint_text(egui::RichText::new(tr.t(Text::CheckReportHint)).italics()),
        );
        if ui.button(tr.t(Text::ExportChoose)).clicked() {
            commands.push(Command::ChooseCheckReportPath);
        }
        let ready = !path.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new(tr.t(Text::CheckReportExport))).clicked() {
            commands.push(Command::ExportCheckReport(PathBuf::from(path.trim())));
        }
    });
}

/// The folder typed into the dialog.
pub fn chosen_folder(app: &App) -> PathBuf {
    PathBuf::from(app.folder_check.folder.trim())
}
