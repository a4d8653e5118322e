//! The desktop app driven headless by egui_kittest: the real `App`, the real worker thread, the
//! real corpus. Each test steps frames until the background work is done (bounded), then checks
//! what the app shows.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use duizhao::align::AlignmentOverride;
use duizhao::gui::app::MessageKind;
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

/// Step the app until `done` holds (shared by the modules that drive the app).
pub(crate) fn wait_until(harness: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
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
fn opening_a_file_adds_a_document_but_a_copy_of_a_loaded_one_switches_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let xianning = include_str!("../../corpus/xianning-2014.txt");
    let copy = dir.path().join("咸宁-副本.txt");
    std::fs::write(&copy, xianning).unwrap();
    // Another version: one clause reworded.
    let clause = "鼓励金融机构在风险可控的前提下";
    assert!(xianning.contains(clause));
    let version = dir.path().join("咸宁-修订稿.txt");
    std::fs::write(&version, xianning.replacen(clause, "支持银行业金融机构在依法合规的前提下", 1)).unwrap();

    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let ratios_before = harness.state().analysis().unwrap().reuse.pairs.clone();
    // The same text again: nothing is added, the copy ratios stay, the loaded document is shown.
    harness.state_mut().push(Command::OpenFiles(vec![copy.clone()]));
    harness.step();
    wait_until(&mut harness, "the duplicate notice", |app| !app.messages().is_empty() && app.is_ready());
    let app = harness.state();
    assert_eq!(app.documents().len(), 5, "a copy of a loaded document is the same document");
    assert_eq!(app.analysis().unwrap().reuse.pairs, ratios_before);
    assert_eq!(app.messages()[0].kind, MessageKind::Notice, "{:?}", app.messages());
    assert!(app.messages()[0].text.contains("咸宁-副本.txt"), "{:?}", app.messages());
    let xianning_index = doc_index(app, "xianning-2014");
    assert!(app.side.left == xianning_index || app.side.right == xianning_index);

    // Another version is loaded, with a notice naming the document it resembles.
    harness.state_mut().push(Command::DismissAllMessages);
    harness.state_mut().push(Command::OpenFiles(vec![version.clone()]));
    harness.step();
    wait_until(&mut harness, "the new version", |app| app.is_ready() && app.documents().len() == 6);
    let app = harness.state();
    assert_eq!(app.documents()[5].id, "D6");
    assert_eq!(app.analysis().unwrap().documents.len(), 6);
    assert_eq!(app.settings.recent_files.first(), Some(&version));
    assert_eq!(app.messages().len(), 1, "{:?}", app.messages());
    assert_eq!(app.messages()[0].kind, MessageKind::Notice);
    assert!(app.messages()[0].text.contains(&format!("D{}", xianning_index + 1)), "{:?}", app.messages());
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
    assert!(app.messages().iter().all(|m| m.kind == MessageKind::Error));
    // The reasons are in the UI language.
    assert!(app.messages()[0].text.contains("不是文本文件（PNG 图片）"), "{:?}", app.messages());
    assert!(app.messages()[1].text.contains("找不到文件"), "{:?}", app.messages());
    assert!(app.messages().iter().all(|m| !m.text.contains("not a text") && !m.text.contains("not found")));
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
    assert_eq!(
        harness.state().analysis().unwrap().documents[1].metadata.date.map(|d| d.iso()).as_deref(),
        Some("2020-01-01")
    );
    // A date is typed as text and read when committed: other separators are fine, a date that
    // is not one is refused with a message naming it, and the date in use stays.
    apply_and_wait(&mut harness, Command::SetDate { doc: 1, date: Some(" 2019/3 ".into()) }, "the typed date");
    let date = |harness: &Harness<'static, App>| harness.state().documents()[1].metadata.date.map(|d| d.iso());
    assert_eq!(date(&harness).as_deref(), Some("2019-03"));
    let generation = harness.state().generation();
    harness.state_mut().push(Command::SetDate { doc: 1, date: Some("2019-13-01".into()) });
    harness.step();
    harness.step();
    let message = harness.state().messages().last().expect("a message");
    assert_eq!(message.kind, MessageKind::Error);
    assert!(message.text.contains("2019-13-01"), "{}", message.text);
    assert_eq!(date(&harness).as_deref(), Some("2019-03"));
    assert_eq!(harness.state().generation(), generation, "nothing to re-analyse");

    apply_and_wait(&mut harness, Command::RemoveDocument(1), "the removal");
    let app = harness.state();
    assert_eq!(app.documents().len(), 4);
    assert!(app.documents().iter().all(|d| d.path != first));
    assert_eq!(app.analysis().unwrap().documents.len(), 4);
}

