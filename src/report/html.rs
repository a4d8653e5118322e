//! The HTML report: one self-contained page (inline CSS, no scripts, fonts or images) that opens
//! offline in any browser and prints on A4.

use std::fmt::Write;

use super::ReportOptions;
use super::escape::xml as esc;
use super::palette as pal;
use super::summary;
use super::view::{Block, DiffMark, ReuseMark, Run, View, passage_entry, passage_target, whitespace_pieces};
use crate::analysis::Analysis;
use crate::reuse::ReuseKind;

/// `write!` into a `String`, which cannot fail.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// Render the HTML report.
pub fn render(analysis: &Analysis, options: &ReportOptions) -> String {
    let view = View::new(analysis, options);
    let mut out = String::with_capacity(256 * 1024);
    let names: Vec<&str> = view.docs.iter().map(|&d| view.names[d].as_str()).collect();
    put!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Duizhao\">\n<title>对照报告：{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        esc(&names.join("、")),
        stylesheet()
    );
    put!(out, "<header>\n<h1>对照报告</h1>\n<p class=\"sub\">{}</p>\n</header>\n", esc(&names.join(" · ")));
    out.push_str(
        "<nav class=\"toc\"><a href=\"#summary\">摘要</a><a href=\"#documents\">文件</a><a href=\"#matrix\">复用比例</a>\
         <a href=\"#alignment\">章节对齐</a><a href=\"#levers\">政策对标</a><a href=\"#passages\">复用段落</a><a href=\"#side-by-side\">逐段对照</a></nav>\n",
    );
    summary_section(&mut out, &view);
    documents_section(&mut out, &view);
    matrix_section(&mut out, &view);
    alignment_section(&mut out, &view);
    super::levers::html_section(&mut out, &view);
    passages_section(&mut out, &view);
    side_by_side_section(&mut out, &view);
    out.push_str("<footer>由 Duizhao（对照）生成。字符位置从 0 起计，不含终点。</footer>\n</body>\n</html>\n");
    out
}

