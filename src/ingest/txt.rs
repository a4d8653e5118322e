//! Plain text files in any supported encoding.

use std::path::Path;

use super::{detect, encoding};
use crate::error::IngestError;
use crate::model::{Decoded, Format};

/// Decode a plain-text file.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Decoded, IngestError> {
    let decoded = encoding::decode(bytes);
    if detect::is_binary_text(&decoded.text) {
        return Err(IngestError::Unsupported { path: path.to_path_buf(), what: "binary data".into() });
    }
    if decoded.text.trim().is_empty() {
        return Err(IngestError::Empty { path: path.to_path_buf() });
    }
    Ok(Decoded {
        text: decoded.text,
        format: Format::Txt,
        encoding: decoded.encoding.to_string(),
        warnings: decoded.warnings,
    })
}
