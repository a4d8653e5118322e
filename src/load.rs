//! Loading documents from disk: read, decode, outline.

use std::path::{Path, PathBuf};

use crate::error::IngestError;
use crate::model::Document;

/// Read and outline the document at `path`, giving it id `id`.
pub fn load_file(path: &Path, id: String) -> Result<Document, IngestError> {
    let (decoded, container) = crate::ingest::read_file_with_metadata(path)?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut document = crate::outline::build_document_with(id, path.display().to_string(), bytes, decoded, container);
    apply_sibling_manifest(path, &mut document);
    document.label = crate::model::base_name(&document);
    Ok(document)
}

/// A `MANIFEST.tsv` beside the file (as in `corpus/`) supplies metadata the text lacks.
pub(crate) fn apply_sibling_manifest(path: &Path, document: &mut Document) {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let Ok(manifest) = std::fs::read_to_string(folder.join("MANIFEST.tsv")) else {
        return;
    };
    let name = name.to_string_lossy();
    if let Some(entry) = crate::corpus::parse_manifest(&manifest).iter().find(|e| e.file == name) {
        crate::corpus::apply_manifest(document, entry);
    }
}

/// Load every path (ids D1.. in order of the successful ones); failures are returned, not dropped.
pub fn load_files(paths: &[PathBuf]) -> (Vec<Document>, Vec<IngestError>) {
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match load_file(path, format!("D{}", documents.len() + 1)) {
            Ok(document) => documents.push(document),
            Err(error) => errors.push(error),
        }
    }
    crate::model::assign_display_names(&mut documents);
    (documents, errors)
}
