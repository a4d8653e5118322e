//! Reading files into decoded text: format detection, encodings, .docx, .doc/.wps, OFD, HTML,
//! Markdown and PDF (with optional OCR of scanned pages).
//!
//! Inputs are only ever read, never modified. Every error names the file.
//!
//! [`Format`] has one value per *family*: .doc and .wps files are read as [`Format::Docx`] (Word
//! documents), OFD as [`Format::Pdf`] (fixed-layout pages) and Markdown as [`Format::Txt`]; the exact
//! container is named in [`Decoded::encoding`] ("Word 97–2003 binary", "OFD (GB/T 33190)",
//! "UTF-8 (Markdown)").

mod container;
mod detect;
mod doc;
mod docx;
mod encoding;
mod html;
mod markdown;
pub mod ocr;
mod ofd;
mod pdf;
mod txt;

use std::io::Read;
use std::path::Path;

use crate::error::IngestError;
use crate::model::{Decoded, Metadata};
use detect::Reader;

pub use container::ContainerError;
pub use docx::ZipLimits;

/// File extensions of the documents Duizhao reads (for file dialogs and folder walks; content, not
/// the extension, decides how a file is read).
pub const DOCUMENT_EXTENSIONS: &[&str] =
    &["txt", "docx", "doc", "wps", "ofd", "html", "htm", "shtml", "md", "markdown", "pdf"];

/// Files larger than this are refused before reading (policy documents are far smaller).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Read and decode the document at `path`.
pub fn read_file(path: &Path) -> Result<Decoded, IngestError> {
    read_file_with_metadata(path).map(|(decoded, _)| decoded)
}

/// [`read_file`], plus the metadata the container states outside the text (a web page's
/// `<meta name="PubDate">`, `ArticleTitle` and `ContentSource`, an OFD's `DocInfo` title). The text
/// says more and wins; these fill what it lacks ([`crate::outline::build_document_with`]).
pub fn read_file_with_metadata(path: &Path) -> Result<(Decoded, Metadata), IngestError> {
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
    read_bytes_with_metadata(path, &bytes, ZipLimits::default())
}

/// Decode `bytes` that were read from `path` (the path is used for messages and as a format hint).
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<Decoded, IngestError> {
    read_bytes_with_limits(path, bytes, ZipLimits::default())
}

/// [`read_bytes`] with explicit limits for zip containers (tests use small limits to exercise them).
pub fn read_bytes_with_limits(path: &Path, bytes: &[u8], limits: ZipLimits) -> Result<Decoded, IngestError> {
    read_bytes_with_metadata(path, bytes, limits).map(|(decoded, _)| decoded)
}

/// [`read_bytes_with_limits`], plus the container's own metadata (see [`read_file_with_metadata`]).
pub fn read_bytes_with_metadata(
    path: &Path,
    bytes: &[u8],
    limits: ZipLimits,
) -> Result<(Decoded, Metadata), IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty { path: path.to_path_buf() });
    }
    let plain = |decoded: Decoded| (decoded, Metadata::default());
    match detect::sniff(path, bytes) {
        detect::Sniffed::Unsupported(what) => {
            Err(IngestError::Unsupported { path: path.to_path_buf(), what: what.to_string() })
        }
        detect::Sniffed::Readable(Reader::Txt) => {
            // Law collections saved as .txt keep their Markdown marks; read them as Markdown.
            let decoded = txt::read(path, bytes)?;
            if markdown::looks_like_markdown(&decoded.text) { markdown::read(path, bytes) } else { Ok(plain(decoded)) }
        }
        detect::Sniffed::Readable(Reader::Markdown) => markdown::read(path, bytes),
        detect::Sniffed::Readable(Reader::Html) => html::read(path, bytes),
        detect::Sniffed::Readable(Reader::Docx) => docx::read(path, bytes, limits).map(plain),
        detect::Sniffed::Readable(Reader::WordBinary) => {
            let what = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                Some("wps") => "wps",
                _ => "doc",
            };
            doc::read(path, bytes, what).map(plain)
        }
        detect::Sniffed::Readable(Reader::Ofd) => ofd::read(path, bytes, limits),
        detect::Sniffed::Readable(Reader::Pdf) => pdf::read(path, bytes).map(plain),
    }
}
