//! The "duizhao.report/1" and "duizhao.diff/1" JSON contracts as typed `Serialize` structs (the
//! schemas are documented in `docs/json.md`). Fields are only ever added, never changed or
//! removed; the field order of each struct is the key order of the output.

use serde::Serialize;

use super::levers::TopicsJson;
use crate::analysis::Analysis;
use crate::diff::{DiffTag, WordDiff};
use crate::model::{DateKind, DatedEvent, Document, PolicyDate, Section, SectionKind};
use crate::reuse::{Direction, ReuseKind, ReuseSide};

/// Schema name of the report object.
pub const SCHEMA: &str = "duizhao.report/1";
/// Schema name of the word diff object.
pub const DIFF_SCHEMA: &str = "duizhao.diff/1";

/// One document with its metadata and outline, as in every "duizhao.report/1" and
/// "duizhao.diff/1" object.
#[derive(Debug, Serialize)]
pub struct DocumentJson<'a> {
    id: &'a str,
    path: &'a str,
    label: &'a str,
    format: &'static str,
    encoding: &'a str,
    warnings: &'a [String],
    bytes: u64,
    title: &'a Option<String>,
    doc_number: &'a Option<String>,
    issuer: &'a Option<String>,
    date: Option<PolicyDate>,
    date_kind: &'a Option<DateKind>,
    dates: &'a [DatedEvent],
    effective: &'a Option<String>,
    chars: usize,
    sections: Vec<SectionJson<'a>>,
}

/// One section of a document's outline.
#[derive(Debug, Serialize)]
struct SectionJson<'a> {
    id: &'a str,
    level: u8,
    kind: SectionKind,
    number: &'a str,
    ordinal: Option<u32>,
    title: &'a str,
    heading_start: usize,
    heading_end: usize,
    start: usize,
    end: usize,
    body_start: usize,
    body_end: usize,
    parent: Option<&'a str>,
}

impl<'a> DocumentJson<'a> {
    /// The JSON form of `document`.
    pub fn new(document: &'a Document) -> DocumentJson<'a> {
        let section = |section: &'a Section| SectionJson {
            id: &section.id,
            level: section.level,
            kind: section.kind,
            number: &section.number,
            ordinal: section.ordinal,
            title: &section.title,
            heading_start: section.heading.start,
            heading_end: section.heading.end,
            start: section.span.start,
            end: section.span.end,
            body_start: section.body.start,
            body_end: section.body.end,
            parent: section.parent.and_then(|i| document.sections.get(i)).map(|s| s.id.as_str()),
        };
        let metadata = &document.metadata;
        DocumentJson {
            id: &document.id,
            path: &document.path,
            label: &document.label,
            format: document.format.name(),
            encoding: &document.encoding,
            warnings: &document.warnings,
            bytes: document.bytes,
            title: &metadata.title,
            doc_number: &metadata.doc_number,
            issuer: &metadata.issuer,
            date: metadata.date,
            date_kind: &metadata.date_kind,
            dates: &metadata.dates,
            effective: &metadata.effective,
            chars: document.chars(),
            sections: document.sections.iter().map(section).collect(),
        }
    }
}

/// The outline-only report of `duizhao outline`: `{schema, documents}`.
#[derive(Debug, Serialize)]
pub struct OutlineJson<'a> {
    schema: &'static str,
    documents: Vec<DocumentJson<'a>>,
}

impl<'a> OutlineJson<'a> {
    /// The outline report of `documents`.
    pub fn new(documents: &'a [Document]) -> OutlineJson<'a> {
        OutlineJson { schema: SCHEMA, documents: documents.iter().map(DocumentJson::new).collect() }
    }
}

/// The full comparison report of `duizhao compare` and of a .json report file.
#[derive(Debug, Serialize)]
pub struct ReportJson<'a> {
    schema: &'static str,
    documents: Vec<DocumentJson<'a>>,
    alignment: Vec<AlignmentRowJson<'a>>,
    unaligned: Vec<Option<&'a str>>,
    reuse: Vec<PassageJson<'a>>,
    pairs: Vec<PairJson<'a>>,
    section_reuse: Vec<SectionReuseJson<'a>>,
    ratio_rule: &'a str,
    options: OptionsJson,
    /// The 政策对标表 topics (report files only; a "duizhao.levers/1" fragment).
    #[serde(skip_serializing_if = "Option::is_none")]
    levers: Option<TopicsJson<'a>>,
}

/// One row of the alignment.
#[derive(Debug, Serialize)]
struct AlignmentRowJson<'a> {
    topic: &'a Option<String>,
    label: &'a str,
    cells: Vec<AlignmentCellJson<'a>>,
}

