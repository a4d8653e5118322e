//! Every colour the app draws, for light and dark mode. Panels ask the [`Palette`]; no panel names a
//! colour of its own.

use egui::Color32;
use serde::{Deserialize, Serialize};

/// The user's theme preference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// The egui preference to apply.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// One hue per source document, chosen to stay apart from each other and from the diff colours:
/// no red (deleted), green (inserted), amber (changed) or yellow (find), so a reuse background
/// never reads as a diff mark and red struck-through text stays legible on it. Backgrounds are
/// derived by blending with the page colour.
const DOC_HUES: [(u8, u8, u8); 6] = [
    (0x7e, 0x57, 0xc2), // violet
    (0x00, 0x89, 0x7b), // teal
    (0xc2, 0x40, 0x9f), // magenta
    (0x60, 0x7d, 0x8b), // slate
    (0x00, 0xac, 0xc1), // cyan
    (0x3f, 0x51, 0xb5), // indigo
];

/// The colours for the current light/dark mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Palette {
    /// Dark mode.
    pub dark: bool,
}

impl Palette {
    /// The palette matching the context's current visuals.
    pub fn of(ctx: &egui::Context) -> Self {
        Self { dark: ctx.global_style().visuals.dark_mode }
    }

    fn mix(a: (u8, u8, u8), b: (u8, u8, u8), t: f32) -> Color32 {
        let lerp = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round().clamp(0.0, 255.0) as u8;
        Color32::from_rgb(lerp(a.0, b.0), lerp(a.1, b.1), lerp(a.2, b.2))
    }

    fn page(&self) -> (u8, u8, u8) {
        if self.dark { (0x1b, 0x1b, 0x1b) } else { (0xff, 0xff, 0xff) }
    }

    /// The strong colour of document `index` (swatches, graph nodes, arrows).
    pub fn document(&self, index: usize) -> Color32 {
        let hue = DOC_HUES[index % DOC_HUES.len()];
        if self.dark { Self::mix(hue, (0xff, 0xff, 0xff), 0.25) } else { Self::mix(hue, (0, 0, 0), 0.05) }
    }

    /// Background of text reused from document `index`: light enough to read the text on.
    pub fn reuse_background(&self, index: usize) -> Color32 {
        let hue = DOC_HUES[index % DOC_HUES.len()];
        Self::mix(self.page(), hue, if self.dark { 0.38 } else { 0.24 })
    }

