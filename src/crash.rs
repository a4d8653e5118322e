//! Crash reports: a panic is a bug, and the user gets a file to send us instead of a vanished window.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

/// Where the last crash report was written, for the app to show.
static LAST_REPORT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Install a panic hook that writes a crash report (message, location, backtrace, version) to the
/// cache directory ([`crate::cache::app_cache_dir`]) and says where on stderr. The default hook's output is kept.
pub fn install_panic_hook() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default_hook(info);
        let backtrace = std::backtrace::Backtrace::force_capture();
        let thread = std::thread::current().name().unwrap_or("unnamed").to_string();
        let report = format!(
            "Duizhao {} crashed.\nthread: {thread}\n{info}\n\nbacktrace:\n{backtrace}\n",
            env!("CARGO_PKG_VERSION")
        );
        match write_report(&report) {
            Ok(path) => {
                eprintln!("duizhao: a crash report was written to {}", path.display());
                if let Ok(mut last) = LAST_REPORT.lock() {
                    *last = Some(path);
                }
            }
            Err(error) => eprintln!("duizhao: could not write a crash report: {error}"),
        }
    }));
}

/// The path of the crash report written by the most recent panic, if any.
pub fn last_report() -> Option<PathBuf> {
    LAST_REPORT.lock().ok().and_then(|last| last.clone())
}

fn write_report(report: &str) -> std::io::Result<PathBuf> {
    let dir = crate::cache::app_cache_dir();
    std::fs::create_dir_all(&dir)?;
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let path = dir.join(format!("crash-{stamp}-{}.txt", std::process::id()));
    let mut file = std::fs::File::create(&path)?;
    file.write_all(report.as_bytes())?;
    Ok(path)
}
