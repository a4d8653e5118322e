//! Corpus scan on real and hostile folders: the five corpus documents, re-encoded copies, and files
//! that real folders contain (empty, binary, images named .txt, symlink loops, dangling links, files
//! vanishing mid-scan, read-only output folders).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use duizhao::scan::all_pairs::all_pairs;
use duizhao::scan::index::{self, INDEX_DIR};
use duizhao::scan::progress::{AtomicProgress, Control, Silent};
use duizhao::scan::query::query;
use duizhao::scan::{ScanError, ScanOptions};
use duizhao::synth::{self, SynthConfig};
use duizhao::text::{CharText, Span};

const NAMES: [&str; 5] = ["guangdong-2012", "guizhou-2014", "xianning-2014", "guangzhou-2014", "qinghai-2016"];

fn corpus_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(format!("{name}.txt"))
}

fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(corpus_file(name)).expect("corpus document")
}

/// The financing clause Xianning 2014 took from Guangdong 2012 (137 normalised chars).
const FINANCING: &str = "鼓励金融机构在风险可控的前提下，采用无形资产和动产质押融资方式";

fn html_of(text: &str) -> String {
    let body: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>\n", l.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>t</title></head><body>\n{body}</body></html>\n"
    )
}

/// A temporary folder holding the five corpus documents as `NAME.txt`.
fn corpus_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in NAMES {
        std::fs::copy(corpus_file(name), dir.path().join(format!("{name}.txt"))).expect("copy");
    }
    dir
}

/// A folder with the five documents, a GB18030 copy, an HTML copy and hostile files.
fn hostile_folder() -> tempfile::TempDir {
    let dir = corpus_folder();
    let root = dir.path();
    let sub = root.join("copies");
    std::fs::create_dir(&sub).expect("mkdir");
    let guangdong = corpus_text("guangdong-2012");
    let (gb, _, _) = encoding_rs::GB18030.encode(&guangdong);
    std::fs::write(sub.join("guangdong-2012-gb18030.txt"), gb).expect("write");
    std::fs::write(sub.join("guizhou-2014.html"), html_of(&corpus_text("guizhou-2014"))).expect("write");
    std::fs::write(root.join("empty.txt"), b"").expect("write");
    std::fs::write(root.join("one-byte.txt"), b"a").expect("write");
    let mut state = 0x2012_u64;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect();
    std::fs::write(root.join("random.txt"), &random).expect("write");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    png.extend_from_slice(&random[..512]);
    std::fs::write(root.join("image.txt"), &png).expect("write");
    std::fs::write(root.join("notes.csv"), "not,a,document\n").expect("write");
    std::os::unix::fs::symlink(".", sub.join("loop")).expect("symlink");
    std::os::unix::fs::symlink("nowhere.txt", root.join("dangling.txt")).expect("symlink");
    dir
}

/// Every regular file under `root` (not following links) with its bytes, except the index.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("meta");
            if path.file_name().is_some_and(|n| n == INDEX_DIR) {
                continue;
            }
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                out.insert(path.clone(), std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

fn options_with_cache(cache: &Path) -> ScanOptions {
    ScanOptions { cache_dir: Some(cache.to_path_buf()), ..ScanOptions::default() }
}

fn reason_for<'a>(skipped: &'a [duizhao::scan::Skipped], name: &str) -> Option<&'a str> {
    skipped.iter().find(|s| s.path.file_name().is_some_and(|n| n == name)).map(|s| s.reason.as_str())
}

