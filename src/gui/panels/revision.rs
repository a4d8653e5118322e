//! The revision table (新旧条文对照表) view: two versions of one document, one row per article or
//! section with the old text, the new text with word marks, and the change; filters by change kind
//! and a jump from each row to the side-by-side view.

use std::sync::Arc;

use egui::text::LayoutJob;

use super::super::app::App;
use super::super::commands::{Command, View};
use super::super::i18n::Text;
use super::super::theme::Palette;
use crate::revise::{ChangeKind, Mark, Piece, Revision};

/// What the revision view shows.
#[derive(Clone, Debug)]
pub struct RevisionState {
    /// Document index of the old version.
    pub old: usize,
    /// Document index of the revised version.
    pub new: usize,
    /// The table, once built.
    pub table: Option<Arc<Revision>>,
    /// Which kinds are shown, in [`ChangeKind::ALL`] order.
    pub shown: [bool; 8],
    /// The table was built automatically once (two loaded documents that look like versions).
    pub auto_built: bool,
}

impl Default for RevisionState {
    fn default() -> Self {
        Self { old: 0, new: 1, table: None, shown: [true; 8], auto_built: false }
    }
}

impl RevisionState {
    /// Show a freshly built table of `old` → `new`.
    pub fn show(&mut self, old: usize, new: usize, table: Revision) {
        self.old = old;
        self.new = new;
        self.table = Some(Arc::new(table));
    }

    /// Whether rows of `kind` are shown.
    pub fn is_shown(&self, kind: ChangeKind) -> bool {
        ChangeKind::ALL.iter().position(|k| *k == kind).is_none_or(|i| self.shown[i])
    }
}

/// The pair "Compare versions…" starts with: the two documents of the side-by-side view, the one
/// with the later newest date (a revision carries its 修订 date) as the revised version, else in
/// load order.
pub fn default_pair(app: &App) -> (usize, usize) {
    let (a, b) = if app.side.left == app.side.right { (0, 1) } else { (app.side.left, app.side.right) };
    let (a, b) = (a.min(b), a.max(b));
    let newest = |d: usize| app.documents().get(d).and_then(|doc| doc.metadata.dates.iter().map(|e| e.date).max());
    match (newest(a), newest(b)) {
        (Some(x), Some(y)) if y < x => (b, a),
        _ => (a, b),
    }
}