#[test]
fn pinning_a_section_moves_it_into_the_row_and_unpinning_returns_it() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let analysis = harness.state().analysis().unwrap().clone();
    let before = analysis.clone();
    let row = analysis
        .alignment
        .rows
        .iter()
        .find(|r| r.topic.is_some() && r.cells[0].is_some())
        .expect("a topic row with a Guangdong section");
    let key = row.topic.clone().unwrap();
    let current = row.cells[0].unwrap().section;
    let other = (0..analysis.documents[0].sections.len()).find(|&s| s != current).unwrap();

    apply_and_wait(
        &mut harness,
        Command::Override(AlignmentOverride::Pin { doc: 0, section: other, topic: key.clone() }),
        "the pin",
    );
    let analysis = harness.state().analysis().unwrap().clone();
    let row = analysis.alignment.rows.iter().find(|r| r.topic.as_deref() == Some(&key)).expect("the row stays");
    let cell = row.cells[0].expect("pinned cell");
    assert_eq!(cell.section, other);
    assert!(cell.pinned);

    // Unpinning the pinned cell returns the section to the row the analysis computed for it.
    apply_and_wait(&mut harness, Command::Override(AlignmentOverride::Unpin { doc: 0, section: other }), "the unpin");
    let analysis = harness.state().analysis().unwrap().clone();
    assert!(harness.state().overrides().is_empty());
    let placed = |a: &duizhao::analysis::Analysis| -> Vec<Option<usize>> {
        a.alignment.rows.iter().map(|r| r.cells[0].map(|c| c.section)).collect()
    };
    assert_eq!(placed(&analysis), placed(&before), "back to the computed alignment");

    // Unpinning a section the analysis placed takes it out of every row.
    apply_and_wait(
        &mut harness,
        Command::Override(AlignmentOverride::Unpin { doc: 0, section: current }),
        "the exclusion",
    );
    let analysis = harness.state().analysis().unwrap().clone();
    assert!(analysis.alignment.rows.iter().all(|r| r.cells[0].is_none_or(|c| c.section != current)));
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

/// Hover down the given column until a tooltip containing `needle` shows; the pointer position.
fn hover_until(harness: &mut Harness<'static, App>, x: f32, needle: &str) -> Option<egui::Pos2> {
    for y in (150..860).step_by(14) {
        let pointer = egui::pos2(x, y as f32);
        harness.hover_at(pointer);
        for _ in 0..3 {
            harness.step();
            if harness.query_by_label_contains(needle).is_some() {
                return Some(pointer);
            }
        }
    }
    None
}

