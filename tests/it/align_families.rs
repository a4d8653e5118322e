//! Section alignment measured against hand-made alignments (issue 10): the five corpus documents
//! (`tests/data/align/corpus.tsv`) and three families of regulations collected from public sources
//! (`tests/data/families/*/expected-alignment.tsv`).
//!
//! Each expected file is a TSV: a header `label <TAB> file…` naming the documents, then one row per
//! topic with, per document, the section as written (number and heading, or a unique prefix of them;
//! the article number for 第X条) or an empty cell. The alignment runs through the whole analysis
//! pipeline, as the app and the CLI run it.
//!
//! Pairwise accuracy: every two sections that share an expected row form a pair, and the pair is right
//! when the alignment puts both in one row. Pairwise precision: every two sections that share a row of
//! the alignment (both named in the expected file) form a pair, right when they share an expected row.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use duizhao::analysis::{Analysis, AnalysisOptions};
use duizhao::model::Document;

/// `(document, section)`.
type Cell = (usize, usize);

struct Expected {
    documents: Vec<Document>,
    /// Expected rows: label and cells.
    rows: Vec<(String, Vec<Cell>)>,
}

fn load_document(index: usize, path: &Path) -> Document {
    let decoded = duizhao::ingest::read_file(path).unwrap_or_else(|e| panic!("{} does not read: {e}", path.display()));
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    duizhao::outline::build_document(format!("D{}", index + 1), path.display().to_string(), bytes, decoded)
}

/// Compared form of a heading: no spaces, one kind of bracket and full stop.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '．' => '.',
            '“' | '”' => '"',
            other => other,
        })
        .collect()
}

/// The section of `document` named by `cell` (number and heading as written, or a unique prefix).
fn resolve(document: &Document, cell: &str, file: &str) -> usize {
    let wanted = normalise(cell);
    let keys: Vec<String> = document.sections.iter().map(|s| normalise(&format!("{}{}", s.number, s.title))).collect();
    let exact: Vec<usize> = (0..keys.len()).filter(|&i| keys[i] == wanted).collect();
    let found: Vec<usize> =
        if exact.is_empty() { (0..keys.len()).filter(|&i| keys[i].starts_with(&wanted)).collect() } else { exact };
    assert_eq!(
        found.len(),
        1,
        "{file}: {} sections match {cell:?}: {:?}",
        found.len(),
        found.iter().map(|&i| &keys[i]).collect::<Vec<_>>()
    );
    found[0]
}

fn load_expected(tsv: &Path, texts: &Path) -> Expected {
    let content = std::fs::read_to_string(tsv).unwrap_or_else(|e| panic!("{}: {e}", tsv.display()));
    let mut lines = content.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty());
    let header: Vec<&str> = lines.next().expect("a header line").split('\t').collect();
    let files: Vec<&str> = header[1..].to_vec();
    let documents: Vec<Document> =
        files.iter().enumerate().map(|(index, file)| load_document(index, &texts.join(file))).collect();
    let mut rows = Vec::new();
    let mut seen = BTreeSet::new();
    for line in lines {
        let columns: Vec<&str> = line.split('\t').collect();
        assert!(columns.len() <= files.len() + 1, "too many columns: {line}");
        let cells: Vec<Cell> = columns[1..]
            .iter()
            .enumerate()
            .filter(|(_, cell)| !cell.trim().is_empty())
            .map(|(doc, cell)| (doc, resolve(&documents[doc], cell.trim(), files[doc])))
            .collect();
        for cell in &cells {
            assert!(seen.insert(*cell), "{cell:?} listed twice in {}", tsv.display());
        }
        rows.push((columns[0].to_string(), cells));
    }
    Expected { documents, rows }
}

struct Measured {
    accuracy: f64,
    precision: f64,
    expected_pairs: usize,
    predicted_pairs: usize,
    misses: Vec<String>,
}