/// Draw the view.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let tr = app.tr();
    let count = app.documents().len();
    if count < 2 {
        ui.label(tr.t(Text::RevisionNeedTwo));
        return;
    }
    let names: Vec<String> = app.documents().iter().map(|d| d.display_name().to_string()).collect();
    let (mut old, mut new) = (app.revision.old.min(count - 1), app.revision.new.min(count - 1));
    ui.horizontal(|ui| {
        ui.label(tr.t(Text::RevisionOld));
        pick(ui, "revision-old", &names, &mut old, tr.t(Text::RevisionOld));
        ui.label(tr.t(Text::RevisionNew));
        pick(ui, "revision-new", &names, &mut new, tr.t(Text::RevisionNew));
        if ui.add_enabled(old != new, egui::Button::new(tr.t(Text::RevisionBuild))).clicked() {
            app.push(Command::CompareVersions { old, new });
        }
    });
    app.revision.old = old;
    app.revision.new = new;
    let Some(table) = app.revision.table.clone() else {
        // Two versions of one document: build the table without being asked (once).
        let documents = app.documents();
        if !app.revision.auto_built
            && old != new
            && crate::revise::looks_like_versions(&documents[old], &documents[new])
        {
            app.revision.auto_built = true;
            let (old, new) = default_pair(app);
            app.push(Command::CompareVersions { old, new });
        }
        ui.weak(tr.t(Text::RevisionHint));
        return;
    };
    ui.strong(&table.summary.text);
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.t(Text::RevisionFilter));
        for (i, kind) in ChangeKind::ALL.into_iter().enumerate() {
            let n = table.rows_of(kind).count();
            if n > 0 {
                ui.checkbox(&mut app.revision.shown[i], format!("{} {n}", tr.kind(kind)));
            }
        }
    });
    ui.separator();
    let palette = Palette::of(ui.ctx());
    let text_width = ((ui.available_width() - NOTE_WIDTH - 140.0) / 2.0).max(160.0);
    let (old_doc, new_doc) = (app.revision.old, app.revision.new);
    let filter = app.revision.clone();
    egui::ScrollArea::vertical().id_salt("revision-scroll").auto_shrink(false).show(ui, |ui| {
        ui.horizontal_top(|ui| {
            fixed(ui, text_width, egui::Label::new(egui::RichText::new(tr.t(Text::RevisionColOld)).strong()));
            fixed(ui, text_width, egui::Label::new(egui::RichText::new(tr.t(Text::RevisionColNew)).strong()));
            fixed(ui, NOTE_WIDTH, egui::Label::new(egui::RichText::new(tr.t(Text::RevisionColNote)).strong()));
        });
        ui.separator();
        for row in table.rows.iter().filter(|r| filter.is_shown(r.kind)) {
            ui.horizontal_top(|ui| {
                fixed(ui, text_width, egui::Label::new(job(&row.old_text, text_width, &palette)).wrap());
                fixed(ui, text_width, egui::Label::new(job(&row.new_text, text_width, &palette)).wrap());
                fixed(ui, NOTE_WIDTH, egui::Label::new(crate::report::revision::explanation(row)).wrap());
                // Jump to the new text (or the old, for a deletion) beside the other version.
                let target = match (row.new.first(), row.old.first()) {
                    (Some(&j), _) => table.new_units.get(j).map(|u| (new_doc, u.span, old_doc)),
                    (None, Some(&i)) => table.old_units.get(i).map(|u| (old_doc, u.span, new_doc)),
                    _ => None,
                };
                if let Some((doc, span, other)) = target
                    && ui.small_button(tr.t(Text::RevisionJump)).clicked()
                {
                    app.push(Command::Reveal { doc, span, other: Some(other) });
                    app.push(Command::ShowView(View::SideBySide));
                }
            });
            ui.separator();
        }
    });
}

/// Width of the 修改说明 column.
const NOTE_WIDTH: f32 = 220.0;

/// A widget in a column of fixed width (grid columns otherwise shrink wrapped text to nothing).
fn fixed(ui: &mut egui::Ui, width: f32, widget: impl egui::Widget) {
    ui.allocate_ui(egui::vec2(width, 0.0), |ui| {
        ui.set_width(width);
        ui.add(widget);
    });
}

/// A document picker named `label` (its accessible name, as for screen readers).
fn pick(ui: &mut egui::Ui, id: &str, names: &[String], selected: &mut usize, label: &str) {
    egui::ComboBox::from_id_salt(id)
        .width(240.0)
        .selected_text(names[*selected].as_str())
        .show_ui(ui, |ui| {
            for (i, name) in names.iter().enumerate() {
                ui.selectable_value(selected, i, name.as_str());
            }
        })
        .response
        .on_hover_text(label);
}

/// A cell's text with the marks: deletions struck through, insertions underlined, in the theme's
/// colours.
fn job(pieces: &[Piece], width: f32, palette: &Palette) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    for piece in pieces {
        let mut format = egui::TextFormat { color: palette.text(), ..Default::default() };
        match piece.mark {
            Mark::Same => {}
            Mark::Deleted => {
                format.color = palette.deleted();
                format.strikethrough = egui::Stroke::new(1.0, palette.deleted());
            }
            Mark::Inserted => {
                format.color = palette.inserted();
                format.underline = egui::Stroke::new(1.0, palette.inserted());
            }
        }
        job.append(&piece.text, 0.0, format);
    }
    job
}
