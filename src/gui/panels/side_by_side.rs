//! Two documents side by side: sections paired by the alignment in one scroll area (so both sides
//! scroll together), word-diff and reuse marks, hover and click on reused text, change navigation
//! and find. Only the rows in view are laid out and painted; laid-out rows are cached.

use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Sense, Stroke, pos2, vec2};

use crate::analysis::Analysis;
use crate::diff::WordDiff;
use crate::reuse::ReuseKind;
use crate::text::Span;

use super::super::app::App;
use super::super::commands::Command;
use super::super::compare::{self, Change, Mark, MarkKind, PairLayout, Side};
use super::super::i18n::{Text, Tr};
use super::super::settings::MarkToggles;
use super::super::theme::Palette;
use super::super::widgets::marked_text::TextRef;

const GUTTER: f32 = 14.0;
const ROW_GAP: f32 = 14.0;
/// Height of the empty cell opposite a section the alignment left unpaired.
const GAP_HEIGHT: f32 = 22.0;
/// Room kept for the vertical scroll bar.
const SCROLLBAR: f32 = 14.0;

/// Everything needed to compute the marks of any row, gathered once per frame.
pub struct MarkContext {
    /// The analysis shown.
    pub analysis: Arc<Analysis>,
    /// The pairing shown.
    pub layout: Arc<PairLayout>,
    diffs: Option<Arc<Vec<WordDiff>>>,
    /// Diff index of each row (aligned rows only).
    row_diff: Vec<Option<usize>>,
    /// The change the user navigated to.
    pub current: Option<Change>,
    toggles: MarkToggles,
    find: String,
    /// The jump target outlined for a moment: (document, span).
    flash: Option<(usize, Span)>,
}

impl MarkContext {
    /// The context for the app's current side-by-side state, if a pair is shown.
    pub fn new(app: &App) -> Option<MarkContext> {
        let analysis = app.analysis()?.clone();
        let layout = app.side.layout.clone()?;
        let diffs = app.side_diffs();
        let mut next = 0;
        let row_diff = layout
            .rows
            .iter()
            .map(|row| {
                (row.aligned && row.left.is_some() && row.right.is_some()).then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        let current = app.side.current_change.and_then(|i| app.side_changes().get(i).copied());
        let find = if app.side.find_open { app.side.find.clone() } else { String::new() };
        let flash = app.flash.filter(|(_, _, at)| at.elapsed() < super::super::app::FLASH).map(|(d, s, _)| (d, s));
        Some(MarkContext { analysis, layout, diffs, row_diff, current, toggles: app.settings.marks, find, flash })
    }

    /// The diff of an aligned row, once computed.
    pub fn row_diff(&self, row: usize) -> Option<&WordDiff> {
        let index = (*self.row_diff.get(row)?)?;
        self.diffs.as_ref()?.get(index)
    }

    /// The marks on one side of one row (absolute char offsets of that side's document).
    pub fn marks(&self, row: usize, side: Side) -> Vec<Mark> {
        let Some(span) = self.layout.span(row, side) else { return Vec::new() };
        let doc = self.layout.doc(side);
        let partner = self.layout.doc(match side {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        });
        let mut marks = Vec::new();
        if let Some(diff) = self.row_diff(row) {
            compare::diff_marks(diff, side, span, &self.toggles, &mut marks);
        }
        compare::reuse_marks(&self.analysis, doc, Some(partner), span, &self.toggles, &mut marks);
        if !self.find.is_empty() {
            let mut found = Vec::new();
            compare::find_matches(&self.analysis.documents[doc], span, &self.find, &mut found);
            marks.extend(found.into_iter().map(|span| Mark { span, kind: MarkKind::Found }));
        }
        if let Some(current) = self.current.filter(|c| c.row == row) {
            let own = match side {
                Side::Left => current.left,
                Side::Right => current.right,
            };
            if !own.is_empty() {
                marks.push(Mark { span: own, kind: MarkKind::Current });
            }
        }
        if let Some((flash_doc, flash)) = self.flash
            && flash_doc == doc
            && flash.overlap(span) > 0
        {
            let own = Span::new(flash.start.max(span.start), flash.end.min(span.end));
            marks.push(Mark { span: own, kind: MarkKind::Current });
        }
        marks
    }
}

/// Every find match of the current pair, in reading order (row by row, left before right).
pub fn find_all(app: &App) -> Vec<(usize, Span)> {
    let (Some(analysis), Some(layout)) = (app.analysis(), app.side.layout.as_ref()) else { return Vec::new() };
    let mut out = Vec::new();
    for row in 0..layout.rows.len() {
        for side in [Side::Left, Side::Right] {
            if let Some(span) = layout.span(row, side) {
                let doc = layout.doc(side);
                let mut found = Vec::new();
                compare::find_matches(&analysis.documents[doc], span, &app.side.find, &mut found);
                out.extend(found.into_iter().map(|s| (doc, s)));
            }
        }
    }
    out
}

/// Draw the side-by-side view.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let tr = app.tr();
    toolbar(app, ui, &tr);
    if app.side.find_open {
        find_bar(app, ui, &tr);
    }
    legend(app, ui, &tr);
    ui.separator();
    if app.documents().len() < 2 {
        ui.label(tr.t(Text::OneDocumentHint));
        if ui.button(tr.t(Text::AddFiles)).clicked() {
            app.push(Command::PickFiles);
        }
        return;
    }
    let Some(context) = MarkContext::new(app) else {
        ui.label(tr.t(Text::NeedTwoDocuments));
        return;
    };
    if app.side_diffs().is_none() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak(tr.t(Text::ComputingDiffs));
        });
    }
    columns(app, ui, &context, &tr);
}

