//! The desktop app driven headless by egui_kittest: the real `App`, the real worker thread, the
//! real corpus. Each test steps frames until the background work is done (bounded), then checks
//! what the app shows.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use duizhao::gui::commands::{Command, View};
use duizhao::gui::compare::{MarkKind, Side};
use duizhao::gui::panels::side_by_side::MarkContext;
use duizhao::gui::settings::Settings;
use duizhao::gui::{App, StartWith};
use eframe::Storage as _;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Debug builds load jieba and analyse five documents slowly on a busy machine; be generous.
const WAIT: Duration = Duration::from_secs(180);

fn harness(start: StartWith) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::new(Settings::default(), start))
}

fn wait_until(harness: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + WAIT;
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.step();
}

fn side_ready(app: &App) -> bool {
    app.is_ready() && app.side_diffs().is_some()
}

fn doc_index(app: &App, name: &str) -> usize {
    app.documents().iter().position(|d| d.path.contains(name)).unwrap_or_else(|| panic!("{name} not loaded"))
}

/// Char offset of `needle` in document `doc`.
fn char_offset(app: &App, doc: usize, needle: &str) -> usize {
    let document = &app.documents()[doc];
    let byte = document.text.as_str().find(needle).unwrap_or_else(|| panic!("{needle} not in {}", document.path));
    document.text.char_offset(byte)
}

/// All marks of one side of the side-by-side view, as the painter computes them.
fn marks(app: &App, side: Side) -> Vec<duizhao::gui::compare::Mark> {
    let context = MarkContext::new(app).expect("a pair is shown");
    (0..context.layout.rows.len()).flat_map(|row| context.marks(row, side)).collect()
}

#[test]
fn starts_on_the_corpus_with_guangdong_and_xianning_side_by_side() {
    let mut harness = harness(StartWith::Corpus);
    // The first frame is drawn before anything is loaded: the window never waits for the worker.
    assert!(harness.state().is_busy());
    assert!(harness.query_all_by_label("正在分析…").count() >= 1);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let app = harness.state();
    assert_eq!(app.documents().len(), 5);
    assert_eq!(app.view, View::SideBySide);
    assert_eq!(app.side.left, doc_index(app, "guangdong-2012"));
    assert_eq!(app.side.right, doc_index(app, "xianning-2014"));
    // Chinese UI by default; the tab bar is there.
    harness.get_by_label("并排对照");
    harness.get_by_label("复用概览");
}

#[test]
fn the_financing_clause_is_highlighted_as_reused_and_toggles_change_the_marks() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let app = harness.state();
    let (guangdong, xianning) = (app.side.left, app.side.right);
    let clause = "鼓励金融机构在风险可控的前提下，采用无形资产和动产质押融资方式";
    let left_start = char_offset(app, guangdong, clause);
    let right_start = char_offset(app, xianning, clause);
    let covered = |marks: &[duizhao::gui::compare::Mark], start: usize, source: usize| {
        marks
            .iter()
            .any(|m| m.kind == MarkKind::Reused { source } && m.span.start <= start && start + 100 <= m.span.end)
    };
    // The 137-char clause is marked on both sides, coloured by the other document.
    assert!(covered(&marks(app, Side::Left), left_start, xianning), "Guangdong side not marked");
    assert!(covered(&marks(app, Side::Right), right_start, guangdong), "Xianning side not marked");

    // Reuse off: no reuse marks at all; diff marks stay.
    harness.state_mut().settings.marks.reuse = false;
    harness.step();
    let app = harness.state();
    assert!(!marks(app, Side::Left).iter().any(|m| matches!(m.kind, MarkKind::Reused { .. })));
    assert!(marks(app, Side::Right).iter().any(|m| m.kind == MarkKind::Changed || m.kind == MarkKind::Inserted));

    // Inserted/changed off: the right side loses those marks, and there are fewer changes to visit.
    let all_changes = app.side_changes().len();
    {
        let marks = &mut harness.state_mut().settings.marks;
        marks.inserted = false;
        marks.changed = false;
    }
    harness.step();
    let app = harness.state();
    assert!(!marks(app, Side::Right).iter().any(|m| m.kind == MarkKind::Changed || m.kind == MarkKind::Inserted));
    assert!(app.side_changes().len() < all_changes);
}

