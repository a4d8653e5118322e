//! Reuse at a glance: the document × document heat map of copy ratios, the provenance graph
//! (earlier → later, arrows as wide as the reused share), and the sortable list of reused passages,
//! each of which opens in the side-by-side view.

use egui::{Align2, FontId, Rect, Sense, Stroke, pos2, vec2};

use crate::analysis::Analysis;
use crate::reuse::{Direction, ReuseKind, ReusePassage};

use super::super::app::{App, PassageSort};
use super::super::commands::Command;
use super::super::i18n::{Text, Tr};
use super::super::theme::Palette;

const HEAT_CELL: f32 = 64.0;
const PASSAGE_ROW: f32 = 24.0;

/// Draw the reuse overview.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let tr = app.tr();
    let Some(analysis) = app.analysis().cloned() else { return };
    let palette = Palette::of(ui.ctx());
    let names = crate::comparison::document_names(&analysis.documents);
    // The passage list keeps at least this much of the view; the matrix and graph scroll above it.
    let list_height = LIST_MIN_HEIGHT.min(ui.available_height() * 0.6);
    let top_height = (ui.available_height() - list_height).max(PASSAGE_ROW * 3.0);
    egui::ScrollArea::vertical().id_salt("reuse-top").max_height(top_height).auto_shrink([false, true]).show(
        ui,
        |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.strong(tr.t(Text::HeatMapTitle));
                    ui.weak(tr.t(Text::HeatMapHint));
                    heat_map(app, ui, &analysis, &palette, &names);
                });
                // A separator here would stretch over the whole height of the view.
                ui.add_space(32.0);
                ui.vertical(|ui| {
                    ui.strong(tr.t(Text::GraphTitle));
                    ui.weak(tr.t(Text::GraphHint));
                    provenance_graph(ui, &analysis, &palette, &names);
                });
            });
            if let Some(rule) = rule_in(&analysis.reuse.rule, tr.language()) {
                egui::CollapsingHeader::new(tr.t(Text::RuleTitle)).id_salt("copy-ratio-rule").show(ui, |ui| {
                    ui.weak(rule);
                });
            }
        },
    );
    ui.separator();
    passage_list(app, ui, &analysis, &palette, &tr, &names);
}

/// Height the passage list keeps however small the window.
const LIST_MIN_HEIGHT: f32 = 300.0;

/// The copy-ratio rule in the UI language: the analysis words it in Chinese, then English, one
/// paragraph each.
pub fn rule_in(rule: &str, language: super::super::i18n::Language) -> Option<&str> {
    let rule = rule.trim();
    if rule.is_empty() {
        return None;
    }
    Some(match (rule.split_once('\n'), language) {
        (Some((zh, _)), super::super::i18n::Language::Chinese) => zh.trim(),
        (Some((_, en)), super::super::i18n::Language::English) => en.trim(),
        (None, _) => rule,
    })
}

/// Ratio of `row`'s chars reused from `column`, and whether `column` is the earlier document.
pub fn ratio(analysis: &Analysis, row: usize, column: usize) -> Option<(f32, Option<bool>)> {
    let pair = analysis.reuse.pairs.iter().find(|p| (p.a, p.b) == (row.min(column), row.max(column)))?;
    let value = if pair.a == row { pair.a_ratio } else { pair.b_ratio };
    let column_earlier = pair.direction.map(|d| match d {
        Direction::AToB => pair.a == column,
        Direction::BToA => pair.b == column,
    });
    Some((value, column_earlier))
}

