//! `duizhao outline FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

use super::OutputFormat;

/// Print the outline of each file.
pub fn run(files: &[PathBuf], _format: OutputFormat) -> anyhow::Result<ExitCode> {
    for (index, path) in files.iter().enumerate() {
        let decoded = duizhao::ingest::read_file(path)?;
        let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let document =
            duizhao::outline::build_document(format!("D{}", index + 1), path.display().to_string(), bytes, decoded);
        println!("{} {} chars", document.id, document.chars());
    }
    Ok(ExitCode::SUCCESS)
}