#[test]
fn next_and_previous_change_move_through_the_diff() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let changes = harness.state().side_changes();
    assert!(changes.len() >= 2, "Guangdong and Xianning differ in many places");
    assert_eq!(harness.state().side.current_change, None);

    harness.key_press(egui::Key::F7);
    harness.step();
    assert_eq!(harness.state().side.current_change, Some(0));
    harness.key_press(egui::Key::N);
    harness.step();
    assert_eq!(harness.state().side.current_change, Some(1));
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F7);
    harness.step();
    assert_eq!(harness.state().side.current_change, Some(0));

    // The current change is drawn: its text carries the "current" mark.
    let app = harness.state();
    let current = changes[0];
    let side = if current.left.is_empty() { Side::Right } else { Side::Left };
    assert!(marks(app, side).iter().any(|m| m.kind == MarkKind::Current));
    // The reveal was consumed by the view, which scrolled to it.
    assert_eq!(app.side.reveal, None);

    // The toolbar button does the same as the key.
    harness.get_by_label("↓").click();
    harness.step();
    harness.step();
    assert_eq!(harness.state().side.current_change, Some(1));
}

#[test]
fn opening_a_file_adds_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("咸宁-副本.txt");
    std::fs::write(&path, include_str!("../corpus/xianning-2014.txt")).unwrap();

    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    harness.state_mut().push(Command::OpenFiles(vec![path.clone()]));
    harness.step();
    wait_until(&mut harness, "the new document", |app| app.is_ready() && app.documents().len() == 6);
    let app = harness.state();
    assert_eq!(app.documents()[5].id, "D6");
    assert!(app.messages().is_empty(), "{:?}", app.messages());
    assert_eq!(app.settings.recent_files.first(), Some(&path));
    assert_eq!(app.analysis().unwrap().documents.len(), 6);
}

#[test]
fn files_given_on_the_command_line_are_opened_instead_of_the_corpus() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let files = vec![corpus.join("guangdong-2012.txt"), corpus.join("qinghai-2016.txt")];
    let mut harness = harness(StartWith::Files(files));
    wait_until(&mut harness, "two documents", side_ready);
    let app = harness.state();
    assert_eq!(app.documents().len(), 2);
    assert_eq!((app.side.left, app.side.right), (0, 1));
}

#[test]
fn a_broken_file_shows_an_error_naming_it_and_the_app_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("policy.txt");
    // A PNG image wearing a .txt name.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    png.extend_from_slice(&[0u8; 64]);
    std::fs::write(&broken, png).unwrap();
    let missing = dir.path().join("missing.txt");

    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    harness.state_mut().push(Command::OpenFiles(vec![broken.clone(), missing.clone()]));
    harness.step();
    wait_until(&mut harness, "the load to fail", |app| app.messages().len() == 2);
    let app = harness.state();
    assert_eq!(app.documents().len(), 5, "nothing was added");
    assert!(app.messages().iter().all(|m| m.error));
    assert!(app.messages()[0].text.contains("policy.txt"), "{:?}", app.messages());
    assert!(app.messages()[1].text.contains("missing.txt"), "{:?}", app.messages());
    // The message is on screen, and the app still works.
    harness.get_by_label_contains("policy.txt");
    harness.state_mut().push(Command::ShowView(View::Reuse));
    harness.step();
    harness.step();
    assert_eq!(harness.state().view, View::Reuse);
    harness.get_by_label("复用段落");
}

#[test]
fn every_view_draws_on_the_corpus_in_both_languages() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    for english in [false, true] {
        if english {
            harness.state_mut().settings.language = duizhao::gui::i18n::Language::English;
        }
        for view in View::ALL {
            harness.state_mut().push(Command::ShowView(view));
            harness.step();
            harness.step();
            assert_eq!(harness.state().view, view);
            // Every control of every view can be reached by name (screen readers, kittest queries).
            harness.check_accessibility();
        }
    }
    harness.get_by_label("Side by side");
}

