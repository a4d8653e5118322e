//! Preferences: reuse threshold, boilerplate, diff granularity, matching insensitivity, theme and
//! language. Settings that change the analysis re-run it; the others only redraw.

use crate::diff::Granularity;

use super::super::app::App;
use super::super::commands::Command;
use super::super::i18n::{Language, Text};
use super::super::theme::ThemeChoice;

/// Draw the settings view.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let tr = app.tr();
    let before = app.settings.clone();
    let settings = &mut app.settings;
    egui::Grid::new("settings-grid").num_columns(2).spacing([24.0, 12.0]).show(ui, |ui| {
        ui.label(tr.t(Text::SettingMinReuse));
        ui.add(egui::Slider::new(&mut settings.min_reuse_chars, 6..=60).suffix(tr.t(Text::CharsSuffix)))
            .on_hover_text(tr.t(Text::SettingMinReuse));
        ui.end_row();

        ui.label(tr.t(Text::MarkBoilerplate));
        ui.checkbox(&mut settings.marks.boilerplate, tr.t(Text::SettingShowBoilerplate));
        ui.end_row();

        ui.label(tr.t(Text::SettingGranularity));
        ui.horizontal(|ui| {
            ui.radio_value(&mut settings.granularity, Granularity::Word, tr.t(Text::GranularityWord));
            ui.radio_value(&mut settings.granularity, Granularity::Char, tr.t(Text::GranularityChar));
        });
        ui.end_row();

        ui.label(tr.t(Text::SettingMatching));
        ui.vertical(|ui| {
            ui.checkbox(&mut settings.ignore_punctuation, tr.t(Text::SettingIgnorePunctuation));
            ui.checkbox(&mut settings.ignore_whitespace, tr.t(Text::SettingIgnoreWhitespace));
            ui.checkbox(&mut settings.ignore_levels, tr.t(Text::SettingIgnoreLevels));
        });
        ui.end_row();

        ui.label(tr.t(Text::SettingTheme));
        ui.horizontal(|ui| {
            ui.radio_value(&mut settings.theme, ThemeChoice::System, tr.t(Text::ThemeSystem));
            ui.radio_value(&mut settings.theme, ThemeChoice::Light, tr.t(Text::ThemeLight));
            ui.radio_value(&mut settings.theme, ThemeChoice::Dark, tr.t(Text::ThemeDark));
        });
        ui.end_row();

        ui.label(tr.t(Text::SettingLanguage));
        ui.horizontal(|ui| {
            ui.radio_value(&mut settings.language, Language::Chinese, "中文");
            ui.radio_value(&mut settings.language, Language::English, "English");
        });
        ui.end_row();
    });
    ui.add_space(12.0);
    ui.weak(tr.t(Text::SettingsHint));
    let analysis_changed = before.min_reuse_chars != app.settings.min_reuse_chars
        || before.granularity != app.settings.granularity
        || before.ignore_punctuation != app.settings.ignore_punctuation
        || before.ignore_whitespace != app.settings.ignore_whitespace
        || before.ignore_levels != app.settings.ignore_levels;
    // While a slider is dragged every step queues an analysis; the worker runs only the newest.
    if analysis_changed {
        app.push(Command::Reanalyse);
    }
}
