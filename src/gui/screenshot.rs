//! Screenshots of the real window for the README: with `DUIZHAO_SCREENSHOT=out.png` (and optionally
//! `DUIZHAO_VIEW=alignment`) the app waits until its analysis is on screen, captures the next frame,
//! writes the PNG and closes. Used by `scripts/screenshots.sh` under Xvfb.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::commands::View;
use super::theme::ThemeChoice;

/// The theme asked for by `DUIZHAO_THEME` (`light` or `dark`), for screenshots of both.
pub fn theme_from_env() -> Option<ThemeChoice> {
    match std::env::var("DUIZHAO_THEME").ok()?.as_str() {
        "light" => Some(ThemeChoice::Light),
        "dark" => Some(ThemeChoice::Dark),
        _ => None,
    }
}

/// The window size asked for by `DUIZHAO_SIZE` (`1000x700`), for screenshots of small windows.
pub fn size_from_env() -> Option<[f32; 2]> {
    let value = std::env::var("DUIZHAO_SIZE").ok()?;
    let (width, height) = value.split_once('x')?;
    Some([width.trim().parse().ok()?, height.trim().parse().ok()?])
}

/// The column whose first reused passage shows its tooltip (`DUIZHAO_HOVER=left|right`), so a
/// screenshot can show the provenance wording without a pointer.
pub fn hover_from_env() -> Option<super::compare::Side> {
    match std::env::var("DUIZHAO_HOVER").ok()?.as_str() {
        "left" => Some(super::compare::Side::Left),
        "right" => Some(super::compare::Side::Right),
        _ => None,
    }
}

/// Frames to wait after everything is ready, so layout, scrolling and the fade-in of a pinned
/// tooltip have settled.
const SETTLE_FRAMES: u32 = 24;

#[derive(Debug)]
enum Phase {
    Waiting { settled: u32 },
    Requested,
    Closing,
}

/// A pending screenshot.
#[derive(Debug)]
pub struct ScreenshotPlan {
    /// Where the PNG goes.
    pub path: PathBuf,
    /// The view to capture.
    pub view: View,
    /// A folder to check the shown draft against first (`DUIZHAO_FOLDER_CHECK=dir`): the picture
    /// is then the folder check's dialog with its result and Export row.
    pub folder_check: Option<PathBuf>,
    phase: Phase,
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

impl ScreenshotPlan {
    /// The plan asked for by the environment, if any.
    pub fn from_env() -> Option<ScreenshotPlan> {
        let path = std::env::var_os("DUIZHAO_SCREENSHOT")?;
        let view = std::env::var("DUIZHAO_VIEW").ok().and_then(|name| View::from_name(&name)).unwrap_or_default();
        Some(ScreenshotPlan {
            path: PathBuf::from(path),
            view,
            folder_check: std::env::var_os("DUIZHAO_FOLDER_CHECK").map(PathBuf::from),
            phase: Phase::Waiting { settled: 0 },
            result: Arc::new(Mutex::new(None)),
        })
    }

    /// Advance by one frame. `ready` says whether the view shows its final content.
    pub fn tick(&mut self, ctx: &egui::Context, ready: bool) -> Result<(), String> {
        match &mut self.phase {
            Phase::Waiting { settled } => {
                if ready {
                    *settled += 1;
                }
                if *settled >= SETTLE_FRAMES {
                    let path = self.path.clone();
                    let result = self.result.clone();
                    let waker = ctx.clone();
                    ctx.request_screenshot(move |image| {
                        let saved = save_png(&path, &image);
                        if let Ok(mut slot) = result.lock() {
                            *slot = Some(saved);
                        }
                        waker.request_repaint();
                    });
                    self.phase = Phase::Requested;
                }
                ctx.request_repaint();
                Ok(())
            }
            Phase::Requested => {
                let finished = self.result.lock().map_err(|_| "screenshot state poisoned".to_owned())?.take();
                match finished {
                    Some(result) => {
                        self.phase = Phase::Closing;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        result
                    }
                    None => {
                        ctx.request_repaint();
                        Ok(())
                    }
                }
            }
            Phase::Closing => Ok(()),
        }
    }
}

fn save_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let [width, height] = image.size;
    let buffer = image::RgbaImage::from_raw(width as u32, height as u32, image.as_raw().to_vec())
        .ok_or_else(|| format!("{}: screenshot has an unexpected size", path.display()))?;
    buffer.save(path).map_err(|error| format!("{}: {error}", path.display()))
}