fn heat_map(app: &mut App, ui: &mut egui::Ui, analysis: &Analysis, palette: &Palette, names: &[String]) {
    let n = analysis.documents.len();
    let label_width = 150.0;
    let (rect, _) =
        ui.allocate_exact_size(vec2(label_width + HEAT_CELL * n as f32, 28.0 + HEAT_CELL * n as f32), Sense::hover());
    let painter = ui.painter_at(rect);
    let font = FontId::proportional(12.0);
    for i in 0..n {
        let x = rect.min.x + label_width + HEAT_CELL * (i as f32 + 0.5);
        let number = crate::comparison::document_number(i);
        painter.text(pos2(x, rect.min.y + 12.0), Align2::CENTER_CENTER, &number, font.clone(), palette.document(i));
        let y = rect.min.y + 28.0 + HEAT_CELL * (i as f32 + 0.5);
        let label = crate::comparison::numbered_name(names, i);
        let label: String = label.chars().take(14).collect();
        painter.text(pos2(rect.min.x, y), Align2::LEFT_CENTER, label, font.clone(), palette.document(i));
    }
    for row in 0..n {
        for column in 0..n {
            let cell = Rect::from_min_size(
                pos2(rect.min.x + label_width + HEAT_CELL * column as f32, rect.min.y + 28.0 + HEAT_CELL * row as f32),
                vec2(HEAT_CELL - 2.0, HEAT_CELL - 2.0),
            );
            if row == column {
                painter.rect_filled(cell, 3.0, palette.empty_cell());
                continue;
            }
            let Some((value, column_earlier)) = ratio(analysis, row, column) else {
                painter.rect_filled(cell, 3.0, palette.empty_cell());
                continue;
            };
            painter.rect_filled(cell, 3.0, palette.heat(value));
            let arrow = match column_earlier {
                Some(true) => "←",
                Some(false) => "→",
                None => "↔",
            };
            painter.text(
                cell.center(),
                Align2::CENTER_CENTER,
                format!("{}\n{arrow}", crate::report::summary::percent_with(value, 0)),
                font.clone(),
                palette.heat_text(value),
            );
            let response = ui.interact(cell, egui::Id::unique(("duizhao-heat", row, column)), Sense::click());
            let tr = app.tr();
            let text = tr.fill(
                Text::HeatCellHint,
                &[
                    &crate::comparison::numbered_name(names, row),
                    &crate::report::summary::percent_with(value, 1),
                    &crate::comparison::numbered_name(names, column),
                ],
            );
            if response.on_hover_text(text).clicked() {
                app.push(Command::Compare { left: column, right: row });
            }
        }
    }
}

/// Where the provenance graph puts each document: in date order along x (undated last), on a convex
/// curve (the ends high, the middle low), so that no three nodes are collinear, no arrow
/// runs under another one, and every arrow lies above the curve: labels go on the free side, above
/// the two end nodes and below the others.
pub fn graph_positions(analysis: &Analysis, rect: Rect) -> Vec<egui::Pos2> {
    let n = analysis.documents.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| {
        let date = analysis.documents[i].metadata.date;
        (date.is_none(), date, i)
    });
    let mut positions = vec![rect.center(); n];
    let top = rect.min.y + GRAPH_LABEL_ROOM + NODE_RADIUS;
    let bottom = rect.max.y - GRAPH_LABEL_ROOM - NODE_RADIUS;
    let (centre, half_width) = (rect.center().x, (rect.width() - 2.0 * GRAPH_MARGIN_X) / 2.0);
    for (rank, &doc) in order.iter().enumerate() {
        // Equal steps along the lower half of an ellipse: the ends at the top, the middle at the
        // bottom, x still in date order; strictly convex, and evenly far from every chord.
        let angle =
            if n > 1 { std::f32::consts::PI * rank as f32 / (n - 1) as f32 } else { std::f32::consts::FRAC_PI_2 };
        positions[doc] = pos2(centre - half_width * angle.cos(), top + (bottom - top) * angle.sin());
    }
    positions
}

const NODE_RADIUS: f32 = 20.0;
const GRAPH_MARGIN_X: f32 = 60.0;
/// Room above the end nodes and below the others for their two-line labels.
const GRAPH_LABEL_ROOM: f32 = 34.0;
/// Height of the provenance graph.
const GRAPH_HEIGHT: f32 = 320.0;