/// A document's section in an alignment row.
#[derive(Debug, Serialize)]
struct AlignmentCellJson<'a> {
    doc: &'a str,
    section: Option<&'a str>,
    score: f64,
    pinned: bool,
}

/// One reused passage.
#[derive(Debug, Serialize)]
struct PassageJson<'a> {
    kind: ReuseKind,
    boilerplate: bool,
    similarity: f64,
    chars: usize,
    a: SideJson<'a>,
    b: SideJson<'a>,
}

/// One side of a reused passage.
#[derive(Debug, Serialize)]
struct SideJson<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    section: Option<&'a str>,
}

/// The copy ratios of a pair of documents.
#[derive(Debug, Serialize)]
struct PairJson<'a> {
    a: &'a str,
    b: &'a str,
    direction: Option<&'static str>,
    a_reused_chars: usize,
    b_reused_chars: usize,
    a_ratio: f64,
    b_ratio: f64,
}

/// How much of a section is reused from another document.
#[derive(Debug, Serialize)]
struct SectionReuseJson<'a> {
    doc: &'a str,
    section: Option<&'a str>,
    other: &'a str,
    reused_chars: usize,
    ratio: f64,
}

/// The reuse options the report was made with.
#[derive(Debug, Serialize)]
struct OptionsJson {
    min_chars: usize,
    min_similarity: f64,
    short_similarity: f64,
    long_chars: usize,
    kgram: usize,
}

