//! Markdown, as public law collections store laws and regulations (a file starting `# 优化营商环境条例`,
//! then dates, an `<!-- INFO END -->` marker, then `## 第一章 总则`, `### 第一节 …`, articles).
//!
//! **Offsets.** The decoded text of a Markdown file is its *rendered* text: heading marks (`#`),
//! emphasis marks (`**`, `__`, `*`, `_`, `~~`), link syntax, list and quote markers, HTML comments,
//! front matter and table rules are removed line by line, and every char offset of the document
//! (outline, diffs, reuse, reports) is an offset into that rendered text, exactly as for a .docx or a
//! web page, whose markup is not part of the text either. Lines stay lines (blank lines included), so
//! line numbers still match the file. Compared text therefore never contains the marks, and a person
//! reading the text in the app sees the law as written.

use std::path::Path;

use super::{detect, encoding};
use crate::error::IngestError;
use crate::model::{Decoded, Format, Metadata};

/// Longest front matter block looked for (lines).
const MAX_FRONT_MATTER_LINES: usize = 80;

/// Whether bytes without a Markdown extension are nevertheless a Markdown law file: the first
/// non-blank line is a level-1 heading and a level-2 heading or the info marker follows.
pub fn looks_like_markdown(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else { return false };
    let first_is_heading = first.starts_with("# ") || first == "---";
    first_is_heading && lines.take(400).any(|l| l.starts_with("## ") || l.starts_with("<!-- INFO END"))
}

/// Read a Markdown file: the rendered text, and its level-1 heading as the title (a law file's
/// `# 中华人民共和国建筑法` is its title whatever words it ends with).
pub fn read(path: &Path, bytes: &[u8]) -> Result<(Decoded, Metadata), IngestError> {
    let decoded = encoding::decode(bytes);
    if detect::is_binary_text(&decoded.text) {
        return Err(IngestError::Unsupported { path: path.to_path_buf(), what: "binary data".into() });
    }
    let text = render(&decoded.text);
    if text.trim().is_empty() {
        return Err(IngestError::Empty { path: path.to_path_buf() });
    }
    let title = decoded
        .text
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| inline(t.trim().trim_end_matches('#').trim_end()))
        .filter(|t| !t.is_empty());
    let metadata = Metadata { title, ..Metadata::default() };
    Ok((
        Decoded {
            text,
            format: Format::Txt,
            encoding: format!("{} (Markdown)", decoded.encoding),
            warnings: decoded.warnings,
        },
        metadata,
    ))
}

/// The rendered text of a Markdown document (see the module documentation).
pub fn render(source: &str) -> String {
    let lines: Vec<&str> = source.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut index = 0;
    // Front matter: `---` … `---` at the very start; its title (if any) becomes the first line when
    // the body has no level-1 heading of its own.
    if lines.first().map(|l| l.trim()) == Some("---")
        && let Some(end) = lines.iter().skip(1).take(MAX_FRONT_MATTER_LINES).position(|l| l.trim() == "---")
    {
        let block = &lines[1..=end];
        let has_heading = lines[end + 2..].iter().any(|l| l.trim_start().starts_with("# "));
        let title = block.iter().find_map(|l| l.trim().strip_prefix("title:")).map(|t| unquote(t.trim()));
        for _ in 0..end + 2 {
            out.push(String::new());
        }
        if let (Some(title), false) = (title, has_heading)
            && let Some(first) = out.first_mut()
        {
            *first = title;
        }
        index = end + 2;
    }
    let mut in_comment = false;
    let mut in_code = false;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
            out.push(String::new());
            continue;
        }
        if in_code {
            out.push(line.to_string());
            continue;
        }
        let (rendered, still_in_comment) = strip_comments(line, in_comment);
        in_comment = still_in_comment;
        out.push(render_line(&rendered));
    }
    out.join("\n")
}

/// Remove `"…"` or `'…'` around a front matter value.
fn unquote(value: &str) -> String {
    value.trim_matches(|c| c == '"' || c == '\'').to_string()
}

/// Remove HTML comments (which may span lines); returns the rest and whether a comment is still open.
fn strip_comments(line: &str, mut in_comment: bool) -> (String, bool) {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    in_comment = false;
                }
                None => return (out, true),
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    out.push_str(&rest[..start]);
                    rest = &rest[start + 4..];
                    in_comment = true;
                }
                None => {
                    out.push_str(rest);
                    return (out, false);
                }
            }
        }
    }
}

/// One line without block markers (headings, quotes, list bullets, rules, table pipes) and inline
/// marks.
fn render_line(line: &str) -> String {
    let trimmed = line.trim();
    // Thematic breaks and setext underlines: ---, ***, ___, ===.
    if trimmed.len() >= 3
        && let Some(first) = trimmed.chars().next()
        && matches!(first, '-' | '*' | '_' | '=')
        && trimmed.chars().all(|c| c == first || c == ' ')
    {
        return String::new();
    }
    let indent_len = line.len() - line.trim_start().len();
    let indent = &line[..indent_len];
    let mut body = line.trim_start();
    // Block quotes.
    while let Some(rest) = body.strip_prefix('>') {
        body = rest.trim_start();
    }
    // ATX headings: `## 第一章 总则 ##`.
    let hashes = body.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && body[hashes..].starts_with([' ', '\t']) || (hashes > 0 && body.len() == hashes) {
        let content = body[hashes..].trim();
        let content = content.trim_end_matches('#').trim_end();
        return inline(content);
    }
    // Tables: cells joined by a space; the |---|---| rule vanishes.
    if body.starts_with('|') {
        let cells: Vec<&str> = body.trim_matches('|').split('|').map(str::trim).collect();
        if cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
            return String::new();
        }
        return inline(&cells.join(" "));
    }
    // List bullets (numbered lists keep their numbers: 「1. 」 is a 公文 heading too).
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = body.strip_prefix(bullet) {
            body = rest;
            break;
        }
    }
    format!("{indent}{}", inline(body))
}