#[test]
fn hostile_folder_is_scanned_and_bad_files_are_listed() {
    let dir = hostile_folder();
    let cache = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("vanish.txt"), corpus_text("qinghai-2016")).expect("write");
    let before = snapshot(dir.path());
    let vanish = dir.path().join("vanish.txt");
    let mut options = options_with_cache(cache.path());
    options.after_walk = Some(Arc::new(move |files: &[PathBuf]| {
        assert!(files.iter().any(|f| f.ends_with("vanish.txt")));
        let _ = std::fs::remove_file(&vanish);
    }));
    let cancel = AtomicBool::new(false);
    let progress = AtomicProgress::default();
    let opened = index::open(dir.path(), &options, false, &Control::new(&progress, &cancel)).expect("scan");

    let skipped = &opened.skipped;
    assert!(reason_for(skipped, "empty.txt").is_some_and(|r| r.contains("empty")), "{skipped:?}");
    assert!(reason_for(skipped, "loop").is_some_and(|r| r.contains("symlink loop")), "{skipped:?}");
    assert!(reason_for(skipped, "dangling.txt").is_some_and(|r| r.contains("broken symlink")), "{skipped:?}");
    assert!(reason_for(skipped, "vanish.txt").is_some_and(|r| r.contains("vanished")), "{skipped:?}");
    assert!(reason_for(skipped, "image.txt").is_some_and(|r| r.contains("PNG")), "{skipped:?}");
    assert!(reason_for(skipped, "random.txt").is_some_and(|r| r.contains("not a text document")), "{skipped:?}");
    // Nothing is lost silently: every candidate file is either indexed or listed with a reason.
    for name in ["random.txt", "image.txt", "one-byte.txt"] {
        let indexed = opened.index.entries.iter().any(|e| e.path.ends_with(name) && e.error.is_none());
        assert!(indexed || reason_for(skipped, name).is_some(), "{name} neither indexed nor skipped");
    }
    assert!(reason_for(skipped, "notes.csv").is_none());
    for name in NAMES {
        let entry = opened.index.entries.iter().find(|e| e.path == Path::new(&format!("{name}.txt"))).expect(name);
        assert!(entry.error.is_none() && entry.fingerprint_count > 100, "{name}: {entry:?}");
    }
    let html = opened.index.entries.iter().find(|e| e.path.ends_with("guizhou-2014.html")).expect("html copy");
    assert!(html.error.is_none());
    assert!(opened.saved_to.as_ref().is_some_and(|p| p.starts_with(dir.path().join(INDEX_DIR))));
    let (phase, _, _, finished) = progress.snapshot();
    assert!(finished && !phase.is_empty());

    let mut after = snapshot(dir.path());
    let mut expected = before;
    expected.remove(&dir.path().join("vanish.txt"));
    after.retain(|p, _| p.exists());
    assert_eq!(after, expected, "inputs changed");
}

#[test]
fn xianning_finds_guangdong_first_with_the_financing_clause() {
    let dir = hostile_folder();
    let cache = tempfile::tempdir().expect("temp dir");
    let options = options_with_cache(cache.path());
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let opened = index::open(dir.path(), &options, false, &control).expect("scan");
    let draft = CharText::new(corpus_text("xianning-2014"));
    let result = query(&opened.index, &draft, &options, &control).expect("query");

    assert_eq!(
        result.identical.iter().map(|&i| opened.index.entries[i].path.clone()).collect::<Vec<_>>(),
        vec![PathBuf::from("xianning-2014.txt")]
    );
    let first = &result.hits[0];
    assert!(first.path.to_string_lossy().contains("guangdong-2012"), "first hit {:?}", first.path);
    assert!(first.reused_chars >= 500, "{}", first.reused_chars);
    let financing = first.passages.iter().find(|p| draft.slice(p.draft).starts_with(FINANCING)).expect("clause");
    assert_eq!(financing.chars, 137);
    assert_eq!(financing.draft, Span::new(3416, 3563));
    assert_eq!(financing.doc, Span::new(4072, 4217));
    assert!(first.text.slice(financing.doc).ends_with("发行电子商务中小企业集合债券"));
    // The GB18030 copy decodes to the same text, so it ties with the original.
    let gb = result.hits.iter().find(|h| h.path.ends_with("guangdong-2012-gb18030.txt")).expect("gb18030 copy hit");
    assert_eq!(gb.reused_chars, first.reused_chars);
    // The HTML copy of Guizhou shares the same clause as the text original.
    let html = result.hits.iter().find(|h| h.path.ends_with("guizhou-2014.html")).expect("html copy hit");
    assert!(html.passages.iter().any(|p| html.text.slice(p.doc).contains("物联网企业加强对接")));
    // Guizhou shares only one short clause with Xianning: it ranks below Guangdong.
    let guizhou = result.hits.iter().position(|h| h.path == Path::new("guizhou-2014.txt")).expect("guizhou hit");
    assert!(result.hits[guizhou].reused_chars < first.reused_chars);
    let rest: Vec<&PathBuf> = result.hits.iter().map(|h| &h.path).collect();
    assert!(!rest.iter().any(|p| p.ends_with("xianning-2014.txt")));
}

