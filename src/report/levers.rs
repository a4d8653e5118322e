//! The 政策对标表 section of every report format, and the "duizhao.levers/1" JSON of the CLI.
//!
//! All of them render [`Section`], the lever tables of [`Analysis::lever_tables`] restricted to the
//! report's documents, with the first of them as the base document: the same cells and the same
//! differences the app's levers view shows for that base.

use std::fmt::Write;

use serde::Serialize;

use super::csv::CsvTable;
use super::escape;
use super::palette as pal;
use super::view::View;
use crate::analysis::Analysis;
use crate::error::RenderError;
use crate::levers::{Bound, Change, Lever, LeverCell, LeverKind, LeverTable};
use crate::model::Document;
use crate::text::Span;

/// Schema name of the JSON of `duizhao levers`.
pub const LEVERS_SCHEMA: &str = "duizhao.levers/1";

macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// The lever tables of a report: base document, documents shown, and the tables.
pub struct Section {
    /// The base document (the first of the report's documents).
    pub base: usize,
    /// The documents shown, in column order.
    pub docs: Vec<usize>,
    /// The tables, cells restricted to `docs`; lines without any lever there are left out.
    pub tables: Vec<LeverTable>,
}

impl Section {
    /// The section for the documents of `view`.
    pub fn new(view: &View) -> Section {
        restrict(view.analysis, &view.docs)
    }

    /// The section of `duizhao levers`: every document of `analysis`, `base` first, then the
    /// others in order.
    pub fn against(analysis: &Analysis, base: usize) -> Section {
        let docs: Vec<usize> = std::iter::once(base)
            .chain((0..analysis.documents.len()).filter(|&d| d != base))
            .filter(|&d| d < analysis.documents.len())
            .collect();
        restrict(analysis, &docs)
    }
}

/// The lever tables of `analysis` for `docs` (the first is the base).
pub fn restrict(analysis: &Analysis, docs: &[usize]) -> Section {
    let base = docs.first().copied().unwrap_or(0);
    let mut tables = analysis.lever_tables(base);
    for table in &mut tables {
        for line in &mut table.lines {
            line.cells.retain(|c| docs.contains(&c.doc));
        }
        table.lines.retain(|line| line.cells.iter().any(|c| !c.levers.is_empty()));
    }
    tables.retain(|t| !t.lines.is_empty());
    Section { base, docs: docs.to_vec(), tables }
}

/// The row label of a line: kind and, where it tells more, the unit (期限 · 至, 责任单位 · 牵头单位).
pub fn line_label(kind: crate::levers::LeverKind, unit: &str) -> String {
    use crate::levers::LeverKind;
    match kind {
        LeverKind::Duration => match unit {
            "起" => "起始日期".to_string(),
            "至" => "截止日期".to_string(),
            _ => format!("期限（{unit}）"),
        },
        LeverKind::Count => format!("数量目标（{unit}）"),
        LeverKind::Department => unit.to_string(),
        other => other.label_zh().to_string(),
    }
}

/// The values of a cell as one line, repeats counted: 「≥30万元；50万元」, 「支持 ×3；鼓励」.
pub fn cell_values(levers: &[Lever]) -> String {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for value in levers.iter().map(Lever::display_value) {
        match counted.iter_mut().find(|(v, _)| *v == value) {
            Some((_, n)) => *n += 1,
            None => counted.push((value, 1)),
        }
    }
    counted.into_iter().map(|(v, n)| if n > 1 { format!("{v} ×{n}") } else { v }).collect::<Vec<_>>().join("；")
}

