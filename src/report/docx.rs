//! The Word report: a minimal, valid WordprocessingML package, written through [`super::wordml`].
//!
//! Redlines use direct formatting (not tracked changes) so the reader sees the marks without
//! Word asking to accept or reject anything: deletions struck through in red, insertions
//! underlined in green, moved text dotted blue, reused text shaded in the palette's colours.

use std::io;

use super::ReportOptions;
use super::palette as pal;
use super::summary;
use super::view::{DiffMark, ReuseMark, Run, View, whitespace_pieces};
use super::wordml::{self as w, ParaProps, RunProps, Xml, bold, plain, widths};
use crate::analysis::Analysis;
use crate::comparison::Side as Column;
use crate::reuse::{ReuseKind, ReuseSide};

/// Render the .docx package.
pub fn render(analysis: &Analysis, options: &ReportOptions) -> io::Result<Vec<u8>> {
    let view = View::new(analysis, options);
    let names: Vec<&str> = view.docs.iter().map(|&d| view.names[d].as_str()).collect();
    w::package(&format!("对照报告：{}", names.join("、")), document(&view)?)
}

/// Run formatting for a diff mark and a reuse background.
pub(super) fn run_properties(mark: DiffMark, column: Column, reuse: Option<ReuseMark>) -> RunProps {
    // A replacement is one mark: the old wording struck, the new one underlined, both in one colour.
    let strike = mark == DiffMark::Deleted || (mark == DiffMark::Changed && column == Column::Left);
    let color = match mark {
        DiffMark::Deleted => Some(pal::DELETE_TEXT),
        DiffMark::Inserted => Some(pal::INSERT_TEXT),
        DiffMark::Changed => Some(pal::CHANGE_TEXT),
        DiffMark::Moved => Some(pal::MOVE_TEXT),
        DiffMark::Same => None,
    };
    let underline = match mark {
        DiffMark::Inserted => Some("single"),
        DiffMark::Changed if column == Column::Right => Some("single"),
        DiffMark::Moved => Some("dotted"),
        DiffMark::Same | DiffMark::Deleted | DiffMark::Changed => None,
    };
    let fill = reuse.map(|reuse| match reuse {
        ReuseMark::Exact => pal::REUSE_EXACT_BG,
        ReuseMark::Edited => pal::REUSE_EDITED_BG,
        ReuseMark::Boilerplate => pal::BOILERPLATE_BG,
    });
    RunProps { strike, color, underline, fill, ..RunProps::PLAIN }
}

