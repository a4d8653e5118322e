//! The "duizhao.report/1" JSON contract. Fields are only ever added, never changed or removed.

use serde_json::{Value, json};

use crate::analysis::Analysis;
use crate::model::Document;
use crate::reuse::{Direction, ReuseSide};

/// Schema name of the report object.
pub const SCHEMA: &str = "duizhao.report/1";

/// One document with its metadata and outline.
pub fn document_value(document: &Document) -> Value {
    let section_id = |index: Option<usize>| index.and_then(|i| document.sections.get(i)).map(|s| s.id.clone());
    let sections: Vec<Value> = document
        .sections
        .iter()
        .map(|section| {
            json!({
                "id": section.id,
                "level": section.level,
                "kind": section.kind,
                "number": section.number,
                "ordinal": section.ordinal,
                "title": section.title,
                "heading_start": section.heading.start,
                "heading_end": section.heading.end,
                "start": section.span.start,
                "end": section.span.end,
                "body_start": section.body.start,
                "body_end": section.body.end,
                "parent": section_id(section.parent),
            })
        })
        .collect();
    let metadata = &document.metadata;
    json!({
        "id": document.id,
        "path": document.path,
        "label": document.label,
        "format": document.format.name(),
        "encoding": document.encoding,
        "warnings": document.warnings,
        "bytes": document.bytes,
        "title": metadata.title,
        "doc_number": metadata.doc_number,
        "issuer": metadata.issuer,
        "date": metadata.date,
        "date_kind": metadata.date_kind,
        "dates": metadata.dates,
        "effective": metadata.effective,
        "chars": document.chars(),
        "sections": sections,
    })
}

/// The outline-only report of `duizhao outline`.
pub fn outline_value(documents: &[Document]) -> Value {
    json!({
        "schema": SCHEMA,
        "documents": documents.iter().map(document_value).collect::<Vec<_>>(),
    })
}

/// The full comparison report of `duizhao compare`.
pub fn report_value(analysis: &Analysis) -> Value {
    let documents = &analysis.documents;
    let doc_id = |index: usize| documents.get(index).map(|d| d.id.clone()).unwrap_or_default();
    let section_id = |doc: usize, section: Option<usize>| {
        section.and_then(|s| documents.get(doc)?.sections.get(s)).map(|s| s.id.clone())
    };
    let side = |side: &ReuseSide| {
        json!({
            "doc": doc_id(side.doc),
            "start": side.span.start,
            "end": side.span.end,
            "section": section_id(side.doc, side.section),
        })
    };
    let alignment: Vec<Value> = analysis
        .alignment
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<Value> = row
                .cells
                .iter()
                .enumerate()
                .filter_map(|(doc, cell)| {
                    let cell = cell.as_ref()?;
                    Some(json!({
                        "doc": doc_id(doc),
                        "section": section_id(doc, Some(cell.section)),
                        "score": round3(cell.score),
                        "pinned": cell.pinned,
                    }))
                })
                .collect();
            json!({ "topic": row.topic, "label": row.label, "cells": cells })
        })
        .collect();
    let unaligned: Vec<Value> =
        analysis.alignment.unaligned.iter().map(|&(doc, section)| json!(section_id(doc, Some(section)))).collect();
    let reuse: Vec<Value> = analysis
        .reuse
        .passages
        .iter()
        .map(|p| {
            json!({
                "kind": p.kind,
                "boilerplate": p.boilerplate,
                "similarity": round3(p.similarity),
                "chars": p.chars,
                "a": side(&p.a),
                "b": side(&p.b),
            })
        })
        .collect();
    let pairs: Vec<Value> = analysis
        .reuse
        .pairs
        .iter()
        .map(|p| {
            json!({
                "a": doc_id(p.a),
                "b": doc_id(p.b),
                "direction": p.direction.map(|d| match d { Direction::AToB => "a->b", Direction::BToA => "b->a" }),
                "a_reused_chars": p.a_reused_chars,
                "b_reused_chars": p.b_reused_chars,
                "a_ratio": round3(p.a_ratio),
                "b_ratio": round3(p.b_ratio),
            })
        })
        .collect();
    let section_reuse: Vec<Value> = analysis
        .reuse
        .sections
        .iter()
        .map(|s| {
            json!({
                "doc": doc_id(s.doc),
                "section": section_id(s.doc, Some(s.section)),
                "other": doc_id(s.other),
                "reused_chars": s.reused_chars,
                "ratio": round3(s.ratio),
            })
        })
        .collect();
    json!({
        "schema": SCHEMA,
        "documents": documents.iter().map(document_value).collect::<Vec<_>>(),
        "alignment": alignment,
        "unaligned": unaligned,
        "reuse": reuse,
        "pairs": pairs,
        "section_reuse": section_reuse,
        "ratio_rule": analysis.reuse.rule,
        "options": {
            "min_chars": analysis.options.reuse.min_chars,
            "min_similarity": round3(analysis.options.reuse.min_similarity),
            "short_similarity": round3(analysis.options.reuse.short_similarity),
            "long_chars": analysis.options.reuse.long_chars,
            "kgram": analysis.options.reuse.kgram,
        },
    })
}

/// Ratios and scores rounded to 3 decimals so reports are stable and readable.
fn round3(value: f32) -> f64 {
    (f64::from(value) * 1000.0).round() / 1000.0
}
