//! Reading a document's 公文 outline and metadata from its decoded text.
//!
//! Levels: 第X章 / 第X条 for regulations; 一、 (1), （一） (2), 1、 (3), （1） (4), ① (5), pushed down
//! when regulation numbering is present. Run-in headings 「（二十二）强化财政支持。省财政…」 give a
//! title and body text on one line. Text before the first heading (addressee, preamble, a cover
//! notice), the title of a document issued by a cover notice, and the closing signature block are
//! kept as level-0 sections so nothing is lost.

pub mod heading;
pub mod lines;
pub mod metadata;
pub mod numerals;
mod structure;

pub use structure::outline;

use crate::model::{Decoded, Document, Metadata, SectionKind};
use crate::text::CharText;

impl Document {
    /// An outlined document from plain text ([`Decoded::plain`]), with id `id` and path `path`; its
    /// size in bytes is the text's UTF-8 length. For the bundled corpus, generated documents and
    /// tests, which have text but no file to read.
    pub fn from_text(id: impl Into<String>, path: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let bytes = text.len() as u64;
        build_document(id.into(), path.into(), bytes, Decoded::plain(text))
    }
}

/// Turn decoded text into an outlined [`Document`] with metadata read from the text.
pub fn build_document(id: String, path: String, bytes: u64, decoded: Decoded) -> Document {
    build_document_with(id, path, bytes, decoded, Metadata::default())
}

/// [`build_document`] with the metadata the container stated outside the text (web page meta tags,
/// OFD `DocInfo`): the text wins, the container fills title and issuer the text lacks, and its dates
/// join the text's before the date for direction is chosen.
pub fn build_document_with(id: String, path: String, bytes: u64, decoded: Decoded, container: Metadata) -> Document {
    let text = CharText::new(decoded.text);
    let sections = outline(&text, &id);
    let mut metadata = metadata::extract(&text, &sections);
    if metadata.title.is_none() {
        metadata.title = container.title;
    }
    if metadata.issuer.is_none() {
        metadata.issuer = container.issuer;
    }
    for event in container.dates {
        if !metadata.dates.iter().any(|e| e.kind == event.kind && e.date == event.date) {
            metadata.dates.push(event);
        }
    }
    metadata.choose_date();
    let mut warnings = decoded.warnings;
    if !sections.iter().any(|s| s.level > 0) {
        warnings.push("no numbered headings found: the document is treated as one block".to_string());
    }
    if sections.iter().filter(|s| s.kind == SectionKind::Preamble).count() > 1 {
        warnings.push("more than one preamble block".to_string());
    }
    let mut document = Document {
        id,
        path,
        label: String::new(),
        format: decoded.format,
        encoding: decoded.encoding,
        warnings,
        bytes,
        text,
        metadata,
        sections,
    };
    // Named on its own here; a loaded set is made distinct by `model::assign_display_names`.
    document.label = crate::model::base_name(&document);
    document
}