fn provenance_graph(ui: &mut egui::Ui, analysis: &Analysis, palette: &Palette, names: &[String]) {
    let n = analysis.documents.len();
    let size = vec2((ui.available_width() - 10.0).clamp(360.0, 680.0), GRAPH_HEIGHT);
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    let positions = graph_positions(analysis, rect);
    // Node labels first: the figures on the edges are placed clear of them.
    let labels: Vec<(Rect, std::sync::Arc<egui::Galley>)> = positions
        .iter()
        .enumerate()
        .map(|(doc, position)| {
            let date = analysis.documents[doc].metadata.date.map_or_else(|| "?".to_owned(), |d| d.iso());
            let full = names.get(doc).map(String::as_str).unwrap_or("");
            let mut name: String = full.chars().take(12).collect();
            if full.chars().count() > 12 {
                name.pop();
                name.push('…');
            }
            let galley = painter.layout_no_wrap(format!("{name}\n{date}"), FontId::proportional(12.0), palette.text());
            // The end nodes are the highest: their labels go above them, every other label below
            // its node; both sides are outside the curve, where no arrow runs.
            let end =
                [rect.min.x + GRAPH_MARGIN_X, rect.max.x - GRAPH_MARGIN_X].iter().any(|x| (position.x - x).abs() < 1.0)
                    && n > 1;
            let (y, vertical) = if end {
                (position.y - NODE_RADIUS - 2.0, egui::Align::Max)
            } else {
                (position.y + NODE_RADIUS + 2.0, egui::Align::Min)
            };
            let (x, horizontal) = if position.x < rect.min.x + GRAPH_MARGIN_X + 1.0 {
                (position.x - NODE_RADIUS, egui::Align::Min)
            } else if position.x > rect.max.x - GRAPH_MARGIN_X - 1.0 {
                (position.x + NODE_RADIUS, egui::Align::Max)
            } else {
                (position.x, egui::Align::Center)
            };
            (Align2([horizontal, vertical]).anchor_size(pos2(x, y), galley.size()), galley)
        })
        .collect();
    let mut edges = Vec::new();
    for pair in &analysis.reuse.pairs {
        let (from, to, share) = match pair.direction {
            Some(Direction::AToB) => (pair.a, pair.b, pair.b_ratio),
            Some(Direction::BToA) => (pair.b, pair.a, pair.a_ratio),
            None => (pair.a, pair.b, pair.a_ratio.max(pair.b_ratio)),
        };
        if share < 0.005 {
            continue;
        }
        let (start, end) = (positions[from], positions[to]);
        let direction = (end - start).normalized();
        let width = 1.0 + share * 16.0;
        let colour = palette.document(from).gamma_multiply(0.8);
        let tip = end - direction * (NODE_RADIUS + 2.0);
        painter.line_segment([start + direction * (NODE_RADIUS + 2.0), tip], Stroke::new(width, colour));
        if pair.direction.is_some() {
            let normal = vec2(-direction.y, direction.x);
            let head = 8.0 + width;
            painter.add(egui::Shape::convex_polygon(
                vec![tip, tip - direction * head + normal * head * 0.6, tip - direction * head - normal * head * 0.6],
                colour,
                Stroke::NONE,
            ));
        }
        let galley = painter.layout_no_wrap(
            crate::report::summary::percent_with(share, 0),
            FontId::proportional(12.0),
            palette.text(),
        );
        edges.push((start, end, galley.size() + vec2(6.0, 2.0), galley, share));
    }
    // The figure of each edge, on a plate drawn over every arrow so crossing arrows cannot hide it,
    // the largest shares placed first.
    edges.sort_by(|x, y| y.4.total_cmp(&x.4));
    let obstacles: Vec<Rect> = labels
        .iter()
        .map(|(label, _)| *label)
        .chain(positions.iter().map(|p| Rect::from_center_size(*p, vec2(2.0, 2.0) * NODE_RADIUS)))
        .collect();
    let plates = place_plates(&edges.iter().map(|e| (e.0, e.1, e.2)).collect::<Vec<_>>(), &obstacles);
    for (plate, (_, _, _, galley, _)) in plates.into_iter().zip(edges) {
        painter.rect_filled(plate, 3.0, palette.plate());
        painter.galley(plate.min + vec2(3.0, 1.0), galley, palette.text());
    }
    for (doc, (position, (label, galley))) in positions.iter().zip(labels).enumerate() {
        painter.circle_filled(*position, NODE_RADIUS, palette.document(doc));
        painter.text(
            *position,
            Align2::CENTER_CENTER,
            crate::comparison::document_number(doc),
            FontId::proportional(14.0),
            palette.heat_text(1.0),
        );
        painter.galley(label.min, galley, palette.text());
    }
}

