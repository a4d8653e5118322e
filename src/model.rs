//! The document model shared by every stage of the pipeline.
//!
//! `ingest` produces a [`Decoded`] text, `outline` turns it into a [`Document`] with [`Metadata`] and
//! [`Section`]s. Later stages refer to documents and sections by index, never by copied strings.

use serde::{Deserialize, Serialize};

use crate::text::{CharText, Span};

/// The container a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text in any supported encoding.
    Txt,
    /// Word 2007+ document.
    Docx,
    /// HTML page.
    Html,
    /// PDF with a text layer.
    Pdf,
}

impl Format {
    /// The lowercase name used in reports ("txt", "docx", …).
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// Text decoded from a file, before any structure is read from it.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text exactly as decoded (BOM removed, nothing normalised).
    pub text: String,
    /// The container format.
    pub format: Format,
    /// Name of the character encoding found (e.g. "UTF-8", "GB18030", "UTF-16LE").
    pub encoding: String,
    /// Problems worth telling the user about (undecodable bytes, dropped content, …).
    pub warnings: Vec<String>,
}

/// Facts about a document found in its text (or supplied by a manifest or the user).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Document title, e.g. 关于加快发展电子商务的意见.
    pub title: Option<String>,
    /// Document number (文号), e.g. 粤府办〔2012〕131号.
    pub doc_number: Option<String>,
    /// Issuing body, e.g. 广东省人民政府办公厅.
    pub issuer: Option<String>,
    /// Issue date as ISO `YYYY-MM-DD`, or `YYYY` / `YYYY-MM` when only that much is known.
    pub date: Option<String>,
    /// Effective period as written (自…起施行，有效期至…).
    pub effective: Option<String>,
}

impl Metadata {
    /// The year of [`Metadata::date`], if any.
    pub fn year(&self) -> Option<i32> {
        self.date.as_deref()?.get(0..4)?.parse().ok()
    }
}

/// What kind of numbering introduced a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Text before the first heading (addressee, preamble) or a cover notice.
    Preamble,
    /// A document issued inside a cover notice starts here (its title line).
    EnclosedTitle,
    /// 第X章.
    Chapter,
    /// 第X条.
    Article,
    /// 一、
    Part,
    /// （一）
    Subpart,
    /// 1、 1. 1．
    Item,
    /// （1）
    Subitem,
    /// ① …
    Circled,
    /// Closing signature and date block, effective-period clause and similar tail matter.
    Closing,
}

/// One section of a document's 公文 outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id, e.g. "D1.S12".
    pub id: String,
    /// Depth in the outline: 0 for preamble/closing/enclosed title, 1 for 一、 or 第X章, …
    pub level: u8,
    /// How the section was numbered.
    pub kind: SectionKind,
    /// The number as written, e.g. "（二十二）", "1、" ("" for unnumbered blocks).
    pub number: String,
    /// Numeric value of the number, e.g. 22 for （二十二）.
    pub ordinal: Option<u32>,
    /// The heading text without number and final punctuation, e.g. 强化财政支持.
    pub title: String,
    /// Span of number + title as written (run-in headings end before the body text).
    pub heading: Span,
    /// From the heading to the start of the next section of the same or a higher level.
    pub span: Span,
    /// Span of the section's own body text (after the heading, before any child section).
    pub body: Span,
    /// Index of the parent section in [`Document::sections`].
    pub parent: Option<usize>,
}

/// A loaded, outlined document.
#[derive(Clone, Debug)]
pub struct Document {
    /// "D1", "D2", … in load order.
    pub id: String,
    /// Path as given by the user (or the corpus name of an embedded document).
    pub path: String,
    /// Short label for display, e.g. the file stem.
    pub label: String,
    /// The container format.
    pub format: Format,
    /// Encoding found while decoding.
    pub encoding: String,
    /// Warnings from decoding and outlining.
    pub warnings: Vec<String>,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// The decoded text.
    pub text: CharText,
    /// Metadata found in the text (possibly corrected by a manifest or the user).
    pub metadata: Metadata,
    /// The outline, in document order.
    pub sections: Vec<Section>,
}

impl Document {
    /// Number of chars in the decoded text.
    pub fn chars(&self) -> usize {
        self.text.char_len()
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        self.text.slice(span)
    }

    /// The innermost section containing char offset `offset`.
    ///
    /// Children follow their parent in document order and siblings never overlap, so the last
    /// section whose span contains the offset is the innermost one.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        self.sections.iter().rposition(|section| section.span.start <= offset && offset < section.span.end)
    }

    /// A display name: the title if known, otherwise the label.
    pub fn display_name(&self) -> &str {
        self.metadata.title.as_deref().unwrap_or(&self.label)
    }
}
