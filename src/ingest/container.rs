//! What is wrong inside a document: its zip package, XML parts, binary Word structures or PDF
//! reader. The readers wrap it in [`IngestError::Damaged`](crate::error::IngestError::Damaged),
//! which names the file; the text of each variant is the detail the user reads after the file name.

use std::borrow::Cow;

/// A damaged container or structure, before the reader names the file.
#[derive(Debug, thiserror::Error)]
pub enum ContainerError {
    /// The bytes are not a zip archive (.docx and OFD are zip packages).
    #[error("not a readable zip archive ({0})")]
    NotZip(#[source] zip::result::ZipError),
    /// A part listed in the archive cannot be opened.
    #[error("cannot open {part} ({source})")]
    OpenPart {
        /// The part's name in the archive.
        part: String,
        /// The archive's error.
        source: zip::result::ZipError,
    },
    /// A part's header claims more bytes than a part may have (a zip bomb).
    #[error("zip bomb? {part} claims {declared} bytes uncompressed (limit {limit})")]
    DeclaredTooLarge {
        /// The part's name in the archive.
        part: String,
        /// The uncompressed size its header states.
        declared: u64,
        /// The limit per part.
        limit: u64,
    },
    /// A part cannot be decompressed.
    #[error("cannot inflate {part} ({source})")]
    Inflate {
        /// The part's name in the archive.
        part: String,
        /// The decompressor's error.
        source: std::io::Error,
    },
    /// A part inflates to more than a part may have, whatever its header said.
    #[error("zip bomb: {part} inflates to more than {limit} bytes")]
    PartTooLarge {
        /// The part's name in the archive.
        part: String,
        /// The limit per part.
        limit: u64,
    },
    /// The parts read so far inflate to more than a package may have.
    #[error("zip bomb: parts inflate to more than {limit} bytes in total")]
    TotalTooLarge {
        /// The limit for all parts together.
        limit: u64,
    },
    /// An XML part is not UTF-8.
    #[error("{part} is not UTF-8 XML ({source})")]
    NotUtf8 {
        /// The part's name in the archive.
        part: String,
        /// Where the bytes stop being UTF-8.
        source: std::string::FromUtf8Error,
    },
    /// An XML part is malformed.
    #[error("broken XML at byte {position}: {source}")]
    Xml {
        /// Byte offset of the error in the part.
        position: u64,
        /// The XML reader's error.
        source: quick_xml::Error,
    },
    /// An XML part stops with elements still open (a truncated file).
    #[error("XML ends early with {depth} element(s) still open (truncated?)")]
    Truncated {
        /// How many elements are still open.
        depth: usize,
    },
    /// A binary structure (a .doc piece table, a compound-file stream) is inconsistent; the text
    /// says which structure and how.
    #[error("{0}")]
    Structure(Cow<'static, str>),
    /// The PDF reader's thread could not be started.
    #[error("cannot start the PDF reader ({0})")]
    PdfThread(#[source] std::io::Error),
    /// The PDF reader rejected the file.
    #[error("cannot read the PDF ({0})")]
    Pdf(#[source] pdf_extract::OutputError),
    /// The PDF reader panicked on the file; the text is its panic message.
    #[error("the PDF reader failed ({0})")]
    PdfPanicked(String),
    /// The PDF reader did not finish in time.
    #[error("the PDF reader gave up after {seconds} s")]
    PdfTimeout {
        /// The time limit in seconds.
        seconds: u64,
    },
    /// The PDF reader's thread ended without an answer.
    #[error("the PDF reader stopped unexpectedly")]
    PdfStopped,
}

impl ContainerError {
    /// An inconsistent binary structure, described in words.
    pub(crate) fn structure(what: impl Into<Cow<'static, str>>) -> Self {
        ContainerError::Structure(what.into())
    }
}
