//! The 查重 report as a Word document, with the comparison report's writer helpers and styles: a
//! summary box on page one, then the sources, the draft's sections, and every passage beside its
//! source with the word-level marks as Word formatting (struck, underlined, shaded).

use std::io;

use super::check::{CheckKind, CheckPiece, CheckReport, percent, visible_parts};
use super::docx::run_properties;
use super::palette as pal;
use super::view::{DiffMark, ReuseMark};
use super::wordml::{Cell, ParaProps, Run, RunProps, Xml, bold, plain, run, widths};
use crate::comparison::Side as Column;

/// Render the .docx package.
pub fn render(report: &CheckReport) -> io::Result<Vec<u8>> {
    super::wordml::package(&format!("查重报告：{}", report.draft_name()), document(report)?)
}

fn muted(text: impl Into<String>) -> Run {
    run(text, RunProps::color(pal::MUTED_TEXT))
}

/// The summary box: the overall share large on the left, the figures and largest sources right.
fn summary_box(x: &mut Xml, report: &CheckReport) -> io::Result<()> {
    let s = &report.summary;
    let total = widths(&[1]).iter().sum::<u32>();
    let left_w = total * 3 / 10;
    let cols = [left_w, total - left_w];
    x.table_start(total, &cols)?;
    // `table_start` opens a repeated header row; the box is that one row.
    let centered = ParaProps::centered(None);
    let big = RunProps { bold: true, size: Some(64), size_cs: true, ..RunProps::color(pal::ACCENT) };
    x.cell(cols[0], Some(pal::HEADER_BG), true, |x| {
        x.paragraph_with(&centered, &[muted("总复制比")])?;
        x.paragraph_with(&centered, &[run(percent(s.share), big)])?;
        x.paragraph_with(&centered, &[muted(format!("其中逐字相同 {}", percent(s.verbatim_share)))])
    })?;
    x.cell(cols[1], Some(pal::HEADER_BG), true, |x| {
        x.paragraph(
            None,
            &[
                plain("来源文件 "),
                bold(s.sources.to_string()),
                plain(" 份　复用段落 "),
                bold(s.passages.to_string()),
                plain(" 处　复用 "),
                bold(format!("{} / {}", s.reused_chars, report.draft.countable_chars)),
                plain(" 字　最大单一来源 "),
                bold(percent(s.max_source_share)),
            ],
        )?;
        for source in s.top_sources.iter().filter_map(|id| report.source(id)) {
            x.paragraph(
                Some("TableText"),
                &[
                    bold(format!("{}　{}　", source.id, percent(source.share))),
                    plain(CheckReport::source_name(source)),
                    muted(format!("　{}", source.date.as_deref().unwrap_or("日期不详"))),
                ],
            )?;
        }
        Ok(())
    })?;
    x.close("w:tr")?;
    x.table_end()
}

/// Runs of marked pieces; a replacement is struck on the `source` side and underlined on the draft's.
fn piece_runs(pieces: &[CheckPiece], kind: CheckKind, source: bool) -> Vec<Run> {
    let column = if source { Column::Left } else { Column::Right };
    let reuse = Some(match kind {
        CheckKind::Verbatim => ReuseMark::Exact,
        CheckKind::Rewritten => ReuseMark::Edited,
        CheckKind::Boilerplate => ReuseMark::Boilerplate,
    });
    visible_parts(pieces).into_iter().map(|(part, mark)| run(part, run_properties(mark, column, reuse))).collect()
}

/// A paragraph of one plain run.
fn line(x: &mut Xml, style: Option<&'static str>, text: impl Into<String>) -> io::Result<()> {
    x.paragraph(style, &[plain(text)])
}

