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

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The table of two versions given as text (written to .txt files and loaded like any document).
fn table_of_texts(old: &str, new: &str) -> Revision {
    let dir = tempdir();
    std::fs::write(dir.path().join("old.txt"), old).expect("write");
    std::fs::write(dir.path().join("new.txt"), new).expect("write");
    let a = duizhao::load::load_file(&dir.path().join("old.txt"), "D1".into()).expect("old");
    let b = duizhao::load::load_file(&dir.path().join("new.txt"), "D2".into()).expect("new");
    revise(&a, &b, &RevisionOptions::default()).expect("table")
}

#[test]
fn reports_parse_back_with_the_same_rows() {
    use duizhao::report::{ReportFormat, revision};
    let table = table("invoice");
    let dir = tempdir();
    // .docx: a real table of three columns, landscape, marks as Word formatting.
    let path = dir.path().join("t.docx");
    revision::write(&table, &path, ReportFormat::Docx).expect("docx written");
    let file = std::fs::File::open(&path).expect("docx");
    let mut zip = zip::ZipArchive::new(file).expect("docx is a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("document.xml"), &mut xml).expect("xml");
    assert_eq!(xml.matches("<w:gridCol ").count(), 3, "three grid columns");
    assert!(xml.contains("w:orient=\"landscape\""));
    assert!(xml.contains("<w:tblHeader/>"));
    assert!(xml.contains("原条文") && xml.contains("修改后条文") && xml.contains("修改说明"));
    assert_eq!(xml.matches("<w:tr>").count(), table.rows.len() + 1, "a header row and one row per table row");
    assert!(xml.contains("<w:strike/>"), "deletions struck through");
    assert!(xml.contains("<w:u w:val=\"single\"/>"), "insertions underlined");
    // CSV: a header and one line per row (texts hold no bare line breaks outside quotes).
    let path = dir.path().join("t.csv");
    revision::write(&table, &path, ReportFormat::Csv).expect("csv written");
    let csv = std::fs::read_to_string(&path).expect("csv");
    let records = csv_records(csv.trim_start_matches('\u{FEFF}'));
    assert_eq!(records.len(), table.rows.len() + 1);
    assert_eq!(records[0][0], "序号");
    assert!(records.iter().skip(1).any(|r| r[5] == "删除" && r[1] == "第十八条"));
    // JSON: the schema and the same rows.
    let path = dir.path().join("t.json");
    revision::write(&table, &path, ReportFormat::Json).expect("json written");
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).expect("json")).expect("valid json");
    assert_eq!(value["schema"], "duizhao.revision/1");
    assert_eq!(value["rows"].as_array().map(Vec::len), Some(table.rows.len()));
    assert_eq!(value["rows"][0]["kind"], "unchanged");
    // HTML and Markdown carry the same rows.
    let html = String::from_utf8(revision::render(&table, ReportFormat::Html).expect("html")).expect("utf-8");
    assert_eq!(html.matches("<tr class=\"kind-").count(), table.rows.len());
    assert!(html.contains("id=\"f-kind-deleted\""), "a filter per kind present");
    let md = String::from_utf8(revision::render(&table, ReportFormat::Markdown).expect("md")).expect("utf-8");
    assert_eq!(md.lines().filter(|l| l.starts_with("| ")).count(), table.rows.len() + 1);
    // Never over an input.
    let old = PathBuf::from(&table.old_path);
    assert!(revision::write(&table, &old, ReportFormat::Csv).is_err());
}

/// RFC 4180 records (quoted fields may hold commas and line breaks).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn cross_references_changed_by_renumbering_are_not_modifications() {
    let old = "某某管理办法\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市。\n第三条 违反本办法第二条规定的，依照本办法第一条处理。\n";
    let new = "某某管理办法\n第一条 为了规范管理，制定本办法。\n第二条 管理工作应当坚持依法行政原则。\n第三条 本办法适用于全市。\n第四条 违反本办法第三条规定的，依照本办法第一条处理。\n";
    let table = table_of_texts(old, new);
    let row = table.rows.iter().find(|r| table.new_label(r) == "第四条").expect("row of new 第四条");
    assert_eq!(table.old_label(row), "第三条");
    assert_eq!(row.kind, ChangeKind::Renumbered, "{}", row.note);
    assert_eq!(row.renumbered_refs, vec![("第二条".to_string(), "第三条".to_string())]);
    assert!(row.note.contains("第二条→第三条"), "{}", row.note);
    let added: Vec<&str> = table
        .rows
        .iter()
        .filter(|r| r.kind == ChangeKind::Added)
        .map(|r| table.new_units[r.new[0]].label.as_str())
        .collect();
    assert_eq!(added, vec!["第二条"]);
}

