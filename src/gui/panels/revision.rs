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
}

impl Default for RevisionState {
    fn default() -> Self {
        Self { old: 0, new: 1, table: None, shown: [true; 8] }
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

/// The pair "Compare versions…" starts with: the two documents of the side-by-side view, the
/// older one (by date) as the old version.
pub fn default_pair(app: &App) -> (usize, usize) {
    let (a, b) = if app.side.left != app.side.right { (app.side.left, app.side.right) } else { (0, 1) };
    let date = |d: usize| app.documents().get(d).and_then(|doc| doc.metadata.policy_date());
    match (date(a), date(b)) {
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
        pick(ui, "revision-old", &names, &mut old);
        ui.label(tr.t(Text::RevisionNew));
        pick(ui, "revision-new", &names, &mut new);
        if ui.add_enabled(old != new, egui::Button::new(tr.t(Text::RevisionBuild))).clicked() {
            app.push(Command::CompareVersions { old, new });
        }
    });
    app.revision.old = old;
    app.revision.new = new;
    let Some(table) = app.revision.table.clone() else {
        ui.weak(tr.t(Text::RevisionHint));
        return;
    };
    ui.strong(&table.summary.text);
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.t(Text::RevisionFilter));
        for (i, kind) in ChangeKind::ALL.into_iter().enumerate() {
            let n = table.rows_of(kind).count();
            if n > 0 {
                ui.checkbox(&mut app.revision.shown[i], format!("{} {n}", kind.chinese()));
            }
        }
    });
    ui.separator();
    let palette = Palette::of(ui.ctx());
    let text_width = ((ui.available_width() - 260.0) / 2.0).max(160.0);
    let (old_doc, new_doc) = (app.revision.old, app.revision.new);
    let filter = app.revision.clone();
    egui::ScrollArea::vertical().id_salt("revision-scroll").auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("revision-grid").striped(true).num_columns(4).spacing([12.0, 8.0]).show(ui, |ui| {
            ui.strong(tr.t(Text::RevisionColOld));
            ui.strong(tr.t(Text::RevisionColNew));
            ui.strong(tr.t(Text::RevisionColNote));
            ui.label("");
            ui.end_row();
            for row in table.rows.iter().filter(|r| filter.is_shown(r.kind)) {
                ui.add(egui::Label::new(job(&row.old_text, text_width, &palette)).wrap());
                ui.add(egui::Label::new(job(&row.new_text, text_width, &palette)).wrap());
                ui.add(egui::Label::new(crate::report::revision::explanation(row)).wrap());
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
                ui.end_row();
            }
        });
    });
}

fn pick(ui: &mut egui::Ui, id: &str, names: &[String], selected: &mut usize) {
    egui::ComboBox::from_id_salt(id).width(240.0).selected_text(names[*selected].as_str()).show_ui(ui, |ui| {
        for (i, name) in names.iter().enumerate() {
            ui.selectable_value(selected, i, name.as_str());
        }
    });
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
