//! Document text laid out with its marks (reuse backgrounds, diff underlines, find matches), and a
//! cache of the laid-out galleys so scrolling does not lay the same text out again.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Galley, Stroke};

use crate::model::Document;
use crate::text::Span;

use super::super::compare::{Mark, MarkKind};
use super::super::theme::Palette;

/// Body text size in points.
pub const BODY_SIZE: f32 = 15.0;

/// Galleys kept before the cache is flushed (a long document at a few widths fits easily).
const CACHE_LIMIT: usize = 4096;

/// Build the layout job for `span` of `doc` with `marks` (absolute offsets) drawn on it.
pub fn layout_job(doc: &Document, span: Span, marks: &[Mark], palette: &Palette, wrap_width: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width.max(40.0);
    // Justified CJK spreads the glyphs of short last lines across the column; keep them together.
    job.justify = false;
    let mut cuts: Vec<usize> = vec![span.start, span.end];
    for mark in marks {
        cuts.push(mark.span.start.clamp(span.start, span.end));
        cuts.push(mark.span.end.clamp(span.start, span.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let font = FontId::proportional(BODY_SIZE);
    for window in cuts.windows(2) {
        let piece = Span::new(window[0], window[1]);
        if piece.is_empty() {
            continue;
        }
        let mut format = TextFormat { font_id: font.clone(), color: palette.text(), ..Default::default() };
        let mut background_rank = 0;
        for mark in marks.iter().filter(|m| m.span.start <= piece.start && piece.end <= m.span.end) {
            let (background, rank) = match mark.kind {
                MarkKind::Found => (Some(palette.find_background()), 4),
                MarkKind::Current => (Some(palette.current_background()), 3),
                MarkKind::Reused { source } => (Some(palette.reuse_background(source)), 2),
                MarkKind::Boilerplate => (Some(palette.boilerplate_background()), 1),
                MarkKind::Inserted => {
                    format.color = palette.inserted();
                    format.underline = Stroke::new(1.5, palette.inserted());
                    (None, 0)
                }
                MarkKind::Deleted => {
                    format.color = palette.deleted();
                    format.strikethrough = Stroke::new(1.2, palette.deleted());
                    (None, 0)
                }
                MarkKind::Changed => {
                    format.color = palette.changed();
                    format.underline = Stroke::new(1.5, palette.changed());
                    (None, 0)
                }
                MarkKind::Moved => {
                    format.color = palette.moved();
                    format.underline = Stroke::new(1.0, palette.moved());
                    (None, 0)
                }
            };
            if let Some(background) = background
                && rank > background_rank
            {
                format.background = background;
                background_rank = rank;
            }
        }
        let decorated = format.background != egui::Color32::TRANSPARENT
            || format.underline != Stroke::NONE
            || format.strikethrough != Stroke::NONE;
        if decorated {
            // Blank space carries no background, underline or strike-through: a marked line end or
            // indentation would show as an empty box or a stray line after the text.
            for (blank, text) in crate::report::view::whitespace_pieces(doc.slice(piece)) {
                let mut format = format.clone();
                if blank {
                    format.background = egui::Color32::TRANSPARENT;
                    format.underline = Stroke::NONE;
                    format.strikethrough = Stroke::NONE;
                }
                job.append(text, 0.0, format);
            }
        } else {
            job.append(doc.slice(piece), 0.0, format);
        }
    }
    job
}

/// A stretch of a document to lay out. `generation` identifies the document set: document indices
/// change meaning between analyses.
#[derive(Clone, Copy)]
pub struct TextRef<'a> {
    /// Analysis generation.
    pub generation: u64,
    /// Document index.
    pub index: usize,
    /// The document.
    pub doc: &'a Document,
    /// The text to lay out.
    pub span: Span,
}

/// Laid-out galleys keyed by what went into them.
#[derive(Default)]
pub struct GalleyCache {
    galleys: HashMap<u64, Arc<Galley>>,
    heights: HashMap<(u64, usize, Span, u32), f32>,
}

impl GalleyCache {
    /// Number of galleys held.
    pub fn len(&self) -> usize {
        self.galleys.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.galleys.is_empty()
    }

    /// Forget everything (documents or fonts changed).
    pub fn clear(&mut self) {
        self.galleys.clear();
        self.heights.clear();
    }

    /// The galley of `text` with `marks`, laid out at most once per distinct input.
    pub fn galley(
        &mut self,
        ctx: &egui::Context,
        text: TextRef<'_>,
        marks: &[Mark],
        palette: &Palette,
        wrap_width: f32,
    ) -> Arc<Galley> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (text.generation, text.index, text.span, marks, palette, wrap_width.to_bits()).hash(&mut hasher);
        let key = hasher.finish();
        if let Some(galley) = self.galleys.get(&key) {
            return galley.clone();
        }
        if self.galleys.len() > CACHE_LIMIT {
            self.galleys.clear();
        }
        let job = layout_job(text.doc, text.span, marks, palette, wrap_width);
        let galley = ctx.fonts_mut(|fonts| fonts.layout_job(job));
        self.galleys.insert(key, galley.clone());
        galley
    }

    /// Height of `text` laid out plain at `wrap_width`. Marks never change the height (they only
    /// colour, underline and strike), so the plain height stands for the marked one.
    pub fn height(&mut self, ctx: &egui::Context, text: TextRef<'_>, palette: &Palette, wrap_width: f32) -> f32 {
        let key = (text.generation, text.index, text.span, wrap_width.to_bits());
        if let Some(height) = self.heights.get(&key) {
            return *height;
        }
        let height = self.galley(ctx, text, &[], palette, wrap_width).size().y;
        self.heights.insert(key, height);
        height
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_space_is_never_highlighted_underlined_or_struck() {
        let text = "甲乙\n　　丙丁";
        let doc = Document::plain("D1", "x.txt", text);
        let all = Span::new(0, doc.chars());
        let marks =
            [Mark { span: all, kind: MarkKind::Reused { source: 1 } }, Mark { span: all, kind: MarkKind::Inserted }];
        let job = layout_job(&doc, all, &marks, &Palette { dark: false }, 400.0);
        let mut marked = 0;
        for section in &job.sections {
            let piece = &job.text[section.byte_range.start.0..section.byte_range.end.0];
            if piece.trim().is_empty() {
                assert_eq!(section.format.background, egui::Color32::TRANSPARENT, "{piece:?}");
                assert_eq!(section.format.underline, Stroke::NONE, "{piece:?}");
            } else {
                assert_ne!(section.format.background, egui::Color32::TRANSPARENT, "{piece:?}");
                marked += 1;
            }
        }
        assert_eq!(marked, 2);
    }
}