#[test]
fn the_summary_counts_kinds_and_names_chapters() {
    let table = table("zhongxiao-payment");
    let text = &table.summary.text;
    assert!(text.starts_with("修改 "), "{text}");
    assert!(text.contains("新增 6 条") && text.contains("拆分 2 条") && text.contains("移动 2 条"), "{text}");
    assert!(table.summary.chapters.iter().any(|c| c.contains("第三章")), "{:?}", table.summary.chapters);
    let moved = table.rows_of(ChangeKind::Moved).next().expect("a move");
    assert!(moved.moved_from.as_deref().is_some_and(|f| f.starts_with("原第")), "{:?}", moved.moved_from);
}

#[test]
fn sections_of_an_implementation_plan_are_the_units_without_articles() {
    let old = "关于推进某某服务工作的实施方案\n一、总体要求\n（一）指导思想。坚持以人民为中心，推进某某服务工作高质量发展。\n（二）工作目标。到2025年，基本建成覆盖城乡的服务体系。\n二、主要任务\n（三）完善服务网络。建设县乡村三级服务站点，推动服务资源下沉。\n（四）加强队伍建设。培养一批专业人才，建立激励机制。\n（五）强化资金保障。各级财政安排专项资金，支持站点建设和运营。\n三、保障措施\n（六）加强组织领导。各地要建立工作协调机制，明确责任分工。\n";
    let new = "关于推进某某服务工作的实施方案\n一、总体要求\n（一）指导思想。坚持以人民为中心，推进某某服务工作高质量发展。\n（二）工作目标。到2027年，全面建成覆盖城乡的服务体系，服务质量明显提升。\n二、主要任务\n（三）推进数字化应用。建设统一的信息平台，实现服务事项网上办理。\n（四）完善服务网络。建设县乡村三级服务站点，推动服务资源下沉。\n（五）加强队伍建设。培养一批专业人才，建立激励机制。\n三、保障措施\n（六）加强组织领导。各地要建立工作协调机制，明确责任分工。\n";
    let table = table_of_texts(old, new);
    assert_eq!(table.level, duizhao::revise::UnitLevel::Section);
    let kinds: Vec<(String, String, ChangeKind)> =
        table.rows.iter().map(|r| (table.old_label(r), table.new_label(r), r.kind)).collect();
    let expect = |old: &str, new: &str, kind: ChangeKind| {
        assert!(
            kinds.iter().any(|k| k.0.starts_with(old) && k.1.starts_with(new) && k.2 == kind),
            "{old} → {new} {kind:?} not in {kinds:?}"
        );
    };
    expect("（一）", "（一）", ChangeKind::Unchanged);
    expect("（二）", "（二）", ChangeKind::Modified);
    expect("", "（三）", ChangeKind::Added);
    expect("（三）", "（四）", ChangeKind::Renumbered);
    expect("（四）", "（五）", ChangeKind::Renumbered);
    expect("（五）", "", ChangeKind::Deleted);
    expect("（六）", "（六）", ChangeKind::Unchanged);
    assert!(table.summary.text.contains("新增 1 处"), "{}", table.summary.text);
}