    /// Background of boilerplate passages when they are shown.
    pub fn boilerplate_background(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x3a, 0x3a, 0x3a) } else { Color32::from_rgb(0xe4, 0xe4, 0xe4) }
    }

    /// Normal body text.
    pub fn text(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0xdd, 0xdd, 0xdd) } else { Color32::from_rgb(0x1a, 0x1a, 0x1a) }
    }

    /// Secondary text (scores, hints, empty cells).
    pub fn weak_text(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x8c, 0x8c, 0x8c) } else { Color32::from_rgb(0x80, 0x80, 0x80) }
    }

    /// Section headings inside the text columns.
    pub fn heading_text(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0xf2, 0xf2, 0xf2) } else { Color32::from_rgb(0x00, 0x00, 0x00) }
    }

    /// Text only in the right-hand document (underlined).
    pub fn inserted(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x6c, 0xe0, 0x7a) } else { Color32::from_rgb(0x0a, 0x7d, 0x20) }
    }

    /// Text only in the left-hand document (struck through).
    pub fn deleted(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0xff, 0x7b, 0x7b) } else { Color32::from_rgb(0xc0, 0x1a, 0x1a) }
    }

    /// Replaced text (dotted underline colour and text colour).
    pub fn changed(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0xff, 0xc8, 0x4a) } else { Color32::from_rgb(0xa0, 0x5a, 0x00) }
    }

    /// Text moved elsewhere in the other document.
    pub fn moved(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x8a, 0xb4, 0xff) } else { Color32::from_rgb(0x1d, 0x4e, 0xc0) }
    }

    /// Background of find matches.
    pub fn find_background(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x80, 0x70, 0x10) } else { Color32::from_rgb(0xff, 0xee, 0x55) }
    }

    /// Outline of the change the user navigated to.
    pub fn current_change(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0xff, 0xff, 0xff) } else { Color32::from_rgb(0x00, 0x00, 0x00) }
    }

    /// Background of the current change.
    pub fn current_background(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x50, 0x50, 0x80) } else { Color32::from_rgb(0xc8, 0xd8, 0xff) }
    }

    /// Lines between aligned rows.
    pub fn separator(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x44, 0x44, 0x44) } else { Color32::from_rgb(0xd8, 0xd8, 0xd8) }
    }

    /// Marker beside rows whose sections the alignment paired.
    pub fn aligned_marker(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x5a, 0x8a, 0xd0) } else { Color32::from_rgb(0x7a, 0xa6, 0xe6) }
    }

    /// Error messages.
    pub fn error(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0xff, 0x8a, 0x80) } else { Color32::from_rgb(0xb0, 0x10, 0x10) }
    }

    /// Success messages (a report was written).
    pub fn success(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x6c, 0xe0, 0x7a) } else { Color32::from_rgb(0x0a, 0x6d, 0x20) }
    }

    /// Plate under a figure drawn over lines (graph edge labels).
    pub fn plate(&self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(0x1b, 0x1b, 0x1b, 0xd8)
        } else {
            Color32::from_rgba_unmultiplied(0xff, 0xff, 0xff, 0xd8)
        }
    }

    /// Background of the message area: neutral, since it also carries notices and successes.
    pub fn message_background(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x2c, 0x30, 0x36) } else { Color32::from_rgb(0xee, 0xf1, 0xf5) }
    }

    /// Heat-map colour of a copy ratio `0..=1`.
    pub fn heat(&self, ratio: f32) -> Color32 {
        let t = ratio.clamp(0.0, 1.0).sqrt();
        let hot = (0xd6, 0x3a, 0x1a);
        Self::mix(self.page(), hot, 0.08 + 0.92 * t)
    }

    /// Text drawn on a heat-map cell of `ratio`.
    pub fn heat_text(&self, ratio: f32) -> Color32 {
        if ratio.sqrt() > 0.55 || self.dark { Color32::WHITE } else { Color32::BLACK }
    }

    /// Empty cells (diagonal of the heat map, missing alignment cells).
    pub fn empty_cell(&self) -> Color32 {
        if self.dark { Color32::from_rgb(0x2a, 0x2a, 0x2a) } else { Color32::from_rgb(0xf2, 0xf2, 0xf2) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_get_distinct_colours() {
        for dark in [false, true] {
            let palette = Palette { dark };
            let colours: Vec<_> = (0..5).map(|i| palette.reuse_background(i)).collect();
            for i in 0..colours.len() {
                for j in i + 1..colours.len() {
                    assert_ne!(colours[i], colours[j]);
                }
            }
        }
    }
}

#[cfg(test)]
mod colour_tests {
    use super::*;

    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f32 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    fn hue(c: Color32) -> f32 {
        let (r, g, b) = (f32::from(c.r()) / 255.0, f32::from(c.g()) / 255.0, f32::from(c.b()) / 255.0);
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        if max == min {
            return 0.0;
        }
        let d = max - min;
        let h = if max == r {
            ((g - b) / d).rem_euclid(6.0)
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        };
        h * 60.0
    }

    fn hue_distance(a: f32, b: f32) -> f32 {
        let d = (a - b).abs() % 360.0;
        d.min(360.0 - d)
    }

    #[test]
    fn diff_text_stays_readable_on_every_reuse_background_in_both_themes() {
        for dark in [false, true] {
            let palette = Palette { dark };
            for doc in 0..DOC_HUES.len() {
                let background = palette.reuse_background(doc);
                for (name, text) in [
                    ("text", palette.text()),
                    ("inserted", palette.inserted()),
                    ("deleted", palette.deleted()),
                    ("changed", palette.changed()),
                ] {
                    let ratio = contrast(text, background);
                    assert!(ratio >= 3.0, "dark={dark} doc {doc}: {name} on its background has contrast {ratio:.2}");
                }
            }
        }
    }

    #[test]
    fn document_hues_never_collide_with_diff_or_find_colours() {
        let palette = Palette { dark: false };
        let reserved = [palette.inserted(), palette.deleted(), palette.changed(), palette.find_background()];
        for (doc, &(r, g, b)) in DOC_HUES.iter().enumerate() {
            let own = hue(Color32::from_rgb(r, g, b));
            for colour in reserved {
                let distance = hue_distance(own, hue(colour));
                assert!(distance >= 40.0, "document hue {doc} is {distance:.0}° from a diff colour");
            }
        }
    }
}
