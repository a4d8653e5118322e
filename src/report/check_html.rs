//! The 查重 report as one self-contained HTML page, in the comparison report's stylesheet: a summary
//! box first (overall share, sources, the largest ones), then the sources, the draft's sections,
//! and every passage beside its source with the same word-level marks as the comparison report.

use std::fmt::Write as _;

use super::check::{CheckKind, CheckMark, CheckPiece, CheckReport, percent, visible_parts};
use super::escape::xml as esc;
use super::palette as pal;

/// `write!` into a `String`, which cannot fail.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// Render the page.
pub fn render(report: &CheckReport) -> String {
    let mut out = String::with_capacity(128 * 1024);
    let name = report.draft_name();
    put!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Duizhao\">\n<title>查重报告：{}</title>\n<style>\n{}{}</style>\n</head>\n<body>\n",
        esc(&name),
        super::html::stylesheet(),
        stylesheet()
    );
    put!(
        out,
        "<header>\n<h1>查重报告</h1>\n<p class=\"sub\">送检稿：{}　·　比对文件夹：{}</p>\n</header>\n",
        esc(&name),
        esc(&report.corpus.folder)
    );
    out.push_str(
        "<nav class=\"toc\"><a href=\"#summary\">摘要</a><a href=\"#sources\">来源文件</a><a href=\"#sections\">各章节复制比</a>\
         <a href=\"#passages\">逐段对照</a><a href=\"#rule\">计算规则</a></nav>\n",
    );
    summary(&mut out, report);
    sources(&mut out, report);
    sections(&mut out, report);
    passages(&mut out, report);
    if !report.skipped.is_empty() {
        out.push_str("<section id=\"skipped\">\n<h2>未能读取的文件</h2>\n<ul>\n");
        for skip in &report.skipped {
            put!(out, "<li>{}：{}</li>\n", esc(&skip.path.display().to_string()), esc(&skip.reason));
        }
        out.push_str("</ul>\n</section>\n");
    }
    if !report.fallbacks.is_empty() {
        out.push_str("<section id=\"fallbacks\">\n<h2>比对超时</h2>\n<ul>\n");
        for note in &report.fallbacks {
            put!(out, "<li>{}</li>\n", esc(note));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("<section id=\"rule\">\n<h2>计算规则</h2>\n");
    for paragraph in report.rule.lines() {
        put!(out, "<p class=\"note\">{}</p>\n", esc(paragraph));
    }
    out.push_str(
        "</section>\n<footer>由 Duizhao（对照）生成。字符位置从 0 起计，不含终点。</footer>\n</body>\n</html>\n",
    );
    out
}

fn stylesheet() -> String {
    format!(
        r#".box {{ display: grid; grid-template-columns: 220px 1fr; gap: 8px 28px; border: 2px solid var(--accent);
  padding: 16px 20px; margin: 16px 0; background: #fafbfc; }}
.big {{ font-size: 44px; font-weight: 700; color: var(--accent); line-height: 1.1; }}
.big-label {{ color: var(--muted); font-size: 14px; }}
.figures {{ display: flex; flex-wrap: wrap; gap: 4px 24px; margin-top: 6px; }}
.figures b {{ font-size: 18px; }}
.bar {{ display: inline-block; height: 10px; background: var(--head); border: 1px solid var(--border); width: 120px;
  vertical-align: middle; margin-right: 6px; }}
.bar span {{ display: block; height: 100%; background: #{fill}; }}
.bar span.exact {{ background: #{exact}; }}
table.top td {{ border: none; padding: 2px 8px 2px 0; }}
table.top {{ margin: 0; width: auto; }}
.excluded {{ color: var(--muted); font-size: 14px; margin: 6px 0 0; }}
table.sections td.l1 {{ padding-left: 8px; }} table.sections td.l2 {{ padding-left: 28px; }}
table.sections td.l0 {{ color: var(--muted); }}
.pair {{ border: 1px solid var(--border); margin: 10px 0 16px; break-inside: avoid; }}
.pair.boilerplate {{ opacity: 0.8; }}
"#,
        fill = pal::REUSE_EDITED_BG,
        exact = pal::REUSE_EXACT_BG,
    )
}

fn bar(share: f32) -> String {
    format!("<span class=\"bar\"><span style=\"width: {:.1}%\"></span></span>", (share * 100.0).clamp(0.0, 100.0))
}

fn summary(out: &mut String, report: &CheckReport) {
    let s = &report.summary;
    out.push_str("<section id=\"summary\">\n<h2>摘要</h2>\n<div class=\"box\">\n<div>");
    put!(
        out,
        "<div class=\"big-label\">总复制比</div><div class=\"big\" id=\"overall-share\">{}</div>\
         <div class=\"big-label\">其中逐字相同 {}</div>",
        percent(s.share),
        percent(s.verbatim_share)
    );
    out.push_str("</div>\n<div>");
    put!(
        out,
        "<div class=\"figures\"><span>来源文件 <b>{}</b> 份</span><span>复用段落 <b>{}</b> 处</span>\
         <span>复用 <b>{}</b> / {} 字</span><span>最大单一来源 <b>{}</b></span></div>",
        s.sources,
        s.passages,
        s.reused_chars,
        report.draft.countable_chars,
        percent(s.max_source_share)
    );
    if !s.top_sources.is_empty() {
        out.push_str("<table class=\"top\"><tbody>");
        for source in s.top_sources.iter().filter_map(|id| report.source(id)) {
            put!(
                out,
                "<tr><td>{}</td><td>{}{}</td><td>{}</td><td class=\"loc\">{}</td></tr>",
                source.id,
                bar(source.share),
                percent(source.share),
                esc(&CheckReport::source_name(source)),
                esc(source.date.as_deref().unwrap_or("日期不详"))
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</div>\n</div>\n<ul class=\"summary\">\n");
    for sentence in report.summary_sentences() {
        put!(out, "<li>{}</li>\n", esc(&sentence));
    }
    for version in &report.excluded.versions {
        put!(
            out,
            "<li class=\"excluded\">视为送检稿的其他版本，不计入：{}（{}，覆盖 {}）</li>\n",
            esc(&version.path),
            esc(version.date.as_deref().unwrap_or("日期不详")),
            percent(version.share)
        );
    }
    for path in &report.excluded.identical {
        put!(out, "<li class=\"excluded\">与送检稿全文相同，不计入：{}</li>\n", esc(path));
    }
    out.push_str("</ul>\n</section>\n");
}

fn sources(out: &mut String, report: &CheckReport) {
    out.push_str(
        "<section id=\"sources\">\n<h2>来源文件（按复制比）</h2>\n<p class=\"note\">复制比：送检稿中与该文件相同或改写自该文件的字数占送检稿总字数的比例；\
         来源被用比例：该文件中被送检稿使用的字数占该文件的比例。</p>\n\
         <table class=\"sources\">\n<thead><tr><th>序号</th><th>文件</th><th>发文机关</th><th>日期</th><th>复制比</th>\
         <th>字数</th><th>来源被用比例</th><th>段落</th><th>路径</th></tr></thead>\n<tbody>\n",
    );
    for s in &report.sources {
        put!(
            out,
            "<tr class=\"source\" id=\"{id}\"><td>{rank} {id}</td><td>{name}{number}</td><td>{issuer}</td><td>{date}</td>\
             <td class=\"num\">{share}</td><td class=\"num\">{chars}</td><td class=\"num\">{source_share}</td>\
             <td class=\"num\">{passages}</td><td class=\"loc\">{path}</td></tr>\n",
            id = s.id,
            rank = s.rank,
            name = esc(&CheckReport::source_name(s)),
            number = s
                .doc_number
                .as_deref()
                .map(|n| format!("<br><span class=\"loc\">{}</span>", esc(n)))
                .unwrap_or_default(),
            issuer = esc(s.issuer.as_deref().unwrap_or("—")),
            date = esc(&s.date_label()),
            share = percent(s.share),
            chars = s.reused_chars,
            source_share = percent(s.source_share),
            passages = s.passages,
            path = esc(&s.path),
        );
    }
    if report.sources.is_empty() {
        out.push_str("<tr><td colspan=\"9\" class=\"gap\">无。</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn sections(out: &mut String, report: &CheckReport) {
    out.push_str(
        "<section id=\"sections\">\n<h2>各章节复制比</h2>\n<table class=\"sections\">\n<thead><tr><th>章节</th>\
         <th>字符</th><th>字数</th><th>复用字数</th><th>复制比</th><th>主要来源</th></tr></thead>\n<tbody>\n",
    );
    for s in &report.sections {
        put!(
            out,
            "<tr class=\"section\" data-start=\"{start}\" data-end=\"{end}\"><td class=\"l{level}\">{label}</td>\
             <td class=\"loc\">{start}–{end}</td><td class=\"num\">{countable}</td><td class=\"num\">{reused}</td>\
             <td>{bar}{share}</td><td>{main}</td></tr>\n",
            start = s.span.start,
            end = s.span.end,
            level = s.level.min(2),
            label = esc(&s.label),
            countable = s.countable_chars,
            reused = s.reused_chars,
            bar = bar(s.share),
            share = percent(s.share),
            main = s.main_source.as_deref().unwrap_or("—"),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn passages(out: &mut String, report: &CheckReport) {
    out.push_str("<section id=\"passages\">\n<h2>逐段对照</h2>\n");
    out.push_str(
        "<div class=\"legend\"><b>图例</b><span><mark class=\"re\">逐字相同</mark></span><span><mark class=\"ed\">改写</mark></span>\
         <span><mark class=\"bp\">公文套话（不计入）</mark></span><span><del>来源中删去</del></span><span><ins>送检稿新增</ins></span>\
         <span><del class=\"chg\">改前</del> → <ins class=\"chg\">改后</ins></span><span><span class=\"mv\">移动</span></span></div>\n",
    );
    if report.passages.is_empty() {
        out.push_str("<p class=\"note\">无。</p>\n");
    }
    let mut current: Option<(&str, bool)> = None;
    for p in &report.passages {
        let boilerplate = p.kind == CheckKind::Boilerplate;
        if current != Some((p.source.as_str(), boilerplate)) {
            current = Some((p.source.as_str(), boilerplate));
            let name = report.source(&p.source).map(CheckReport::source_name).unwrap_or_default();
            let tail = if boilerplate { " · 公文套话（不计入）" } else { "" };
            put!(out, "<h3>{} {}{tail}</h3>\n", p.source, esc(&name));
        }
        let mark = match p.kind {
            CheckKind::Verbatim => "re",
            CheckKind::Rewritten => "ed",
            CheckKind::Boilerplate => "bp",
        };
        put!(
            out,
            "<div class=\"pair {kind}\" id=\"passage-{number}\" data-source=\"{source}\" data-draft-start=\"{ds}\" \
             data-draft-end=\"{de}\" data-source-start=\"{ss}\" data-source-end=\"{se}\">\n\
             <div class=\"block-head\">第 {number} 号 · {kind_zh} · {chars} 字<span class=\"loc\">相似度 {similarity:.2}</span></div>\n\
             <div class=\"cols\">\n",
            kind = p.kind.name(),
            number = p.number,
            source = p.source,
            ds = p.draft_span.start,
            de = p.draft_span.end,
            ss = p.source_span.start,
            se = p.source_span.end,
            kind_zh = p.kind.chinese(),
            chars = p.chars,
            similarity = p.similarity,
        );
        for (head, section, span, pieces, source) in [
            (format!("来源 {}", p.source), &p.source_section, p.source_span, &p.source_text, true),
            ("送检稿".to_string(), &p.draft_section, p.draft_span, &p.draft, false),
        ] {
            put!(
                out,
                "<div class=\"col\"><div class=\"colhead\">{} · {} · 字符 {}–{}</div><div class=\"text\"><mark class=\"{mark}\">",
                esc(&head),
                esc(section),
                span.start,
                span.end
            );
            pieces_html(out, pieces, source);
            out.push_str("</mark></div></div>\n");
        }
        out.push_str("</div>\n</div>\n");
    }
    out.push_str("</section>\n");
}

/// Marked pieces as HTML, in the comparison report's classes; blank lines at the ends dropped. A
/// replacement reads as the old wording struck on the `source` side, the new one underlined on the draft's.
fn pieces_html(out: &mut String, pieces: &[CheckPiece], source: bool) {
    for (part, mark) in visible_parts(pieces) {
        let part = esc(part);
        match mark {
            CheckMark::Same => out.push_str(&part),
            CheckMark::Deleted => put!(out, "<del>{part}</del>"),
            CheckMark::Inserted => put!(out, "<ins>{part}</ins>"),
            CheckMark::Moved => put!(out, "<span class=\"mv\">{part}</span>"),
            CheckMark::Changed if source => put!(out, "<del class=\"chg\">{part}</del>"),
            CheckMark::Changed => put!(out, "<ins class=\"chg\">{part}</ins>"),
        }
    }
}
