//! Lever extraction on the five corpus documents against the hand-checked set in
//! `tests/data/levers/corpus.tsv` (see the README there): recall and precision over
//! (kind, value, unit, span).

use std::path::Path;

use duizhao::levers::{Lever, LeverKind, extract};
use duizhao::model::Document;

const FILES: [&str; 5] = ["guangdong-2012", "guizhou-2014", "xianning-2014", "guangzhou-2014", "qinghai-2016"];

fn document(stem: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(format!("{stem}.txt"));
    let decoded = duizhao::ingest::read_file(&path).expect("corpus file reads");
    duizhao::outline::build_document("D1".into(), path.display().to_string(), 0, decoded)
}

fn data(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/levers").join(name))
        .expect("levers data reads")
}

/// One hand-checked lever: document, kind, value, unit and its char span in the decoded text.
#[derive(Debug)]
struct Expected {
    doc: String,
    kind: LeverKind,
    value: String,
    unit: String,
    span: (usize, usize),
    phrase: String,
}

/// Char offset of the only occurrence of `needle` in `text`.
fn locate(text: &str, needle: &str) -> usize {
    let hits: Vec<usize> = text.match_indices(needle).map(|(b, _)| text[..b].chars().count()).collect();
    assert_eq!(hits.len(), 1, "phrase 「{needle}」 occurs {} times", hits.len());
    hits[0]
}

fn expected(docs: &[(String, Document)], file: &str) -> Vec<Expected> {
    data(file)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 5, "five fields: {line}");
            let text = docs.iter().find(|(s, _)| s == f[0]).expect("known document").1.text.as_str();
            let phrase = f[4];
            let (context, start_in, end_in) = match (phrase.find('['), phrase.find(']')) {
                (Some(a), Some(b)) => {
                    let plain = phrase.replace(['[', ']'], "");
                    (plain, phrase[..a].chars().count(), phrase[..b].chars().count() - 1)
                }
                _ => (phrase.to_string(), 0, phrase.chars().count()),
            };
            let at = locate(text, &context);
            Expected {
                doc: f[0].into(),
                kind: LeverKind::from_name(f[1]).expect("known kind"),
                value: f[2].into(),
                unit: f[3].into(),
                span: (at + start_in, at + end_in),
                phrase: phrase.into(),
            }
        })
        .collect()
}

/// The paragraphs where department and modal levers were annotated: (doc, start, end).
fn scopes(docs: &[(String, Document)]) -> Vec<(String, usize, usize)> {
    data("scope.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let (doc, start) = line.split_once('\t').expect("two fields");
            let text = docs.iter().find(|(s, _)| s == doc).expect("known document").1.text.as_str();
            let at = locate(text, start);
            let len = text.chars().skip(at).take_while(|&c| c != '\n').count();
            (doc.to_string(), at, at + len)
        })
        .collect()
}

#[test]
fn corpus_levers_recall_and_precision() {
    let docs: Vec<(String, Document)> = FILES.iter().map(|s| (s.to_string(), document(s))).collect();
    let expected = expected(&docs, "corpus.tsv");
    let scopes = scopes(&docs);
    assert!(expected.len() >= 80, "at least 80 hand-checked levers, got {}", expected.len());
    for kind in LeverKind::ALL {
        assert!(expected.iter().any(|e| e.kind == kind), "the set has {kind:?} levers");
    }
    let in_scope = |doc: &str, lever: &Lever| match lever.kind {
        LeverKind::Department | LeverKind::Modal => {
            scopes.iter().any(|(d, start, end)| d == doc && *start <= lever.span.start && lever.span.end <= *end)
        }
        _ => true,
    };
    let mut found: Vec<(String, Lever)> = Vec::new();
    for (stem, doc) in &docs {
        found.extend(extract(doc).into_iter().filter(|l| in_scope(stem, l)).map(|l| (stem.clone(), l)));
    }
    let (recall, precision) = score(&expected, &found);
    assert!(recall >= 0.90, "recall {recall:.3} below 0.90");
    assert!(precision >= 0.90, "precision {precision:.3} below 0.90");
}

/// Recall and precision of `found` against `expected` over (kind, value, unit, span); prints the
/// disagreements.
fn score(expected: &[Expected], found: &[(String, Lever)]) -> (f64, f64) {
    let mut used = vec![false; found.len()];
    let mut missed = Vec::new();
    for e in expected {
        let hit = found.iter().enumerate().position(|(k, (doc, l))| {
            !used[k]
                && *doc == e.doc
                && l.kind == e.kind
                && l.value == e.value
                && l.unit == e.unit
                && l.span.start < e.span.1
                && e.span.0 < l.span.end
        });
        match hit {
            Some(k) => used[k] = true,
            None => missed.push(e),
        }
    }
    for e in &missed {
        println!("missed: {} {:?} {} {} 「{}」", e.doc, e.kind, e.value, e.unit, e.phrase);
    }
    for ((doc, l), _) in found.iter().zip(&used).filter(|(_, u)| !**u) {
        println!("extra:  {doc} {:?} {} {} 「{}」", l.kind, l.value, l.unit, l.phrase);
    }
    let matched = expected.len() - missed.len();
    let recall = matched as f64 / expected.len().max(1) as f64;
    let precision = matched as f64 / found.len().max(1) as f64;
    println!(
        "levers: {} expected, {} found, {matched} matched; recall {recall:.3}, precision {precision:.3}",
        expected.len(),
        found.len()
    );
    (recall, precision)
}