fn measure(expected: &Expected, analysis: &Analysis) -> Measured {
    let alignment = &analysis.alignment;
    let mut row_of: BTreeMap<Cell, usize> = BTreeMap::new();
    for (index, row) in alignment.rows.iter().enumerate() {
        for (doc, cell) in row.cells.iter().enumerate() {
            if let Some(cell) = cell {
                row_of.insert((doc, cell.section), index);
            }
        }
    }
    let mut expected_row: BTreeMap<Cell, usize> = BTreeMap::new();
    for (index, (_, cells)) in expected.rows.iter().enumerate() {
        for cell in cells {
            expected_row.insert(*cell, index);
        }
    }
    let name = |(doc, section): Cell| {
        let s = &expected.documents[doc].sections[section];
        format!("D{}「{}{}」", doc + 1, s.number, s.title.chars().take(16).collect::<String>())
    };
    let (mut expected_pairs, mut right, mut misses) = (0usize, 0usize, Vec::new());
    for (label, cells) in &expected.rows {
        for (i, &a) in cells.iter().enumerate() {
            for &b in &cells[i + 1..] {
                expected_pairs += 1;
                match (row_of.get(&a), row_of.get(&b)) {
                    (Some(x), Some(y)) if x == y => right += 1,
                    (x, y) => misses.push(format!(
                        "{label}: {} (row {}) / {} (row {})",
                        name(a),
                        x.map_or("-".to_string(), |r| alignment.rows[*r].label.clone()),
                        name(b),
                        y.map_or("-".to_string(), |r| alignment.rows[*r].label.clone())
                    )),
                }
            }
        }
    }
    let (mut predicted_pairs, mut predicted_right) = (0usize, 0usize);
    for row in &alignment.rows {
        let cells: Vec<Cell> = row
            .cells
            .iter()
            .enumerate()
            .filter_map(|(doc, cell)| cell.map(|c| (doc, c.section)))
            .filter(|cell| expected_row.contains_key(cell))
            .collect();
        for (i, a) in cells.iter().enumerate() {
            for b in &cells[i + 1..] {
                predicted_pairs += 1;
                if expected_row[a] == expected_row[b] {
                    predicted_right += 1;
                } else {
                    misses.push(format!("wrong pair in row {}: {} / {}", row.label, name(*a), name(*b)));
                }
            }
        }
    }
    Measured {
        accuracy: right as f64 / expected_pairs.max(1) as f64,
        precision: predicted_right as f64 / predicted_pairs.max(1) as f64,
        expected_pairs,
        predicted_pairs,
        misses,
    }
}

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// `floor`: the figure this test guarantees (what the aligner reaches today, rounded down, so that a
/// regression fails). `target`: what issue 10 asks for; printed beside the measured figures until the
/// aligner reaches it and the floor can be raised to it.
fn check(name: &str, tsv: PathBuf, texts: PathBuf, floor: f64, target: f64) {
    let expected = load_expected(&tsv, &texts);
    let documents = expected.documents.clone();
    let analysis = Analysis::run(documents, &AnalysisOptions::default());
    let measured = measure(&expected, &analysis);
    println!(
        "{name}: pairwise accuracy {:.3} ({} expected pairs), precision {:.3} ({} predicted pairs), {} rows; target {target}",
        measured.accuracy,
        measured.expected_pairs,
        measured.precision,
        measured.predicted_pairs,
        analysis.alignment.rows.len()
    );
    for miss in &measured.misses {
        println!("  {miss}");
    }
    // Rows read apart: no two rows share a label, and none is empty.
    let labels: BTreeSet<&str> = analysis.alignment.rows.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(labels.len(), analysis.alignment.rows.len(), "{name}: two rows with one label: {labels:?}");
    assert!(!labels.contains(""), "{name}: a row without a label");
    // A row is named by what its sections say, never by an article number such as 第二条.
    let numbering = |term: &str| term.starts_with('第') && term.ends_with(['条', '章']);
    assert!(
        labels.iter().all(|label| !label.split('、').any(numbering)),
        "{name}: a row named by an article number: {labels:?}"
    );
    assert!(measured.accuracy >= floor, "{name}: pairwise accuracy {:.3} < {floor}", measured.accuracy);
    assert!(measured.precision >= floor, "{name}: pairwise precision {:.3} < {floor}", measured.precision);
}

#[test]
fn corpus_matches_the_hand_made_alignment() {
    // Measured 0.903 accuracy, 0.890 precision since a group is taken whole when most of its items
    // converge on one section (0.861, 0.886 with the chapter prior and the filling alone; 0.847, 0.871
    // before them; the topic-list aligner before issue 10: 0.778, 0.933; the first content aligner
    // 0.812, 0.873).
    check("corpus", data("tests/data/align/corpus.tsv"), data("corpus"), 0.88, 0.90);
}

#[test]
fn legal_aid_regulations_match_the_hand_made_alignment() {
    let dir = data("tests/data/families/legal-aid");
    // Measured 0.831 accuracy, 0.803 precision since reuse reads administrative levels as one word
    // (0.864, 0.850 before). The reuse engine now finds Hangzhou 第五条's last paragraph
    // (办案补贴的标准由市司法行政部门会同市财政部门核定) as the level-swapped copy of national 第二十四条
    // 第三款 that both hand counts take it for, and the aligner pairs the national article with that
    // funding article, which the hand-made alignment files under funding alone (one matter, four
    // pairs). 0.831 before rewritten provisions counted whole; the topic-list aligner before issue
    // 10: 0.000, no pair; the first content aligner 0.797, 0.770.
    check("legal-aid", dir.join("expected-alignment.tsv"), dir, 0.80, 0.85);
}

#[test]
fn weather_disaster_regulations_match_the_hand_made_alignment() {
    let dir = data("tests/data/families/weather-disaster");
    // Measured 0.858 accuracy, 0.873 precision since the filling between matched pairs (0.842, 0.871
    // before; 0.808, 0.843 when the expectation was written, before the weights were tuned on all
    // three sets).
    check("weather-disaster", dir.join("expected-alignment.tsv"), dir, 0.85, 0.85);
}

#[test]
fn funeral_regulations_match_the_hand_made_alignment() {
    let dir = data("tests/data/families/funeral");
    // The fourth set, collected and judged before the aligner was changed for it (a guard against tuning
    // to the three others). Measured 0.764 accuracy, 0.809 precision before any change; 0.736, 0.791
    // since reuse reads administrative levels as one word: Zhengzhou 第三条 joins Henan 第四条's
    // leadership clause (which the blind reuse count takes it for) and 第五条's department duties, and
    // the aligner now pairs it with 第四条, the hand-made alignment with 第五条.
    check("funeral", dir.join("expected-alignment.tsv"), dir, 0.72, 0.85);
}
