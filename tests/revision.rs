//! The revision table (新旧条文对照表) on real version pairs, against tables written by hand from
//! reading both versions (tests/data/revision/*/expected.tsv, see SOURCES.md there).

use std::path::{Path, PathBuf};

use duizhao::revise::{ChangeKind, Revision, RevisionOptions, revise};

const PAIRS: [&str; 3] = ["zhongxiao-payment", "invoice", "adoption"];

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/revision").join(name)
}

fn table(name: &str) -> Revision {
    let old = duizhao::load::load_file(&data(name).join("old.md"), "D1".into()).expect("old version loads");
    let new = duizhao::load::load_file(&data(name).join("new.md"), "D2".into()).expect("new version loads");
    revise(&old, &new, &RevisionOptions::default()).expect("revision table")
}

/// One expected row: old article numbers, new article numbers, kind.
struct Expected {
    old: Vec<u32>,
    new: Vec<u32>,
    kind: ChangeKind,
}

fn numbers(cell: &str) -> Vec<u32> {
    if cell.trim() == "-" {
        return Vec::new();
    }
    cell.split(',').map(|n| n.trim().parse().expect("article number")).collect()
}

fn expected(name: &str) -> Vec<Expected> {
    let text = std::fs::read_to_string(data(name).join("expected.tsv")).expect("expected.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            Expected {
                old: numbers(cells[0]),
                new: numbers(cells[1]),
                kind: ChangeKind::from_name(cells[2]).expect("known kind"),
            }
        })
        .collect()
}

/// (rows paired exactly as expected, rows with the expected kind, rows) for one pair; misses printed.
fn score(name: &str) -> (usize, usize, usize) {
    let revision = table(name);
    let ordinals = |units: &[duizhao::revise::Unit], list: &[usize]| -> Vec<u32> {
        let mut v: Vec<u32> = list.iter().filter_map(|&i| units[i].ordinal).collect();
        v.sort_unstable();
        v
    };
    let got: Vec<(Vec<u32>, Vec<u32>, ChangeKind)> = revision
        .rows
        .iter()
        .map(|r| (ordinals(&revision.old_units, &r.old), ordinals(&revision.new_units, &r.new), r.kind))
        .collect();
    let expected = expected(name);
    let (mut paired, mut kinds) = (0, 0);
    for e in &expected {
        let exact = got.iter().find(|g| g.0 == e.old && g.1 == e.new);
        // The row holding the expected row's first unit.
        let holding = got.iter().find(|g| match (e.old.first(), e.new.first()) {
            (Some(o), _) => g.0.contains(o),
            (None, Some(n)) => g.1.contains(n),
            (None, None) => false,
        });
        if exact.is_some() {
            paired += 1;
        }
        if holding.is_some_and(|g| g.2 == e.kind) {
            kinds += 1;
        }
        if exact.is_none() || holding.is_none_or(|g| g.2 != e.kind) {
            eprintln!("{name}: expected {:?} → {:?} {:?}, got {:?}", e.old, e.new, e.kind, holding);
        }
    }
    eprintln!("{name}: pairing {paired}/{n}, kinds {kinds}/{n}", n = expected.len());
    (paired, kinds, expected.len())
}

#[test]
fn pairing_and_kinds_match_the_hand_made_tables() {
    let (mut paired, mut kinds, mut rows) = (0, 0, 0);
    for name in PAIRS {
        let (p, k, n) = score(name);
        paired += p;
        kinds += k;
        rows += n;
    }
    let pairing = paired as f64 / rows as f64;
    let kind = kinds as f64 / rows as f64;
    eprintln!("all: pairing {pairing:.3}, kinds {kind:.3} over {rows} rows");
    assert!(pairing >= 0.95, "unit pairing accuracy {pairing:.3} < 0.95");
    assert!(kind >= 0.90, "change kind accuracy {kind:.3} < 0.90");
}