#[test]
fn all_pairs_on_the_corpus_is_deterministic() {
    let dir = corpus_folder();
    let options = ScanOptions::default();
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let fresh = index::open(dir.path(), &options, true, &control).expect("scan");
    let first = all_pairs(&fresh.index, &fresh.texts, &options, &control).expect("pairs");
    let reopened = index::open(dir.path(), &options, false, &control).expect("scan");
    let second = all_pairs(&reopened.index, &reopened.texts, &options, &control).expect("pairs");
    assert_eq!(first.pairs, second.pairs);
    let names: Vec<(String, String)> = first
        .pairs
        .iter()
        .map(|p| {
            let name = |i: usize| fresh.index.entries[i].path.display().to_string();
            (name(p.a), name(p.b))
        })
        .collect();
    assert!(names.contains(&("guangdong-2012.txt".into(), "xianning-2014.txt".into())), "{names:?}");
    assert!(names.contains(&("guangdong-2012.txt".into(), "guizhou-2014.txt".into())), "{names:?}");
    let gx = first.pairs.iter().find(|p| p.passages.iter().any(|x| x.chars == 137)).expect("financing pair");
    assert!(gx.passages.iter().any(|x| x.a == Span::new(4072, 4217) && x.b == Span::new(3416, 3563)));
    // The land-use clause Guizhou took from Guangdong.
    let guangdong = CharText::new(corpus_text("guangdong-2012"));
    let position = |name: &str| fresh.index.entries.iter().position(|e| e.path == Path::new(name)).expect(name);
    let (g, z) = (position("guangdong-2012.txt"), position("guizhou-2014.txt"));
    let gz = first.pairs.iter().find(|p| p.a == g && p.b == z).expect("guangdong-guizhou pair");
    assert!(gz.passages.iter().any(|x| guangdong.slice(x.a).contains("空置厂房")), "{gz:?}");
}

#[test]
fn incremental_update_reads_only_what_changed() {
    let dir = corpus_folder();
    let options = ScanOptions::default();
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let first = index::open(dir.path(), &options, false, &control).expect("scan");
    assert_eq!((first.stats.added, first.stats.read, first.stats.unchanged), (5, 5, 0));

    let again = index::open(dir.path(), &options, false, &control).expect("scan");
    assert_eq!((again.stats.read, again.stats.unchanged), (0, 5));
    assert_eq!(again.index.entries, first.index.entries);

    let changed = dir.path().join("guizhou-2014.txt");
    let mut text = corpus_text("guizhou-2014");
    text.push_str("\n（附）本意见由省商务厅负责解释，自发布之日起施行，有效期五年。\n");
    std::fs::write(&changed, text).expect("write");
    std::fs::remove_file(dir.path().join("qinghai-2016.txt")).expect("remove");
    std::fs::write(dir.path().join("new.txt"), corpus_text("guangzhou-2014")).expect("write");
    let updated = index::open(dir.path(), &options, false, &control).expect("scan");
    let s = &updated.stats;
    assert_eq!((s.read, s.changed, s.added, s.removed, s.unchanged), (2, 1, 1, 1, 3), "{s:?}");
    assert_eq!(updated.index.entries.len(), 5);

    // Only the time changed: the file is read and hashed, but not decoded or fingerprinted again.
    let touched = std::fs::File::options().write(true).open(dir.path().join("new.txt")).expect("open");
    touched.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60)).expect("set time");
    drop(touched);
    let retimed = index::open(dir.path(), &options, false, &control).expect("scan");
    let s = &retimed.stats;
    assert_eq!((s.read, s.touched, s.changed, s.unchanged), (1, 1, 0, 4), "{s:?}");
    assert_eq!(retimed.index.entries, {
        let mut expected = updated.index.entries.clone();
        for entry in &mut expected {
            if let Some(now) = retimed.index.entries.iter().find(|e| e.path == entry.path) {
                entry.mtime = now.mtime;
            }
        }
        expected
    });

    // A damaged index file is rebuilt, not trusted.
    let saved = retimed.saved_to.clone().expect("saved");
    let mut bytes = std::fs::read(&saved).expect("read index");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&saved, bytes).expect("write");
    let rebuilt = index::open(dir.path(), &options, false, &control).expect("scan");
    assert!(rebuilt.stats.rebuilt.as_deref().is_some_and(|r| r.contains("damaged")));
    assert_eq!(rebuilt.stats.read, 5);
}