/// What a lever's number is about, in Chinese: 「出资：市财政 · 每年」, 「基数：研究开发费用」,
/// 「目标年：2015」; empty when nothing is known.
pub fn detail_zh(lever: &Lever) -> String {
    [
        lever.payer.as_ref().map(|p| format!("出资：{p}")),
        lever.period.clone(),
        lever.of.as_ref().map(|o| format!("基数：{o}")),
        lever.target_year.map(|y| format!("目标年：{y}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The phrase of a lever with its detail in front: 「出资：市财政 · 每年｜市财政每年投入5亿元」.
fn phrase_with_detail(lever: &Lever) -> String {
    let detail = detail_zh(lever);
    if detail.is_empty() { lever.phrase.clone() } else { format!("〔{detail}〕{}", lever.phrase) }
}

/// The colour of a change (palette hex), `None` for no colour.
pub fn change_colour(change: Change) -> Option<&'static str> {
    match change {
        Change::Higher | Change::New => Some(pal::INSERT_TEXT),
        Change::Lower | Change::Dropped => Some(pal::DELETE_TEXT),
        Change::Changed => Some(pal::CHANGE_TEXT),
        Change::Same | Change::Base => Some(pal::MUTED_TEXT),
        Change::Absent => None,
    }
}

const NOTE: &str = "每个主题一张表：行是该主题中出现的政策工具（资金、比例、数量目标、期限、责任单位、措辞强度），\
                    列是各文件，格中是数值与原文短语及字符位置；标注与基准文件相比的差异（高于、低于、新增、删去、不同）。";

/// CSS of the HTML section (added to the report's stylesheet).
pub fn html_css() -> String {
    format!(
        "table.levers {{ table-layout: fixed; width: 100%; }}\ntable.levers td {{ vertical-align: top; }}\n\
         table.levers th.kind, table.levers thead th:first-child {{ width: 7.5em; white-space: nowrap; }}\n\
         .lever {{ margin: 0 0 4px; }}\n.lever .phrase {{ color: #{muted}; font-size: 12px; }}\n\
         .chg {{ font-size: 12px; font-weight: bold; margin-left: 4px; }}\n\
         .chg-higher, .chg-new {{ color: #{ins}; }}\n.chg-lower, .chg-dropped {{ color: #{del}; }}\n\
         .chg-different {{ color: #{chg}; }}\n.chg-same, .chg-base {{ color: #{muted}; font-weight: normal; }}\n",
        muted = pal::MUTED_TEXT,
        ins = pal::INSERT_TEXT,
        del = pal::DELETE_TEXT,
        chg = pal::CHANGE_TEXT,
    )
}

/// The HTML section (`<section id="levers">`).
pub fn html_section(out: &mut String, view: &View) {
    let section = Section::new(view);
    let esc = escape::xml;
    out.push_str("<section id=\"levers\">\n<h2>政策对标表</h2>\n");
    put!(out, "<p class=\"note\">{} 基准文件：{}。</p>\n", esc(NOTE), esc(&view.names[section.base]));
    if section.tables.is_empty() {
        out.push_str("<p class=\"note\">对齐的主题中没有找到政策工具。</p>\n</section>\n");
        return;
    }
    for table in &section.tables {
        put!(out, "<h3>{}</h3>\n<table class=\"levers\">\n<thead><tr><th>类别</th>", esc(&table.label));
        for &d in &section.docs {
            let base = if d == section.base { "（基准）" } else { "" };
            put!(out, "<th>{}{base}</th>", esc(&view.names[d]));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        let row = view.rows.iter().find(|r| r.index == table.row);
        for line in &table.lines {
            put!(out, "<tr><th class=\"kind\">{}</th>", esc(&line_label(line.kind, &line.unit)));
            for cell in &line.cells {
                out.push_str("<td>");
                let id = &view.doc(cell.doc).id;
                // Each value links to the side-by-side block of the topic that shows this document.
                let anchor = row.and_then(|r| {
                    r.blocks
                        .iter()
                        .map(|&b| &view.blocks[b])
                        .find(|b| b.right.doc == cell.doc || b.left.doc == cell.doc)
                        .map(|b| b.anchor.as_str())
                });
                for lever in &cell.levers {
                    let value = esc(&lever.display_value());
                    let value = match anchor {
                        Some(anchor) => format!("<a href=\"#{anchor}\">{value}</a>"),
                        None => value,
                    };
                    if line.kind == LeverKind::Modal {
                        // Wording: the verbs in a row, their clauses on hover (a column of 支持 is long).
                        put!(
                            out,
                            "<span class=\"lever modal\" data-doc=\"{id}\" data-start=\"{}\" data-end=\"{}\" \
                             title=\"{} · 字符 {}–{}\"><b>{value}</b></span> ",
                            lever.span.start,
                            lever.span.end,
                            esc(&lever.phrase),
                            lever.span.start,
                            lever.span.end
                        );
                        continue;
                    }
                    put!(
                        out,
                        "<div class=\"lever\" data-doc=\"{id}\" data-start=\"{}\" data-end=\"{}\"><b>{value}</b> \
                         <span class=\"phrase\">{} · 字符 {}–{}</span></div>",
                        lever.span.start,
                        lever.span.end,
                        esc(&phrase_with_detail(lever)),
                        lever.span.start,
                        lever.span.end
                    );
                }
                let label = cell.change.label_zh();
                if !label.is_empty() && cell.change != Change::Base {
                    put!(out, "<span class=\"chg chg-{}\">{label}</span>", cell.change.label_en());
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

/// The Markdown section (`## 政策对标表`).
pub fn markdown_section(out: &mut String, view: &View) {
    let section = Section::new(view);
    let esc = escape::markdown;
    put!(out, "\n## 政策对标表\n\n{} 基准文件：{}。\n", esc(NOTE), esc(&view.names[section.base]));
    if section.tables.is_empty() {
        out.push_str("\n对齐的主题中没有找到政策工具。\n");
        return;
    }
    for table in &section.tables {
        put!(out, "\n### {}\n\n| 类别 |", esc(&table.label));
        for &d in &section.docs {
            let base = if d == section.base { "（基准）" } else { "" };
            put!(out, " {}{base} |", esc(&view.names[d]));
        }
        out.push_str("\n|");
        for _ in 0..=section.docs.len() {
            out.push_str(" --- |");
        }
        out.push('\n');
        for line in &table.lines {
            put!(out, "| {} |", esc(&line_label(line.kind, &line.unit)));
            for cell in &line.cells {
                let mut parts: Vec<String> = cell
                    .levers
                    .iter()
                    .map(|l| {
                        if l.kind == LeverKind::Modal {
                            return format!("**{}**（{}–{}）", esc(&l.display_value()), l.span.start, l.span.end);
                        }
                        format!(
                            "**{}** {}（字符 {}–{}）",
                            esc(&l.display_value()),
                            esc(&phrase_with_detail(l)),
                            l.span.start,
                            l.span.end
                        )
                    })
                    .collect();
                if cell.change != Change::Base && !cell.change.label_zh().is_empty() {
                    parts.push(format!("*{}*", cell.change.label_zh()));
                }
                put!(out, " {} |", if parts.is_empty() { " ".to_string() } else { parts.join("<br>") });
            }
            out.push('\n');
        }
    }
}

/// Column names of the levers CSV, in order.
pub const CSV_HEADER: [&str; 16] = [
    "topic",
    "kind",
    "unit",
    "doc",
    "name",
    "section_number",
    "section_title",
    "value",
    "display",
    "bound",
    "start",
    "end",
    "phrase",
    "change",
    "base_doc",
    "detail",
];

/// The levers CSV: one row per lever of every topic table (UTF-8 with BOM, CRLF), written next to
/// the CSV report as `NAME.levers.csv`, since one CSV file holds one table.
pub fn csv(view: &View) -> Result<Vec<u8>, RenderError> {
    let section = Section::new(view);
    let mut table_out = CsvTable::new(&CSV_HEADER)?;
    let base_id = view.doc(section.base).id.clone();
    for table in &section.tables {
        for row in &table.lines {
            for cell in &row.cells {
                let doc = view.doc(cell.doc);
                for lever in &cell.levers {
                    let sec = lever.section.and_then(|s| doc.sections.get(s));
                    let detail = [
                        lever.of.as_ref().map(|o| format!("of={o}")),
                        lever.payer.as_ref().map(|p| format!("payer={p}")),
                        lever.period.as_ref().map(|p| format!("period={p}")),
                        lever.target_year.map(|y| format!("target_year={y}")),
                        lever.strength.map(|s| format!("strength={s}")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("; ");
                    table_out.row([
                        table.label.clone(),
                        row.kind.name().to_string(),
                        row.unit.clone(),
                        doc.id.clone(),
                        view.names[cell.doc].clone(),
                        sec.map(|s| s.number.clone()).unwrap_or_default(),
                        sec.map(|s| s.title.clone()).unwrap_or_default(),
                        lever.value.clone(),
                        lever.display_value(),
                        format!("{:?}", lever.bound).to_lowercase(),
                        lever.span.start.to_string(),
                        lever.span.end.to_string(),
                        lever.phrase.clone(),
                        cell.change.name().to_string(),
                        base_id.clone(),
                        detail,
                    ])?;
                }
            }
        }
    }
    table_out.finish()
}

/// The path of the levers CSV written next to the CSV report `path` (r.csv → r.levers.csv).
pub fn csv_path(path: &std::path::Path) -> std::path::PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!("{stem}.levers.csv"))
}

/// One lever as JSON: its fields as [`Lever`] serialises them, then `display` (the value as the
/// tables show it). The `section` key holds the lever's section index in a topic cell, and its
/// section id in a document's list, where a lever outside every section gets `"section": null`
/// after `display` (the key order "duizhao.levers/1" has always had).
#[derive(Debug, Serialize)]
struct LeverJson<'a> {
    kind: LeverKind,
    value: &'a str,
    number: Option<f64>,
    high: Option<f64>,
    unit: &'a str,
    bound: Bound,
    span: Span,
    phrase: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    of: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    strength: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<SectionRef<'a>>,
    display: String,
    /// Set for a lever outside every section in a document's list: `"section": null`.
    #[serde(rename = "section", skip_serializing_if = "Option::is_none")]
    no_section: Option<NoSection>,
}

/// A `section` that is `null` (a unit struct serialises as `null`).
#[derive(Debug, Serialize)]
struct NoSection;

/// How a lever names its section: the section's index (topic cells) or its id, `null` when the
/// index names no section (documents).
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum SectionRef<'a> {
    Index(usize),
    Id(Option<&'a str>),
}

impl<'a> LeverJson<'a> {
    /// The lever with its section as an index, as in the topic tables.
    fn new(lever: &'a Lever) -> LeverJson<'a> {
        LeverJson {
            kind: lever.kind,
            value: &lever.value,
            number: lever.number,
            high: lever.high,
            unit: &lever.unit,
            bound: lever.bound,
            span: lever.span,
            phrase: &lever.phrase,
            of: lever.of.as_deref(),
            payer: lever.payer.as_deref(),
            period: lever.period.as_deref(),
            target_year: lever.target_year,
            strength: lever.strength,
            section: lever.section.map(SectionRef::Index),
            display: lever.display_value(),
            no_section: None,
        }
    }

    /// The lever of `doc` with its section as a section id, as in a document's list.
    fn in_document(lever: &'a Lever, doc: &'a Document) -> LeverJson<'a> {
        let id = |s: usize| doc.sections.get(s).map(|s| s.id.as_str());
        LeverJson {
            section: lever.section.map(|s| SectionRef::Id(id(s))),
            no_section: if lever.section.is_none() { Some(NoSection) } else { None },
            ..LeverJson::new(lever)
        }
    }
}

/// The 政策对标表 topics of a report's documents: the `levers` field of a "duizhao.report/1"
/// report file, and the `base` and `topics` of "duizhao.levers/1".
#[derive(Debug, Serialize)]
pub struct TopicsJson<'a> {
    base: Option<&'a str>,
    topics: Vec<TopicJson<'a>>,
}

/// One topic table.
#[derive(Debug, Serialize)]
struct TopicJson<'a> {
    row: usize,
    label: &'a str,
    lines: Vec<LineJson<'a>>,
}

/// One line of a topic table (a lever kind and unit).
#[derive(Debug, Serialize)]
struct LineJson<'a> {
    kind: &'static str,
    unit: &'a str,
    label: String,
    cells: Vec<CellJson<'a>>,
}

/// One document's cell of a line.
#[derive(Debug, Serialize)]
struct CellJson<'a> {
    doc: &'a str,
    section: Option<&'a str>,
    change: &'static str,
    levers: Vec<LeverJson<'a>>,
}

impl<'a> TopicsJson<'a> {
    /// The topics of `section`, a section of `analysis`'s lever tables.
    pub fn new(analysis: &'a Analysis, section: &'a Section) -> TopicsJson<'a> {
        TopicsJson {
            base: analysis.documents.get(section.base).map(|d| d.id.as_str()),
            topics: topics_json(analysis, section),
        }
    }
}

fn topics_json<'a>(analysis: &'a Analysis, section: &'a Section) -> Vec<TopicJson<'a>> {
    let cell = |cell: &'a LeverCell| {
        let doc = analysis.documents.get(cell.doc);
        CellJson {
            doc: doc.map_or("", |d| d.id.as_str()),
            section: cell.section.and_then(|s| doc?.sections.get(s)).map(|s| s.id.as_str()),
            change: cell.change.name(),
            levers: cell.levers.iter().map(LeverJson::new).collect(),
        }
    };
    section
        .tables
        .iter()
        .map(|table| TopicJson {
            row: table.row,
            label: &table.label,
            lines: table
                .lines
                .iter()
                .map(|line| LineJson {
                    kind: line.kind.name(),
                    unit: &line.unit,
                    label: line_label(line.kind, &line.unit),
                    cells: line.cells.iter().map(cell).collect(),
                })
                .collect(),
        })
        .collect()
}

/// The "duizhao.levers/1" JSON of `duizhao levers`: every document's levers with their sections,
/// and the topic tables against the base document.
#[derive(Debug, Serialize)]
pub struct LeversJson<'a> {
    schema: &'static str,
    base: Option<&'a str>,
    documents: Vec<LeverDocumentJson<'a>>,
    topics: Vec<TopicJson<'a>>,
}

/// One document and its levers.
#[derive(Debug, Serialize)]
struct LeverDocumentJson<'a> {
    id: &'a str,
    path: &'a str,
    name: Option<String>,
    levers: Vec<LeverJson<'a>>,
}