/// Where the figure of each edge `(start, end, plate size)` goes: at the first of a few points
/// along the edge, from 45% of the way out, where its plate keeps clear of the `obstacles` (nodes
/// and their labels) and of the plates placed before it; where none is clear (a narrow graph), at
/// the point that covers the least of them. A figure on a node's name was unreadable where short
/// edges meet near the bottom of the curve.
pub fn place_plates(edges: &[(egui::Pos2, egui::Pos2, egui::Vec2)], obstacles: &[Rect]) -> Vec<Rect> {
    const ALONG: [f32; 11] = [0.45, 0.4, 0.5, 0.35, 0.55, 0.3, 0.6, 0.25, 0.65, 0.2, 0.7];
    let mut placed: Vec<Rect> = Vec::with_capacity(edges.len());
    for &(start, end, size) in edges {
        let covered = |plate: &Rect| -> f32 {
            obstacles
                .iter()
                .chain(&placed)
                .map(|o| o.expand(2.0).intersect(*plate))
                .filter(|r| r.is_positive())
                .map(|r| r.area())
                .sum()
        };
        // The plate covering least so far, with the area it covers (ALONG is never empty).
        let mut best = (f32::INFINITY, Rect::NOTHING);
        for t in ALONG {
            let plate = Rect::from_center_size(start + (end - start) * t, size);
            let area = covered(&plate);
            if area < best.0 {
                best = (area, plate);
            }
            if area == 0.0 {
                break;
            }
        }
        placed.push(best.1);
    }
    placed
}

/// Indices of the passages listed under the current filters, in the current order.
pub fn listed_passages(app: &App, analysis: &Analysis) -> Vec<usize> {
    let state = &app.reuse_view;
    let mut list: Vec<usize> = analysis
        .reuse
        .passages
        .iter()
        .enumerate()
        .filter(|(_, p)| app.settings.marks.boilerplate || !p.boilerplate)
        .filter(|(_, p)| match p.kind {
            ReuseKind::Exact => !state.hide_exact,
            ReuseKind::Edited => !state.hide_edited,
        })
        .map(|(i, _)| i)
        .collect();
    let passages = &analysis.reuse.passages;
    let key = |p: &ReusePassage| (p.a.doc, p.b.doc, p.a.span.start);
    match state.sort {
        PassageSort::Length => list.sort_by(|&x, &y| passages[y].chars.cmp(&passages[x].chars).then(x.cmp(&y))),
        PassageSort::Similarity => {
            list.sort_by(|&x, &y| passages[y].similarity.total_cmp(&passages[x].similarity).then(x.cmp(&y)))
        }
        PassageSort::Documents => list.sort_by_key(|&i| (key(&passages[i]), i)),
        PassageSort::Kind => list.sort_by_key(|&i| (passages[i].kind, std::cmp::Reverse(passages[i].chars), i)),
    }
    list
}

