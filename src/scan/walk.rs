//! Finding the documents under a folder.
//!
//! Real folders hold symlink loops, unreadable subfolders, dangling links and files of every kind.
//! The walk never stops for them: problems are recorded as [`Skipped`] with the reason, symlinked
//! folders are followed once (the canonical path of every visited folder is remembered; `walkdir`
//! does the listing and catches links to an ancestor), and files
//! are taken by extension (txt, docx, html, htm, pdf) or, without a known extension, by sniffing
//! their first bytes. Whether a file really is a readable document is for ingest to say.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::index::INDEX_DIR;
use super::progress::Control;
use super::{ScanError, Skipped};
use walkdir::WalkDir;

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

/// Walk `root` recursively (with `walkdir`, following symlinks). Only a cancel stops it.
pub fn walk(root: &Path, control: &Control) -> Result<WalkResult, ScanError> {
    let mut result = WalkResult::default();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    let mut seen_files: HashSet<PathBuf> = HashSet::new();
    // The canonical path of every folder being listed, by its walked path.
    let mut canonical_dirs: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by(listing_order)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || entry.file_name() != INDEX_DIR);
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                result.skipped.push(skipped_for(&error, root, &canonical_dirs));
                if let Some(path) = error.path() {
                    // A folder whose listing failed was not listed: no modification time for it.
                    result.folders.retain(|(folder, _)| folder != path);
                }
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_dir() {
            control.check()?;
            let canonical = match fs::canonicalize(path) {
                Ok(canonical) => canonical,
                Err(error) => {
                    result
                        .skipped
                        .push(Skipped { path: path.to_path_buf(), reason: format!("cannot resolve folder: {error}") });
                    entries.skip_current_dir();
                    continue;
                }
            };
            if !seen_dirs.insert(canonical.clone()) {
                if path != canonical || entry.path_is_symlink() {
                    result.skipped.push(Skipped {
                        path: path.to_path_buf(),
                        reason: format!("symlink loop: folder {} is already scanned", canonical.display()),
                    });
                }
                entries.skip_current_dir();
                continue;
            }
            if let Ok(metadata) = fs::metadata(path) {
                result.folders.push((path.to_path_buf(), super::index::modified(&metadata)));
            }
            canonical_dirs.insert(path.to_path_buf(), canonical);
            continue;
        }
        if entry.depth() == 0 {
            // The root is a file: it cannot be listed as a folder.
            let error = fs::read_dir(path).err().map_or_else(|| "not a folder".to_string(), |e| e.to_string());
            result.skipped.push(Skipped { path: path.to_path_buf(), reason: format!("cannot list folder: {error}") });
            continue;
        }
        if !entry.file_type().is_file() || !is_document_candidate(path) {
            result.ignored += 1;
            continue;
        }
        // Folders are visited once by canonical path, so only a file symlink can reach a file
        // twice: resolving just those saves a realpath per file on large folders.
        let canonical_dir = path.parent().and_then(|parent| canonical_dirs.get(parent));
        let key = match (path.file_name(), canonical_dir) {
            (Some(name), Some(dir)) if !entry.path_is_symlink() => dir.join(name),
            _ => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        };
        if seen_files.insert(key) {
            result.files.push(path.to_path_buf());
        }
    }
    result.files.sort();
    result.skipped.sort();
    result.folders.sort();
    Ok(result)
}

/// The order of a folder's entries: its files first, then its subfolders by name, each subtree
/// walked before the next. Files come in reverse name order, so of two names of one file (a
/// file and a symlink to it) the later name is the one listed, as the scan always did.
fn listing_order(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> Ordering {
    // Entries are sorted before their links are followed: a symlink counts as the folder it
    // points to.
    let is_dir = |e: &walkdir::DirEntry| e.file_type().is_dir() || (e.path_is_symlink() && e.path().is_dir());
    match (is_dir(a), is_dir(b)) {
        (true, true) => a.file_name().cmp(b.file_name()),
        (false, false) => b.file_name().cmp(a.file_name()),
        (dir_a, dir_b) => dir_a.cmp(&dir_b),
    }
}

/// The skipped entry, with its reason, for a walk error: a symlink loop, a folder that cannot be
/// listed (or, the root, resolved), a broken symlink, a file gone since its folder was listed.
fn skipped_for(error: &walkdir::Error, root: &Path, listed: &HashMap<PathBuf, PathBuf>) -> Skipped {
    let path = error.path().unwrap_or(root).to_path_buf();
    let reason = if let Some(ancestor) = error.loop_ancestor() {
        let folder = fs::canonicalize(ancestor).unwrap_or_else(|_| ancestor.to_path_buf());
        format!("symlink loop: folder {} is already scanned", folder.display())
    } else {
        let io = error.io_error();
        let kind = io.map(std::io::Error::kind);
        let detail = io.map_or_else(|| error.to_string(), ToString::to_string);
        let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if error.depth() == 0 && !listed.contains_key(&path) {
            format!("cannot resolve folder: {detail}")
        } else if listed.contains_key(&path) {
            format!("cannot list folder: {detail}")
        } else if is_link && kind == Some(std::io::ErrorKind::NotFound) {
            "broken symlink: its target does not exist".to_string()
        } else if kind == Some(std::io::ErrorKind::NotFound) {
            "vanished during the scan".to_string()
        } else {
            format!("cannot read file information: {detail}")
        }
    };
    Skipped { path, reason }
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

    #[cfg(unix)]
    #[test]
    fn links_are_followed_once_and_problems_listed() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for folder in ["a/b", "c", "d/e", ".hidden", INDEX_DIR] {
            std::fs::create_dir_all(root.join(folder)).expect("mkdir");
        }
        for file in ["a/1.txt", "a/b/2.txt", "c/z.txt", "d/e/3.docx", ".hidden/h.txt", "top.csv"] {
            std::fs::write(root.join(file), "x").expect("write");
        }
        std::fs::write(root.join(INDEX_DIR).join("i.txt"), "x").expect("write");
        symlink("../a", root.join("c/link-to-a")).expect("symlink");
        symlink("z.txt", root.join("c/alias.txt")).expect("symlink");
        symlink("..", root.join("d/e/up")).expect("symlink");
        symlink("nowhere.pdf", root.join("broken.pdf")).expect("symlink");
        let cancel = AtomicBool::new(false);
        let found = walk(root, &Control::new(&Silent, &cancel)).expect("walk");
        let relative = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_string_lossy().into_owned();
        let files: Vec<String> = found.files.iter().map(|p| relative(p)).collect();
        assert_eq!(files, [".hidden/h.txt", "a/1.txt", "a/b/2.txt", "c/z.txt", "d/e/3.docx"]);
        let skipped: Vec<(String, &str)> =
            found.skipped.iter().map(|s| (relative(&s.path), s.reason.split(':').next().unwrap_or(""))).collect();
        assert_eq!(
            skipped,
            [
                ("broken.pdf".into(), "broken symlink"),
                ("c/link-to-a".into(), "symlink loop"),
                ("d/e/up".into(), "symlink loop")
            ]
        );
        let folders: Vec<String> = found.folders.iter().map(|(p, _)| relative(p)).collect();
        assert_eq!(folders, ["", ".hidden", "a", "a/b", "c", "d", "d/e"]);
        assert_eq!(found.ignored, 1);
    }

    #[test]
    fn stops_when_cancelled() {
        let cancel = AtomicBool::new(true);
        let control = Control::new(&Silent, &cancel);
        assert!(matches!(walk(Path::new("."), &control), Err(ScanError::Cancelled)));
    }
}
