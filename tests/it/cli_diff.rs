//! `duizhao diff` end to end on real sections.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(name)
}

fn run(args: &[&str]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_duizhao"));
    command.arg("diff").arg(corpus("guangdong-2012.txt")).arg(corpus("xianning-2014.txt")).args(args);
    command.output().unwrap()
}

#[test]
fn json_ops_tile_both_sections() {
    let output = run(&["--a-section", "（二十四）", "--b-section", "加大金融扶持力度", "--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let diff: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(diff["schema"], "duizhao.diff/1");
    assert_eq!(diff["a"]["id"], "D1");
    assert_eq!(diff["b"]["id"], "D2");
    let section = |doc: &serde_json::Value, title: &str| {
        let s = doc["sections"].as_array().unwrap().iter().find(|s| s["title"] == title).unwrap().clone();
        (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap())
    };
    let (a_start, a_end) = section(&diff["a"], "加强融资支持");
    let (b_start, b_end) = section(&diff["b"], "加大金融扶持力度");
    let ops = diff["ops"].as_array().unwrap();
    // A spans tile A's section in order.
    let mut at = a_start;
    for op in ops {
        assert_eq!(op["a_start"].as_u64().unwrap(), at);
        at = op["a_end"].as_u64().unwrap();
    }
    assert_eq!(at, a_end);
    let mut b_spans: Vec<(u64, u64)> =
        ops.iter().map(|op| (op["b_start"].as_u64().unwrap(), op["b_end"].as_u64().unwrap())).collect();
    b_spans.sort_unstable();
    assert_eq!(b_spans.first().unwrap().0, b_start);
    assert_eq!(b_spans.last().unwrap().1, b_end);
    // The 137-character financing clause is one unchanged stretch.
    let equal_chars: u64 = ops
        .iter()
        .filter(|op| op["tag"] == "equal")
        .map(|op| op["a_end"].as_u64().unwrap() - op["a_start"].as_u64().unwrap())
        .max()
        .unwrap();
    assert!(equal_chars >= 137, "longest equal run {equal_chars}");
}

#[test]
fn text_diff_marks_deletions_and_insertions() {
    let output = run(&["--a-section", "S32", "--b-section", "加大金融扶持"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("[-（二十四）加强融资支持。-]{+（二）加大金融扶持力度。+}"), "{text}");
    assert!(text.contains("鼓励金融机构在风险可控的前提下"));
    let missing = run(&["--a-section", "no such heading"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no section matches"));
}