#[test]
fn hovering_reused_text_names_its_provenance_in_both_directions_and_clicking_opens_it() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let app = harness.state();
    let guizhou = doc_index(app, "guizhou-2014");
    let guangdong = doc_index(app, "guangdong-2012");
    let names = duizhao::comparison::document_names(&app.analysis().unwrap().documents);
    // Mark reuse from every document, so Guangdong text shared with Guizhou is marked too.
    harness.state_mut().settings.marks.all_sources = true;
    harness.step();
    // Guangdong 2012 is the earlier document: Guizhou took the text from it, never the reverse.
    let taken_by = format!("被 {} 沿用", duizhao::comparison::numbered_name(&names, guizhou));
    let pointer = hover_until(&mut harness, 320.0, &taken_by).expect("Guangdong text shared with Guizhou");
    assert!(harness.query_by_label_contains("来源文件").is_none());
    // The tooltip names the section and similarity too.
    harness.get_by_label_contains("相似度");
    // The right column (Xianning 2014, later) took its text from Guangdong.
    let taken_from = format!("取自 {}", duizhao::comparison::numbered_name(&names, guangdong));
    hover_until(&mut harness, 1000.0, &taken_from).expect("Xianning text taken from Guangdong");
    // The English UI words it the same way.
    harness.state_mut().settings.language = duizhao::gui::i18n::Language::English;
    harness.step();
    let english = format!("Taken from {}", duizhao::comparison::numbered_name(&names, guangdong));
    hover_until(&mut harness, 1000.0, &english).expect("the English tooltip");
    harness.state_mut().settings.language = duizhao::gui::i18n::Language::Chinese;
    harness.step();

    harness.hover_at(pointer);
    harness.step();
    harness.step();
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
    assert_eq!(app.side.left, guangdong);
    assert_eq!(app.side.right, guizhou);
    // The jump target is outlined for a moment.
    assert!(app.flash.is_some());
    assert!(marks(app, Side::Right).iter().any(|m| m.kind == MarkKind::Current));
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
    // ↓ goes to the next match, Esc closes the find bar.
    harness.state_mut().side.find = "融资".into();
    harness.step();
    harness.key_press(egui::Key::ArrowDown);
    harness.step();
    harness.step();
    assert_eq!(harness.state().side.current_match, Some(1));
    harness.key_press(egui::Key::Escape);
    harness.step();
    assert!(!harness.state().side.find_open);
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
    assert_eq!(app.messages()[0].kind, MessageKind::Success, "{:?}", app.messages());
    assert!(app.messages()[0].text.contains("对照报告.html"));
    assert!(!app.export.open, "the dialog closes once the report is written");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("鼓励金融机构在风险可控的前提下"), "the financing clause is in the report");

    // Exporting again to the same file asks first; the file stays as it is until the user says yes.
    std::fs::write(&path, "旧报告").unwrap();
    harness.state_mut().push(Command::OpenExport);
    harness.step();
    harness.state_mut().export.form.path = path.display().to_string();
    harness.step();
    harness.get_by_label("导出").click();
    harness.step();
    harness.step();
    assert!(harness.state().export.confirm.is_some(), "the dialog asks before replacing");
    assert!(!harness.state().export.busy);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "旧报告");
    harness.get_by_label_contains("已存在");
    harness.get_by_label("覆盖").click();
    harness.step();
    wait_until(&mut harness, "the replaced report", |app| !app.export.busy && app.export.confirm.is_none());
    wait_until(&mut harness, "the report written", |app| !app.export.open);
    assert!(std::fs::read_to_string(&path).unwrap().contains("鼓励金融机构"));

    // Writing over an input document is refused, with a message naming it.
    let input = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus").join("qinghai-2016.txt");
    let mut harness = harness_with_files(vec![
        input.clone(),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/guangdong-2012.txt"),
    ]);
    wait_until(&mut harness, "two documents", side_ready);
    let before = std::fs::read(&input).unwrap();
    let target: PathBuf = harness.state().documents()[0].path.clone().into();
    harness.state_mut().push(Command::OpenExport);
    harness.state_mut().push(Command::Export(duizhao::gui::worker::ExportRequest {
        path: target,
        format: duizhao::report::ReportFormat::Html,
        documents: None,
        include_boilerplate: false,
        open_when_done: false,
    }));
    harness.step();
    wait_until(&mut harness, "the refusal", |app| !app.export.busy && !app.messages().is_empty());
    assert_eq!(harness.state().messages()[0].kind, MessageKind::Error);
    // The reason is in Chinese, and the dialog stays open showing it.
    assert!(harness.state().messages()[0].text.contains("输入文件"), "{:?}", harness.state().messages());
    assert!(harness.state().export.open);
    assert!(harness.state().export.error.is_some());
    assert_eq!(std::fs::read(&input).unwrap(), before, "the input document is untouched");
}

