//! Reading a document's 公文 outline and metadata from its decoded text.

use crate::model::{Decoded, Document};
use crate::text::CharText;

/// Turn decoded text into an outlined [`Document`].
pub fn build_document(id: String, path: String, bytes: u64, decoded: Decoded) -> Document {
    let label = std::path::Path::new(&path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.clone());
    Document {
        id,
        path,
        label,
        format: decoded.format,
        encoding: decoded.encoding,
        warnings: decoded.warnings,
        bytes,
        text: CharText::new(decoded.text),
        metadata: Default::default(),
        sections: Vec::new(),
    }
}
