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

fn expected(docs: &[(String, Document)]) -> Vec<Expected> {
    data("corpus.tsv")
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
    let expected = expected(&docs);
    let scopes = scopes(&docs);
    assert!(expected.len() >= 80, "at least 80 hand-checked levers, got {}", expected.len());
    for kind in LeverKind::ALL {
        assert!(expected.iter().any(|e| e.kind == kind), "the set has {kind:?} levers");
    }
    let in_scope = |doc: &str, lever: &Lever| match lever.kind {
        LeverKind::Department | LeverKind::Modal => scopes
            .iter()
            .any(|(d, start, end)| d == doc && *start <= lever.span.start && lever.span.end <= *end),
        _ => true,
    };
    let mut found: Vec<(String, Lever)> = Vec::new();
    for (stem, doc) in &docs {
        found.extend(extract(doc).into_iter().filter(|l| in_scope(stem, l)).map(|l| (stem.clone(), l)));
    }
    let mut used = vec![false; found.len()];
    let mut missed = Vec::new();
    for e in &expected {
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
    let extra: Vec<&(String, Lever)> = found.iter().zip(&used).filter(|(_, u)| !**u).map(|(f, _)| f).collect();
    for e in &missed {
        println!("missed: {} {:?} {} {} 「{}」", e.doc, e.kind, e.value, e.unit, e.phrase);
    }
    for (doc, l) in &extra {
        println!("extra:  {doc} {:?} {} {} 「{}」", l.kind, l.value, l.unit, l.phrase);
    }
    let matched = expected.len() - missed.len();
    let recall = matched as f64 / expected.len() as f64;
    let precision = matched as f64 / found.len().max(1) as f64;
    println!("levers: {} expected, {} found, {matched} matched; recall {recall:.3}, precision {precision:.3}", expected.len(), found.len());
    assert!(recall >= 0.90, "recall {recall:.3} below 0.90");
    assert!(precision >= 0.90, "precision {precision:.3} below 0.90");
}
