//! Errors of the library. The binary wraps them with `anyhow`; each is reported exactly once.

use std::path::PathBuf;

/// Why a document could not be read. Every variant names the file, so the message stands alone.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("{path}: file not found")]
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// The path is a folder, not a file.
    #[error("{path}: is a folder, not a document")]
    IsDirectory {
        /// The path given.
        path: PathBuf,
    },
    /// The path is a pipe, device or socket: reading it could block or never end.
    #[error("{path}: not a regular file")]
    NotAFile {
        /// The path given.
        path: PathBuf,
    },
    /// The OS refused to read the file.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path given.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file has no bytes (or no text after decoding).
    #[error("{path}: empty file")]
    Empty {
        /// The path given.
        path: PathBuf,
    },
    /// The file is larger than the reader accepts.
    #[error("{path}: too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge {
        /// The path given.
        path: PathBuf,
        /// Size of the file in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The bytes are not a document format Duizhao reads (image, archive, executable, …).
    #[error("{path}: not a text document ({what})")]
    Unsupported {
        /// The path given.
        path: PathBuf,
        /// What the bytes look like, e.g. "PNG image".
        what: String,
    },
    /// The container is damaged (truncated .docx, broken XML, unreadable PDF, …).
    #[error("{path}: damaged {format} file: {detail}")]
    Damaged {
        /// The path given.
        path: PathBuf,
        /// "docx", "pdf", …
        format: String,
        /// What went wrong.
        detail: String,
    },
    /// A PDF (or OFD) whose pages carry no text.
    #[error("{path}: PDF has no text layer (scanned?); {ocr}")]
    NoTextLayer {
        /// The path given.
        path: PathBuf,
        /// What OCR did, or how to install it.
        ocr: String,
    },
}

impl IngestError {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            IngestError::NotFound { path }
            | IngestError::IsDirectory { path }
            | IngestError::NotAFile { path }
            | IngestError::Io { path, .. }
            | IngestError::Empty { path }
            | IngestError::TooLarge { path, .. }
            | IngestError::Unsupported { path, .. }
            | IngestError::Damaged { path, .. }
            | IngestError::NoTextLayer { path, .. } => path,
        }
    }
}

/// Why a report could not be rendered in memory (before any file is touched). Rendering text
/// cannot fail; packaging the .docx and encoding the JSON can, in principle, and then the caller
/// gets this instead of empty bytes.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The .docx zip package could not be built.
    #[error("cannot package the Word report: {0}")]
    Docx(#[source] std::io::Error),
    /// A CSV table could not be written.
    #[error("cannot write the CSV table: {0}")]
    Csv(#[source] csv::Error),
    /// The JSON report could not be encoded.
    #[error("cannot encode the JSON report: {0}")]
    Json(#[source] serde_json::Error),
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The output path is one of the input documents.
    #[error("{path}: refusing to write the report over an input document")]
    WouldOverwriteInput {
        /// The output path.
        path: PathBuf,
    },
    /// The output format is not known.
    #[error("{path}: unknown report format (use .html, .docx, .md, .csv or .json, or --format)")]
    UnknownFormat {
        /// The output path.
        path: PathBuf,
    },
    /// Rendering failed; nothing was written.
    #[error("{path}: cannot write report: {source}")]
    Render {
        /// The output path.
        path: PathBuf,
        /// What failed.
        source: RenderError,
    },
    /// Writing failed; nothing was left behind.
    #[error("{path}: cannot write report: {source}")]
    Io {
        /// The output path.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}
