//! What the user chose and expects to find again next time. Results are never stored: they are
//! recomputed from the documents and these settings.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::align::AlignmentOverride;
use crate::analysis::AnalysisOptions;
use crate::diff::Granularity;

use super::i18n::Language;
use super::theme::ThemeChoice;

/// How many recently opened files are remembered.
pub const MAX_RECENT_FILES: usize = 12;

/// Which marks the text views draw. Each is a toggle in the side-by-side toolbar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct MarkToggles {
    /// Text only in the right-hand (later) text.
    pub inserted: bool,
    /// Text only in the left-hand text.
    pub deleted: bool,
    /// Replaced text on both sides.
    pub changed: bool,
    /// Text shared with another document, coloured by that document.
    pub reuse: bool,
    /// Also mark boilerplate passages (公文 formulae).
    pub boilerplate: bool,
    /// Mark reuse from every loaded document, not only between the two compared ones.
    pub all_sources: bool,
}

impl Default for MarkToggles {
    fn default() -> Self {
        Self { inserted: true, deleted: true, changed: true, reuse: true, boilerplate: false, all_sources: false }
    }
}

/// The persisted settings (eframe storage, key [`Settings::STORAGE_KEY`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// UI language.
    pub language: Language,
    /// Light, dark or follow the system.
    pub theme: ThemeChoice,
    /// Minimum length of an exact reused passage, in normalised chars.
    pub min_reuse_chars: usize,
    /// Diff by words or by characters.
    pub granularity: Granularity,
    /// Matching ignores punctuation (and its width).
    pub ignore_punctuation: bool,
    /// Matching ignores whitespace.
    pub ignore_whitespace: bool,
    /// Reuse matching reads every administrative level (国务院, 省, 县级以上地方人民政府 …) as one
    /// word ([`crate::segment::normalize::NormalizeOptions::fold_levels`]).
    pub ignore_levels: bool,
    /// What the text views mark.
    pub marks: MarkToggles,
    /// Files opened recently, newest first.
    pub recent_files: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        let options = AnalysisOptions::default();
        Self {
            language: Language::default(),
            theme: ThemeChoice::default(),
            min_reuse_chars: options.reuse.min_chars,
            granularity: options.diff.granularity,
            ignore_punctuation: options.normalize.ignore_punctuation,
            ignore_whitespace: options.normalize.ignore_whitespace,
            ignore_levels: options.normalize.fold_levels,
            marks: MarkToggles::default(),
            recent_files: Vec::new(),
        }
    }
}

impl Settings {
    /// Key under which eframe stores the settings.
    pub const STORAGE_KEY: &'static str = "duizhao.settings";

    /// The analysis options these settings ask for, with the user's alignment corrections.
    pub fn analysis_options(&self, overrides: &[AlignmentOverride]) -> AnalysisOptions {
        let mut options = AnalysisOptions::default();
        options.reuse.min_chars = self.min_reuse_chars.max(2);
        options.diff.granularity = self.granularity;
        options.normalize.ignore_punctuation = self.ignore_punctuation;
        options.normalize.ignore_whitespace = self.ignore_whitespace;
        options.normalize.fold_levels = self.ignore_levels;
        options.overrides = overrides.to_vec();
        options
    }

    /// Put `path` at the top of the recent files.
    pub fn remember_file(&mut self, path: PathBuf) {
        self.recent_files.retain(|p| p != &path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(MAX_RECENT_FILES);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_or_partial_settings_load_with_defaults() {
        let settings: Settings = serde_json::from_str(r#"{"min_reuse_chars": 20}"#).unwrap_or_default();
        assert_eq!(settings.min_reuse_chars, 20);
        assert_eq!(settings.marks, MarkToggles::default());
        assert_eq!(settings.analysis_options(&[]).reuse.min_chars, 20);
    }

    #[test]
    fn recent_files_are_unique_and_newest_first() {
        let mut settings = Settings::default();
        settings.remember_file("a.txt".into());
        settings.remember_file("b.txt".into());
        settings.remember_file("a.txt".into());
        assert_eq!(settings.recent_files, vec![PathBuf::from("a.txt"), PathBuf::from("b.txt")]);
    }
}