#[test]
fn past_the_deadline_the_table_is_complete_without_word_marks() {
    let old = duizhao::load::load_file(&data("invoice").join("old.md"), "D1".into()).expect("old");
    let new = duizhao::load::load_file(&data("invoice").join("new.md"), "D2".into()).expect("new");
    let table = revise(&old, &new, &RevisionOptions { timeout: std::time::Duration::ZERO }).expect("table");
    assert!(table.timed_out);
    assert_eq!(table.rows.len(), 45);
    assert_eq!(table.rows_of(ChangeKind::Deleted).count(), 2);
    let marked = table
        .rows
        .iter()
        .flat_map(|r| r.old_text.iter().chain(&r.new_text))
        .filter(|p| p.mark != duizhao::revise::Mark::Same);
    // Only whole added or deleted units are marked; no word marks inside paired ones.
    assert!(marked.count() <= 2);
}

#[test]
fn versions_of_one_text_are_recognised_and_other_texts_are_not() {
    let load = |pair: &str, file: &str| duizhao::load::load_file(&data(pair).join(file), "D".into()).expect("loads");
    for pair in PAIRS {
        assert!(duizhao::revise::looks_like_versions(&load(pair, "old.md"), &load(pair, "new.md")), "{pair}");
    }
    assert!(!duizhao::revise::looks_like_versions(&load("invoice", "old.md"), &load("adoption", "new.md")));
    assert!(!duizhao::revise::looks_like_versions(&load("zhongxiao-payment", "new.md"), &load("invoice", "new.md")));
}

#[test]
fn two_articles_made_one_are_a_merge_and_one_made_two_a_split() {
    let old = "某某条例\n第一条 为了加强某某管理，制定本条例。\n第二条 县级以上人民政府应当加强对某某工作的领导，将其纳入国民经济和社会发展规划。\n第三条 有关部门应当按照职责分工做好某某工作，建立健全协调机制，定期通报工作情况。\n第四条 违反本条例规定的，由有关部门责令改正，给予警告，可以并处一万元以下罚款；情节严重的，处一万元以上五万元以下罚款。\n第五条 本条例自公布之日起施行。\n";
    let new = "某某条例\n第一条 为了加强某某管理，制定本条例。\n第二条 县级以上人民政府应当加强对某某工作的领导，将其纳入国民经济和社会发展规划。\n有关部门应当按照职责分工做好某某工作，建立健全协调机制，定期通报工作情况。\n第三条 违反本条例规定的，由有关部门责令改正，给予警告，可以并处一万元以下罚款。\n第四条 有前条行为，情节严重的，处一万元以上五万元以下罚款。\n第五条 本条例自公布之日起施行。\n";
    let table = table_of_texts(old, new);
    let rows: Vec<(String, String, ChangeKind)> =
        table.rows.iter().map(|r| (table.old_label(r), table.new_label(r), r.kind)).collect();
    assert!(rows.contains(&("第二条、第三条".into(), "第二条".into(), ChangeKind::Merged)), "{rows:?}");
    assert!(rows.contains(&("第四条".into(), "第三条、第四条".into(), ChangeKind::Split)), "{rows:?}");
    assert!(rows.contains(&("第五条".into(), "第五条".into(), ChangeKind::Unchanged)), "{rows:?}");
}

#[test]
fn a_text_without_articles_or_sections_is_refused_with_its_name() {
    let dir = tempdir();
    std::fs::write(dir.path().join("note.txt"), "一段没有条文也没有编号的文字。\n").expect("write");
    let bare = duizhao::load::load_file(&dir.path().join("note.txt"), "D1".into()).expect("loads");
    let other = duizhao::load::load_file(&data("invoice").join("new.md"), "D2".into()).expect("loads");
    let error = revise(&bare, &other, &RevisionOptions::default()).expect_err("no units");
    assert!(error.to_string().contains("note.txt"), "{error}");
}

#[test]
fn two_versions_of_one_regulation_have_names_that_tell_them_apart() {
    let dir = data("zhongxiao-payment");
    let mut docs = vec![
        duizhao::load::load_file(&dir.join("old.md"), "D1".into()).expect("old version loads"),
        duizhao::load::load_file(&dir.join("new.md"), "D2".into()).expect("new version loads"),
    ];
    duizhao::model::assign_display_names(&mut docs);
    // The revised text records 2020 公布 and 2025 修订: it is the 2025 text, and says so.
    assert!(docs[1].label.contains("2025 修订"), "{}", docs[1].label);
    assert!(!docs[0].label.contains("修订"), "{}", docs[0].label);
}
