//! The bundled CJK font, installed ahead of egui's own fonts.
//!
//! egui ships Latin fonts only; without this every hanzi would be a box. The subset covers GB2312 and
//! every char of the corpus (see `scripts/make-font-subset.sh`); rarer chars fall back to installed
//! system fonts through eframe's `system_fonts` provider.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Name of the bundled font in egui's font registry.
pub const CJK_FONT_NAME: &str = "noto-sans-cjk-sc-subset";

static CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Subset.otf");

/// egui's default fonts with the CJK font first in both families.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(CJK_FONT_NAME.to_owned(), Arc::new(FontData::from_static(CJK_FONT)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().insert(0, CJK_FONT_NAME.to_owned());
    }
    fonts
}

/// Install the fonts into `ctx` (takes effect this pass if nothing was laid out yet).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