#[test]
fn unwritable_corpus_keeps_its_index_in_the_cache_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(corpus_file("guangdong-2012"), dir.path().join("guangdong-2012.txt")).expect("copy");
    // A file where the index folder would go: no user (root included) can create the folder.
    std::fs::write(dir.path().join(INDEX_DIR), b"in the way").expect("write");
    let cache = tempfile::tempdir().expect("temp dir");
    let options = options_with_cache(cache.path());
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let first = index::open(dir.path(), &options, false, &control).expect("scan");
    assert!(first.saved_to.as_ref().is_some_and(|p| p.starts_with(cache.path())), "{:?}", first.saved_to);
    let again = index::open(dir.path(), &options, false, &control).expect("scan");
    assert_eq!((again.stats.read, again.stats.unchanged), (0, 1));
}

#[test]
fn cancel_stops_the_scan() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(corpus_file("guangdong-2012"), dir.path().join("a.txt")).expect("copy");
    let cancel = AtomicBool::new(true);
    let result = index::open(dir.path(), &ScanOptions::default(), false, &Control::new(&Silent, &cancel));
    assert!(matches!(result, Err(ScanError::Cancelled)));
}

#[test]
fn recall_of_synthetic_copies_is_at_least_95_percent() {
    let texts: Vec<String> = NAMES.iter().map(|n| corpus_text(n)).collect();
    let sources: Vec<&str> = texts.iter().map(String::as_str).collect();
    let config = SynthConfig { documents: 200, min_bytes: 3_000, max_bytes: 12_000, ..SynthConfig::folder_scan() };
    let generated = synth::generate(&sources, &config);
    let dir = tempfile::tempdir().expect("temp dir");
    synth::write_to(&generated, dir.path()).expect("write");
    let options = ScanOptions::default();
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let opened = index::open(dir.path(), &options, true, &control).expect("scan");
    let found = all_pairs(&opened.index, &opened.texts, &options, &control).expect("pairs");
    assert!(found.boilerplate_fingerprints > 0, "the shared 公文 formulae are boilerplate");
    let entry =
        |i: usize| opened.index.entries.iter().position(|e| e.path == Path::new(&synth::file_name(i))).expect("entry");
    let (hit, expected) = generated.recall(30, |from, to| {
        let (a, b) = (entry(from), entry(to));
        found
            .pairs
            .iter()
            .filter(|p| (p.a, p.b) == (a.min(b), a.max(b)))
            .flat_map(|p| p.passages.iter().map(move |x| if p.a == b { x.a } else { x.b }))
            .collect()
    });
    eprintln!("recall {hit}/{expected}");
    assert!(expected >= 300, "{expected}");
    assert!(hit as f64 >= 0.95 * expected as f64, "recall {hit}/{expected}");

    // Under a small memory budget the comparison runs in chunks and finds exactly the same pairs.
    let small = ScanOptions { max_loaded_chars: 100_000, ..ScanOptions::default() };
    let reopened = index::open(dir.path(), &small, true, &control).expect("scan");
    assert!(reopened.texts.iter().all(Option::is_none), "an unchanged index reads nothing");
    let chunked = all_pairs(&reopened.index, &reopened.texts, &small, &control).expect("pairs");
    assert!(chunked.chunks > 5, "{} chunks", chunked.chunks);
    // Tile by tile, so in another order; the same pairs with the same passages.
    let sorted = |pairs: &[duizhao::scan::all_pairs::PairReuse]| {
        let mut pairs = pairs.to_vec();
        pairs.sort_by_key(|p| (p.a, p.b));
        pairs
    };
    assert_eq!(sorted(&chunked.pairs), sorted(&found.pairs));

    // A draft made of passages of three documents finds those three first. Each passage is one
    // that only its document holds: no copy took it from there or brought it there.
    let unshared = |i: usize| -> usize {
        let spans: Vec<Span> = generated
            .copies
            .iter()
            .filter_map(|c| match (c.from_doc == i, c.to_doc == i) {
                (true, _) => Some(c.from),
                (_, true) => Some(c.to),
                _ => None,
            })
            .collect();
        (300..).step_by(10).find(|&s| spans.iter().all(|c| c.end <= s || c.start >= s + 120)).expect("window")
    };
    let mut draft =
        synth::generate(&sources, &SynthConfig { documents: 1, seed: 9, ..config }).documents[0].text.clone();
    for i in [20, 90, 150] {
        draft.extend(generated.documents[i].text.chars().skip(unshared(i)).take(120));
    }
    let result = query(&opened.index, &CharText::new(draft), &options, &control).expect("query");
    let mut top: Vec<String> = result.hits.iter().take(3).map(|h| h.path.display().to_string()).collect();
    top.sort();
    assert_eq!(top, [20, 90, 150].map(synth::file_name));
}