impl<'a> ReportJson<'a> {
    /// The report of `analysis`, every document and passage included.
    pub fn new(analysis: &'a Analysis) -> ReportJson<'a> {
        let documents = &analysis.documents;
        let doc_id = |index: usize| documents.get(index).map_or("", |d| d.id.as_str());
        let section_id = |doc: usize, section: Option<usize>| {
            section.and_then(|s| documents.get(doc)?.sections.get(s)).map(|s| s.id.as_str())
        };
        let side = |side: &ReuseSide| SideJson {
            doc: doc_id(side.doc),
            start: side.span.start,
            end: side.span.end,
            section: section_id(side.doc, side.section),
        };
        let alignment = analysis
            .alignment
            .rows
            .iter()
            .map(|row| AlignmentRowJson {
                topic: &row.topic,
                label: &row.label,
                cells: row
                    .cells
                    .iter()
                    .enumerate()
                    .filter_map(|(doc, cell)| {
                        let cell = cell.as_ref()?;
                        Some(AlignmentCellJson {
                            doc: doc_id(doc),
                            section: section_id(doc, Some(cell.section)),
                            score: round3(cell.score),
                            pinned: cell.pinned,
                        })
                    })
                    .collect(),
            })
            .collect();
        let reuse = &analysis.reuse;
        let options = &analysis.options.reuse;
        ReportJson {
            schema: SCHEMA,
            documents: documents.iter().map(DocumentJson::new).collect(),
            alignment,
            unaligned: analysis
                .alignment
                .unaligned
                .iter()
                .map(|&(doc, section)| section_id(doc, Some(section)))
                .collect(),
            reuse: reuse
                .passages
                .iter()
                .map(|p| PassageJson {
                    kind: p.kind,
                    boilerplate: p.boilerplate,
                    similarity: round3(p.similarity),
                    chars: p.chars,
                    a: side(&p.a),
                    b: side(&p.b),
                })
                .collect(),
            pairs: reuse
                .pairs
                .iter()
                .map(|p| PairJson {
                    a: doc_id(p.a),
                    b: doc_id(p.b),
                    direction: p.direction.map(|d| match d {
                        Direction::AToB => "a->b",
                        Direction::BToA => "b->a",
                    }),
                    a_reused_chars: p.a_reused_chars,
                    b_reused_chars: p.b_reused_chars,
                    a_ratio: round3(p.a_ratio),
                    b_ratio: round3(p.b_ratio),
                })
                .collect(),
            section_reuse: reuse
                .sections
                .iter()
                .map(|s| SectionReuseJson {
                    doc: doc_id(s.doc),
                    section: section_id(s.doc, Some(s.section)),
                    other: doc_id(s.other),
                    reused_chars: s.reused_chars,
                    ratio: round3(s.ratio),
                })
                .collect(),
            ratio_rule: &reuse.rule,
            options: OptionsJson {
                min_chars: options.min_chars,
                min_similarity: round3(options.min_similarity),
                short_similarity: round3(options.short_similarity),
                long_chars: options.long_chars,
                kgram: options.kgram,
            },
            levers: None,
        }
    }

    /// Keep only the documents whose ids are in `ids` (all when `None`) and what lies between
    /// them; boilerplate passages only with `include_boilerplate`.
    pub fn select(&mut self, ids: Option<&[&str]>, include_boilerplate: bool) {
        let keep = |id: &str| ids.is_none_or(|ids| ids.contains(&id));
        self.documents.retain(|d| keep(d.id));
        self.reuse.retain(|p| keep(p.a.doc) && keep(p.b.doc) && (include_boilerplate || !p.boilerplate));
        self.pairs.retain(|p| keep(p.a) && keep(p.b));
        self.section_reuse.retain(|s| keep(s.doc) && keep(s.other));
        // Section ids are "D1.S12": the document id is the part before the dot.
        self.unaligned.retain(|s| ids.is_none_or(|_| s.is_some_and(|id| id.split('.').next().is_some_and(keep))));
        for row in &mut self.alignment {
            row.cells.retain(|c| keep(c.doc));
        }
        self.alignment.retain(|row| !row.cells.is_empty());
    }

    /// Add the 政策对标表 topics (the `levers` field of a report file).
    pub fn with_levers(mut self, levers: TopicsJson<'a>) -> ReportJson<'a> {
        self.levers = Some(levers);
        self
    }
}

/// The word diff of `duizhao diff`: `{schema, a, b, fallback, ops}`.
#[derive(Debug, Serialize)]
pub struct DiffJson<'a> {
    schema: &'static str,
    a: DocumentJson<'a>,
    b: DocumentJson<'a>,
    fallback: &'a Option<String>,
    ops: Vec<DiffOpJson>,
}

/// One diff operation.
#[derive(Debug, Serialize)]
struct DiffOpJson {
    tag: DiffTag,
    a_start: usize,
    a_end: usize,
    b_start: usize,
    b_end: usize,
}

impl<'a> DiffJson<'a> {
    /// The diff of `a` and `b`.
    pub fn new(a: &'a Document, b: &'a Document, diff: &'a WordDiff) -> DiffJson<'a> {
        DiffJson {
            schema: DIFF_SCHEMA,
            a: DocumentJson::new(a),
            b: DocumentJson::new(b),
            fallback: &diff.fallback,
            ops: diff
                .ops
                .iter()
                .map(|op| DiffOpJson {
                    tag: op.tag,
                    a_start: op.a.start,
                    a_end: op.a.end,
                    b_start: op.b.start,
                    b_end: op.b.end,
                })
                .collect(),
        }
    }
}

/// Ratios and scores rounded to 3 decimals so reports are stable and readable.
fn round3(value: f32) -> f64 {
    (f64::from(value) * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::ReportJson;
    use crate::analysis::{Analysis, AnalysisOptions};
    use crate::model::Document;

    #[test]
    fn selecting_documents_keeps_only_what_lies_between_them() {
        let shared =
            "对新招用登记失业人员达到职工总数百分之三十的小微企业，按规定给予最高二百万元的创业担保贷款贴息支持。";
        let text = |own: &str| format!("第一条 {own}\n第二条 {shared}\n第三条 {own}{own}\n");
        let documents = vec![
            Document::from_text("D1", "a.txt", text("甲地支持科技型企业发展壮大。")),
            Document::from_text("D2", "b.txt", text("乙地鼓励社会资本参与基础设施建设。")),
            Document::from_text("D3", "c.txt", text("丙地促进农村电子商务健康发展。")),
        ];
        let analysis = Analysis::run(documents, &AnalysisOptions::default());
        let ids: Vec<&str> = analysis.documents.iter().map(|d| d.id.as_str()).collect();
        let all = serde_json::to_value(ReportJson::new(&analysis)).unwrap();
        assert!(all["pairs"].as_array().unwrap().len() >= 3, "{}", all["pairs"]);

        let mut report = ReportJson::new(&analysis);
        report.select(Some(&ids[..2]), false);
        let value = serde_json::to_value(report).unwrap();
        assert_eq!(value["documents"].as_array().unwrap().len(), 2);
        let pairs = value["pairs"].as_array().unwrap();
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0]["a"].as_str(), pairs[0]["b"].as_str()), (Some(ids[0]), Some(ids[1])));
        let reuse = value["reuse"].as_array().unwrap();
        assert!(!reuse.is_empty());
        for passage in reuse {
            assert_eq!(passage["boilerplate"], false);
            for side in ["a", "b"] {
                assert!(ids[..2].contains(&passage[side]["doc"].as_str().unwrap()), "{passage}");
            }
        }
        for row in value["alignment"].as_array().unwrap() {
            let cells = row["cells"].as_array().unwrap();
            assert!(!cells.is_empty());
            assert!(cells.iter().all(|c| c["doc"] != ids[2]));
        }
        assert!(value.get("levers").is_none());
    }
}
