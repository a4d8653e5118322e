//! TEMPORARY stand-in for the "duizhao.report/1" writer that lands on main as `json.rs`.
//! Removed at the merge; only the two functions the report code calls are here.

use serde_json::{Value, json};

use crate::analysis::Analysis;
use crate::model::Document;

/// The whole report as JSON.
pub fn report_value(analysis: &Analysis) -> Value {
    json!({
        "schema": "duizhao.report/1",
        "documents": analysis.documents.iter().map(document_value).collect::<Vec<_>>(),
    })
}

/// One document as JSON.
pub fn document_value(document: &Document) -> Value {
    json!({ "id": document.id, "path": document.path, "title": document.metadata.title })
}
