//! Finding the documents under a folder.
//!
//! Real folders hold symlink loops, unreadable subfolders, dangling links and files of every kind.
//! The walk never stops for them: problems are recorded as [`Skipped`] with the reason, symlinked
//! folders are followed once (the canonical path of every visited folder is remembered), and files
//! are taken by extension (txt, docx, html, htm, pdf) or, without a known extension, by sniffing
//! their first bytes. Whether a file really is a readable document is for ingest to say.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::index::INDEX_DIR;
use super::progress::Control;
use super::{ScanError, Skipped};

/// Extensions taken as documents without looking inside.
pub const DOCUMENT_EXTENSIONS: &[&str] = crate::ingest::DOCUMENT_EXTENSIONS;

/// What a walk found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WalkResult {
    /// Document files, by path, sorted; each real file once even when reachable through links.
    pub files: Vec<PathBuf>,
    /// Folders and files that could not be looked at, with reasons.
    pub skipped: Vec<Skipped>,
    /// Files that are not documents (other extensions, sniffed as something else).
    pub ignored: usize,
    /// Every folder listed, with its modification time when it was listed: while none of them
    /// changes, no file was added, removed or renamed, and the next scan may skip the walk.
    pub folders: Vec<(PathBuf, (i64, u32))>,
}

/// Walk `root` recursively. Only a cancel stops it.
pub fn walk(root: &Path, control: &Control) -> Result<WalkResult, ScanError> {
    let mut result = WalkResult::default();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    let mut seen_files: HashSet<PathBuf> = HashSet::new();
    let mut pending: Vec<PathBuf> = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        control.check()?;
        let canonical = match fs::canonicalize(&dir) {
            Ok(canonical) => canonical,
            Err(error) => {
                result.skipped.push(Skipped { path: dir, reason: format!("cannot resolve folder: {error}") });
                continue;
            }
        };
        if !seen_dirs.insert(canonical.clone()) {
            if dir != canonical || fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
                result.skipped.push(Skipped {
                    path: dir,
                    reason: format!("symlink loop: folder {} is already scanned", canonical.display()),
                });
            }
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) => {
                result.skipped.push(Skipped { path: dir, reason: format!("cannot list folder: {error}") });
                continue;
            }
        };
        if let Ok(metadata) = fs::metadata(&dir) {
            result.folders.push((dir.clone(), super::index::modified(&metadata)));
        }
        let mut children: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => children.push(entry.path()),
                Err(error) => result
                    .skipped
                    .push(Skipped { path: dir.clone(), reason: format!("cannot list folder entry: {error}") }),
            }
        }
        children.sort();
        // Push in reverse so the stack visits children in name order (deterministic listing).
        for child in children.into_iter().rev() {
            if child.file_name().is_some_and(|name| name == INDEX_DIR) {
                continue;
            }
            visit(child, &canonical, &mut result, &mut pending, &mut seen_files);
        }
    }
    result.files.sort();
    result.skipped.sort();
    result.folders.sort();
    Ok(result)
}

fn visit(
    path: PathBuf,
    canonical_dir: &Path,
    result: &mut WalkResult,
    pending: &mut Vec<PathBuf>,
    seen_files: &mut HashSet<PathBuf>,
) {
    let metadata = match fs::metadata(&path) {
        Ok(metadata) => metadata,
        Err(error) => {
            let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
            let reason = if is_link && error.kind() == std::io::ErrorKind::NotFound {
                "broken symlink: its target does not exist".to_string()
            } else if error.kind() == std::io::ErrorKind::NotFound {
                "vanished during the scan".to_string()
            } else {
                format!("cannot read file information: {error}")
            };
            result.skipped.push(Skipped { path, reason });
            return;
        }
    };
    if metadata.is_dir() {
        pending.push(path);
        return;
    }
    if !metadata.is_file() {
        result.ignored += 1;
        return;
    }
    if !is_document_candidate(&path) {
        result.ignored += 1;
        return;
    }
    // Folders are visited once by canonical path, so only a file symlink can reach a file twice:
    // resolving just those saves a realpath per file on large folders.
    let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    let key = match path.file_name() {
        Some(name) if !is_link => canonical_dir.join(name),
        _ => fs::canonicalize(&path).unwrap_or_else(|_| path.clone()),
    };
    if seen_files.insert(key) {
        result.files.push(path);
    }
}

/// True for a known document extension, or for a file without one whose first bytes look like a
/// PDF, a zip container (docx) or HTML.
pub fn is_document_candidate(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if DOCUMENT_EXTENSIONS.iter().any(|known| known.eq_ignore_ascii_case(ext)) => true,
        Some(_) => false,
        None => sniff(path),
    }
}

fn sniff(path: &Path) -> bool {
    let mut head = [0u8; 512];
    let Ok(mut file) = fs::File::open(path) else { return false };
    let Ok(n) = file.read(&mut head) else { return false };
    let head = &head[..n];
    if head.starts_with(b"%PDF-") || head.starts_with(b"PK\x03\x04") {
        return true;
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    text.contains("<html") || text.contains("<!doctype html")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::progress::Silent;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn files_without_extension_are_sniffed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).expect("write");
        write("scan", b"%PDF-1.4\n");
        write("page", b"<!DOCTYPE html><html><body>x</body></html>");
        write("README", b"plain notes");
        write("policy.TXT", "意见".as_bytes());
        write("data.json", b"{}");
        let cancel = AtomicBool::new(false);
        let found = walk(dir.path(), &Control::new(&Silent, &cancel)).expect("walk");
        let names: Vec<String> =
            found.files.iter().map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["page", "policy.TXT", "scan"]);
        assert_eq!(found.ignored, 2);
    }

    #[test]
    fn stops_when_cancelled() {
        let cancel = AtomicBool::new(true);
        let control = Control::new(&Silent, &cancel);
        assert!(matches!(walk(Path::new("."), &control), Err(ScanError::Cancelled)));
    }
}
