//! The plain-language summary every format opens with, in Chinese, with the numbers.

use super::view::View;
use crate::reuse::ReuseKind;

/// File size as people read it: "912 B", "14.6 KB", "1.2 MB". Shared by the reports and the app.
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Percent as people read it: whole numbers from 10%, one decimal below.
pub fn percent(ratio: f32) -> String {
    let value = f64::from(ratio) * 100.0;
    percent_with(ratio, if value >= 10.0 { 0 } else { 1 })
}

/// `ratio` (0–1) as a percent with `decimals` decimals: the one percent formatter of the reports,
/// the app and the command line.
pub fn percent_with(ratio: impl Into<f64>, decimals: usize) -> String {
    format!("{:.*}%", decimals, ratio.into() * 100.0)
}

/// Sentences of the summary (plain text; each writer escapes them).
pub fn sentences(view: &View) -> Vec<String> {
    let mut out = Vec::new();
    let names: Vec<&str> = view.docs.iter().map(|&d| view.names[d].as_str()).collect();
    out.push(format!("本报告比较了 {} 份文件：{}。", names.len(), names.join("、")));

    // One sentence per pair, the later document's share first, largest first.
    let mut pairs: Vec<(f32, String)> = Vec::new();
    let mut quiet = 0;
    for pair in &view.pairs {
        let (later, earlier) = match view.is_source_of(pair.a, pair.b) {
            Some(true) => (pair.b, pair.a),
            Some(false) => (pair.a, pair.b),
            None => {
                let (ra, rb) = (pair.a_ratio, pair.b_ratio);
                if ra.max(rb) < 0.01 {
                    quiet += 1;
                    continue;
                }
                let (x, y) = (&view.names[pair.a], &view.names[pair.b]);
                pairs.push((
                    ra.max(rb),
                    format!(
                        "{x} 有 {} 的文字与{y} 相同或相近，{y} 有 {} 的文字与{x} 相同或相近（日期不明，无法判断谁取自谁）。",
                        percent(ra),
                        percent(rb)
                    ),
                ));
                continue;
            }
        };
        let Some((ratio, chars)) = view.ratio(later, earlier) else { continue };
        if ratio < 0.01 {
            quiet += 1;
            continue;
        }
        let (l, e) = (&view.names[later], &view.names[earlier]);
        pairs.push((ratio, format!("{l} 有 {} 的文字（{chars} 字）与{e} 相同或改写自{e}。", percent(ratio))));
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    out.extend(pairs.into_iter().map(|(_, sentence)| sentence));
    if quiet > 0 {
        out.push(format!("其余 {quiet} 对文件之间的复用不足 1%。"));
    }

    let exact = view.passages.iter().filter(|&&p| view.passage(p).kind == ReuseKind::Exact).count();
    let edited = view.counts.passages - exact;
    let boilerplate_note = if view.include_boilerplate {
        format!("另有公文套话 {} 处，单独列出，不计入比例。", view.boilerplate.len())
    } else {
        "公文套话不计入比例，也未列出。".to_string()
    };
    out.push(format!(
        "共找到复用段落 {} 处：逐字相同 {exact} 处，改写 {edited} 处；{boilerplate_note}",
        view.counts.passages
    ));

    if let Some(&p) = view.passages.first() {
        let passage = view.passage(p);
        out.push(format!(
            "最长的一处（第 {} 号）共 {} 字：{} {} ↔ {} {}。",
            view.numbers.get(&p).copied().unwrap_or(1),
            passage.chars,
            view.names[passage.a.doc],
            view.section_label(passage.a.doc, passage.a.section),
            view.names[passage.b.doc],
            view.section_label(passage.b.doc, passage.b.section),
        ));
    }

    let shared = view.rows.iter().filter(|row| row.cells.iter().flatten().count() >= 2).count();
    out.push(format!("章节对齐：{} 个主题行，其中 {shared} 行有两份以上文件的对应章节。", view.rows.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percent_reads_naturally() {
        assert_eq!(percent(0.382), "38%");
        assert_eq!(percent(0.042), "4.2%");
    }
}