/// Push a command, let the frame apply it, and wait for the re-analysis it starts.
fn apply_and_wait(harness: &mut Harness<'static, App>, command: Command, what: &str) {
    let before = harness.state().generation();
    harness.state_mut().push(command);
    harness.step();
    wait_until(harness, what, |app| app.generation() > before && side_ready(app));
}

#[test]
fn documents_can_be_reordered_redated_and_removed() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let first = harness.state().documents()[0].path.clone();
    let second = harness.state().documents()[1].path.clone();

    apply_and_wait(&mut harness, Command::MoveDocument { from: 0, to: 1 }, "the reorder");
    let app = harness.state();
    assert_eq!(app.documents()[0].path, second);
    assert_eq!(app.documents()[1].path, first);
    // Ids follow positions, and so do section ids.
    assert_eq!(app.documents()[1].id, "D2");
    assert!(app.documents()[1].sections.iter().all(|s| s.id.starts_with("D2.")));
    // The side-by-side pair follows the moved documents.
    assert_eq!(app.side.left, doc_index(app, "guangdong-2012"));

    apply_and_wait(&mut harness, Command::SetDate { doc: 1, date: Some("2020-01-01".into()) }, "the new date");
    assert_eq!(harness.state().analysis().unwrap().documents[1].metadata.date.as_deref(), Some("2020-01-01"));

    apply_and_wait(&mut harness, Command::RemoveDocument(1), "the removal");
    let app = harness.state();
    assert_eq!(app.documents().len(), 4);
    assert!(app.documents().iter().all(|d| d.path != first));
    assert_eq!(app.analysis().unwrap().documents.len(), 4);
}

#[test]
fn pinning_a_section_moves_it_into_the_row_and_unpinning_takes_it_out() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let analysis = harness.state().analysis().unwrap().clone();
    let row = analysis
        .alignment
        .rows
        .iter()
        .find(|r| r.topic.is_some() && r.cells[0].is_some())
        .expect("a topic row with a Guangdong section");
    let key = row.topic.clone().unwrap();
    let current = row.cells[0].unwrap().section;
    let other = (0..analysis.documents[0].sections.len()).find(|&s| s != current).unwrap();

    apply_and_wait(&mut harness, Command::Pin { doc: 0, section: other, topic: key.clone() }, "the pin");
    let analysis = harness.state().analysis().unwrap().clone();
    let row = analysis.alignment.rows.iter().find(|r| r.topic.as_deref() == Some(&key)).expect("the row stays");
    let cell = row.cells[0].expect("pinned cell");
    assert_eq!(cell.section, other);
    assert!(cell.pinned);

    apply_and_wait(&mut harness, Command::Unpin { doc: 0, section: other }, "the unpin");
    let analysis = harness.state().analysis().unwrap().clone();
    assert!(analysis.alignment.rows.iter().all(|r| r.cells[0].is_none_or(|c| c.section != other)));
}

#[test]
fn a_reused_passage_opens_next_to_its_source() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let app = harness.state();
    let (guangdong, qinghai) = (doc_index(app, "guangdong-2012"), doc_index(app, "qinghai-2016"));
    let analysis = app.analysis().unwrap().clone();
    // The R&D deduction clause Qinghai took from Guangdong, as a click on it in either view sends it.
    let passage = analysis
        .reuse
        .passages
        .iter()
        .filter(|p| (p.a.doc, p.b.doc) == (guangdong.min(qinghai), guangdong.max(qinghai)) && !p.boilerplate)
        .max_by_key(|p| p.chars)
        .expect("Guangdong and Qinghai share passages");
    let source = if passage.a.doc == guangdong { passage.a } else { passage.b };
    let copy = if passage.a.doc == guangdong { passage.b } else { passage.a };
    harness.state_mut().push(Command::Reveal { doc: source.doc, span: source.span, other: Some(copy.doc) });
    harness.step();
    wait_until(&mut harness, "the new pair", side_ready);
    let app = harness.state();
    assert_eq!(app.view, View::SideBySide);
    assert_eq!((app.side.left, app.side.right), (guangdong, qinghai));
    assert_eq!(app.side.reveal, None, "the view scrolled to the passage");
    // The passage is marked on the Qinghai side in Guangdong's colour.
    assert!(
        marks(app, Side::Right)
            .iter()
            .any(|m| m.kind == MarkKind::Reused { source: guangdong } && m.span.overlap(copy.span) > 0)
    );
}