/// Numeric levers of two other policy families (laws on legal aid and weather disasters), checked by
/// hand in `tests/data/levers/families.tsv` (see the README there for the first run's figures).
#[test]
fn other_families_numeric_levers() {
    let docs: Vec<(String, Document)> = [
        "legal-aid/national-2003",
        "weather-disaster/shandong-2018",
        "weather-disaster/qingdao-2018",
        "weather-disaster/jinan-2014",
    ]
    .iter()
    .map(|key| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/families").join(format!("{key}.txt"));
        let decoded = duizhao::ingest::read_file(&path).expect("family file reads");
        (key.to_string(), duizhao::outline::build_document("D1".into(), path.display().to_string(), 0, decoded))
    })
    .collect();
    let expected = expected(&docs, "families.tsv");
    assert!(expected.len() >= 20);
    let numeric = |l: &Lever| !matches!(l.kind, LeverKind::Department | LeverKind::Modal);
    let found: Vec<(String, Lever)> = docs
        .iter()
        .flat_map(|(key, doc)| extract(doc).into_iter().filter(numeric).map(move |l| (key.clone(), l)))
        .collect();
    let (recall, precision) = score(&expected, &found);
    assert!(recall >= 0.90, "recall {recall:.3} below 0.90");
    assert!(precision >= 0.90, "precision {precision:.3} below 0.90");
}

fn analysis() -> duizhao::analysis::Analysis {
    let docs = FILES.iter().map(|s| document(s)).collect();
    duizhao::analysis::Analysis::run(docs, &duizhao::analysis::AnalysisOptions::default())
}

#[test]
fn topic_tables_compare_against_the_base() {
    use duizhao::levers::Change;
    let analysis = analysis();
    let (gd, xn, qh) = (0, 2, 4);
    let tables = analysis.lever_tables(gd);
    // The R&D deduction (50% / 150%) copied from Guangdong: the same rates in Xianning and Qinghai.
    let tax = tables
        .iter()
        .find_map(|t| {
            t.lines.iter().find(|l| {
                l.kind == LeverKind::Rate
                    && l.cells[gd].levers.iter().map(|x| x.value.as_str()).collect::<Vec<_>>() == ["50", "150"]
            })
        })
        .expect("a topic with Guangdong's 50% and 150%");
    assert_eq!(tax.cells[gd].change, Change::Base);
    assert_eq!(tax.cells[xn].change, Change::Same);
    assert_eq!(tax.cells[qh].change, Change::Same);
    // Guangzhou's targets (4万亿元 by 2017) are higher than Guangdong's 3.2万亿元 by 2015.
    let targets = tables
        .iter()
        .find_map(|t| {
            t.lines
                .iter()
                .find(|l| l.kind == LeverKind::Money && l.cells[gd].levers.iter().any(|x| x.value == "3200000000000"))
        })
        .expect("Guangdong's trade target");
    assert_eq!(targets.cells[gd].levers[0].target_year, Some(2015));
    assert_eq!(targets.cells[3].change, Change::Higher);
    // Every cell's levers lie in the document's section of the topic, and every base cell is the base.
    for table in &tables {
        for line in &table.lines {
            assert_eq!(line.cells.len(), analysis.documents.len());
            assert_eq!(line.cells[gd].change, Change::Base);
            for cell in &line.cells {
                if cell.section.is_none() {
                    assert!(cell.levers.is_empty() && cell.change != Change::New);
                }
                for lever in &cell.levers {
                    let section = &analysis.documents[cell.doc].sections[cell.section.expect("a section")];
                    assert!(section.span.contains_span(lever.span), "{lever:?} outside {}", section.title);
                }
            }
        }
    }
    // Another base turns the comparison round.
    let from_qinghai = analysis.lever_tables(qh);
    assert!(from_qinghai.iter().all(|t| t.lines.iter().all(|l| l.cells[qh].change == Change::Base)));
}

#[test]
fn levers_cli_json_has_the_schema_and_the_tables() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .arg("levers")
        .arg(corpus.join("guangdong-2012.txt"))
        .arg(corpus.join("qinghai-2016.txt"))
        .args(["--format", "json", "--base", "D2"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(value["schema"], "duizhao.levers/1");
    assert_eq!(value["base"], "D2");
    let documents = value["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 2);
    let qinghai_levers = documents[1]["levers"].as_array().expect("levers");
    assert!(qinghai_levers.iter().any(|l| l["kind"] == "duration" && l["value"] == "2021-05-13" && l["unit"] == "至"));
    // Every lever says where it is (a section id, or null outside every section) and how it reads.
    assert!(qinghai_levers.iter().all(|l| l["display"].as_str().is_some_and(|d| !d.is_empty())
        && (l["section"].is_null() || l["section"].as_str().is_some_and(|s| s.starts_with("D2.")))));
    let topics = value["topics"].as_array().expect("topics");
    assert!(!topics.is_empty());
    let cells: Vec<&serde_json::Value> = topics
        .iter()
        .flat_map(|t| t["lines"].as_array().into_iter().flatten())
        .flat_map(|l| l["cells"].as_array().into_iter().flatten())
        .collect();
    assert!(cells.iter().any(|c| c["doc"] == "D2" && c["change"] == "base"));
    assert!(cells.iter().any(|c| c["doc"] == "D1" && c["change"] == "same"));

    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .arg("levers")
        .arg(corpus.join("guangdong-2012.txt"))
        .args(["--base", "D9"])
        .output()
        .expect("runs");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("D9"));
}