fn run_cli(args: &[&str], cache: &Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("run duizhao");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn cli_lists_skipped_files_and_exits_2() {
    let dir = hostile_folder();
    let cache = tempfile::tempdir().expect("temp dir");
    let before = snapshot(dir.path());
    let root = dir.path().to_string_lossy().into_owned();
    let draft = corpus_file("xianning-2014").to_string_lossy().into_owned();
    let report = tempfile::tempdir().expect("temp dir");
    let report_path = report.path().join("scan.json");
    let report_arg = report_path.to_string_lossy().into_owned();
    let (code, stdout, stderr) =
        run_cli(&["scan", "--corpus", &root, "--against", &draft, "--report", &report_arg], cache.path());
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    let first_hit = stdout.lines().find(|l| l.trim_start().starts_with("1. ")).unwrap_or_default();
    assert!(first_hit.contains("guangdong-2012"), "{stdout}");
    assert!(stdout.contains("Skipped") && stdout.contains("empty.txt") && stdout.contains("dangling.txt"), "{stdout}");
    assert!(stderr.contains("skipped"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report_path).expect("report")).expect("json");
    // With a draft, the report is its 查重 report.
    assert_eq!(json["schema"], "duizhao.check/1");
    assert!(json["sources"][0]["path"].as_str().is_some_and(|p| p.contains("guangdong-2012")));
    let passages = json["passages"].as_array().expect("passages");
    assert!(passages.iter().any(|p| p["source"] == "S1"
        && p["chars"] == 137
        && p["draft_span"]["start"] == 3416
        && p["source_span"]["end"] == 4217));
    assert!(
        json["skipped"]
            .as_array()
            .is_some_and(|s| s.iter().any(|x| x["path"].as_str().is_some_and(|p| p.ends_with("loop"))))
    );

    // The report never replaces an input.
    let input = dir.path().join("guangdong-2012.txt").to_string_lossy().into_owned();
    let (code, _, stderr) = run_cli(&["scan", "--corpus", &root, "--report", &input], cache.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("refusing to write the report over an input document"), "{stderr}");

    let mut after = snapshot(dir.path());
    after.retain(|p, _| before.contains_key(p));
    assert_eq!(after, before, "inputs changed");
}

#[test]
fn cli_all_pairs_json_and_clean_folder_exits_0() {
    let dir = corpus_folder();
    let cache = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) = run_cli(&["scan", "--corpus", &root, "--format", "json"], cache.path());
    assert_eq!(code, 0, "{stderr}");
    // JSON Lines: a header, one line per pair as found, a summary last.
    let lines: Vec<serde_json::Value> =
        stdout.lines().map(|line| serde_json::from_str(line).expect("one JSON object per line")).collect();
    let json = &lines[0];
    assert_eq!(json["schema"], "duizhao.scan-pairs/1");
    let summary = lines.last().expect("summary");
    assert_eq!(summary["type"], "summary");
    let pairs: Vec<&serde_json::Value> = lines.iter().filter(|l| l["type"] == "pair").collect();
    assert_eq!(summary["pairs"], pairs.len());
    assert!(summary["candidate_pairs"].as_u64().is_some_and(|n| n >= pairs.len() as u64));
    let gx = pairs
        .iter()
        .find(|p| p["a"] == "guangdong-2012.txt" && p["b"] == "xianning-2014.txt")
        .expect("guangdong-xianning");
    assert!(
        gx["passages"]
            .as_array()
            .is_some_and(|ps| ps.iter().any(|p| p["text"].as_str().is_some_and(|t| t.starts_with(FINANCING))))
    );
    assert_eq!(json["index"]["read"], 5);
    let (_, stdout, _) = run_cli(&["scan", "--corpus", &root, "--format", "json"], cache.path());
    let json: serde_json::Value = serde_json::from_str(stdout.lines().next().expect("header")).expect("json");
    assert_eq!(json["index"]["read"], 0);
    assert_eq!(json["index"]["unchanged"], 5);
    // The same pairs, in the same order, from the saved index.
    let again: Vec<&str> = stdout.lines().skip(1).collect();
    let first: Vec<String> = lines.iter().skip(1).map(ToString::to_string).collect();
    assert_eq!(again.len(), first.len());
}

