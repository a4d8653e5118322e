//! PLACEHOLDER until the reuse work lands.

use super::{ReuseOptions, ReuseReport};
use crate::model::Document;
use crate::segment::normalize::NormalizeOptions;

/// Find text reused between every pair of documents.
pub fn detect(documents: &[Document], options: &ReuseOptions, normalize: &NormalizeOptions) -> ReuseReport {
    let _ = (documents, options, normalize);
    ReuseReport::default()
}