#[test]
fn hovering_reused_text_names_its_source_and_clicking_opens_it() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let guizhou = doc_index(harness.state(), "guizhou-2014");
    // Mark reuse from every document, so Guangdong text shared with Guizhou is marked too.
    harness.state_mut().settings.marks.all_sources = true;
    harness.step();
    let tooltip = format!("来源文件：D{}", guizhou + 1);
    let mut found = None;
    'scan: for y in (150..860).step_by(14) {
        let pointer = egui::pos2(320.0, y as f32);
        harness.hover_at(pointer);
        for _ in 0..3 {
            harness.step();
            if harness.query_by_label_contains(&tooltip).is_some() {
                found = Some(pointer);
                break 'scan;
            }
        }
    }
    let pointer = found.expect("hovering the Guangdong column finds text shared with Guizhou");
    // The tooltip names the section and similarity too.
    harness.get_by_label_contains("相似度");
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: pointer,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
    }
    harness.step();
    wait_until(&mut harness, "the source opened", side_ready);
    let app = harness.state();
    assert_eq!(app.side.left, doc_index(app, "guangdong-2012"));
    assert_eq!(app.side.right, guizhou);
}

#[test]
fn ctrl_f_finds_in_both_texts() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.step();
    harness.step();
    assert!(harness.state().side.find_open);
    // The find box has the focus: type into it, then Enter goes to the first match.
    harness.event(egui::Event::Text("融资".into()));
    harness.step();
    assert_eq!(harness.state().side.find, "融资");
    harness.key_press(egui::Key::Enter);
    harness.step();
    harness.step();
    let app = harness.state();
    assert_eq!(app.side.current_match, Some(0));
    assert!(marks(app, Side::Left).iter().any(|m| m.kind == MarkKind::Found));
    assert!(marks(app, Side::Right).iter().any(|m| m.kind == MarkKind::Found));
    // "n" types into the find box rather than jumping to the next change.
    harness.key_press(egui::Key::N);
    harness.step();
    assert_eq!(harness.state().side.current_change, None);
}

/// eframe storage in memory, as the window would keep it on disk.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn settings_and_recent_files_persist_but_results_do_not() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let file = corpus.join("guangzhou-2014.txt");
    let mut harness = harness(StartWith::Files(vec![file.clone(), corpus.join("qinghai-2016.txt")]));
    wait_until(&mut harness, "two documents", side_ready);
    harness.state_mut().settings.min_reuse_chars = 20;
    harness.state_mut().settings.language = duizhao::gui::i18n::Language::English;
    let mut storage = MemoryStorage::default();
    harness.state().save_settings(&mut storage);

    let saved = storage.get_string(Settings::STORAGE_KEY).expect("settings saved");
    assert!(!saved.contains("鼓励"), "no document text or results in the saved settings");
    let restored: Settings = eframe::get_value(&storage, Settings::STORAGE_KEY).expect("settings load back");
    assert_eq!(restored.min_reuse_chars, 20);
    assert_eq!(restored.language, duizhao::gui::i18n::Language::English);
    assert!(restored.recent_files.contains(&file));
    // The restored settings drive the next analysis.
    assert_eq!(restored.analysis_options(&[]).reuse.min_chars, 20);
}