/// The app started on `files` (shared by the modules that drive the app).
pub(crate) fn harness_with_files(files: Vec<PathBuf>) -> Harness<'static, App> {
    harness(StartWith::Files(files))
}

/// File → Check against a folder…, with `folder` typed in, started and waited for.
pub(crate) fn run_folder_check(harness: &mut Harness<'static, App>, folder: &std::path::Path) {
    harness.get_by_label("文件").click();
    harness.step();
    harness.step();
    harness.get_by_label("对照文件夹检查…").click();
    harness.step();
    harness.step();
    assert!(harness.state().folder_check.open);
    harness.state_mut().folder_check.folder = folder.display().to_string();
    harness.step();
    harness.get_by_label("开始检查").click();
    harness.step();
    wait_until(harness, "the folder check", |app| {
        app.folder_check.running.is_none() && app.folder_check.result.is_some()
    });
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

    run_folder_check(&mut harness, folder.path());
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

#[test]
fn unpaired_sections_sit_opposite_an_empty_cell() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let app = harness.state();
    let analysis = app.analysis().unwrap().clone();
    let layout = app.side.layout.clone().expect("a pair is shown");
    // Two chunks share a row only when one alignment row has both their sections.
    for row in &layout.rows {
        if let (Some(l), Some(r)) = (row.left, row.right) {
            assert!(row.aligned);
            let (ls, rs) = (layout.left_chunks[l].section, layout.right_chunks[r].section);
            let paired = analysis.alignment.rows.iter().any(|a| {
                a.cells.get(layout.left).copied().flatten().map(|c| Some(c.section)) == Some(ls)
                    && a.cells.get(layout.right).copied().flatten().map(|c| Some(c.section)) == Some(rs)
            });
            assert!(paired || (layout.left_chunks.len() == 1 && layout.right_chunks.len() == 1), "{row:?}");
        }
    }
    let gap = layout.rows.iter().position(|r| r.is_gap()).expect("Guangdong and Xianning have unpaired sections");
    // Scroll the first gap into view: the empty cell says so.
    let side = if layout.rows[gap].left.is_some() { Side::Left } else { Side::Right };
    let span = layout.span(gap, side).unwrap();
    harness.state_mut().side.reveal = Some((layout.doc(side), span.start));
    harness.step();
    harness.step();
    assert!(harness.query_all_by_label("无对应章节").count() >= 1);
}

#[test]
fn the_topic_view_shows_a_document_without_the_topic_as_an_empty_cell() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let analysis = harness.state().analysis().unwrap().clone();
    // A row some documents have no section in.
    let row = analysis.alignment.rows.iter().position(|r| r.cells.iter().any(Option::is_none)).expect("a partial row");
    let missing = analysis.alignment.rows[row].cells.iter().filter(|c| c.is_none()).count();
    harness.state_mut().push(Command::ShowTopic(row));
    harness.step();
    wait_until(&mut harness, "the topic diffs", |app| app.topic_diffs().is_some());
    assert_eq!(harness.state().view, View::Topic);
    assert_eq!(harness.query_all_by_label("无对应章节").count(), missing);
    // A row every document has: no empty cell.
    if let Some(full) = analysis.alignment.rows.iter().position(|r| r.cells.iter().all(Option::is_some)) {
        harness.state_mut().push(Command::ShowTopic(full));
        harness.step();
        wait_until(&mut harness, "the topic diffs", |app| app.topic_diffs().is_some());
        assert_eq!(harness.query_all_by_label("无对应章节").count(), 0);
    }
}

