//! The Markdown report: summary, copy ratios, alignment and reused passages, for issues and wikis.

use std::fmt::Write;

use super::ReportOptions;
use super::escape::markdown as esc;
use super::summary;
use super::view::View;
use crate::analysis::Analysis;
use crate::reuse::ReuseKind;

macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// One table row from already-escaped cells.
fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for cell in cells {
        put!(out, " {} |", if cell.is_empty() { " " } else { cell });
    }
    out.push('\n');
}

fn header(out: &mut String, cells: &[&str]) {
    row(out, &cells.iter().map(|c| esc(c)).collect::<Vec<_>>());
    row(out, &vec!["---".to_string(); cells.len()]);
}

/// Render the Markdown report.
pub fn render(analysis: &Analysis, options: &ReportOptions) -> String {
    let view = View::new(analysis, options);
    let mut out = String::new();
    let names: Vec<&str> = view.docs.iter().map(|&d| view.names[d].as_str()).collect();
    put!(out, "# 对照报告\n\n{}\n\n## 摘要\n\n", esc(&names.join(" · ")));
    for sentence in summary::sentences(&view) {
        put!(out, "- {}\n", esc(&sentence));
    }

    out.push_str("\n## 文件\n\n");
    header(&mut out, &["编号", "简称", "标题", "文号", "日期", "编码", "大小（字节）", "字数"]);
    for &d in &view.docs {
        let doc = view.doc(d);
        let dash = |v: Option<&str>| esc(v.unwrap_or("—"));
        row(
            &mut out,
            &[
                esc(&doc.id),
                esc(&view.names[d]),
                dash(doc.metadata.title.as_deref()),
                dash(doc.metadata.doc_number.as_deref()),
                dash(doc.metadata.date.map(|d| d.iso()).as_deref()),
                esc(&doc.encoding),
                doc.bytes.to_string(),
                doc.chars().to_string(),
            ],
        );
    }

    out.push_str(
        "\n## 复用比例\n\n每格：行文件中有多少文字与列文件相同或改写自列文件（不含公文套话）；括号内为方向。\n\n",
    );
    let mut head = vec![String::new()];
    head.extend(view.docs.iter().map(|&d| esc(&view.names[d])));
    row(&mut out, &head);
    row(&mut out, &vec!["---".to_string(); head.len()]);
    for &r in &view.docs {
        let mut cells = vec![esc(&view.names[r])];
        for &c in &view.docs {
            cells.push(if r == c {
                "—".to_string()
            } else {
                match view.ratio(r, c) {
                    Some((ratio, _)) => {
                        let direction = view.direction_label(c, r);
                        format!("{}（{direction}）", summary::percent(ratio))
                    }
                    None => "·".to_string(),
                }
            });
        }
        row(&mut out, &cells);
    }
    if !analysis.reuse.rule.is_empty() {
        put!(out, "\n计算规则：{}\n", esc(&analysis.reuse.rule));
    }

    out.push_str("\n## 章节对齐\n\n");
    if view.rows.is_empty() {
        out.push_str("没有对齐的章节。\n");
    } else {
        let mut head = vec![esc("主题")];
        head.extend(view.docs.iter().map(|&d| esc(&view.names[d])));
        row(&mut out, &head);
        row(&mut out, &vec!["---".to_string(); head.len()]);
        for r in &view.rows {
            let mut cells = vec![esc(&r.label)];
            for (&d, cell) in view.docs.iter().zip(&r.cells) {
                cells.push(match cell {
                    Some((section, score)) => format!("{} {score:.2}", esc(&view.section_label(d, Some(*section)))),
                    None => String::new(),
                });
            }
            row(&mut out, &cells);
        }
    }

    super::levers::markdown_section(&mut out, &view);

    out.push_str("\n## 复用段落\n\n逐字相同与改写，按长度排列。字符位置从 0 起计，不含终点。\n\n");
    passages(&mut out, &view, &view.passages);
    if view.include_boilerplate {
        out.push_str("\n### 公文套话（不计入比例）\n\n");
        passages(&mut out, &view, &view.boilerplate);
    }
    out
}

fn passages(out: &mut String, view: &View, list: &[usize]) {
    if list.is_empty() {
        out.push_str("无。\n");
        return;
    }
    header(out, &["编号", "类型", "字数", "相似度", "文件 A", "位置 A", "文件 B", "位置 B", "文字 A", "文字 B"]);
    for &p in list {
        let passage = view.passage(p);
        let location = |side: crate::reuse::ReuseSide, other: crate::reuse::ReuseSide| {
            format!(
                "{} 字符 {}–{}（{}）",
                esc(&view.section_label(side.doc, side.section)),
                side.span.start,
                side.span.end,
                esc(&view.provenance_label(side.doc, other.doc, passage.kind))
            )
        };
        let text = |side: crate::reuse::ReuseSide| esc(view.doc(side.doc).slice(side.span).trim());
        row(
            out,
            &[
                view.numbers.get(&p).copied().unwrap_or(p + 1).to_string(),
                if passage.kind == ReuseKind::Exact { "逐字相同" } else { "改写" }.to_string(),
                passage.chars.to_string(),
                format!("{:.2}", passage.similarity),
                esc(&view.names[passage.a.doc]),
                location(passage.a, passage.b),
                esc(&view.names[passage.b.doc]),
                location(passage.b, passage.a),
                text(passage.a),
                text(passage.b),
            ],
        );
    }
}
