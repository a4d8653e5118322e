//! The desktop app (eframe/egui). Nothing in the analysis core depends on this module.
//!
//! Layout follows the usual egui app structure: [`settings`] (persisted, `#[serde(default)]`) kept
//! apart from the runtime state in [`app`] (split by concern: view state, documents and worker
//! outcomes, command application, file choosing); panels return [`commands`] applied after the
//! frame; slow work runs on the named [`worker`] thread; all colours live in [`theme`], all strings in
//! [`i18n`]. The documents themselves live in the library's [`crate::workspace::Workspace`], and what
//! the comparison shows (pair layout with gaps, marks, provenance wording, names, counts) comes from
//! [`crate::comparison`], which the reports use too. Files are chosen with the native dialog or, where
//! the desktop has none, the in-app [`file_browser`].

pub mod app;
pub mod commands;
pub mod compare;
pub mod file_browser;
pub mod folder_check;
pub mod fonts;
pub mod i18n;
pub mod panels;
pub mod screenshot;
pub mod settings;
pub mod startup;
pub mod theme;
pub mod widgets;
pub mod worker;

use std::path::PathBuf;

pub use app::{App, StartWith};

/// Open the window on `files`, or on the bundled corpus when `files` is empty. Blocks until closed.
pub fn run(files: Vec<PathBuf>) -> Result<(), eframe::Error> {
    let start = if files.is_empty() { StartWith::Corpus } else { StartWith::Files(files) };
    let screenshot = screenshot::ScreenshotPlan::from_env();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("对照 Duizhao")
            .with_inner_size(screenshot::size_from_env().filter(|_| screenshot.is_some()).unwrap_or([1400.0, 900.0]))
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        // Rare hanzi outside the bundled subset come from fonts installed on the system.
        system_font_fallback: true,
        // Screenshots must show the documented default size, not a remembered one.
        persist_window: screenshot.is_none(),
        ..Default::default()
    };
    eframe::run_native(
        "duizhao",
        options,
        Box::new(move |creation| {
            let mut settings: settings::Settings = match (&screenshot, creation.storage) {
                // Screenshots show the defaults, whatever this machine saved.
                (None, Some(storage)) => {
                    eframe::get_value(storage, settings::Settings::STORAGE_KEY).unwrap_or_default()
                }
                _ => settings::Settings::default(),
            };
            if screenshot.is_some()
                && let Some(theme) = screenshot::theme_from_env()
            {
                settings.theme = theme;
            }
            if screenshot.is_some() && std::env::var("DUIZHAO_LANG").is_ok_and(|l| l == "en") {
                settings.language = i18n::Language::English;
            }
            fonts::install(&creation.egui_ctx);
            let app = App::new(settings, start);
            Ok(Box::new(match screenshot {
                Some(plan) => app.with_screenshot(plan),
                None => app,
            }))
        }),
    )
}