#[test]
fn without_a_portal_open_files_shows_the_in_app_browser() {
    let mut harness = harness(StartWith::Nothing);
    harness.step();
    // The empty window offers the button, which works without a desktop portal.
    harness.state_mut().native_dialogs = false;
    harness.get_by_label("打开文件…").click();
    harness.step();
    harness.step();
    assert!(harness.state().file_browser_open(), "the in-app file browser is open");
    // The export dialog's 选择… falls back the same way.
    harness.state_mut().push(Command::PickFolder);
    harness.step();
    assert!(harness.state().file_browser_open());
}

#[test]
fn messages_stack_in_one_area_and_can_all_be_dismissed() {
    let mut harness = harness(StartWith::Nothing);
    harness.step();
    let dir = tempfile::tempdir().unwrap();
    let missing: Vec<PathBuf> = (0..8).map(|i| dir.path().join(format!("缺失-{i}.txt"))).collect();
    harness.state_mut().push(Command::OpenFiles(missing));
    harness.step();
    wait_until(&mut harness, "the errors", |app| !app.messages().is_empty() && !app.is_busy());
    assert!(harness.state().messages().len() <= duizhao::gui::app::MAX_MESSAGES);
    harness.get_by_label("全部关闭").click();
    harness.step();
    harness.step();
    assert!(harness.state().messages().is_empty());
}

#[test]
fn one_document_asks_for_another_instead_of_comparing_it_with_itself() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut harness = harness(StartWith::Files(vec![corpus.join("qinghai-2016.txt")]));
    wait_until(&mut harness, "one document", |app| app.is_ready() && app.documents().len() == 1);
    harness.get_by_label_contains("只加载了一份文件");
}

#[test]
fn the_reuse_list_keeps_its_room_in_a_small_window() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::new(Settings::default(), StartWith::Corpus));
    wait_until(&mut harness, "the corpus analysis", side_ready);
    harness.state_mut().push(Command::ShowView(View::Reuse));
    harness.step();
    harness.step();
    // Passage rows are on screen: their excerpts answer to the "open side by side" hover.
    let count =
        harness.query_all_by_label_contains("字").filter(|n| n.rect().min.y > 300.0 && n.rect().max.y < 680.0).count();
    assert!(count >= 5, "only {count} passage cells visible at 1000×700");
    // The copy-ratio rule is folded away, in the UI language only.
    harness.get_by_label("复用比的计算规则");
    assert!(harness.query_by_label_contains("Copy ratio =").is_none());
}