/// `scan --against DRAFT --format json` is "duizhao.scan/1": the index, the options, and per draft
/// the documents it reuses from, ranked, with their passages (spans and the draft's text).
#[test]
fn cli_draft_check_json_parses_back() {
    let dir = corpus_folder();
    std::fs::write(dir.path().join("empty.txt"), b"").expect("write");
    let cache = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_string_lossy().into_owned();
    let draft = corpus_file("xianning-2014").to_string_lossy().into_owned();
    let (code, stdout, stderr) =
        run_cli(&["scan", "--corpus", &root, "--against", &draft, "--format", "json"], cache.path());
    assert_eq!(code, 2, "the empty file is skipped: {stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(json["schema"], "duizhao.scan/1");
    assert_eq!(json["corpus"], root.as_str());
    assert_eq!(json["index"]["documents"], 5);
    assert_eq!(json["options"]["min_chars"], duizhao::scan::DEFAULT_MIN_CHARS);
    let skipped = json["skipped"].as_array().expect("skipped");
    assert!(skipped.iter().any(|s| s["path"].as_str().is_some_and(|p| p.ends_with("empty.txt"))
        && s["reason"].as_str().is_some_and(|r| !r.is_empty())));
    let query = &json["queries"][0];
    assert_eq!(query["path"], draft.as_str());
    assert_eq!(query["chars"], corpus_text("xianning-2014").chars().count());
    // The folder's own copy of the draft is identical to it; Guangdong 2012 is a source.
    assert_eq!(query["identical"], serde_json::json!(["xianning-2014.txt"]));
    let hits = query["hits"].as_array().expect("hits");
    let guangdong = hits.iter().find(|h| h["path"] == "guangdong-2012.txt").expect("guangdong is a hit");
    assert!(guangdong["draft_ratio"].as_f64().is_some_and(|r| r > 0.0 && r < 1.0), "{guangdong}");
    let financing = guangdong["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .find(|p| p["text"].as_str().is_some_and(|t| t.starts_with(FINANCING)))
        .expect("the financing clause");
    assert_eq!(financing["chars"], 137);
    assert_eq!(financing["draft"]["start"], 3416);
    assert_eq!(financing["doc"]["end"], 4217);
    assert_eq!(financing["boilerplate"], false);
}

#[test]
fn cli_reports_a_read_only_output_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(corpus_file("guangdong-2012"), dir.path().join("guangdong-2012.txt")).expect("copy");
    let cache = tempfile::tempdir().expect("temp dir");
    let locked = tempfile::tempdir().expect("temp dir");
    let mut permissions = std::fs::metadata(locked.path()).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o555);
    std::fs::set_permissions(locked.path(), permissions).expect("chmod");
    // Root ignores folder permissions; /proc refuses new files to everyone.
    let probe = locked.path().join("probe");
    let read_only =
        if std::fs::write(&probe, b"x").is_ok() { PathBuf::from("/proc") } else { locked.path().to_path_buf() };
    let report = read_only.join("duizhao-scan-report.json");
    let root = dir.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) =
        run_cli(&["scan", "--corpus", &root, "--report", &report.to_string_lossy()], cache.path());
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    assert!(stderr.contains("cannot write report") && stderr.contains("duizhao-scan-report.json"), "{stderr}");
    // All pairs stream into the report: a folder it cannot go to is said before the comparison.
    assert!(!stdout.contains("pair(s) share passages"), "no comparison ran: {stdout}");
    assert!(!report.exists());
}

