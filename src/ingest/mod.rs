//! Reading files into decoded text: format detection, encodings, docx, html and pdf.
//!
//! Inputs are only ever read, never modified. Every error names the file.

mod detect;
mod docx;
mod encoding;
mod html;
mod pdf;
mod txt;

use std::io::Read;
use std::path::Path;

use crate::error::IngestError;
use crate::model::{Decoded, Format};

pub use docx::ZipLimits;

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
    let io_error = |source| IngestError::Io { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // The file may grow between the size check and the read; never read past the limit.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    read_bytes(path, &bytes)
}

/// Decode `bytes` that were read from `path` (the path is used for messages and as a format hint).
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<Decoded, IngestError> {
    read_bytes_with_limits(path, bytes, ZipLimits::default())
}

/// [`read_bytes`] with explicit limits for zip containers (tests use small limits to exercise them).
pub fn read_bytes_with_limits(path: &Path, bytes: &[u8], limits: ZipLimits) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty { path: path.to_path_buf() });
    }
    match detect::sniff(path, bytes) {
        detect::Sniffed::Unsupported(what) => {
            Err(IngestError::Unsupported { path: path.to_path_buf(), what: what.to_string() })
        }
        detect::Sniffed::Readable(Format::Txt) => txt::read(path, bytes),
        detect::Sniffed::Readable(Format::Html) => html::read(path, bytes),
        detect::Sniffed::Readable(Format::Docx) => docx::read(path, bytes, limits),
        detect::Sniffed::Readable(Format::Pdf) => pdf::read(path, bytes),
    }
}