impl<'a> LeversJson<'a> {
    /// The levers of every document of `analysis` and the topic tables of `section` (see
    /// [`Section::against`]).
    pub fn new(analysis: &'a Analysis, section: &'a Section) -> LeversJson<'a> {
        let mut names = crate::comparison::document_names(&analysis.documents).into_iter();
        let documents = analysis
            .documents
            .iter()
            .enumerate()
            .map(|(d, doc)| LeverDocumentJson {
                id: &doc.id,
                path: &doc.path,
                name: names.next(),
                levers: analysis.levers_of(d).iter().map(|lever| LeverJson::in_document(lever, doc)).collect(),
            })
            .collect();
        LeversJson {
            schema: LEVERS_SCHEMA,
            base: analysis.documents.get(section.base).map(|d| d.id.as_str()),
            documents,
            topics: topics_json(analysis, section),
        }
    }
}

/// The Word section (heading 政策对标表, one table per topic), in the body of `docx::document`.
pub(super) fn docx_section(x: &mut super::wordml::Xml, view: &View) -> std::io::Result<()> {
    use super::wordml::{RunProps, bold, plain, run, widths};
    let section = Section::new(view);
    x.paragraph(Some("Heading1"), &[plain("政策对标表")])?;
    x.paragraph(Some("Caption"), &[plain(format!("{NOTE} 基准文件：{}。", view.names[section.base]))])?;
    if section.tables.is_empty() {
        return x.paragraph(None, &[plain("对齐的主题中没有找到政策工具。")]);
    }
    let header_names: Vec<String> = section
        .docs
        .iter()
        .map(|&d| format!("{}{}", view.names[d], if d == section.base { "（基准）" } else { "" }))
        .collect();
    let mut header: Vec<&str> = vec!["类别"];
    header.extend(header_names.iter().map(String::as_str));
    let mut weights = vec![3];
    weights.extend(std::iter::repeat_n(5, section.docs.len()));
    let muted = RunProps { size: Some(16), ..RunProps::color(pal::MUTED_TEXT) };
    for topic in &section.tables {
        x.paragraph(Some("Heading2"), &[plain(topic.label.as_str())])?;
        let rows: Vec<Vec<super::wordml::Cell>> = topic
            .lines
            .iter()
            .map(|line| {
                let mut cells = vec![vec![bold(line_label(line.kind, &line.unit))]];
                for cell in &line.cells {
                    let mut runs = Vec::new();
                    for (k, lever) in cell.levers.iter().enumerate() {
                        if k > 0 {
                            runs.push(plain(if line.kind == LeverKind::Modal { " " } else { "\n" }));
                        }
                        runs.push(bold(lever.display_value()));
                        if line.kind == LeverKind::Modal {
                            continue;
                        }
                        runs.push(run(
                            format!(" {}（字符 {}–{}）", phrase_with_detail(lever), lever.span.start, lever.span.end),
                            muted,
                        ));
                    }
                    if cell.change != Change::Base && !cell.change.label_zh().is_empty() {
                        let colour = change_colour(cell.change).unwrap_or(pal::TEXT);
                        runs.push(run(
                            format!(" {}", cell.change.label_zh()),
                            RunProps { bold: true, ..RunProps::color(colour) },
                        ));
                    }
                    cells.push(runs);
                }
                cells
            })
            .collect();
        x.table(&widths(&weights), &header, &rows, false)?;
    }
    Ok(())
}