#[test]
fn the_app_and_the_reports_show_the_same_names_numbers_counts_and_marks() {
    use duizhao::report::view::{DiffMark as ReportMark, View as ReportView};
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let app = harness.state();
    let analysis = app.analysis().unwrap().clone();
    let report = ReportView::new(&analysis, &duizhao::report::ReportOptions::default());
    // Names and numbering: the report's names are the app's, numbered by position in both.
    let names = duizhao::comparison::document_names(&analysis.documents);
    assert_eq!(report.names, names);
    for (index, document) in analysis.documents.iter().enumerate() {
        assert_eq!(document.id, duizhao::comparison::document_number(index));
    }
    let left = app.side.left;
    harness.get_by_label(&duizhao::comparison::numbered_name(&names, left));
    // Counts: the status bar, the passage list and the report count the same passages.
    let listed = duizhao::gui::panels::reuse_overview::listed_passages(app, &analysis).len();
    assert_eq!(listed, report.passages.len());
    assert_eq!(report.counts.passages, listed);
    harness.get_by_label_contains(&format!("{} 处复用", report.counts.passages));
    // Marks: for the same diff, the report's runs and the app's marks cover the same chars with the
    // same kind (a replacement is "changed" on both sides in both).
    let toggles =
        duizhao::gui::settings::MarkToggles { inserted: true, deleted: true, changed: true, ..app.settings.marks };
    let mut compared = 0;
    for (b, block) in report.blocks.iter().enumerate().filter(|(_, b)| b.row.is_some()).take(12) {
        let diff = report.diff(block);
        let (report_left, report_right) = report.columns(b, &diff);
        for (side, runs, span) in
            [(Side::Left, report_left, block.left.span), (Side::Right, report_right, block.right.span)]
        {
            let from_report: Vec<(duizhao::text::Span, &str)> = runs
                .iter()
                .filter_map(|run| {
                    let kind = match run.mark {
                        ReportMark::Same => return None,
                        ReportMark::Inserted => "inserted",
                        ReportMark::Deleted => "deleted",
                        ReportMark::Changed => "changed",
                        ReportMark::Moved => "moved",
                    };
                    Some((run.span, kind))
                })
                .collect();
            let mut app_marks = Vec::new();
            duizhao::gui::compare::diff_marks(&diff, side, span, &toggles, &mut app_marks);
            let from_app: Vec<(duizhao::text::Span, &str)> = app_marks
                .into_iter()
                .filter_map(|m| {
                    let kind = match m.kind {
                        MarkKind::Inserted => "inserted",
                        MarkKind::Deleted => "deleted",
                        MarkKind::Changed => "changed",
                        MarkKind::Moved => "moved",
                        _ => return None,
                    };
                    Some((m.span, kind))
                })
                .collect();
            // The report cuts runs where reuse backgrounds change: compare covered chars per kind.
            let chars = |marks: &[(duizhao::text::Span, &str)]| {
                let mut out: Vec<(usize, String)> = marks
                    .iter()
                    .flat_map(|(s, k)| (s.start.max(span.start)..s.end.min(span.end)).map(move |c| (c, k.to_string())))
                    .collect();
                out.sort();
                out.dedup();
                out
            };
            let (r, a) = (chars(&from_report), chars(&from_app));
            assert_eq!(r, a, "block {} {side:?}", block.anchor);
            compared += usize::from(!r.is_empty());
        }
    }
    assert!(compared >= 4, "marks compared on {compared} sides");
}

#[test]
fn a_folder_hit_identical_to_a_loaded_document_opens_that_document_instead_of_a_copy() {
    // The folder holds a copy of Guangdong 2012, which is already loaded from the corpus.
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(corpus.join("guangdong-2012.txt"), folder.path().join("guangdong-2012.txt")).unwrap();
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    let ratios_before = harness.state().analysis().unwrap().reuse.pairs.clone();
    let (guangdong, xianning) =
        (doc_index(harness.state(), "guangdong-2012"), doc_index(harness.state(), "xianning-2014"));
    harness
        .state_mut()
        .push(Command::OpenFolderHit { draft: xianning, path: folder.path().join("guangdong-2012.txt") });
    harness.step();
    wait_until(&mut harness, "the hit", |app| !app.messages().is_empty() && app.is_ready() && !app.is_busy());
    wait_until(&mut harness, "the pair", side_ready);
    let app = harness.state();
    assert_eq!(app.documents().len(), 5, "no sixth document: {:?}", app.messages());
    assert_eq!(app.analysis().unwrap().reuse.pairs, ratios_before, "copy ratios unchanged");
    assert_eq!((app.side.left, app.side.right), (guangdong, xianning));
}