fn document(report: &CheckReport) -> io::Result<Vec<u8>> {
    let mut x = Xml::document_start()?;
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
    line(&mut x, Some("Title"), "查重报告")?;
    line(&mut x, Some("Caption"), format!("送检稿：{}　·　比对文件夹：{}", report.draft_name(), report.corpus.folder))?;
    summary_box(&mut x, report)?;
    line(&mut x, Some("Heading1"), "摘要")?;
    for sentence in report.summary_sentences() {
        line(&mut x, None, format!("• {sentence}"))?;
    }
    for version in &report.excluded.versions {
        line(
            &mut x,
            None,
            format!(
                "• 视为送检稿的其他版本，不计入：{}（{}，覆盖 {}）",
                version.path,
                version.date.as_deref().unwrap_or("日期不详"),
                percent(version.share)
            ),
        )?;
    }
    for path in &report.excluded.identical {
        line(&mut x, None, format!("• 与送检稿全文相同，不计入：{path}"))?;
    }

    line(&mut x, Some("Heading1"), "来源文件（按复制比）")?;
    let rows: Vec<Vec<Cell>> = report
        .sources
        .iter()
        .map(|s| {
            let mut name = vec![plain(CheckReport::source_name(s))];
            if let Some(number) = &s.doc_number {
                name.push(muted(format!("\n{number}")));
            }
            name.push(muted(format!("\n{}", s.path)));
            vec![
                vec![plain(format!("{} {}", s.rank, s.id))],
                name,
                vec![plain(dash(&s.issuer))],
                vec![plain(s.date_label())],
                vec![bold(percent(s.share))],
                vec![plain(s.reused_chars.to_string())],
                vec![plain(percent(s.source_share))],
                vec![plain(s.passages.to_string())],
            ]
        })
        .collect();
    x.table(
        &widths(&[7, 30, 16, 11, 9, 8, 10, 7]),
        &["序号", "文件", "发文机关", "日期", "复制比", "字数", "来源被用比例", "段落"],
        &rows,
        false,
    )?;

    line(&mut x, Some("Heading1"), "各章节复制比")?;
    let rows: Vec<Vec<Cell>> = report
        .sections
        .iter()
        .map(|s| {
            let indent = "　".repeat(usize::from(s.level.saturating_sub(1)));
            vec![
                vec![plain(format!("{indent}{}", s.label))],
                vec![plain(format!("{}–{}", s.span.start, s.span.end))],
                vec![plain(s.countable_chars.to_string())],
                vec![plain(s.reused_chars.to_string())],
                vec![bold(percent(s.share))],
                vec![plain(s.main_source.as_deref().unwrap_or("—"))],
            ]
        })
        .collect();
    x.table(
        &widths(&[44, 14, 10, 11, 10, 11]),
        &["章节", "字符", "字数", "复用字数", "复制比", "主要来源"],
        &rows,
        false,
    )?;

    line(&mut x, Some("Heading1"), "逐段对照")?;
    x.paragraph(Some("Caption"), &legend())?;
    let mut groups: Vec<(String, bool, Vec<Vec<Cell>>)> = Vec::new();
    for p in &report.passages {
        let boilerplate = p.kind == CheckKind::Boilerplate;
        if groups.last().is_none_or(|(source, b, _)| *source != p.source || *b != boilerplate) {
            groups.push((p.source.clone(), boilerplate, Vec::new()));
        }
        let head = format!("{}\n{}\n{} 字\n相似度 {:.2}", p.number, p.kind.chinese(), p.chars, p.similarity);
        let side = |section: &str, span: crate::text::Span, pieces: &[CheckPiece], source: bool| {
            let mut runs = vec![muted(format!("{section} · 字符 {}–{}\n", span.start, span.end))];
            runs.extend(piece_runs(pieces, p.kind, source));
            runs
        };
        if let Some((_, _, rows)) = groups.last_mut() {
            rows.push(vec![
                vec![plain(head)],
                side(&p.source_section, p.source_span, &p.source_text, true),
                side(&p.draft_section, p.draft_span, &p.draft, false),
            ]);
        }
    }
    if groups.is_empty() {
        line(&mut x, None, "无。")?;
    }
    for (source, boilerplate, rows) in &groups {
        let name = report.source(source).map(CheckReport::source_name).unwrap_or_default();
        let tail = if *boilerplate { " · 公文套话（不计入）" } else { "" };
        line(&mut x, Some("Heading2"), format!("{source} {name}{tail}"))?;
        x.table(&widths(&[10, 45, 45]), &["编号", &format!("来源 {source}"), "送检稿"], rows, true)?;
    }

    if !report.skipped.is_empty() {
        line(&mut x, Some("Heading1"), "未能读取的文件")?;
        for skip in &report.skipped {
            line(&mut x, None, format!("• {}：{}", skip.path.display(), skip.reason))?;
        }
    }
    if !report.fallbacks.is_empty() {
        line(&mut x, Some("Heading1"), "比对超时")?;
        for note in &report.fallbacks {
            line(&mut x, None, format!("• {note}"))?;
        }
    }
    line(&mut x, Some("Heading1"), "计算规则")?;
    for rule in report.rule.lines() {
        line(&mut x, Some("Caption"), rule)?;
    }
    x.document_end(false)
}

fn legend() -> Vec<Run> {
    let mut runs = vec![bold("图例：")];
    let mut sample = |text: &str, mark: DiffMark, column: Column, reuse: Option<ReuseMark>| {
        runs.push(run(text, run_properties(mark, column, reuse)));
        runs.push(plain("　"));
    };
    sample("逐字相同", DiffMark::Same, Column::Left, Some(ReuseMark::Exact));
    sample("改写", DiffMark::Same, Column::Left, Some(ReuseMark::Edited));
    sample("公文套话（不计入）", DiffMark::Same, Column::Left, Some(ReuseMark::Boilerplate));
    sample("来源中删去", DiffMark::Deleted, Column::Left, None);
    sample("送检稿新增", DiffMark::Inserted, Column::Right, None);
    sample("改前", DiffMark::Changed, Column::Left, None);
    sample("改后", DiffMark::Changed, Column::Right, None);
    sample("移动", DiffMark::Moved, Column::Left, None);
    runs
}
