//! Time the revision table on 100-article versions: the articles of the three real pairs in
//! tests/data/revision, concatenated and renumbered into one old and one new text of 100+ articles.
//! Run: cargo run --release --example revision_speed

use std::path::Path;
use std::time::Instant;

use duizhao::revise::refs::chinese_number;
use duizhao::revise::{RevisionOptions, revise};

/// The article bodies of a LawRefBook Markdown file (lines from one 「第X条」 to the next).
fn articles(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let is_article = line.starts_with('第') && line.find('条').is_some_and(|at| at <= 16);
        if is_article {
            let body = line.split_once(' ').map_or(line, |(_, rest)| rest);
            out.push(body.to_string());
        } else if let Some(last) = out.last_mut() {
            last.push('\n');
            last.push_str(line);
        }
    }
    out
}

fn document(title: &str, bodies: &[String]) -> String {
    let mut text = format!("{title}\n");
    for (i, body) in bodies.iter().enumerate() {
        text.push_str(&format!("第{}条 {body}\n", chinese_number(i as u32 + 1)));
    }
    text
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/revision");
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for pair in ["zhongxiao-payment", "invoice", "adoption", "invoice"] {
        old.extend(articles(&std::fs::read_to_string(root.join(pair).join("old.md"))?));
        new.extend(articles(&std::fs::read_to_string(root.join(pair).join("new.md"))?));
    }
    old.truncate(120);
    new.truncate(120);
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("old.txt"), document("某某条例", &old))?;
    std::fs::write(dir.path().join("new.txt"), document("某某条例", &new))?;
    let a = duizhao::load::load_file(&dir.path().join("old.txt"), "D1".into())?;
    let b = duizhao::load::load_file(&dir.path().join("new.txt"), "D2".into())?;
    duizhao::segment::tokenize::warm_up();
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..7 {
        let start = Instant::now();
        let table = revise(&a, &b, &RevisionOptions::default())?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        rows = table.rows.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "revision table: {} old / {} new articles, {rows} rows; median {:.1} ms, min {:.1} ms, max {:.1} ms (7 runs)",
        old.len(),
        new.len(),
        times[3],
        times[0],
        times[6]
    );
    Ok(())
}