#[test]
fn levers_view_compares_against_the_chosen_base_and_jumps_to_the_text() {
    let mut harness = harness(StartWith::Corpus);
    wait_until(&mut harness, "the corpus analysis", side_ready);
    harness.get_by_label("政策对标").click();
    harness.step();
    harness.step();
    assert_eq!(harness.state().view, View::Levers);
    let guangdong = doc_index(harness.state(), "guangdong-2012");
    let guangzhou = doc_index(harness.state(), "guangzhou-2014");
    harness.state_mut().levers.base = guangdong;
    harness.step();
    harness.step();
    // The R&D deduction rates copied from Guangdong show in several documents, marked as the same.
    assert!(harness.query_all_by_label("150%").count() >= 3);
    assert!(harness.query_all_by_label("相同").count() >= 1);
    assert!(harness.query_all_by_label("高于基准").count() >= 1);
    assert!(harness.query_all_by_label("基准文件").count() >= 1);
    // The wording lines can be hidden and shown again.
    assert!(harness.query_all_by_label("措辞强度").count() >= 1);
    harness.get_by_label("隐藏措辞强度").click();
    harness.step();
    harness.step();
    assert!(harness.state().levers.hide_wording);
    assert_eq!(harness.query_all_by_label("措辞强度").count(), 0);
    harness.get_by_label("隐藏措辞强度").click();
    harness.step();
    harness.step();
    assert!(harness.query_all_by_label("措辞强度").count() >= 1);
    // Guangzhou's trade target in the first topic: a link to its place in the text.
    harness.get_by_label("4万亿元").click();
    harness.step();
    harness.step();
    let app = harness.state();
    assert_eq!(app.view, View::SideBySide);
    let (doc, span, _) = app.flash.expect("the jump target is outlined");
    assert_eq!(doc, guangzhou);
    assert_eq!(app.documents()[doc].slice(span), "4万亿元");
    assert!(app.side.left == guangdong || app.side.right == guangdong, "the base stays next to it");

    // Another base: the same cells are compared against Guangzhou now.
    harness.state_mut().levers.base = guangzhou;
    harness.state_mut().push(Command::ShowView(View::Levers));
    harness.step();
    harness.step();
    let app = harness.state();
    let tables = &app.levers.tables.as_ref().expect("tables computed").2;
    assert!(tables.iter().all(|t| t.base == guangzhou));
    assert!(harness.query_all_by_label_contains("（基准）").count() >= 1);
    assert!(harness.query_all_by_label("低于基准").count() + harness.query_all_by_label("删去").count() >= 1);
}

#[test]
fn compare_versions_shows_the_revision_table_filters_it_and_jumps_to_side_by_side() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/revision/invoice");
    let mut harness = harness(StartWith::Files(vec![data.join("old.md"), data.join("new.md")]));
    wait_until(&mut harness, "two versions", side_ready);
    // Two versions of one text are recognised on loading.
    assert!(harness.state().messages().iter().any(|m| m.text.contains("新旧版本")), "{:?}", harness.state().messages());
    // File → Compare versions… builds the table of the two versions.
    harness.get_by_label("文件").click();
    harness.step();
    harness.step();
    harness.get_by_label("新旧版本对照…").click();
    harness.step();
    harness.step();
    let app = harness.state();
    assert_eq!(app.view, View::Revision);
    let table = app.revision.table.clone().expect("a revision table");
    assert!(table.old_path.ends_with("old.md") && table.new_path.ends_with("new.md"), "the 2023 text is the revision");
    assert_eq!(table.rows_of(duizhao::revise::ChangeKind::Deleted).count(), 2);
    harness.get_by_label("删除 2");
    // Filter: hide 仅条序变化 rows; the checkbox state follows.
    harness
        .get_by_label(&format!("仅条序变化 {}", table.rows_of(duizhao::revise::ChangeKind::Renumbered).count()))
        .click();
    harness.step();
    assert!(!harness.state().revision.is_shown(duizhao::revise::ChangeKind::Renumbered));
    // Jump from the first row to the side-by-side view.
    harness.get_all_by_label("并排查看").next().expect("a jump button").click();
    harness.step();
    harness.step();
    let app = harness.state();
    assert_eq!(app.view, View::SideBySide);
    assert!(app.side.reveal.is_some() || app.flash.is_some(), "the row's text was revealed");
}
