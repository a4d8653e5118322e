//! The user's cache folder: the one place the crate decides where caches and crash reports go.
//!
//! `dirs` knows each platform's convention: `$XDG_CACHE_HOME` or `~/.cache` on Linux,
//! `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows.

use std::path::PathBuf;

/// The user's cache folder (not yet Duizhao's own subfolder), when the platform has one.
pub fn user_cache_dir() -> Option<PathBuf> {
    dirs::cache_dir()
}

/// Duizhao's cache folder: `duizhao` inside the user's cache folder, or inside the temporary
/// folder when there is no cache folder (a user without a home).
pub fn app_cache_dir() -> PathBuf {
    user_cache_dir().unwrap_or_else(std::env::temp_dir).join("duizhao")
}
