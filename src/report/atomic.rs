//! Writing a report safely: never over an input document, and never a half-written file.
//!
//! The bytes go to a temporary file in the destination folder (same file system, so the final
//! rename is atomic), are synced, and only then renamed over the destination
//! (`tempfile::NamedTempFile::persist`). Any failure removes the temporary file and leaves the
//! destination as it was. This is the crate's one atomic writer and its one "never over an input"
//! check ([`check_not_input`]).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    let mut temp = create(path, inputs)?;
    temp.write_all(bytes).map_err(|source| ReportError::Io { path: path.to_path_buf(), source })?;
    persist(temp, path)
}

/// The temporary file a report for `path` is written into, for a writer that streams (the
/// all-pairs listing): refused when `path` is one of `inputs`, created in `path`'s folder with
/// ordinary file permissions. Hand it to [`persist`] when complete; dropped, it is removed.
pub fn create(path: &Path, inputs: &[&Path]) -> Result<tempfile::NamedTempFile, ReportError> {
    check_not_input(path, inputs)?;
    let io_error = |source| ReportError::Io { path: path.to_path_buf(), source };
    let name = path.file_name().ok_or_else(|| {
        io_error(std::io::Error::new(std::io::ErrorKind::InvalidInput, "the output path has no file name"))
    })?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A report is an ordinary file (0666 less the umask), not a private temporary one (0600).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder).map_err(io_error)
}

/// Sync `temp` (from [`create`]) and rename it over `path`. On error the temporary file is
/// removed and `path` left as it was.
pub fn persist(temp: tempfile::NamedTempFile, path: &Path) -> Result<(), ReportError> {
    let io_error = |source| ReportError::Io { path: path.to_path_buf(), source };
    temp.as_file().sync_all().map_err(io_error)?;
    temp.persist(path).map_err(|error| io_error(error.error))?;
    Ok(())
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

    /// The report gets the permissions of any file the user creates, not a temporary file's 0600.
    #[cfg(unix)]
    #[test]
    fn a_report_has_ordinary_file_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ordinary = dir.path().join("plain.txt");
        fs::write(&ordinary, "x").unwrap();
        let out = dir.path().join("r.html");
        write(&out, b"<p>", &[]).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), mode(&ordinary));
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