fn document_picker(app: &App, ui: &mut egui::Ui, id: &str, current: usize, name_text: &str) -> Option<usize> {
    let analysis = app.analysis()?;
    let palette = Palette::of(ui.ctx());
    let mut chosen = None;
    let names = crate::comparison::document_names(&analysis.documents);
    let name = |i: usize| crate::comparison::numbered_name(&names, i);
    egui::ComboBox::from_id_salt(id)
        .width(300.0)
        .selected_text(name(current))
        .show_ui(ui, |ui| {
            for i in 0..analysis.documents.len() {
                let text = egui::RichText::new(name(i)).color(palette.document(i));
                if ui.selectable_label(i == current, text).clicked() {
                    chosen = Some(i);
                }
            }
        })
        .response
        .on_hover_text(name_text);
    chosen
}

fn toolbar(app: &mut App, ui: &mut egui::Ui, tr: &Tr) {
    let (left, right) = (app.side.left, app.side.right);
    ui.horizontal_wrapped(|ui| {
        if let Some(l) = document_picker(app, ui, "left-doc", left, tr.t(Text::LeftDocument)) {
            app.push(Command::Compare { left: l, right });
        }
        if ui.button("⇄").on_hover_text(tr.t(Text::Swap)).clicked() {
            app.push(Command::Compare { left: right, right: left });
        }
        if let Some(r) = document_picker(app, ui, "right-doc", right, tr.t(Text::RightDocument)) {
            app.push(Command::Compare { left, right: r });
        }
        ui.separator();
        let before = app.settings.marks;
        let marks = &mut app.settings.marks;
        ui.checkbox(&mut marks.inserted, tr.t(Text::MarkInserted));
        ui.checkbox(&mut marks.deleted, tr.t(Text::MarkDeleted));
        ui.checkbox(&mut marks.changed, tr.t(Text::MarkChanged));
        ui.checkbox(&mut marks.reuse, tr.t(Text::MarkReuse));
        ui.add_enabled(marks.reuse, egui::Checkbox::new(&mut marks.all_sources, tr.t(Text::MarkAllSources)));
        ui.add_enabled(marks.reuse, egui::Checkbox::new(&mut marks.boilerplate, tr.t(Text::MarkBoilerplate)));
        if app.settings.marks != before {
            app.side.current_change = None;
        }
        ui.separator();
        let count = app.side_changes().len();
        if ui.button("↑").on_hover_text(tr.t(Text::PreviousChange)).clicked() {
            app.push(Command::PreviousChange);
        }
        if ui.button("↓").on_hover_text(tr.t(Text::NextChange)).clicked() {
            app.push(Command::NextChange);
        }
        let position = app.side.current_change.map(|i| (i + 1).to_string()).unwrap_or_else(|| "–".to_owned());
        ui.label(tr.fill(Text::ChangeCounter, &[&position, &count.to_string()]));
        if ui.selectable_label(app.side.find_open, tr.t(Text::Find)).clicked() {
            app.side.find_open = !app.side.find_open;
            app.side.focus_find = app.side.find_open;
        }
    });
}