fn document(view: &View) -> io::Result<Vec<u8>> {
    let mut x = Xml::document_start()?;
    let names: Vec<&str> = view.docs.iter().map(|&d| view.names[d].as_str()).collect();
    x.paragraph(Some("Title"), &[plain("对照报告")])?;
    x.paragraph(Some("Caption"), &[plain(names.join(" · "))])?;

    x.paragraph(Some("Heading1"), &[plain("摘要")])?;
    for sentence in summary::sentences(view) {
        x.paragraph(None, &[plain(format!("• {sentence}"))])?;
    }

    x.paragraph(Some("Heading1"), &[plain("文件")])?;
    let rows: Vec<Vec<w::Cell>> = view
        .docs
        .iter()
        .map(|&d| {
            let doc = view.doc(d);
            let dash = |v: Option<&str>| vec![plain(v.unwrap_or("—"))];
            vec![
                vec![plain(doc.id.as_str())],
                vec![plain(view.names[d].as_str())],
                dash(doc.metadata.title.as_deref()),
                dash(doc.metadata.doc_number.as_deref()),
                dash(doc.metadata.date.map(|d| d.iso()).as_deref()),
                vec![plain(doc.encoding.as_str())],
                vec![plain(super::summary::human_size(doc.bytes))],
                vec![plain(doc.chars().to_string())],
            ]
        })
        .collect();
    x.table(
        &widths(&[6, 12, 24, 18, 14, 8, 10, 8]),
        &["编号", "简称", "标题", "文号", "日期", "编码", "大小", "字数"],
        &rows,
        false,
    )?;

    x.paragraph(Some("Heading1"), &[plain("复用比例")])?;
    x.paragraph(
        Some("Caption"),
        &[plain(
            "每格：行文件中有多少文字与列文件相同或改写自列文件（不含公文套话）；百分比下方为方向（按发文日期）。",
        )],
    )?;
    let mut header = vec![""];
    header.extend(names.iter().copied());
    let rows: Vec<Vec<w::Cell>> = view
        .docs
        .iter()
        .map(|&r| {
            let mut cells = vec![vec![bold(view.names[r].as_str())]];
            for &c in &view.docs {
                cells.push(vec![if r == c {
                    plain("—")
                } else {
                    match view.ratio(r, c) {
                        Some((ratio, _)) => {
                            let direction = view.direction_label(c, r);
                            plain(format!("{}\n{direction}", summary::percent(ratio)))
                        }
                        None => plain("·"),
                    }
                }]);
            }
            cells
        })
        .collect();
    x.table(&widths(&vec![1; header.len()]), &header, &rows, false)?;
    if !view.analysis.reuse.rule.is_empty() {
        x.paragraph(Some("Caption"), &[plain(format!("计算规则：{}", view.analysis.reuse.rule))])?;
    }

    super::levers::docx_section(&mut x, view)?;

    x.paragraph(Some("Heading1"), &[plain("复用段落")])?;
    x.paragraph(None, &legend(view.include_boilerplate))?;
    x.paragraph(Some("Caption"), &[plain("逐字相同与改写，按长度排列。字符位置从 0 起计，不含终点。")])?;
    passage_table(&mut x, view, &view.passages)?;
    if view.include_boilerplate {
        x.paragraph(Some("Heading2"), &[plain("公文套话（不计入比例）")])?;
        passage_table(&mut x, view, &view.boilerplate)?;
    }

    // The redline is long: it starts on its own page.
    x.paragraph_with(
        &ParaProps { page_break_before: true, ..ParaProps::style("Heading1") },
        &[plain("逐段对照（修订视图）")],
    )?;
    x.paragraph(Some("Caption"), &[plain("每个主题以最早的文件为底稿，标出较晚文件删去、新增和复用的文字。")])?;
    x.paragraph(None, &legend(view.include_boilerplate))?;
    for row in &view.rows {
        if row.blocks.is_empty() {
            continue;
        }
        x.paragraph(Some("Heading2"), &[plain(row.label.as_str())])?;
        for &b in &row.blocks {
            block(&mut x, view, b, None)?;
        }
    }
    let extra: Vec<usize> = (0..view.blocks.len()).filter(|&b| view.blocks[b].passage.is_some()).collect();
    if !extra.is_empty() {
        x.paragraph(Some("Heading2"), &[plain("对齐章节以外的复用段落")])?;
        for b in extra {
            let title = view.blocks[b].passage.map(|p| {
                let passage = view.passage(p);
                let kind = if passage.kind == ReuseKind::Exact { "逐字相同" } else { "改写" };
                format!("第 {} 号 · {kind} · {} 字", view.numbers.get(&p).copied().unwrap_or(p + 1), passage.chars)
            });
            block(&mut x, view, b, title.as_deref())?;
        }
    }
    x.document_end(false)
}

/// The runs of the legend paragraph.
fn legend(boilerplate: bool) -> Vec<w::Run> {
    let mut runs = vec![bold("图例：")];
    let mut sample = |text: &str, mark: DiffMark, column: Column, reuse: Option<ReuseMark>| {
        runs.push(w::run(text, run_properties(mark, column, reuse)));
        runs.push(plain("　"));
    };
    sample("逐字相同的复用", DiffMark::Same, Column::Left, Some(ReuseMark::Exact));
    sample("改写的复用", DiffMark::Same, Column::Left, Some(ReuseMark::Edited));
    if boilerplate {
        sample("公文套话", DiffMark::Same, Column::Left, Some(ReuseMark::Boilerplate));
    }
    sample("删除", DiffMark::Deleted, Column::Left, None);
    sample("新增", DiffMark::Inserted, Column::Right, None);
    sample("修改前", DiffMark::Changed, Column::Left, None);
    sample("修改后", DiffMark::Changed, Column::Right, None);
    sample("移到别处", DiffMark::Moved, Column::Left, None);
    runs
}