/// Inline marks: emphasis, strike-through, code spans, links, images, escapes, `<br>`.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    // Emphasis marks opened and not yet closed: (mark char, run length).
    let mut open_marks: Vec<(char, usize)> = Vec::new();
    // How many runs of each mark (char, length) lie ahead: whether a run can open is then known
    // without scanning the rest of the line (which would be quadratic on hostile lines).
    let mut ahead: std::collections::HashMap<(char, usize), usize> = std::collections::HashMap::new();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        let run = chars[at..].iter().take_while(|&&d| d == c).count();
        if matches!(c, '*' | '_' | '~' | '`') {
            *ahead.entry((c, run)).or_insert(0) += 1;
        }
        at += run;
    }
    // Next `]` and `)` at or after each index, for links.
    let next_of = |wanted: char| -> Vec<usize> {
        let mut next = vec![usize::MAX; chars.len() + 1];
        for i in (0..chars.len()).rev() {
            next[i] = if chars[i] == wanted { i } else { next[i + 1] };
        }
        next
    };
    let (next_bracket, next_paren) = (next_of(']'), next_of(')'));
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '*' | '_' | '~' | '`' => {
                let run = chars[i..].iter().take_while(|&&d| d == c).count();
                // A lone `_` inside a word (snake_case, file names) is not emphasis; `~` only as ~~.
                let intraword = c == '_'
                    && i > 0
                    && chars[i - 1].is_alphanumeric()
                    && chars.get(i + run).is_some_and(|n| n.is_alphanumeric());
                if let Some(count) = ahead.get_mut(&(c, run)) {
                    *count = count.saturating_sub(1);
                }
                let closes = open_marks.last() == Some(&(c, run));
                let opens = !closes && ahead.get(&(c, run)).is_some_and(|&n| n > 0);
                if intraword || (c == '~' && run < 2) || !(opens || closes) {
                    out.extend(std::iter::repeat_n(c, run));
                } else if closes {
                    open_marks.pop();
                } else {
                    open_marks.push((c, run));
                }
                i += run;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                i += 1;
            }
            '[' => match link_end(&chars, i, &next_bracket, &next_paren) {
                Some((label_end, end)) => {
                    out.push_str(&inline(&chars[i + 1..label_end].iter().collect::<String>()));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '<' => {
                let rest: String = chars[i..chars.len().min(i + 6)].iter().collect::<String>().to_ascii_lowercase();
                match ["<br />", "<br/>", "<br>"].iter().find(|t| rest.starts_with(**t)) {
                    Some(t) => i += t.chars().count(),
                    None => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// `[label](target)` starting at `open`: the index of `]` and one past `)` (`next_*` give the next
/// `]` / `)` at or after an index).
fn link_end(chars: &[char], open: usize, next_bracket: &[usize], next_paren: &[usize]) -> Option<(usize, usize)> {
    let close = *next_bracket.get(open)?;
    if close == usize::MAX || chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = *next_paren.get(close + 1)?;
    if end == usize::MAX {
        return None;
    }
    Some((close, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_info_block_and_emphasis_are_stripped() {
        let source = "# 优化营商环境条例\n\n2019年10月8日 国务院第66次常务会议通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n**第一条** 为了持续优化营商环境，制定本条例。\n";
        assert_eq!(
            render(source),
            "优化营商环境条例\n\n2019年10月8日 国务院第66次常务会议通过\n\n\n\n第一章 总则\n\n第一条 为了持续优化营商环境，制定本条例。\n"
        );
    }

    #[test]
    fn front_matter_gives_the_title_and_keeps_line_numbers() {
        let source =
            "---\ntitle: \"上海市促进电子商务发展规定\"\ndate: 2013-12-19\n---\n第一条 为了促进本市电子商务发展。";
        assert_eq!(render(source), "上海市促进电子商务发展规定\n\n\n\n第一条 为了促进本市电子商务发展。");
    }

    #[test]
    fn links_lists_tables_and_escapes() {
        assert_eq!(render("- 见[《电子商务法》](https://x.cn/a_b)第二条"), "见《电子商务法》第二条");
        assert_eq!(render("| 项目 | 资金 |\n|---|:--:|\n| 示范 | 5000万元 |"), "项目 资金\n\n示范 5000万元");
        assert_eq!(render(r"1\. 第一项 file_name 2*3"), "1. 第一项 file_name 2*3");
        assert_eq!(render("一行<br>二行 ~~删除~~"), "一行二行 删除");
    }

    #[test]
    fn markdown_is_recognised_by_content() {
        assert!(looks_like_markdown("# 优化营商环境条例\n\n<!-- INFO END -->\n第一条"));
        assert!(looks_like_markdown("\n# 条例\n\n## 第一章 总则"));
        assert!(!looks_like_markdown("一、总体要求\n# 不是标题"));
        assert!(!looks_like_markdown("# 只有一个标题\n正文"));
    }
}