/// Recall and precision of the folder scan on the synthetic corpus (`duizhao::synth`), whose copies
/// are verbatim or edited the way drafters edit (10–30% of a copy changed: word swaps, numbers,
/// inserted and dropped words, punctuation width), 20 to 400 chars long, with a few passages copied
/// into a large share of the documents. Truth comes from the origin of every char, so a passage
/// shared through a chain of copies counts as true.
#[test]
fn recall_and_precision_on_the_shared_synthetic_corpus() {
    let texts: Vec<String> = NAMES.iter().map(|n| corpus_text(n)).collect();
    let sources: Vec<&str> = texts.iter().map(String::as_str).collect();
    let config = SynthConfig {
        documents: 150,
        min_copy_chars: 20,
        max_copy_chars: 400,
        mutated_share: 0.5,
        popular_passages: 3,
        popular_share: 0.3,
        ..Default::default()
    };
    let generated = synth::generate(&sources, &config);
    let dir = tempfile::tempdir().expect("temp dir");
    synth::write_to(&generated, dir.path()).expect("write");
    let mut options = ScanOptions::default();
    if let Some(min) = std::env::var("MIN_CHARS").ok().and_then(|v| v.parse().ok()) {
        options.reuse.min_chars = min;
    }
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let opened = index::open(dir.path(), &options, true, &control).expect("scan");
    let found = all_pairs(&opened.index, &opened.texts, &options, &control).expect("pairs");
    let doc_of = |entry: usize| {
        let path = &opened.index.entries[entry].path;
        generated.documents.iter().position(|d| Path::new(&d.name) == path).expect("document")
    };
    let passages: Vec<(usize, Span, usize, Span)> = found
        .pairs
        .iter()
        .flat_map(|p| {
            let (a, b) = (doc_of(p.a), doc_of(p.b));
            p.passages.iter().filter(|x| !x.boilerplate).map(move |x| (a, x.a, b, x.b))
        })
        .collect();
    let score = generated.score(&passages, 20);
    if std::env::var_os("SHOW_FALSE").is_some() {
        for &(a, sa, b, sb) in passages.iter().take(3000) {
            if generated.score(&[(a, sa, b, sb)], 20).true_passages == 0 {
                let slice = |d: usize, s: Span| -> String {
                    generated.documents[d].text.chars().skip(s.start).take(s.len()).collect()
                };
                eprintln!("FALSE {a} {sa:?} {b} {sb:?}\n  {}\n  {}", slice(a, sa), slice(b, sb));
            }
        }
    }
    eprintln!(
        "{score:?} recall {:.3} (short {:.3}) precision {:.3}",
        score.recall(),
        score.short_recall(),
        score.precision()
    );
    assert!(score.copies >= 200, "{score:?}");
    assert!(score.recall() >= 0.95, "recall {:.3}", score.recall());
    assert!(score.precision() >= 0.95, "precision {:.3}", score.precision());
}

/// The app's folder check (a draft against an indexed folder, on the app's reuse settings) and
/// `compare` (reuse detection over loaded documents) are one engine: for each pair they report the
/// same passages, with the same spans, kinds, similarities and boilerplate flags, and the same ratios.
#[test]
fn folder_check_and_compare_give_the_same_passages_and_ratios() {
    let dir = corpus_folder();
    let settings = duizhao::analysis::AnalysisOptions::default();
    let options = ScanOptions { reuse: settings.reuse, normalize: settings.normalize, ..ScanOptions::default() };
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let opened = index::open(dir.path(), &options, false, &control).expect("index");
    // The draft: Xianning 2014 with a line of its own, so it is not identical to the folder's copy.
    let draft_text = format!("{}\n附：本稿为征求意见稿。", corpus_text("xianning-2014"));
    let found = query(&opened.index, &CharText::new(draft_text.clone()), &options, &control).expect("query");
    let mut checked = 0;
    for source in ["guangdong-2012", "guizhou-2014"] {
        let hit = found
            .hits
            .iter()
            .find(|h| h.path == Path::new(&format!("{source}.txt")))
            .unwrap_or_else(|| panic!("{source} is a hit"));
        let decoded = |text: &str, id: &str| {
            let decoded = duizhao::model::Decoded::plain(text);
            duizhao::outline::build_document(id.into(), format!("{id}.txt"), text.len() as u64, decoded)
        };
        let docs = vec![decoded(&draft_text, "draft"), decoded(&corpus_text(source), source)];
        let report = duizhao::reuse::detect(&docs, &settings.reuse, &settings.normalize);
        let compared: Vec<_> = report
            .passages
            .iter()
            .map(|p| (p.a.span, p.b.span, p.kind, p.similarity, p.boilerplate, p.chars))
            .collect();
        let checked_here: Vec<_> =
            hit.passages.iter().map(|p| (p.draft, p.doc, p.kind, p.similarity, p.boilerplate, p.chars)).collect();
        assert!(!compared.is_empty());
        assert_eq!(checked_here, compared, "{source}");
        let stats = report.pairs[0];
        assert_eq!((hit.reused_chars, hit.doc_reused_chars), (stats.a_reused_chars, stats.b_reused_chars), "{source}");
        assert!((hit.draft_ratio - stats.a_ratio).abs() < 1e-6 && (hit.doc_ratio - stats.b_ratio).abs() < 1e-6);
        checked += 1;
    }
    assert_eq!(checked, 2);
}