pub(super) fn stylesheet() -> String {
    format!(
        r#":root {{ --text: #{text}; --muted: #{muted}; --accent: #{accent}; --border: #{border}; --head: #{head};
  --del: #{del}; --ins: #{ins}; --mv: #{mv}; --chg: #{chg}; --re: #{re}; --ed: #{ed}; --bp: #{bp}; }}
* {{ box-sizing: border-box; }}
body {{ font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; color: var(--text);
  max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; font-size: 15px; line-height: 1.7; }}
h1 {{ font-size: 28px; color: var(--accent); margin: 0 0 4px; }}
h2 {{ font-size: 21px; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin-top: 36px; }}
h3 {{ font-size: 17px; margin: 28px 0 8px; }}
.sub, .note, footer, .loc {{ color: var(--muted); }}
.loc {{ font-size: 13px; }}
footer {{ margin-top: 40px; font-size: 13px; border-top: 1px solid var(--border); padding-top: 8px; }}
nav.toc {{ display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 8px 0; border-bottom: 1px solid var(--border); }}
a {{ color: var(--accent); }}
table {{ border-collapse: collapse; width: 100%; margin: 8px 0; }}
th, td {{ border: 1px solid var(--border); padding: 5px 8px; text-align: left; vertical-align: top; }}
th {{ background: var(--head); font-weight: 600; }}
td.num {{ text-align: right; white-space: nowrap; }}
table.documents th, table.documents td, table.matrix th, table.alignment thead th {{ white-space: nowrap; }}
table.documents td.wrap {{ white-space: normal; min-width: 12em; }}
table.alignment tbody th {{ white-space: nowrap; }}
table.passages th, table.passages td:nth-child(2) {{ white-space: nowrap; }}
table.passages td.location {{ width: 16%; }}
td.ratio {{ text-align: center; white-space: nowrap; }}
td.gap {{ color: var(--muted); font-style: italic; }}
table.section-pairs td {{ width: 50%; }}
td.ratio small {{ display: block; color: var(--muted); }}
ul.summary li {{ margin: 2px 0; }}
.legend {{ display: flex; flex-wrap: wrap; gap: 6px 20px; padding: 8px 12px; border: 1px solid var(--border);
  background: #fafbfc; margin: 8px 0 16px; }}
.block {{ border: 1px solid var(--border); margin: 12px 0 20px; }}
.block-head {{ background: var(--head); padding: 6px 12px; font-weight: 600; }}
.block-head .loc {{ font-weight: normal; margin-left: 8px; }}
.cols {{ display: grid; grid-template-columns: 1fr 1fr; }}
.col + .col {{ border-left: 1px solid var(--border); }}
.colhead {{ padding: 4px 12px; border-bottom: 1px dashed var(--border); font-size: 14px; color: var(--muted); }}
.text {{ white-space: pre-wrap; overflow-wrap: anywhere; padding: 8px 12px; }}
.passage-text {{ white-space: pre-wrap; overflow-wrap: anywhere; }}
del {{ color: var(--del); text-decoration: line-through; }}
ins {{ color: var(--ins); text-decoration: underline; text-underline-offset: 3px; }}
.mv {{ color: var(--mv); text-decoration: underline dotted; text-underline-offset: 3px; }}
.chg {{ color: var(--chg); }}
/* The 政策对标表's change labels share the class name; a diff mark keeps the text's size. */
del.chg, ins.chg {{ font-size: inherit; font-weight: inherit; margin-left: 0; }}
mark {{ color: inherit; padding: 0; }}
mark.re {{ background: var(--re); }}
mark.ed {{ background: var(--ed); }}
mark.bp {{ background: var(--bp); }}
.anchor {{ scroll-margin-top: 40px; }}
:target {{ outline: 2px solid var(--accent); }}
@page {{ size: A4; margin: 14mm 12mm; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.55; }}
  nav.toc {{ display: none; }}
  a {{ color: inherit; text-decoration: none; }}
  h2, h3, .block-head, .colhead {{ break-after: avoid; }}
  tr {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  table {{ font-size: 9pt; }}
  table.documents th, table.documents td {{ white-space: normal; }}
  table.documents td.wrap {{ min-width: 9em; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
"#,
        text = pal::TEXT,
        muted = pal::MUTED_TEXT,
        accent = pal::ACCENT,
        border = pal::BORDER,
        head = pal::HEADER_BG,
        del = pal::DELETE_TEXT,
        ins = pal::INSERT_TEXT,
        mv = pal::MOVE_TEXT,
        chg = pal::CHANGE_TEXT,
        re = pal::REUSE_EXACT_BG,
        ed = pal::REUSE_EDITED_BG,
        bp = pal::BOILERPLATE_BG,
    ) + &super::levers::html_css()
}

fn summary_section(out: &mut String, view: &View) {
    out.push_str("<section id=\"summary\">\n<h2>摘要</h2>\n<ul class=\"summary\">\n");
    for sentence in summary::sentences(view) {
        put!(out, "<li>{}</li>\n", esc(&sentence));
    }
    out.push_str("</ul>\n");
    out.push_str("</section>\n");
}

fn documents_section(out: &mut String, view: &View) {
    out.push_str(
        "<section id=\"documents\">\n<h2>文件</h2>\n<table class=\"documents\">\n<thead><tr><th>编号</th><th>简称</th>\
         <th>标题</th><th>文号</th><th>日期</th><th>编码</th><th>格式</th><th>大小</th><th>字数</th><th>章节</th>\
         <th>文件名</th></tr></thead>\n<tbody>\n",
    );
    for &d in &view.docs {
        let doc = view.doc(d);
        let meta = &doc.metadata;
        let file = std::path::Path::new(&doc.path).file_name().map(|f| f.to_string_lossy().into_owned());
        put!(
            out,
            "<tr class=\"document\" id=\"doc-{id}\"><td>{id}</td><td>{name}</td><td class=\"wrap\">{title}</td><td>{number}</td>\
             <td>{date}</td><td>{encoding}</td><td>{format}</td><td class=\"num\">{size}</td><td class=\"num\">{chars}</td>\
             <td class=\"num\">{sections}</td><td class=\"wrap\">{file}</td></tr>\n",
            id = esc(&doc.id),
            name = esc(&view.names[d]),
            title = esc(meta.title.as_deref().unwrap_or("—")),
            number = esc(meta.doc_number.as_deref().unwrap_or("—")),
            date = esc(&meta.date.map_or_else(|| "—".to_string(), |d| d.iso())),
            encoding = esc(&doc.encoding),
            format = doc.format.name(),
            size = super::summary::human_size(doc.bytes),
            chars = doc.chars(),
            sections = doc.sections.len(),
            file = esc(file.as_deref().unwrap_or(&doc.path)),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn matrix_section(out: &mut String, view: &View) {
    out.push_str("<section id=\"matrix\">\n<h2>复用比例</h2>\n");
    out.push_str(
        "<p class=\"note\">每格：行文件中有多少文字与列文件相同或改写自列文件（不含公文套话）。\
         “列为来源”表示列文件较早，“行为来源”表示行文件较早（按发文日期）。</p>\n",
    );
    out.push_str("<table class=\"matrix\">\n<thead><tr><th></th>");
    for &d in &view.docs {
        put!(out, "<th>{}</th>", esc(&view.names[d]));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for &row in &view.docs {
        put!(out, "<tr><th>{}</th>", esc(&view.names[row]));
        for &col in &view.docs {
            if row == col {
                out.push_str("<td class=\"ratio\">—</td>");
                continue;
            }
            let Some((ratio, chars)) = view.ratio(row, col) else {
                out.push_str("<td class=\"ratio\">·</td>");
                continue;
            };
            let direction = view.direction_label(col, row);
            let (r, g, b) = pal::MATRIX_RGB;
            let alpha = (ratio * 1.6).clamp(0.0, 0.85);
            put!(
                out,
                "<td class=\"ratio\" style=\"background-color: rgba({r}, {g}, {b}, {alpha:.2})\" title=\"{chars} 字\">{}<small>{direction}</small></td>",
                summary::percent(ratio)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if !view.analysis.reuse.rule.is_empty() {
        put!(out, "<p class=\"note\">计算规则：{}</p>\n", esc(&view.analysis.reuse.rule));
    }
    out.push_str("</section>\n");
}

fn alignment_section(out: &mut String, view: &View) {
    out.push_str("<section id=\"alignment\">\n<h2>章节对齐</h2>\n");
    if view.rows.is_empty() {
        out.push_str("<p class=\"note\">没有对齐的章节。</p>\n");
    } else {
        out.push_str(
            "<p class=\"note\">每行是一个主题；格中是各文件的对应章节及相似度，点击可跳到逐段对照。</p>\n\
             <table class=\"alignment\">\n<thead><tr><th>主题</th>",
        );
        for &d in &view.docs {
            put!(out, "<th>{}</th>", esc(&view.names[d]));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &view.rows {
            let first_block = row.blocks.first().map(|&b| view.blocks[b].anchor.as_str());
            match first_block {
                Some(anchor) => put!(out, "<tr><th><a href=\"#{anchor}\">{}</a></th>", esc(&row.label)),
                None => put!(out, "<tr><th>{}</th>", esc(&row.label)),
            }
            for (&d, cell) in view.docs.iter().zip(&row.cells) {
                let Some((section, score)) = *cell else {
                    out.push_str("<td class=\"gap\">无对应章节</td>");
                    continue;
                };
                let target = row
                    .blocks
                    .iter()
                    .map(|&b| &view.blocks[b])
                    .find(|b| b.right.doc == d)
                    .or_else(|| row.blocks.first().map(|&b| &view.blocks[b]));
                let label = esc(&view.section_label(d, Some(section)));
                match target {
                    Some(block) => put!(out, "<td><a href=\"#{}\">{label}</a>", block.anchor),
                    None => put!(out, "<td>{label}"),
                }
                put!(out, " <span class=\"loc\">{score:.2}</span></td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let unaligned: Vec<String> = view
        .docs
        .iter()
        .filter_map(|&d| {
            let sections: Vec<String> = view
                .analysis
                .alignment
                .unaligned
                .iter()
                .filter(|(doc, _)| *doc == d)
                .map(|&(_, s)| view.section_label(d, Some(s)))
                .collect();
            (!sections.is_empty()).then(|| format!("{}：{}", view.names[d], sections.join("、")))
        })
        .collect();
    if !unaligned.is_empty() {
        out.push_str("<h3>未对齐的章节</h3>\n<ul class=\"unaligned\">\n");
        for line in unaligned {
            put!(out, "<li>{}</li>\n", esc(&line));
        }
        out.push_str("</ul>\n");
    }
    section_pairs_html(out, view);
    out.push_str("</section>\n");
}

/// Per other document, its sections beside the reference document's in reading order, as the app's
/// side-by-side view pairs them: a section without a counterpart faces an explicit empty cell.
fn section_pairs_html(out: &mut String, view: &View) {
    let Some(reference) = view.reference_doc() else { return };
    for &other in view.docs.iter().filter(|&&d| d != reference) {
        let pairs = view.section_pairs(reference, other);
        if pairs.is_empty() {
            continue;
        }
        let (a, b) = (esc(&view.names[reference]), esc(&view.names[other]));
        put!(
            out,
            "<h3 id=\"sections-d{}-d{}\">逐章对照：{a} ↔ {b}</h3>\n\
             <table class=\"section-pairs\">\n<thead><tr><th>{a}</th><th>{b}</th></tr></thead>\n<tbody>\n",
            reference + 1,
            other + 1
        );
        for pair in pairs {
            out.push_str("<tr>");
            for (doc, section) in [(reference, pair.left), (other, pair.right)] {
                match section {
                    Some(s) => put!(out, "<td>{}</td>", esc(&view.section_label(doc, Some(s)))),
                    None => out.push_str("<td class=\"gap\">无对应章节</td>"),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
}

fn passages_section(out: &mut String, view: &View) {
    out.push_str("<section id=\"passages\">\n<h2>复用段落</h2>\n");
    legend(out, view.include_boilerplate);
    out.push_str("<h3>逐字相同与改写（按长度）</h3>\n");
    passage_table(out, view, &view.passages);
    if view.include_boilerplate {
        out.push_str("<h3>公文套话（不计入比例）</h3>\n");
        passage_table(out, view, &view.boilerplate);
    }
    out.push_str("</section>\n");
}

fn passage_table(out: &mut String, view: &View, passages: &[usize]) {
    if passages.is_empty() {
        out.push_str("<p class=\"note\">无。</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"passages\">\n<thead><tr><th>编号</th><th>类型</th><th>字数</th><th>文件 A</th><th>文件 B</th>\
         <th>文字</th></tr></thead>\n<tbody>\n",
    );
    for &p in passages {
        let passage = view.passage(p);
        let number = view.numbers.get(&p).copied().unwrap_or(p + 1);
        let kind = match (passage.boilerplate, passage.kind) {
            (true, _) => "套话",
            (false, ReuseKind::Exact) => "逐字相同",
            (false, ReuseKind::Edited) => "改写",
        };
        let mark = if passage.boilerplate {
            "bp"
        } else if passage.kind == ReuseKind::Exact {
            "re"
        } else {
            "ed"
        };
        put!(
            out,
            "<tr class=\"passage\" id=\"{entry}\" data-kind=\"{kind_id}\"><td class=\"num\"><a href=\"#{target}\">{number}</a></td>\
             <td>{kind}<br><span class=\"loc\">相似度 {similarity:.2}</span></td><td class=\"num\">{chars}</td>",
            entry = passage_entry(p),
            kind_id = if passage.kind == ReuseKind::Exact { "exact" } else { "edited" },
            target = passage_target(p),
            similarity = passage.similarity,
            chars = passage.chars,
        );
        for (side, other) in [(passage.a, passage.b), (passage.b, passage.a)] {
            put!(
                out,
                "<td class=\"location\" data-doc=\"{id}\" data-start=\"{start}\" data-end=\"{end}\"><b>{name}</b><br>{section}<br>\
                 <span class=\"loc\">字符 {start}–{end}</span><br><span class=\"prov\">{provenance}</span></td>",
                id = esc(&view.doc(side.doc).id),
                name = esc(&view.names[side.doc]),
                provenance = esc(&view.provenance_label(side.doc, other.doc, passage.kind)),
                section = esc(&view.section_label(side.doc, side.section)),
                start = side.span.start,
                end = side.span.end,
            );
        }
        out.push_str("<td class=\"passage-text\">");
        if passage.kind == ReuseKind::Edited {
            // A rewritten clause reads best as a redline from the source to the copy.
            runs_html(out, view, &view.passage_redline(p));
        } else {
            let a_text = view.doc(passage.a.doc).slice(passage.a.span).trim();
            let b_text = view.doc(passage.b.doc).slice(passage.b.span).trim();
            put!(out, "<mark class=\"{mark}\">{}</mark>", esc(a_text));
            if a_text != b_text {
                put!(out, "<br><span class=\"loc\">B：</span><mark class=\"{mark}\">{}</mark>", esc(b_text));
            }
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn legend(out: &mut String, boilerplate: bool) {
    out.push_str(
        "<div class=\"legend\"><b>图例</b><span><mark class=\"re\">逐字相同的复用</mark></span>\
         <span><mark class=\"ed\">改写的复用</mark></span>",
    );
    if boilerplate {
        out.push_str("<span><mark class=\"bp\">公文套话</mark></span>");
    }
    out.push_str(
        "<span><del>删除（较早文件）</del></span><span><ins>新增（较晚文件）</ins></span>\
         <span><del class=\"chg\">修改前</del> → <ins class=\"chg\">修改后</ins></span>\
         <span><span class=\"mv\">移到别处</span></span></div>\n",
    );
}

fn side_by_side_section(out: &mut String, view: &View) {
    out.push_str("<section id=\"side-by-side\">\n<h2>逐段对照</h2>\n");
    out.push_str("<p class=\"note\">每个主题以最早的文件为左栏，与其他文件逐词比较。</p>\n");
    legend(out, view.include_boilerplate);
    let mut any = false;
    for row in &view.rows {
        if row.blocks.is_empty() {
            continue;
        }
        any = true;
        put!(out, "<h3 id=\"row-{}\">{}</h3>\n", row.index + 1, esc(&row.label));
        for &b in &row.blocks {
            block_html(out, view, b, None);
        }
    }
    if !any {
        out.push_str("<p class=\"note\">没有两份以上文件共有的对齐章节。</p>\n");
    }
    let extra: Vec<usize> = (0..view.blocks.len()).filter(|&b| view.blocks[b].passage.is_some()).collect();
    if !extra.is_empty() {
        out.push_str(
            "<h3 id=\"other-passages\">对齐章节以外的复用段落</h3>\n\
             <p class=\"note\">这些段落不在同一对对齐章节里（条文常被移到别的章节），在此单独对照。</p>\n",
        );
        for b in extra {
            let title = view.blocks[b].passage.map(|p| passage_title(view, p));
            block_html(out, view, b, title.as_deref());
        }
    }
    out.push_str("</section>\n");
}

fn passage_title(view: &View, p: usize) -> String {
    let passage = view.passage(p);
    let kind = match passage.kind {
        ReuseKind::Exact => "逐字相同",
        ReuseKind::Edited => "改写",
    };
    format!("第 {} 号 · {kind} · {} 字", view.numbers.get(&p).copied().unwrap_or(p + 1), passage.chars)
}

fn block_html(out: &mut String, view: &View, b: usize, title: Option<&str>) {
    let block: &Block = &view.blocks[b];
    let diff = view.diff(block);
    let (left, right) = view.columns(b, &diff);
    let (changed_left, changed_right) = diff.changed_chars();
    put!(out, "<div class=\"block\" id=\"{}\">\n<div class=\"block-head\">", block.anchor);
    match (title, block.passage) {
        (Some(title), Some(p)) => {
            put!(out, "<a href=\"#{}\">{}</a>", passage_entry(p), esc(title));
        }
        _ => put!(out, "{} ↔ {}", esc(&view.names[block.left.doc]), esc(&view.names[block.right.doc])),
    }
    put!(out, "<span class=\"loc\">删改 {changed_left} 字 / 新增或替换 {changed_right} 字</span>");
    if let Some(reason) = &diff.fallback {
        put!(out, "<span class=\"loc\">（比较超时，改用粗略比较：{}）</span>", esc(reason));
    }
    out.push_str("</div>\n<div class=\"cols\">\n");
    for (side, runs) in [(&block.left, &left), (&block.right, &right)] {
        put!(
            out,
            "<div class=\"col\"><div class=\"colhead\">{} · {} · 字符 {}–{}</div><div class=\"text\">",
            esc(&view.names[side.doc]),
            esc(&view.section_label(side.doc, side.section)),
            side.span.start,
            side.span.end
        );
        runs_html(out, view, runs);
        out.push_str("</div></div>\n");
    }
    out.push_str("</div>\n</div>\n");
}

/// Marked runs as HTML; surrounding blank lines of the section are dropped.
fn runs_html(out: &mut String, view: &View, runs: &[Run]) {
    let mut texts: Vec<&str> = runs.iter().map(|run| view.doc(run.doc).slice(run.span)).collect();
    for text in texts.iter_mut().rev() {
        *text = text.trim_end();
        if !text.is_empty() {
            break;
        }
    }
    for text in &mut texts {
        *text = text.trim_start_matches(['\n', '\r']);
        if !text.is_empty() {
            break;
        }
    }
    for (run, text) in runs.iter().zip(texts) {
        for id in &run.anchors {
            put!(out, "<a class=\"anchor\" id=\"{id}\"></a>");
        }
        if text.is_empty() {
            continue;
        }
        let reuse = run.reuse.map(|mark| match mark {
            ReuseMark::Exact => "re",
            ReuseMark::Edited => "ed",
            ReuseMark::Boilerplate => "bp",
        });
        if let Some(class) = reuse {
            put!(out, "<mark class=\"{class}\">");
        }
        for (whitespace, piece) in whitespace_pieces(text) {
            let piece = esc(piece);
            match if whitespace { DiffMark::Same } else { run.mark } {
                DiffMark::Same => out.push_str(&piece),
                DiffMark::Deleted => put!(out, "<del>{piece}</del>"),
                DiffMark::Inserted => put!(out, "<ins>{piece}</ins>"),
                DiffMark::Moved => put!(out, "<span class=\"mv\">{piece}</span>"),
                // One mark for a replacement: the old wording struck, the new one underlined.
                DiffMark::Changed => match run.column {
                    crate::comparison::Side::Left => put!(out, "<del class=\"chg\">{piece}</del>"),
                    crate::comparison::Side::Right => put!(out, "<ins class=\"chg\">{piece}</ins>"),
                },
            }
        }
        if reuse.is_some() {
            out.push_str("</mark>");
        }
    }
}