fn passage_list(app: &mut App, ui: &mut egui::Ui, analysis: &Analysis, palette: &Palette, tr: &Tr, names: &[String]) {
    ui.horizontal(|ui| {
        ui.strong(tr.t(Text::PassagesTitle));
        let mut exact = !app.reuse_view.hide_exact;
        let mut edited = !app.reuse_view.hide_edited;
        ui.checkbox(&mut exact, tr.t(Text::KindExact));
        ui.checkbox(&mut edited, tr.t(Text::KindEdited));
        app.reuse_view.hide_exact = !exact;
        app.reuse_view.hide_edited = !edited;
        ui.checkbox(&mut app.settings.marks.boilerplate, tr.t(Text::MarkBoilerplate));
        ui.separator();
        ui.label(tr.t(Text::SortBy));
        let sort = &mut app.reuse_view.sort;
        ui.selectable_value(sort, PassageSort::Length, tr.t(Text::SortLength));
        ui.selectable_value(sort, PassageSort::Similarity, tr.t(Text::SortSimilarity));
        ui.selectable_value(sort, PassageSort::Kind, tr.t(Text::SortKind));
        ui.selectable_value(sort, PassageSort::Documents, tr.t(Text::SortDocuments));
    });
    let list = listed_passages(app, analysis);
    ui.weak(tr.fill(Text::PassageCount, &[&list.len().to_string()]));
    let mut open = None;
    egui::ScrollArea::vertical().id_salt("passages").auto_shrink(false).show_rows(
        ui,
        PASSAGE_ROW,
        list.len(),
        |ui, range| {
            for &index in &list[range] {
                let passage = &analysis.reuse.passages[index];
                ui.horizontal(|ui| {
                    ui.set_height(PASSAGE_ROW);
                    let kind = match passage.kind {
                        ReuseKind::Exact => tr.t(Text::KindExact),
                        ReuseKind::Edited => tr.t(Text::KindEdited),
                    };
                    ui.add_sized([44.0, PASSAGE_ROW], egui::Label::new(kind));
                    ui.add_sized(
                        [64.0, PASSAGE_ROW],
                        egui::Label::new(tr.fill(Text::CharsCount, &[&passage.chars.to_string()])),
                    );
                    ui.add_sized(
                        [48.0, PASSAGE_ROW],
                        egui::Label::new(crate::report::summary::percent_with(passage.similarity, 0)),
                    );
                    for side in [passage.a, passage.b] {
                        let document = &analysis.documents[side.doc];
                        let section = side
                            .section
                            .and_then(|s| document.sections.get(s))
                            .map(|s| format!("{}{}", s.number, s.title))
                            .unwrap_or_default();
                        let section: String = section.chars().take(12).collect();
                        let text =
                            egui::RichText::new(format!("{} {section}", crate::comparison::document_number(side.doc)))
                                .color(palette.document(side.doc));
                        ui.add_sized([180.0, PASSAGE_ROW], egui::Label::new(text).truncate())
                            .on_hover_text(crate::comparison::numbered_name(names, side.doc));
                    }
                    if passage.boilerplate {
                        ui.weak(tr.t(Text::MarkBoilerplate));
                    }
                    let excerpt: String =
                        analysis.documents[passage.a.doc].slice(passage.a.span).chars().take(40).collect();
                    if ui
                        .add(egui::Label::new(excerpt).truncate().sense(Sense::click()))
                        .on_hover_text(tr.t(Text::OpenPassageHint))
                        .clicked()
                    {
                        open = Some(*passage);
                    }
                });
            }
        },
    );
    if let Some(passage) = open {
        app.push(Command::Compare { left: passage.a.doc, right: passage.b.doc });
        app.push(Command::Reveal { doc: passage.a.doc, span: passage.a.span, other: Some(passage.b.doc) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance_to_segment(p: egui::Pos2, a: egui::Pos2, b: egui::Pos2) -> f32 {
        let ab = b - a;
        let t = ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0);
        (a + ab * t - p).length()
    }

    #[test]
    fn edge_figures_keep_clear_of_node_labels_and_of_each_other() {
        // A node's name lies where the figures of two edges would go at 45%: both move along their
        // edges, clear of it and of each other.
        let (a, c) = (pos2(0.0, 0.0), pos2(200.0, 0.0));
        let size = vec2(34.0, 16.0);
        let obstacles = [Rect::from_min_max(pos2(70.0, -10.0), pos2(110.0, 30.0))];
        let plates = place_plates(&[(a, c, size), (c, a, size)], &obstacles);
        for (i, plate) in plates.iter().enumerate() {
            for obstacle in &obstacles {
                assert!(!obstacle.intersects(*plate), "plate {i} {plate:?} on {obstacle:?}");
            }
            for (j, other) in plates.iter().enumerate() {
                assert!(i == j || !other.intersects(*plate), "plates {i} and {j} overlap");
            }
        }
        assert_eq!(plates[0].center(), pos2(50.0, 0.0), "the first clear point from 45% out");
        // Clear of everything, a figure stays at 45% of its edge.
        let free = place_plates(&[(a, c, size)], &[]);
        assert_eq!(free[0].center(), a + (c - a) * 0.45);
        // With no clear point, the one covering least of the obstacles.
        let wall = [Rect::from_min_max(pos2(0.0, -10.0), pos2(130.0, 10.0))];
        let squeezed = place_plates(&[(a, c, size)], &wall);
        assert_eq!(squeezed[0].center(), a + (c - a) * 0.7);
    }

    #[test]
    fn no_arrow_of_the_provenance_graph_runs_under_another_node() {
        // Up to seven documents keep every arrow clear of the other nodes at the narrowest width.
        for count in 2..=7 {
            let mut documents = crate::corpus::embedded_documents();
            while documents.len() < count {
                let mut extra = documents[documents.len() % 5].clone();
                extra.metadata.date = crate::model::PolicyDate::parse_iso(&format!("{}-01-01", 2017 + documents.len()));
                documents.push(extra);
            }
            documents.truncate(count);
            let analysis = Analysis { documents, ..Default::default() };
            let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(520.0, GRAPH_HEIGHT));
            let positions = graph_positions(&analysis, rect);
            for (i, &p) in positions.iter().enumerate() {
                assert!(rect.shrink(NODE_RADIUS - 1.0).contains(p), "{count} documents: node {i} at {p:?}");
                for (j, &a) in positions.iter().enumerate() {
                    for (k, &b) in positions.iter().enumerate() {
                        if i != j && i != k && j < k {
                            let d = distance_to_segment(p, a, b);
                            assert!(d > NODE_RADIUS, "{count} documents: edge {j}–{k} passes {d:.1} px from node {i}");
                        }
                    }
                }
            }
        }
    }
}