fn find_bar(app: &mut App, ui: &mut egui::Ui, tr: &Tr) {
    ui.horizontal(|ui| {
        ui.label(tr.t(Text::Find));
        let response = ui.add(
            egui::TextEdit::singleline(&mut app.side.find)
                .id_salt("find-box")
                .desired_width(240.0)
                .hint_text(tr.t(Text::FindHint)),
        );
        if app.side.focus_find {
            response.request_focus();
            app.side.focus_find = false;
        }
        if response.changed() {
            app.side.current_match = None;
        }
        if response.has_focus() || response.lost_focus() {
            let (escape, up, down) = ui.input_mut(|i| {
                (
                    i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
                    i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                    i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                )
            });
            if escape {
                app.side.find_open = false;
            }
            if up {
                app.push(Command::PreviousMatch);
            }
            if down {
                app.push(Command::NextMatch);
            }
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter {
            let shift = ui.input(|i| i.modifiers.shift);
            app.push(if shift { Command::PreviousMatch } else { Command::NextMatch });
            response.request_focus();
        }
        if ui.small_button("↑").clicked() {
            app.push(Command::PreviousMatch);
        }
        if ui.small_button("↓").clicked() {
            app.push(Command::NextMatch);
        }
        let total = if app.side.find.is_empty() { 0 } else { find_all(app).len() };
        let position = app.side.current_match.map(|i| (i + 1).to_string()).unwrap_or_else(|| "–".to_owned());
        ui.label(tr.fill(Text::MatchCounter, &[&position, &total.to_string()]));
        if ui.small_button("×").clicked() {
            app.side.find_open = false;
        }
    });
}

fn legend(app: &App, ui: &mut egui::Ui, tr: &Tr) {
    let Some(analysis) = app.analysis() else { return };
    let palette = Palette::of(ui.ctx());
    ui.horizontal_wrapped(|ui| {
        ui.weak(tr.t(Text::Legend));
        let swatch = |ui: &mut egui::Ui, fill: Color32, text: &str, color: Color32| {
            let label = egui::RichText::new(format!(" {text} ")).background_color(fill).color(color);
            ui.label(label);
        };
        let marks = &app.settings.marks;
        if marks.reuse {
            let (left, right) = (app.side.left, app.side.right);
            let names = crate::comparison::document_names(&analysis.documents);
            for i in 0..analysis.documents.len() {
                if marks.all_sources || i == left || i == right {
                    let text = tr.fill(Text::SharedWith, &[&crate::comparison::numbered_name(&names, i)]);
                    swatch(ui, palette.reuse_background(i), &text, palette.text());
                }
            }
        }
        swatch(ui, Color32::TRANSPARENT, tr.t(Text::MarkInserted), palette.inserted());
        swatch(ui, Color32::TRANSPARENT, tr.t(Text::MarkDeleted), palette.deleted());
        swatch(ui, Color32::TRANSPARENT, tr.t(Text::MarkChanged), palette.changed());
    });
}

fn columns(app: &mut App, ui: &mut egui::Ui, context: &MarkContext, tr: &Tr) {
    let ctx = ui.ctx().clone();
    let palette = Palette::of(&ctx);
    let layout = &context.layout;
    let analysis = &context.analysis;
    let generation = app.generation();
    let column_width = ((ui.available_width() - SCROLLBAR - 3.0 * GUTTER) / 2.0).max(120.0);
    let names = crate::comparison::document_names(&analysis.documents);

    // Column headers.
    ui.horizontal(|ui| {
        ui.add_space(GUTTER);
        for index in [layout.left, layout.right] {
            ui.allocate_ui(vec2(column_width + GUTTER, 20.0), |ui| {
                ui.set_width(column_width + GUTTER);
                let text = crate::comparison::numbered_name(&names, index);
                ui.add(egui::Label::new(egui::RichText::new(text).strong().color(palette.document(index))).truncate());
            });
        }
    });

    // Row positions from plain layout heights (cached per width).
    let mut tops = Vec::with_capacity(layout.rows.len() + 1);
    let mut y = 0.0;
    for row in 0..layout.rows.len() {
        tops.push(y);
        let mut height: f32 = 0.0;
        for side in [Side::Left, Side::Right] {
            if let Some(span) = layout.span(row, side) {
                let index = layout.doc(side);
                let doc = &analysis.documents[index];
                let text = TextRef { generation, index, doc, span };
                height = height.max(app.galleys.height(&ctx, text, &palette, column_width));
            } else {
                height = height.max(GAP_HEIGHT);
            }
        }
        y += height + ROW_GAP;
    }
    tops.push(y);
    let total_height = y;

    // Scroll to a revealed position (a change, a find match, a passage, an alignment row).
    let mut scroll_target = app.side.scroll_to.take();
    if let Some((doc, offset)) = app.side.reveal.take()
        && let Some(row) = layout.row_of(doc, offset)
    {
        let side = if doc == layout.left { Side::Left } else { Side::Right };
        let mut within = 0.0;
        if let Some(span) = layout.span(row, side) {
            let marks = context.marks(row, side);
            let text = TextRef { generation, index: doc, doc: &analysis.documents[doc], span };
            let galley = app.galleys.galley(&ctx, text, &marks, &palette, column_width);
            let cursor = egui::text::CCursor::new(offset.saturating_sub(span.start));
            within = galley.pos_from_cursor(cursor).min.y;
        }
        scroll_target = Some((tops[row] + within - 60.0).max(0.0));
    }

    let mut area = egui::ScrollArea::vertical().id_salt("side-by-side").auto_shrink(false);
    if let Some(target) = scroll_target {
        area = area.vertical_scroll_offset(target);
    }
    let mut clicked: Option<Command> = None;
    let mut pinned = app.pinned_tooltip;
    area.show_viewport(ui, |ui, viewport| {
        ui.set_min_height(total_height);
        ui.set_min_width(ui.available_width());
        let origin = ui.max_rect().min;
        let painter = ui.painter().clone();
        let first = tops.partition_point(|&top| top < viewport.min.y).saturating_sub(1);
        for row in first..layout.rows.len() {
            let top = tops[row];
            if top > viewport.max.y {
                break;
            }
            let row_height = tops[row + 1] - top - ROW_GAP;
            let separator_y = origin.y + top + row_height + ROW_GAP / 2.0;
            painter.hline(
                origin.x..=origin.x + 2.0 * column_width + 3.0 * GUTTER,
                separator_y,
                Stroke::new(1.0, palette.separator()),
            );
            if layout.rows[row].aligned {
                let bar = Rect::from_min_size(pos2(origin.x + 2.0, origin.y + top), vec2(4.0, row_height.max(4.0)));
                painter.rect_filled(bar, 2.0, palette.aligned_marker());
            }
            for side in [Side::Left, Side::Right] {
                let x = match side {
                    Side::Left => origin.x + GUTTER,
                    Side::Right => origin.x + 2.0 * GUTTER + column_width,
                };
                let Some(span) = layout.span(row, side) else {
                    // An explicit empty cell: this row's other section has no counterpart here.
                    let rect = Rect::from_min_size(pos2(x, origin.y + top), vec2(column_width, GAP_HEIGHT));
                    painter.rect_stroke(rect, 3.0, Stroke::new(1.0, palette.separator()), egui::StrokeKind::Inside);
                    ui.put(
                        rect,
                        egui::Label::new(egui::RichText::new(tr.t(Text::GapCell)).italics().color(palette.weak_text())),
                    );
                    continue;
                };
                let index = layout.doc(side);
                let doc = &analysis.documents[index];
                let marks = context.marks(row, side);
                let text = TextRef { generation, index, doc, span };
                let galley = app.galleys.galley(&ctx, text, &marks, &palette, column_width);
                let rect = Rect::from_min_size(pos2(x, origin.y + top), galley.size());
                painter.galley(rect.min, galley.clone(), palette.text());
                if pinned == Some(side)
                    && top >= viewport.min.y
                    && let Some(mark) = marks.iter().find(|m| matches!(m.kind, MarkKind::Reused { .. }))
                    && let Some(passage) = compare::passage_at(
                        analysis,
                        index,
                        Some(layout.doc(side.other())),
                        mark.span.start.max(span.start),
                        &app.settings.marks,
                    )
                {
                    let cursor = egui::text::CCursor::new(mark.span.start.max(span.start) - span.start);
                    let at = rect.min + galley.pos_from_cursor(cursor).center().to_vec2();
                    let lines = tooltip_lines(analysis, index, passage, tr);
                    pinned_tooltip(&ctx, at, &lines);
                    pinned = None;
                }
                let response =
                    ui.interact(rect, egui::Id::unique(("duizhao-text", row, side == Side::Left)), Sense::click());
                if let Some(pointer) = response.hover_pos()
                    && let Some(command) =
                        hover_reuse(app, &response, &galley, rect.min, pointer, index, span, layout, side, tr)
                {
                    clicked = Some(command);
                }
            }
        }
    });
    if let Some(command) = clicked {
        app.push(command);
    }
}

#[allow(clippy::too_many_arguments)]
fn hover_reuse(
    app: &App,
    response: &egui::Response,
    galley: &egui::Galley,
    origin: Pos2,
    pointer: Pos2,
    doc: usize,
    span: Span,
    layout: &PairLayout,
    side: Side,
    tr: &Tr,
) -> Option<Command> {
    let analysis = app.analysis()?;
    let cursor = galley.cursor_from_pos(pointer - origin);
    let offset = span.start + cursor.index.0.min(span.len().saturating_sub(1));
    let partner = layout.doc(match side {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    });
    let index = compare::passage_at(analysis, doc, Some(partner), offset, &app.settings.marks)?;
    let passage = analysis.reuse.passages[index];
    let other = if passage.a.doc == doc { passage.b } else { passage.a };
    response.ctx.set_cursor_icon(egui::CursorIcon::PointingHand);
    let lines = tooltip_lines(analysis, doc, index, tr);
    response.clone().on_hover_ui_at_pointer(|ui| {
        for line in &lines {
            ui.label(line);
        }
    });
    response.clicked().then_some(Command::Reveal { doc: other.doc, span: other.span, other: Some(doc) })
}

/// What the tooltip of reused text in `doc` says: where it came from (取自 … / 被 … 沿用 / 与 … 相同),
/// the other document's section, similarity and length.
pub fn tooltip_lines(analysis: &Analysis, doc: usize, index: usize, tr: &Tr) -> Vec<String> {
    let passage = analysis.reuse.passages[index];
    let other = if passage.a.doc == doc { passage.b } else { passage.a };
    let other_doc = &analysis.documents[other.doc];
    let names = crate::comparison::document_names(&analysis.documents);
    let provenance = crate::comparison::provenance(&analysis.reuse.pairs, doc, other.doc);
    let section = other
        .section
        .and_then(|s| other_doc.sections.get(s))
        .map(|s| format!("{}{}", s.number, s.title))
        .unwrap_or_else(|| "—".to_owned());
    let kind = match passage.kind {
        ReuseKind::Exact => tr.t(Text::KindExact),
        ReuseKind::Edited => tr.t(Text::KindEdited),
    };
    vec![
        tr.provenance(provenance, passage.kind, &crate::comparison::numbered_name(&names, other.doc)),
        tr.fill(Text::TooltipSection, &[&section]),
        tr.fill(
            Text::TooltipSimilarity,
            &[&crate::report::summary::percent_with(passage.similarity, 0), kind, &passage.chars.to_string()],
        ),
        tr.t(Text::TooltipClick).to_owned(),
    ]
}

/// Draw the tooltip of reused text at `at` without a pointer (screenshots): the hover tooltip's
/// lines in a frame on the tooltip layer.
fn pinned_tooltip(ctx: &egui::Context, at: Pos2, lines: &[String]) {
    let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Tooltip, egui::Id::unique("pinned-reuse-tooltip")));
    let visuals = ctx.global_style().visuals.clone();
    let font = egui::TextStyle::Body.resolve(&ctx.global_style());
    let galleys: Vec<_> =
        lines.iter().map(|line| painter.layout_no_wrap(line.clone(), font.clone(), visuals.text_color())).collect();
    let width = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max);
    let height: f32 = galleys.iter().map(|g| g.size().y + 2.0).sum();
    let screen = ctx.content_rect();
    let mut min = at + vec2(8.0, 14.0);
    min.x = min.x.min(screen.max.x - width - 20.0);
    let frame = Rect::from_min_size(min, vec2(width + 16.0, height + 12.0));
    painter.rect(frame, 4.0, visuals.window_fill, visuals.window_stroke, egui::StrokeKind::Inside);
    let mut y = frame.min.y + 6.0;
    for galley in galleys {
        let h = galley.size().y;
        painter.galley(pos2(frame.min.x + 8.0, y), galley, visuals.text_color());
        y += h + 2.0;
    }
}
