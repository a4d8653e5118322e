//! Writing a report safely: never over an input document, and never a half-written file.
//!
//! The bytes go to a temporary file in the destination folder (same file system, so the final
//! rename is atomic), are synced, and only then renamed over the destination. Any failure removes
//! the temporary file and leaves the destination as it was.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::ReportError;

/// Where `path` really points: symlinks and `..` resolved, also when the file does not exist yet.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = fs::canonicalize(path) {
        return Some(real);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(parent).ok()?.join(name))
}

/// True when `a` and `b` name the same file: same path after resolving, or (Unix) the same inode,
/// which also catches hard links.
fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    if let (Some(x), Some(y)) = (resolve(a), resolve(b))
        && x == y
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// Refuse `path` if it is (or points to) one of `inputs`.
pub fn check_not_input(path: &Path, inputs: &[&Path]) -> Result<(), ReportError> {
    if inputs.iter().any(|input| same_file(path, input)) {
        return Err(ReportError::WouldOverwriteInput { path: path.to_path_buf() });
    }
    Ok(())
}

/// Write `bytes` to `path` atomically, refusing to replace any of `inputs`.
pub fn write(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<(), ReportError> {
    check_not_input(path, inputs)?;
    let io_error = |source| ReportError::Io { path: path.to_path_buf(), source };
    let name = path.file_name().ok_or_else(|| {
        io_error(std::io::Error::new(std::io::ErrorKind::InvalidInput, "the output path has no file name"))
    })?;
    let temp = temp_path(path, name);
    let result = write_synced(&temp, bytes).and_then(|()| fs::rename(&temp, path));
    if let Err(source) = result {
        // Best effort: the temporary file may not even exist if creating it failed.
        let _ = fs::remove_file(&temp);
        return Err(io_error(source));
    }
    Ok(())
}

fn temp_path(path: &Path, name: &std::ffi::OsStr) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}-{n}.tmp", std::process::id()));
    path.with_file_name(temp_name)
}

fn write_synced(temp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_an_existing_report_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.md");
        fs::write(&out, "old").unwrap();
        write(&out, b"new", &[]).unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_an_input_reached_through_a_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        fs::write(&input, "text").unwrap();
        let sneaky = dir.path().join("sub").join("..").join("a.txt");
        fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(matches!(write(&sneaky, b"x", &[&input]), Err(ReportError::WouldOverwriteInput { .. })));
        assert_eq!(fs::read_to_string(&input).unwrap(), "text");
    }
}