#[test]
fn file_export_report_writes_the_report_off_the_ui_thread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("对照报告.html");
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    // File → Export report… opens the dialog.
    harness.get_by_label("文件").click();
    harness.step();
    harness.step();
    harness.get_by_label("导出报告…").click();
    harness.step();
    harness.step();
    assert!(harness.state().export.open);
    harness.state_mut().export.form.path = path.display().to_string();
    harness.step();
    harness.get_by_label("导出").click();
    harness.step();
    harness.step();
    wait_until(&mut harness, "the report", |app| !app.export.busy && !app.messages().is_empty());
    let app = harness.state();
    assert!(!app.messages()[0].error, "{:?}", app.messages());
    assert!(app.messages()[0].text.contains("对照报告.html"));
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("鼓励金融机构在风险可控的前提下"), "the financing clause is in the report");

    // Writing over an input document is refused, with a message naming it.
    let input = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus").join("qinghai-2016.txt");
    let mut harness = harness_with_files(vec![
        input.clone(),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/guangdong-2012.txt"),
    ]);
    wait_until(&mut harness, "two documents", side_ready);
    let before = std::fs::read(&input).unwrap();
    let target: PathBuf = harness.state().documents()[0].path.clone().into();
    harness.state_mut().push(Command::Export(duizhao::gui::panels::export::ExportRequest {
        path: target,
        format: duizhao::report::ReportFormat::Html,
        documents: None,
        include_boilerplate: false,
        open_when_done: false,
    }));
    harness.step();
    wait_until(&mut harness, "the refusal", |app| !app.export.busy && !app.messages().is_empty());
    assert!(harness.state().messages()[0].error);
    assert_eq!(std::fs::read(&input).unwrap(), before, "the input document is untouched");
}

fn harness_with_files(files: Vec<PathBuf>) -> Harness<'static, App> {
    harness(StartWith::Files(files))
}

#[test]
fn check_against_a_folder_finds_the_source_and_opens_it_side_by_side() {
    // A folder of policies: the source of the draft's financing clause, and an unrelated copy of
    // something else. The draft (Xianning 2014) is the only document loaded.
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(corpus.join("guangdong-2012.txt"), folder.path().join("guangdong-2012.txt")).unwrap();
    std::fs::copy(corpus.join("guangzhou-2014.txt"), folder.path().join("guangzhou-2014.txt")).unwrap();
    std::fs::write(folder.path().join("broken.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let mut harness = harness(StartWith::Files(vec![corpus.join("xianning-2014.txt")]));
    wait_until(&mut harness, "the draft", |app| app.is_ready() && app.documents().len() == 1);

    // File → Check against a folder…
    harness.get_by_label("文件").click();
    harness.step();
    harness.step();
    harness.get_by_label("对照文件夹检查…").click();
    harness.step();
    harness.step();
    assert!(harness.state().folder_check.open);
    harness.state_mut().folder_check.folder = folder.path().display().to_string();
    harness.step();
    harness.get_by_label("开始检查").click();
    harness.step();
    wait_until(&mut harness, "the folder check", |app| {
        app.folder_check.running.is_none() && app.folder_check.result.is_some()
    });
    let outcome = match &harness.state().folder_check.result {
        Some(Ok(outcome)) => outcome.clone(),
        other => panic!("folder check failed: {other:?}"),
    };
    assert_eq!(outcome.documents, 2, "the two readable policies are indexed");
    assert_eq!(outcome.hits[0].relative, PathBuf::from("guangdong-2012.txt"), "the source ranks first");
    assert!(outcome.hits[0].reused_chars >= 137, "at least the financing clause: {:?}", outcome.hits[0]);
    assert!(outcome.skipped.iter().any(|s| s.path.ends_with("broken.txt")), "{:?}", outcome.skipped);

    // One click opens the hit next to the draft.
    // The first "并排对照" is the view tab; then comes one button per hit, in rank order.
    let buttons: Vec<_> = harness.query_all_by_label("并排对照").collect();
    assert_eq!(buttons.len(), 1 + outcome.hits.len());
    buttons[1].click();
    harness.step();
    wait_until(&mut harness, "the hit side by side", |app| app.documents().len() == 2 && side_ready(app));
    let app = harness.state();
    let source = doc_index(app, "guangdong-2012");
    let draft = doc_index(app, "xianning-2014");
    assert_eq!((app.side.left, app.side.right), (source, draft));
    assert_eq!(app.view, View::SideBySide);
}
