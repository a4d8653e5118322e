//! The revision table as one self-contained HTML page: the three columns drafters file, deletions
//! struck through in the old column and insertions underlined in the new, filters by change kind.

use std::fmt::Write as _;

use super::escape::xml as esc;
use super::palette as pal;
use super::revision::{COLUMNS, explanation, title};
use crate::revise::{ChangeKind, Mark, Piece, Revision};

/// Render the page.
pub fn render(revision: &Revision) -> String {
    let mut out = String::new();
    let heading = title(revision);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style></head><body>",
        esc(&heading),
        stylesheet()
    );
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"sub\">原：{}　修改后：{}</p><p class=\"summary\">{}</p>",
        esc(&heading),
        esc(&revision.old_name),
        esc(&revision.new_name),
        esc(&revision.summary.text)
    );
    if revision.timed_out {
        out.push_str("<p class=\"sub\">时间已到，部分条文未标出逐字修改。</p>");
    }
    out.push_str("<p class=\"legend\"><del>删去的文字</del>　<ins>新增的文字</ins></p>");
    // Filters by kind without script: a checkbox per kind, before the table, hides its rows.
    out.push_str("<span class=\"filters\">显示：</span>");
    for kind in ChangeKind::ALL {
        let n = revision.rows_of(kind).count();
        if n > 0 {
            let class = kind_class(kind);
            let _ = write!(
                out,
                "<input type=\"checkbox\" id=\"f-{class}\" checked><label for=\"f-{class}\">{} {n}</label> ",
                kind.chinese()
            );
        }
    }

    let _ = write!(
        out,
        "<table class=\"revision\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        COLUMNS[0], COLUMNS[1], COLUMNS[2]
    );
    for row in &revision.rows {
        let _ = write!(out, "<tr class=\"{}\"><td>", kind_class(row.kind));
        cell(&mut out, &row.old_text);
        out.push_str("</td><td>");
        cell(&mut out, &row.new_text);
        let _ = write!(out, "</td><td class=\"note\">{}</td></tr>", esc(&explanation(row)));
    }
    out.push_str("</tbody></table><footer>Duizhao 对照 · 新旧条文对照表</footer></body></html>\n");
    out
}

/// The CSS class of a row: its kind, e.g. `kind-modified`.
fn kind_class(kind: ChangeKind) -> String {
    let name = serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    format!("kind-{name}")
}

fn cell(out: &mut String, pieces: &[Piece]) {
    for piece in pieces {
        let text = esc(&piece.text).replace('\n', "<br>");
        match piece.mark {
            Mark::Same => out.push_str(&text),
            Mark::Deleted => {
                let _ = write!(out, "<del>{text}</del>");
            }
            Mark::Inserted => {
                let _ = write!(out, "<ins>{text}</ins>");
            }
        }
    }
}

fn stylesheet() -> String {
    format!(
        "body {{ font-family: \"Microsoft YaHei\", \"PingFang SC\", \"Noto Sans CJK SC\", sans-serif; color: #{text};
  margin: 0 auto; padding: 24px 28px 48px; max-width: 1400px; font-size: 15px; line-height: 1.7; }}
h1 {{ font-size: 24px; color: #{accent}; margin: 0 0 4px; text-align: center; }}
.sub, footer {{ color: #{muted}; }}
.sub {{ text-align: center; margin: 0 0 8px; }}
.summary {{ font-weight: 600; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border: 1px solid #{border}; padding: 6px 8px; text-align: left; vertical-align: top; }}
th {{ background: #{head}; text-align: center; }}
th:nth-child(1), th:nth-child(2) {{ width: 40%; }}
td.note {{ color: #{text}; font-size: 14px; }}
del {{ color: #{del}; text-decoration: line-through; }}
ins {{ color: #{ins}; text-decoration: underline; }}
tr.kind-unchanged td, tr.kind-renumbered td {{ color: #{muted}; }}
input + label {{ margin-right: 12px; }}
{filters}
footer {{ margin-top: 32px; font-size: 13px; }}",
        text = pal::TEXT,
        accent = pal::ACCENT,
        muted = pal::MUTED_TEXT,
        border = pal::BORDER,
        head = pal::HEADER_BG,
        del = pal::DELETE_TEXT,
        ins = pal::INSERT_TEXT,
        filters = ChangeKind::ALL
            .iter()
            .map(|&k| {
                let class = kind_class(k);
                format!("#f-{class}:not(:checked) ~ table tr.{class} {{ display: none; }}")
            })
            .collect::<Vec<_>>()
            .join("\n"),
    )
}
