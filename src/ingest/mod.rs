//! Reading files into decoded text: format detection, encodings, docx, html and pdf.

use std::path::Path;

use crate::error::IngestError;
use crate::model::{Decoded, Format};

/// Files larger than this are refused before reading (policy documents are far smaller).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Read and decode the document at `path`.
pub fn read_file(path: &Path) -> Result<Decoded, IngestError> {
    let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => IngestError::NotFound { path: path.to_path_buf() },
        _ => IngestError::Io { path: path.to_path_buf(), source },
    })?;
    if metadata.is_dir() {
        return Err(IngestError::IsDirectory { path: path.to_path_buf() });
    }
    if !metadata.is_file() {
        return Err(IngestError::NotAFile { path: path.to_path_buf() });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge { path: path.to_path_buf(), size: metadata.len(), limit: MAX_FILE_BYTES });
    }
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io { path: path.to_path_buf(), source })?;
    read_bytes(path, &bytes)
}

/// Decode `bytes` that were read from `path` (the path is used for messages and as a format hint).
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<Decoded, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.is_empty() {
        return Err(IngestError::Empty { path: path.to_path_buf() });
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    Ok(Decoded { text, format: Format::Txt, encoding: "UTF-8".into(), warnings: Vec::new() })
}