/// Set the modification time of `path` (a file or a folder) `seconds` into the past.
fn age(path: &Path, seconds: u64) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(seconds);
    std::fs::File::open(path).expect("open").set_modified(past).expect("set the time");
}

#[test]
fn an_unchanged_folder_skips_the_walk_and_a_new_file_is_still_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("sub")).expect("sub folder");
    std::fs::copy(corpus_file("guangdong-2012"), dir.path().join("guangdong-2012.txt")).expect("copy");
    std::fs::copy(corpus_file("guizhou-2014"), dir.path().join("sub/guizhou-2014.txt")).expect("copy");
    // Folders changed in the same moment as a save are never trusted: these are an hour old.
    age(dir.path(), 3600);
    age(&dir.path().join("sub"), 3600);
    let cache = tempfile::tempdir().expect("temp dir");
    let options = ScanOptions { cache_dir: Some(cache.path().to_path_buf()), ..ScanOptions::default() };
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let first = index::open(dir.path(), &options, false, &control).expect("scan");
    assert_eq!((first.stats.read, first.stats.walk_skipped), (2, false));
    // The index folder is new in the corpus folder, so the next scan walks once more (and saves
    // the folder's new time); then, as time passes, nothing changed: the walk is skipped.
    age(dir.path(), 3600);
    let walked = index::open(dir.path(), &options, false, &control).expect("scan");
    assert_eq!((walked.stats.read, walked.stats.walk_skipped), (0, false));
    let second = index::open(dir.path(), &options, false, &control).expect("scan");
    assert!(second.stats.walk_skipped, "{:?}", second.stats);
    assert_eq!((second.stats.read, second.stats.unchanged), (0, 2));
    assert_eq!(second.index.entries, first.index.entries);
    assert_eq!(second.index.postings.len(), first.index.postings.len());
    // A query through the skipped walk finds the same hits.
    let draft = CharText::new(std::fs::read_to_string(corpus_file("xianning-2014")).expect("draft"));
    let hits = |opened: &index::Opened| -> Vec<(String, usize)> {
        query(&opened.index, &draft, &options, &control)
            .expect("query")
            .hits
            .iter()
            .map(|h| (h.path.display().to_string(), h.reused_chars))
            .collect()
    };
    assert_eq!(hits(&second), hits(&first));
    assert!(!hits(&second).is_empty());
    // A new file in the subfolder changes that folder's time: the walk runs and finds it.
    std::fs::copy(corpus_file("qinghai-2016"), dir.path().join("sub/qinghai-2016.txt")).expect("copy");
    let third = index::open(dir.path(), &options, false, &control).expect("scan");
    assert!(!third.stats.walk_skipped);
    assert_eq!((third.stats.added, third.stats.unchanged), (1, 2));
    // --rescan walks even when nothing changed.
    age(dir.path(), 3600);
    age(&dir.path().join("sub"), 3600);
    let rescan = ScanOptions { rescan: true, ..options.clone() };
    let fourth = index::open(dir.path(), &rescan, false, &control).expect("scan");
    assert!(!fourth.stats.walk_skipped);
}

#[test]
fn the_minimum_passage_length_does_not_rebuild_the_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["guangdong-2012", "xianning-2014"] {
        std::fs::copy(corpus_file(name), dir.path().join(format!("{name}.txt"))).expect("copy");
    }
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let mut options = ScanOptions::default();
    let first = index::open(dir.path(), &options, false, &control).expect("scan");
    assert_eq!(first.stats.read, 2);
    for min_chars in [10, 40, 20] {
        options.reuse.min_chars = min_chars;
        let again = index::open(dir.path(), &options, false, &control).expect("scan");
        assert_eq!((again.stats.read, again.stats.rebuilt.clone()), (0, None), "min_chars {min_chars}");
        let found = all_pairs(&again.index, &again.texts, &options, &control).expect("pairs");
        // The engine's rule: at least the minimum, or four fifths of it for a whole clause.
        assert!(found.pairs.iter().flat_map(|p| &p.passages).all(|p| p.chars * 5 >= min_chars * 4));
        assert!(!found.pairs.is_empty());
    }
}