fn passage_table(x: &mut Xml, view: &View, list: &[usize]) -> io::Result<()> {
    if list.is_empty() {
        return x.paragraph(None, &[plain("无。")]);
    }
    let location = |side: ReuseSide| {
        vec![
            bold(format!("{}\n", view.names[side.doc])),
            plain(format!(
                "{}\n字符 {}–{}",
                view.section_label(side.doc, side.section),
                side.span.start,
                side.span.end
            )),
        ]
    };
    let rows: Vec<Vec<w::Cell>> = list
        .iter()
        .map(|&p| {
            let passage = view.passage(p);
            let (kind, mark) = match (passage.boilerplate, passage.kind) {
                (true, _) => ("套话", ReuseMark::Boilerplate),
                (false, ReuseKind::Exact) => ("逐字相同", ReuseMark::Exact),
                (false, ReuseKind::Edited) => ("改写", ReuseMark::Edited),
            };
            let shaded = run_properties(DiffMark::Same, Column::Left, Some(mark));
            let a_text = view.doc(passage.a.doc).slice(passage.a.span).trim();
            let text = if passage.kind == ReuseKind::Edited {
                // A rewritten clause reads best as a redline from the source to the copy.
                inline_runs(view, &view.passage_redline(p))
            } else {
                vec![w::run(a_text, shaded)]
            };
            vec![
                vec![plain(view.numbers.get(&p).copied().unwrap_or(p + 1).to_string())],
                vec![plain(format!("{kind}\n{} 字\n相似度 {:.2}", passage.chars, passage.similarity))],
                location(passage.a),
                location(passage.b),
                text,
            ]
        })
        .collect();
    x.table(&widths(&[6, 12, 17, 17, 48]), &["编号", "类型", "文件 A", "文件 B", "文字"], &rows, false)
}

fn block(x: &mut Xml, view: &View, b: usize, title: Option<&str>) -> io::Result<()> {
    let block = &view.blocks[b];
    let diff = view.diff(block);
    let heading = format!(
        "{} {} → {} {}",
        view.names[block.left.doc],
        view.section_label(block.left.doc, block.left.section),
        view.names[block.right.doc],
        view.section_label(block.right.doc, block.right.section)
    );
    let mut runs = Vec::new();
    if let Some(title) = title {
        runs.push(bold(format!("{title}\n")));
    }
    runs.push(bold(heading));
    x.paragraph_with(&ParaProps { keep_next: true, spacing: Some((200, 60)), ..ParaProps::default() }, &runs)?;
    if let Some(reason) = &diff.fallback {
        x.paragraph(Some("Caption"), &[plain(format!("比较超时，改用粗略比较：{reason}"))])?;
    }
    redline_paragraphs(x, view, &view.redline(b, &diff))
}

/// Runs of a short redline inside one paragraph (line breaks become spaces).
fn inline_runs(view: &View, runs: &[Run]) -> Vec<w::Run> {
    let mut out = Vec::new();
    for item in runs {
        let text = view.doc(item.doc).slice(item.span).replace(['\r', '\n'], " ");
        for (whitespace, piece) in whitespace_pieces(&text) {
            let mark = if whitespace { DiffMark::Same } else { item.mark };
            out.push(w::run(piece, run_properties(mark, item.column, item.reuse)));
        }
    }
    out
}

/// The redline as paragraphs: one per line of the source text, blank lines dropped.
fn redline_paragraphs(x: &mut Xml, view: &View, runs: &[Run]) -> io::Result<()> {
    let mut current: Vec<w::Run> = Vec::new();
    let mut visible = false;
    let flush = |x: &mut Xml, current: &mut Vec<w::Run>, visible: &mut bool| -> io::Result<()> {
        if *visible {
            x.paragraph(None, current)?;
        }
        current.clear();
        *visible = false;
        Ok(())
    };
    for item in runs {
        let marked = run_properties(item.mark, item.column, item.reuse);
        let blank = run_properties(DiffMark::Same, item.column, item.reuse);
        for (i, line) in view.doc(item.doc).slice(item.span).split('\n').enumerate() {
            if i > 0 {
                flush(x, &mut current, &mut visible)?;
            }
            for (whitespace, piece) in whitespace_pieces(line.trim_end_matches('\r')) {
                visible |= !whitespace;
                current.push(w::run(piece, if whitespace { blank } else { marked }));
            }
        }
    }
    flush(x, &mut current, &mut visible)
}
